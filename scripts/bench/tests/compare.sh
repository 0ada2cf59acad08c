#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The regression comparator, scripts/bench/compare.sh, on synthetic runs
# (KTAP, on the host): an improvement, a regression, runs too noisy to
# judge, the tolerance and noise options, medians, latency metrics,
# missing, new and failed points, the list for LAVA, and bad input.

. "$(dirname "$0")/lib.sh"

HEADER=job,channel,size_bytes,width_bytes,burst,qdepth,channels,threads,rep,mode,bytes,ops,busy_ns,elapsed_ns,throughput_MBps,throughput_MiBps,iops,latency_p50_ns,latency_p99_ns,latency_p999_ns,latency_max_ns,errors

# mk FILE: a bench CSV from lines "SIZE MB/s MB/s ... [errors=N]" on
# standard input, one row per MB/s value (a repetition); the latencies
# follow from the throughput.
mk()
{
	{
		echo "# provider: vdma (device vdma)"
		echo "$HEADER"
		awk '{
			err = 0
			if ($NF ~ /^errors=/) {
				err = substr($NF, 8)
				NF--
			}
			for (i = 2; i <= NF; i++) {
				t = $i
				lat = $1 * 1000 / t
				printf "memcpy,dma0chan0,%d,0,0,16,1,1,%d,user,%d,100,%d,%d,%s,%.3f,%.1f,%d,%d,%d,%d,%d\n",
					$1, i - 1, $1 * 100, lat * 100, lat * 100 + 10, t, t / 1.048576,
					1e9 / lat, lat, lat * 2, lat * 3, lat * 4, err
			}
		}'
	} > "$1"
}

cmp_run()
{
	"$bench/compare.sh" "$@" > "$tmp/out" 2>&1
}

# expect_status WANT: the last comparison's status was WANT
expect_status()
{
	[ "$1" = "$2" ] && return 0
	echo "exit status $2, expected $1"
	cat "$tmp/out"
	return 1
}

# expect_row VERDICT SIZE: the table has that verdict for that size
expect_row()
{
	grep -q "^$1 .* s=$2 " "$tmp/out" && return 0
	echo "no '$1' row for size $2 in:"
	cat "$tmp/out"
	return 1
}

no_row()
{
	grep -q "^$1 " "$tmp/out" || return 0
	echo "unexpected '$1' row:"
	cat "$tmp/out"
	return 1
}

printf '4096 100 101 99\n65536 1000 1010 990\n1048576 2000 2010 1990\n' | mk "$tmp/base.csv"

t_same()
{
	cp "$tmp/base.csv" "$tmp/same.csv"
	cmp_run "$tmp/base.csv" "$tmp/same.csv"
	expect_status 0 $? || return 1
	grep -q '^# 3 judged: 0 regressed, 0 improved, 3 within tolerance' "$tmp/out" ||
		{ cat "$tmp/out"; return 1; }
}

t_improvement()
{
	printf '4096 130 131 129\n65536 1000 1010 990\n1048576 2000 2010 1990\n' | mk "$tmp/run.csv"
	cmp_run "$tmp/base.csv" "$tmp/run.csv"
	expect_status 0 $? || return 1
	expect_row improved 4K && no_row REGRESSION && grep -q '+30.0 %' "$tmp/out"
}

t_regression()
{
	printf '4096 100 101 99\n65536 800 810 790\n1048576 2000 2010 1990\n' | mk "$tmp/run.csv"
	cmp_run "$tmp/base.csv" "$tmp/run.csv"
	expect_status 1 $? || return 1
	expect_row REGRESSION 64K && grep -q -- '-20.0 %' "$tmp/out" &&
		grep -q '^# 3 judged: 1 regressed, 0 improved, 2 within' "$tmp/out"
}

# The run's 1M point dropped by 20 %, but its repetitions spread over
# 50 %: not a regression, not judged.
t_noisy_run()
{
	printf '4096 100 101 99\n65536 1000 1010 990\n1048576 1600 2400 1200\n' | mk "$tmp/run.csv"
	cmp_run "$tmp/base.csv" "$tmp/run.csv"
	expect_status 0 $? || return 1
	expect_row noisy 1M && no_row REGRESSION &&
		grep -q '1 too noisy to judge' "$tmp/out"
}

