// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: the transfer loops.
 *
 * Each queue slot owns a source and a destination buffer (a fill job only
 * the destination).  The range a job writes sits between guard bytes when
 * the buffers have room for them, so a transfer that writes too much is
 * caught as well as one that writes wrong data.  Slots are recycled oldest
 * first: wait for the oldest job, collect and release its status, verify
 * its buffers, fill them for the next job and submit it, so that Q jobs
 * stay in flight.  Filling and checking happen while the channel works on
 * the other slots and are not counted: the figures come from the kernel's
 * issue and completion timestamps.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "names.h"
#include "parse.h"
#include "xfer.h"

#define GUARD_BYTES	64
#define SUBMIT_MAX	64	/* jobs built on the stack per submit */

volatile sig_atomic_t xfer_stop_signal;

struct slot {
	struct dev_buf src;	/* unused (id 0) for a fill job */
	struct dev_buf dst;
	uint64_t job_id;	/* while in flight */
	uint64_t seed;		/* of its current job */
	bool has_prev;		/* @prev_seed is the job before, for stale data */
	uint64_t prev_seed;
};

static const struct {
	const char *name;
	unsigned int cap;
	uint64_t feature;
	uint32_t job;
} types[] = {
	[XFER_MEMCPY] = { "memcpy", DMACTL_CAP_MEMCPY, DMACTL_FEAT_MEMCPY,
			  DMACTL_JOB_MEMCPY },
	[XFER_MEMSET] = { "memset", DMACTL_CAP_MEMSET, DMACTL_FEAT_MEMSET,
			  DMACTL_JOB_MEMSET },
	[XFER_INTERLEAVE] = { "interleave", DMACTL_CAP_INTERLEAVE,
			      DMACTL_FEAT_INTERLEAVED,
			      DMACTL_JOB_INTERLEAVED },
};

struct worker {
	struct dev *d;
	const struct xfer_params *p;
	const struct xfer_layout *l;
	struct xfer_result *res;
	atomic_bool *stop;
	uint64_t seed_base;	/* distinct per worker: no two jobs share data */
	struct dmactl_chunk *chunks;	/* XFER_INTERLEAVE: one frame's */

	struct slot *slots;
	size_t *idle;		/* slots to fill, a stack */
	size_t nidle;
	size_t *ready;		/* filled, not yet submitted, in job order */
	size_t nready;
	size_t *inflight;	/* submitted, a ring in job id order */
	size_t in_head;
	size_t nin;
	uint64_t started;	/* jobs given a slot */
};

static void on_signal(int sig)
{
	xfer_stop_signal = sig;
}

int xfer_catch_signals(int (*fn)(void *arg), void *arg)
{
	struct sigaction sa = { .sa_handler = on_signal,
				.sa_flags = SA_RESETHAND };
	struct sigaction old_int, old_term;
	int ret;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	ret = fn(arg);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	return ret;
}

const char *xfer_type_name(enum xfer_type type)
{
	return types[type].name;
}

uint64_t xfer_caps(enum xfer_type type)
{
	return 1ULL << types[type].cap;
}

uint64_t xfer_features(const struct xfer_params *p)
{
	uint64_t f = DMACTL_FEAT_CHAN_REQUEST | DMACTL_FEAT_COHERENT_BUF |
		     types[p->type].feature;

	if (p->width || p->burst)
		f |= DMACTL_FEAT_SLAVE_CONFIG;
	return p->kernel ? f | DMACTL_FEAT_BENCH : f;
}

void xfer_slave_opts(const struct xfer_params *p, struct slave_opts *o)
{
	*o = (struct slave_opts){
		.src_width = p->width,
		.dst_width = p->width,
		.src_burst = p->burst,
		.dst_burst = p->burst,
		.one_width = true,
		.one_burst = true,
	};
}

/* The gap after a chunk on one side, as dmaengine reads the template. */
static uint64_t side_gap(const struct xfer_shape *s, bool src)
{
	uint64_t own = src ? s->src_icg : s->dst_icg;

	if (own)
		return own;
	return (src ? s->src_sgl : s->dst_sgl) ? s->icg : 0;
}

