#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dmactl memcpy against the kernel's dmatest on one channel of a board's
# own DMA controller, in one boot, at 4 KiB, 64 KiB and 1 MiB: writes
# results/arm-BOARD-memcpy-vs-dmatest.csv with the run's metadata and
# prints it.  A benchmark, not a test: it fails only if a measurement is
# missing.  The figures are those of QEMU's model of the controller under
# TCG, good for ratios within the run, not as the hardware's speed.
#
#   dmactl   memcpy --no-verify at queue depth 16 and 1; *_MBps and *_iops
#            as its --json reports them (busy time: the union of the jobs'
#            issue-to-completion spans), *_wall_* over elapsed_ns
#   dmatest  noverify=1 norandom=1 threads_per_chan=1, the board's
#            alignment; its KB/s is KiB/s, converted to MB/s (10^6 B/s)
#   ratio    dmactl wall MB/s / dmatest MB/s
# Each measurement is repeated (-r, default 3) and the CSV gives the
# median of each column, the repetitions as comments: under TCG, on a
# host running other guests, one run can be off by a factor of several.
# Every dmatest run comes before the first dmactl run (see below).  The
# guest runs with one CPU online (maxcpus=1): with the board's other
# vCPUs idle, a completion interrupt at times waited for a timer tick,
# and the same run came out at 200 or at 20000 IOPS.
#
# usage: bench.sh BOARD [-o CSV] [-t SECONDS] [-r REPETITIONS]

. "$(dirname "$0")/lib.sh"

usage="usage: ${0##*/} BOARD [-o CSV] [-t SECONDS] [-r REPETITIONS]"
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
board_define "$1"
board_fetch
shift
csv=$TOP/results/arm-$B_NAME-memcpy-vs-dmatest.csv
timeout=1200
reps=3
while getopts o:t:r: opt; do
	case $opt in
	o) csv=$OPTARG ;;
	t) timeout=$OPTARG ;;
	r) reps=$OPTARG ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
done
case $reps in
''|*[!0-9]*|0) echo "$usage" >&2; exit 2 ;;
esac

# size:count, about a second each on the emulated controllers
RUNS="4096:2000 65536:300 1048576:30"

# The guest half: "BENCH SIZE TOOL REP MBPS IOPS [WALL_MBPS WALL_IOPS]"
# and "BENCH-META KEY VALUE" lines.
guest=$(printf 'RUNS="%s"\nREPS=%s\n' "$RUNS" "$reps"; cat <<'EOF'
P=/sys/module/dmatest/parameters
set -- $DMACTL_TEST_CHANNELS
chan=$1
insmod /lib/modules/dmactl/dmatest.ko || exit 1
# dmatest takes log2 of the alignment
align=0
while [ $((1 << align)) -lt "$DMACTL_TEST_ALIGN" ]; do
	align=$((align + 1))
done
echo "BENCH-META channel $chan $(readlink -f /sys/class/dma/$chan/device | sed 's|.*/||')"
echo "BENCH-META dmactl $(dmactl version 2>&1 | head -n 1)"
echo "BENCH-META guest_cpus $(nproc)"
val()
{
	sed -n "s/^ *\"$1\": *\([0-9.]*\).*/\1/p" /tmp/b.json
}
# dmatest first: pl330 recycles descriptors without clearing their
# callback_result, so a dmatest descriptor that dmactl's used before
# would call dmactl's callback; the other way round is safe.
for rep in $(seq "$REPS"); do
for r in $RUNS; do
	size=${r%:*} count=${r#*:}
	tag="arm-bench dmatest $size $rep $$"
	echo "<6>$tag" > /dev/kmsg
	for p in "test_buf_size $size" "iterations $count" "threads_per_chan 1" \
		 "noverify 1" "norandom 1" "alignment $align" "channel $chan" "run 1"; do
		echo "${p#* }" > "$P/${p%% *}" || echo "BENCH-ERROR dmatest ${p%% *}"
	done
	sum=
	for i in $(seq 300); do
		cat $P/wait > /dev/null
		sum=$(dmesg | sed -n "\|$tag|,\$p" | grep -E 'summary [0-9]+ tests' | tail -n 1)
		[ -n "$sum" ] && break
		sleep 1
	done
	cat $P/run > /dev/null
	echo "# $sum"
	case $sum in
	*"summary $count tests, 0 failures"*)
		echo "$sum" | awk -v s="$size" -v rep="$rep" '{
			for (i = 1; i < NF; i++) {
				if ($(i + 1) == "iops") iops = $i
				if ($(i + 1) == "KB/s") kbs = $i
			}
			printf "BENCH %s dmatest %s %.3f %s\n", s, rep, kbs * 1024 / 1e6, iops }'
		;;
	*)
		echo "BENCH-ERROR dmatest -s $size"
		;;
	esac
