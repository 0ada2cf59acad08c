// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: the value lists of bench sweeps.
 */
#include <errno.h>

#include "ktap.h"
#include "sweep.h"

#define MAXV 12

struct sweep_case {
	const char *in;
	bool is_size;
	uint64_t max;
	int ret;			/* 0, -EINVAL or -ERANGE */
	size_t n;			/* values when @ret is 0 */
	uint64_t v[MAXV];
	const char *why;		/* when @ret is not 0 */
};

static const struct sweep_case cases[] = {
	{ "4K", true, UINT64_MAX, 0, 1, { 4096 }, NULL },
	{ "4K,64K,1M", true, UINT64_MAX, 0, 3, { 4096, 65536, 1 << 20 }, NULL },
	{ "1M,4K", true, UINT64_MAX, 0, 2, { 1 << 20, 4096 }, NULL },
	{ "512..4K", true, UINT64_MAX, 0, 4, { 512, 1024, 2048, 4096 }, NULL },
	{ "512..5000", true, UINT64_MAX, 0, 4, { 512, 1024, 2048, 4096 }, NULL },
	{ "1..64:x4", false, UINT64_MAX, 0, 4, { 1, 4, 16, 64 }, NULL },
	{ "1..8:+3", false, UINT64_MAX, 0, 3, { 1, 4, 7 }, NULL },
	{ "0..2:+1", false, UINT64_MAX, 0, 3, { 0, 1, 2 }, NULL },
	{ "4K..12K:+4K", true, UINT64_MAX, 0, 3, { 4096, 8192, 12288 }, NULL },
	{ "5..5", false, UINT64_MAX, 0, 1, { 5 }, NULL },
	{ "1,2..4,16", false, UINT64_MAX, 0, 4, { 1, 2, 4, 16 }, NULL },
	{ "1G..4G", true, UINT64_MAX, 0, 3, { 1ULL << 30, 2ULL << 30, 4ULL << 30 }, NULL },
	/* the step past the end would overflow: it stops there */
	{ "9223372036854775808..18446744073709551615", false, UINT64_MAX, 0, 1,
	  { 9223372036854775808ULL }, NULL },
	{ "18446744073709551614..18446744073709551615:+1", false, UINT64_MAX, 0,
	  2, { 18446744073709551614ULL, 18446744073709551615ULL }, NULL },
	{ "", true, UINT64_MAX, -EINVAL, 0, { 0 }, "empty" },
	{ "4K,", true, UINT64_MAX, -EINVAL, 0, { 0 }, "empty item" },
	{ ",4K", true, UINT64_MAX, -EINVAL, 0, { 0 }, "empty item" },
	{ "4K,,8K", true, UINT64_MAX, -EINVAL, 0, { 0 }, "empty item" },
	{ "4K,12x", true, UINT64_MAX, -EINVAL, 0, { 0 }, "trailing characters" },
	{ "4KB", true, UINT64_MAX, -EINVAL, 0, { 0 }, "unknown suffix (use K, M or G)" },
	{ "1K", false, UINT64_MAX, -EINVAL, 0, { 0 }, "trailing characters" },
	{ "-1", false, UINT64_MAX, -EINVAL, 0, { 0 }, "negative" },
	{ "8..1", false, UINT64_MAX, -EINVAL, 0, { 0 }, "a range must go up" },
	{ "0..8", false, UINT64_MAX, -EINVAL, 0, { 0 }, "a multiplied range cannot start at 0" },
	{ "1..8:x1", false, UINT64_MAX, -ERANGE, 0, { 0 }, "out of range (at least 2)" },
	{ "1..8:+0", false, UINT64_MAX, -ERANGE, 0, { 0 }, "out of range (at least 1)" },
	{ "1..8:*2", false, UINT64_MAX, -EINVAL, 0, { 0 }, "a range step is :xFACTOR or :+STEP" },
	{ "1..8:x", false, UINT64_MAX, -EINVAL, 0, { 0 }, "empty" },
	{ "1..", false, UINT64_MAX, -EINVAL, 0, { 0 }, "empty" },
	{ "..8", false, UINT64_MAX, -EINVAL, 0, { 0 }, "empty" },
	{ "1..2..4", false, UINT64_MAX, -EINVAL, 0, { 0 }, "trailing characters" },
	{ "1..100000:+1", false, UINT64_MAX, -ERANGE, 0, { 0 }, "more than 1024 values" },
	{ "5", false, 4, -ERANGE, 0, { 0 }, "out of range (at most 4)" },
	{ "1..8", false, 4, -ERANGE, 0, { 0 }, "out of range (at most 4)" },
	{ "0", false, UINT64_MAX, 0, 1, { 0 }, NULL },
	{ "a123456789012345678901234567890123456789012345678901234567890123", false,
	  UINT64_MAX, -EINVAL, 0, { 0 }, "item too long" },
};

static void run_case(const struct sweep_case *c)
{
	static struct sweep w;
	const char *why = NULL;
	size_t i;
	int ret;

	w.n = 99;
	ktap_begin();
	ret = sweep_parse(c->in, c->is_size, 0, c->max, &w, &why);
	CHECK_U64((uint64_t)(int64_t)ret, (uint64_t)(int64_t)c->ret);
	if (!c->ret) {
		CHECK_U64(w.n, c->n);
		for (i = 0; i < c->n && i < w.n; i++)
			CHECK_U64(w.v[i], c->v[i]);
	} else {
		CHECK_U64(w.n, 99);	/* untouched on failure */
		CHECK_STR(why, c->why);
	}
	ktap_end("%s list '%.40s'", c->is_size ? "size" : "number", c->in);
}

static void test_limit(void)
{
	static struct sweep w;
	const char *why;

	ktap_begin();
	CHECK(sweep_parse("1..1024:+1", false, 1, UINT64_MAX, &w, &why) == 0);
	CHECK_U64(w.n, SWEEP_MAX_VALUES);
	CHECK_U64(w.v[1023], 1024);
	CHECK(sweep_parse("1..1024:+1,5", false, 1, UINT64_MAX, &w, &why) ==
	      -ERANGE);
	CHECK(sweep_parse("0", false, 1, UINT64_MAX, &w, &why) == -ERANGE);
	ktap_end("a list holds at most 1024 values; min applies");
}

int main(void)
{
	size_t i;

	ktap_plan(ARRAY_SIZE(cases) + 1);
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
	test_limit();
	return ktap_finish();
}
