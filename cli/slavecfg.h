/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: the slave configuration options (dmaengine_slave_config()),
 * shared by every command that configures a channel, and their check
 * against what the channel reports it can do.
 */
#ifndef DMACTL_SLAVECFG_H
#define DMACTL_SLAVECFG_H

#include <argp.h>
#include <stdbool.h>
#include <stdint.h>

#include <linux/dmactl.h>

#include "dev.h"
#include "take.h"

struct slave_opts {
	uint64_t src_width;	/* bytes; 0: not configured */
	uint64_t dst_width;
	uint64_t src_burst;	/* words; 0: not configured */
	uint64_t dst_burst;
	uint64_t src_addr;	/* device addresses, as given */
	uint64_t dst_addr;
	bool src_addr_set;
	bool dst_addr_set;
	uint64_t src_window;	/* words of the port's register window */
	uint64_t dst_window;
	bool device_fc;
	bool port_set;		/* --port: addresses from the provider */
	uint64_t port;
	bool one_width;		/* both widths from --width */
	bool one_burst;		/* both bursts from --burst */
};

/*
 * --width, --src-width, --dst-width, --burst, --src-burst, --dst-burst,
 * --src-addr, --dst-addr, --addr, --port, --src-window, --dst-window,
 * --device-fc; input: a struct slave_opts.
 */
extern const struct argp slave_argp;

/* A bus width of dma_slave_config: 1, 2, 3, 4, 8, 16, 32, 64 or 128. */
error_t opt_width(const char *what, const char *arg, uint64_t *v);

/**
 * slave_check() - refuse what the channel says it cannot do
 * @o: the options
 * @ci: the channel
 * @dir: DMACTL_DIR_* of the transfers
 *
 * Widths are checked against the channel's width masks where the mask can
 * hold them (below 32 bytes), bursts against its min and max burst when
 * it reports them, the direction against its directions; what the
 * channel does not report is left to the provider.
 *
 * Return: 0, or -EUSAGE described naming the value.
 */
int slave_check(const struct slave_opts *o,
		const struct dmactl_chan_info *ci, uint32_t dir);

/* The configuration for transfers in direction @dir. */
void slave_config(const struct slave_opts *o, uint32_t dir,
		  struct dmactl_slave_config *c);

/* Whether any option was given: only then is a channel configured. */
bool slave_configured(const struct slave_opts *o);

/**
 * slave_take() - take a channel and configure it for one direction
 * @d: the session, opened here
 * @ci: the channel's info
 * @t: which channel, for what
 * @o: the configuration; with --port, the port's address is filled in
 * @dir: DMACTL_DIR_* of its transfers
 *
 * Return: as chan_take(); the options the channel refuses are -EUSAGE,
 * the provider's refusal its errno, described.
 */
int slave_take(struct dev *d, struct dmactl_chan_info *ci,
	       const struct take *t, struct slave_opts *o, uint32_t dir);

/*
 * slave_defaults() - a width and burst for a device side left unset
 * @o: the options; sides without a width get @width bytes, without a
 *	burst @burst words
 *
 * A peripheral always has a data width and a burst; a provider refuses a
 * device address without them.
 */
void slave_defaults(struct slave_opts *o, uint64_t width, uint64_t burst);

/* Whether the device address a direction needs is known (or --port). */
bool slave_has_addr(const struct slave_opts *o, uint32_t dir);

#endif /* DMACTL_SLAVECFG_H */
