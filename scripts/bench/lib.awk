# SPDX-License-Identifier: GPL-2.0
#
# Shared by the awk programs of scripts/bench: reading the CSV of a
# `dmactl bench --csv` sweep or of a suite (scripts/bench/suite.sh), and
# the statistics of a point over its repetitions.  Load it first:
#   awk -F, -f lib.awk -f compare.awk ...
# Portable to mawk and busybox awk: no gawk extensions.
#
# Input: "# key: value" metadata lines, other "#" comments, the header
# row (its first column is "job", or -v FIRST_COLUMN), then one row per
# point and repetition (or cyclic period: FIRST_COLUMN=side).
# Several files can be read at once; f, the file's number, keeps their
# state apart.

# The columns that identify a point.  A suite adds "sweep"; "rep" only
# numbers the repetitions of a point.
function bench_point_cols()
{
	return "job channel size_bytes width_bytes burst qdepth channels threads mode sweep"
}

function bench_die(msg)
{
	printf "%s: %s\n", PROG, msg > "/dev/stderr"
	BENCH_FAILED = 1
	exit 2
}

# bench_line(f): reads the current line of file f.  Returns 1 for a data
# row, 0 for metadata, comments, blank lines and the header.  Fills
# META[f, key], METAKEY[f, i] (in order, NMETA[f] of them), COL[f, name],
# COLNAME[f, i] and NCOL[f].
function bench_line(f,    k, v, i)
{
	FNAME[f] = FILENAME
	sub(/\r$/, "")
	if ($0 ~ /^#/) {
		if (match($0, /^# *[A-Za-z0-9_.-]+: /)) {
			k = substr($0, 1, RLENGTH - 2)
			sub(/^# */, "", k)
			v = substr($0, RLENGTH + 1)
			if (!((f, k) in META)) {
				META[f, k] = v
				METAKEY[f, ++NMETA[f]] = k
			}
		}
		return 0
	}
	if ($0 ~ /^[ \t]*$/)
		return 0
	if (!(f in NCOL)) {
		if ($1 != (FIRST_COLUMN == "" ? "job" : FIRST_COLUMN))
			bench_die(FILENAME ": line " FNR ": expected the header row (" \
				  (FIRST_COLUMN == "" ? "job" : FIRST_COLUMN) ",...)")
		NCOL[f] = NF
		for (i = 1; i <= NF; i++) {
			COL[f, $i] = i
			COLNAME[f, i] = $i
		}
		return 0
	}
	if (NF != NCOL[f])
		bench_die(FILENAME ": line " FNR ": " NF " fields, the header has " NCOL[f])
	return 1
}

# bench_need(f, names): dies unless file f has every column in names.
function bench_need(f, names,    n, a, i)
{
	if (!(f in NCOL))
		bench_die(FNAME[f] ": no header row")
	n = split(names, a, " ")
	for (i = 1; i <= n; i++)
		if (!((f, a[i]) in COL))
			bench_die(FNAME[f] ": no column " a[i])
}

# The value of column name in the current row of file f, "" if absent.
function bench_get(f, name)
{
	return ((f, name) in COL) ? $(COL[f, name]) : ""
}

# The point the current row of file f measures: "name=value" for each
# identifying column the file has, space-separated.
function bench_key(f,    n, a, i, key)
{
	n = split(bench_point_cols(), a, " ")
	key = ""
	for (i = 1; i <= n; i++)
		if ((f, a[i]) in COL)
			key = key (key == "" ? "" : " ") a[i] "=" $(COL[f, a[i]])
	return key
}

# The value of column name inside a point key, "" if the key lacks it.
function key_get(key, name,    n, a, i)
{
	n = split(key, a, " ")
	for (i = 1; i <= n; i++)
		if (index(a[i], name "=") == 1)
			return substr(a[i], length(name) + 2)
	return ""
}

# point_add(f, key, m, v): one repetition's value v of metric m.  Points
# are numbered in the order first seen: PT[f, i], NPT[f].
function point_add(f, key, m, v)
{
	if (!((f, key) in PTSEEN)) {
		PTSEEN[f, key] = 1
		PT[f, ++NPT[f]] = key
	}
	V[f, key, m, ++NV[f, key, m]] = v + 0
}

# Sorts the values of point key, metric m of file f into S[1..n]; returns n.
function point_sort(f, key, m,    n, i, j, t)
{
	n = NV[f, key, m] + 0
	for (i = 1; i <= n; i++) {
		t = V[f, key, m, i]
		for (j = i - 1; j >= 1 && S[j] > t; j--)
			S[j + 1] = S[j]
		S[j + 1] = t
	}
	return n
}

# The median, smallest and largest value of a point's repetitions; the
# spread is (max - min) / median, -1 when the median is 0.
function point_median(f, key, m,    n)
{
	n = point_sort(f, key, m)
	if (n == 0)
		return ""
	return n % 2 ? S[(n + 1) / 2] : (S[n / 2] + S[n / 2 + 1]) / 2
}

function point_min(f, key, m)
{
	return point_sort(f, key, m) ? S[1] : ""
}

function point_max(f, key, m,    n)
{
	n = point_sort(f, key, m)
	return n ? S[n] : ""
}

function point_spread(f, key, m,    med)
{
	med = point_median(f, key, m)
	if (med == "" || med == 0)
		return -1
	return (point_max(f, key, m) - point_min(f, key, m)) / med
}

# 4096 -> "4K", 1048576 -> "1M", 1000 -> "1000".
function human_size(b)
{
	if (b >= 1048576 && b % 1048576 == 0)
		return (b / 1048576) "M"
	if (b >= 1024 && b % 1024 == 0)
		return (b / 1024) "K"
	return b ""
}

# Lower is better for times (*_ns) and errors, higher for rates.
function lower_is_better(m)
{
	return m ~ /_ns$/ || m == "errors"
}

function metric_unit(m)
{
	if (m ~ /MiBps$/)
		return "MiB/s"
	if (m ~ /MBps$/)
		return "MB/s"
	if (m == "iops")
		return "IOPS"
	if (m ~ /_ns$/)
		return "ns"
	return ""
}
