// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: the "dmactl" generic netlink family: dumps of the DMA
 * devices and channels, and the "events" multicast group.
 *
 * The dmaengine core exports no way to walk its devices, and offers a
 * consumer only its free channels: __dma_request_channel() calls a filter
 * for each free channel, under dma_list_mutex, and a filter that always
 * answers "no" leaves no trace.  A walk that starts there misses the busy
 * channels, and sees nothing at all when every channel of the system is
 * taken.  What every channel has, free or not, is its struct device in
 * the "dma" class (/sys/class/dma, what "dmactl list" reads): the module
 * walks that class.
 *
 * The class is not exported, but every channel's device points to it.
 * It is the dmaengine core's static dma_devclass, registered at boot by
 * code that is built in (CONFIG_DMA_ENGINE is a bool) and never
 * unregistered, so the module keeps the pointer from the first channel
 * it sees: at load (through the filter, if any channel is free then),
 * and from every channel a session takes.  Until then the dumps are
 * empty, and dmactl(1) completes its list from sysfs.
 *
 * Walking the class takes no dmaengine lock, so a channel may be
 * unregistered meanwhile.  The core clears chan_dev->chan (under
 * dma_list_mutex) before device_unregister() of the channel's device,
 * whose device_del() takes device_lock(); the provider frees the channel
 * only after that returns.  So each device is looked at under its
 * device_lock(): a chan_dev->chan read there is either NULL or a channel
 * (with its per-CPU counters and its dma_device) that stays until the
 * lock is dropped.
 *
 * Notifications are sent from a work item: they are built where they
 * happen, completion callbacks included, which must not block, and queued.
 */

#include <linux/device.h>
#include <linux/dmaengine.h>
#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/netlink.h>

#include "bridge.h"

/**
 * struct dmactl_nl_entry - a channel or a device in a snapshot
 * @node: in the snapshot's list of channels or of devices
 * @dma: the device, to group channels while the snapshot is taken only
 * @chan_name: "dma0chan3"; empty for a device
 * @dev_name: the provider's struct device
 * @driver_name: the provider's driver, "" if none
 * @dev_id: N of "dmaN"
 * @chan_id: the channel's index
 * @client_count: channel: consumers holding it
 * @chan_count: device: its channels
 * @chans_in_use: device: those a consumer holds
 * @caps: 1 << DMACTL_CAP_*
 * @bytes: bytes_transferred, a device's summed over its channels
 * @memcpy_count: memcpy_count, likewise
 * @sc: slave capabilities, or the device's fields without them
 */
struct dmactl_nl_entry {
	struct list_head node;
	const struct dma_device *dma;
	char chan_name[DMACTL_NAME_LEN];
	char dev_name[DMACTL_NAME_LEN];
	char driver_name[DMACTL_NAME_LEN];
	u32 dev_id;
	u32 chan_id;
	u32 client_count;
	u32 chan_count;
	u32 chans_in_use;
	u64 caps;
	u64 bytes;
	u64 memcpy_count;
	struct dma_slave_caps sc;
};

struct dmactl_nl_snapshot {
	struct list_head chans;
	struct list_head devs;
};

static struct genl_family dmactl_genl_family;

static void dmactl_nl_fill_dev(struct dmactl_nl_entry *e, struct dma_chan *chan)
{
	struct dma_device *dma = chan->device;

	e->dma = dma;
	strscpy(e->dev_name, dev_name(dma->dev), sizeof(e->dev_name));
	if (dma->dev->driver)
		strscpy(e->driver_name, dma->dev->driver->name,
			sizeof(e->driver_name));
	e->dev_id = dma->dev_id;
	e->caps = dmactl_caps_from_mask(&dma->cap_mask);
	dmactl_slave_caps(chan, &e->sc);
}

static struct dmactl_nl_entry *dmactl_nl_dev_of(struct dmactl_nl_snapshot *snap,
						struct dma_chan *chan)
{
	struct dmactl_nl_entry *d;

