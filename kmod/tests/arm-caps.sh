#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What a board's DMA driver reports through dmactl (KTAP): `dmactl info`
# of each test channel (lib.sh) against $DMACTL_TEST_EXPECT, the board
# runner's statement of the driver's support ("key=value ...", keys of
# `dmactl -j info`: caps, directions, residue_granularity, pause, resume,
# terminate), and `dmactl list` naming the driver and those caps on every
# channel of it.  The controls themselves are arm-controls.sh's, which
# skips, with the reason, what the driver lacks.
#
# usage: arm-caps.sh   (DMACTL=path overrides the dmactl binary)

DMACTL=${DMACTL:-dmactl}

. "$(dirname "$0")/lib.sh"

# expected KEY: the value $DMACTL_TEST_EXPECT gives KEY
expected()
{
	for kv in $DMACTL_TEST_EXPECT; do
		[ "${kv%%=*}" = "$1" ] && echo "${kv#*=}"
	done
}

info_matches()
{
	c=$1 res=0

	"$DMACTL" -j info "$c" > "$tmp/info.json" 2>&1 || { cat "$tmp/info.json"; return 1; }
	for kv in driver=$driver $DMACTL_TEST_EXPECT; do
		got=$(json_field "$tmp/info.json" "${kv%%=*}")
		[ "$got" = "${kv#*=}" ] && continue
		echo "$c: ${kv%%=*} is '$got', expected '${kv#*=}'"
		res=1
	done
	[ $res = 0 ] || cat "$tmp/info.json"
	return $res
}

list_names_driver()
{
	"$DMACTL" list > "$tmp/list" 2>&1 || { cat "$tmp/list"; return 1; }
	caps=$(expected caps)
	res=0
	for c in $(driver_channels); do
		if ! awk -v c="$c" -v d="$driver" -v k="$caps" '
			$1 == c && $3 == d && $4 == k { found = 1 }
			END { exit !found }' "$tmp/list"; then
			echo "$c: not listed as '$driver' with caps '$caps'"
			res=1
		fi
	done
	[ $res = 0 ] || cat "$tmp/list"
	return $res
}

driver=$(test_driver)
chans=$(test_channels)

echo "KTAP version 1"
echo "1..$(($(echo $chans | wc -w) + 1))"
echo "# $driver, test channels: $(echo ${chans:-none})"
echo "# expected: $DMACTL_TEST_EXPECT"
set -- $chans
[ -n "${1:-}" ] && "$DMACTL" info "$1" 2>&1 | sed 's/^/# /'
for c in $chans; do
	run_test "info_${c}_reports_driver_caps" info_matches "$c"
done
run_test "list_names_${driver}_channels" list_names_driver

ktap_done arm-caps.sh
