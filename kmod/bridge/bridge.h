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
#include <linux/refcount.h>
#include <linux/scatterlist.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/xarray.h>

#include <linux/dmactl.h>

#include "compat.h"

struct file;
struct mm_struct;
struct poll_table_struct;
struct vm_area_struct;

/* Module parameters, fixed at load time (main.c). */
extern unsigned long dmactl_max_buf_bytes;
extern unsigned int dmactl_max_buffers;
extern unsigned long long dmactl_max_session_bytes;
extern unsigned long long dmactl_max_pin_bytes;
extern unsigned int dmactl_max_jobs;
extern unsigned int dmactl_max_batch;
extern unsigned int dmactl_event_ring;
extern unsigned int dmactl_max_sg_entries;
extern unsigned int dmactl_max_config_bytes;
extern unsigned int dmactl_bench_timeout_ms;

/**
 * struct dmactl_session - one open file of /dev/dmactl
 * @lock: serialises the ioctls of the session (WAIT and BENCH drop it
 *	while they sleep)
 * @chan: the channel held, or NULL; written under @lock, read without it
 *	by mmap(), which must not take @lock (mmap_lock nests outside it
 *	when an ioctl faults on user memory)
 * @chan_name: name of @chan, for notifications sent from callbacks
 * @pid: the process that opened the file, in the initial PID namespace,
 *	for notifications
 * @cfg: the slave configuration in effect, valid if @cfg_set
 * @cfg_set: a DMACTL_IOC_SLAVE_CONFIG succeeded on @chan
 * @bufs: buffer id -> struct dmactl_buf; its xa_lock orders mmap()
 *	pinning a buffer against BUF_FREE
 * @nr_bufs: buffers allocated, under @lock
 * @buf_bytes: page-rounded bytes of coherent and streaming buffers
 * @pin_bytes: bytes of the user pages pinned
 * @jobs: job id -> struct dmactl_job_rec, changed under @lock only
 * @nr_jobs: job records held, under @lock
 * @next_job_id: id the next submitted job gets, under @lock
 * @term_id: after an asynchronous terminate, the jobs below this id that
 *	are unfinished end TERMINATED at SYNCHRONIZE; 0 if none pending
 * @bench_running: a DMACTL_IOC_BENCH runs, under @lock: the channel may
 *	be neither released nor terminated
 * @paused: the last PAUSE or RESUME that succeeded was a PAUSE, under @lock
 * @unissued: jobs submitted but not yet issued, under @lock
 * @polled: unfinished jobs without a callback, under @lock
 * @job_lock: job state, the event ring and the bench run, shared with
 *	the completion callbacks
 * @nr_unfinished: submitted jobs neither complete nor terminated, under
 *	@job_lock
 * @wq: woken by every completion, termination and event
 * @read_lock: serialises the readers of the event ring
 * @ring: the event ring, @ring_size records
 * @ring_size: dmactl_event_ring when the file was opened
 * @ring_head: index of the oldest record, under @job_lock
 * @ring_len: records queued, under @job_lock
 * @dropped: events lost to a full ring, under @job_lock
 */
struct dmactl_session {
	struct mutex lock;		/* serialises the ioctls */
	struct dma_chan *chan;
	char chan_name[DMACTL_NAME_LEN];
	pid_t pid;
	struct dma_slave_config cfg;
	bool cfg_set;
	struct xarray bufs;
	unsigned int nr_bufs;
	u64 buf_bytes;
	u64 pin_bytes;
	struct xarray jobs;
	unsigned int nr_jobs;
	u64 next_job_id;
	u64 term_id;
	bool bench_running;
	bool paused;
	struct list_head unissued;
	struct list_head polled;
	spinlock_t job_lock;		/* job state vs. callbacks */
	unsigned int nr_unfinished;
	wait_queue_head_t wq;
	struct mutex read_lock;		/* one reader of the ring at a time */
	struct dmactl_event *ring;
	u32 ring_size;
	u32 ring_head;
	u32 ring_len;
	u64 dropped;
};

