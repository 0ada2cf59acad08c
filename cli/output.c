// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: text and JSON output.
 *
 * The JSON writer keeps one "first member" flag per nesting level so that
 * commas and newlines land where a pretty printer puts them.  The depth is
 * bounded by what the commands emit; deeper nesting is a programming error
 * and aborts rather than producing broken JSON.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

#define JSON_MAX_DEPTH	8
#define JSON_INDENT	4

static struct {
	FILE *f;
	bool json;
	int depth;
	bool first[JSON_MAX_DEPTH];
	char close[JSON_MAX_DEPTH];
} out = { .f = NULL };

void output_set_json(bool json)
{
	out.json = json;
}

bool output_json(void)
{
	return out.json;
}

static bool want(enum output_type t)
{
	return out.json ? (t & PRINT_JSON) : (t & PRINT_FP);
}

static void json_indent(void)
{
	fprintf(out.f, "%*s", out.depth * JSON_INDENT, "");
}

static void json_string(const char *s)
{
	const unsigned char *p;

	fputc('"', out.f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out.f);
			break;
		case '\\':
			fputs("\\\\", out.f);
			break;
		case '\b':
			fputs("\\b", out.f);
			break;
		case '\f':
			fputs("\\f", out.f);
			break;
		case '\n':
			fputs("\\n", out.f);
			break;
		case '\r':
			fputs("\\r", out.f);
			break;
		case '\t':
			fputs("\\t", out.f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out.f, "\\u%04x", *p);
			else
				fputc(*p, out.f);
		}
	}
	fputc('"', out.f);
}

/* Separator, indentation and "key": of the next member or element. */
static void json_member(const char *key)
{
	if (out.depth > 0) {
		fputs(out.first[out.depth - 1] ? "\n" : ",\n", out.f);
		out.first[out.depth - 1] = false;
	}
	json_indent();
	if (key) {
		json_string(key);
		fputs(": ", out.f);
	}
}

static void json_open(const char *key, char c)
{
	if (out.depth >= JSON_MAX_DEPTH)
		abort();
	json_member(key);
	fputc(c, out.f);
	out.close[out.depth] = c == '{' ? '}' : ']';
	out.first[out.depth++] = true;
}

static void json_close(char c)
{
	if (out.depth == 0 || out.close[out.depth - 1] != c)
		abort();
	out.depth--;
	if (!out.first[out.depth]) {
		fputc('\n', out.f);
		json_indent();
	}
	fputc(c, out.f);
}

void output_begin(FILE *f)
{
	out.f = f;
	out.depth = 0;
	if (out.json)
		json_open(NULL, '{');
}

int output_end(void)
{
	if (out.json) {
		while (out.depth > 0)
			json_close(out.close[out.depth - 1]);
		fputc('\n', out.f);
	}
	if (fflush(out.f) == EOF)
		return -errno;
	return ferror(out.f) ? -EIO : 0;
}

void open_json_object(const char *key)
{
	if (out.json)
		json_open(key, '{');
}

void close_json_object(void)
{
	if (out.json)
		json_close('}');
}

void open_json_array(const char *key)
{
	if (out.json)
		json_open(key, '[');
}

void close_json_array(void)
{
	if (out.json)
		json_close(']');
}

static void __attribute__((format(printf, 1, 2))) text(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(out.f, fmt, ap);
	va_end(ap);
}

void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value)
{
	if (!want(t))
		return;
	if (out.json) {
		json_member(key);
		json_string(value);
	} else {
		text(fmt, value);
	}
}

void print_uint(enum output_type t, const char *key, const char *fmt,
		uint64_t value)
{
	if (!want(t))
		return;
	if (out.json) {
		json_member(key);
		fprintf(out.f, "%llu", (unsigned long long)value);
	} else {
		text(fmt, value);
	}
}

void print_int(enum output_type t, const char *key, const char *fmt,
	       int64_t value)
{
	if (!want(t))
		return;
	if (out.json) {
		json_member(key);
		fprintf(out.f, "%lld", (long long)value);
	} else {
		text(fmt, value);
	}
}

/*
 * Three decimals; more below 0.1, up to 9, so that a small rate (a 1-byte
 * copy in MB/s) keeps three significant digits rather than reading 0.000.
 * No exponent: not every JSON consumer takes one.
 */
static int json_decimals(double value)
{
	int d;

	if (value == 0 || fabs(value) >= 0.1)
		return 3;
	d = 2 - (int)floor(log10(fabs(value)));
	return d > 9 ? 9 : d;
}

void print_float(enum output_type t, const char *key, const char *fmt,
		 double value)
{
	if (!want(t))
		return;
	if (out.json) {
		json_member(key);
		if (isfinite(value))
			fprintf(out.f, "%.*f", json_decimals(value), value);
		else
			fputs("null", out.f);
	} else {
		text(fmt, value);
	}
}

void print_bool(enum output_type t, const char *key, const char *fmt,
		bool value)
{
	if (!want(t))
		return;
	if (out.json) {
		json_member(key);
		fputs(value ? "true" : "false", out.f);
	} else {
		text(fmt, value ? "yes" : "no");
	}
}

void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text_value)
{
	if (!want(t))
		return;
	if (out.json) {
		json_member(key);
		fputs("null", out.f);
	} else {
		text(fmt, text_value);
	}
}

void print_fp(const char *fmt, ...)
{
	va_list ap;

	if (out.json)
		return;
	va_start(ap, fmt);
	vfprintf(out.f, fmt, ap);
	va_end(ap);
}
