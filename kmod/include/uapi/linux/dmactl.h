/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * dmactl: userspace access to the Linux dmaengine consumer API.
 *
 * This header is the whole ABI of /dev/dmactl (ioctl, mmap, read and poll)
 * and of the "dmactl" generic netlink family.  dmactl(4) documents every
 * call, every field and the errno of every way a call can fail.
 *
 * Rules that hold for every ioctl below:
 *  - each argument struct starts with "__u32 size", the size of the struct
 *    as the caller knows it.  The kernel accepts any size from the first
 *    published one (DMACTL_*_SIZE_VER0) up to a page: bytes it does not know
 *    must be zero (else E2BIG), missing trailing bytes read as zero.
 *    Output is copied back only up to the caller's size;
 *  - arrays of structs passed by pointer carry their element size the
 *    same way (job_size, entry_size);
 *  - reserved fields and padding must be zero, unknown flags are rejected,
 *    both with EINVAL; unknown commands fail with ENOTTY;
 *  - on failure nothing is copied back to the caller;
 *  - every field is fixed-width and naturally aligned, every struct a
 *    multiple of 8 bytes, user pointers travel as __u64: the layout is the
 *    same for 32-bit and 64-bit processes;
 *  - no kernel pointer and no DMA or physical address of a buffer is ever
 *    copied out; device addresses exist only as the caller gave them;
 *  - times are nanoseconds of CLOCK_MONOTONIC, taken in the kernel.
 *
 * ABI version 2 adds to version 1 without changing it: slave
 * configuration, streaming and user-memory buffers, the memset, sg,
 * cyclic and interleaved jobs and their flags, pause, resume, terminate,
 * descriptor reuse, completion events on read() and poll(), the in-kernel
 * measurement loop, and the netlink device dump and event group.
 */
#ifndef _UAPI_LINUX_DMACTL_H
#define _UAPI_LINUX_DMACTL_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define DMACTL_ABI_VERSION	2
#define DMACTL_DEV_NAME		"dmactl"	/* /dev/dmactl */
#define DMACTL_NAME_LEN		64		/* names, NUL included */

/* Features reported by DMACTL_IOC_INFO. */
#define DMACTL_FEAT_CHAN_REQUEST	(1ULL << 0)	/* name, device, caps */
#define DMACTL_FEAT_COHERENT_BUF	(1ULL << 1)	/* alloc, mmap, free */
#define DMACTL_FEAT_MEMCPY		(1ULL << 2)	/* DMACTL_JOB_MEMCPY */
#define DMACTL_FEAT_NETLINK		(1ULL << 3)	/* channel dump */
#define DMACTL_FEAT_SLAVE_CONFIG	(1ULL << 4)	/* DMACTL_IOC_SLAVE_CONFIG */
#define DMACTL_FEAT_STREAMING_BUF	(1ULL << 5)	/* DMACTL_BUF_STREAMING, BUF_SYNC */
#define DMACTL_FEAT_USER_BUF		(1ULL << 6)	/* DMACTL_BUF_USER */
#define DMACTL_FEAT_MEMSET		(1ULL << 7)	/* DMACTL_JOB_MEMSET */
#define DMACTL_FEAT_SLAVE_SG		(1ULL << 8)	/* DMACTL_JOB_SG to or from a device */
#define DMACTL_FEAT_MEMCPY_SG		(1ULL << 9)	/* DMACTL_JOB_SG memory to memory */
#define DMACTL_FEAT_CYCLIC		(1ULL << 10)	/* DMACTL_JOB_CYCLIC */
#define DMACTL_FEAT_INTERLEAVED		(1ULL << 11)	/* DMACTL_JOB_INTERLEAVED */
#define DMACTL_FEAT_CONTROL		(1ULL << 12)	/* pause, resume, terminate */
#define DMACTL_FEAT_REUSE		(1ULL << 13)	/* DMACTL_IOC_RESUBMIT */
#define DMACTL_FEAT_EVENTS		(1ULL << 14)	/* read() and poll() */
#define DMACTL_FEAT_BENCH		(1ULL << 15)	/* DMACTL_IOC_BENCH */
#define DMACTL_FEAT_NETLINK_EVENTS	(1ULL << 16)	/* device dump, "events" */

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

