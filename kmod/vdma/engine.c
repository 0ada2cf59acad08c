// SPDX-License-Identifier: GPL-2.0
/*
 * vdma engine simulation: the "hardware" behind the virtual channels.
 *
 * Each engine is a kernel thread.  A channel with a loaded descriptor waits
 * on the device's ready list until an engine takes it; the engine then
 * moves data step by step, a step being whole bursts, at most the
 * device's burst parameter.  Between two steps it looks at the channel
 * state under vc.lock, which is where pause, terminate, stalls and the
 * residue take effect.  When a descriptor ends, the engine completes it and
 * loads the next issued one itself, as a controller walking its descriptor
 * chain would.  After a quantum of steps it hands the channel back to the
 * tail of the ready list if other channels are waiting, so N channels
 * share M engines round-robin.
 *
 * A channel also leaves its engine when a FIFO port's request line grants
 * it nothing (fifo.c) and when a completion is delayed by fault injection;
 * the port, or the channel's timer, queues it again.  Nothing here spins:
 * a channel that cannot move holds no engine.
 *
 * Lock order: vc.lock, then a port's lock (two ports in index order), then
 * the device's ready-list lock.
 */
#include <linux/bottom_half.h>
#include <linux/dma-direct.h>
#include <linux/err.h>
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>

#include "vdma.h"

/* Steps a channel may run while other channels wait for an engine. */
#define VDMA_QUANTUM	16

/*
 * One side of a piece of a step: memory at a bus address, a position in a
 * FIFO's ring, or the fill byte.
 */
struct vdma_span {
	enum vdma_end_type type;
	dma_addr_t addr;
	struct vdma_port *port;
	size_t pos;
};

/*
 * Map the next contiguous run of @s, at most @len bytes: the rest of a
 * page of memory or of the ring.  There is no IOMMU between vdma and
 * memory, so bus addresses translate to physical ones; pages are mapped
 * one at a time so highmem works too.
 */
static void *vdma_span_map(struct device *dev, const struct vdma_span *s,
			   size_t len, size_t *n)
{
	phys_addr_t phys;
	size_t off;

	if (s->type == VDMA_END_PORT) {
		*n = min(len, s->port->depth - s->pos);
		return s->port->buf + s->pos;
	}

	phys = dma_to_phys(dev, s->addr);
	if (!pfn_valid(PHYS_PFN(phys)))
		return NULL;
	off = offset_in_page(phys);
	*n = min_t(size_t, len, PAGE_SIZE - off);
	return kmap_local_page(pfn_to_page(PHYS_PFN(phys))) + off;
}

static void vdma_span_unmap(const struct vdma_span *s, void *p)
{
	if (s->type == VDMA_END_MEM)
		kunmap_local(p);
}

static void vdma_span_advance(struct vdma_span *s, size_t n)
{
	if (s->type == VDMA_END_PORT)
		s->pos = (s->pos + n) % s->port->depth;
	else
		s->addr += n;
}

/* Move @len bytes from @src to @dst; *@moved counts those that arrived. */
static enum dmaengine_tx_result vdma_move(struct device *dev,
					  struct vdma_span *dst,
					  struct vdma_span *src, u8 fill,
					  size_t len, size_t *moved)
{
	size_t n, nd;
	void *s, *d;

	while (len) {
		s = NULL;
		n = len;
		if (src->type != VDMA_END_FILL) {
			s = vdma_span_map(dev, src, len, &n);
			if (!s)
				return DMA_TRANS_READ_FAILED;
		}
		d = vdma_span_map(dev, dst, n, &nd);
		if (!d) {
			if (s)
				vdma_span_unmap(src, s);
			return DMA_TRANS_WRITE_FAILED;
		}

		if (s)
			memcpy(d, s, nd);
		else
			memset(d, fill, nd);

		vdma_span_unmap(dst, d);
		if (s) {
			vdma_span_unmap(src, s);
			vdma_span_advance(src, nd);
		}
		vdma_span_advance(dst, nd);
		*moved += nd;
		len -= nd;
	}

	return DMA_TRANS_NOERROR;
}

static void vdma_cursor_advance(const struct vdma_desc *d,
				struct vdma_cursor *pos, size_t n)
{
	pos->off += n;
	if (pos->off < d->segs[pos->seg].len)
		return;
	pos->off = 0;
	if (++pos->seg < d->nr_segs)
		return;
	pos->seg = 0;
	if (++pos->frame == d->numf && d->cyclic)
		pos->frame = 0;
}

