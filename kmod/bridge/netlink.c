// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: the "dmactl" generic netlink family, listing DMA channels.
 *
 * The dmaengine core exports no way to walk its devices.  What it does
 * offer a consumer is __dma_request_channel() with a filter, which the
 * core calls under dma_list_mutex for every free channel of every device
 * that passes the capability mask; a filter that always answers "no"
 * leaves no trace (find_candidate() only takes a channel the filter
 * accepted).  While it holds the mutex, a device's channel list cannot
 * change, so the filter snapshots every channel of each device it is
 * shown.  A device none of whose channels is free is never shown: it is
 * missing from the dump, as the ABI header says.
 */

#include <linux/device.h>
#include <linux/dmaengine.h>
#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "bridge.h"

struct dmactl_nl_chan {
	struct list_head node;
	char chan_name[DMACTL_NAME_LEN];
	char dev_name[DMACTL_NAME_LEN];
	char driver_name[DMACTL_NAME_LEN];
	u32 dev_id;
	u32 chan_id;
	u32 client_count;
	u64 caps;
	u64 bytes;
};

struct dmactl_nl_snapshot {
	struct list_head chans;
	const struct dma_device *last;
	int err;
};

static int dmactl_nl_snap_chan(struct dmactl_nl_snapshot *snap,
			       struct dma_chan *chan)
{
	struct dma_device *dma = chan->device;
	struct dmactl_nl_chan *c;
	int cpu;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;

	strscpy(c->chan_name, dma_chan_name(chan), sizeof(c->chan_name));
	strscpy(c->dev_name, dev_name(dma->dev), sizeof(c->dev_name));
	if (dma->dev->driver)
		strscpy(c->driver_name, dma->dev->driver->name,
			sizeof(c->driver_name));
	c->dev_id = dma->dev_id;
	c->chan_id = chan->chan_id;
	c->client_count = chan->client_count;
	c->caps = dmactl_caps_from_mask(&dma->cap_mask);
	for_each_possible_cpu(cpu)
		c->bytes += per_cpu_ptr(chan->local, cpu)->bytes_transferred;

	list_add_tail(&c->node, &snap->chans);
	return 0;
}

/* Runs under dma_list_mutex; never accepts a channel. */
static bool dmactl_nl_snap_filter(struct dma_chan *chan, void *param)
{
	struct dmactl_nl_snapshot *snap = param;
	struct dma_device *dma = chan->device;
	struct dma_chan *c;

	/* The core shows each device's free channels one after another. */
	if (snap->err || dma == snap->last)
		return false;
	snap->last = dma;

	list_for_each_entry(c, &dma->channels, device_node) {
		/* Unregistering: the core cleared this under the mutex. */
		if (!c->dev || !c->dev->chan)
			continue;
		snap->err = dmactl_nl_snap_chan(snap, c);
		if (snap->err)
			break;
	}
	return false;
}

static void dmactl_nl_snap_free(struct dmactl_nl_snapshot *snap)
{
	struct dmactl_nl_chan *c, *tmp;

	list_for_each_entry_safe(c, tmp, &snap->chans, node)
		kfree(c);
	kfree(snap);
}

static int dmactl_nl_chan_start(struct netlink_callback *cb)
{
	struct dmactl_nl_snapshot *snap;
	int err;

	snap = kzalloc(sizeof(*snap), GFP_KERNEL);
	if (!snap)
		return -ENOMEM;
	INIT_LIST_HEAD(&snap->chans);

	__dma_request_channel(NULL, dmactl_nl_snap_filter, snap, NULL);
	err = snap->err;
	if (err) {
		NL_SET_ERR_MSG(cb->extack, "no memory for the channel list");
		dmactl_nl_snap_free(snap);
		return err;
	}

	cb->args[0] = (long)snap;
	cb->args[1] = 0;
	return 0;
}

static int dmactl_nl_chan_done(struct netlink_callback *cb)
{
	struct dmactl_nl_snapshot *snap = (void *)cb->args[0];

	if (snap)
		dmactl_nl_snap_free(snap);
	return 0;
}

static struct genl_family dmactl_genl_family;

static int dmactl_nl_chan_fill(struct sk_buff *skb,
			       const struct dmactl_nl_chan *c)
{
	if (nla_put_string(skb, DMACTL_A_CHAN_NAME, c->chan_name) ||
	    nla_put_string(skb, DMACTL_A_DEV_NAME, c->dev_name) ||
	    nla_put_string(skb, DMACTL_A_DRIVER_NAME, c->driver_name) ||
	    nla_put_u32(skb, DMACTL_A_DEV_ID, c->dev_id) ||
	    nla_put_u32(skb, DMACTL_A_CHAN_ID, c->chan_id) ||
	    nla_put_u64_64bit(skb, DMACTL_A_CAPS, c->caps, DMACTL_A_PAD) ||
	    nla_put_u32(skb, DMACTL_A_CLIENT_COUNT, c->client_count) ||
	    nla_put_u64_64bit(skb, DMACTL_A_BYTES, c->bytes, DMACTL_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int dmactl_nl_chan_dump(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	struct dmactl_nl_snapshot *snap = (void *)cb->args[0];
	const struct dmactl_nl_chan *c;
	long idx = 0;
	void *hdr;

	list_for_each_entry(c, &snap->chans, node) {
		if (idx++ < cb->args[1])
			continue;

		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &dmactl_genl_family,
				  NLM_F_MULTI, DMACTL_CMD_CHAN_GET);
		if (!hdr)
			break;
		if (dmactl_nl_chan_fill(skb, c)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[1] = idx;
	}
	return skb->len;
}

/* A dump request carries no attribute today: say so if one comes. */
static const struct nla_policy dmactl_chan_get_policy[DMACTL_A_MAX + 1] = {
	[DMACTL_A_UNSPEC ... DMACTL_A_MAX] = {
		.type = NLA_REJECT,
		.reject_message = "DMACTL_CMD_CHAN_GET takes no attribute",
	},
};

static const struct genl_ops dmactl_genl_ops[] = {
	{
		.cmd = DMACTL_CMD_CHAN_GET,
		.start = dmactl_nl_chan_start,
		.dumpit = dmactl_nl_chan_dump,
		.done = dmactl_nl_chan_done,
		.policy = dmactl_chan_get_policy,
		.maxattr = DMACTL_A_MAX,
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
};

/**
 * dmactl_netlink_register() - register the "dmactl" genetlink family
 *
 * Context: Process context, module init.
 * Return: 0 on success, else the error of genl_register_family().
 */
int dmactl_netlink_register(void)
{
	return genl_register_family(&dmactl_genl_family);
}

/**
 * dmactl_netlink_unregister() - unregister the "dmactl" genetlink family
 *
 * Context: Process context, module exit or failed init.
 */
void dmactl_netlink_unregister(void)
{
	genl_unregister_family(&dmactl_genl_family);
}
