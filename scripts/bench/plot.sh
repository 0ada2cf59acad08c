#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# gnuplot plots of benchmark CSV files (suite.sh's or `dmactl bench
# --csv`'s), as PNG and SVG:
#   BASE-throughput-size     throughput against transfer size, one
#                            curve per bus width
#   BASE-throughput-burst    throughput against burst length, one curve
#                            per bus width: the burst/width sweep
#   BASE-latency-size        latency percentiles against transfer size
# Each curve is the median of a point's repetitions, with bars from the
# smallest to the largest.  A plot whose sweep is not in the file is
# skipped with a note.  From the per-period CSV of `dmactl cyclic --csv`:
#   BASE-jitter              the intervals between period callbacks and
#                            the tail distribution of their jitter
# The titles name the provider, the channel and the timing model the
# file's metadata gives; with vdma's timing model on, the throughput
# plots draw the model's bus limit too.
#
# usage: plot.sh [-o DIR] [-w COLUMN=VALUE]... CSV...
#   -o DIR           where the images go (default: beside each CSV)
#   -w COLUMN=VALUE  draw only the rows with this value, for a file that
#                    holds several sweeps of the same kind (without -w,
#                    the sweep with the most points is drawn)
#
# Exit status: 0 every file gave at least one plot; 1 a file gave none or
# gnuplot failed; 2 bad usage.

here=$(cd "$(dirname "$0")" && pwd)

usage()
{
	sed -n 's/^# \{0,1\}//; /^usage:/,/^Exit/p' "$0" | sed '$d' >&2
	exit 2
}

outdir=
where=
while getopts o:w: opt; do
	case $opt in
	o) outdir=$OPTARG ;;
	w)
		case $OPTARG in
		[a-z]*=*) where="$where $OPTARG" ;;
		*) usage ;;
		esac
		;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || usage
[ -z "$outdir" ] || [ -d "$outdir" ] || { echo "plot.sh: $outdir: not a directory" >&2; exit 2; }
command -v gnuplot > /dev/null || {
	echo "plot.sh: gnuplot is missing; as root: apt-get install --no-install-recommends gnuplot-nox fonts-dejavu-core" >&2
	exit 1
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# A cairo terminal draws smoother lines; plain png (libgd) otherwise.
png=png
gnuplot -e 'set terminal pngcairo' > /dev/null 2>&1 && png=pngcairo

# meta CSV KEY...: the value of the first of the metadata keys present.
meta()
{
	f=$1
	shift
	for k in "$@"; do
		v=$(sed -n "s/^# $k: //p" "$f" | head -n 1)
		[ -n "$v" ] && { echo "$v"; return; }
	done
}

# gp_string TEXT: TEXT as a gnuplot string literal.
gp_string()
{
	printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

# heading CSV WHAT: the first two title lines, the provider and channel
# with WHAT, then the mode, as gnuplot string expressions.
heading()
{
	provider=$(meta "$1" provider)
	chan=$(meta "$1" channel)
	model=$(meta "$1" provider_mode)
	# vdma's "on bus_width=8 ..." reads "timing model on (bus_width=8 ...)"
	first=${model%% *}
	rest=${model#"$first"}
	case $first in
	on|off) model="timing model $first${rest:+ (${rest# })}" ;;
	none) model="hardware timing" ;;
	'') model="mode not stated" ;;
	esac
	printf '%s . "\\n" . %s' "$(gp_string "$2: ${provider:-unknown provider}${chan:+ $chan}")" \
		"$(gp_string "$model")"
}

# bus_limit CSV: the bus bandwidth of vdma's timing model in MB/s,
# bus_width bytes per cycle of clock_khz, when the file's mode says the
# model is on; nothing otherwise.
bus_limit()
{
	m=$(meta "$1" provider_mode)
	case $m in
	"on "*) ;;
	*) return ;;
	esac
	bw=$(echo "$m" | sed -n 's/.* bus_width=\([0-9][0-9]*\).*/\1/p')
	clk=$(echo "$m" | sed -n 's/.* clock_khz=\([0-9][0-9]*\).*/\1/p')
	[ -n "$bw" ] && [ -n "$clk" ] || return
	awk -v b="$bw" -v c="$clk" 'BEGIN { printf "%.10g\n", b * c / 1000 }'
}

# render BASE KIND: runs the gnuplot commands in $tmp/gp (which draw one
# image to the current output) for a PNG and an SVG.
render()
{
	{
		for t in "$png size 1100,700 font 'sans,10'" "svg size 1100,700 dynamic font 'sans,10'"; do
			ext=${t%% *}
			ext=${ext%cairo}
			echo "set terminal $t"
			echo "set output $(gp_string "$1-$2.$ext")"
			echo "load $(gp_string "$tmp/gp")"
			echo "unset output"
		done
	} > "$tmp/gp.both"
	if ! gnuplot "$tmp/gp.both"; then
		echo "plot.sh: gnuplot failed on $1 ($2)" >&2
		plot_failed=1
		return 1
	fi
	echo "$1-$2.png"
	echo "$1-$2.svg"
	made=1
}

