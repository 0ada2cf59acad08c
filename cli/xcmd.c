// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: the shared half of memcpy, memset and interleave.  Each is one
 * point of what bench sweeps: one or more channels, one or more threads on
 * each, the user-driven loop or the bridge's in-kernel one.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "measure.h"
#include "names.h"
#include "output.h"
#include "parse.h"
#include "report.h"
#include "xcmd.h"

#define MAX_QDEPTH	4096
#define MAX_SIZE	(1ULL << 40)

enum {
	OPT_CHANNELS = 0x300,
	OPT_THREADS,
	OPT_KERNEL_LOOP,
	OPT_WIDTH,
	OPT_BURST,
};

#define MAX_BURST	(1U << 20)

static error_t xcmd_parse(int key, char *arg, struct argp_state *state)
{
	struct xcmd_args *a = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &a->run;
		return 0;
	case 's':
		return opt_size("size", arg, 1, MAX_SIZE, &a->p.size);
	case 'n':
		return opt_uint("count", arg, 1, UINT32_MAX, &a->p.count);
	case 'q':
		return opt_uint("qdepth", arg, 1, MAX_QDEPTH, &a->p.qdepth);
	case OPT_CHANNELS:
		return opt_uint("channels", arg, 1, MEASURE_MAX_CHANNELS,
				&a->channels);
	case OPT_THREADS:
		return opt_uint("threads", arg, 1, MEASURE_MAX_THREADS,
				&a->threads);
	case OPT_KERNEL_LOOP:
		a->p.kernel = true;
		return 0;
	case OPT_WIDTH:
		return opt_width("width", arg, &a->p.width);
	case OPT_BURST:
		return opt_uint("burst", arg, 1, MAX_BURST, &a->p.burst);
	case ARGP_KEY_ARG:
		return errf(EINVAL, "%s: unexpected argument '%s'", a->run.cmd,
			    arg);
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp_option xcmd_options[] = {
	{ "size", 's', "SIZE", 0,
	  "Bytes per job (interleave: per chunk), with an optional K, M or G suffix (powers of 1024; default 4K)", 0 },
	{ "count", 'n', "N", 0, "Jobs per thread (default 1000)", 0 },
	{ "qdepth", 'q', "Q", 0, "Jobs each thread keeps in flight (default 16)", 0 },
	{ "channels", OPT_CHANNELS, "N", 0,
	  "Run on N channels at once (default 1)", 0 },
	{ "threads", OPT_THREADS, "N", 0,
	  "Threads submitting on each channel (default 1)", 0 },
	{ "kernel-loop", OPT_KERNEL_LOOP, NULL, 0,
	  "Let the bridge's in-kernel loop submit and reap the jobs (one thread per channel)", 0 },
	{ "width", OPT_WIDTH, "BYTES", 0,
	  "Configure the channel's access width (slave config, both sides)", 0 },
	{ "burst", OPT_BURST, "WORDS", 0,
	  "Configure the channel's burst (slave config, both sides)", 0 },
	{ 0 }
};

static const struct argp_child xcmd_children[] = {
	{ &run_argp, 0, "Channels, verification and output:", 0 },
	{ 0 }
};

const struct argp xcmd_argp = {
	.options = xcmd_options,
	.parser = xcmd_parse,
	.children = xcmd_children,
};

static void print_shape(const struct xfer_params *p)
{
	const struct xfer_shape *s = &p->shape;

	print_uint(PRINT_JSON, "chunk_bytes", NULL, p->size);
	print_uint(PRINT_ANY, "frames", ", frames %" PRIu64, s->frames);
	print_uint(PRINT_ANY, "chunks", ", chunks %" PRIu64, s->chunks);
	print_uint(PRINT_ANY, "icg_bytes", ", icg %" PRIu64, s->icg);
	print_uint(PRINT_ANY, "src_icg_bytes", ", src icg %" PRIu64,
		   s->src_icg);
	print_uint(PRINT_ANY, "dst_icg_bytes", ", dst icg %" PRIu64,
		   s->dst_icg);
	print_bool(PRINT_ANY, "src_sgl", ", src sgl %s", s->src_sgl);
	print_bool(PRINT_ANY, "dst_sgl", ", dst sgl %s", s->dst_sgl);
}

/*
 * A provider with a fixed pool of descriptors refuses to prepare more
 * than it has: the run goes on with the queue it allows, said here.
 */
static void print_backpressure(const struct measure *m)
{
	const struct xfer_result *res = &m->res;

	if (!res->refusals)
		return;
	print_uint(PRINT_JSON, "qdepth_reached", NULL, res->inflight_peak);
	print_uint(PRINT_JSON, "submit_refusals", NULL, res->refusals);
	print_fp("# %s took at most %" PRIu64 " jobs in flight per thread: its provider refused to prepare more (%" PRIu64 " times), the run went on with that queue\n",
		 m->names, res->inflight_peak, res->refusals);
}

static void print_params(const struct measure *m, const struct xcmd_args *a)
{
	const struct xfer_params *p = &a->p;

	print_string(PRINT_JSON, "channel", NULL, m->names);
	print_fp("# parameters: %s on %s,", xfer_type_name(p->type), m->names);
	print_uint(PRINT_ANY, "size_bytes", " size %" PRIu64,
		   xfer_job_bytes(p));
	if (p->type == XFER_MEMSET) {
		if (p->value < 0)
			print_null(PRINT_ANY, "value", ", value %s",
				   "per job");
		else
			print_uint(PRINT_ANY, "value", ", value 0x%02" PRIx64,
				   p->value);
	}
	if (p->type == XFER_INTERLEAVE)
		print_shape(p);
	print_uint(PRINT_ANY, "count", ", count %" PRIu64, p->count);
	print_uint(PRINT_ANY, "qdepth", ", qdepth %" PRIu64, p->qdepth);
	print_uint(PRINT_ANY, "channels", ", channels %" PRIu64, a->channels);
	print_uint(PRINT_ANY, "threads", ", threads %" PRIu64, a->threads);
	print_uint(PRINT_ANY, "width_bytes", ", width %" PRIu64, p->width);
	print_uint(PRINT_ANY, "burst", ", burst %" PRIu64, p->burst);
	print_bool(PRINT_ANY, "verify", ", verify %s", p->verify);
	print_uint(PRINT_ANY, "timeout_ms", ", timeout %" PRIu64 " ms",
		   a->run.timeout_ms);
	print_string(PRINT_ANY, "mode", ", %s loop\n",
		     p->kernel ? MODE_KERNEL : MODE_USER);
	print_uint(PRINT_JSON, "guard_bytes", NULL, m->layout.off);
	print_uint(PRINT_JSON, "buffer_bytes", NULL, m->layout.buf_len);
	print_backpressure(m);
}

static void print_report(const struct measure *m, const struct xcmd_args *a,
			 const struct point *pt)
{
	enum report_format f = run_format(&a->run);
	struct report_meta meta;

	report_meta_init(&meta, a->run.cmd, &m->info, &m->ci);
	print_tool_info(a->run.cmd);
	report_meta_print(&meta, f);
	switch (f) {
	case REPORT_JSON:
		print_params(m, a);
		report_json_figures(pt);
		print_uint(PRINT_JSON, "jobs_finished", NULL, m->res.finished);
		print_bool(PRINT_JSON, "interrupted", NULL, m->interrupted);
		break;
	case REPORT_CSV:
		print_params(m, a);
		report_csv_header();
		report_csv_row(pt);
		break;
	case REPORT_TEXT:
		print_params(m, a);
		report_text_header();
		report_text_row(pt);
		break;
	}
	report_mismatches(&m->res);
}

/*
 * The run's verdict, once its results are out: bad data first, then
 * failed jobs, then an interruption.
 */
static int verdict(const struct measure *m, const struct xcmd_args *a)
{
	const struct xfer_result *res = &m->res;
	const char *type = xfer_type_name(a->p.type);
	uint64_t total = a->p.count * a->channels * a->threads;

	if (res->verify_errors)
		return errf(-EVERIFY, "%s on %s: verification failed: %" PRIu64 " bad bytes in %" PRIu64 " of %" PRIu64 " jobs",
			    type, m->names, res->verify_errors, res->bad_jobs,
			    res->finished);
	if (res->job_errors && a->p.kernel)
		return errf(-EIO, "%s on %s: %" PRIu64 " of %" PRIu64 " jobs of the in-kernel loop failed",
			    type, m->names, res->job_errors, res->finished);
	if (res->job_errors)
		return errf(-EIO, "%s on %s: %" PRIu64 " of %" PRIu64 " jobs failed (first: job %" PRIu64 " %s, result %s)",
			    type, m->names, res->job_errors, res->finished,
			    res->first_err_id,
			    job_state_name(res->first_err_state),
			    job_result_name(res->first_err_result));
	if (m->interrupted)
		return errf(-EINTR, "%s on %s: interrupted by SIG%s after %" PRIu64 " of %" PRIu64 " jobs",
			    type, m->names, sigabbrev_np(xfer_stop_signal),
			    res->finished, total);
	return 0;
}

int xcmd_run(struct xcmd_args *a)
{
	struct measure m = {
		.choice = &a->run.choice,
		.channels = a->channels,
		.threads = a->threads,
		.p = a->p,
	};
	struct point pt;
	int ret, err;

	m.p.timeout_ms = a->run.timeout_ms;
	m.p.verify = a->run.verify;
	a->p = m.p;
	ret = measure_run(&m);
	if (!ret)
		ret = measure_point(&m, &pt);
	if (ret) {
		measure_free(&m);
		return ret;
	}
	output_begin(stdout);
	print_report(&m, a, &pt);
	ret = output_end();
	err = verdict(&m, a);
	measure_free(&m);
	return err ? err : ret;
}
