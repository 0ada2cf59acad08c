// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: requesting, describing, configuring, controlling and
 * releasing the session's channel.
 */

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "bridge.h"

/*
 * dmactl's capability numbers are ABI, the kernel's enum
 * dma_transaction_type is not: translate through this table only.
 * DMACTL_CAP_MEMCPY_SG has no entry: the bridge does not use
 * DMA_MEMCPY_SG, which only kernels 5.17 to 5.19 have, so no channel can
 * be asked for it.
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

	strscpy(s->chan_name, dma_chan_name(chan), sizeof(s->chan_name));
	dmactl_nl_learn_class(chan);
	WRITE_ONCE(s->chan, chan);
	dmactl_nl_chan_event(s, DMACTL_CMD_CHAN_TAKEN);
	return 0;
}

/**
 * dmactl_dirs_from_kernel() - translate a mask of transfer directions
 * @dirs: BIT() of enum dma_transfer_direction values
 *
 * Context: Any context.
 * Return: the mask as 1 << DMACTL_DIR_* bits.
 */
u32 dmactl_dirs_from_kernel(u32 dirs)
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

/**
 * dmactl_residue_from_kernel() - translate a residue granularity
 * @g: the provider's granularity
 *
 * Context: Any context.
 * Return: the DMACTL_RESIDUE_* value.
 */
u32 dmactl_residue_from_kernel(enum dma_residue_granularity g)
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

/**
 * dmactl_slave_caps() - what a channel can do, as its provider says
 * @chan: the channel
 * @caps: returns dma_get_slave_caps(), or without it what the channel's
 *	struct dma_device declares
 *
 * dma_get_slave_caps() refuses devices without DMA_SLAVE or DMA_CYCLIC
 * (or without directions), though a memcpy-only device declares its
 * residue granularity, its pause, resume and terminate operations and
 * descriptor reuse as well.  What the core would have copied from the
 * device is read from it then, without the per-channel refinement of
 * device_caps(), which the core calls only for slave devices.
 *
 * Context: Process context.
 * Return: 0, or the error of dma_get_slave_caps(), @caps filled either way.
 */
int dmactl_slave_caps(struct dma_chan *chan, struct dma_slave_caps *caps)
{
	struct dma_device *dma = chan->device;
	int ret;

	memset(caps, 0, sizeof(*caps));
	ret = dma_get_slave_caps(chan, caps);
	if (!ret)
		return 0;

	memset(caps, 0, sizeof(*caps));
	caps->src_addr_widths = dma->src_addr_widths;
	caps->dst_addr_widths = dma->dst_addr_widths;
	caps->directions = dma->directions;
	caps->min_burst = dma->min_burst;
	caps->max_burst = dma->max_burst;
	caps->max_sg_burst = dma->max_sg_burst;
	caps->residue_granularity = dma->residue_granularity;
	caps->cmd_pause = !!dma->device_pause;
	caps->cmd_resume = !!dma->device_resume;
	caps->cmd_terminate = !!dma->device_terminate_all;
	caps->descriptor_reuse = dma->descriptor_reuse;
	return ret;
}

static void dmactl_fill_slave_caps(struct dma_chan *chan,
				   struct dmactl_chan_info *info)
{
	struct dma_slave_caps caps;
	int ret;

