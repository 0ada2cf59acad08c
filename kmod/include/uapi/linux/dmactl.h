/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * dmactl: userspace access to the Linux dmaengine consumer API.
 *
 * This header is the whole ABI of /dev/dmactl (ioctl and mmap) and of the
 * "dmactl" generic netlink family.  dmactl(4) documents every call, every
 * field and the errno of every way a call can fail.
 *
 * Rules that hold for every ioctl below:
 *  - each argument struct starts with "__u32 size", the size of the struct
 *    as the caller knows it.  The kernel accepts any size from the first
 *    published one (DMACTL_*_SIZE_VER0) up to a page: bytes it does not know
 *    must be zero (else E2BIG), missing trailing bytes read as zero.
 *    Output is copied back only up to the caller's size;
 *  - reserved fields and padding must be zero, unknown flags are rejected,
 *    both with EINVAL; unknown commands fail with ENOTTY;
 *  - on failure nothing is copied back to the caller;
 *  - every field is fixed-width and naturally aligned, every struct a
 *    multiple of 8 bytes, user pointers travel as __u64: the layout is the
 *    same for 32-bit and 64-bit processes;
 *  - times are nanoseconds of CLOCK_MONOTONIC, taken in the kernel.
 */
#ifndef _UAPI_LINUX_DMACTL_H
#define _UAPI_LINUX_DMACTL_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define DMACTL_ABI_VERSION	1
#define DMACTL_DEV_NAME		"dmactl"	/* /dev/dmactl */
#define DMACTL_NAME_LEN		64		/* names, NUL included */

/* Features reported by DMACTL_IOC_INFO. */
#define DMACTL_FEAT_CHAN_REQUEST	(1ULL << 0)	/* name, device, caps */
#define DMACTL_FEAT_COHERENT_BUF	(1ULL << 1)	/* alloc, mmap, free */
#define DMACTL_FEAT_MEMCPY		(1ULL << 2)	/* DMACTL_JOB_MEMCPY */
#define DMACTL_FEAT_NETLINK		(1ULL << 3)	/* channel dump */

/*
 * Channel capabilities: bit numbers in a __u64 mask.  The numbering is
 * dmactl's own and stable; the kernel's enum dma_transaction_type is not ABI.
 */
enum dmactl_cap {
	DMACTL_CAP_MEMCPY = 0,
	DMACTL_CAP_XOR = 1,
	DMACTL_CAP_PQ = 2,
	DMACTL_CAP_XOR_VAL = 3,
	DMACTL_CAP_PQ_VAL = 4,
	DMACTL_CAP_MEMSET = 5,
	DMACTL_CAP_MEMSET_SG = 6,
	DMACTL_CAP_INTERRUPT = 7,
	DMACTL_CAP_PRIVATE = 8,
	DMACTL_CAP_ASYNC_TX = 9,
	DMACTL_CAP_SLAVE = 10,
	DMACTL_CAP_CYCLIC = 11,
	DMACTL_CAP_INTERLEAVE = 12,
	DMACTL_CAP_COMPLETION_NO_ORDER = 13,
	DMACTL_CAP_REPEAT = 14,
	DMACTL_CAP_LOAD_EOT = 15,
	DMACTL_CAP_MEMCPY_SG = 16,
	DMACTL_CAP_COUNT
};

/* Transfer directions: bit numbers in dmactl_chan_info.directions. */
enum dmactl_dir {
	DMACTL_DIR_MEM_TO_MEM = 0,
	DMACTL_DIR_MEM_TO_DEV = 1,
	DMACTL_DIR_DEV_TO_MEM = 2,
	DMACTL_DIR_DEV_TO_DEV = 3,
};

/* dmactl_chan_info.residue_granularity */
enum dmactl_residue {
	DMACTL_RESIDUE_DESCRIPTOR = 0,	/* only "done" or "not done" */
	DMACTL_RESIDUE_SEGMENT = 1,	/* updated after each sg segment */
	DMACTL_RESIDUE_BURST = 2,	/* updated after each burst */
};

