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
	*) die "kernel '$k': must be one of $KERNELS" ;;
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
		packages+=(bc bison flex libelf-dev lz4)
		;;
	esac
done

missing()
{
	local p

	for p in "$@"; do
		[ -n "$(pkg_version "$p")" ] || echo "$p"
	done
}

updated=0
install()
{
	[ $# -gt 0 ] || return 0
	if [ "$(id -u)" != 0 ]; then
		echo "deps.sh: missing packages: $*" >&2
		die "run as root to install them (sudo scripts/deps.sh)"
	fi
	echo "deps.sh: installing $*"
	if [ $updated = 0 ]; then
		apt-get update || die "apt-get update failed"
		updated=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" </dev/null ||
		die "apt-get install failed"
}

install $(missing "${packages[@]}")

# Only now is the kernel release known.
KREL=$(meta_release linux-image-amd64 linux-image)
[ -n "$KREL" ] || die "cannot read the kernel release from linux-image-amd64"
install $(missing "linux-source-$(echo "$KREL" | cut -d. -f1,2)" "linux-headers-$KREL")
for k in "$@"; do
	[ "$k" = rt ] || continue
	rel=$(meta_release linux-image-rt-amd64 linux-image)
	[ -n "$rel" ] || die "cannot read the kernel release from linux-image-rt-amd64"
	install $(missing "linux-headers-$rel")
done

resolve_ksrc
echo "deps.sh: all packages present (kernel $KREL, $KSRC_TAR)"
