#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install every Debian package that building, testing and benchmarking
# dmactl needs (`make deps`): gnuplot and a font draw the plots, jq reads
# the JSON results in the bench scripts' tests.  Does nothing, quickly,
# when all are installed; otherwise needs root for apt-get.  The kernel
# source package follows the series of the kernel linux-image-amd64
# installs (linux-source-6.1 on Debian 12).
#
# usage: deps.sh [stock|rt|debug]...
#   what the VM suite needs on these kernels too (default: stock only):
#   rt    Debian's real-time kernel and its headers;
#   debug the tools that build a kernel from linux-source.

. "$(dirname "$0")/lib.sh"

for k in "$@"; do
	case " $KERNELS " in
	*" $k "*) ;;
	*)
		# scripts/kernels/check.sh fetches those kernels itself
		case $k in
		deb:?*) ;;
		*) die "kernel '$k': must be one of $KERNELS" ;;
		esac
		;;
	esac
done

packages=(
	build-essential gcc-multilib pkg-config binutils make
	linux-image-amd64 linux-headers-amd64
	qemu-system-x86 busybox-static cpio gzip xz-utils kmod
	libnl-3-dev libnl-genl-3-dev
	sparse perl groff-base
	coreutils util-linux
	gnuplot-nox fonts-dejavu-core jq
)
for k in "$@"; do
	case $k in
	rt)
		packages+=(linux-image-rt-amd64 linux-headers-rt-amd64)
		;;
	debug)
		# shellcheck disable=SC2206
		packages+=($DEBUG_KERNEL_PACKAGES)
		;;
	esac
done

install_packages "${packages[@]}"

# Only now is the kernel release known.
KREL=$(meta_release linux-image-amd64 linux-image)
[ -n "$KREL" ] || die "cannot read the kernel release from linux-image-amd64"
install_packages "linux-source-$(echo "$KREL" | cut -d. -f1,2)" "linux-headers-$KREL"
for k in "$@"; do
	[ "$k" = rt ] || continue
	rel=$(meta_release linux-image-rt-amd64 linux-image)
	[ -n "$rel" ] || die "cannot read the kernel release from linux-image-rt-amd64"
	install_packages "linux-headers-$rel"
done

resolve_ksrc
echo "deps.sh: all packages present (kernel $KREL, $KSRC_TAR)"