t_noisy_baseline()
{
	printf '4096 100 130 80\n65536 1000 1010 990\n1048576 2000 2010 1990\n' | mk "$tmp/nbase.csv"
	printf '4096 60 61 59\n65536 1000 1010 990\n1048576 2000 2010 1990\n' | mk "$tmp/run.csv"
	cmp_run "$tmp/nbase.csv" "$tmp/run.csv"
	expect_status 0 $? || return 1
	expect_row noisy 4K && no_row REGRESSION
}

t_tolerance()
{
	printf '4096 108 109 107\n65536 800 810 790\n1048576 2000 2010 1990\n' | mk "$tmp/run.csv"
	cmp_run -t 25 "$tmp/base.csv" "$tmp/run.csv"
	expect_status 0 $? || return 1
	no_row REGRESSION || return 1
	cmp_run -t 5 "$tmp/base.csv" "$tmp/run.csv"
	expect_status 1 $? || return 1
	expect_row improved 4K && expect_row REGRESSION 64K
}

# -n judges points that -t alone would call too noisy.
t_noise_limit()
{
	printf '4096 100 101 99\n65536 1000 1010 990\n1048576 1600 1900 1200\n' | mk "$tmp/run.csv"
	cmp_run -n 60 "$tmp/base.csv" "$tmp/run.csv"
	expect_status 1 $? || return 1
	expect_row REGRESSION 1M
}

# Medians, not means: one slow repetition out of five does not move the
# point, three do.
t_median()
{
	printf '4096 100 100 100 100 100\n' | mk "$tmp/mbase.csv"
	printf '4096 40 100 100 100 100\n' | mk "$tmp/run.csv"
	cmp_run -n 100 "$tmp/mbase.csv" "$tmp/run.csv"
	expect_status 0 $? || return 1
	printf '4096 100 80 80 80 100\n' | mk "$tmp/run.csv"
	cmp_run -n 100 "$tmp/mbase.csv" "$tmp/run.csv"
	expect_status 1 $? || return 1
	expect_row REGRESSION 4K
}

# Latency is better lower: the faster run is a latency improvement, the
# slower one a latency regression.
t_latency()
{
	printf '4096 130 131 129\n65536 800 810 790\n1048576 2000 2010 1990\n' | mk "$tmp/run.csv"
	cmp_run -m latency_p99_ns "$tmp/base.csv" "$tmp/run.csv"
	expect_status 1 $? || return 1
	expect_row improved 4K && expect_row REGRESSION 64K &&
		grep -q '^REGRESSION  latency_p99_ns' "$tmp/out"
}

t_missing()
{
	printf '4096 100 101 99\n65536 1000 1010 990\n' | mk "$tmp/run.csv"
	cmp_run "$tmp/base.csv" "$tmp/run.csv"
	expect_status 1 $? || return 1
	expect_row MISSING 1M
}

t_new()
{
	printf '4096 100 101 99\n65536 1000 1010 990\n1048576 2000 2010 1990\n4194304 2100 2100 2100\n' |
		mk "$tmp/run.csv"
	cmp_run "$tmp/base.csv" "$tmp/run.csv"
	expect_status 0 $? || return 1
	expect_row new 4M && grep -q '1 new (no baseline)' "$tmp/out"
}

t_errors()
{
	printf '4096 100 101 99\n65536 1000 1010 990 errors=2\n1048576 2000 2010 1990\n' |
		mk "$tmp/run.csv"
	cmp_run "$tmp/base.csv" "$tmp/run.csv"
	expect_status 1 $? || return 1
	expect_row ERRORS 64K
}

t_list()
{
	printf '4096 130 131 129\n65536 800 810 790\n1048576 1600 2400 1200\n' | mk "$tmp/run.csv"
	cmp_run -l "$tmp/list" "$tmp/base.csv" "$tmp/run.csv"
	expect_status 1 $? || return 1
	cat > "$tmp/want" <<-EOF
	memcpy.dma0chan0.s4K.w0.b0.q16.c1.t1.user.throughput_MBps pass 130 MB/s
	memcpy.dma0chan0.s64K.w0.b0.q16.c1.t1.user.throughput_MBps fail 800 MB/s
	memcpy.dma0chan0.s1M.w0.b0.q16.c1.t1.user.throughput_MBps skip 1600 MB/s
	EOF
	diff "$tmp/want" "$tmp/list"
}

