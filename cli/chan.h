/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: the list of DMA channels, from sysfs and from the "dmactl"
 * generic netlink family.
 *
 * sysfs shows every channel but not what it can do; the netlink dump shows
 * capabilities but, like any consumer's view, misses the channels of a
 * provider whose channels are all taken.  The list merges both.
 */
#ifndef DMACTL_CHAN_H
#define DMACTL_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/dmactl.h>

#define SYSFS_DMA_CLASS	"/sys/class/dma"

struct chan_entry {
	char name[DMACTL_NAME_LEN];	/* "dma0chan3" */
	char device[DMACTL_NAME_LEN];	/* provider's struct device */
	char driver[DMACTL_NAME_LEN];	/* provider's driver, "" if none */
	uint32_t dev_id;
	uint32_t chan_id;
	bool caps_known;
	uint64_t caps;			/* 1 << DMACTL_CAP_* */
	uint32_t client_count;		/* consumers holding the channel */
	bool bytes_known;
	uint64_t bytes;			/* bytes transferred */
};

struct chan_list {
	struct chan_entry *v;
	size_t n;
	size_t alloc;
};

/* A zeroed entry at the end of @l, or NULL when out of memory. */
struct chan_entry *chan_list_add(struct chan_list *l);
void chan_list_free(struct chan_list *l);
/* By provider number, then channel number, then name. */
void chan_list_sort(struct chan_list *l);

/**
 * sysfs_scan_channels() - read every channel of the dma class
 * @class_dir: the class directory, SYSFS_DMA_CLASS but for tests
 * @l: entries are appended here, with caps_known false
 *
 * A missing @class_dir means no dmaengine channel exists: no entries.
 *
 * Return: 0, or a negative errno (described with errf()).
 */
int sysfs_scan_channels(const char *class_dir, struct chan_list *l);

/**
 * chan_merge() - add what the netlink dump knows to the sysfs view
 * @l: the sysfs entries, updated in place and extended
 * @nl: the netlink entries
 *
 * Return: 0, or -ENOMEM.
 */
int chan_merge(struct chan_list *l, const struct chan_list *nl);

/**
 * nl_dump_channels() - DMACTL_CMD_CHAN_GET dump of the "dmactl" family
 * @l: entries are appended here
 *
 * Return: 0; -ENOENT when the family is not registered (dmactl.ko not
 * loaded); another negative errno on failure.  Described with errf().
 */
int nl_dump_channels(struct chan_list *l);

#endif /* DMACTL_CHAN_H */
