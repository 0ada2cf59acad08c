// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl memcpy: memory-to-memory copies through one channel, with the
 * queue kept at a fixed depth, every copy verified, and throughput and
 * latency computed from the kernel's own timestamps.
 *
 * Each queue slot owns a source and a destination buffer.  The copied range
 * sits between guard bytes when the buffers have room for them, so a
 * transfer that writes too much is caught as well as one that copies wrong
 * data.  Slots are recycled oldest first: wait for the oldest job, collect
 * and release its status, verify its buffers, fill them for the next job
 * and submit it, so that Q jobs stay in flight.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "dev.h"
#include "names.h"
#include "output.h"
#include "parse.h"
#include "pattern.h"
#include "stats.h"

#define DEFAULT_SIZE		4096
#define DEFAULT_COUNT		1000
#define DEFAULT_QDEPTH		16
#define DEFAULT_TIMEOUT_MS	5000
#define MAX_QDEPTH		4096
#define MAX_SIZE		(1ULL << 40)
#define GUARD_BYTES		64
#define MAX_SHOWN		8	/* mismatches reported one by one */
#define NEEDED_FEATURES		(DMACTL_FEAT_CHAN_REQUEST | \
				 DMACTL_FEAT_COHERENT_BUF | DMACTL_FEAT_MEMCPY)

enum {
	OPT_NO_VERIFY = 0x100,
};

struct memcpy_args {
	const char *chan;
	const char *device;
	uint64_t size;
	uint64_t count;
	uint64_t qdepth;
	uint64_t timeout_ms;
	bool verify;
};

struct slot {
	struct dev_buf src;
	struct dev_buf dst;
	uint64_t job_id;	/* while in flight */
	uint64_t seq;		/* index of its current job in the run */
	bool has_prev;		/* @prev_seq is the job before, for stale data */
	uint64_t prev_seq;
};

struct shown_error {
	uint64_t job_id;
	bool in_dst;
	int64_t offset;		/* from the start of the copied range */
	uint8_t expected;
	uint8_t got;
	enum pattern_error_kind kind;
};

struct run {
	const struct memcpy_args *a;
	struct dev d;
	struct dmactl_chan_info ci;
	size_t buf_len;		/* bytes of each buffer */
	size_t off;		/* start of the copied range in both */
	uint32_t batch;		/* most jobs per DMACTL_IOC_SUBMIT */

	struct slot *slots;
	size_t nslots;
	size_t *idle;		/* slots to fill, a stack */
	size_t nidle;
	size_t *ready;		/* filled, not yet submitted, in job order */
	size_t nready;
	size_t *inflight;	/* submitted, a ring in job id order */
	size_t in_head;
	size_t nin;

	uint64_t started;	/* jobs given a slot */
	uint64_t finished;	/* jobs whose status was collected */

	struct job_time *times;	/* jobs that completed without error */
	size_t ntimes;
	size_t times_alloc;

	uint64_t job_errors;
	uint64_t first_err_id;
	uint32_t first_err_state;
	uint32_t first_err_result;

