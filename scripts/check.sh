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
#   bench       the host tests of scripts/bench and scripts/lava
#   vm          the VM suite, kmod/tests/run.sh, through scripts/vm.sh
#   matrix      the bridge's tests against vdma's personalities,
#               kmod/tests/matrix.sh, in a second boot
# on each kernel (scripts/lib.sh): Debian's stock one, its real-time one
# and the debug kernel (built once, then cached), which reports through
# vm.sh what KASAN, lockdep, kmemleak, DMA-API debugging and debug objects
# find.  checkpatch, cli, man and bench do not depend on the kernel: they run
# with the stock one only.
# The stages print KTAP; every "ok"/"not ok" line at the start of a line
# is counted, whichever stage printed it.  The last line of the output is
# "N passed, N failed, N skipped"; the exit status is 1 if any failed.
#
# usage: check.sh [--kernel stock|rt|debug]...
#   the kernels to check (default: all three, `make check-all`; `make
#   check` is the stock one, `make check-rt` and `make check-debug` the
#   others)
#
# VM_TIMEOUT (seconds, default 1500; 3600 on the debug kernel) bounds each
# VM suite.

. "$(dirname "$0")/lib.sh"

usage()
{
	echo "usage: ${0##*/} [--kernel stock|rt|debug]..." >&2
	exit 2
}

kernels=
while [ $# -gt 0 ]; do
	[ "$1" = --kernel ] && [ $# -ge 2 ] || usage
	case " $KERNELS " in
	*" $2 "*) kernels="$kernels $2" ;;
	*) usage ;;
	esac
	shift 2
done
kernels=${kernels:-$KERNELS}

# checkpatch types that do not apply to a kind of file, with the reason.
# uapi headers: BIT() and BIT_ULL() do not exist for userspace.
CP_IGNORE_UAPI=BIT_MACRO
# userspace test programs: <stdint.h> types and <inttypes.h> PRI* macros,
# and the compiler's attributes spelt out (no __printf() outside the kernel).
CP_IGNORE_USER=PREFER_KERNEL_TYPES,CAMELCASE,PREFER_DEFINED_ATTRIBUTE_MACRO
# compat headers: version checks are what they are for (and constant
# comparisons of KERNEL_VERSION()s), and the shims of old kernels call the
# old API (kmap_atomic()) that newer ones deprecate.  Every version check
# of the modules is in these headers, so the exception stays there.
CP_IGNORE_COMPAT=LINUX_VERSION_CODE,CONSTANT_COMPARISON,DEPRECATED_API

n=0
counts_init check.sh
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

# ktap_stage NAME RC: adds what ktap counted; a failure of its own if the
# exit status RC of what ran disagrees with it.
ktap_stage()
{
	local why

	ktap_counts
	passed=$((passed + KTAP_P))
	failed=$((failed + KTAP_F))
	skipped=$((skipped + KTAP_S))
	why=$(ktap_agrees "$2") || result 1 "$1: $why"
}

stage_checkpatch()
{
	local f ignore out rc

	stage checkpatch
	if ! ksrc_extract; then
		result 1 "checkpatch: cannot extract checkpatch.pl"
		return
	fi
	# Run from the extract, not from the repository: in a git work tree
	# checkpatch leaves a CamelCase cache file in the current directory.
	# Its --root has an empty include/ to seed that cache from.
	mkdir -p "$BUILD_BASE/ksrc/include"
	cd "$BUILD_BASE/ksrc" || exit 1
	for f in $(cd "$TOP" && find kmod -name '*.[ch]' ! -name '*.mod.c' | LC_ALL=C sort); do
		case $f in
		kmod/include/uapi/*) ignore=--ignore=$CP_IGNORE_UAPI ;;
		kmod/tests/*) ignore=--ignore=$CP_IGNORE_USER ;;
		kmod/*/compat.h) ignore=--ignore=$CP_IGNORE_COMPAT ;;
		*) ignore= ;;
		esac
		out=$(perl scripts/checkpatch.pl --no-tree --root="$BUILD_BASE/ksrc" \
			--strict --show-types $ignore -f "$TOP/$f" 2>&1)
		rc=$?
		[ $rc = 0 ] || echo "$out"
		result $rc "checkpatch $f"
	done
	cd "$TOP" || exit 1
}

