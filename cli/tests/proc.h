/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running a piece of the tool in a child process and capturing what it
 * prints: argp and the error paths may exit(), and a test must see the
 * exit status, stdout and stderr exactly as a shell would.
 */
#ifndef DMACTL_TEST_PROC_H
#define DMACTL_TEST_PROC_H

#include <stddef.h>

#define PROC_MAX_ARGS	64

struct proc_result {
	int status;		/* exit status, 128 + N for signal N */
	char *out;		/* stdout, NUL-terminated; "" if redirected */
	char *err;		/* stderr, NUL-terminated */
};

/*
 * proc_run() - run @fn(@arg) in a child, collect its output and status
 * @r: the result; its text stays valid until the next proc_run()
 * @fn: what the child runs; its return value is the exit status
 * @arg: passed to @fn
 * @out_path: if not NULL, the child's stdout goes to this file instead
 */
void proc_run(struct proc_result *r, int (*fn)(void *arg), void *arg,
	      const char *out_path);

/*
 * proc_argv() - @argv0 followed by the NULL-terminated @args, into @argv
 * (PROC_MAX_ARGS + 1 entries); returns argc.  Aborts on too many.
 */
int proc_argv(char **argv, const char *argv0, const char *const *args);

/* The NULL-terminated @args joined by blanks, cut to @len, for names. */
const char *proc_args_str(const char *const *args, char *buf, size_t len);

/* Newlines in @s. */
int proc_lines(const char *s);

/* A NULL-terminated argument list: ARGS("memcpy", "-s", "4K"). */
#define ARGS(...) ((const char *[]){ __VA_ARGS__, NULL })

#endif /* DMACTL_TEST_PROC_H */
