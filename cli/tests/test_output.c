// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: the output layer prints the same calls as text or as valid,
 * pretty-printed JSON.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "json_check.h"
#include "ktap.h"
#include "memout.h"
#include "output.h"


static void test_text(void)
{
	char *s;

	ktap_begin();
	memout_start(false);
	print_string(PRINT_ANY, "name", "name %s", "dma0chan0");
	print_uint(PRINT_ANY, "n", " n=%" PRIu64, 42);
	print_int(PRINT_ANY, "i", " i=%" PRId64, -3);
	print_float(PRINT_ANY, "f", " f=%.2f", 1.5);
	print_bool(PRINT_ANY, "b", " b=%s", true);
	print_null(PRINT_ANY, "z", " z=%s", "?");
	print_uint(PRINT_JSON, "hidden", "%" PRIu64, 7);
	open_json_array("arr");
	print_uint(PRINT_JSON, NULL, NULL, 1);
	close_json_array();
	print_fp("\n# comment %d\n", 1);
	s = memout_finish();
	CHECK_STR(s, "name dma0chan0 n=42 i=-3 f=1.50 b=yes z=?\n# comment 1\n");
	free(s);
	ktap_end("text mode uses the formats, skips JSON-only items");
}

static void test_json_scalars(void)
{
	char *s;

	ktap_begin();
	memout_start(true);
	print_string(PRINT_ANY, "name", "%s", "dma0chan0");
	print_uint(PRINT_ANY, "n", "%" PRIu64, UINT64_MAX);
	print_int(PRINT_ANY, "i", "%" PRId64, INT64_MIN);
	print_float(PRINT_ANY, "f", "%f", 1234.56789);
	print_bool(PRINT_ANY, "t", "%s", true);
	print_bool(PRINT_ANY, "no", "%s", false);
	print_null(PRINT_ANY, "z", "%s", "?");
	print_fp("text only %d\n", 1);
	print_uint(PRINT_FP, "text", "%" PRIu64, 1);
	s = memout_finish();
	CHECK_STR(s, "{\n"
		  "    \"name\": \"dma0chan0\",\n"
		  "    \"n\": 18446744073709551615,\n"
		  "    \"i\": -9223372036854775808,\n"
		  "    \"f\": 1234.568,\n"
		  "    \"t\": true,\n"
		  "    \"no\": false,\n"
		  "    \"z\": null\n"
		  "}\n");
	CHECK(json_valid(s));
	free(s);
	ktap_end("JSON scalars, one key per line");
}

static void test_json_escape(void)
{
	char *s;

	ktap_begin();
	memout_start(true);
	print_string(PRINT_ANY, "k\"ey", "%s",
		     "q\" b\\ s/ n\n r\r t\t \x01 \x1f \x7f \xc3\xa9 \b\f");
	s = memout_finish();
	CHECK_STR(s, "{\n"
		  "    \"k\\\"ey\": \"q\\\" b\\\\ s/ n\\n r\\r t\\t \\u0001 \\u001f \\u007f \xc3\xa9 \\b\\f\"\n"
		  "}\n");
	CHECK(json_valid(s));
	free(s);
	ktap_end("JSON string escapes");
}

static void test_json_nesting(void)
{
	char *s;

	ktap_begin();
	memout_start(true);
	print_string(PRINT_JSON, "command", NULL, "list");
	open_json_array("channels");
	open_json_object(NULL);
	print_string(PRINT_JSON, "channel", NULL, "dma0chan0");
	open_json_array("caps");
	print_string(PRINT_JSON, NULL, NULL, "memcpy");
	print_string(PRINT_JSON, NULL, NULL, "private");
	close_json_array();
	close_json_object();
	open_json_object(NULL);
	open_json_array("caps");
	close_json_array();
	close_json_object();
	close_json_array();
	open_json_object("empty");
	close_json_object();
	s = memout_finish();
	CHECK_STR(s, "{\n"
		  "    \"command\": \"list\",\n"
		  "    \"channels\": [\n"
		  "        {\n"
		  "            \"channel\": \"dma0chan0\",\n"
		  "            \"caps\": [\n"
		  "                \"memcpy\",\n"
		  "                \"private\"\n"
		  "            ]\n"
		  "        },\n"
		  "        {\n"
		  "            \"caps\": []\n"
		  "        }\n"
		  "    ],\n"
		  "    \"empty\": {}\n"
		  "}\n");
	CHECK(json_valid(s));
	free(s);
	ktap_end("JSON objects in arrays, empty containers");
}

static void test_json_floats(void)
{
	char *s;

	ktap_begin();
	memout_start(true);
	print_float(PRINT_ANY, "nan", "%f", NAN);
	print_float(PRINT_ANY, "inf", "%f", INFINITY);
	print_float(PRINT_ANY, "big", "%f", 1e20);
	print_float(PRINT_ANY, "small", "%f", 1e-9);
	print_float(PRINT_ANY, "rate", "%f", 0.000215);
	print_float(PRINT_ANY, "tiny", "%f", 1e-12);
	print_float(PRINT_ANY, "neg", "%f", -2.5);
	s = memout_finish();
	CHECK_STR(s, "{\n"
		  "    \"nan\": null,\n"
		  "    \"inf\": null,\n"
		  "    \"big\": 100000000000000000000.000,\n"
		  "    \"small\": 0.000000001,\n"
		  "    \"rate\": 0.000215,\n"
		  "    \"tiny\": 0.000000000,\n"
		  "    \"neg\": -2.500\n"
		  "}\n");
	CHECK(json_valid(s));
	free(s);
	ktap_end("JSON numbers never use exponents, small ones keep 3 digits, NaN is null");
}

static void test_unclosed(void)
{
	char *s;

	ktap_begin();
	memout_start(true);
	open_json_array("a");
	open_json_object(NULL);
	print_uint(PRINT_JSON, "x", NULL, 1);
	s = memout_finish();
	CHECK(json_valid(s));
	free(s);
	ktap_end("output_end() closes what a failing command left open");
}

static void test_write_error(void)
{
	FILE *f = fopen("/dev/full", "w");

	ktap_begin();
	CHECK(f != NULL);
	if (f) {
		output_set_json(true);
		output_begin(f);
		print_string(PRINT_ANY, "k", "%s", "v");
		CHECK(output_end() == -ENOSPC);
		fclose(f);
	}
	ktap_end("a write error is reported");
}

static void test_checker(void)
{
	/* the checker itself must reject what is not JSON */
	ktap_begin();
	CHECK(json_valid("{\"a\": [1, -2.5e3, true, null, \"x\\u00e9\"]}"));
	CHECK(!json_valid("{\"a\": 1,}"));
	CHECK(!json_valid("{\"a\" 1}"));
	CHECK(!json_valid("[01]"));
	CHECK(!json_valid("\"tab\there\""));
	CHECK(!json_valid("{\"a\": nan}"));
	CHECK(!json_valid("{} {}"));
	CHECK(!json_valid("\"\\x\""));
	CHECK(!json_valid("{"));
	ktap_end("the JSON checker rejects broken JSON");
}

int main(void)
{
	ktap_plan(8);
	test_text();
	test_json_scalars();
	test_json_escape();
	test_json_nesting();
	test_json_floats();
	test_unclosed();
	test_write_error();
	test_checker();
	return ktap_finish();
}
