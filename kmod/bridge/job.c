// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: jobs.  A job is one descriptor prepared on the session's
 * channel; its record keeps what the user asks STATUS about, filled in by
 * the ioctls and by the completion callback, which also queues the
 * session's events.
 *
 * A record is referenced by the session's job table and by each WAIT
 * sleeping on it, so that WAIT can sleep without the session lock while
 * STATUS releases the record.  The provider holds no pointer to it: the
 * descriptor's callback parameter is the id of the record's struct
 * dmactl_cb (xfer.c), which the record unregisters before it is freed, so
 * that a callback that comes late, or stale from a recycled descriptor,
 * finds nothing.
 */

#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "bridge.h"

/* How often WAIT looks at a job that has no callback to wake it. */
#define DMACTL_POLL_NS		(100 * NSEC_PER_USEC)

/**
 * struct dmactl_job_rec - a submitted job
 * @ref: the job table's reference and those of sleeping WAITs
 * @cb: what the descriptor's callback reaches, registered while the
 *	record lives
 * @session: the session it belongs to
 * @x: what it transfers; its buffers are pinned while it is unfinished,
 *	and as long as the record lives with DMACTL_JOB_REUSE
 * @tx: the descriptor; valid while unfinished, or with DMACTL_JOB_REUSE
 * @unissued_node: in @session->unissued until issued
 * @polled_node: in @session->polled while unfinished without a callback
 * @id: job id
 * @user_data: the caller's cookie
 * @cookie: the dmaengine cookie, for dmaengine_tx_status()
 * @state: DMACTL_STATE_*, under @session->job_lock
 * @result: the callback's result, valid once COMPLETE
 * @residue: the callback's residue
 * @periods: CYCLIC: callbacks run
 * @prep_ns: before the descriptor was prepared
 * @submit_ns: after dmaengine_submit()
 * @issue_ns: before dma_async_issue_pending(), 0 until then
 * @complete_ns: when the (latest) callback ran or the job ended, else 0
 * @cb_gp: DMACTL_JOB_REUSE: the RCU grace-period state when the callback
 *	that finished the job ran
 * @cb_in_task: that callback ran in task context
 * @cb_pending: that callback's completion path may still hold the
 *	descriptor: see dmactl_job_wait_released()
 */
struct dmactl_job_rec {
	refcount_t ref;
	struct dmactl_cb cb;
	struct dmactl_session *session;
	struct dmactl_xfer x;
	struct dma_async_tx_descriptor *tx;
	struct list_head unissued_node;
	struct list_head polled_node;
	u64 id;
	u64 user_data;
	dma_cookie_t cookie;
	u32 state;
	enum dmaengine_tx_result result;
	u32 residue;
	u64 periods;
	u64 prep_ns;
	u64 submit_ns;
	u64 issue_ns;
	u64 complete_ns;
	unsigned long cb_gp;
	bool cb_in_task;
	bool cb_pending;
};

static bool dmactl_job_finished(const struct dmactl_job_rec *job)
{
	return READ_ONCE(job->state) >= DMACTL_STATE_COMPLETE;
}

static void dmactl_job_put(struct dmactl_job_rec *job)
{
	if (!refcount_dec_and_test(&job->ref))
		return;
	/* No callback, however stale, reaches the record after this. */
	dmactl_cb_unregister(&job->cb);
	dmactl_xfer_destroy(&job->x);
	kfree(job);
}

/**
 * dmactl_result_from_kernel() - translate a dmaengine result for userspace
 * @result: the result a callback received
 *
 * Context: Any context.
 * Return: the DMACTL_RESULT_* value.
 */
u32 dmactl_result_from_kernel(enum dmaengine_tx_result result)
{
	switch (result) {
	case DMA_TRANS_NOERROR:
		return DMACTL_RESULT_NOERROR;
	case DMA_TRANS_READ_FAILED:
		return DMACTL_RESULT_READ_FAILED;
	case DMA_TRANS_WRITE_FAILED:
		return DMACTL_RESULT_WRITE_FAILED;
	default:
		return DMACTL_RESULT_ABORTED;
	}
}

