// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl cyclic: a cyclic transfer (dmaengine_prep_dma_cyclic) between a
 * ring buffer and a device address, as audio and streaming drivers use
 * them, for a number of periods or a time.
 *
 * Every period's callback comes back as an event with its kernel
 * timestamp: the intervals between them give the period timing and its
 * jitter.  Meanwhile the job's status is sampled to show the live
 * position in the ring.  In loop mode a transmitting and a receiving
 * cyclic job run on two channels through a loopback device; once the
 * receiver has filled its ring at least once, it must hold exactly what
 * the transmitter's ring holds.  A cyclic job only ends when it is
 * terminated, which this command does at the end.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "names.h"
#include "output.h"
#include "parse.h"
#include "pattern.h"
#include "report.h"
#include "sides.h"
#include "xfer.h"

#define MAX_SIZE	(1ULL << 30)
#define MAX_PERIODS	(1ULL << 32)
#define MAX_MS		(24ULL * 3600 * 1000)
#define EVENTS_PER_READ	64
#define DRAIN_POLLS	3	/* unmoved samples: the receiver is done */
#define DRAIN_POLL_US	10000
#define FEATURES	(DMACTL_FEAT_CHAN_REQUEST | DMACTL_FEAT_COHERENT_BUF | \
			 DMACTL_FEAT_SLAVE_CONFIG | DMACTL_FEAT_CYCLIC | \
			 DMACTL_FEAT_EVENTS | DMACTL_FEAT_CONTROL)

enum {
	OPT_PERIODS = 0x100,
	OPT_DURATION,
	OPT_INTERVAL,
};

struct cyclic_args {
	struct sides_args s;
	uint64_t size;		/* the ring */
	uint64_t period;	/* bytes per period */
	uint64_t periods;	/* stop after this many; 0: --duration */
	uint64_t duration_ms;
	uint64_t interval_ms;	/* position samples; 0: none */
};

/* A period callback: which period, when. */
struct tick {
	uint64_t period;
	uint64_t ns;
};

struct cside {
	struct dev d;
	struct dmactl_chan_info ci;
	uint32_t dir;
	struct dev_buf buf;
	uint64_t job;
	struct tick *ticks;	/* the period events read, in order */
	size_t n;
	size_t alloc;
	uint64_t next_period;	/* the period number expected next */
	uint64_t missing;	/* period numbers never seen */
	uint64_t dropped;	/* events the ring had no room for */
	uint64_t errors;	/* callbacks with a result other than noerror */
	uint64_t issue_ns;
	struct dmactl_job_status final;
};

struct sample {
	uint64_t time_ms;
	unsigned int side;
	uint64_t periods;
	uint64_t residue;
	uint32_t dma_status;
};

struct cyclic_run {
	struct cyclic_args *a;
	struct cside side[2];	/* tx first in loop mode */
	unsigned int nsides;
	unsigned int measured;	/* the side whose periods count */
	size_t buf_len;
	size_t off;
	bool verify;
	struct sample *samples;
	size_t nsamples;
	size_t samples_alloc;
	uint64_t start_ms;
	bool timed_out;
	bool stopped;		/* every job terminated: buffers free */
	struct xfer_result res;	/* verification */
	struct control ctl;
	atomic_bool stop;
};

static error_t cyclic_parse(int key, char *arg, struct argp_state *state)
{
	struct cyclic_args *a = state->input;
	error_t ret;

	switch (key) {
	case 's':
		return opt_size("size", arg, 1, MAX_SIZE, &a->size);
	case 'p':
		return opt_size("period", arg, 1, MAX_SIZE, &a->period);
	case OPT_PERIODS:
		return opt_uint("periods", arg, 1, MAX_PERIODS, &a->periods);
	case OPT_DURATION:
		a->periods = 0;
		return opt_uint("duration", arg, 1, MAX_MS, &a->duration_ms);
	case OPT_INTERVAL:
		return opt_uint("interval", arg, 0, MAX_MS, &a->interval_ms);
	case ARGP_KEY_END:
		ret = sides_parse(&a->s, key, arg, state);
		if (!ret && a->size % a->period)
			return errf(EINVAL, "invalid period '%llu': does not divide the buffer size (%llu bytes)",
				    (unsigned long long)a->period,
				    (unsigned long long)a->size);
		return ret;
	default:
		return sides_parse(&a->s, key, arg, state);
	}
}