	ret = dmactl_slave_caps(chan, &caps);
	info->slave_caps_errno = -ret;
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

/* dma_slave_config bus widths are byte counts from this list. */
static bool dmactl_width_ok(u32 width)
{
	switch (width) {
	case DMA_SLAVE_BUSWIDTH_UNDEFINED:
	case DMA_SLAVE_BUSWIDTH_1_BYTE:
	case DMA_SLAVE_BUSWIDTH_2_BYTES:
	case DMA_SLAVE_BUSWIDTH_3_BYTES:
	case DMA_SLAVE_BUSWIDTH_4_BYTES:
	case DMA_SLAVE_BUSWIDTH_8_BYTES:
	case DMA_SLAVE_BUSWIDTH_16_BYTES:
	case DMA_SLAVE_BUSWIDTH_32_BYTES:
	case DMA_SLAVE_BUSWIDTH_64_BYTES:
	case DMA_SLAVE_BUSWIDTH_128_BYTES:
		return true;
	default:
		return false;
	}
}

static const enum dma_transfer_direction dmactl_dir_kernel[] = {
	[DMACTL_DIR_MEM_TO_MEM] = DMA_MEM_TO_MEM,
	[DMACTL_DIR_MEM_TO_DEV] = DMA_MEM_TO_DEV,
	[DMACTL_DIR_DEV_TO_MEM] = DMA_DEV_TO_MEM,
	[DMACTL_DIR_DEV_TO_DEV] = DMA_DEV_TO_DEV,
};

static int dmactl_slave_config_check(const struct dmactl_slave_config *req)
{
	if (req->flags & ~DMACTL_CFG_FLAGS)
		return -EINVAL;
	if (req->reserved[0] || req->reserved[1])
		return -EINVAL;
	if (req->direction >= ARRAY_SIZE(dmactl_dir_kernel))
		return -EINVAL;
	if (!dmactl_width_ok(req->src_addr_width) ||
	    !dmactl_width_ok(req->dst_addr_width))
		return -EINVAL;
	/* Device addresses are the caller's, but must fit the type. */
	if ((phys_addr_t)req->src_addr != req->src_addr ||
	    (phys_addr_t)req->dst_addr != req->dst_addr)
		return -EINVAL;
	if (req->peripheral_config_len > dmactl_max_config_bytes)
		return -EINVAL;
	if (!req->peripheral_config_len != !req->peripheral_config)
		return -EINVAL;
	return 0;
}

/**
 * dmactl_ioc_slave_config() - DMACTL_IOC_SLAVE_CONFIG
 * @s: the session
 * @uarg: user struct dmactl_slave_config
 *
 * The peripheral_config blob is copied into memory that lives as long as
 * the configuration: the provider may keep the pointer.
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -EINVAL for a malformed request, -ENXIO without
 * a channel, -EOPNOTSUPP if the provider takes no configuration or if
 * the kernel (older than 5.12) cannot pass a peripheral_config blob,
 * -EPERM for a device address under kernel lockdown, the provider's errno
 * if it refuses this one, -ENOMEM, -EFAULT or -E2BIG from copying.
 */
int dmactl_ioc_slave_config(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_slave_config req;
	struct dma_slave_config cfg = {};
	void *blob = NULL;
	u32 usize;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_SLAVE_CONFIG_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;
	ret = dmactl_slave_config_check(&req);
	if (ret)
		return ret;
	if (!s->chan)
		return -ENXIO;
	if (!s->chan->device->device_config)
		return -EOPNOTSUPP;
	/*
	 * A device address lets MEM_TO_DEV write, and DEV_TO_MEM read, any
	 * physical address the channel reaches: what /dev/mem does, which
	 * kernel lockdown refuses.  Refuse it the same way, with the same
	 * errno.
	 */
	if (req.src_addr || req.dst_addr) {
		ret = security_locked_down(LOCKDOWN_DEV_MEM);
		if (ret)
			return ret;
	}

	if (req.peripheral_config_len) {
		blob = memdup_user(u64_to_user_ptr(req.peripheral_config),
				   req.peripheral_config_len);
		if (IS_ERR(blob))
			return PTR_ERR(blob);
		/* Before 5.12, it cannot reach the provider (see compat.h). */
		if (!DMACTL_HAVE_PERIPHERAL_CONFIG) {
			kfree(blob);
			return -EOPNOTSUPP;
		}
	}

	cfg.direction = dmactl_dir_kernel[req.direction];
	cfg.src_addr = req.src_addr;
	cfg.dst_addr = req.dst_addr;
	cfg.src_addr_width = req.src_addr_width;
	cfg.dst_addr_width = req.dst_addr_width;
	cfg.src_maxburst = req.src_maxburst;
	cfg.dst_maxburst = req.dst_maxburst;
	cfg.src_port_window_size = req.src_port_window_size;
	cfg.dst_port_window_size = req.dst_port_window_size;
	cfg.device_fc = req.flags & DMACTL_CFG_DEVICE_FC;
	dmactl_cfg_set_peripheral(&cfg, blob, req.peripheral_config_len);

	ret = dmaengine_slave_config(s->chan, &cfg);
	if (ret) {
		kfree(blob);
		return ret;
	}

	kfree(dmactl_cfg_peripheral(&s->cfg));
	s->cfg = cfg;
	s->cfg_set = true;
	return 0;
}

/**
 * dmactl_ioc_pause() - DMACTL_IOC_PAUSE and DMACTL_IOC_RESUME
 * @s: the session
 * @pause: pause if true, else resume
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -ENXIO without a channel, -EOPNOTSUPP if the
 * provider cannot, or the provider's errno.
 */
int dmactl_ioc_pause(struct dmactl_session *s, bool pause)
{
	struct dma_device *dma;
	int ret;

	lockdep_assert_held(&s->lock);

	if (!s->chan)
		return -ENXIO;
	dma = s->chan->device;
	if (pause ? !dma->device_pause : !dma->device_resume)
		return -EOPNOTSUPP;
	ret = pause ? dmaengine_pause(s->chan) : dmaengine_resume(s->chan);
	if (!ret)
		s->paused = pause;
	return ret;
}

/*
 * Waits for the callbacks of terminated descriptors.
 * dmaengine_synchronize() does nothing for a provider without
 * device_synchronize (pl330 among them), whose tasklet may still be
 * running a callback of a descriptor it just terminated.  Tasklets and
 * interrupt handlers run with bottom halves or interrupts off (on
 * PREEMPT_RT, bottom halves off take rcu_read_lock()), which RCU counts
 * as read-side critical sections: a grace period outlasts them.
 */
static void dmactl_chan_sync(struct dma_chan *chan)
{
	if (chan->device->device_synchronize)
		dmaengine_synchronize(chan);
	else
		synchronize_rcu();
}

/* dmaengine_terminate_sync(), for every provider. */
static int dmactl_chan_terminate_sync(struct dma_chan *chan)
{
	int ret = dmaengine_terminate_async(chan);

	if (!ret)
		dmactl_chan_sync(chan);
	return ret;
}

/*
 * A provider that cannot terminate (no device_terminate_all, or it
 * failed) still completes what it was given: the session's jobs are
 * issued, a paused channel resumed, and they are let finish, for the
 * buffers must outlive the transfers.  A provider that completes nothing
 * for DMACTL_STALL_MS has stalled: -ETIMEDOUT, the jobs still run.
 */
#define DMACTL_STALL_MS		30000

static int dmactl_chan_drain(struct dmactl_session *s)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(DMACTL_STALL_MS);
	unsigned int left, last = UINT_MAX;

