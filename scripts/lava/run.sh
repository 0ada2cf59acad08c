#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The LAVA side of the regression benchmarks (dmactl-bench.yaml): run a
# suite on this board with scripts/bench/suite.sh, compare it with the
# board's baseline with scripts/bench/compare.sh, and report each point
# as a LAVA test case (pass, fail, or skip when too noisy to judge or new)
# with its median as the measurement.  Without a baseline every point is
# reported as a measurement that passes if it ran without errors.
#
# usage: run.sh [-s SUITE] [-b BASELINE] [-c CHAN | -D DEVICE] [-r REPS]
#               [-t PCT] [-n PCT] [-m METRICS] [-o DIR]
#   -s SUITE     suite name or file (default regression)
#   -b BASELINE  the CSV to compare with (relative to the repository)
#   -c, -D, -r   as suite.sh; -t, -n, -m as compare.sh
#   -o DIR       where the run's CSV and JSON go (default: a new
#                directory under /tmp)
#
# Besides a test case per point and metric, three describe the run:
# dmactl-present, suite-run and regression-check (compare.sh's verdict).  The
# CSV is also printed to the log between "@@dmactl-bench-csv" lines.
# Outside LAVA (no lava-test-case on PATH) the test cases are printed.
# Exit status 0 when everything was reported, whatever the results;
# 2 bad usage.

top=$(cd "$(dirname "$0")/../.." && pwd)
bench=$top/scripts/bench

usage()
{
	sed -n 's/^# \{0,1\}//; /^usage:/,/^Besides/p' "$0" | sed '$d' >&2
	exit 2
}

suite=regression
baseline=
sel=
reps=
copts=
metrics=throughput_MBps
out=
while getopts s:b:c:D:r:t:n:m:o: opt; do
	case $opt in
	s) suite=$OPTARG ;;
	b) baseline=$OPTARG ;;
	c) sel="-c $OPTARG" ;;
	D) sel="-D $OPTARG" ;;
	r) reps=$OPTARG ;;
	t) copts="$copts -t $OPTARG" ;;
	n) copts="$copts -n $OPTARG" ;;
	m) metrics=$OPTARG ;;
	o) out=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 0 ] || usage
case "$sel $reps $copts $metrics" in
*[!A-Za-z0-9_.,\ -]*) echo "run.sh: options: letters, digits and _.,- only" >&2; exit 2 ;;
esac

# test_case NAME --result RESULT [--measurement VALUE --units UNIT]
test_case()
{
	if command -v lava-test-case > /dev/null; then
		lava-test-case "$@"
	else
		echo "test case: $*"
	fi
}

# case_result NAME STATUS: pass when STATUS is 0
case_result()
{
	if [ "$2" = 0 ]; then
		test_case "$1" --result pass
	else
		test_case "$1" --result fail
	fi
}

# dmactl reports the module's ABI version only when dmactl.ko is loaded
"${DMACTL:-dmactl}" -j version 2> /dev/null | grep -q '"module_abi_version": [0-9]'
rc=$?
case_result dmactl-present $rc
if [ $rc != 0 ]; then
	echo "run.sh: dmactl must be on PATH and dmactl.ko loaded" >&2
	exit 0
fi

[ -n "$out" ] || out=$(mktemp -d) || exit 1
mkdir -p "$out" || exit 1
csv=$out/run.csv
# shellcheck disable=SC2086
"$bench/suite.sh" $sel ${reps:+-r "$reps"} -o "$csv" "$suite"
case_result suite-run $?
[ -s "$csv" ] || exit 0
echo "@@dmactl-bench-csv begin"
cat "$csv"
echo "@@dmactl-bench-csv end"

# Without a baseline, compare.sh lists the run's medians, failing only
# points with errors.
case $baseline in
''|/*) ;;
*) baseline=$top/$baseline ;;
esac
# shellcheck disable=SC2086
"$bench/compare.sh" $copts -m "$metrics" -l "$out/cases" ${baseline:+"$baseline"} "$csv"
case_result regression-check $?

[ -f "$out/cases" ] || exit 0
while read -r name result value unit; do
	if [ "$value" = - ]; then
		test_case "$name" --result "$result"
	else
		test_case "$name" --result "$result" --measurement "$value" \
			${unit:+--units "$unit"}
	fi
done < "$out/cases"
exit 0