static void dmactl_job_event(struct dmactl_session *s,
			     const struct dmactl_job_rec *job, u32 type,
			     u64 period)
{
	struct dmactl_event ev = {
		.job_id = job->id,
		.user_data = job->user_data,
		.type = type,
		.result = dmactl_result_from_kernel(job->result),
		.residue = job->residue,
		.period = period,
		.prep_ns = job->prep_ns,
		.submit_ns = job->submit_ns,
		.issue_ns = job->issue_ns,
		.complete_ns = job->complete_ns,
	};

	lockdep_assert_held(&s->job_lock);

	if (type == DMACTL_EVENT_PERIOD)
		ev.status = DMACTL_DMA_IN_PROGRESS;
	else if (job->result == DMA_TRANS_NOERROR)
		ev.status = DMACTL_DMA_COMPLETE;
	else
		ev.status = DMACTL_DMA_ERROR;
	dmactl_event_queue(s, &ev);
}

/* The job ends COMPLETE or TERMINATED and lets go of its buffers. */
static void dmactl_job_finish(struct dmactl_session *s,
			      struct dmactl_job_rec *job, u32 state, u64 now)
{
	lockdep_assert_held(&s->job_lock);

	/*
	 * What moved before a termination is unknown: a one-shot job counts
	 * as not moved at all, a cyclic one keeps its last period's residue.
	 */
	if (state == DMACTL_STATE_TERMINATED) {
		job->result = DMA_TRANS_ABORTED;
		if (job->x.type != DMACTL_JOB_CYCLIC)
			job->residue = job->x.len;
	}
	job->complete_ns = now;
	WRITE_ONCE(job->state, state);
	if (!(job->x.flags & DMACTL_JOB_REUSE))
		dmactl_xfer_unpin(&job->x);
	s->nr_unfinished--;
	if (state == DMACTL_STATE_TERMINATED)
		dmactl_job_event(s, job, DMACTL_EVENT_TERMINATED, 0);
	/* Completion is an event only where a callback reported it. */
	else if (!(job->x.flags & DMACTL_JOB_NO_INTERRUPT))
		dmactl_job_event(s, job, DMACTL_EVENT_COMPLETE, 0);
}

/*
 * The provider's callback runs this (xfer.c), from its completion path,
 * possibly in hard interrupt context: take nothing but job_lock.  The
 * record cannot be freed meanwhile (dmactl_cb_unregister() waits).
 */
static void dmactl_job_done(struct dmactl_cb *cb,
			    const struct dmaengine_result *res)
{
	struct dmactl_job_rec *job = container_of(cb, struct dmactl_job_rec, cb);
	struct dmactl_session *s = job->session;
	enum dmaengine_tx_result result = res ? res->result : DMA_TRANS_NOERROR;
	u32 residue = res ? res->residue : 0;
	u64 now = ktime_get_ns(), id, user_data;
	size_t bytes = 0;
	unsigned long flags;
	bool counted;
	u32 type;

	spin_lock_irqsave(&s->job_lock, flags);
	counted = job->state < DMACTL_STATE_COMPLETE;
	if (counted) {
		job->result = result;
		job->residue = residue;
		if (job->x.type == DMACTL_JOB_CYCLIC) {
			job->complete_ns = now;
			dmactl_job_event(s, job, DMACTL_EVENT_PERIOD,
					 job->periods++);
			bytes = job->x.period_len;
		} else {
			dmactl_job_finish(s, job, DMACTL_STATE_COMPLETE, now);
			bytes = job->x.len - min_t(size_t, residue, job->x.len);
			if (job->x.flags & DMACTL_JOB_REUSE) {
				job->cb_gp = get_state_synchronize_rcu();
				job->cb_in_task = in_task();
				job->cb_pending = true;
			}
		}
	}
	/* The descriptor is alive until this callback returns. */
	if (job->x.flags & DMACTL_JOB_DEFER_ACK)
		async_tx_ack(job->tx);
	type = job->x.type;
	id = job->id;
	user_data = job->user_data;
	spin_unlock_irqrestore(&s->job_lock, flags);

	wake_up_all(&s->wq);
	if (!counted)
		return;
	if (result == DMA_TRANS_NOERROR)
		dmactl_xfer_account(s->chan, type, bytes);
	else
		dmactl_nl_job_error(s, id, user_data,
				    dmactl_result_from_kernel(result), residue);
}

