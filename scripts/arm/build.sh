#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Cross-build what one board's guest needs, under .build/arm/BOARD/:
#   - dmactl.ko and, if it builds, vdma.ko (W=1) against the board
#     kernel's headers;
#   - dmatest.ko, out of tree, from the host's linux-source tarball;
#   - the CLI and the abi and bridge test programs, static, for the
#     board;
#   - initramfs.cpio: the board's busybox, scripts/vm-init as /init, the
#     modules in /lib/modules/dmactl/ (with the image's own modules the
#     board needs, see B_MODULES in lib.sh), dmactl, and kmod/tests.
# The sources are copied to .build/arm/BOARD/src first, so that the
# host's objects in the work tree are left alone; only changed files are
# copied, and make rebuilds what they touch.
#
# usage: build.sh BOARD   (raspi3b or smdkc210)

. "$(dirname "$0")/lib.sh"

[ $# = 1 ] || { echo "usage: ${0##*/} BOARD   ($ARM_BOARDS)" >&2; exit 2; }
board_define "$1"
ensure_deps arm/deps.sh
board_fetch

src=$B_BUILD/src
mkdir -p "$src"
exec 9>"$B_BUILD/.build.lock"
flock 9

# The sources, not the host's build products.
sources()
{
	(cd "$TOP" && find kmod cli -type f \
		\( -name '*.[ch]' -o -name '*.mk' -o -name Makefile -o -name Kbuild \) \
		! -name '*.mod.c' ! -path 'cli/tests/*' | LC_ALL=C sort)
}

# The copy keeps the work tree's times so make sees real changes only.
for f in $(sources); do
	cmp -s "$TOP/$f" "$src/$f" && continue
	mkdir -p "$src/$(dirname "$f")"
	cp -p "$TOP/$f" "$src/$f"
done

# the compiler is the unpacked one, the binutils the installed ones
cross=(ARCH="$B_KARCH" CROSS_COMPILE="$B_CROSS" CC="$B_CC" DMACTL_WERROR=1)
echo "build-arm: $B_NAME: dmactl.ko against $B_KREL"
make -C "$B_KDIR" M="$src/kmod/bridge" "${cross[@]}" W=1 modules ||
	die "dmactl.ko failed to build for $B_NAME"
# vdma is for boards without a controller: the tests here do not load it,
# and a failure leaves it out.  One that does happen: Debian's modpost
# (built for the host) sizes device-table entries as the host lays them
# out, so a 32-bit module with an of_device_id table fails it.
echo "build-arm: $B_NAME: vdma.ko, optional"
rm -f "$src"/kmod/vdma/*.ko
make -C "$B_KDIR" M="$src/kmod/vdma" "${cross[@]}" W=1 modules ||
	note "vdma failed to build for $B_NAME: left out of the image"

echo "build-arm: $B_NAME: dmatest.ko"
ksrc_extract || die "cannot extract dmatest.c from the kernel source"
mkdir -p "$B_BUILD/dmatest"
dmatest=${BUILD_BASE:-$BUILD}/ksrc/drivers/dma/dmatest.c
cmp -s "$dmatest" "$B_BUILD/dmatest/dmatest.c" || cp "$dmatest" "$B_BUILD/dmatest/"
[ -f "$B_BUILD/dmatest/Kbuild" ] || echo 'obj-m := dmatest.o' > "$B_BUILD/dmatest/Kbuild"
make -C "$B_KDIR" M="$B_BUILD/dmatest" "${cross[@]}" modules ||
	die "dmatest.ko failed to build for $B_NAME"

# The target's libnl: its .pc files under usr/lib, its archives in lib/.
echo "build-arm: $B_NAME: dmactl and the abi and bridge tests, static"
PKG_CONFIG_LIBDIR=$B_ROOT/usr/lib/$B_TRIPLET/pkgconfig PKG_CONFIG_SYSROOT_DIR=$B_ROOT \
	make -C "$src/cli" STATIC=1 CC="$B_CC" LDFLAGS="-L$B_ROOT/lib/$B_TRIPLET" ||
	die "the CLI failed to build for $B_NAME"
make -C "$src/kmod/tests" CC="$B_CC" abi bridge ||
	die "the abi and bridge tests failed to build for $B_NAME"
for f in "$src/cli/dmactl" "$src/kmod/tests/abi" "$src/kmod/tests/bridge"; do
	readelf -lW "$f" | grep -q 'Requesting program interpreter' &&
		die "$f is dynamically linked"
done

# "SRC DEST MODE" lines of the image.
manifest()
{
	local m

	echo "$TOP/scripts/vm-init init 755"
	echo "$B_ROOT/bin/busybox bin/busybox 755"
	for m in "$src/kmod/bridge/dmactl.ko" "$src"/kmod/vdma/*.ko \
		 "$B_BUILD/dmatest/dmatest.ko"; do
		[ -f "$m" ] && echo "$m lib/modules/dmactl/${m##*/} 644"
	done
	for m in $B_MODULES; do
		echo "$B_ROOT/lib/modules/$B_KREL/kernel/$m lib/modules/dmactl/${m##*/} 644"
	done
	echo "$src/cli/dmactl usr/bin/dmactl 755"
	echo "$src/kmod/tests/abi tests/abi 755"
	echo "$src/kmod/tests/bridge tests/bridge 755"
	echo "$TOP/kmod/tests/suite tests/suite 644"
	for m in "$TOP"/kmod/tests/*.sh; do
		echo "$m tests/${m##*/} 755"
	done
}

manifest > "$B_BUILD/manifest.new"
while read -r s d m; do
	[ -f "$s" ] || die "missing $s"
	echo "$(cksum < "$s") $d $m"
done < "$B_BUILD/manifest.new" > "$B_BUILD/manifest.sum.new"
cpio_out=$B_BUILD/initramfs.cpio
if [ -f "$cpio_out" ] && cmp -s "$B_BUILD/manifest.sum.new" "$B_BUILD/manifest.sum"; then
	echo "build-arm: $cpio_out is up to date"
else
	root=$B_BUILD/initramfs
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,etc/dmactl}
	while read -r s d m; do
		install -D -m "$m" "$s" "$root/$d"
	done < "$B_BUILD/manifest.new"
	# The board's busybox cannot run here to list its applets; the
	# host's busybox-static is the same Debian package for another
	# architecture, so its list serves.
	for a in $(busybox --list-full); do
		[ -e "$root/$a" ] || ln -s /bin/busybox "$root/$a"
	done
	[ "$(id -u)" = 0 ] && mknod -m 600 "$root/dev/console" c 5 1
	(cd "$root" && find . | LC_ALL=C sort |
	 cpio --quiet -o -H newc -R 0:0 > "$cpio_out.new") ||
		die "cannot write $cpio_out"
	mv "$cpio_out.new" "$cpio_out"
	mv "$B_BUILD/manifest.sum.new" "$B_BUILD/manifest.sum"
	echo "build-arm: wrote $cpio_out ($(du -k "$cpio_out" | cut -f1) KiB)"
fi
rm -f "$B_BUILD/manifest.new" "$B_BUILD/manifest.sum.new"
