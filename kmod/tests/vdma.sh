#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vdma end to end (KTAP).  vdma_test.ko, an in-kernel consumer, runs one
# test per load and prints its KTAP line to the kernel log; this script
# passes the results on.  Around it the script sets what some tests need
# through vdma's debugfs (fault injection, stalled engines, the timing
# model) and checks the counters and sysfs files; it runs the FIFO tests
# again with deeper FIFOs, reloads vdma with one engine to run the
# transfer tests again, and checks that vdma cannot be removed while a
# consumer holds a channel, nor loaded with bad parameters.  vdma is
# loaded with its defaults again at the end.
#
# usage: vdma.sh   (MODDIR=dir holding vdma.ko and vdma_test.ko)

MODDIR=${MODDIR:-/lib/modules/dmactl}
P=/sys/module/vdma/parameters
D=/sys/kernel/debug/vdma/vdma
DEV=/sys/bus/platform/devices/vdma
vdma_args=	# the parameters vdma is loaded with now
fifo_depth=	# the FIFO depth set through debugfs, if any

# vdma_test tests, run with the defaults, then again with one engine
TESTS="caps refuse slave dreq dev_to_dev cyclic interleaved memset memcpy_sg
pause terminate reuse"
ENGINE1_TESTS="slave dreq dev_to_dev cyclic interleaved pause"
# again with FIFOs deeper than a step, of no power-of-two size: reads
# leave bytes behind, the rings wrap at odd offsets
DEEP_TESTS="slave dreq dev_to_dev cyclic interleaved"
DEEP_FIFO=12352

. "$(dirname "$0")/lib.sh"

# vdma's parameters, as vdma_test takes them
vt_params()
{
	for p in port_base ports burst max_burst; do
		printf '%s=%s ' $p "$(cat $P/$p)"
	done
	printf 'fifo_depth=%s ' "$(cat $D/fifo_depth)"
}

# vt_load ARGS...: load vdma_test with vdma's parameters and ARGS, in the
# background; vt_collect waits for it and leaves its log in $tmp/vt.log
vt_load()
{
	mark="vdma.sh $$ $(cut -d' ' -f1 /proc/uptime)"
	# KERN_INFO: a mark for dmesg, not for the console
	echo "<6>$mark" > /dev/kmsg
	# shellcheck disable=SC2046
	insmod "$MODDIR/vdma_test.ko" $(vt_params) "$@" &
	vt_pid=$!
}

vt_log()
{
	dmesg | sed -n "\\|$mark|,\$p" | sed -n 's/^.*vdma_test: //p' > "$tmp/vt.log"
}

vt_collect()
{
	wait $vt_pid
	vt_rc=$?
	vt_log
	rmmod vdma_test 2>/dev/null
}

# vt_result TEST NAME: the KTAP result of vdma_test's TEST as NAME
vt_result()
{
	line=$(grep -E "^(not )?ok [0-9]+ $1( |\$)" "$tmp/vt.log")
	grep '^#' "$tmp/vt.log"
	case $line in
	"ok "*"# SKIP"*)
		result 0 "$2 # SKIP ${line#*# SKIP }"
		;;
	"ok "*)
		result 0 "$2"
		;;
	*)
		[ -n "$line" ] || echo "# no result from vdma_test (insmod exit status $vt_rc)"
		result 1 "$2"
		;;
	esac
}

# model_on KHZ: vdma's timing model on at KHZ; model_off: off, at the
# clock vdma was loaded with
model_on()
{
	echo "$1" > $D/clock_khz
	echo 1 > $D/timing
}

model_off()
{
	echo 0 > $D/timing
	echo "$(cat $P/clock_khz)" > $D/clock_khz
}

# vt TEST NAME [ARGS...]
vt()
{
	t=$1 name=$2
	shift 2
	# They pause and terminate a copy seen under way: at 2 MHz the model
	# makes it last about 130 ms, where the CPU alone may copy it before
	# vdma_test first looks.
	case $t in
	pause|terminate) model_on 2000 ;;
	esac
	vt_load "tests=$t" "$@"
	vt_collect
	model_off
	vt_result "$t" "$name"
	fifos_empty
}