	dmactl_jobs_issue(s);
	if (s->paused && !dmaengine_resume(s->chan))
		s->paused = false;
	for (;;) {
		/* Jobs without a callback only finish when looked at. */
		dmactl_jobs_reap(s);
		left = READ_ONCE(s->nr_unfinished);
		if (!left)
			break;
		if (left < last) {
			last = left;
			deadline = jiffies + msecs_to_jiffies(DMACTL_STALL_MS);
		} else if (time_after(jiffies, deadline)) {
			return -ETIMEDOUT;
		}
		wait_event_timeout(s->wq, READ_ONCE(s->nr_unfinished) < left,
				   msecs_to_jiffies(10));
	}
	/* The callbacks have run; their completion paths end too. */
	dmactl_chan_sync(s->chan);
	return 0;
}

/**
 * dmactl_chan_terminate() - stop every transfer of the session's channel
 * @s: the session, holding a channel
 *
 * After this, the provider touches no buffer of the session and runs no
 * callback of it any more; the unfinished jobs are TERMINATED.  A
 * provider that cannot terminate has its jobs let finish instead.
 *
 * Context: Process context, @s->lock held; sleeps until the provider has
 * stopped.
 * Return: 0; the error of dmaengine_terminate_sync() when the provider
 * could not terminate and the session's jobs were let finish; -ETIMEDOUT
 * if they did not finish either: then the provider still holds the
 * session's jobs and buffers, which must be kept.
 */
int dmactl_chan_terminate(struct dmactl_session *s)
{
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_chan_terminate_sync(s->chan);
	if (ret) {
		if (READ_ONCE(s->nr_unfinished))
			dev_warn(s->chan->device->dev,
				 "%s: terminate failed (%d), waiting for its jobs\n",
				 dma_chan_name(s->chan), ret);
		if (dmactl_chan_drain(s)) {
			dev_err(s->chan->device->dev,
				"%s: %u jobs did not finish in %u ms: keeping their buffers and the channel\n",
				dma_chan_name(s->chan),
				READ_ONCE(s->nr_unfinished), DMACTL_STALL_MS);
			return -ETIMEDOUT;
		}
	}
	s->term_id = 0;
	dmactl_jobs_terminated(s, U64_MAX);
	return ret;
}

