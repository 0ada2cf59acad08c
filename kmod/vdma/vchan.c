// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual channel layer of vdma.
 *
 * A descriptor lives on exactly one list of its channel at a time:
 * allocated (prepared) -> submitted (tx_submit) -> issued (issue_pending)
 * -> taken off by the engine while it runs -> completed (callback pending)
 * -> unlinked by the completion path, which calls back with the lock
 * dropped and then frees it, or puts it back on allocated when the consumer
 * marked it for reuse: virt-dma's order, so a reusable descriptor may be
 * submitted again only once the callback has returned and the completion
 * path let go of it (dmaengine_synchronize() waits for that).
 * The completion path runs in a tasklet, as virt-dma's does, or in the
 * hard-IRQ or process context a channel's personality asks for.
 * terminate_all moves the running descriptor to the terminated list instead,
 * because the engine may still be moving its data; it is freed once the
 * channel is synchronized.  A cyclic descriptor never completes: it stays
 * with the engine, which reports each period it ends through
 * vdma_vchan_cyclic_callback(), until it is terminated.
 */
#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dmaengine.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "vchan.h"

static struct vdma_vdesc *to_vdma_vdesc(struct dma_async_tx_descriptor *tx)
{
	return container_of(tx, struct vdma_vdesc, tx);
}

static dma_cookie_t vdma_cookie_assign(struct dma_async_tx_descriptor *tx)
{
	struct dma_chan *chan = tx->chan;
	dma_cookie_t cookie = chan->cookie + 1;

	/* Cookies below DMA_MIN_COOKIE are error codes: wrap past them. */
	if (cookie < DMA_MIN_COOKIE)
		cookie = DMA_MIN_COOKIE;
	WRITE_ONCE(chan->cookie, cookie);
	tx->cookie = cookie;

	return cookie;
}

static void vdma_cookie_complete(struct dma_async_tx_descriptor *tx)
{
	WARN_ON_ONCE(tx->cookie < DMA_MIN_COOKIE);
	WRITE_ONCE(tx->chan->completed_cookie, tx->cookie);
	/* A stale cookie must never complete a second time. */
	tx->cookie = 0;
}

/*
 * A descriptor whose callback has not ended yet is off every list (virt-dma
 * has unlinked it with list_del()): submitting or freeing it now is the
 * consumer's bug, which upstream turns into list corruption.  vdma says so
 * and refuses.  An error, not a WARN: the bug is the consumer's, and the
 * provider itself stays sound.
 */
static bool vdma_vchan_retiring(struct vdma_vchan *vc, struct vdma_vdesc *vd,
				const char *what)
{
	lockdep_assert_held(&vc->lock);

	if (!vd->retiring)
		return false;
	dev_err_ratelimited(vc->chan.device->dev,
			    "%s: descriptor %s before its completion callback ended: refused\n",
			    dma_chan_name(&vc->chan), what);
	return true;
}

static dma_cookie_t vdma_vchan_tx_submit(struct dma_async_tx_descriptor *tx)
{
	struct vdma_vchan *vc = to_vdma_vchan(tx->chan);
	struct vdma_vdesc *vd = to_vdma_vdesc(tx);
	dma_cookie_t cookie;
	unsigned long flags;

	spin_lock_irqsave(&vc->lock, flags);
	if (vdma_vchan_retiring(vc, vd, "submitted")) {
		spin_unlock_irqrestore(&vc->lock, flags);
		return -EBUSY;
	}
	cookie = vdma_cookie_assign(tx);
	/* A reused descriptor must not report its previous run's result. */
	vd->tx_result.result = DMA_TRANS_NOERROR;
	vd->tx_result.residue = 0;
	list_move_tail(&vd->node, &vc->desc_submitted);
	spin_unlock_irqrestore(&vc->lock, flags);

	dev_vdbg(vc->chan.device->dev, "%s: desc %p cookie %d submitted\n",
		 dma_chan_name(&vc->chan), vd, cookie);

	return cookie;
}

