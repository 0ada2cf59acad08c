# SPDX-License-Identifier: GPL-2.0
#
# Shared by the shell tests of the VM suite: KTAP results, a scratch
# directory, and the channels the tests use (vdma's, or those of the
# driver the board runner names).  Source it:
#   . "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0
fails=0

# result STATUS NAME: one KTAP result; STATUS 0 or empty passes.
result()
{
	n=$((n + 1))
	if [ "${1:-0}" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		fails=$((fails + 1))
	fi
}

# skip NAME REASON: one KTAP result that neither passed nor failed.
skip()
{
	n=$((n + 1))
	echo "ok $n $1 # SKIP $2"
}

# run_test NAME FUNCTION [ARGS...]: one KTAP result; what the function
# prints becomes diagnostics when it fails.
run_test()
{
	name=$1
	shift
	# a subshell, so that no test leaves state to the next
	if ("$@") > "$tmp/diag" 2>&1; then
		result 0 "$name"
	else
		result 1 "$name"
		sed 's/^/# /' "$tmp/diag"
	fi
}

# ktap_done NAME: the closing comment; the exit status of the script.
ktap_done()
{
	echo "# $1: $((n - fails)) passed, $fails failed"
	[ $fails = 0 ]
}

# The provider driver whose channels the tests use: vdma unless the
# board runner names the machine's own controller.
test_driver()
{
	echo "${DMACTL_TEST_DRIVER:-vdma}"
}

# The channels of driver $1 (default: the test driver), as the
# dmaengine core names them.
driver_channels()
{
	for c in /sys/class/dma/*; do
		[ -e "$c/device/driver" ] || continue
		drv=$(readlink -f "$c/device/driver")
		[ "${drv##*/}" = "${1:-$(test_driver)}" ] && echo "${c##*/}"
	done
}

# The channels the tests use: $DMACTL_TEST_CHANNELS, else every channel
# of the test driver.
test_channels()
{
	if [ -n "${DMACTL_TEST_CHANNELS:-}" ]; then
		echo $DMACTL_TEST_CHANNELS
	else
		driver_channels
	fi
}

# vdma's channels, for the tests that load and unload it.
vdma_channels()
{
	driver_channels vdma
}

# json_field FILE KEY: the value of KEY in `dmactl -j` output (FILE - for
# standard input), an array as its items joined with commas.
json_field()
{
	awk -v key="\"$2\":" '
		$1 == key && $2 == "[" { arr = 1; out = ""; next }
		arr && $1 ~ /^\]/ { print out; exit }
		arr { v = $1; gsub(/[",]/, "", v); out = out (out == "" ? "" : ",") v; next }
		$1 == key { v = $2; gsub(/[",]/, "", v); print v; exit }' "$1"
}

# test_align [CHAN]: every length and offset a test submits is a
# multiple of this: $DMACTL_TEST_ALIGN, 1 by default (QEMU's bcm2835
# model needs 4), or CHAN's copy alignment if larger (stm32's 32).
test_align()
{
	a=${DMACTL_TEST_ALIGN:-1}
	if [ -n "$1" ]; then
		c=$("${DMACTL:-dmactl}" -j info "$1" 2>/dev/null |
			json_field - copy_align_bytes)
		[ "${c:-0}" -gt "$a" ] && a=$c
	fi
	echo "$a"
}

# The channels some consumer holds.
channels_in_use()
{
	for c in /sys/class/dma/*; do
		[ -e "$c/in_use" ] || continue
		[ "$(cat "$c/in_use")" = 0 ] || echo "${c##*/}"
	done
}

# The channels some consumer holds that are not in the list $1: on a
# board, the kernel's own drivers (a UART's DMA) hold some all along.
channels_in_use_but()
{
	for c in $(channels_in_use); do
		case " $(echo $1) " in
		*" $c "*) ;;
		*) echo "$c" ;;
		esac
	done
}