	list_for_each_entry(d, &snap->devs, node)
		if (d->dma == chan->device)
			return d;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return NULL;
	dmactl_nl_fill_dev(d, chan);
	list_add_tail(&d->node, &snap->devs);
	return d;
}

static int dmactl_nl_snap_chan(struct dmactl_nl_snapshot *snap,
			       struct dma_chan *chan)
{
	struct dmactl_nl_entry *c, *d;
	int cpu;

	d = dmactl_nl_dev_of(snap, chan);
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c || !d) {
		kfree(c);
		return -ENOMEM;
	}

	dmactl_nl_fill_dev(c, chan);
	strscpy(c->chan_name, dma_chan_name(chan), sizeof(c->chan_name));
	c->chan_id = chan->chan_id;
	c->client_count = chan->client_count;
	for_each_possible_cpu(cpu) {
		c->bytes += per_cpu_ptr(chan->local, cpu)->bytes_transferred;
		c->memcpy_count += per_cpu_ptr(chan->local, cpu)->memcpy_count;
	}
	list_add_tail(&c->node, &snap->chans);

	d->chan_count++;
	if (c->client_count)
		d->chans_in_use++;
	d->bytes += c->bytes;
	d->memcpy_count += c->memcpy_count;
	return 0;
}

/* The "dma" class, once a channel has shown it: see the top. */
static typeof(((struct device *)NULL)->class) dmactl_dma_class;

/**
 * dmactl_nl_learn_class() - remember the class of a channel's device
 * @chan: a channel the caller holds or sees under dma_list_mutex
 *
 * Context: Any context.
 */
void dmactl_nl_learn_class(struct dma_chan *chan)
{
	if (!READ_ONCE(dmactl_dma_class) && chan->dev)
		WRITE_ONCE(dmactl_dma_class, chan->dev->device.class);
}

/* For each device of the dma class: see the top for the locking. */
static int dmactl_nl_snap_dev(struct device *dev, void *param)
{
	struct dma_chan_dev *chan_dev = container_of(dev, struct dma_chan_dev,
						     device);
	struct dma_chan *chan;
	int ret = 0;

	device_lock(dev);
	/* Unregistering: the core cleared this under dma_list_mutex. */
	chan = READ_ONCE(chan_dev->chan);
	if (chan)
		ret = dmactl_nl_snap_chan(param, chan);
	device_unlock(dev);
	return ret;
}

/* Runs under dma_list_mutex, for a free channel; never accepts one. */
static bool dmactl_nl_learn_filter(struct dma_chan *chan, void *param)
{
	dmactl_nl_learn_class(chan);
	return false;
}

/* Learns the class from a free channel, if the module knows none yet. */
static void dmactl_nl_find_class(void)
{
	if (!READ_ONCE(dmactl_dma_class))
		__dma_request_channel(NULL, dmactl_nl_learn_filter, NULL, NULL);
}

static void dmactl_nl_snap_free(struct dmactl_nl_snapshot *snap)
{
	struct dmactl_nl_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &snap->chans, node)
		kfree(e);
	list_for_each_entry_safe(e, tmp, &snap->devs, node)
		kfree(e);
	kfree(snap);
}

static int dmactl_nl_start(struct netlink_callback *cb)
{
	typeof(dmactl_dma_class) class;
	struct dmactl_nl_snapshot *snap;
	int err;

	snap = kzalloc(sizeof(*snap), GFP_KERNEL);
	if (!snap)
		return -ENOMEM;
	INIT_LIST_HEAD(&snap->chans);
	INIT_LIST_HEAD(&snap->devs);

	dmactl_nl_find_class();
	class = READ_ONCE(dmactl_dma_class);
	err = class ? class_for_each_device(class, NULL, snap,
					    dmactl_nl_snap_dev) : 0;
	if (err) {
		NL_SET_ERR_MSG(cb->extack, "no memory for the channel list");
		dmactl_nl_snap_free(snap);
		return err;
	}

	cb->args[0] = (long)snap;
	cb->args[1] = 0;
	return 0;
}

