#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run a benchmark suite, a named set of `dmactl bench` sweeps (and
# `dmactl cyclic` runs), on one DMA channel of this system, and write its
# CSV and JSON with the run's metadata.  Runs wherever dmactl does: a
# board with the modules loaded, or the test VM (scripts/bench/run-vm.sh);
# POSIX sh, awk and busybox suffice.
#
# usage: suite.sh [-c CHAN | -D DEVICE] [-r REPS] [-o PATH] [-H HOST] SUITE
#   SUITE      a suite file, or NAME for scripts/bench/suites/NAME.conf
#   -c CHAN    the channel to measure, such as dma0chan0
#   -D DEVICE  the first free memcpy channel of provider DEVICE: dmaN,
#              its device name or its driver (vdma); without -c or -D,
#              the first free memcpy channel of any provider
#   -r REPS    repetitions of every point (default: the suite's "repeat",
#              else 3)
#   -o PATH    a directory, where <suite>-<date>-<host>.csv and .json
#              are written (default results/ of this checkout, else .);
#              a file name ending in .csv (the JSON goes beside it); or
#              "-": the CSV on standard output, no JSON
#   -H HOST    the host name for the metadata and the file name
#              (default uname -n)
# DMACTL names the dmactl program (default: dmactl on PATH).
#
# Suite files: "#" comments, "repeat N", and one line per sweep or
# cyclic run:
#   sweep NAME KEY=VALUE... [FLAG...]
#   cyclic NAME tx|rx|loop KEY=VALUE... [FLAG...]
# Each KEY=VALUE becomes --KEY=VALUE of `dmactl bench` (or `dmactl
# cyclic`), each FLAG --FLAG.
# A VALUE is a comma-separated list; "A..B" in it stands for the powers of
# two from A to B.  Sizes take K, M and G (binary).  For width and burst,
# "max" is the largest the channel reports (dma_get_slave_caps, through
# `dmactl info`), and a range keeps only the widths the channel reports
# for both source and destination; for channels, "N" is the number of
# free channels of the provider.  A sweep whose width or burst needs what
# the channel does not report runs without that option, which the
# metadata says.  A cyclic run in loop mode takes the channel and the
# next free one of the provider.
#
# The sweeps go into one CSV, a "sweep" column naming each row's; each
# cyclic run's per-period CSV (`dmactl cyclic --csv`) goes beside it as
# <suite>-<date>-<host>-cyclic-NAME.csv (not with -o -).
#
# Exit status: 0 everything ran; 1 a sweep or cyclic run failed (the
# others are still written, the metadata names the failure); 2 bad usage
# or suite file.

here=$(cd "$(dirname "$0")" && pwd)

# The leading columns of `dmactl bench --csv` and of `dmactl cyclic
# --csv`, the contracts the scripts here read.
CONTRACT="job,channel,size_bytes,width_bytes,burst,qdepth,channels,threads,rep,mode,bytes,ops,busy_ns,elapsed_ns,throughput_MBps,throughput_MiBps,iops,latency_p50_ns,latency_p99_ns,latency_p999_ns,latency_max_ns,errors"
CYCLIC_CONTRACT="side,channel,period,time_ns,interval_ns"

DMACTL=${DMACTL:-dmactl}

die()
{
	echo "suite.sh: $*" >&2
	exit 2
}

usage()
{
	sed -n 's/^# \{0,1\}//; /^usage:/,/^DMACTL/p' "$0" | sed '$d' >&2
	exit 2
}

chan=
device=
reps=
out=
host=
while getopts c:D:r:o:H: opt; do
	case $opt in
	c) chan=$OPTARG ;;
	D) device=$OPTARG ;;
	r) reps=$OPTARG ;;
	o) out=$OPTARG ;;
	H) host=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 1 ] || usage
[ -z "$chan" ] || [ -z "$device" ] || die "-c and -D exclude each other"
case $reps in
*[!0-9]*|0*) die "-r: $reps: not a positive number" ;;
esac

