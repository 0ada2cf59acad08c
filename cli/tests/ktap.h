/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A minimal KTAP producer for the dmactl unit tests: a plan, one result
 * line per test, diagnostics as '#' lines, exit status 1 if any failed.
 */
#ifndef DMACTL_KTAP_H
#define DMACTL_KTAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* A macro's value as a string literal: STR(DMACTL_ABI_VERSION) */
#define STR_(x)	#x
#define STR(x)	STR_(x)

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

static int ktap_num;
static int ktap_failed;
static bool ktap_cur_ok;

static inline void ktap_plan(int n)
{
	printf("KTAP version 1\n1..%d\n", n);
	fflush(stdout);
}

/* Start a test: checks from now on count against it. */
static inline void ktap_begin(void)
{
	ktap_cur_ok = true;
}

static inline void __attribute__((format(printf, 1, 2)))
ktap_end(const char *fmt, ...)
{
	va_list ap;

	printf("%s %d ", ktap_cur_ok ? "ok" : "not ok", ++ktap_num);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (!ktap_cur_ok)
		ktap_failed++;
}

static inline int ktap_finish(void)
{
	printf("# %d tests, %d failed\n", ktap_num, ktap_failed);
	return ktap_failed ? 1 : 0;
}

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		ktap_cur_ok = false;					\
		printf("# %s:%d: failed: %s\n", __FILE__, __LINE__,	\
		       #cond);						\
	}								\
} while (0)

#define CHECK_U64(got, want) do {					\
	uint64_t g_ = (got), w_ = (want);				\
	if (g_ != w_) {							\
		ktap_cur_ok = false;					\
		printf("# %s:%d: %s is %" PRIu64 ", want %" PRIu64 "\n",\
		       __FILE__, __LINE__, #got, g_, w_);		\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (!g_ || strcmp(g_, w_)) {					\
		ktap_cur_ok = false;					\
		printf("# %s:%d: %s is \"%s\", want \"%s\"\n",		\
		       __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_);\
	}								\
} while (0)

#endif /* DMACTL_KTAP_H */
