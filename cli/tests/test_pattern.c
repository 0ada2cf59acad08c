// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: the fill and verify patterns catch what a broken DMA
 * transfer does, and nothing else.
 */
#include <stdlib.h>

#include "ktap.h"
#include "pattern.h"

#define BUF	4096
#define OFF	64
#define LEN	(BUF - 2 * OFF)
#define ERRS	16

static uint8_t src[BUF], dst[BUF];

static struct pattern_job job(uint64_t seed, bool has_prev, uint64_t prev)
{
	return (struct pattern_job){
		.src = src, .dst = dst, .buf_len = BUF, .off = OFF, .len = LEN,
		.seed = seed, .prev_seed = prev, .has_prev = has_prev,
	};
}

/* What a correct engine does. */
static void dma_copy(const struct pattern_job *j)
{
	memcpy(j->dst + j->off, j->src + j->off, j->len);
}

static size_t verify(const struct pattern_job *j, struct pattern_error *e)
{
	memset(e, 0, ERRS * sizeof(*e));
	return pattern_verify(j, e, ERRS);
}

static void test_good_copy(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job j = job(7, false, 0);

	ktap_begin();
	pattern_fill(&j);
	dma_copy(&j);
	CHECK_U64(verify(&j, e), 0);
	ktap_end("a correct copy verifies");
}

static void test_classes(void)
{
	struct pattern_job j = job(3, false, 0);
	size_t i;
	bool ok = true;

	ktap_begin();
	pattern_fill(&j);
	for (i = 0; i < BUF; i++) {
		bool in = i >= OFF && i < OFF + LEN;
		uint8_t s = src[i] & ~PATTERN_VALUE_MASK;
		uint8_t d = dst[i] & ~PATTERN_VALUE_MASK;

		if (s != (in ? PATTERN_SRC | PATTERN_COPY : PATTERN_SRC) ||
		    d != (in ? PATTERN_OVERWRITE : 0))
			ok = false;
	}
	CHECK(ok);
	ktap_end("class bits mark source, copy range and poison");
}

static void test_not_copied(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job j = job(11, false, 0);

	ktap_begin();
	pattern_fill(&j);
	CHECK_U64(verify(&j, e), LEN);
	CHECK(e[0].in_dst && e[0].offset == OFF);
	CHECK(e[0].kind == PATTERN_NOT_COPIED);
	CHECK(e[ERRS - 1].kind == PATTERN_NOT_COPIED);
	ktap_end("a copy that never happened");
}

static void test_flipped_byte(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job j = job(5, false, 0);
	size_t at = OFF + 1234;

	ktap_begin();
	pattern_fill(&j);
	dma_copy(&j);
	dst[at] ^= 0x04;
	CHECK_U64(verify(&j, e), 1);
	CHECK(e[0].in_dst);
	CHECK_U64(e[0].offset, at);
	CHECK_U64(e[0].expected, src[at]);
	CHECK_U64(e[0].got, src[at] ^ 0x04);
	CHECK(e[0].kind == PATTERN_CORRUPT);
	ktap_end("one flipped bit in the copy");
}

static void test_stale_copy(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job first = job(100, false, 0);
	struct pattern_job second = job(116, true, 100);
	static uint8_t old[BUF];
	size_t n, i;
	bool all_stale = true;

	ktap_begin();
	pattern_fill(&first);
	memcpy(old, src, BUF);
	dma_copy(&first);
	CHECK_U64(verify(&first, e), 0);
	/* the next job in the slot, but the engine reads the old source */
	pattern_fill(&second);
	memcpy(dst + OFF, old + OFF, LEN);
	n = verify(&second, e);
	/* the value bits of two seeds agree about one byte in 32 */
	CHECK(n > LEN * 9 / 10 && n <= LEN);
	for (i = 0; i < ERRS; i++)
		if (e[i].kind != PATTERN_STALE)
			all_stale = false;
	CHECK(all_stale);
	ktap_end("a stale copy of the previous job's data");
}

static void test_guard_before(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job j = job(9, false, 0);

	ktap_begin();
	pattern_fill(&j);
	dma_copy(&j);
	dst[OFF - 1] = src[OFF - 1];
	CHECK_U64(verify(&j, e), 1);
	CHECK(e[0].in_dst && e[0].offset == OFF - 1);
	CHECK(e[0].kind == PATTERN_GUARD);
	ktap_end("a touched guard byte before the range");
}

static void test_overrun(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job j = job(21, false, 0);

	ktap_begin();
	pattern_fill(&j);
	memcpy(dst + OFF, src + OFF, LEN + 1);
	CHECK_U64(verify(&j, e), 1);
	CHECK(e[0].in_dst && e[0].offset == OFF + LEN);
	CHECK(e[0].kind == PATTERN_GUARD);
	ktap_end("a copy one byte too long");
}

static void test_source_written(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job j = job(33, false, 0);

	ktap_begin();
	pattern_fill(&j);
	dma_copy(&j);
	src[OFF + 10] = 0;
	CHECK_U64(verify(&j, e), 1);
	CHECK(!e[0].in_dst && e[0].offset == OFF + 10);
	CHECK(e[0].kind == PATTERN_SRC_CHANGED);
	ktap_end("a transfer that wrote into its source");
}