/**
 * dmactl_jobs_reap() - finish the jobs without a callback that are done
 * @s: the session, holding a channel
 *
 * Jobs without a callback finish when the provider says their cookie is
 * complete; only a query can find that out.
 *
 * Context: Process context, @s->lock held.
 */
void dmactl_jobs_reap(struct dmactl_session *s)
{
	struct dmactl_job_rec *job, *tmp;
	enum dma_status status;
	unsigned long flags;
	bool any = false;

	lockdep_assert_held(&s->lock);

	list_for_each_entry_safe(job, tmp, &s->polled, polled_node) {
		status = dmaengine_tx_status(s->chan, job->cookie, NULL);
		if (status != DMA_COMPLETE && status != DMA_ERROR)
			continue;
		spin_lock_irqsave(&s->job_lock, flags);
		if (job->state < DMACTL_STATE_COMPLETE) {
			job->result = status == DMA_COMPLETE ?
				      DMA_TRANS_NOERROR : DMA_TRANS_ABORTED;
			dmactl_job_finish(s, job, DMACTL_STATE_COMPLETE,
					  ktime_get_ns());
		}
		spin_unlock_irqrestore(&s->job_lock, flags);
		list_del_init(&job->polled_node);
		any = true;
	}
	if (any)
		wake_up_all(&s->wq);
}

/**
 * dmactl_jobs_issue() - issue the session's submitted jobs
 * @s: the session, holding a channel
 *
 * Nothing is issued when nothing was submitted since the last time: some
 * providers (pl330) count issue_pending calls against the runtime PM of
 * their controller and warn about an empty one.
 *
 * Context: Process context, @s->lock held.
 */
void dmactl_jobs_issue(struct dmactl_session *s)
{
	struct dmactl_job_rec *job, *tmp;
	unsigned long flags;
	u64 now;

	lockdep_assert_held(&s->lock);

	if (list_empty(&s->unissued))
		return;

	/* Stamp before issuing, so that issue_ns <= complete_ns holds. */
	now = ktime_get_ns();
	spin_lock_irqsave(&s->job_lock, flags);
	list_for_each_entry_safe(job, tmp, &s->unissued, unissued_node) {
		if (job->state == DMACTL_STATE_SUBMITTED) {
			job->issue_ns = now;
			WRITE_ONCE(job->state, DMACTL_STATE_ISSUED);
		}
		list_del_init(&job->unissued_node);
	}
	spin_unlock_irqrestore(&s->job_lock, flags);

	dma_async_issue_pending(s->chan);
}

/*
 * A reusable descriptor is the provider's until its completion path lets
 * go of it, after the callback returns: virt-dma parks it for reuse only
 * then, and a submit or free before that corrupts the provider's lists.
 * No dmaengine call says when that is, so the bridge waits it out before
 * it submits or frees the descriptor again.  A completion path that runs
 * in a tasklet or an interrupt handler (client.rst: callbacks run in the
 * provider's tasklet) is an RCU read-side critical section, which a grace
 * period begun after the callback outlasts.  One that runs in a thread is
 * waited for by dmaengine_synchronize(); a threaded provider flushes its
 * work there, which, unlike tasklet_kill(), drops nothing queued meanwhile
 * (one without device_synchronize gives its consumers no way to wait).
 */
static void dmactl_job_wait_released(struct dmactl_session *s,
				     struct dmactl_job_rec *job)
{
	unsigned long flags, gp;
	bool pending, in_task;

	spin_lock_irqsave(&s->job_lock, flags);
	pending = job->cb_pending;
	gp = job->cb_gp;
	in_task = job->cb_in_task;
	job->cb_pending = false;
	spin_unlock_irqrestore(&s->job_lock, flags);

	if (!pending)
		return;
	if (in_task)
		dmaengine_synchronize(s->chan);
	else if (!poll_state_synchronize_rcu(gp))
		synchronize_rcu_expedited();
}

/* Submits a prepared or reused descriptor; false if the provider refused. */
static bool dmactl_job_submit_tx(struct dmactl_session *s,
				 struct dmactl_job_rec *job)
{
	unsigned long flags;
	dma_cookie_t cookie;

	lockdep_assert_held(&s->lock);

