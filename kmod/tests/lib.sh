# SPDX-License-Identifier: GPL-2.0
#
# Shared by the shell tests of the VM suite: KTAP results, a scratch
# directory, and the channels of the vdma provider.  Source it:
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

# The channels of the vdma provider, as the dmaengine core names them.
vdma_channels()
{
	for c in /sys/class/dma/*; do
		[ -e "$c/device/driver" ] || continue
		drv=$(readlink -f "$c/device/driver")
		[ "${drv##*/}" = vdma ] && echo "${c##*/}"
	done
}

# The channels some consumer holds.
channels_in_use()
{
	for c in /sys/class/dma/*; do
		[ -e "$c/in_use" ] || continue
		[ "$(cat "$c/in_use")" = 0 ] || echo "${c##*/}"
	done
}
