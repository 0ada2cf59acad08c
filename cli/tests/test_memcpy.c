// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: the memcpy, memset and interleave commands against a fake
 * /dev/dmactl whose clock and faults are under the test's control, so
 * that their figures can be checked exactly and their handling of bad
 * data, failed, hung and interrupted jobs exercised without a kernel,
 * for the user-driven loop and the in-kernel one.
 */
#include <linux/dmactl.h>

#include "cmd.h"
#include "fakerun.h"
#include "json_check.h"
#include "ktap.h"
#include "proc.h"

static const struct command *const table[] = {
	&cmd_memcpy, &cmd_memset, &cmd_interleave, &cmd_version,
};

static void run(struct fake_result *r, const struct fake_config *cfg,
		const char **args)
{
	fake_run(r, table, ARRAY_SIZE(table), cfg, args);
}

static const char *get(const struct fake_result *r, const char *key)
{
	return json_get(r->out, key);
}

/* Every run: a clean JSON report or an empty stdout, one stderr line. */
static void check_common(const struct fake_result *r, bool want_report)
{
	if (want_report)
		CHECK(json_valid(r->out));
	else
		CHECK_STR(r->out, "");
	CHECK_U64(proc_lines(r->err), r->status ? 1 : 0);
	if (r->err[0])
		CHECK(!strncmp(r->err, "dmactl: ", 8));
}

static void test_clean_run(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "100", "-q", "8", "-s", "4K"));
	CHECK_U64(r.status, 0);
	CHECK(!r.dirty);
	check_common(&r, true);
	CHECK_STR(get(&r, "command"), "\"memcpy\"");
	CHECK_STR(get(&r, "channel"), "\"dma0chan0\"");
	CHECK_STR(get(&r, "device"), "\"fake\"");
	CHECK_STR(get(&r, "driver"), "\"fakedrv\"");
	CHECK_STR(get(&r, "size_bytes"), "4096");
	CHECK_STR(get(&r, "count"), "100");
	CHECK_STR(get(&r, "qdepth"), "8");
	CHECK_STR(get(&r, "verify"), "true");
	CHECK_STR(get(&r, "ops"), "100");
	CHECK_STR(get(&r, "bytes"), "409600");
	/* one job completes every 1000 ns and the queue never runs dry */
	CHECK_STR(get(&r, "busy_ns"), "100000");
	CHECK_STR(get(&r, "elapsed_ns"), "100000");
	CHECK_STR(get(&r, "throughput_MBps"), "4096.000");
	CHECK_STR(get(&r, "throughput_MiBps"), "3906.250");
	CHECK_STR(get(&r, "iops"), "1000000.000");
	/* the first 8 jobs wait 1..8 us, all others 8 us */
	CHECK_STR(get(&r, "latency_min_ns"), "1000");
	CHECK_STR(get(&r, "latency_p50_ns"), "8000");
	CHECK_STR(get(&r, "latency_p99_ns"), "8000");
	CHECK_STR(get(&r, "latency_max_ns"), "8000");
	CHECK_STR(get(&r, "verify_errors"), "0");
	CHECK_STR(get(&r, "job_errors"), "0");
	CHECK_STR(get(&r, "interrupted"), "false");
	ktap_end("a clean run: figures from the kernel timestamps");
}

static void test_text_report(void)
{
	struct fake_config cfg = { 0 };
	unsigned long long v[12];
	double mbps, mibps, iops;
	char job[16], mode[16];
	struct fake_result r;
	const char *p;
	int hash = 0;

	ktap_begin();
	run(&r, &cfg, ARGS("memcpy", "-n", "10", "-q", "1", "-s", "1K"));
	CHECK_U64(r.status, 0);
	CHECK_STR(r.err, "");
	for (p = r.out; *p; p = strchr(p, '\n') + 1) {
		if (*p != '#')
			break;
		hash++;
	}
	/* the tool and provider, the parameters, the column names */
	CHECK_U64(hash, 3);
	CHECK(sscanf(p, "%15s %llu %llu %llu %llu %llu %llu %llu %15s %lf %lf %lf %llu %llu %llu %llu %llu",
		     job, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
		     mode, &mbps, &mibps, &iops, &v[7], &v[8], &v[9], &v[10],
		     &v[11]) == 17);
	CHECK_STR(job, "memcpy");
	CHECK_U64(v[0], 1024);
	CHECK_U64(v[1], 0);		/* width: not configured */
	CHECK_U64(v[3], 1);		/* qdepth */
	CHECK_STR(mode, "user");
	/* 1 KiB per microsecond */
	CHECK(mbps == 1024.0 && iops == 1000000.0);
	CHECK_U64(v[7], 1000);
	CHECK_U64(v[10], 1000);
	CHECK_U64(v[11], 0);
	CHECK_U64(proc_lines(p), 1);
	ktap_end("text report: '#' lines, then one aligned row of figures");
}

