#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2034 # expect_* and knobs_* are read through var()
#
# vdma personalities (KTAP): a device of each preset beside the default
# one, through debugfs; each shows what its preset declares in sysfs and
# through `dmactl -j info`; personalities vdma must refuse are refused;
# vdma_test checks virt-dma's completion order where descriptors are
# reused, idxd's fixed pool, pl330's recycling and the context callbacks
# run in (tasklet, hard IRQ, thread); the kernel's dmatest copies on devices of several personalities
# (pl330's recycling, idxd's fixed pool and threaded completion, stm32's
# 32-byte copy alignment, completion in hard-IRQ context, a threaded
# completion delayed past an RCU grace period); the module parameter
# sets the device "vdma".  vdma is loaded with its defaults at the end.
#
# usage: vdma-personality.sh   (MODDIR=dir holding vdma.ko, vdma_test.ko
# and dmatest.ko; DMACTL=path overrides the dmactl binary)

MODDIR=${MODDIR:-/lib/modules/dmactl}
DMACTL=${DMACTL:-dmactl}
DT=/sys/module/dmatest/parameters
DMATEST_WAIT=300	# seconds

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/vdma-lib.sh"

PRESETS="default pl330 bcm2835 idxd stm32 virt-memcpy"

# What each preset declares, as `dmactl -j info` keys; slave caps keys
# are checked only where dmactl reports them.
expect_default="caps=memcpy,memset,slave,cyclic,interleave copy_align_bytes=1 max_seg_size_bytes=4294967295 residue_granularity=burst pause=true resume=true terminate=true descriptor_reuse=true"
expect_pl330="caps=memcpy,slave,cyclic copy_align_bytes=1 max_seg_size_bytes=1900800 residue_granularity=burst pause=true resume=false terminate=true descriptor_reuse=false"
expect_bcm2835="caps=memcpy,slave,cyclic copy_align_bytes=1 max_seg_size_bytes=1073741823 residue_granularity=burst pause=false resume=false terminate=true descriptor_reuse=true"
expect_idxd="caps=memcpy copy_align_bytes=1 max_seg_size_bytes=65536 residue_granularity=descriptor pause=false resume=false terminate=false descriptor_reuse=false"
expect_stm32="caps=memcpy,slave,cyclic copy_align_bytes=32 max_seg_size_bytes=65520 residue_granularity=burst pause=true resume=true terminate=true descriptor_reuse=true"
expect_virt_memcpy="caps=memcpy copy_align_bytes=1 max_seg_size_bytes=65536 residue_granularity=segment pause=false resume=false terminate=true descriptor_reuse=false"
# and in the personality line, the knobs dmactl does not show
knobs_default="completion=tasklet result=result recycle=0 pool=0 free_waits=1"
knobs_pl330="completion=tasklet result=noresult recycle=1 pool=0 free_waits=1 synchronize=0"
knobs_bcm2835="completion=tasklet result=result recycle=0 pool=0 free_waits=1 synchronize=1"
knobs_idxd="completion=thread result=result recycle=0 pool=32 free_waits=0 synchronize=0"
knobs_stm32="completion=tasklet result=result recycle=0 pool=0 free_waits=1 synchronize=1"
knobs_virt_memcpy="completion=tasklet result=result recycle=0 pool=0 free_waits=1 synchronize=1 config=0"

OPTIONAL_CAPS="memset slave cyclic interleave"

var()
{
	eval "echo \"\$${1}_$(echo "$2" | tr - _)\""
}

# created ID PRESET: the device exists with channels and the preset
created()
{
	dev=vdma.$1
	[ -d "/sys/bus/platform/devices/$dev/driver" ] || { echo "$dev not bound"; return 1; }
	chans=$(vdma_dev_channels "$dev")
	[ -n "$chans" ] || { echo "$dev has no channel"; return 1; }
	[ "$(vdma_dev_knob "$dev" personality)" = "$2" ] ||
		{ cat "/sys/bus/platform/devices/$dev/personality"; return 1; }
	echo "$dev: $(echo $chans)"
}

# knobs_match ID PRESET: the personality line has the preset's knobs
knobs_match()
{
	dev=vdma.$1 res=0
	for kv in $(var knobs "$2"); do
		got=$(vdma_dev_knob "$dev" "${kv%%=*}")
		[ "$got" = "${kv#*=}" ] && continue
		echo "$dev: ${kv%%=*}=$got, $2 has ${kv#*=}"
		res=1
	done
	[ $res = 0 ] || cat "/sys/bus/platform/devices/$dev/personality"
	return $res
}

