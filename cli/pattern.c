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

/*
 * Whether byte @i of the source (@src_side) or of the destination lies in
 * the copied range; for the destination also which source byte it gets.
 */
static bool in_range(const struct pattern_job *j, size_t i, bool src_side,
		     size_t *from)
{
	size_t stride, k, within;

	if (i < j->off)
		return false;
	i -= j->off;
	if (!j->nchunks) {
		if (i >= j->len)
			return false;
		if (from)
			*from = j->off + i;
		return true;
	}
	stride = src_side ? j->src_stride : j->dst_stride;
	k = i / stride;
	within = i % stride;
	if (k >= j->nchunks || within >= j->len)
		return false;
	if (from)
		*from = j->off + k * j->src_stride + within;
	return true;
}

static uint8_t src_byte(const struct pattern_job *j, uint64_t seed, size_t i)
{
	uint8_t b = PATTERN_SRC | weyl_value(weyl_start(seed, i));

	if (in_range(j, i, true, NULL))
		b |= PATTERN_COPY;
	return b;
}

static uint8_t dst_byte(const struct pattern_job *j, size_t i)
{
	uint8_t b = weyl_value(weyl_start(j->seed ^ POISON_SALT, i));

	if (in_range(j, i, false, NULL))
		b |= PATTERN_OVERWRITE;
	return b;
}

void pattern_fill(const struct pattern_job *j)
{
	uint64_t xs = weyl_start(j->seed, 0);
	uint64_t xp = weyl_start(j->seed ^ POISON_SALT, 0);
	size_t i;

	for (i = 0; i < j->buf_len; i++, xs += WEYL_STEP, xp += WEYL_STEP) {
		j->src[i] = PATTERN_SRC | weyl_value(xs) |
			    (in_range(j, i, true, NULL) ? PATTERN_COPY : 0);
		j->dst[i] = weyl_value(xp) |
			    (in_range(j, i, false, NULL) ? PATTERN_OVERWRITE : 0);
	}
}

static enum pattern_error_kind classify_dst(const struct pattern_job *j,
					    size_t i, uint8_t got)
{
	size_t from;

	if (!in_range(j, i, false, &from))
		return PATTERN_GUARD;
	if (got == dst_byte(j, i))
		return PATTERN_NOT_COPIED;
	if (j->has_prev && got == src_byte(j, j->prev_seed, from))
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
	uint64_t base = weyl_start(j->seed, 0), xs = base;
	uint64_t xp = weyl_start(j->seed ^ POISON_SALT, 0);
	struct pattern_error e;
	size_t n = 0, i, from;
	uint8_t want;

	for (i = 0; i < j->buf_len; i++, xs += WEYL_STEP) {
		want = PATTERN_SRC | weyl_value(xs);
		if (in_range(j, i, true, NULL))
			want |= PATTERN_COPY;
		if (j->src[i] == want)
			continue;
		e = (struct pattern_error){
			.in_dst = false, .offset = i, .expected = want,
			.got = j->src[i], .kind = PATTERN_SRC_CHANGED,
		};
		record(errs, max_errs, n++, &e);
	}
	for (i = 0; i < j->buf_len; i++, xp += WEYL_STEP) {
		if (in_range(j, i, false, &from))
			want = PATTERN_SRC | PATTERN_COPY |
			       weyl_value(base + (uint64_t)from * WEYL_STEP);
		else
			want = weyl_value(xp);
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

uint8_t pattern_fill_value(uint64_t seed)
{
	return mix(seed ^ POISON_SALT) >> 56;
}

/* The poison of a fill job's destination byte: never its value. */
static uint8_t fill_poison(const struct pattern_job *j, uint64_t x, size_t i,
			   uint8_t value)
{
	uint8_t b = weyl_value(x);

	if (in_range(j, i, false, NULL))
		b |= PATTERN_OVERWRITE;
	return b == value ? b ^ PATTERN_COPY : b;
}

void pattern_poison(const struct pattern_job *j, uint8_t value)
{
	uint64_t xp = weyl_start(j->seed ^ POISON_SALT, 0);
	size_t i;

	for (i = 0; i < j->buf_len; i++, xp += WEYL_STEP)
		j->dst[i] = fill_poison(j, xp, i, value);
}

size_t pattern_verify_fill(const struct pattern_job *j, uint8_t value,
			   struct pattern_error *errs, size_t max_errs)
{
	uint64_t xp = weyl_start(j->seed ^ POISON_SALT, 0);
	struct pattern_error e;
	uint8_t want, poison;
	size_t n = 0, i;
	bool in;

	for (i = 0; i < j->buf_len; i++, xp += WEYL_STEP) {
		in = in_range(j, i, false, NULL);
		poison = fill_poison(j, xp, i, value);
		want = in ? value : poison;
		if (j->dst[i] == want)
			continue;
		e = (struct pattern_error){
			.in_dst = true, .offset = i, .expected = want,
			.got = j->dst[i], .kind = PATTERN_CORRUPT,
		};
		if (!in)
			e.kind = PATTERN_GUARD;
		else if (e.got == poison)
			e.kind = PATTERN_NOT_COPIED;
		else if (j->has_prev &&
			 e.got == pattern_fill_value(j->prev_seed))
			e.kind = PATTERN_STALE;
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