/*
 * Move @n bytes of @d from @pos on, advancing @pos; FIFO sides start at the
 * ring offsets reserved for the step.  Runs without vc.lock: only the
 * engine serving the channel moves the cursor, and it works on a copy.
 */
static enum dmaengine_tx_result vdma_engine_move(struct device *dev,
						 const struct vdma_desc *d,
						 struct vdma_cursor *pos,
						 size_t src_pos, size_t dst_pos,
						 size_t n, size_t *moved)
{
	struct vdma_span src = {
		.type = d->src.type,
		.port = d->src.port,
		.pos = src_pos,
	};
	struct vdma_span dst = {
		.type = d->dst.type,
		.port = d->dst.port,
		.pos = dst_pos,
	};
	enum dmaengine_tx_result result;
	const struct vdma_seg *seg;
	size_t len, done;

	*moved = 0;
	while (n) {
		seg = &d->segs[pos->seg];
		len = min(n, seg->len - pos->off);
		src.addr = seg->src + pos->frame * d->src.stride + pos->off;
		dst.addr = seg->dst + pos->frame * d->dst.stride + pos->off;

		done = 0;
		result = vdma_move(dev, &dst, &src, d->fill, len, &done);
		*moved += done;
		vdma_cursor_advance(d, pos, done);
		if (result != DMA_TRANS_NOERROR)
			return result;
		n -= len;
	}

	return DMA_TRANS_NOERROR;
}

/* Bytes the next step may move: whole bursts, and not past the end. */
static size_t vdma_step_want(const struct vdma_device *vdev,
			     const struct vdma_desc *d)
{
	size_t unit = d->width * d->maxburst;
	size_t step = max_t(size_t, unit, rounddown(vdev->burst, unit));

	return min(step, d->period - d->moved % d->period);
}

/*
 * DEV_TO_DEV: both ports must grant the step, locked in index order (they
 * are never the same port).
 */
static size_t vdma_engine_reserve2(struct vdma_chan *vchan,
				   struct vdma_port *sp, struct vdma_port *dp,
				   size_t want, size_t unit, size_t *src_pos,
				   size_t *dst_pos)
{
	struct vdma_port *first = sp->index < dp->index ? sp : dp;
	struct vdma_port *second = first == sp ? dp : sp;
	size_t n;

	spin_lock(&first->lock);
	spin_lock_nested(&second->lock, SINGLE_DEPTH_NESTING);

	n = vdma_port_grant(sp, false, want, unit);
	if (!n) {
		vdma_port_wait(sp, vchan);
	} else {
		n = vdma_port_grant(dp, true, n, unit);
		if (!n)
			vdma_port_wait(dp, vchan);
	}
	if (n) {
		*src_pos = vdma_port_reserve(sp, false);
		*dst_pos = vdma_port_reserve(dp, true);
	}

	spin_unlock(&second->lock);
	spin_unlock(&first->lock);

	return n;
}

/*
 * Ask the FIFO ports on either side for a step of @want bytes.  Returns
 * what their request lines grant, with the ring offsets reserved for it;
 * if they grant nothing the channel waits on the port holding it back.
 */
static size_t vdma_engine_reserve(struct vdma_chan *vchan,
				  struct vdma_desc *d, size_t want,
				  size_t *src_pos, size_t *dst_pos)
{
	struct vdma_port *sp = d->src.type == VDMA_END_PORT ? d->src.port : NULL;
	struct vdma_port *dp = d->dst.type == VDMA_END_PORT ? d->dst.port : NULL;
	size_t unit = d->width * d->maxburst;
	struct vdma_port *port;
	bool write;
	size_t n;

	lockdep_assert_held(&vchan->vc.lock);

	if (sp && dp)
		return vdma_engine_reserve2(vchan, sp, dp, want, unit, src_pos,
					    dst_pos);
	if (!sp && !dp)
		return want;

	port = sp ?: dp;
	write = port == dp;
	spin_lock(&port->lock);
	n = vdma_port_grant(port, write, want, unit);
	if (n)
		*(write ? dst_pos : src_pos) = vdma_port_reserve(port, write);
	else
		vdma_port_wait(port, vchan);
	spin_unlock(&port->lock);

	return n;
}

