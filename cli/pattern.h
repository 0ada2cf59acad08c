/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: data patterns that tell a source byte, a copied byte, a byte the
 * DMA should not have touched and a byte it should have written apart.
 *
 * Every byte carries class bits and five bits that depend on its offset and
 * on a per-job seed:
 *
 *   source buffer, inside the copied range   SRC | COPY | value(seed, i)
 *   source buffer, outside it                 SRC |        value(seed, i)
 *   destination, inside the range (poison)          OVERWRITE | poison(i)
 *   destination, outside it (guard)                             poison(i)
 *
 * After a good copy the destination range equals the source range.  A byte
 * still carrying OVERWRITE was never written; a byte equal to what the
 * previous job in that buffer carried is a stale copy; a guard byte with
 * SRC set was written by the transfer.  Varying the value bits with the
 * seed is what makes a stale copy visible, and with the offset what makes
 * a shifted copy visible.
 */
#ifndef DMACTL_PATTERN_H
#define DMACTL_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PATTERN_SRC		0x80
#define PATTERN_COPY		0x40
#define PATTERN_OVERWRITE	0x20
#define PATTERN_VALUE_MASK	0x1f

enum pattern_error_kind {
	PATTERN_SRC_CHANGED,	/* the transfer wrote into its source */
	PATTERN_NOT_COPIED,	/* destination byte never written */
	PATTERN_STALE,		/* the previous job's data, not this one's */
	PATTERN_CORRUPT,	/* some other wrong value */
	PATTERN_GUARD,		/* written outside the destination range */
};

/**
 * struct pattern_job - where a job's pattern lives
 * @src: source buffer; NULL for a fill (memset) job
 * @dst: destination buffer
 * @buf_len: bytes in each buffer
 * @off: start of the copied range in both buffers
 * @len: bytes copied, or of each chunk when @nchunks is set
 * @nchunks: 0 for one contiguous range; else chunks of @len bytes, chunk
 *	k at @off + k * @src_stride in the source and @off + k * @dst_stride
 *	in the destination (an interleaved transfer; the gaps between chunks
 *	are guard bytes)
 * @src_stride: see @nchunks
 * @dst_stride: see @nchunks
 * @seed: this job's seed
 * @prev_seed: the seed of the job that used these buffers before
 * @has_prev: whether @prev_seed means anything
 */
struct pattern_job {
	uint8_t *src;
	uint8_t *dst;
	size_t buf_len;
	size_t off;
	size_t len;
	size_t nchunks;
	size_t src_stride;
	size_t dst_stride;
	uint64_t seed;
	uint64_t prev_seed;
	bool has_prev;
};

struct pattern_error {
	bool in_dst;		/* else in the source buffer */
	size_t offset;		/* from the start of the buffer */
	uint8_t expected;
	uint8_t got;
	enum pattern_error_kind kind;
};

/* Fill the source and poison the destination of @j. */
void pattern_fill(const struct pattern_job *j);

/**
 * pattern_verify() - check both buffers of a finished job
 * @j: the job
 * @errs: the first mismatches, in buffer order, source first
 * @max_errs: room in @errs
 *
 * Return: the number of mismatched bytes, which may exceed @max_errs.
 */
size_t pattern_verify(const struct pattern_job *j, struct pattern_error *errs,
		      size_t max_errs);

/*
 * Fill (memset) jobs: the value a job with @seed writes, poison of the
 * destination that never equals it, and the check.  PATTERN_STALE means a
 * byte holds the previous job's value, PATTERN_NOT_COPIED the poison.
 */
uint8_t pattern_fill_value(uint64_t seed);
void pattern_poison(const struct pattern_job *j, uint8_t value);
size_t pattern_verify_fill(const struct pattern_job *j, uint8_t value,
			   struct pattern_error *errs, size_t max_errs);

const char *pattern_error_str(enum pattern_error_kind kind);

#endif /* DMACTL_PATTERN_H */