/**
 * struct dmactl_info - DMACTL_IOC_INFO: what this bridge offers
 * @size: in: sizeof the struct as the caller knows it
 * @abi_version: out: DMACTL_ABI_VERSION of the running module
 * @features: out: DMACTL_FEAT_* bits
 * @max_batch: out: most jobs one DMACTL_IOC_SUBMIT accepts
 * @max_jobs: out: most job records a session may hold before releasing some
 * @max_buf_bytes: out: largest buffer DMACTL_IOC_BUF_ALLOC accepts
 * @max_session_bytes: out: most buffer bytes one session may hold
 * @max_buffers: out: most buffers one session may hold
 * @reserved0: out: zero
 * @reserved: out: zero
 */
struct dmactl_info {
	__u32 size;
	__u32 abi_version;
	__u64 features;
	__u32 max_batch;
	__u32 max_jobs;
	__u64 max_buf_bytes;
	__u64 max_session_bytes;
	__u32 max_buffers;
	__u32 reserved0;
	__u64 reserved[3];
};

#define DMACTL_INFO_SIZE_VER0	72

/* dmactl_chan_request.flags: how to choose the channel. */
#define DMACTL_REQ_BY_NAME	(1U << 0)	/* channel name, "dma0chan3" */
#define DMACTL_REQ_BY_DEVICE	(1U << 1)	/* provider: "dma0" or its device */
#define DMACTL_REQ_BY_CAPS	(1U << 2)	/* has every cap in @caps */
#define DMACTL_REQ_FLAGS	(DMACTL_REQ_BY_NAME | DMACTL_REQ_BY_DEVICE | \
				 DMACTL_REQ_BY_CAPS)

/**
 * struct dmactl_chan_request - DMACTL_IOC_CHAN_REQUEST
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: DMACTL_REQ_*; at least one; BY_NAME and BY_DEVICE exclude
 *	each other, BY_CAPS combines with either
 * @caps: in: mask of 1 << DMACTL_CAP_*, with DMACTL_REQ_BY_CAPS (else 0)
 * @name: in: channel or provider name, NUL-terminated, with BY_NAME or
 *	BY_DEVICE (else all zero)
 * @chan_name: out: name of the channel granted
 * @reserved: must be zero
 *
 * The session takes the first free channel that matches, exactly as a
 * kernel consumer's dma_request_channel() would.
 */
struct dmactl_chan_request {
	__u32 size;
	__u32 flags;
	__u64 caps;
	char name[DMACTL_NAME_LEN];
	char chan_name[DMACTL_NAME_LEN];
	__u64 reserved[2];
};

#define DMACTL_CHAN_REQUEST_SIZE_VER0	160

/* dmactl_chan_info.slave_flags */
#define DMACTL_SLAVE_PAUSE		(1U << 0)
#define DMACTL_SLAVE_RESUME		(1U << 1)
#define DMACTL_SLAVE_TERMINATE		(1U << 2)
#define DMACTL_SLAVE_DESC_REUSE		(1U << 3)

/**
 * struct dmactl_chan_info - DMACTL_IOC_CHAN_INFO: the session's channel
 * @size: in: sizeof the struct as the caller knows it
 * @slave_caps_errno: out: 0 if dma_get_slave_caps() succeeded and the
 *	slave fields below are valid, else its positive errno (a channel
 *	without slave capability reporting)
 * @chan_name: out: "dma0chan3"
 * @dev_name: out: name of the provider's struct device
 * @driver_name: out: name of the provider's driver, "" if none
 * @caps: out: 1 << DMACTL_CAP_* bits of the provider
 * @dev_id: out: N of the provider's "dmaN"
 * @chan_id: out: the channel's index within its provider
 * @src_addr_widths: out: bit N set: an N-byte source width is supported
 * @dst_addr_widths: out: as @src_addr_widths, for the destination
 * @directions: out: 1 << DMACTL_DIR_* bits
 * @min_burst: out: smallest burst in words, 0 if not reported
 * @max_burst: out: largest burst in words, 0 if not reported
 * @max_sg_burst: out: most sg entries one burst may span, 0 if unlimited
 * @residue_granularity: out: DMACTL_RESIDUE_*
 * @slave_flags: out: DMACTL_SLAVE_* bits
 * @copy_align: out: log2 of the alignment memcpy offsets and lengths need
 * @fill_align: out: log2 of the alignment memset needs
 * @max_seg_size: out: largest segment the DMA device maps, in bytes
 * @reserved: out: zero
 */
