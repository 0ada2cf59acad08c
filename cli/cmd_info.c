// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl info CHAN: what a channel can do, as dma_get_slave_caps() and its
 * provider report it.  The channel is requested for the query and released
 * again, so it must be free.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "cmd.h"
#include "dev.h"
#include "names.h"
#include "output.h"

struct info_args {
	const char *chan;
};

static error_t info_parse(int key, char *arg, struct argp_state *state)
{
	struct info_args *a = state->input;

	switch (key) {
	case ARGP_KEY_ARG:
		if (a->chan)
			return errf(EINVAL, "info: unexpected argument '%s'",
				    arg);
		if (!arg[0] || strlen(arg) >= DMACTL_NAME_LEN)
			return errf(EINVAL, "invalid channel '%s': empty or longer than %d bytes",
				    arg, DMACTL_NAME_LEN - 1);
		a->chan = arg;
		return 0;
	case ARGP_KEY_NO_ARGS:
		return errf(EINVAL, "info: missing channel name (e.g. dma0chan0)");
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp info_argp = {
	.parser = info_parse,
	.args_doc = "CHAN",
	.doc = "Show the capabilities of channel CHAN (e.g. dma0chan0). The "
	       "channel is requested for the query, so it must be free.",
	.children = common_children,
};

/* The text label of a row; values follow with a "%s\n"-style format. */
static void label(const char *text)
{
	print_fp("%-22s", text);
}

/* Bit N of @mask means an N-byte width. */
static void print_widths(const char *key, const char *text_label,
			 uint32_t mask)
{
	char text[128] = "";
	size_t used = 0;
	unsigned int n;

	open_json_array(key);
	for (n = 0; n < 32; n++) {
		if (!(mask & (1U << n)))
			continue;
		print_uint(PRINT_JSON, NULL, NULL, n);
		used += snprintf(text + used, sizeof(text) - used, "%s%u",
				 used ? "," : "", n);
	}
	close_json_array();
	label(text_label);
	print_fp("%s\n", used ? text : "-");
}

static void print_dirs(uint32_t mask)
{
	char text[128] = "";
	size_t used = 0;
	unsigned int n;

	open_json_array("directions");
	for (n = 0; n < 32; n++) {
		const char *name = dir_name(n);
		char buf[16];

		if (!(mask & (1U << n)))
			continue;
		if (!name) {
			snprintf(buf, sizeof(buf), "bit%u", n);
			name = buf;
		}
		print_string(PRINT_JSON, NULL, NULL, name);
		used += snprintf(text + used, sizeof(text) - used, "%s%s",
				 used ? "," : "", name);
	}
	close_json_array();
	label("directions:");
	print_fp("%s\n", used ? text : "-");
}

/* 0 means "not reported" (or "unlimited"): null in JSON. */
static void print_opt(const char *key, const char *text_label, uint32_t v,
		      const char *zero)
{
	label(text_label);
	if (v)
		print_uint(PRINT_ANY, key, "%" PRIu64 "\n", v);
	else
		print_null(PRINT_ANY, key, "%s\n", zero);
}

static void print_flag(const char *key, const char *text_label, bool v)
{
	label(text_label);
	print_bool(PRINT_ANY, key, "%s\n", v);
}

/*
 * Without slave capability reporting (dma_get_slave_caps() refuses a
 * device without DMA_SLAVE or DMA_CYCLIC), the module reports what the
 * device declares in its struct dma_device: the same fields.
 */
static void print_slave(const struct dmactl_chan_info *ci)
{
	if (ci->slave_caps_errno) {
		label("slave caps:");
		print_fp("from the device's declaration (dma_get_slave_caps: %s)\n",
			 errno_name(ci->slave_caps_errno));
	}
	print_widths("src_addr_widths_bytes", "src widths (bytes):",
		     ci->src_addr_widths);
	print_widths("dst_addr_widths_bytes", "dst widths (bytes):",
		     ci->dst_addr_widths);
	print_dirs(ci->directions);
	print_opt("min_burst", "min burst (words):", ci->min_burst,
		  "not reported");
	print_opt("max_burst", "max burst (words):", ci->max_burst,
		  "not reported");
	print_opt("max_sg_burst", "max sg burst:", ci->max_sg_burst,
		  "unlimited");
	label("residue granularity:");
	print_string(PRINT_ANY, "residue_granularity", "%s\n",
		     residue_name(ci->residue_granularity));
	print_flag("pause", "pause:", ci->slave_flags & DMACTL_SLAVE_PAUSE);
	print_flag("resume", "resume:", ci->slave_flags & DMACTL_SLAVE_RESUME);
	print_flag("terminate", "terminate:",
		   ci->slave_flags & DMACTL_SLAVE_TERMINATE);
	print_flag("descriptor_reuse", "descriptor reuse:",
		   ci->slave_flags & DMACTL_SLAVE_DESC_REUSE);
}

/* log2 fields beyond 63 cannot be shown as bytes; no device has them. */
static uint64_t align_bytes(uint32_t log2)
{
	return log2 < 64 ? 1ULL << log2 : 0;
}

static void print_info(const struct dmactl_chan_info *ci)
{
	char caps[512], buf[16], mode[128];
	unsigned int bit;

	label("channel:");
	print_string(PRINT_ANY, "channel", "%s\n", ci->chan_name);
	label("device:");
	print_string(PRINT_ANY, "device", "%s\n", ci->dev_name);
	label("driver:");
	print_string(PRINT_ANY, "driver", "%s\n",
		     ci->driver_name[0] ? ci->driver_name : "-");
	label("dev id:");
	print_uint(PRINT_ANY, "dev_id", "%" PRIu64 "\n", ci->dev_id);
	label("chan id:");
	print_uint(PRINT_ANY, "chan_id", "%" PRIu64 "\n", ci->chan_id);
	open_json_array("caps");
	for (bit = 0; bit < 64; bit++)
		if (ci->caps & (1ULL << bit))
			print_string(PRINT_JSON, NULL, NULL,
				     cap_name(bit, buf, sizeof(buf)));
	close_json_array();
	label("caps:");
	print_fp("%s\n", caps_str(ci->caps, caps, sizeof(caps)));
	label("copy align (bytes):");
	print_uint(PRINT_ANY, "copy_align_bytes", "%" PRIu64 "\n",
		   align_bytes(ci->copy_align));
	label("fill align (bytes):");
	print_uint(PRINT_ANY, "fill_align_bytes", "%" PRIu64 "\n",
		   align_bytes(ci->fill_align));
	label("max seg size (bytes):");
	print_uint(PRINT_ANY, "max_seg_size_bytes", "%" PRIu64 "\n",
		   ci->max_seg_size);
	label("timing model:");
	print_string(PRINT_ANY, "provider_mode", "%s\n",
		     chan_timing_model(SYSFS_DMA_CLASS, ci->chan_name, mode,
				       sizeof(mode)));
	print_uint(PRINT_JSON, "slave_caps_errno", NULL, ci->slave_caps_errno);
	print_slave(ci);
}

static int do_info(void *input)
{
	struct info_args *a = input;
	struct dmactl_chan_info ci;
	struct dev d;
	int ret;

	ret = dev_open(&d);
	if (ret)
		return ret;
	ret = dev_request(&d, CHAN_BY_NAME, a->chan, 0);
	if (ret)
		goto out_close;
	ret = dev_chan_info(&d, &ci);
	if (ret)
		goto out_close;
	ret = dev_release(&d);
	if (ret)
		goto out_close;
	dev_close(&d);

	output_begin(stdout);
	print_tool_info("info");
	print_info(&ci);
	return output_end();

out_close:
	dev_close(&d);
	return ret;
}

static struct info_args info_input;

const struct command cmd_info = {
	.name = "info",
	.doc = "show the capabilities of a channel",
	.argp = &info_argp,
	.input = &info_input,
	.handler = do_info,
};
