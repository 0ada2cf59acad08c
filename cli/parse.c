// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: strict number parsing.
 *
 * strtoull() accepts blanks, signs ("-1" becomes 2^64 - 1) and base
 * prefixes, so digits are converted here one by one with an overflow check.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

/* Sizes name their bounds the way they are typed: "at most 1024G". */
static const char *range_why(uint64_t min, uint64_t max, uint64_t val,
			     int overflow, int is_size)
{
	static char buf[80];
	int above = overflow || val > max;
	uint64_t bound = above ? max : min;
	char num[32];

	if (is_size)
		size_str(bound, num, sizeof(num));
	else
		snprintf(num, sizeof(num), "%llu", (unsigned long long)bound);
	snprintf(buf, sizeof(buf), "out of range (at %s %s)",
		 above ? "most" : "least", num);
	return buf;
}

/* Leading digits of @s into @val; returns the first non-digit. */
static const char *digits(const char *s, uint64_t *val, int *overflow)
{
	uint64_t v = 0;

	*overflow = 0;
	for (; isdigit((unsigned char)*s); s++) {
		unsigned int d = *s - '0';

		if (v > (UINT64_MAX - d) / 10)
			*overflow = 1;
		else
			v = v * 10 + d;
	}
	*val = v;
	return s;
}

static int number(const char *s, const char **end, uint64_t *val,
		  int *overflow, const char **why)
{
	if (!*s) {
		*why = "empty";
		return -EINVAL;
	}
	if (*s == '-') {
		*why = "negative";
		return -EINVAL;
	}
	if (!isdigit((unsigned char)*s)) {
		*why = "not a number";
		return -EINVAL;
	}
	*end = digits(s, val, overflow);
	return 0;
}

int parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *val,
	       const char **why)
{
	const char *end;
	int overflow;
	uint64_t v;
	int ret;

	ret = number(s, &end, &v, &overflow, why);
	if (ret)
		return ret;
	if (*end) {
		*why = "trailing characters";
		return -EINVAL;
	}
	if (overflow || v < min || v > max) {
		*why = range_why(min, max, v, overflow, 0);
		return -ERANGE;
	}
	*val = v;
	return 0;
}

int parse_size(const char *s, uint64_t min, uint64_t max, uint64_t *val,
	       const char **why)
{
	unsigned int shift = 0;
	const char *end;
	int overflow;
	uint64_t v;
	int ret;

	ret = number(s, &end, &v, &overflow, why);
	if (ret)
		return ret;
	switch (*end) {
	case '\0':
		break;
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	case 'g':
	case 'G':
		shift = 30;
		break;
	default:
		*why = "trailing characters";
		return -EINVAL;
	}
	if (shift && end[1]) {
		*why = "unknown suffix (use K, M or G)";
		return -EINVAL;
	}
	if (v > UINT64_MAX >> shift)
		overflow = 1;
	v <<= shift;
	if (overflow || v < min || v > max) {
		*why = range_why(min, max, v, overflow, 1);
		return -ERANGE;
	}
	*val = v;
	return 0;
}

const char *size_str(uint64_t bytes, char *buf, unsigned int len)
{
	static const char suffix[] = "KMG";
	unsigned int i = 0;

	while (i < 3 && bytes && !(bytes & 1023)) {
		bytes >>= 10;
		i++;
	}
	if (i)
		snprintf(buf, len, "%llu%c", (unsigned long long)bytes,
			 suffix[i - 1]);
	else
		snprintf(buf, len, "%llu", (unsigned long long)bytes);
	return buf;
}

int parse_addr(const char *s, uint64_t *val, const char **why)
{
	const char *p = s + 2;
	uint64_t v = 0;
	unsigned int d;

	if (strncmp(s, "0x", 2) && strncmp(s, "0X", 2))
		return parse_uint(s, 0, UINT64_MAX, val, why);
	if (!*p) {
		*why = "no digits after 0x";
		return -EINVAL;
	}
	for (; *p; p++) {
		if (!isxdigit((unsigned char)*p)) {
			*why = "trailing characters";
			return -EINVAL;
		}
		d = isdigit((unsigned char)*p) ? *p - '0' :
						 tolower((unsigned char)*p) - 'a' + 10;
		if (v >> 60) {
			*why = "out of range (more than 64 bits)";
			return -ERANGE;
		}
		v = v << 4 | d;
	}
	*val = v;
	return 0;
}
