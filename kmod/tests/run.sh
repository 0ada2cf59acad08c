#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The VM test suite: runs each test program listed in "suite" in turn,
# passing its KTAP through.  A program that crashes, times out, prints a
# result count other than its plan, or exits non-zero with no failed
# result gets one more KTAP document saying so, with a failed result.
#
# usage: run.sh [TEST...]   (default: the whole suite, from this directory)
# Exit status 0 only if every result passed or was skipped.

dir=$(cd "$(dirname "$0")" && pwd)
LIMIT=${TEST_TIMEOUT:-900}	# seconds per program

# The suite, in order, is listed in the file "suite" beside this script.
[ $# -gt 0 ] || set -- $(sed -e 's/#.*//' "$dir/suite")

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
skipped=0

# run_prog PROG: runs PROG in a session of its own, so that on timeout or
# exit nothing it started stays behind holding the output pipe; its exit
# status goes to $tmp/rc.
run_prog()
{
	setsid "$1" 2>&1 &
	pid=$!
	(
		trap 'kill $nap; exit 0' TERM
		sleep "$LIMIT" &
		nap=$!
		wait $nap
		kill -KILL -"$pid"
	) > /dev/null 2>&1 &
	dog=$!
	wait "$pid"
	echo $? > "$tmp/rc"
	kill "$dog" 2>/dev/null
	kill -KILL -"$pid" 2>/dev/null
}

problem()
{
	echo "KTAP version 1"
	echo "1..1"
	echo "not ok 1 $1"
	failed=$((failed + 1))
}

for t in "$@"; do
	prog=$dir/$t
	echo "# run.sh: $t"
	if [ ! -x "$prog" ]; then
		problem "$t: not found in $dir"
		continue
	fi
	start=$(cut -d' ' -f1 /proc/uptime)
	run_prog "$prog" | tee "$tmp/out"
	rc=$(cat "$tmp/rc")
	end=$(cut -d' ' -f1 /proc/uptime)

	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$tmp/out" | head -n 1)
	results=$(grep -cE '^(ok|not ok) [0-9]+' "$tmp/out")
	nok=$(grep -cE '^not ok [0-9]+' "$tmp/out")
	nskip=$(grep -ciE '^ok [0-9]+.*# *skip' "$tmp/out")
	passed=$((passed + results - nok - nskip))
	failed=$((failed + nok))
	skipped=$((skipped + nskip))
	echo "# run.sh: $t: exit status $rc, $results results, $(awk "BEGIN { print $end - $start }") s"

	if [ "$rc" -gt 128 ]; then
		problem "$t: killed by signal $((rc - 128)) after $results of ${plan:-?} results"
	elif [ -z "$plan" ]; then
		problem "$t: printed no KTAP plan"
	elif [ "$results" != "$plan" ]; then
		problem "$t: printed $results of $plan results"
	elif [ "$rc" != 0 ] && [ "$nok" = 0 ] &&
	     ! { [ "$rc" = 4 ] && [ "$nskip" = "$results" ]; }; then
		problem "$t: exit status $rc without a failed result"
	fi
done

echo "# run.sh: $passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