uint64_t xfer_job_bytes(const struct xfer_params *p)
{
	if (p->type != XFER_INTERLEAVE)
		return p->size;
	return p->shape.frames * p->shape.chunks * p->size;
}

/* " with N threads", or "" for one */
static void with_threads(unsigned int workers, char *buf, size_t len)
{
	buf[0] = '\0';
	if (workers > 1)
		snprintf(buf, len, " with %u threads", workers);
}

/*
 * An interleaved job's geometry: the chunks of all frames back to back,
 * each followed by its side's gap; the span ends with the last chunk.
 */
static int plan_shape(const struct dev *d, const struct xfer_params *p,
		      struct xfer_layout *l, uint64_t *span)
{
	const struct xfer_shape *s = &p->shape;
	uint64_t n, st, dt, sspan, dspan;

	if (d->info.max_sg_entries && s->chunks > d->info.max_sg_entries)
		return errf(-EUSAGE, "invalid chunks '%llu': more than the module's max_sg_entries (%u)",
			    (unsigned long long)s->chunks,
			    d->info.max_sg_entries);
	if (__builtin_mul_overflow(s->frames, s->chunks, &n) ||
	    __builtin_add_overflow(p->size, side_gap(s, true), &st) ||
	    __builtin_add_overflow(p->size, side_gap(s, false), &dt) ||
	    __builtin_mul_overflow(n - 1, st, &sspan) ||
	    __builtin_mul_overflow(n - 1, dt, &dspan) ||
	    __builtin_add_overflow(sspan, p->size, &sspan) ||
	    __builtin_add_overflow(dspan, p->size, &dspan))
		return errf(-EUSAGE, "invalid interleave: %llu frames x %llu chunks of %llu bytes overflow",
			    (unsigned long long)s->frames,
			    (unsigned long long)s->chunks,
			    (unsigned long long)p->size);
	l->nchunks = n;
	l->src_stride = st;
	l->dst_stride = dt;
	*span = sspan > dspan ? sspan : dspan;
	return 0;
}

size_t xfer_buf_len(uint64_t span, uint64_t align, uint64_t max, size_t *off)
{
	uint64_t page = sysconf(_SC_PAGESIZE);
	uint64_t guard = GUARD_BYTES > align ? GUARD_BYTES : align;
	uint64_t len = (span + 2 * guard + page - 1) / page * page;

	*off = guard;
	if (len <= max)
		return len;
	*off = 0;
	len = (span + page - 1) / page * page;
	return len <= max ? len : span;
}

int xfer_plan(const struct dev *d, const struct dmactl_chan_info *ci,
	      const struct xfer_params *p, unsigned int workers,
	      struct xfer_layout *l)
{
	const struct dmactl_info *mi = &d->info;
	uint64_t align, len, total, slots, span = p->size;
	unsigned int nbufs = p->type == XFER_MEMSET ? 1 : 2;
	uint32_t log2 = p->type == XFER_MEMSET ? ci->fill_align :
						 ci->copy_align;
	char sz[32], lim[32], thr[32];
	int ret;

	memset(l, 0, sizeof(*l));
	if (p->type == XFER_INTERLEAVE) {
		ret = plan_shape(d, p, l, &span);
		if (ret)
			return ret;
	}
	if (span > mi->max_buf_bytes && p->type != XFER_INTERLEAVE)
		return errf(-EUSAGE, "invalid size '%s': larger than the module's max_buf_bytes (%s)",
			    size_str(p->size, sz, sizeof(sz)),
			    size_str(mi->max_buf_bytes, lim, sizeof(lim)));
	if (span > mi->max_buf_bytes)
		return errf(-EUSAGE, "invalid interleave: %llu frames x %llu chunks span %s, more than the module's max_buf_bytes (%s)",
			    (unsigned long long)p->shape.frames,
			    (unsigned long long)p->shape.chunks,
			    size_str(span, sz, sizeof(sz)),
			    size_str(mi->max_buf_bytes, lim, sizeof(lim)));
	if (log2 >= 32)
		return errf(-EOPNOTSUPP, "channel '%s': alignment 2^%u is beyond what dmactl supports",
			    ci->chan_name, log2);
	align = 1ULL << log2;
	if (p->size % align || (p->type == XFER_INTERLEAVE &&
				(l->src_stride % align ||
				 l->dst_stride % align)))
		return errf(-EUSAGE, "invalid size '%s': %s needs a multiple of %llu bytes",
			    size_str(p->size, sz, sizeof(sz)), ci->chan_name,
			    (unsigned long long)align);

