#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# dmactl memcpy through vdma, end to end (KTAP): every size x queue depth
# copies with verification on, then discovery (list, info), the JSON
# report, and the exit status and message of bad input.  Needs vdma.ko and
# dmactl.ko loaded; the module test unloads dmactl.ko and loads it again.
#
# usage: memcpy.sh   (DMACTL=path overrides the dmactl binary)

DMACTL=${DMACTL:-dmactl}
MODDIR=${MODDIR:-/lib/modules/dmactl}

SIZES="1 512 3000 4K 64K 1M"
QDEPTHS="1 4 16"
JSON_KEYS="version abi_version kernel channel device driver size_bytes count
qdepth verify bytes ops busy_ns elapsed_ns throughput_MBps throughput_MiBps
iops latency_p50_ns latency_p99_ns latency_max_ns verify_errors"

. "$(dirname "$0")/lib.sh"

# 4K -> 4096 (K, M, G are powers of 1024, as dmactl reads them)
bytes_of()
{
	case $1 in
	*K) echo $((${1%K} * 1024)) ;;
	*M) echo $((${1%M} * 1024 * 1024)) ;;
	*G) echo $((${1%G} * 1024 * 1024 * 1024)) ;;
	*) echo "$1" ;;
	esac
}

# The value of KEY in a pretty-printed JSON file (one key per line).
json_value()
{
	sed -n "s/^ *\"$2\": *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\} *\$/\1/p" "$1" | head -n 1
}

# expect_value FILE KEY VALUE
expect_value()
{
	v=$(json_value "$1" "$2")
	[ "$v" = "$3" ] && return 0
	echo "\"$2\" is '$v', expected '$3'"
	return 1
}

copy_case()
{
	size=$1 q=$2 count=$3 out=$tmp/copy.json
	"$DMACTL" memcpy -c "$chan" -s "$size" -q "$q" -n "$count" --json \
		> "$out" 2> "$tmp/err"
	rc=$?
	if [ $rc != 0 ]; then
		echo "dmactl memcpy -c $chan -s $size -q $q -n $count: exit status $rc"
		cat "$tmp/err"
		return 1
	fi
	bytes=$(($(bytes_of "$size") * count))
	res=0
	expect_value "$out" verify_errors 0 || res=1
	expect_value "$out" ops "$count" || res=1
	expect_value "$out" bytes "$bytes" || res=1
	expect_value "$out" size_bytes "$(bytes_of "$size")" || res=1
	expect_value "$out" qdepth "$q" || res=1
	expect_value "$out" channel "$chan" || res=1
	expect_value "$out" verify true || res=1
	p50=$(json_value "$out" latency_p50_ns)
	p99=$(json_value "$out" latency_p99_ns)
	max=$(json_value "$out" latency_max_ns)
	if ! [ "${p50:-0}" -gt 0 ] 2>/dev/null ||
	   ! [ "$p50" -le "${p99:-0}" ] 2>/dev/null ||
	   ! [ "$p99" -le "${max:-0}" ] 2>/dev/null; then
		echo "latencies not 0 < p50 <= p99 <= max: $p50 $p99 $max"
		res=1
	fi
	mbps=$(sed -n 's/.*"throughput_MBps": *\([0-9.]*\).*/\1/p' "$out")
	if ! awk -v v="$mbps" 'BEGIN { exit !(v ~ /^[0-9]+(\.[0-9]+)?$/ && v > 0) }'; then
		echo "throughput_MBps '$mbps' is not a positive number"
		res=1
	fi
	[ $res = 0 ] || cat "$out"
	return $res
}

list_shows_all_channels()
{
	"$DMACTL" list > "$tmp/list" 2>&1 || { cat "$tmp/list"; return 1; }
	res=0
	for c in /sys/class/dma/*; do
		[ -e "$c" ] || continue
		if ! grep -qw "${c##*/}" "$tmp/list"; then
			echo "${c##*/} (in /sys/class/dma) missing from dmactl list"
			res=1
		fi
	done
	if [ -z "$vdma" ]; then
		echo "no vdma channel in /sys/class/dma"
		res=1
	fi
	# and nothing that is not a channel
	for c in $(grep -o 'dma[0-9]*chan[0-9]*' "$tmp/list" | sort -u); do
		if [ ! -e "/sys/class/dma/$c" ]; then
			echo "dmactl list shows $c, not in /sys/class/dma"
			res=1
		fi
	done
	[ $res = 0 ] || cat "$tmp/list"
	return $res
}

list_json()
{
	"$DMACTL" -j list > "$tmp/list.json" 2>&1 || { cat "$tmp/list.json"; return 1; }
	for c in $vdma; do
		grep -q "\"$c\"" "$tmp/list.json" && continue
		echo "\"$c\" missing from dmactl -j list"
		cat "$tmp/list.json"
		return 1
	done
}

info_works()
{
	"$DMACTL" info "$chan" > "$tmp/info" 2>&1 || { cat "$tmp/info"; return 1; }
	grep -qw "$chan" "$tmp/info" || { echo "no $chan in:"; cat "$tmp/info"; return 1; }
	grep -qw vdma "$tmp/info" || { echo "no vdma in:"; cat "$tmp/info"; return 1; }
	if [ "$(cat "/sys/class/dma/$chan/in_use")" != 0 ]; then
		echo "$chan still in use after dmactl info"
		return 1
	fi
}

