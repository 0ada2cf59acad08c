#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Proves that CI passes on a fresh machine (`make check-fresh`, as root):
# builds a bare Debian root of the host's suite with mmdebstrap, puts a
# clean clone of HEAD in it, and runs .ci/run there as CI does (root,
# CI=true, no standard input, a bare environment), in a mount namespace
# of its own with /dev, /proc and /sys.  The root is made anew on every
# run, so nothing a previous run installed or built can hide a missing
# install step; only the downloaded .debs are kept between runs, in the
# cache:
#   $DMACTL_CACHE (default /var/cache/dmactl)/fresh/debs   the .debs
#   $DMACTL_CACHE/fresh/root                               the root
#   $DMACTL_CACHE/fresh/run.log                            the last run
# The root is removed after a run that passed and kept after one that
# failed, to look into.  What the VM suite builds and caches inside it
# (the debug kernel, the boards' packages) is built and fetched again
# each time, as on a new machine.
#
# The output is .ci/run's, then the time the whole run took; the last
# line is .ci/run's "N passed, N failed, N skipped" and the exit status
# is its own (1 if this script itself fails).
#
# usage: check-fresh.sh

. "$(dirname "$0")/lib.sh"

[ $# = 0 ] || { echo "usage: ${0##*/}" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "must run as root (it builds a root and chroots into it)"
install_packages mmdebstrap git

fresh=$(cache_dir)/fresh
debs=$fresh/debs
root=$fresh/root
log=$fresh/run.log
mkdir -p "$debs" || die "cannot create $debs"
exec 9>"$fresh/.lock"
flock -n 9 || die "another check-fresh.sh is running"

# remove_root: the root goes, unless something is still mounted in it (a
# mount that left the namespace would take the host's /dev with it).
remove_root()
{
	[ -e "$root" ] || return 0
	if findmnt -rn -o TARGET | grep -q "^$root/"; then
		die "something is mounted under $root: not removing it"
	fi
	rm -rf --one-file-system "$root" || die "cannot remove $root"
}

if [ -n "$(git -C "$TOP" status --porcelain --untracked-files=no)" ]; then
	note "the work tree has uncommitted changes: they are not checked, HEAD is"
fi

start=$SECONDS
remove_root

# The host's own package sources, or Debian's main archive.
codename=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release)
[ -n "$codename" ] || die "no VERSION_CODENAME in /etc/os-release"
sources=()
for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
	[ -s "$f" ] && grep -qv '^[[:space:]]*\(#\|$\)' "$f" && sources=("$f") && break
done
[ ${#sources[@]} = 0 ] && sources=(http://deb.debian.org/debian)

# The bootstrap reuses and refills the .deb cache (mmdebstrap(1),
# "sync-in" and "sync-out").
note "making a bare $codename root in $root"
mmdebstrap --variant=important --skip=download/empty --skip=essential/unlink \
	--setup-hook='mkdir -p "$1"/var/cache/apt/archives' \
	--setup-hook="sync-in $debs /var/cache/apt/archives" \
	--customize-hook="sync-out /var/cache/apt/archives $debs" \
	"$codename" "$root" "${sources[@]}" >&2 ||
	die "mmdebstrap failed"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
mkdir -p "$root/ci" "$root/var/cache/apt/archives/partial"
git clone -q --no-local "$TOP" "$root/ci/dmactl" || die "cannot clone $TOP"
note "root ready in $((SECONDS - start)) s; running .ci/run of $(git -C "$root/ci/dmactl" log -1 --format='%h %s')"

# A mount namespace of its own: every mount below goes with it.  The root
# is bound onto itself first, so that inside it / is a mount point, as on
# a machine: unshare --propagation (scripts/kernels/kmake.sh) fails on a
# / that is not one.
unshare --mount --propagation private --pid --fork bash -c '
	set -e
	root=$1 debs=$2
	mount --bind "$root" "$root"
	mount --rbind /dev "$root/dev"
	mount --rbind /sys "$root/sys"
	mount -t proc proc "$root/proc"
	mount --bind "$debs" "$root/var/cache/apt/archives"
	exec chroot "$root" /usr/bin/env -i CI=true HOME=/root TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		bash -c "cd /ci/dmactl && exec bash .ci/run"
' check-fresh "$root" "$debs" < /dev/null 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
[ -n "$summary" ] || { summary="0 passed, 1 failed, 0 skipped"; rc=1; }

elapsed=$((SECONDS - start))
echo "check-fresh: .ci/run in a fresh $codename root: exit status $rc, $((elapsed / 60)) min $((elapsed % 60)) s (log: $log)"
if [ "$rc" = 0 ]; then
	remove_root
else
	echo "check-fresh: the root stays in $root"
fi
echo "$summary"
exit "$rc"