/* dmaengine_desc_free() of a reusable descriptor that is not in flight. */
static int vdma_vchan_tx_desc_free(struct dma_async_tx_descriptor *tx)
{
	struct vdma_vchan *vc = to_vdma_vchan(tx->chan);
	struct vdma_vdesc *vd = to_vdma_vdesc(tx);
	unsigned long flags;

	spin_lock_irqsave(&vc->lock, flags);
	if (vdma_vchan_retiring(vc, vd, "freed")) {
		spin_unlock_irqrestore(&vc->lock, flags);
		return -EBUSY;
	}
	list_del(&vd->node);
	spin_unlock_irqrestore(&vc->lock, flags);

	vc->desc_free(vd);
	return 0;
}

/*
 * Free a descriptor, or park it for the consumer if it asked to reuse it:
 * virt-dma's vchan_vdesc_fini(), which runs after the callback.
 */
static void vdma_vchan_vdesc_fini(struct vdma_vchan *vc, struct vdma_vdesc *vd)
{
	unsigned long flags;

	spin_lock_irqsave(&vc->lock, flags);
	vd->retiring = false;
	if (dmaengine_desc_test_reuse(&vd->tx)) {
		list_add(&vd->node, &vc->desc_allocated);
		vd = NULL;
	}
	spin_unlock_irqrestore(&vc->lock, flags);

	if (vd)
		vc->desc_free(vd);
}

/* A descriptor's callback, copied before the descriptor may go away. */
struct vdma_vchan_cb {
	dma_async_tx_callback callback;
	dma_async_tx_callback_result callback_result;
	void *param;
};

static void vdma_vchan_get_cb(struct vdma_vdesc *vd, struct vdma_vchan_cb *cb)
{
	cb->callback = vd->tx.callback;
	cb->callback_result = vd->tx.callback_result;
	cb->param = vd->tx.callback_param;
}

/* Call back as the channel's personality says: see enum vdma_vchan_result. */
static void vdma_vchan_invoke(struct vdma_vchan *vc,
			      const struct vdma_vchan_cb *cb,
			      const struct dmaengine_result *res)
{
	static const struct dmaengine_result noerror = {
		.result = DMA_TRANS_NOERROR,
		.residue = 0,
	};

	switch (vc->result) {
	case VDMA_VCHAN_LEGACY:
		if (cb->callback)
			cb->callback(cb->param);
		return;
	case VDMA_VCHAN_NORESULT:
		res = &noerror;
		break;
	case VDMA_VCHAN_RESULT:
		break;
	}
	/* callback_result supersedes the legacy callback when both are set. */
	if (cb->callback_result)
		cb->callback_result(cb->param, res);
	else if (cb->callback)
		cb->callback(cb->param);
}

/*
 * One call per period, so that a consumer counting periods sees each of
 * them even when the completion path ran late.  Like the kernel's
 * virt-dma, the result carries no position: tx_status reports it.
 */
static void vdma_vchan_invoke_cyclic(struct vdma_vchan *vc,
				     const struct vdma_vchan_cb *cb,
				     unsigned int periods)
{
	const struct dmaengine_result res = {
		.result = DMA_TRANS_NOERROR,
		.residue = 0,
	};

	while (periods--)
		vdma_vchan_invoke(vc, cb, &res);
}

/*
 * The completion path: virt-dma's vchan_complete(), in whichever context
 * the channel's personality gives it.  For each completed descriptor, in
 * order: unlink it, call back with the lock dropped, then free it or park
 * it for reuse.
 */
