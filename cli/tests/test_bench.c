// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: bench against the fake /dev/dmactl.  The fake's clock moves
 * 1000 ns per completed job whichever session completes it, so every
 * point's busy time is its job count x 1000 ns and its figures are known,
 * however many channels and threads share the work.
 */
#include <stdlib.h>

#include "cmd.h"
#include "contract.h"
#include "fakerun.h"
#include "json_check.h"
#include "ktap.h"
#include "proc.h"

static const struct command *const table[] = { &cmd_bench };

static void run(struct fake_result *r, const struct fake_config *cfg,
		const char **args)
{
	fake_run(r, table, ARRAY_SIZE(table), cfg, args);
}

/* The CSV data rows of @out: lines not starting with '#', header skipped. */
static int csv_rows(const char *out, char rows[][512], int max)
{
	const char *p = out, *nl;
	bool header = false;
	int n = 0;

	for (; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		if (*p == '#')
			continue;
		if (!header) {
			header = true;
			continue;
		}
		if (n < max && nl - p < 512) {
			memcpy(rows[n], p, nl - p);
			rows[n][nl - p] = '\0';
		}
		n++;
	}
	return n;
}

/* Field @i (from 0) of CSV @row. */
static const char *field(const char *row, int i)
{
	static char val[128];
	size_t n;

	while (i-- > 0 && row)
		row = strchr(row, ',') ? strchr(row, ',') + 1 : NULL;
	if (!row)
		return "";
	n = strcspn(row, ",");
	if (n >= sizeof(val))
		n = sizeof(val) - 1;
	memcpy(val, row, n);
	val[n] = '\0';
	return val;
}

static void test_csv_sweep(void)
{
	static char rows[40][512];
	struct fake_config cfg = { 0 };
	struct fake_result r;
	char want[64];
	int n, i;

	ktap_begin();
	run(&r, &cfg, ARGS("bench", "--csv", "-s", "1K,4K", "-q", "1,4",
			   "--channels", "1,2", "--threads", "1..2", "-r", "2",
			   "-n", "20"));
	CHECK_U64(r.status, 0);
	CHECK_STR(r.err, "");
	CHECK(!strncmp(r.out, "# tool: dmactl ", 15));
	CHECK(strstr(r.out, "\n# provider: fakedrv (device fake)\n") != NULL);
	CHECK(strstr(r.out, "\n# parameters: job=memcpy sizes_bytes=1K,4K widths_bytes=0 bursts=0 qdepths=1,4 channels=1,2 threads=1..2 modes=user count=20 repeat=2 verify=yes timeout_ms=5000\n") != NULL);
	CHECK(strstr(r.out, "\n" CSV_CONTRACT ",") != NULL);
	n = csv_rows(r.out, rows, 40);
	CHECK_U64(n, 2 * 2 * 2 * 2 * 2);
	for (i = 0; i < n && i < 32; i++) {
		unsigned int ch = atoi(field(rows[i], 6));
		unsigned int thr = atoi(field(rows[i], 7));
		unsigned int size = atoi(field(rows[i], 2));

		/* the last column varies fastest: rep, threads, ..., size */
		CHECK_U64(atoi(field(rows[i], 8)), i % 2 + 1);
		CHECK_U64(thr, i / 2 % 2 + 1);
		CHECK_U64(ch, i / 4 % 2 + 1);
		CHECK_U64(atoi(field(rows[i], 5)), i / 8 % 2 ? 4 : 1);
		CHECK_U64(size, i / 16 ? 4096 : 1024);
		CHECK_STR(field(rows[i], 0), "memcpy");
		CHECK_STR(field(rows[i], 1), ch == 1 ? "dma0chan0" :
						   "dma0chan0+dma0chan1");
		CHECK_STR(field(rows[i], 9), "user");
		CHECK_U64(strtoull(field(rows[i], 11), NULL, 10), 20 * ch * thr);
		CHECK_U64(strtoull(field(rows[i], 10), NULL, 10),
			  20ULL * ch * thr * size);
		CHECK_U64(strtoull(field(rows[i], 12), NULL, 10),
			  20000ULL * ch * thr);
		snprintf(want, sizeof(want), "%u.000", size);
		CHECK_STR(field(rows[i], 14), want);
		CHECK_STR(field(rows[i], 16), "1000000.000");
		CHECK_STR(field(rows[i], 21), "0");
	}
	ktap_end("CSV sweep: 2 sizes x 2 qdepths x 2 channel counts x 2 threads x 2 reps");
}

static void test_json_sweep(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;
	const char *p;
	int n = 0;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "bench", "-s", "512..2K", "-n", "5",
			   "-q", "2"));
	CHECK_U64(r.status, 0);
	CHECK(json_valid(r.out));
	CHECK(strstr(r.out, "\n    \"command\": \"bench\",\n") != NULL);
	CHECK(strstr(r.out, "\n    \"provider_mode\": \"none\",\n") != NULL);
	CHECK(strstr(r.out, "\n    \"parameters\": {\n") != NULL);
	CHECK(strstr(r.out, "\n    \"points\": [\n") != NULL);
	for (p = r.out; (p = strstr(p, "\"job\": \"memcpy\"")); p++)
		n++;
	CHECK_U64(n, 4);	/* 1 in the parameters, 3 points */
	CHECK(strstr(r.out, "\"size_bytes\": 2048,") != NULL);
	CHECK(strstr(r.out, "\"latency_p999_ns\": ") != NULL);
	ktap_end("JSON sweep: one document, one object per point");
}

