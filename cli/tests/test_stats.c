// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: busy time, percentiles and rates on synthetic timestamps.
 */
#include <math.h>
#include <stdlib.h>

#include "ktap.h"
#include "stats.h"

#define MAX_IV 16

static const struct busy_case {
	const char *name;
	size_t n;
	struct job_time t[MAX_IV];
	uint64_t busy;
} busy_cases[] = {
	{ "empty", 0, { { 0, 0 } }, 0 },
	{ "one interval", 1, { { 100, 250 } }, 150 },
	{ "zero-length interval", 1, { { 100, 100 } }, 0 },
	{ "disjoint", 2, { { 0, 10 }, { 20, 30 } }, 20 },
	{ "overlapping", 2, { { 0, 10 }, { 5, 15 } }, 15 },
	{ "nested", 2, { { 0, 100 }, { 10, 20 } }, 100 },
	{ "touching", 2, { { 0, 10 }, { 10, 20 } }, 20 },
	{ "identical", 3, { { 5, 9 }, { 5, 9 }, { 5, 9 } }, 4 },
	{ "unsorted", 3, { { 20, 30 }, { 0, 10 }, { 5, 12 } }, 22 },
	{ "nested after gap", 4,
	  { { 0, 10 }, { 50, 100 }, { 60, 70 }, { 80, 90 } }, 60 },
	{ "queue of four", 4,
	  { { 1000, 1100 }, { 1000, 1200 }, { 1000, 1300 }, { 1000, 1400 } },
	  400 },
	{ "two bursts", 6,
	  { { 0, 5 }, { 1, 6 }, { 2, 7 }, { 100, 105 }, { 101, 106 },
	    { 102, 107 } }, 14 },
	{ "large timestamps", 2,
	  { { UINT64_MAX - 100, UINT64_MAX - 50 },
	    { UINT64_MAX - 60, UINT64_MAX } }, 100 },
};

static void test_busy(const struct busy_case *c)
{
	struct job_time t[MAX_IV];

	ktap_begin();
	memcpy(t, c->t, sizeof(t));
	CHECK_U64(busy_time_ns(t, c->n), c->busy);
	ktap_end("busy time: %s", c->name);
}

static const uint64_t wiki[] = { 15, 20, 35, 40, 50 };

static void test_percentile_small(void)
{
	ktap_begin();
	CHECK_U64(percentile(wiki, 5, 50), 15);		/* p5 */
	CHECK_U64(percentile(wiki, 5, 300), 20);	/* p30 */
	CHECK_U64(percentile(wiki, 5, 400), 20);
	CHECK_U64(percentile(wiki, 5, 500), 35);
	CHECK_U64(percentile(wiki, 5, 1000), 50);
	CHECK_U64(percentile(wiki, 5, 0), 15);
	CHECK_U64(percentile(wiki, 1, 500), 15);
	CHECK_U64(percentile(wiki, 1, 990), 15);
	ktap_end("percentile: nearest rank on five values");
}

static void test_percentile_ranks(void)
{
	uint64_t v[1001];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(v); i++)
		v[i] = i + 1;
	ktap_begin();
	/* 1..10: p50 is the 5th, p90 the 9th, p99 the 10th */
	CHECK_U64(percentile(v, 10, 500), 5);
	CHECK_U64(percentile(v, 10, 900), 9);
	CHECK_U64(percentile(v, 10, 990), 10);
	CHECK_U64(percentile(v, 10, 901), 10);
	/* 1..100 */
	CHECK_U64(percentile(v, 100, 500), 50);
	CHECK_U64(percentile(v, 100, 990), 99);
	CHECK_U64(percentile(v, 100, 999), 100);
	/* 1..1000 and 1..1001: exact and rounded-up ranks */
	CHECK_U64(percentile(v, 1000, 990), 990);
	CHECK_U64(percentile(v, 1000, 999), 999);
	CHECK_U64(percentile(v, 1001, 990), 991);
	CHECK_U64(percentile(v, 1001, 500), 501);
	CHECK_U64(percentile(v, 2, 500), 1);
	CHECK_U64(percentile(v, 2, 501), 2);
	ktap_end("percentile: ranks at exact and fractional positions");
}

static bool near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (fabs(b) > 1 ? fabs(b) : 1);
}

static void test_rates(void)
{
	ktap_begin();
	CHECK(near(rate_mbps(1000000, 1000000000), 1.0));
	CHECK(near(rate_mibps(1048576, 1000000000), 1.0));
	CHECK(near(rate_mbps(1048576, 1000000000), 1.048576));
	CHECK(near(rate_per_s(1000, 1000000000), 1000.0));
	CHECK(near(rate_mbps(4096, 1000), 4096.0));
	CHECK(near(rate_mbps(123, 0), 0.0));
	CHECK(near(rate_mibps(123, 0), 0.0));
	CHECK(near(rate_per_s(123, 0), 0.0));
	ktap_end("rates: MB/s is 10^6, MiB/s 2^20 bytes per second");
}

