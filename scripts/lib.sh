# SPDX-License-Identifier: GPL-2.0
#
# Helpers shared by the host scripts (bash).  Source it, do not run it:
#   . "$(dirname "$0")/lib.sh"
#
# Everything is resolved at run time: the repository from this file's
# location, the kernel from Debian's packages or the debug kernel's cache.
#
# DMACTL_KERNEL chooses the kernel the VM boots and the modules are built
# against:
#   stock  Debian's linux-image-amd64 and linux-headers-amd64 (default)
#   rt     Debian's linux-image-rt-amd64 and linux-headers-rt-amd64
#   debug  scripts/debug-kernel.sh: KASAN, lockdep, kmemleak, ...
#   deb:NAME  a kernel of another Debian suite, fetched and prepared by
#          scripts/kernels/check.sh (`make check-kernels`)
# Each has its own image and module build under $BUILD; the stock one is
# .build itself, the others .build/rt, .build/debug and .build/kernels/NAME.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_BASE=${DMACTL_BUILD:-$TOP/.build}
KERNELS="stock rt debug"

die()
{
	echo "${0##*/}: $*" >&2
	exit 1
}

note()
{
	echo "${0##*/}: $*" >&2
}

# set_kernel NAME: selects the kernel flavour for this script and the
# scripts it starts.
set_kernel()
{
	case " $KERNELS " in
	*" $1 "*)
		;;
	*)
		case $1 in
		deb:?*) ;;
		*) die "kernel '$1': must be one of $KERNELS or deb:NAME" ;;
		esac
		;;
	esac
	DMACTL_KERNEL=$1
	BUILD=$BUILD_BASE
	case $1 in
	stock) ;;
	deb:*) BUILD=$BUILD_BASE/kernels/${1#deb:} ;;
	*) BUILD=$BUILD_BASE/$1 ;;
	esac
	unset KREL KMAKE
	export DMACTL_KERNEL
}

# Where builds that outlive the repository's .build go: the debug kernel.
cache_dir()
{
	if [ -n "${DMACTL_CACHE:-}" ]; then
		echo "$DMACTL_CACHE"
	elif [ "$(id -u)" = 0 ]; then
		echo /var/cache/dmactl
	else
		echo "${XDG_CACHE_HOME:-$HOME/.cache}/dmactl"
	fi
}

# Version of an installed package, empty if it is not installed.
pkg_version()
{
	dpkg-query -W -f='${db:Status-Status} ${Version}\n' "$1" 2>/dev/null |
		sed -n 's/^installed //p'
}

# The packages of $@ that are not installed.
missing_packages()
{
	local p

	for p in "$@"; do
		[ -n "$(pkg_version "$p")" ] || echo "$p"
	done
}

# install_packages PKG...: installs those of PKG that are missing, as
# root, with the package indexes updated first (a fresh machine has none);
# otherwise dies with the command that would.  apt waits for another
# apt's lock (unattended upgrades) rather than failing at once.
install_packages()
{
	local want

	want=$(missing_packages "$@" | paste -sd ' ')
	[ -n "$want" ] || return 0
	[ "$(id -u)" = 0 ] ||
		die "missing packages; as root: apt-get install --no-install-recommends $want"
	note "installing $want"
	if [ "${APT_UPDATED:-0}" != 1 ]; then
		apt-get -o DPkg::Lock::Timeout=900 -q update ||
			die "apt-get update failed"
		APT_UPDATED=1
		export APT_UPDATED
	fi
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 -q install \
		-y --no-install-recommends $want </dev/null ||
		die "apt-get install $want failed"
}

