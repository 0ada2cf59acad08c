# SPDX-License-Identifier: GPL-2.0
#
# plot.sh's data: one curve per series, x against the median of y over
# the repetitions, with their minimum and maximum.  Needs lib.awk and
#   -v X=column        the x axis (size_bytes, burst, ...)
#   -v SERIES=column   one curve per value of it, or "" for one curve per Y
#   -v Y=col[,col...]  the y values
#   -v YSCALE=factor   applied to them
#   -v WHERE="col=value ..."  only these rows
#   -v DATA=file -v INFO=file
# A sweep varies X for fixed values of the other parameters; the rows
# are grouped by those and the group with the most points is drawn (of
# equal ones, the widest bus).
# DATA gets gnuplot data blocks, each headed by its title.  INFO gets
# four lines: the group's fixed parameters, the number of curves, a
# gnuplot "set xtics" command, the repetitions of a point ("3", or "3
# to 6" when sweeps share points).  Exit status 3 if no group varies X,
# 4 if the file lacks a column.

BEGIN {
	if (YSCALE == "")
		YSCALE = 1
	ny = split(Y, ycol, ",")
	yneed = Y
	gsub(/,/, " ", yneed)
	nw = split(WHERE, wh, " ")
	ncols = split(bench_point_cols(), pcol, " ")
}

# The parameters a group fixes, as "column=value" words.  Not the sweep:
# the same point measured by two sweeps (a size range split in two, say)
# is one point of the curve.
function group_of(    i, g)
{
	g = ""
	for (i = 1; i <= ncols; i++)
		if (pcol[i] != X && pcol[i] != SERIES && pcol[i] != "sweep" && (1, pcol[i]) in COL)
			g = g (g == "" ? "" : " ") pcol[i] "=" $(COL[1, pcol[i]])
	return g
}

function ylabel(c)
{
	if (c ~ /^latency_p[0-9]+_ns$/) {
		c = substr(c, 10, length(c) - 12)
		return "p" substr(c, 1, 2) (length(c) > 2 ? "." substr(c, 3) : "")
	}
	sub(/^latency_/, "", c)
	sub(/_ns$/, "", c)
	return c
}

function series_label(s)
{
	if (SERIES == "width_bytes")
		return s == 0 ? "width not set" : "width " s " B"
	if (SERIES == "burst")
		return s == 0 ? "burst not set" : "burst " s
	return SERIES " " s
}

{
	if (!bench_line(1))
		next
	for (i = 1; i <= nw; i++) {
		split(wh[i], kv, "=")
		if (!((1, kv[1]) in COL))
			bench_die("-w " wh[i] ": no such column")
		if ($(COL[1, kv[1]]) != kv[2])
			next
	}
	if (!checked) {
		checked = 1
		n = split(X " " yneed " " SERIES, need, " ")
		for (i = 1; i <= n; i++)
			if (!((1, need[i]) in COL)) {
				printf "%s: %s: no column %s\n", PROG, FILENAME, need[i] > "/dev/stderr"
				missing = 1
				exit 4
			}
	}
	# a log axis has no 0: a burst or width of 0 (not configured) is
	# no point of a sweep over it
	if ($(COL[1, X]) + 0 <= 0)
		next
	g = group_of()
	if (!(g in gid)) {
		gid[g] = ++ngroups
		gname[ngroups] = g
	}
	n = gid[g]
	x = $(COL[1, X])
	if (!((n, x) in xseen)) {
		xseen[n, x] = 1
		nx[n]++
	}
	for (j = 1; j <= ny; j++) {
		s = SERIES == "" ? j : $(COL[1, SERIES])
		if (!((n, s) in sseen)) {
			sseen[n, s] = 1
			ser[n, ++nser[n]] = s
		}
		point_add(n, s SUBSEP x, ycol[j], $(COL[1, ycol[j]]))
	}
}

# Sorts a[1..n] numerically in place.
function nsort(a, n,    i, j, t)
{
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
}

# "burst=16 qdepth=16 ..." as a phrase.
function describe(g,    n, a, i, k, v, s, d)
{
	n = split(g, a, " ")
	s = ""
	for (i = 1; i <= n; i++) {
		k = substr(a[i], 1, index(a[i], "=") - 1)
		v = substr(a[i], index(a[i], "=") + 1)
		if (k == "size_bytes")
			d = "size " human_size(v)
		else if (k == "width_bytes")
			d = v == 0 ? "width not set" : "width " v " B"
		else if (k == "burst")
			d = v == 0 ? "burst not set" : "burst " v
		else if (k == "qdepth")
			d = "queue depth " v
		else if (k == "channels")
			d = v " channel" (v == 1 ? "" : "s")
		else if (k == "threads")
			d = v " thread" (v == 1 ? "" : "s")
		else if (k == "mode")
			d = v " path"
		else if (k == "channel")
			continue
		else
			d = v
		s = s (s == "" ? "" : ", ") d
	}
	return s
}

END {
	if (BENCH_FAILED)
		exit 2
	if (missing)
		exit 4
	best = 0
	varying = 0
	for (n = 1; n <= ngroups; n++) {
		if (nx[n] < 2)
			continue
		varying++
		# ties go to the widest bus, the controller at its best
		if (best == 0 || NPT[n] > NPT[best] ||
		    (NPT[n] == NPT[best] && key_get(gname[n], "width_bytes") + 0 > key_get(gname[best], "width_bytes") + 0))
			best = n
	}
	if (best == 0)
		exit 3
	if (varying > 1)
		printf "%s: %d more sweeps over %s, with other fixed parameters, not drawn (-w picks one)\n",
			PROG, varying - 1, X > "/dev/stderr"
	n = best
	ns = 0
	for (i = 1; i <= nser[n]; i++)
		sl[++ns] = ser[n, i]
	if (SERIES != "")
		nsort(sl, ns)
	nxs = 0
	for (k in xseen) {
		split(k, p, SUBSEP)
		if (p[1] == n)
			xs[++nxs] = p[2]
	}
	nsort(xs, nxs)
	most = 0
	least = ""
	for (i = 1; i <= ns; i++) {
		printf "\"%s\"\n", SERIES == "" ? ylabel(ycol[sl[i]]) : series_label(sl[i]) > DATA
		m = SERIES == "" ? ycol[sl[i]] : ycol[1]
		for (j = 1; j <= nxs; j++) {
			key = sl[i] SUBSEP xs[j]
			if (!((n, key) in PTSEEN))
				continue
			if (NV[n, key, m] > most)
				most = NV[n, key, m]
			if (least == "" || NV[n, key, m] < least)
				least = NV[n, key, m]
			printf "%s %.6g %.6g %.6g\n", xs[j], YSCALE * point_median(n, key, m),
				YSCALE * point_min(n, key, m), YSCALE * point_max(n, key, m) > DATA
		}
		printf "\n\n" > DATA
	}
	tics = ""
	for (j = 1; j <= nxs; j++)
		tics = tics (j > 1 ? ", " : "") "\"" (X == "size_bytes" ? human_size(xs[j]) : xs[j]) "\" " xs[j]
	print describe(gname[n]) > INFO
	print ns > INFO
	print "set xtics (" tics ")" > INFO
	print least == most ? most : least " to " most > INFO
}