static void test_corrupt(void)
{
	struct fake_config cfg = { .corrupt_job = 10, .corrupt_off = 100 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "100", "-q", "4"));
	CHECK_U64(r.status, 3);
	CHECK(!r.dirty);
	check_common(&r, true);
	CHECK_STR(get(&r, "verify_errors"), "1");
	CHECK_STR(get(&r, "verify_failed_jobs"), "1");
	CHECK_STR(get(&r, "ops"), "100");
	CHECK(strstr(r.out, "\"job\": 10,") && strstr(r.out, "\"buffer\": \"dst\",") &&
	      strstr(r.out, "\"offset\": 100,") &&
	      strstr(r.out, "\"kind\": \"corrupt\""));
	CHECK(!get(&r, "mismatches_suppressed"));
	CHECK_STR(r.err, "dmactl: memcpy on dma0chan0: verification failed: 1 bad bytes in 1 of 100 jobs\n");
	ktap_end("a flipped bit: exit 3, the byte reported");
}

static void test_stale(void)
{
	struct fake_config cfg = { .stale_job = 20 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("memcpy", "-n", "40", "-q", "4", "-s", "512"));
	CHECK_U64(r.status, 3);
	CHECK(strstr(r.out, " (stale copy)\n") != NULL);
	CHECK(strstr(r.out, "\n# 504 errors suppressed\n") != NULL);
	CHECK_STR(r.err, "dmactl: memcpy on dma0chan0: verification failed: 512 bad bytes in 1 of 40 jobs\n");
	run(&r, &cfg, ARGS("memcpy", "-n", "40", "-q", "4", "-s", "512", "-j"));
	CHECK_U64(r.status, 3);
	CHECK(strstr(r.out, "\"kind\": \"stale copy\"") != NULL);
	CHECK(!strstr(r.out, "\"kind\": \"corrupt\""));
	CHECK(get(&r, "mismatches_suppressed") != NULL);
	CHECK_STR(get(&r, "verify_errors"), "512");
	ktap_end("a stale copy of the previous job's data: exit 3");
}

static void test_overrun(void)
{
	struct fake_config cfg = { .overrun_job = 3 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "5", "-s", "4K"));
	CHECK_U64(r.status, 3);
	CHECK(strstr(r.out, "\"offset\": 4096,") &&
	      strstr(r.out, "\"kind\": \"guard overwritten\""));
	CHECK_STR(get(&r, "verify_errors"), "1");
	ktap_end("a copy one byte too long: the guard byte reported");
}

static void test_text_mismatch(void)
{
	struct fake_config cfg = { .corrupt_job = 2, .corrupt_off = 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("memcpy", "-n", "3", "-q", "1", "-s", "64"));
	CHECK_U64(r.status, 3);
	CHECK(strstr(r.out, "\n# mismatch: job 2 dst offset 0: expected 0x") &&
	      strstr(r.out, " (corrupt)\n"));
	ktap_end("text report lists mismatches as '#' lines");
}

static void test_no_verify(void)
{
	struct fake_config cfg = { .corrupt_job = 2, .corrupt_off = 70 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "20", "--no-verify"));
	CHECK_U64(r.status, 0);
	CHECK_STR(get(&r, "verify"), "false");
	CHECK_STR(get(&r, "verify_errors"), "0");
	CHECK_STR(get(&r, "ops"), "20");
	ktap_end("--no-verify neither fills nor checks");
}

static void test_job_error(void)
{
	struct fake_config cfg = { .fail_job = 7 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "30", "-q", "4"));
	CHECK_U64(r.status, 1);
	CHECK(!r.dirty);
	check_common(&r, true);
	CHECK_STR(get(&r, "job_errors"), "1");
	CHECK_STR(get(&r, "ops"), "29");
	CHECK_STR(get(&r, "verify_errors"), "0");
	CHECK_STR(r.err, "dmactl: memcpy on dma0chan0: 1 of 30 jobs failed (first: job 7 complete, result write_failed)\n");
	ktap_end("a job the provider failed: exit 1, not verified");
}

