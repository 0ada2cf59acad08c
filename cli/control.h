/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: pause, resume and terminate a running job from the same
 * invocation.  A control thread waits the time asked, acts on the channel
 * while the command's own thread keeps waiting for its jobs, and records
 * what it saw: the residue when paused, again just before resuming, and
 * whether it stayed put.
 */
#ifndef DMACTL_CONTROL_H
#define DMACTL_CONTROL_H

#include <argp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "dev.h"

#define CONTROL_PAUSE_FOR_MS	100	/* --pause-for's default */

struct control_opts {
	uint64_t pause_after_ms;	/* 0: do not pause */
	uint64_t pause_for_ms;
	uint64_t terminate_after_ms;	/* 0: do not terminate */
};

/* --pause-after, --pause-for, --terminate-after; input: control_opts. */
extern const struct argp control_argp;

struct control {
	const struct control_opts *o;
	struct dev *d;			/* the channel paused and terminated */
	struct dev *also;		/* a second one terminated with it */
	_Atomic uint64_t job;		/* the oldest job in flight, 0: none */
	_Atomic uint64_t last;		/* the newest job submitted */
	atomic_bool *stop;		/* set before terminating */

	/* what happened */
	bool paused;
	uint64_t pause_job;		/* 0: no job was in flight */
	uint64_t paused_at_ms;		/* after the start */
	struct dmactl_job_status at_pause;
	struct dmactl_job_status at_resume;
	bool terminated;
	uint64_t terminated_at_ms;
	int ret;			/* its first failure */

	/* private */
	pthread_t tid;
	bool running;
	bool done;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

/* Whether @o asks for anything; only then is a thread started. */
bool control_wanted(const struct control_opts *o);

/*
 * Checks the options against the timeout of a wait: a pause as long as it
 * would make the command give up.  Returns 0 or -EUSAGE, described.
 */
int control_check(const struct control_opts *o, uint64_t timeout_ms);

/* Starts the thread; @c->o, d, also and stop set by the caller. */
int control_start(struct control *c);

/* Stops the thread early if it still waits, and joins it: its ret. */
int control_finish(struct control *c);

/* The control part of a report: JSON members and '#' lines. */
void control_print(const struct control *c);

#endif /* DMACTL_CONTROL_H */
