// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl slave and dmactl sg: transfers between memory and a device.
 *
 *   tx    memory to device (DMA_MEM_TO_DEV) on one channel
 *   rx    device to memory (DMA_DEV_TO_MEM) on one channel
 *   loop  both at once on two channels, the device a loopback (a vdma
 *         FIFO port, or two peripherals wired together): every job's
 *         data must come back byte for byte
 *
 * slave moves one contiguous range per job (dmaengine_prep_slave_single()
 * is an sg list of one); sg moves a list of entries separated by gaps in
 * memory, so that what lands in a gap, or in the wrong entry, shows.
 * In loop mode each queue slot is a pair, a transmit and a receive job of
 * the same data: the receive job is submitted first so that it is ready
 * when the data comes, and a pair counts from the transmit job's issue to
 * the later completion.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "names.h"
#include "output.h"
#include "parse.h"
#include "pattern.h"
#include "report.h"
#include "sides.h"
#include "xfer.h"

#define MAX_QDEPTH	256
#define MAX_ENTRIES	4096
#define MAX_SIZE	(1ULL << 30)
#define FEATURES	(DMACTL_FEAT_CHAN_REQUEST | DMACTL_FEAT_COHERENT_BUF | \
			 DMACTL_FEAT_SLAVE_CONFIG | DMACTL_FEAT_SLAVE_SG)

enum {
	OPT_ENTRIES = 0x100,
	OPT_GAP,
};

struct slave_args {
	struct sides_args s;
	uint64_t size;		/* per entry */
	uint64_t entries;
	uint64_t gap;		/* bytes between entries in memory */
	uint64_t count;
	uint64_t qdepth;
};

struct side {
	struct dev d;
	struct dmactl_chan_info ci;
	uint32_t dir;
	struct dev_buf *buf;	/* one per slot */
	uint64_t *job;		/* per slot: the job in flight */
	struct dmactl_sg_entry *list;	/* a job's entries, rebuilt per job */
};

struct pair_run {
	struct slave_args *a;
	struct side side[2];	/* tx first in loop mode */
	unsigned int nsides;
	bool verify;
	size_t buf_len;
	size_t off;
	size_t stride;
	size_t nslots;

	uint64_t *seed;		/* per slot */
	uint64_t *prev_seed;
	bool *has_prev;
	size_t *ring;		/* slots in flight, oldest first */
	size_t head;
	size_t nin;
	size_t *idle;
	size_t nidle;
	uint64_t started;

	struct xfer_result res;
	uint64_t terminated;	/* jobs ended by --terminate-after */
	unsigned int ctl_side;	/* the side paused: the receiver in loop */
	struct control ctl;
	atomic_bool stop;
};

static error_t slave_parse(int key, char *arg, struct argp_state *state)
{
	struct slave_args *a = state->input;

	switch (key) {
	case 's':
		return opt_size("size", arg, 1, MAX_SIZE, &a->size);
	case 'n':
		return opt_uint("count", arg, 1, UINT32_MAX, &a->count);
	case 'q':
		return opt_uint("qdepth", arg, 1, MAX_QDEPTH, &a->qdepth);
	case OPT_ENTRIES:
		return opt_uint("entries", arg, 1, MAX_ENTRIES, &a->entries);
	case OPT_GAP:
		return opt_uint("gap", arg, 0, MAX_SIZE, &a->gap);
	default:
		return sides_parse(&a->s, key, arg, state);
	}
}

static const struct argp_option slave_options[] = {
	{ "size", 's', "SIZE", 0,
	  "Bytes per job (sg: per entry), with an optional K, M or G suffix (default 4K)", 0 },
	{ "count", 'n', "N", 0, "Jobs (loop: pairs of jobs; default 100)", 0 },
	{ "qdepth", 'q', "Q", 0, "Jobs (pairs) kept in flight (default 4)", 0 },
	{ "entries", OPT_ENTRIES, "N", 0,
	  "Entries of each job's sg list (slave: 1, sg: 4)", 0 },
	{ "gap", OPT_GAP, "BYTES", 0,
	  "Bytes between the entries in memory, left untouched (default 64)", 0 },
	{ 0 }
};

