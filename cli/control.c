// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: the control thread.  Its sleeps are timed waits on a condition
 * so that a run that ends first does not wait for them.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "control.h"
#include "names.h"
#include "opts.h"
#include "output.h"

#define MAX_MS	(24ULL * 3600 * 1000)

enum {
	OPT_PAUSE_AFTER = 0x500,
	OPT_PAUSE_FOR,
	OPT_TERMINATE_AFTER,
};

static error_t control_parse(int key, char *arg, struct argp_state *state)
{
	struct control_opts *o = state->input;

	switch (key) {
	case OPT_PAUSE_AFTER:
		return opt_uint("pause-after", arg, 1, MAX_MS,
				&o->pause_after_ms);
	case OPT_PAUSE_FOR:
		return opt_uint("pause-for", arg, 1, MAX_MS, &o->pause_for_ms);
	case OPT_TERMINATE_AFTER:
		return opt_uint("terminate-after", arg, 1, MAX_MS,
				&o->terminate_after_ms);
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp_option control_options[] = {
	{ "pause-after", OPT_PAUSE_AFTER, "MS", 0,
	  "Pause the channel MS milliseconds after the start, show the residue", 0 },
	{ "pause-for", OPT_PAUSE_FOR, "MS", 0,
	  "Stay paused MS milliseconds, show the residue again, resume (default 100)", 0 },
	{ "terminate-after", OPT_TERMINATE_AFTER, "MS", 0,
	  "Terminate every job MS milliseconds after the start", 0 },
	{ 0 }
};

const struct argp control_argp = {
	.options = control_options,
	.parser = control_parse,
};

bool control_wanted(const struct control_opts *o)
{
	return o->pause_after_ms || o->terminate_after_ms;
}

int control_check(const struct control_opts *o, uint64_t timeout_ms)
{
	if (o->pause_after_ms && o->pause_for_ms >= timeout_ms)
		return errf(-EUSAGE, "invalid pause-for '%llu': not shorter than the timeout (%llu ms)",
			    (unsigned long long)o->pause_for_ms,
			    (unsigned long long)timeout_ms);
	if (o->pause_after_ms && o->terminate_after_ms &&
	    o->terminate_after_ms <= o->pause_after_ms + o->pause_for_ms)
		return errf(-EUSAGE, "invalid terminate-after '%llu': before the pause ends (%llu ms)",
			    (unsigned long long)o->terminate_after_ms,
			    (unsigned long long)(o->pause_after_ms +
						 o->pause_for_ms));
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

/* Sleeps until @deadline_ms; false if the run ended meanwhile. */
static bool sleep_until(struct control *c, uint64_t deadline_ms)
{
	struct timespec ts = {
		.tv_sec = deadline_ms / 1000,
		.tv_nsec = deadline_ms % 1000 * 1000000,
	};
	bool done;

	pthread_mutex_lock(&c->lock);
	while (!c->done &&
	       pthread_cond_timedwait(&c->cond, &c->lock, &ts) != ETIMEDOUT)
		;
	done = c->done;
	pthread_mutex_unlock(&c->lock);
	return !done;
}

/* The job's status without releasing it; a job already reaped reads 0. */
static void query(struct control *c, uint64_t job,
		  struct dmactl_job_status *st)
{
	memset(st, 0, sizeof(*st));
	if (job && dev_query(c->d, job, st))
		memset(st, 0, sizeof(*st));
}

/*
 * The oldest unfinished job: the command's oldest may have finished (and
 * been reaped) just before the pause, so look on from it to the newest.
 */
static uint64_t first_unfinished(struct control *c)
{
	uint64_t id = atomic_load(&c->job), last = atomic_load(&c->last);
	struct dmactl_job_status st;

	for (; id && id <= last; id++)
		if (!dev_query(c->d, id, &st) &&
		    st.state < DMACTL_STATE_COMPLETE)
			return id;
	return 0;
}

static int do_pause(struct control *c, uint64_t start)
{
	int ret;

	ret = dev_pause(c->d);
	if (ret)
		return ret;
	c->paused = true;
	c->paused_at_ms = now_ms() - start;
	c->pause_job = first_unfinished(c);
	query(c, c->pause_job, &c->at_pause);
	/* a run that ends meanwhile (nothing was in flight) cuts it short */
	sleep_until(c, now_ms() + c->o->pause_for_ms);
	query(c, c->pause_job, &c->at_resume);
	return dev_resume(c->d);
}

static int do_terminate(struct control *c, uint64_t start)
{
	int ret;

	if (c->stop)
		atomic_store(c->stop, true);
	ret = dev_terminate(c->d, false);
	if (!ret && c->also)
		ret = dev_terminate(c->also, false);
	if (!ret) {
		c->terminated = true;
		c->terminated_at_ms = now_ms() - start;
	}
	return ret;
}

static void *control_main(void *arg)
{
	struct control *c = arg;
	uint64_t start = now_ms();
	int ret = 0;

	if (c->o->pause_after_ms &&
	    sleep_until(c, start + c->o->pause_after_ms))
		ret = do_pause(c, start);
	if (!ret && c->o->terminate_after_ms &&
	    sleep_until(c, start + c->o->terminate_after_ms))
		ret = do_terminate(c, start);
	c->ret = ret;
	return NULL;
}

int control_start(struct control *c)
{
	pthread_condattr_t attr;
	int ret;

	c->done = false;
	pthread_mutex_init(&c->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&c->cond, &attr);
	pthread_condattr_destroy(&attr);
	ret = -pthread_create(&c->tid, NULL, control_main, c);
	if (ret)
		return errf(ret, "control thread: %s", strerror(-ret));
	c->running = true;
	return 0;
}

int control_finish(struct control *c)
{
	if (!c->running)
		return 0;
	pthread_mutex_lock(&c->lock);
	c->done = true;
	pthread_cond_broadcast(&c->cond);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->tid, NULL);
	c->running = false;
	pthread_cond_destroy(&c->cond);
	pthread_mutex_destroy(&c->lock);
	return c->ret;
}

static void print_status(const char *key, const char *label,
			 const struct dmactl_job_status *st)
{
	open_json_object(key);
	print_fp("# %s:", label);
	print_string(PRINT_ANY, "state", " %s", job_state_name(st->state));
	print_string(PRINT_ANY, "dma_status", " (%s)",
		     dma_status_name(st->dma_status));
	print_uint(PRINT_ANY, "residue_bytes", ", residue %" PRIu64 " bytes",
		   st->residue);
	print_uint(PRINT_ANY, "len_bytes", " of %" PRIu64 "\n", st->len);
	close_json_object();
}

void control_print(const struct control *c)
{
	if (!c->o || !control_wanted(c->o))
		return;
	open_json_object("control");
	if (c->paused) {
		print_string(PRINT_ANY, "paused_channel", "# paused %s",
			     c->d->chan);
		print_uint(PRINT_ANY, "paused_at_ms",
			   " after %" PRIu64 " ms", c->paused_at_ms);
		print_uint(PRINT_ANY, "pause_for_ms", " for %" PRIu64 " ms",
			   c->o->pause_for_ms);
		if (!c->pause_job) {
			print_null(PRINT_ANY, "job", ", %s\n",
				   "no job in flight on it");
			goto out_terminate;
		}
		print_uint(PRINT_ANY, "job", ", job %" PRIu64 "\n",
			   c->pause_job);
		print_status("at_pause", "at pause", &c->at_pause);
		print_status("at_resume", "before resume", &c->at_resume);
		print_bool(PRINT_ANY, "residue_constant",
			   "# residue constant while paused: %s\n",
			   c->at_pause.residue == c->at_resume.residue);
	} else if (c->o->pause_after_ms) {
		print_bool(PRINT_JSON, "paused", NULL, false);
		print_fp("# not paused: the run ended first\n");
	}
out_terminate:
	if (c->terminated)
		print_uint(PRINT_ANY, "terminated_at_ms",
			   "# terminated after %" PRIu64 " ms\n",
			   c->terminated_at_ms);
	else if (c->o->terminate_after_ms) {
		print_bool(PRINT_JSON, "terminated", NULL, false);
		print_fp("# not terminated: the run ended first\n");
	}
	close_json_object();
}