static void test_compute(void)
{
	/* latencies 100, 200, 300, 400, 1000; busy [0,600] + [1000,2000] */
	struct job_time t[] = {
		{ 1000, 2000 }, { 0, 100 }, { 100, 300 }, { 200, 500 },
		{ 200, 600 },
	};
	struct run_stats st;

	ktap_begin();
	CHECK(stats_compute(t, ARRAY_SIZE(t), 4096, &st) == 0);
	CHECK_U64(st.ops, 5);
	CHECK_U64(st.bytes, 5 * 4096);
	CHECK_U64(st.busy_ns, 1600);
	CHECK_U64(st.elapsed_ns, 2000);
	CHECK_U64(st.lat_min_ns, 100);
	CHECK_U64(st.lat_p50_ns, 300);
	CHECK_U64(st.lat_p99_ns, 1000);
	CHECK_U64(st.lat_p999_ns, 1000);
	CHECK_U64(st.lat_max_ns, 1000);
	CHECK(near(st.lat_mean_ns, 400.0));
	CHECK(near(st.mbps, 5 * 4096 * 1e3 / 1600));
	CHECK(near(st.mibps, 5 * 4096 * 1e9 / 1600 / 1048576));
	CHECK(near(st.iops, 5 * 1e9 / 1600));
	ktap_end("a run of five jobs");
}

static void test_compute_empty(void)
{
	struct run_stats st;

	ktap_begin();
	CHECK(stats_compute(NULL, 0, 4096, &st) == 0);
	CHECK_U64(st.ops, 0);
	CHECK_U64(st.busy_ns, 0);
	CHECK(st.mbps == 0 && st.iops == 0);
	ktap_end("no finished job");
}

/* The busy time of a long queue-depth run against a brute-force count. */
static void test_busy_random(void)
{
	enum { N = 2000, SPAN = 20000 };
	static struct job_time t[N];
	static bool covered[SPAN];
	uint64_t want = 0;
	unsigned int seed = 1;
	size_t i, k;

	for (i = 0; i < N; i++) {
		uint64_t start = rand_r(&seed) % (SPAN - 100);

		t[i].issue_ns = start;
		t[i].complete_ns = start + rand_r(&seed) % 100;
		for (k = t[i].issue_ns; k < t[i].complete_ns; k++)
			covered[k] = true;
	}
	for (k = 0; k < SPAN; k++)
		want += covered[k];
	ktap_begin();
	CHECK_U64(busy_time_ns(t, N), want);
	ktap_end("busy time: 2000 random intervals against a bitmap");
}

/* p99.9 sits between p99 and max once there are enough jobs */
static void test_p999(void)
{
	static struct job_time t[2000];
	struct run_stats st;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(t); i++)
		t[i] = (struct job_time){ 1000 * i, 1000 * i + i + 1 };
	ktap_begin();
	CHECK(stats_compute(t, ARRAY_SIZE(t), 1, &st) == 0);
	CHECK_U64(st.lat_p99_ns, 1980);
	CHECK_U64(st.lat_p999_ns, 1998);
	CHECK_U64(st.lat_max_ns, 2000);
	ktap_end("p99.9 of 2000 latencies 1..2000 ns");
}

static void test_hist(void)
{
	uint64_t hist[64] = { 0 };
	struct hist_run h = {
		.ops = 1000, .bytes = 4096000, .elapsed_ns = 2000000,
		.lat_min_ns = 700, .lat_max_ns = 5000, .lat_sum_ns = 1500000,
		.hist = hist, .nbuckets = 64,
	};
	struct run_stats st;

	hist[9] = 600;		/* 512 .. 1023 ns */
	hist[10] = 390;		/* 1024 .. 2047 */
	hist[12] = 10;		/* 4096 .. 8191 */
	ktap_begin();
	CHECK_U64(hist_percentile(&h, 500), 1023);
	CHECK_U64(hist_percentile(&h, 990), 2047);
	CHECK_U64(hist_percentile(&h, 991), 5000);	/* within max */
	hist[9] = 1000;
	hist[10] = hist[12] = 0;
	CHECK_U64(hist_percentile(&h, 500), 1023);
	h.lat_min_ns = 1500;
	h.lat_max_ns = 1800;
	CHECK_U64(hist_percentile(&h, 500), 1500);	/* within min */
	stats_from_hist(&h, &st);
	CHECK_U64(st.busy_ns, 2000000);
	CHECK_U64(st.ops, 1000);
	CHECK(near(st.mbps, 2048.0));
	CHECK(near(st.lat_mean_ns, 1500.0));
	h.ops = 0;
	stats_from_hist(&h, &st);
	CHECK_U64(st.ops, 0);
	CHECK_U64(st.lat_p50_ns, 0);
	ktap_end("percentiles from the in-kernel loop's log2 histogram");
}

int main(void)
{
	size_t i;

	ktap_plan(ARRAY_SIZE(busy_cases) + 8);
	for (i = 0; i < ARRAY_SIZE(busy_cases); i++)
		test_busy(&busy_cases[i]);
	test_busy_random();
	test_percentile_small();
	test_percentile_ranks();
	test_rates();
	test_compute();
	test_compute_empty();
	test_p999();
	test_hist();
	return ktap_finish();
}