static const struct argp_option cyclic_options[] = {
	{ "size", 's', "SIZE", 0,
	  "Bytes of the ring buffer, K, M or G suffix allowed (default 16K)", 0 },
	{ "period", 'p', "SIZE", 0,
	  "Bytes per period; must divide the ring (default 4K)", 0 },
	{ "periods", OPT_PERIODS, "N", 0,
	  "Stop after N periods (default 64)", 0 },
	{ "duration", OPT_DURATION, "MS", 0,
	  "Stop after MS milliseconds instead", 0 },
	{ "interval", OPT_INTERVAL, "MS", 0,
	  "Sample the position every MS milliseconds, 0 for never (default 100)", 0 },
	{ 0 }
};

static const struct argp cyclic_argp = {
	.options = cyclic_options,
	.parser = cyclic_parse,
	.args_doc = "tx|rx|loop",
	.doc = "Run a cyclic transfer between a ring buffer and a device "
	       "address for a number of periods or a time; show the live "
	       "position, the per-period timing and its jitter.\v"
	       "tx and rx take one channel, loop two (-c TX,RX) through "
	       "--addr; loop checks the received ring against the sent one.  "
	       "The job is terminated at the end.",
	.children = sides_children,
};

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

/* The check compares whole rings: loop mode must run one at least. */
static int check_args(struct cyclic_args *a)
{
	uint64_t ring = a->size / a->period;

	if (a->s.mode == SIDES_LOOP && a->s.run.verify && a->periods &&
	    a->periods < ring)
		return errf(-EUSAGE, "invalid periods '%llu': loop checks the whole ring, at least %llu periods",
			    (unsigned long long)a->periods,
			    (unsigned long long)ring);
	return sides_check(&a->s);
}

static int take_side(struct cyclic_run *r, unsigned int i)
{
	struct cside *sd = &r->side[i];
	int ret;

	ret = sides_take(&r->a->s, i, DMACTL_CAP_CYCLIC, FEATURES, &sd->d, &sd->ci,
			 &sd->dir);
	if (!ret)
		r->nsides = i + 1;
	return ret;
}

static int alloc_bufs(struct cyclic_run *r)
{
	const struct dmactl_info *mi = &r->side[0].d.info;
	char sz[32], lim[32];
	unsigned int k;
	int ret;

	if (r->a->size > mi->max_buf_bytes)
		return errf(-EUSAGE, "invalid size '%s': larger than the module's max_buf_bytes (%s)",
			    size_str(r->a->size, sz, sizeof(sz)),
			    size_str(mi->max_buf_bytes, lim, sizeof(lim)));
	r->buf_len = xfer_buf_len(r->a->size, 1, mi->max_buf_bytes, &r->off);
	for (k = 0; k < r->nsides; k++) {
		ret = dev_buf_alloc(&r->side[k].d, r->buf_len,
				    &r->side[k].buf);
		if (ret)
			return ret;
	}
	return 0;
}

static void pattern_job(const struct cyclic_run *r, struct pattern_job *pj)
{
	*pj = (struct pattern_job){
		.src = r->side[0].buf.map,
		.dst = r->side[r->nsides - 1].buf.map,
		.buf_len = r->buf_len,
		.off = r->off,
		.len = r->a->size,
		.seed = 1,
	};
}

static int submit(struct cyclic_run *r, unsigned int k)
{
	struct cside *sd = &r->side[k];
	struct dmactl_job job;
	uint32_t submitted;
	int ret;

	memset(&job, 0, sizeof(job));
	job.type = DMACTL_JOB_CYCLIC;
	job.direction = sd->dir;
	if (sd->dir == DMACTL_DIR_MEM_TO_DEV) {
		job.src_buf = sd->buf.id;
		job.src_off = r->off;
	} else {
		job.dst_buf = sd->buf.id;
		job.dst_off = r->off;
	}
	job.len = r->a->size;
	job.period_len = r->a->period;
	ret = dev_submit(&sd->d, &job, 1, true, &sd->job, &submitted);
	if (ret)
		return ret;
	if (k == r->measured) {
		atomic_store(&r->ctl.job, sd->job);
		atomic_store(&r->ctl.last, sd->job);
	}
	return 0;
}