static void vdma_vchan_complete(struct vdma_vchan *vc)
{
	struct vdma_vchan_cb cb = { };
	struct dmaengine_result res;
	struct vdma_vdesc *vd, *tmp;
	unsigned int periods = 0;
	unsigned long flags;
	LIST_HEAD(head);

	spin_lock_irqsave(&vc->lock, flags);
	vd = vc->cyclic;
	if (vd) {
		vdma_vchan_get_cb(vd, &cb);
		periods = vc->cyclic_periods;
		vc->cyclic_periods = 0;
	}
	list_splice_tail_init(&vc->desc_completed, &head);
	spin_unlock_irqrestore(&vc->lock, flags);

	/*
	 * A threaded handler decided what completed, then the scheduler let
	 * it wait: terminate_all and free_chan_resources may run meanwhile.
	 */
	if (vc->context == VDMA_VCHAN_THREAD && vc->delay_us &&
	    (periods || !list_empty(&head)))
		fsleep(vc->delay_us);

	/*
	 * A terminated cyclic descriptor is freed only once the completion
	 * path is idle (vdma_vchan_synchronize()): its callback may still
	 * run here once after terminate_all.
	 */
	vdma_vchan_invoke_cyclic(vc, &cb, periods);

	/*
	 * The descriptors on @head belong to this path alone now:
	 * terminate_all no longer sees them, so their callbacks may run
	 * unlocked and may prepare, submit and issue new work.
	 */
	list_for_each_entry_safe(vd, tmp, &head, node) {
		vdma_vchan_get_cb(vd, &cb);
		list_del(&vd->node);
		/* The consumer's unmap data is released before it is told. */
		dma_descriptor_unmap(&vd->tx);

		if (vc->release_early) {
			/* pl330: back to the pool, then the copied callback. */
			res = vd->tx_result;
			vdma_vchan_vdesc_fini(vc, vd);
			vdma_vchan_invoke(vc, &cb, &res);
			continue;
		}
		vdma_vchan_invoke(vc, &cb, &vd->tx_result);
		vdma_vchan_vdesc_fini(vc, vd);
	}
}

static void vdma_vchan_tasklet(struct tasklet_struct *t)
{
	struct vdma_vchan *vc = from_tasklet(vc, t, task);

	vdma_vchan_complete(vc);
}

static enum hrtimer_restart vdma_vchan_irq(struct hrtimer *timer)
{
	vdma_vchan_complete(container_of(timer, struct vdma_vchan, irq));

	return HRTIMER_NORESTART;
}

static void vdma_vchan_work(struct work_struct *work)
{
	vdma_vchan_complete(container_of(work, struct vdma_vchan, work));
}

/* Have the completion path run soon, in the channel's context. */
static void vdma_vchan_schedule(struct vdma_vchan *vc)
{
	lockdep_assert_held(&vc->lock);

	switch (vc->context) {
	case VDMA_VCHAN_HARDIRQ:
		hrtimer_start(&vc->irq, 0, HRTIMER_MODE_REL_HARD);
		break;
	case VDMA_VCHAN_THREAD:
		queue_work(system_unbound_wq, &vc->work);
		break;
	case VDMA_VCHAN_TASKLET:
		tasklet_schedule(&vc->task);
		break;
	}
}

/**
 * vdma_vchan_init() - initialize a virtual channel and add it to a device
 * @vc: virtual channel, with @vc->desc_free, @vc->context, @vc->result,
 *	@vc->delay_us and @vc->release_early already set
 * @dmadev: device the channel belongs to, not yet registered
 *
 * Context: process context, before dma_async_device_register().
 */
void vdma_vchan_init(struct vdma_vchan *vc, struct dma_device *dmadev)
{
	vc->chan.cookie = DMA_MIN_COOKIE;
	vc->chan.completed_cookie = DMA_MIN_COOKIE;

	spin_lock_init(&vc->lock);
	INIT_LIST_HEAD(&vc->desc_allocated);
	INIT_LIST_HEAD(&vc->desc_submitted);
	INIT_LIST_HEAD(&vc->desc_issued);
	INIT_LIST_HEAD(&vc->desc_completed);
	INIT_LIST_HEAD(&vc->desc_terminated);
	tasklet_setup(&vc->task, vdma_vchan_tasklet);
	hrtimer_setup(&vc->irq, vdma_vchan_irq, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_HARD);
	INIT_WORK(&vc->work, vdma_vchan_work);

	vc->chan.device = dmadev;
	list_add_tail(&vc->chan.device_node, &dmadev->channels);
}

/**
 * vdma_vchan_tx_prep() - finish preparing a descriptor
 * @vc: virtual channel the descriptor was prepared on
 * @vd: descriptor, filled in by the caller
 * @tx_flags: flags the consumer passed to the prep call
 *
 * Context: any context.
 * Return: the descriptor to hand back to the consumer.
 */