# A failed test may leave bytes in a FIFO that the next test would read:
# then vdma is loaded again, with the parameters in $vdma_args and the
# FIFO depth in $fifo_depth.
fifos_empty()
{
	full=$(awk 'NR > 1 && $4 != 0 { print $1 }' $D/ports)
	[ -z "$full" ] && return
	echo "# bytes left in FIFO port $(echo $full): loading vdma again"
	# shellcheck disable=SC2086
	reload $vdma_args
	[ -z "$fifo_depth" ] || echo "$fifo_depth" > $D/fifo_depth
}

# stat KEY: KEY summed over the stats files of every vdma channel
stat()
{
	cat "$D"/dma*/stats | awk -v k="$1" '$1 == k { s += $2 } END { print s + 0 }'
}

# Every 3rd descriptor fails with DMA_TRANS_WRITE_FAILED; the channel
# statistics count what happened.
fault_tests()
{
	e0=$(stat errors) d0=$(stat descriptors) b0=$(stat bytes)
	echo 2 > $D/fault_result
	echo 3 > $D/fault_every
	vt fault fault fault_every=3 fault_result=2
	echo 0 > $D/fault_every
	e=$(($(stat errors) - e0)) d=$(($(stat descriptors) - d0))
	b=$(($(stat bytes) - b0))
	echo "# stats: +$d descriptors, +$e errors, +$b bytes"
	# 9 copies of 4 KiB, 3 failed before moving anything
	[ $e = 3 ] && [ $d = 9 ] && [ $b = $((6 * 4096)) ]
	result $? debugfs_stats
}

delay_test()
{
	echo 100000 > $D/fault_delay_us
	vt delay delay delay_us=100000
	echo 0 > $D/fault_delay_us
}

# Every engine stalled: vdma_test sees nothing move, then says it waits;
# the engines are released and its copy completes.
stall_test()
{
	echo $(((1 << $(cat $P/engines)) - 1)) > $D/stall
	vt_load tests=stall
	i=0
	while [ $i -lt 300 ]; do
		vt_log
		grep -q 'stall: waiting' "$tmp/vt.log" && break
		kill -0 $vt_pid 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	echo 0 > $D/stall
	vt_collect
	vt_result stall stall
}

# The model on at 10 MHz, so that it is far slower than the CPU.
timing_test()
{
	model_on 10000
	vt timing timing clock_khz=10000 bus_width="$(cat $D/bus_width)" \
		burst_cycles="$(cat $D/burst_cycles)" \
		desc_cycles="$(cat $D/desc_cycles)"
}

# sysfs says the mode and the ports; debugfs knobs take valid values only
sysfs_test()
{
	first=$(cut -d' ' -f1 $DEV/timing_model)
	[ "$first" = off ] || { echo "timing_model: $(cat $DEV/timing_model)"; return 1; }
	echo 1 > $D/timing
	first=$(cut -d' ' -f1 $DEV/timing_model)
	echo 0 > $D/timing
	[ "$first" = on ] || { echo "timing_model with the model on: $first"; return 1; }
	grep -q "bus_width=$(cat $P/bus_width) clock_khz=$(cat $P/clock_khz) " \
		$DEV/timing_model || { cat $DEV/timing_model; return 1; }

	i=0
	while read -r idx addr depth; do
		[ "$idx" = $i ] && [ $((addr)) = $(($(cat $P/port_base) + i * 4096)) ] &&
			[ "$depth" = "$(cat $P/fifo_depth)" ] ||
			{ echo "ports line $i: $idx $addr $depth"; return 1; }
		i=$((i + 1))
	done < $DEV/ports
	[ $i = "$(cat $P/ports)" ] || { echo "$i ports listed"; return 1; }
}