	spin_lock_irqsave(&s->job_lock, flags);
	s->nr_unfinished++;
	job->state = DMACTL_STATE_SUBMITTED;
	spin_unlock_irqrestore(&s->job_lock, flags);

	cookie = dmaengine_submit(job->tx);
	job->submit_ns = ktime_get_ns();
	if (dma_submit_error(cookie)) {
		spin_lock_irqsave(&s->job_lock, flags);
		s->nr_unfinished--;
		spin_unlock_irqrestore(&s->job_lock, flags);
		return false;
	}
	job->cookie = cookie;
	/*
	 * A reused job can be on the list still: issue_pending starts every
	 * submitted descriptor of the channel, so the in-kernel loop's may
	 * have run it to completion without an ISSUE.
	 */
	list_move_tail(&job->unissued_node, &s->unissued);
	if (job->x.flags & DMACTL_JOB_NO_INTERRUPT)
		list_add_tail(&job->polled_node, &s->polled);
	return true;
}

/*
 * Prepares and submits one job.  Returns false if the provider refused
 * it, leaving the record as it was.
 */
static bool dmactl_job_start(struct dmactl_session *s,
			     struct dmactl_job_rec *job)
{
	struct dma_async_tx_descriptor *tx;

	/* Pin first: the callback may run as soon as the job is submitted. */
	dmactl_xfer_pin(&job->x);

	job->prep_ns = ktime_get_ns();
	tx = dmactl_xfer_prep(s->chan, &job->x);
	if (!tx)
		goto out_unpin;

	/* dmactl_xfer_init() checked that the channel reuses descriptors. */
	if (job->x.flags & DMACTL_JOB_REUSE)
		dmactl_xfer_set_reuse(tx);
	/* A recycled descriptor may carry another owner's callback. */
	dmactl_xfer_set_callback(tx, job->x.flags & DMACTL_JOB_NO_INTERRUPT ?
				 NULL : &job->cb);
	job->tx = tx;

	if (!dmactl_job_submit_tx(s, job))
		goto out_unpin;
	return true;

out_unpin:
	dmactl_xfer_unpin(&job->x);
	return false;
}

/* Reads job @idx of the user's array, checks it, makes its record. */
static int dmactl_job_read(struct dmactl_session *s,
			   const struct dmactl_submit *req, u32 idx,
			   struct dmactl_job_rec **jobp)
{
	void __user *ujob = u64_to_user_ptr(req->jobs) +
			    (size_t)idx * req->job_size;
	struct dmactl_job_rec *job;
	struct dmactl_job uj;
	int ret;

	ret = copy_struct_from_user(&uj, sizeof(uj), ujob, req->job_size);
	if (ret)
		return ret;

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return -ENOMEM;

	ret = dmactl_xfer_init(s, &uj, &job->x);
	if (ret) {
		kfree(job);
		return ret;
	}
	job->cb.fn = dmactl_job_done;
	ret = dmactl_cb_register(&job->cb);
	if (ret) {
		dmactl_xfer_destroy(&job->x);
		kfree(job);
		return ret == -EBUSY ? -ENOSPC : ret;
	}

	refcount_set(&job->ref, 1);
	job->session = s;
	job->user_data = uj.user_data;
	INIT_LIST_HEAD(&job->unissued_node);
	INIT_LIST_HEAD(&job->polled_node);
	*jobp = job;
	return 0;
}

/* Frees records that never reached the job table. */
static void dmactl_jobs_free(struct dmactl_job_rec **jobs, u32 from, u32 to)
{
	for (; from < to; from++)
		dmactl_job_put(jobs[from]);
}

/*
 * Takes a record out of the job table and drops the table's reference.
 * The job is finished: a reused descriptor is idle and can be freed.
 */
static void dmactl_job_retire(struct dmactl_session *s,
			      struct dmactl_job_rec *job)
{
	lockdep_assert_held(&s->lock);

	xa_erase(&s->jobs, job->id);
	list_del_init(&job->unissued_node);
	list_del_init(&job->polled_node);
	if (job->x.flags & DMACTL_JOB_REUSE) {
		dmactl_job_wait_released(s, job);
		dmaengine_desc_free(job->tx);
		dmactl_xfer_unpin(&job->x);
	}
	s->nr_jobs--;
	dmactl_job_put(job);
}

