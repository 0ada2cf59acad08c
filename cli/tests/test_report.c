// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: a measured point as a CSV row, JSON members and a table row,
 * and the metadata around them.  The CSV header is a contract with the
 * scripts that read it, so it is checked word for word.
 */
#include <stdlib.h>

#include "cmd.h"
#include "contract.h"
#include "json_check.h"
#include "ktap.h"
#include "memout.h"
#include "output.h"
#include "report.h"


static struct point sample(void)
{
	struct point pt = {
		.job = "memcpy",
		.channel = "dma0chan0+dma0chan1",
		.size_bytes = 65536,
		.width_bytes = 4,
		.burst = 16,
		.qdepth = 8,
		.channels = 2,
		.threads = 3,
		.rep = 2,
		.mode = MODE_KERNEL,
		.st = {
			.ops = 10, .bytes = 655360, .busy_ns = 1000000,
			.elapsed_ns = 1500000, .mbps = 655.36,
			.mibps = 625.0, .iops = 10000.0, .lat_min_ns = 90,
			.lat_p50_ns = 100, .lat_p99_ns = 200,
			.lat_p999_ns = 300, .lat_max_ns = 400,
			.lat_mean_ns = 150.5,
		},
		.job_errors = 1,
		.bad_jobs = 2,
		.verify_errors = 77,
	};

	return pt;
}

