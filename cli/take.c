// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: taking channels.
 */
#include <errno.h>

#include "cmd.h"
#include "take.h"

static int take(struct dev *d, struct dmactl_chan_info *ci,
		const struct take *t)
{
	const struct chan_choice *c = t->choice;
	const struct dmactl_info *mi = &d->info;
	int ret;

	if ((mi->features & t->features) != t->features)
		return errf(-EOPNOTSUPP, "%s: the module (ABI %u) lacks features 0x%llx that %s needs (EOPNOTSUPP)",
			    DMACTL_DEV_PATH, mi->abi_version,
			    (unsigned long long)(t->features & ~mi->features),
			    t->what);
	if (c->names)
		ret = dev_request(d, CHAN_BY_NAME, c->names[t->index], 0);
	else if (c->device)
		ret = dev_request(d, CHAN_BY_DEVICE, c->device, t->caps);
	else
		ret = dev_request(d, CHAN_BY_CAPS, NULL, t->caps);
	if (ret == -ENODEV && t->index > 0 && !c->names) {
		err_clear();
		return errf(ret, "channels '%u': only %u free %s channels%s%s (ENODEV)",
			    t->wanted, t->index, t->what,
			    c->device ? " on " : "", c->device ? c->device : "");
	}
	if (ret)
		return ret;
	ret = dev_chan_info(d, ci);
	if (ret)
		return ret;
	if (!(ci->caps & t->caps))
		return errf(-EOPNOTSUPP, "channel '%s': no %s capability (EOPNOTSUPP)",
			    ci->chan_name, t->what);
	return 0;
}

int chan_take(struct dev *d, struct dmactl_chan_info *ci, const struct take *t)
{
	int ret;

	ret = dev_open(d);
	if (ret)
		return ret;
	ret = take(d, ci, t);
	if (ret)
		dev_close(d);
	return ret;
}