/* End the FIFO side(s) of a step: the bytes moved stay moved. */
static void vdma_engine_commit(struct vdma_desc *d, size_t moved)
{
	struct vdma_port *port;

	if (d->src.type == VDMA_END_PORT) {
		port = d->src.port;
		spin_lock(&port->lock);
		vdma_port_commit(port, false, moved);
		spin_unlock(&port->lock);
	}
	if (d->dst.type == VDMA_END_PORT) {
		port = d->dst.port;
		spin_lock(&port->lock);
		vdma_port_commit(port, true, moved);
		spin_unlock(&port->lock);
	}
}

/* What the timing model charges for the next @n bytes of @d. */
static u64 vdma_engine_cost(struct vdma_device *vdev,
			    const struct vdma_desc *d, size_t n)
{
	if (!READ_ONCE(vdev->model.on))
		return 0;
	/* A descriptor, and each period of a cyclic one, is loaded first. */
	return vdma_model_cost(&vdev->model, n, d->width, d->maxburst,
			       d->moved % d->period == 0);
}

/* The result injected into a descriptor as it starts, if any. */
static enum dmaengine_tx_result vdma_engine_fault(struct vdma_device *vdev,
						  const struct vdma_desc *d)
{
	u32 every = READ_ONCE(vdev->faults.every);

	if (!every || d->cyclic)
		return DMA_TRANS_NOERROR;
	if ((u32)atomic_inc_return(&vdev->faults.count) % every)
		return DMA_TRANS_NOERROR;

	return READ_ONCE(vdev->faults.result);
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
	d->pos = (struct vdma_cursor){ };
	d->due = 0;
	d->fault = vdma_engine_fault(vchan->vdev, d);
	vchan->active = d;

	return true;
}

/* Report the loaded descriptor finished and load the next one. */
static void vdma_engine_complete(struct vdma_chan *vchan)
{
	struct vdma_desc *d = vchan->active;

	lockdep_assert_held(&vchan->vc.lock);

	d->done = d->moved;
	d->vd.tx_result.result = d->fault;
	d->vd.tx_result.residue = d->len - d->done;
	vchan->stats.descriptors++;
	if (d->fault != DMA_TRANS_NOERROR)
		vchan->stats.errors++;
	vdma_vchan_cookie_complete(&d->vd);

	vdma_engine_load(vchan);
}

/*
 * Whether the finished descriptor @d may be completed now.  If fault
 * injection delays it, the channel's timer is armed for when it is due
 * and the channel leaves its engine meanwhile, as a controller whose
 * interrupt is late moves on only once the interrupt is served.
 */
static bool vdma_engine_due(struct vdma_chan *vchan, struct vdma_desc *d)
{
	u32 delay_us = READ_ONCE(vchan->vdev->faults.delay_us);
	u64 now;

	lockdep_assert_held(&vchan->vc.lock);

	if (!d->due) {
		if (!delay_us)
			return true;
		d->due = ktime_get_ns() + (u64)delay_us * NSEC_PER_USEC;
	}
	now = ktime_get_ns();
	if (now >= d->due)
		return true;

	hrtimer_start(&vchan->timer, ns_to_ktime(d->due), HRTIMER_MODE_ABS);
	return false;
}

/* Account a step of @n bytes that ended at @pos. */
static void vdma_engine_advance(struct vdma_chan *vchan, struct vdma_desc *d,
				const struct vdma_cursor *pos, size_t n)
{
	lockdep_assert_held(&vchan->vc.lock);

	d->pos = *pos;
	d->moved += n;
	vchan->stats.bytes += n;

	if (d->cyclic && n && d->moved % d->period == 0) {
		vchan->stats.periods++;
		if (d->moved == d->len)
			d->moved = 0;
		vdma_vchan_cyclic_callback(&d->vd);
	}

	/* Paused during the step: the residue stays where it was. */
	if (!vchan->paused)
		d->done = d->moved;
}

/*
 * Hold the channel while the engine is stalled: nothing moves, nothing
 * completes, and no other engine takes the channel over.
 */
