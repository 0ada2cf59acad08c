// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: throughput and latency.
 *
 * Throughput is measured over the time the channel was busy according to
 * the kernel's own issue and completion timestamps, so the time the tool
 * spends filling and checking buffers between jobs does not dilute it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static int cmp_issue(const void *a, const void *b)
{
	const struct job_time *x = a, *y = b;

	if (x->issue_ns != y->issue_ns)
		return x->issue_ns < y->issue_ns ? -1 : 1;
	if (x->complete_ns != y->complete_ns)
		return x->complete_ns < y->complete_ns ? -1 : 1;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

uint64_t busy_time_ns(struct job_time *t, size_t n)
{
	uint64_t busy = 0, start, end;
	size_t i;

	if (!n)
		return 0;
	qsort(t, n, sizeof(*t), cmp_issue);
	start = t[0].issue_ns;
	end = t[0].complete_ns;
	for (i = 1; i < n; i++) {
		if (t[i].issue_ns > end) {
			busy += end - start;
			start = t[i].issue_ns;
			end = t[i].complete_ns;
		} else if (t[i].complete_ns > end) {
			end = t[i].complete_ns;
		}
	}
	return busy + end - start;
}

uint64_t percentile(const uint64_t *sorted, size_t n, unsigned int permille)
{
	/* ceil(permille * n / 1000) without overflowing for any n */
	size_t rank = n / 1000 * permille + (n % 1000 * permille + 999) / 1000;

	if (rank == 0)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

double rate_mbps(uint64_t bytes, uint64_t ns)
{
	return ns ? (double)bytes * 1e3 / (double)ns : 0.0;
}

double rate_mibps(uint64_t bytes, uint64_t ns)
{
	return ns ? (double)bytes * 1e9 / 1048576.0 / (double)ns : 0.0;
}

double rate_per_s(uint64_t count, uint64_t ns)
{
	return ns ? (double)count * 1e9 / (double)ns : 0.0;
}

int stats_compute(struct job_time *t, size_t n, uint64_t bytes_per_job,
		  struct run_stats *st)
{
	uint64_t first = UINT64_MAX, last = 0;
	double sum = 0;
	uint64_t *lat;
	size_t i;

	memset(st, 0, sizeof(*st));
	if (!n)
		return 0;
	lat = malloc(n * sizeof(*lat));
	if (!lat)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		lat[i] = t[i].complete_ns - t[i].issue_ns;
		sum += (double)lat[i];
		if (t[i].issue_ns < first)
			first = t[i].issue_ns;
		if (t[i].complete_ns > last)
			last = t[i].complete_ns;
	}
	qsort(lat, n, sizeof(*lat), cmp_u64);

	st->ops = n;
	st->bytes = n * bytes_per_job;
	st->busy_ns = busy_time_ns(t, n);
	st->elapsed_ns = last - first;
	st->mbps = rate_mbps(st->bytes, st->busy_ns);
	st->mibps = rate_mibps(st->bytes, st->busy_ns);
	st->iops = rate_per_s(st->ops, st->busy_ns);
	st->lat_min_ns = lat[0];
	st->lat_p50_ns = percentile(lat, n, 500);
	st->lat_p99_ns = percentile(lat, n, 990);
	st->lat_p999_ns = percentile(lat, n, 999);
	st->lat_max_ns = lat[n - 1];
	st->lat_mean_ns = sum / (double)n;
	free(lat);
	return 0;
}

uint64_t hist_percentile(const struct hist_run *h, unsigned int permille)
{
	uint64_t total = 0, rank, seen = 0, v;
	size_t i;

	for (i = 0; i < h->nbuckets; i++)
		total += h->hist[i];
	if (!total)
		return 0;
	rank = total / 1000 * permille + (total % 1000 * permille + 999) / 1000;
	if (!rank)
		rank = 1;
	for (i = 0; i < h->nbuckets; i++) {
		seen += h->hist[i];
		if (seen >= rank)
			break;
	}
	v = i >= 63 ? UINT64_MAX : (2ULL << i) - 1;
	if (v > h->lat_max_ns)
		v = h->lat_max_ns;
	if (v < h->lat_min_ns)
		v = h->lat_min_ns;
	return v;
}

void stats_from_hist(const struct hist_run *h, struct run_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (!h->ops)
		return;
	st->ops = h->ops;
	st->bytes = h->bytes;
	st->busy_ns = h->elapsed_ns;
	st->elapsed_ns = h->elapsed_ns;
	st->mbps = rate_mbps(st->bytes, st->busy_ns);
	st->mibps = rate_mibps(st->bytes, st->busy_ns);
	st->iops = rate_per_s(st->ops, st->busy_ns);
	st->lat_min_ns = h->lat_min_ns;
	st->lat_p50_ns = hist_percentile(h, 500);
	st->lat_p99_ns = hist_percentile(h, 990);
	st->lat_p999_ns = hist_percentile(h, 999);
	st->lat_max_ns = h->lat_max_ns;
	st->lat_mean_ns = (double)h->lat_sum_ns / (double)h->ops;
}