/**
 * dmactl_ioc_terminate() - DMACTL_IOC_TERMINATE
 * @s: the session
 * @uarg: user struct dmactl_terminate
 *
 * Context: Process context, @s->lock held; sleeps until the provider has
 * stopped unless asynchronous.
 * Return: 0 on success, -EINVAL for a malformed request, -ENXIO without
 * a channel, -EBUSY while a DMACTL_IOC_BENCH runs, -EOPNOTSUPP if the
 * provider cannot terminate, the provider's errno, -EFAULT or -E2BIG from
 * copying.
 */
int dmactl_ioc_terminate(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_terminate req;
	u32 usize;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_TERMINATE_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;
	if (req.flags & ~DMACTL_TERMINATE_FLAGS)
		return -EINVAL;
	if (req.reserved[0] || req.reserved[1])
		return -EINVAL;
	if (!s->chan)
		return -ENXIO;
	/* The loop's descriptors would never call back. */
	if (s->bench_running)
		return -EBUSY;
	if (!s->chan->device->device_terminate_all)
		return -EOPNOTSUPP;

	if (req.flags & DMACTL_TERMINATE_ASYNC) {
		ret = dmaengine_terminate_async(s->chan);
		if (!ret)
			s->term_id = s->next_job_id;
		return ret;
	}

	ret = dmactl_chan_terminate_sync(s->chan);
	if (ret)
		return ret;
	s->term_id = 0;
	dmactl_jobs_terminated(s, U64_MAX);
	return 0;
}

/**
 * dmactl_ioc_synchronize() - DMACTL_IOC_SYNCHRONIZE
 * @s: the session
 *
 * Ends, TERMINATED, the jobs an asynchronous terminate stopped.
 *
 * Context: Process context, @s->lock held; sleeps until the provider has
 * stopped.
 * Return: 0 on success, -ENXIO without a channel.
 */
int dmactl_ioc_synchronize(struct dmactl_session *s)
{
	lockdep_assert_held(&s->lock);

	if (!s->chan)
		return -ENXIO;
	dmactl_chan_sync(s->chan);
	if (s->term_id) {
		dmactl_jobs_terminated(s, s->term_id);
		s->term_id = 0;
	}
	return 0;
}

/*
 * Everything the session did with its channel ends: jobs stop before
 * their buffers go, then the channel goes.  Returns false, keeping all
 * of it, if the provider neither terminated nor finished the jobs.
 */
static bool dmactl_chan_stop(struct dmactl_session *s)
{
	struct dma_chan *chan = s->chan;

	if (dmactl_chan_terminate(s) == -ETIMEDOUT)
		return false;
	dmactl_jobs_forget(s);
	dmactl_bufs_destroy(s);
	kfree(dmactl_cfg_peripheral(&s->cfg));
	memset(&s->cfg, 0, sizeof(s->cfg));
	s->cfg_set = false;
	s->paused = false;
	dmactl_nl_chan_event(s, DMACTL_CMD_CHAN_RELEASED);
	WRITE_ONCE(s->chan, NULL);
	dma_release_channel(chan);
	return true;
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
 * are allocated or a DMACTL_IOC_BENCH runs, -ETIMEDOUT if the provider
 * could not terminate and its jobs stalled: the channel stays held.
 */
int dmactl_ioc_chan_release(struct dmactl_session *s)
{
	lockdep_assert_held(&s->lock);

	if (!s->chan)
		return -ENXIO;
	if (s->nr_bufs || s->bench_running)
		return -EBUSY;

	return dmactl_chan_stop(s) ? 0 : -ETIMEDOUT;
}

/**
 * dmactl_chan_close() - end a session's use of DMA, whatever its state
 * @s: the session, with no ioctl running and no buffer mapped
 *
 * Context: Process context, @s->lock held; sleeps until the provider
 * has stopped.
 * Return: false if the provider still holds jobs of the session, which
 * must then never be freed (see dmactl_chan_terminate()).
 */
bool dmactl_chan_close(struct dmactl_session *s)
{
	lockdep_assert_held(&s->lock);

	return !s->chan || dmactl_chan_stop(s);
}
