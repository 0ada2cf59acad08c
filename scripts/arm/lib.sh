# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the ARM board scripts (bash).  Source it, do not run it:
#   . "$(dirname "$0")/lib.sh"
#
# Two emulated boards run Debian's own kernels with an upstream DMA driver:
#   raspi3b   arm64, qemu-system-aarch64 -M raspi3b, bcm2835-dma (built in)
#   smdkc210  armhf, qemu-system-arm -M smdkc210 (Exynos4210), pl330 (built in)
# Their kernels, headers and target libraries are Debian packages of the
# target architecture, fetched at run time with a private apt
# configuration into $ARM_CACHE (default /var/cache/dmactl/arm), so that
# the host's apt sources and architectures stay as they are.

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ARM_CACHE=${DMACTL_ARM_CACHE:-/var/cache/dmactl/arm}
ARM_BUILD=${BUILD_BASE:-$BUILD}/arm
ARM_BOARDS="raspi3b smdkc210"
# apt indexes older than this are fetched again (seconds)
ARM_APT_MAX_AGE=${DMACTL_ARM_APT_MAX_AGE:-86400}

# board_define BOARD: sets the B_* facts of one board, or dies.
#   B_ARCH      Debian architecture       B_FLAVOUR  kernel flavour
#   B_TRIPLET   GNU triplet (compilers)   B_KARCH    kernel ARCH=
#   B_QEMU      emulator                  B_QEMU_ARGS machine options
#   B_DTB       DTB inside the image package's /usr/lib/linux-image-*
#   B_CONSOLE   kernel console            B_MODULES  modules of the image
#                                         package the guest loads first
#   B_APPEND    more kernel arguments
#   B_DRIVER    the DMA driver the tests use (its sysfs driver name)
#   B_NCHAN     how many of its channels they use
#   B_ALIGN     every length and offset the tests submit is a multiple of it
#   B_THREADS   dmatest threads per channel
#   B_EXPECT    what the driver reports, for arm-caps.sh (see there)
#   B_KNOWN     the driver's known defects, for arm-controls.sh (see
#               there): "TEST: reason" entries separated by ";"
#   B_POWEROFF  1 if the guest can stop QEMU itself
board_define()
{
	B_NAME=$1
	case $1 in
	raspi3b)
		B_ARCH=arm64 B_FLAVOUR=arm64 B_TRIPLET=aarch64-linux-gnu
		B_KARCH=arm64 B_QEMU=qemu-system-aarch64
		B_QEMU_ARGS="-M raspi3b -m 1G"
		B_DTB=broadcom/bcm2837-rpi-3-b.dtb
		B_CONSOLE=ttyS1
		# the watchdog is how this SoC resets, and QEMU stops on reset
		B_MODULES=drivers/watchdog/bcm2835_wdt.ko
		B_DRIVER=bcm2835-dma
		# QEMU's model loops forever on a length that is not a
		# multiple of 4 (real hardware does not)
		B_ALIGN=4
		B_THREADS=2
		B_EXPECT="caps=memcpy,private,slave,cyclic directions=mem_to_mem,mem_to_dev,dev_to_mem"
		B_EXPECT="$B_EXPECT residue_granularity=burst pause=false resume=false terminate=true"
		B_KNOWN=
		B_POWEROFF=1
		;;
	smdkc210)
		B_ARCH=armhf B_FLAVOUR=armmp B_TRIPLET=arm-linux-gnueabihf
		B_KARCH=arm B_QEMU=qemu-system-arm
		B_QEMU_ARGS="-M smdkc210"
		B_DTB=exynos4210-smdkv310.dtb
		B_CONSOLE=ttySAC1
		B_MODULES=
		B_DRIVER=dma-pl330
		B_ALIGN=1
		# pl330 WARNs (and miscounts its runtime PM) when a second
		# thread issues with nothing new pending: a driver bug that
		# would fail every run
		B_THREADS=1
		B_EXPECT="caps=memcpy,private,slave,cyclic directions=mem_to_dev,dev_to_mem"
		B_EXPECT="$B_EXPECT residue_granularity=burst pause=true resume=false terminate=true"
		# Linux 6.1's pl330_pause() stops the thread and marks the
		# running requests PAUSED, but leaves them loaded: the
		# tasklet of a completion that raced the pause restarts the
		# thread (pl330_start_thread()), so the copies go on.
		B_KNOWN="pause_resume: a paused channel moves on when a completion raced the pause (pl330_tasklet restarts the thread)"
		B_POWEROFF=0
		;;
	*)
		die "unknown board '$1' (boards: $ARM_BOARDS)"
		;;
	esac
	B_NCHAN=2
	# contiguous memory for 16 pairs of 1 MiB coherent buffers, which
	# the boards' device trees do not reserve
	B_APPEND="cma=96M"
	B_BUILD=$ARM_BUILD/$B_NAME
	export B_NAME B_ARCH B_FLAVOUR B_TRIPLET B_KARCH B_QEMU B_QEMU_ARGS B_DTB
	export B_CONSOLE B_APPEND B_MODULES B_DRIVER B_NCHAN B_ALIGN B_THREADS B_EXPECT B_KNOWN
	export B_POWEROFF B_BUILD
}

