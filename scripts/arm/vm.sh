#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot an emulated ARM board (see lib.sh) with Debian's kernel and the
# board's test initramfs (build.sh), and run one shell command in the
# guest (busybox sh, as root, cwd /).  Before the command the guest loads
# the image modules the board needs and dmactl.ko (not vdma.ko: the
# tests there use the board's own DMA controller), and exports
#   DMACTL_TEST_DRIVER  the board's DMA driver, whose channels tests use
#   DMACTL_TEST_ALIGN   the multiple every test length and offset keeps to
#   DMACTL_TEST_CHANNELS  the first B_NCHAN channels of that driver
#   DMACTL_TEST_THREADS dmatest threads per channel
#   DMACTL_TEST_EXPECT  what the driver reports (kmod/tests/arm-caps.sh)
#   DMACTL_TEST_KNOWN   the driver's known defects (arm-controls.sh)
# The console streams to stdout.  DMACTL_VM_APPEND adds kernel arguments.
#
# usage: vm.sh BOARD [-t SECONDS] [-n] [-l LOG] -- 'command'
#   -t SECONDS   bound on the whole run, boot included (default 600)
#   -n           no build: use the image as built last (scripts/arm/build.sh)
#   -l LOG       also write the console to LOG
#
# Exit status: the command's, or
#   124  the run exceeded its bound (QEMU killed)
#   125  the kernel logged an oops, BUG, WARNING, ... (printed), or a
#        module failed to load in the guest
#   126  the guest stopped without reporting the command's status
#   1    host-side failure (build, setup)
#
# QEMU is stopped with SIGKILL whenever it has to be stopped: its model of
# the bcm2835 DMA controller, once wedged, ignores SIGTERM.

. "$(dirname "$0")/lib.sh"

usage()
{
	sed -n 's/^# \{0,1\}//; /^usage:/,/^Exit/p' "$0" | sed '$d' >&2
	exit 2
}

[ $# -ge 1 ] || usage
board_define "$1"
shift
timeout=600
build=1
log=
while getopts t:nl: opt; do
	case $opt in
	t) timeout=$OPTARG ;;
	n) build=0 ;;
	l) log=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || usage
case $timeout in
''|*[!0-9]*|0)
	echo "vm.sh: -t: $timeout: not a positive number of seconds" >&2
	exit 2
	;;
esac

ensure_deps arm/deps.sh
if [ $build = 1 ]; then
	"$TOP/scripts/arm/build.sh" "$B_NAME" >&2 || die "the $B_NAME image failed to build"
fi
board_fetch
[ -f "$B_BUILD/initramfs.cpio" ] || die "no $B_NAME image: run scripts/arm/build.sh $B_NAME"
command -v "$B_QEMU" > /dev/null || die "$B_QEMU is missing (run scripts/arm/deps.sh as root)"