# info_matches ID PRESET: dmactl reports what the preset declares
info_matches()
{
	dev=vdma.$1 p=$2 res=0
	c=$(vdma_dev_channels "$dev" | head -n 1)
	"$DMACTL" -j info "$c" > "$tmp/info.json" 2>&1 || { cat "$tmp/info.json"; return 1; }
	for kv in $(var expect "$p"); do
		k=${kv%%=*} want=${kv#*=}
		got=$(json_field "$tmp/info.json" "$k")
		if [ "$k" = caps ]; then
			for cap in memcpy $OPTIONAL_CAPS; do
				case ",$want," in *",$cap,"*) w=1 ;; *) w=0 ;; esac
				case ",$got," in *",$cap,"*) g=1 ;; *) g=0 ;; esac
				[ $w = $g ] && continue
				echo "$c: caps '$got', $p has '$want'"
				res=1
			done
			continue
		fi
		# slave caps of a device without slave support: maybe null
		[ -z "$got" ] || [ "$got" = null ] && continue
		[ "$got" = "$want" ] && continue
		echo "$c: $k is '$got', $p has '$want'"
		res=1
	done
	[ $res = 0 ] || cat "$tmp/info.json"
	return $res
}

# refused SPEC...: debugfs refuses to create a device with it
refused()
{
	for spec in "$@"; do
		if vdma_add 9 "$spec" 2>/dev/null; then
			echo "accepted: add 9 $spec"
			vdma_remove 9
			return 1
		fi
	done
	[ ! -e /sys/bus/platform/devices/vdma.9 ]
}

# dmatest_on DEV SIZE ITERATIONS: dmatest's memcpy on two channels of
# DEV, one thread each, every result verified, the wait bounded in time
dmatest_on()
{
	chans=$(vdma_dev_channels "$1" | head -n 2)
	[ -n "$chans" ] || { echo "$1 has no channel"; return 1; }
	mark="vdma-personality.sh: $1 $$ $(cat /proc/uptime)"
	echo "<6>$mark" > /dev/kmsg
	echo 0 > $DT/dmatest
	echo "$2" > $DT/test_buf_size
	echo "$3" > $DT/iterations
	echo 1 > $DT/threads_per_chan
	echo 0 > $DT/noverify
	echo 0 > $DT/norandom
	echo 20000 > $DT/timeout
	echo -1 > $DT/alignment
	for c in $chans; do
		echo "$c" > $DT/channel || { echo "dmatest did not take $c"; return 1; }
	done
	echo 1 > $DT/run || { echo "dmatest would not run"; return 1; }
	want=$(echo $chans | wc -w)
	end=$(($(cut -d. -f1 /proc/uptime) + DMATEST_WAIT))
	while :; do
		dmesg | sed -n "\\|$mark|,\$p" | grep 'dmatest' > "$tmp/dt.log"
		[ "$(grep -c ' summary ' "$tmp/dt.log")" -ge "$want" ] && break
		if grep -q 'Added 0 threads' "$tmp/dt.log"; then
			echo "dmatest started no thread"
			break
		fi
		[ "$(cut -d. -f1 /proc/uptime)" -lt $end ] || { echo "no summary after $DMATEST_WAIT s"; break; }
		sleep 0.5
	done
	cat $DT/wait > /dev/null
	grep -E 'summary|result #' "$tmp/dt.log"
	got=$(grep -cE "summary $3 tests, 0 failures " "$tmp/dt.log")
	[ "$got" = "$want" ] || { echo "$got of $want threads passed"; return 1; }
}

# vt DEV TEST [PARAM=VALUE...]: vdma_test's TEST on DEV's channels, its
# KTAP result passed on
vt()
{
	dev=$1 t=$2
	shift 2
	mark="vdma-personality.sh vt $$ $(cat /proc/uptime)"
	echo "<6>$mark" > /dev/kmsg
	insmod "$MODDIR/vdma_test.ko" device="$dev" tests="$t" "$@"
	rc=$?
	rmmod vdma_test 2>/dev/null
	dmesg | sed -n "\\|$mark|,\$p" | sed -n 's/^.*vdma_test: //p' > "$tmp/vt.log"
	line=$(grep -E "^(not )?ok [0-9]+ $t( |\$)" "$tmp/vt.log")
	grep '^#' "$tmp/vt.log"
	case $line in
	"ok "*"# SKIP"*) result 0 "${t}_$dev # SKIP ${line#*# SKIP }" ;;
	"ok "*) result 0 "${t}_$dev" ;;
	*)
		[ -n "$line" ] || echo "# no result from vdma_test (insmod exit status $rc)"
		result 1 "${t}_$dev"
		;;
	esac
}

