#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dmactl memcpy against the kernel's dmatest, on the same vdma channel in
# the same VM boot, at 512 B, 4 KiB, 64 KiB and 1 MiB: prints a table and
# writes results/memcpy-vs-dmatest-vdma.csv with the run's metadata.
# A benchmark, not a test: it fails only if a measurement is missing.
#
#   dmactl   memcpy --no-verify at queue depth 16 and 1.  Its --json
#            rates (throughput_MBps, iops) count only the time the channel
#            was busy: the union of the jobs' issue-to-completion spans.
#            The "wall" rates divide by elapsed_ns instead, first issue to
#            last completion, which includes the gaps between jobs.
#   dmatest  noverify=1 norandom=1 threads_per_chan=1: one copy of the
#            whole buffer in flight at a time, timed over its whole loop
#            (map, prep, submit, wait, unmap) minus buffer fill and check.
#            It prints "KB/s" computed from (bytes >> 10) per second, i.e.
#            KiB/s: converted here to MB/s (10^6 bytes/s) as
#            KB/s * 1024 / 10^6.
#   ratio    dmactl wall MB/s / dmatest MB/s: both include the per-copy
#            overhead between copies
#
# usage: bench-memcpy.sh [-o CSV] [-t SECONDS]

. "$(dirname "$0")/lib.sh"

csv=$TOP/results/memcpy-vs-dmatest-vdma.csv
timeout=1200
while [ $# -gt 0 ]; do
	case $1 in
	-o) csv=$2; shift 2 ;;
	-t) timeout=$2; shift 2 ;;
	*) echo "usage: ${0##*/} [-o CSV] [-t SECONDS]" >&2; exit 2 ;;
	esac
done

# size:count; counts keep each measurement around a second or more
# under TCG, and far longer than the clock's resolution under KVM
RUNS="512:5000 4096:5000 65536:1000 1048576:100"

guest_script=$(cat <<EOF
RUNS="$RUNS"
EOF
cat <<'EOF'
P=/sys/module/dmatest/parameters
set -- $(for c in /sys/class/dma/*; do
	d=$(readlink -f "$c/device/driver")
	[ "${d##*/}" = vdma ] && echo "${c##*/}"
done)
chan=$1
[ -n "$chan" ] || { echo "BENCH-ERROR no vdma channel"; exit 1; }
insmod /lib/modules/dmactl/dmatest.ko || exit 1
echo "BENCH-META channel $chan"
echo "BENCH-META guest_cpu $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "BENCH-META guest_cpus $(nproc)"
echo "BENCH-META dmactl $(dmactl version 2>&1 | head -n 1)"
for p in /sys/module/vdma/parameters/*; do
	echo "BENCH-META vdma_${p##*/} $(cat "$p")"
done
json() {
	sed -n "s/^ *\"$1\": *\([0-9.]*\).*/\1/p" /tmp/bench.json
}
# busy-time rates as dmactl reports them, then the same over elapsed_ns
rates() {
	echo "$(json throughput_MBps) $(json iops)" \
	     "$(awk -v b="$(json bytes)" -v o="$(json ops)" -v e="$(json elapsed_ns)" \
		'BEGIN { if (e > 0) printf "%.3f %.3f", b * 1e3 / e, o * 1e9 / e }')"
}
for r in $RUNS; do
	size=${r%:*} count=${r#*:}
	for q in 16 1; do
		if dmactl memcpy -c "$chan" -s "$size" -n "$count" -q $q \
			--no-verify --json > /tmp/bench.json; then
			echo "BENCH $size dmactl_q$q $(rates)"
		else
			echo "BENCH-ERROR dmactl -s $size -q $q failed"
		fi
	done
	echo "<6>bench-memcpy: dmatest $size $$" > /dev/kmsg
	echo "$size" > $P/test_buf_size
	echo "$count" > $P/iterations
	echo 1 > $P/threads_per_chan
	echo 1 > $P/noverify
	echo 1 > $P/norandom
	echo "$chan" > $P/channel
	echo 1 > $P/run
	# "wait" may return before the thread was first scheduled: wait for
	# its summary as well
	i=0
	line=
	while [ -z "$line" ] && [ $i -lt 600 ]; do
		cat $P/wait > /dev/null
		line=$(dmesg | sed -n "\|bench-memcpy: dmatest $size $$|,\$p" |
		       grep -E "summary [0-9]+ tests" | tail -n 1)
		[ -n "$line" ] || sleep 1
		i=$((i + 1))
	done
	# reading "run" releases the channel of a finished test
	cat $P/run > /dev/null
	case $line in
	*"summary $count tests, 0 failures"*) ;;
	*) echo "BENCH-ERROR dmatest -s $size: $line"; continue ;;
	esac
	echo "# $line"
	echo "$line" | awk -v size="$size" '{
		for (i = 1; i <= NF; i++) {
			if ($(i + 1) == "iops") iops = $i
			if ($(i + 1) == "KB/s") kbs = $i
		}
		if (kbs != "")
			printf "BENCH %s dmatest %.3f %s\n", size, kbs * 1024 / 1e6, iops
		else
			printf "BENCH-ERROR dmatest -s %s: no summary\n", size
	}'