struct dmactl_chan_info {
	__u32 size;
	__u32 slave_caps_errno;
	char chan_name[DMACTL_NAME_LEN];
	char dev_name[DMACTL_NAME_LEN];
	char driver_name[DMACTL_NAME_LEN];
	__u64 caps;
	__u32 dev_id;
	__u32 chan_id;
	__u32 src_addr_widths;
	__u32 dst_addr_widths;
	__u32 directions;
	__u32 min_burst;
	__u32 max_burst;
	__u32 max_sg_burst;
	__u32 residue_granularity;
	__u32 slave_flags;
	__u32 copy_align;
	__u32 fill_align;
	__u64 max_seg_size;
	__u64 reserved[4];
};

#define DMACTL_CHAN_INFO_SIZE_VER0	296

/* dmactl_buf_alloc.type */
enum dmactl_buf_type {
	DMACTL_BUF_COHERENT = 0,	/* dma_alloc_coherent(), mmap()able */
};

/**
 * struct dmactl_buf_alloc - DMACTL_IOC_BUF_ALLOC
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: none defined, must be zero
 * @type: in: DMACTL_BUF_*
 * @id: out: buffer id, never 0, used by jobs and DMACTL_IOC_BUF_FREE
 * @length: in: bytes, at least 1, at most dmactl_info.max_buf_bytes
 * @mmap_offset: out: pass as the offset of mmap() to map the buffer
 * @reserved: must be zero
 *
 * The buffer is allocated for the DMA device of the session's channel, so
 * a channel must be held.  mmap() maps it whole or in part from its start.
 */
struct dmactl_buf_alloc {
	__u32 size;
	__u32 flags;
	__u32 type;
	__u32 id;
	__u64 length;
	__u64 mmap_offset;
	__u64 reserved[2];
};

#define DMACTL_BUF_ALLOC_SIZE_VER0	48

/**
 * struct dmactl_buf_free - DMACTL_IOC_BUF_FREE
 * @size: in: sizeof the struct as the caller knows it
 * @id: in: buffer id; EBUSY while mapped or used by an unfinished job
 * @reserved: must be zero
 */
struct dmactl_buf_free {
	__u32 size;
	__u32 id;
	__u64 reserved;
};

#define DMACTL_BUF_FREE_SIZE_VER0	16

/* dmactl_job.type */
enum dmactl_job_type {
	DMACTL_JOB_MEMCPY = 0,
};

/**
 * struct dmactl_job - one job of a DMACTL_IOC_SUBMIT batch
 * @type: DMACTL_JOB_*
 * @flags: none defined, must be zero
 * @src_buf: source buffer id
 * @dst_buf: destination buffer id
 * @src_off: byte offset into the source buffer
 * @dst_off: byte offset into the destination buffer
 * @len: bytes to move, at least 1; both ranges must lie in their buffers
 * @user_data: any value, returned with the job's status
 * @reserved: must be zero
 */
struct dmactl_job {
	__u32 type;
	__u32 flags;
	__u32 src_buf;
	__u32 dst_buf;
	__u64 src_off;
	__u64 dst_off;
	__u64 len;
	__u64 user_data;
	__u64 reserved[2];
};

#define DMACTL_JOB_SIZE_VER0	64

/* dmactl_submit.flags */
#define DMACTL_SUBMIT_ISSUE	(1U << 0)	/* issue_pending after the batch */
#define DMACTL_SUBMIT_FLAGS	DMACTL_SUBMIT_ISSUE

/**
 * struct dmactl_submit - DMACTL_IOC_SUBMIT: prepare and submit jobs
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: DMACTL_SUBMIT_*
 * @count: in: jobs in @jobs, 1 to dmactl_info.max_batch
 * @job_size: in: sizeof(struct dmactl_job) as the caller knows it; the
 *	array's stride, checked like @size
 * @jobs: in: user pointer to @count struct dmactl_job
 * @first_id: out: the jobs got ids @first_id .. @first_id + @submitted - 1
 * @submitted: out: jobs prepared and submitted, in array order
 * @reserved0: must be zero
 * @reserved: must be zero
 *
 * Every job is validated before any is prepared.  If the provider refuses
 * to prepare job k > 0, jobs 0 .. k-1 stay submitted and the call succeeds
 * with @submitted = k; if it refuses job 0, the call fails.
 */
