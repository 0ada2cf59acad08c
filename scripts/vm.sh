#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot Debian's kernel in QEMU with the test initramfs and run one shell
# command in the guest (busybox sh, as root, cwd /).  vdma.ko and dmactl.ko
# are loaded first unless --no-modules.  The console streams to stdout.
#
# usage: vm.sh [-t SECONDS] [--kernel K] [--no-modules] [--no-build] [-k]
#              [-l LOG] -- 'command'
#   -t SECONDS     bound on the whole run, boot included (default 600)
#   --kernel K     stock (default), rt or debug, see scripts/lib.sh;
#                  DMACTL_KERNEL=K does the same
#   --no-modules   do not insmod vdma.ko and dmactl.ko before the command
#   --no-build     use the image as built last (scripts/build-guest.sh)
#   -k             boot even if parts failed to build (they are left out)
#   -l LOG         also write the console to LOG
#
# On a kernel with kmemleak (the debug kernel) the guest unloads the
# modules after the command and scans for leaks: a leak is a kernel
# report like the others.
#
# Exit status: the command's, or
#   124  the run exceeded its bound (QEMU killed)
#   125  the kernel logged an oops, BUG, WARNING, KASAN, lockdep,
#        DMA-API or kmemleak report, ... (printed; an oops panics the
#        guest), or a module failed to load in the guest
#   126  the guest stopped without reporting the command's status (panic,
#        QEMU failed to start: the console tail says which)
#   1    host-side failure (build, setup)
# DMACTL_ACCEL=kvm|tcg forces the accelerator (default: KVM if it works).

. "$(dirname "$0")/lib.sh"

usage()
{
	sed -n 's/^# \{0,1\}//; /^usage:/,/^Exit/p' "$0" | sed '$d' >&2
	exit 2
}

timeout=600
modules=1
build=1
keep_going=
log=
while [ $# -gt 0 ]; do
	case $1 in
	-t)
		[ $# -ge 2 ] || usage
		timeout=$2
		shift 2
		;;
	--kernel)
		[ $# -ge 2 ] || usage
		set_kernel "$2"
		shift 2
		;;
	--no-modules)
		modules=0
		shift
		;;
	--no-build)
		build=0
		shift
		;;
	-k|--keep-going)
		keep_going=-k
		shift
		;;
	-l)
		[ $# -ge 2 ] || usage
		log=$2
		shift 2
		;;
	--)
		shift
		break
		;;
	*)
		usage
		;;
	esac
done
[ $# -gt 0 ] || usage
case $timeout in
''|*[!0-9]*|0)
	echo "vm.sh: -t: $timeout: not a positive number of seconds" >&2
	exit 2
	;;
esac
cmd=$*

ensure_deps deps.sh "$DMACTL_KERNEL"
resolve_kernel
resolve_accel
resolve_guest_kernel
if [ $build = 1 ]; then
	"$TOP/scripts/build-guest.sh" $keep_going >&2 ||
		[ -n "$keep_going" ] || die "the guest image failed to build"
fi
[ -f "$BUILD/initramfs.cpio" ] || die "no guest image: run scripts/build-guest.sh"