done
# at the end: early in boot the TSC still runs as "tsc-early"
echo "BENCH-META clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
EOF
)

resolve_kernel
resolve_accel
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
"$TOP/scripts/vm.sh" -t "$timeout" -l "$log" -- "$guest_script"
rc=$?
[ $rc = 0 ] || die "the benchmark VM failed (exit status $rc)"

meta()
{
	sed -n "s/^BENCH-META $1 //p" "$log" | head -n 1
}
value()
{
	awk -v s="$1" -v t="$2" -v f="$3" '$1 == "BENCH" && $2 == s && $3 == t { print $f }' "$log"
}

errors=$(grep '^BENCH-ERROR' "$log")
[ -z "$errors" ] || die "missing measurements: $errors"

{
	echo "# dmactl memcpy vs dmatest on one vdma channel (scripts/bench-memcpy.sh)"
	echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "# kernel: $KREL (Debian linux-image-amd64 $(pkg_version "linux-image-$KREL"))"
	echo "# provider: vdma, channel $(meta channel), module parameters:$(sed -n 's/^BENCH-META vdma_\([^ ]*\) \(.*\)/ \1=\2/p' "$log" | tr -d '\n')"
	echo "# tool: $(meta dmactl)"
	echo "# qemu: $(qemu-system-x86_64 --version | head -n 1), accel $ACCEL, $(meta guest_cpus) vCPUs, guest clocksource $(meta clocksource)"
	echo "# guest cpu: $(meta guest_cpu)"
	echo "# host cpu: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(nproc) CPUs"
	echo "# dmactl: --no-verify; MB/s = 10^6 bytes/s; *_MBps and *_iops over busy time as its --json reports them, *_wall_* over elapsed_ns"
	echo "# dmatest: noverify=1 norandom=1 threads_per_chan=1; MB/s = its KB/s (KiB/s) * 1024 / 10^6"
	echo "# ratio_*: dmactl wall MB/s / dmatest MB/s"
	echo "size_bytes,count,dmactl_q16_MBps,dmactl_q16_iops,dmactl_q16_wall_MBps,dmactl_q16_wall_iops,dmactl_q1_MBps,dmactl_q1_iops,dmactl_q1_wall_MBps,dmactl_q1_wall_iops,dmatest_MBps,dmatest_iops,ratio_q16,ratio_q1"
	for r in $RUNS; do
		s=${r%:*}
		line="$s,${r#*:}"
		for t in dmactl_q16 dmactl_q1 dmatest; do
			for f in 4 5 6 7; do
				[ $t = dmatest ] && [ $f -gt 5 ] && continue
				line="$line,$(value "$s" $t $f)"
			done
		done
		echo "$line" | awk -F, -v OFS=, '{
			print $0, ($11 > 0 ? sprintf("%.2f", $5 / $11) : ""),
				  ($11 > 0 ? sprintf("%.2f", $9 / $11) : "") }'
	done
} > "$csv.tmp" && mv "$csv.tmp" "$csv" || die "cannot write $csv"

echo
grep '^#' "$csv"
echo
awk -F, '/^#/ { next }
	$1 == "size_bytes" {
		printf "%8s | %9s %9s %9s | %9s %9s %9s | %9s %9s | %6s %6s\n", "size", "q16 MB/s", "IOPS", "wall MB/s", "q1 MB/s", "IOPS", "wall MB/s", "MB/s", "IOPS", "q16", "q1"
		printf "%8s | %29s | %29s | %19s | %13s\n", "bytes", "dmactl, queue depth 16", "dmactl, queue depth 1", "dmatest", "ratio (wall)"
		next
	}
	{ printf "%8s | %9.1f %9.0f %9.1f | %9.1f %9.0f %9.1f | %9.1f %9.0f | %6.2f %6.2f\n", $1, $3, $4, $5, $7, $8, $9, $11, $12, $13, $14 }' "$csv"
echo
echo "wrote $csv"
