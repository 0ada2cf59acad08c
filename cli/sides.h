/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: what slave, sg and cyclic share: their direction argument (tx,
 * rx or loop), the checks that need no channel, and taking a side's
 * channel configured for its direction.  In loop mode side 0 transmits
 * and side 1 receives.
 */
#ifndef DMACTL_SIDES_H
#define DMACTL_SIDES_H

#include <argp.h>
#include <stdint.h>

#include "control.h"
#include "dev.h"
#include "opts.h"
#include "slavecfg.h"

/* What a peripheral side gets without --width, --burst. */
#define SIDES_WIDTH	4	/* bytes */
#define SIDES_BURST	8	/* words */

enum sides_mode {
	SIDES_TX,
	SIDES_RX,
	SIDES_LOOP,
};

/* The options and argument of such a command. */
struct sides_args {
	struct run_opts run;
	struct slave_opts cfg;
	struct control_opts ctl;
	int mode;		/* enum sides_mode, -1 until given */
};

/* The defaults of struct sides_args for command @name. */
#define SIDES_DEFAULTS(name) {						\
	.run = {							\
		.cmd = name,						\
		.timeout_ms = DEFAULT_TIMEOUT_MS,			\
		.verify = true,						\
	},								\
	.ctl = { .pause_for_ms = CONTROL_PAUSE_FOR_MS },		\
	.mode = -1,							\
}

/* "tx", "rx", "loop" */
const char *sides_name(int mode);

/*
 * sides_parse() - the argp keys every such command handles the same way
 * @a: its arguments
 * @key: as argp gives it
 * @arg: as argp gives it
 * @state: as argp gives it
 *
 * Hands the children (run, slave config, control options, in this order)
 * their input, takes the direction argument and requires it.
 *
 * Return: 0, an error for argp, or ARGP_ERR_UNKNOWN for the command's own.
 */
error_t sides_parse(struct sides_args *a, int key, char *arg,
		    struct argp_state *state);

/* The children of such a command's argp, in the order sides_parse() wants. */
extern const struct argp_child sides_children[];

/* Sides of the mode: 2 for loop, else 1. */
unsigned int sides_count(int mode);

/* DMACTL_DIR_* of side @i. */
uint32_t sides_dir(int mode, unsigned int i);

/*
 * sides_check() - what needs no channel: the device addresses, the number
 * of channels given, the control options.  Then every side that did not
 * get a width and a burst gets SIDES_WIDTH and SIDES_BURST.
 *
 * Return: 0 or -EUSAGE, described.
 */
int sides_check(struct sides_args *a);

/*
 * sides_check_len() - a length every device side moves whole words of
 * @what: the option it comes from, for the message
 *
 * Return: 0 or -EUSAGE, described.
 */
int sides_check_len(const struct sides_args *a, const char *what,
		    uint64_t len);

/**
 * sides_take() - take side @i's channel and configure it
 * @a: the command's arguments; --port's address is filled in
 * @i: the side
 * @cap: DMACTL_CAP_* the jobs need
 * @features: DMACTL_FEAT_* the jobs need
 * @d: the session, opened here
 * @ci: its channel
 * @dir: its direction, DMACTL_DIR_*
 *
 * Return: as slave_take().
 */
int sides_take(struct sides_args *a, unsigned int i, unsigned int cap,
	       uint64_t features, struct dev *d, struct dmactl_chan_info *ci,
	       uint32_t *dir);

#endif /* DMACTL_SIDES_H */
