#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check-kernels`: the VM suite on each kernel of the matrix
# (scripts/kernels/lib.sh), as root on Debian 12:
#   bullseye-5.10   Debian 11's kernel, built with gcc-10 in a bullseye root
#   bookworm-6.1    Debian 12's stock kernel (the kernel of `make check`)
#   bookworm-6.12   linux-6.12 for Debian 12 (bookworm-security), gcc-12
#                   on the host
#   trixie-6.12     Debian 13's kernel, gcc-14 in a trixie root
#   sid             unstable's kernel, its gcc in a sid root
# For each: fetch its image, headers, kbuild tools and linux-source
# (first run only), build dmatest.ko out of tree from that source, build
# vdma.ko and dmactl.ko with W=1 and every warning an error, the CLI and
# the tests (scripts/build-guest.sh), boot the kernel in QEMU and run the
# whole VM suite, kmod/tests/run.sh (scripts/vm.sh).  Every "ok"/"not ok"
# line is counted; each kernel ends with "kernel NAME: N passed, N
# failed, N skipped", and the last line is the total, "N passed, N
# failed, N skipped".  The exit status is 1 if any failed.  What cannot
# run on a kernel is a test's skip, with its reason.
#
# usage: check.sh [-n] [NAME]...
#   NAME  kernels of the matrix (default: all; `make check-kernels
#         KERNELS="..."`)
#   -n    prepare and build only, boot nothing (the VM stages are skips)
#
# VM_TIMEOUT (seconds, default 1500) bounds each VM suite.

. "$(dirname "$0")/lib.sh"

usage()
{
	echo "usage: ${0##*/} [-n] [NAME]...   (NAME: $KERNEL_MATRIX)" >&2
	exit 2
}

boot=1
if [ "${1:-}" = -n ]; then
	boot=0
	shift
fi
names=${*:-$KERNEL_MATRIX}
for k in $names; do
	case " $KERNEL_MATRIX " in
	*" $k "*) ;;
	*) usage ;;
	esac
done

counts_init check-kernels
start=$SECONDS

# The counts of the kernel being checked.
kp=0 kf=0 ks=0 kn=0
result()
{
	kn=$((kn + 1))
	case $1 in
	0) echo "ok $kn $2"; kp=$((kp + 1)) ;;
	skip) echo "ok $kn $2 # SKIP ${3:-}"; ks=$((ks + 1)) ;;
	*) echo "not ok $kn $2"; kf=$((kf + 1)) ;;
	esac
}

stage()
{
	echo "# check-kernels: $* ($((SECONDS - start)) s)"
}

# check_kernel NAME: prints its KTAP and sets kp, kf, ks.
check_kernel()
{
	local name=$1 rc why t0=$SECONDS

	kp=0 kf=0 ks=0 kn=0
	stage "kernel $name"
	if [ "$name" = bookworm-6.1 ]; then
		set_kernel stock
	else
		if ! (kernel_prepare "$name"); then
			result 1 "$name: fetch and prepare the kernel"
			return
		fi
		result 0 "$name: fetch and prepare the kernel"
		set_kernel "deb:$name"
		kernel_define "$name"
		kernel_dmatest
		result $? "$name: dmatest.ko from its own linux-source"
	fi
	if ! (resolve_kernel); then
		result 1 "$name: kernel not available"
		return
	fi
	resolve_kernel
	echo "# check-kernels: $name is $KREL, modules built against $KDIR"
	"$TOP/scripts/build-guest.sh"
	rc=$?
	result $rc "$name: vdma.ko and dmactl.ko (W=1, warnings are errors), the CLI and tests, the guest image"
	if [ $rc != 0 ]; then
		result skip "$name: VM suite" "the guest image failed to build"
	elif [ $boot = 0 ]; then
		result skip "$name: VM suite" "-n: nothing booted"
	else
		stage "VM suite on $name ($KREL)"
		"$TOP/scripts/vm.sh" --no-build -t "${VM_TIMEOUT:-1500}" -- /tests/run.sh 2>&1 | ktap
		rc=${PIPESTATUS[0]}
		ktap_counts
		kp=$((kp + KTAP_P)) kf=$((kf + KTAP_F)) ks=$((ks + KTAP_S))
		why=$(ktap_agrees "$rc") ||
			result 1 "$name: VM suite: scripts/vm.sh $why"
	fi
	stage "kernel $name done in $((SECONDS - t0)) s"
}

stage deps
if [ "${SKIP_DEPS:-0}" != 1 ]; then
	"$TOP/scripts/deps.sh" || { echo "not ok 1 deps"; exit 1; }
	roots=0
	for k in $names; do
		kernel_define "$k"
		[ "$K_ROOT" = 1 ] && roots=1
	done
	[ $roots = 0 ] || install_packages mmdebstrap
fi
# what this script starts does not check them again
export SKIP_DEPS=1

summary=
for k in $names; do
	check_kernel "$k"
	line="kernel $k: $kp passed, $kf failed, $ks skipped"
	echo "# check-kernels: $line"
	summary="$summary$line
"
	passed=$((passed + kp)) failed=$((failed + kf)) skipped=$((skipped + ks))
done

echo "# check-kernels: done in $((SECONDS - start)) s"
printf '%s' "$summary"
counts_done