suite=$1
case $suite in
*/*|*.conf) ;;
*) suite=$here/suites/$suite.conf ;;
esac
[ -r "$suite" ] || die "$suite: no such suite"
name=${suite##*/}
name=${name%.conf}
: "${host:=$(uname -n)}"
case $host in
''|*[!A-Za-z0-9_.-]*) die "-H: '$host': use letters, digits, '_', '-' and '.'" ;;
esac

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The suite, checked before anything runs.
awk -v file="$suite" '
	function bad(msg) {
		printf "suite.sh: %s: line %d: %s\n", file, NR, msg > "/dev/stderr"
		err = 1
	}
	{ sub(/#.*/, "") }
	NF == 0 { next }
	$1 == "repeat" {
		if (NF != 2 || $2 !~ /^[1-9][0-9]*$/)
			bad("repeat wants one positive number")
		next
	}
	$1 != "sweep" && $1 != "cyclic" { bad("unknown statement " $1); next }
	NF < 3 { bad("a " $1 " needs a name and options"); next }
	$2 !~ /^[A-Za-z0-9_-]+$/ { bad("name " $2 ": letters, digits, _ and -") }
	$2 in seen { bad($2 " twice") }
	{ seen[$2] = 1 }
	$1 == "cyclic" && $3 !~ /^(tx|rx|loop)$/ { bad("cyclic " $2 ": tx, rx or loop first") }
	{
		for (i = $1 == "cyclic" ? 4 : 3; i <= NF; i++)
			if ($i !~ /^[a-z][a-z0-9-]*(=[A-Za-z0-9_.,+-]+)?$/)
				bad("option " $i ": KEY=VALUE or FLAG expected")
	}
	END { exit err }' "$suite" || exit 2

[ -n "$reps" ] || reps=$(awk '{ sub(/#.*/, "") } $1 == "repeat" { r = $2 } END { print r + 0 }' "$suite")
[ "$reps" != 0 ] || reps=3

# The channel, from `dmactl list`: channel device driver caps in_use.
"$DMACTL" list > "$tmp/list" 2> "$tmp/list.err" ||
	die "dmactl list failed: $(cat "$tmp/list.err")"
pick=$(awk -v want="$chan" -v dev="$device" '
	/^#/ || NF < 5 { next }
	want != "" { if ($1 == want) { print; exit } next }
	dev != "" && $2 != dev && $3 != dev && $1 !~ "^" dev "chan[0-9]+$" { next }
	$4 ~ /(^|,)memcpy(,|$)/ && $5 == "no" { print; exit }' "$tmp/list")
if [ -z "$pick" ]; then
	[ -z "$chan" ] || die "no channel $chan (see dmactl list)"
	[ -z "$device" ] || die "no free channel of $device can do memcpy"
	die "no free channel can do memcpy"
fi
# shellcheck disable=SC2086
set -- $pick
chan=$1
prov_dev=$2
prov_drv=$3
# The free channels of the same provider, the chosen one first: what a
# sweep over several channels uses.
peers=$(awk -v dev="$prov_dev" -v chan="$chan" '
	$1 != chan && $2 == dev && $5 == "no" { rest = rest " " $1 }
	END { print chan rest }' "$tmp/list")
free=$(echo "$peers" | wc -w)

"$DMACTL" -j info "$chan" > "$tmp/info" 2> "$tmp/info.err" ||
	die "dmactl info $chan failed: $(cat "$tmp/info.err")"

# json_get FILE KEY: a scalar of a flat pretty-printed JSON object, or an
# array's elements separated by spaces; nothing for null or no such key.
json_get()
{
	awk -v k="\"$2\":" '
		{ doc = doc " " $0 }
		END {
			i = index(doc, k)
			if (!i)
				exit
			s = substr(doc, i + length(k))
			sub(/^[ \t]*/, "", s)
			if (substr(s, 1, 1) == "[") {
				s = substr(s, 2)
				sub(/\].*/, "", s)
			} else {
				sub(/[,}].*/, "", s)
			}
			gsub(/[",]/, " ", s)
			gsub(/[ \t]+/, " ", s)
			sub(/^ /, "", s)
			sub(/ $/, "", s)
			if (s != "null")
				print s
		}' "$1"
}

# The widths both directions have, the bursts the channel takes.
widths=$(echo "$(json_get "$tmp/info" src_addr_widths_bytes)" "|" \
	     "$(json_get "$tmp/info" dst_addr_widths_bytes)" |
	 awk -F'|' '{
		n = split($1, s, " ")
		m = split($2, d, " ")
		for (i = 1; i <= n; i++)
			for (j = 1; j <= m; j++)
				if (s[i] == d[j])
					out = out (out == "" ? "" : " ") s[i]
		print out
	 }')
min_burst=$(json_get "$tmp/info" min_burst)
max_burst=$(json_get "$tmp/info" max_burst)

# expand KEY VALUE: the comma-separated list dmactl gets; status 3 when
# the value needs a limit the channel does not report.
expand()
{
	case $1 in
	width) max=${widths##* } have=$widths lo=1 ;;
	burst) max=$max_burst have='' lo=${min_burst:-1} ;;
	channels) max=$free have='' lo=1 ;;
	*) max='' have='' lo=1 ;;
	esac
	awk -v key="$1" -v spec="$2" -v max="$max" -v have=" $have " -v lo="$lo" '
		function num(s,    m) {
			if (s == "max" || s == "N") {
				if (max == "")
					exit 3
				return max + 0
			}
			if (s !~ /^[0-9]+[KMG]?$/)
				return s
			m = 1
			if (s ~ /K$/) m = 1024
			if (s ~ /M$/) m = 1048576
			if (s ~ /G$/) m = 1073741824
			return int(s) * m
		}
		function add(v) {
			if (!(v in seen))
				out = out (out == "" ? "" : ",") v
			seen[v] = 1
		}
		BEGIN {
			n = split(spec, part, ",")
			for (i = 1; i <= n; i++) {
				if (split(part[i], r, "\\.\\.") != 2) {
					add(num(part[i]))
					continue
				}
				a = num(r[1])
				b = num(r[2])
				if (a !~ /^[0-9]+$/ || b !~ /^[0-9]+$/ || a < 1) {
					printf "suite.sh: %s=%s: a range runs between two positive numbers\n",
						key, spec > "/dev/stderr"
					exit 2
				}
				# a range keeps to what the channel can do
				if (a < lo + 0)
					a = lo + 0
				for (v = 1; v < a; v *= 2)
					;
				for (; v <= b; v *= 2)
					if (have == "  " || index(have, " " v " "))
						add(v)
			}
			if (out == "") {
				printf "suite.sh: %s=%s: no value%s\n", key, spec,
					have == "  " ? "" : " among those the channel takes:" have > "/dev/stderr"
				exit 2
			}
			print out
		}'
}

# One "KIND NAME dmactl-arguments" line per statement, in $tmp/cmds;
# notes in $tmp/notes.
set -f
awk '{ sub(/#.*/, "") } $1 == "sweep" || $1 == "cyclic"' "$suite" > "$tmp/statements"
: > "$tmp/cmds"
: > "$tmp/notes"
while read -r kind sweep opts; do
	args=
	chans=$chan
	if [ "$kind" = cyclic ]; then
		dir=${opts%% *}
		opts=${opts#"$dir"}
		[ "$dir" = loop ] && chans=$(echo "$peers" | awk '{ print $1 "," $2 }')
	fi
	for o in $opts; do
		case $o in
		*=*)
			key=${o%%=*}
			val=$(expand "$key" "${o#*=}")
			case $? in
			0) args="$args --$key=$val" ;;
			3) echo "$sweep.$key: ${o#*=} needs what $chan does not report (dma_get_slave_caps); not configured" >> "$tmp/notes" ;;
			*) exit 2 ;;
			esac
			# a sweep over channels names as many as it needs
			[ "$key" = channels ] && chans=$(echo "$peers" | awk -v want="$val" '{
				n = split(want, w, ",")
				for (i = 1; i <= n; i++)
					if (w[i] + 0 > most)
						most = w[i] + 0
				for (i = 1; i <= most && i <= NF; i++)
					printf "%s%s", (i > 1 ? "," : ""), $i
			}')
			;;
		*)
			args="$args --$o"
			;;
		esac
	done
	if [ "$kind" = cyclic ]; then
		echo "cyclic $sweep cyclic $dir -c $chans --csv$args"
	else
		echo "sweep $sweep bench -c $chans -r 1 --csv$args"
	fi >> "$tmp/cmds"
