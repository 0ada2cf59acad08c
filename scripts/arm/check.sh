#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The VM test suite on the emulated ARM boards (`make check-arm`), as
# root on Debian 12: for each board, the host packages (deps.sh), the
# cross build (build.sh), then one boot (vm.sh) running kmod/tests/run.sh
# with the suite below against the board's own DMA controller.  Every
# "ok"/"not ok" line is counted; the last line of the output is
# "N passed, N failed, N skipped" and the exit status is 1 if any failed.
#
# usage: check.sh [BOARD...]   (default: raspi3b smdkc210)
# ARM_VM_TIMEOUT (seconds, default 1200) bounds each board's boot.
# SKIP_DEPS=1 skips deps.sh.

. "$(dirname "$0")/lib.sh"

ARM_VM_TIMEOUT=${ARM_VM_TIMEOUT:-1200}
# The tests that need nothing of vdma: arm-caps.sh (what the driver
# reports), dmatest.sh, abi (every ABI rule, memcpy verified, residue in
# flight), memcpy.sh (sizes x queue depths, verified), arm-controls.sh
# (terminate, pause / resume) and kill9.sh (cleanup of killed sessions).
# arm-caps.sh first: it reads the channels before any test used them.
# dmatest.sh before dmactl's tests: pl330 recycles descriptors without
# clearing their callback_result, so a descriptor dmactl used would call
# dmactl's callback when dmatest reuses it (dmatest sets only callback).
ARM_SUITE="arm-caps.sh dmatest.sh abi memcpy.sh arm-controls.sh kill9.sh"

[ $# -gt 0 ] || set -- $ARM_BOARDS
for b in "$@"; do
	board_define "$b"
done

counts_init check-arm
start=$SECONDS

# fail NAME: a failure of this script itself, as KTAP
fail()
{
	echo "not ok 1 $1"
	failed=$((failed + 1))
}

if [ "${SKIP_DEPS:-0}" != 1 ]; then
	"$TOP/scripts/arm/deps.sh" || fail "deps"
fi
export SKIP_DEPS=1

for b in "$@"; do
	t0=$SECONDS
	echo "# check-arm: $b: build"
	if ! "$TOP/scripts/arm/build.sh" "$b"; then
		fail "$b: build"
		continue
	fi
	echo "# check-arm: $b: VM suite ($((SECONDS - t0)) s)"
	"$TOP/scripts/arm/vm.sh" "$b" -n -t "$ARM_VM_TIMEOUT" -- \
		"/tests/run.sh $ARM_SUITE" 2>&1 | ktap
	rc=${PIPESTATUS[0]}
	ktap_counts
	passed=$((passed + KTAP_P))
	failed=$((failed + KTAP_F))
	skipped=$((skipped + KTAP_S))
	why=$(ktap_agrees "$rc") || fail "$b: scripts/arm/vm.sh $why"
	echo "# check-arm: $b: done in $((SECONDS - t0)) s"
done

echo "# check-arm: done in $((SECONDS - start)) s"
counts_done
