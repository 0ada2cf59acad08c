#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug kernel the VM suite boots with `DMACTL_KERNEL=debug`:
# Debian's linux-source of the stock kernel's series, x86_64 tinyconfig
# plus scripts/debug-kernel.config (KASAN, lockdep, kmemleak, DMA-API
# debugging, debug objects, fault injection), dmatest as a module.
#
# The kernel is built once per source package version, config fragment
# and compiler, in a cache outside the repository:
#   $DMACTL_CACHE (default /var/cache/dmactl as root, else
#   ${XDG_CACHE_HOME:-~/.cache}/dmactl)/kernel-debug/VERSION-HASH/
# holding src/ (the source) and build/ (the object tree: the bzImage, the
# modules, everything `make M=` needs).  Once a new entry is built, the
# entries of other keys are deleted, unless a run is building one.
#
# usage: debug-kernel.sh [-q]
#   prints the object tree's path on stdout; -q builds quietly (the build
#   log stays in the entry as build.log and is shown on failure)

. "$(dirname "$0")/lib.sh"

quiet=0
case ${1:-} in
-q)
	quiet=1
	;;
'')
	;;
*)
	echo "usage: ${0##*/} [-q]" >&2
	exit 2
	;;
esac

fragment=$TOP/scripts/debug-kernel.config
[ -r "$fragment" ] || die "missing $fragment"

# the compiler, the kernel source and the tools of a kernel build (flex,
# bison, libelf, ...): installed if missing (as root), or named
ensure_deps deps.sh debug
DMACTL_KERNEL=stock resolve_ksrc
srcpkg=linux-source-$(echo "$KSRC_DIR" | sed 's/^linux-source-//')
srcver=$(pkg_version "$srcpkg")

key=$( { cat "$fragment"; gcc --version | head -n 1; } | sha256sum | cut -c1-12)
entry=$(cache_dir)/kernel-debug/$srcver-$key
src=$entry/src
obj=$entry/build
log=$entry/build.log

mkdir -p "$entry" || die "cannot create $entry"
exec 8>"$entry/.lock"
flock 8

if [ -f "$entry/.done" ]; then
	echo "$obj"
	exit 0
fi

# run CMD...: the build's commands, nice to whoever else uses the CPUs
run()
{
	if [ $quiet = 1 ]; then
		nice -n 10 "$@" >> "$log" 2>&1
	else
		nice -n 10 "$@" 2>&1 | tee -a "$log" >&2
		return "${PIPESTATUS[0]}"
	fi
}

failed()
{
	[ $quiet = 1 ] && tail -n 60 "$log" >&2
	die "$*: see $log"
}

start=$SECONDS
: > "$log"
note "building the debug kernel from $srcpkg $srcver in $entry (once; minutes)"
if [ ! -f "$src/.extracted" ]; then
	rm -rf "$src"
	mkdir -p "$src"
	# the documentation, but for the Kconfig it holds, is not needed
	run tar -xf "$KSRC_TAR" -C "$src" --strip-components=1 \
		--exclude="$KSRC_DIR/Documentation/[!K]*" ||
		failed "cannot extract $KSRC_TAR"
	touch "$src/.extracted"
fi

# An interrupted build resumes: the same config leaves make's view of
# what is built as it was.
mkdir -p "$obj"
jobs=$(nproc)
run make -C "$src" O="$obj" ARCH=x86_64 tinyconfig ||
	failed "make tinyconfig failed"
run "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$fragment" ||
	failed "merging $fragment failed"
run make -C "$src" O="$obj" ARCH=x86_64 olddefconfig ||
	failed "make olddefconfig failed"

# Every option of the fragment must have survived: a dependency the
# fragment misses silently drops an option.
lost=
while read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF "$line" "$obj/.config" || lost="$lost ${line%%=*}"
		;;
	'# CONFIG_'*' is not set')
		opt=${line#\# }
		opt=${opt%% *}
		grep -q "^$opt=" "$obj/.config" && lost="$lost $opt"
		;;
	esac
done < "$fragment"
[ -z "$lost" ] || failed "options of $fragment not in the final config:$lost"

run make -C "$src" O="$obj" ARCH=x86_64 -j"$jobs" bzImage modules ||
	failed "the kernel build failed"
[ -f "$obj/drivers/dma/dmatest.ko" ] || failed "no dmatest.ko in $obj"
touch "$entry/.done"

# Each entry takes gigabytes: keep only those in use.
for old in "$(dirname "$entry")"/*/; do
	old=${old%/}
	[ "$old" = "$entry" ] && continue
	(
		flock -n 7 || exit 0
		rm -rf "$old"
	) 7>>"$old/.lock"
done
note "debug kernel $(cat "$obj/include/config/kernel.release") built in $((SECONDS - start)) s"
echo "$obj"
