// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: slave configuration options.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "cmd.h"
#include "names.h"
#include "opts.h"
#include "parse.h"
#include "slavecfg.h"

#define MAX_BURST	(1U << 20)
#define MAX_WINDOW	(1U << 20)

enum {
	OPT_WIDTH = 0x400,
	OPT_SRC_WIDTH,
	OPT_DST_WIDTH,
	OPT_BURST,
	OPT_SRC_BURST,
	OPT_DST_BURST,
	OPT_ADDR,
	OPT_SRC_ADDR,
	OPT_DST_ADDR,
	OPT_SRC_WINDOW,
	OPT_DST_WINDOW,
	OPT_DEVICE_FC,
	OPT_PORT,
};

#define MAX_PORT	1023

error_t opt_width(const char *what, const char *arg, uint64_t *v)
{
	error_t ret = opt_uint(what, arg, 1, 128, v);

	if (ret)
		return ret;
	switch (*v) {
	case 1: case 2: case 3: case 4: case 8: case 16: case 32: case 64:
	case 128:
		return 0;
	}
	return opt_invalid(what, arg,
			   "not a bus width (1, 2, 3, 4, 8, 16, 32, 64 or 128 bytes)");
}

static error_t addr(const char *what, const char *arg, uint64_t *v,
		    bool *set)
{
	const char *why;

	if (parse_addr(arg, v, &why))
		return opt_invalid(what, arg, why);
	*set = true;
	return 0;
}

