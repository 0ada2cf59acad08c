#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A session killed mid-transfer must clean up fully (KTAP): start a long
# dmactl memcpy, wait until it has copies in flight, kill it (SIGKILL, then
# in a second round SIGTERM), then check that no channel is left in use, no
# dmactl process remains and the modules unload: dmactl.ko, and vdma.ko
# when the test channels are vdma's (lib.sh).  The modules are loaded
# again after each round.
#
# usage: kill9.sh   (DMACTL=path overrides the dmactl binary)

DMACTL=${DMACTL:-dmactl}
MODDIR=${MODDIR:-/lib/modules/dmactl}
SIGNALS="KILL TERM"

. "$(dirname "$0")/lib.sh"

# Copies are in flight once the process holds the channel and has its
# buffers mapped; it then only loops on submit and wait.
wait_in_flight()
{
	pid=$1 chan=$2 i=0

	while [ $i -lt 300 ]; do
		kill -0 "$pid" 2>/dev/null || return 1
		if [ "$(cat "/sys/class/dma/$chan/in_use")" = 1 ] &&
		   [ "$(grep -c /dev/dmactl "/proc/$pid/maps" 2>/dev/null)" -ge 2 ]; then
			sleep 1
			kill -0 "$pid" 2>/dev/null
			return
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# round SIG: 5 results
round()
{
	sig=$1 t=kill_$1

	"$DMACTL" memcpy -c "$chan" -s 1M -q 16 -n 100000000 --no-verify \
		> "$tmp/out" 2>&1 &
	pid=$!
	res=0
	if wait_in_flight "$pid" "$chan"; then
		echo "# $t: pid $pid in $(cat "/proc/$pid/wchan" 2>/dev/null) with copies in flight on $chan"
		kill -"$sig" "$pid"
	else
		echo "# $t: dmactl never got copies in flight:"
		sed 's/^/# /' "$tmp/out"
		kill -KILL "$pid" 2>/dev/null
		res=1
	fi
	# the shell's "Killed" notice is not KTAP
	wait "$pid" 2>/dev/null
	status=$?
	echo "# $t: dmactl exit status $status"
	if [ "$sig" = KILL ] && [ $status != 137 ]; then
		echo "# $t: expected death by SIGKILL (137)"
		res=1
	fi
	result $res "${t}_mid_transfer"

	# the fd is released before the parent learns of the exit
	busy=$(channels_in_use_but "$held_before")
	[ -n "$busy" ] && echo "# $t: channels still in use:" $busy
	result "${busy:+1}" "${t}_channels_released"

	left=$(pidof dmactl)
	[ -n "$left" ] && echo "# $t: dmactl processes left: $left"
	result "${left:+1}" "${t}_no_process_left"

	res=0
	for m in $MODULES; do
		rmmod $m > "$tmp/rmmod" 2>&1 || res=1
		sed 's/^/# /' "$tmp/rmmod"
	done
	for m in $MODULES; do
		lsmod | grep -q "^$m " && { echo "# $t: $m still loaded"; res=1; }
	done
	result $res "${t}_modules_unload"

	res=0
	for m in $(echo $MODULES | tr ' ' '\n' | sed -n '1!G;h;$p'); do
		insmod "$MODDIR/$m.ko" || res=1
	done
	[ -c /dev/dmactl ] || { echo "# $t: no /dev/dmactl after reloading"; res=1; }
	[ -n "$(test_channels)" ] || { echo "# $t: no $(test_driver) channel after reloading"; res=1; }
	result $res "${t}_modules_reload"
}

set -- $(test_channels)
chan=${1:-dma0chan0}
# what other consumers held before, and hold still
held_before=$(channels_in_use)
# unloaded in this order, loaded in the reverse one
MODULES=dmactl
[ "$(test_driver)" = vdma ] && MODULES="dmactl vdma"

echo "KTAP version 1"
echo "1..$(($(echo $SIGNALS | wc -w) * 5))"
for s in $SIGNALS; do
	round "$s"
done
ktap_done kill9.sh
