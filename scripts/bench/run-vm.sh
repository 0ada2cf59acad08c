#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run a benchmark suite (scripts/bench/suite.sh) on a vdma channel in the
# test VM, and write results/<suite>-<date>-qemu-<accel>.csv and .json
# on the host; then, if asked, compare the run with a baseline and plot
# it.  One VM boot holds the whole suite, so its points compare with
# each other.
#
# usage: run-vm.sh [-r REPS] [-p 'VDMA PARAMS'] [-t SECONDS] [-o DIR]
#                  [-b BASELINE|auto] [-c 'COMPARE OPTIONS'] [-P] [--no-build]
#                  SUITE
#   SUITE          a suite file or the name of one in scripts/bench/suites/
#   -r REPS        repetitions of every point (default: the suite's)
#   -p PARAMS      reload vdma with these module parameters first, for
#                  instance its timing model's (see vdma(4))
#   -t SECONDS     bound on the VM run, boot included (default 1200)
#   -o DIR         where the files go (default results/)
#   -b BASELINE    compare with this CSV (compare.sh); "auto": the newest
#                  results/<suite>-*-qemu-<accel>.csv committed
#   -c OPTIONS     options for compare.sh, such as '-t 15 -m iops'
#   -P             plot the run (plot.sh), next to the CSV
#   --no-build     boot the guest image as built last
#
# How the results come back: the guest prints each CSV file suite.sh
# wrote between two markers that carry a token of this run, the closing
# one with the file's MD5 sum and line count, then suite.sh's exit
# status in a last marker; the host takes the files from the console log
# and checks both.
#
# Exit status: 0 done (and no regression); 1 a sweep failed, the VM
# failed or compare.sh found a regression; 2 bad usage.

. "$(dirname "$0")/../lib.sh"

here=$TOP/scripts/bench

usage()
{
	sed -n 's/^# \{0,1\}//; /^usage:/,/^How the/p' "$0" | sed '$d' >&2
	exit 2
}

reps=
params=
timeout=1200
outdir=$TOP/results
baseline=
compare_opts=
plot=0
build=
while [ $# -gt 0 ]; do
	case $1 in
	-r|-p|-t|-o|-b|-c)
		[ $# -ge 2 ] || usage
		case $1 in
		-r) reps=$2 ;;
		-p) params=$2 ;;
		-t) timeout=$2 ;;
		-o) outdir=$2 ;;
		-b) baseline=$2 ;;
		-c) compare_opts=$2 ;;
		esac
		shift 2
		;;
	-P)
		plot=1
		shift
		;;
	--no-build)
		build=--no-build
		shift
		;;
	-*)
		usage
		;;
	*)
		break
		;;
	esac
done
[ $# = 1 ] || usage
suite=$1
case $reps in
*[!0-9]*) die "-r: $reps: not a number" ;;
esac
case $params in
*[!A-Za-z0-9_=.,\ -]*) die "-p: '$params': only name=value words" ;;
esac
[ -d "$outdir" ] || die "-o: $outdir: not a directory"

resolve_kernel
resolve_accel
host=qemu-$ACCEL

token=$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')
eof="@@EOF-$token"

# ship FILE DEST: a guest command that recreates FILE as DEST.
ship()
{
	printf "cat > %s <<'%s'\n" "$2" "$eof"
	cat "$1"
	printf '%s\n' "$eof"
}

# The guest gets suite.sh and what it reads; suite.sh finds the suite
# and checks it there.
case $suite in
*/*|*.conf)
	[ -r "$suite" ] || die "$suite: no such suite file"
	suites=$suite
	suite=/run/bench/suites/${suite##*/}
	;;
*)
	suites=$(ls "$here"/suites/*.conf)
	;;
esac
case $suite in
*[!A-Za-z0-9_./-]*) die "$1: name the suite with letters, digits and _.-" ;;
esac
guest=$(
	echo "mkdir -p /run/bench/suites /run/bench/out"
	for f in suite.sh merge.awk lib.awk csv2json.awk; do
		ship "$here/$f" "/run/bench/$f"
	done
	for f in $suites; do
		ship "$f" "/run/bench/suites/${f##*/}"
	done
	if [ -n "$params" ]; then
		cat <<-EOF
		rmmod dmactl && rmmod vdma &&
		insmod /lib/modules/dmactl/vdma.ko $params &&
		insmod /lib/modules/dmactl/dmactl.ko || {
			echo "run-vm.sh: cannot reload vdma with: $params"
			exit 3
		}
		EOF
	fi
	cat <<-EOF
	sh /run/bench/suite.sh -D vdma ${reps:+-r $reps} -H $host -o /run/bench/out/run.csv $suite
	rc=\$?
	for f in /run/bench/out/*.csv; do
		[ -f "\$f" ] || continue
		echo "@@bench-file $token begin \${f##*/}@@"
		cat "\$f"
		echo "@@bench-file $token end \${f##*/} \$(md5sum < "\$f" | cut -d' ' -f1) \$(wc -l < "\$f")@@"
	done
	echo "@@bench-done $token \$rc@@"
	EOF
)

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# The guest command exits 0 once it has printed the results, whatever
# suite.sh's status (the end marker carries it): any other status is the
# VM's.
"$TOP/scripts/vm.sh" $build -t "$timeout" -l "$tmp/console" -- "$guest"
rc=$?
case $rc in
0) ;;
3) die "vdma did not load with parameters: $params" ;;
*) die "the VM failed (scripts/vm.sh exit status $rc)" ;;
esac

