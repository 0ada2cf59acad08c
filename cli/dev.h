/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: /dev/dmactl, one session, its channel and its buffers.
 *
 * Every function returns 0 or a negative errno and, except where noted,
 * describes a failure with errf() naming the channel, buffer or job.
 */
#ifndef DMACTL_DEV_H
#define DMACTL_DEV_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/dmactl.h>

#define DMACTL_DEV_PATH	"/dev/" DMACTL_DEV_NAME

struct dev {
	int fd;
	struct dmactl_info info;	/* what the module offers */
	bool have_chan;
	char chan[DMACTL_NAME_LEN];	/* the channel held, if any */
};

/* A coherent buffer, mapped into the process while @map is not NULL. */
struct dev_buf {
	uint32_t id;
	uint64_t len;
	uint64_t mmap_offset;
	void *map;
};

enum chan_by {
	CHAN_BY_CAPS,		/* any free channel with the capabilities */
	CHAN_BY_NAME,		/* "dma0chan3" */
	CHAN_BY_DEVICE,		/* a provider, "dma0" or its device name */
};

/* Open a session and read DMACTL_IOC_INFO into @d->info. */
int dev_open(struct dev *d);
/* End the session; the kernel then frees whatever it still holds. */
void dev_close(struct dev *d);

/* @name is ignored for CHAN_BY_CAPS; @caps is 1 << DMACTL_CAP_* bits. */
int dev_request(struct dev *d, enum chan_by by, const char *name,
		uint64_t caps);
int dev_release(struct dev *d);
int dev_chan_info(struct dev *d, struct dmactl_chan_info *ci);

/* Allocate a coherent buffer of @len bytes and map it whole. */
int dev_buf_alloc(struct dev *d, uint64_t len, struct dev_buf *b);
/* Unmap @b, keeping it allocated; described with errf() on failure. */
int dev_buf_unmap(struct dev *d, struct dev_buf *b);
/* Unmap and free @b; a buffer with id 0 is ignored. */
int dev_buf_free(struct dev *d, struct dev_buf *b);

/*
 * -EAGAIN, not described: the provider refused the first job while jobs
 * of the session are in flight (out of descriptors); -EIO described as
 * the provider's refusal, naming the channel and its driver.
 */
int dev_submit(struct dev *d, const struct dmactl_job *jobs, uint32_t count,
	       bool issue, uint64_t *first_id, uint32_t *submitted);
/* Fails with -EINTR on a signal without describing it. */
int dev_wait(struct dev *d, uint64_t job_id, uint64_t timeout_ns);
int dev_status(struct dev *d, uint64_t first_id, uint32_t count, bool release,
	       struct dmactl_job_status *st);

/* One job's status, not released, not described on failure. */
int dev_query(struct dev *d, uint64_t id, struct dmactl_job_status *st);

/* dmaengine_slave_config(): the provider's errno, described. */
int dev_slave_config(struct dev *d, const struct dmactl_slave_config *cfg);
int dev_pause(struct dev *d);
int dev_resume(struct dev *d);
/* terminate_sync, or terminate_async when @async (dev_synchronize next) */
int dev_terminate(struct dev *d, bool async);
int dev_synchronize(struct dev *d);

/*
 * dev_events() - completion events of the session
 * @ev: room for @max records
 * @timeout_ms: wait this long for the first, -1 forever, 0 not at all
 * @n: records read, 0 on a timeout
 *
 * Fails with -EINTR on a signal without describing it.
 */
int dev_events(struct dev *d, struct dmactl_event *ev, size_t max,
	       int timeout_ms, size_t *n);

/*
 * dev_poll() - wait until one of @n sessions has events
 * @timeout_ms: as for poll()
 *
 * Return: 0 (also on a timeout), -EINTR on a signal (not described), or
 * a negative errno, described.
 */
int dev_poll(struct dev *const *d, unsigned int n, int timeout_ms);

/* The in-kernel measurement loop; @b in and out as DMACTL_IOC_BENCH has it. */
int dev_bench(struct dev *d, struct dmactl_bench *b);

#endif /* DMACTL_DEV_H */
