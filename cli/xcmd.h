/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: what memcpy, memset and interleave share: their common options,
 * the run on one or more channels, the report and the verdict.
 */
#ifndef DMACTL_XCMD_H
#define DMACTL_XCMD_H

#include <argp.h>

#include "opts.h"
#include "xfer.h"

struct xcmd_args {
	struct run_opts run;
	struct xfer_params p;	/* its type set by the command */
	uint64_t channels;
	uint64_t threads;
};

/*
 * -s, -n, -q, --channels, --threads, --kernel-loop and the run options.
 * The command's parser hands it its struct xcmd_args on ARGP_KEY_INIT.
 */
extern const struct argp xcmd_argp;

/* Defaults of struct xcmd_args for a command. */
#define XCMD_DEFAULTS(name, xtype) {					\
	.run = {							\
		.cmd = name,						\
		.timeout_ms = DEFAULT_TIMEOUT_MS,			\
		.verify = true,						\
	},								\
	.p = {								\
		.type = xtype,						\
		.size = 4096,						\
		.value = -1,						\
		.count = 1000,						\
		.qdepth = 16,						\
	},								\
	.channels = 1,							\
	.threads = 1,							\
}

/**
 * xcmd_run() - run a transfer command and report it
 * @a: its parsed arguments
 *
 * Return: 0, or a negative errno, -EUSAGE or -EVERIFY described with
 * errf(): the command handler's result.
 */
int xcmd_run(struct xcmd_args *a);

#endif /* DMACTL_XCMD_H */
