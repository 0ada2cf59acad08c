#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The bridge's tests against vdma's personalities (vdma(4)): for each
# one, vdma.ko is loaded again with personality=P, so that its only device
# behaves like that class of upstream providers, and run.sh runs the tests
# that hold for any provider: the ABI rules (abi), verified copies
# (memcpy.sh), the kernel's dmatest (dmatest.sh), terminate and pause
# (arm-controls.sh), the fuzzer, killed and closed sessions (abuse's
# kill9_* and close_during_*) and module unload after kills (kill9.sh).
# What a personality lacks, a test skips with the reason.  Each run.sh's
# KTAP goes through, after a "# matrix: P" line; the exit status is 1 if
# any test failed.  vdma is left loaded with its default personality.
#
# usage: matrix.sh [PERSONALITY...]   (default: $DMACTL_MATRIX, else
#                                      the list below)
# FUZZ_CALLS (default here 20000) bounds the fuzzer on each.

dir=$(cd "$(dirname "$0")" && pwd)
MODDIR=${MODDIR:-/lib/modules/dmactl}

# The presets and a hard-IRQ-like completion, which no preset has.  Not
# here: idxd, for a defect of vdma's (on the debug kernel dmatest saw one
# of 3200 copies report 'completion busy status', its cookie not complete
# when its callback ran, on idxd's threaded completion); and a threaded
# completion 200 ms late on a provider without device_synchronize whose
# free does not wait for it
# ("default,synchronize=0,completion=thread,delay_us=200000,free_waits=0"),
# for time: memcpy.sh alone takes 5 minutes on it.  vdma-personality.sh
# runs the bridge's stale_callback on that one.  Name them to run them.
MATRIX="pl330 bcm2835 stm32 virt-memcpy default,completion=hardirq"
[ $# -gt 0 ] || set -- ${DMACTL_MATRIX:-$MATRIX}

FUZZ_CALLS=${FUZZ_CALLS:-20000}
export FUZZ_CALLS
ABUSE_ONLY="kill9_memcpy kill9_memcpy_unwaited kill9_memcpy_user_buffers
kill9_bench_loop close_during_wait close_during_poll close_during_read"

# load P: vdma.ko again, with personality P ("" for the default)
load()
{
	rmmod vdma 2>/dev/null
	if [ -n "$1" ]; then
		insmod "$MODDIR/vdma.ko" "personality=$1"
	else
		insmod "$MODDIR/vdma.ko"
	fi
}

rc=0
for p in "$@"; do
	echo "# matrix: $p"
	if ! load "$p"; then
		echo "KTAP version 1"
		echo "1..1"
		echo "not ok 1 matrix: vdma.ko does not load with personality=$p"
		rc=1
		continue
	fi
	sed 's/^/# matrix: /' "/sys/bus/platform/devices/vdma/personality"
	"$dir/run.sh" abi memcpy.sh dmatest.sh arm-controls.sh fuzz || rc=1
	DMACTL_TEST_ONLY=$(echo $ABUSE_ONLY) "$dir/run.sh" abuse || rc=1
	"$dir/run.sh" kill9.sh || rc=1
done
load "" || rc=1
exit $rc
