# SPDX-License-Identifier: GPL-2.0
#
# Shared by the host tests of scripts/bench and scripts/lava: the KTAP
# helpers of kmod/tests/lib.sh, $bench (scripts/bench) and DMACTL set to
# the stand-in dmactl.  Source it:
#   . "$(dirname "$0")/lib.sh"

bench=$(cd "$(dirname "$0")/.." && pwd)
. "$bench/../../kmod/tests/lib.sh"

DMACTL=$bench/tests/fake-dmactl
export DMACTL
