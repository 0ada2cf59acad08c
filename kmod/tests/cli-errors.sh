#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# dmactl's bad input, command by command (KTAP): an unknown channel, a
# size of 0 or too large, a burst or width the channel's caps do not
# allow, a period that does not divide the buffer, a malformed number,
# missing privilege, the module not loaded.  Each must exit with its
# documented status (2 for what the user typed wrong, 1 for what the
# system refused), print one line naming the value and nothing else, and
# leave no channel held.  The module test unloads dmactl.ko and loads it
# again.
#
# usage: cli-errors.sh   (DMACTL=path overrides the dmactl binary)

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-lib.sh"

# case_ NAME STATUS ERE ARG...: dmactl ARG... fails as expect_error says
case_()
{
	c_name=$1 c_status=$2 c_ere=$3
	shift 3
	run_test "$c_name" expect_error "$c_status" "$c_ere" "$DMACTL" "$@"
}

# Opening /dev/dmactl needs CAP_SYS_RAWIO: even with the node's mode open
# to everyone, a process without it is refused.  A new user namespace
# (busybox has no capsh) takes every capability in the initial one away.
privilege()
{
	mode=$(stat -c %a /dev/dmactl)
	chmod 666 /dev/dmactl
	res=0
	for cmd in "memcpy -n 1" "info $chan" "bench -n 1" "slave tx --port 0" \
		   "cyclic tx --port 0"; do
		# shellcheck disable=SC2086
		expect_error 1 'CAP_SYS_RAWIO' unshare --user "$DMACTL" $cmd ||
			res=1
	done
	chmod "$mode" /dev/dmactl
	return $res
}

# The "events" group tells what other users' sessions do: joining it
# needs CAP_SYS_ADMIN where genetlink can require it (else the events
# carry nothing private, and the monitor runs).
monitor_privilege()
{
	if unshare --user "$DMACTL" monitor --duration 200 > "$tmp/mon" 2>&1; then
		echo "# this kernel lets anyone join the events group"
		return 0
	fi
	grep -q 'CAP_SYS_ADMIN' "$tmp/mon" && [ "$(wc -l < "$tmp/mon")" = 1 ] ||
		{ echo "dmactl monitor without CAP_SYS_ADMIN:"; cat "$tmp/mon"; return 1; }
}

module_not_loaded()
{
	rmmod dmactl || { echo "rmmod dmactl failed"; return 1; }
	res=0
	not_loaded='dmactl\.ko'
	for cmd in "memcpy -c $chan -n 1" "memset -n 1" "info $chan" \
		   "bench -n 1" "slave loop --port 0" "sg tx --port 0" \
		   "cyclic rx --port 0" "interleave" "monitor -n 1"; do
		# shellcheck disable=SC2086
		expect_error 1 "$not_loaded" "$DMACTL" $cmd || res=1
	done
	# list shows what sysfs knows before it fails
	"$DMACTL" list > /dev/null 2> "$tmp/list.err"
	rc=$?
	if [ $rc != 1 ] || [ "$(wc -l < "$tmp/list.err")" != 1 ] ||
	   ! grep -qE "^dmactl: .*$not_loaded" "$tmp/list.err"; then
		echo "dmactl list: exit status $rc, expected 1 and one line naming the module:"
		cat "$tmp/list.err"
		res=1
	fi
	# version is worth printing without it
	"$DMACTL" version > "$tmp/v" 2>&1 && grep -q 'module not loaded' "$tmp/v" ||
		{ echo "dmactl version without the module:"; cat "$tmp/v"; res=1; }
	# a peripheral_config bound above a page is refused at load
	if insmod "$MODDIR/dmactl.ko" max_config_bytes=1048576 2> /dev/null; then
		echo "insmod dmactl.ko max_config_bytes=1048576 succeeded"
		rmmod dmactl
		res=1
	fi
	insmod "$MODDIR/dmactl.ko" || { echo "insmod dmactl.ko failed"; return 1; }
	"$DMACTL" memcpy -c "$chan" -n 2 > "$tmp/again" 2>&1 ||
		{ echo "dmactl memcpy fails after reloading"; cat "$tmp/again"; res=1; }
	return $res
}

vdma=$(vdma_channels)
set -- $vdma
chan=${1:-dma0chan0}
max_burst=$(cat /sys/module/vdma/parameters/max_burst)