static void test_hang(void)
{
	struct fake_config cfg = { .hang_job = 7 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("memcpy", "-n", "30", "-q", "4", "-t", "250"));
	CHECK_U64(r.status, 1);
	check_common(&r, false);
	CHECK_STR(r.err, "dmactl: dma0chan0: job 7: not complete after 250 ms (ETIMEDOUT)\n");
	/* jobs in flight: closing the session must clean up */
	CHECK(r.dirty);
	ktap_end("a hung job: exit 1 naming it, the session closed");
}

static void test_signal(void)
{
	struct fake_config cfg = { .signal_job = 30 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "100", "-q", "8"));
	CHECK_U64(r.status, 1);
	CHECK(!r.dirty);
	check_common(&r, true);
	CHECK_STR(get(&r, "interrupted"), "true");
	/* jobs 1..37 were in flight or done: all of them are waited for */
	CHECK_STR(get(&r, "ops"), "37");
	CHECK_STR(get(&r, "jobs_finished"), "37");
	CHECK_STR(get(&r, "verify_errors"), "0");
	CHECK_STR(r.err, "dmactl: memcpy on dma0chan0: interrupted by SIGINT after 37 of 100 jobs\n");
	ktap_end("SIGINT: stop submitting, drain, report, exit 1");
}

static void test_partial_submit(void)
{
	struct fake_config cfg = { .accept = 1 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "50", "-q", "8"));
	CHECK_U64(r.status, 0);
	CHECK(!r.dirty);
	CHECK_STR(get(&r, "ops"), "50");
	CHECK_STR(get(&r, "verify_errors"), "0");
	ktap_end("a provider that takes one job per submit");
}

static void test_descriptor_pool(void)
{
	struct fake_config cfg = { .pool = 8 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "100", "-q", "64"));
	CHECK_U64(r.status, 0);
	CHECK(!r.dirty);
	CHECK_STR(get(&r, "ops"), "100");
	CHECK_STR(get(&r, "verify_errors"), "0");
	CHECK_STR(get(&r, "qdepth"), "64");
	CHECK_STR(get(&r, "qdepth_reached"), "8");
	run(&r, &cfg, ARGS("memcpy", "-n", "20", "-q", "16"));
	CHECK_U64(r.status, 0);
	CHECK(strstr(r.out, "# dma0chan0 took at most 8 jobs in flight per thread: its provider refused to prepare more"));
	ktap_end("a provider out of descriptors: the run goes on with its queue, and says so");
}

static void test_small_count(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "3", "-q", "16", "-s", "1"));
	CHECK_U64(r.status, 0);
	CHECK(!r.dirty);
	CHECK_STR(get(&r, "ops"), "3");
	CHECK_STR(get(&r, "bytes"), "3");
	CHECK_STR(get(&r, "guard_bytes"), "64");
	CHECK_STR(get(&r, "buffer_bytes"), "4096");
	ktap_end("fewer jobs than the queue depth, one-byte copies");
}