# ensure_deps SCRIPT [ARG]...: runs scripts/SCRIPT (deps.sh or
# arm/deps.sh) with ARGs, so that a script run on its own installs what it
# needs, or names it; once in a tree of scripts, and not at all with
# SKIP_DEPS=1 (check.sh sets it for what it starts, once its own deps
# stage has run).
ensure_deps()
{
	local key="[$*]"

	[ "${SKIP_DEPS:-0}" = 1 ] && return 0
	case " ${DMACTL_DEPS_DONE:-} " in
	*" $key "*) return 0 ;;
	esac
	"$TOP/scripts/$1" "${@:2}" >&2 || exit 1
	DMACTL_DEPS_DONE="${DMACTL_DEPS_DONE:-} $key"
	export DMACTL_DEPS_DONE
}

# apt_private DIR apt-get|apt-cache ARG...: apt with a state, cache and
# source list (DIR/sources.list) of its own under DIR, for the host's
# architecture and those the ARGs add (-o APT::Architectures::=arm64).
# The host's configuration (proxies) still applies.
apt_private()
{
	local d=$1 tool=$2 arch

	arch=$(dpkg --print-architecture)
	shift 2
	"$tool" -o Dir::State="$d" -o Dir::State::Lists="$d/lists" \
		-o Dir::State::status="$d/status" -o Dir::Cache="$d" \
		-o Dir::Cache::archives="$d/archives" \
		-o Dir::Etc::SourceList="$d/sources.list" \
		-o Dir::Etc::SourceParts="$d/empty" \
		-o Dir::Etc::Preferences="$d/empty/preferences" \
		-o Dir::Etc::PreferencesParts="$d/empty" \
		-o APT::Sandbox::User=root \
		-o APT::Architecture="$arch" -o APT::Architectures::="$arch" "$@"
}

# apt_private_stale DIR MAX_AGE: makes DIR an apt_private directory whose
# sources.list is standard input; true if its indexes must be fetched
# (the sources changed, or DIR/updated, touched after each fetch, is
# missing or MAX_AGE seconds old).
apt_private_stale()
{
	local d=$1 stamp=$1/updated

	mkdir -p "$d/lists/partial" "$d/archives/partial" "$d/empty"
	[ -f "$d/status" ] || : > "$d/status"
	cat > "$d/sources.list.new"
	if cmp -s "$d/sources.list.new" "$d/sources.list" && [ -f "$stamp" ] &&
	   [ $(($(date +%s) - $(stat -c %Y "$stamp"))) -lt "$2" ]; then
		rm -f "$d/sources.list.new"
		return 1
	fi
	mv "$d/sources.list.new" "$d/sources.list"
}

# The check scripts' counts of KTAP results.  counts_init NAME: passed,
# failed and skipped start at 0; should the script exit before
# counts_done, its output still ends with "# NAME: stopped early" and the
# counts, with one failure more.
counts_init()
{
	COUNTS_NAME=$1 COUNTS_DONE=0
	passed=0 failed=0 skipped=0
	COUNTS_FILE=$(mktemp) || exit 1
	trap counts_exit EXIT
}

counts_exit()
{
	rm -f "$COUNTS_FILE"
	[ "$COUNTS_DONE" = 1 ] && return
	echo "# $COUNTS_NAME: stopped early"
	echo "$passed passed, $((failed + 1)) failed, $skipped skipped"
}

