// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: requesting, describing and releasing the session's channel.
 */

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "bridge.h"

/*
 * dmactl's capability numbers are ABI, the kernel's enum
 * dma_transaction_type is not: translate through this table only.
 * DMACTL_CAP_MEMCPY_SG has no entry: the kernels this module builds for
 * have no DMA_MEMCPY_SG, so no channel can be asked for it.
 */
static const struct {
	enum dma_transaction_type tx;
	enum dmactl_cap cap;
} dmactl_cap_map[] = {
	{ DMA_MEMCPY, DMACTL_CAP_MEMCPY },
	{ DMA_XOR, DMACTL_CAP_XOR },
	{ DMA_PQ, DMACTL_CAP_PQ },
	{ DMA_XOR_VAL, DMACTL_CAP_XOR_VAL },
	{ DMA_PQ_VAL, DMACTL_CAP_PQ_VAL },
	{ DMA_MEMSET, DMACTL_CAP_MEMSET },
	{ DMA_MEMSET_SG, DMACTL_CAP_MEMSET_SG },
	{ DMA_INTERRUPT, DMACTL_CAP_INTERRUPT },
	{ DMA_PRIVATE, DMACTL_CAP_PRIVATE },
	{ DMA_ASYNC_TX, DMACTL_CAP_ASYNC_TX },
	{ DMA_SLAVE, DMACTL_CAP_SLAVE },
	{ DMA_CYCLIC, DMACTL_CAP_CYCLIC },
	{ DMA_INTERLEAVE, DMACTL_CAP_INTERLEAVE },
	{ DMA_COMPLETION_NO_ORDER, DMACTL_CAP_COMPLETION_NO_ORDER },
	{ DMA_REPEAT, DMACTL_CAP_REPEAT },
	{ DMA_LOAD_EOT, DMACTL_CAP_LOAD_EOT },
};

/**
 * dmactl_caps_from_mask() - translate a kernel capability mask for userspace
 * @mask: a dma_device's cap_mask
 *
 * Context: Any context.
 * Return: the mask as 1 << DMACTL_CAP_* bits.
 */
u64 dmactl_caps_from_mask(const dma_cap_mask_t *mask)
{
	u64 caps = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dmactl_cap_map); i++)
		if (test_bit(dmactl_cap_map[i].tx, mask->bits))
			caps |= BIT_ULL(dmactl_cap_map[i].cap);
	return caps;
}

/*
 * Returns false when @caps asks for a capability the running kernel does
 * not know: no channel can have it.
 */
static bool dmactl_caps_to_mask(u64 caps, dma_cap_mask_t *mask)
{
	unsigned int i;

	dma_cap_zero(*mask);
	for (i = 0; i < ARRAY_SIZE(dmactl_cap_map); i++) {
		if (caps & BIT_ULL(dmactl_cap_map[i].cap)) {
			dma_cap_set(dmactl_cap_map[i].tx, *mask);
			caps &= ~BIT_ULL(dmactl_cap_map[i].cap);
		}
	}
	return !caps;
}

struct dmactl_chan_match {
	u32 flags;
	const char *name;
};

/* Called by the dmaengine core for each free channel that has the caps. */
static bool dmactl_chan_filter(struct dma_chan *chan, void *param)
{
	const struct dmactl_chan_match *m = param;
	char dev_id[16];

	if (m->flags & DMACTL_REQ_BY_NAME)
		return !strcmp(dma_chan_name(chan), m->name);

	if (m->flags & DMACTL_REQ_BY_DEVICE) {
		snprintf(dev_id, sizeof(dev_id), "dma%d",
			 chan->device->dev_id);
		return !strcmp(dev_id, m->name) ||
		       !strcmp(dev_name(chan->device->dev), m->name);
	}

	return true;
}

/**
 * dmactl_ioc_chan_request() - DMACTL_IOC_CHAN_REQUEST
 * @s: the session
 * @uarg: user struct dmactl_chan_request
 *
 * Context: Process context, @s->lock held.
 * Return: 0 with the channel held, -EINVAL for a malformed request,
 * -EBUSY if a channel is already held, -ENODEV if no free channel
 * matches, -EFAULT or -E2BIG from copying the request.
 */
