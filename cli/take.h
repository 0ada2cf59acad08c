/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: taking the channels a command runs on: by name, any free one
 * of a provider, or any free one with the capability the jobs need.
 */
#ifndef DMACTL_TAKE_H
#define DMACTL_TAKE_H

#include <stddef.h>
#include <stdint.h>

#include "dev.h"

/* Which channels a command takes, from -c or -D. */
struct chan_choice {
	const char *const *names;	/* channels by name, or NULL */
	size_t nnames;
	const char *device;		/* else free channels of a provider */
};

struct take {
	const struct chan_choice *choice;
	unsigned int index;	/* which of the command's channels, from 0 */
	unsigned int wanted;	/* how many it takes, for messages */
	uint64_t caps;		/* 1 << DMACTL_CAP_* the jobs need */
	uint64_t features;	/* DMACTL_FEAT_* the jobs need */
	const char *what;	/* "memcpy", "slave", ... for messages */
};

/**
 * chan_take() - open a session and take one channel for it
 * @d: the session, opened here
 * @ci: the channel's info
 * @t: which channel, for what
 *
 * Return: 0 with @d open and holding the channel; or a negative errno
 * described with errf(), @d closed.
 */
int chan_take(struct dev *d, struct dmactl_chan_info *ci, const struct take *t);

#endif /* DMACTL_TAKE_H */