# ktap: passes its input through; ktap_counts then sets KTAP_P, KTAP_F
# and KTAP_S to the passed, failed and skipped KTAP results in it.
ktap()
{
	awk -v out="$COUNTS_FILE" '
		{ print; fflush() }
		/^not ok [0-9]+/ { f++; next }
		/^ok [0-9]+/ { if (tolower($0) ~ /# *skip/) s++; else p++ }
		END { print p + 0, f + 0, s + 0 > out }'
}

ktap_counts()
{
	read -r KTAP_P KTAP_F KTAP_S < "$COUNTS_FILE"
}

# ktap_agrees RC: true if the exit status RC of what ktap counted agrees
# with its results; else prints why not.  Only a failed result may make
# it fail, and it must have reported something; 124 to 126 are the VM's
# own (vm.sh: timeout, kernel warning, no result).
ktap_agrees()
{
	case $1 in
	124|125|126)
		echo "exit status $1"
		return 1
		;;
	esac
	if [ "$1" != 0 ] && [ "$KTAP_F" = 0 ]; then
		echo "exit status $1 without a failed result"
		return 1
	fi
	if [ $((KTAP_P + KTAP_F + KTAP_S)) = 0 ]; then
		echo "no KTAP results"
		return 1
	fi
}

# counts_done: the last line, "N passed, N failed, N skipped"; true if
# none failed.
counts_done()
{
	COUNTS_DONE=1
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" = 0 ]
}

# What scripts/debug-kernel.sh needs beyond the base set of deps.sh.
DEBUG_KERNEL_PACKAGES="bc bison flex libelf-dev lz4"

# The ABI release the metapackage $1 (linux-image-amd64 or
# linux-headers-amd64) pulls in, such as "6.1.0-NN-amd64".
meta_release()
{
	local meta=$1 prefix=$2

	dpkg-query -W -f='${Depends}\n' "$meta" 2>/dev/null |
		tr ',' '\n' | sed -n "s/^ *$prefix-\([^ ]*\).*/\1/p" | head -n 1
}

# The metapackages of a packaged kernel flavour: image, then headers.
kernel_metas()
{
	case $1 in
	stock) echo linux-image-amd64 linux-headers-amd64 ;;
	rt) echo linux-image-rt-amd64 linux-headers-rt-amd64 ;;
	esac
}

# Sets KREL (kernel release), VMLINUZ (kernel image the VM boots), KDIR
# (tree to build the modules against) and DMATEST_KO (the kernel's own
# dmatest.ko, empty when it must be built from the source), or dies
# saying what is missing; for deb:NAME also KMAKE (the make that builds
# against KDIR).
resolve_kernel()
{
	local imeta hmeta hrel f

	[ -n "${KREL:-}" ] && return 0
	DMATEST_KO=
	case $DMACTL_KERNEL in
	deb:*)
		# what scripts/kernels/check.sh prepared
		f=${DMACTL_KERNELS_CACHE:-$(cache_dir)/kernels}/${DMACTL_KERNEL#deb:}/kernel.env
		[ -r "$f" ] || die "no $f: run scripts/kernels/check.sh ${DMACTL_KERNEL#deb:}"
		. "$f"
		export KREL VMLINUZ KDIR DMATEST_KO KMAKE
		return 0
		;;
	esac
	if [ "$DMACTL_KERNEL" = debug ]; then
		KDIR=$("$TOP/scripts/debug-kernel.sh" -q) ||
			die "the debug kernel failed to build"
		KREL=$(cat "$KDIR/include/config/kernel.release")
		VMLINUZ=$KDIR/arch/x86/boot/bzImage
		DMATEST_KO=$KDIR/drivers/dma/dmatest.ko
		export KREL VMLINUZ KDIR DMATEST_KO
		return 0
	fi

	read -r imeta hmeta <<< "$(kernel_metas "$DMACTL_KERNEL")"
	[ -n "$(pkg_version "$imeta")" ] ||
		die "$imeta is not installed (run scripts/deps.sh $DMACTL_KERNEL as root)"
	KREL=$(meta_release "$imeta" linux-image)
	[ -n "$KREL" ] ||
		die "cannot read the kernel release from $imeta's Depends"
	hrel=$(meta_release "$hmeta" linux-headers)
	[ -n "$hrel" ] ||
		die "$hmeta is not installed (run scripts/deps.sh $DMACTL_KERNEL as root)"
	[ "$hrel" = "$KREL" ] ||
		die "$imeta wants $KREL but $hmeta wants $hrel: upgrade both"

	VMLINUZ=$(dpkg-query -L "linux-image-$KREL" 2>/dev/null |
		  grep -m 1 "/vmlinuz-$KREL\$")
	[ -n "$VMLINUZ" ] && [ -r "$VMLINUZ" ] ||
		die "no readable kernel image of linux-image-$KREL"
	KDIR=$(dpkg-query -L "linux-headers-$KREL" 2>/dev/null |
	       grep -m 1 "/modules/$KREL/build\$")
	[ -n "$KDIR" ] && KDIR=$(readlink -f "$KDIR") && [ -f "$KDIR/Makefile" ] ||
		die "no kernel build tree in linux-headers-$KREL"
	grep -qF "\"$KREL\"" "$KDIR/include/generated/utsrelease.h" 2>/dev/null ||
		die "$KDIR is not the build tree of $KREL"
	export KREL VMLINUZ KDIR DMATEST_KO
}

