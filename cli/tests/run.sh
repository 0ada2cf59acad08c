#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run the CLI unit tests and merge their KTAP into one stream, numbered
# afresh, each test named after its program.  A program that crashes or
# reports fewer tests than it planned counts as a failure.  When both ABI
# layout programs are given, their tables must be identical.
#
# usage: run.sh DMACTL TEST.t...

set -u

if [ $# -lt 2 ]; then
	echo "usage: $0 DMACTL TEST.t..." >&2
	exit 2
fi
dmactl=$1
shift

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
lines=$tmp/lines
: >"$lines"
n=0 pass=0 fail=0 skip=0

result() {	# result ok|"not ok" DESCRIPTION
	n=$((n + 1))
	printf '%s %d %s\n' "$1" "$n" "$2" >>"$lines"
	case $1 in
	ok)
		case $2 in
		*"# SKIP"*) skip=$((skip + 1)) ;;
		*) pass=$((pass + 1)) ;;
		esac ;;
	*) fail=$((fail + 1)) ;;
	esac
}

diag() {
	printf '# %s\n' "$1" >>"$lines"
}

run_one() {	# run_one PROGRAM
	prog=$1
	name=$(basename "$prog" .t)
	"$prog" "$dmactl" >"$tmp/out" 2>&1
	rc=$?
	# An executable that the shell cannot start (126) is one this
	# machine's kernel does not run: -m32 on a kernel without IA32
	# emulation.
	if [ "$rc" -eq 126 ] && [ -x "$prog" ]; then
		result ok "$name # SKIP this kernel does not run it: $(tail -n 1 "$tmp/out")"
		unrunnable="$unrunnable $prog"
		return
	fi
	planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$tmp/out" | head -n 1)
	got=0 failed=0
	while IFS= read -r line; do
		case $line in
		"KTAP version"* | 1..*)
			;;
		"not ok "*)
			rest=${line#not ok }
			result "not ok" "$name: ${rest#* }"
			got=$((got + 1)) failed=1 ;;
		"ok "*)
			rest=${line#ok }
			result ok "$name: ${rest#* }"
			got=$((got + 1)) ;;
		"#"*)
			printf '%s\n' "$line" >>"$lines" ;;
		*)
			diag "$name: $line" ;;
		esac
	done <"$tmp/out"
	if [ -z "$planned" ]; then
		result "not ok" "$name: no KTAP plan (exit status $rc)"
	elif [ "$got" -ne "$planned" ]; then
		result "not ok" "$name: $got of $planned tests reported (exit status $rc)"
	elif [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
		result "not ok" "$name: exit status $rc without a failed test"
	fi
}

abi32= abi64= unrunnable=
for prog in "$@"; do
	run_one "$prog"
	case $prog in
	*abi-m32.t) abi32=$prog ;;
	*abi-m64.t) abi64=$prog ;;
	esac
done

if [ -n "$abi32" ] && [ -n "$abi64" ]; then
	case " $unrunnable " in
	*" $abi32 "*)
		# the VM suite's abi32 still drives the ABI from a 32-bit process
		result ok "abi: -m32 and -m64 layouts and ioctl numbers identical # SKIP the -m32 program does not run here"
		abi32=
		;;
	esac
fi
if [ -n "$abi32" ] && [ -n "$abi64" ]; then
	"$abi32" --table >"$tmp/m32" 2>&1
	"$abi64" --table >"$tmp/m64" 2>&1
	if [ -s "$tmp/m64" ] && cmp -s "$tmp/m32" "$tmp/m64"; then
		result ok "abi: -m32 and -m64 layouts and ioctl numbers identical ($(wc -l <"$tmp/m64") entries)"
	else
		diff "$tmp/m32" "$tmp/m64" | while IFS= read -r line; do
			diag "$line"
		done
		result "not ok" "abi: -m32 and -m64 layouts and ioctl numbers identical"
	fi
fi

echo "KTAP version 1"
echo "1..$n"
cat "$lines"
echo "# cli: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
