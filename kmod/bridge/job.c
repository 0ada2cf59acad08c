// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: jobs.  A job is one descriptor prepared on the session's
 * channel; its record keeps what the user asks STATUS about, filled in by
 * the ioctls and by the completion callback.
 */

#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "bridge.h"

/**
 * struct dmactl_job_rec - a submitted job
 * @session: the session it belongs to
 * @src: source buffer, pinned (nr_jobs) until the job is finished
 * @dst: destination buffer, pinned likewise
 * @unissued_node: in @session->unissued until issued
 * @src_addr: bus address the copy starts reading at
 * @dst_addr: bus address the copy starts writing at
 * @id: job id
 * @len: bytes to move
 * @user_data: the caller's cookie
 * @cookie: the dmaengine cookie, for dmaengine_tx_status()
 * @state: DMACTL_STATE_*, under @session->job_lock
 * @result: the callback's result, valid once COMPLETE
 * @residue: the callback's residue, valid once COMPLETE
 * @prep_ns: before the descriptor was prepared
 * @submit_ns: after dmaengine_submit()
 * @issue_ns: before dma_async_issue_pending(), 0 until then
 * @complete_ns: when the callback ran, 0 until then
 */
struct dmactl_job_rec {
	struct dmactl_session *session;
	struct dmactl_buf *src;
	struct dmactl_buf *dst;
	struct list_head unissued_node;
	dma_addr_t src_addr;
	dma_addr_t dst_addr;
	u64 id;
	u64 len;
	u64 user_data;
	dma_cookie_t cookie;
	u32 state;
	enum dmaengine_tx_result result;
	u32 residue;
	u64 prep_ns;
	u64 submit_ns;
	u64 issue_ns;
	u64 complete_ns;
};

static bool dmactl_job_finished(const struct dmactl_job_rec *job)
{
	return READ_ONCE(job->state) >= DMACTL_STATE_COMPLETE;
}

static void dmactl_job_unpin(struct dmactl_job_rec *job)
{
	atomic_dec(&job->src->nr_jobs);
	atomic_dec(&job->dst->nr_jobs);
}

/*
 * The provider calls this from its completion path, possibly in hard
 * interrupt context: take nothing but job_lock, and do not touch the
 * record after dropping it, as STATUS may free it from then on.
 */
static void dmactl_job_done(void *param, const struct dmaengine_result *res)
{
	struct dmactl_job_rec *job = param;
	struct dmactl_session *s = job->session;
	u64 now = ktime_get_ns();
	unsigned long flags;

	spin_lock_irqsave(&s->job_lock, flags);
	if (job->state < DMACTL_STATE_COMPLETE) {
		job->result = res ? res->result : DMA_TRANS_NOERROR;
		job->residue = res ? res->residue : 0;
		job->complete_ns = now;
		WRITE_ONCE(job->state, DMACTL_STATE_COMPLETE);
		dmactl_job_unpin(job);
		s->nr_unfinished--;
	}
	spin_unlock_irqrestore(&s->job_lock, flags);

	wake_up_all(&s->done_wq);
}

