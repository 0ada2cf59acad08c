#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Compare a benchmark run with a baseline, point by point: the median of
# each point's repetitions in the run against the same in the baseline.
# A point is the same job, channel, size, width, burst, queue depth,
# channels, threads, measurement path (and sweep, for suite files).
#
# usage: compare.sh [-t PCT] [-n PCT] [-m METRIC[,METRIC...]] [-a] [-l FILE]
#                   [BASELINE.csv] RUN.csv
#   -t PCT     a change beyond PCT % of the baseline is a regression or an
#              improvement (default 10)
#   -n PCT     a point whose spread, (max - min) / median of its
#              repetitions, exceeds PCT % in the run or in the baseline is
#              reported as too noisy and not judged (default: the -t value)
#   -m METRIC  the CSV columns to compare (default throughput_MBps);
#              *_ns columns and errors are better lower, the rest higher
#   -a         list every point, not only those that changed
#   -l FILE    also write "name pass|fail|skip value unit" per point and
#              metric to FILE, for test frameworks (scripts/lava/)
# Without a baseline, the run's points are listed with their medians and
# spreads, judged only by their errors.
#
# Prints a table of regressions, improvements and unjudged points, then
# a summary.  Exit status: 0 no regression; 1 a point regressed, is
# missing from the run or had errors in it; 2 bad usage or input.

here=$(dirname "$0")

usage()
{
	sed -n 's/^# \{0,1\}//; /^usage:/,/^Prints/p' "$0" | sed '$d' >&2
	exit 2
}

# percent OPTION VALUE: VALUE as a fraction, or exits with a message.
percent()
{
	case $2 in
	''|*[!0-9.]*|*.*.*|.)
		echo "compare.sh: $1: $2: not a percentage" >&2
		exit 2
		;;
	esac
	awk -v p="$2" 'BEGIN { printf "%.10g", p / 100 }'
}

tol=
noise=
metrics=throughput_MBps
all=0
list=
while getopts t:n:m:al: opt; do
	case $opt in
	t) tol=$(percent -t "$OPTARG") || exit 2 ;;
	n) noise=$(percent -n "$OPTARG") || exit 2 ;;
	m) metrics=$OPTARG ;;
	a) all=1 ;;
	l) list=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
case $# in
1) base='' run=$1 ;;
2) base=$1 run=$2 ;;
*) usage ;;
esac
for f in ${base:+"$base"} "$run"; do
	[ -f "$f" ] && [ -r "$f" ] || { echo "compare.sh: $f: cannot read" >&2; exit 2; }
done
[ "$base" != "$run" ] || { echo "compare.sh: the run is the baseline" >&2; exit 2; }
: "${tol:=0.10}"
: "${noise:=$tol}"
if [ -n "$list" ]; then
	: > "$list" || exit 2
fi

echo "# baseline: ${base:-none}"
echo "# run: $run"
awk -F, -v PROG=compare.sh -v BASE="$base" -v RUN="$run" -v TOL="$tol" \
	-v NOISE="$noise" -v METRICS="$metrics" -v ALL="$all" -v LIST="$list" \
	-f "$here/lib.awk" -f "$here/compare.awk" ${base:+"$base"} "$run"
