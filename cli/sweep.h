/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: the value lists of a sweep, "4K,64K,1M" or "512..1M".
 *
 *   LIST  := ITEM [ "," ITEM ]...
 *   ITEM  := VALUE | VALUE ".." VALUE [ ":x" FACTOR | ":+" STEP ]
 *
 * A range starts at its first value and goes up to the second, included
 * if reached: by doubling without a step, multiplied by FACTOR (at least 2)
 * with ":xFACTOR", plus STEP with ":+STEP".  Values are plain numbers or,
 * for sizes, numbers with a K, M or G suffix (parse.h).
 */
#ifndef DMACTL_SWEEP_H
#define DMACTL_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SWEEP_MAX_VALUES	1024

struct sweep {
	uint64_t v[SWEEP_MAX_VALUES];
	size_t n;
};

/**
 * sweep_parse() - parse a list of values
 * @s: the text
 * @is_size: values take a K, M or G suffix
 * @min: smallest value accepted
 * @max: largest value accepted
 * @out: the values in the order given; set only on success
 * @why: on failure, why @s was refused
 *
 * Return: 0, or -EINVAL for a malformed list, -ERANGE for a value out of
 * [@min, @max] or a list of more than SWEEP_MAX_VALUES values.
 */
int sweep_parse(const char *s, bool is_size, uint64_t min, uint64_t max,
		struct sweep *out, const char **why);

#endif /* DMACTL_SWEEP_H */