#define SLAVE_DOC_POST \
	"tx and rx take one channel, loop two (-c TX,RX; without -c, two free " \
	"slave channels).  tx writes to --dst-addr, rx reads from " \
	"--src-addr, loop does both through --addr (or --dst-addr and " \
	"--src-addr).  Only loop can check the data."

static const struct argp slave_cmd_argp = {
	.options = slave_options,
	.parser = slave_parse,
	.args_doc = "tx|rx|loop",
	.doc = "Move data between memory and a device address through "
	       "slave channels, one range per job "
	       "(dmaengine_prep_slave_single), and report throughput and "
	       "latency.\v" SLAVE_DOC_POST,
	.children = sides_children,
};

static const struct argp sg_cmd_argp = {
	.options = slave_options,
	.parser = slave_parse,
	.args_doc = "tx|rx|loop",
	.doc = "Move data between memory and a device address through "
	       "slave channels, a scatter-gather list of entries per job "
	       "(dmaengine_prep_slave_sg), and report throughput and "
	       "latency.\v" SLAVE_DOC_POST,
	.children = sides_children,
};

static bool is_tx(const struct pair_run *r, unsigned int i)
{
	return r->side[i].dir == DMACTL_DIR_MEM_TO_DEV;
}

static int take_side(struct pair_run *r, unsigned int i)
{
	struct side *sd = &r->side[i];
	int ret;

	ret = sides_take(&r->a->s, i, DMACTL_CAP_SLAVE, FEATURES, &sd->d, &sd->ci,
			 &sd->dir);
	if (!ret)
		r->nsides = i + 1;
	return ret;
}

/* Buffers: the entries between guard bytes, whole pages. */
static int plan(struct pair_run *r)
{
	const struct slave_args *a = r->a;
	const struct dmactl_info *mi = &r->side[0].d.info;
	uint64_t span;
	char sz[32], lim[32];

	r->stride = a->size + a->gap;
	if (__builtin_mul_overflow(a->entries - 1, r->stride, &span) ||
	    __builtin_add_overflow(span, a->size, &span) ||
	    span > mi->max_buf_bytes)
		return errf(-EUSAGE, "invalid size '%s': %llu entries need more than the module's max_buf_bytes (%s)",
			    size_str(a->size, sz, sizeof(sz)),
			    (unsigned long long)a->entries,
			    size_str(mi->max_buf_bytes, lim, sizeof(lim)));
	if (mi->max_sg_entries && a->entries > mi->max_sg_entries)
		return errf(-EUSAGE, "invalid entries '%llu': more than the module's max_sg_entries (%u)",
			    (unsigned long long)a->entries,
			    mi->max_sg_entries);
	r->buf_len = xfer_buf_len(span, 1, mi->max_buf_bytes, &r->off);
	r->nslots = a->qdepth < a->count ? a->qdepth : a->count;
	if (mi->max_buffers && r->nslots > mi->max_buffers)
		return errf(-EUSAGE, "invalid qdepth '%llu': more buffers than the module's max_buffers (%u)",
			    (unsigned long long)a->qdepth, mi->max_buffers);
	return 0;
}