	uint64_t verify_errors;	/* mismatched bytes */
	uint64_t bad_jobs;	/* jobs with at least one */
	struct shown_error shown[MAX_SHOWN];
	size_t nshown;
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static error_t usage(const char *what, const char *arg, const char *why)
{
	return errf(EINVAL, "invalid %s '%s': %s", what, arg, why);
}

static error_t parse_name(const char *what, char *arg, const char **dst)
{
	if (!arg[0])
		return usage(what, arg, "empty");
	if (strlen(arg) >= DMACTL_NAME_LEN)
		return usage(what, arg, "longer than 63 bytes");
	*dst = arg;
	return 0;
}

static error_t memcpy_parse(int key, char *arg, struct argp_state *state)
{
	struct memcpy_args *a = state->input;
	const char *why;

	switch (key) {
	case 'c':
		return parse_name("channel", arg, &a->chan);
	case 'D':
		return parse_name("device", arg, &a->device);
	case 's':
		if (parse_size(arg, 1, MAX_SIZE, &a->size, &why))
			return usage("size", arg, why);
		return 0;
	case 'n':
		if (parse_uint(arg, 1, UINT32_MAX, &a->count, &why))
			return usage("count", arg, why);
		return 0;
	case 'q':
		if (parse_uint(arg, 1, MAX_QDEPTH, &a->qdepth, &why))
			return usage("qdepth", arg, why);
		return 0;
	case 't':
		if (parse_uint(arg, 1, UINT32_MAX, &a->timeout_ms, &why))
			return usage("timeout", arg, why);
		return 0;
	case OPT_NO_VERIFY:
		a->verify = false;
		return 0;
	case ARGP_KEY_ARG:
		return errf(EINVAL, "memcpy: unexpected argument '%s'", arg);
	case ARGP_KEY_END:
		if (a->chan && a->device)
			return errf(EINVAL, "memcpy: --chan '%s' and --device '%s' exclude each other",
				    a->chan, a->device);
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp_option memcpy_options[] = {
	{ "chan", 'c', "CHAN", 0, "Use channel CHAN (e.g. dma0chan0)", 0 },
	{ "device", 'D', "DEV", 0,
	  "Use a free memcpy channel of provider DEV (dma0, or its device name)", 0 },
	{ "size", 's', "SIZE", 0,
	  "Bytes per copy, with an optional K, M or G suffix (powers of 1024; default 4K)", 0 },
	{ "count", 'n', "N", 0, "Number of copies (default 1000)", 0 },
	{ "qdepth", 'q', "Q", 0, "Copies kept in flight (default 16)", 0 },
	{ "no-verify", OPT_NO_VERIFY, NULL, 0,
	  "Neither fill nor check the buffers", 0 },
	{ "timeout", 't', "MS", 0,
	  "Give up when a copy takes longer than MS milliseconds (default 5000)", 0 },
	{ 0 }
};

static const struct argp memcpy_argp = {
	.options = memcpy_options,
	.parser = memcpy_parse,
	.doc = "Copy memory to memory through one DMA channel, verify every "
	       "copy and report throughput and latency.\v"
	       "Without --chan or --device, any free channel that can do "
	       "memcpy is used.",
	.children = common_children,
};

/* Channel, limits and buffer layout, before anything is allocated. */
static int setup(struct run *r)
{
	const struct memcpy_args *a = r->a;
	const struct dmactl_info *mi = &r->d.info;
	uint64_t caps = 1ULL << DMACTL_CAP_MEMCPY;
	uint64_t align, page, guard, len, total;
	char sz[32], lim[32];
	int ret;

	if ((mi->features & NEEDED_FEATURES) != NEEDED_FEATURES)
		return errf(-EOPNOTSUPP, "%s: module features 0x%llx lack channel requests, coherent buffers or memcpy (EOPNOTSUPP)",
			    DMACTL_DEV_PATH,
			    (unsigned long long)mi->features);
	if (a->size > mi->max_buf_bytes)
		return errf(-EUSAGE, "invalid size '%s': larger than the module's max_buf_bytes (%s)",
			    size_str(a->size, sz, sizeof(sz)),
			    size_str(mi->max_buf_bytes, lim, sizeof(lim)));

	if (a->chan)
		ret = dev_request(&r->d, CHAN_BY_NAME, a->chan, 0);
	else if (a->device)
		ret = dev_request(&r->d, CHAN_BY_DEVICE, a->device, caps);
	else
		ret = dev_request(&r->d, CHAN_BY_CAPS, NULL, caps);
	if (ret)
		return ret;
	ret = dev_chan_info(&r->d, &r->ci);
	if (ret)
		return ret;
	if (!(r->ci.caps & caps))
		return errf(-EOPNOTSUPP, "channel '%s': no memcpy capability (EOPNOTSUPP)",
			    r->ci.chan_name);

	if (r->ci.copy_align >= 32)
		return errf(-EOPNOTSUPP, "channel '%s': copy_align 2^%u is beyond what dmactl supports",
			    r->ci.chan_name, r->ci.copy_align);
	align = 1ULL << r->ci.copy_align;
	if (a->size % align)
		return errf(-EUSAGE, "invalid size '%s': %s needs a multiple of %llu bytes",
			    size_str(a->size, sz, sizeof(sz)),
			    r->ci.chan_name, (unsigned long long)align);

	/* whole pages, so that the mapping and the buffer have one length */
	page = sysconf(_SC_PAGESIZE);
	guard = GUARD_BYTES > align ? GUARD_BYTES : align;
	len = (a->size + 2 * guard + page - 1) / page * page;
	if (len > mi->max_buf_bytes) {
		guard = 0;
		len = (a->size + page - 1) / page * page;
		if (len > mi->max_buf_bytes)
			len = a->size;
	}
	r->buf_len = len;
	r->off = guard;

	r->nslots = a->qdepth < a->count ? a->qdepth : a->count;
	if (mi->max_jobs && r->nslots > mi->max_jobs)
		return errf(-EUSAGE, "invalid qdepth '%llu': more than the module's max_jobs (%u)",
			    (unsigned long long)a->qdepth, mi->max_jobs);
	if (mi->max_buffers && 2 * r->nslots > mi->max_buffers)
		return errf(-EUSAGE, "invalid qdepth '%llu': %zu buffers exceed the module's max_buffers (%u)",
			    (unsigned long long)a->qdepth, 2 * r->nslots,
			    mi->max_buffers);
	total = 2 * r->nslots * len;
	if (mi->max_session_bytes && total > mi->max_session_bytes)
		return errf(-EUSAGE, "invalid qdepth '%llu': %zu x 2 buffers of %s exceed the module's max_session_bytes (%s)",
			    (unsigned long long)a->qdepth, r->nslots,
			    size_str(len, sz, sizeof(sz)),
			    size_str(mi->max_session_bytes, lim, sizeof(lim)));
	r->batch = mi->max_batch ? mi->max_batch : 1;
	return 0;
}

static int alloc_slots(struct run *r)
{
	size_t i;
	int ret;

	r->slots = calloc(r->nslots, sizeof(*r->slots));
	r->idle = calloc(r->nslots, sizeof(*r->idle));
	r->ready = calloc(r->nslots, sizeof(*r->ready));
	r->inflight = calloc(r->nslots, sizeof(*r->inflight));
	if (!r->slots || !r->idle || !r->ready || !r->inflight)
		return errf(-ENOMEM, "memcpy: %s", strerror(ENOMEM));
	for (i = 0; i < 2 * r->nslots; i++) {
		struct slot *s = &r->slots[i / 2];

		ret = dev_buf_alloc(&r->d, r->buf_len, i % 2 ? &s->dst : &s->src);
		if (ret == -ENOSPC) {
			/* the module's max_buffers is not in DMACTL_IOC_INFO */
			err_clear();
			return errf(ret, "qdepth '%llu': buffer %zu of %zu: %s (ENOSPC): over the module's per-session buffer limit",
				    (unsigned long long)r->a->qdepth, i + 1,
				    2 * r->nslots, strerror(ENOSPC));
		}
		if (ret)
			return ret;
	}
	/* a stack: slot 0 on top, so that jobs take the slots in order */
	for (i = 0; i < r->nslots; i++)
		r->idle[i] = r->nslots - 1 - i;
	r->nidle = r->nslots;
	return 0;
}

/*
 * With @busy, jobs may still be running: freeing their buffers would fail
 * with EBUSY, so only unmap them and let closing the session terminate the
 * jobs and free the rest.
 */
static int free_slots(struct run *r, bool busy)
{
	int ret = 0, err;
	size_t i;

	for (i = 0; r->slots && i < r->nslots; i++) {
		struct slot *s = &r->slots[i];

		if (busy) {
			dev_buf_unmap(&r->d, &s->src);
			dev_buf_unmap(&r->d, &s->dst);
			continue;
		}
		err = dev_buf_free(&r->d, &s->src);
		if (!ret)
			ret = err;
		err = dev_buf_free(&r->d, &s->dst);
		if (!ret)
			ret = err;
	}
	free(r->slots);
	free(r->idle);
	free(r->ready);
	free(r->inflight);
	return ret;
}

static void pattern_job(const struct run *r, const struct slot *s,
			struct pattern_job *pj)
{
	*pj = (struct pattern_job){
		.src = s->src.map,
		.dst = s->dst.map,
		.buf_len = r->buf_len,
		.off = r->off,
		.len = r->a->size,
		.seed = s->seq,
		.prev_seed = s->prev_seq,
		.has_prev = s->has_prev,
	};
}

/* Give every idle slot its next job. */
static void fill_idle(struct run *r)
{
	struct pattern_job pj;
	struct slot *s;
	size_t i;

	while (r->nidle && r->started < r->a->count) {
		i = r->idle[--r->nidle];
		s = &r->slots[i];
		s->seq = r->started++;
		if (r->a->verify) {
			pattern_job(r, s, &pj);
			pattern_fill(&pj);
		}
		r->ready[r->nready++] = i;
	}
}

/*
 * Submit the ready jobs in batches.  A provider out of descriptors may
 * take only part of a batch: the rest stays ready until a job completes.
 */
static int submit_ready(struct run *r)
{
	struct dmactl_job jobs[64];
	uint32_t n, k, submitted;
	uint64_t first_id;
	struct slot *s;
	int ret;

	while (r->nready) {
		n = r->nready;
		if (n > r->batch)
			n = r->batch;
		if (n > ARRAY_SIZE(jobs))
			n = ARRAY_SIZE(jobs);
		memset(jobs, 0, n * sizeof(jobs[0]));
		for (k = 0; k < n; k++) {
			s = &r->slots[r->ready[k]];
			jobs[k].type = DMACTL_JOB_MEMCPY;
			jobs[k].src_buf = s->src.id;
			jobs[k].dst_buf = s->dst.id;
			jobs[k].src_off = r->off;
			jobs[k].dst_off = r->off;
			jobs[k].len = r->a->size;
			jobs[k].user_data = s->seq;
		}
		ret = dev_submit(&r->d, jobs, n, true, &first_id, &submitted);
		if (ret)
			return ret;
		if (!submitted || submitted > n)
			return errf(-EPROTO, "%s: DMACTL_IOC_SUBMIT: %u of %u jobs submitted (EPROTO)",
				    r->d.chan, submitted, n);
		for (k = 0; k < submitted; k++) {
			size_t i = r->ready[k];

			r->slots[i].job_id = first_id + k;
			r->inflight[(r->in_head + r->nin++) % r->nslots] = i;
		}
		r->nready -= submitted;
		memmove(r->ready, r->ready + submitted,
			r->nready * sizeof(*r->ready));
		if (submitted < n)
			break;
	}
	return 0;
}

static int record_time(struct run *r, const struct dmactl_job_status *st)
{
	struct job_time *t;

	if (!st->issue_ns || st->complete_ns < st->issue_ns)
		return errf(-EPROTO, "%s: job %llu: bad timestamps issue %llu complete %llu (EPROTO)",
			    r->d.chan, (unsigned long long)st->id,
			    (unsigned long long)st->issue_ns,
			    (unsigned long long)st->complete_ns);
	if (r->ntimes == r->times_alloc) {
		size_t alloc = r->times_alloc ? 2 * r->times_alloc : 1024;

		t = reallocarray(r->times, alloc, sizeof(*t));
		if (!t)
			return errf(-ENOMEM, "memcpy: %s", strerror(ENOMEM));
		r->times = t;
		r->times_alloc = alloc;
	}
	r->times[r->ntimes++] = (struct job_time){
		.issue_ns = st->issue_ns,
		.complete_ns = st->complete_ns,
	};
	return 0;
}

static void verify(struct run *r, const struct slot *s)
{
	struct pattern_error errs[MAX_SHOWN];
	struct pattern_job pj;
	size_t n, i;

	pattern_job(r, s, &pj);
	n = pattern_verify(&pj, errs, MAX_SHOWN);
	if (!n)
		return;
	r->bad_jobs++;
	r->verify_errors += n;
	for (i = 0; i < n && i < MAX_SHOWN && r->nshown < MAX_SHOWN; i++)
		r->shown[r->nshown++] = (struct shown_error){
			.job_id = s->job_id,
			.in_dst = errs[i].in_dst,
			.offset = (int64_t)errs[i].offset - (int64_t)r->off,
			.expected = errs[i].expected,
			.got = errs[i].got,
			.kind = errs[i].kind,
		};
}

/* Collect the status of the oldest job and free its slot. */
static int reap_oldest(struct run *r)
{
	struct dmactl_job_status st;
	size_t i = r->inflight[r->in_head];
	struct slot *s = &r->slots[i];
	int ret;

	ret = dev_status(&r->d, s->job_id, 1, true, &st);
	if (ret)
		return ret;
	if (st.state != DMACTL_STATE_COMPLETE &&
	    st.state != DMACTL_STATE_TERMINATED)
		return errf(-EPROTO, "%s: job %llu: %s after DMACTL_IOC_WAIT returned (EPROTO)",
			    r->d.chan, (unsigned long long)s->job_id,
			    job_state_name(st.state));
	r->in_head = (r->in_head + 1) % r->nslots;
	r->nin--;
	r->finished++;

	if (st.state == DMACTL_STATE_COMPLETE &&
	    st.result == DMACTL_RESULT_NOERROR) {
		ret = record_time(r, &st);
		if (ret)
			return ret;
		if (r->a->verify)
			verify(r, s);
	} else if (!r->job_errors++) {
		r->first_err_id = st.id;
		r->first_err_state = st.state;
		r->first_err_result = st.result;
	}
	s->prev_seq = s->seq;
	s->has_prev = true;
	s->job_id = 0;
	r->idle[r->nidle++] = i;
	return 0;
}

static int run_jobs(struct run *r)
{
	uint64_t timeout_ns = r->a->timeout_ms * 1000000ULL;
	size_t oldest;
	int ret;

	for (;;) {
		if (!stop_signal) {
			fill_idle(r);
			ret = submit_ready(r);
			if (ret)
				return ret;
		}
		if (!r->nin)
			return 0;
		oldest = r->inflight[r->in_head];
		ret = dev_wait(&r->d, r->slots[oldest].job_id, timeout_ns);
		if (ret == -EINTR)
			continue;	/* stop_signal says whether to go on */
		if (ret)
			return ret;
		ret = reap_oldest(r);
		if (ret)
			return ret;
	}
}

static void print_params(const struct run *r)
{
	const struct memcpy_args *a = r->a;

	print_uint(PRINT_JSON, "module_abi_version", NULL,
		   r->d.info.abi_version);
	print_fp("# dmactl %s, ABI %d (module %u), kernel %s\n",
		 DMACTL_VERSION, DMACTL_ABI_VERSION, r->d.info.abi_version,
		 kernel_release());
	print_string(PRINT_ANY, "channel", "# memcpy on %s", r->ci.chan_name);
	print_string(PRINT_ANY, "device", " (device %s", r->ci.dev_name);
	print_string(PRINT_ANY, "driver", ", driver %s)",
		     r->ci.driver_name[0] ? r->ci.driver_name : "-");
	print_uint(PRINT_ANY, "size_bytes", ": size %" PRIu64, a->size);
	print_uint(PRINT_ANY, "count", ", count %" PRIu64, a->count);
	print_uint(PRINT_ANY, "qdepth", ", qdepth %" PRIu64, a->qdepth);
	print_bool(PRINT_ANY, "verify", ", verify %s", a->verify);
	print_uint(PRINT_ANY, "timeout_ms", ", timeout %" PRIu64 " ms\n",
		   a->timeout_ms);
	print_uint(PRINT_JSON, "guard_bytes", NULL, r->off);
	print_uint(PRINT_JSON, "buffer_bytes", NULL, r->buf_len);
}

static void print_results(const struct run *r, const struct run_stats *st)
{
	size_t i;

	/* the widths below match this header */
	print_fp("#%13s %10s %13s %13s %11s %11s %11s %10s %10s %10s %13s %10s\n",
		 "bytes", "ops", "busy_ns", "elapsed_ns", "MB/s", "MiB/s",
		 "IOPS", "p50_ns", "p99_ns", "max_ns", "verify_errors",
		 "job_errors");
	print_uint(PRINT_ANY, "bytes", "%14" PRIu64, st->bytes);
	print_uint(PRINT_ANY, "ops", " %10" PRIu64, st->ops);
	print_uint(PRINT_ANY, "busy_ns", " %13" PRIu64, st->busy_ns);
	print_uint(PRINT_ANY, "elapsed_ns", " %13" PRIu64, st->elapsed_ns);
	print_float(PRINT_ANY, "throughput_MBps", " %11.1f", st->mbps);
	print_float(PRINT_ANY, "throughput_MiBps", " %11.1f", st->mibps);
	print_float(PRINT_ANY, "iops", " %11.0f", st->iops);
	print_uint(PRINT_ANY, "latency_p50_ns", " %10" PRIu64, st->lat_p50_ns);
	print_uint(PRINT_ANY, "latency_p99_ns", " %10" PRIu64, st->lat_p99_ns);
	print_uint(PRINT_ANY, "latency_max_ns", " %10" PRIu64, st->lat_max_ns);
	print_uint(PRINT_ANY, "verify_errors", " %13" PRIu64, r->verify_errors);
	print_uint(PRINT_ANY, "job_errors", " %10" PRIu64 "\n", r->job_errors);
	print_uint(PRINT_JSON, "latency_min_ns", NULL, st->lat_min_ns);
	print_float(PRINT_JSON, "latency_mean_ns", NULL, st->lat_mean_ns);
	print_uint(PRINT_JSON, "verify_failed_jobs", NULL, r->bad_jobs);
	print_uint(PRINT_JSON, "jobs_finished", NULL, r->finished);
	print_bool(PRINT_JSON, "interrupted", NULL, stop_signal != 0);

	open_json_array("mismatches");
	for (i = 0; i < r->nshown; i++) {
		const struct shown_error *e = &r->shown[i];

		open_json_object(NULL);
		print_uint(PRINT_ANY, "job", "# mismatch: job %" PRIu64, e->job_id);
		print_string(PRINT_ANY, "buffer", " %s", e->in_dst ? "dst" : "src");
		print_int(PRINT_ANY, "offset", " offset %" PRId64, e->offset);
		print_uint(PRINT_ANY, "expected", ": expected 0x%02" PRIx64,
			   e->expected);
		print_uint(PRINT_ANY, "got", ", got 0x%02" PRIx64, e->got);
		print_string(PRINT_ANY, "kind", " (%s)\n",
			     pattern_error_str(e->kind));
		close_json_object();
	}
	close_json_array();
	if (r->verify_errors > r->nshown)
		print_uint(PRINT_ANY, "mismatches_suppressed",
			   "# %" PRIu64 " errors suppressed\n",
			   r->verify_errors - r->nshown);
	if (r->job_errors)
		print_fp("# job errors: %" PRIu64 ", first: job %" PRIu64 " %s, result %s\n",
			 r->job_errors, r->first_err_id,
			 job_state_name(r->first_err_state),
			 job_result_name(r->first_err_result));
}

/* The run's verdict, once its results are out. */
static int verdict(const struct run *r)
{
	if (r->verify_errors)
		return errf(-EVERIFY, "memcpy on %s: verification failed: %" PRIu64 " bad bytes in %" PRIu64 " of %" PRIu64 " jobs",
			    r->ci.chan_name, r->verify_errors, r->bad_jobs,
			    r->finished);
	if (r->job_errors)
		return errf(-EIO, "memcpy on %s: %" PRIu64 " of %" PRIu64 " jobs failed (first: job %" PRIu64 " %s, result %s)",
			    r->ci.chan_name, r->job_errors, r->finished,
			    r->first_err_id, job_state_name(r->first_err_state),
			    job_result_name(r->first_err_result));
	if (stop_signal)
		return errf(-EINTR, "memcpy on %s: interrupted by SIG%s after %" PRIu64 " of %" PRIu64 " jobs",
			    r->ci.chan_name, sigabbrev_np(stop_signal),
			    r->finished, r->a->count);
	return 0;
}

static int do_memcpy(void *input)
{
	struct sigaction sa = { .sa_handler = on_signal,
				.sa_flags = SA_RESETHAND };
	struct sigaction old_int, old_term;
	struct run r = { .a = input };
	struct run_stats st;
	int ret, err;

	ret = dev_open(&r.d);
	if (ret)
		return ret;
	ret = setup(&r);
	if (ret)
		goto out_close;
	ret = alloc_slots(&r);
	if (ret)
		goto out_free_slots;

	/* no SA_RESTART: the signal must interrupt DMACTL_IOC_WAIT */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	ret = run_jobs(&r);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (ret)
		goto out_free_slots;

	ret = free_slots(&r, false);
	r.slots = NULL;
	if (ret)
		goto out_close;
	ret = dev_release(&r.d);
	if (ret)
		goto out_close;
	dev_close(&r.d);

	ret = stats_compute(r.times, r.ntimes, r.a->size, &st);
	free(r.times);
	if (ret)
		return errf(ret, "memcpy: %s", strerror(-ret));
	output_begin(stdout);
	print_tool_info("memcpy");
	print_params(&r);
	print_results(&r, &st);
	ret = output_end();
	err = verdict(&r);
	return err ? err : ret;

out_free_slots:
	free_slots(&r, r.nin != 0);
out_close:
	dev_close(&r.d);
	free(r.times);
	return ret;
}

static struct memcpy_args memcpy_input = {
	.size = DEFAULT_SIZE,
	.count = DEFAULT_COUNT,
	.qdepth = DEFAULT_QDEPTH,
	.timeout_ms = DEFAULT_TIMEOUT_MS,
	.verify = true,
};

const struct command cmd_memcpy = {
	.name = "memcpy",
	.doc = "copy memory through a channel, verify, measure",
	.argp = &memcpy_argp,
	.input = &memcpy_input,
	.handler = do_memcpy,
};