# The Debian suite the host runs, whose archive the target packages come
# from.
host_codename()
{
	sed -n 's/^VERSION_CODENAME=//p' /etc/os-release
}

# apt_arm apt-get|apt-cache ARGS...: apt with a private state under
# $ARM_CACHE/apt, for the host's and the boards' architectures.
apt_arm()
{
	local tool=$1

	shift
	apt_private "$ARM_CACHE/apt" "$tool" -o APT::Architectures::=arm64 \
		-o APT::Architectures::=armhf "$@"
}

# apt_arm_update: fetches the indexes when they are missing or stale.
# One index failing to download (it happens on the security archive) is
# not fatal: the main archive has every package needed, and the caller
# checks that what it needs resolves.
apt_arm_update()
{
	local mirror codename

	mirror=${DMACTL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
	codename=$(host_codename)
	[ -n "$codename" ] || die "no VERSION_CODENAME in /etc/os-release"
	{
		echo "deb $mirror $codename main"
		echo "deb $mirror $codename-updates main"
		echo "deb ${DMACTL_DEBIAN_SECURITY:-${mirror}-security} $codename-security main"
	} | apt_private_stale "$ARM_CACHE/apt" "$ARM_APT_MAX_AGE" || return 0
	note "fetching the package indexes of $codename (host, arm64, armhf)"
	apt_arm apt-get -q update >&2 ||
		note "some indexes failed to download, going on with the others"
	touch "$ARM_CACHE/apt/updated"
}

# pin PKG: PKG (name:arch) as name:arch=version with its candidate
# version, or dies.
pin()
{
	local ver

	ver=$(apt_arm apt-cache policy "$1" 2>/dev/null |
	      sed -n 's/^ *Candidate: //p' | grep -v '^(none)$')
	[ -n "$ver" ] || die "no package $1 in the archive"
	echo "$1=$ver"
}

# The ABI release that metapackage $1 (name:arch) depends on, such as
# "6.1.0-NN-arm64" for $2 = linux-image.
apt_arm_release()
{
	apt_arm apt-cache depends "$1" 2>/dev/null |
		sed -n "s/^ *Depends: $2-\([^ :]*\).*/\1/p" | head -n 1
}

# deb_file DIR PKG: the downloaded file of PKG (name:arch=version), empty
# if it is not there.
deb_file()
{
	local name=${2%%:*} ver=${2#*=} arch=${2%%=*}

	arch=${arch#*:}
	# "all" packages answer to any architecture; apt escapes the epoch's
	# colon in the file name
	ls "$1/${name}_${ver/:/%3a}_$arch.deb" "$1/${name}_${ver/:/%3a}_all.deb" \
		2>/dev/null | head -n 1
}

# fetch_debs DIR PKG...: downloads each PKG (name:arch=version) into DIR
# unless it is there.
fetch_debs()
{
	local dir=$1 p want=()

	shift
	mkdir -p "$dir"
	for p in "$@"; do
		[ -n "$(deb_file "$dir" "$p")" ] || want+=("$p")
	done
	[ ${#want[@]} = 0 ] && return 0
	note "downloading ${want[*]}"
	(cd "$dir" && apt_arm apt-get -q download "${want[@]}" >&2) ||
		die "cannot download ${want[*]}"
}

# unpack DIR PKG...: DIR holds the contents of the downloaded PKGs (as
# fetch_debs names them), unpacked again only when the list changed.
# Sets UNPACKED to DIR.
unpack()
{
	local dir=$1 f

	shift
	UNPACKED=$dir
	[ "$(cat "$dir/.unpacked" 2>/dev/null)" = "$*" ] && return 0
	note "unpacking into $dir"
	rm -rf "$dir"
	mkdir -p "$dir"
	for f in "$@"; do
		case $f in
		linux-image-*)
			# the kernel, its device tree and the modules the guest
			# loads, not the other 400 MB
			f=$(deb_file "$ARM_CACHE/debs" "$f")
			dpkg-deb --fsys-tarfile "$f" | tar -x -C "$dir" --wildcards \
				'./boot/vmlinuz-*' "./usr/lib/linux-image-*/$B_DTB" \
				$(for m in $B_MODULES; do echo "./lib/modules/*/kernel/$m"; done)
			;;
		*)
			f=$(deb_file "$ARM_CACHE/debs" "$f")
			dpkg -x "$f" "$dir"
			;;
		esac || die "cannot unpack $f"
	done
	echo "$*" > "$dir/.unpacked"
}

# board_resolve: sets B_KREL, B_GCC ("gcc-12"), B_PKGS (what the guest
# and the module build need) and B_TOOLS (the cross compiler), all
# pinned to a version.  The answer is kept until the indexes change:
# asking apt-cache takes seconds with three architectures' indexes.
board_resolve()
{
	local saved=$ARM_CACHE/resolved.$B_NAME key image kbuild host f

	# "installed-binutils": the answers of versions that unpacked the
	# cross binutils too are not reused
	key="$(stat -c %Y "$ARM_CACHE/apt/updated") $B_ARCH $B_FLAVOUR $B_TRIPLET installed-binutils"
	if [ "$(head -n 1 "$saved" 2>/dev/null)" = "$key" ]; then
		# declare -p's lines, made global in this function
		. <(tail -n +2 "$saved" | sed 's/^declare --/declare -g/; s/^declare -\([a-z]\)/declare -g\1/')
		return 0
	fi
	host=$(dpkg --print-architecture)
	B_KREL=$(apt_arm_release "linux-image-$B_FLAVOUR:$B_ARCH" linux-image)
	[ -n "$B_KREL" ] ||
		die "cannot resolve linux-image-$B_FLAVOUR:$B_ARCH in the archive"
	[ "$(apt_arm_release "linux-headers-$B_FLAVOUR:$B_ARCH" linux-headers)" = "$B_KREL" ] ||
		die "linux-headers-$B_FLAVOUR:$B_ARCH does not pull in $B_KREL"
	image=$(pin "linux-image-$B_KREL:$B_ARCH") || exit 1
	# The headers run the kbuild tools of their Depends, built for the
	# host, of exactly their own version, and name the compiler the
	# kernel was built with ("gcc-12" or "linux-compiler-gcc-12-arm").
	f=$(apt_arm apt-cache show "${image/linux-image/linux-headers}" |
	    sed -n 's/^Depends: //p' | head -n 1 | tr ',' '\n')
	kbuild=$(echo "$f" | sed -n 's/^ *\(linux-kbuild-[0-9.]*\).*/\1/p')
	B_GCC=$(echo "$f" |
		sed -n 's/^ *\(linux-compiler-\)\{0,1\}\(gcc-[0-9][0-9]*\)\([- ].*\)\{0,1\}$/\2/p')
	[ -n "$kbuild" ] && [ -n "$B_GCC" ] ||
		die "cannot read linux-kbuild and gcc from linux-headers-$B_KREL's Depends"
	B_PKGS=("$image" "${image/linux-image/linux-headers}"
		"linux-headers-${B_KREL%-"$B_FLAVOUR"}-common:all=${image#*=}"
		"$kbuild:$host=${image#*=}")
	for f in busybox-static libnl-3-dev libnl-genl-3-dev; do
		f=$(pin "$f:$B_ARCH") || exit 1
		B_PKGS+=("$f")
	done
	B_TOOLS=()
	for f in "$B_GCC-$B_TRIPLET" "cpp-${B_GCC#gcc-}-$B_TRIPLET" \
		 "$B_GCC-$B_TRIPLET-base" \
		 "lib$B_GCC-dev-$B_ARCH-cross" "libgcc-s1-$B_ARCH-cross" \
		 "libc6-dev-$B_ARCH-cross" "libc6-$B_ARCH-cross" \
		 "linux-libc-dev-$B_ARCH-cross"; do
		f=$(pin "$f:$host") || exit 1
		B_TOOLS+=("$f")
	done
	{
		echo "$key"
		declare -p B_KREL B_GCC B_PKGS B_TOOLS
	} > "$saved"
}

# board_fetch: the board's kernel, headers, kbuild tools, busybox, libnl
# and cross compiler in the cache, unpacked.  Sets:
#   B_KREL      kernel release ("6.1.0-NN-arm64")
#   B_ROOT      the unpacked packages, also the sysroot of the target's
#               libnl
#   B_KDIR      headers to build modules against (kbuild tools runnable
#               on the host)
#   B_VMLINUZ   the kernel image; B_DTB_PATH its device tree
#   B_CC        the cross compiler the kernel was built with (its
#               version); B_CROSS the prefix of the cross binutils, for
#               CROSS_COMPILE=
# Debian's cross compilers are unpacked rather than installed: they
# conflict with gcc-multilib, which the host's own tests need.  The cross
# binutils are installed (scripts/arm/deps.sh), not unpacked: they do not
# conflict with it, and they need private libraries of their own
# (libbfd-2.40-arm64.so, ...) and packages such as libjansson4 that only
# an installed package brings onto the loader's path.
board_fetch()
{
	local debs=$ARM_CACHE/debs f mk

	mkdir -p "$ARM_CACHE"
	exec 8>"$ARM_CACHE/.lock"
	flock 8
	apt_arm_update
	board_resolve
	fetch_debs "$debs" "${B_PKGS[@]}" "${B_TOOLS[@]}"
	unpack "$ARM_CACHE/root/$B_ARCH-${B_PKGS[0]#*=}" "${B_PKGS[@]}"
	B_ROOT=$UNPACKED
	# The flavour's Makefile includes the common one by its installed
	# path; point it at the unpacked one.
	mk=$B_ROOT/usr/src/linux-headers-$B_KREL/Makefile
	if grep -q "^include /usr/src/" "$mk"; then
		sed -i "s|^include /usr/src/|include $B_ROOT/usr/src/|" "$mk" ||
			die "cannot fix $mk"
	fi
	unpack "$ARM_CACHE/toolchain/$B_TRIPLET-${B_TOOLS[0]#*=}" "${B_TOOLS[@]}"
	B_CC=$UNPACKED/usr/bin/$B_TRIPLET-$B_GCC
	B_CROSS=/usr/bin/$B_TRIPLET-
	# The compiler runs the assembler and the linker from its own
	# tree's usr/TRIPLET/bin, and else whatever "as" is on PATH (the
	# host's): point that directory at the installed cross binutils.
	[ -d "$UNPACKED/usr/$B_TRIPLET/bin" ] ||
		ln -sfn "/usr/$B_TRIPLET/bin" "$UNPACKED/usr/$B_TRIPLET/bin" ||
		die "cannot link the cross binutils into $UNPACKED"
	flock -u 8

	B_KDIR=$B_ROOT/usr/src/linux-headers-$B_KREL
	B_VMLINUZ=$B_ROOT/boot/vmlinuz-$B_KREL
	B_DTB_PATH=$B_ROOT/usr/lib/linux-image-$B_KREL/$B_DTB
	for f in "$B_KDIR/Makefile" "$B_KDIR/scripts/basic/fixdep" "$B_VMLINUZ" \
		 "$B_DTB_PATH" "$B_ROOT/bin/busybox" "$B_CC"; do
		[ -e "$f" ] || die "$f is missing from the unpacked packages"
	done
	[ -x "${B_CROSS}as" ] && [ -x "${B_CROSS}ld" ] ||
		die "binutils-$B_TRIPLET is not installed (run scripts/arm/deps.sh as root)"
	grep -qF "\"$B_KREL\"" "$B_KDIR/include/generated/utsrelease.h" ||
		die "$B_KDIR is not the build tree of $B_KREL"
	export B_KREL B_ROOT B_KDIR B_VMLINUZ B_DTB_PATH B_CC B_CROSS
}
