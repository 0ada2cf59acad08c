/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running dmactl_main() against the fake /dev/dmactl in a child process,
 * and reading values out of its pretty JSON.
 */
#ifndef DMACTL_TEST_FAKERUN_H
#define DMACTL_TEST_FAKERUN_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd.h"
#include "fake_dev.h"

struct fake_result {
	int status;		/* the exit status */
	bool dirty;		/* a session was closed holding something */
	const char *out;	/* valid until the next run */
	const char *err;
};

/*
 * fake_run() - dmactl_main() with @table on "dmactl" @args, the fake
 * configured with @cfg (a clock step of 1000 ns unless it says otherwise)
 */
void fake_run(struct fake_result *r, const struct command *const *table,
	      size_t ncmds, const struct fake_config *cfg, const char **args);

/*
 * The text of the first "@key": value of pretty JSON @out, at any depth,
 * without the comma; NULL if absent.  Valid until the next call.
 */
const char *json_get(const char *out, const char *key);

#endif /* DMACTL_TEST_FAKERUN_H */
