/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vdma: a dmaengine provider with no hardware behind it.  Data structures
 * shared by the device glue (main.c) and the engine simulation (engine.c).
 */
#ifndef _VDMA_H
#define _VDMA_H

#include <linux/dmaengine.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "vchan.h"

/*
 * Longest descriptor: residues travel as u32 through struct dma_tx_state
 * and struct dmaengine_result, so a larger transfer could not report one.
 */
#define VDMA_MAX_LEN		U32_MAX

/**
 * struct vdma_seg - one contiguous piece of a transfer
 * @src: bus address of the source, in the vdma device's DMA space
 * @dst: bus address of the destination
 * @len: bytes
 */
struct vdma_seg {
	dma_addr_t src;
	dma_addr_t dst;
	size_t len;
};

/**
 * struct vdma_desc - a transfer: segments moved in order, burst by burst
 * @vd: virtual channel descriptor
 * @len: sum of the segments' lengths
 * @moved: bytes the engine has moved, under vc.lock
 * @done: bytes reported by tx_status, under vc.lock; trails @moved by the
 *	burst in flight when the channel was paused, until it is resumed
 * @seg: index of the segment the engine is in, under vc.lock
 * @seg_off: bytes of that segment already moved, under vc.lock
 * @segs: the segments, their lengths summing to @len
 */
struct vdma_desc {
	struct vdma_vdesc vd;
	size_t len;
	size_t moved;
	size_t done;
	unsigned int seg;
	size_t seg_off;
	struct vdma_seg segs[];
};

struct task_struct;
struct vdma_device;

/**
 * struct vdma_engine - one simulated engine, time-shared by the channels
 * @vdev: device it belongs to
 * @task: kernel thread that moves the data
 */
struct vdma_engine {
	struct vdma_device *vdev;
	struct task_struct *task;
};

/**
 * struct vdma_chan - a virtual channel
 * @vc: virtual channel layer state; vc.lock protects the fields below
 *	unless noted
 * @vdev: device the channel belongs to
 * @active: descriptor loaded into the channel, off the issued list
 * @inflight: descriptor whose memory an engine is accessing right now
 * @engine: engine serving the channel, NULL when none is
 * @paused: the channel does not start bursts
 * @cfg: last configuration given by device_config
 * @ready_node: entry in vdev->ready, under vdev->lock; empty when not queued
 */
struct vdma_chan {
	struct vdma_vchan vc;
	struct vdma_device *vdev;
	struct vdma_desc *active;
	struct vdma_desc *inflight;
	struct vdma_engine *engine;
	bool paused;
	struct dma_slave_config cfg;
	struct list_head ready_node;
};

/**
 * struct vdma_device - the provider
 * @dma: dmaengine device
 * @burst: bytes an engine moves between two looks at the channel state
 * @lock: protects @ready and @nr_ready
 * @ready: channels with a loaded descriptor waiting for an engine
 * @nr_ready: entries on @ready, read locklessly to decide whether to yield
 * @engine_wq: idle engines wait here for @ready to fill
 * @sync_wq: device_synchronize waits here for an engine to let go of
 *	terminated descriptors
 * @nr_engines: entries of @engines
 * @engines: the simulated engines
 * @nr_chans: entries of @chans
 * @chans: the virtual channels
 */
struct vdma_device {
	struct dma_device dma;
	unsigned int burst;

	spinlock_t lock;	/* ready list */
	struct list_head ready;
	unsigned int nr_ready;
	wait_queue_head_t engine_wq;
	wait_queue_head_t sync_wq;

	unsigned int nr_engines;
	struct vdma_engine *engines;
	unsigned int nr_chans;
	struct vdma_chan chans[];
};

static inline struct vdma_chan *to_vdma_chan(struct dma_chan *chan)
{
	return container_of(chan, struct vdma_chan, vc.chan);
}

static inline struct vdma_desc *to_vdma_desc(struct vdma_vdesc *vd)
{
	return container_of(vd, struct vdma_desc, vd);
}

void vdma_engine_dev_init(struct vdma_device *vdev);
int vdma_engines_start(struct vdma_device *vdev);
void vdma_engines_stop(struct vdma_device *vdev);
void vdma_engine_kick(struct vdma_chan *vchan);
void vdma_engine_stop_chan(struct vdma_chan *vchan);
void vdma_engine_pause_chan(struct vdma_chan *vchan);
void vdma_engine_resume_chan(struct vdma_chan *vchan);
void vdma_engine_sync_chan(struct vdma_chan *vchan);

#endif /* _VDMA_H */