/**
 * struct dmactl_seg - a DMA-contiguous piece of a buffer
 * @off: offset of its first byte in the buffer
 * @len: bytes
 * @addr: bus address of its first byte, never shown to userspace
 */
struct dmactl_seg {
	u64 off;
	u64 len;
	dma_addr_t addr;
};

/**
 * struct dmactl_buf - a buffer of a session
 * @dev: the device it is mapped for
 * @type: DMACTL_BUF_*
 * @id: buffer id
 * @length: bytes requested, the range jobs may address
 * @alloc_len: bytes of whole pages allocated or pinned
 * @cpu_addr: COHERENT: kernel mapping, never shown to userspace
 * @dma_addr: COHERENT: bus address, never shown to userspace
 * @pages: STREAMING, USER: the pages, @nr_pages of them
 * @nr_pages: see @pages
 * @sgt: STREAMING, USER: the mapped sg table
 * @mm: USER: the address space whose pinned_vm counts the pages
 * @segs: the DMA segments, in buffer order, @nr_segs of them
 * @nr_segs: see @segs
 * @nr_maps: user mappings alive
 * @nr_jobs: unfinished (or reusable) jobs reading or writing it
 */
struct dmactl_buf {
	struct device *dev;
	u32 type;
	u32 id;
	size_t length;
	size_t alloc_len;
	void *cpu_addr;
	dma_addr_t dma_addr;
	struct page **pages;
	unsigned int nr_pages;
	struct sg_table sgt;
	struct mm_struct *mm;
	struct dmactl_seg *segs;
	unsigned int nr_segs;
	atomic_t nr_maps;
	atomic_t nr_jobs;
};

/**
 * struct dmactl_xfer - a checked job, ready to be prepared, once or many
 *	times
 * @type: DMACTL_JOB_*
 * @flags: DMACTL_JOB_* flags
 * @dir: the kernel's direction of SG, CYCLIC and INTERLEAVED
 * @src: MEMCPY: source bus address
 * @dst: MEMCPY, MEMSET: destination bus address
 * @buf_addr: CYCLIC: bus address of the buffer
 * @len: bytes one run moves
 * @period_len: CYCLIC: bytes per period
 * @value: MEMSET: the fill byte
 * @sgl: SG: the mapped entries, @sg_len of them
 * @sg_len: see @sgl
 * @xt: INTERLEAVED: the template
 * @bufs: the buffers it reads or writes, @nr_bufs of them
 * @nr_bufs: see @bufs
 * @buf_pair: storage of @bufs when two are enough
 */
struct dmactl_xfer {
	u32 type;
	u32 flags;
	enum dma_transfer_direction dir;
	dma_addr_t src;
	dma_addr_t dst;
	dma_addr_t buf_addr;
	size_t len;
	size_t period_len;
	int value;
	struct scatterlist *sgl;
	unsigned int sg_len;
	struct dma_interleaved_template *xt;
	struct dmactl_buf **bufs;
	unsigned int nr_bufs;
	struct dmactl_buf *buf_pair[2];
};

/**
 * struct dmactl_cb - a completion the provider's callback reaches
 * @fn: runs it, with the provider's result (NULL: none reported), in the
 *	callback's context, under the table's lock (xfer.c)
 * @id: what the descriptor carries as its callback parameter, 0 when
 *	not registered
 */
struct dmactl_cb {
	void (*fn)(struct dmactl_cb *cb, const struct dmaengine_result *res);
	u32 id;
};

/* main.c */
int dmactl_copy_in(void *kdst, size_t ksize, size_t size_ver0,
		   void __user *uarg, u32 *usize);
int dmactl_check_usize(u32 usize, size_t size_ver0);