done < "$tmp/statements"
set +f

# The timing model in force, as vdma publishes it beside its channels
# (vdma(4)); "none" for other providers, whose timing is the hardware's.
provider_mode()
{
	head -n 1 "/sys/class/dma/$chan/device/timing_model" 2>/dev/null ||
		echo none
}

# What the numbers depend on, ahead of every sweep's own metadata.
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)
[ -n "$cpu" ] || cpu=$(uname -m)
machine=$(tr -d '\0' 2>/dev/null < /sys/firmware/devicetree/base/model)
[ -n "$machine" ] || machine=$(cat /sys/class/dmi/id/product_name 2>/dev/null)
"$DMACTL" -j version > "$tmp/version" 2>/dev/null
params=
if [ -d /sys/module/"$prov_drv"/parameters ]; then
	for p in /sys/module/"$prov_drv"/parameters/*; do
		[ -r "$p" ] && params="$params ${p##*/}=$(cat "$p")"
	done
fi
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
{
	echo "# suite: $name"
	echo "# date: $date"
	echo "# host: $host"
	echo "# kernel: $(uname -r)"
	echo "# cpu: $cpu, $(grep -c '^processor' /proc/cpuinfo) CPUs"
	[ -n "$machine" ] && echo "# machine: $machine"
	echo "# tool: dmactl $(json_get "$tmp/version" version)"
	echo "# abi: $(json_get "$tmp/version" abi_version) (module $(json_get "$tmp/version" module_abi_version))"
	echo "# channel: $chan"
	echo "# provider: $prov_drv (device $prov_dev)"
	echo "# provider_params:${params:- none readable}"
	echo "# provider_mode: $(provider_mode)"
	echo "# repetitions: $reps, in turn: every sweep once, then again"
	echo "# slave_caps: widths ${widths:-not reported}; bursts ${min_burst:-?} to ${max_burst:-not reported}"
} > "$tmp/common"
{
	cat "$tmp/common"
	while read -r note; do
		echo "# note.$note"
	done < "$tmp/notes"
	while read -r kind sweep cmd; do
		[ "$kind" = sweep ] && echo "# sweep.$sweep: dmactl $cmd"
	done < "$tmp/cmds"
} > "$tmp/meta"

