// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl interleave: interleaved (2D) memory-to-memory transfers, frames
 * of equal chunks with gaps between them, each checked byte for byte
 * against what a CPU copy of the same template writes, gaps included.
 */
#include <errno.h>
#include <string.h>

#include "cmd.h"
#include "xcmd.h"

#define MAX_FRAMES	(1U << 20)
#define MAX_CHUNKS	4096
#define MAX_GAP		(1ULL << 30)

enum {
	OPT_FRAMES = 0x100,
	OPT_CHUNKS,
	OPT_ICG,
	OPT_SRC_ICG,
	OPT_DST_ICG,
	OPT_SGL,
};

static error_t interleave_parse(int key, char *arg, struct argp_state *state)
{
	struct xcmd_args *a = state->input;
	struct xfer_shape *s = &a->p.shape;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = a;
		return 0;
	case OPT_FRAMES:
		return opt_uint("frames", arg, 1, MAX_FRAMES, &s->frames);
	case OPT_CHUNKS:
		return opt_uint("chunks", arg, 1, MAX_CHUNKS, &s->chunks);
	case OPT_ICG:
		return opt_size("icg", arg, 0, MAX_GAP, &s->icg);
	case OPT_SRC_ICG:
		return opt_size("src-icg", arg, 0, MAX_GAP, &s->src_icg);
	case OPT_DST_ICG:
		return opt_size("dst-icg", arg, 0, MAX_GAP, &s->dst_icg);
	case OPT_SGL:
		s->src_sgl = !strcmp(arg, "both") || !strcmp(arg, "src");
		s->dst_sgl = !strcmp(arg, "both") || !strcmp(arg, "dst");
		if (!s->src_sgl && !s->dst_sgl && strcmp(arg, "none"))
			return opt_invalid("sgl", arg,
					   "not one of both, src, dst, none");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp_option interleave_options[] = {
	{ "frames", OPT_FRAMES, "N", 0, "Frames per job (default 4)", 0 },
	{ "chunks", OPT_CHUNKS, "N", 0,
	  "Chunks per frame, of --size bytes each (default 4)", 0 },
	{ "icg", OPT_ICG, "BYTES", 0,
	  "Gap after each chunk on the sides --sgl names (default 64)", 0 },
	{ "src-icg", OPT_SRC_ICG, "BYTES", 0,
	  "Gap after each source chunk, instead of --icg (default 0: --icg)", 0 },
	{ "dst-icg", OPT_DST_ICG, "BYTES", 0,
	  "Gap after each destination chunk, instead of --icg (default 0: --icg)", 0 },
	{ "sgl", OPT_SGL, "SIDES", 0,
	  "Sides --icg applies to: both, src, dst or none (default both)", 0 },
	{ 0 }
};

static const struct argp_child interleave_children[] = {
	{ &xcmd_argp, 0, NULL, 0 },
	{ 0 }
};

static const struct argp interleave_argp = {
	.options = interleave_options,
	.parser = interleave_parse,
	.doc = "Run interleaved memory-to-memory transfers: frames of "
	       "chunks with inter-chunk gaps (dmaengine_prep_interleaved_dma), "
	       "verify each against a CPU copy of the template and report "
	       "throughput and latency.\v"
	       "--size is the size of one chunk; a job moves frames x chunks x "
	       "size bytes.  Without --chan or --device, any free channel "
	       "that can do interleaved transfers is used.",
	.children = interleave_children,
};

static int do_interleave(void *input)
{
	return xcmd_run(input);
}

static struct xcmd_args interleave_input = {
	.run = {
		.cmd = "interleave",
		.timeout_ms = DEFAULT_TIMEOUT_MS,
		.verify = true,
	},
	.p = {
		.type = XFER_INTERLEAVE,
		.size = 512,
		.value = -1,
		.shape = {
			.frames = 4,
			.chunks = 4,
			.icg = 64,
			.src_sgl = true,
			.dst_sgl = true,
		},
		.count = 1000,
		.qdepth = 16,
	},
	.channels = 1,
	.threads = 1,
};

const struct command cmd_interleave = {
	.name = "interleave",
	.doc = "interleaved transfers: frames x chunks with gaps, verified",
	.argp = &interleave_argp,
	.input = &interleave_input,
	.handler = do_interleave,
};
