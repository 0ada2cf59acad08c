// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: the direction argument and the channels of slave, sg and cyclic.
 */
#include <errno.h>
#include <string.h>

#include "cmd.h"
#include "names.h"
#include "sides.h"
#include "take.h"

static const char *const names[] = {
	[SIDES_TX] = "tx", [SIDES_RX] = "rx", [SIDES_LOOP] = "loop",
};

const struct argp_child sides_children[] = {
	{ &run_argp, 0, "Channels, verification and output:", 0 },
	{ &slave_argp, 0, "Slave configuration:", 0 },
	{ &control_argp, 0, "Control:", 0 },
	{ 0 }
};

const char *sides_name(int mode)
{
	return names[mode];
}

error_t sides_parse(struct sides_args *a, int key, char *arg,
		    struct argp_state *state)
{
	size_t i;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &a->run;
		state->child_inputs[1] = &a->cfg;
		state->child_inputs[2] = &a->ctl;
		return 0;
	case ARGP_KEY_ARG:
		if (a->mode >= 0)
			return errf(EINVAL, "%s: unexpected argument '%s'",
				    a->run.cmd, arg);
		for (i = 0; i < ARRAY_SIZE(names); i++)
			if (!strcmp(arg, names[i]))
				a->mode = i;
		if (a->mode < 0)
			return errf(EINVAL, "%s: invalid direction '%s': tx, rx or loop",
				    a->run.cmd, arg);
		return 0;
	case ARGP_KEY_END:
		if (a->mode < 0)
			return errf(EINVAL, "%s: missing direction: tx, rx or loop",
				    a->run.cmd);
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

unsigned int sides_count(int mode)
{
	return mode == SIDES_LOOP ? 2 : 1;
}

uint32_t sides_dir(int mode, unsigned int i)
{
	if (mode == SIDES_RX || i)
		return DMACTL_DIR_DEV_TO_MEM;
	return DMACTL_DIR_MEM_TO_DEV;
}

int sides_check(struct sides_args *a)
{
	const struct chan_choice *c = &a->run.choice;
	const char *cmd = a->run.cmd, *mode = names[a->mode];
	int ret;

	if (a->mode != SIDES_RX &&
	    !slave_has_addr(&a->cfg, DMACTL_DIR_MEM_TO_DEV))
		return errf(-EUSAGE, "%s %s: missing --dst-addr (or --addr, --port): the device address to write",
			    cmd, mode);
	if (a->mode != SIDES_TX &&
	    !slave_has_addr(&a->cfg, DMACTL_DIR_DEV_TO_MEM))
		return errf(-EUSAGE, "%s %s: missing --src-addr (or --addr, --port): the device address to read",
			    cmd, mode);
	if (c->names && c->nnames != sides_count(a->mode))
		return errf(-EUSAGE, "invalid channel list '%s%s%s': %s %s takes %s",
			    c->names[0], c->nnames > 1 ? "," : "",
			    c->nnames > 1 ? c->names[1] : "", cmd, mode,
			    a->mode == SIDES_LOOP ? "two channels, TX,RX" :
			    "one channel");
	ret = control_check(&a->ctl, a->run.timeout_ms);
	if (ret)
		return ret;
	slave_defaults(&a->cfg, SIDES_WIDTH, SIDES_BURST);
	return 0;
}

int sides_check_len(const struct sides_args *a, const char *what,
		    uint64_t len)
{
	unsigned int i;
	uint64_t w;

	for (i = 0; i < sides_count(a->mode); i++) {
		w = sides_dir(a->mode, i) == DMACTL_DIR_MEM_TO_DEV ?
		    a->cfg.dst_width : a->cfg.src_width;
		if (w && len % w)
			return errf(-EUSAGE, "invalid %s '%llu': not a multiple of the device width (%llu bytes)",
				    what, (unsigned long long)len,
				    (unsigned long long)w);
	}
	return 0;
}

int sides_take(struct sides_args *a, unsigned int i, unsigned int cap,
	       uint64_t features, struct dev *d, struct dmactl_chan_info *ci,
	       uint32_t *dir)
{
	char what[16];
	struct take t = {
		.choice = &a->run.choice,
		.index = i,
		.wanted = sides_count(a->mode),
		.caps = 1ULL << cap,
		.features = features,
		.what = cap_name(cap, what, sizeof(what)),
	};

	*dir = sides_dir(a->mode, i);
	return slave_take(d, ci, &t, &a->cfg, *dir);
}
