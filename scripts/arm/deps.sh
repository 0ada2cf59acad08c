#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host packages the ARM boards need (`make check-arm` runs it): the base
# set of scripts/deps.sh (busybox-static, cpio, the kernel source for
# dmatest.c, ...), QEMU's ARM emulators and the boards' cross binutils.
# The boards' kernels, headers, libraries and cross compilers are not
# installed: lib.sh fetches them into its cache on first use.  Debian's
# cross compilers conflict with gcc-multilib, which the host's own tests
# need, so they are unpacked there instead of installed; the cross
# binutils do not conflict with it (see board_fetch in lib.sh).

. "$(dirname "$0")/lib.sh"

"$TOP/scripts/deps.sh" || exit 1
install_packages qemu-system-arm binutils-aarch64-linux-gnu binutils-arm-linux-gnueabihf
