#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The bridge's user-driven path against its in-kernel measurement loop
# (DMACTL_IOC_BENCH), memcpy on one vdma channel, in one VM boot:
# kmod/tests/bridge-bench at 4 KiB and 64 KiB, queue depth 1 and 16, the
# two modes alternating, REPEATS times.  Writes every run to
# results/bridge-user-vs-kernel-vdma.csv and the medians, with the ratio
# user / kernel, to results/bridge-user-vs-kernel-vdma-summary.csv, and
# prints the summary.  A benchmark, not a test: it fails only if a
# measurement is missing.
#
# usage: bench-bridge.sh [-r REPEATS] [-o DIR] [-t SECONDS]

. "$(dirname "$0")/lib.sh"

dir=$TOP/results
reps=7
timeout=1800
while [ $# -gt 0 ]; do
	case $1 in
	-r) reps=$2; shift 2 ;;
	-o) dir=$2; shift 2 ;;
	-t) timeout=$2; shift 2 ;;
	*) echo "usage: ${0##*/} [-r REPEATS] [-o DIR] [-t SECONDS]" >&2; exit 2 ;;
	esac
done
case $reps in
''|*[!0-9]*|0) die "-r: '$reps' is not a positive number of repetitions" ;;
esac

csv=$dir/bridge-user-vs-kernel-vdma.csv
sum=$dir/bridge-user-vs-kernel-vdma-summary.csv

resolve_kernel
resolve_accel
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
"$TOP/scripts/vm.sh" -t "$timeout" -l "$log" -- "/tests/bridge-bench -r $reps"
rc=$?
[ $rc = 0 ] || die "the benchmark VM failed (exit status $rc)"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# the guest's CSV: its "#" metadata, the header, the rows
sed -n '/^# date: /,$p' "$log" | tr -d '\r' |
	grep -E '^#|^size_bytes,|^[0-9]+,[0-9]+,[0-9]+,(user|kernel),' > "$log.csv"
rows=$(grep -c -E '^[0-9]' "$log.csv")
[ "$rows" = $((reps * 8)) ] ||
	die "expected $((reps * 8)) measurements, got $rows (see the VM log)"

host="# host: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(nproc) CPUs, load average $load_start at the start, $load_end at the end"
qemu="# qemu: $(qemu-system-x86_64 --version | head -n 1), accel $ACCEL"
{
	echo "# bridge user-driven path vs in-kernel measurement loop (DMACTL_IOC_BENCH), memcpy on one vdma channel"
	echo "# produced by: scripts/bench-bridge.sh -r $reps (one VM boot; modes alternate per repetition)"
	echo "$qemu"
	echo "$host"
	cat "$log.csv"
} > "$csv.tmp" && mv "$csv.tmp" "$csv" || die "cannot write $csv"

# medians per size, queue depth and mode; ratio of the medians
{
	echo "# summary of $(basename "$csv"): medians of $reps repetitions per mode"
	grep -E '^# (date|kernel|tool|accel|provider):' "$log.csv"
	echo "$qemu"
	echo "$host"
	echo "# ratio: user MB/s median / kernel MB/s median; goal: >= 0.9 at 65536 bytes, queue depth 16"
	echo "size_bytes,qdepth,user_MBps_median,user_MBps_min,user_MBps_max,kernel_MBps_median,kernel_MBps_min,kernel_MBps_max,ratio_user_kernel"
	grep -E '^[0-9]' "$log.csv" | sort -t, -k1,1n -k2,2n -k4,4 -k8,8g |
	awk -F, '
	function flush(   m) {
		if (n == 0)
			return
		m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		med[key] = m; lo[key] = v[1]; hi[key] = v[n]
		n = 0
	}
	{
		k = $1 "," $2 "," $4
		if (k != key) { flush(); key = k }
		v[++n] = $8
		if (!(($1 "," $2) in seen)) { seen[$1 "," $2] = 1; order[++np] = $1 "," $2 }
	}
	END {
		flush()
		for (i = 1; i <= np; i++) {
			u = order[i] ",user"; k = order[i] ",kernel"
			printf "%s,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", order[i],
				med[u], lo[u], hi[u], med[k], lo[k], hi[k],
				(med[k] > 0 ? med[u] / med[k] : 0)
		}
	}'
} > "$sum.tmp" && mv "$sum.tmp" "$sum" || die "cannot write $sum"
rm -f "$log.csv"

echo
column -t -s, < <(grep -v '^#' "$sum")
echo
echo "wrote $csv"
echo "wrote $sum"
