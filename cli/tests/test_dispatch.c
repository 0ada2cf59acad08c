// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: global options, command dispatch, exit statuses and the one
 * line on stderr, with a table of fake commands.  argp may exit(), so each
 * case runs dmactl_main() in a child process.
 */
#include <errno.h>

#include "cmd.h"
#include "ktap.h"
#include "output.h"
#include "parse.h"
#include "proc.h"

struct num_args {
	uint64_t num;
};

static error_t num_parse(int key, char *arg, struct argp_state *state)
{
	struct num_args *a = state->input;
	const char *why;

	switch (key) {
	case 'n':
		if (parse_uint(arg, 1, 100, &a->num, &why))
			return errf(EINVAL, "invalid num '%s': %s", arg, why);
		return 0;
	case ARGP_KEY_ARG:
		return errf(EINVAL, "num: unexpected argument '%s'", arg);
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp_option num_options[] = {
	{ "num", 'n', "N", 0, "A number from 1 to 100", 0 },
	{ 0 }
};

static const struct argp num_argp = {
	.options = num_options,
	.parser = num_parse,
	.children = common_children,
};

static const struct argp plain_argp = {
	.children = common_children,
};

static struct num_args num_input = { .num = 5 };
static int no_input;

static int do_num(void *input)
{
	struct num_args *a = input;

	printf("num=%llu json=%d\n", (unsigned long long)a->num,
	       output_json());
	return 0;
}

static int do_version(void *input)
{
	(void)input;
	printf("version ran\n");
	return 0;
}

static int do_usage(void *input)
{
	(void)input;
	return errf(-EUSAGE, "invalid thing 'x': reason");
}

static int do_verify(void *input)
{
	(void)input;
	return errf(-EVERIFY, "verification failed: 3 bad bytes");
}

static int do_nodev(void *input)
{
	(void)input;
	return -ENODEV;	/* no description: main() names the errno */
}

static int do_two_errors(void *input)
{
	(void)input;
	errf(-ENODEV, "first cause");
	return errf(-EIO, "consequence");
}

static int do_print(void *input)
{
	(void)input;
	printf("some output\n");
	return 0;
}

#define CMD(n, a, i, h) \
	{ .name = n, .doc = "the " n " command", .argp = a, .input = i, .handler = h }

static const struct command cmds[] = {
	CMD("num", &num_argp, &num_input, do_num),
	CMD("version", &plain_argp, &no_input, do_version),
	CMD("usage", &plain_argp, &no_input, do_usage),
	CMD("verify", &plain_argp, &no_input, do_verify),
	CMD("nodev", &plain_argp, &no_input, do_nodev),
	CMD("twoerrors", &plain_argp, &no_input, do_two_errors),
	CMD("print", &plain_argp, &no_input, do_print),
};

static const struct command *const table[] = {
	&cmds[0], &cmds[1], &cmds[2], &cmds[3], &cmds[4], &cmds[5], &cmds[6],
};

static int call_main(void *args)
{
	char *argv[PROC_MAX_ARGS + 1];
	int argc = proc_argv(argv, "dmactl", args);

	return dmactl_main(table, ARRAY_SIZE(table), argc, argv);
}

/* Run dmactl_main() on the NULL-terminated @args; stdout to @out_path. */
static void run_to(struct proc_result *r, const char *out_path,
		   const char **args)
{
	proc_run(r, call_main, args, out_path);
}

#define RUN(r, ...) run_to(r, NULL, ARGS(__VA_ARGS__))

static void expect(const char *name, struct proc_result *r, int status,
		   const char *out, const char *err)
{
	ktap_begin();
	CHECK_U64(r->status, status);
	if (out)
		CHECK_STR(r->out, out);
	if (err)
		CHECK_STR(r->err, err);
	if (r->status == EXIT_USAGE || r->status == EXIT_RUNTIME ||
	    r->status == EXIT_VERIFY)
		CHECK(proc_lines(r->err) >= 1);
	ktap_end("%s", name);
}

int main(void)
{
	struct proc_result r;
	const char *noargs[] = { NULL };

	ktap_plan(22);

	run_to(&r, NULL, noargs);
	expect("no command is a usage error", &r, 2, "",
	       "dmactl: no command given (try 'dmactl --help')\n");
	RUN(&r, "frob");
	expect("unknown command exits 2", &r, 2, "",
	       "dmactl: unknown command 'frob' (try 'dmactl --help')\n");
	RUN(&r, "nu");
	expect("a prefix is not a command", &r, 2, "",
	       "dmactl: unknown command 'nu' (try 'dmactl --help')\n");
	RUN(&r, "numb");
	expect("a longer name is not a command", &r, 2, "",
	       "dmactl: unknown command 'numb' (try 'dmactl --help')\n");
	RUN(&r, "NUM");
	expect("names are case-sensitive", &r, 2, "", NULL);
	RUN(&r, "num");
	expect("command runs with defaults", &r, 0, "num=5 json=0\n", "");
	RUN(&r, "num", "-n", "42");
	expect("command option", &r, 0, "num=42 json=0\n", "");
	RUN(&r, "num", "--num=7", "-j");
	expect("-j after the command", &r, 0, "num=7 json=1\n", "");
	RUN(&r, "-j", "num");
	expect("-j before the command", &r, 0, "num=5 json=1\n", "");
	RUN(&r, "--json", "num", "-n", "3");
	expect("--json before the command", &r, 0, "num=3 json=1\n", "");
	RUN(&r, "num", "-n", "12x");
	expect("bad option value names the value", &r, 2, "",
	       "dmactl: invalid num '12x': trailing characters\n");
	RUN(&r, "num", "-n", "0");
	expect("out-of-range value", &r, 2, "",
	       "dmactl: invalid num '0': out of range (at least 1)\n");
	RUN(&r, "num", "extra");
	expect("unexpected argument", &r, 2, "",
	       "dmactl: num: unexpected argument 'extra'\n");
	RUN(&r, "num", "--bogus");
	expect("unknown command option is argp's usage error", &r, 2, "", NULL);
	RUN(&r, "--bogus", "num");
	expect("unknown global option is argp's usage error", &r, 2, "", NULL);
	RUN(&r, "-V");
	expect("-V runs version", &r, 0, "version ran\n", "");
	RUN(&r, "usage");
	expect("-EUSAGE exits 2 with the handler's line", &r, 2, "",
	       "dmactl: invalid thing 'x': reason\n");
	RUN(&r, "verify");
	expect("-EVERIFY exits 3", &r, 3, "",
	       "dmactl: verification failed: 3 bad bytes\n");
	RUN(&r, "nodev");
	expect("an undescribed errno exits 1 and is named", &r, 1, "",
	       "dmactl: nodev: No such device (ENODEV)\n");
	RUN(&r, "twoerrors");
	expect("the first description wins", &r, 1, "",
	       "dmactl: first cause\n");
	RUN(&r, "--help");
	ktap_begin();
	CHECK_U64(r.status, 0);
	CHECK(strstr(r.out, "Commands:") && strstr(r.out, "the num command"));
	ktap_end("--help lists the commands");

	{
		const char *args[] = { "print", NULL };

		run_to(&r, "/dev/full", args);
		expect("a failed write to stdout exits 1", &r, 1, NULL,
		       "dmactl: standard output: write error\n");
	}
	return ktap_finish();
}
