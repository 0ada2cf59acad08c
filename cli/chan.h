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

#include <signal.h>
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
 * chan_timing_model() - how a channel's provider times its transfers
 * @class_dir: SYSFS_DMA_CLASS but for tests
 * @chan: the channel
 * @buf: the first line of the provider device's timing_model attribute
 *	(vdma: "on ..." or "off ..." and the model's parameters), or "none"
 *	for a provider that publishes none: a real controller
 * @len: room in @buf
 *
 * Return: @buf.
 */
const char *chan_timing_model(const char *class_dir, const char *chan,
			      char *buf, size_t len);

/**
 * chan_port_addr() - the device address of a provider's loopback port
 * @class_dir: SYSFS_DMA_CLASS but for tests
 * @chan: a channel of the provider
 * @port: the port's number
 * @addr: its address, from the provider device's "ports" attribute, one
 *	"NUMBER ADDRESS DEPTH" line per port
 *
 * Return: 0, -ENOENT if the provider lists no ports, -ERANGE if it has no
 * port @port, -EINVAL for a line it cannot read.  Not described.
 */
int chan_port_addr(const char *class_dir, const char *chan,
		   unsigned int port, uint64_t *addr);

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

/* A notification of the "events" multicast group. */
struct nl_event {
	uint8_t cmd;			/* DMACTL_CMD_CHAN_TAKEN, ... */
	char chan[DMACTL_NAME_LEN];
	char device[DMACTL_NAME_LEN];
	bool has_pid;
	uint32_t pid;
	bool has_job;			/* JOB_ERROR: job_id .. residue */
	uint64_t job_id;
	uint64_t user_data;
	uint32_t result;
	uint64_t residue;
	bool has_bench;			/* BENCH_DONE: bytes .. elapsed_ns */
	uint64_t bytes;
	uint64_t ops;
	uint64_t errors;
	uint64_t elapsed_ns;
};

struct nl_sock;

/*
 * nl_watch_open() - join the "events" multicast group of the family
 * @sk: the socket, for nl_watch_run() and nl_watch_close()
 *
 * Return: 0; -ENOENT when the family is not registered (dmactl.ko not
 * loaded); another negative errno.  Described with errf().
 */
int nl_watch_open(struct nl_sock **sk);

/**
 * nl_watch_run() - hand each notification to @fn as it comes
 * @sk: from nl_watch_open()
 * @fn: called for each; a non-zero return ends the watch with that value
 * @arg: passed to @fn
 * @stop: the watch also ends, with 0, once this is non-zero (a signal
 *	handler's flag); checked at least every 100 ms
 *
 * Return: 0, @fn's value, or a negative errno described with errf().
 */
int nl_watch_run(struct nl_sock *sk,
		 int (*fn)(const struct nl_event *ev, void *arg), void *arg,
		 const volatile sig_atomic_t *stop);

void nl_watch_close(struct nl_sock *sk);

/* "chan_taken" for DMACTL_CMD_CHAN_TAKEN, ... */
const char *nl_event_name(uint8_t cmd);

#endif /* DMACTL_CHAN_H */
