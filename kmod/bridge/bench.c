// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: the in-kernel measurement loop.  A job template is prepared,
 * submitted and issued again and again, with up to qdepth descriptors in
 * flight, for a count or a duration, so that small transfers are measured
 * without a system call per operation.  The calling thread runs the loop;
 * the completion callbacks account each operation and free its slot.
 *
 * The loop does not hold the session lock, so that the session's other
 * requests go on meanwhile (a RESUME of a paused channel among them); it
 * marks the session instead, which keeps the channel from being released
 * or terminated under it, and pins the template's buffers.
 */

#include <linux/dmaengine.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "bridge.h"

struct dmactl_bench_run;

/**
 * struct dmactl_bench_slot - one descriptor in flight
 * @cb: what its descriptor's callback reaches, registered while the run
 *	lives
 * @run: the run it belongs to
 * @issue_ns: when it was issued, under the run's lock
 */
struct dmactl_bench_slot {
	struct dmactl_cb cb;
	struct dmactl_bench_run *run;
	u64 issue_ns;
};

/**
 * struct dmactl_bench_run - the state of one DMACTL_IOC_BENCH
 * @lock: the results and the free slots, shared with the callbacks
 * @wq: woken by every completion
 * @res: the results, in the ABI's struct
 * @chan: the channel, whose statistics count the bytes moved
 * @type: DMACTL_JOB_* of the template
 * @len: bytes one operation moves
 * @slots: @qdepth slots
 * @free: indices of the free slots, @nr_free of them
 * @nr_free: see @free
 * @qdepth: slots in all
 * @first_ns: when the first descriptor was issued, 0 before
 * @last_ns: when the latest callback ran
 */
struct dmactl_bench_run {
	spinlock_t lock;		/* results vs. callbacks */
	wait_queue_head_t wq;
	struct dmactl_bench res;
	struct dma_chan *chan;
	u32 type;
	size_t len;
	struct dmactl_bench_slot *slots;
	unsigned int *free;
	unsigned int nr_free;
	unsigned int qdepth;
	u64 first_ns;
	u64 last_ns;
};

/*
 * Runs in the provider's completion path: account, free the slot.  Once
 * the lock is dropped the run may be gone: the loop frees it as soon as
 * it sees every slot free, so the wake-up happens under the lock.
 */
static void dmactl_bench_done(struct dmactl_cb *cb,
			      const struct dmaengine_result *res)
{
	struct dmactl_bench_slot *slot = container_of(cb, struct dmactl_bench_slot,
						      cb);
	struct dmactl_bench_run *run = slot->run;
	struct dmactl_bench *r = &run->res;
	bool ok = !res || res->result == DMA_TRANS_NOERROR;
	size_t bytes = 0;
	unsigned long flags;
	u64 now, lat;

	if (ok)
		bytes = run->len - min_t(size_t, res ? res->residue : 0,
					 run->len);

	/*
	 * The clock is read under the lock, after the loop's latest stamp
	 * of this slot: the loop stamps a batch again once it is submitted,
	 * and a concurrent ISSUE of the session may complete the slot
	 * before that.  Read before the lock, now could precede issue_ns.
	 */
	spin_lock_irqsave(&run->lock, flags);
	now = ktime_get_ns();
	lat = now - slot->issue_ns;
	r->ops++;
	if (ok) {
		r->bytes += bytes;
		dmactl_xfer_account(run->chan, run->type, bytes);
	} else {
		r->errors++;
	}
	r->lat_min_ns = min(r->lat_min_ns, lat);
	r->lat_max_ns = max(r->lat_max_ns, lat);
	r->lat_sum_ns += lat;
	r->hist[lat ? ilog2(lat) : 0]++;
	run->last_ns = now;
	run->free[run->nr_free++] = slot - run->slots;
	wake_up(&run->wq);
	spin_unlock_irqrestore(&run->lock, flags);
}

static unsigned int dmactl_bench_free(struct dmactl_bench_run *run)
{
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&run->lock, flags);
	n = run->nr_free;
	spin_unlock_irqrestore(&run->lock, flags);
	return n;
}

static struct dmactl_bench_slot *dmactl_bench_get(struct dmactl_bench_run *run)
{
	struct dmactl_bench_slot *slot = NULL;
	unsigned long flags;

	spin_lock_irqsave(&run->lock, flags);
	if (run->nr_free)
		slot = &run->slots[run->free[--run->nr_free]];
	spin_unlock_irqrestore(&run->lock, flags);
	return slot;
}

static void dmactl_bench_put(struct dmactl_bench_run *run,
			     struct dmactl_bench_slot *slot)
{
	unsigned long flags;

	spin_lock_irqsave(&run->lock, flags);
	run->free[run->nr_free++] = slot - run->slots;
	spin_unlock_irqrestore(&run->lock, flags);
}

/* Sets when a slot's descriptor was issued, as its callback reads it. */
static void dmactl_bench_stamp(struct dmactl_bench_run *run,
			       struct dmactl_bench_slot *slot, u64 ns)
{
	unsigned long flags;