# prepare NOTE AWK CSV [-v NAME=VALUE...]: a plot's data and description
# from CSV into $tmp/data and $tmp/info by the awk program AWK.  Status 0
# to draw; 1 not to: AWK found nothing to draw (NOTE says so), the file
# lacks a column (AWK says so) or AWK failed.
prepare()
{
	note=$1 prog=$2 csv=$3
	shift 3
	: > "$tmp/data"
	awk -F, -v PROG=plot.sh -v DATA="$tmp/data" -v INFO="$tmp/info" "$@" \
		-f "$here/lib.awk" -f "$here/$prog" "$csv"
	case $? in
	0) return 0 ;;
	3) echo "plot.sh: $csv: $note" >&2 ;;
	4) ;;
	*) plot_failed=1 ;;
	esac
	return 1
}

# plot CSV BASE KIND X SERIES Y XLABEL YLABEL WHAT [YSCALE]: YSCALE
# multiplies the y values (default 1)
plot()
{
	csv=$1 base=$2 kind=$3 x=$4 series=$5 y=$6 xlabel=$7 ylabel=$8 what=$9
	prepare "no sweep over $x${where:+ where$where}: no $kind plot" plotdata.awk "$csv" \
		-v X="$x" -v SERIES="$series" -v Y="$y" -v YSCALE="${10:-1}" \
		-v WHERE="$where" || return 0
	curves=$(sed -n 2p "$tmp/info")
	# the timing model's ceiling, under the throughput curves
	limit=
	[ "$y" = throughput_MBps ] && limit=$(bus_limit "$csv")
	sub="$(sed -n 1p "$tmp/info"); median of $(sed -n 4p "$tmp/info"), bars min to max"
	{
		printf '%s\n' "set title $(heading "$csv" "$what") . \"\\n\" . $(gp_string "$sub") noenhanced"
		echo "set xlabel $(gp_string "$xlabel")"
		echo "set ylabel $(gp_string "$ylabel")"
		echo "set logscale x 2"
		echo "set logscale y 10"
		sed -n 3p "$tmp/info"
		echo "set format y '%.10g'"
		echo "set grid xtics ytics mytics"
		echo "set key outside right top"
		echo "set offsets graph 0.02, graph 0.02, 0, 0"
		printf 'plot for [i=0:%s] %s index i using 1:2:3:4 with yerrorlines lw 2 dt 1+i%%5 pt 5+i%%5 ps 0.7 title columnhead(1)' \
			$((curves - 1)) "$(gp_string "$tmp/data")"
		[ -n "$limit" ] &&
			printf ', %s with lines lw 1.5 dt 2 lc rgb "black" title %s' "$limit" \
				"$(gp_string "bus limit $limit MB/s")"
		echo
	} > "$tmp/gp"
	render "$base" "$kind"
}

# plot_cyclic CSV BASE: the period timing of a `dmactl cyclic --csv` run,
# the intervals between period callbacks against the period number and
# the tail of their jitter.
plot_cyclic()
{
	prepare "no two consecutive periods: no jitter plot" cyclic.awk "$1" \
		-v FIRST_COLUMN=side || return 0
	sides=$(sed -n 1p "$tmp/info")
	cmd=$(meta "$1" command_line)
	data=$(gp_string "$tmp/data")
	{
		printf 'set multiplot layout 1,2 title %s' "$(heading "$1" "Cyclic period timing")"
		[ -n "$cmd" ] && printf ' . "\\n" . %s' "$(gp_string "$cmd")"
		sed -n '2,$p' "$tmp/info" | while read -r line; do
			printf ' . "\\n" . %s' "$(gp_string "$line")"
		done
		echo " noenhanced"
		echo "set grid"
		echo "set key top right"
		echo "set format y '%g'"
		echo "set logscale y 10"
		echo "set title 'interval between period callbacks'"
		echo "set xlabel 'period number'"
		echo "set ylabel 'interval (µs)'"
		echo "plot for [i=0:$((sides - 1))] $data index i using 1:2 with points pt 7 ps 0.4 title columnhead(1)"
		echo "set title 'jitter tail: periods at least x off the median'"
		echo "set xlabel 'jitter, |interval - median| (µs)'"
		echo "set ylabel 'share of periods'"
		echo "set logscale x 10"
		echo "set format x '%g'"
		echo "plot for [i=$sides:$((2 * sides - 1))] $data index i using 1:2 with steps lw 2 title columnhead(1)"
		echo "unset multiplot"
	} > "$tmp/gp"
	render "$2" jitter
}

status=0
for csv in "$@"; do
	[ -r "$csv" ] || { echo "plot.sh: $csv: cannot read" >&2; status=1; continue; }
	base=${csv%.csv}
	[ -n "$outdir" ] && base=$outdir/${base##*/}
	made=0
	plot_failed=0
	case $(grep -v -m 1 '^#' "$csv") in
	side,*)
		plot_cyclic "$csv" "$base"
		;;
	*)
		plot "$csv" "$base" throughput-size size_bytes width_bytes throughput_MBps \
			"transfer size (bytes)" "throughput (MB/s, 10^6 bytes/s)" \
			"Throughput vs transfer size"
		plot "$csv" "$base" throughput-burst burst width_bytes throughput_MBps \
			"burst length (words of the bus width)" "throughput (MB/s, 10^6 bytes/s)" \
			"Throughput vs burst, per bus width"
		plot "$csv" "$base" latency-size size_bytes "" \
			latency_p50_ns,latency_p99_ns,latency_p999_ns,latency_max_ns \
			"transfer size (bytes)" "latency (µs)" \
			"Latency percentiles vs transfer size" 0.001
		;;
	esac
	if [ $made = 0 ] || [ $plot_failed = 1 ]; then
		echo "plot.sh: $csv: no plot made" >&2
		status=1
	fi
done
exit $status
