#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every dmactl command through vdma, end to end (KTAP): each run's exit
# status, its report in text, JSON and CSV, and that the data came back
# where the command checks it (memset, interleave, the slave and sg
# loopbacks, cyclic rings).  Pause, resume and terminate from the same
# invocation, the in-kernel loop, bench sweeps and the netlink monitor.
# No channel may be held after any of them.  Bad input is cli-errors.sh's.
#
# usage: cli.sh   (DMACTL=path overrides the dmactl binary)

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-lib.sh"

DEBUGFS=/sys/kernel/debug/vdma/vdma

# timing_model ON|OFF: vdma's timing model, through debugfs
timing_model()
{
	echo "$1" > "$DEBUGFS/timing"
}

# A file of '#' lines, a header row and data rows: dmactl's CSV.
check_csv()
{
	c_file=$1 c_rows=$2
	res=0
	grep -q '^# tool: dmactl ' "$c_file" || { echo "no '# tool:' line"; res=1; }
	grep -q '^# kernel: '"$(uname -r)"'$' "$c_file" || { echo "no '# kernel:' line"; res=1; }
	grep -q "^# provider_mode: $(head -n 1 "/sys/class/dma/$chan/device/timing_model")\$" "$c_file" ||
		{ echo "no '# provider_mode:' line with vdma's timing_model"; res=1; }
	if [ "$(grep -v '^#' "$c_file" | head -n 1 | cut -d, -f1-22)" != "$CSV_CONTRACT" ]; then
		echo "the header does not start with the contract's columns"
		res=1
	fi
	n=$(csv_rows "$c_file" | wc -l)
	[ "$n" = "$c_rows" ] || { echo "$n data rows, expected $c_rows"; res=1; }
	[ $res = 0 ] || cat "$c_file"
	return $res
}

memcpy_text()
{
	run_ok "$tmp/out.txt" "$DMACTL" memcpy -c "$chan" -s 4K -n 50 || return 1
	res=0
	# what describes starts with '#', what measures does not
	[ "$(grep -vc '^#' "$tmp/out.txt")" = 1 ] || { echo "not one row of figures"; res=1; }
	grep -q '^ memcpy  *4096 ' "$tmp/out.txt" || { echo "no memcpy row of 4096 bytes"; res=1; }
	grep -q 'MB/s.*MiB/s.*IOPS.*p50_ns.*p99_ns.*p99.9_ns.*max_ns' "$tmp/out.txt" ||
		{ echo "columns not named"; res=1; }
	[ $res = 0 ] || cat "$tmp/out.txt"
	no_channel_held || res=1
	return $res
}

memcpy_csv()
{
	run_ok "$tmp/out.csv" "$DMACTL" memcpy -c "$chan" -s 1K -n 30 --csv || return 1
	check_csv "$tmp/out.csv" 1 || return 1
	row=$(csv_rows "$tmp/out.csv")
	[ "$(csv_field "$row" 1)" = memcpy ] && [ "$(csv_field "$row" 2)" = "$chan" ] &&
		[ "$(csv_field "$row" 3)" = 1024 ] && [ "$(csv_field "$row" 10)" = user ] &&
		[ "$(csv_field "$row" 12)" = 30 ] && [ "$(csv_field "$row" 22)" = 0 ] ||
		{ echo "row: $row"; return 1; }
}

memcpy_channels_threads()
{
	run_ok "$tmp/mt.json" "$DMACTL" -j memcpy -s 4K -n 20 -q 4 --channels 2 --threads 2 ||
		return 1
	res=0
	expect_value "$tmp/mt.json" ops 80 || res=1
	expect_value "$tmp/mt.json" channels 2 || res=1
	expect_value "$tmp/mt.json" threads 2 || res=1
	expect_value "$tmp/mt.json" verify_errors 0 || res=1
	case $(json_value "$tmp/mt.json" channel) in
	dma*chan*+dma*chan*) ;;
	*) echo "channel is not two channels joined by +"; res=1 ;;
	esac
	no_channel_held || res=1
	return $res
}

memset_case()
{
	run_ok "$tmp/ms.json" "$DMACTL" -j memset -c "$chan" -s 3000 -n 40 ||
		return 1
	res=0
	expect_value "$tmp/ms.json" command memset || res=1
	expect_value "$tmp/ms.json" ops 40 || res=1
	expect_value "$tmp/ms.json" verify_errors 0 || res=1
	run_ok "$tmp/ms2.json" "$DMACTL" -j memset -c "$chan" -s 4K -n 5 --value 255 ||
		return 1
	expect_value "$tmp/ms2.json" value 255 || res=1
	expect_value "$tmp/ms2.json" verify_errors 0 || res=1
	return $res
}

