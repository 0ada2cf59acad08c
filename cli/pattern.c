// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: fill and verify patterns.
 *
 * The value bits come from a Weyl sequence (a 64-bit counter advanced by
 * an odd constant per byte) started at a hash of the seed: cheap enough
 * to regenerate for every byte on verify, and two seeds agree on a given
 * byte only about one time in 32.
 */
#include <string.h>

#include "pattern.h"

#define WEYL_STEP	0x9e3779b97f4a7c15ULL
#define POISON_SALT	0xd1b54a32d192ed03ULL

/* splitmix64's finaliser: neighbouring seeds land far apart. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t weyl_start(uint64_t key, size_t i)
{
	return mix(key) + (uint64_t)i * WEYL_STEP;
}

static uint8_t weyl_value(uint64_t x)
{
	return x >> 59;
}

static bool in_range(const struct pattern_job *j, size_t i)
{
	return i >= j->off && i - j->off < j->len;
}

static uint8_t src_byte(const struct pattern_job *j, uint64_t seed, size_t i)
{
	uint8_t b = PATTERN_SRC | weyl_value(weyl_start(seed, i));

	if (in_range(j, i))
		b |= PATTERN_COPY;
	return b;
}

static uint8_t dst_byte(const struct pattern_job *j, size_t i)
{
	uint8_t b = weyl_value(weyl_start(j->seed ^ POISON_SALT, i));

	if (in_range(j, i))
		b |= PATTERN_OVERWRITE;
	return b;
}

/* @flags | value bits for @buf[from, to) */
static void fill_range(uint8_t *buf, size_t from, size_t to, uint64_t key,
		       uint8_t flags)
{
	uint64_t x = weyl_start(key, from);
	size_t i;

	for (i = from; i < to; i++, x += WEYL_STEP)
		buf[i] = flags | weyl_value(x);
}

void pattern_fill(const struct pattern_job *j)
{
	size_t end = j->off + j->len;
	uint64_t poison = j->seed ^ POISON_SALT;

	fill_range(j->src, 0, j->off, j->seed, PATTERN_SRC);
	fill_range(j->src, j->off, end, j->seed, PATTERN_SRC | PATTERN_COPY);
	fill_range(j->src, end, j->buf_len, j->seed, PATTERN_SRC);
	fill_range(j->dst, 0, j->off, poison, 0);
	fill_range(j->dst, j->off, end, poison, PATTERN_OVERWRITE);
	fill_range(j->dst, end, j->buf_len, poison, 0);
}

static enum pattern_error_kind classify_dst(const struct pattern_job *j,
					    size_t i, uint8_t got)
{
	if (!in_range(j, i))
		return PATTERN_GUARD;
	if (got == dst_byte(j, i))
		return PATTERN_NOT_COPIED;
	if (j->has_prev && got == src_byte(j, j->prev_seed, i))
		return PATTERN_STALE;
	return PATTERN_CORRUPT;
}

static void record(struct pattern_error *errs, size_t max_errs, size_t n,
		   const struct pattern_error *e)
{
	if (n < max_errs)
		errs[n] = *e;
}

size_t pattern_verify(const struct pattern_job *j, struct pattern_error *errs,
		      size_t max_errs)
{
	uint64_t xs = weyl_start(j->seed, 0);
	uint64_t xp = weyl_start(j->seed ^ POISON_SALT, 0);
	struct pattern_error e;
	size_t n = 0, i;

	for (i = 0; i < j->buf_len; i++, xs += WEYL_STEP) {
		uint8_t want = PATTERN_SRC | weyl_value(xs);

		if (in_range(j, i))
			want |= PATTERN_COPY;
		if (j->src[i] == want)
			continue;
		e = (struct pattern_error){
			.in_dst = false, .offset = i, .expected = want,
			.got = j->src[i], .kind = PATTERN_SRC_CHANGED,
		};
		record(errs, max_errs, n++, &e);
	}
	xs = weyl_start(j->seed, 0);
	for (i = 0; i < j->buf_len; i++, xs += WEYL_STEP, xp += WEYL_STEP) {
		uint8_t want = in_range(j, i) ?
			       PATTERN_SRC | PATTERN_COPY | weyl_value(xs) :
			       weyl_value(xp);

		if (j->dst[i] == want)
			continue;
		e = (struct pattern_error){
			.in_dst = true, .offset = i, .expected = want,
			.got = j->dst[i], .kind = classify_dst(j, i, j->dst[i]),
		};
		record(errs, max_errs, n++, &e);
	}
	return n;
}

const char *pattern_error_str(enum pattern_error_kind kind)
{
	switch (kind) {
	case PATTERN_SRC_CHANGED:
		return "source changed";
	case PATTERN_NOT_COPIED:
		return "not copied";
	case PATTERN_STALE:
		return "stale copy";
	case PATTERN_CORRUPT:
		return "corrupt";
	case PATTERN_GUARD:
		return "guard overwritten";
	}
	return "?";
}