struct dmactl_submit {
	__u32 size;
	__u32 flags;
	__u32 count;
	__u32 job_size;
	__u64 jobs;
	__u64 first_id;
	__u32 submitted;
	__u32 reserved0;
	__u64 reserved[2];
};

#define DMACTL_SUBMIT_SIZE_VER0	56

/* dmactl_wait.flags */
#define DMACTL_WAIT_ALL		(1U << 0)	/* every job submitted so far */
#define DMACTL_WAIT_FLAGS	DMACTL_WAIT_ALL

/**
 * struct dmactl_wait - DMACTL_IOC_WAIT: sleep until jobs complete
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: DMACTL_WAIT_*
 * @job_id: in: the job to wait for; must be 0 with DMACTL_WAIT_ALL
 * @timeout_ns: in: give up after this long (ETIMEDOUT); 0 polls
 * @reserved: must be zero
 *
 * A job is complete when its callback ran (whatever its result) or it
 * was terminated.  A signal interrupts the wait (EINTR).
 */
struct dmactl_wait {
	__u32 size;
	__u32 flags;
	__u64 job_id;
	__u64 timeout_ns;
	__u64 reserved[2];
};

#define DMACTL_WAIT_SIZE_VER0	40

/* dmactl_job_status.state */
enum dmactl_job_state {
	DMACTL_STATE_SUBMITTED = 0,	/* submitted, not issued */
	DMACTL_STATE_ISSUED = 1,	/* issued, callback not run yet */
	DMACTL_STATE_COMPLETE = 2,	/* callback ran */
	DMACTL_STATE_TERMINATED = 3,	/* terminated before it completed */
};

/* dmactl_job_status.result: the job's struct dmaengine_result.result */
enum dmactl_result {
	DMACTL_RESULT_NOERROR = 0,
	DMACTL_RESULT_READ_FAILED = 1,
	DMACTL_RESULT_WRITE_FAILED = 2,
	DMACTL_RESULT_ABORTED = 3,
};

/* dmactl_job_status.dma_status: dmaengine_tx_status() when queried */
enum dmactl_dma_status {
	DMACTL_DMA_COMPLETE = 0,
	DMACTL_DMA_IN_PROGRESS = 1,
	DMACTL_DMA_PAUSED = 2,
	DMACTL_DMA_ERROR = 3,
};

/**
 * struct dmactl_job_status - state of one job
 * @id: job id
 * @state: DMACTL_STATE_*
 * @dma_status: DMACTL_DMA_*, from dmaengine_tx_status() at the query
 * @result: DMACTL_RESULT_*, valid once @state is COMPLETE
 * @len: bytes the job moves
 * @residue: bytes not yet moved: from the callback's dmaengine_result once
 *	complete, else from dmaengine_tx_status() at the query
 * @user_data: as submitted
 * @prep_ns: before the descriptor was prepared
 * @submit_ns: after dmaengine_submit()
 * @issue_ns: when dma_async_issue_pending() ran for it, 0 if not yet
 * @complete_ns: when its callback ran, 0 if not yet
 * @reserved: zero
 */
struct dmactl_job_status {
	__u64 id;
	__u32 state;
	__u32 dma_status;
	__u32 result;
	__u32 reserved0;
	__u64 len;
	__u64 residue;
	__u64 user_data;
	__u64 prep_ns;
	__u64 submit_ns;
	__u64 issue_ns;
	__u64 complete_ns;
	__u64 reserved[2];
};

#define DMACTL_JOB_STATUS_SIZE_VER0	96

/* dmactl_status.flags */
#define DMACTL_STATUS_RELEASE	(1U << 0)	/* forget jobs reported finished */
#define DMACTL_STATUS_FLAGS	DMACTL_STATUS_RELEASE