interleave_case()
{
	run_ok "$tmp/il.json" "$DMACTL" -j interleave -c "$chan" -s 100 --frames 3 \
		--chunks 5 --icg 28 --dst-icg 12 -n 20 || return 1
	res=0
	expect_value "$tmp/il.json" size_bytes 1500 || res=1
	expect_value "$tmp/il.json" bytes 30000 || res=1
	expect_value "$tmp/il.json" verify_errors 0 || res=1
	run_ok "$tmp/il2.json" "$DMACTL" -j interleave -c "$chan" -s 64 --frames 2 \
		--chunks 2 --sgl src -n 5 || return 1
	expect_value "$tmp/il2.json" dst_sgl false || res=1
	expect_value "$tmp/il2.json" verify_errors 0 || res=1
	return $res
}

kernel_loop()
{
	run_ok "$tmp/k.json" "$DMACTL" -j memcpy -c "$chan" --kernel-loop -s 4K -n 300 -q 8 ||
		return 1
	res=0
	expect_value "$tmp/k.json" mode kernel || res=1
	expect_value "$tmp/k.json" ops 300 || res=1
	expect_value "$tmp/k.json" bytes $((300 * 4096)) || res=1
	expect_value "$tmp/k.json" errors 0 || res=1
	expect_value "$tmp/k.json" verify_errors 0 || res=1
	p50=$(json_value "$tmp/k.json" latency_p50_ns)
	max=$(json_value "$tmp/k.json" latency_max_ns)
	[ "${p50:-0}" -gt 0 ] && [ "$p50" -le "${max:-0}" ] ||
		{ echo "latencies not 0 < p50 <= max: $p50 $max"; res=1; }
	return $res
}

bench_csv()
{
	run_ok "$tmp/b.csv" "$DMACTL" bench --csv -c "$chan" -s 512,4K -q 1,8 \
		--mode user,kernel -r 2 -n 40 || return 1
	check_csv "$tmp/b.csv" 16 || return 1
	res=0
	grep -q '^# parameters: job=memcpy sizes_bytes=512,4K ' "$tmp/b.csv" ||
		{ echo "no parameters line"; res=1; }
	csv_rows "$tmp/b.csv" > "$tmp/rows"
	# the last columns vary fastest: rep, then mode, ... size first
	i=0
	while read -r row; do
		mode=$(csv_field "$row" 10) rep=$(csv_field "$row" 9)
		want_mode=user
		[ $((i / 2 % 2)) = 1 ] && want_mode=kernel
		if [ "$mode" != $want_mode ] || [ "$rep" != $((i % 2 + 1)) ] ||
		   [ "$(csv_field "$row" 12)" != 40 ] || [ "$(csv_field "$row" 22)" != 0 ]; then
			echo "row $i: $row"
			res=1
		fi
		i=$((i + 1))
	done < "$tmp/rows"
	return $res
}

bench_json()
{
	run_ok "$tmp/b.json" "$DMACTL" -j bench -s 1K..4K --channels 1,2 -n 20 ||
		return 1
	res=0
	[ "$(grep -c '^        {$' "$tmp/b.json")" = 6 ] ||
		{ echo "not 6 points"; res=1; }
	grep -q '^    "points": \[$' "$tmp/b.json" || { echo "no points array"; res=1; }
	[ "$(grep -c '"throughput_MiBps": ' "$tmp/b.json")" = 6 ] || res=1
	[ $res = 0 ] || head -n 60 "$tmp/b.json"
	no_channel_held || res=1
	return $res
}

# The burst x width sweep through the slave config, timing model on: a
# measurement, not a test of speed: every point is there and correct.
bench_width_burst()
{
	timing_model 1
	"$DMACTL" bench --csv -c "$chan" -s 16K --width 1,8 --burst 1,16 -n 4 \
		> "$tmp/wb.csv" 2> "$tmp/err"
	rc=$?
	timing_model 0
	[ $rc = 0 ] || { cat "$tmp/err"; return 1; }
	grep -q '^# provider_mode: on ' "$tmp/wb.csv" ||
		{ echo "the timing model is not in the metadata"; return 1; }
	[ "$(csv_rows "$tmp/wb.csv" | cut -d, -f4,5 | tr '\n' ' ')" = "1,1 1,16 8,1 8,16 " ] ||
		{ cat "$tmp/wb.csv"; return 1; }
}