static int alloc_run(struct pair_run *r)
{
	size_t n = r->nslots, i, k;
	int ret;

	r->seed = calloc(n, sizeof(*r->seed));
	r->prev_seed = calloc(n, sizeof(*r->prev_seed));
	r->has_prev = calloc(n, sizeof(*r->has_prev));
	r->ring = calloc(n, sizeof(*r->ring));
	r->idle = calloc(n, sizeof(*r->idle));
	if (!r->seed || !r->prev_seed || !r->has_prev || !r->ring || !r->idle)
		return errf(-ENOMEM, "%s: %s", r->a->s.run.cmd, strerror(ENOMEM));
	for (k = 0; k < r->nsides; k++) {
		struct side *sd = &r->side[k];

		sd->buf = calloc(n, sizeof(*sd->buf));
		sd->job = calloc(n, sizeof(*sd->job));
		sd->list = calloc(r->a->entries, sizeof(*sd->list));
		if (!sd->buf || !sd->job || !sd->list)
			return errf(-ENOMEM, "%s: %s", r->a->s.run.cmd,
				    strerror(ENOMEM));
		for (i = 0; i < n; i++) {
			ret = dev_buf_alloc(&sd->d, r->buf_len, &sd->buf[i]);
			if (ret)
				return ret;
		}
	}
	for (i = 0; i < n; i++)
		r->idle[i] = n - 1 - i;
	r->nidle = n;
	return 0;
}

/* @busy: jobs may be in flight, so only unmap (see xfer_run()). */
static int free_run(struct pair_run *r, bool busy)
{
	int ret = 0, err;
	size_t i, k;

	for (k = 0; k < r->nsides; k++) {
		struct side *sd = &r->side[k];

		for (i = 0; sd->buf && i < r->nslots; i++) {
			if (busy) {
				dev_buf_unmap(&sd->d, &sd->buf[i]);
				continue;
			}
			err = dev_buf_free(&sd->d, &sd->buf[i]);
			if (!ret)
				ret = err;
		}
		free(sd->buf);
		free(sd->job);
		free(sd->list);
		sd->buf = NULL;
	}
	free(r->seed);
	free(r->prev_seed);
	free(r->has_prev);
	free(r->ring);
	free(r->idle);
	return ret;
}

static void pattern_job(const struct pair_run *r, size_t slot,
			struct pattern_job *pj)
{
	*pj = (struct pattern_job){
		.src = r->side[0].buf[slot].map,
		.dst = r->side[r->nsides - 1].buf[slot].map,
		.buf_len = r->buf_len,
		.off = r->off,
		.len = r->a->size,
		.nchunks = r->a->entries > 1 ? r->a->entries : 0,
		.src_stride = r->stride,
		.dst_stride = r->stride,
		.seed = r->seed[slot],
		.prev_seed = r->prev_seed[slot],
		.has_prev = r->has_prev[slot],
	};
}

static int submit_side(struct pair_run *r, unsigned int k, size_t slot)
{
	struct side *sd = &r->side[k];
	struct dmactl_job job;
	uint64_t first_id;
	uint32_t submitted;
	uint64_t e;
	int ret;

	for (e = 0; e < r->a->entries; e++)
		sd->list[e] = (struct dmactl_sg_entry){
			.buf = sd->buf[slot].id,
			.off = r->off + e * r->stride,
			.len = r->a->size,
		};
	memset(&job, 0, sizeof(job));
	job.type = DMACTL_JOB_SG;
	job.direction = sd->dir;
	job.count = r->a->entries;
	job.list = (uintptr_t)sd->list;
	job.user_data = r->seed[slot];
	ret = dev_submit(&sd->d, &job, 1, true, &first_id, &submitted);
	if (ret)
		return ret;
	sd->job[slot] = first_id;
	if (k == r->ctl_side)
		atomic_store(&r->ctl.last, first_id);
	return 0;
}

/* A pair: the receiving side first, ready when the data comes. */
static int submit_slot(struct pair_run *r, size_t slot)
{
	struct pattern_job pj;
	int ret;

	r->seed[slot] = r->started++;
	if (r->verify) {
		pattern_job(r, slot, &pj);
		pattern_fill(&pj);
	}
	if (r->nsides == 2) {
		ret = submit_side(r, 1, slot);
		if (ret)
			return ret;
	}
	ret = submit_side(r, 0, slot);
	if (ret)
		return ret;
	r->ring[(r->head + r->nin++) % r->nslots] = slot;
	if (r->nin == 1)
		atomic_store(&r->ctl.job, r->side[r->ctl_side].job[slot]);
	return 0;
}

