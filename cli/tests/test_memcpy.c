// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: the memcpy command against a fake /dev/dmactl whose clock
 * and faults are under the test's control, so that its figures can be
 * checked exactly and its handling of bad data, failed, hung and
 * interrupted jobs exercised without a kernel.
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "fake_dev.h"
#include "json_check.h"
#include "ktap.h"

#define DIRTY 16	/* added to the exit status: cleanup was skipped */

static const struct command *const table[] = { &cmd_memcpy, &cmd_version };

struct result {
	int status;
	bool dirty;
	char out[65536];
	char err[4096];
};

static void slurp(int fd, char *buf, size_t len)
{
	size_t used = 0;
	ssize_t n;

	while (used < len - 1 && (n = read(fd, buf + used, len - 1 - used)) > 0)
		used += n;
	buf[used] = '\0';
}

static void run(struct result *r, const struct fake_config *cfg,
		const char **args)
{
	char *argv[24];
	int out[2], err[2], st, argc = 0;
	pid_t pid;

	argv[argc++] = "dmactl";
	while (*args)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	memset(r, 0, sizeof(*r));
	if (pipe(out) || pipe(err))
		abort();
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		abort();
	if (!pid) {
		int status;

		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]);
		close(err[0]);
		fake = *cfg;
		if (!fake.ns_per_job)
			fake.ns_per_job = 1000;
		status = dmactl_main(table, ARRAY_SIZE(table), argc, argv);
		exit(status + (fake_dirty_closes ? DIRTY : 0));
	}
	close(out[1]);
	close(err[1]);
	slurp(out[0], r->out, sizeof(r->out));
	slurp(err[0], r->err, sizeof(r->err));
	close(out[0]);
	close(err[0]);
	waitpid(pid, &st, 0);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	if (r->status >= DIRTY && r->status < 128) {
		r->dirty = true;
		r->status -= DIRTY;
	}
}

/* The text of "key": value on its own line of pretty JSON, or NULL. */
static const char *get(const struct result *r, const char *key)
{
	static char val[256];
	char pat[128];
	const char *p;
	size_t n;

	snprintf(pat, sizeof(pat), "\n    \"%s\": ", key);
	p = strstr(r->out, pat);
	if (!p)
		return NULL;
	p += strlen(pat);
	n = strcspn(p, ",\n");
	if (n >= sizeof(val))
		n = sizeof(val) - 1;
	memcpy(val, p, n);
	val[n] = '\0';
	return val;
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

#define ARGS(...) ((const char *[]){ __VA_ARGS__, NULL })

/* Every run: a clean JSON report or an empty stdout, one stderr line. */
static void check_common(const struct result *r, bool want_report)
{
	if (want_report)
		CHECK(json_valid(r->out));
	else
		CHECK_STR(r->out, "");
	CHECK_U64(lines(r->err), r->status ? 1 : 0);
	if (r->err[0])
		CHECK(!strncmp(r->err, "dmactl: ", 8));
}

static void test_clean_run(void)
{
	struct fake_config cfg = { 0 };
	struct result r;

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
	unsigned long long v[10];
	double mbps, mibps, iops;
	struct result r;
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
	CHECK_U64(hash, 3);
	CHECK(sscanf(p, "%llu %llu %llu %llu %lf %lf %lf %llu %llu %llu %llu %llu",
		     &v[0], &v[1], &v[2], &v[3], &mbps, &mibps, &iops, &v[4],
		     &v[5], &v[6], &v[7], &v[8]) == 12);
	CHECK_U64(v[0], 10240);
	CHECK_U64(v[1], 10);
	CHECK_U64(v[2], 10000);
	CHECK_U64(v[4], 1000);
	CHECK_U64(lines(p), 1);
	ktap_end("text report: '#' lines, then one line of figures");
}

static void test_corrupt(void)
{
	struct fake_config cfg = { .corrupt_job = 10, .corrupt_off = 100 };
	struct result r;

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
	struct result r;

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
	struct result r;

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
	struct result r;

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
	struct result r;

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
	struct result r;

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
	struct result r;

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
	struct result r;

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
	struct result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "memcpy", "-n", "50", "-q", "8"));
	CHECK_U64(r.status, 0);
	CHECK(!r.dirty);
	CHECK_STR(get(&r, "ops"), "50");
	CHECK_STR(get(&r, "verify_errors"), "0");
	ktap_end("a provider that takes one job per submit");
}

static void test_small_count(void)
{
	struct fake_config cfg = { 0 };
	struct result r;

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
	struct result r;

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
	struct result r;

	ktap_begin();
	run(&r, &cfg, ARGS("memcpy", "-s", "4100"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid size '4100': dma0chan0 needs a multiple of 8 bytes\n");
	run(&r, &cfg, ARGS("memcpy", "-s", "4K", "-q", "8"));
	CHECK_U64(r.status, 1);
	CHECK_STR(r.err, "dmactl: qdepth '8': buffer 11 of 16: No space left on device (ENOSPC): over the module's per-session buffer limit\n");
	run(&r, &cfg, ARGS("memcpy", "-s", "4M", "-q", "40", "-n", "100"));
	CHECK_U64(r.status, 2);
	CHECK_STR(r.err, "dmactl: invalid qdepth '40': 40 x 2 buffers of 4M exceed the module's max_session_bytes (256M)\n");
	ktap_end("copy alignment, buffer and session limits");
}

static void test_channel_choice(void)
{
	struct fake_config cfg = { 0 };
	struct result r;

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

int main(void)
{
	ktap_plan(16);
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
	test_small_count();
	test_max_size();
	test_limits();
	test_channel_choice();
	{
		struct fake_config cfg = { 0 };
		struct result r;

		ktap_begin();
		run(&r, &cfg, ARGS("version"));
		CHECK_U64(r.status, 0);
		CHECK(strstr(r.out, "module ABI version 1\n") != NULL);
		ktap_end("version reports the module's ABI");
	}
	return ktap_finish();
}