run=$(mktemp -d "$BUILD/run.XXXXXX") || die "cannot create a run directory"
qpid=
cleanup()
{
	[ -n "$qpid" ] && kill -KILL "$qpid" 2>/dev/null
	rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The per-run archive, appended to the shared base image.
token=$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')
mkdir -p "$run/root/etc/dmactl"
printf '%s\n' "$cmd" > "$run/root/etc/dmactl/cmd"
printf 'TOKEN=%s\nMODULES=%s\n' "$token" "$modules" > "$run/root/etc/dmactl/run.conf"
(cd "$run/root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) > "$run/run.cpio" ||
	die "cannot write the run archive"
cat "$BUILD/initramfs.cpio" "$run/run.cpio" > "$run/initrd"

# Keep the guest on the TSC.  Without these options the guest kernel,
# under TCG, often settles on the HPET, where every clock read is an
# emulated MMIO access.  Measured on a busy 2-CPU host, 5000 copies of
# 512 B at queue depth 1 took 0.28 to 13.8 s on the HPET, 0.25 to 0.89 s
# on the TSC.  loglevel=5 puts warnings (WARNING: and its backtrace) on
# the console, where they are looked for below.  An oops often leaves a
# lock held and the guest locked up: oops=panic ends the run at once.
append="console=ttyS0,115200 loglevel=5 panic=-1 oops=panic rdinit=/init"
append="$append clocksource=tsc tsc=reliable"
append="$append ${DMACTL_VM_APPEND:-}"

console=$run/console.log
: > "$console"
start=$SECONDS
# shellcheck disable=SC2046
qemu-system-x86_64 $(accel_args) -smp 2,sockets=1,cores=2 -m 1G \
	-nographic -no-reboot -nic none \
	-kernel "$GUEST_KERNEL" -initrd "$run/initrd" -append "$append" \
	</dev/null >"$console" 2>&1 &
qpid=$!

# The console as text: no carriage returns, no terminal control sequences
# (the firmware clears the screen).
clean()
{
	LC_ALL=C sed -e 's/\r//g' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1b[A-Za-z]//g'
}

# stream: prints what the console gained since the last call
shown=0
stream()
{
	local size

	size=$(stat -c %s "$console")
	[ "$size" -gt "$shown" ] || return 0
	tail -c +$((shown + 1)) "$console" | head -c $((size - shown)) | clean
	shown=$size
}

marker="@@dmactl-vm-exit $token"
deadline=$((start + timeout))
grace=
timed_out=0
while kill -0 "$qpid" 2>/dev/null; do
	stream
	if [ $SECONDS -ge $deadline ]; then
		timed_out=1
		break
	fi
	# after the marker the guest only has to reboot
	if [ -z "$grace" ] && grep -qF "$marker" "$console"; then
		grace=$((SECONDS + 30))
		[ $grace -lt $deadline ] && deadline=$grace
	fi
	sleep 0.2
done
if kill -0 "$qpid" 2>/dev/null; then
	kill -TERM "$qpid" 2>/dev/null
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$qpid" 2>/dev/null || break
		sleep 0.5
	done
	kill -KILL "$qpid" 2>/dev/null
fi
wait "$qpid" 2>/dev/null
qpid=
stream
elapsed=$((SECONDS - start))

text=$run/console.txt
clean < "$console" > "$text"
[ -n "$log" ] && cp "$text" "$log"

rc=$(sed -n "s/.*$marker \([0-9]*\)@@.*/\1/p" "$text" | tail -n 1)

# Between "dmactl: fault injection on" and "... off" in the kernel log,
# allocations fail on purpose (kmod/tests/abuse.c): the kernel's notice of
# a failed allocation (warn_alloc(): a headline, then a stack dump up to
# its "</TASK>") is no report there.  Everything else still is.
reportable()
{
	awk '/dmactl: fault injection on/ { on = 1 }
	     /dmactl: fault injection off/ { on = 0 }
	     on && /(page allocation failure|vmalloc error):/ { skip = 1 }
	     skip { if (/<\/TASK>/) skip = 0; next }
	     { print }' "$1"
}

# Kernel messages carry a "[seconds.micro]" stamp (CONFIG_PRINTK_TIME),
# which keeps the command's own output from matching.  Lockdep, KASAN,
# debug objects and DMA-API debugging report through WARN or BUG, and
# with headlines of their own.
report=$(reportable "$text" |
	 grep -E -A 40 '\[ *[0-9]+\.[0-9]{6}\] .*(BUG:|Oops|WARNING:|general protection fault|Call Trace:|KASAN|UBSAN|Kernel panic|soft lockup|blocked for more than|rcu_.* detected stalls?|possible (circular|recursive) locking|inconsistent lock state|suspicious RCU usage|DMA-API:|ODEBUG:)' |
	 head -n 200)
# What vm-init found after the command (kmemleak), between its markers.
late=$(sed -n "/@@dmactl-report $token begin@@/,/@@dmactl-report $token end@@/p" "$text" |
       sed '1d;$d' | head -n 200)
if [ -n "$late" ]; then
	report="$report${report:+
}$late"
fi

echo "vm.sh: accel $ACCEL, kernel $KREL ($DMACTL_KERNEL), $elapsed s" >&2
if [ -n "$report" ]; then
	echo "vm.sh: the guest kernel reported a problem:" >&2
	echo "$report" >&2
fi
if [ -z "$rc" ]; then
	echo "vm.sh: console tail:" >&2
	tail -n 40 "$text" >&2
	if [ $timed_out = 1 ]; then
		echo "vm.sh: timed out after $timeout s" >&2
		status=124
	else
		echo "vm.sh: the guest stopped without reporting the command's exit status" >&2
		status=126
	fi
	# what the kernel reported is the cause, and the more precise status
	[ -n "$report" ] && status=125
	echo "vm.sh: exit status $status" >&2
	exit $status
fi
[ $timed_out = 1 ] && echo "vm.sh: the guest did not power off, killed it" >&2
if [ -n "$report" ]; then
	echo "vm.sh: exit status 125 (command status $rc)" >&2
	exit 125
fi
echo "vm.sh: exit status $rc" >&2
exit "$rc"