static error_t slave_parse(int key, char *arg, struct argp_state *state)
{
	struct slave_opts *o = state->input;
	error_t ret;

	switch (key) {
	case OPT_WIDTH:
		ret = opt_width("width", arg, &o->src_width);
		o->dst_width = o->src_width;
		o->one_width = true;
		return ret;
	case OPT_SRC_WIDTH:
		o->one_width = false;
		return opt_width("src-width", arg, &o->src_width);
	case OPT_DST_WIDTH:
		o->one_width = false;
		return opt_width("dst-width", arg, &o->dst_width);
	case OPT_BURST:
		ret = opt_uint("burst", arg, 1, MAX_BURST, &o->src_burst);
		o->dst_burst = o->src_burst;
		o->one_burst = true;
		return ret;
	case OPT_SRC_BURST:
		o->one_burst = false;
		return opt_uint("src-burst", arg, 1, MAX_BURST, &o->src_burst);
	case OPT_DST_BURST:
		o->one_burst = false;
		return opt_uint("dst-burst", arg, 1, MAX_BURST, &o->dst_burst);
	case OPT_ADDR:
		ret = addr("addr", arg, &o->src_addr, &o->src_addr_set);
		o->dst_addr = o->src_addr;
		o->dst_addr_set = o->src_addr_set;
		return ret;
	case OPT_SRC_ADDR:
		return addr("src-addr", arg, &o->src_addr, &o->src_addr_set);
	case OPT_DST_ADDR:
		return addr("dst-addr", arg, &o->dst_addr, &o->dst_addr_set);
	case OPT_SRC_WINDOW:
		return opt_uint("src-window", arg, 1, MAX_WINDOW,
				&o->src_window);
	case OPT_DST_WINDOW:
		return opt_uint("dst-window", arg, 1, MAX_WINDOW,
				&o->dst_window);
	case OPT_DEVICE_FC:
		o->device_fc = true;
		return 0;
	case OPT_PORT:
		o->port_set = true;
		return opt_uint("port", arg, 0, MAX_PORT, &o->port);
	case ARGP_KEY_END:
		if (o->port_set && (o->src_addr_set || o->dst_addr_set))
			return errf(EINVAL, "invalid port '%llu': --port and a device address exclude each other",
				    (unsigned long long)o->port);
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp_option slave_options[] = {
	{ "width", OPT_WIDTH, "BYTES", 0,
	  "Bus width on both sides: 1, 2, 3, 4, 8, 16, 32, 64 or 128", 0 },
	{ "src-width", OPT_SRC_WIDTH, "BYTES", 0, "Source bus width", 0 },
	{ "dst-width", OPT_DST_WIDTH, "BYTES", 0, "Destination bus width", 0 },
	{ "burst", OPT_BURST, "WORDS", 0, "Words per burst on both sides", 0 },
	{ "src-burst", OPT_SRC_BURST, "WORDS", 0, "Words per source burst", 0 },
	{ "dst-burst", OPT_DST_BURST, "WORDS", 0,
	  "Words per destination burst", 0 },
	{ "addr", OPT_ADDR, "ADDR", 0,
	  "Device address of both sides (decimal or 0x hex)", 0 },
	{ "src-addr", OPT_SRC_ADDR, "ADDR", 0,
	  "Device address device-to-memory transfers read", 0 },
	{ "dst-addr", OPT_DST_ADDR, "ADDR", 0,
	  "Device address memory-to-device transfers write", 0 },
	{ "port", OPT_PORT, "N", 0,
	  "Loopback port N of the provider (vdma): its address from sysfs, both sides", 0 },
	{ "src-window", OPT_SRC_WINDOW, "WORDS", 0,
	  "Words of the source port's register window", 0 },
	{ "dst-window", OPT_DST_WINDOW, "WORDS", 0,
	  "Words of the destination port's register window", 0 },
	{ "device-fc", OPT_DEVICE_FC, NULL, 0,
	  "The peripheral is the flow controller", 0 },
	{ 0 }
};

const struct argp slave_argp = {
	.options = slave_options,
	.parser = slave_parse,
};

bool slave_configured(const struct slave_opts *o)
{
	return o->src_width || o->dst_width || o->src_burst || o->dst_burst ||
	       o->src_addr_set || o->dst_addr_set || o->port_set ||
	       o->src_window || o->dst_window || o->device_fc;
}

void slave_defaults(struct slave_opts *o, uint64_t width, uint64_t burst)
{
	if (!o->src_width)
		o->src_width = width;
	if (!o->dst_width)
		o->dst_width = width;
	if (!o->src_burst)
		o->src_burst = burst;
	if (!o->dst_burst)
		o->dst_burst = burst;
}

bool slave_has_addr(const struct slave_opts *o, uint32_t dir)
{
	if (o->port_set)
		return true;
	return dir == DMACTL_DIR_MEM_TO_DEV ? o->dst_addr_set : o->src_addr_set;
}

/* --port: the address the channel's provider gives its port. */
static int port_addr(struct slave_opts *o, const struct dmactl_chan_info *ci)
{
	uint64_t addr;
	int ret;

	ret = chan_port_addr(SYSFS_DMA_CLASS, ci->chan_name, o->port, &addr);
	if (ret == -ENOENT)
		return errf(-EUSAGE, "invalid port '%llu': %s's provider lists no loopback ports in sysfs (device/ports): give --addr",
			    (unsigned long long)o->port, ci->chan_name);
	if (ret == -ERANGE)
		return errf(-EUSAGE, "invalid port '%llu': %s's provider has no such port",
			    (unsigned long long)o->port, ci->chan_name);
	if (ret)
		return errf(ret, "%s/%s/device/ports: unreadable", SYSFS_DMA_CLASS,
			    ci->chan_name);
	o->src_addr = o->dst_addr = addr;
	o->src_addr_set = o->dst_addr_set = true;
	return 0;
}

/* "1,2,4" from a width mask. */
static const char *widths_str(uint32_t mask, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int n;

	buf[0] = '\0';
	for (n = 0; n < 32; n++)
		if (mask & (1U << n))
			used += snprintf(buf + used, len - used, "%s%u",
					 used ? "," : "", n);
	return used ? buf : "none";
}

static int check_width(const char *what, uint64_t w, uint32_t mask,
		       const char *chan)
{
	char buf[128];

	/* a mask of 32 bits cannot say anything about 32 bytes and more */
	if (!w || w >= 32 || (mask & (1U << w)))
		return 0;
	return errf(-EUSAGE, "invalid %s '%llu': %s supports %s bytes",
		    what, (unsigned long long)w, chan,
		    widths_str(mask, buf, sizeof(buf)));
}

static int check_burst(const char *what, uint64_t b,
		       const struct dmactl_chan_info *ci)
{
	if (!b)
		return 0;
	if (ci->max_burst && b > ci->max_burst)
		return errf(-EUSAGE, "invalid %s '%llu': %s allows at most %u words",
			    what, (unsigned long long)b, ci->chan_name,
			    ci->max_burst);
	if (ci->min_burst && b < ci->min_burst)
		return errf(-EUSAGE, "invalid %s '%llu': %s needs at least %u words",
			    what, (unsigned long long)b, ci->chan_name,
			    ci->min_burst);
	return 0;
}

int slave_check(const struct slave_opts *o,
		const struct dmactl_chan_info *ci, uint32_t dir)
{
	int ret;

	if (ci->slave_caps_errno)
		return 0;
	if (!(ci->directions & (1U << dir)))
		return errf(-EUSAGE, "invalid direction '%s': not among %s's directions",
			    dir_name(dir), ci->chan_name);
	ret = check_width(o->one_width ? "width" : "src-width", o->src_width,
			  ci->src_addr_widths, ci->chan_name);
	if (!ret)
		ret = check_width(o->one_width ? "width" : "dst-width",
				  o->dst_width, ci->dst_addr_widths,
				  ci->chan_name);
	if (!ret)
		ret = check_burst(o->one_burst ? "burst" : "src-burst",
				  o->src_burst, ci);
	if (!ret)
		ret = check_burst(o->one_burst ? "burst" : "dst-burst",
				  o->dst_burst, ci);
	return ret;
}

void slave_config(const struct slave_opts *o, uint32_t dir,
		  struct dmactl_slave_config *c)
{
	memset(c, 0, sizeof(*c));
	c->size = sizeof(*c);
	c->direction = dir;
	c->src_addr_width = o->src_width;
	c->dst_addr_width = o->dst_width;
	c->src_maxburst = o->src_burst;
	c->dst_maxburst = o->dst_burst;
	c->src_addr = o->src_addr;
	c->dst_addr = o->dst_addr;
	c->src_port_window_size = o->src_window;
	c->dst_port_window_size = o->dst_window;
	c->flags = o->device_fc ? DMACTL_CFG_DEVICE_FC : 0;
}

int slave_take(struct dev *d, struct dmactl_chan_info *ci,
	       const struct take *t, struct slave_opts *o, uint32_t dir)
{
	struct dmactl_slave_config cfg;
	int ret;

	ret = chan_take(d, ci, t);
	if (ret)
		return ret;
	ret = o->port_set ? port_addr(o, ci) : 0;
	if (!ret)
		ret = slave_check(o, ci, dir);
	if (!ret) {
		slave_config(o, dir, &cfg);
		ret = dev_slave_config(d, &cfg);
	}
	if (ret) {
		/* nothing allocated yet: give the channel back cleanly */
		dev_release(d);
		dev_close(d);
	}
	return ret;
}
