/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: one measured point on one or more channels, each driven by one
 * or more threads, with the results of every worker merged.
 */
#ifndef DMACTL_MEASURE_H
#define DMACTL_MEASURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dev.h"
#include "report.h"
#include "take.h"
#include "xfer.h"

#define MEASURE_MAX_CHANNELS	64
#define MEASURE_MAX_THREADS	64	/* per channel */

struct measure {
	/* in */
	const struct chan_choice *choice;
	unsigned int channels;		/* the first @channels of the choice */
	unsigned int threads;		/* per channel */
	struct xfer_params p;
	/* out */
	struct dmactl_info info;	/* of the module */
	struct dmactl_chan_info ci;	/* of the first channel */
	struct xfer_layout layout;
	char names[REPORT_CHANNELS_LEN];	/* channels used, '+' between */
	struct xfer_result res;		/* every worker's, merged */
	bool interrupted;		/* by SIGINT or SIGTERM */
};

/**
 * measure_run() - take the channels, run the workers, give the channels back
 * @m: in: what to run; out: what happened
 *
 * Jobs that fail or do not verify are counted in @m->res; the caller
 * judges them.  Every channel is released and every buffer freed before
 * this returns, whatever happened.
 *
 * Return: 0, or a negative errno (-EUSAGE for a request the module or a
 * channel cannot take) described with errf().
 */
int measure_run(struct measure *m);

/* Frees what measure_run() left in @m->res. */
void measure_free(struct measure *m);

/* Fills the parameters and figures of @pt from @m. */
int measure_point(struct measure *m, struct point *pt);

#endif /* DMACTL_MEASURE_H */
