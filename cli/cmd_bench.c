// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl bench: memcpy (or memset) over the Cartesian product of sizes,
 * queue depths, channel counts, threads per channel and measurement paths
 * (user-driven, in-kernel), each point repeated, one row or JSON object per
 * point and repetition.
 *
 * Every point is checked against the module's limits and the channel's
 * alignment before the first runs, so that bad input fails before any
 * output; points then run one after the other, each on freshly requested
 * channels, and are printed as they finish.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "measure.h"
#include "names.h"
#include "opts.h"
#include "output.h"
#include "parse.h"
#include "report.h"
#include "slavecfg.h"
#include "sweep.h"

#define DEFAULT_SIZE		4096
#define DEFAULT_COUNT		1000
#define DEFAULT_QDEPTH		16
#define MAX_QDEPTH		4096
#define MAX_SIZE		(1ULL << 40)
#define MAX_REPEAT		1000
#define MAX_POINTS		100000	/* points x repetitions */

enum {
	OPT_CHANNELS = 0x100,
	OPT_THREADS,
	OPT_MODE,
	OPT_KERNEL_LOOP,
	OPT_JOB,
	OPT_WIDTH,
	OPT_BURST,
};

#define MAX_BURST	(1U << 20)

#define MODE_BIT_USER	(1U << 0)
#define MODE_BIT_KERNEL	(1U << 1)

struct bench_args {
	struct run_opts run;
	struct sweep sizes;
	struct sweep widths;	/* 0: no slave configuration */
	struct sweep bursts;
	struct sweep qdepths;
	struct sweep channels;
	struct sweep threads;
	uint64_t count;
	uint64_t repeat;
	enum xfer_type type;
	bool kernel[2];		/* the paths measured, in this order */
	size_t nmodes;
	/* the lists as given, echoed in the metadata */
	const char *sizes_arg;
	const char *widths_arg;
	const char *bursts_arg;
	const char *qdepths_arg;
	const char *channels_arg;
	const char *threads_arg;
	const char *modes_arg;
};

/* --mode user,kernel: each path once, in the order given. */
static error_t parse_modes(struct bench_args *a, char *arg)
{
	const char *p = arg;
	unsigned int seen = 0, bit;
	size_t len;

	a->nmodes = 0;
	for (;;) {
		len = strcspn(p, ",");
		if (len == strlen(MODE_USER) && !strncmp(p, MODE_USER, len))
			bit = MODE_BIT_USER;
		else if (len == strlen(MODE_KERNEL) &&
			 !strncmp(p, MODE_KERNEL, len))
			bit = MODE_BIT_KERNEL;
		else
			return opt_invalid("mode list", arg,
					   "items are user and kernel");
		if (seen & bit)
			return opt_invalid("mode list", arg, "an item twice");
		seen |= bit;
		a->kernel[a->nmodes++] = bit == MODE_BIT_KERNEL;
		if (!p[len])
			break;
		p += len + 1;
	}
	a->modes_arg = arg;
	return 0;
}

static error_t list(const char *what, char *arg, bool is_size, uint64_t min,
		    uint64_t max, struct sweep *w, const char **text)
{
	const char *why;

	if (sweep_parse(arg, is_size, min, max, w, &why))
		return opt_invalid(what, arg, why);
	*text = arg;
	return 0;
}

/* Bus widths, each one dma_slave_config knows. */
static error_t widths(struct bench_args *a, char *arg)
{
	char buf[32];
	uint64_t v;
	error_t ret;
	size_t i;

	ret = list("width list", arg, false, 1, 128, &a->widths,
		   &a->widths_arg);
	for (i = 0; !ret && i < a->widths.n; i++) {
		snprintf(buf, sizeof(buf), "%llu",
			 (unsigned long long)a->widths.v[i]);
		ret = opt_width("width", buf, &v);
	}
	return ret;
}

