// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: global options, command dispatch and the mapping of a
 * command's result to the exit status and the one line on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "output.h"

struct global_args {
	const struct command *const *cmds;
	size_t ncmds;
	bool version;
	int cmd_index;		/* argv index of the command, 0 if none */
};

static const struct argp_option common_options[] = {
	{ "json", 'j', NULL, 0, "Print JSON instead of text", 0 },
	{ 0 }
};

static error_t common_parse(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	(void)state;
	switch (key) {
	case 'j':
		output_set_json(true);
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp common_argp = {
	.options = common_options,
	.parser = common_parse,
};

const struct argp_child common_children[] = {
	{ &common_argp, 0, "Output:", 0 },
	{ 0 }
};

static const struct argp_option global_options[] = {
	{ "version", 'V', NULL, 0, "Print the version and exit", 0 },
	{ 0 }
};

static error_t global_parse(int key, char *arg, struct argp_state *state)
{
	struct global_args *g = state->input;

	(void)arg;
	switch (key) {
	case 'V':
		g->version = true;
		return 0;
	case ARGP_KEY_ARG:
		/* the command and everything after it belong to the command */
		g->cmd_index = state->next - 1;
		state->next = state->argc;
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

/* Only the command list needs the table, so it is built here. */
static char *global_help(int key, const char *text, void *input)
{
	const struct global_args *g = input;
	size_t len = 0, i, width = 0;
	char *buf = NULL;
	FILE *f;

	if (key != ARGP_KEY_HELP_POST_DOC || !g)
		return (char *)text;
	f = open_memstream(&buf, &len);
	if (!f)
		return (char *)text;
	for (i = 0; i < g->ncmds; i++)
		if (strlen(g->cmds[i]->name) > width)
			width = strlen(g->cmds[i]->name);
	fputs("Commands:\n", f);
	for (i = 0; i < g->ncmds; i++)
		fprintf(f, "  %-*s  %s\n", (int)width, g->cmds[i]->name,
			g->cmds[i]->doc);
	fputs("\n'dmactl COMMAND --help' describes the options of COMMAND.", f);
	if (fclose(f))
		return (char *)text;
	return buf;
}

static const struct argp global_argp = {
	.options = global_options,
	.parser = global_parse,
	.args_doc = "COMMAND [ARG...]",
	.doc = "Test and benchmark Linux DMA engine channels.\v",
	.children = common_children,
	.help_filter = global_help,
};

static const struct command *find(const struct global_args *g,
				  const char *name)
{
	size_t i;

	for (i = 0; i < g->ncmds; i++)
		if (!strcmp(g->cmds[i]->name, name))
			return g->cmds[i];
	return NULL;
}

static int run(const struct command *cmd, int argc, char **argv)
{
	char *argv0 = argv[0];
	char *name;
	int ret;

	/* so that argp's usage and help messages say "dmactl memcpy" */
	if (asprintf(&name, "dmactl %s", cmd->name) < 0)
		return errf(-ENOMEM, "%s", strerror(ENOMEM));
	argv[0] = name;
	ret = argp_parse(cmd->argp, argc, argv, 0, NULL, cmd->input);
	argv[0] = argv0;
	free(name);
	if (ret == ENOMEM)
		return errf(-ENOMEM, "%s: %s", cmd->name, strerror(ENOMEM));
	if (ret)
		return errf(-EUSAGE, "%s: invalid arguments", cmd->name);
	return cmd->handler(cmd->input);
}

static int exit_status(const char *what, int ret)
{
	const char *msg = err_msg();

	if (!ret)
		return EXIT_OK;
	if (msg)
		fprintf(stderr, "dmactl: %s\n", msg);
	else if (ret == -EUSAGE)
		fprintf(stderr, "dmactl: %s: invalid arguments\n", what);
	else if (ret == -EVERIFY)
		fprintf(stderr, "dmactl: %s: data verification failed\n", what);
	else
		fprintf(stderr, "dmactl: %s: %s (%s)\n", what, strerror(-ret),
			errno_name(-ret));
	if (ret == -EUSAGE)
		return EXIT_USAGE;
	if (ret == -EVERIFY)
		return EXIT_VERIFY;
	return EXIT_RUNTIME;
}

int dmactl_main(const struct command *const *cmds, size_t ncmds,
		int argc, char **argv)
{
	struct global_args g = { .cmds = cmds, .ncmds = ncmds };
	const struct command *cmd;
	const char *name;
	int ret;

	argp_err_exit_status = EXIT_USAGE;
	ret = argp_parse(&global_argp, argc, argv, ARGP_IN_ORDER, NULL, &g);
	if (ret)
		return exit_status("dmactl", errf(-EUSAGE, "invalid arguments"));
	if (g.version) {
		cmd = find(&g, "version");
		name = "version";
		ret = cmd ? cmd->handler(cmd->input) : -ENOSYS;
	} else if (!g.cmd_index) {
		name = "dmactl";
		ret = errf(-EUSAGE, "no command given (try 'dmactl --help')");
	} else {
		name = argv[g.cmd_index];
		cmd = find(&g, name);
		if (cmd)
			ret = run(cmd, argc - g.cmd_index, argv + g.cmd_index);
		else
			ret = errf(-EUSAGE, "unknown command '%s' (try 'dmactl --help')",
				   name);
	}
	/* a full disk or a closed pipe must not pass for success */
	if ((fflush(stdout) == EOF || ferror(stdout)) && (!ret || !err_msg()))
		ret = errf(-EIO, "standard output: write error");
	return exit_status(name, ret);
}
