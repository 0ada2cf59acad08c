/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: the transfer loops shared by memcpy, memset, interleave and
 * bench.
 *
 * A user-driven worker keeps a fixed number of jobs in flight on a
 * session's channel, verifies each one and records the kernel's issue and
 * completion timestamps.  Several workers may share a session (threads on
 * one channel); each has its own buffers and jobs.  A kernel worker hands
 * one job template to the bridge's in-kernel loop instead and reads back
 * its totals and latency histogram.
 */
#ifndef DMACTL_XFER_H
#define DMACTL_XFER_H

#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dev.h"
#include "pattern.h"
#include "slavecfg.h"
#include "stats.h"

#define XFER_MAX_SHOWN	8	/* mismatches reported one by one */

enum xfer_type {
	XFER_MEMCPY,
	XFER_MEMSET,
	XFER_INTERLEAVE,
};

/* An interleaved job: @frames frames of @chunks equal chunks each. */
struct xfer_shape {
	uint64_t frames;
	uint64_t chunks;
	uint64_t icg;		/* gap after each chunk, on the _SGL sides */
	uint64_t src_icg;	/* source gap instead of @icg, if not 0 */
	uint64_t dst_icg;	/* destination gap instead of @icg, if not 0 */
	bool src_sgl;
	bool dst_sgl;
};

struct xfer_params {
	enum xfer_type type;
	uint64_t size;		/* bytes per job; XFER_INTERLEAVE: per chunk */
	int value;		/* XFER_MEMSET: the byte, -1 for one per job */
	struct xfer_shape shape;	/* XFER_INTERLEAVE */
	uint64_t count;		/* jobs per worker */
	uint64_t qdepth;	/* jobs each worker keeps in flight */
	uint64_t timeout_ms;	/* longest wait for one job */
	bool verify;
	bool kernel;		/* the bridge's in-kernel loop */
	uint64_t width;		/* bus width set by slave config; 0: none */
	uint64_t burst;		/* maxburst set by slave config; 0: none */
};

/* Where a job's bytes lie in its buffers, the same for every worker. */
struct xfer_layout {
	size_t buf_len;		/* bytes of each buffer */
	size_t off;		/* start of the range: the guard bytes */
	size_t nslots;		/* buffer sets per worker */
	uint32_t batch;		/* most jobs per DMACTL_IOC_SUBMIT */
	size_t nchunks;		/* XFER_INTERLEAVE: chunks per job */
	size_t src_stride;	/* XFER_INTERLEAVE: chunk start to chunk start */
	size_t dst_stride;
};

struct xfer_mismatch {
	uint64_t job_id;
	bool in_dst;
	int64_t offset;		/* from the start of the range */
	uint8_t expected;
	uint8_t got;
	enum pattern_error_kind kind;
};

/* What the in-kernel loop returned, summed over the channels. */
struct xfer_kernel {
	uint64_t bytes;
	uint64_t ops;
	uint64_t elapsed_ns;	/* the longest of the loops */
	uint64_t lat_min_ns;
	uint64_t lat_max_ns;
	uint64_t lat_sum_ns;
	uint64_t hist[DMACTL_HIST_BUCKETS];
};

struct xfer_result {
	struct job_time *times;	/* user-driven jobs that completed well */
	size_t ntimes;
	size_t times_alloc;
	struct xfer_kernel k;	/* in-kernel loops */
	uint64_t finished;	/* jobs whose status was collected */
	uint64_t job_errors;	/* jobs the provider failed or terminated */
	uint64_t first_err_id;
	uint32_t first_err_state;
	uint32_t first_err_result;
	uint64_t inflight_peak;	/* most jobs a worker had in flight */
	uint64_t refusals;	/* submits the provider cut short */
	uint64_t verify_errors;	/* mismatched bytes */
	uint64_t bad_jobs;	/* jobs with at least one */
	struct xfer_mismatch shown[XFER_MAX_SHOWN];
	size_t nshown;
};

/*
 * Set from a SIGINT/SIGTERM handler to the signal's number: workers stop
 * submitting, drain what is in flight and return.
 */
extern volatile sig_atomic_t xfer_stop_signal;