static void verify_slot(struct pair_run *r, size_t slot, uint64_t job_id)
{
	struct pattern_error errs[XFER_MAX_SHOWN];
	struct pattern_job pj;
	size_t n;

	pattern_job(r, slot, &pj);
	n = pattern_verify(&pj, errs, XFER_MAX_SHOWN);
	xfer_add_mismatches(&r->res, errs, n, job_id, r->off);
}

/* Wait for the oldest pair, collect both jobs, check the data. */
static int reap_oldest(struct pair_run *r)
{
	uint64_t timeout_ns = r->a->s.run.timeout_ms * 1000000ULL;
	struct dmactl_job_status st[2];
	size_t slot = r->ring[r->head];
	uint64_t start = 0, end = 0;
	bool good = true;
	unsigned int k;
	int ret;

	for (k = 0; k < r->nsides; k++) {
		struct side *sd = &r->side[k];

		do
			ret = dev_wait(&sd->d, sd->job[slot], timeout_ns);
		while (ret == -EINTR);
		if (ret)
			return ret;
		ret = dev_status(&sd->d, sd->job[slot], 1, true, &st[k]);
		if (ret)
			return ret;
		sd->job[slot] = 0;
		if (st[k].state == DMACTL_STATE_TERMINATED &&
		    r->ctl.terminated) {
			r->terminated++;
			good = false;
			continue;
		}
		if (st[k].state != DMACTL_STATE_COMPLETE ||
		    st[k].result != DMACTL_RESULT_NOERROR) {
			xfer_job_error(&r->res, st[k].id, st[k].state,
				       st[k].result);
			good = false;
			continue;
		}
		if (is_tx(r, k) || r->nsides == 1)
			start = st[k].issue_ns;
		if (st[k].complete_ns > end)
			end = st[k].complete_ns;
	}
	r->head = (r->head + 1) % r->nslots;
	r->nin--;
	r->res.finished++;
	atomic_store(&r->ctl.job, r->nin ?
		     r->side[r->ctl_side].job[r->ring[r->head]] : 0);
	if (good) {
		if (!start || end < start)
			return errf(-EPROTO, "%s: job %llu: bad timestamps (EPROTO)",
				    r->side[0].d.chan,
				    (unsigned long long)st[0].id);
		ret = xfer_add_time(&r->res, start, end);
		if (ret)
			return ret;
		if (r->verify)
			verify_slot(r, slot, st[0].id);
	}
	r->prev_seed[slot] = r->seed[slot];
	r->has_prev[slot] = true;
	r->idle[r->nidle++] = slot;
	return 0;
}

static bool stopping(struct pair_run *r)
{
	return xfer_stop_signal || atomic_load(&r->stop);
}

static int run_pairs(void *arg)
{
	struct pair_run *r = arg;
	int ret;

	for (;;) {
		while (!stopping(r) && r->nidle && r->started < r->a->count) {
			ret = submit_slot(r, r->idle[--r->nidle]);
			if (ret)
				return ret;
		}
		if (!r->nin)
			return 0;
		ret = reap_oldest(r);
		if (ret)
			return ret;
	}
}

static void print_side(const struct side *sd, const char *key)
{
	print_string(PRINT_JSON, key, NULL, sd->ci.chan_name);
}

