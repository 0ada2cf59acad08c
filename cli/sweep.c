// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: sweep lists.  Each item is cut out of the list and handed to the
 * strict number parsers, so a list accepts exactly the numbers a single
 * option does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "sweep.h"

#define ITEM_LEN	64

static int value(const char *s, bool is_size, uint64_t min, uint64_t max,
		 uint64_t *v, const char **why)
{
	return is_size ? parse_size(s, min, max, v, why) :
			 parse_uint(s, min, max, v, why);
}

static int add(struct sweep *w, uint64_t v, const char **why)
{
	if (w->n == SWEEP_MAX_VALUES) {
		*why = "more than 1024 values";
		return -ERANGE;
	}
	w->v[w->n++] = v;
	return 0;
}

/* FROM..TO[:xF|:+S] in @item, which the caller may cut up. */
static int range(char *item, char *dots, bool is_size, uint64_t min,
		 uint64_t max, struct sweep *w, const char **why)
{
	uint64_t from, to, step = 2, v;
	char *to_s = dots + 2, *colon;
	bool mul = true;
	int ret;

	*dots = '\0';
	colon = strchr(to_s, ':');
	if (colon) {
		*colon = '\0';
		if (colon[1] != 'x' && colon[1] != '+') {
			*why = "a range step is :xFACTOR or :+STEP";
			return -EINVAL;
		}
		mul = colon[1] == 'x';
		ret = mul ? parse_uint(colon + 2, 2, UINT32_MAX, &step, why) :
			    value(colon + 2, is_size, 1, UINT64_MAX, &step, why);
		if (ret)
			return ret;
	}
	ret = value(item, is_size, min, max, &from, why);
	if (!ret)
		ret = value(to_s, is_size, min, max, &to, why);
	if (ret)
		return ret;
	if (from > to) {
		*why = "a range must go up";
		return -EINVAL;
	}
	if (mul && !from) {
		*why = "a multiplied range cannot start at 0";
		return -EINVAL;
	}
	for (v = from; v <= to;) {
		ret = add(w, v, why);
		if (ret)
			return ret;
		/* the next value would overflow: it is past @to anyway */
		if (mul ? v > to / step : v > to - step)
			break;
		v = mul ? v * step : v + step;
	}
	return 0;
}

int sweep_parse(const char *s, bool is_size, uint64_t min, uint64_t max,
		struct sweep *out, const char **why)
{
	struct sweep w;
	char item[ITEM_LEN], *dots;
	const char *p = s, *end;
	size_t len;
	uint64_t v;
	int ret;

	w.n = 0;
	for (;;) {
		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		if (!len) {
			*why = *s ? "empty item" : "empty";
			return -EINVAL;
		}
		if (len >= sizeof(item)) {
			*why = "item too long";
			return -EINVAL;
		}
		memcpy(item, p, len);
		item[len] = '\0';
		dots = strstr(item, "..");
		if (dots) {
			ret = range(item, dots, is_size, min, max, &w, why);
		} else {
			ret = value(item, is_size, min, max, &v, why);
			if (!ret)
				ret = add(&w, v, why);
		}
		if (ret)
			return ret;
		if (!end)
			break;
		p = end + 1;
	}
	*out = w;
	return 0;
}
