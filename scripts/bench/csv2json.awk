# SPDX-License-Identifier: GPL-2.0
#
# A bench CSV (lib.awk's input) as one JSON document:
#   { "meta": { "key": "value", ... },
#     "points": [ { "column": value, ... }, ... ] }
# Numbers stay numbers, everything else becomes a string; the column
# names keep their units (size_bytes, latency_p99_ns, throughput_MBps).
# Needs lib.awk.

function jstr(s)
{
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	gsub(/\t/, "\\t", s)
	gsub(/[\001-\037]/, " ", s)
	return "\"" s "\""
}

function jval(s)
{
	if (s ~ /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/)
		return s
	return jstr(s)
}

{
	if (!bench_line(1))
		next
	row = ""
	for (i = 1; i <= NF; i++)
		row = row (i > 1 ? ", " : "") jstr(COLNAME[1, i]) ": " jval($i)
	rows[++nrows] = "    { " row " }"
}

END {
	if (BENCH_FAILED)
		exit 2
	bench_need(1, "job")
	print "{"
	print "  \"meta\": {"
	for (i = 1; i <= NMETA[1]; i++)
		printf "    %s: %s%s\n", jstr(METAKEY[1, i]), jstr(META[1, METAKEY[1, i]]),
			i < NMETA[1] ? "," : ""
	print "  },"
	print "  \"points\": ["
	for (i = 1; i <= nrows; i++)
		print rows[i] (i < nrows ? "," : "")
	print "  ]"
	print "}"
}
