#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The suite runner, scripts/bench/suite.sh, against a stand-in dmactl
# (tests/fake-dmactl) on the host (KTAP): how a suite's values expand
# from the channel's capabilities, which channels it takes, the files
# and metadata it writes, and what it does with failing sweeps and bad
# suites.

. "$(dirname "$0")/lib.sh"

cat > "$tmp/t.conf" <<'EOF'
# sizes, then the burst/width sweep, then channels
repeat 2
sweep sizes size=512..4K,1M width=max burst=max qdepth=16 count=10
sweep bw size=64K width=1..max burst=1..max
sweep scale size=64K channels=1..N
EOF

# run_suite ARGS...: suite.sh's output in $tmp/out, its status in $rc
run_suite()
{
	"$bench/suite.sh" "$@" > "$tmp/out" 2>&1
	rc=$?
}

# csv: the CSV the last run wrote
csv()
{
	ls "$tmp"/res/*.csv
}

# expect_line REGEX FILE
expect_line()
{
	grep -q -- "$1" "$2" && return 0
	echo "no line matching '$1' in $2:"
	cat "$2"
	return 1
}

fresh()
{
	rm -rf "$tmp/res"
	mkdir "$tmp/res"
}

t_expand()
{
	fresh
	run_suite -D vdma -H testhost -o "$tmp/res" "$tmp/t.conf"
	[ $rc = 0 ] || { cat "$tmp/out"; return 1; }
	f=$(csv)
	# sizes in bytes, the widths both directions report, bursts 1..max
	expect_line '^# sweep.sizes: dmactl bench -c dma0chan1 -r 1 --csv --size=512,1024,2048,4096,1048576 --width=8 --burst=16 --qdepth=16 --count=10$' "$f" &&
	expect_line '^# sweep.bw: dmactl bench -c dma0chan1 -r 1 --csv --size=65536 --width=1,4,8 --burst=1,2,4,8,16$' "$f"
}

# -D vdma skips the busy dma0chan0; a channel sweep names as many free
# channels of the same provider as it needs, the chosen one first.
t_channels()
{
	f=$(csv)
	expect_line '^# channel: dma0chan1$' "$f" &&
	expect_line '^# sweep.scale: dmactl bench -c dma0chan1,dma0chan2 -r 1 --csv --size=65536 --channels=1,2$' "$f" &&
	run_suite -c dma1chan0 -o - "$tmp/t.conf" &&
	expect_line '^# sweep.scale: dmactl bench -c dma1chan0 -r 1 --csv --size=65536 --channels=1$' "$tmp/out"
}

t_files()
{
	f=$(csv)
	case $f in
	"$tmp"/res/t-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9]Z-testhost.csv) ;;
	*) echo "unexpected name $f"; return 1 ;;
	esac
	[ -s "${f%.csv}.json" ] || { echo "no JSON beside $f"; return 1; }
	for k in suite date host kernel cpu tool abi channel provider \
		 provider_mode repetitions; do
		expect_line "^# $k: ." "$f" || return 1
	done
	# every point and repetition: 5 sizes + 3 widths x 5 bursts + 2
	# channel counts, twice
	rows=$(grep -c '^memcpy,' "$f")
	[ "$rows" = 44 ] || { echo "$rows rows, expected 44"; return 1; }
	expect_line '^job,.*,errors,latency_min_ns,sweep$' "$f"
}

t_json()
{
	f=$(csv)
	n=$(jq '.points | length' "${f%.csv}.json") || return 1
	[ "$n" = 44 ] || { echo "$n points in the JSON, expected 44"; return 1; }
	[ "$(jq -r '.meta.channel' "${f%.csv}.json")" = dma0chan1 ] &&
	[ "$(jq '[.points[] | select(.sweep == "bw")] | .[0].size_bytes' "${f%.csv}.json")" = 65536 ]
}

# Metadata the sweeps agree on is stated once, what differs per sweep.
t_merge()
{
	f=$(csv)
	expect_line '^# command: bench$' "$f" &&
	expect_line '^# sizes.parameters: sizes_bytes=512,1024,2048,4096,1048576 ' "$f" &&
	expect_line '^# bw.parameters: sizes_bytes=65536 ' "$f" &&
	! grep -q '^# sizes.provider:' "$f" || { cat "$f"; return 1; }
	# the keys suite.sh states itself, once
	for k in kernel tool abi provider provider_mode; do
		[ "$(grep -c "^# $k: " "$f")" = 1 ] || { echo "# $k: not once"; cat "$f"; return 1; }
	done
}

t_reps()
{
	run_suite -D vdma -r 3 -o - "$tmp/t.conf"
	[ $rc = 0 ] || { cat "$tmp/out"; return 1; }
	expect_line '^# repetitions: 3, in turn' "$tmp/out" || return 1
	# each sweep once per repetition, in turn: the reps of a point are
	# spread over the run, the rep column numbers them
	grep -v '^#' "$tmp/out" | awk -F, '$1 == "memcpy" { print $9, $NF }' | uniq > "$tmp/order"
	printf '1 sizes\n1 bw\n1 scale\n2 sizes\n2 bw\n2 scale\n3 sizes\n3 bw\n3 scale\n' > "$tmp/want"
	diff "$tmp/want" "$tmp/order"
}

t_nocaps()
{
	FAKE_DMACTL_NOCAPS=1 run_suite -D vdma -o - "$tmp/t.conf"
	[ $rc = 0 ] || { cat "$tmp/out"; return 1; }
	expect_line '^# note.bw.width: 1..max needs what dma0chan1 does not report' "$tmp/out" &&
	expect_line '^# sweep.bw: dmactl bench -c dma0chan1 -r 1 --csv --size=65536$' "$tmp/out"
}

t_failed_sweep()
{
	FAKE_DMACTL_FAIL=1048576 run_suite -D vdma -o - "$tmp/t.conf"
	[ $rc = 1 ] || { echo "exit status $rc, expected 1"; cat "$tmp/out"; return 1; }
	expect_line '^# failed.sizes.r1: exit status 1: dmactl: bench: size 1048576: too large$' "$tmp/out" &&
	expect_line '^# failed.sizes.r2: exit status 1: ' "$tmp/out" &&
	expect_line ',bw$' "$tmp/out" &&
	! grep -q ',sizes$' "$tmp/out"
}

t_contract()
{
	FAKE_DMACTL_HEADER=job,channel,size_bytes,rep,throughput_MBps run_suite -o - "$tmp/t.conf"
	[ $rc = 1 ] || { echo "exit status $rc, expected 1"; cat "$tmp/out"; return 1; }
	expect_line 'header is not the dmactl CSV contract' "$tmp/out"
}

t_bad_suite()
{
	for bad in 'sweep' 'sweep x' 'sweep x Y' 'repeat 0' 'run x size=1' \
		   'sweep x size=$(reboot)' 'sweep x size=8..2' 'sweep x size=0..8'; do
		printf '%s\n' "$bad" > "$tmp/bad.conf"
		run_suite -o - "$tmp/bad.conf"
		[ $rc = 2 ] || { echo "'$bad': exit status $rc, expected 2"; cat "$tmp/out"; return 1; }
	done
	printf 'sweep a size=4K\ncyclic b around\n' > "$tmp/bad.conf"
	run_suite -o - "$tmp/bad.conf"
	[ $rc = 2 ] && expect_line 'line 2: cyclic b: tx, rx or loop first' "$tmp/out" || return 1
	printf 'sweep a size=4K\nsweep a size=8K\n' > "$tmp/bad.conf"
	run_suite -o - "$tmp/bad.conf"
	[ $rc = 2 ] && expect_line 'line 2: a twice' "$tmp/out" || return 1
	run_suite -c dma9chan9 -o - "$tmp/t.conf"
	[ $rc = 2 ] && expect_line '^suite.sh: no channel dma9chan9 (see dmactl list)$' "$tmp/out" || return 1
	run_suite -o - no-such-suite
	[ $rc = 2 ]
}

# A cyclic run writes its periods beside the suite's CSV; in loop mode
# on two channels.
t_cyclic()
{
	printf 'sweep s size=4K\ncyclic ring loop size=16K period=4K periods=20 width=max\n' > "$tmp/c.conf"
	fresh
	run_suite -D vdma -H h -o "$tmp/res" "$tmp/c.conf"
	[ $rc = 0 ] || { cat "$tmp/out"; return 1; }
	f=$(ls "$tmp"/res/c-*-h-cyclic-ring.csv) || return 1
	expect_line '^# command_line: dmactl cyclic loop -c dma0chan1,dma0chan2 --csv --size=16384 --period=4096 --periods=20 --width=8$' "$f" &&
	expect_line '^# provider: vdma (device vdma)$' "$f" &&
	expect_line '^side,channel,period,time_ns,interval_ns$' "$f" &&
	[ "$(grep -c '^rx,dma0chan2,' "$f")" = 20 ] &&
	! grep -q '^# sweep' "$f" || { cat "$f"; return 1; }
	run_suite -D vdma -o - "$tmp/c.conf"
	[ $rc = 0 ] && expect_line 'cyclic runs.* not written' "$tmp/out"
}

# Every suite shipped parses, and its sweeps expand.
t_shipped()
{
	for s in "$bench"/suites/*.conf; do
		run_suite -D vdma -o - "$s"
		[ $rc = 0 ] || { echo "$s: exit status $rc"; cat "$tmp/out"; return 1; }
	done
}

echo "KTAP version 1"
echo "1..12"
run_test "suite: values expand from the channel's capabilities" t_expand
run_test "suite: channel choice and channel sweeps" t_channels
run_test "suite: CSV and JSON named suite-date-host, metadata, rows" t_files
if command -v jq > /dev/null; then
	run_test "suite: the JSON holds every point" t_json
else
	echo "ok $((n = n + 1)) suite: the JSON holds every point # SKIP jq is not installed"
fi
run_test "suite: sweep metadata merged" t_merge
run_test "suite: -r sets the repetitions, run in turn" t_reps
run_test "suite: width and burst left out when the channel reports none" t_nocaps
run_test "suite: a failed sweep is recorded, the others kept, exit 1" t_failed_sweep
run_test "suite: a CSV header off the contract is refused" t_contract
run_test "suite: bad suites and channels exit 2" t_bad_suite
run_test "suite: cyclic runs write their periods" t_cyclic
run_test "suite: the shipped suites expand" t_shipped
ktap_done suite.sh