struct dma_async_tx_descriptor *vdma_vchan_tx_prep(struct vdma_vchan *vc,
						   struct vdma_vdesc *vd,
						   unsigned long tx_flags)
{
	unsigned long flags;

	dma_async_tx_descriptor_init(&vd->tx, &vc->chan);
	vd->tx.flags = tx_flags;
	vd->tx.tx_submit = vdma_vchan_tx_submit;
	vd->tx.desc_free = vdma_vchan_tx_desc_free;
	vd->tx_result.result = DMA_TRANS_NOERROR;
	vd->tx_result.residue = 0;

	spin_lock_irqsave(&vc->lock, flags);
	list_add_tail(&vd->node, &vc->desc_allocated);
	spin_unlock_irqrestore(&vc->lock, flags);

	return &vd->tx;
}

/**
 * vdma_vchan_issue_pending() - move submitted descriptors to the issued list
 * @vc: virtual channel
 *
 * Context: vc.lock held.
 * Return: true if descriptors are waiting for the engine.
 */
bool vdma_vchan_issue_pending(struct vdma_vchan *vc)
{
	lockdep_assert_held(&vc->lock);

	list_splice_tail_init(&vc->desc_submitted, &vc->desc_issued);
	return !list_empty(&vc->desc_issued);
}

/**
 * vdma_vchan_cookie_complete() - report a descriptor done, queue its callback
 * @vd: descriptor the engine has finished, on no list; its tx_result set
 *
 * Context: vc.lock held.
 */
void vdma_vchan_cookie_complete(struct vdma_vdesc *vd)
{
	struct vdma_vchan *vc = to_vdma_vchan(vd->tx.chan);

	lockdep_assert_held(&vc->lock);

	/* A cyclic descriptor ends only on an error: no period follows. */
	if (vc->cyclic == vd) {
		vc->cyclic = NULL;
		vc->cyclic_periods = 0;
	}
	vdma_cookie_complete(&vd->tx);
	vd->retiring = true;
	list_add_tail(&vd->node, &vc->desc_completed);
	vdma_vchan_schedule(vc);
}

/**
 * vdma_vchan_cyclic_callback() - report one more period of a cyclic
 *	descriptor ended, queue its callback
 * @vd: cyclic descriptor the engine is running
 *
 * Context: vc.lock held.
 */
void vdma_vchan_cyclic_callback(struct vdma_vdesc *vd)
{
	struct vdma_vchan *vc = to_vdma_vchan(vd->tx.chan);

	lockdep_assert_held(&vc->lock);

	vc->cyclic = vd;
	vc->cyclic_periods++;
	vdma_vchan_schedule(vc);
}

/**
 * vdma_vchan_terminate_vdesc() - retire the descriptor the engine is running
 * @vd: descriptor taken off the issued list by the engine
 *
 * Its completion callback never runs, nor do the period callbacks of a
 * cyclic descriptor not yet started by the tasklet; it is freed by
 * vdma_vchan_synchronize().
 *
 * Context: vc.lock held.
 */
void vdma_vchan_terminate_vdesc(struct vdma_vdesc *vd)
{
	struct vdma_vchan *vc = to_vdma_vchan(vd->tx.chan);

	lockdep_assert_held(&vc->lock);

	/* Periods that ended before terminate_all are not reported. */
	if (vc->cyclic == vd) {
		vc->cyclic = NULL;
		vc->cyclic_periods = 0;
	}
	list_add_tail(&vd->node, &vc->desc_terminated);
}

/**
 * vdma_vchan_find_desc() - look up a queued descriptor by cookie
 * @vc: virtual channel
 * @cookie: cookie returned by tx_submit
 *
 * Only descriptors that wait for the engine are searched; the one the
 * engine is running is known to the caller.
 *
 * Context: vc.lock held.
 * Return: the descriptor, NULL if it is not submitted or issued.
 */
