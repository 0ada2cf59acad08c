#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Under kernel lockdown the bridge refuses slave device addresses, as
# the kernel refuses /dev/mem (LOCKDOWN_DEV_MEM): a DMA write to a
# device address is a write to any physical address.  Memory to memory
# transfers go on.  Lockdown cannot be lifted until reboot, so this runs
# last in a boot; on a kernel with kmemleak (the debug kernel) it skips,
# as lockdown would stop the leak scan that follows the suite.
#
# usage: lockdown.sh   (DMACTL=path overrides the dmactl binary)

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-lib.sh"

LOCKDOWN=/sys/kernel/security/lockdown

vdma=$(vdma_channels)
set -- $vdma
chan=${1:-dma0chan0}

echo "KTAP version 1"
echo "1..3"

[ -e "$LOCKDOWN" ] || mount -t securityfs securityfs /sys/kernel/security 2> /dev/null
why=
if [ ! -e "$LOCKDOWN" ]; then
	why="no lockdown LSM in this kernel"
elif [ -e /sys/kernel/debug/kmemleak ]; then
	why="kmemleak: lockdown would stop the scan after the suite"
elif ! grep -q '\[none\]' "$LOCKDOWN"; then
	why="already locked down: $(cat "$LOCKDOWN")"
fi

if [ -n "$why" ]; then
	skip device_address_refused "$why"
	skip no_device_address_taken "$why"
	skip memcpy_goes_on "$why"
	ktap_done lockdown
	exit
fi

# Before: the same command works.
"$DMACTL" slave tx -c "$chan" --port 0 -n 1 > "$tmp/before" 2>&1 ||
	{ echo "# slave tx before lockdown failed:"; sed 's/^/# /' "$tmp/before"; }
echo integrity > "$LOCKDOWN" || exit 1
echo "# lockdown: $(cat "$LOCKDOWN")"

run_test device_address_refused expect_error 1 'lockdown.*EPERM' \
	"$DMACTL" slave tx -c "$chan" --port 0 -n 1
# A configuration without a device address is no /dev/mem.
run_test no_device_address_taken "$DMACTL" memcpy -c "$chan" -n 2 --width 4
run_test memcpy_goes_on "$DMACTL" memcpy -c "$chan" -n 4 -s 64K
ktap_done lockdown
