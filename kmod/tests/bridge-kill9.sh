#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A session killed in the middle of a cyclic transfer must clean up fully
# (KTAP): "bridge hold-cyclic" starts a cyclic transmitter and a cyclic
# receiver through a vdma FIFO port, on two channels, and sleeps; once
# their periods run it gets SIGKILL, then no channel may be left in use and
# both modules must unload.  They are loaded again at the end.  Skips when
# no channel can do cyclic transfers.
#
# usage: bridge-kill9.sh

MODDIR=${MODDIR:-/lib/modules/dmactl}
BRIDGE=$(dirname "$0")/bridge
NAMES="cyclic_killed channels_released modules_unload modules_reload"

. "$(dirname "$0")/lib.sh"

echo "KTAP version 1"
echo "1..$(echo $NAMES | wc -w)"

"$BRIDGE" hold-cyclic > "$tmp/out" 2>&1 &
pid=$!
i=0
while [ $i -lt 100 ] && kill -0 $pid 2>/dev/null && [ ! -s "$tmp/out" ]; do
	sleep 0.1
	i=$((i + 1))
done
chans=$(head -n 1 "$tmp/out")
if ! kill -0 $pid 2>/dev/null; then
	wait $pid
	status=$?
	# bridge's tests exit 2 (SKIP) when a capability is missing
	if [ $status = 2 ]; then
		for t in $NAMES; do
			n=$((n + 1))
			echo "ok $n $t # SKIP no channel does cyclic transfers"
		done
		exit 0
	fi
	sed 's/^/# /' "$tmp/out"
	echo "# bridge hold-cyclic exited with status $status"
	for t in $NAMES; do
		result 1 "$t"
	done
	ktap_done bridge-kill9.sh
	exit
fi

# Let periods run, then kill it in the middle of one.
sleep 0.5
res=0
for c in $chans; do
	if [ "$(cat "/sys/class/dma/$c/in_use" 2>/dev/null)" != 1 ]; then
		echo "# $c is not in use while the cyclic jobs run"
		res=1
	fi
done
echo "# pid $pid holds $chans in $(cat "/proc/$pid/wchan" 2>/dev/null)"
kill -KILL $pid
# the shell's "Killed" notice is not KTAP
wait $pid 2>/dev/null
status=$?
[ $status = 137 ] || { echo "# exit status $status, not 137"; res=1; }
result $res cyclic_killed

busy=$(channels_in_use)
[ -n "$busy" ] && echo "# channels still in use: $busy"
result "${busy:+1}" channels_released

res=0
for m in dmactl vdma; do
	rmmod $m > "$tmp/rmmod" 2>&1 || res=1
	sed 's/^/# /' "$tmp/rmmod"
done
lsmod | grep -qE '^(dmactl|vdma) ' && { echo "# modules still loaded"; res=1; }
result $res modules_unload

res=0
insmod "$MODDIR/vdma.ko" && insmod "$MODDIR/dmactl.ko" || res=1
[ -c /dev/dmactl ] || { echo "# no /dev/dmactl after reloading"; res=1; }
[ -n "$(vdma_channels)" ] || { echo "# no vdma channel after reloading"; res=1; }
result $res modules_reload

ktap_done bridge-kill9.sh