/*
 * Transfer directions: bit numbers in dmactl_chan_info.directions, and
 * the values of every "direction" field.
 */
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
 * @max_batch: out: most jobs one DMACTL_IOC_SUBMIT accepts, most entries
 *	one DMACTL_IOC_STATUS reports, deepest DMACTL_IOC_BENCH queue
 * @max_jobs: out: most job records a session may hold before releasing some
 * @max_buf_bytes: out: largest coherent or streaming buffer
 * @max_session_bytes: out: most coherent and streaming buffer bytes one
 *	session may hold
 * @max_buffers: out: most buffers of any type one session may hold
 * @event_ring: out: events the session's ring holds before it drops some
 * @max_pin_bytes: out: most bytes of user memory one session may pin
 * @max_sg_entries: out: most entries of an sg job (after splitting at
 *	discontiguities) and most chunks of an interleaved frame
 * @max_config_bytes: out: largest peripheral_config of a slave config
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
	__u32 event_ring;
	__u64 max_pin_bytes;
	__u32 max_sg_entries;
	__u32 max_config_bytes;
	__u64 reserved;
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
 * @slave_caps_errno: out: 0 if dma_get_slave_caps() succeeded, else its
 *	positive errno (a device without DMA_SLAVE or DMA_CYCLIC): the slave
 *	fields below then hold what the device declares in its struct
 *	dma_device
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

/* dmactl_slave_config.flags */
#define DMACTL_CFG_DEVICE_FC	(1U << 0)	/* the peripheral controls flow */
#define DMACTL_CFG_FLAGS	DMACTL_CFG_DEVICE_FC

/**
 * struct dmactl_slave_config - DMACTL_IOC_SLAVE_CONFIG
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: DMACTL_CFG_*
 * @direction: in: DMACTL_DIR_* (the kernel's deprecated
 *	dma_slave_config.direction, passed on as is)
 * @src_addr_width: in: bytes: 0 (undefined), 1, 2, 3, 4, 8, 16, 32, 64
 *	or 128
 * @src_addr: in: device address DEV_TO_MEM transfers read from
 * @dst_addr: in: device address MEM_TO_DEV transfers write to
 * @dst_addr_width: in: as @src_addr_width, for the destination
 * @src_maxburst: in: words per burst at the source
 * @dst_maxburst: in: words per burst at the destination
 * @src_port_window_size: in: words of the source's register window
 * @dst_port_window_size: in: words of the destination's register window
 * @peripheral_config_len: in: bytes at @peripheral_config, at most
 *	dmactl_info.max_config_bytes; 0 for none
 * @peripheral_config: in: user pointer to the provider-specific blob,
 *	0 if @peripheral_config_len is 0; copied, and kept as long as the
 *	configuration is in effect
 * @reserved: must be zero
 *
 * The configuration is given to dmaengine_slave_config() as it is; the
 * provider's errno is returned.  The device addresses are used by every
 * later sg, cyclic and interleaved job to or from the device.
 */
struct dmactl_slave_config {
	__u32 size;
	__u32 flags;
	__u32 direction;
	__u32 src_addr_width;
	__u64 src_addr;
	__u64 dst_addr;
	__u32 dst_addr_width;
	__u32 src_maxburst;
	__u32 dst_maxburst;
	__u32 src_port_window_size;
	__u32 dst_port_window_size;
	__u32 peripheral_config_len;
	__u64 peripheral_config;
	__u64 reserved[2];
};

#define DMACTL_SLAVE_CONFIG_SIZE_VER0	80

/* dmactl_buf_alloc.type */
enum dmactl_buf_type {
	DMACTL_BUF_COHERENT = 0,	/* dma_alloc_coherent(), mmap()able */
	DMACTL_BUF_STREAMING = 1,	/* pages, dma_map_sgtable(), mmap()able */
	DMACTL_BUF_USER = 2,		/* the caller's memory, pinned and mapped */
};

