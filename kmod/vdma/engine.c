// SPDX-License-Identifier: GPL-2.0
/*
 * vdma engine simulation: the "hardware" behind the virtual channels.
 *
 * Each engine is a kernel thread.  A channel with a loaded descriptor waits
 * on the device's ready list until an engine takes it; the engine then
 * moves data burst by burst, looking at the channel state between bursts
 * under vc.lock, which is where pause, terminate and the residue take
 * effect.  When a descriptor ends, the engine completes it and loads the
 * next issued one itself, as a controller walking its descriptor chain
 * would.  After a quantum of bursts it hands the channel back to the tail
 * of the ready list if other channels are waiting, so N channels share M
 * engines round-robin.
 */
#include <linux/bottom_half.h>
#include <linux/dma-direct.h>
#include <linux/err.h>
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/wait.h>

#include "vdma.h"

/* Bursts a channel may run while other channels wait for an engine. */
#define VDMA_QUANTUM	16

/*
 * Copy @len bytes between two bus addresses of @dev.  There is no IOMMU
 * between vdma and memory, so bus addresses translate to physical ones;
 * pages are mapped one at a time so highmem works too.
 */
static enum dmaengine_tx_result vdma_engine_copy(struct device *dev,
						 dma_addr_t dst, dma_addr_t src,
						 size_t len)
{
	while (len) {
		phys_addr_t sp = dma_to_phys(dev, src);
		phys_addr_t dp = dma_to_phys(dev, dst);
		size_t soff = offset_in_page(sp);
		size_t doff = offset_in_page(dp);
		size_t n = min3(len, PAGE_SIZE - soff, PAGE_SIZE - doff);
		void *s, *d;

		if (!pfn_valid(PHYS_PFN(sp)))
			return DMA_TRANS_READ_FAILED;
		if (!pfn_valid(PHYS_PFN(dp)))
			return DMA_TRANS_WRITE_FAILED;

		s = kmap_local_page(pfn_to_page(PHYS_PFN(sp)));
		d = kmap_local_page(pfn_to_page(PHYS_PFN(dp)));
		memcpy(d + doff, s + soff, n);
		kunmap_local(d);
		kunmap_local(s);

		src += n;
		dst += n;
		len -= n;
	}

	return DMA_TRANS_NOERROR;
}

/* Take the next issued descriptor off the list and load it. */
static bool vdma_engine_load(struct vdma_chan *vchan)
{
	struct vdma_vdesc *vd;
	struct vdma_desc *d;

	lockdep_assert_held(&vchan->vc.lock);

	vd = vdma_vchan_next_desc(&vchan->vc);
	if (!vd) {
		vchan->active = NULL;
		return false;
	}

	list_del(&vd->node);
	d = to_vdma_desc(vd);
	/* A reused descriptor starts over. */
	d->moved = 0;
	d->done = 0;
	d->seg = 0;
	d->seg_off = 0;
	vchan->active = d;

	return true;
}

/* Report the loaded descriptor finished and load the next one. */
static void vdma_engine_complete(struct vdma_chan *vchan,
				 enum dmaengine_tx_result result)
{
	struct vdma_desc *d = vchan->active;

	lockdep_assert_held(&vchan->vc.lock);

	d->done = d->moved;
	d->vd.tx_result.result = result;
	d->vd.tx_result.residue = d->len - d->done;
	vdma_vchan_cookie_complete(&d->vd);

	vdma_engine_load(vchan);
}

static void vdma_engine_enqueue(struct vdma_chan *vchan)
{
	struct vdma_device *vdev = vchan->vdev;

	lockdep_assert_held(&vchan->vc.lock);

	spin_lock(&vdev->lock);
	if (list_empty(&vchan->ready_node)) {
		list_add_tail(&vchan->ready_node, &vdev->ready);
		WRITE_ONCE(vdev->nr_ready, vdev->nr_ready + 1);
	}
	spin_unlock(&vdev->lock);

	wake_up(&vdev->engine_wq);
}

static void vdma_engine_dequeue(struct vdma_chan *vchan)
{
	struct vdma_device *vdev = vchan->vdev;

	lockdep_assert_held(&vchan->vc.lock);

	spin_lock(&vdev->lock);
	if (!list_empty(&vchan->ready_node)) {
		list_del_init(&vchan->ready_node);
		WRITE_ONCE(vdev->nr_ready, vdev->nr_ready - 1);
	}
	spin_unlock(&vdev->lock);
}

