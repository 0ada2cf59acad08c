#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The plots, scripts/bench/plot.sh, on the host (KTAP): a suite's CSV
# (made by suite.sh with tests/fake-dmactl) gives non-empty PNG and SVG
# images with the provider and mode in their titles; the curves are the
# medians of the repetitions; files without a sweep give no plot.

. "$(dirname "$0")/lib.sh"

cat > "$tmp/p.conf" <<'EOF'
repeat 3
sweep sizes size=512..1M width=1..max burst=max qdepth=16
sweep bw size=64K width=1..max burst=1..max qdepth=16
EOF
mkdir "$tmp/out"
"$bench/suite.sh" -D vdma -H h -o "$tmp/p.csv" "$tmp/p.conf" 2> "$tmp/suite.err" ||
	{ cat "$tmp/suite.err"; exit 1; }
# as in the VM, where suite.sh reads it from vdma
sed -i 's/^# provider_mode: .*/# provider_mode: on bus_width=8 clock_khz=100000/' "$tmp/p.csv"

KINDS="throughput-size throughput-burst latency-size"

t_images()
{
	"$bench/plot.sh" -o "$tmp/out" "$tmp/p.csv" > "$tmp/list" 2>&1 ||
		{ cat "$tmp/list"; return 1; }
	for k in $KINDS; do
		png=$tmp/out/p-$k.png
		svg=$tmp/out/p-$k.svg
		[ -s "$png" ] && [ -s "$svg" ] || { echo "no $k image"; return 1; }
		[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
			{ echo "$png is not a PNG"; return 1; }
		# a plot with its curves is far larger than an empty frame
		[ "$(wc -c < "$png")" -gt 20000 ] || { echo "$png is small"; return 1; }
		grep -q '<svg' "$svg" || { echo "$svg is not an SVG"; return 1; }
		grep -qxF "$png" "$tmp/list" || { echo "$png not listed"; return 1; }
	done
}

t_titles()
{
	for k in $KINDS; do
		svg=$tmp/out/p-$k.svg
		grep -q 'vdma (device vdma) dma0chan1<' "$svg" &&
			grep -q '>timing model on (bus_width=8 clock_khz=100000)<' "$svg" ||
			{ echo "$svg: no provider and mode in the title"; return 1; }
	done
	grep -q 'transfer size (bytes)' "$tmp/out/p-throughput-size.svg" &&
	grep -q '>throughput (MB/s, 10<' "$tmp/out/p-throughput-size.svg" &&
	grep -q '>width 4 B<' "$tmp/out/p-throughput-burst.svg" &&
	grep -q '>latency (µs)<' "$tmp/out/p-latency-size.svg" &&
	grep -q '>p99.9<' "$tmp/out/p-latency-size.svg" ||
		{ echo "axis labels or curve titles missing"; return 1; }
	for k in throughput-size throughput-burst; do
		grep -q '>bus limit 800 MB/s<' "$tmp/out/p-$k.svg" ||
			{ echo "p-$k.svg: no bus limit"; return 1; }
	done
}

# plotdata FILE X SERIES Y: the data plot.sh draws, in $tmp/data
plotdata()
{
	awk -F, -v PROG=test -v X="$2" -v SERIES="$3" -v Y="$4" -v WHERE="$5" \
		-v DATA="$tmp/data" -v INFO="$tmp/info" \
		-f "$bench/lib.awk" -f "$bench/plotdata.awk" "$1"
}

t_medians()
{
	{
		echo "job,channel,size_bytes,width_bytes,burst,qdepth,channels,threads,rep,mode,throughput_MBps"
		echo "memcpy,c,4096,4,8,16,1,1,1,user,10"
		echo "memcpy,c,4096,4,8,16,1,1,2,user,30"
		echo "memcpy,c,4096,4,8,16,1,1,3,user,11"
		echo "memcpy,c,512,4,8,16,1,1,1,user,5"
		echo "memcpy,c,512,4,8,16,1,1,2,user,7"
		echo "memcpy,c,512,2,8,16,1,1,1,user,2"
		echo "memcpy,c,4096,2,8,16,1,1,1,user,3"
		echo "memcpy,c,65536,4,8,1,1,1,1,user,99"
	} > "$tmp/m.csv"
	plotdata "$tmp/m.csv" size_bytes width_bytes throughput_MBps "" || return 1
	printf '"width 2 B"\n512 2 2 2\n4096 3 3 3\n\n\n"width 4 B"\n512 6 5 7\n4096 11 10 30\n\n\n' > "$tmp/want"
	diff "$tmp/want" "$tmp/data" || return 1
	[ "$(sed -n 1p "$tmp/info")" = "memcpy, burst 8, queue depth 16, 1 channel, 1 thread, user path" ] &&
	[ "$(sed -n 2p "$tmp/info")" = 2 ] && [ "$(sed -n 4p "$tmp/info")" = "1 to 3" ] ||
		{ cat "$tmp/info"; return 1; }
}

# A burst of 0 (not configured) is no point of a burst sweep.
t_zero()
{
	{
		echo "job,channel,size_bytes,width_bytes,burst,qdepth,channels,threads,rep,mode,throughput_MBps"
		echo "memcpy,c,4096,0,0,16,1,1,1,user,10"
		echo "memcpy,c,4096,4,8,16,1,1,1,user,20"
		echo "memcpy,c,4096,4,16,16,1,1,1,user,30"
	} > "$tmp/z.csv"
	plotdata "$tmp/z.csv" burst width_bytes throughput_MBps "" || return 1
	printf '"width 4 B"\n8 20 20 20\n16 30 30 30\n\n\n' > "$tmp/want"
	diff "$tmp/want" "$tmp/data"
}

# -w picks one of two sweeps over the same axis.
t_where()
{
	sed 's/^\(memcpy,c,[0-9]*,[0-9]*,8\),16,/\1,4,/' "$tmp/m.csv" | sed 1d > "$tmp/q4"
	cat "$tmp/m.csv" "$tmp/q4" > "$tmp/w.csv"
	plotdata "$tmp/w.csv" size_bytes width_bytes throughput_MBps "qdepth=4" || return 1
	sed -n 1p "$tmp/info" | grep -q 'queue depth 4' || { cat "$tmp/info"; return 1; }
	"$bench/plot.sh" -w qdepth=4 -o "$tmp/out" "$tmp/w.csv" > /dev/null 2>&1 &&
		grep -q 'queue depth 4' "$tmp/out/w-throughput-size.svg"
}

# A file with only a size sweep has no burst plot, and says so.
t_partial()
{
	grep -v ',bw$' "$tmp/p.csv" > "$tmp/sizes.csv"
	"$bench/plot.sh" -o "$tmp/out" "$tmp/sizes.csv" > "$tmp/log" 2>&1 ||
		{ cat "$tmp/log"; return 1; }
	[ -s "$tmp/out/sizes-throughput-size.png" ] && [ ! -e "$tmp/out/sizes-throughput-burst.png" ] &&
		grep -q 'no sweep over burst' "$tmp/log"
}

t_nothing()
{
	head -n 1 "$tmp/m.csv" > "$tmp/one.csv"
	grep ',65536,' "$tmp/m.csv" >> "$tmp/one.csv"
	"$bench/plot.sh" -o "$tmp/out" "$tmp/one.csv" > "$tmp/log" 2>&1 && return 1
	! ls "$tmp"/out/one-* > /dev/null 2>&1 || return 1
	"$bench/plot.sh" -o "$tmp/out" "$tmp/no-such.csv" > "$tmp/log" 2>&1 && return 1
	"$bench/plot.sh" -o "$tmp/no-such-dir" "$tmp/p.csv" > "$tmp/log" 2>&1
	[ $? = 2 ]
}

# The period timing of a cyclic run.
t_cyclic()
{
	{
		echo "# provider: vdma (device vdma)"
		echo "# provider_mode: on bus_width=8"
		"$DMACTL" cyclic loop -c dma0chan0,dma0chan1 --csv --periods=200
	} > "$tmp/cyc.csv"
	"$bench/plot.sh" -o "$tmp/out" "$tmp/cyc.csv" > "$tmp/log" 2>&1 || { cat "$tmp/log"; return 1; }
	[ "$(head -c 8 "$tmp/out/cyc-jitter.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
	[ "$(wc -c < "$tmp/out/cyc-jitter.png")" -gt 20000 ] || { echo "no jitter PNG"; return 1; }
	svg=$tmp/out/cyc-jitter.svg
	grep -q '>Cyclic period timing: vdma (device vdma)<' "$svg" &&
	# intervals of 40 us +- 0..1.5 us in steps of 0.3 us
	grep -q '>tx: 199 intervals, median 40.00 µs; jitter p50 0.90, p99 1.50, max 1.50 µs<' "$svg" &&
	grep -q '>interval (µs)<' "$svg" || { echo "titles or labels missing"; return 1; }
	# one period: no interval, no plot
	sed '/^tx,dma0chan0,[1-9]/d; /^rx/d' "$tmp/cyc.csv" > "$tmp/cyc1.csv"
	! "$bench/plot.sh" -o "$tmp/out" "$tmp/cyc1.csv" > "$tmp/log" 2>&1 &&
		grep -q 'no two consecutive periods' "$tmp/log"
}

echo "KTAP version 1"
echo "1..8"
run_test "plot: PNG and SVG of each kind, not empty" t_images
run_test "plot: titles name provider and mode, axes their units" t_titles
run_test "plot: curves are the medians of the repetitions" t_medians
run_test "plot: a burst of 0 is left out of burst sweeps" t_zero
run_test "plot: -w selects the sweep drawn" t_where
run_test "plot: a missing sweep skips its plot" t_partial
run_test "plot: no sweep, no plot, exit non-zero" t_nothing
run_test "plot: cyclic period timing and jitter" t_cyclic
ktap_done plot.sh
