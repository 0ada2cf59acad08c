// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl memcpy: memory-to-memory copies with the queue kept at a fixed
 * depth, every copy verified, and throughput and latency computed from
 * the kernel's own timestamps.
 */
#include "cmd.h"
#include "xcmd.h"

static error_t memcpy_parse(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	if (key != ARGP_KEY_INIT)
		return ARGP_ERR_UNKNOWN;
	state->child_inputs[0] = state->input;
	return 0;
}

static const struct argp_child memcpy_children[] = {
	{ &xcmd_argp, 0, NULL, 0 },
	{ 0 }
};

static const struct argp memcpy_argp = {
	.parser = memcpy_parse,
	.doc = "Copy memory to memory through DMA channels, verify every "
	       "copy and report throughput and latency.\v"
	       "Without --chan or --device, any free channel that can do "
	       "memcpy is used.",
	.children = memcpy_children,
};

static int do_memcpy(void *input)
{
	return xcmd_run(input);
}

static struct xcmd_args memcpy_input = XCMD_DEFAULTS("memcpy", XFER_MEMCPY);

const struct command cmd_memcpy = {
	.name = "memcpy",
	.doc = "copy memory through channels, verify, measure",
	.argp = &memcpy_argp,
	.input = &memcpy_input,
	.handler = do_memcpy,
};