echo "KTAP version 1"
echo "1..38"
echo "# vdma channels: $(echo ${vdma:-none}); max_burst $max_burst"

# unknown channel: the system has none of that name (exit 1)
case_ unknown_channel_memcpy 1 "channel 'dma99chan99'" memcpy -c dma99chan99 -n 1
case_ unknown_channel_info 1 "channel 'dma99chan99'" info dma99chan99
case_ unknown_channel_bench 1 "channel 'dma99chan99'" bench -c dma99chan99 -n 1
case_ unknown_channel_slave 1 "channel 'dma99chan99'" slave loop --port 0 -c "$chan,dma99chan99"
case_ unknown_channel_cyclic 1 "channel 'dma99chan99'" cyclic tx --port 0 -c dma99chan99
case_ unknown_device 1 "device 'nodev'" memset -D nodev -n 1

# size 0, or larger than the module takes (exit 2)
case_ size_zero_memcpy 2 "size '0'" memcpy -s 0
case_ size_zero_bench 2 "size list '0'" bench -s 0
case_ size_zero_slave 2 "size '0'" slave tx --port 0 -s 0
case_ size_too_large_memcpy 2 "size '1G'.*max_buf_bytes" memcpy -c "$chan" -s 1G -n 1
case_ size_too_large_memset 2 "size '64M'.*max_buf_bytes" memset -c "$chan" -s 64M -n 1
case_ size_too_large_bench 2 "size '16M'.*max_buf_bytes" bench -c "$chan" -s 4K,16M -n 1
case_ size_too_large_slave 2 "size '1G'.*max_buf_bytes" slave tx --port 0 -s 1G
case_ size_too_large_cyclic 2 "size '1G'.*max_buf_bytes" cyclic tx --port 0 -s 1G -p 4K
case_ size_beyond_any 2 "size '2048G'" memcpy -s 2048G

# a burst or width the channel's caps do not allow (exit 2)
case_ burst_above_max_slave 2 "burst '$((max_burst + 1))'.*at most $max_burst" \
	slave tx --port 0 --burst $((max_burst + 1))
case_ burst_above_max_memcpy 2 "burst '$((max_burst * 2))'.*at most $max_burst" \
	memcpy -c "$chan" --burst $((max_burst * 2)) -n 1
case_ burst_above_max_bench 2 "burst '$((max_burst * 4))'.*at most $max_burst" \
	bench -c "$chan" --burst 1,$((max_burst * 4)) -n 1
case_ width_not_in_caps 2 "width '3'.*supports" slave tx --port 0 --width 3
case_ width_not_in_caps_bench 2 "width '3'.*supports" bench -c "$chan" --width 1,3 -n 1
case_ width_not_a_width 2 "width '5'" cyclic tx --port 0 --width 5

# a period that does not divide the buffer (exit 2)
case_ period_not_dividing 2 "period '3000'.*16384" cyclic tx --port 0 -s 16K -p 3000

# malformed numbers (exit 2)
case_ malformed_size 2 "size '12Q'" memcpy -s 12Q
case_ malformed_count 2 "count 'abc'" memset -n abc
case_ malformed_qdepth 2 "qdepth '1.5'" memcpy -q 1.5
case_ malformed_size_list 2 "size list '4K,,8K'" bench -s 4K,,8K
case_ malformed_addr 2 "addr '0xZZ'" slave tx --addr 0xZZ
case_ malformed_periods 2 "periods '-3'" cyclic loop --port 0 --periods -3
case_ malformed_entries 2 "entries '2x'" sg loop --port 0 --entries 2x

# what is missing or unknown (exit 2)
case_ unknown_command 2 frobnicate frobnicate
case_ missing_direction 2 "missing direction" slave
case_ unknown_direction 2 "direction 'sideways'" cyclic sideways --port 0
case_ missing_address 2 "missing --dst-addr" slave tx
case_ unknown_port 2 "port '63'" slave tx --port 63

# Dropping the capability takes a user namespace.
if unshare --user true 2> /dev/null; then
	run_test missing_privilege privilege
	run_test monitor_needs_cap_sys_admin monitor_privilege
else
	skip missing_privilege "no user namespaces in this kernel"
	skip monitor_needs_cap_sys_admin "no user namespaces in this kernel"
fi
run_test module_not_loaded module_not_loaded
run_test no_channel_held_at_the_end no_channel_held

ktap_done cli-errors.sh
