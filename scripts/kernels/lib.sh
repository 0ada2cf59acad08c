# SPDX-License-Identifier: GPL-2.0
#
# Helpers of `make check-kernels` (bash).  Source it, do not run it:
#   . "$(dirname "$0")/lib.sh"
#
# The kernel matrix: Debian's own amd64 kernels of several suites, each
# built into modules with the compiler its headers name and booted in the
# VM.  The packages come from the Debian archive with an apt state of
# their own per suite (the host's apt sources stay as they are) into
# $KCACHE (DMACTL_KERNELS_CACHE, default /var/cache/dmactl/kernels):
#   apt/SUITE/     the private apt state of SUITE
#   debs/          the downloaded packages
#   roots/SUITE/   a root of SUITE made with mmdebstrap, holding the
#                  compiler and the kbuild tools' libraries, with the
#                  headers unpacked into it: where the host cannot run
#                  that suite's kbuild tools (glibc) or compiler
#   NAME/          one kernel: boot/ (its image), headers/ (its headers,
#                  for a kernel built on the host), dmatest/ (dmatest.ko
#                  built from its own linux-source), kernel.env
# kernel.env is what scripts/lib.sh reads for DMACTL_KERNEL=deb:NAME (see
# resolve_kernel there): KREL, VMLINUZ, KDIR, DMATEST_KO and KMAKE, the
# make that builds against KDIR (scripts/kernels/kmake.sh ROOT for a
# kernel built in a root).

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

KCACHE=${DMACTL_KERNELS_CACHE:-$(cache_dir)/kernels}
# bookworm-6.1 is the stock kernel (DMACTL_KERNEL=stock), the others
# are DMACTL_KERNEL=deb:NAME
KERNEL_MATRIX="bullseye-5.10 bookworm-6.1 bookworm-6.12 trixie-6.12 sid"
# apt indexes older than this are fetched again (seconds)
KERNELS_APT_MAX_AGE=${DMACTL_KERNELS_APT_MAX_AGE:-86400}
MIRROR=${DMACTL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${DMACTL_DEBIAN_SECURITY:-${MIRROR}-security}

# kernel_define NAME: sets the K_* facts of one kernel of the matrix.
#   K_SUITE   the Debian suite its packages come from
#   K_IMAGE   how its image is chosen: "meta" (what linux-image-amd64
#             depends on) or a pattern of package names, of which the
#             newest version is taken
#   K_ROOT    1 if it is built in a root of K_SUITE, 0 on the host
#   K_DIR     its directory in the cache
kernel_define()
{
	K_NAME=$1
	case $1 in
	bullseye-5.10)
		# the host runs bullseye's kbuild tools, but has no gcc-10
		K_SUITE=bullseye K_IMAGE=meta K_ROOT=1
		;;
	bookworm-6.1)
		K_SUITE=bookworm K_IMAGE=stock K_ROOT=0
		;;
	bookworm-6.12)
		# linux-6.12 built for bookworm, in bookworm-security; no
		# metapackage points to it
		K_SUITE=bookworm K_IMAGE='linux-image-6.12.*+deb12-amd64' K_ROOT=0
		;;
	trixie-6.12)
		# its kbuild tools need glibc 2.38, its gcc-14 trixie's libc
		K_SUITE=trixie K_IMAGE=meta K_ROOT=1
		;;
	sid)
		K_SUITE=sid K_IMAGE=meta K_ROOT=1
		;;
	*)
		die "unknown kernel '$1' (kernels: $KERNEL_MATRIX)"
		;;
	esac
	K_DIR=$KCACHE/$K_NAME
}

# The apt sources of suite $1, one "deb ..." line each.
suite_sources()
{
	case $1 in
	sid)
		echo "deb $MIRROR sid main"
		;;
	*)
		echo "deb $MIRROR $1 main"
		echo "deb $MIRROR $1-updates main"
		echo "deb $SECURITY_MIRROR $1-security main"
		;;
	esac
}

