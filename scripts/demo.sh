#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`, from a fresh Debian 12 (as root): install what the build
# and the VM need, build the modules, the CLI and the guest image, boot
# the VM with vdma's timing model on, run the demo suite (the burst/width
# sweep and a size sweep for each bus width), and write its CSV, JSON and
# plots to results/.
#
# usage: demo.sh [-r REPS] [-o DIR]
#   -r REPS  repetitions of every point (default: the suite's)
#   -o DIR   where the files go (default results/)
# DEMO_VDMA_PARAMS overrides the vdma module parameters of the run.

. "$(dirname "$0")/lib.sh"

# vdma's timing model on, with its default bus and overheads (vdma(4)).
# Under TCG the emulated CPU copies at about half the model's 800 MB/s
# bus, which caps the widest curves.  A slower clock would bring the bus
# under that, but a run at clock_khz=20000 fell 5-50 % short of the model
# at every width, probably because the engines then pace themselves by
# sleeping and the guest oversleeps under TCG.
VDMA_PARAMS=${DEMO_VDMA_PARAMS:-timing=1}

args=()
while [ $# -gt 0 ]; do
	case $1 in
	-r|-o)
		[ $# -ge 2 ] || die "$1 needs a value"
		args+=("$1" "$2")
		shift 2
		;;
	*)
		echo "usage: ${0##*/} [-r REPS] [-o DIR]" >&2
		exit 2
		;;
	esac
done

"$TOP/scripts/deps.sh" || die "cannot install the dependencies"
"$TOP/scripts/build-guest.sh" || die "the build failed"
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
"$TOP/scripts/bench/run-vm.sh" --no-build -P -p "$VDMA_PARAMS" "${args[@]}" demo | tee "$out"
rc=${PIPESTATUS[0]}
[ "$rc" = 0 ] || die "the demo run failed (exit status $rc)"

echo
echo "The demo's results:"
sed -n 's/^run-vm.sh: wrote //p; /\.\(png\|svg\)$/p' "$out" | sed 's/^/  /'
