/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: one output layer for text and JSON, after iproute2's
 * json_print.h.  Each print_*() call names a JSON key and a printf format
 * for text; PRINT_ANY prints in both modes, PRINT_JSON and PRINT_FP in one.
 * JSON is pretty-printed, one key per line, so that shell scripts can pick
 * values out with sed.
 */
#ifndef DMACTL_OUTPUT_H
#define DMACTL_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum output_type {
	PRINT_FP = 1,		/* text mode only */
	PRINT_JSON = 2,		/* JSON mode only */
	PRINT_ANY = PRINT_FP | PRINT_JSON,
};

/* Set by -j/--json; read when the command starts its output. */
void output_set_json(bool json);
bool output_json(void);

/*
 * output_begin() - start a report on @f: in JSON mode open the root object.
 * output_end() - close it, flush @f; returns 0 or a negative errno if
 * writing failed.
 */
void output_begin(FILE *f);
int output_end(void);

/* @key is NULL for an element of an array.  Objects and arrays are JSON only. */
void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);

/*
 * In text mode @fmt takes the value (print_bool() and print_null() take a
 * string: "yes"/"no" and @text); in JSON mode @fmt is ignored.
 */
void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value);
void print_uint(enum output_type t, const char *key, const char *fmt,
		uint64_t value);
void print_int(enum output_type t, const char *key, const char *fmt,
	       int64_t value);
/* JSON gets a fixed 3 decimals (never an exponent); NaN and inf give null. */
void print_float(enum output_type t, const char *key, const char *fmt,
		 double value);
void print_bool(enum output_type t, const char *key, const char *fmt,
		bool value);
void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text);
/* Text mode only: free-form text such as table headers and newlines. */
void print_fp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* DMACTL_OUTPUT_H */