static void dmactl_issue_locked(struct dmactl_session *s)
{
	struct dmactl_job_rec *job, *tmp;
	unsigned long flags;
	u64 now;

	lockdep_assert_held(&s->lock);

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

static int dmactl_job_check(struct dmactl_session *s,
			    const struct dmactl_job *job,
			    struct dmactl_job_rec *rec)
{
	struct dma_device *dma = s->chan->device;
	u64 src_end, dst_end;

	if (job->type != DMACTL_JOB_MEMCPY)
		return -EINVAL;
	if (job->flags || job->reserved[0] || job->reserved[1])
		return -EINVAL;
	if (!job->len)
		return -EINVAL;
	if (!dma_has_cap(DMA_MEMCPY, dma->cap_mask) ||
	    !dma->device_prep_dma_memcpy)
		return -EOPNOTSUPP;

	rec->src = xa_load(&s->bufs, job->src_buf);
	rec->dst = xa_load(&s->bufs, job->dst_buf);
	if (!rec->src || !rec->dst)
		return -ENOENT;

	if (check_add_overflow(job->src_off, job->len, &src_end) ||
	    check_add_overflow(job->dst_off, job->len, &dst_end) ||
	    src_end > rec->src->length || dst_end > rec->dst->length)
		return -EINVAL;
	/* In range, so offsets and length fit in size_t. */
	if (!is_dma_copy_aligned(dma, job->src_off, job->dst_off, job->len))
		return -EINVAL;
	if (job->len > dma_get_max_seg_size(dmaengine_get_dma_device(s->chan)))
		return -EINVAL;

	return 0;
}

/* Reads job @idx of the user's array, checks it, makes its record. */
static int dmactl_job_read(struct dmactl_session *s,
			   const struct dmactl_submit *req, u32 idx,
			   struct dmactl_job_rec **recp)
{
	void __user *ujob = u64_to_user_ptr(req->jobs) +
			    (size_t)idx * req->job_size;
	struct dmactl_job_rec *rec;
	struct dmactl_job job;
	int ret;

	ret = copy_struct_from_user(&job, sizeof(job), ujob, req->job_size);
	if (ret)
		return ret;

	rec = kzalloc(sizeof(*rec), GFP_KERNEL);
	if (!rec)
		return -ENOMEM;

	ret = dmactl_job_check(s, &job, rec);
	if (ret) {
		kfree(rec);
		return ret;
	}

	rec->session = s;
	rec->state = DMACTL_STATE_SUBMITTED;
	rec->len = job.len;
	rec->user_data = job.user_data;
	INIT_LIST_HEAD(&rec->unissued_node);
	rec->src_addr = rec->src->dma_addr + job.src_off;
	rec->dst_addr = rec->dst->dma_addr + job.dst_off;
	*recp = rec;
	return 0;
}

/*
 * Prepares and submits one job.  Returns false if the provider refused
 * it, leaving the record as it was.
 */
static bool dmactl_job_start(struct dmactl_session *s,
			     struct dmactl_job_rec *rec)
{
	struct dma_async_tx_descriptor *tx;
	unsigned long flags;
	dma_cookie_t cookie;

	/* Pin first: the callback may run as soon as the job is submitted. */
	atomic_inc(&rec->src->nr_jobs);
	atomic_inc(&rec->dst->nr_jobs);

	rec->prep_ns = ktime_get_ns();
	tx = dmaengine_prep_dma_memcpy(s->chan, rec->dst_addr, rec->src_addr,
				       rec->len,
				       DMA_PREP_INTERRUPT | DMA_CTRL_ACK);
	if (!tx)
		goto out_unpin;

	tx->callback_result = dmactl_job_done;
	tx->callback_param = rec;

	spin_lock_irqsave(&s->job_lock, flags);
	s->nr_unfinished++;
	spin_unlock_irqrestore(&s->job_lock, flags);

	cookie = dmaengine_submit(tx);
	rec->submit_ns = ktime_get_ns();
	if (dma_submit_error(cookie)) {
		spin_lock_irqsave(&s->job_lock, flags);
		s->nr_unfinished--;
		spin_unlock_irqrestore(&s->job_lock, flags);
		goto out_unpin;
	}
	rec->cookie = cookie;
	list_add_tail(&rec->unissued_node, &s->unissued);
	return true;

out_unpin:
	dmactl_job_unpin(rec);
	return false;
}

static void dmactl_recs_drop(struct dmactl_session *s,
			     struct dmactl_job_rec **recs, u32 from, u32 to,
			     u64 first_id)
{
	u32 i;

	for (i = from; i < to; i++) {
		xa_erase(&s->jobs, first_id + i);
		kfree(recs[i]);
	}
}

/**
 * dmactl_ioc_submit() - DMACTL_IOC_SUBMIT
 * @s: the session
 * @uarg: user struct dmactl_submit
 *
 * Every job is read and checked before the first is prepared.  If the
 * provider refuses a job after the first, the jobs before it stay
 * submitted and the call succeeds with fewer submitted.
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -EINVAL for a malformed request or job, -ENXIO
 * without a channel, -ENOENT for an unknown buffer, -EOPNOTSUPP if the
 * channel cannot memcpy, -ENOSPC beyond max_jobs, -EIO if the provider
 * refused the first job, -ENOMEM, -EFAULT or -E2BIG from copying.
 */
int dmactl_ioc_submit(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_job_rec **recs;
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

	recs = kvcalloc(req.count, sizeof(*recs), GFP_KERNEL);
	if (!recs)
		return -ENOMEM;

	for (i = 0; i < req.count; i++) {
		ret = dmactl_job_read(s, &req, i, &recs[i]);
		if (ret)
			goto out_free_recs;
	}

	first_id = s->next_job_id;
	if (check_add_overflow(first_id, (u64)req.count - 1, &last_id) ||
	    last_id > ULONG_MAX ||
	    s->nr_jobs + req.count > dmactl_max_jobs) {
		ret = -ENOSPC;
		goto out_free_recs;
	}

	/* Insert before submitting: a submitted job cannot be taken back. */
	for (i = 0; i < req.count; i++) {
		recs[i]->id = first_id + i;
		ret = xa_insert(&s->jobs, recs[i]->id, recs[i], GFP_KERNEL);
		if (ret) {
			dmactl_recs_drop(s, recs, 0, i, first_id);
			goto out_free_unlisted;
		}
	}

	for (done = 0; done < req.count; done++)
		if (!dmactl_job_start(s, recs[done]))
			break;
	dmactl_recs_drop(s, recs, done, req.count, first_id);
	s->next_job_id += done;
	s->nr_jobs += done;

	if (!done) {
		kvfree(recs);
		return -EIO;
	}

	if (req.flags & DMACTL_SUBMIT_ISSUE)
		dmactl_issue_locked(s);

	kvfree(recs);

	/* The jobs are submitted even if the caller cannot learn it. */
	req.first_id = first_id;
	req.submitted = done;
	if (copy_to_user(uarg, &req, min_t(size_t, usize, sizeof(req))))
		return -EFAULT;
	return 0;

out_free_recs:
	while (i--)
		kfree(recs[i]);
	kvfree(recs);
	return ret;

out_free_unlisted:
	for (; i < req.count; i++)
		kfree(recs[i]);
	kvfree(recs);
	return ret;
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
	dmactl_issue_locked(s);
	return 0;
}

static bool dmactl_all_finished(struct dmactl_session *s)
{
	return !READ_ONCE(s->nr_unfinished);
}

/**
 * dmactl_ioc_wait() - DMACTL_IOC_WAIT
 * @s: the session
 * @uarg: user struct dmactl_wait
 *
 * Sleeps with @s->lock held: STATUS cannot free the record waited on.
 *
 * Context: Process context, @s->lock held.
 * Return: 0 once the job (or every job) is complete or terminated,
 * -EINVAL for a malformed request, -ENXIO without a channel, -ENOENT for
 * an unknown job, -ETIMEDOUT, -EINTR on a signal, -EFAULT or -E2BIG from
 * copying the struct.
 */
int dmactl_ioc_wait(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_job_rec *job = NULL;
	struct dmactl_wait req;
	ktime_t timeout;
	u32 usize;
	int ret;

	lockdep_assert_held(&s->lock);

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
	if (!s->chan)
		return -ENXIO;

	if (!(req.flags & DMACTL_WAIT_ALL)) {
		if (req.job_id > ULONG_MAX)
			return -ENOENT;
		job = xa_load(&s->jobs, req.job_id);
		if (!job)
			return -ENOENT;
	}

	if (!req.timeout_ns) {
		if (job ? dmactl_job_finished(job) : dmactl_all_finished(s))
			return 0;
		return -ETIMEDOUT;
	}

	/* Beyond KTIME_MAX is forever, which is what KTIME_MAX means here. */
	timeout = ns_to_ktime(min_t(u64, req.timeout_ns, KTIME_MAX));
	if (job)
		ret = wait_event_interruptible_hrtimeout(s->done_wq,
							 dmactl_job_finished(job),
							 timeout);
	else
		ret = wait_event_interruptible_hrtimeout(s->done_wq,
							 dmactl_all_finished(s),
							 timeout);
	if (ret == -ETIME)
		return -ETIMEDOUT;
	if (ret)
		return -EINTR;
	return 0;
}

static u32 dmactl_result_from_kernel(enum dmaengine_tx_result result)
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
	st->len = job->len;
	st->user_data = job->user_data;
	st->prep_ns = job->prep_ns;
	st->submit_ns = job->submit_ns;
	st->issue_ns = job->issue_ns;
	st->complete_ns = job->complete_ns;
	switch (job->state) {
	case DMACTL_STATE_COMPLETE:
		st->result = dmactl_result_from_kernel(job->result);
		st->residue = job->residue;
		st->dma_status = job->result == DMA_TRANS_NOERROR ?
				 DMACTL_DMA_COMPLETE : DMACTL_DMA_ERROR;
		break;
	default:
		st->result = DMACTL_RESULT_NOERROR;
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
	struct dmactl_job_rec *job;
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

	for (i = 0; i < req.count; i++)
		dmactl_job_report(s, xa_load(&s->jobs, req.first_id + i),
				  &entries[i]);

	ret = dmactl_status_copy_out(&req, entries);
	if (ret)
		goto out_free_entries;

	/* Only what the caller was shown finished may be forgotten. */
	if (req.flags & DMACTL_STATUS_RELEASE) {
		for (i = 0; i < req.count; i++) {
			if (entries[i].state < DMACTL_STATE_COMPLETE)
				continue;
			job = xa_erase(&s->jobs, entries[i].id);
			list_del(&job->unissued_node);
			kfree(job);
			s->nr_jobs--;
		}
	}

out_free_entries:
	kvfree(entries);
	return ret;
}

/**
 * dmactl_jobs_stop() - forget every job of a session
 * @s: the session, whose channel has been terminated and synchronised
 *
 * Jobs that had not completed end TERMINATED: they let go of their
 * buffers, then every record is freed.
 *
 * Context: Process context.  No callback of the session can run any more,
 * so the records are changed without job_lock.
 */
void dmactl_jobs_stop(struct dmactl_session *s)
{
	struct dmactl_job_rec *job;
	unsigned long id;

	xa_for_each(&s->jobs, id, job) {
		if (job->state < DMACTL_STATE_COMPLETE) {
			dmactl_job_unpin(job);
			s->nr_unfinished--;
		}
		xa_erase(&s->jobs, id);
		list_del(&job->unissued_node);
		kfree(job);
	}
	s->nr_jobs = 0;
	WARN_ON_ONCE(s->nr_unfinished);
}