static struct vdma_chan *vdma_engine_pick(struct vdma_device *vdev)
{
	struct vdma_chan *vchan;

	spin_lock_irq(&vdev->lock);
	vchan = list_first_entry_or_null(&vdev->ready, struct vdma_chan,
					 ready_node);
	if (vchan) {
		list_del_init(&vchan->ready_node);
		WRITE_ONCE(vdev->nr_ready, vdev->nr_ready - 1);
	}
	spin_unlock_irq(&vdev->lock);

	return vchan;
}

/*
 * Serve @vchan until it runs out of work, is paused, or has used its
 * quantum while other channels wait.  Bottom halves are disabled around
 * each locked section so that the completion tasklet scheduled there runs
 * right when the section ends, on this CPU, like an interrupt handler
 * returning would let it.
 */
static void vdma_engine_run(struct vdma_engine *eng, struct vdma_chan *vchan)
{
	struct vdma_device *vdev = eng->vdev;
	struct device *dev = vdev->dma.dev;
	unsigned int bursts = 0;
	enum dmaengine_tx_result result;
	struct vdma_desc *d;
	struct vdma_seg *seg;
	bool yield = false;
	size_t off, n;

	local_bh_disable();
	spin_lock_irq(&vchan->vc.lock);

	/* Queued again while another engine was serving it. */
	if (vchan->engine)
		goto out_unlock;
	vchan->engine = eng;

	for (;;) {
		d = vchan->active;
		if (!d || vchan->paused)
			break;
		if (d->moved == d->len) {
			vdma_engine_complete(vchan, DMA_TRANS_NOERROR);
			continue;
		}
		if (bursts >= VDMA_QUANTUM && READ_ONCE(vdev->nr_ready)) {
			yield = true;
			break;
		}

		seg = &d->segs[d->seg];
		off = d->seg_off;
		n = min_t(size_t, seg->len - off, vdev->burst);
		vchan->inflight = d;
		spin_unlock_irq(&vchan->vc.lock);
		local_bh_enable();

		result = vdma_engine_copy(dev, seg->dst + off, seg->src + off,
					  n);
		cond_resched();

		local_bh_disable();
		spin_lock_irq(&vchan->vc.lock);
		vchan->inflight = NULL;

		if (vchan->active != d) {
			/* Terminated meanwhile: its memory is released now. */
			if (wq_has_sleeper(&vdev->sync_wq))
				wake_up_all(&vdev->sync_wq);
			continue;
		}
		if (result != DMA_TRANS_NOERROR) {
			vdma_engine_complete(vchan, result);
			continue;
		}

		bursts++;
		d->moved += n;
		d->seg_off += n;
		if (d->seg_off == seg->len) {
			d->seg++;
			d->seg_off = 0;
		}
		/* Paused during the burst: the residue stays where it was. */
		if (!vchan->paused)
			d->done = d->moved;
	}

	vchan->engine = NULL;
	if (yield)
		vdma_engine_enqueue(vchan);
out_unlock:
	spin_unlock_irq(&vchan->vc.lock);
	local_bh_enable();
}

static int vdma_engine_thread(void *data)
{
	struct vdma_engine *eng = data;
	struct vdma_device *vdev = eng->vdev;
	struct vdma_chan *vchan;

	while (!kthread_should_stop()) {
		vchan = vdma_engine_pick(vdev);
		if (vchan) {
			vdma_engine_run(eng, vchan);
			continue;
		}
		/* TASK_IDLE: a waiting engine is no load on the system. */
		wait_event_idle_exclusive(vdev->engine_wq,
					  READ_ONCE(vdev->nr_ready) ||
					  kthread_should_stop());
	}

	return 0;
}

/**
 * vdma_engine_dev_init() - initialize the scheduling state of a device
 * @vdev: device being probed
 *
 * Context: process context.
 */
void vdma_engine_dev_init(struct vdma_device *vdev)
{
	spin_lock_init(&vdev->lock);
	INIT_LIST_HEAD(&vdev->ready);
	vdev->nr_ready = 0;
	init_waitqueue_head(&vdev->engine_wq);
	init_waitqueue_head(&vdev->sync_wq);
}