	len = xfer_buf_len(span, align, mi->max_buf_bytes, &l->off);
	l->buf_len = len;
	l->nslots = p->qdepth < p->count ? p->qdepth : p->count;
	if (p->kernel) {
		/* one buffer set, every descriptor of the loop on it */
		if (mi->max_batch && p->qdepth > mi->max_batch)
			return errf(-EUSAGE, "invalid qdepth '%llu': the in-kernel loop keeps at most the module's max_batch (%u) in flight",
				    (unsigned long long)p->qdepth,
				    mi->max_batch);
		l->nslots = 1;
	}

	with_threads(workers, thr, sizeof(thr));
	slots = (uint64_t)l->nslots * workers;
	if (!p->kernel && mi->max_jobs && slots > mi->max_jobs)
		return errf(-EUSAGE, "invalid qdepth '%llu'%s: %llu jobs in flight exceed the module's max_jobs (%u)",
			    (unsigned long long)p->qdepth, thr,
			    (unsigned long long)slots, mi->max_jobs);
	if (mi->max_buffers && nbufs * slots > mi->max_buffers)
		return errf(-EUSAGE, "invalid qdepth '%llu'%s: %llu buffers exceed the module's max_buffers (%u)",
			    (unsigned long long)p->qdepth, thr,
			    (unsigned long long)(nbufs * slots),
			    mi->max_buffers);
	total = nbufs * slots * len;
	if (mi->max_session_bytes && total > mi->max_session_bytes)
		return errf(-EUSAGE, "invalid qdepth '%llu'%s: %llu x %u buffers of %s exceed the module's max_session_bytes (%s)",
			    (unsigned long long)p->qdepth, thr,
			    (unsigned long long)slots, nbufs,
			    size_str(len, sz, sizeof(sz)),
			    size_str(mi->max_session_bytes, lim, sizeof(lim)));
	l->batch = mi->max_batch ? mi->max_batch : 1;
	if (l->batch > SUBMIT_MAX)
		l->batch = SUBMIT_MAX;
	return 0;
}

static int alloc_slots(struct worker *w)
{
	const struct xfer_params *p = w->p;
	size_t n = w->l->nslots, i;
	bool fill = p->type == XFER_MEMSET;
	int ret;

	if (p->type == XFER_INTERLEAVE) {
		w->chunks = calloc(p->shape.chunks, sizeof(*w->chunks));
		if (!w->chunks)
			return errf(-ENOMEM, "transfer: %s", strerror(ENOMEM));
		for (i = 0; i < p->shape.chunks; i++)
			w->chunks[i] = (struct dmactl_chunk){
				.size = p->size,
				.icg = p->shape.icg,
				.src_icg = p->shape.src_icg,
				.dst_icg = p->shape.dst_icg,
			};
	}
	w->slots = calloc(n, sizeof(*w->slots));
	w->idle = calloc(n, sizeof(*w->idle));
	w->ready = calloc(n, sizeof(*w->ready));
	w->inflight = calloc(n, sizeof(*w->inflight));
	if (!w->slots || !w->idle || !w->ready || !w->inflight)
		return errf(-ENOMEM, "transfer: %s", strerror(ENOMEM));
	for (i = 0; i < 2 * n; i++) {
		struct slot *s = &w->slots[i / 2];

		if (fill && !(i % 2))
			continue;
		ret = dev_buf_alloc(w->d, w->l->buf_len,
				    i % 2 ? &s->dst : &s->src);
		if (ret == -ENOSPC) {
			/* a limit the module did not state in its info */
			err_clear();
			return errf(ret, "qdepth '%llu': buffer %zu of %zu: %s (ENOSPC): over the module's per-session buffer limit",
				    (unsigned long long)w->p->qdepth,
				    fill ? i / 2 + 1 : i + 1,
				    fill ? n : 2 * n, strerror(ENOSPC));
		}
		if (ret)
			return ret;
	}
	/* a stack: slot 0 on top, so that jobs take the slots in order */
	for (i = 0; i < n; i++)
		w->idle[i] = n - 1 - i;
	w->nidle = n;
	return 0;
}