json_keys()
{
	"$DMACTL" -j memcpy -c "$chan" -s 4K -n 10 > "$tmp/keys.json" 2>&1 ||
		{ cat "$tmp/keys.json"; return 1; }
	res=0
	for k in $JSON_KEYS; do
		if [ "$(grep -c "^ *\"$k\": " "$tmp/keys.json")" != 1 ]; then
			echo "key \"$k\" not on exactly one line of its own"
			res=1
		fi
	done
	head -n 1 "$tmp/keys.json" | grep -q '^{$' || { echo "does not start with {"; res=1; }
	tail -n 1 "$tmp/keys.json" | grep -q '^}$' || { echo "does not end with }"; res=1; }
	expect_value "$tmp/keys.json" abi_version 1 || res=1
	expect_value "$tmp/keys.json" driver vdma || res=1
	expect_value "$tmp/keys.json" kernel "$(uname -r)" || res=1
	[ $res = 0 ] || cat "$tmp/keys.json"
	return $res
}

json_after_command()
{
	"$DMACTL" memcpy -c "$chan" -s 512 -n 4 -j > "$tmp/after.json" 2>&1 ||
		{ cat "$tmp/after.json"; return 1; }
	expect_value "$tmp/after.json" ops 4 || { cat "$tmp/after.json"; return 1; }
}

no_verify()
{
	"$DMACTL" memcpy -c "$chan" -s 64K -n 20 --no-verify --json > "$tmp/nv.json" 2>&1 ||
		{ cat "$tmp/nv.json"; return 1; }
	expect_value "$tmp/nv.json" verify false && expect_value "$tmp/nv.json" ops 20 ||
		{ cat "$tmp/nv.json"; return 1; }
}

any_channel()
{
	"$DMACTL" memcpy -s 4K -n 50 --json > "$tmp/any.json" 2>&1 ||
		{ cat "$tmp/any.json"; return 1; }
	expect_value "$tmp/any.json" verify_errors 0 &&
		expect_value "$tmp/any.json" driver vdma ||
		{ cat "$tmp/any.json"; return 1; }
}

# expect_error STATUS ERE COMMAND...: fails unless COMMAND exits with
# STATUS and prints to stderr one line, "dmactl: ..." matching ERE (that
# names the bad value), and nothing to stdout.
expect_error()
{
	e_want=$1 e_ere=$2
	shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	e_rc=$?
	e_res=0
	if [ $e_rc != "$e_want" ]; then
		echo "$*: exit status $e_rc, expected $e_want"
		e_res=1
	fi
	if [ "$(wc -l < "$tmp/err")" != 1 ] || ! grep -q '^dmactl: ' "$tmp/err"; then
		echo "$*: stderr is not one 'dmactl: ' line"
		e_res=1
	elif ! grep -qE -- "$e_ere" "$tmp/err"; then
		echo "$*: the message does not match /$e_ere/"
		e_res=1
	fi
	if [ -s "$tmp/out" ]; then
		echo "$*: printed to stdout"
		e_res=1
	fi
	if [ $e_res != 0 ]; then
		sed 's/^/stderr: /' "$tmp/err"
		sed 's/^/stdout: /' "$tmp/out"
	fi
	return $e_res
}

version()
{
	"$DMACTL" version > "$tmp/v" 2>&1 && [ -s "$tmp/v" ] || { cat "$tmp/v"; return 1; }
	"$DMACTL" -V > "$tmp/v2" 2>&1 || { cat "$tmp/v2"; return 1; }
	cmp -s "$tmp/v" "$tmp/v2" || { echo "dmactl -V and dmactl version differ"; return 1; }
}

module_not_loaded()
{
	rmmod dmactl || { echo "rmmod dmactl failed"; return 1; }
	res=0
	not_loaded='dmactl\.ko|/dev/dmactl|module'
	expect_error 1 "$not_loaded" "$DMACTL" memcpy -c "$chan" -n 1 || res=1
	expect_error 1 "$not_loaded" "$DMACTL" info "$chan" || res=1
	# list may show what sysfs knows before it fails
	"$DMACTL" list > /dev/null 2> "$tmp/list.err"
	e_rc=$?
	if [ $e_rc != 1 ] || [ "$(wc -l < "$tmp/list.err")" != 1 ] ||
	   ! grep -qE "^dmactl: .*($not_loaded)" "$tmp/list.err"; then
		echo "dmactl list: exit status $e_rc, expected 1 and one line naming the module:"
		cat "$tmp/list.err"
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

ncase=0
for s in $SIZES; do
	for q in $QDEPTHS; do
		ncase=$((ncase + 1))
	done
done

echo "KTAP version 1"
echo "1..$((ncase + 15))"
echo "# vdma channels: $(echo ${vdma:-none}); copies on $chan"

for s in $SIZES; do
	# small enough for an emulated CPU, large enough to keep Q in flight
	case $s in
	1M) count=20 ;;
	64K) count=100 ;;
	*) count=200 ;;
	esac
	for q in $QDEPTHS; do
		run_test "memcpy_size_${s}_qdepth_${q}" copy_case "$s" "$q" "$count"
	done
done
run_test list_shows_all_channels list_shows_all_channels
run_test list_json list_json
run_test info info_works
run_test json_keys json_keys
run_test json_after_command json_after_command
run_test no_verify no_verify
run_test any_free_channel any_channel
run_test version version
run_test unknown_channel expect_error 1 dma99chan99 "$DMACTL" memcpy -c dma99chan99 -n 1
run_test size_zero expect_error 2 '(^|[^0-9A-Za-z])0([^0-9A-Za-z]|$)' \
	"$DMACTL" memcpy -c "$chan" -s 0
run_test size_malformed expect_error 2 12Q "$DMACTL" memcpy -c "$chan" -s 12Q
run_test count_malformed expect_error 2 abc "$DMACTL" memcpy -c "$chan" -n abc
run_test unknown_command expect_error 2 frobnicate "$DMACTL" frobnicate
run_test info_unknown_channel expect_error 1 dma99chan99 "$DMACTL" info dma99chan99
run_test module_not_loaded module_not_loaded

ktap_done memcpy.sh