# param_sets_default: personality= sets the device "vdma"
param_sets_default()
{
	rmmod vdma || return 1
	if ! insmod "$MODDIR/vdma.ko" personality=idxd,pool=8; then
		insmod "$MODDIR/vdma.ko"
		return 1
	fi
	res=0
	[ "$(vdma_dev_knob vdma personality)" = idxd ] &&
		[ "$(vdma_dev_knob vdma pool)" = 8 ] || { cat /sys/bus/platform/devices/vdma/personality; res=1; }
	rmmod vdma || res=1
	if insmod "$MODDIR/vdma.ko" personality=nosuch 2>/dev/null; then
		echo "loaded with personality=nosuch"
		rmmod vdma
		res=1
	fi
	return $res
}

# bridge_on PERSONALITY TEST: the bridge's TEST on vdma, unloaded, loaded
# with PERSONALITY (left unloaded)
bridge_on()
{
	insmod "$MODDIR/vdma.ko" "personality=$1" || return 1
	DMACTL_TEST_ONLY=$2 "$(dirname "$0")/bridge" > "$tmp/bridge.log" 2>&1
	res=$?
	sed 's/^/# /' "$tmp/bridge.log"
	grep -q "^ok 1 $2\$" "$tmp/bridge.log" || res=1
	rmmod vdma || res=1
	return $res
}

nr_presets=$(echo $PRESETS | wc -w)
echo "KTAP version 1"
echo "1..$((3 * nr_presets + 24))"

[ "$(vdma_dev_knob vdma personality)" = default ]
result $? default_device_is_default

id=0
for p in $PRESETS; do
	id=$((id + 1))
	vdma_add $id "$p"
	run_test "create_$p" created $id "$p"
	run_test "${p}_knobs" knobs_match $id "$p"
	run_test "${p}_dmactl_info" info_matches $id "$p"
done
echo "# vdma.2: $(cat /sys/bus/platform/devices/vdma.2/personality)"

# virt-dma's completion order where descriptors are reused
vt vdma.1 order
vt vdma.3 order
vt vdma.5 order
vt vdma.4 pool pool=32
vt vdma.2 recycle recycle=1
vt vdma.1 context completion=tasklet

run_test refused_bad_personalities refused nosuch residue=word \
	"config=0 slave=1" "pl330 reuse=1" "default delay_us=1000" \
	"idxd delay_us=2000000" "copy_align=3" "pool=x"
res=0
vdma_add 1 default 2>/dev/null && res=1
vdma_add 16 default 2>/dev/null && res=1
vdma_add 0 default 2>/dev/null && res=1
result $res refused_taken_or_bad_ids

insmod "$MODDIR/dmatest.ko"
result $? dmatest_load
run_test dmatest_pl330_recycle dmatest_on vdma.2 16384 40
run_test dmatest_idxd_pool_thread dmatest_on vdma.4 16384 40
run_test dmatest_stm32_align32 dmatest_on vdma.5 16384 40
# dmatest holds its channels until it is unloaded
rmmod dmatest

res=0
for i in $(seq 1 $nr_presets); do
	vdma_remove $i || { echo "# remove vdma.$i failed"; res=1; }
done
result $res remove_presets
vdma_add 7 default completion=hardirq && vdma_add 8 idxd delay_us=200000
result $? create_hardirq_and_delayed
vt vdma.7 context completion=hardirq
vt vdma.8 context completion=thread
insmod "$MODDIR/dmatest.ko"
run_test dmatest_hardirq dmatest_on vdma.7 16384 40
run_test dmatest_thread_delay_200ms dmatest_on vdma.8 4096 5
rmmod dmatest
vdma_remove 7 && vdma_remove 8 &&
	[ -z "$(ls -d /sys/bus/platform/devices/vdma.* 2>/dev/null)" ]
result $? removed_all

run_test module_parameter_sets_vdma param_sets_default
run_test close_paused_unterminable bridge_on default,terminate=0 \
	close_paused_unterminable
run_test stale_callback_late_thread bridge_on \
	default,synchronize=0,completion=thread,delay_us=200000,free_waits=0 \
	stale_callback
insmod "$MODDIR/vdma.ko" && [ -n "$(vdma_channels)" ]
result $? reload_defaults

ktap_done vdma-personality.sh