static int add_period(struct cside *sd, const struct dmactl_event *ev)
{
	struct tick *v;

	if (sd->n == sd->alloc) {
		size_t alloc = sd->alloc ? 2 * sd->alloc : 256;

		v = reallocarray(sd->ticks, alloc, sizeof(*v));
		if (!v)
			return errf(-ENOMEM, "cyclic: %s", strerror(ENOMEM));
		sd->ticks = v;
		sd->alloc = alloc;
	}
	sd->ticks[sd->n++] = (struct tick){ ev->period, ev->complete_ns };
	if (ev->period > sd->next_period)
		sd->missing += ev->period - sd->next_period;
	sd->next_period = ev->period + 1;
	if (!sd->issue_ns)
		sd->issue_ns = ev->issue_ns;
	return 0;
}

/* Reads what events side @k has queued, without waiting. */
static int events(struct cyclic_run *r, unsigned int k, size_t *got)
{
	struct dmactl_event ev[EVENTS_PER_READ];
	struct cside *sd = &r->side[k];
	size_t n, i;
	int ret;

	*got = 0;
	ret = dev_events(&sd->d, ev, ARRAY_SIZE(ev), 0, &n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		if (ev[i].dropped > sd->dropped)
			sd->dropped = ev[i].dropped;
		if (ev[i].job_id != sd->job ||
		    ev[i].type == DMACTL_EVENT_TERMINATED)
			continue;
		if (ev[i].result != DMACTL_RESULT_NOERROR)
			sd->errors++;
		if (ev[i].type != DMACTL_EVENT_PERIOD)
			continue;
		ret = add_period(sd, &ev[i]);
		if (ret)
			return ret;
		(*got)++;
	}
	return 0;
}

static const char *side_name(const struct cside *sd)
{
	return sd->dir == DMACTL_DIR_MEM_TO_DEV ? "tx" : "rx";
}

static int sample(struct cyclic_run *r)
{
	struct dmactl_job_status st;
	struct sample *s;
	unsigned int k;

	for (k = 0; k < r->nsides; k++) {
		if (dev_query(&r->side[k].d, r->side[k].job, &st))
			continue;
		if (r->nsamples == r->samples_alloc) {
			size_t alloc = r->samples_alloc ?
				       2 * r->samples_alloc : 64;

			s = reallocarray(r->samples, alloc, sizeof(*s));
			if (!s)
				return errf(-ENOMEM, "cyclic: %s",
					    strerror(ENOMEM));
			r->samples = s;
			r->samples_alloc = alloc;
		}
		s = &r->samples[r->nsamples++];
		*s = (struct sample){
			.time_ms = now_ms() - r->start_ms,
			.side = k,
			.periods = st.periods,
			.residue = st.residue,
			.dma_status = st.dma_status,
		};
		/* live, in text mode: the report comes at the end */
		if (run_format(&r->a->s.run) != REPORT_TEXT)
			continue;
		printf("# %6" PRIu64 " ms  %s %s: period %" PRIu64
		       ", position %" PRIu64 " of %" PRIu64
		       " bytes, residue %" PRIu64 " (%s)\n", s->time_ms,
		       side_name(&r->side[k]), r->side[k].ci.chan_name,
		       s->periods, r->a->size - s->residue, r->a->size,
		       s->residue, dma_status_name(s->dma_status));
		fflush(stdout);
	}
	return 0;
}

static bool finished(struct cyclic_run *r, uint64_t now)
{
	const struct cyclic_args *a = r->a;
	const struct cside *m = &r->side[r->measured];

	if (xfer_stop_signal || atomic_load(&r->stop))
		return true;
	/* by period number: events the ring dropped still count */
	if (a->periods)
		return m->next_period >= a->periods;
	/* loop: the check needs a whole ring received */
	if (r->verify && m->next_period < a->size / a->period)
		return false;
	return now - r->start_ms >= a->duration_ms;
}

