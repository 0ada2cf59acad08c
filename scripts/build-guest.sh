#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build everything the test VM needs, under .build/ (.build/rt/ and
# .build/debug/ for the kernels DMACTL_KERNEL chooses, see lib.sh):
#   - vdma.ko and dmactl.ko (make -C kmod W=1) against the build tree of
#     the kernel the VM boots (for the rt and debug kernels, in a copy of
#     kmod/ under their directory);
#   - dmatest.ko: the debug kernel's own, else built out of tree from the
#     linux-source tarball of that kernel;
#   - the CLI and the kmod/tests programs, linked statically; the abuse
#     tests (kmod/tests/abuse.mk) into tests/ of that directory;
#   - initramfs.cpio: busybox, scripts/vm-init as /init, the modules in
#     /lib/modules/dmactl/, dmactl in /usr/bin, the tests in /tests/.
# make decides what to recompile; the cpio is rewritten only when one of
# its inputs changed.
#
# usage: build-guest.sh [-k|--keep-going]
#   -k  build what can be built and leave the failed parts out of the
#       image (still exits 1)

. "$(dirname "$0")/lib.sh"

keep_going=0
case ${1:-} in
-k|--keep-going)
	keep_going=1
	;;
'')
	;;
*)
	echo "usage: ${0##*/} [-k|--keep-going]" >&2
	exit 2
	;;
esac

ensure_deps deps.sh "$DMACTL_KERNEL"
resolve_kernel
mkdir -p "$BUILD"
# kmod/tests and cli/ are built in place for every kernel: one build at a time
exec 9>"$BUILD_BASE/.build.lock"
flock 9

failed=

# part NAME COMMAND...: runs one build step; a failure is recorded by NAME.
part()
{
	local name=$1

	shift
	echo "build-guest: $name: $*"
	if "$@"; then
		return 0
	fi
	echo "build-guest: FAILED: $name ($*)" >&2
	failed="$failed $name"
	[ $keep_going = 1 ] || die "stopping: $name failed to build"
	return 1
}

build_dmatest()
{
	local src=$BUILD/dmatest

	if [ -n "$DMATEST_KO" ]; then
		mkdir -p "$src" && cp -p "$DMATEST_KO" "$src/dmatest.ko"
		return
	fi
	ksrc_extract || return 1
	mkdir -p "$src"
	cmp -s "$BUILD_BASE/ksrc/drivers/dma/dmatest.c" "$src/dmatest.c" ||
		cp "$BUILD_BASE/ksrc/drivers/dma/dmatest.c" "$src/dmatest.c"
	echo 'obj-m := dmatest.o' > "$src/Kbuild.new"
	cmp -s "$src/Kbuild.new" "$src/Kbuild" && rm "$src/Kbuild.new" ||
		mv "$src/Kbuild.new" "$src/Kbuild"
	make -C "$KDIR" M="$src" modules
}

# Fails on a dynamically linked program: the guest has no C library.
check_static()
{
	local f

	for f in "$@"; do
		if readelf -lW "$f" 2>/dev/null | grep -q 'Requesting program interpreter'; then
			echo "build-guest: $f is dynamically linked" >&2
			return 1
		fi
	done
}

build_cli()
{
	[ -f "$TOP/cli/Makefile" ] || { echo "build-guest: no cli/Makefile" >&2; return 1; }
	make -C "$TOP/cli" STATIC=1 && check_static "$TOP/cli/dmactl"
}

# The executables kmod/tests/Makefile leaves in kmod/tests/.
test_programs()
{
	find "$TOP/kmod/tests" -maxdepth 1 -type f -perm -u+x ! -name '*.sh' | sort
}

build_tests()
{
	[ -f "$TOP/kmod/tests/Makefile" ] ||
		{ echo "build-guest: no kmod/tests/Makefile" >&2; return 1; }
	make -C "$TOP/kmod/tests" STATIC=1 && check_static $(test_programs)
}

# The abuse tests, built from their own makefile into $BUILD/tests.
abuse_programs()
{
	find "$BUILD/tests" -maxdepth 1 -type f -perm -u+x 2>/dev/null | sort
}

build_abuse()
{
	mkdir -p "$BUILD/tests" &&
		make -f "$TOP/kmod/tests/abuse.mk" O="$BUILD/tests" &&
		check_static $(abuse_programs)
}

build_modules()
{
	# KMAKE: make in the root of another suite (scripts/kernels/kmake.sh)
	kmod_tree && ${KMAKE:-make} -C "$KMOD" KDIR="$KDIR" W=1 DMACTL_WERROR=1
}

mods_ok=0; dmatest_ok=0; cli_ok=0; tests_ok=0; abuse_ok=0
part modules build_modules && mods_ok=1
part dmatest build_dmatest && dmatest_ok=1
part cli build_cli && cli_ok=1
part tests build_tests && tests_ok=1
part abuse build_abuse && abuse_ok=1

# Stage the image: "install SRC DEST MODE" lines, then copy them in.
manifest=$BUILD/initramfs.manifest
{
	echo "$TOP/scripts/vm-init init 755"
	if [ $mods_ok = 1 ]; then
		find "$KMOD" -name '*.ko' | sort | while read -r f; do
			echo "$f lib/modules/dmactl/${f##*/} 644"
		done
	fi
	[ $dmatest_ok = 1 ] &&
		echo "$BUILD/dmatest/dmatest.ko lib/modules/dmactl/dmatest.ko 644"
	[ $cli_ok = 1 ] && echo "$TOP/cli/dmactl usr/bin/dmactl 755"
	echo "$TOP/kmod/tests/suite tests/suite 644"
	for f in "$TOP"/kmod/tests/*.sh; do
		[ -f "$f" ] && echo "$f tests/${f##*/} 755"
	done
	if [ $tests_ok = 1 ]; then
		for f in $(test_programs); do
			echo "$f tests/${f##*/} 755"
		done
	fi
	if [ $abuse_ok = 1 ]; then
		for f in $(abuse_programs); do
			echo "$f tests/${f##*/} 755"
		done
	fi
	echo "$(command -v busybox) bin/busybox 755"
} > "$manifest.new"

# The image is current when the same files with the same contents go in.
while read -r src dest mode; do
	[ -f "$src" ] || die "missing $src"
	echo "$(cksum < "$src") $src $dest $mode"
done < "$manifest.new" > "$manifest.sum.new"

cpio_out=$BUILD/initramfs.cpio
if [ -f "$cpio_out" ] && cmp -s "$manifest.sum.new" "$manifest.sum"; then
	echo "build-guest: $cpio_out is up to date"
else
	root=$BUILD/initramfs
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,etc/dmactl,lib/modules/dmactl,tests}
	while read -r src dest mode; do
		install -m "$mode" "$src" "$root/$dest"
	done < "$manifest.new"
	# the kernel opens the console for /init before devtmpfs is up
	[ "$(id -u)" = 0 ] && mknod -m 600 "$root/dev/console" c 5 1
	for applet in $("$root/bin/busybox" --list-full); do
		[ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
	done
	(cd "$root" && find . | LC_ALL=C sort |
	 cpio --quiet -o -H newc -R 0:0 > "$cpio_out.new") ||
		die "cannot write $cpio_out"
	mv "$cpio_out.new" "$cpio_out"
	mv "$manifest.sum.new" "$manifest.sum"
	echo "build-guest: wrote $cpio_out ($(du -k "$cpio_out" | cut -f1) KiB)"
fi
rm -f "$manifest.new" "$manifest.sum.new"

if [ -n "$failed" ]; then
	echo "build-guest: left out of the image, failed to build:$failed" >&2
	exit 1
fi
exit 0