/**
 * dmactl_ioc_submit() - DMACTL_IOC_SUBMIT
 * @s: the session
 * @uarg: user struct dmactl_submit
 *
 * Every job is read and checked before the first is prepared.  If the
 * provider refuses a job after the first, the jobs before it stay
 * submitted and the call succeeds with fewer submitted: back-pressure
 * from a provider out of descriptors, or a refusal the caller learns of
 * when it submits the job again with nothing before it.
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -EINVAL for a malformed request or job, -ENXIO
 * without a channel, -ENOENT for an unknown buffer, -EOPNOTSUPP if the
 * channel cannot do a job, -ENOSPC beyond max_jobs, -EAGAIN if the
 * provider refused the first job while jobs of the session (or its
 * in-kernel loop) are in flight, -EIO if it refused it with none,
 * -ENOMEM, -EFAULT or -E2BIG from copying.
 */
int dmactl_ioc_submit(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_job_rec **jobs;
	struct dmactl_submit req;
	u64 first_id, last_id;
	u32 usize, i, done;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_SUBMIT_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;

	if (req.flags & ~DMACTL_SUBMIT_FLAGS)
		return -EINVAL;
	if (req.reserved0 || req.reserved[0] || req.reserved[1])
		return -EINVAL;
	if (!req.count || req.count > dmactl_max_batch)
		return -EINVAL;
	ret = dmactl_check_usize(req.job_size, DMACTL_JOB_SIZE_VER0);
	if (ret)
		return ret;
	if (!s->chan)
		return -ENXIO;

	jobs = kvcalloc(req.count, sizeof(*jobs), GFP_KERNEL);
	if (!jobs)
		return -ENOMEM;

	for (i = 0; i < req.count; i++) {
		ret = dmactl_job_read(s, &req, i, &jobs[i]);
		if (ret)
			goto out_free_jobs;
	}

	first_id = s->next_job_id;
	if (check_add_overflow(first_id, (u64)req.count - 1, &last_id) ||
	    last_id > ULONG_MAX ||
	    s->nr_jobs + req.count > dmactl_max_jobs) {
		ret = -ENOSPC;
		goto out_free_jobs;
	}

	/* Insert before submitting: a submitted job cannot be taken back. */
	for (i = 0; i < req.count; i++) {
		jobs[i]->id = first_id + i;
		ret = xa_insert(&s->jobs, jobs[i]->id, jobs[i], GFP_KERNEL);
		if (ret) {
			while (i--)
				xa_erase(&s->jobs, jobs[i]->id);
			i = req.count;
			goto out_free_jobs;
		}
	}

	for (done = 0; done < req.count; done++)
		if (!dmactl_job_start(s, jobs[done]))
			break;
	for (i = done; i < req.count; i++)
		xa_erase(&s->jobs, jobs[i]->id);
	dmactl_jobs_free(jobs, done, req.count);
	s->next_job_id += done;
	s->nr_jobs += done;

	/*
	 * A provider's prep returns NULL both for a transfer it cannot do
	 * and when it is out of descriptors (a fixed pool), which only the
	 * completion of work in flight cures: with work in flight, the
	 * refusal is back-pressure.
	 */
	if (!done) {
		kvfree(jobs);
		return READ_ONCE(s->nr_unfinished) || s->bench_running ?
		       -EAGAIN : -EIO;
	}

	if (req.flags & DMACTL_SUBMIT_ISSUE)
		dmactl_jobs_issue(s);

	kvfree(jobs);

	/* The jobs are submitted even if the caller cannot learn it. */
	req.first_id = first_id;
	req.submitted = done;
	if (copy_to_user(uarg, &req, min_t(size_t, usize, sizeof(req))))
		return -EFAULT;
	return 0;

out_free_jobs:
	dmactl_jobs_free(jobs, 0, i);
	kvfree(jobs);
	return ret;
}

/**
 * dmactl_ioc_resubmit() - DMACTL_IOC_RESUBMIT
 * @s: the session
 * @uarg: user struct dmactl_resubmit
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -EINVAL for a malformed request or a job not
 * submitted with DMACTL_JOB_REUSE, -ENXIO without a channel, -ENOENT for
 * an unknown job, -EBUSY while the job is unfinished or an asynchronous
 * terminate awaits DMACTL_IOC_SYNCHRONIZE, -EIO if the
 * provider refused it, -EFAULT or -E2BIG from copying.
 */
