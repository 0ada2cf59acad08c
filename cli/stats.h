/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: turning kernel timestamps into throughput and latency figures.
 */
#ifndef DMACTL_STATS_H
#define DMACTL_STATS_H

#include <stddef.h>
#include <stdint.h>

/* One finished job: [issue_ns, complete_ns] in CLOCK_MONOTONIC ns. */
struct job_time {
	uint64_t issue_ns;
	uint64_t complete_ns;
};

struct run_stats {
	uint64_t ops;
	uint64_t bytes;
	uint64_t busy_ns;	/* length of the union of the job intervals */
	uint64_t elapsed_ns;	/* last complete - first issue */
	double mbps;		/* 10^6 bytes per second of busy time */
	double mibps;		/* 2^20 bytes per second of busy time */
	double iops;		/* jobs per second of busy time */
	uint64_t lat_min_ns;
	uint64_t lat_p50_ns;
	uint64_t lat_p99_ns;
	uint64_t lat_p999_ns;
	uint64_t lat_max_ns;
	double lat_mean_ns;
};

/**
 * busy_time_ns() - total time covered by at least one interval
 * @t: the intervals; sorted by issue_ns in place
 * @n: entries in @t
 *
 * Overlapping and touching intervals count once, gaps not at all, so the
 * result is the time the channel had work, whatever the queue depth.
 *
 * Return: the length of the union of the intervals, in ns.
 */
uint64_t busy_time_ns(struct job_time *t, size_t n);

/**
 * percentile() - nearest-rank percentile of sorted values
 * @sorted: values in ascending order
 * @n: entries in @sorted, at least 1
 * @permille: the percentile in tenths of a percent (500 = p50, 999 = p99.9)
 *
 * Return: the smallest value such that at least @permille / 1000 of the
 * values are less than or equal to it: @sorted[ceil(@permille * @n / 1000)
 * - 1], or @sorted[0] for @permille 0.
 */
uint64_t percentile(const uint64_t *sorted, size_t n, unsigned int permille);

/* Rates over @ns; 0 when @ns is 0. */
double rate_mbps(uint64_t bytes, uint64_t ns);
double rate_mibps(uint64_t bytes, uint64_t ns);
double rate_per_s(uint64_t count, uint64_t ns);

/**
 * stats_compute() - every figure of a run
 * @t: the finished jobs; reordered
 * @n: entries in @t
 * @bytes_per_job: bytes each job moved
 * @st: the result
 *
 * Return: 0, or -ENOMEM.
 */
int stats_compute(struct job_time *t, size_t n, uint64_t bytes_per_job,
		  struct run_stats *st);

/* What an in-kernel loop reports: totals and a latency histogram. */
struct hist_run {
	uint64_t ops;
	uint64_t bytes;
	uint64_t elapsed_ns;
	uint64_t lat_min_ns;
	uint64_t lat_max_ns;
	uint64_t lat_sum_ns;
	const uint64_t *hist;	/* bucket i: 2^i <= latency < 2^(i+1) ns */
	size_t nbuckets;
};

/**
 * hist_percentile() - a percentile of latencies known by log2 buckets
 * @h: the run
 * @permille: as for percentile()
 *
 * The nearest-rank bucket's upper bound, 2^(i+1) - 1, kept within the
 * run's minimum and maximum: an upper estimate, never off by more than
 * the bucket's width.
 *
 * Return: the estimate in ns, 0 for a run without operations.
 */
uint64_t hist_percentile(const struct hist_run *h, unsigned int permille);

/*
 * stats_from_hist() - every figure of an in-kernel run.  The loop keeps
 * the channel busy from its first issue to its last completion, so its
 * busy time is its elapsed time.
 */
void stats_from_hist(const struct hist_run *h, struct run_stats *st);

#endif /* DMACTL_STATS_H */
