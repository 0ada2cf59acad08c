/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: one measured point, as a CSV row, a JSON object or a line of an
 * aligned table, and the metadata that says what produced it.
 *
 * The CSV columns are a contract with the scripts that read them: the
 * leading ones never change order, new ones go at the end.
 */
#ifndef DMACTL_REPORT_H
#define DMACTL_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/dmactl.h>

#include "stats.h"
#include "xfer.h"

enum report_format {
	REPORT_TEXT,		/* aligned table, '#' header */
	REPORT_JSON,		/* -j */
	REPORT_CSV,		/* --csv */
};

/* Where the figures come from. */
#define MODE_USER	"user"		/* jobs submitted and reaped by dmactl */
#define MODE_KERNEL	"kernel"	/* the bridge's in-kernel loop */

#define REPORT_CHANNELS_LEN	256

struct point {
	const char *job;		/* "memcpy" */
	char channel[REPORT_CHANNELS_LEN];	/* names joined by '+' */
	uint64_t size_bytes;
	uint64_t width_bytes;		/* 0: not configured */
	uint64_t burst;			/* words; 0: not configured */
	uint64_t qdepth;
	uint64_t channels;
	uint64_t threads;		/* per channel */
	uint64_t rep;			/* 1 .. repetitions */
	const char *mode;		/* MODE_USER or MODE_KERNEL */
	struct run_stats st;
	uint64_t job_errors;		/* jobs failed or terminated */
	uint64_t bad_jobs;		/* jobs that did not verify */
	uint64_t verify_errors;		/* mismatched bytes */
};

/* What produced a report; printed as "# key: value" or JSON members. */
struct report_meta {
	const char *command;
	uint32_t module_abi_version;
	char provider[DMACTL_NAME_LEN];	/* driver of the (first) channel */
	char device[DMACTL_NAME_LEN];	/* its provider device */
	char provider_mode[128];	/* see chan_timing_model() */
};

/* Fills @m from a channel's info; @command is kept by pointer. */
void report_meta_init(struct report_meta *m, const char *command,
		      const struct dmactl_info *mi,
		      const struct dmactl_chan_info *ci);

/* JSON: the members of @m after print_tool_info(); text/CSV: '#' lines. */
void report_meta_print(const struct report_meta *m, enum report_format f);

/* errors column: every job that failed, in the provider or on verify. */
uint64_t point_errors(const struct point *pt);

/* CSV */
void report_csv_header(void);
void report_csv_row(const struct point *pt);

/* JSON members of the point's parameters (job .. mode), then figures. */
void report_json_params(const struct point *pt);
void report_json_figures(const struct point *pt);

/*
 * The first mismatches of a run, as a "mismatches" array and '#' lines,
 * how many more there were, and the first failed job.
 */
void report_mismatches(const struct xfer_result *res);

/* Text: the '#' header of the table, then one aligned row per point. */
void report_text_header(void);
void report_text_row(const struct point *pt);

#endif /* DMACTL_REPORT_H */