	spin_lock_irqsave(&run->lock, flags);
	slot->issue_ns = ns;
	spin_unlock_irqrestore(&run->lock, flags);
}

/*
 * Prepares and submits up to every free slot's descriptor, then issues
 * them together.  Returns how many it started, or -EIO if the provider
 * refused one with nothing in flight to wait for.
 */
static int dmactl_bench_fill(struct dmactl_bench_run *run,
			     const struct dmactl_xfer *x, u64 todo,
			     struct dmactl_bench_slot **batch)
{
	struct dma_async_tx_descriptor *tx;
	struct dmactl_bench_slot *slot;
	unsigned long flags;
	unsigned int n = 0, i;
	u64 now;

	/*
	 * The session's other requests go on meanwhile: an ISSUE of its jobs
	 * issues the channel's submitted descriptors, this loop's among
	 * them, whose slots may come back free before the batch is complete.
	 */
	while (n < todo && n < run->qdepth) {
		slot = dmactl_bench_get(run);
		if (!slot)
			break;
		tx = dmactl_xfer_prep(run->chan, x);
		if (!tx) {
			dmactl_bench_put(run, slot);
			break;
		}
		dmactl_xfer_set_callback(tx, &slot->cb);
		dmactl_bench_stamp(run, slot, ktime_get_ns());
		if (dma_submit_error(dmaengine_submit(tx))) {
			dmactl_bench_put(run, slot);
			break;
		}
		batch[n++] = slot;
	}
	if (!n)
		return dmactl_bench_free(run) == run->qdepth ? -EIO : 0;

	now = ktime_get_ns();
	spin_lock_irqsave(&run->lock, flags);
	for (i = 0; i < n; i++)
		batch[i]->issue_ns = now;
	spin_unlock_irqrestore(&run->lock, flags);
	if (!run->first_ns)
		run->first_ns = now;
	dma_async_issue_pending(run->chan);
	return n;
}

/*
 * Waits until @want slots are free.  Killable, and bounded: when no
 * operation completes for dmactl_bench_timeout_ms, the channel is stuck
 * (paused, or a peripheral that moves no data) and the run gives up.
 */
static int dmactl_bench_wait(struct dmactl_bench_run *run, unsigned int want)
{
	unsigned long timeout = msecs_to_jiffies(dmactl_bench_timeout_ms);
	unsigned int seen;
	long left;

	for (;;) {
		seen = dmactl_bench_free(run);
		if (seen >= want)
			return 0;
		left = wait_event_killable_timeout(run->wq,
						   dmactl_bench_free(run) > seen,
						   timeout);
		if (left < 0)
			return -EINTR;
		if (!left)
			return -ETIMEDOUT;
	}
}

/*
 * The loop.  On return no descriptor of the run is in flight, but after a
 * fatal signal (-EINTR) or a timeout (-ETIMEDOUT): the caller stops those.
 */
static int dmactl_bench_loop(struct dmactl_bench_run *run,
			     const struct dmactl_xfer *x, u64 count,
			     u64 duration_ns)
{
	struct dmactl_bench_slot **batch;
	unsigned int free;
	u64 started = 0;
	int ret = 0;

	batch = kcalloc(run->qdepth, sizeof(*batch), GFP_KERNEL);
	if (!batch)
		return -ENOMEM;

	while (!count || started < count) {
		if (duration_ns && run->first_ns &&
		    ktime_get_ns() - run->first_ns >= duration_ns)
			break;
		ret = dmactl_bench_wait(run, 1);
		if (ret)
			break;
		free = dmactl_bench_free(run);
		ret = dmactl_bench_fill(run, x, count ? count - started : U64_MAX,
					batch);
		if (ret < 0)
			break;
		started += ret;
		/* The provider refused one: let a descriptor complete first. */
		ret = ret ? 0 : dmactl_bench_wait(run, free + 1);
		if (ret)
			break;
	}
	kfree(batch);

	/* -EIO comes with nothing in flight. */
	return ret ?: dmactl_bench_wait(run, run->qdepth);
}

static int dmactl_bench_check(const struct dmactl_bench *req,
			      const struct dmactl_job *job)
{
	const u32 forbidden = DMACTL_JOB_NO_INTERRUPT | DMACTL_JOB_DEFER_ACK |
			      DMACTL_JOB_REUSE | DMACTL_JOB_REPEAT |
			      DMACTL_JOB_LOAD_EOT;
	u32 i;

	if (req->flags)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(req->reserved); i++)
		if (req->reserved[i])
			return -EINVAL;
	if (!req->qdepth || req->qdepth > dmactl_max_batch)
		return -EINVAL;
	if (!req->count && !req->duration_ns)
		return -EINVAL;
	/* A cyclic job never completes; the loop needs every callback. */
	if (job->type == DMACTL_JOB_CYCLIC || (job->flags & forbidden))
		return -EINVAL;
	return 0;
}

/* No callback, however stale, reaches the run after this. */
static void dmactl_bench_release(struct dmactl_bench_run *run)
{
	unsigned int i;

	for (i = 0; i < run->qdepth; i++)
		dmactl_cb_unregister(&run->slots[i].cb);
	kfree(run->slots);
	kfree(run->free);
	kfree(run);
}

