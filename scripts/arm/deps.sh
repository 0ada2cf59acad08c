#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host packages the ARM boards need (`make check-arm` runs it): the base
# set of scripts/deps.sh (busybox-static, cpio, the kernel source for
# dmatest.c, ...) and QEMU's ARM emulators.  The boards' kernels, headers,
# libraries and cross compilers are not installed: lib.sh fetches them
# into its cache on first use.  Debian's cross compilers conflict with
# gcc-multilib, which the host's own tests need, so they are unpacked
# there instead of installed.

. "$(dirname "$0")/lib.sh"

"$TOP/scripts/deps.sh" || exit 1
command -v qemu-system-aarch64 > /dev/null && command -v qemu-system-arm > /dev/null &&
	exit 0
[ "$(id -u)" = 0 ] || die "qemu-system-arm is missing: run as root to install it"
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	qemu-system-arm </dev/null || die "apt-get install qemu-system-arm failed"
