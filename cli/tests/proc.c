// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Child processes for the unit tests.  Both pipes are drained together
 * with poll(), so a child that fills one while the test reads the other
 * cannot deadlock, whatever it prints.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"

/* The previous run's text, freed by the next run. */
static char *last_out, *last_err;

struct sink {
	int fd;
	char *buf;
	size_t len;
	size_t alloc;
};

/* Appends what @s->fd has; closes it at its end. */
static void drain(struct sink *s)
{
	ssize_t n;

	if (s->alloc - s->len < 4096) {
		s->alloc = s->alloc ? 2 * s->alloc : 16384;
		s->buf = realloc(s->buf, s->alloc);
		if (!s->buf)
			abort();
	}
	n = read(s->fd, s->buf + s->len, s->alloc - s->len - 1);
	if (n > 0) {
		s->len += n;
		return;
	}
	close(s->fd);
	s->fd = -1;
}

static char *finish(struct sink *s)
{
	if (!s->buf) {
		s->buf = malloc(1);
		if (!s->buf)
			abort();
	}
	s->buf[s->len] = '\0';
	return s->buf;
}

void proc_run(struct proc_result *r, int (*fn)(void *arg), void *arg,
	      const char *out_path)
{
	struct sink sinks[2] = { { .fd = -1 }, { .fd = -1 } };
	int out[2], err[2], st, i;
	pid_t pid;

	free(last_out);
	free(last_err);
	memset(r, 0, sizeof(*r));
	if (pipe(out) || pipe(err))
		abort();
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		abort();
	if (!pid) {
		int fd = out[1];

		if (out_path)
			fd = open(out_path, O_WRONLY);
		dup2(fd, 1);
		dup2(err[1], 2);
		close(out[0]);
		close(err[0]);
		exit(fn(arg));
	}
	close(out[1]);
	close(err[1]);
	sinks[0].fd = out[0];
	sinks[1].fd = err[0];
	while (sinks[0].fd >= 0 || sinks[1].fd >= 0) {
		struct pollfd p[2];

		for (i = 0; i < 2; i++)
			p[i] = (struct pollfd){ .fd = sinks[i].fd,
						.events = POLLIN };
		if (poll(p, 2, -1) < 0)
			abort();
		for (i = 0; i < 2; i++)
			if (p[i].revents)
				drain(&sinks[i]);
	}
	waitpid(pid, &st, 0);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->out = last_out = finish(&sinks[0]);
	r->err = last_err = finish(&sinks[1]);
}

int proc_argv(char **argv, const char *argv0, const char *const *args)
{
	int argc = 0;

	argv[argc++] = (char *)argv0;
	while (*args) {
		if (argc == PROC_MAX_ARGS)
			abort();
		argv[argc++] = (char *)*args++;
	}
	argv[argc] = NULL;
	return argc;
}

const char *proc_args_str(const char *const *args, char *buf, size_t len)
{
	const char *const *a;
	size_t used = 0;

	buf[0] = '\0';
	for (a = args; *a && used < len; a++)
		used += snprintf(buf + used, len - used, "%s%s",
				 a == args ? "" : " ", *a);
	return buf;
}

int proc_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}