rc=$(sed -n "s/^@@bench-done $token \([0-9]*\)@@\$/\1/p" "$tmp/console")
[ -n "$rc" ] || die "the guest did not finish the suite"
[ "$rc" != 2 ] || die "suite.sh gave up in the guest (its message is above)"

# receive NAME SUM LINES: the file NAME the guest sent, in $tmp/NAME
receive()
{
	sed -n "/^@@bench-file $token begin $1@@\$/,/^@@bench-file $token end $1 /p" "$tmp/console" |
		sed '1d;$d' > "$tmp/$1"
	[ "$(md5sum < "$tmp/$1" | cut -d' ' -f1)" = "$2" ] && [ "$(wc -l < "$tmp/$1")" = "$3" ] ||
		die "$1 arrived damaged ($3 lines sent, $(wc -l < "$tmp/$1") received)"
}

sed -n "s/^@@bench-file $token end \([^ ]*\) \([0-9a-f]*\) \([0-9]*\)@@\$/\1 \2 \3/p" \
	"$tmp/console" > "$tmp/files"
grep -q '^run.csv ' "$tmp/files" || die "the guest sent no results"
while read -r f sum lines; do
	receive "$f" "$sum" "$lines"
done < "$tmp/files"

# The files' names, with the host's side of the metadata before the
# header row.
name=$(sed -n 's/^# suite: //p' "$tmp/run.csv")
stamp=$(sed -n 's/^# date: //p' "$tmp/run.csv" | sed 's/[-:]//g; s/[0-9][0-9]Z$/Z/')
[ -n "$name" ] && [ -n "$stamp" ] || die "the results have no suite name or date"
csv=$outdir/$name-$stamp-$host.csv
vm="$(qemu-system-x86_64 --version | head -n 1), accel $ACCEL, Debian linux-image-amd64 $(pkg_version "linux-image-$KREL")"
cpu="$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(nproc) CPUs"
cyclic=
while read -r f _; do
	out=${csv%.csv}${f#run}
	awk -v vm="$vm" -v cpu="$cpu" -v params="${params:-defaults}" '
		!done && !/^#/ {
			print "# vm: " vm
			print "# vm_host_cpu: " cpu
			print "# vdma_load_params: " params
			done = 1
		}
		{ print }' "$tmp/$f" > "$out" || die "cannot write $out"
	echo "run-vm.sh: wrote $out"
	[ "$f" = run.csv ] || cyclic="$cyclic $out"
done < "$tmp/files"
json=${csv%.csv}.json
awk -F, -v PROG=run-vm.sh -f "$here/lib.awk" -f "$here/csv2json.awk" "$csv" > "$json" ||
	die "cannot write $json"
echo "run-vm.sh: wrote $json"
status=0
[ "$rc" = 0 ] || { note "a run failed: see the '# failed.' lines of $csv"; status=1; }

if [ $plot = 1 ]; then
	# shellcheck disable=SC2086
	"$here/plot.sh" "$csv" $cyclic || status=1
fi

if [ "$baseline" = auto ]; then
	# the reference runs committed in results/ (all of them outside a
	# git checkout); the names sort by date
	refs=$(git -C "$TOP" ls-files -- "results/$name-*-$host.csv" 2>/dev/null) ||
		refs=$(cd "$TOP" && ls results/"$name"-*-"$host".csv 2>/dev/null)
	baseline=$(echo "$refs" | sed "s|^|$TOP/|" | grep -vxF "$csv" | sort | tail -n 1)
	[ -n "$baseline" ] || { note "no reference $name run on $host in results/ to compare with"; exit $status; }
fi
if [ -n "$baseline" ]; then
	# shellcheck disable=SC2086
	"$here/compare.sh" $compare_opts "$baseline" "$csv" || status=1
fi
exit $status