/*
 * Runs @fn(@arg) with SIGINT and SIGTERM setting xfer_stop_signal, without
 * SA_RESTART so that they interrupt a wait, and only once: a second one
 * kills.  Returns what @fn returns.
 */
int xfer_catch_signals(int (*fn)(void *arg), void *arg);

/* "memcpy", "memset", "interleave" */
const char *xfer_type_name(enum xfer_type type);
/* The channel capability (1 << DMACTL_CAP_*) and module features needed. */
uint64_t xfer_caps(enum xfer_type type);
uint64_t xfer_features(const struct xfer_params *p);
/* Bytes one job moves. */
uint64_t xfer_job_bytes(const struct xfer_params *p);

/*
 * The slave configuration of a memory transfer with @p->width and
 * @p->burst: the channel's access width and burst (a provider such as
 * vdma charges memory transfers those of its configuration).
 */
void xfer_slave_opts(const struct xfer_params *p, struct slave_opts *o);

/**
 * xfer_buf_len() - the length of a buffer for a range, and where it starts
 * @span: bytes of the range
 * @align: the alignment the range needs
 * @max: the largest buffer the module allocates
 * @off: where the range starts: after GUARD_BYTES (or @align if larger)
 *	guard bytes when whole pages with guards on both sides fit in @max,
 *	else at 0
 *
 * Return: whole pages where they fit in @max (the mapping and the buffer
 * then have one length), else @span.
 */
size_t xfer_buf_len(uint64_t span, uint64_t align, uint64_t max, size_t *off);

/**
 * xfer_plan() - check a run against the module's limits, lay it out
 * @d: the session, holding its channel
 * @ci: that channel
 * @p: the run
 * @workers: workers that will share the session
 * @l: the layout
 *
 * Return: 0, -EUSAGE for parameters the module or the channel cannot take
 * (described naming the value), -EOPNOTSUPP.
 */
int xfer_plan(const struct dev *d, const struct dmactl_chan_info *ci,
	      const struct xfer_params *p, unsigned int workers,
	      struct xfer_layout *l);

/**
 * xfer_run() - one worker: run @p->count jobs through @d
 * @d: the session; other workers may use it at the same time
 * @p: the run
 * @l: its layout, from xfer_plan()
 * @worker: its number among the workers of the run, which seeds its data
 * @res: zeroed by the caller; filled even on failure
 * @stop: NULL, or a flag shared by the workers of a run: set on failure,
 *	and once another worker set it, stop as on a signal
 *
 * Jobs that fail or do not verify are counted in @res, not returned as
 * errors.  On failure, buffers still used by jobs in flight are only
 * unmapped: closing the session terminates the jobs and frees them.
 * With @p->kernel the bridge runs the jobs: one buffer set, filled before
 * and verified after the loop.
 *
 * Return: 0, or a negative errno described with errf().
 */
int xfer_run(struct dev *d, const struct xfer_params *p,
	     const struct xfer_layout *l, unsigned int worker,
	     struct xfer_result *res, atomic_bool *stop);

/* One job that completed well, for its time; -ENOMEM described. */
int xfer_add_time(struct xfer_result *res, uint64_t issue_ns,
		  uint64_t complete_ns);

/* One job that failed or was terminated; the first is kept. */
void xfer_job_error(struct xfer_result *res, uint64_t id, uint32_t state,
		    uint32_t result);

/*
 * xfer_add_mismatches() - count a job's @n wrong bytes, keep the first
 * @errs: what pattern_verify() found, min(@n, XFER_MAX_SHOWN) of them
 * @job_id: the job
 * @off: where the range starts in the buffers: offsets are shown from it
 */
void xfer_add_mismatches(struct xfer_result *res,
			 const struct pattern_error *errs, size_t n,
			 uint64_t job_id, size_t off);

/* Adds @from to @into (timestamps, counts, the first mismatches). */
int xfer_merge(struct xfer_result *into, const struct xfer_result *from);
void xfer_result_free(struct xfer_result *res);

/* The figures of a run, user-driven or in-kernel; sorts @res->times. */
int xfer_stats(const struct xfer_params *p, struct xfer_result *res,
	       struct run_stats *st);

#endif /* DMACTL_XFER_H */