static void test_max_size(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "2", "-q", "2", "-s", "4M"));
	CHECK_U64(r.status, 0);
	CHECK_STR(get(&r, "guard_bytes"), "0");
	CHECK_STR(get(&r, "buffer_bytes"), "4194304");
	run(&r, &cfg, ARGS("memcpy", "-s", "5M"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid size '5M': larger than the module's max_buf_bytes (4M)\n");
	ktap_end("buffers of max_buf_bytes go without guards; larger fail");
}

static void test_limits(void)
{
	struct fake_config cfg = { .copy_align = 3, .max_buffers = 10 };
	struct fake_config hidden = { .max_buffers = 10, .hide_limits = true };
	struct fake_config plain = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("memcpy", "-s", "4100"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid size '4100': dma0chan0 needs a multiple of 8 bytes\n");
	run(&r, &cfg, ARGS("memcpy", "-s", "4K", "-q", "8"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid qdepth '8': 16 buffers exceed the module's max_buffers (10)\n");
	run(&r, &cfg, ARGS("memcpy", "-s", "4K", "-q", "4", "--threads", "2"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid qdepth '4' with 2 threads: 16 buffers exceed the module's max_buffers (10)\n");
	/* a module that does not say its limit: the allocation fails */
	run(&r, &hidden, ARGS("memcpy", "-s", "4K", "-q", "8"));
	CHECK_U64(r.status, 1);
	CHECK(!r.dirty);
	CHECK_STR(r.err, "dmactl: qdepth '8': buffer 11 of 16: No space left on device (ENOSPC): over the module's per-session buffer limit\n");
	run(&r, &plain, ARGS("memcpy", "-s", "4M", "-q", "40", "-n", "100"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid qdepth '40': 40 x 2 buffers of 4M exceed the module's max_session_bytes (256M)\n");
	ktap_end("copy alignment, buffer and session limits");
}

static void test_channel_choice(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("memcpy", "-c", "dma0chan0", "-n", "2"));
	CHECK_U64(r.status, 0);
	run(&r, &cfg, ARGS("memcpy", "-D", "fake", "-n", "2"));
	CHECK_U64(r.status, 0);
	run(&r, &cfg, ARGS("memcpy", "-c", "dma9chan0", "-n", "2"));
	CHECK_U64(r.status, 1);
	CHECK_STR(r.err, "dmactl: channel 'dma9chan0': no such free channel (ENODEV)\n");
	CHECK_STR(r.out, "");
	ktap_end("channel by name, by device, and a missing one");
}


static void test_memset(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memset", "-n", "50", "-q", "4", "-s", "1000"));
	CHECK_U64(r.status, 0);
	CHECK(!r.dirty);
	check_common(&r, true);
	CHECK_STR(get(&r, "command"), "\"memset\"");
	CHECK_STR(get(&r, "value"), "null");
	CHECK_STR(get(&r, "ops"), "50");
	CHECK_STR(get(&r, "bytes"), "50000");
	CHECK_STR(get(&r, "throughput_MBps"), "1000.000");
	CHECK_STR(get(&r, "verify_errors"), "0");
	run(&r, &cfg, ARGS("-j", "memset", "-n", "5", "--value", "0"));
	CHECK_U64(r.status, 0);
	CHECK_STR(get(&r, "value"), "0");
	ktap_end("memset: every job its own value, or --value");
}

static void test_memset_faults(void)
{
	struct fake_config corrupt = { .corrupt_job = 4, .corrupt_off = 7 };
	struct fake_config over = { .overrun_job = 2 };
	struct fake_result r;

	ktap_begin();
	run(&r, &corrupt, ARGS("-j", "memset", "-n", "6", "-q", "2"));
	CHECK_U64(r.status, 3);
	CHECK(strstr(r.out, "\"offset\": 7,") &&
	      strstr(r.out, "\"kind\": \"corrupt\""));
	CHECK_STR(r.err, "dmactl: memset on dma0chan0: verification failed: 1 bad bytes in 1 of 6 jobs\n");
	run(&r, &over, ARGS("-j", "memset", "-n", "3", "-s", "256"));
	CHECK_U64(r.status, 3);
	CHECK(strstr(r.out, "\"offset\": 256,") &&
	      strstr(r.out, "\"kind\": \"guard overwritten\""));
	run(&r, &corrupt, ARGS("memset", "--value", "256"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid value '256': out of range (at most 255)\n");
	ktap_end("memset: a wrong byte, a byte past the range, a bad --value");
}

static void test_interleave(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "interleave", "-n", "20", "-s", "100",
			   "--frames", "3", "--chunks", "5", "--icg", "28",
			   "--dst-icg", "12"));
	CHECK_U64(r.status, 0);
	CHECK(!r.dirty);
	check_common(&r, true);
	CHECK_STR(get(&r, "size_bytes"), "1500");
	CHECK_STR(get(&r, "chunk_bytes"), "100");
	CHECK_STR(get(&r, "frames"), "3");
	CHECK_STR(get(&r, "chunks"), "5");
	CHECK_STR(get(&r, "bytes"), "30000");
	CHECK_STR(get(&r, "verify_errors"), "0");
	run(&r, &cfg, ARGS("-j", "interleave", "-n", "4", "--sgl", "none"));
	CHECK_U64(r.status, 0);
	CHECK_STR(get(&r, "src_sgl"), "false");
	ktap_end("interleave: frames x chunks with gaps verify");
}

static void test_interleave_faults(void)
{
	struct fake_config over = { .overrun_job = 3 };
	struct fake_config corrupt = { .corrupt_job = 2, .corrupt_off = 130 };
	struct fake_result r;

	ktap_begin();
	/* one byte too many per chunk: the first byte of each gap */
	run(&r, &over, ARGS("-j", "interleave", "-n", "4", "-s", "64",
			    "--frames", "2", "--chunks", "2", "--icg", "32"));
	CHECK_U64(r.status, 3);
	CHECK_STR(get(&r, "verify_errors"), "4");
	CHECK(strstr(r.out, "\"offset\": 64,") &&
	      strstr(r.out, "\"kind\": \"guard overwritten\""));
	/* 130 lies in the second chunk of the destination (stride 96) */
	run(&r, &corrupt, ARGS("-j", "interleave", "-n", "4", "-s", "64",
			       "--frames", "2", "--chunks", "2", "--icg", "32"));
	CHECK_U64(r.status, 3);
	CHECK(strstr(r.out, "\"offset\": 130,") &&
	      strstr(r.out, "\"kind\": \"corrupt\""));
	run(&r, &over, ARGS("interleave", "--sgl", "left"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid sgl 'left': not one of both, src, dst, none\n");
	run(&r, &over, ARGS("interleave", "--chunks", "65"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid chunks '65': more than the module's max_sg_entries (64)\n");
	run(&r, &over, ARGS("interleave", "-s", "1M", "--frames", "4"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid interleave: 4 frames x 4 chunks span 16778176, more than the module's max_buf_bytes (4M)\n");
	ktap_end("interleave: a write into a gap, a wrong byte, bad shapes");
}

static void test_kernel_loop(void)
{
	struct fake_config cfg = { 0 };
	struct fake_config last = { .corrupt_job = 40, .corrupt_off = 3 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "--kernel-loop", "-n", "40",
			   "-q", "4", "-s", "2K"));
	CHECK_U64(r.status, 0);
	CHECK(!r.dirty);
	check_common(&r, true);
	CHECK_STR(get(&r, "mode"), "\"kernel\"");
	CHECK_STR(get(&r, "ops"), "40");
	CHECK_STR(get(&r, "bytes"), "81920");
	CHECK_STR(get(&r, "busy_ns"), "40000");
	CHECK_STR(get(&r, "elapsed_ns"), "40000");
	CHECK_STR(get(&r, "throughput_MBps"), "2048.000");
	/* latencies 1, 2, 3 and then 4 us: buckets [2^9,2^10) .. [2^11,2^12) */
	CHECK_STR(get(&r, "latency_min_ns"), "1000");
	CHECK_STR(get(&r, "latency_p50_ns"), "4000");
	CHECK_STR(get(&r, "latency_max_ns"), "4000");
	CHECK_STR(get(&r, "latency_mean_ns"), "3850.000");
	run(&r, &last, ARGS("-j", "memset", "--kernel-loop", "-n", "40",
			    "--value", "9"));
	CHECK_U64(r.status, 3);
	CHECK(strstr(r.out, "\"offset\": 3,") != NULL);
	run(&r, &cfg, ARGS("memcpy", "--kernel-loop", "--threads", "2"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid threads '2': the in-kernel loop holds its channel's session, one thread per channel\n");
	run(&r, &cfg, ARGS("memcpy", "--kernel-loop", "-q", "300"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid qdepth '300': the in-kernel loop keeps at most the module's max_batch (256) in flight\n");
	ktap_end("--kernel-loop: the same fields, from the kernel's histogram");
}

int main(void)
{
	ktap_plan(22);
	test_clean_run();
	test_text_report();
	test_corrupt();
	test_stale();
	test_overrun();
	test_text_mismatch();
	test_no_verify();
	test_job_error();
	test_hang();
	test_signal();
	test_partial_submit();
	test_descriptor_pool();
	test_small_count();
	test_max_size();
	test_limits();
	test_channel_choice();
	test_memset();
	test_memset_faults();
	test_interleave();
	test_interleave_faults();
	test_kernel_loop();
	{
		struct fake_config cfg = { 0 };
		struct fake_result r;

		ktap_begin();
		run(&r, &cfg, ARGS("version"));
		CHECK_U64(r.status, 0);
		CHECK(strstr(r.out, "module ABI version " STR(DMACTL_ABI_VERSION) "\n") != NULL);
		ktap_end("version reports the module's ABI");
	}
	return ktap_finish();
}