# Sets KSRC_TAR to the linux-source tarball of the stock kernel's series
# (the rt and debug kernels are of the same series).
resolve_ksrc()
{
	local series pkg krel

	krel=$(meta_release linux-image-amd64 linux-image)
	[ -n "$krel" ] ||
		die "linux-image-amd64 is not installed (run scripts/deps.sh as root)"
	series=$(echo "$krel" | cut -d. -f1,2)
	pkg=linux-source-$series
	KSRC_TAR=$(dpkg-query -L "$pkg" 2>/dev/null |
		   grep -m 1 "/linux-source-$series\.tar\.[a-z0-9]*\$")
	[ -n "$KSRC_TAR" ] && [ -r "$KSRC_TAR" ] ||
		die "$pkg is not installed (run scripts/deps.sh as root)"
	KSRC_DIR=linux-source-$series
	export KSRC_TAR KSRC_DIR
}

# What the project reads from the kernel source: dmatest.c, built out of
# tree for the VM, and checkpatch with the data files it loads.
KSRC_FILES="drivers/dma/dmatest.c scripts/checkpatch.pl scripts/spelling.txt
scripts/const_structs.checkpatch"

# Extracts $KSRC_FILES from the source tarball into .build/ksrc, again
# only when the tarball changed (one pass over it takes seconds).
ksrc_extract()
{
	local dest=$BUILD_BASE/ksrc stamp missing=0 f

	resolve_ksrc
	stamp=$dest/.extracted-from
	for f in $KSRC_FILES; do
		[ -f "$dest/$f" ] || missing=1
	done
	if [ $missing = 0 ] && [ -f "$stamp" ] &&
	   [ "$(cat "$stamp")" = "$KSRC_TAR $(stat -c %Y "$KSRC_TAR")" ]; then
		return 0
	fi
	mkdir -p "$dest"
	if ! tar -xf "$KSRC_TAR" -C "$dest" --strip-components=1 \
		$(for f in $KSRC_FILES; do echo "$KSRC_DIR/$f"; done); then
		note "cannot extract $KSRC_FILES from $KSRC_TAR"
		return 1
	fi
	echo "$KSRC_TAR $(stat -c %Y "$KSRC_TAR")" > "$stamp"
}

