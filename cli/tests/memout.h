/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The output layer printing into memory, for tests of what it prints:
 * memout_start(), print, then memout_finish() returns the text (free it).
 */
#ifndef DMACTL_TEST_MEMOUT_H
#define DMACTL_TEST_MEMOUT_H

#include <stdbool.h>
#include <stdio.h>

#include "ktap.h"
#include "output.h"

static char *memout_buf;
static size_t memout_len;
static FILE *memout_f;

static inline void memout_start(bool json)
{
	memout_f = open_memstream(&memout_buf, &memout_len);
	output_set_json(json);
	output_begin(memout_f);
}

static inline char *memout_finish(void)
{
	CHECK(output_end() == 0);
	fclose(memout_f);
	return memout_buf;
}

#endif /* DMACTL_TEST_MEMOUT_H */