# kapt SUITE apt-get|apt-cache ARGS...: apt with the private state of
# SUITE.  The mirror's sid index carries an expired Valid-Until.
kapt()
{
	local d=$KCACHE/apt/$1 tool=$2

	shift 2
	apt_private "$d" "$tool" -o Acquire::Check-Valid-Until=false "$@"
}

# kapt_update SUITE: fetches its indexes when they are missing or stale.
kapt_update()
{
	suite_sources "$1" |
		apt_private_stale "$KCACHE/apt/$1" "$KERNELS_APT_MAX_AGE" ||
		return 0
	note "fetching the package indexes of $1"
	kapt "$1" apt-get -q update >&2 || return 1
	touch "$KCACHE/apt/$1/updated"
}

# The candidate version of package $2 in suite $1, empty if none.
kapt_version()
{
	kapt "$1" apt-cache policy "$2" 2>/dev/null |
		sed -n 's/^ *Candidate: //p' | grep -v '^(none)$'
}

# The Depends of $2 (name=version) in suite $1, one package a line: the
# first of each alternative, without versions.
kapt_depends()
{
	kapt "$1" apt-cache show "$2" 2>/dev/null | sed -n 's/^Depends: //p' |
		head -n 1 | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/ //g' |
		grep .
}

# kernel_resolve: sets KREL, K_VER (the version of its packages), K_SERIES
# ("6.12"), K_PKGS (image, headers, kbuild and source packages, as
# name=version) and K_DEPS (what a root needs to build against them).
kernel_resolve()
{
	local image f

	case $K_IMAGE in
	meta)
		KREL=$(kapt "$K_SUITE" apt-cache depends linux-image-amd64 2>/dev/null |
		       sed -n 's/^ *Depends: linux-image-//p' | head -n 1)
		;;
	*)
		KREL=$(kapt "$K_SUITE" apt-cache pkgnames linux-image- 2>/dev/null |
		       grep -x "$(echo "$K_IMAGE" | sed 's/\./\\./g; s/\*/.*/g; s/+/\\+/g')" |
		       sort -V | tail -n 1)
		KREL=${KREL#linux-image-}
		;;
	esac
	[ -n "$KREL" ] || die "$K_NAME: no kernel image ($K_IMAGE) in $K_SUITE"
	image=linux-image-$KREL
	K_VER=$(kapt_version "$K_SUITE" "$image")
	[ -n "$K_VER" ] || die "$K_NAME: no $image in $K_SUITE"
	K_SERIES=$(echo "$KREL" | cut -d. -f1,2)
	K_PKGS=("$image=$K_VER")
	# sid's image is a metapackage: the kernel is in linux-binary-
	for f in $(kapt_depends "$K_SUITE" "$image=$K_VER"); do
		case $f in
		linux-binary-*) K_PKGS+=("$f=$K_VER") ;;
		esac
	done
	K_PKGS+=("linux-headers-$KREL=$K_VER")
	# W=1 runs kernel-doc, a perl script wanting more than perl-base
	K_DEPS=(make perl)
	# the headers run the kbuild tools of exactly their version, and
	# name the compiler the kernel was built with
	for f in $(kapt_depends "$K_SUITE" "linux-headers-$KREL=$K_VER"); do
		case $f in
		linux-headers-*-common|linux-kbuild-*)
			K_PKGS+=("$f=$K_VER")
			mapfile -t -O ${#K_DEPS[@]} K_DEPS < <(kapt_depends "$K_SUITE" "$f=$K_VER" |
							     grep -v '^linux-')
			;;
		linux-compiler-*|gcc-*)
			K_DEPS+=("$f")
			;;
		esac
	done
	K_PKGS+=("linux-source-$K_SERIES=$K_VER")
	[ ${#K_PKGS[@]} -ge 5 ] ||
		die "$K_NAME: cannot read the packages of $KREL from $K_SUITE: ${K_PKGS[*]}"
}

# deb_path PKG: the downloaded file of PKG (name=version).
deb_path()
{
	local name=${1%%=*} ver=${1#*=}

	ls "$KCACHE/debs/${name}_${ver/:/%3a}_"*.deb 2>/dev/null | head -n 1
}

# kernel_fetch: downloads $K_PKGS that are not in the cache.
kernel_fetch()
{
	local p want=()

	mkdir -p "$KCACHE/debs"
	for p in "${K_PKGS[@]}"; do
		[ -n "$(deb_path "$p")" ] || want+=("$p")
	done
	[ ${#want[@]} = 0 ] && return 0
	note "$K_NAME: downloading ${want[*]}"
	(cd "$KCACHE/debs" && kapt "$K_SUITE" apt-get -q download "${want[@]}" >&2) ||
		die "$K_NAME: cannot download ${want[*]}"
}

# root_make SUITE PKG...: the root of SUITE, made with mmdebstrap with
# PKGs, once; made again when PKGs change.  Sets K_ROOTDIR.
root_make()
{
	local suite=$1 root=$KCACHE/roots/$1 want sources

	shift
	K_ROOTDIR=$root
	want=$(printf '%s\n' "$@" | sort -u | paste -sd ,)
	[ "$(cat "$root.include" 2>/dev/null)" = "$want" ] && [ -x "$root/usr/bin/make" ] &&
		return 0
	note "$K_NAME: making a $suite root with $want (mmdebstrap, minutes)"
	rm -rf "$root" "$root.include"
	mkdir -p "$KCACHE/roots"
	mapfile -t sources < <(suite_sources "$suite")
	nice -n 10 mmdebstrap --variant=apt --include="$want" \
		--aptopt='Acquire::Check-Valid-Until "false"' \
		"$suite" "$root" "${sources[@]}" > "$root.log" 2>&1 || {
		tail -n 20 "$root.log" >&2
		die "$K_NAME: mmdebstrap $suite failed (log: $root.log)"
	}
	echo "$want" > "$root.include"
}

# unpack_debs DIR PKG...: the contents of the PKGs (name=version) in DIR,
# unpacked again only when the list changed.
unpack_debs()
{
	local dir=$1 stamp p f

	shift
	stamp=$dir/.dmactl-unpacked-$KREL
	[ "$(cat "$stamp" 2>/dev/null)" = "$*" ] && return 0
	mkdir -p "$dir"
	for p in "$@"; do
		f=$(deb_path "$p")
		[ -n "$f" ] && dpkg -x "$f" "$dir" || die "$K_NAME: cannot unpack $p"
	done
	echo "$*" > "$stamp"
}

# kernel_prepare NAME: everything to build for and boot kernel NAME of
# the matrix, then its kernel.env.  A second run with the cache warm
# downloads nothing and builds only what changed.
kernel_prepare()
{
	local headers=() p f deb hroot kdir mk vmlinuz kmake env src

	kernel_define "$1"
	mkdir -p "$KCACHE"
	exec 7>"$KCACHE/.lock"
	flock 7
	kapt_update "$K_SUITE" || note "$K_NAME: some indexes of $K_SUITE failed to download"
	kernel_resolve
	kernel_fetch
	for p in "${K_PKGS[@]}"; do
		case $p in
		linux-headers-*|linux-kbuild-*) headers+=("$p") ;;
		esac
	done

	# The image: only the kernel, not its modules (the guest loads
	# none of them: Debian builds dmaengine in).
	vmlinuz=$K_DIR/boot/vmlinuz-$KREL
	if [ ! -s "$vmlinuz" ]; then
		mkdir -p "$K_DIR/boot"
		for p in "${K_PKGS[@]}"; do
			case $p in
			linux-image-*|linux-binary-*) ;;
			*) continue ;;
			esac
			deb=$(deb_path "$p")
			f=$(dpkg-deb -c "$deb" 2>/dev/null | awk '{ print $NF }' |
			    grep -m 1 -xF -e "./boot/vmlinuz-$KREL" \
				-e "./usr/lib/modules/$KREL/vmlinuz")
			[ -n "$f" ] || continue
			dpkg-deb --fsys-tarfile "$deb" | tar -xO "$f" > "$vmlinuz.new" &&
				mv "$vmlinuz.new" "$vmlinuz" || die "$K_NAME: cannot extract $f"
			break
		done
	fi
	[ -s "$vmlinuz" ] || die "$K_NAME: no kernel image in ${K_PKGS[*]}"

	# The headers: in a root of the suite, or on the host.
	if [ "$K_ROOT" = 1 ]; then
		root_make "$K_SUITE" "${K_DEPS[@]}"
		unpack_debs "$K_ROOTDIR" "${headers[@]}"
		hroot=$K_ROOTDIR
		kdir=/usr/src/linux-headers-$KREL
		kmake="$TOP/scripts/kernels/kmake.sh $K_ROOTDIR"
	else
		# shellcheck disable=SC2046
		install_packages $(printf '%s\n' "${K_DEPS[@]}" | sort -u)
		hroot=$K_DIR/headers
		unpack_debs "$hroot" "${headers[@]}"
		kdir=$hroot/usr/src/linux-headers-$KREL
		# the flavour's Makefile includes the common one by its
		# installed path
		mk=$kdir/Makefile
		grep -q '^include /usr/src/' "$mk" &&
			{ sed -i "s|^include /usr/src/|include $hroot/usr/src/|" "$mk" ||
			  die "$K_NAME: cannot fix $mk"; }
		kmake='make'
	fi
	grep -qF "\"$KREL\"" "$hroot/usr/src/linux-headers-$KREL/include/generated/utsrelease.h" ||
		die "$K_NAME: linux-headers-$KREL holds no build tree of $KREL"

	# dmatest.c of this kernel's own source, built out of tree
	src=$K_DIR/dmatest
	mkdir -p "$src"
	p=linux-source-$K_SERIES
	deb=$(deb_path "linux-source-$K_SERIES=$K_VER")
	if [ "$(cat "$src/.from" 2>/dev/null)" != "${deb##*/}" ]; then
		note "$K_NAME: extracting dmatest.c from ${deb##*/}"
		dpkg-deb --fsys-tarfile "$deb" |
			tar -xO "./usr/src/$p.tar.xz" |
			xz -dc | tar -xO "$p/drivers/dma/dmatest.c" > "$src/dmatest.c.new" &&
			[ -s "$src/dmatest.c.new" ] ||
			die "$K_NAME: cannot extract dmatest.c from ${deb##*/}"
		mv "$src/dmatest.c.new" "$src/dmatest.c"
		echo 'obj-m := dmatest.o' > "$src/Kbuild"
		echo "${deb##*/}" > "$src/.from"
	fi
	flock -u 7

	env=$K_DIR/kernel.env
	{
		echo "KREL='$KREL'"
		echo "VMLINUZ='$vmlinuz'"
		echo "KDIR='$kdir'"
		echo "DMATEST_KO='$src/dmatest.ko'"
		echo "KMAKE='$kmake'"
	} > "$env.new"
	mv "$env.new" "$env"
	echo "$K_NAME: $KREL ($K_VER) from $K_SUITE, built with $(printf '%s\n' "${K_DEPS[@]}" |
		grep -E '^(gcc|linux-compiler)' | paste -sd ' ')" \
		"$([ "$K_ROOT" = 1 ] && echo "in a $K_SUITE root" || echo "on the host")"
}

# kernel_dmatest: builds dmatest.ko of the kernel kernel_prepare set up.
kernel_dmatest()
{
	(
		. "$K_DIR/kernel.env" &&
		$KMAKE -C "$KDIR" M="$K_DIR/dmatest" modules
	)
}
