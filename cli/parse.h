/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: strict parsing of numbers from the command line.
 *
 * A number is one or more decimal digits and nothing else: no sign, no
 * blanks, no base prefix.  A size may end in K, M or G (either case), a
 * power of 1024; any other suffix, "KB" and "KiB" included, is rejected so
 * that nobody has to guess whether a kilobyte has 1000 or 1024 bytes.
 */
#ifndef DMACTL_PARSE_H
#define DMACTL_PARSE_H

#include <stdint.h>

/**
 * parse_uint() - parse a plain decimal number
 * @s: the text
 * @min: smallest value accepted
 * @max: largest value accepted
 * @val: the value, set only on success
 * @why: on failure, why @s was refused ("trailing characters" ...)
 *
 * Return: 0, or -EINVAL for a malformed number, -ERANGE for one outside
 * [@min, @max].
 */
int parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *val,
	       const char **why);

/**
 * parse_size() - parse a byte count with an optional K, M or G suffix
 * @s: the text
 * @min: smallest value accepted, after the suffix is applied
 * @max: largest value accepted, after the suffix is applied
 * @val: the value, set only on success
 * @why: on failure, why @s was refused
 *
 * Return: as parse_uint().
 */
int parse_size(const char *s, uint64_t min, uint64_t max, uint64_t *val,
	       const char **why);

/**
 * parse_addr() - parse a device address
 * @s: the text: decimal digits, or hexadecimal ones after "0x"
 * @val: the value, set only on success
 * @why: on failure, why @s was refused
 *
 * Return: 0, -EINVAL for a malformed address, -ERANGE beyond 64 bits.
 */
int parse_addr(const char *s, uint64_t *val, const char **why);

/* Size as the shortest exact "64K" / "4M" / "1000" form, for messages. */
const char *size_str(uint64_t bytes, char *buf, unsigned int len);

#endif /* DMACTL_PARSE_H */