/**
 * struct dmactl_status - DMACTL_IOC_STATUS: query jobs by id
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: DMACTL_STATUS_*
 * @first_id: in: first job id to report
 * @count: in: report jobs @first_id .. @first_id + @count - 1, 1 to
 *	dmactl_info.max_batch; each must exist (ENOENT)
 * @entry_size: in: sizeof(struct dmactl_job_status) as the caller knows
 *	it; the stride of @entries
 * @entries: in: user pointer to @count struct dmactl_job_status, filled
 * @reserved: must be zero
 *
 * Job records stay until the session ends or a DMACTL_STATUS_RELEASE query
 * reports them COMPLETE or TERMINATED; a session holds at most
 * dmactl_info.max_jobs records (ENOSPC from DMACTL_IOC_SUBMIT).
 */
struct dmactl_status {
	__u32 size;
	__u32 flags;
	__u64 first_id;
	__u32 count;
	__u32 entry_size;
	__u64 entries;
	__u64 reserved[2];
};

#define DMACTL_STATUS_SIZE_VER0	48

#define DMACTL_IOC_MAGIC	0xDC

#define DMACTL_IOC_INFO		_IOWR(DMACTL_IOC_MAGIC, 0x00, struct dmactl_info)
#define DMACTL_IOC_CHAN_REQUEST	_IOWR(DMACTL_IOC_MAGIC, 0x01, struct dmactl_chan_request)
#define DMACTL_IOC_CHAN_RELEASE	_IO(DMACTL_IOC_MAGIC, 0x02)
#define DMACTL_IOC_CHAN_INFO	_IOWR(DMACTL_IOC_MAGIC, 0x03, struct dmactl_chan_info)
#define DMACTL_IOC_BUF_ALLOC	_IOWR(DMACTL_IOC_MAGIC, 0x04, struct dmactl_buf_alloc)
#define DMACTL_IOC_BUF_FREE	_IOW(DMACTL_IOC_MAGIC, 0x05, struct dmactl_buf_free)
#define DMACTL_IOC_SUBMIT	_IOWR(DMACTL_IOC_MAGIC, 0x06, struct dmactl_submit)
#define DMACTL_IOC_ISSUE	_IO(DMACTL_IOC_MAGIC, 0x07)
#define DMACTL_IOC_WAIT		_IOW(DMACTL_IOC_MAGIC, 0x08, struct dmactl_wait)
#define DMACTL_IOC_STATUS	_IOW(DMACTL_IOC_MAGIC, 0x09, struct dmactl_status)

/*
 * Generic netlink family DMACTL_GENL_NAME.
 *
 * DMACTL_CMD_CHAN_GET with NLM_F_DUMP: one message per channel, each a flat
 * set of DMACTL_A_* attributes.  Channels of a provider whose every
 * channel is taken are not visible to a consumer and are not listed.
 */
#define DMACTL_GENL_NAME	"dmactl"
#define DMACTL_GENL_VERSION	1

enum dmactl_cmd {
	DMACTL_CMD_UNSPEC,
	DMACTL_CMD_CHAN_GET,
	__DMACTL_CMD_MAX,
};

#define DMACTL_CMD_MAX (__DMACTL_CMD_MAX - 1)

enum dmactl_attr {
	DMACTL_A_UNSPEC,
	DMACTL_A_CHAN_NAME,		/* string: "dma0chan3" */
	DMACTL_A_DEV_NAME,		/* string: provider's struct device */
	DMACTL_A_DRIVER_NAME,		/* string: provider's driver */
	DMACTL_A_DEV_ID,		/* u32: N of "dmaN" */
	DMACTL_A_CHAN_ID,		/* u32 */
	DMACTL_A_CAPS,			/* u64: 1 << DMACTL_CAP_* */
	DMACTL_A_CLIENT_COUNT,		/* u32: consumers holding it */
	DMACTL_A_BYTES,			/* u64: bytes_transferred */
	DMACTL_A_PAD,
	__DMACTL_A_MAX,
};

#define DMACTL_A_MAX (__DMACTL_A_MAX - 1)

#endif /* _UAPI_LINUX_DMACTL_H */
