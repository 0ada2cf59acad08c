// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: parsing sizes and counts from the command line.
 */
#include <errno.h>

#include "ktap.h"
#include "parse.h"

struct parse_case {
	const char *in;
	uint64_t min;
	uint64_t max;
	int ret;		/* 0, -EINVAL or -ERANGE */
	uint64_t val;		/* when @ret is 0 */
	const char *why;	/* when @ret is not */
};

#define ANY_MAX UINT64_MAX

static const struct parse_case size_cases[] = {
	{ "4096", 1, ANY_MAX, 0, 4096, NULL },
	{ "1", 1, ANY_MAX, 0, 1, NULL },
	{ "4K", 1, ANY_MAX, 0, 4096, NULL },
	{ "4k", 1, ANY_MAX, 0, 4096, NULL },
	{ "64K", 1, ANY_MAX, 0, 65536, NULL },
	{ "3M", 1, ANY_MAX, 0, 3 << 20, NULL },
	{ "2g", 1, ANY_MAX, 0, 2ULL << 30, NULL },
	{ "0K", 0, ANY_MAX, 0, 0, NULL },
	{ "007", 1, ANY_MAX, 0, 7, NULL },
	{ "18446744073709551615", 1, ANY_MAX, 0, UINT64_MAX, NULL },
	{ "17179869183G", 1, ANY_MAX, 0, 17179869183ULL << 30, NULL },
	{ "", 1, ANY_MAX, -EINVAL, 0, "empty" },
	{ "-1", 1, ANY_MAX, -EINVAL, 0, "negative" },
	{ "+4", 1, ANY_MAX, -EINVAL, 0, "not a number" },
	{ " 4", 1, ANY_MAX, -EINVAL, 0, "not a number" },
	{ "K", 1, ANY_MAX, -EINVAL, 0, "not a number" },
	{ "0x10", 1, ANY_MAX, -EINVAL, 0, "trailing characters" },
	{ "12x", 1, ANY_MAX, -EINVAL, 0, "trailing characters" },
	{ "4 ", 1, ANY_MAX, -EINVAL, 0, "trailing characters" },
	{ "1.5K", 1, ANY_MAX, -EINVAL, 0, "trailing characters" },
	{ "4T", 1, ANY_MAX, -EINVAL, 0, "trailing characters" },
	{ "4KB", 1, ANY_MAX, -EINVAL, 0, "unknown suffix (use K, M or G)" },
	{ "4KiB", 1, ANY_MAX, -EINVAL, 0, "unknown suffix (use K, M or G)" },
	{ "4MM", 1, ANY_MAX, -EINVAL, 0, "unknown suffix (use K, M or G)" },
	{ "0", 1, ANY_MAX, -ERANGE, 0, "out of range (at least 1)" },
	{ "0K", 1, ANY_MAX, -ERANGE, 0, "out of range (at least 1)" },
	{ "18446744073709551616", 1, ANY_MAX, -ERANGE, 0, NULL },
	{ "99999999999999999999999", 1, ANY_MAX, -ERANGE, 0, NULL },
	{ "17179869184G", 1, ANY_MAX, -ERANGE, 0, NULL },
	{ "18014398509481984K", 1, ANY_MAX, -ERANGE, 0, NULL },
	{ "2K", 1, 1024, -ERANGE, 0, "out of range (at most 1K)" },
	{ "1025", 1, 1024, -ERANGE, 0, "out of range (at most 1K)" },
	{ "1024", 1, 1024, 0, 1024, NULL },
};

static const struct parse_case uint_cases[] = {
	{ "1000", 1, ANY_MAX, 0, 1000, NULL },
	{ "1", 1, 1, 0, 1, NULL },
	{ "4294967295", 1, UINT32_MAX, 0, UINT32_MAX, NULL },
	{ "4294967296", 1, UINT32_MAX, -ERANGE, 0, "out of range (at most 4294967295)" },
	{ "0", 1, 16, -ERANGE, 0, "out of range (at least 1)" },
	{ "17", 1, 16, -ERANGE, 0, "out of range (at most 16)" },
	{ "18446744073709551616", 0, ANY_MAX, -ERANGE, 0, NULL },
	{ "1K", 1, ANY_MAX, -EINVAL, 0, "trailing characters" },
	{ "", 1, ANY_MAX, -EINVAL, 0, "empty" },
	{ "-5", 1, ANY_MAX, -EINVAL, 0, "negative" },
	{ "1e3", 1, ANY_MAX, -EINVAL, 0, "trailing characters" },
	{ "abc", 1, ANY_MAX, -EINVAL, 0, "not a number" },
};

static void run_case(const struct parse_case *c, bool size)
{
	uint64_t val = 0xdeadbeef;
	const char *why = NULL;
	int ret;

	ktap_begin();
	ret = size ? parse_size(c->in, c->min, c->max, &val, &why) :
		     parse_uint(c->in, c->min, c->max, &val, &why);
	CHECK_U64((uint64_t)(int64_t)ret, (uint64_t)(int64_t)c->ret);
	if (!c->ret)
		CHECK_U64(val, c->val);
	else
		CHECK_U64(val, 0xdeadbeef);	/* untouched on failure */
	if (c->ret && c->why)
		CHECK_STR(why, c->why);
	if (c->ret && !c->why)
		CHECK(why && why[0]);
	ktap_end("%s '%s' [%" PRIu64 ", %" PRIu64 "]", size ? "size" : "uint",
		 c->in, c->min, c->max);
}

static const struct {
	uint64_t bytes;
	const char *str;
} size_str_cases[] = {
	{ 0, "0" }, { 1000, "1000" }, { 1024, "1K" }, { 1536, "1536" },
	{ 4 << 20, "4M" }, { 3ULL << 30, "3G" }, { 1ULL << 40, "1024G" },
};

int main(void)
{
	char buf[32];
	size_t i;

	ktap_plan(ARRAY_SIZE(size_cases) + ARRAY_SIZE(uint_cases) +
		  ARRAY_SIZE(size_str_cases));
	for (i = 0; i < ARRAY_SIZE(size_cases); i++)
		run_case(&size_cases[i], true);
	for (i = 0; i < ARRAY_SIZE(uint_cases); i++)
		run_case(&uint_cases[i], false);
	for (i = 0; i < ARRAY_SIZE(size_str_cases); i++) {
		ktap_begin();
		CHECK_STR(size_str(size_str_cases[i].bytes, buf, sizeof(buf)),
			  size_str_cases[i].str);
		ktap_end("size_str %" PRIu64, size_str_cases[i].bytes);
	}
	return ktap_finish();
}