static void vdma_engine_stall(struct vdma_engine *eng,
			      struct vdma_chan *vchan)
	__must_hold(&vchan->vc.lock)
{
	struct vdma_device *vdev = eng->vdev;

	spin_unlock_irq(&vchan->vc.lock);
	local_bh_enable();

	wait_event_idle(vdev->stall_wq,
			!READ_ONCE(eng->stalled) || kthread_should_stop());

	local_bh_disable();
	spin_lock_irq(&vchan->vc.lock);
}

/**
 * vdma_engine_wake() - queue a channel for an engine
 * @vchan: channel that may be able to move again
 *
 * Needs no channel lock, so that a port whose level changed and the
 * channel's timer may call it.  An engine that picks the channel while
 * another one serves it leaves it to that one.
 *
 * Context: any context; a port's lock may be held.
 */
void vdma_engine_wake(struct vdma_chan *vchan)
{
	struct vdma_device *vdev = vchan->vdev;
	unsigned long flags;

	spin_lock_irqsave(&vdev->lock, flags);
	if (list_empty(&vchan->ready_node)) {
		list_add_tail(&vchan->ready_node, &vdev->ready);
		WRITE_ONCE(vdev->nr_ready, vdev->nr_ready + 1);
	}
	spin_unlock_irqrestore(&vdev->lock, flags);

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
 * Serve @vchan until it runs out of work, is paused, waits for a request
 * line or a delayed completion, or has used its quantum while other
 * channels wait.  Bottom halves are disabled around each locked section so
 * that the completion tasklet scheduled there runs right when the section
 * ends, on this CPU, like an interrupt handler returning would let it.
 */
static void vdma_engine_run(struct vdma_engine *eng, struct vdma_chan *vchan)
{
	struct vdma_device *vdev = eng->vdev;
	struct device *dev = vdev->dma.dev;
	size_t n, moved, src_pos = 0, dst_pos = 0;
	enum dmaengine_tx_result result;
	unsigned int steps = 0;
	struct vdma_cursor pos;
	struct vdma_desc *d;
	bool yield = false;
	u64 cost;

	local_bh_disable();
	spin_lock_irq(&vchan->vc.lock);

	/*
	 * Queued again (by a port or the timer) while another engine was
	 * serving it: that engine keeps it.
	 */
	if (vchan->engine)
		goto out_unlock;
	vchan->engine = eng;
	vdma_port_unwait(vchan);

	for (;;) {
		d = vchan->active;
		if (!d || vchan->paused)
			break;
		if (READ_ONCE(eng->stalled) && !kthread_should_stop()) {
			vdma_engine_stall(eng, vchan);
			continue;
		}
		if (d->fault != DMA_TRANS_NOERROR ||
		    (!d->cyclic && d->moved == d->len)) {
			if (!vdma_engine_due(vchan, d))
				break;
			vdma_engine_complete(vchan);
			continue;
		}
		if (steps >= VDMA_QUANTUM && READ_ONCE(vdev->nr_ready)) {
			yield = true;
			break;
		}

		n = vdma_engine_reserve(vchan, d, vdma_step_want(vdev, d),
					&src_pos, &dst_pos);
		if (!n)
			break;
		cost = vdma_engine_cost(vdev, d, n);
		pos = d->pos;
		vchan->inflight = d;
		spin_unlock_irq(&vchan->vc.lock);
		local_bh_enable();

		result = vdma_engine_move(dev, d, &pos, src_pos, dst_pos, n,
					  &moved);
		if (cost)
			vdma_model_pace(eng, cost);
		cond_resched();

		local_bh_disable();
		spin_lock_irq(&vchan->vc.lock);
		vchan->inflight = NULL;
		/* The step happened, terminated or not: the FIFOs keep it. */
		vdma_engine_commit(d, moved);

		if (vchan->active != d) {
			/* Terminated meanwhile: its memory is released now. */
			if (wq_has_sleeper(&vdev->sync_wq))
				wake_up_all(&vdev->sync_wq);
			continue;
		}
		steps++;
		vdma_engine_advance(vchan, d, &pos, moved);
		if (result != DMA_TRANS_NOERROR)
			d->fault = result;
	}

	vchan->engine = NULL;
	if (yield)
		vdma_engine_wake(vchan);
out_unlock:
	spin_unlock_irq(&vchan->vc.lock);
	local_bh_enable();
}

static int vdma_engine_thread(void *data)
{
	struct vdma_engine *eng = data;
	struct vdma_device *vdev = eng->vdev;
	struct vdma_chan *vchan;

	eng->model_ns = ktime_get_ns();
	while (!kthread_should_stop()) {
		if (READ_ONCE(eng->stalled)) {
			/* Pass on a wakeup this engine will not serve. */
			if (READ_ONCE(vdev->nr_ready))
				wake_up(&vdev->engine_wq);
			wait_event_idle(vdev->stall_wq,
					!READ_ONCE(eng->stalled) ||
					kthread_should_stop());
			continue;
		}

		vchan = vdma_engine_pick(vdev);
		if (vchan) {
			vdma_engine_run(eng, vchan);
			continue;
		}

		/* TASK_IDLE: a waiting engine is no load on the system. */
		wait_event_idle_exclusive(vdev->engine_wq,
					  READ_ONCE(vdev->nr_ready) ||
					  READ_ONCE(eng->stalled) ||
					  kthread_should_stop());
		/* The timing model gives an idle engine no credit. */
		eng->model_ns = ktime_get_ns();
	}

	return 0;
}

static enum hrtimer_restart vdma_engine_timer(struct hrtimer *timer)
{
	vdma_engine_wake(container_of(timer, struct vdma_chan, timer));

	return HRTIMER_NORESTART;
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
	init_waitqueue_head(&vdev->stall_wq);
}

/**
 * vdma_engine_chan_init() - initialize the scheduling state of a channel
 * @vchan: channel of a device being probed
 *
 * Context: process context.
 */
void vdma_engine_chan_init(struct vdma_chan *vchan)
{
	INIT_LIST_HEAD(&vchan->ready_node);
	INIT_LIST_HEAD(&vchan->dreq_node);
	hrtimer_setup(&vchan->timer, vdma_engine_timer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_ABS);
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
		eng->index = i;
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
		vdma_engine_wake(vchan);
}

/**
 * vdma_engine_stop_chan() - terminate the loaded descriptor of a channel
 * @vchan: channel
 *
 * The engine serving the channel, if any, drops the descriptor after the
 * step in flight; vdma_engine_sync_chan() waits for that.  A paused
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
	/*
	 * An engine sleeping out the timing model's cost of a step has moved
	 * its data already: wake it, synchronize need not wait for the model.
	 */
	if (vchan->inflight)
		wake_up_process(vchan->engine->task);
	vchan->paused = false;
	vdma_port_unwait(vchan);
	vdma_engine_dequeue(vchan);
	/* A timer already firing only queues a channel with nothing to do. */
	hrtimer_try_to_cancel(&vchan->timer);
}