static void test_shifted_copy(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job j = job(44, false, 0);
	size_t n;

	ktap_begin();
	pattern_fill(&j);
	memcpy(dst + OFF, src + OFF + 1, LEN);
	n = verify(&j, e);
	/* neighbouring bytes never repeat their value bits */
	CHECK_U64(n, LEN);
	CHECK(e[0].kind == PATTERN_CORRUPT);
	ktap_end("a copy shifted by one byte");
}

static void test_error_cap(void)
{
	struct pattern_error e[4];
	struct pattern_job j = job(55, false, 0);

	ktap_begin();
	pattern_fill(&j);
	memset(dst, 0xff, BUF);
	CHECK_U64(pattern_verify(&j, e, 4), BUF);
	CHECK(e[0].offset == 0 && e[3].offset == 3);
	CHECK_U64(pattern_verify(&j, NULL, 0), BUF);
	ktap_end("errors are all counted, the first few kept");
}

static void test_seeds_differ(void)
{
	static uint8_t a[BUF];
	struct pattern_job j1 = job(1, false, 0), j2 = job(2, false, 0);
	size_t same = 0, i;

	ktap_begin();
	pattern_fill(&j1);
	memcpy(a, src, BUF);
	pattern_fill(&j2);
	for (i = 0; i < BUF; i++)
		same += a[i] == src[i];
	CHECK(same < BUF / 16);
	ktap_end("consecutive seeds give different data");
}

static void test_no_guard(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job j = {
		.src = src, .dst = dst, .buf_len = BUF, .off = 0, .len = BUF,
		.seed = 77,
	};

	ktap_begin();
	pattern_fill(&j);
	dma_copy(&j);
	CHECK_U64(verify(&j, e), 0);
	dst[BUF - 1] ^= 1;
	CHECK_U64(verify(&j, e), 1);
	CHECK_U64(e[0].offset, BUF - 1);
	ktap_end("a range covering the whole buffer");
}

/* 3 chunks of 10 bytes, 6 bytes apart in the source, 2 in the destination */
static struct pattern_job chunked(uint64_t seed)
{
	return (struct pattern_job){
		.src = src, .dst = dst, .buf_len = 128, .off = 8, .len = 10,
		.nchunks = 3, .src_stride = 16, .dst_stride = 12, .seed = seed,
	};
}

/* What a correct interleaved engine does with chunked(). */
static void dma_chunks(const struct pattern_job *j)
{
	size_t k;

	for (k = 0; k < j->nchunks; k++)
		memcpy(j->dst + j->off + k * j->dst_stride,
		       j->src + j->off + k * j->src_stride, j->len);
}

static void test_chunks(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job j = chunked(5);

	ktap_begin();
	pattern_fill(&j);
	dma_chunks(&j);
	CHECK_U64(verify(&j, e), 0);
	/* the source's gap bytes are not to be copied, the destination's kept */
	CHECK((src[8 + 12] & PATTERN_COPY) == 0 && (src[8 + 16] & PATTERN_COPY));
	dst[8 + 10] = src[8 + 10];	/* one byte into the first gap */
	/* a wrong third chunk: no pattern byte has all class bits */
	memset(dst + 8 + 24, 0xff, 10);
	CHECK_U64(verify(&j, e), 11);
	CHECK(e[0].offset == 18 && e[0].kind == PATTERN_GUARD);
	CHECK(e[1].offset == 32 && e[1].kind == PATTERN_CORRUPT);
	pattern_fill(&j);
	CHECK_U64(verify(&j, e), 30);
	CHECK(e[0].offset == 8 && e[0].kind == PATTERN_NOT_COPIED);
	ktap_end("chunks with gaps: good, into a gap, wrong, never copied");
}

static void test_fill(void)
{
	struct pattern_error e[ERRS];
	struct pattern_job j = job(9, true, 8);
	uint8_t v = pattern_fill_value(9), old = pattern_fill_value(8);
	size_t i;
	bool differs = true;

	ktap_begin();
	CHECK(v != old);
	pattern_poison(&j, v);
	for (i = 0; i < BUF; i++)
		differs &= dst[i] != v;
	CHECK(differs);		/* poison never looks like a good fill */
	CHECK_U64(pattern_verify_fill(&j, v, e, ERRS), LEN);
	CHECK(e[0].kind == PATTERN_NOT_COPIED && e[0].offset == OFF);
	memset(dst + OFF, v, LEN);
	CHECK_U64(pattern_verify_fill(&j, v, e, ERRS), 0);
	dst[OFF + 5] = old;
	dst[OFF + LEN] = v;
	CHECK_U64(pattern_verify_fill(&j, v, e, ERRS), 2);
	CHECK(e[0].kind == PATTERN_STALE && e[0].offset == OFF + 5);
	CHECK(e[1].kind == PATTERN_GUARD && e[1].offset == OFF + LEN);
	ktap_end("fill: poison, good, stale value, past the range");
}

int main(void)
{
	ktap_plan(14);
	test_good_copy();
	test_classes();
	test_not_copied();
	test_flipped_byte();
	test_stale_copy();
	test_guard_before();
	test_overrun();
	test_source_written();
	test_shifted_copy();
	test_error_cap();
	test_seeds_differ();
	test_no_guard();
	test_chunks();
	test_fill();
	return ktap_finish();
}
