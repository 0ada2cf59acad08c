/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A strict JSON (RFC 8259) syntax checker for the tests, so that "valid
 * JSON" is checked here rather than assumed.
 */
#ifndef DMACTL_JSON_CHECK_H
#define DMACTL_JSON_CHECK_H

#include <stdbool.h>
#include <string.h>

struct json_in {
	const char *p;
	int depth;
};

static bool json_value(struct json_in *in);

static void json_ws(struct json_in *in)
{
	while (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' ||
	       *in->p == '\r')
		in->p++;
}

static bool json_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static bool json_str(struct json_in *in)
{
	if (*in->p++ != '"')
		return false;
	for (;;) {
		unsigned char c = *in->p++;

		if (c == '"')
			return true;
		if (c < 0x20)
			return false;	/* also the end of the text */
		if (c != '\\')
			continue;
		c = *in->p++;
		if (c == 'u') {
			int i;

			for (i = 0; i < 4; i++)
				if (!json_hex(*in->p++))
					return false;
		} else if (!c || !strchr("\"\\/bfnrt", c)) {
			return false;
		}
	}
}

static bool json_digits(struct json_in *in)
{
	if (*in->p < '0' || *in->p > '9')
		return false;
	while (*in->p >= '0' && *in->p <= '9')
		in->p++;
	return true;
}

static bool json_num(struct json_in *in)
{
	if (*in->p == '-')
		in->p++;
	if (*in->p == '0')
		in->p++;
	else if (!json_digits(in))
		return false;
	if (*in->p == '.') {
		in->p++;
		if (!json_digits(in))
			return false;
	}
	if (*in->p == 'e' || *in->p == 'E') {
		in->p++;
		if (*in->p == '+' || *in->p == '-')
			in->p++;
		if (!json_digits(in))
			return false;
	}
	return true;
}

static bool json_lit(struct json_in *in, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(in->p, lit, n))
		return false;
	in->p += n;
	return true;
}

static bool json_container(struct json_in *in, char open, char close)
{
	if (*in->p++ != open || ++in->depth > 64)
		return false;
	json_ws(in);
	if (*in->p == close) {
		in->p++;
		in->depth--;
		return true;
	}
	for (;;) {
		json_ws(in);
		if (open == '{') {
			if (!json_str(in))
				return false;
			json_ws(in);
			if (*in->p++ != ':')
				return false;
		}
		if (!json_value(in))
			return false;
		json_ws(in);
		if (*in->p == ',') {
			in->p++;
			continue;
		}
		if (*in->p++ != close)
			return false;
		in->depth--;
		return true;
	}
}

static bool json_value(struct json_in *in)
{
	json_ws(in);
	switch (*in->p) {
	case '{':
		return json_container(in, '{', '}');
	case '[':
		return json_container(in, '[', ']');
	case '"':
		return json_str(in);
	case 't':
		return json_lit(in, "true");
	case 'f':
		return json_lit(in, "false");
	case 'n':
		return json_lit(in, "null");
	default:
		return json_num(in);
	}
}

/* Whether @text is exactly one JSON value, blanks around it allowed. */
static inline bool json_valid(const char *text)
{
	struct json_in in = { .p = text };

	if (!json_value(&in))
		return false;
	json_ws(&in);
	return *in.p == '\0';
}

#endif /* DMACTL_JSON_CHECK_H */