/*
 * With @busy, jobs may still be running: freeing their buffers would fail
 * with EBUSY, so only unmap them and let closing the session terminate the
 * jobs and free the rest.
 */
static int free_slots(struct worker *w, bool busy)
{
	int ret = 0, err;
	size_t i;

	for (i = 0; w->slots && i < w->l->nslots; i++) {
		struct slot *s = &w->slots[i];

		if (busy) {
			dev_buf_unmap(w->d, &s->src);
			dev_buf_unmap(w->d, &s->dst);
			continue;
		}
		err = dev_buf_free(w->d, &s->src);
		if (!ret)
			ret = err;
		err = dev_buf_free(w->d, &s->dst);
		if (!ret)
			ret = err;
	}
	free(w->slots);
	free(w->idle);
	free(w->ready);
	free(w->inflight);
	free(w->chunks);
	w->slots = NULL;
	return ret;
}

static void pattern_job(const struct worker *w, const struct slot *s,
			struct pattern_job *pj)
{
	const struct xfer_layout *l = w->l;

	*pj = (struct pattern_job){
		.src = s->src.map,
		.dst = s->dst.map,
		.buf_len = l->buf_len,
		.off = l->off,
		.len = w->p->size,
		.seed = s->seed,
		.prev_seed = s->prev_seed,
		.has_prev = s->has_prev,
	};
	if (w->p->type == XFER_INTERLEAVE) {
		pj->nchunks = l->nchunks;
		pj->src_stride = l->src_stride;
		pj->dst_stride = l->dst_stride;
	}
}

static uint8_t fill_value(const struct worker *w, uint64_t seed)
{
	return w->p->value < 0 ? pattern_fill_value(seed) : w->p->value;
}

static void fill(const struct worker *w, const struct slot *s)
{
	struct pattern_job pj;

	pattern_job(w, s, &pj);
	if (w->p->type == XFER_MEMSET)
		pattern_poison(&pj, fill_value(w, s->seed));
	else
		pattern_fill(&pj);
}

static bool stopping(const struct worker *w)
{
	return xfer_stop_signal || (w->stop && atomic_load(w->stop));
}

/* Give every idle slot its next job. */
static void fill_idle(struct worker *w)
{
	struct slot *s;
	size_t i;

	while (w->nidle && w->started < w->p->count) {
		i = w->idle[--w->nidle];
		s = &w->slots[i];
		s->seed = w->seed_base + w->started++;
		if (w->p->verify)
			fill(w, s);
		w->ready[w->nready++] = i;
	}
}

static void make_job(const struct worker *w, const struct slot *s,
		     struct dmactl_job *j)
{
	const struct xfer_shape *sh = &w->p->shape;

	memset(j, 0, sizeof(*j));
	j->type = types[w->p->type].job;
	j->dst_buf = s->dst.id;
	j->dst_off = w->l->off;
	j->user_data = s->seed;
	switch (w->p->type) {
	case XFER_MEMCPY:
		j->src_buf = s->src.id;
		j->src_off = w->l->off;
		j->len = w->p->size;
		break;
	case XFER_MEMSET:
		j->len = w->p->size;
		j->value = fill_value(w, s->seed);
		break;
	case XFER_INTERLEAVE:
		j->src_buf = s->src.id;
		j->src_off = w->l->off;
		j->direction = DMACTL_DIR_MEM_TO_MEM;
		j->flags = DMACTL_JOB_SRC_INC | DMACTL_JOB_DST_INC |
			   (sh->src_sgl ? DMACTL_JOB_SRC_SGL : 0) |
			   (sh->dst_sgl ? DMACTL_JOB_DST_SGL : 0);
		j->count = sh->chunks;
		j->frames = sh->frames;
		j->list = (uintptr_t)w->chunks;
		break;
	}
}