# Run everything; a failure is named in the metadata, the rest still
# counts.  The repetitions of a point are spread over the whole run,
# each sweep running once per repetition in turn, so that a slow change
# of the machine's speed shows as spread in every point rather than as
# a step between two points.  Sweeps go to $tmp/sweep/N-NAME.csv, with
# their repetition's number in the rep column; cyclic runs, once, to
# $tmp/cyclic/N-NAME.csv.
mkdir "$tmp/sweep" "$tmp/cyclic" || exit 2
set -f
failed=0
i=0
r=1
while [ $r -le "$reps" ]; do
	while read -r kind sweep cmd; do
		[ "$kind" = sweep ] || [ $r = 1 ] || continue
		i=$((i + 1))
		if [ "$kind" = sweep ]; then
			echo "suite.sh: $name: sweep $sweep (repetition $r of $reps): dmactl $cmd"
		else
			echo "suite.sh: $name: cyclic $sweep: dmactl $cmd"
		fi >&2
		# shellcheck disable=SC2086
		"$DMACTL" $cmd > "$tmp/raw" 2> "$tmp/err"
		rc=$?
		cat "$tmp/err" >&2
		if [ $rc != 0 ]; then
			echo "# failed.$sweep.r$r: exit status $rc: $(head -n 1 "$tmp/err")" >> "$tmp/meta"
			failed=1
		fi
		awk -F, -v OFS=, -v rep=$r -v kind="$kind" '
			/^#/ || kind != "sweep" { print; next }
			!c { for (c = NF; c > 0 && $c != "rep"; c--); print; next }
			{ $c = rep; print }' "$tmp/raw" > "$tmp/$kind/$i-$sweep.csv"
	done < "$tmp/cmds"
	r=$((r + 1))
done
set +f

# in_order DIR: the files of DIR in the order they were written
in_order()
{
	ls "$1" | sort -n | sed "s|^|$1/|"
}

# shellcheck disable=SC2046
awk -F, -v contract="$CONTRACT" -v column=sweep -f "$here/merge.awk" \
	"$tmp/meta" $(in_order "$tmp/sweep") > "$tmp/merged" || failed=1

# Where the files go.
if [ -z "$out" ]; then
	out=.
	[ -d "$here/../../results" ] && out=$here/../../results
fi
case $out in
-)
	[ -z "$(ls "$tmp/cyclic")" ] ||
		echo "suite.sh: -o -: the cyclic runs' results are not written" >&2
	cat "$tmp/merged"
	exit $failed
	;;
*.csv)
	csv=$out
	;;
*)
	[ -d "$out" ] || die "-o: $out: not a directory"
	csv=$out/$name-$(echo "$date" | sed 's/[-:]//g; s/[0-9][0-9]Z$/Z/')-$host.csv
	;;
esac
json=${csv%.csv}.json
cp "$tmp/merged" "$csv" || exit 1
awk -F, -v PROG=suite.sh -f "$here/lib.awk" -f "$here/csv2json.awk" "$csv" > "$json" || exit 1
echo "suite.sh: wrote $csv and $json" >&2

# A cyclic run's periods, with the suite's metadata and its command.
for f in $(in_order "$tmp/cyclic"); do
	[ -s "$f" ] || continue
	run=${f##*/[0-9]*-}
	run=${run%.csv}
	grep "^cyclic $run " "$tmp/cmds" | sed "s/^cyclic $run /# command_line: dmactl /" |
		cat "$tmp/common" - > "$tmp/cmeta"
	cf=${csv%.csv}-cyclic-$run.csv
	awk -F, -v contract="$CYCLIC_CONTRACT" -v column= -f "$here/merge.awk" \
		"$tmp/cmeta" "$f" > "$cf" || failed=1
	echo "suite.sh: wrote $cf" >&2
done
exit $failed
