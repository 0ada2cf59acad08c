// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fake's runs.  The child's exit status carries whether a session was
 * closed dirty: the command's status plus DIRTY.
 */
#include <stdio.h>
#include <string.h>

#include "fakerun.h"
#include "proc.h"

#define DIRTY	16	/* added to the exit status: cleanup was skipped */

struct call {
	const struct command *const *table;
	size_t ncmds;
	const struct fake_config *cfg;
	const char **args;
};

static int call_main(void *arg)
{
	const struct call *c = arg;
	char *argv[PROC_MAX_ARGS + 1];
	int argc = proc_argv(argv, "dmactl", c->args), status;

	fake = *c->cfg;
	if (!fake.ns_per_job)
		fake.ns_per_job = 1000;
	status = dmactl_main(c->table, c->ncmds, argc, argv);
	return status + (fake_dirty_closes ? DIRTY : 0);
}

void fake_run(struct fake_result *r, const struct command *const *table,
	      size_t ncmds, const struct fake_config *cfg, const char **args)
{
	struct call c = {
		.table = table, .ncmds = ncmds, .cfg = cfg, .args = args,
	};
	struct proc_result p;

	proc_run(&p, call_main, &c, NULL);
	r->status = p.status;
	r->out = p.out;
	r->err = p.err;
	r->dirty = r->status >= DIRTY && r->status < 128;
	if (r->dirty)
		r->status -= DIRTY;
}

const char *json_get(const char *out, const char *key)
{
	static char val[256];
	char pat[128];
	const char *p;
	size_t n;

	snprintf(pat, sizeof(pat), "\"%s\": ", key);
	p = strstr(out, pat);
	if (!p)
		return NULL;
	p += strlen(pat);
	n = strcspn(p, ",\n");
	if (n >= sizeof(val))
		n = sizeof(val) - 1;
	memcpy(val, p, n);
	val[n] = '\0';
	return val;
}