/*
 * Submit the ready jobs in batches.  A provider out of descriptors may
 * take only part of a batch, or none of it while jobs are in flight
 * (EAGAIN): the rest stays ready until a job completes.  The queue runs
 * with what the provider takes, and the report says so.
 */
static int submit_ready(struct worker *w)
{
	struct dmactl_job jobs[SUBMIT_MAX];
	uint32_t n, k, submitted;
	uint64_t first_id;
	int ret;

	while (w->nready) {
		n = w->nready < w->l->batch ? w->nready : w->l->batch;
		for (k = 0; k < n; k++)
			make_job(w, &w->slots[w->ready[k]], &jobs[k]);
		ret = dev_submit(w->d, jobs, n, true, &first_id, &submitted);
		if (ret == -EAGAIN && w->nin) {
			w->res->refusals++;
			break;
		}
		if (ret == -EAGAIN)
			return errf(-EPROTO, "%s: DMACTL_IOC_SUBMIT: EAGAIN with no job in flight (EPROTO)",
				    w->d->chan);
		if (ret)
			return ret;
		if (!submitted || submitted > n)
			return errf(-EPROTO, "%s: DMACTL_IOC_SUBMIT: %u of %u jobs submitted (EPROTO)",
				    w->d->chan, submitted, n);
		for (k = 0; k < submitted; k++) {
			size_t i = w->ready[k];

			w->slots[i].job_id = first_id + k;
			w->inflight[(w->in_head + w->nin++) % w->l->nslots] = i;
		}
		if (w->nin > w->res->inflight_peak)
			w->res->inflight_peak = w->nin;
		w->nready -= submitted;
		memmove(w->ready, w->ready + submitted,
			w->nready * sizeof(*w->ready));
		if (submitted < n) {
			w->res->refusals++;
			break;
		}
	}
	return 0;
}

int xfer_add_time(struct xfer_result *res, uint64_t issue_ns,
		  uint64_t complete_ns)
{
	struct job_time *v;

	if (res->ntimes == res->times_alloc) {
		size_t alloc = res->times_alloc ? 2 * res->times_alloc : 1024;

		v = reallocarray(res->times, alloc, sizeof(*v));
		if (!v)
			return errf(-ENOMEM, "transfer: %s", strerror(ENOMEM));
		res->times = v;
		res->times_alloc = alloc;
	}
	res->times[res->ntimes++] = (struct job_time){ issue_ns, complete_ns };
	return 0;
}

static int record_time(struct worker *w, const struct dmactl_job_status *st)
{
	if (!st->issue_ns || st->complete_ns < st->issue_ns)
		return errf(-EPROTO, "%s: job %llu: bad timestamps issue %llu complete %llu (EPROTO)",
			    w->d->chan, (unsigned long long)st->id,
			    (unsigned long long)st->issue_ns,
			    (unsigned long long)st->complete_ns);
	return xfer_add_time(w->res, st->issue_ns, st->complete_ns);
}

static void add_mismatch(struct xfer_result *res,
			 const struct xfer_mismatch *m)
{
	if (res->nshown < XFER_MAX_SHOWN)
		res->shown[res->nshown++] = *m;
}

void xfer_add_mismatches(struct xfer_result *res,
			 const struct pattern_error *errs, size_t n,
			 uint64_t job_id, size_t off)
{
	size_t i;

	if (!n)
		return;
	res->bad_jobs++;
	res->verify_errors += n;
	for (i = 0; i < n && i < XFER_MAX_SHOWN; i++)
		add_mismatch(res, &(struct xfer_mismatch){
			.job_id = job_id,
			.in_dst = errs[i].in_dst,
			.offset = (int64_t)errs[i].offset - (int64_t)off,
			.expected = errs[i].expected,
			.got = errs[i].got,
			.kind = errs[i].kind,
		});
}