# Sets GUEST_KERNEL to what QEMU boots: the uncompressed vmlinux inside
# $VMLINUZ, extracted once, which QEMU starts through its PVH entry point;
# that skips the real-mode setup and, under TCG, seconds of emulated xz
# decompression.  Falls back to $VMLINUZ if it holds no xz payload.
resolve_guest_kernel()
{
	local elf off

	resolve_kernel
	elf=$BUILD/vmlinux-$KREL
	GUEST_KERNEL=$VMLINUZ
	export GUEST_KERNEL
	if [ -s "$elf" ] && [ "$elf" -nt "$VMLINUZ" ]; then
		GUEST_KERNEL=$elf
		return 0
	fi
	off=$(LC_ALL=C grep -abo -m 1 $'\xfd7zXZ\x00' "$VMLINUZ" | head -n 1 | cut -d: -f1)
	[ -n "$off" ] || return 0
	mkdir -p "$BUILD"
	# xz stops at the end of its stream and complains about what follows
	tail -c +$((off + 1)) "$VMLINUZ" | xz -dc > "$elf.$$" 2>/dev/null
	if [ "$(head -c 4 "$elf.$$" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] &&
	   readelf -nW "$elf.$$" 2>/dev/null | grep -qE 'Xen.*(0x00000012|PHYS32)'; then
		mv "$elf.$$" "$elf"
		GUEST_KERNEL=$elf
	else
		rm -f "$elf.$$"
	fi
}

# Sets ACCEL to "kvm" when /dev/kvm opens and really boots the guest
# kernel, else "tcg"; DMACTL_ACCEL=kvm|tcg forces one.  Some hosts (nested
# virtualisation) offer a /dev/kvm that runs a toy guest but not Linux, so
# the probe boots the real kernel without a root filesystem: with KVM
# working, it reaches the "cannot mount root" panic within seconds.  The
# verdict is cached per host kernel, QEMU and guest kernel.
resolve_accel()
{
	local key cache out

	[ -n "${ACCEL:-}" ] && return 0
	case ${DMACTL_ACCEL:-} in
	kvm|tcg)
		ACCEL=$DMACTL_ACCEL
		export ACCEL
		return 0
		;;
	'')
		;;
	*)
		die "DMACTL_ACCEL: $DMACTL_ACCEL: must be kvm or tcg"
		;;
	esac
	ACCEL=tcg
	export ACCEL
	[ -c /dev/kvm ] && { : <>/dev/kvm; } 2>/dev/null || return 0

	resolve_kernel
	key="$(uname -r) $(qemu-system-x86_64 --version | head -n 1) $KREL"
	cache=$BUILD/accel.cache
	if [ -f "$cache" ] && [ "$(head -n 1 "$cache")" = "$key" ]; then
		ACCEL=$(sed -n 2p "$cache")
		return 0
	fi
	note "probing whether KVM boots $KREL (once)"
	out=$(timeout 30 qemu-system-x86_64 -accel kvm -cpu host -m 256M \
		-nodefaults -no-user-config -display none -serial stdio \
		-no-reboot -kernel "$VMLINUZ" \
		-append "console=ttyS0 panic=-1 loglevel=3" </dev/null 2>&1)
	if echo "$out" | grep -q 'Kernel panic.*VFS'; then
		ACCEL=kvm
	else
		note "KVM does not boot the guest here, using TCG"
	fi
	mkdir -p "$BUILD"
	printf '%s\n%s\n' "$key" "$ACCEL" > "$cache"
}

# QEMU options for $ACCEL.
accel_args()
{
	if [ "$ACCEL" = kvm ]; then
		echo "-accel kvm -cpu host"
	else
		echo "-accel tcg -cpu max"
	fi
}

# The module sources under kmod/ (or the directory $1), relative to it.
kmod_sources()
{
	(cd "$1" && find . -path ./tests -prune -o -type f \
		\( -name '*.[chS]' -o -name Kbuild -o -name Makefile \) \
		! -name '*.mod.c' -print)
}

# Sets KMOD to the module source tree to build against $KDIR: kmod/ itself
# for the stock kernel; for the others a copy under $BUILD, so that the
# objects of one kernel do not replace another's.  Only files that changed
# are copied (and get a new time), which keeps make's view of what to
# rebuild.
kmod_tree()
{
	local f

	KMOD=$TOP/kmod
	[ "$DMACTL_KERNEL" = stock ] && return 0
	KMOD=$BUILD/kmod
	mkdir -p "$KMOD" || return 1
	kmod_sources "$TOP/kmod" | while read -r f; do
		cmp -s "$TOP/kmod/$f" "$KMOD/$f" && continue
		mkdir -p "$KMOD/$(dirname "$f")" && cp "$TOP/kmod/$f" "$KMOD/$f" || exit 1
	done || return 1
	# sources deleted from kmod/ go from the copy too
	kmod_sources "$KMOD" | while read -r f; do
		[ -e "$TOP/kmod/$f" ] || rm -f "$KMOD/$f"
	done
}

set_kernel "${DMACTL_KERNEL:-stock}"
