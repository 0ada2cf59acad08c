#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# dmactl memcpy end to end (KTAP): every size x queue depth copies with
# verification on, then discovery (list, info) and the JSON report, on
# the test channels (lib.sh: vdma's by default).  Bad input is
# cli-errors.sh's.  Needs dmactl.ko and the provider loaded.
#
# usage: memcpy.sh   (DMACTL=path overrides the dmactl binary)

SIZES="1 512 3000 4K 64K 1M"
QDEPTHS="1 4 16"
JSON_KEYS="version abi_version kernel channel device driver size_bytes count
qdepth verify bytes ops busy_ns elapsed_ns throughput_MBps throughput_MiBps
iops latency_p50_ns latency_p99_ns latency_p999_ns latency_max_ns
verify_errors provider_mode mode"

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-lib.sh"

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
	# bytes over busy time, to the 3 decimals printed: a slow channel
	# moving a few bytes rounds to 0.000
	mbps=$(sed -n 's/.*"throughput_MBps": *\([0-9.]*\).*/\1/p' "$out")
	busy=$(json_value "$out" busy_ns)
	if ! awk -v v="$mbps" -v b="$bytes" -v t="$busy" 'BEGIN {
		want = t > 0 ? b * 1e3 / t : -1
		exit !(v ~ /^[0-9]+(\.[0-9]+)?$/ && want > 0 &&
		       v - want <= 0.0005 + want * 1e-6 && want - v <= 0.0005 + want * 1e-6) }'; then
		echo "throughput_MBps '$mbps' is not $bytes bytes over $busy ns"
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
	if [ -z "$chans" ]; then
		echo "no $driver channel in /sys/class/dma"
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
	for c in $chans; do
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
	grep -qw "$driver" "$tmp/info" || { echo "no $driver in:"; cat "$tmp/info"; return 1; }
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
	expect_value "$tmp/keys.json" abi_version \
		"$(json_value "$tmp/keys.json" module_abi_version)" || res=1
	expect_value "$tmp/keys.json" driver "$driver" || res=1
	# vdma's timing model; "none" for a provider without one
	mode=none
	[ -r "/sys/class/dma/$chan/device/timing_model" ] &&
		mode=$(head -n 1 "/sys/class/dma/$chan/device/timing_model")
	expect_value "$tmp/keys.json" provider_mode "${mode:-none}" || res=1
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
		expect_value "$tmp/any.json" driver "$driver" ||
		{ cat "$tmp/any.json"; return 1; }
}

version()
{
	"$DMACTL" version > "$tmp/v" 2>&1 && [ -s "$tmp/v" ] || { cat "$tmp/v"; return 1; }
	"$DMACTL" -V > "$tmp/v2" 2>&1 || { cat "$tmp/v2"; return 1; }
	cmp -s "$tmp/v" "$tmp/v2" || { echo "dmactl -V and dmactl version differ"; return 1; }
}

driver=$(test_driver)
chans=$(test_channels)
set -- $chans
chan=${1:-dma0chan0}
# sizes the channel must not be given are rounded up to the multiple
align=$(test_align "$chan")
SIZES=$(for s in $SIZES; do
	b=$(bytes_of "$s")
	[ $((b % align)) = 0 ] && echo "$s" || echo $(((b / align + 1) * align))
done)

ncase=0
for s in $SIZES; do
	for q in $QDEPTHS; do
		ncase=$((ncase + 1))
	done
done

echo "KTAP version 1"
echo "1..$((ncase + 8))"
echo "# $driver channels: $(echo ${chans:-none}); copies on $chan"

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
ktap_done memcpy.sh
