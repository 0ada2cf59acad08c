/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual channel layer of vdma: descriptor lists, cookies and the
 * completion path shared by every vdma channel, with the semantics the
 * kernel's virt-dma gives in-tree drivers.
 */
#ifndef _VDMA_VCHAN_H
#define _VDMA_VCHAN_H

#include <linux/dmaengine.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

/**
 * enum vdma_vchan_context - where completion callbacks run
 * @VDMA_VCHAN_TASKLET: the channel's tasklet, as virt-dma runs them
 * @VDMA_VCHAN_HARDIRQ: a hard-IRQ context (an hrtimer callback), as a
 *	driver calling back from its interrupt handler does
 * @VDMA_VCHAN_THREAD: a work item, in process context, as a driver calling
 *	back from a threaded interrupt handler or a workqueue does
 */
enum vdma_vchan_context {
	VDMA_VCHAN_TASKLET,
	VDMA_VCHAN_HARDIRQ,
	VDMA_VCHAN_THREAD,
};

/**
 * enum vdma_vchan_result - what a completion callback is told
 * @VDMA_VCHAN_RESULT: callback_result gets the descriptor's result and
 *	residue, else the legacy callback runs
 * @VDMA_VCHAN_NORESULT: callback_result always gets DMA_TRANS_NOERROR and
 *	residue 0, as from a driver passing no result to
 *	dmaengine_desc_callback_invoke()
 * @VDMA_VCHAN_LEGACY: only the legacy callback runs; callback_result is
 *	ignored, as by a driver calling ->callback itself
 */
enum vdma_vchan_result {
	VDMA_VCHAN_RESULT,
	VDMA_VCHAN_NORESULT,
	VDMA_VCHAN_LEGACY,
};

/**
 * struct vdma_vdesc - descriptor as the virtual channel layer sees it
 * @tx: the descriptor handed to the consumer
 * @tx_result: result and residue passed to callback_result
 * @node: entry in one of the channel's descriptor lists, under vc.lock
 * @retiring: completed, and its callback has not ended yet: upstream's
 *	virt-dma has unlinked it, so submitting or freeing it now would
 *	corrupt a list; under vc.lock
 */
struct vdma_vdesc {
	struct dma_async_tx_descriptor tx;
	struct dmaengine_result tx_result;
	struct list_head node;
	bool retiring;
};

/**
 * struct vdma_vchan - virtual channel
 * @chan: the channel registered with the dmaengine core
 * @task: runs completion callbacks with @lock dropped (VDMA_VCHAN_TASKLET)
 * @irq: runs them in hard-IRQ context (VDMA_VCHAN_HARDIRQ)
 * @work: runs them in process context (VDMA_VCHAN_THREAD)
 * @context: which of the three runs them; set before vdma_vchan_init()
 * @result: what callbacks are told; set before vdma_vchan_init()
 * @delay_us: VDMA_VCHAN_THREAD: microseconds between taking completed
 *	descriptors off the channel and calling back, as a threaded handler
 *	the scheduler delays
 * @release_early: free (or recycle) a completed descriptor before its
 *	callback runs, from a copy of the callback, as pl330 does; virt-dma
 *	frees it after
 * @desc_free: frees a descriptor the layer no longer needs
 * @lock: protects the lists below, the cookies and the owner's channel state
 * @desc_allocated: prepared, not yet submitted, or reusable and idle
 * @desc_submitted: submitted, waiting for issue_pending
 * @desc_issued: issued, waiting for the engine
 * @desc_completed: done, waiting for @task to run their callbacks
 * @desc_terminated: terminated while the engine may still be moving them;
 *	freed by vdma_vchan_synchronize()
 * @cyclic: running cyclic descriptor whose period callbacks are due
 * @cyclic_periods: periods of @cyclic ended since @task last ran
 */
struct vdma_vchan {
	struct dma_chan chan;
	struct tasklet_struct task;
	struct hrtimer irq;
	struct work_struct work;
	enum vdma_vchan_context context;
	enum vdma_vchan_result result;
	unsigned int delay_us;
	bool release_early;
	void (*desc_free)(struct vdma_vdesc *vd);

	spinlock_t lock;	/* lists, cookies, channel state */
	struct list_head desc_allocated;
	struct list_head desc_submitted;
	struct list_head desc_issued;
	struct list_head desc_completed;
	struct list_head desc_terminated;
	struct vdma_vdesc *cyclic;
	unsigned int cyclic_periods;
};

static inline struct vdma_vchan *to_vdma_vchan(struct dma_chan *chan)
{
	return container_of(chan, struct vdma_vchan, chan);
}

/**
 * vdma_cookie_status() - status of a cookie from the channel's counters
 * @chan: channel the cookie was assigned on
 * @cookie: cookie to look up
 * @state: filled with the last completed and last used cookies, residue 0;
 *	may be NULL
 *
 * Context: any context; the counters are read without a lock, as a
 * snapshot.
 * Return: DMA_COMPLETE or DMA_IN_PROGRESS.
 */
static inline enum dma_status vdma_cookie_status(struct dma_chan *chan,
						 dma_cookie_t cookie,
						 struct dma_tx_state *state)
{
	dma_cookie_t last_used = READ_ONCE(chan->cookie);
	dma_cookie_t last_done = READ_ONCE(chan->completed_cookie);

	if (state) {
		state->last = last_done;
		state->used = last_used;
		state->residue = 0;
		state->in_flight_bytes = 0;
	}
	return dma_async_is_complete(cookie, last_done, last_used);
}

/**
 * vdma_vchan_next_desc() - first issued descriptor, the next to run
 * @vc: virtual channel
 *
 * Context: vc.lock held.
 * Return: the descriptor, NULL if nothing is issued.
 */
static inline struct vdma_vdesc *vdma_vchan_next_desc(struct vdma_vchan *vc)
{
	lockdep_assert_held(&vc->lock);

	return list_first_entry_or_null(&vc->desc_issued, struct vdma_vdesc,
					node);
}

void vdma_vchan_init(struct vdma_vchan *vc, struct dma_device *dmadev);
struct dma_async_tx_descriptor *vdma_vchan_tx_prep(struct vdma_vchan *vc,
						   struct vdma_vdesc *vd,
						   unsigned long tx_flags);
bool vdma_vchan_issue_pending(struct vdma_vchan *vc);
void vdma_vchan_cookie_complete(struct vdma_vdesc *vd);
void vdma_vchan_cyclic_callback(struct vdma_vdesc *vd);
void vdma_vchan_terminate_vdesc(struct vdma_vdesc *vd);
struct vdma_vdesc *vdma_vchan_find_desc(struct vdma_vchan *vc,
					dma_cookie_t cookie);
void vdma_vchan_get_all_descriptors(struct vdma_vchan *vc,
				    struct list_head *head);
void vdma_vchan_desc_free_list(struct vdma_vchan *vc, struct list_head *head);
void vdma_vchan_wait_callbacks(struct vdma_vchan *vc);
void vdma_vchan_synchronize(struct vdma_vchan *vc);
void vdma_vchan_free_chan_resources(struct vdma_vchan *vc);

#endif /* _VDMA_VCHAN_H */