static struct dmactl_bench_run *dmactl_bench_alloc(struct dma_chan *chan,
						   const struct dmactl_xfer *x,
						   u32 qdepth)
{
	struct dmactl_bench_run *run;
	unsigned int i;

	run = kzalloc(sizeof(*run), GFP_KERNEL);
	if (!run)
		return NULL;
	run->slots = kcalloc(qdepth, sizeof(*run->slots), GFP_KERNEL);
	run->free = kcalloc(qdepth, sizeof(*run->free), GFP_KERNEL);
	if (!run->slots || !run->free) {
		kfree(run->slots);
		kfree(run->free);
		kfree(run);
		return NULL;
	}
	spin_lock_init(&run->lock);
	init_waitqueue_head(&run->wq);
	run->chan = chan;
	run->type = x->type;
	run->len = x->len;
	run->qdepth = qdepth;
	run->res.lat_min_ns = U64_MAX;
	for (i = 0; i < qdepth; i++) {
		run->slots[i].run = run;
		run->slots[i].cb.fn = dmactl_bench_done;
		if (dmactl_cb_register(&run->slots[i].cb)) {
			dmactl_bench_release(run);
			return NULL;
		}
		run->free[i] = i;
	}
	run->nr_free = qdepth;
	return run;
}

/*
 * Ends a run: the descriptors of one killed or timed out are stopped
 * first, which takes the session's jobs with them.  A provider that
 * cannot terminate still completes them: the run waits for them, its
 * slots must outlive them.
 */
static void dmactl_bench_end(struct dmactl_session *s,
			     struct dmactl_bench_run *run, struct dmactl_xfer *x,
			     bool stop)
{
	mutex_lock(&s->lock);
	if (stop && dmactl_chan_terminate(s))
		wait_event(run->wq, dmactl_bench_free(run) == run->qdepth);
	s->bench_running = false;
	dmactl_xfer_unpin(x);
	mutex_unlock(&s->lock);
}

/**
 * dmactl_ioc_bench() - DMACTL_IOC_BENCH
 * @s: the session
 * @uarg: user struct dmactl_bench
 *
 * Context: Process context, @s->lock not held: it is taken to start and to
 * end the run, not while it runs.
 * Return: 0 on success with the results copied out, -EINVAL for a
 * malformed request or template, -ENXIO without a channel, -EBUSY while
 * another run goes on in the session, what DMACTL_IOC_SUBMIT returns for
 * a template it would refuse, -EIO if the provider refused to prepare or
 * submit with nothing in flight, -EINTR when killed, -ETIMEDOUT when no
 * operation completed for bench_timeout_ms, -ENOMEM, -EFAULT or -E2BIG
 * from copying.
 */
int dmactl_ioc_bench(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_bench_run *run;
	struct dmactl_bench req;
	struct dmactl_job job;
	struct dmactl_xfer x;
	u32 usize;
	int ret;

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_BENCH_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;
	ret = dmactl_check_usize(req.job_size, DMACTL_JOB_SIZE_VER0);
	if (ret)
		return ret;
	ret = copy_struct_from_user(&job, sizeof(job), u64_to_user_ptr(req.job),
				    req.job_size);
	if (ret)
		return ret;
	ret = dmactl_bench_check(&req, &job);
	if (ret)
		return ret;

	if (mutex_lock_killable(&s->lock))
		return -EINTR;
	if (!s->chan) {
		ret = -ENXIO;
		goto out_unlock;
	}
	if (s->bench_running) {
		ret = -EBUSY;
		goto out_unlock;
	}
	ret = dmactl_xfer_init(s, &job, &x);
	if (ret)
		goto out_unlock;
	run = dmactl_bench_alloc(s->chan, &x, req.qdepth);
	if (!run) {
		ret = -ENOMEM;
		goto out_destroy_xfer;
	}
	dmactl_xfer_pin(&x);
	s->bench_running = true;
	mutex_unlock(&s->lock);

	ret = dmactl_bench_loop(run, &x, req.count, req.duration_ns);
	dmactl_bench_end(s, run, &x, ret == -EINTR || ret == -ETIMEDOUT);
	if (ret)
		goto out_release_run;

	/* Every callback has run: the results are stable. */
	memcpy(req.hist, run->res.hist, sizeof(req.hist));
	req.bytes = run->res.bytes;
	req.ops = run->res.ops;
	req.errors = run->res.errors;
	req.elapsed_ns = run->last_ns - run->first_ns;
	req.lat_min_ns = run->res.ops ? run->res.lat_min_ns : 0;
	req.lat_max_ns = run->res.lat_max_ns;
	req.lat_sum_ns = run->res.lat_sum_ns;
	dmactl_nl_bench_done(s, &req);
	if (copy_to_user(uarg, &req, min_t(size_t, usize, sizeof(req))))
		ret = -EFAULT;

out_release_run:
	dmactl_bench_release(run);
	dmactl_xfer_destroy(&x);
	return ret;

out_destroy_xfer:
	dmactl_xfer_destroy(&x);
out_unlock:
	mutex_unlock(&s->lock);
	return ret;
}