# Without a baseline: every point's median, failing only on errors.
t_run_alone()
{
	printf '4096 130 131 129\n65536 800 810 790 errors=1\n' | mk "$tmp/run.csv"
	cmp_run -l "$tmp/list" "$tmp/run.csv"
	expect_status 1 $? || return 1
	expect_row measured 4K && expect_row ERRORS 64K &&
		grep -q '^# 2 measured, 1 with errors' "$tmp/out" || return 1
	cat > "$tmp/want" <<-EOF
	memcpy.dma0chan0.s4K.w0.b0.q16.c1.t1.user.throughput_MBps pass 130 MB/s
	memcpy.dma0chan0.s64K.w0.b0.q16.c1.t1.user.throughput_MBps fail 800 MB/s
	EOF
	diff "$tmp/want" "$tmp/list"
}

# A suite's file has a "sweep" column and more columns than the contract:
# points are told apart by sweep too.
t_sweeps()
{
	awk -F, -v OFS=, '/^#/ { print; next }
		$1 == "job" { print $0, "latency_min_ns", "sweep"; next }
		{ print $0, 7, "a"; print $0, 7, "b" }' "$tmp/base.csv" > "$tmp/sbase.csv"
	awk -F, -v OFS=, '$NF == "b" && $3 == 65536 { $15 = $15 * 0.5 } { print }' \
		"$tmp/sbase.csv" > "$tmp/run.csv"
	cmp_run "$tmp/sbase.csv" "$tmp/run.csv"
	expect_status 1 $? || return 1
	grep -q '^REGRESSION .* b/memcpy dma0chan0 s=64K' "$tmp/out" &&
		! grep -q '^REGRESSION .* a/memcpy' "$tmp/out" ||
		{ cat "$tmp/out"; return 1; }
	# a file without sweeps does not compare with one that has them
	cmp_run "$tmp/base.csv" "$tmp/run.csv"
	expect_status 2 $?
}

t_bad_input()
{
	printf 'size,value\n1,2\n' > "$tmp/notbench.csv"
	cmp_run "$tmp/base.csv" "$tmp/notbench.csv"
	expect_status 2 $? || return 1
	grep -q 'expected the header row' "$tmp/out" || { cat "$tmp/out"; return 1; }
	{ cat "$tmp/base.csv"; echo "memcpy,dma0chan0,4096"; } > "$tmp/short.csv"
	cmp_run "$tmp/base.csv" "$tmp/short.csv"
	expect_status 2 $? || return 1
	sed 's/,101,/,fast,/' "$tmp/base.csv" > "$tmp/nan.csv"
	cmp_run "$tmp/base.csv" "$tmp/nan.csv"
	expect_status 2 $? || return 1
	cmp_run -m no_such_column "$tmp/base.csv" "$tmp/base.csv"
	expect_status 2 $? || return 1
	cp "$tmp/base.csv" "$tmp/same.csv"
	cmp_run -m no_such_column "$tmp/base.csv" "$tmp/same.csv"
	expect_status 2 $? || return 1
	cmp_run -t ten "$tmp/base.csv" "$tmp/same.csv"
	expect_status 2 $? || return 1
	cmp_run "$tmp/base.csv" "$tmp/no-such-file.csv"
	expect_status 2 $?
}

echo "KTAP version 1"
echo "1..16"
run_test "compare: a run against itself passes" t_same
run_test "compare: an improvement is reported, exit 0" t_improvement
run_test "compare: a regression is reported, exit 1" t_regression
run_test "compare: a point too noisy in the run is not judged" t_noisy_run
run_test "compare: a point too noisy in the baseline is not judged" t_noisy_baseline
run_test "compare: -t sets the tolerance" t_tolerance
run_test "compare: -n sets the noise limit" t_noise_limit
run_test "compare: points compare by their medians" t_median
run_test "compare: latency is better lower" t_latency
run_test "compare: a point missing from the run fails" t_missing
run_test "compare: a point new in the run is reported, not judged" t_new
run_test "compare: a point with errors fails" t_errors
run_test "compare: -l lists pass/fail/skip per point" t_list
run_test "compare: a run alone is listed, failing on errors" t_run_alone
run_test "compare: sweeps and extra columns" t_sweeps
run_test "compare: bad input exits 2" t_bad_input
ktap_done compare.sh