stage_modules()
{
	local out=$BUILD/check-modules.log rc

	stage "modules (W=1, sparse)"
	mkdir -p "$BUILD"
	(
		flock 9
		kmod_tree && make -C "$KMOD" KDIR="$KDIR" W=1 C=2 DMACTL_WERROR=1 modules
	) 9>"$BUILD_BASE/.build.lock" > "$out" 2>&1
	rc=$?
	cat "$out"
	if [ $rc = 0 ] && grep -qE '(warning|error):' "$out"; then
		echo "# compiler or sparse warnings above"
		rc=1
	fi
	result $rc "modules build W=1 C=2 ($DMACTL_KERNEL kernel)"
}

stage_cli()
{
	local rc

	stage cli
	make -C "$TOP/cli"
	result $? "cli build"
	make -C "$TOP/cli" test 2>&1 | ktap
	rc=${PIPESTATUS[0]}
	ktap_stage "cli unit tests" "$rc"
}

stage_man()
{
	local f out rc

	stage man
	for f in "$TOP"/man/*.[1-9]; do
		[ -f "$f" ] || continue
		out=$(groff -ww -z -man "$f" 2>&1)
		rc=$?
		[ -n "$out" ] && { echo "$out"; rc=1; }
		result $rc "man ${f#"$TOP"/} renders without warnings"
	done
}

stage_bench()
{
	local rc

	stage "bench scripts"
	sh "$TOP/scripts/bench/tests/run.sh" 2>&1 | ktap
	rc=${PIPESTATUS[0]}
	ktap_stage "bench script tests" "$rc"
}

stage_vm()
{
	local rc timeout=${VM_TIMEOUT:-1500}

	# under TCG every check of the debug kernel costs: it gets longer
	[ "$DMACTL_KERNEL" = debug ] && timeout=${VM_TIMEOUT:-3600}
	stage "VM suite ($DMACTL_KERNEL kernel)"
	"$TOP/scripts/vm.sh" -t "$timeout" -- /tests/run.sh 2>&1 | ktap
	rc=${PIPESTATUS[0]}
	ktap_stage "vm suite ($DMACTL_KERNEL kernel): scripts/vm.sh" "$rc"
}

# The personalities the debug kernel checks: under TCG every check of it
# costs, and KASAN and lockdep matter most where callbacks outlive what
# the consumer sees (no device_synchronize, descriptors recycled).
MATRIX_DEBUG="pl330"

# The bridge's tests against vdma's personalities (kmod/tests/matrix.sh),
# in a boot of their own: all of them on the packaged kernels, those of
# $MATRIX_DEBUG with a shorter fuzzer on the debug kernel.
stage_matrix()
{
	local rc timeout=${VM_TIMEOUT:-1500} cmd=/tests/matrix.sh

	if [ "$DMACTL_KERNEL" = debug ]; then
		timeout=${VM_TIMEOUT:-3600}
		cmd="FUZZ_CALLS=5000 $cmd $MATRIX_DEBUG"
	fi
	stage "VM personality matrix ($DMACTL_KERNEL kernel)"
	"$TOP/scripts/vm.sh" --no-build -t "$timeout" -- "$cmd" 2>&1 | ktap
	rc=${PIPESTATUS[0]}
	ktap_stage "vm personality matrix ($DMACTL_KERNEL kernel): scripts/vm.sh" "$rc"
}

if [ "${SKIP_DEPS:-0}" != 1 ]; then
	stage deps
	# shellcheck disable=SC2086
	"$TOP/scripts/deps.sh" $kernels
	result $? "deps"
fi
# what check.sh starts does not check them again
export SKIP_DEPS=1

for k in $kernels; do
	set_kernel "$k"
	# the debug kernel is built here if its cache has none
	stage "kernel ($k)"
	# resolve_kernel dies when it cannot: try it in a subshell first
	if ! (resolve_kernel); then
		result 1 "kernel ($k): not available"
		continue
	fi
	resolve_kernel
	echo "# check.sh: kernel $KREL, modules built against $KDIR"
	# what does not depend on the kernel runs once, with the stock one
	[ "$k" = stock ] && stage_checkpatch
	stage_modules
	if [ "$k" = stock ]; then
		stage_cli
		stage_man
		stage_bench
	fi
	stage_vm
	stage_matrix
done

echo "# check.sh: done in $((SECONDS - start)) s"
counts_done