/**
 * vdma_engines_start() - start the engine threads
 * @vdev: device with @vdev->nr_engines and @vdev->engines set
 *
 * Context: process context, may sleep.
 * Return: 0 on success, else a negative errno and no engine runs.
 */
int vdma_engines_start(struct vdma_device *vdev)
{
	struct vdma_engine *eng;
	unsigned int i;
	int ret;

	for (i = 0; i < vdev->nr_engines; i++) {
		eng = &vdev->engines[i];
		eng->vdev = vdev;
		eng->task = kthread_run(vdma_engine_thread, eng, "%s-e%u",
					dev_name(vdev->dma.dev), i);
		if (IS_ERR(eng->task)) {
			ret = PTR_ERR(eng->task);
			goto out_stop_started;
		}
	}

	return 0;

out_stop_started:
	while (i--)
		kthread_stop(vdev->engines[i].task);
	return ret;
}

/**
 * vdma_engines_stop() - stop the engine threads
 * @vdev: device whose channels have no work left
 *
 * Context: process context, may sleep.
 */
void vdma_engines_stop(struct vdma_device *vdev)
{
	unsigned int i;

	for (i = 0; i < vdev->nr_engines; i++)
		kthread_stop(vdev->engines[i].task);
}

/**
 * vdma_engine_kick() - make sure issued work on a channel gets an engine
 * @vchan: channel whose issued list may have grown
 *
 * Loads the first issued descriptor if none is loaded and queues the
 * channel for an engine unless one already serves it.
 *
 * Context: vc.lock held.
 */
void vdma_engine_kick(struct vdma_chan *vchan)
{
	lockdep_assert_held(&vchan->vc.lock);

	if (vchan->paused)
		return;
	if (!vchan->active && !vdma_engine_load(vchan))
		return;
	if (!vchan->engine)
		vdma_engine_enqueue(vchan);
}

/**
 * vdma_engine_stop_chan() - terminate the loaded descriptor of a channel
 * @vchan: channel
 *
 * The engine serving the channel, if any, drops the descriptor after the
 * burst in flight; vdma_engine_sync_chan() waits for that.  A paused
 * channel is reset to running.
 *
 * Context: vc.lock held.
 */
void vdma_engine_stop_chan(struct vdma_chan *vchan)
{
	lockdep_assert_held(&vchan->vc.lock);

	if (vchan->active) {
		vdma_vchan_terminate_vdesc(&vchan->active->vd);
		vchan->active = NULL;
	}
	vchan->paused = false;
	vdma_engine_dequeue(vchan);
}

/**
 * vdma_engine_pause_chan() - stop starting bursts on a channel
 * @vchan: channel
 *
 * From now on the residue does not change: a burst already in flight
 * finishes but is counted only once the channel resumes.
 *
 * Context: vc.lock held.
 */
void vdma_engine_pause_chan(struct vdma_chan *vchan)
{
	lockdep_assert_held(&vchan->vc.lock);

	vchan->paused = true;
}

/**
 * vdma_engine_resume_chan() - resume a paused channel where it stopped
 * @vchan: channel
 *
 * Context: vc.lock held.
 */
void vdma_engine_resume_chan(struct vdma_chan *vchan)
{
	lockdep_assert_held(&vchan->vc.lock);

	if (!vchan->paused)
		return;

	vchan->paused = false;
	if (vchan->active)
		vchan->active->done = vchan->active->moved;
	vdma_engine_kick(vchan);
}

static bool vdma_engine_chan_quiet(struct vdma_chan *vchan)
{
	bool quiet;

	spin_lock_irq(&vchan->vc.lock);
	quiet = !vchan->inflight || vchan->inflight == vchan->active;
	spin_unlock_irq(&vchan->vc.lock);

	return quiet;
}

/**
 * vdma_engine_sync_chan() - wait until no engine touches terminated work
 * @vchan: channel after vdma_engine_stop_chan()
 *
 * Context: process context, may sleep.
 */
void vdma_engine_sync_chan(struct vdma_chan *vchan)
{
	wait_event(vchan->vdev->sync_wq, vdma_engine_chan_quiet(vchan));
}