done
done
rmmod dmatest
for rep in $(seq "$REPS"); do
for r in $RUNS; do
	size=${r%:*} count=${r#*:}
	for q in 16 1; do
		if dmactl memcpy -c "$chan" -s "$size" -n "$count" -q $q \
			--no-verify --json > /tmp/b.json; then
			echo "BENCH $size dmactl_q$q $rep $(val throughput_MBps) $(val iops)" \
			     "$(awk -v b="$(val bytes)" -v o="$(val ops)" -v e="$(val elapsed_ns)" \
				'BEGIN { if (e > 0) printf "%.3f %.3f", b * 1e3 / e, o * 1e9 / e }')"
		else
			echo "BENCH-ERROR dmactl -s $size -q $q"
		fi
	done
done
done
EOF
)

log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
# the build first, so that the load figures are those of the run
"$TOP/scripts/arm/build.sh" "$B_NAME" >&2 || die "the $B_NAME image failed to build"
load0=$(cut -d' ' -f1-3 /proc/loadavg)
DMACTL_VM_APPEND="maxcpus=1${DMACTL_VM_APPEND:+ $DMACTL_VM_APPEND}" \
"$TOP/scripts/arm/vm.sh" "$B_NAME" -n -t "$timeout" -l "$log" -- "$guest" ||
	die "the $B_NAME benchmark VM failed"
load1=$(cut -d' ' -f1-3 /proc/loadavg)
grep '^BENCH-ERROR' "$log" && die "missing measurements"

meta()
{
	sed -n "s/^BENCH-META $1 //p" "$log" | head -n 1
}
# value SIZE TOOL FIELD: the median over the repetitions of FIELD (5:
# MB/s, 6: IOPS, 7 and 8: dmactl's wall MB/s and IOPS)
value()
{
	awk -v s="$1" -v t="$2" -v f="$3" '$1 == "BENCH" && $2 == s && $3 == t { print $f }' "$log" |
		sort -g | awk '{ v[NR] = $1 }
			END { if (NR % 2) print v[(NR + 1) / 2]
			      else if (NR) printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

mkdir -p "$(dirname "$csv")"
{
	echo "# dmactl memcpy vs dmatest on $B_NAME's own DMA controller (scripts/arm/bench.sh)"
	echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "# kernel: $B_KREL (Debian linux-image-$B_KREL ${B_PKGS[0]#*=}, $B_ARCH)"
	echo "# provider: $B_DRIVER, channel $(meta channel)"
	echo "# mode: QEMU's model of the controller, $($B_QEMU --version | head -n 1), $B_QEMU_ARGS, $(meta guest_cpus) vCPU online (maxcpus=1)"
	echo "# accel: tcg"
	echo "# tool: $(meta dmactl)"
	echo "# host cpu: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(nproc) CPUs"
	echo "# host load: load average (1, 5, 15 min) $load0 before the run, $load1 after"
	echo "# dmactl: --no-verify; MB/s = 10^6 bytes/s; *_MBps and *_iops over busy time, *_wall_* over elapsed_ns"
	echo "# dmatest: noverify=1 norandom=1 threads_per_chan=1; MB/s = its KB/s (KiB/s) * 1024 / 10^6"
	echo "# ratio_*: dmactl wall MB/s / dmatest MB/s"
	echo "# each figure: the median of $reps repetitions, listed at the end (size tool repetition MB/s IOPS [wall MB/s, IOPS])"
	echo "size_bytes,count,dmactl_q16_MBps,dmactl_q16_iops,dmactl_q16_wall_MBps,dmactl_q16_wall_iops,dmactl_q1_MBps,dmactl_q1_iops,dmactl_q1_wall_MBps,dmactl_q1_wall_iops,dmatest_MBps,dmatest_iops,ratio_q16,ratio_q1"
	for r in $RUNS; do
		s=${r%:*}
		echo "$s,${r#*:},$(value "$s" dmactl_q16 5),$(value "$s" dmactl_q16 6),$(value "$s" dmactl_q16 7),$(value "$s" dmactl_q16 8),$(value "$s" dmactl_q1 5),$(value "$s" dmactl_q1 6),$(value "$s" dmactl_q1 7),$(value "$s" dmactl_q1 8),$(value "$s" dmatest 5),$(value "$s" dmatest 6)" |
			awk -F, -v OFS=, '{ print $0, sprintf("%.2f", $5 / $11), sprintf("%.2f", $9 / $11) }'
	done
	sed -n 's/^BENCH /# run: /p' "$log"
} > "$csv.tmp" && mv "$csv.tmp" "$csv" || die "cannot write $csv"
cat "$csv"
echo "wrote $csv"
