# SPDX-License-Identifier: GPL-2.0
#
# vdma devices with personalities (vdma(4)), for the shell tests.
# Source it after lib.sh:
#   . "$(dirname "$0")/vdma-lib.sh"
#
# To run a test against a personality:
#   vdma_add 1 pl330 pool=8          # creates the device vdma.1
#   DMACTL_TEST_CHANNELS="$(vdma_dev_channels vdma.1)" ./memcpy.sh
#   vdma_remove 1
# The driver stays "vdma" (DMACTL_TEST_DRIVER need not change).

VDMA_DEVICE_FILE=/sys/kernel/debug/vdma/device

# vdma_add ID [PERSONALITY...]: create the device vdma.ID (ID 1 to 15)
# with that personality: a preset, then KEY=VALUE overrides.
vdma_add()
{
	id=$1
	shift
	echo "add $id $*" > "$VDMA_DEVICE_FILE"
}

# vdma_remove ID: remove the device vdma.ID (fails while a channel of the
# module is held).
vdma_remove()
{
	echo "remove $1" > "$VDMA_DEVICE_FILE"
}

# vdma_dev_channels DEV: the channels of the vdma device DEV (vdma,
# vdma.1, ...), as the dmaengine core names them.
vdma_dev_channels()
{
	want=$(readlink -f "/sys/bus/platform/devices/$1") || return 1
	for c in /sys/class/dma/*; do
		[ -e "$c/device" ] || continue
		[ "$(readlink -f "$c/device")" = "$want" ] && echo "${c##*/}"
	done
}

# vdma_dev_knob DEV KEY: the value of KEY in DEV's personality
vdma_dev_knob()
{
	tr ' ' '\n' < "/sys/bus/platform/devices/$1/personality" |
		sed -n "s/^$2=//p"
}