static void test_text_sweep(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;
	const char *p;
	int rows = 0;

	ktap_begin();
	run(&r, &cfg, ARGS("bench", "-s", "4K", "-q", "1..16:x4", "-n", "8"));
	CHECK_U64(r.status, 0);
	for (p = r.out; *p; p = strchr(p, '\n') + 1)
		rows += *p != '#';
	CHECK_U64(rows, 3);
	CHECK(strstr(r.out, "\n#job ") != NULL);
	ktap_end("text sweep: '#' lines and one row per point");
}

static void test_modes(void)
{
	struct fake_config cfg = { 0 };
	static char rows[8][512];
	struct fake_result r;
	int i;

	ktap_begin();
	run(&r, &cfg, ARGS("bench", "--csv", "-n", "10", "-q", "2",
			   "--mode", "user,kernel", "--channels", "1,2",
			   "--job", "memset"));
	CHECK_U64(r.status, 0);
	CHECK_STR(r.err, "");
	CHECK_U64(csv_rows(r.out, rows, 8), 4);
	for (i = 0; i < 4; i++) {
		CHECK_STR(field(rows[i], 0), "memset");
		CHECK_STR(field(rows[i], 9), i % 2 ? "kernel" : "user");
		CHECK_U64(atoi(field(rows[i], 6)), i / 2 + 1);
		CHECK_U64(atoi(field(rows[i], 11)), 10 * (i / 2 + 1));
		CHECK_STR(field(rows[i], 21), "0");
	}
	/* the in-kernel loop: 10 ops 1 us apart, its elapsed time */
	CHECK_STR(field(rows[1], 12), "10000");
	CHECK_STR(field(rows[1], 14), "4096.000");
	run(&r, &cfg, ARGS("bench", "--kernel-loop", "--threads", "1,2"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.out, "");
	CHECK_STR(r.err, "dmactl: invalid threads '2': the in-kernel loop holds its channel's session, one thread per channel\n");
	run(&r, &cfg, ARGS("bench", "--mode", "user,user"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid mode list 'user,user': an item twice\n");
	run(&r, &cfg, ARGS("bench", "--job", "cyclic"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid job 'cyclic': bench runs memcpy or memset\n");
	ktap_end("both paths and memset in one sweep; what the kernel loop cannot do");
}

static void test_width_burst(void)
{
	struct fake_config cfg = { 0 };
	static char rows[16][512];
	struct fake_result r;
	int i;

	ktap_begin();
	run(&r, &cfg, ARGS("bench", "--csv", "-n", "4", "--width", "1..8",
			   "--burst", "1,16"));
	CHECK_U64(r.status, 0);
	CHECK_STR(r.err, "");
	CHECK_U64(csv_rows(r.out, rows, 16), 8);
	for (i = 0; i < 8; i++) {
		CHECK_U64(atoi(field(rows[i], 3)), 1 << (i / 2));
		CHECK_U64(atoi(field(rows[i], 4)), i % 2 ? 16 : 1);
	}
	run(&r, &cfg, ARGS("bench", "--width", "1,3"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.out, "");
	CHECK_STR(r.err, "dmactl: invalid width '3': dma0chan0 supports 1,2,4,8 bytes\n");
	run(&r, &cfg, ARGS("bench", "--burst", "1..32"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid burst '32': dma0chan0 allows at most 16 words\n");
	run(&r, &cfg, ARGS("bench", "--width", "5"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid width '5': not a bus width (1, 2, 3, 4, 8, 16, 32, 64 or 128 bytes)\n");
	ktap_end("width x burst through the slave config; what the caps refuse");
}

static void test_verify_fails(void)
{
	struct fake_config cfg = { .corrupt_job = 3, .corrupt_off = 10 };
	static char rows[4][512];
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("bench", "--csv", "-n", "5", "-s", "1K"));
	CHECK_U64(r.status, 3);
	CHECK_U64(csv_rows(r.out, rows, 4), 1);
	CHECK_STR(field(rows[0], 21), "1");
	CHECK_STR(r.err, "dmactl: bench: verification failed: 1 bad bytes in 1 jobs\n");
	ktap_end("a corrupted copy: the row counts it, exit 3");
}

static void test_job_fails(void)
{
	struct fake_config cfg = { .fail_job = 2 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("bench", "--csv", "-n", "5", "-s", "1K,2K"));
	CHECK_U64(r.status, 1);
	CHECK_STR(r.err, "dmactl: bench: 2 jobs failed\n");
	ktap_end("a failed job in each point: the sweep goes on, exit 1");
}

/* A usage error: exit 2, @err on stderr, nothing on stdout, nothing left. */
static void usage_case(const struct fake_config *cfg, const char **args,
		       int status, const char *err)
{
	struct fake_result r;
	char name[256];

	proc_args_str(args, name, sizeof(name));
	run(&r, cfg, args);
	ktap_begin();
	CHECK_U64(r.status, status);
	CHECK_STR(r.out, "");
	CHECK_STR(r.err, err);
	ktap_end("'%s' fails with exit %d before any output", name, status);
}

static void test_bad_input(void)
{
	struct fake_config cfg = { 0 };
	struct fake_config align = { .copy_align = 2 };
	struct fake_config few = { .max_buffers = 16 };

	usage_case(&cfg, ARGS("bench", "-s", "4K,,8K"), 2,
		   "dmactl: invalid size list '4K,,8K': empty item\n");
	usage_case(&cfg, ARGS("bench", "-s", "0"), 2,
		   "dmactl: invalid size list '0': out of range (at least 1)\n");
	usage_case(&cfg, ARGS("bench", "-s", "8M"), 2,
		   "dmactl: invalid size '8M': larger than the module's max_buf_bytes (4M)\n");
	usage_case(&cfg, ARGS("bench", "-q", "1..x"), 2,
		   "dmactl: invalid qdepth list '1..x': not a number\n");
	usage_case(&cfg, ARGS("bench", "--threads", "65"), 2,
		   "dmactl: invalid threads list '65': out of range (at most 64)\n");
	usage_case(&cfg, ARGS("bench", "-r", "0"), 2,
		   "dmactl: invalid repeat '0': out of range (at least 1)\n");
	usage_case(&cfg, ARGS("bench", "-n", "ten"), 2,
		   "dmactl: invalid count 'ten': not a number\n");
	usage_case(&cfg, ARGS("bench", "--csv", "-j"), 2,
		   "dmactl: bench: --csv and --json exclude each other\n");
	usage_case(&cfg, ARGS("bench", "-c", "dma0chan0,dma0chan0"), 2,
		   "dmactl: invalid channel list 'dma0chan0': given twice\n");
	usage_case(&cfg, ARGS("bench", "-c", "dma0chan0", "--channels", "1,2"),
		   2, "dmactl: invalid channels '2': only 1 channels given with --chan\n");
	usage_case(&align, ARGS("bench", "-s", "4K,4097"), 2,
		   "dmactl: invalid size '4097': dma0chan0 needs a multiple of 4 bytes\n");
	usage_case(&few, ARGS("bench", "-q", "4", "--threads", "1,4"), 2,
		   "dmactl: invalid qdepth '4' with 4 threads: 32 buffers exceed the module's max_buffers (16)\n");
	usage_case(&cfg, ARGS("bench", "-s", "1..1024:+1", "-q", "1..128:+1"), 2,
		   "dmactl: invalid sweep: 131072 points x 1 repetitions exceed 100000\n");
	usage_case(&cfg, ARGS("bench", "-c", "dma9chan0"), 1,
		   "dmactl: channel 'dma9chan0': no such free channel (ENODEV)\n");
	usage_case(&cfg, ARGS("bench", "-D", "nodev"), 1,
		   "dmactl: device 'nodev': no such free channel (ENODEV)\n");
}

static void test_too_many_channels(void)
{
	struct fake_config cfg = { .channels = 2 };
	static char rows[4][512];
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("bench", "--csv", "-n", "4", "--channels", "2,3"));
	CHECK_U64(r.status, 1);
	CHECK_U64(csv_rows(r.out, rows, 4), 1);
	CHECK_STR(r.err, "dmactl: channels '3': only 2 free memcpy channels (ENODEV)\n");
	ktap_end("more channels than are free: the points before are printed, exit 1");
}

static void test_signal(void)
{
	struct fake_config cfg = { .signal_job = 3 };
	static char rows[8][512];
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("bench", "--csv", "-n", "10", "-s", "1K,2K,4K",
			   "--threads", "2"));
	CHECK_U64(r.status, 1);
	/* the point running when SIGINT came is finished and printed */
	CHECK_U64(csv_rows(r.out, rows, 8), 1);
	CHECK_STR(r.err, "dmactl: bench: interrupted by SIGINT after 1 points\n");
	ktap_end("SIGINT with two threads: finish the point, stop, exit 1");
}

static void test_hang(void)
{
	struct fake_config cfg = { .hang_job = 4 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("bench", "--csv", "-n", "10", "-q", "2",
			   "--threads", "3", "-t", "100"));
	CHECK_U64(r.status, 1);
	CHECK(r.dirty);
	CHECK(strstr(r.err, ": job 4: not complete after 100 ms (ETIMEDOUT)\n") != NULL);
	CHECK_U64(proc_lines(r.err), 1);
	ktap_end("a hung job with three threads: the others stop, exit 1");
}

int main(void)
{
	ktap_plan(25);
	test_csv_sweep();
	test_json_sweep();
	test_text_sweep();
	test_modes();
	test_width_burst();
	test_verify_fails();
	test_job_fails();
	test_bad_input();
	test_too_many_channels();
	test_signal();
	test_hang();
	return ktap_finish();
}
