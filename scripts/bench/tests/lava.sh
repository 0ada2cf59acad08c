#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The LAVA run script, scripts/lava/run.sh, on the host (KTAP), with a
# stand-in dmactl (tests/fake-dmactl) and a lava-test-case that records
# its calls: one test case per point, with the verdicts of compare.sh.

. "$(dirname "$0")/lib.sh"
lava=$bench/../lava

mkdir "$tmp/bin"
cat > "$tmp/bin/lava-test-case" <<EOF
#!/bin/sh
echo "\$*" >> "$tmp/cases"
EOF
chmod +x "$tmp/bin/lava-test-case"
PATH=$tmp/bin:$PATH

cat > "$tmp/l.conf" <<'EOF'
repeat 3
sweep sizes size=4K..64K qdepth=16
EOF
# points: 5 sizes
POINTS=5

# lava ARGS...: run.sh with fresh test cases in $tmp/cases
lava()
{
	: > "$tmp/cases"
	rm -rf "$tmp/o"
	"$lava/run.sh" -s "$tmp/l.conf" -o "$tmp/o" "$@" > "$tmp/log" 2>&1
}

# expect_case REGEX: a recorded test case matches
expect_case()
{
	grep -q -- "$1" "$tmp/cases" && return 0
	echo "no test case matching '$1':"
	cat "$tmp/cases" "$tmp/log"
	return 1
}

t_measure()
{
	lava || return 1
	expect_case '^dmactl-present --result pass$' &&
	expect_case '^suite-run --result pass$' &&
	expect_case '^regression-check --result pass$' || return 1
	n=$(grep -c '^sizes\.memcpy\.dma0chan1\.s[0-9]*K\.w0\.b0\.q16\.c1\.t1\.user\.throughput_MBps --result pass --measurement [0-9.]* --units MB/s$' "$tmp/cases")
	[ "$n" = $POINTS ] || { echo "$n point test cases, expected $POINTS"; cat "$tmp/cases"; return 1; }
	grep -q '^@@dmactl-bench-csv begin$' "$tmp/log"
}

t_baseline()
{
	lava || return 1
	cp "$tmp/o/run.csv" "$tmp/base.csv"
	lava -b "$tmp/base.csv" || return 1
	expect_case '^regression-check --result pass$' || return 1
	[ "$(grep -c ' --result pass --measurement' "$tmp/cases")" = $POINTS ] ||
		{ cat "$tmp/cases"; return 1; }
	# a baseline twice as fast at 64K: that point fails
	awk -F, -v OFS=, '$3 == 65536 { $15 = $15 * 2 } { print }' "$tmp/o/run.csv" > "$tmp/fast.csv"
	lava -b "$tmp/fast.csv" || return 1
	expect_case '^regression-check --result fail$' &&
	expect_case '^sizes\.memcpy\.dma0chan1\.s64K\..* --result fail --measurement' &&
	[ "$(grep -c ' --result pass --measurement' "$tmp/cases")" = $((POINTS - 1)) ]
}

t_no_dmactl()
{
	DMACTL=$tmp/no-such-dmactl lava || return 1
	expect_case '^dmactl-present --result fail$' || return 1
	[ "$(wc -l < "$tmp/cases")" = 1 ] || { cat "$tmp/cases"; return 1; }
}

t_yaml()
{
	grep -q '^  format: Lava-Test Test Definition 1.0$' "$lava/dmactl-bench.yaml" &&
	grep -q '^    - ./scripts/lava/run.sh ' "$lava/dmactl-bench.yaml"
}

echo "KTAP version 1"
echo "1..4"
run_test "lava: every point a test case with its measurement" t_measure
run_test "lava: compare.sh's verdicts against a baseline" t_baseline
run_test "lava: no dmactl, one failed test case" t_no_dmactl
run_test "lava: the test definition runs run.sh" t_yaml
ktap_done lava.sh
