#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The bridge's channel controls on a board's own DMA controller (KTAP):
# the tests of the bridge program (bridge.c) that need nothing but memcpy
# channels: the control ioctls' validation, terminate (synchronous, and
# asynchronous then synchronize) and pause / resume (nothing the channel
# has not finished moves while paused).  A driver without device_pause or
# device_resume makes pause_resume SKIP with the reason.  The bridge's
# other tests need vdma (its loopback FIFOs, fault injection, memset,
# interleave) or byte-granular lengths.
#
# DMACTL_TEST_KNOWN lists the driver's known defects, "TEST: reason"
# entries separated by ";": such a test that fails is reported as a SKIP
# that says so (its diagnostics kept), not as a pass.
#
# usage: arm-controls.sh

DMACTL_TEST_ONLY="control_rules terminate_sync terminate_async pause_resume"
export DMACTL_TEST_ONLY
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT

"$(dirname "$0")/bridge" > "$out" 2>&1
rc=$?
awk -v known="${DMACTL_TEST_KNOWN:-}" '
	BEGIN {
		n = split(known, k, ";")
		for (i = 1; i <= n; i++) {
			name = k[i]
			sub(/^ */, "", name)
			sub(/:.*/, "", name)
			why[name] = substr(k[i], index(k[i], ":") + 1)
			sub(/^ */, "", why[name])
		}
	}
	/^not ok [0-9]+ / && ($4 in why) {
		printf "ok %s %s # SKIP failed: a known %s defect: %s\n", $3, $4,
		       ENVIRON["DMACTL_TEST_DRIVER"], why[$4]
		next
	}
	/^not ok [0-9]+ / { failed = 1 }
	{ print }
	END { exit failed }' "$out" || exit 1
# the bridge failing without a failed result (a crash) keeps its status
if [ $rc != 0 ] && ! grep -q '^not ok' "$out"; then
	exit $rc
fi
exit 0
