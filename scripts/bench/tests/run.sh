#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every host test of scripts/bench and scripts/lava, one KTAP document
# each, in turn.  Exit status 0 only if every test passed or was skipped.
#
# usage: run.sh [TEST...]   (default: every *.sh here but lib.sh and run.sh)

dir=$(cd "$(dirname "$0")" && pwd)
if [ $# = 0 ]; then
	for t in "$dir"/*.sh; do
		case ${t##*/} in
		lib.sh|run.sh) ;;
		*) set -- "$@" "$t" ;;
		esac
	done
fi

status=0
for t in "$@"; do
	"$t" || status=1
done
exit $status
