// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: options of the commands that run transfers.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "opts.h"
#include "output.h"
#include "parse.h"

enum {
	OPT_NO_VERIFY = 0x200,
	OPT_CSV,
};

error_t opt_invalid(const char *what, const char *arg, const char *why)
{
	return errf(EINVAL, "invalid %s '%s': %s", what, arg, why);
}

error_t opt_name(const char *what, char *arg, const char **dst)
{
	if (!arg[0])
		return opt_invalid(what, arg, "empty");
	if (strlen(arg) >= DMACTL_NAME_LEN)
		return opt_invalid(what, arg, "longer than 63 bytes");
	*dst = arg;
	return 0;
}

error_t opt_uint(const char *what, const char *arg, uint64_t min,
		 uint64_t max, uint64_t *val)
{
	const char *why;

	if (parse_uint(arg, min, max, val, &why))
		return opt_invalid(what, arg, why);
	return 0;
}

error_t opt_size(const char *what, const char *arg, uint64_t min,
		 uint64_t max, uint64_t *val)
{
	const char *why;

	if (parse_size(arg, min, max, val, &why))
		return opt_invalid(what, arg, why);
	return 0;
}

/* -c CHAN[,CHAN...]: the names are copied, each checked. */
static error_t parse_chans(struct run_opts *o, const char *arg)
{
	const char *p = arg, *comma;
	size_t n = 0, len;
	char name[256];

	for (;;) {
		if (n == MEASURE_MAX_CHANNELS)
			return opt_invalid("channel list", arg,
					   "more than 64 channels");
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		snprintf(name, sizeof(name), "%.*s", (int)len, p);
		if (!*arg)
			return opt_invalid("channel", arg, "empty");
		if (!len)
			return opt_invalid("channel list", arg, "empty item");
		if (len >= DMACTL_NAME_LEN)
			return opt_invalid("channel", name,
					   "longer than 63 bytes");
		memcpy(o->name_buf[n], p, len);
		o->name_buf[n][len] = '\0';
		o->names[n] = o->name_buf[n];
		n++;
		if (!comma)
			break;
		p = comma + 1;
	}
	o->choice.names = o->names;
	o->choice.nnames = n;
	return 0;
}

static error_t run_parse(int key, char *arg, struct argp_state *state)
{
	struct run_opts *o = state->input;
	size_t i, j;

	switch (key) {
	case 'c':
		return parse_chans(o, arg);
	case 'D':
		return opt_name("device", arg, &o->choice.device);
	case 't':
		return opt_uint("timeout", arg, 1, UINT32_MAX, &o->timeout_ms);
	case OPT_NO_VERIFY:
		o->verify = false;
		return 0;
	case OPT_CSV:
		o->csv = true;
		return 0;
	case ARGP_KEY_END:
		if (o->choice.names && o->choice.device)
			return errf(EINVAL, "%s: --chan '%s' and --device '%s' exclude each other",
				    o->cmd, o->names[0], o->choice.device);
		if (o->csv && output_json())
			return errf(EINVAL, "%s: --csv and --json exclude each other",
				    o->cmd);
		for (i = 0; i < o->choice.nnames; i++)
			for (j = 0; j < i; j++)
				if (!strcmp(o->names[i], o->names[j]))
					return opt_invalid("channel list",
							   o->names[i],
							   "given twice");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp_option run_options[] = {
	{ "chan", 'c', "CHAN[,CHAN...]", 0,
	  "Use these channels (e.g. dma0chan0), in this order", 0 },
	{ "device", 'D', "DEV", 0,
	  "Use free channels of provider DEV (dma0, or its device name) that can run the jobs", 0 },
	{ "timeout", 't', "MS", 0,
	  "Give up when a job takes longer than MS milliseconds (default 5000)", 0 },
	{ "no-verify", OPT_NO_VERIFY, NULL, 0,
	  "Neither fill nor check the buffers", 0 },
	{ "csv", OPT_CSV, NULL, 0,
	  "Print CSV: '# key: value' metadata lines, a header row, one row per point", 0 },
	{ 0 }
};

const struct argp run_argp = {
	.options = run_options,
	.parser = run_parse,
	.children = common_children,
};

enum report_format run_format(const struct run_opts *o)
{
	if (output_json())
		return REPORT_JSON;
	return o->csv ? REPORT_CSV : REPORT_TEXT;
}
