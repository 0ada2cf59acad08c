/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: option parsing shared by the commands that run transfers:
 * which channels, the timeout, verification and the output format.
 */
#ifndef DMACTL_OPTS_H
#define DMACTL_OPTS_H

#include <argp.h>
#include <stdbool.h>
#include <stdint.h>

#include "measure.h"
#include "take.h"
#include "report.h"

#define DEFAULT_TIMEOUT_MS	5000

struct run_opts {
	const char *cmd;		/* the command, for messages */
	char name_buf[MEASURE_MAX_CHANNELS][DMACTL_NAME_LEN];	/* -c */
	const char *names[MEASURE_MAX_CHANNELS];	/* into name_buf */
	struct chan_choice choice;	/* from -c or -D */
	uint64_t timeout_ms;
	bool verify;
	bool csv;
};

/*
 * The argp child of those options.  The parent's parser hands it its
 * struct run_opts on ARGP_KEY_INIT: state->child_inputs[0] = &opts.
 */
extern const struct argp run_argp;

/* The format the command prints in, once parsing is over. */
enum report_format run_format(const struct run_opts *o);

/* errf() for an option value: "invalid WHAT 'ARG': WHY", usage error. */
error_t opt_invalid(const char *what, const char *arg, const char *why);

/* A channel or device name: non-empty, shorter than DMACTL_NAME_LEN. */
error_t opt_name(const char *what, char *arg, const char **dst);

/* A size (K, M, G suffixes) in [@min, @max] for option @what. */
error_t opt_size(const char *what, const char *arg, uint64_t min,
		 uint64_t max, uint64_t *val);

/* A plain number in [@min, @max] for option @what. */
error_t opt_uint(const char *what, const char *arg, uint64_t min,
		 uint64_t max, uint64_t *val);

#endif /* DMACTL_OPTS_H */