int dmactl_ioc_resubmit(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_resubmit req;
	struct dmactl_job_rec *job;
	unsigned long flags;
	u32 usize;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_RESUBMIT_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;
	if (req.flags & ~DMACTL_SUBMIT_FLAGS)
		return -EINVAL;
	if (req.reserved[0] || req.reserved[1])
		return -EINVAL;
	if (!s->chan)
		return -ENXIO;

	job = req.job_id <= ULONG_MAX ? xa_load(&s->jobs, req.job_id) : NULL;
	if (!job)
		return -ENOENT;
	if (!(job->x.flags & DMACTL_JOB_REUSE))
		return -EINVAL;
	if (!dmactl_job_finished(job))
		return -EBUSY;
	/*
	 * Until SYNCHRONIZE, an asynchronous terminate may still hold the
	 * descriptor; and SYNCHRONIZE ends the jobs below term_id, which a
	 * resubmitted job, keeping its id, would be among.
	 */
	if (s->term_id)
		return -EBUSY;

	dmactl_job_wait_released(s, job);

	spin_lock_irqsave(&s->job_lock, flags);
	job->result = DMA_TRANS_NOERROR;
	job->residue = 0;
	job->periods = 0;
	job->issue_ns = 0;
	job->complete_ns = 0;
	spin_unlock_irqrestore(&s->job_lock, flags);

	if (!dmactl_job_submit_tx(s, job)) {
		spin_lock_irqsave(&s->job_lock, flags);
		WRITE_ONCE(job->state, DMACTL_STATE_TERMINATED);
		spin_unlock_irqrestore(&s->job_lock, flags);
		return -EIO;
	}

	if (req.flags & DMACTL_SUBMIT_ISSUE)
		dmactl_jobs_issue(s);
	return 0;
}

/**
 * dmactl_ioc_issue() - DMACTL_IOC_ISSUE
 * @s: the session
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -ENXIO without a channel.
 */
int dmactl_ioc_issue(struct dmactl_session *s)
{
	lockdep_assert_held(&s->lock);

	if (!s->chan)
		return -ENXIO;
	dmactl_jobs_issue(s);
	return 0;
}

static bool dmactl_wait_done(struct dmactl_session *s,
			     struct dmactl_job_rec *job)
{
	if (job)
		return dmactl_job_finished(job);
	return !READ_ONCE(s->nr_unfinished);
}

/*
 * Jobs without a callback are looked at every DMACTL_POLL_NS, under the
 * session lock: reaps them once.
 */
static int dmactl_wait_reap(struct dmactl_session *s)
{
	if (mutex_lock_interruptible(&s->lock))
		return -ERESTARTSYS;
	/* Without a channel, every job has been terminated. */
	if (s->chan)
		dmactl_jobs_reap(s);
	mutex_unlock(&s->lock);
	return 0;
}

/* Whether what WAIT waits for includes jobs without a callback. */
static bool dmactl_wait_polled(struct dmactl_session *s,
			       struct dmactl_job_rec *job)
{
	if (job)
		return job->x.flags & DMACTL_JOB_NO_INTERRUPT;
	/* Another thread may submit one meanwhile: look each time. */
	return !list_empty_careful(&s->polled);
}

static int dmactl_wait_until(struct dmactl_session *s,
			     struct dmactl_job_rec *job, ktime_t deadline)
{
	ktime_t now, slice;
	bool polled;
	long ret;

	for (;;) {
		polled = dmactl_wait_polled(s, job);
		if (polled) {
			ret = dmactl_wait_reap(s);
			if (ret)
				return ret;
		}
		if (dmactl_wait_done(s, job))
			return 0;
		now = ktime_get();
		if (now >= deadline)
			return -ETIMEDOUT;
		slice = deadline - now;
		if (polled)
			slice = min_t(ktime_t, slice, DMACTL_POLL_NS);
		ret = wait_event_interruptible_hrtimeout(s->wq,
							 dmactl_wait_done(s, job),
							 slice);
		/* Restartable: an absolute deadline survives the restart. */
		if (ret && ret != -ETIME)
			return -ERESTARTSYS;
	}
}