/**
 * struct dmactl_buf_alloc - DMACTL_IOC_BUF_ALLOC
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: none defined, must be zero
 * @type: in: DMACTL_BUF_*
 * @id: out: buffer id, never 0, used by jobs and DMACTL_IOC_BUF_FREE
 * @length: in: bytes, at least 1; COHERENT and STREAMING at most
 *	dmactl_info.max_buf_bytes
 * @mmap_offset: out: pass as the offset of mmap() to map the buffer;
 *	0 for DMACTL_BUF_USER, which is not mapped through the device
 * @user_addr: in: DMACTL_BUF_USER: start of the caller's memory, any
 *	alignment, readable and writable; else 0
 * @reserved: must be zero
 *
 * The buffer is allocated or mapped for the DMA device of the session's
 * channel, so a channel must be held.  mmap() maps it whole or in part
 * from its start.  STREAMING and USER buffers are mapped
 * DMA_BIDIRECTIONAL and owned by the device from allocation on: the CPU
 * touches their memory only between DMACTL_IOC_BUF_SYNC FOR_CPU and
 * FOR_DEVICE.
 */
struct dmactl_buf_alloc {
	__u32 size;
	__u32 flags;
	__u32 type;
	__u32 id;
	__u64 length;
	__u64 mmap_offset;
	__u64 user_addr;
	__u64 reserved;
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

/* dmactl_buf_sync.flags: exactly one */
#define DMACTL_SYNC_FOR_CPU	(1U << 0)	/* dma_sync_sgtable_for_cpu() */
#define DMACTL_SYNC_FOR_DEVICE	(1U << 1)	/* dma_sync_sgtable_for_device() */
#define DMACTL_SYNC_FLAGS	(DMACTL_SYNC_FOR_CPU | DMACTL_SYNC_FOR_DEVICE)

/**
 * struct dmactl_buf_sync - DMACTL_IOC_BUF_SYNC: hand a buffer over
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: DMACTL_SYNC_FOR_CPU or DMACTL_SYNC_FOR_DEVICE
 * @id: in: buffer id
 * @reserved0: must be zero
 * @reserved: must be zero
 *
 * Syncs the whole buffer.  A no-op that succeeds on a coherent buffer.
 */
struct dmactl_buf_sync {
	__u32 size;
	__u32 flags;
	__u32 id;
	__u32 reserved0;
	__u64 reserved[2];
};

#define DMACTL_BUF_SYNC_SIZE_VER0	32

/* dmactl_job.type */
enum dmactl_job_type {
	DMACTL_JOB_MEMCPY = 0,
	DMACTL_JOB_MEMSET = 1,
	DMACTL_JOB_SG = 2,
	DMACTL_JOB_CYCLIC = 3,
	DMACTL_JOB_INTERLEAVED = 4,
};

/* dmactl_job.flags, any type */
#define DMACTL_JOB_NO_INTERRUPT	(1U << 0)	/* no DMA_PREP_INTERRUPT, no callback */
#define DMACTL_JOB_DEFER_ACK	(1U << 1)	/* no DMA_CTRL_ACK: acked in the callback */
#define DMACTL_JOB_REUSE	(1U << 2)	/* DMA_CTRL_REUSE: DMACTL_IOC_RESUBMIT */
#define DMACTL_JOB_REPEAT	(1U << 3)	/* DMA_PREP_REPEAT, INTERLEAVED only */
#define DMACTL_JOB_LOAD_EOT	(1U << 4)	/* DMA_PREP_LOAD_EOT */
/* dmactl_job.flags, DMACTL_JOB_INTERLEAVED only: the template's booleans */
#define DMACTL_JOB_SRC_INC	(1U << 8)
#define DMACTL_JOB_DST_INC	(1U << 9)
#define DMACTL_JOB_SRC_SGL	(1U << 10)
#define DMACTL_JOB_DST_SGL	(1U << 11)

/**
 * struct dmactl_sg_entry - one memory range of a DMACTL_JOB_SG job
 * @buf: buffer id
 * @reserved: must be zero
 * @off: byte offset into the buffer
 * @len: bytes, at least 1; the range must lie in the buffer
 */
struct dmactl_sg_entry {
	__u32 buf;
	__u32 reserved;
	__u64 off;
	__u64 len;
};

/**
 * struct dmactl_chunk - one chunk of the frame of a DMACTL_JOB_INTERLEAVED
 * job: the kernel's struct data_chunk
 * @size: bytes, at least 1
 * @icg: gap after the chunk, on the sides with _INC and _SGL
 * @dst_icg: gap on the destination side, instead of @icg if not 0
 * @src_icg: gap on the source side, instead of @icg if not 0
 */
struct dmactl_chunk {
	__u64 size;
	__u64 icg;
	__u64 dst_icg;
	__u64 src_icg;
};

/**
 * struct dmactl_job - one job of a DMACTL_IOC_SUBMIT batch
 * @type: DMACTL_JOB_*
 * @flags: DMACTL_JOB_* flags
 * @src_buf: source buffer id: MEMCPY; INTERLEAVED from memory; CYCLIC
 *	MEM_TO_DEV; else 0
 * @dst_buf: destination buffer id: MEMCPY, MEMSET; INTERLEAVED to memory;
 *	CYCLIC DEV_TO_MEM; else 0
 * @src_off: byte offset into @src_buf, 0 without it
 * @dst_off: byte offset into @dst_buf, 0 without it
 * @len: bytes to move: MEMCPY, MEMSET; the whole buffer range of CYCLIC;
 *	0 for SG and INTERLEAVED, whose entries or chunks give it
 * @user_data: any value, returned with the job's status and events
 * @direction: DMACTL_DIR_* of SG, CYCLIC and INTERLEAVED; 0 otherwise
 * @value: MEMSET: the byte to fill with, 0 to 255; else 0
 * @count: SG: entries at @list; INTERLEAVED: chunks per frame at @list;
 *	else 0
 * @reserved0: must be zero
 * @list: user pointer: SG: @count struct dmactl_sg_entry; INTERLEAVED:
 *	@count struct dmactl_chunk; else 0
 * @period_len: CYCLIC: bytes per period, @len a multiple of it; else 0
 * @frames: INTERLEAVED: frames (the template's numf), at least 1; else 0
 * @reserved: must be zero
 *
 * Ranges must lie in their buffers.  A MEMCPY, MEMSET, CYCLIC or
 * INTERLEAVED range of a STREAMING or USER buffer must also be contiguous
 * for the DMA device; SG entries may cross discontiguities.  The device
 * side of a transfer uses the address of the last DMACTL_IOC_SLAVE_CONFIG.
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
	__u32 direction;
	__u32 value;
	__u32 count;
	__u32 reserved0;
	__u64 list;
	__u64 period_len;
	__u64 frames;
	__u64 reserved[2];
};

#define DMACTL_JOB_SIZE_VER0	64	/* up to @reserved0 */
#define DMACTL_JOB_SIZE_VER1	104	/* up to @reserved */

/* dmactl_submit.flags, dmactl_resubmit.flags */
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
#define DMACTL_WAIT_ABSOLUTE	(1U << 1)	/* @timeout_ns is a deadline */
#define DMACTL_WAIT_FLAGS	(DMACTL_WAIT_ALL | DMACTL_WAIT_ABSOLUTE)

/**
 * struct dmactl_wait - DMACTL_IOC_WAIT: sleep until jobs complete
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: DMACTL_WAIT_*
 * @job_id: in: the job to wait for; must be 0 with DMACTL_WAIT_ALL
 * @timeout_ns: in: give up after this long (ETIMEDOUT); 0 polls.  With
 *	DMACTL_WAIT_ABSOLUTE, the CLOCK_MONOTONIC time to give up at
 * @reserved: must be zero
 *
 * A job is finished when its callback ran (whatever its result), when
 * it was terminated, or, without a callback (DMACTL_JOB_NO_INTERRUPT),
 * when the provider reports its cookie complete.  The wait does not hold
 * the session: other requests proceed meanwhile.  A signal ends it; it is
 * restarted after a handler installed with SA_RESTART (with the same
 * deadline when DMACTL_WAIT_ABSOLUTE), else it fails with EINTR.
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
 * @result: DMACTL_RESULT_*, valid once @state is COMPLETE; ABORTED once
 *	TERMINATED
 * @type: DMACTL_JOB_* of the job
 * @len: bytes the job moves (CYCLIC: per pass over its buffer)
 * @residue: bytes not yet moved: from the callback's dmaengine_result once
 *	complete, else from dmaengine_tx_status() at the query; once
 *	TERMINATED, @len (what moved is unknown), or for CYCLIC the last
 *	period's
 * @user_data: as submitted
 * @prep_ns: before the descriptor was prepared
 * @submit_ns: after dmaengine_submit()
 * @issue_ns: when dma_async_issue_pending() ran for it, 0 if not yet
 * @complete_ns: when its callback ran (CYCLIC: the latest one), or when
 *	it was found complete or terminated, 0 if not yet
 * @periods: CYCLIC: callbacks run so far; else 0
 * @reserved: zero
 */
struct dmactl_job_status {
	__u64 id;
	__u32 state;
	__u32 dma_status;
	__u32 result;
	__u32 type;
	__u64 len;
	__u64 residue;
	__u64 user_data;
	__u64 prep_ns;
	__u64 submit_ns;
	__u64 issue_ns;
	__u64 complete_ns;
	__u64 periods;
	__u64 reserved;
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

/* dmactl_terminate.flags */
#define DMACTL_TERMINATE_ASYNC	(1U << 0)	/* DMACTL_IOC_SYNCHRONIZE follows */
#define DMACTL_TERMINATE_FLAGS	DMACTL_TERMINATE_ASYNC

/**
 * struct dmactl_terminate - DMACTL_IOC_TERMINATE: stop every job
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: DMACTL_TERMINATE_*
 * @reserved: must be zero
 *
 * Without flags, dmaengine_terminate_sync(): when the call returns every
 * unfinished job is TERMINATED.  With DMACTL_TERMINATE_ASYNC,
 * dmaengine_terminate_async(): the jobs unfinished at that moment become
 * TERMINATED (and let go of their buffers) at the next
 * DMACTL_IOC_SYNCHRONIZE, until which callbacks may still run.
 */
struct dmactl_terminate {
	__u32 size;
	__u32 flags;
	__u64 reserved[2];
};

#define DMACTL_TERMINATE_SIZE_VER0	24

/**
 * struct dmactl_resubmit - DMACTL_IOC_RESUBMIT: submit a reused descriptor
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: DMACTL_SUBMIT_*
 * @job_id: in: a finished job submitted with DMACTL_JOB_REUSE
 * @reserved: must be zero
 *
 * Submits the job's descriptor again (dmaengine_submit() of the same
 * descriptor): the job keeps its id and starts over as SUBMITTED.
 */
struct dmactl_resubmit {
	__u32 size;
	__u32 flags;
	__u64 job_id;
	__u64 reserved[2];
};

#define DMACTL_RESUBMIT_SIZE_VER0	32

/* dmactl_event.type */
enum dmactl_event_type {
	DMACTL_EVENT_COMPLETE = 0,	/* a job's callback ran */
	DMACTL_EVENT_PERIOD = 1,	/* a cyclic job's callback ran */
	DMACTL_EVENT_TERMINATED = 2,	/* a job ended terminated */
};

/**
 * struct dmactl_event - a record read() returns from /dev/dmactl
 * @job_id: the job
 * @user_data: the job's user_data
 * @type: DMACTL_EVENT_*
 * @status: DMACTL_DMA_*: COMPLETE, ERROR (a result other than NOERROR),
 *	IN_PROGRESS for a period
 * @result: DMACTL_RESULT_* the callback received
 * @reserved0: zero
 * @residue: bytes not moved, as the callback received them
 * @period: PERIOD: the number of callbacks of the job before this one;
 *	else 0
 * @prep_ns: the job's timestamps, as in struct dmactl_job_status
 * @submit_ns: see @prep_ns
 * @issue_ns: see @prep_ns
 * @complete_ns: when this callback ran, or when the job was terminated
 * @dropped: events the session's ring had no room for since the file was
 *	opened, counted when this one was queued
 * @reserved: zero
 *
 * Records are fixed-size; read() returns whole records only.  The ring of
 * a session holds dmactl_info.event_ring records; when it is full, new
 * events are dropped and counted.  Jobs without a callback
 * (DMACTL_JOB_NO_INTERRUPT) produce no event.
 */
struct dmactl_event {
	__u64 job_id;
	__u64 user_data;
	__u32 type;
	__u32 status;
	__u32 result;
	__u32 reserved0;
	__u64 residue;
	__u64 period;
	__u64 prep_ns;
	__u64 submit_ns;
	__u64 issue_ns;
	__u64 complete_ns;
	__u64 dropped;
	__u64 reserved;
};

#define DMACTL_EVENT_SIZE	96

/*
 * Buckets of dmactl_bench.hist: bucket i counts latencies L (in ns) with
 * 2^i <= L < 2^(i+1); bucket 0 also counts L = 0.
 */
#define DMACTL_HIST_BUCKETS	64

/**
 * struct dmactl_bench - DMACTL_IOC_BENCH: the in-kernel measurement loop
 * @size: in: sizeof the struct as the caller knows it
 * @flags: in: none defined, must be zero
 * @job: in: user pointer to one struct dmactl_job, the template: any type
 *	but CYCLIC, without NO_INTERRUPT, REUSE, REPEAT or LOAD_EOT
 * @job_size: in: sizeof(struct dmactl_job) as the caller knows it
 * @qdepth: in: descriptors kept in flight, 1 to dmactl_info.max_batch
 * @count: in: operations to complete; 0: as many as @duration_ns allows
 * @duration_ns: in: start no operation after this long; 0: no limit.
 *	@count and @duration_ns are not both 0
 * @bytes: out: bytes moved by the operations completed without error
 * @ops: out: operations completed
 * @errors: out: operations whose callback reported a result other than
 *	DMACTL_RESULT_NOERROR
 * @elapsed_ns: out: from the first issue to the last callback
 * @lat_min_ns: out: shortest latency, from issue to callback
 * @lat_max_ns: out: longest latency
 * @lat_sum_ns: out: sum of the latencies
 * @hist: out: latency histogram, see DMACTL_HIST_BUCKETS
 * @reserved: must be zero
 *
 * Each operation prepares a new descriptor from the template, submits it
 * and issues it; a callback frees its slot for the next.  The loop runs
 * in the calling thread; meanwhile the session's other requests work, but
 * for a second BENCH, CHAN_RELEASE and TERMINATE (EBUSY), and the
 * template's buffers cannot be freed.  A fatal signal terminates the
 * channel (every job of the session with it) and ends the call; so does
 * a stall, no operation completing for the module's bench_timeout_ms
 * (ETIMEDOUT).
 */
struct dmactl_bench {
	__u32 size;
	__u32 flags;
	__u64 job;
	__u32 job_size;
	__u32 qdepth;
	__u64 count;
	__u64 duration_ns;
	__u64 bytes;
	__u64 ops;
	__u64 errors;
	__u64 elapsed_ns;
	__u64 lat_min_ns;
	__u64 lat_max_ns;
	__u64 lat_sum_ns;
	__u64 hist[DMACTL_HIST_BUCKETS];
	__u64 reserved[4];
};

#define DMACTL_BENCH_SIZE_VER0	640

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
#define DMACTL_IOC_SLAVE_CONFIG	_IOW(DMACTL_IOC_MAGIC, 0x0a, struct dmactl_slave_config)
#define DMACTL_IOC_BUF_SYNC	_IOW(DMACTL_IOC_MAGIC, 0x0b, struct dmactl_buf_sync)
#define DMACTL_IOC_PAUSE	_IO(DMACTL_IOC_MAGIC, 0x0c)
#define DMACTL_IOC_RESUME	_IO(DMACTL_IOC_MAGIC, 0x0d)
#define DMACTL_IOC_TERMINATE	_IOW(DMACTL_IOC_MAGIC, 0x0e, struct dmactl_terminate)
#define DMACTL_IOC_SYNCHRONIZE	_IO(DMACTL_IOC_MAGIC, 0x0f)
#define DMACTL_IOC_RESUBMIT	_IOW(DMACTL_IOC_MAGIC, 0x10, struct dmactl_resubmit)
#define DMACTL_IOC_BENCH	_IOWR(DMACTL_IOC_MAGIC, 0x11, struct dmactl_bench)

/*
 * Generic netlink family DMACTL_GENL_NAME.
 *
 * DMACTL_CMD_DEV_GET and DMACTL_CMD_CHAN_GET with NLM_F_DUMP: one message
 * per dma_device or per channel, each a flat set of DMACTL_A_* attributes.
 * Requests carry no attribute.
 *
 * The multicast group DMACTL_GENL_MCGRP_EVENTS carries notifications:
 *  CHAN_TAKEN, CHAN_RELEASED: CHAN_NAME, DEV_NAME, PID;
 *  JOB_ERROR: CHAN_NAME, PID, JOB_ID, USER_DATA, RESULT, RESIDUE (a
 *	callback reported a result other than NOERROR);
 *  BENCH_DONE: CHAN_NAME, PID, BYTES, OPS, ERRORS, ELAPSED_NS.
 */
#define DMACTL_GENL_NAME		"dmactl"
#define DMACTL_GENL_VERSION		1
#define DMACTL_GENL_MCGRP_EVENTS	"events"

enum dmactl_cmd {
	DMACTL_CMD_UNSPEC,
	DMACTL_CMD_CHAN_GET,
	DMACTL_CMD_DEV_GET,
	DMACTL_CMD_CHAN_TAKEN,
	DMACTL_CMD_CHAN_RELEASED,
	DMACTL_CMD_JOB_ERROR,
	DMACTL_CMD_BENCH_DONE,
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
	DMACTL_A_BYTES,			/* u64: bytes_transferred; BENCH_DONE: bytes */
	DMACTL_A_PAD,
	DMACTL_A_DIRECTIONS,		/* u32: 1 << DMACTL_DIR_* */
	DMACTL_A_SRC_WIDTHS,		/* u32: bit N: N-byte source width */
	DMACTL_A_DST_WIDTHS,		/* u32: bit N: N-byte destination width */
	DMACTL_A_MIN_BURST,		/* u32: words, 0 if not reported */
	DMACTL_A_MAX_BURST,		/* u32: words, 0 if not reported */
	DMACTL_A_MAX_SG_BURST,		/* u32: 0 if unlimited */
	DMACTL_A_RESIDUE_GRANULARITY,	/* u32: DMACTL_RESIDUE_* */
	DMACTL_A_IN_USE,		/* u8: 1 if a consumer holds it */
	DMACTL_A_MEMCPY_COUNT,		/* u64: memcpy_count of sysfs */
	DMACTL_A_CHAN_COUNT,		/* u32: channels of the device */
	DMACTL_A_CHANS_IN_USE,		/* u32: of them held by a consumer */
	DMACTL_A_PID,			/* u32: process that opened the session */
	DMACTL_A_JOB_ID,		/* u64 */
	DMACTL_A_USER_DATA,		/* u64 */
	DMACTL_A_RESULT,		/* u32: DMACTL_RESULT_* */
	DMACTL_A_RESIDUE,		/* u64: bytes */
	DMACTL_A_OPS,			/* u64 */
	DMACTL_A_ERRORS,		/* u64 */
	DMACTL_A_ELAPSED_NS,		/* u64 */
	__DMACTL_A_MAX,
};

#define DMACTL_A_MAX (__DMACTL_A_MAX - 1)

#endif /* _UAPI_LINUX_DMACTL_H */
