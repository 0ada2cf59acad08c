/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: the command table and the error convention shared by all
 * commands.
 */
#ifndef DMACTL_CMD_H
#define DMACTL_CMD_H

#include <argp.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Handlers return 0 or a negative errno.  Two more codes, above any errno
 * value, tell main() which exit status to use.
 */
#define EUSAGE		4096	/* bad command line: exit 2 */
#define EVERIFY		4097	/* transferred data did not verify: exit 3 */

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

enum dmactl_exit {
	EXIT_OK = 0,
	EXIT_RUNTIME = 1,
	EXIT_USAGE = 2,
	EXIT_VERIFY = 3,
};

/**
 * struct command - one dmactl command
 * @name: what the user types, matched exactly
 * @doc: one line for the list of commands in `dmactl --help`
 * @argp: its options and arguments; the dispatcher adds the common ones
 * @input: the command's argument struct, holding its defaults, handed to
 *	@argp's parser as its input and then to @handler
 * @handler: runs the command; returns 0 or a negative errno, -EUSAGE or
 *	-EVERIFY, having described any failure with errf()
 */
struct command {
	const char *name;
	const char *doc;
	const struct argp *argp;
	void *input;
	int (*handler)(void *input);
};

extern const struct command cmd_list;
extern const struct command cmd_info;
extern const struct command cmd_memcpy;
extern const struct command cmd_memset;
extern const struct command cmd_interleave;
extern const struct command cmd_slave;
extern const struct command cmd_sg;
extern const struct command cmd_cyclic;
extern const struct command cmd_bench;
extern const struct command cmd_monitor;
extern const struct command cmd_version;

/* Options every command accepts after its name (-j). */
extern const struct argp_child common_children[];

/**
 * dmactl_main() - parse the global options, run one command
 * @cmds: the command table
 * @ncmds: entries in @cmds
 * @argc: as main() got it
 * @argv: as main() got it
 *
 * Return: the process exit status (enum dmactl_exit).
 */
int dmactl_main(const struct command *const *cmds, size_t ncmds,
		int argc, char **argv);

/*
 * JSON only: "version", "abi_version", "kernel" and "command", the first
 * members of every report's root object, so that a saved result says what
 * produced it.
 */
void print_tool_info(const char *command);
/* uname -r */
const char *kernel_release(void);

/* errf() - describe the current failure once; returns @err unchanged. */
int errf(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *err_msg(void);
void err_clear(void);
/* "ENODEV" for ENODEV, "errno 4095" for a number without a name. */
const char *errno_name(int err);

#endif /* DMACTL_CMD_H */