static void verify(struct worker *w, const struct slot *s, uint64_t job_id)
{
	struct pattern_error errs[XFER_MAX_SHOWN];
	struct pattern_job pj;
	size_t n;

	pattern_job(w, s, &pj);
	if (w->p->type == XFER_MEMSET)
		n = pattern_verify_fill(&pj, fill_value(w, s->seed), errs,
					XFER_MAX_SHOWN);
	else
		n = pattern_verify(&pj, errs, XFER_MAX_SHOWN);
	xfer_add_mismatches(w->res, errs, n, job_id, w->l->off);
}

void xfer_job_error(struct xfer_result *res, uint64_t id, uint32_t state,
		    uint32_t result)
{
	if (res->job_errors++)
		return;
	res->first_err_id = id;
	res->first_err_state = state;
	res->first_err_result = result;
}

/* Collect the status of the oldest job and free its slot. */
static int reap_oldest(struct worker *w)
{
	struct dmactl_job_status st;
	size_t i = w->inflight[w->in_head];
	struct slot *s = &w->slots[i];
	int ret;

	ret = dev_status(w->d, s->job_id, 1, true, &st);
	if (ret)
		return ret;
	if (st.state != DMACTL_STATE_COMPLETE &&
	    st.state != DMACTL_STATE_TERMINATED)
		return errf(-EPROTO, "%s: job %llu: %s after DMACTL_IOC_WAIT returned (EPROTO)",
			    w->d->chan, (unsigned long long)s->job_id,
			    job_state_name(st.state));
	w->in_head = (w->in_head + 1) % w->l->nslots;
	w->nin--;
	w->res->finished++;

	if (st.state == DMACTL_STATE_COMPLETE &&
	    st.result == DMACTL_RESULT_NOERROR) {
		ret = record_time(w, &st);
		if (ret)
			return ret;
		if (w->p->verify)
			verify(w, s, s->job_id);
	} else {
		xfer_job_error(w->res, st.id, st.state, st.result);
	}
	s->prev_seed = s->seed;
	s->has_prev = true;
	s->job_id = 0;
	w->idle[w->nidle++] = i;
	return 0;
}

static int run_jobs(struct worker *w)
{
	uint64_t timeout_ns = w->p->timeout_ms * 1000000ULL;
	size_t oldest;
	int ret;

	for (;;) {
		if (!stopping(w)) {
			fill_idle(w);
			ret = submit_ready(w);
			if (ret)
				return ret;
		}
		if (!w->nin)
			return 0;
		oldest = w->inflight[w->in_head];
		ret = dev_wait(w->d, w->slots[oldest].job_id, timeout_ns);
		if (ret == -EINTR)
			continue;	/* xfer_stop_signal says whether to go on */
		if (ret)
			return ret;
		ret = reap_oldest(w);
		if (ret)
			return ret;
	}
}

static void kernel_add(struct xfer_kernel *k, const struct dmactl_bench *b)
{
	size_t i;

	if (!k->ops || (b->ops && b->lat_min_ns < k->lat_min_ns))
		k->lat_min_ns = b->lat_min_ns;
	if (b->lat_max_ns > k->lat_max_ns)
		k->lat_max_ns = b->lat_max_ns;
	if (b->elapsed_ns > k->elapsed_ns)
		k->elapsed_ns = b->elapsed_ns;
	k->bytes += b->bytes;
	k->ops += b->ops;
	k->lat_sum_ns += b->lat_sum_ns;
	for (i = 0; i < DMACTL_HIST_BUCKETS; i++)
		k->hist[i] += b->hist[i];
}

/*
 * The in-kernel loop: every descriptor on the one buffer set, which holds
 * what a single correct job leaves once the loop is over.
 */