static int dmactl_nl_done(struct netlink_callback *cb)
{
	struct dmactl_nl_snapshot *snap = (void *)cb->args[0];

	if (snap)
		dmactl_nl_snap_free(snap);
	return 0;
}

static int dmactl_nl_put_caps(struct sk_buff *skb,
			      const struct dmactl_nl_entry *e)
{
	if (nla_put_string(skb, DMACTL_A_DEV_NAME, e->dev_name) ||
	    nla_put_string(skb, DMACTL_A_DRIVER_NAME, e->driver_name) ||
	    nla_put_u32(skb, DMACTL_A_DEV_ID, e->dev_id) ||
	    nla_put_u64_64bit(skb, DMACTL_A_CAPS, e->caps, DMACTL_A_PAD) ||
	    nla_put_u32(skb, DMACTL_A_DIRECTIONS,
			dmactl_dirs_from_kernel(e->sc.directions)) ||
	    nla_put_u32(skb, DMACTL_A_SRC_WIDTHS, e->sc.src_addr_widths) ||
	    nla_put_u32(skb, DMACTL_A_DST_WIDTHS, e->sc.dst_addr_widths) ||
	    nla_put_u32(skb, DMACTL_A_MIN_BURST, e->sc.min_burst) ||
	    nla_put_u32(skb, DMACTL_A_MAX_BURST, e->sc.max_burst) ||
	    nla_put_u32(skb, DMACTL_A_MAX_SG_BURST, e->sc.max_sg_burst) ||
	    nla_put_u32(skb, DMACTL_A_RESIDUE_GRANULARITY,
			dmactl_residue_from_kernel(e->sc.residue_granularity)) ||
	    nla_put_u64_64bit(skb, DMACTL_A_BYTES, e->bytes, DMACTL_A_PAD) ||
	    nla_put_u64_64bit(skb, DMACTL_A_MEMCPY_COUNT, e->memcpy_count,
			      DMACTL_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int dmactl_nl_chan_fill(struct sk_buff *skb,
			       const struct dmactl_nl_entry *c)
{
	if (nla_put_string(skb, DMACTL_A_CHAN_NAME, c->chan_name) ||
	    nla_put_u32(skb, DMACTL_A_CHAN_ID, c->chan_id) ||
	    nla_put_u32(skb, DMACTL_A_CLIENT_COUNT, c->client_count) ||
	    nla_put_u8(skb, DMACTL_A_IN_USE, !!c->client_count))
		return -EMSGSIZE;
	return dmactl_nl_put_caps(skb, c);
}

static int dmactl_nl_dev_fill(struct sk_buff *skb,
			      const struct dmactl_nl_entry *d)
{
	if (nla_put_u32(skb, DMACTL_A_CHAN_COUNT, d->chan_count) ||
	    nla_put_u32(skb, DMACTL_A_CHANS_IN_USE, d->chans_in_use))
		return -EMSGSIZE;
	return dmactl_nl_put_caps(skb, d);
}

/* One message per entry of @list, resuming where the last call stopped. */
static int dmactl_nl_dump(struct sk_buff *skb, struct netlink_callback *cb,
			  const struct list_head *list, u8 cmd,
			  int (*fill)(struct sk_buff *skb,
				      const struct dmactl_nl_entry *e))
{
	const struct dmactl_nl_entry *e;
	long idx = 0;
	void *hdr;

	list_for_each_entry(e, list, node) {
		if (idx++ < cb->args[1])
			continue;

		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &dmactl_genl_family,
				  NLM_F_MULTI, cmd);
		if (!hdr)
			break;
		if (fill(skb, e)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[1] = idx;
	}
	return skb->len;
}

static int dmactl_nl_chan_dump(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	struct dmactl_nl_snapshot *snap = (void *)cb->args[0];

	return dmactl_nl_dump(skb, cb, &snap->chans, DMACTL_CMD_CHAN_GET,
			      dmactl_nl_chan_fill);
}

static int dmactl_nl_dev_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct dmactl_nl_snapshot *snap = (void *)cb->args[0];

	return dmactl_nl_dump(skb, cb, &snap->devs, DMACTL_CMD_DEV_GET,
			      dmactl_nl_dev_fill);
}

/* A dump request carries no attribute today: say so if one comes. */
static const struct nla_policy dmactl_get_policy[DMACTL_A_MAX + 1] = {
	[DMACTL_A_UNSPEC ... DMACTL_A_MAX] = {
		.type = NLA_REJECT,
		.reject_message = "dmactl dump requests take no attribute",
	},
};

static const struct genl_ops dmactl_genl_ops[] = {
	{
		.cmd = DMACTL_CMD_CHAN_GET,
		.start = dmactl_nl_start,
		.dumpit = dmactl_nl_chan_dump,
		.done = dmactl_nl_done,
		.policy = dmactl_get_policy,
		.maxattr = DMACTL_A_MAX,
	},
	{
		.cmd = DMACTL_CMD_DEV_GET,
		.start = dmactl_nl_start,
		.dumpit = dmactl_nl_dev_dump,
		.done = dmactl_nl_done,
		.policy = dmactl_get_policy,
		.maxattr = DMACTL_A_MAX,
	},
};

/*
 * The events tell what other users' sessions do (their processes, their
 * jobs' user_data and residues): only a listener with CAP_SYS_ADMIN may
 * join, the closest genetlink offers to /dev/dmactl's CAP_SYS_RAWIO.
 * GENL_MCAST_CAP_SYS_ADMIN came in 6.7, with the fixes that restricted
 * drop_monitor's and psample's groups, and stable kernels took it (the
 * 6.1 of bookworm has it): a macro, so its presence is tested here,
 * where it is used.  Without it anyone may join, and the events carry
 * nothing private: no PID, user_data or residue.
 */
#ifdef GENL_MCAST_CAP_SYS_ADMIN
#define DMACTL_NL_PRIVATE	true
#define DMACTL_NL_MCAST_FLAGS	GENL_MCAST_CAP_SYS_ADMIN
#else
#define DMACTL_NL_PRIVATE	false
#define DMACTL_NL_MCAST_FLAGS	0
#endif

static const struct genl_multicast_group dmactl_genl_mcgrps[] = {
	{
		.name = DMACTL_GENL_MCGRP_EVENTS,
		.flags = DMACTL_NL_MCAST_FLAGS,
	},
};

static struct genl_family dmactl_genl_family __ro_after_init = {
	.name = DMACTL_GENL_NAME,
	.version = DMACTL_GENL_VERSION,
	.maxattr = DMACTL_A_MAX,
	/* Each dump works on its own snapshot: genl_mutex protects nothing. */
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = dmactl_genl_ops,
	.n_ops = ARRAY_SIZE(dmactl_genl_ops),
	.mcgrps = dmactl_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(dmactl_genl_mcgrps),
};

static struct sk_buff_head dmactl_nl_queue;

static void dmactl_nl_send(struct work_struct *work)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&dmactl_nl_queue)))
		genlmsg_multicast(&dmactl_genl_family, skb, 0, 0, GFP_KERNEL);
}