slave_loop()
{
	run_ok "$tmp/sl.json" "$DMACTL" -j slave loop --port 0 -s 4K -n 40 -q 4 ||
		return 1
	res=0
	expect_value "$tmp/sl.json" direction loop || res=1
	expect_value "$tmp/sl.json" ops 40 || res=1
	expect_value "$tmp/sl.json" verify true || res=1
	expect_value "$tmp/sl.json" verify_errors 0 || res=1
	expect_value "$tmp/sl.json" dst_addr "$(printf '%d' "$(sed -n 's/^0 \(0x[0-9a-f]*\) .*/\1/p' "/sys/class/dma/$chan/device/ports")")" ||
		res=1
	return $res
}

sg_loop()
{
	run_ok "$tmp/sg.json" "$DMACTL" -j sg loop --port 1 -s 512 --entries 5 --gap 40 \
		--width 8 --burst 4 -n 30 || return 1
	res=0
	expect_value "$tmp/sg.json" size_bytes 2560 || res=1
	expect_value "$tmp/sg.json" entries 5 || res=1
	expect_value "$tmp/sg.json" width_bytes 8 || res=1
	expect_value "$tmp/sg.json" bytes $((30 * 2560)) || res=1
	expect_value "$tmp/sg.json" verify_errors 0 || res=1
	return $res
}

# A transmitter alone fills a port, a receiver alone empties it again.
slave_tx_then_rx()
{
	run_ok "$tmp/tx.txt" "$DMACTL" slave tx --port 2 -s 1K -n 3 || return 1
	run_ok "$tmp/rx.txt" "$DMACTL" slave rx --port 2 -s 3K -n 1 || return 1
	grep -q '^ slave ' "$tmp/rx.txt" || { cat "$tmp/rx.txt"; return 1; }
	no_channel_held
}

cyclic_loop()
{
	run_ok "$tmp/cy.json" "$DMACTL" -j cyclic loop --port 3 -s 16K -p 4K \
		--duration 300 --interval 50 || return 1
	res=0
	expect_value "$tmp/cy.json" periods_per_buffer 4 || res=1
	expect_value "$tmp/cy.json" verify_errors 0 || res=1
	expect_value "$tmp/cy.json" final_state terminated || res=1
	# a whole ring at least, for the check
	rx=$(sed -n '/^    "sides": \[$/,$p' "$tmp/cy.json" |
	     sed -n '/"side": "rx"/,/"ticks"/s/^ *"periods": \([0-9]*\),$/\1/p')
	[ "${rx:-0}" -ge 4 ] || { echo "rx saw '$rx' periods, expected 4 or more"; res=1; }
	grep -q '"interval_mean_ns": [0-9]' "$tmp/cy.json" || { echo "no interval"; res=1; }
	grep -q '"jitter_p99_ns": [0-9]' "$tmp/cy.json" || { echo "no jitter"; res=1; }
	grep -q '"position_bytes": [0-9]' "$tmp/cy.json" || { echo "no position"; res=1; }
	[ $res = 0 ] || head -n 80 "$tmp/cy.json"
	no_channel_held || res=1
	return $res
}

cyclic_csv()
{
	run_ok "$tmp/cy.csv" "$DMACTL" cyclic loop --port 3 -s 8K -p 2K --periods 8 --csv ||
		return 1
	grep -q '^side,channel,period,time_ns,interval_ns$' "$tmp/cy.csv" ||
		{ cat "$tmp/cy.csv"; return 1; }
	[ "$(grep -c '^rx,' "$tmp/cy.csv")" -ge 8 ] || { cat "$tmp/cy.csv"; return 1; }
}

# Put 1 KiB into a port, then receive 4 KiB from it: the receiver moves
# what there is and waits with 3 KiB to go.  Paused there, its residue is
# exact and stays put; terminated, the run ends cleanly.
pause_terminate()
{
	run_ok "$tmp/fill.txt" "$DMACTL" slave tx --port 0 -s 1K -n 1 || return 1
	run_ok "$tmp/pt.json" "$DMACTL" -j slave rx --port 0 -s 4K -n 1 \
		--pause-after 200 --pause-for 300 --terminate-after 800 || return 1
	res=0
	expect_value "$tmp/pt.json" dma_status paused || res=1
	expect_value "$tmp/pt.json" residue_bytes 3072 || res=1
	expect_value "$tmp/pt.json" residue_constant true || res=1
	expect_value "$tmp/pt.json" terminated_jobs 1 || res=1
	grep -q '"terminated_at_ms": [0-9]' "$tmp/pt.json" || { echo "not terminated"; res=1; }
	[ $res = 0 ] || cat "$tmp/pt.json"
	no_channel_held || res=1
	return $res
}