knobs_test()
{
	for kv in bus_width=3 bus_width=128 clock_khz=0 timing=2 fault_result=0 \
		  fault_result=4 fifo_depth=63 fifo_depth=2097152 stall=0x100; do
		if echo "${kv#*=}" 2>/dev/null > "$D/${kv%=*}"; then
			echo "debugfs accepted ${kv%=*} = ${kv#*=}"
			return 1
		fi
	done
	echo 8192 > $D/fifo_depth || return 1
	grep -q ' 8192$' $DEV/ports || { cat $DEV/ports; return 1; }
	grep -q ' fifo_depth=8192$' $DEV/timing_model || return 1
	echo "$(cat $P/fifo_depth)" > $D/fifo_depth
}

# reload [PARAM=VALUE...]: vdma again, with these parameters
reload()
{
	rmmod vdma || return 1
	insmod "$MODDIR/vdma.ko" "$@" || return 1
	[ -n "$(vdma_channels)" ]
}

# A held channel pins the module: rmmod fails, then works once released.
hold_tests()
{
	res=0
	insmod "$MODDIR/vdma_test.ko" hold=1 || res=1
	held=$(for c in $(vdma_channels); do
		[ "$(cat "/sys/class/dma/$c/in_use")" = 1 ] && echo "$c"
	done)
	echo "# held: ${held:-none}"
	[ -n "$held" ] || res=1
	if rmmod vdma 2>/dev/null; then
		echo "# rmmod vdma succeeded while $held was held"
		res=1
		insmod "$MODDIR/vdma.ko"
	fi
	[ -d $P ] || res=1
	result $res rmmod_refused_while_held

	# debugfs removes vdma's device only when no channel is held
	res=0
	if echo 0 2>/dev/null > /sys/kernel/debug/vdma/device; then
		echo "# the device was removed while $held was held"
		res=1
	fi
	[ -d $DEV ] || res=1
	result $res device_remove_refused_while_held

	res=0
	rmmod vdma_test || res=1
	echo 0 > /sys/kernel/debug/vdma/device || res=1
	[ -z "$(vdma_channels)" ] && [ ! -e $DEV ] || res=1
	echo 1 > /sys/kernel/debug/vdma/device || res=1
	[ -n "$(vdma_channels)" ] && [ -d $DEV/driver ] || res=1
	result $res device_remove_create

	res=0
	rmmod vdma || res=1
	[ -d $P ] && res=1
	result $res rmmod_after_release
}

params_test()
{
	for kv in channels=0 channels=257 engines=0 burst=0 max_burst=0 ports=0 \
		  ports=65 port_base=0 port_base=0xf0000800 fifo_depth=63 \
		  bus_width=3 clock_khz=0 burst_cycles=1000001; do
		if insmod "$MODDIR/vdma.ko" "$kv" 2>/dev/null; then
			echo "vdma loaded with $kv"
			rmmod vdma
			return 1
		fi
	done
}

echo "KTAP version 1"
echo "1..$(($(echo $TESTS $ENGINE1_TESTS $DEEP_TESTS | wc -w) + 15))"

for t in $TESTS; do
	vt "$t" "$t"
done
fault_tests
delay_test
stall_test
timing_test
run_test sysfs sysfs_test
run_test debugfs_knobs knobs_test

fifo_depth=$DEEP_FIFO
echo $fifo_depth > $D/fifo_depth
result $? "fifo_depth_$DEEP_FIFO"
for t in $DEEP_TESTS; do
	vt "$t" "${t}_fifo_$DEEP_FIFO"
done
fifo_depth=
echo "$(cat $P/fifo_depth)" > $D/fifo_depth

vdma_args=engines=1
reload $vdma_args
result $? reload_engines_1
for t in $ENGINE1_TESTS; do
	vt "$t" "${t}_engines_1"
done

hold_tests
run_test bad_parameters_refused params_test
insmod "$MODDIR/vdma.ko" && [ -n "$(vdma_channels)" ]
result $? reload_defaults

ktap_done vdma.sh