static int run_kernel(struct worker *w)
{
	struct slot *s = &w->slots[0];
	struct dmactl_bench b;
	struct dmactl_job job;
	int ret;

	s->seed = w->seed_base;
	if (w->p->verify)
		fill(w, s);
	make_job(w, s, &job);
	memset(&b, 0, sizeof(b));
	b.job = (uintptr_t)&job;
	b.job_size = sizeof(job);
	b.qdepth = w->p->qdepth;
	b.count = w->p->count;
	ret = dev_bench(w->d, &b);
	if (ret == -EINTR)
		return errf(ret, "%s: in-kernel loop interrupted by SIG%s",
			    w->d->chan, sigabbrev_np(xfer_stop_signal ?
						     xfer_stop_signal : SIGINT));
	if (ret)
		return ret;
	kernel_add(&w->res->k, &b);
	w->res->finished += b.ops;
	if (b.errors)
		xfer_job_error(w->res, 0, DMACTL_STATE_COMPLETE,
			       DMACTL_RESULT_ABORTED);
	w->res->job_errors += b.errors ? b.errors - 1 : 0;
	if (w->p->verify && b.ops > b.errors)
		verify(w, s, 0);
	return 0;
}

int xfer_run(struct dev *d, const struct xfer_params *p,
	     const struct xfer_layout *l, unsigned int worker,
	     struct xfer_result *res, atomic_bool *stop)
{
	struct worker w = {
		.d = d, .p = p, .l = l, .res = res, .stop = stop,
		.seed_base = (uint64_t)worker << 40,
	};
	int ret;

	ret = alloc_slots(&w);
	if (!ret)
		ret = p->kernel ? run_kernel(&w) : run_jobs(&w);
	if (ret) {
		if (stop)
			atomic_store(stop, true);
		free_slots(&w, w.nin != 0 || p->kernel);
		return ret;
	}
	return free_slots(&w, false);
}

int xfer_merge(struct xfer_result *into, const struct xfer_result *from)
{
	size_t i;
	int ret;

	for (i = 0; i < from->ntimes; i++) {
		ret = xfer_add_time(into, from->times[i].issue_ns,
				    from->times[i].complete_ns);
		if (ret)
			return ret;
	}
	if (from->k.ops) {
		struct dmactl_bench b = {
			.bytes = from->k.bytes, .ops = from->k.ops,
			.elapsed_ns = from->k.elapsed_ns,
			.lat_min_ns = from->k.lat_min_ns,
			.lat_max_ns = from->k.lat_max_ns,
			.lat_sum_ns = from->k.lat_sum_ns,
		};

		memcpy(b.hist, from->k.hist, sizeof(b.hist));
		kernel_add(&into->k, &b);
	}
	into->finished += from->finished;
	if (from->inflight_peak > into->inflight_peak)
		into->inflight_peak = from->inflight_peak;
	into->refusals += from->refusals;
	if (from->job_errors) {
		xfer_job_error(into, from->first_err_id, from->first_err_state,
			       from->first_err_result);
		into->job_errors += from->job_errors - 1;
	}
	into->verify_errors += from->verify_errors;
	into->bad_jobs += from->bad_jobs;
	for (i = 0; i < from->nshown; i++)
		add_mismatch(into, &from->shown[i]);
	return 0;
}

void xfer_result_free(struct xfer_result *res)
{
	free(res->times);
	memset(res, 0, sizeof(*res));
}

int xfer_stats(const struct xfer_params *p, struct xfer_result *res,
	       struct run_stats *st)
{
	const struct xfer_kernel *k = &res->k;
	struct hist_run h = {
		.ops = k->ops, .bytes = k->bytes, .elapsed_ns = k->elapsed_ns,
		.lat_min_ns = k->lat_min_ns, .lat_max_ns = k->lat_max_ns,
		.lat_sum_ns = k->lat_sum_ns, .hist = k->hist,
		.nbuckets = DMACTL_HIST_BUCKETS,
	};

	if (p->kernel) {
		stats_from_hist(&h, st);
		return 0;
	}
	return stats_compute(res->times, res->ntimes, xfer_job_bytes(p), st);
}
