# SPDX-License-Identifier: GPL-2.0
#
# plot.sh's data for the period timing of a cyclic run, from the CSV of
# `dmactl cyclic --csv` (side,channel,period,time_ns,interval_ns; a
# period whose predecessor's event was lost has no interval).  Needs
# lib.awk with -v FIRST_COLUMN=side, and -v DATA=file -v INFO=file.
# The jitter of a period is the distance of its interval from the
# median interval of its side.  DATA gets, per side, a block of
# "period interval_us", then per side a block of "jitter_us fraction":
# the share of intervals whose jitter is that or more (its tail).  INFO
# gets the number of sides, then a one-line summary per side.  Exit
# status 3 if there are no two consecutive periods.

{
	if (!bench_line(1))
		next
	bench_need(1, "side period interval_ns")
	iv = $(COL[1, "interval_ns"])
	if (iv == "")
		next
	s = $(COL[1, "side"])
	if (!(s in NPT))
		side[++nsides] = s
	point_add(s, "", "interval", iv / 1000)
	per[s, NV[s, "", "interval"]] = $(COL[1, "period"])
}

END {
	if (BENCH_FAILED)
		exit 2
	if (nsides == 0)
		exit 3
	for (k = 1; k <= nsides; k++) {
		s = side[k]
		n = NV[s, "", "interval"]
		printf "\"%s\"\n", s > DATA
		for (i = 1; i <= n; i++)
			printf "%s %.3f\n", per[s, i], V[s, "", "interval", i] > DATA
		printf "\n\n" > DATA
		med[s] = point_median(s, "", "interval")
		for (i = 1; i <= n; i++) {
			d = V[s, "", "interval", i] - med[s]
			point_add(s, "", "jitter", d < 0 ? -d : d)
		}
	}
	for (k = 1; k <= nsides; k++) {
		s = side[k]
		n = point_sort(s, "", "jitter")
		printf "\"%s\"\n", s > DATA
		# a log axis has no 0: the smallest jitter drawn is 1 ns
		for (i = 1; i <= n; i++)
			printf "%.3f %.6g\n", S[i] < 0.001 ? 0.001 : S[i], (n - i + 1) / n > DATA
		printf "\n\n" > DATA
		summary[k] = sprintf("%s: %d intervals, median %.2f µs; jitter p50 %.2f, p99 %.2f, max %.2f µs",
			s, n, med[s], S[int((n + 1) / 2)], S[int(0.99 * n) > 0 ? int(0.99 * n) : 1], S[n])
	}
	print nsides > INFO
	for (k = 1; k <= nsides; k++)
		print summary[k] > INFO
}
