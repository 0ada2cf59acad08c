// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: a measured point.  One session per channel (a session owns one
 * channel); the threads of a channel share its session, each with its own
 * buffers and jobs.  With a single worker everything runs in the calling
 * thread, so that a signal interrupts its wait directly; with several,
 * the workers block SIGINT and SIGTERM, the calling thread takes them and
 * the workers see xfer_stop_signal after their next completion.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "measure.h"
#include "names.h"

struct session {
	struct dev d;
	struct dmactl_chan_info ci;
	struct xfer_layout layout;
	bool open;
};

struct work {
	struct measure *m;
	struct session *s;
	unsigned int id;
	atomic_bool *stop;
	struct xfer_result res;
	int ret;
	pthread_t tid;
};

static int take_channel(struct measure *m, struct session *s, unsigned int i)
{
	struct take t = {
		.choice = m->choice,
		.index = i,
		.wanted = m->channels,
		.caps = xfer_caps(m->p.type),
		.features = xfer_features(&m->p),
		.what = xfer_type_name(m->p.type),
	};
	struct slave_opts cfg;
	int ret;

	if (m->p.width || m->p.burst) {
		xfer_slave_opts(&m->p, &cfg);
		ret = slave_take(&s->d, &s->ci, &t, &cfg,
				 DMACTL_DIR_MEM_TO_MEM);
	} else {
		ret = chan_take(&s->d, &s->ci, &t);
	}
	if (ret)
		return ret;
	s->open = true;
	return xfer_plan(&s->d, &s->ci, &m->p, m->threads, &s->layout);
}

static void *worker(void *arg)
{
	struct work *w = arg;

	w->ret = xfer_run(&w->s->d, &w->m->p, &w->s->layout, w->id, &w->res,
			  w->stop);
	return NULL;
}

/* Starts every worker but the calling thread's; returns how many. */
static int start_threads(struct work *w, unsigned int n, unsigned int *started)
{
	sigset_t block, old;
	unsigned int i;
	int ret = 0;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < n; i++) {
		ret = -pthread_create(&w[i].tid, NULL, worker, &w[i]);
		if (ret)
			break;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	*started = i;
	if (ret) {
		atomic_store(w[0].stop, true);
		return errf(ret, "thread %u of %u: %s", i + 1, n,
			    strerror(-ret));
	}
	return 0;
}

struct workers {
	struct measure *m;
	struct work *w;
	unsigned int n;
	unsigned int started;
};

static int start_workers(void *arg)
{
	struct workers *ws = arg;
	unsigned int i;
	int ret = 0;

	if (ws->n == 1)
		worker(&ws->w[0]);
	else
		ret = start_threads(ws->w, ws->n, &ws->started);
	for (i = 0; i < ws->started; i++)
		pthread_join(ws->w[i].tid, NULL);
	return ret;
}

static int run_workers(struct measure *m, struct session *s)
{
	struct workers ws = { .m = m, .n = m->channels * m->threads };
	atomic_bool stop = false;
	unsigned int i;
	int ret, err;

	ws.w = calloc(ws.n, sizeof(*ws.w));
	if (!ws.w)
		return errf(-ENOMEM, "measure: %s", strerror(ENOMEM));
	for (i = 0; i < ws.n; i++)
		ws.w[i] = (struct work){ .m = m, .s = &s[i / m->threads],
					 .id = i, .stop = &stop };
	ret = xfer_catch_signals(start_workers, &ws);
	for (i = 0; i < ws.n; i++) {
		if (!ret && (ws.n == 1 || i < ws.started))
			ret = ws.w[i].ret;
		err = xfer_merge(&m->res, &ws.w[i].res);
		if (!ret)
			ret = err;
		xfer_result_free(&ws.w[i].res);
	}
	free(ws.w);
	m->interrupted = xfer_stop_signal != 0;
	return ret;
}

static void join_name(struct measure *m, const char *name)
{
	size_t used = strlen(m->names);

	snprintf(m->names + used, sizeof(m->names) - used, "%s%s",
		 used ? "+" : "", name);
}

int measure_run(struct measure *m)
{
	struct session *s;
	unsigned int i;
	int ret = 0, err;

	memset(&m->res, 0, sizeof(m->res));
	m->names[0] = '\0';
	m->interrupted = false;
	if (m->choice->names && m->channels > m->choice->nnames)
		return errf(-EUSAGE, "invalid channels '%u': only %zu channels given with --chan",
			    m->channels, m->choice->nnames);
	if (m->p.kernel && m->threads > 1)
		return errf(-EUSAGE, "invalid threads '%u': the in-kernel loop holds its channel's session, one thread per channel",
			    m->threads);
	s = calloc(m->channels, sizeof(*s));
	if (!s)
		return errf(-ENOMEM, "measure: %s", strerror(ENOMEM));
	for (i = 0; i < m->channels && !ret; i++) {
		ret = take_channel(m, &s[i], i);
		if (s[i].d.have_chan)
			join_name(m, s[i].ci.chan_name);
	}
	if (!ret) {
		m->info = s[0].d.info;
		m->ci = s[0].ci;
		m->layout = s[0].layout;
		ret = run_workers(m, s);
	}
	/*
	 * After a failed run, jobs may still be in flight and their buffers
	 * allocated, which makes the release fail: closing the session then
	 * terminates the jobs and frees everything.
	 */
	for (i = 0; i < m->channels; i++) {
		if (s[i].d.have_chan) {
			err = dev_release(&s[i].d);
			if (!ret)
				ret = err;
		}
		if (s[i].open)
			dev_close(&s[i].d);
	}
	free(s);
	return ret;
}

void measure_free(struct measure *m)
{
	xfer_result_free(&m->res);
}

int measure_point(struct measure *m, struct point *pt)
{
	int ret;

	memset(pt, 0, sizeof(*pt));
	pt->job = xfer_type_name(m->p.type);
	snprintf(pt->channel, sizeof(pt->channel), "%s", m->names);
	pt->size_bytes = xfer_job_bytes(&m->p);
	pt->width_bytes = m->p.width;
	pt->burst = m->p.burst;
	pt->qdepth = m->p.qdepth;
	pt->channels = m->channels;
	pt->threads = m->threads;
	pt->rep = 1;
	pt->mode = m->p.kernel ? MODE_KERNEL : MODE_USER;
	pt->job_errors = m->res.job_errors;
	pt->bad_jobs = m->res.bad_jobs;
	pt->verify_errors = m->res.verify_errors;
	ret = xfer_stats(&m->p, &m->res, &pt->st);
	if (ret)
		return errf(ret, "measure: %s", strerror(-ret));
	return 0;
}