static void print_report(struct pair_run *r, const struct point *pt)
{
	const struct slave_args *a = r->a;
	enum report_format f = run_format(&a->s.run);
	struct report_meta meta;
	size_t i;

	report_meta_init(&meta, a->s.run.cmd, &r->side[0].d.info,
			 &r->side[0].ci);
	print_tool_info(a->s.run.cmd);
	report_meta_print(&meta, f);
	print_string(PRINT_JSON, "direction", NULL, sides_name(a->s.mode));
	for (i = 0; i < r->nsides; i++)
		print_side(&r->side[i], is_tx(r, i) ? "tx_channel" :
						      "rx_channel");
	print_fp("# parameters: %s %s on %s, size %" PRIu64 ", entries %"
		 PRIu64 ", gap %" PRIu64 ", count %" PRIu64 ", qdepth %" PRIu64
		 ", width %" PRIu64 ", burst %" PRIu64 ", verify %s\n",
		 a->s.run.cmd, sides_name(a->s.mode), pt->channel,
		 pt->size_bytes, a->entries, a->gap, a->count, a->qdepth,
		 pt->width_bytes, pt->burst, r->verify ? "yes" : "no");
	print_uint(PRINT_JSON, "size_bytes", NULL, pt->size_bytes);
	print_uint(PRINT_JSON, "entries", NULL, a->entries);
	print_uint(PRINT_JSON, "entry_bytes", NULL, a->size);
	print_uint(PRINT_JSON, "gap_bytes", NULL, a->gap);
	print_uint(PRINT_JSON, "count", NULL, a->count);
	print_uint(PRINT_JSON, "qdepth", NULL, a->qdepth);
	print_uint(PRINT_JSON, "width_bytes", NULL, pt->width_bytes);
	print_uint(PRINT_JSON, "burst", NULL, pt->burst);
	if (a->s.cfg.dst_addr_set)
		print_uint(PRINT_JSON, "dst_addr", NULL, a->s.cfg.dst_addr);
	if (a->s.cfg.src_addr_set)
		print_uint(PRINT_JSON, "src_addr", NULL, a->s.cfg.src_addr);
	print_bool(PRINT_JSON, "verify", NULL, r->verify);
	print_uint(PRINT_JSON, "timeout_ms", NULL, a->s.run.timeout_ms);
	print_string(PRINT_JSON, "mode", NULL, MODE_USER);
	if (f == REPORT_CSV) {
		report_csv_header();
		report_csv_row(pt);
	} else {
		report_text_header();
		report_text_row(pt);
		report_json_figures(pt);
		print_uint(PRINT_JSON, "jobs_finished", NULL, r->res.finished);
		print_uint(PRINT_ANY, "terminated_jobs",
			   r->terminated ? "# terminated jobs: %" PRIu64 "\n" :
			   "", r->terminated);
		print_bool(PRINT_JSON, "interrupted", NULL,
			   xfer_stop_signal != 0);
		control_print(&r->ctl);
	}
	report_mismatches(&r->res);
}

static int verdict(const struct pair_run *r, const char *chan)
{
	const struct xfer_result *res = &r->res;
	const char *cmd = r->a->s.run.cmd;

	if (res->verify_errors)
		return errf(-EVERIFY, "%s loop on %s: verification failed: %" PRIu64 " bad bytes in %" PRIu64 " of %" PRIu64 " jobs",
			    cmd, chan, res->verify_errors, res->bad_jobs,
			    res->finished);
	if (res->job_errors)
		return errf(-EIO, "%s %s on %s: %" PRIu64 " of %" PRIu64 " jobs failed (first: job %" PRIu64 " %s, result %s)",
			    cmd, sides_name(r->a->s.mode), chan,
			    res->job_errors, res->finished, res->first_err_id,
			    job_state_name(res->first_err_state),
			    job_result_name(res->first_err_result));
	if (xfer_stop_signal)
		return errf(-EINTR, "%s on %s: interrupted by SIG%s after %" PRIu64 " jobs",
			    cmd, chan, sigabbrev_np(xfer_stop_signal),
			    res->finished);
	return 0;
}

