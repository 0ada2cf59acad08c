#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vdma's own benchmark, in one VM boot, measured in the kernel by
# vdma_test.ko (no syscall in the loop).  A benchmark, not a test: it
# fails only if a measurement is missing.  It writes three CSV files, each
# with the run's metadata in '#' lines, and prints them as tables:
#
#   results/vdma-memcpy.csv   vdma memcpy at 4 KiB, 64 KiB and 1 MiB on one
#       channel against the CPU's memcpy() of the same sizes and buffers,
#       timing model off.  Each round times COUNT memcpy() calls, then
#       COUNT descriptors queued and issued at once (first issue to last
#       callback); rounds alternate, the table gives the medians and the
#       spread of the ratio (another VM or build on the host shows there).
#   results/vdma-engines.csv  1 MiB copies on one channel and on two at
#       once, with engines=1 and engines=2: how the engines scale; beside
#       it the CPU's memcpy() of the same copies on one and two kernel
#       threads, the ceiling the machine (and the host under the VM) sets.
#   results/vdma-curve.csv    timing model on: throughput against maxburst
#       for each width 1 to 64 bytes, with what the model predicts.  Each
#       point queues 64 KiB copies worth 50 ms of the model.  The model's
#       clock is lowered (CLOCK_KHZ) so that the modelled controller stays
#       slower than an emulated CPU copies; the shape of the curve does not
#       depend on the clock, its scale does.
#
# MB/s are 10^6 bytes per second.
#
# usage: bench-vdma.sh [-o DIR] [-t SECONDS] [-r ROUNDS]

. "$(dirname "$0")/lib.sh"

out=$TOP/results
timeout=1200
rounds=9
CLOCK_KHZ=5000
while [ $# -gt 0 ]; do
	case $1 in
	-o) out=$2; shift 2 ;;
	-t) timeout=$2; shift 2 ;;
	-r) rounds=$2; shift 2 ;;
	*) echo "usage: ${0##*/} [-o DIR] [-t SECONDS] [-r ROUNDS]" >&2; exit 2 ;;
	esac
done
case $rounds in
''|*[!0-9]*|0) die "-r: $rounds: not a positive number" ;;
esac

guest_script=$(cat <<EOF
ROUNDS=$rounds
CLOCK_KHZ=$CLOCK_KHZ
EOF
cat <<'EOF'
M=/lib/modules/dmactl
P=/sys/module/vdma/parameters
D=/sys/kernel/debug/vdma/vdma
# bench TESTS [ARGS...]: run vdma_test's benchmarks, print their lines
bench() {
	mark="bench-vdma $$ $(cut -d' ' -f1 /proc/uptime)"
	echo "<6>$mark" > /dev/kmsg
	insmod $M/vdma_test.ko tests="$1" rounds=$ROUNDS max_burst="$(cat $P/max_burst)" \
		bus_width="$(cat $D/bus_width)" clock_khz="$(cat $D/clock_khz)" \
		burst_cycles="$(cat $D/burst_cycles)" desc_cycles="$(cat $D/desc_cycles)" ||
		echo "BENCH-ERROR insmod vdma_test tests=$1"
	dmesg | sed -n "\\|$mark|,\$p" | sed -n 's/^.*vdma_test: //p' > /tmp/bench.log
	rmmod vdma_test
	grep -q "^not ok" /tmp/bench.log && echo "BENCH-ERROR $1 failed"
	sed -n "s/^bench /BENCH $2 /p" /tmp/bench.log
}
reload() {
	rmmod vdma && insmod $M/vdma.ko "$@" || echo "BENCH-ERROR reload vdma $*"
}
rmmod dmactl
echo "BENCH-META guest_cpu $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "BENCH-META guest_cpus $(nproc)"
echo "BENCH-META dmactl $(dmactl version 2>/dev/null | head -n 1)"
for p in $P/*; do
	echo "BENCH-META vdma_${p##*/} $(cat "$p")"
done
echo "BENCH-META mode_off $(cat /sys/bus/platform/devices/vdma/timing_model)"
bench bench_memcpy engines=$(cat $P/engines)
reload engines=1
bench bench_engines engines=1
reload engines=2
bench bench_engines engines=2
echo "$CLOCK_KHZ" > $D/clock_khz
echo 1 > $D/timing
echo "BENCH-META mode_on $(cat /sys/bus/platform/devices/vdma/timing_model)"
bench bench_curve curve
echo 0 > $D/timing
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

errors=$(grep '^BENCH-ERROR' "$log")
[ -z "$errors" ] || die "missing measurements: $errors"

meta()
{
	sed -n "s/^BENCH-META $1 //p" "$log" | head -n 1
}

# key=value fields of the BENCH lines of one kind, as CSV columns
fields()
{
	local kind=$1

	shift
	awk -v kind="$kind" -v keys="$*" '
		$1 == "BENCH" && $3 == kind {
			delete v
			for (i = 4; i <= NF; i++) {
				split($i, kv, "=")
				v[kv[1]] = kv[2]
			}
			n = split(keys, k, " ")
			line = $2
			for (i = 1; i <= n; i++)
				line = line "," v[k[i]]
			print line
		}' "$log"
}