static DECLARE_WORK(dmactl_nl_work, dmactl_nl_send);

/*
 * Starts a notification about @s, or returns NULL when nobody listens
 * or memory is short: notifications are best effort.
 */
static struct sk_buff *dmactl_nl_event_new(struct dmactl_session *s, u8 cmd,
					   void **hdr)
{
	struct sk_buff *skb;

	if (!genl_has_listeners(&dmactl_genl_family, &init_net, 0))
		return NULL;
	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &dmactl_genl_family, 0, cmd);
	if (!*hdr ||
	    nla_put_string(skb, DMACTL_A_CHAN_NAME, s->chan_name) ||
	    (DMACTL_NL_PRIVATE && nla_put_u32(skb, DMACTL_A_PID, s->pid))) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

static void dmactl_nl_event_send(struct sk_buff *skb, void *hdr, bool ok)
{
	if (!ok) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	skb_queue_tail(&dmactl_nl_queue, skb);
	schedule_work(&dmactl_nl_work);
}

/**
 * dmactl_nl_chan_event() - notify that a session took or released its
 *	channel
 * @s: the session, holding the channel
 * @cmd: DMACTL_CMD_CHAN_TAKEN or DMACTL_CMD_CHAN_RELEASED
 *
 * Context: Process context.
 */
