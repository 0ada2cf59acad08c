#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The bridge's channel controls on a board's own DMA controller (KTAP):
# the tests of the bridge program (bridge.c) that need nothing but memcpy
# channels: the control ioctls' validation, terminate (synchronous, and
# asynchronous then synchronize) and pause / resume with the residue
# held while paused.  A driver without device_pause makes pause_resume
# SKIP with the reason.  Its other tests need vdma (its loopback FIFOs,
# fault injection, memset, interleave) and byte-granular lengths.
#
# usage: arm-controls.sh

DMACTL_TEST_ONLY="control_rules terminate_sync terminate_async pause_resume"
export DMACTL_TEST_ONLY
exec "$(dirname "$0")/bridge"
