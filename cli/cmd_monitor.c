// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl monitor: follow the "events" multicast group of the dmactl
 * generic netlink family: channels taken and released through the
 * bridge, jobs whose callback reported an error, in-kernel measurement
 * loops done.  One line (or JSON object) per notification, as it comes,
 * until interrupted, a number of events or a time.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "chan.h"
#include "cmd.h"
#include "names.h"
#include "opts.h"
#include "output.h"

#define MAX_MS	(24ULL * 3600 * 1000)

enum {
	OPT_DURATION = 0x100,
};

struct monitor_args {
	uint64_t count;		/* stop after this many; 0: no limit */
	uint64_t duration_ms;	/* stop after this long; 0: no limit */
};

struct watch {
	const struct monitor_args *a;
	uint64_t seen;
	struct timespec start;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

static void on_alarm(int sig)
{
	(void)sig;
	stop = -1;
}

static error_t monitor_parse(int key, char *arg, struct argp_state *state)
{
	struct monitor_args *a = state->input;

	switch (key) {
	case 'n':
		return opt_uint("count", arg, 1, UINT32_MAX, &a->count);
	case OPT_DURATION:
		return opt_uint("duration", arg, 1, MAX_MS, &a->duration_ms);
	case ARGP_KEY_ARG:
		return errf(EINVAL, "monitor: unexpected argument '%s'", arg);
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp_option monitor_options[] = {
	{ "count", 'n', "N", 0, "Stop after N events", 0 },
	{ "duration", OPT_DURATION, "MS", 0, "Stop after MS milliseconds", 0 },
	{ 0 }
};

static const struct argp monitor_argp = {
	.options = monitor_options,
	.parser = monitor_parse,
	.doc = "Print the notifications of the dmactl netlink family as they "
	       "come: channels taken and released, jobs that failed, "
	       "in-kernel measurements done.\v"
	       "It runs until interrupted (SIGINT or SIGTERM, exit status 0), "
	       "--count events or --duration.",
	.children = common_children,
};

static uint64_t since_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000ULL +
	       (now.tv_nsec - start->tv_nsec) / 1000000;
}

static int show(const struct nl_event *ev, void *arg)
{
	struct watch *w = arg;

	open_json_object(NULL);
	print_uint(PRINT_ANY, "time_ms", "%8" PRIu64 " ms", since_ms(&w->start));
	print_string(PRINT_ANY, "event", "  %-13s", nl_event_name(ev->cmd));
	print_string(PRINT_ANY, "channel", " %s", ev->chan[0] ? ev->chan : "-");
	if (ev->device[0])
		print_string(PRINT_ANY, "device", " device %s", ev->device);
	if (ev->has_pid)
		print_uint(PRINT_ANY, "pid", " pid %" PRIu64, ev->pid);
	if (ev->has_job) {
		print_uint(PRINT_ANY, "job", " job %" PRIu64, ev->job_id);
		print_uint(PRINT_ANY, "user_data", " user_data %" PRIu64,
			   ev->user_data);
		print_string(PRINT_ANY, "result", " result %s",
			     job_result_name(ev->result));
		print_uint(PRINT_ANY, "residue_bytes", " residue %" PRIu64,
			   ev->residue);
	}
	if (ev->has_bench) {
		print_uint(PRINT_ANY, "bytes", " bytes %" PRIu64, ev->bytes);
		print_uint(PRINT_ANY, "ops", " ops %" PRIu64, ev->ops);
		print_uint(PRINT_ANY, "errors", " errors %" PRIu64, ev->errors);
		print_uint(PRINT_ANY, "elapsed_ns", " elapsed %" PRIu64 " ns",
			   ev->elapsed_ns);
	}
	print_fp("\n");
	close_json_object();
	fflush(stdout);
	w->seen++;
	return w->a->count && w->seen >= w->a->count;
}

/* SIGALRM after @ms, for --duration */
static void alarm_ms(uint64_t ms)
{
	struct itimerval t = {
		.it_value = { .tv_sec = ms / 1000, .tv_usec = ms % 1000 * 1000 },
	};

	setitimer(ITIMER_REAL, &t, NULL);
}

static int do_monitor(void *input)
{
	struct monitor_args *a = input;
	struct sigaction sa = { .sa_handler = on_signal };
	struct sigaction al = { .sa_handler = on_alarm };
	struct sigaction old_int, old_term, old_alrm;
	struct watch w = { .a = a };
	struct nl_sock *sk;
	int ret, out;

	ret = nl_watch_open(&sk);
	if (ret)
		return ret;
	clock_gettime(CLOCK_MONOTONIC, &w.start);
	output_begin(stdout);
	print_tool_info("monitor");
	print_fp("# following generic netlink family %s, group %s\n",
		 DMACTL_GENL_NAME, DMACTL_GENL_MCGRP_EVENTS);
	/* a script that waits for this line knows the watch is on */
	fflush(stdout);
	open_json_array("events");
	sigemptyset(&sa.sa_mask);
	sigemptyset(&al.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGALRM, &al, &old_alrm);
	if (a->duration_ms)
		alarm_ms(a->duration_ms);
	ret = nl_watch_run(sk, show, &w, &stop);
	alarm_ms(0);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGALRM, &old_alrm, NULL);
	nl_watch_close(sk);
	if (ret > 0)
		ret = 0;	/* --count reached */
	close_json_array();
	print_uint(PRINT_JSON, "events_seen", NULL, w.seen);
	out = output_end();
	return ret ? ret : out;
}

static struct monitor_args monitor_input;

const struct command cmd_monitor = {
	.name = "monitor",
	.doc = "follow the netlink events: channels taken, job errors, ...",
	.argp = &monitor_argp,
	.input = &monitor_input,
	.handler = do_monitor,
};