/* Fields of a CSV line, split at commas; returns how many. */
static int fields(char *line, char **f, int max)
{
	int n = 0;

	while (n < max) {
		f[n++] = line;
		line = strchr(line, ',');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

static void test_csv(void)
{
	struct point pt = sample();
	char *s, *nl, *f[40];
	int n;

	ktap_begin();
	memout_start(false);
	report_csv_header();
	report_csv_row(&pt);
	s = memout_finish();
	CHECK(!strncmp(s, CSV_CONTRACT ",", strlen(CSV_CONTRACT ",")));
	nl = strchr(s, '\n');
	CHECK(nl != NULL);
	if (nl) {
		n = fields(nl + 1, f, 40);
		CHECK_U64(n, 26);
		CHECK_STR(f[0], "memcpy");
		CHECK_STR(f[1], "dma0chan0+dma0chan1");
		CHECK_STR(f[2], "65536");
		CHECK_STR(f[3], "4");
		CHECK_STR(f[4], "16");
		CHECK_STR(f[5], "8");
		CHECK_STR(f[6], "2");
		CHECK_STR(f[7], "3");
		CHECK_STR(f[8], "2");
		CHECK_STR(f[9], "kernel");
		CHECK_STR(f[10], "655360");
		CHECK_STR(f[11], "10");
		CHECK_STR(f[12], "1000000");
		CHECK_STR(f[13], "1500000");
		CHECK_STR(f[14], "655.360");
		CHECK_STR(f[15], "625.000");
		CHECK_STR(f[16], "10000.000");
		CHECK_STR(f[17], "100");
		CHECK_STR(f[18], "200");
		CHECK_STR(f[19], "300");
		CHECK_STR(f[20], "400");
		CHECK_STR(f[21], "3");		/* 1 failed + 2 bad jobs */
		CHECK_STR(f[22], "90");
		CHECK_STR(f[23], "150.500");
		CHECK_STR(f[24], "1");
		CHECK_STR(f[25], "77\n");
	}
	free(s);
	ktap_end("CSV: the contract's columns first, then the extra ones");
}

static void test_csv_header_fields(void)
{
	char *s, *f[40], *nl;
	int n;

	ktap_begin();
	memout_start(false);
	report_csv_header();
	s = memout_finish();
	nl = strchr(s, '\n');
	CHECK(nl && !nl[1]);
	if (nl)
		*nl = '\0';
	n = fields(s, f, 40);
	CHECK_U64(n, 26);
	CHECK_STR(f[21], "errors");
	free(s);
	ktap_end("CSV header: one line, as many columns as a row");
}

static void test_json(void)
{
	struct point pt = sample();
	char *s;

	ktap_begin();
	memout_start(true);
	open_json_array("points");
	open_json_object(NULL);
	report_json_params(&pt);
	report_json_figures(&pt);
	close_json_object();
	close_json_array();
	s = memout_finish();
	CHECK(json_valid(s));
	CHECK(strstr(s, "\"job\": \"memcpy\",") != NULL);
	CHECK(strstr(s, "\"channel\": \"dma0chan0+dma0chan1\",") != NULL);
	CHECK(strstr(s, "\"size_bytes\": 65536,") != NULL);
	CHECK(strstr(s, "\"width_bytes\": 4,") != NULL);
	CHECK(strstr(s, "\"mode\": \"kernel\",") != NULL);
	CHECK(strstr(s, "\"throughput_MBps\": 655.360,") != NULL);
	CHECK(strstr(s, "\"throughput_MiBps\": 625.000,") != NULL);
	CHECK(strstr(s, "\"latency_p999_ns\": 300,") != NULL);
	CHECK(strstr(s, "\"errors\": 3,") != NULL);
	CHECK(strstr(s, "\"verify_errors\": 77,") != NULL);
	free(s);
	ktap_end("JSON: the same fields, units in the key names");
}

static void test_text(void)
{
	struct point pt = sample();
	char *s, *nl;

	ktap_begin();
	memout_start(false);
	report_text_header();
	report_text_row(&pt);
	s = memout_finish();
	CHECK(s[0] == '#');
	nl = strchr(s, '\n');
	CHECK(nl && strchr(nl + 1, '\n'));
	/* the header and the row line up: same length */
	if (nl && strchr(nl + 1, '\n'))
		CHECK_U64(nl - s, strchr(nl + 1, '\n') - (nl + 1));
	CHECK(strstr(s, "MB/s") && strstr(s, "MiB/s") && strstr(s, "p99.9_ns"));
	CHECK(strstr(s, " 655.4 ") && strstr(s, " 625.0 ") && strstr(s, " kernel "));
	free(s);
	ktap_end("text: a '#' header and a row of the same width");
}

static void test_meta(void)
{
	struct dmactl_info mi = { .abi_version = 7 };
	struct dmactl_chan_info ci = {
		.chan_name = "dma3chan1",
		.dev_name = "board-dma",
		.driver_name = "",
	};
	struct report_meta m;
	char *s;

	ktap_begin();
	report_meta_init(&m, "bench", &mi, &ci);
	CHECK_STR(m.provider, "-");
	CHECK_STR(m.device, "board-dma");
	CHECK_STR(m.provider_mode, "none");
	memout_start(false);
	report_meta_print(&m, REPORT_CSV);
	s = memout_finish();
	CHECK(strstr(s, "# tool: dmactl " DMACTL_VERSION "\n") != NULL);
	CHECK(strstr(s, "# abi: " STR(DMACTL_ABI_VERSION) " (module 7)\n") != NULL);
	CHECK(strstr(s, "# kernel: ") && strstr(s, "# date: 20"));
	CHECK(strstr(s, "# provider: - (device board-dma)\n") != NULL);
	CHECK(strstr(s, "# provider_mode: none\n") != NULL);
	free(s);
	memout_start(true);
	report_meta_print(&m, REPORT_JSON);
	s = memout_finish();
	CHECK(json_valid(s));
	CHECK(strstr(s, "\"module_abi_version\": 7,") != NULL);
	CHECK(strstr(s, "\"provider_mode\": \"none\"") != NULL);
	free(s);
	ktap_end("metadata: '# key: value' lines and JSON members");
}

int main(void)
{
	ktap_plan(5);
	test_csv();
	test_csv_header_fields();
	test_json();
	test_text();
	test_meta();
	return ktap_finish();
}