/**
 * dmactl_ioc_wait() - DMACTL_IOC_WAIT
 * @s: the session
 * @uarg: user struct dmactl_wait
 *
 * Takes @s->lock only to look the job up and to poll jobs without a
 * callback: other requests on the file proceed while it sleeps, and the
 * reference it holds keeps the record alive if STATUS releases it.
 *
 * Context: Process context, @s->lock not held.
 * Return: 0 once the job (or every job) is complete or terminated,
 * -EINVAL for a malformed request, -ENXIO without a channel, -ENOENT for
 * an unknown job, -ETIMEDOUT, -ERESTARTSYS on a signal, -EFAULT or
 * -E2BIG from copying the struct.
 */
int dmactl_ioc_wait(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_job_rec *job = NULL;
	struct dmactl_wait req;
	ktime_t now, deadline;
	u32 usize;
	int ret;

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_WAIT_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;

	if (req.flags & ~DMACTL_WAIT_FLAGS)
		return -EINVAL;
	if (req.reserved[0] || req.reserved[1])
		return -EINVAL;
	if ((req.flags & DMACTL_WAIT_ALL) && req.job_id)
		return -EINVAL;

	/* Beyond KTIME_MAX is forever, which is what KTIME_MAX means here. */
	now = ktime_get();
	if (req.flags & DMACTL_WAIT_ABSOLUTE)
		deadline = min_t(u64, req.timeout_ns, KTIME_MAX);
	else
		deadline = now + min_t(u64, req.timeout_ns, KTIME_MAX - now);

	if (mutex_lock_interruptible(&s->lock))
		return -ERESTARTSYS;
	if (!s->chan) {
		ret = -ENXIO;
	} else if (!(req.flags & DMACTL_WAIT_ALL)) {
		job = req.job_id <= ULONG_MAX ?
		      xa_load(&s->jobs, req.job_id) : NULL;
		if (job)
			refcount_inc(&job->ref);
		else
			ret = -ENOENT;
	}
	mutex_unlock(&s->lock);
	if (ret)
		return ret;

	ret = dmactl_wait_until(s, job, deadline);
	if (job)
		dmactl_job_put(job);
	return ret;
}

static u32 dmactl_status_from_kernel(enum dma_status status)
{
	switch (status) {
	case DMA_COMPLETE:
		return DMACTL_DMA_COMPLETE;
	case DMA_PAUSED:
		return DMACTL_DMA_PAUSED;
	case DMA_ERROR:
		return DMACTL_DMA_ERROR;
	default:
		/* DMA_OUT_OF_ORDER: the provider cannot tell yet. */
		return DMACTL_DMA_IN_PROGRESS;
	}
}

static void dmactl_job_report(struct dmactl_session *s,
			      struct dmactl_job_rec *job,
			      struct dmactl_job_status *st)
{
	struct dma_tx_state txs = {};
	enum dma_status status = DMA_IN_PROGRESS;
	unsigned long flags;

	/* The provider has its own locks: ask it outside ours. */
	if (!dmactl_job_finished(job))
		status = dmaengine_tx_status(s->chan, job->cookie, &txs);

	spin_lock_irqsave(&s->job_lock, flags);
	st->id = job->id;
	st->state = job->state;
	st->type = job->x.type;
	st->len = job->x.len;
	st->user_data = job->user_data;
	st->prep_ns = job->prep_ns;
	st->submit_ns = job->submit_ns;
	st->issue_ns = job->issue_ns;
	st->complete_ns = job->complete_ns;
	st->periods = job->periods;
	switch (job->state) {
	case DMACTL_STATE_COMPLETE:
	case DMACTL_STATE_TERMINATED:
		st->result = dmactl_result_from_kernel(job->result);
		st->residue = job->residue;
		st->dma_status = job->result == DMA_TRANS_NOERROR ?
				 DMACTL_DMA_COMPLETE : DMACTL_DMA_ERROR;
		break;
	default:
		st->result = dmactl_result_from_kernel(job->result);
		st->residue = txs.residue;
		st->dma_status = dmactl_status_from_kernel(status);
		break;
	}
	spin_unlock_irqrestore(&s->job_lock, flags);
}