/* chan.c */
u64 dmactl_caps_from_mask(const dma_cap_mask_t *mask);
u32 dmactl_dirs_from_kernel(u32 dirs);
u32 dmactl_residue_from_kernel(enum dma_residue_granularity g);
int dmactl_slave_caps(struct dma_chan *chan, struct dma_slave_caps *caps);
int dmactl_ioc_chan_request(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_chan_info(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_chan_release(struct dmactl_session *s);
int dmactl_ioc_slave_config(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_pause(struct dmactl_session *s, bool pause);
int dmactl_ioc_terminate(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_synchronize(struct dmactl_session *s);
int dmactl_chan_terminate(struct dmactl_session *s);
bool dmactl_chan_close(struct dmactl_session *s);

/* buf.c */
int dmactl_ioc_buf_alloc(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_buf_free(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_buf_sync(struct dmactl_session *s, void __user *uarg);
int dmactl_buf_mmap(struct dmactl_session *s, struct vm_area_struct *vma);
void dmactl_bufs_destroy(struct dmactl_session *s);
bool dmactl_buf_range_ok(const struct dmactl_buf *buf, u64 off, u64 len);
int dmactl_buf_contig(const struct dmactl_buf *buf, u64 off, u64 len,
		      dma_addr_t *addr);
unsigned int dmactl_buf_sg(const struct dmactl_buf *buf, u64 off, u64 len,
			   unsigned int max_seg, struct scatterlist *sg);

/* xfer.c */
int dmactl_xfer_init(struct dmactl_session *s, const struct dmactl_job *job,
		     struct dmactl_xfer *x);
void dmactl_xfer_destroy(struct dmactl_xfer *x);
void dmactl_xfer_pin(struct dmactl_xfer *x);
void dmactl_xfer_unpin(struct dmactl_xfer *x);
struct dma_async_tx_descriptor *dmactl_xfer_prep(struct dma_chan *chan,
						 const struct dmactl_xfer *x);
void dmactl_xfer_set_reuse(struct dma_async_tx_descriptor *tx);
int dmactl_cb_register(struct dmactl_cb *cb);
void dmactl_cb_unregister(struct dmactl_cb *cb);
void dmactl_xfer_set_callback(struct dma_async_tx_descriptor *tx,
			      struct dmactl_cb *cb);
void dmactl_xfer_account(struct dma_chan *chan, u32 type, size_t bytes);

/* job.c */
int dmactl_ioc_submit(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_resubmit(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_issue(struct dmactl_session *s);
int dmactl_ioc_wait(struct dmactl_session *s, void __user *uarg);
int dmactl_ioc_status(struct dmactl_session *s, void __user *uarg);
void dmactl_jobs_issue(struct dmactl_session *s);
void dmactl_jobs_reap(struct dmactl_session *s);
void dmactl_jobs_terminated(struct dmactl_session *s, u64 below_id);
void dmactl_jobs_forget(struct dmactl_session *s);
u32 dmactl_result_from_kernel(enum dmaengine_tx_result result);

/* event.c */
int dmactl_events_init(struct dmactl_session *s);
void dmactl_events_destroy(struct dmactl_session *s);
void dmactl_event_queue(struct dmactl_session *s,
			const struct dmactl_event *ev);
ssize_t dmactl_events_read(struct dmactl_session *s, struct file *file,
			   char __user *ubuf, size_t count);
__poll_t dmactl_events_poll(struct dmactl_session *s, struct file *file,
			    struct poll_table_struct *wait);

/* bench.c */
int dmactl_ioc_bench(struct dmactl_session *s, void __user *uarg);

/* netlink.c */
int dmactl_netlink_register(void);
void dmactl_netlink_unregister(void);
void dmactl_nl_learn_class(struct dma_chan *chan);
void dmactl_nl_chan_event(struct dmactl_session *s, u8 cmd);
void dmactl_nl_job_error(struct dmactl_session *s, u64 job_id, u64 user_data,
			 u32 result, u64 residue);
void dmactl_nl_bench_done(struct dmactl_session *s,
			  const struct dmactl_bench *res);

#endif /* DMACTL_BRIDGE_H */