int dmactl_ioc_chan_request(struct dmactl_session *s, void __user *uarg)
{
	const u32 by_name = DMACTL_REQ_BY_NAME | DMACTL_REQ_BY_DEVICE;
	struct dmactl_chan_request req;
	struct dmactl_chan_match match;
	struct dma_chan *chan;
	dma_cap_mask_t mask;
	size_t len;
	u32 usize;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_CHAN_REQUEST_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;

	if (!req.flags || (req.flags & ~DMACTL_REQ_FLAGS) ||
	    (req.flags & by_name) == by_name)
		return -EINVAL;
	if (req.reserved[0] || req.reserved[1])
		return -EINVAL;
	if (!(req.flags & DMACTL_REQ_BY_CAPS) && req.caps)
		return -EINVAL;
	if (req.caps & ~GENMASK_ULL(DMACTL_CAP_COUNT - 1, 0))
		return -EINVAL;
	if (req.flags & by_name) {
		len = strnlen(req.name, sizeof(req.name));
		if (!len || len == sizeof(req.name))
			return -EINVAL;
	} else if (memchr_inv(req.name, 0, sizeof(req.name))) {
		return -EINVAL;
	}

	if (s->chan)
		return -EBUSY;

	if (!dmactl_caps_to_mask(req.caps, &mask))
		return -ENODEV;

	match.flags = req.flags;
	match.name = req.name;
	chan = dma_request_channel(mask, dmactl_chan_filter, &match);
	if (!chan)
		return -ENODEV;

	strscpy(req.chan_name, dma_chan_name(chan), sizeof(req.chan_name));
	if (copy_to_user(uarg, &req, min_t(size_t, usize, sizeof(req)))) {
		dma_release_channel(chan);
		return -EFAULT;
	}

	WRITE_ONCE(s->chan, chan);
	return 0;
}

static u32 dmactl_dirs_from_kernel(u32 dirs)
{
	u32 out = 0;

	if (dirs & BIT(DMA_MEM_TO_MEM))
		out |= BIT(DMACTL_DIR_MEM_TO_MEM);
	if (dirs & BIT(DMA_MEM_TO_DEV))
		out |= BIT(DMACTL_DIR_MEM_TO_DEV);
	if (dirs & BIT(DMA_DEV_TO_MEM))
		out |= BIT(DMACTL_DIR_DEV_TO_MEM);
	if (dirs & BIT(DMA_DEV_TO_DEV))
		out |= BIT(DMACTL_DIR_DEV_TO_DEV);
	return out;
}

static u32 dmactl_residue_from_kernel(enum dma_residue_granularity g)
{
	switch (g) {
	case DMA_RESIDUE_GRANULARITY_SEGMENT:
		return DMACTL_RESIDUE_SEGMENT;
	case DMA_RESIDUE_GRANULARITY_BURST:
		return DMACTL_RESIDUE_BURST;
	default:
		return DMACTL_RESIDUE_DESCRIPTOR;
	}
}

static void dmactl_fill_slave_caps(struct dma_chan *chan,
				   struct dmactl_chan_info *info)
{
	struct dma_slave_caps caps = {};
	int ret;

	ret = dma_get_slave_caps(chan, &caps);
	if (ret) {
		info->slave_caps_errno = -ret;
		return;
	}

	info->src_addr_widths = caps.src_addr_widths;
	info->dst_addr_widths = caps.dst_addr_widths;
	info->directions = dmactl_dirs_from_kernel(caps.directions);
	info->min_burst = caps.min_burst;
	info->max_burst = caps.max_burst;
	info->max_sg_burst = caps.max_sg_burst;
	info->residue_granularity =
		dmactl_residue_from_kernel(caps.residue_granularity);
	if (caps.cmd_pause)
		info->slave_flags |= DMACTL_SLAVE_PAUSE;
	if (caps.cmd_resume)
		info->slave_flags |= DMACTL_SLAVE_RESUME;
	if (caps.cmd_terminate)
		info->slave_flags |= DMACTL_SLAVE_TERMINATE;
	if (caps.descriptor_reuse)
		info->slave_flags |= DMACTL_SLAVE_DESC_REUSE;
}