static int dmactl_status_copy_out(const struct dmactl_status *req,
				  const struct dmactl_job_status *entries)
{
	size_t ksize = sizeof(*entries);
	size_t n = min_t(size_t, req->entry_size, ksize);
	void __user *dst = u64_to_user_ptr(req->entries);
	u32 i;

	for (i = 0; i < req->count; i++, dst += req->entry_size) {
		if (copy_to_user(dst, &entries[i], n))
			return -EFAULT;
		/* Fields this module does not know read as zero. */
		if (req->entry_size > ksize &&
		    clear_user(dst + ksize, req->entry_size - ksize))
			return -EFAULT;
	}
	return 0;
}

/**
 * dmactl_ioc_status() - DMACTL_IOC_STATUS
 * @s: the session
 * @uarg: user struct dmactl_status
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -EINVAL for a malformed request, -ENXIO without
 * a channel, -ENOENT if a job of the range does not exist, -ENOMEM,
 * -EFAULT or -E2BIG from copying.
 */
int dmactl_ioc_status(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_job_status *entries;
	struct dmactl_status req;
	u64 last_id;
	u32 usize, i;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_STATUS_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;

	if (req.flags & ~DMACTL_STATUS_FLAGS)
		return -EINVAL;
	if (req.reserved[0] || req.reserved[1])
		return -EINVAL;
	if (!req.count || req.count > dmactl_max_batch)
		return -EINVAL;
	ret = dmactl_check_usize(req.entry_size, DMACTL_JOB_STATUS_SIZE_VER0);
	if (ret)
		return ret;
	if (!s->chan)
		return -ENXIO;

	if (!req.first_id ||
	    check_add_overflow(req.first_id, (u64)req.count - 1, &last_id) ||
	    last_id > ULONG_MAX)
		return -ENOENT;
	for (i = 0; i < req.count; i++)
		if (!xa_load(&s->jobs, req.first_id + i))
			return -ENOENT;

	entries = kvcalloc(req.count, sizeof(*entries), GFP_KERNEL);
	if (!entries)
		return -ENOMEM;

	dmactl_jobs_reap(s);
	for (i = 0; i < req.count; i++)
		dmactl_job_report(s, xa_load(&s->jobs, req.first_id + i),
				  &entries[i]);

	ret = dmactl_status_copy_out(&req, entries);
	if (ret)
		goto out_free_entries;

	/* Only what the caller was shown finished may be forgotten. */
	if (req.flags & DMACTL_STATUS_RELEASE)
		for (i = 0; i < req.count; i++)
			if (entries[i].state >= DMACTL_STATE_COMPLETE)
				dmactl_job_retire(s, xa_load(&s->jobs,
							     entries[i].id));

out_free_entries:
	kvfree(entries);
	return ret;
}

/**
 * dmactl_jobs_terminated() - end the jobs a termination stopped
 * @s: the session, whose channel has been terminated and synchronised
 * @below_id: jobs with a lower id that are unfinished end TERMINATED
 *
 * Context: Process context, @s->lock held.  No callback of those jobs
 * can run any more.
 */
void dmactl_jobs_terminated(struct dmactl_session *s, u64 below_id)
{
	struct dmactl_job_rec *job;
	unsigned long id, flags;
	u64 now = ktime_get_ns();

	lockdep_assert_held(&s->lock);

	xa_for_each(&s->jobs, id, job) {
		if (id >= below_id)
			break;
		spin_lock_irqsave(&s->job_lock, flags);
		if (job->state < DMACTL_STATE_COMPLETE)
			dmactl_job_finish(s, job, DMACTL_STATE_TERMINATED, now);
		spin_unlock_irqrestore(&s->job_lock, flags);
		list_del_init(&job->unissued_node);
		list_del_init(&job->polled_node);
	}
	wake_up_all(&s->wq);
}

/**
 * dmactl_jobs_forget() - forget every job of a session
 * @s: the session, whose jobs are all finished
 *
 * Context: Process context, @s->lock held.
 */
void dmactl_jobs_forget(struct dmactl_session *s)
{
	struct dmactl_job_rec *job;
	unsigned long id;

	lockdep_assert_held(&s->lock);

	xa_for_each(&s->jobs, id, job)
		dmactl_job_retire(s, job);
	WARN_ON_ONCE(s->nr_jobs || s->nr_unfinished);
}
