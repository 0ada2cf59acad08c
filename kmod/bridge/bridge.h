/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmactl.ko: state shared by the files of the /dev/dmactl bridge.
 */
#ifndef DMACTL_BRIDGE_H
#define DMACTL_BRIDGE_H

#include <linux/atomic.h>
#include <linux/dmaengine.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/xarray.h>

#include <linux/dmactl.h>

struct vm_area_struct;

/* Module parameters, fixed at load time (main.c). */
extern unsigned long dmactl_max_buf_bytes;
extern unsigned int dmactl_max_buffers;
extern unsigned long long dmactl_max_session_bytes;
extern unsigned int dmactl_max_jobs;
extern unsigned int dmactl_max_batch;

/**
 * struct dmactl_session - one open file of /dev/dmactl
 * @lock: serialises the ioctls of the session
 * @chan: the channel held, or NULL; written under @lock, read without it
 *	by mmap(), which must not take @lock (mmap_lock nests outside it
 *	when an ioctl faults on user memory)
 * @bufs: buffer id -> struct dmactl_buf; its xa_lock orders mmap()
 *	pinning a buffer against BUF_FREE
 * @nr_bufs: buffers allocated, under @lock
 * @buf_bytes: page-rounded bytes of those buffers, under @lock
 * @jobs: job id -> struct dmactl_job_rec, changed under @lock only
 * @nr_jobs: job records held, under @lock
 * @next_job_id: id the next submitted job gets, under @lock
 * @unissued: jobs submitted but not yet issued, under @lock
 * @job_lock: job state shared with the completion callback
 * @nr_unfinished: submitted jobs neither complete nor terminated, under
 *	@job_lock
 * @done_wq: woken by every completion
 */
struct dmactl_session {
	struct mutex lock;		/* serialises the ioctls */
	struct dma_chan *chan;
	struct xarray bufs;
	unsigned int nr_bufs;
	u64 buf_bytes;
	struct xarray jobs;
	unsigned int nr_jobs;
	u64 next_job_id;
	struct list_head unissued;
	spinlock_t job_lock;		/* job state vs. callbacks */
	unsigned int nr_unfinished;
	wait_queue_head_t done_wq;
};

/**
 * struct dmactl_buf - a coherent buffer of a session
 * @dev: the device it was allocated for
 * @cpu_addr: kernel mapping, never shown to userspace
 * @dma_addr: bus address, never shown to userspace
 * @length: bytes requested, the range jobs may address
 * @alloc_len: @length rounded up to pages, what was allocated and mapped
 * @id: buffer id
 * @nr_maps: user mappings alive
 * @nr_jobs: unfinished jobs reading or writing it
 */
struct dmactl_buf {
	struct device *dev;
	void *cpu_addr;
	dma_addr_t dma_addr;
	size_t length;
	size_t alloc_len;
	u32 id;
	atomic_t nr_maps;
	atomic_t nr_jobs;
};

int dmactl_copy_in(void *kdst, size_t ksize, size_t size_ver0,
		   void __user *uarg, u32 *usize);
int dmactl_check_usize(u32 usize, size_t size_ver0);

u64 dmactl_caps_from_mask(const dma_cap_mask_t *mask);

int dmactl_ioc_chan_request(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_chan_info(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_chan_release(struct dmactl_session *s);
void dmactl_chan_close(struct dmactl_session *s);

int dmactl_ioc_buf_alloc(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_buf_free(struct dmactl_session *s, void __user *uarg);
int dmactl_buf_mmap(struct dmactl_session *s, struct vm_area_struct *vma);
void dmactl_bufs_destroy(struct dmactl_session *s);

int dmactl_ioc_submit(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_issue(struct dmactl_session *s);
int dmactl_ioc_wait(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_status(struct dmactl_session *s, void __user *uarg);
void dmactl_jobs_stop(struct dmactl_session *s);

int dmactl_netlink_register(void);
void dmactl_netlink_unregister(void);

#endif /* DMACTL_BRIDGE_H */