static void fill_point(const struct pair_run *r, struct point *pt)
{
	const struct slave_args *a = r->a;
	unsigned int k;

	memset(pt, 0, sizeof(*pt));
	pt->job = a->s.run.cmd;
	for (k = 0; k < r->nsides; k++)
		snprintf(pt->channel + strlen(pt->channel),
			 sizeof(pt->channel) - strlen(pt->channel), "%s%s",
			 k ? "+" : "", r->side[k].ci.chan_name);
	pt->size_bytes = a->size * a->entries;
	pt->width_bytes = a->s.mode == SIDES_RX ? a->s.cfg.src_width :
						a->s.cfg.dst_width;
	pt->burst = a->s.mode == SIDES_RX ? a->s.cfg.src_burst : a->s.cfg.dst_burst;
	pt->qdepth = a->qdepth;
	pt->channels = r->nsides;
	pt->threads = 1;
	pt->rep = 1;
	pt->mode = MODE_USER;
	pt->job_errors = r->res.job_errors;
	pt->bad_jobs = r->res.bad_jobs;
	pt->verify_errors = r->res.verify_errors;
}

static int do_slave(void *input)
{
	struct slave_args *a = input;
	struct pair_run r = { .a = a };
	unsigned int k, want = sides_count(a->s.mode);
	struct point pt;
	int ret, err;

	ret = sides_check(&a->s);
	if (ret)
		return ret;
	r.verify = a->s.mode == SIDES_LOOP && a->s.run.verify;
	ret = take_side(&r, 0);
	if (!ret && want == 2)
		ret = take_side(&r, 1);
	/* after the caps: a width the channel lacks is the better message */
	if (!ret)
		ret = sides_check_len(&a->s, "size", a->size);
	if (!ret)
		ret = plan(&r);
	if (!ret)
		ret = alloc_run(&r);
	if (!ret && control_wanted(&a->s.ctl)) {
		r.ctl_side = r.nsides - 1;
		r.ctl.o = &a->s.ctl;
		r.ctl.d = &r.side[r.ctl_side].d;
		r.ctl.also = r.nsides == 2 ? &r.side[0].d : NULL;
		r.ctl.stop = &r.stop;
		ret = control_start(&r.ctl);
	}
	if (!ret)
		ret = xfer_catch_signals(run_pairs, &r);
	err = control_finish(&r.ctl);
	if (!ret)
		ret = err;
	err = free_run(&r, ret != 0);
	if (!ret)
		ret = err;
	/* after a failure the release may fail (buffers left): close then */
	for (k = 0; k < r.nsides; k++) {
		if (r.side[k].d.have_chan) {
			err = dev_release(&r.side[k].d);
			if (!ret)
				ret = err;
		}
		dev_close(&r.side[k].d);
	}
	if (!ret) {
		fill_point(&r, &pt);
		ret = stats_compute(r.res.times, r.res.ntimes, pt.size_bytes,
				    &pt.st);
		if (ret)
			errf(ret, "%s: %s", a->s.run.cmd, strerror(-ret));
	}
	if (!ret) {
		output_begin(stdout);
		print_report(&r, &pt);
		ret = output_end();
		err = verdict(&r, pt.channel);
		if (err)
			ret = err;
	}
	xfer_result_free(&r.res);
	return ret;
}

static struct slave_args slave_input = {
	.s = SIDES_DEFAULTS("slave"),
	.size = 4096,
	.entries = 1,
	.gap = 64,
	.count = 100,
	.qdepth = 4,
};

static struct slave_args sg_input = {
	.s = SIDES_DEFAULTS("sg"),
	.size = 1024,
	.entries = 4,
	.gap = 64,
	.count = 100,
	.qdepth = 4,
};

const struct command cmd_slave = {
	.name = "slave",
	.doc = "memory to device, device to memory, loopback: one range per job",
	.argp = &slave_cmd_argp,
	.input = &slave_input,
	.handler = do_slave,
};

const struct command cmd_sg = {
	.name = "sg",
	.doc = "the same with scatter-gather lists of entries and gaps",
	.argp = &sg_cmd_argp,
	.input = &sg_input,
	.handler = do_slave,
};
