// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl list: every DMA channel of the system.
 *
 * Without dmactl.ko the channels sysfs shows are still listed, with their
 * capabilities unknown, and the command then fails saying the module is
 * not loaded: the list is useful, the failure tells scripts that it is
 * incomplete.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "cmd.h"
#include "names.h"
#include "output.h"

#define CAPS_STR_LEN	512

static error_t list_parse(int key, char *arg, struct argp_state *state)
{
	(void)state;
	if (key == ARGP_KEY_ARG)
		return errf(EINVAL, "list: unexpected argument '%s'", arg);
	return ARGP_ERR_UNKNOWN;
}

static const struct argp list_argp = {
	.parser = list_parse,
	.doc = "List every DMA channel: its provider device and driver, its "
	       "capabilities and whether a consumer holds it.",
	.children = common_children,
};

static const char *entry_caps(const struct chan_entry *e, char *buf,
			      size_t len)
{
	return e->caps_known ? caps_str(e->caps, buf, len) : "?";
}

static int width(int w, const char *s)
{
	int n = strlen(s);

	return n > w ? n : w;
}

static void print_text(const struct chan_list *l)
{
	int wc = strlen("# channel"), wd = strlen("device");
	int wr = strlen("driver"), wk = strlen("caps");
	char caps[CAPS_STR_LEN];
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct chan_entry *e = &l->v[i];

		wc = width(wc, e->name);
		wd = width(wd, e->device[0] ? e->device : "-");
		wr = width(wr, e->driver[0] ? e->driver : "-");
		wk = width(wk, entry_caps(e, caps, sizeof(caps)));
	}
	print_fp("%-*s  %-*s  %-*s  %-*s  %s\n", wc, "# channel", wd, "device",
		 wr, "driver", wk, "caps", "in_use");
	for (i = 0; i < l->n; i++) {
		const struct chan_entry *e = &l->v[i];

		print_fp("%-*s  %-*s  %-*s  %-*s  %s\n", wc, e->name,
			 wd, e->device[0] ? e->device : "-",
			 wr, e->driver[0] ? e->driver : "-",
			 wk, entry_caps(e, caps, sizeof(caps)),
			 e->client_count ? "yes" : "no");
	}
}

static void print_json(const struct chan_list *l)
{
	char buf[16];
	unsigned int bit;
	size_t i;

	open_json_array("channels");
	for (i = 0; i < l->n; i++) {
		const struct chan_entry *e = &l->v[i];

		open_json_object(NULL);
		print_string(PRINT_JSON, "channel", NULL, e->name);
		print_string(PRINT_JSON, "device", NULL, e->device);
		print_string(PRINT_JSON, "driver", NULL, e->driver);
		if (e->dev_id != UINT32_MAX) {
			print_uint(PRINT_JSON, "dev_id", NULL, e->dev_id);
			print_uint(PRINT_JSON, "chan_id", NULL, e->chan_id);
		}
		if (e->caps_known) {
			open_json_array("caps");
			for (bit = 0; bit < 64; bit++)
				if (e->caps & (1ULL << bit))
					print_string(PRINT_JSON, NULL, NULL,
						     cap_name(bit, buf,
							      sizeof(buf)));
			close_json_array();
		} else {
			print_null(PRINT_JSON, "caps", NULL, NULL);
		}
		print_bool(PRINT_JSON, "in_use", NULL, e->client_count);
		print_uint(PRINT_JSON, "client_count", NULL, e->client_count);
		if (e->bytes_known)
			print_uint(PRINT_JSON, "bytes_transferred", NULL,
				   e->bytes);
		close_json_object();
	}
	close_json_array();
}

static int do_list(void *input)
{
	struct chan_list sys = { 0 }, nl = { 0 };
	int ret, out;

	(void)input;
	ret = sysfs_scan_channels(SYSFS_DMA_CLASS, &sys);
	if (ret)
		goto out_free;
	ret = nl_dump_channels(&nl);
	if (!ret) {
		ret = chan_merge(&sys, &nl);
		if (ret) {
			errf(ret, "list: %s", strerror(-ret));
			goto out_free;
		}
	}
	chan_list_sort(&sys);

	output_begin(stdout);
	print_tool_info("list");
	if (output_json())
		print_json(&sys);
	else
		print_text(&sys);
	out = output_end();
	if (!ret)
		ret = out;
out_free:
	chan_list_free(&nl);
	chan_list_free(&sys);
	return ret;
}

static int no_input;

const struct command cmd_list = {
	.name = "list",
	.doc = "list every DMA channel, its provider, capabilities and use",
	.argp = &list_argp,
	.input = &no_input,
	.handler = do_list,
};
