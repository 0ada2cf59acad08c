#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make, run in a root of another Debian suite (scripts/kernels/lib.sh):
# for kernels whose kbuild tools or compiler the host cannot run.  The
# root sees the repository, the build directory and the kernels' cache at
# their own paths, /proc (objtool reads it) and /dev, all mounted in a
# mount namespace of its own, so nothing stays mounted after it.  make
# starts in the current directory.
#
# usage: kmake.sh ROOT [MAKE ARGUMENT]...

. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] && [ -x "$1/usr/bin/make" ] ||
	die "usage: ${0##*/} ROOT [MAKE ARGUMENT]... (ROOT: a root with make)"
root=$(readlink -f "$1")
shift
binds=()
for d in "$TOP" "$BUILD_BASE" "$KCACHE"; do
	# one made later is made on the host, outside the root
	[ -d "$d" ] || continue
	d=$(readlink -f "$d")
	# the same directory once
	case " ${binds[*]} " in
	*" $d "*) continue ;;
	esac
	binds+=("$d")
done

# shellcheck disable=SC2016
exec unshare --mount --propagation private -- bash -c '
	root=$1 n=$2
	shift 2
	mount -t proc proc "$root/proc" && mount --bind /dev "$root/dev" || exit 1
	while [ "$n" -gt 0 ]; do
		mkdir -p "$root$1" && mount --bind "$1" "$root$1" || exit 1
		shift
		n=$((n - 1))
	done
	exec chroot "$root" /bin/sh -c "cd \"\$0\" && exec make \"\$@\"" "$PWD" "$@"
' kmake "$root" ${#binds[@]} "${binds[@]}" "$@"
