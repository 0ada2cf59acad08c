# SPDX-License-Identifier: GPL-2.0
#
# The regression check of compare.sh: a run against a baseline, point by
# point, on the medians of each point's repetitions.  Needs lib.awk and
#   -v BASE=file -v RUN=file   the two CSV files (both also as operands);
#                              without BASE, the run's points are listed
#                              as measured, failing only on errors
#   -v TOL=0.10                the change that counts, as a fraction
#   -v NOISE=0.10              the largest spread a point may have to be judged
#   -v METRICS=a,b             the columns compared
#   -v ALL=0|1                 list every point, not only the changed ones
#   -v LIST=file               also write one "name result value unit" line
#                              per point and metric (LAVA test cases)
# Exit status 0, 1 if a point regressed, went missing or had errors,
# 2 if an input cannot be read as a bench CSV.

BEGIN {
	nmetrics = split(METRICS, metric, ",")
	if (nmetrics == 0)
		bench_die("no metric to compare")
}

{
	f = FILENAME == BASE ? 1 : 2
	if (!bench_line(f))
		next
	key = bench_key(f)
	for (i = 1; i <= nmetrics; i++) {
		bench_need(f, metric[i])
		v = $(COL[f, metric[i]])
		if (v !~ /^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$/)
			bench_die(FILENAME ": line " FNR ": " metric[i] " is not a number: " v)
		point_add(f, key, metric[i], v)
	}
	ERRS[f, key] += bench_get(f, "errors")
}

# "sizes/memcpy dma0chan0 s=4K w=4 b=16 q=16 c=1 t=1 user"
function short_name(key,    s, sw)
{
	sw = key_get(key, "sweep")
	s = (sw == "" ? "" : sw "/") key_get(key, "job") " " key_get(key, "channel")
	s = s " s=" human_size(key_get(key, "size_bytes")) " w=" key_get(key, "width_bytes")
	s = s " b=" key_get(key, "burst") " q=" key_get(key, "qdepth")
	s = s " c=" key_get(key, "channels") " t=" key_get(key, "threads")
	return s " " key_get(key, "mode")
}

# A test case name LAVA accepts: letters, digits, "_", "-" and ".".
function case_name(key, m,    s)
{
	s = key_get(key, "sweep") "." key_get(key, "job") "." key_get(key, "channel")
	s = s ".s" human_size(key_get(key, "size_bytes")) ".w" key_get(key, "width_bytes")
	s = s ".b" key_get(key, "burst") ".q" key_get(key, "qdepth")
	s = s ".c" key_get(key, "channels") ".t" key_get(key, "threads")
	s = s "." key_get(key, "mode") "." m
	sub(/^\./, "", s)
	gsub(/[^A-Za-z0-9_.-]/, "_", s)
	return s
}

function pct(x)
{
	return x < 0 ? "-" : sprintf("%.1f", 100 * x)
}

# judge(key, m): sets VERDICT, CHANGE, SB, SR, BMED, RMED for one point.
function judge(key, m,    better)
{
	BMED = RMED = CHANGE = ""
	SB = SR = -1
	if (!((1, key) in PTSEEN)) {
		RMED = point_median(2, key, m)
		SR = point_spread(2, key, m)
		if (BASE != "")
			VERDICT = "new"
		else
			VERDICT = ERRS[2, key] > 0 ? "ERRORS" : "measured"
		return
	}
	BMED = point_median(1, key, m)
	SB = point_spread(1, key, m)
	if (!((2, key) in PTSEEN)) {
		VERDICT = "MISSING"
		return
	}
	RMED = point_median(2, key, m)
	SR = point_spread(2, key, m)
	if (ERRS[2, key] > 0) {
		VERDICT = "ERRORS"
		return
	}
	if (BMED != 0)
		CHANGE = (RMED - BMED) / BMED
	# a point as unsteady as the change it would judge says nothing;
	# a spread below 0 stands for a median of 0, which has none
	if (SB < 0 || SR < 0 || SB > NOISE || SR > NOISE) {
		VERDICT = "noisy"
		return
	}
	better = lower_is_better(m) ? -CHANGE : CHANGE
	if (better < -TOL)
		VERDICT = "REGRESSION"
	else if (better > TOL)
		VERDICT = "improved"
	else
		VERDICT = "ok"
}

function report(key, m,    result)
{
	judge(key, m)
	COUNT[VERDICT]++
	if (ALL || VERDICT != "ok")
		printf "%-10s  %-15s  %12s  %12s  %8s  %11s  %s\n", VERDICT, m,
			BMED == "" ? "-" : sprintf("%.6g", BMED),
			RMED == "" ? "-" : sprintf("%.6g", RMED),
			CHANGE == "" ? "-" : sprintf("%+.1f %%", 100 * CHANGE),
			pct(SB) "/" pct(SR) " %", short_name(key)
	if (LIST == "")
		return
	if (VERDICT == "ok" || VERDICT == "improved" || VERDICT == "measured")
		result = "pass"
	else if (VERDICT == "noisy" || VERDICT == "new")
		result = "skip"
	else
		result = "fail"
	printf "%s %s %s %s\n", case_name(key, m), result,
		RMED == "" ? "-" : sprintf("%.6g", RMED), metric_unit(m) > LIST
}

END {
	if (BENCH_FAILED)
		exit 2
	for (f = BASE == "" ? 2 : 1; f <= 2; f++) {
		bench_need(f, "job")
		cols[f] = ""
		n = split(bench_point_cols(), a, " ")
		for (i = 1; i <= n; i++)
			if ((f, a[i]) in COL)
				cols[f] = cols[f] " " a[i]
	}
	if (BASE != "" && cols[1] != cols[2])
		bench_die("the baseline identifies points by" cols[1] ", the run by" cols[2])

	printf "# tolerance %.1f %%, noise limit %.1f %%; spread = (max - min) / median of a point's repetitions, baseline/run\n",
		100 * TOL, 100 * NOISE
	printf "# point: [sweep/]job channel s=size w=width (bytes) b=burst q=queue depth c=channels t=threads mode\n"
	printf "%-10s  %-15s  %12s  %12s  %8s  %11s  %s\n", "verdict", "metric",
		"baseline", "run", "change", "spread", "point"
	for (i = 1; i <= NPT[1]; i++)
		for (j = 1; j <= nmetrics; j++)
			report(PT[1, i], metric[j])
	for (i = 1; i <= NPT[2]; i++)
		if (!((1, PT[2, i]) in PTSEEN))
			for (j = 1; j <= nmetrics; j++)
				report(PT[2, i], metric[j])
	bad = COUNT["REGRESSION"] + COUNT["MISSING"] + COUNT["ERRORS"]
	if (BASE == "") {
		printf "# %d measured, %d with errors (no baseline, nothing judged)\n",
			COUNT["measured"] + COUNT["ERRORS"], COUNT["ERRORS"]
		exit bad > 0
	}
	printf "# %d judged: %d regressed, %d improved, %d within tolerance, %d too noisy to judge; %d missing, %d with errors, %d new (no baseline)\n",
		COUNT["REGRESSION"] + COUNT["improved"] + COUNT["ok"],
		COUNT["REGRESSION"], COUNT["improved"], COUNT["ok"],
		COUNT["noisy"], COUNT["MISSING"], COUNT["ERRORS"], COUNT["new"]
	exit bad > 0
}