/* Collect events until done, sampling the position on the way. */
static int follow(void *arg)
{
	struct cyclic_run *r = arg;
	const struct cyclic_args *a = r->a;
	uint64_t next_sample = r->start_ms + a->interval_ms;
	uint64_t last_period = r->start_ms, now;
	struct dev *d[2] = { &r->side[0].d, &r->side[1].d };
	size_t got, any;
	unsigned int k;
	int ret, wait;

	for (;;) {
		now = now_ms();
		if (finished(r, now))
			return 0;
		if (a->interval_ms && now >= next_sample) {
			ret = sample(r);
			if (ret)
				return ret;
			next_sample += a->interval_ms;
		}
		wait = a->interval_ms ? next_sample - now : 50;
		if (wait > 50)
			wait = 50;
		ret = dev_poll(d, r->nsides, wait);
		if (ret == -EINTR)
			continue;
		if (ret)
			return ret;
		any = 0;
		for (k = 0; k < r->nsides; k++) {
			ret = events(r, k, &got);
			if (ret == -EINTR)
				continue;
			if (ret)
				return ret;
			any += got;
		}
		if (any) {
			last_period = now_ms();
		} else if (now_ms() - last_period >= a->s.run.timeout_ms) {
			r->timed_out = true;
			return errf(-ETIMEDOUT, "cyclic on %s: no period completed in %llu ms (ETIMEDOUT)",
				    r->side[r->measured].ci.chan_name,
				    (unsigned long long)a->s.run.timeout_ms);
		}
	}
}

/*
 * Loop mode, the transmitter stopped: let the receiver take what it left
 * in the port, so that the port is empty for whoever uses it next.  The
 * receiver is done when its position has not moved for a few polls.
 */
static void drain(struct cyclic_run *r)
{
	uint64_t deadline = now_ms() + r->a->s.run.timeout_ms;
	struct cside *rx = &r->side[1];
	struct dmactl_job_status st;
	uint64_t periods = 0, residue = 0;
	unsigned int still = 0;

	while (still < DRAIN_POLLS && now_ms() < deadline) {
		if (dev_query(&rx->d, rx->job, &st))
			return;
		if (st.periods == periods && st.residue == residue) {
			still++;
		} else {
			still = 0;
			periods = st.periods;
			residue = st.residue;
		}
		usleep(DRAIN_POLL_US);
	}
}

/*
 * Terminate (the transmitter first, the receiver once it drained the
 * port), read the last events, read each job's final status.
 */
static int stop_jobs(struct cyclic_run *r)
{
	size_t got;
	unsigned int k;
	int ret, err = 0;

	for (k = 0; k < r->nsides; k++) {
		if (k == 1 && r->side[0].job && r->side[1].job)
			drain(r);
		ret = dev_terminate(&r->side[k].d, false);
		if (ret && !err)
			err = ret;
	}
	for (k = 0; k < r->nsides; k++) {
		struct cside *sd = &r->side[k];

		if (!sd->job)
			continue;
		do
			ret = events(r, k, &got);
		while (!ret && got);
		if (ret && !err)
			err = ret;
		ret = dev_status(&sd->d, sd->job, 1, true, &sd->final);
		if (ret && !err)
			err = ret;
	}
	return err;
}

static void verify(struct cyclic_run *r)
{
	struct pattern_error errs[XFER_MAX_SHOWN];
	struct pattern_job pj;

	pattern_job(r, &pj);
	r->res.finished = 1;
	xfer_add_mismatches(&r->res, errs,
			    pattern_verify(&pj, errs, XFER_MAX_SHOWN),
			    r->side[1].job, r->off);
}