static error_t bench_parse(int key, char *arg, struct argp_state *state)
{
	struct bench_args *a = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &a->run;
		return 0;
	case 's':
		return list("size list", arg, true, 1, MAX_SIZE, &a->sizes,
			    &a->sizes_arg);
	case 'q':
		return list("qdepth list", arg, false, 1, MAX_QDEPTH,
			    &a->qdepths, &a->qdepths_arg);
	case OPT_WIDTH:
		return widths(a, arg);
	case OPT_BURST:
		return list("burst list", arg, false, 1, MAX_BURST,
			    &a->bursts, &a->bursts_arg);
	case OPT_CHANNELS:
		return list("channels list", arg, false, 1,
			    MEASURE_MAX_CHANNELS, &a->channels,
			    &a->channels_arg);
	case OPT_THREADS:
		return list("threads list", arg, false, 1, MEASURE_MAX_THREADS,
			    &a->threads, &a->threads_arg);
	case 'n':
		return opt_uint("count", arg, 1, UINT32_MAX, &a->count);
	case 'r':
		return opt_uint("repeat", arg, 1, MAX_REPEAT, &a->repeat);
	case OPT_MODE:
		return parse_modes(a, arg);
	case OPT_KERNEL_LOOP:
		a->nmodes = 1;
		a->kernel[0] = true;
		a->modes_arg = MODE_KERNEL;
		return 0;
	case OPT_JOB:
		if (!strcmp(arg, "memcpy"))
			a->type = XFER_MEMCPY;
		else if (!strcmp(arg, "memset"))
			a->type = XFER_MEMSET;
		else
			return opt_invalid("job", arg,
					   "bench runs memcpy or memset");
		return 0;
	case ARGP_KEY_ARG:
		return errf(EINVAL, "bench: unexpected argument '%s'", arg);
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp_option bench_options[] = {
	{ "size", 's', "LIST", 0,
	  "Bytes per copy: values with an optional K, M or G suffix, ranges "
	  "FROM..TO[:xF|:+S] (default 4K)", 0 },
	{ "qdepth", 'q', "LIST", 0, "Copies each thread keeps in flight (default 16)", 0 },
	{ "width", OPT_WIDTH, "LIST", 0,
	  "Access widths in bytes, set by slave configuration (default: none set)", 0 },
	{ "burst", OPT_BURST, "LIST", 0,
	  "Bursts in words, set by slave configuration (default: none set)", 0 },
	{ "channels", OPT_CHANNELS, "LIST", 0,
	  "Channels used at once (default 1)", 0 },
	{ "threads", OPT_THREADS, "LIST", 0,
	  "Threads submitting on each channel (default 1)", 0 },
	{ "count", 'n', "N", 0, "Copies per thread and point (default 1000)", 0 },
	{ "repeat", 'r', "N", 0, "Run every point N times (default 1)", 0 },
	{ "mode", OPT_MODE, "LIST", 0,
	  "Measurement paths: user (dmactl submits and reaps), kernel (the "
	  "bridge's in-kernel loop), or both (default user)", 0 },
	{ "kernel-loop", OPT_KERNEL_LOOP, NULL, 0, "Same as --mode kernel", 0 },
	{ "job", OPT_JOB, "TYPE", 0, "memcpy (default) or memset", 0 },
	{ 0 }
};

static const struct argp_child bench_children[] = {
	{ &run_argp, 0, "Channels, verification and output:", 0 },
	{ 0 }
};

static const struct argp bench_argp = {
	.options = bench_options,
	.parser = bench_parse,
	.doc = "Measure memcpy over every combination of the values given: "
	       "size x width x burst x qdepth x channels x threads x mode, "
	       "each repeated.\v"
	       "A LIST is comma-separated values and ranges: 4K,64K,1M or "
	       "512..1M (doubling), 1..64:x4, 1..8:+1.  Without --chan or "
	       "--device, free channels that can do memcpy are used.",
	.children = bench_children,
};

static void point_params(const struct bench_args *a, struct xfer_params *p)
{
	*p = (struct xfer_params){
		.type = a->type,
		.value = -1,
		.count = a->count,
		.timeout_ms = a->run.timeout_ms,
		.verify = a->run.verify,
	};
}

/* The first channel of the choice, to check every point before any runs. */
static int probe(const struct bench_args *a, struct dev *d,
		 struct dmactl_chan_info *ci)
{
	struct xfer_params p;
	struct take t = {
		.choice = &a->run.choice,
		.wanted = 1,
		.caps = xfer_caps(a->type),
		.what = xfer_type_name(a->type),
	};
	size_t i;
	int ret;

	point_params(a, &p);
	p.width = a->widths.v[a->widths.n - 1];
	p.burst = a->bursts.v[a->bursts.n - 1];
	for (i = 0; i < a->nmodes; i++) {
		p.kernel = a->kernel[i];
		t.features |= xfer_features(&p);
	}
	ret = chan_take(d, ci, &t);
	if (ret)
		return ret;
	ret = dev_release(d);
	dev_close(d);
	return ret;
}

static int check_points(const struct bench_args *a, const struct dev *d,
			const struct dmactl_chan_info *ci)
{
	struct slave_opts cfg;
	struct xfer_params p;
	struct xfer_layout l;
	uint64_t points;
	size_t i, j, k, m;
	int ret;

	points = a->sizes.n * a->widths.n * a->bursts.n * a->qdepths.n *
		 a->channels.n * a->threads.n * a->nmodes;
	if (points * a->repeat > MAX_POINTS)
		return errf(-EUSAGE, "invalid sweep: %llu points x %llu repetitions exceed %u",
			    (unsigned long long)points,
			    (unsigned long long)a->repeat, MAX_POINTS);
	for (i = 0; i < a->channels.n; i++)
		if (a->run.choice.names &&
		    a->channels.v[i] > a->run.choice.nnames)
			return errf(-EUSAGE, "invalid channels '%llu': only %zu channels given with --chan",
				    (unsigned long long)a->channels.v[i],
				    a->run.choice.nnames);
	point_params(a, &p);
	for (i = 0; i < a->widths.n; i++) {
		for (j = 0; j < a->bursts.n; j++) {
			p.width = a->widths.v[i];
			p.burst = a->bursts.v[j];
			xfer_slave_opts(&p, &cfg);
			ret = slave_check(&cfg, ci, DMACTL_DIR_MEM_TO_MEM);
			if (ret)
				return ret;
		}
	}
	for (m = 0; m < a->nmodes; m++) {
		p.kernel = a->kernel[m];
		for (k = 0; k < a->threads.n; k++) {
			if (p.kernel && a->threads.v[k] > 1)
				return errf(-EUSAGE, "invalid threads '%llu': the in-kernel loop holds its channel's session, one thread per channel",
					    (unsigned long long)a->threads.v[k]);
			for (i = 0; i < a->sizes.n; i++) {
				for (j = 0; j < a->qdepths.n; j++) {
					p.size = a->sizes.v[i];
					p.qdepth = a->qdepths.v[j];
					ret = xfer_plan(d, ci, &p,
							a->threads.v[k], &l);
					if (ret)
						return ret;
				}
			}
		}
	}
	return 0;
}

static void print_list(const char *key, const char *text,
		       const struct sweep *w)
{
	size_t i;

	open_json_array(key);
	for (i = 0; i < w->n; i++)
		print_uint(PRINT_JSON, NULL, NULL, w->v[i]);
	close_json_array();
	print_fp(" %s=%s", key, text);
}

static void print_params(const struct bench_args *a)
{
	size_t i;

	print_fp("# parameters: job=%s", xfer_type_name(a->type));
	open_json_object("parameters");
	print_string(PRINT_JSON, "job", NULL, xfer_type_name(a->type));
	print_list("sizes_bytes", a->sizes_arg, &a->sizes);
	print_list("widths_bytes", a->widths_arg, &a->widths);
	print_list("bursts", a->bursts_arg, &a->bursts);
	print_list("qdepths", a->qdepths_arg, &a->qdepths);
	print_list("channels", a->channels_arg, &a->channels);
	print_list("threads", a->threads_arg, &a->threads);
	open_json_array("modes");
	for (i = 0; i < a->nmodes; i++)
		print_string(PRINT_JSON, NULL, NULL,
			     a->kernel[i] ? MODE_KERNEL : MODE_USER);
	close_json_array();
	print_fp(" modes=%s", a->modes_arg);
	print_uint(PRINT_ANY, "count", " count=%" PRIu64, a->count);
	print_uint(PRINT_ANY, "repeat", " repeat=%" PRIu64, a->repeat);
	print_bool(PRINT_ANY, "verify", " verify=%s", a->run.verify);
	print_uint(PRINT_ANY, "timeout_ms", " timeout_ms=%" PRIu64 "\n",
		   a->run.timeout_ms);
	close_json_object();
}

struct totals {
	uint64_t points;
	uint64_t job_errors;
	uint64_t bad_jobs;
	uint64_t verify_errors;
};

static int run_point(const struct bench_args *a, struct measure *m,
		     uint64_t rep, struct totals *t)
{
	enum report_format f = run_format(&a->run);
	struct point pt;
	int ret;

	ret = measure_run(m);
	if (!ret)
		ret = measure_point(m, &pt);
	if (ret) {
		measure_free(m);
		return ret;
	}
	pt.rep = rep;
	t->points++;
	t->job_errors += pt.job_errors;
	t->bad_jobs += pt.bad_jobs;
	t->verify_errors += pt.verify_errors;
	switch (f) {
	case REPORT_JSON:
		open_json_object(NULL);
		report_json_params(&pt);
		report_json_figures(&pt);
		print_bool(PRINT_JSON, "interrupted", NULL, m->interrupted);
		close_json_object();
		break;
	case REPORT_CSV:
		report_csv_row(&pt);
		break;
	case REPORT_TEXT:
		report_text_row(&pt);
		break;
	}
	/* rows reach a pipe as they are measured */
	fflush(stdout);
	measure_free(m);
	return 0;
}

/*
 * Point @idx of the sweep, its repetition in the last place, its size in
 * the first: the CSV columns' order, left to right (mode before rep).
 */
static uint64_t decompose(const struct bench_args *a, uint64_t idx,
			  struct measure *m)
{
	uint64_t rep = idx % a->repeat + 1;

	idx /= a->repeat;
	m->p.kernel = a->kernel[idx % a->nmodes];
	idx /= a->nmodes;
	m->threads = a->threads.v[idx % a->threads.n];
	idx /= a->threads.n;
	m->channels = a->channels.v[idx % a->channels.n];
	idx /= a->channels.n;
	m->p.qdepth = a->qdepths.v[idx % a->qdepths.n];
	idx /= a->qdepths.n;
	m->p.burst = a->bursts.v[idx % a->bursts.n];
	idx /= a->bursts.n;
	m->p.width = a->widths.v[idx % a->widths.n];
	idx /= a->widths.n;
	m->p.size = a->sizes.v[idx];
	return rep;
}

static int run_sweep(const struct bench_args *a, struct totals *t)
{
	struct measure m = { .choice = &a->run.choice };
	uint64_t n = a->sizes.n * a->widths.n * a->bursts.n * a->qdepths.n *
		     a->channels.n * a->threads.n * a->nmodes * a->repeat, i, rep;
	int ret;

	point_params(a, &m.p);
	for (i = 0; i < n && !xfer_stop_signal; i++) {
		rep = decompose(a, i, &m);
		ret = run_point(a, &m, rep, t);
		if (ret)
			return ret;
	}
	return 0;
}

static int verdict(const struct totals *t)
{
	if (t->verify_errors)
		return errf(-EVERIFY, "bench: verification failed: %" PRIu64 " bad bytes in %" PRIu64 " jobs",
			    t->verify_errors, t->bad_jobs);
	if (t->job_errors)
		return errf(-EIO, "bench: %" PRIu64 " jobs failed", t->job_errors);
	if (xfer_stop_signal)
		return errf(-EINTR, "bench: interrupted by SIG%s after %" PRIu64 " points",
			    sigabbrev_np(xfer_stop_signal), t->points);
	return 0;
}

static int do_bench(void *input)
{
	struct bench_args *a = input;
	enum report_format f = run_format(&a->run);
	struct dmactl_chan_info ci;
	struct report_meta meta;
	struct totals t = { 0 };
	struct dev d;
	int ret, out, err;

	ret = probe(a, &d, &ci);
	if (!ret)
		ret = check_points(a, &d, &ci);
	if (ret)
		return ret;

	output_begin(stdout);
	report_meta_init(&meta, "bench", &d.info, &ci);
	print_tool_info("bench");
	report_meta_print(&meta, f);
	print_params(a);
	if (f == REPORT_CSV)
		report_csv_header();
	else
		report_text_header();
	open_json_array("points");
	ret = run_sweep(a, &t);
	close_json_array();
	out = output_end();
	err = verdict(&t);
	if (ret)
		return ret;
	return err ? err : out;
}

static struct bench_args bench_input = {
	.run = {
		.cmd = "bench",
		.timeout_ms = DEFAULT_TIMEOUT_MS,
		.verify = true,
	},
	.sizes = { .v = { DEFAULT_SIZE }, .n = 1 },
	.widths = { .v = { 0 }, .n = 1 },
	.bursts = { .v = { 0 }, .n = 1 },
	.qdepths = { .v = { DEFAULT_QDEPTH }, .n = 1 },
	.channels = { .v = { 1 }, .n = 1 },
	.threads = { .v = { 1 }, .n = 1 },
	.count = DEFAULT_COUNT,
	.repeat = 1,
	.type = XFER_MEMCPY,
	.kernel = { false },
	.nmodes = 1,
	.sizes_arg = "4K",
	.widths_arg = "0",
	.bursts_arg = "0",
	.qdepths_arg = "16",
	.channels_arg = "1",
	.threads_arg = "1",
	.modes_arg = MODE_USER,
};

const struct command cmd_bench = {
	.name = "bench",
	.doc = "sweep sizes, queue depths, channels, threads, paths: CSV/JSON",
	.argp = &bench_argp,
	.input = &bench_input,
	.handler = do_bench,
};
