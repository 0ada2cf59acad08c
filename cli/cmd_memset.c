// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl memset: fill memory through DMA channels.  Each job writes its
 * own value unless --value fixes one, so that a job that wrote nothing or
 * repeated the previous job's fill is told apart from a good one; the
 * bytes around the range must keep their poison.
 */
#include <errno.h>

#include "cmd.h"
#include "xcmd.h"

enum {
	OPT_VALUE = 0x100,
};

static error_t memset_parse(int key, char *arg, struct argp_state *state)
{
	struct xcmd_args *a = state->input;
	uint64_t v;
	error_t ret;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = a;
		return 0;
	case OPT_VALUE:
		ret = opt_uint("value", arg, 0, 255, &v);
		if (!ret)
			a->p.value = v;
		return ret;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp_option memset_options[] = {
	{ "value", OPT_VALUE, "BYTE", 0,
	  "Fill with BYTE (0 to 255; default: a different value per job)", 0 },
	{ 0 }
};

static const struct argp_child memset_children[] = {
	{ &xcmd_argp, 0, NULL, 0 },
	{ 0 }
};

static const struct argp memset_argp = {
	.options = memset_options,
	.parser = memset_parse,
	.doc = "Fill memory through DMA channels, verify every fill and "
	       "report throughput and latency.\v"
	       "Without --chan or --device, any free channel that can do "
	       "memset is used.",
	.children = memset_children,
};

static int do_memset(void *input)
{
	return xcmd_run(input);
}

static struct xcmd_args memset_input = XCMD_DEFAULTS("memset", XFER_MEMSET);

const struct command cmd_memset = {
	.name = "memset",
	.doc = "fill memory through channels, verify, measure",
	.argp = &memset_argp,
	.input = &memset_input,
	.handler = do_memset,
};
