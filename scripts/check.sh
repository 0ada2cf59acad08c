#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every test of the project (`make check`), as root on Debian 12:
#   deps        scripts/deps.sh (skipped with SKIP_DEPS=1)
#   checkpatch  --no-tree --strict on every kmod C and header file
#   modules     built with W=1 and sparse on every file (C=2); any
#               compiler or sparse warning fails
#   cli         built (its Makefile has -Werror), then `make -C cli test`
#   man         each man/*.[1-9] renders without a groff warning
#   vm          the VM suite, kmod/tests/run.sh, through scripts/vm.sh
# The stages print KTAP; every "ok"/"not ok" line at the start of a line
# is counted, whichever stage printed it.  The last line of the output is
# "N passed, N failed, N skipped"; the exit status is 1 if any failed.
#
# VM_TIMEOUT (seconds, default 1500) bounds the VM suite.

. "$(dirname "$0")/lib.sh"

VM_TIMEOUT=${VM_TIMEOUT:-1500}

# checkpatch types that do not apply to a kind of file, with the reason.
# uapi headers: BIT() and BIT_ULL() do not exist for userspace.
CP_IGNORE_UAPI=BIT_MACRO
# userspace test programs: <stdint.h> types and <inttypes.h> PRI* macros.
CP_IGNORE_USER=PREFER_KERNEL_TYPES,CAMELCASE

passed=0
failed=0
skipped=0
n=0
tally=$(mktemp) || exit 1
finished=0
# Whatever stops the script early still ends the log with the counts.
finish()
{
	rm -f "$tally"
	[ $finished = 1 ] && return
	echo "# check.sh: stopped early"
	echo "$passed passed, $((failed + 1)) failed, $skipped skipped"
}
trap finish EXIT
start=$SECONDS

# result STATUS NAME: one KTAP line of check.sh itself
result()
{
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
		passed=$((passed + 1))
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
	fi
}

stage()
{
	echo "# check.sh: $* ($((SECONDS - start)) s)"
}

# ktap: passes its input through and writes "passed failed skipped" of
# the KTAP results in it to $tally.
ktap()
{
	awk -v tally="$tally" '
		{ print; fflush() }
		/^not ok [0-9]+/ { f++; next }
		/^ok [0-9]+/ { if (tolower($0) ~ /# *skip/) s++; else p++ }
		END { print p + 0, f + 0, s + 0 > tally }'
}

add_tally()
{
	local p f s

	read -r p f s < "$tally"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	TALLY_RESULTS=$((p + f + s))
	TALLY_FAILED=$f
}

# A producer of KTAP that exits non-zero must also have reported a
# failure, and one that exits zero must have reported something.
ktap_stage_status()
{
	local name=$1 rc=$2

	if [ "$rc" != 0 ] && [ "$TALLY_FAILED" = 0 ]; then
		result 1 "$name: exit status $rc"
	elif [ "$TALLY_RESULTS" = 0 ]; then
		result 1 "$name: no KTAP results"
	fi
}

if [ "${SKIP_DEPS:-0}" != 1 ]; then
	stage deps
	"$TOP/scripts/deps.sh"
	result $? deps
fi

stage checkpatch
resolve_kernel
if ksrc_extract; then
	# Run from the extract, not from the repository: in a git work tree
	# checkpatch leaves a CamelCase cache file in the current directory.
	# Its --root has an empty include/ to seed that cache from.
	mkdir -p "$BUILD/ksrc/include"
	cd "$BUILD/ksrc" || exit 1
	for f in $(cd "$TOP" && find kmod -name '*.[ch]' ! -name '*.mod.c' | LC_ALL=C sort); do
		case $f in
		kmod/include/uapi/*) ignore=--ignore=$CP_IGNORE_UAPI ;;
		kmod/tests/*) ignore=--ignore=$CP_IGNORE_USER ;;
		*) ignore= ;;
		esac
		out=$(perl scripts/checkpatch.pl --no-tree --root="$BUILD/ksrc" \
			--strict --show-types $ignore -f "$TOP/$f" 2>&1)
		rc=$?
		[ $rc = 0 ] || echo "$out"
		result $rc "checkpatch $f"
	done
	cd "$TOP" || exit 1
else
	result 1 "checkpatch: cannot extract checkpatch.pl"
fi

stage "modules (W=1, sparse)"
out=$BUILD/check-modules.log
mkdir -p "$BUILD"
(
	flock 9
	make -C "$TOP/kmod" KDIR="$KDIR" W=1 C=2 modules
) 9>"$BUILD/.build.lock" > "$out" 2>&1
rc=$?
cat "$out"
if [ $rc = 0 ] && grep -qE '(warning|error):' "$out"; then
	echo "# compiler or sparse warnings above"
	rc=1
fi
result $rc "modules build W=1 C=2"

stage cli
make -C "$TOP/cli"
result $? "cli build"
make -C "$TOP/cli" test 2>&1 | ktap
rc=${PIPESTATUS[0]}
add_tally
ktap_stage_status "cli unit tests" "$rc"

stage man
for f in "$TOP"/man/*.[1-9]; do
	[ -f "$f" ] || continue
	out=$(groff -ww -z -man "$f" 2>&1)
	rc=$?
	[ -n "$out" ] && { echo "$out"; rc=1; }
	result $rc "man ${f#"$TOP"/} renders without warnings"
done

stage "VM suite"
"$TOP/scripts/vm.sh" -t "$VM_TIMEOUT" -- /tests/run.sh 2>&1 | ktap
rc=${PIPESTATUS[0]}
add_tally
case $rc in
124|125|126)
	result 1 "vm suite: scripts/vm.sh exit status $rc"
	;;
*)
	ktap_stage_status "vm suite" "$rc"
	;;
esac

echo "# check.sh: done in $((SECONDS - start)) s"
finished=1
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