static int run(struct cyclic_run *r)
{
	const struct cyclic_args *a = r->a;
	struct pattern_job pj;
	unsigned int k;
	int ret, err;

	ret = take_side(r, 0);
	if (!ret && a->s.mode == SIDES_LOOP)
		ret = take_side(r, 1);
	/* after the caps: a width the channel lacks is the better message */
	if (!ret)
		ret = sides_check_len(&a->s, "period", a->period);
	if (!ret)
		ret = alloc_bufs(r);
	/* nothing submitted yet */
	r->stopped = true;
	if (ret)
		return ret;
	r->measured = r->nsides - 1;
	if (r->verify || a->s.mode == SIDES_TX) {
		pattern_job(r, &pj);
		pattern_fill(&pj);
	}
	r->start_ms = now_ms();
	/* the receiver first, ready when the data comes */
	for (k = r->nsides; k-- > 0 && !ret;)
		ret = submit(r, k);
	if (!ret && control_wanted(&a->s.ctl)) {
		r->ctl.o = &a->s.ctl;
		r->ctl.d = &r->side[r->measured].d;
		r->ctl.also = r->nsides == 2 ? &r->side[0].d : NULL;
		r->ctl.stop = &r->stop;
		ret = control_start(&r->ctl);
	}
	if (!ret)
		ret = xfer_catch_signals(follow, r);
	err = control_finish(&r->ctl);
	if (!ret)
		ret = err;
	err = stop_jobs(r);
	r->stopped = !err;
	if (!ret)
		ret = err;
	if (!ret && r->verify)
		verify(r);
	return ret;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/*
 * Interval statistics and jitter (|interval - mean|) of one side, over
 * the intervals between consecutive periods whose events were both read.
 */
static int print_timing(const struct cyclic_run *r, const struct cside *sd)
{
	uint64_t min = UINT64_MAX, max = 0, *iv;
	double mean = 0, var = 0, d;
	size_t n = 0, i;

	print_uint(PRINT_ANY, "periods", " %8" PRIu64, sd->next_period);
	print_uint(PRINT_ANY, "periods_missing", " %7" PRIu64, sd->missing);
	print_uint(PRINT_ANY, "events_dropped", " %7" PRIu64, sd->dropped);
	print_uint(PRINT_ANY, "errors", " %6" PRIu64, sd->errors);
	iv = calloc(sd->n ? sd->n : 1, sizeof(*iv));
	if (!iv)
		return errf(-ENOMEM, "cyclic: %s", strerror(ENOMEM));
	for (i = 1; i < sd->n; i++)
		if (sd->ticks[i].period == sd->ticks[i - 1].period + 1)
			iv[n++] = sd->ticks[i].ns - sd->ticks[i - 1].ns;
	if (!n) {
		print_fp("   (no two consecutive periods: no timing)\n");
		free(iv);
		return 0;
	}
	for (i = 0; i < n; i++) {
		mean += (double)iv[i];
		min = iv[i] < min ? iv[i] : min;
		max = iv[i] > max ? iv[i] : max;
	}
	mean /= (double)n;
	for (i = 0; i < n; i++) {
		d = (double)iv[i] - mean;
		var += d * d;
		iv[i] = (uint64_t)llround(fabs(d));
	}
	qsort(iv, n, sizeof(*iv), cmp_u64);
	print_uint(PRINT_JSON, "intervals", NULL, n);
	print_float(PRINT_ANY, "interval_mean_ns", " %12.0f", mean);
	print_float(PRINT_ANY, "interval_stddev_ns", " %10.0f",
		    sqrt(var / (double)n));
	print_uint(PRINT_ANY, "interval_min_ns", " %10" PRIu64, min);
	print_uint(PRINT_ANY, "interval_max_ns", " %10" PRIu64, max);
	print_uint(PRINT_ANY, "jitter_p50_ns", " %10" PRIu64,
		   percentile(iv, n, 500));
	print_uint(PRINT_ANY, "jitter_p99_ns", " %10" PRIu64,
		   percentile(iv, n, 990));
	print_uint(PRINT_ANY, "jitter_p999_ns", " %10" PRIu64,
		   percentile(iv, n, 999));
	print_uint(PRINT_ANY, "jitter_max_ns", " %10" PRIu64, iv[n - 1]);
	print_float(PRINT_ANY, "throughput_MBps", " %10.1f",
		    r->a->period * 1e3 / mean);
	print_float(PRINT_ANY, "throughput_MiBps", " %10.1f\n",
		    r->a->period * 1e9 / 1048576.0 / mean);
	free(iv);
	return 0;
}


static void print_params(const struct cyclic_run *r)
{
	const struct cyclic_args *a = r->a;
	unsigned int k;

	print_string(PRINT_JSON, "direction", NULL, sides_name(a->s.mode));
	print_fp("# parameters: cyclic %s on", sides_name(a->s.mode));
	for (k = 0; k < r->nsides; k++) {
		const struct cside *sd = &r->side[k];
		char key[16];

		snprintf(key, sizeof(key), "%s_channel", side_name(sd));
		print_string(PRINT_ANY, key, " %s", sd->ci.chan_name);
	}
	print_uint(PRINT_ANY, "buffer_bytes", ": buffer %" PRIu64, a->size);
	print_uint(PRINT_ANY, "period_bytes", ", period %" PRIu64, a->period);
	print_uint(PRINT_JSON, "periods_per_buffer", NULL,
		   a->size / a->period);
	if (a->periods)
		print_uint(PRINT_ANY, "periods_requested", ", %" PRIu64
			   " periods", a->periods);
	else
		print_uint(PRINT_ANY, "duration_ms", ", %" PRIu64 " ms",
			   a->duration_ms);
	print_uint(PRINT_ANY, "width_bytes", ", width %" PRIu64,
		   a->s.cfg.dst_width ? a->s.cfg.dst_width : a->s.cfg.src_width);
	print_uint(PRINT_ANY, "burst", ", burst %" PRIu64,
		   a->s.cfg.dst_burst ? a->s.cfg.dst_burst : a->s.cfg.src_burst);
	print_bool(PRINT_ANY, "verify", ", verify %s\n", r->verify);
	print_uint(PRINT_JSON, "interval_ms", NULL, a->interval_ms);
	if (a->s.cfg.dst_addr_set)
		print_uint(PRINT_JSON, "dst_addr", NULL, a->s.cfg.dst_addr);
	if (a->s.cfg.src_addr_set)
		print_uint(PRINT_JSON, "src_addr", NULL, a->s.cfg.src_addr);
}

static void print_samples(const struct cyclic_run *r)
{
	size_t i;

	if (!output_json())
		return;
	open_json_array("positions");
	for (i = 0; i < r->nsamples; i++) {
		const struct sample *s = &r->samples[i];

		open_json_object(NULL);
		print_uint(PRINT_JSON, "time_ms", NULL, s->time_ms);
		print_string(PRINT_JSON, "side", NULL,
			     side_name(&r->side[s->side]));
		print_uint(PRINT_JSON, "periods", NULL, s->periods);
		print_uint(PRINT_JSON, "position_bytes", NULL,
			   r->a->size - s->residue);
		print_uint(PRINT_JSON, "residue_bytes", NULL, s->residue);
		print_string(PRINT_JSON, "dma_status", NULL,
			     dma_status_name(s->dma_status));
		close_json_object();
	}
	close_json_array();
}

static int print_sides(const struct cyclic_run *r)
{
	unsigned int k;
	size_t i;
	int ret;

	print_fp("#side %-10s %8s %7s %7s %6s %12s %10s %10s %10s %10s %10s %10s %10s %10s %10s\n",
		 "channel", "periods", "missing", "dropped", "errors",
		 "mean_ns", "stddev_ns", "min_ns", "max_ns", "jit50_ns",
		 "jit99_ns", "jit999_ns", "jitmax_ns", "MB/s", "MiB/s");
	open_json_array("sides");
	for (k = 0; k < r->nsides; k++) {
		const struct cside *sd = &r->side[k];

		open_json_object(NULL);
		print_string(PRINT_ANY, "side", " %-4s", side_name(sd));
		print_string(PRINT_ANY, "channel", " %-10s",
			     sd->ci.chan_name);
		ret = print_timing(r, sd);
		if (ret)
			return ret;
		print_uint(PRINT_JSON, "final_periods", NULL,
			   sd->final.periods);
		print_string(PRINT_JSON, "final_state", NULL,
			     job_state_name(sd->final.state));
		print_uint(PRINT_JSON, "final_residue_bytes", NULL,
			   sd->final.residue);
		open_json_array("ticks");
		for (i = 0; i < sd->n; i++) {
			open_json_object(NULL);
			print_uint(PRINT_JSON, "period", NULL,
				   sd->ticks[i].period);
			print_uint(PRINT_JSON, "time_ns", NULL,
				   sd->ticks[i].ns - sd->ticks[0].ns);
			close_json_object();
		}
		close_json_array();
		close_json_object();
	}
	close_json_array();
	return 0;
}

/*
 * CSV: one row per period event read; interval_ns is empty when the
 * previous period's event was dropped.
 */
static void print_csv(const struct cyclic_run *r)
{
	const struct tick *t;
	unsigned int k;
	size_t i;

	print_fp("side,channel,period,time_ns,interval_ns\n");
	for (k = 0; k < r->nsides; k++) {
		const struct cside *sd = &r->side[k];

		for (i = 0, t = sd->ticks; i < sd->n; i++, t++) {
			print_fp("%s,%s,%" PRIu64 ",%" PRIu64 ",",
				 side_name(sd), sd->ci.chan_name, t->period,
				 t->ns - sd->ticks[0].ns);
			if (i && t[-1].period + 1 == t->period)
				print_fp("%" PRIu64, t->ns - t[-1].ns);
			print_fp("\n");
		}
	}
}

static int verdict(const struct cyclic_run *r)
{
	const struct cside *m = &r->side[r->measured];
	unsigned int k;

	if (r->res.verify_errors)
		return errf(-EVERIFY, "cyclic loop on %s+%s: verification failed: %" PRIu64 " bad bytes in the received ring",
			    r->side[0].ci.chan_name, r->side[1].ci.chan_name,
			    r->res.verify_errors);
	for (k = 0; k < r->nsides; k++)
		if (r->side[k].errors)
			return errf(-EIO, "cyclic on %s: %" PRIu64 " periods reported an error",
				    r->side[k].ci.chan_name,
				    r->side[k].errors);
	if (xfer_stop_signal)
		return errf(-EINTR, "cyclic on %s: interrupted by SIG%s after %" PRIu64 " periods",
			    m->ci.chan_name, sigabbrev_np(xfer_stop_signal),
			    m->next_period);
	return 0;
}

static void free_run(struct cyclic_run *r, bool busy)
{
	unsigned int k;

	for (k = 0; k < r->nsides; k++) {
		struct cside *sd = &r->side[k];

		if (busy)
			dev_buf_unmap(&sd->d, &sd->buf);
		else
			dev_buf_free(&sd->d, &sd->buf);
		if (!busy)
			dev_release(&sd->d);
		dev_close(&sd->d);
		free(sd->ticks);
	}
	free(r->samples);
}

static int do_cyclic(void *input)
{
	struct cyclic_args *a = input;
	struct cyclic_run r = { .a = a };
	enum report_format f = run_format(&a->s.run);
	struct report_meta meta;
	int ret, out;

	ret = check_args(a);
	if (ret)
		return ret;
	r.verify = a->s.mode == SIDES_LOOP && a->s.run.verify;
	ret = run(&r);
	if (!ret) {
		output_begin(stdout);
		report_meta_init(&meta, "cyclic", &r.side[0].d.info,
				 &r.side[0].ci);
		print_tool_info("cyclic");
		report_meta_print(&meta, f);
		print_params(&r);
		if (f == REPORT_CSV) {
			print_csv(&r);
		} else {
			print_samples(&r);
			ret = print_sides(&r);
			print_uint(PRINT_ANY, "verify_errors",
				   r.verify ? "# verify errors: %" PRIu64 "\n" :
				   "", r.res.verify_errors);
			control_print(&r.ctl);
			report_mismatches(&r.res);
		}
		out = output_end();
		if (!ret)
			ret = out;
	}
	free_run(&r, !r.stopped);
	if (!ret)
		ret = verdict(&r);
	return ret;
}

static struct cyclic_args cyclic_input = {
	.s = SIDES_DEFAULTS("cyclic"),
	.size = 16384,
	.period = 4096,
	.periods = 64,
	.interval_ms = 100,
};

const struct command cmd_cyclic = {
	.name = "cyclic",
	.doc = "cyclic transfers: periods, live position, period jitter",
	.argp = &cyclic_argp,
	.input = &cyclic_input,
	.handler = do_cyclic,
};