/**
 * dmactl_ioc_chan_info() - DMACTL_IOC_CHAN_INFO
 * @s: the session
 * @uarg: user struct dmactl_chan_info
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -ENXIO without a channel, -EFAULT, -EINVAL or
 * -E2BIG from copying the struct.
 */
int dmactl_ioc_chan_info(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_chan_info info;
	struct dma_device *dma;
	struct dma_chan *chan;
	u32 usize;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&info, sizeof(info), DMACTL_CHAN_INFO_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;

	chan = s->chan;
	if (!chan)
		return -ENXIO;
	dma = chan->device;

	/* Every field but size is an answer: what came in is not looked at. */
	memset(&info, 0, sizeof(info));
	info.size = usize;
	strscpy(info.chan_name, dma_chan_name(chan), sizeof(info.chan_name));
	strscpy(info.dev_name, dev_name(dma->dev), sizeof(info.dev_name));
	if (dma->dev->driver)
		strscpy(info.driver_name, dma->dev->driver->name,
			sizeof(info.driver_name));
	info.caps = dmactl_caps_from_mask(&dma->cap_mask);
	info.dev_id = dma->dev_id;
	info.chan_id = chan->chan_id;
	dmactl_fill_slave_caps(chan, &info);
	info.copy_align = dma->copy_align;
	info.fill_align = dma->fill_align;
	info.max_seg_size =
		dma_get_max_seg_size(dmaengine_get_dma_device(chan));

	if (copy_to_user(uarg, &info, min_t(size_t, usize, sizeof(info))))
		return -EFAULT;
	return 0;
}

/*
 * After this, the provider touches no buffer of the session and runs no
 * callback of it any more: what was still queued or running is stopped
 * and its records are forgotten.
 */
static void dmactl_chan_stop(struct dmactl_session *s)
{
	int ret;

	ret = dmaengine_terminate_sync(s->chan);
	if (ret) {
		/*
		 * A provider that cannot terminate still completes what it
		 * was given: let it, the buffers must outlive the transfers.
		 */
		dev_warn(s->chan->device->dev,
			 "%s: terminate failed (%d), waiting for its jobs\n",
			 dma_chan_name(s->chan), ret);
		dma_async_issue_pending(s->chan);
		wait_event(s->done_wq, !READ_ONCE(s->nr_unfinished));
	}
	dmactl_jobs_stop(s);
}

/**
 * dmactl_ioc_chan_release() - DMACTL_IOC_CHAN_RELEASE
 * @s: the session
 *
 * Terminates the channel's transfers, forgets every job and gives the
 * channel back.
 *
 * Context: Process context, @s->lock held; sleeps until the provider has
 * stopped.
 * Return: 0 on success, -ENXIO without a channel, -EBUSY while buffers
 * are allocated.
 */
int dmactl_ioc_chan_release(struct dmactl_session *s)
{
	struct dma_chan *chan = s->chan;

	lockdep_assert_held(&s->lock);

	if (!chan)
		return -ENXIO;
	if (s->nr_bufs)
		return -EBUSY;

	dmactl_chan_stop(s);
	WRITE_ONCE(s->chan, NULL);
	dma_release_channel(chan);
	return 0;
}

/**
 * dmactl_chan_close() - end a session's use of DMA, whatever its state
 * @s: the session, with no ioctl running and no buffer mapped
 *
 * Context: Process context; sleeps until the provider has stopped.
 */
void dmactl_chan_close(struct dmactl_session *s)
{
	struct dma_chan *chan = s->chan;

	if (!chan)
		return;

	dmactl_chan_stop(s);
	dmactl_bufs_destroy(s);
	WRITE_ONCE(s->chan, NULL);
	dma_release_channel(chan);
}