# The receiver of a cyclic loop paused mid-run, the model slow enough to
# catch it moving: its position stays put, then the rings still match.
cyclic_pause()
{
	timing_model 1
	"$DMACTL" -j cyclic loop --port 1 -s 64K -p 8K --duration 600 \
		--interval 0 --pause-after 150 --pause-for 150 > "$tmp/cp.json" \
		2> "$tmp/err"
	rc=$?
	timing_model 0
	[ $rc = 0 ] || { cat "$tmp/err"; return 1; }
	res=0
	expect_value "$tmp/cp.json" paused_channel \
		"$(json_value "$tmp/cp.json" rx_channel)" || res=1
	expect_value "$tmp/cp.json" residue_constant true || res=1
	expect_value "$tmp/cp.json" verify_errors 0 || res=1
	[ $res = 0 ] || cat "$tmp/cp.json"
	return $res
}

monitor_case()
{
	"$DMACTL" monitor -n 3 > "$tmp/mon.txt" 2>&1 &
	mon=$!
	# the header says the watch is on
	i=0
	while ! grep -q '^# following' "$tmp/mon.txt" && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	"$DMACTL" memcpy -c "$chan" -n 2 > /dev/null &&
		"$DMACTL" memcpy -c "$chan" --kernel-loop -n 4 > /dev/null
	i=0
	while kill -0 $mon 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill $mon 2>/dev/null
	wait $mon
	rc=$?
	res=0
	[ $rc = 0 ] || { echo "monitor exit status $rc"; res=1; }
	# a PID only where joining the group needs CAP_SYS_ADMIN
	if DMACTL_TEST_ONLY=netlink_events_private "$(dirname "$0")/bridge" |
		grep -q 'lets anyone join'; then
		grep -q " chan_taken  *$chan device vdma\$" "$tmp/mon.txt" || res=1
	else
		grep -q " chan_taken  *$chan device vdma pid [0-9]" "$tmp/mon.txt" || res=1
	fi
	grep -q " chan_released $chan " "$tmp/mon.txt" || res=1
	grep -q " chan_taken  *$chan " "$tmp/mon.txt" || res=1
	[ $res = 0 ] || cat "$tmp/mon.txt"
	return $res
}

monitor_json()
{
	"$DMACTL" -j monitor --duration 1500 > "$tmp/mon.json" 2>&1 &
	mon=$!
	sleep 0.5
	"$DMACTL" memcpy -c "$chan" -n 1 > /dev/null
	wait $mon || { cat "$tmp/mon.json"; return 1; }
	res=0
	expect_value "$tmp/mon.json" command monitor || res=1
	expect_value "$tmp/mon.json" events_seen 2 || res=1
	expect_value "$tmp/mon.json" event chan_taken || res=1
	[ $res = 0 ] || cat "$tmp/mon.json"
	return $res
}

help_lists_commands()
{
	"$DMACTL" --help > "$tmp/help" || return 1
	for c in list info memcpy memset interleave slave sg cyclic bench monitor version; do
		grep -q "^  $c " "$tmp/help" || { echo "$c missing from --help"; return 1; }
	done
}

vdma=$(vdma_channels)
set -- $vdma
chan=${1:-dma0chan0}

echo "KTAP version 1"
echo "1..21"
echo "# vdma channels: $(echo ${vdma:-none})"
run_test memcpy_text memcpy_text
run_test memcpy_csv memcpy_csv
run_test memcpy_channels_threads memcpy_channels_threads
run_test memset memset_case
run_test interleave interleave_case
run_test memcpy_kernel_loop kernel_loop
run_test bench_csv_user_and_kernel bench_csv
run_test bench_json bench_json
run_test bench_width_burst bench_width_burst
run_test slave_loop slave_loop
run_test sg_loop sg_loop
run_test slave_tx_then_rx slave_tx_then_rx
run_test cyclic_loop cyclic_loop
run_test cyclic_csv cyclic_csv
run_test pause_residue_terminate pause_terminate
run_test cyclic_pause cyclic_pause
run_test monitor monitor_case
run_test monitor_json monitor_json
run_test help_lists_commands help_lists_commands
run_test no_channel_held_at_the_end no_channel_held
run_test version "$DMACTL" version
ktap_done cli.sh