void dmactl_nl_chan_event(struct dmactl_session *s, u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;

	skb = dmactl_nl_event_new(s, cmd, &hdr);
	if (skb)
		dmactl_nl_event_send(skb, hdr,
				     !nla_put_string(skb, DMACTL_A_DEV_NAME,
						     dev_name(s->chan->device->dev)));
}

/**
 * dmactl_nl_job_error() - notify that a job's callback reported an error
 * @s: the session
 * @job_id: the job
 * @user_data: the job's user_data
 * @result: DMACTL_RESULT_*
 * @residue: the callback's residue
 *
 * Context: Any context; completion callbacks call it.
 */
void dmactl_nl_job_error(struct dmactl_session *s, u64 job_id, u64 user_data,
			 u32 result, u64 residue)
{
	struct sk_buff *skb;
	void *hdr;

	bool ok;

	skb = dmactl_nl_event_new(s, DMACTL_CMD_JOB_ERROR, &hdr);
	if (!skb)
		return;
	ok = !nla_put_u64_64bit(skb, DMACTL_A_JOB_ID, job_id, DMACTL_A_PAD) &&
	     !nla_put_u32(skb, DMACTL_A_RESULT, result);
	if (DMACTL_NL_PRIVATE)
		ok = ok && !nla_put_u64_64bit(skb, DMACTL_A_USER_DATA,
					      user_data, DMACTL_A_PAD) &&
		     !nla_put_u64_64bit(skb, DMACTL_A_RESIDUE, residue,
					DMACTL_A_PAD);
	dmactl_nl_event_send(skb, hdr, ok);
}

/**
 * dmactl_nl_bench_done() - notify that a measurement loop ended
 * @s: the session
 * @res: its results
 *
 * Context: Process context.
 */
void dmactl_nl_bench_done(struct dmactl_session *s,
			  const struct dmactl_bench *res)
{
	struct sk_buff *skb;
	void *hdr;

	bool ok;

	skb = dmactl_nl_event_new(s, DMACTL_CMD_BENCH_DONE, &hdr);
	if (!skb)
		return;
	ok = !nla_put_u64_64bit(skb, DMACTL_A_BYTES, res->bytes, DMACTL_A_PAD) &&
	     !nla_put_u64_64bit(skb, DMACTL_A_OPS, res->ops, DMACTL_A_PAD) &&
	     !nla_put_u64_64bit(skb, DMACTL_A_ERRORS, res->errors,
				DMACTL_A_PAD) &&
	     !nla_put_u64_64bit(skb, DMACTL_A_ELAPSED_NS, res->elapsed_ns,
				DMACTL_A_PAD);
	dmactl_nl_event_send(skb, hdr, ok);
}

/**
 * dmactl_netlink_register() - register the "dmactl" genetlink family
 *
 * Context: Process context, module init.
 * Return: 0 on success, else the error of genl_register_family().
 */
int dmactl_netlink_register(void)
{
	dmactl_nl_find_class();
	skb_queue_head_init(&dmactl_nl_queue);
	return genl_register_family(&dmactl_genl_family);
}

/**
 * dmactl_netlink_unregister() - unregister the "dmactl" genetlink family
 *
 * Context: Process context, module exit or failed init: no session is
 * left to queue a notification, so what is queued is sent first.
 */
void dmactl_netlink_unregister(void)
{
	flush_work(&dmactl_nl_work);
	skb_queue_purge(&dmactl_nl_queue);
	genl_unregister_family(&dmactl_genl_family);
}