run=$(mktemp -d "$B_BUILD/run.XXXXXX") || die "cannot create a run directory"
qpid=
# timeout(1) runs in a process group of its own, with QEMU: the group is
# what gets killed
cleanup()
{
	[ -n "$qpid" ] && { kill -KILL -- -"$qpid" || kill -KILL "$qpid"; } 2>/dev/null
	rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

token=$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')
mkdir -p "$run/root/etc/dmactl"
printf 'TOKEN=%s\nMODULES=0\n' "$token" > "$run/root/etc/dmactl/run.conf"
{
	printf 'export DMACTL_TEST_DRIVER=%s DMACTL_TEST_ALIGN=%s DMACTL_TEST_THREADS=%s\n' \
		"$B_DRIVER" "$B_ALIGN" "$B_THREADS"
	printf 'export DMACTL_TEST_EXPECT="%s"\n' "$B_EXPECT"
	printf 'export DMACTL_TEST_KNOWN="%s"\n' "$B_KNOWN"
	# the modules first: a DMA driver built as a module has no channels
	# in sysfs until it is loaded
	for m in $B_MODULES dmactl.ko; do
		printf 'insmod /lib/modules/dmactl/%s || exit 125\n' "${m##*/}"
	done
	# the first channels of the driver (in name order, so of its first
	# controller): enough to compare, few enough for an emulated CPU
	cat <<-EOF
	DMACTL_TEST_CHANNELS=\$(for c in /sys/class/dma/*; do
		d=\$(readlink -f "\$c/device/driver")
		[ "\${d##*/}" = "\$DMACTL_TEST_DRIVER" ] && echo "\${c##*/}"
	done | head -n $B_NCHAN | tr '\\n' ' ')
	export DMACTL_TEST_CHANNELS
	EOF
	printf '%s\n' "$*"
} > "$run/root/etc/dmactl/cmd"
(cd "$run/root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) > "$run/run.cpio" ||
	die "cannot write the run archive"
cat "$B_BUILD/initramfs.cpio" "$run/run.cpio" > "$run/initrd"

console=$run/console.log
: > "$console"
start=$SECONDS
# The second UART is the console on both boards; -no-reboot turns the
# guest's reset into QEMU's exit.
# shellcheck disable=SC2086
timeout -s KILL "$timeout" "$B_QEMU" $B_QEMU_ARGS -display none -no-reboot \
	-kernel "$B_VMLINUZ" -dtb "$B_DTB_PATH" -initrd "$run/initrd" \
	-append "console=$B_CONSOLE loglevel=5 panic=-1 rdinit=/init $B_APPEND ${DMACTL_VM_APPEND:-}" \
	-serial null -serial mon:stdio </dev/null >"$console" 2>&1 &
qpid=$!
# its death by SIGKILL below is no news; a zombie counts as gone
disown "$qpid"
running()
{
	grep -qs '^State:[[:space:]]*[^Z[:space:]]' "/proc/$qpid/status"
}

# The console as text, streamed to stdout until QEMU is gone.
text()
{
	LC_ALL=C sed -u -e 's/\r//g' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g'
}
tail -s 0.2 -c +1 -f --pid="$qpid" "$console" | text &
streamer=$!

marker="@@dmactl-vm-exit $token"
# after the marker: the time the guest has to reset, if it can
grace=
while running; do
	if [ -z "$grace" ] && grep -qF "$marker" "$console"; then
		grace=$((SECONDS + (B_POWEROFF ? 15 : 0)))
	elif [ -z "$grace" ] && grep -qE 'Kernel panic - not syncing|Reboot failed' "$console"; then
		# the boards do not all reset after a panic
		grace=$((SECONDS + 5))
	fi
	[ -n "$grace" ] && [ $SECONDS -ge $grace ] && break
	sleep 0.2
done
# QEMU first, so that timeout(1) reaps it
pkill -KILL -P "$qpid"
while running; do
	sleep 0.1
done
qpid=
wait "$streamer"
elapsed=$((SECONDS - start))

text < "$console" > "$run/console.txt"
[ -n "$log" ] && cp "$run/console.txt" "$log"
rc=$(sed -n "s/.*$marker \([0-9]*\)@@.*/\1/p" "$run/console.txt" | tail -n 1)
report=$(grep -E -A 40 '\[ *[0-9]+\.[0-9]{6}\] .*(BUG:|Oops|WARNING:|Internal error|Unable to handle|Kernel panic|soft lockup|blocked for more than|rcu_.* detected stalls?)' \
	 "$run/console.txt" | head -n 200)

echo "vm.sh: $B_NAME, kernel $B_KREL, $elapsed s" >&2
if [ -n "$report" ]; then
	echo "vm.sh: the guest kernel reported a problem:" >&2
	echo "$report" >&2
fi
if [ -z "$rc" ]; then
	echo "vm.sh: console tail:" >&2
	tail -n 40 "$run/console.txt" >&2
	if [ $elapsed -ge "$timeout" ]; then
		echo "vm.sh: timed out after $timeout s" >&2
		exit 124
	fi
	echo "vm.sh: the guest stopped without reporting the command's exit status" >&2
	exit 126
fi
if [ -n "$report" ]; then
	echo "vm.sh: exit status 125 (command status $rc)" >&2
	exit 125
fi
echo "vm.sh: exit status $rc" >&2
exit "$rc"