header()
{
	echo "# $1 (scripts/bench-vdma.sh)"
	echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "# kernel: $KREL (Debian $(pkg_version "linux-image-$KREL"))"
	echo "# provider: vdma, module parameters:$(sed -n 's/^BENCH-META vdma_\([^ ]*\) \(.*\)/ \1=\2/p' "$log" | tr -d '\n')"
	echo "# mode: timing model $2"
	echo "# tool: vdma_test.ko, $(meta dmactl)"
	echo "# qemu: $(qemu-system-x86_64 --version | head -n 1), accel $ACCEL, $(meta guest_cpus) vCPUs, guest clocksource $(meta clocksource)"
	echo "# guest cpu: $(meta guest_cpu)"
	echo "# host cpu: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

mkdir -p "$out" || die "cannot create $out"

# stats FILE COND EXPR: "median min max" of the awk expression EXPR over
# the comma-separated rows of FILE that match the awk condition COND
stats()
{
	awk -F, "$2 { print $3 }" "$1" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'
}

med()
{
	stats "$@" | cut -d' ' -f1
}

# first FILE COND FIELD: FIELD of the first row of FILE matching COND
first()
{
	awk -F, "$2 { print \$$3; exit }" "$1"
}

csv=$out/vdma-memcpy.csv
{
	header "vdma memcpy against the CPU's memcpy(), one channel" "$(meta mode_off)"
	echo "# method: per round, COUNT memcpy() calls timed, then COUNT vdma descriptors queued and issued at once, timed from the first issue to the last callback; $rounds rounds alternating, medians; ratio = vdma / cpu, with its smallest and largest round"
	echo "size_bytes,count,rounds,cpu_MBps,vdma_MBps,ratio,ratio_min,ratio_max"
	fields memcpy round size count vdma_ns cpu_ns > "$log.m"
	for size in $(cut -d, -f3 "$log.m" | sort -n -u); do
		sel="\$3 == $size"
		read -r ratio rmin rmax <<< "$(stats "$log.m" "$sel" '$6 / $5')"
		printf '%s,%s,%s,%.1f,%.1f,%.3f,%.3f,%.3f\n' "$size" \
			"$(first "$log.m" "$sel" 4)" "$rounds" \
			"$(med "$log.m" "$sel" '$3 * $4 * 1000 / $6')" \
			"$(med "$log.m" "$sel" '$3 * $4 * 1000 / $5')" \
			"$ratio" "$rmin" "$rmax"
	done
} > "$csv.tmp" && mv "$csv.tmp" "$csv" || die "cannot write $csv"

csv=$out/vdma-engines.csv
{
	header "vdma 1 MiB memcpy throughput on 1 and 2 channels, engines=1 and engines=2" "$(meta mode_off)"
	echo "# method: COUNT descriptors per channel queued and issued at once on all channels, timed from the first issue to the last callback; $rounds rounds, medians, smallest and largest round; MBps is the total of the channels; cpu_MBps the same copies by memcpy() on as many kernel threads as channels, in the same rounds"
	echo "engines,channels,size_bytes,count,rounds,MBps,MBps_min,MBps_max,cpu_MBps"
	fields engines round channels size count ns cpu_ns > "$log.e"
	for e in 1 2; do
		for c in 1 2; do
			sel="\$1 == \"engines=$e\" && \$3 == $c"
			read -r mbps mmin mmax <<< "$(stats "$log.e" "$sel" '$3 * $4 * $5 * 1000 / $6')"
			printf '%s,%s,%s,%s,%s,%.1f,%.1f,%.1f,%.1f\n' "$e" "$c" 1048576 \
				"$(first "$log.e" "$sel" 5)" "$rounds" "$mbps" "$mmin" "$mmax" \
				"$(med "$log.e" "$sel" '$3 * $4 * $5 * 1000 / $7')"
		done
	done
} > "$csv.tmp" && mv "$csv.tmp" "$csv" || die "cannot write $csv"

csv=$out/vdma-curve.csv
{
	header "vdma throughput against burst length and width, timing model on" "$(meta mode_on)"
	echo "# method: per point, 64 KiB memcpy descriptors worth 50 ms of the model queued and issued at once, timed from the first issue to the last callback; $rounds rounds, medians; model_MBps is what the timing model predicts for the same copies; ratio = measured / model"
	echo "width_bytes,maxburst_words,bytes,rounds,MBps,model_MBps,ratio"
	fields curve round width maxburst bytes ns model_ns > "$log.c"
	for w in $(cut -d, -f3 "$log.c" | sort -n -u); do
		for b in $(awk -F, -v w="$w" '$3 == w { print $4 }' "$log.c" | sort -n -u); do
			sel="\$3 == $w && \$4 == $b"
			printf '%s,%s,%s,%s,%.2f,%.2f,%.3f\n' "$w" "$b" \
				"$(first "$log.c" "$sel" 5)" "$rounds" \
				"$(med "$log.c" "$sel" '$5 * 1000 / $6')" \
				"$(med "$log.c" "$sel" '$5 * 1000 / $7')" \
				"$(med "$log.c" "$sel" '$7 / $6')"
		done
	done
} > "$csv.tmp" && mv "$csv.tmp" "$csv" || die "cannot write $csv"
rm -f "$log.m" "$log.e" "$log.c"

echo
for f in memcpy engines curve; do
	csv=$out/vdma-$f.csv
	grep '^#' "$csv"
	grep -v '^#' "$csv" | column -t -s,
	echo
done
awk -F, '!/^#/ && $2 ~ /^[0-9]/ { m[$1, $2] = $6; c[$1, $2] = $9 }
	END {
		if (m[1, 2] > 0 && c[2, 1] > 0)
			printf "two channels, engines=2 against engines=1: x%.2f; the CPU, two threads against one: x%.2f\n",
				m[2, 2] / m[1, 2], c[2, 2] / c[2, 1]
	}' "$out/vdma-engines.csv"
echo "wrote $out/vdma-memcpy.csv $out/vdma-engines.csv $out/vdma-curve.csv"