/**
 * vdma_engine_pause_chan() - stop starting steps on a channel
 * @vchan: channel
 *
 * From now on the residue does not change: a step already in flight
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
 * Also waits for the channel's timer, so that it cannot fire later.
 *
 * Context: process context, may sleep.
 */
void vdma_engine_sync_chan(struct vdma_chan *vchan)
{
	wait_event(vchan->vdev->sync_wq, vdma_engine_chan_quiet(vchan));
	hrtimer_cancel(&vchan->timer);
}

/**
 * vdma_engine_set_stalled() - stall and release engines
 * @vdev: device
 * @mask: bit i set stalls engine i, clear releases it
 *
 * A stalled engine finishes the step in flight and then holds on to its
 * channel, if any, moving nothing until it is released.
 *
 * Context: process context.
 */
void vdma_engine_set_stalled(struct vdma_device *vdev, u64 mask)
{
	unsigned int i;

	for (i = 0; i < vdev->nr_engines; i++)
		WRITE_ONCE(vdev->engines[i].stalled, !!(mask & BIT_ULL(i)));

	/* Idle engines re-check their state, stalled ones their release. */
	wake_up_all(&vdev->engine_wq);
	wake_up_all(&vdev->stall_wq);
}

/**
 * vdma_engine_stalled() - which engines are stalled
 * @vdev: device
 *
 * Context: any context.
 * Return: bit i set if engine i is stalled.
 */
u64 vdma_engine_stalled(struct vdma_device *vdev)
{
	unsigned int i;
	u64 mask = 0;

	for (i = 0; i < vdev->nr_engines; i++)
		if (READ_ONCE(vdev->engines[i].stalled))
			mask |= BIT_ULL(i);

	return mask;
}