struct vdma_vdesc *vdma_vchan_find_desc(struct vdma_vchan *vc,
					dma_cookie_t cookie)
{
	struct vdma_vdesc *vd;

	lockdep_assert_held(&vc->lock);

	list_for_each_entry(vd, &vc->desc_issued, node)
		if (vd->tx.cookie == cookie)
			return vd;
	list_for_each_entry(vd, &vc->desc_submitted, node)
		if (vd->tx.cookie == cookie)
			return vd;

	return NULL;
}

/**
 * vdma_vchan_get_all_descriptors() - take every descriptor the engine is not
 *	running off the channel
 * @vc: virtual channel
 * @head: list the descriptors are added to
 *
 * Completed descriptors whose callbacks have not been started are taken
 * too: after terminate_all no callback may run.  Terminated descriptors
 * stay, the engine may still touch them.
 *
 * Context: vc.lock held.
 */
void vdma_vchan_get_all_descriptors(struct vdma_vchan *vc,
				    struct list_head *head)
{
	lockdep_assert_held(&vc->lock);

	list_splice_tail_init(&vc->desc_allocated, head);
	list_splice_tail_init(&vc->desc_submitted, head);
	list_splice_tail_init(&vc->desc_issued, head);
	list_splice_tail_init(&vc->desc_completed, head);
}

/**
 * vdma_vchan_desc_free_list() - free a list of descriptors
 * @vc: virtual channel they belong to
 * @head: descriptors taken off the channel's lists
 *
 * Descriptors marked for reuse go back to the allocated list.
 *
 * Context: any context; vc.lock not held.
 */
void vdma_vchan_desc_free_list(struct vdma_vchan *vc, struct list_head *head)
{
	struct vdma_vdesc *vd, *tmp;

	list_for_each_entry_safe(vd, tmp, head, node) {
		list_del(&vd->node);
		vdma_vchan_vdesc_fini(vc, vd);
	}
}

/**
 * vdma_vchan_wait_callbacks() - wait until the completion path is idle
 * @vc: virtual channel
 *
 * Like virt-dma's tasklet_kill(), a completion scheduled meanwhile may be
 * dropped (tasklet) or waited for (hard IRQ, thread).
 *
 * Context: process context, may sleep.
 */
void vdma_vchan_wait_callbacks(struct vdma_vchan *vc)
{
	switch (vc->context) {
	case VDMA_VCHAN_HARDIRQ:
		hrtimer_cancel(&vc->irq);
		break;
	case VDMA_VCHAN_THREAD:
		flush_work(&vc->work);
		break;
	case VDMA_VCHAN_TASKLET:
		tasklet_kill(&vc->task);
		break;
	}
}

/**
 * vdma_vchan_synchronize() - wait for callbacks, free terminated descriptors
 * @vc: virtual channel
 *
 * The caller makes sure that the engine no longer touches terminated
 * descriptors and that no new work is issued meanwhile.
 *
 * Context: process context, may sleep.
 */
void vdma_vchan_synchronize(struct vdma_vchan *vc)
{
	LIST_HEAD(head);

	vdma_vchan_wait_callbacks(vc);

	spin_lock_irq(&vc->lock);
	list_splice_tail_init(&vc->desc_terminated, &head);
	spin_unlock_irq(&vc->lock);

	vdma_vchan_desc_free_list(vc, &head);
}

/**
 * vdma_vchan_free_chan_resources() - free every descriptor of the channel
 * @vc: virtual channel, terminated and synchronized
 *
 * Reusable descriptors are freed too: the consumer gave the channel up.
 * Descriptors the completion path holds are its own: it frees them once
 * their callbacks have run.
 *
 * Context: process context.
 */
void vdma_vchan_free_chan_resources(struct vdma_vchan *vc)
{
	struct vdma_vdesc *vd;
	LIST_HEAD(head);

	spin_lock_irq(&vc->lock);
	vdma_vchan_get_all_descriptors(vc, &head);
	list_splice_tail_init(&vc->desc_terminated, &head);
	list_for_each_entry(vd, &head, node)
		dmaengine_desc_clear_reuse(&vd->tx);
	spin_unlock_irq(&vc->lock);

	vdma_vchan_desc_free_list(vc, &head);
}
