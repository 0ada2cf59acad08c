// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: turning a user's struct dmactl_job into something the
 * provider can prepare.  Everything is checked here, before any
 * descriptor exists: a prepared descriptor cannot be taken back.  The
 * result, a struct dmactl_xfer, is prepared once by SUBMIT and many times
 * by the measurement loop.
 */

#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include "bridge.h"

/* The fields of struct dmactl_job a job type gives a meaning to. */
#define DMACTL_USE_SRC		BIT(0)	/* src_buf, src_off */
#define DMACTL_USE_DST		BIT(1)	/* dst_buf, dst_off */
#define DMACTL_USE_LEN		BIT(2)
#define DMACTL_USE_DIR		BIT(3)
#define DMACTL_USE_VALUE	BIT(4)
#define DMACTL_USE_LIST		BIT(5)	/* list, count */
#define DMACTL_USE_PERIOD	BIT(6)
#define DMACTL_USE_FRAMES	BIT(7)

#define DMACTL_JOB_ANY_FLAGS	(DMACTL_JOB_NO_INTERRUPT | \
				 DMACTL_JOB_DEFER_ACK | DMACTL_JOB_REUSE | \
				 DMACTL_JOB_REPEAT | DMACTL_JOB_LOAD_EOT)
#define DMACTL_JOB_XT_FLAGS	(DMACTL_JOB_SRC_INC | DMACTL_JOB_DST_INC | \
				 DMACTL_JOB_SRC_SGL | DMACTL_JOB_DST_SGL)

/* Every field the type does not use must be zero, as reserved ones. */
static int dmactl_job_unused_zero(const struct dmactl_job *job, u32 use)
{
	if (job->reserved0 || job->reserved[0] || job->reserved[1])
		return -EINVAL;
	if (!(use & DMACTL_USE_SRC) && (job->src_buf || job->src_off))
		return -EINVAL;
	if (!(use & DMACTL_USE_DST) && (job->dst_buf || job->dst_off))
		return -EINVAL;
	if (!(use & DMACTL_USE_LEN) && job->len)
		return -EINVAL;
	if (!(use & DMACTL_USE_DIR) && job->direction)
		return -EINVAL;
	if (!(use & DMACTL_USE_VALUE) && job->value)
		return -EINVAL;
	if (!(use & DMACTL_USE_LIST) && (job->list || job->count))
		return -EINVAL;
	if (!(use & DMACTL_USE_PERIOD) && job->period_len)
		return -EINVAL;
	if (!(use & DMACTL_USE_FRAMES) && job->frames)
		return -EINVAL;
	return 0;
}

static int dmactl_job_flags_ok(struct dma_chan *chan,
			       const struct dmactl_job *job)
{
	struct dma_device *dma = chan->device;
	struct dma_slave_caps caps;
	u32 known = DMACTL_JOB_ANY_FLAGS;

	if (job->type == DMACTL_JOB_INTERLEAVED)
		known |= DMACTL_JOB_XT_FLAGS;
	if (job->flags & ~known)
		return -EINVAL;
	/*
	 * Without a callback, nobody would acknowledge the descriptor; nor
	 * learn when the provider is done with one to reuse: its cookie
	 * completes before the provider's completion path lets go of it.
	 */
	if ((job->flags & DMACTL_JOB_NO_INTERRUPT) &&
	    (job->flags & (DMACTL_JOB_DEFER_ACK | DMACTL_JOB_REUSE)))
		return -EINVAL;
	/* A cyclic job reports nothing but through its callback. */
	if ((job->flags & DMACTL_JOB_NO_INTERRUPT) &&
	    job->type == DMACTL_JOB_CYCLIC)
		return -EINVAL;
	if ((job->flags & DMACTL_JOB_REPEAT) &&
	    job->type != DMACTL_JOB_INTERLEAVED)
		return -EINVAL;

	if ((job->flags & DMACTL_JOB_REPEAT) &&
	    !dma_has_cap(DMA_REPEAT, dma->cap_mask))
		return -EOPNOTSUPP;
	if ((job->flags & DMACTL_JOB_LOAD_EOT) &&
	    !dma_has_cap(DMA_LOAD_EOT, dma->cap_mask))
		return -EOPNOTSUPP;
	/* What the channel declares: see dmactl_xfer_set_reuse(). */
	if (job->flags & DMACTL_JOB_REUSE) {
		dmactl_slave_caps(chan, &caps);
		if (!caps.descriptor_reuse)
			return -EOPNOTSUPP;
	}
	return 0;
}

static int dmactl_dir_to_kernel(u32 dir, enum dma_transfer_direction *out)
{
	switch (dir) {
	case DMACTL_DIR_MEM_TO_MEM:
		*out = DMA_MEM_TO_MEM;
		return 0;
	case DMACTL_DIR_MEM_TO_DEV:
		*out = DMA_MEM_TO_DEV;
		return 0;
	case DMACTL_DIR_DEV_TO_MEM:
		*out = DMA_DEV_TO_MEM;
		return 0;
	case DMACTL_DIR_DEV_TO_DEV:
		*out = DMA_DEV_TO_DEV;
		return 0;
	default:
		return -EINVAL;
	}
}

static unsigned int dmactl_max_seg(struct dma_chan *chan)
{
	return dma_get_max_seg_size(dmaengine_get_dma_device(chan));
}

static struct dmactl_buf *dmactl_xfer_buf(struct dmactl_session *s,
					  struct dmactl_xfer *x, u32 id)
{
	struct dmactl_buf *buf = xa_load(&s->bufs, id);

	if (buf)
		x->bufs[x->nr_bufs++] = buf;
	return buf;
}

static int dmactl_xfer_memcpy(struct dmactl_session *s,
			      const struct dmactl_job *job,
			      struct dmactl_xfer *x)
{
	struct dma_device *dma = s->chan->device;
	struct dmactl_buf *src, *dst;
	int ret;

	ret = dmactl_job_unused_zero(job, DMACTL_USE_SRC | DMACTL_USE_DST |
				     DMACTL_USE_LEN);
	if (ret)
		return ret;
	if (!job->len)
		return -EINVAL;
	if (!dma_has_cap(DMA_MEMCPY, dma->cap_mask) ||
	    !dma->device_prep_dma_memcpy)
		return -EOPNOTSUPP;

	src = dmactl_xfer_buf(s, x, job->src_buf);
	dst = dmactl_xfer_buf(s, x, job->dst_buf);
	if (!src || !dst)
		return -ENOENT;
	if (dmactl_buf_contig(src, job->src_off, job->len, &x->src) ||
	    dmactl_buf_contig(dst, job->dst_off, job->len, &x->dst))
		return -EINVAL;
	/*
	 * The engine sees bus addresses, not offsets: a user buffer starts
	 * where the caller's memory does within its first page.  Only the
	 * low bits matter, so size_t holds what is compared; the length is
	 * in range, so it fits.  max_seg_size is not a limit here: it bounds
	 * the segments the DMA API maps, not what a provider copies (drivers
	 * split long copies themselves); the provider refuses what it cannot
	 * do, and SUBMIT reports that.
	 */
	if (!is_dma_copy_aligned(dma, (size_t)x->src, (size_t)x->dst,
				 job->len))
		return -EINVAL;
	x->len = job->len;
	return 0;
}

static int dmactl_xfer_memset(struct dmactl_session *s,
			      const struct dmactl_job *job,
			      struct dmactl_xfer *x)
{
	struct dma_device *dma = s->chan->device;
	struct dmactl_buf *dst;
	int ret;

	ret = dmactl_job_unused_zero(job, DMACTL_USE_DST | DMACTL_USE_LEN |
				     DMACTL_USE_VALUE);
	if (ret)
		return ret;
	if (!job->len || job->value > U8_MAX)
		return -EINVAL;
	if (!dma_has_cap(DMA_MEMSET, dma->cap_mask) ||
	    !dma->device_prep_dma_memset)
		return -EOPNOTSUPP;

	dst = dmactl_xfer_buf(s, x, job->dst_buf);
	if (!dst)
		return -ENOENT;
	if (dmactl_buf_contig(dst, job->dst_off, job->len, &x->dst))
		return -EINVAL;
	/* As for memcpy: the bus address is aligned, any length is tried. */
	if (!is_dma_fill_aligned(dma, (size_t)x->dst, 0, job->len))
		return -EINVAL;
	x->len = job->len;
	x->value = job->value;
	return 0;
}

/* The entries of an SG job, copied in; checked against the buffers. */
static int dmactl_sg_entries(struct dmactl_session *s,
			     const struct dmactl_job *job,
			     struct dmactl_sg_entry **entriesp)
{
	struct dmactl_sg_entry *e;
	struct dmactl_buf *buf;
	u32 i;

	e = vmemdup_user(u64_to_user_ptr(job->list),
			 array_size(job->count, sizeof(*e)));
	if (IS_ERR(e))
		return PTR_ERR(e);
	for (i = 0; i < job->count; i++) {
		if (e[i].reserved) {
			kvfree(e);
			return -EINVAL;
		}
		buf = xa_load(&s->bufs, e[i].buf);
		if (!buf) {
			kvfree(e);
			return -ENOENT;
		}
		if (!dmactl_buf_range_ok(buf, e[i].off, e[i].len)) {
			kvfree(e);
			return -EINVAL;
		}
	}
	*entriesp = e;
	return 0;
}

static int dmactl_xfer_sg(struct dmactl_session *s,
			  const struct dmactl_job *job, struct dmactl_xfer *x)
{
	unsigned int max_seg = dmactl_max_seg(s->chan), n = 0;
	struct dma_device *dma = s->chan->device;
	struct dmactl_sg_entry *e;
	struct scatterlist *sg;
	u64 total = 0;
	int ret;
	u32 i;

	ret = dmactl_job_unused_zero(job, DMACTL_USE_DIR | DMACTL_USE_LIST);
	if (ret)
		return ret;
	ret = dmactl_dir_to_kernel(job->direction, &x->dir);
	if (ret)
		return ret;
	if (x->dir == DMA_DEV_TO_DEV)
		return -EINVAL;
	if (!job->count || job->count > dmactl_max_sg_entries || !job->list)
		return -EINVAL;
	/*
	 * Memory to memory needs DMA_MEMCPY_SG, which only kernels 5.17 to
	 * 5.19 have and the bridge does not use.
	 */
	if (x->dir == DMA_MEM_TO_MEM)
		return -EOPNOTSUPP;
	if (!dma_has_cap(DMA_SLAVE, dma->cap_mask) ||
	    !dma->device_prep_slave_sg)
		return -EOPNOTSUPP;

	ret = dmactl_sg_entries(s, job, &e);
	if (ret)
		return ret;

	for (i = 0; i < job->count; i++) {
		n += dmactl_buf_sg(xa_load(&s->bufs, e[i].buf), e[i].off,
				   e[i].len, max_seg, NULL);
		if (n > dmactl_max_sg_entries ||
		    check_add_overflow(total, e[i].len, &total) ||
		    (size_t)total != total) {
			ret = -EINVAL;
			goto out_free_entries;
		}
	}

	x->bufs = kvmalloc_array(job->count, sizeof(*x->bufs), GFP_KERNEL);
	x->sgl = kvmalloc_array(n, sizeof(*x->sgl), GFP_KERNEL);
	if (!x->bufs || !x->sgl) {
		ret = -ENOMEM;
		goto out_free_entries;
	}
	sg_init_table(x->sgl, n);
	sg = x->sgl;
	for (i = 0; i < job->count; i++) {
		struct dmactl_buf *buf = dmactl_xfer_buf(s, x, e[i].buf);
		unsigned int k = dmactl_buf_sg(buf, e[i].off, e[i].len,
					       max_seg, sg);

		while (k--)
			sg = sg_next(sg);
	}
	x->sg_len = n;
	x->len = total;
	ret = 0;

out_free_entries:
	kvfree(e);
	return ret;
}

static int dmactl_xfer_cyclic(struct dmactl_session *s,
			      const struct dmactl_job *job,
			      struct dmactl_xfer *x)
{
	struct dma_device *dma = s->chan->device;
	u32 use = DMACTL_USE_DIR | DMACTL_USE_LEN | DMACTL_USE_PERIOD;
	struct dmactl_buf *buf;
	u64 off, rem;
	u32 id;
	int ret;

	ret = dmactl_dir_to_kernel(job->direction, &x->dir);
	if (ret)
		return ret;
	if (x->dir != DMA_MEM_TO_DEV && x->dir != DMA_DEV_TO_MEM)
		return -EINVAL;
	use |= x->dir == DMA_MEM_TO_DEV ? DMACTL_USE_SRC : DMACTL_USE_DST;
	ret = dmactl_job_unused_zero(job, use);
	if (ret)
		return ret;
	if (!job->len || !job->period_len)
		return -EINVAL;
	/* A 64-bit % would need libgcc on 32-bit architectures. */
	div64_u64_rem(job->len, job->period_len, &rem);
	if (rem)
		return -EINVAL;
	/* A cyclic job only ends by termination. */
	if (!dma_has_cap(DMA_CYCLIC, dma->cap_mask) ||
	    !dma->device_prep_dma_cyclic || !dma->device_terminate_all)
		return -EOPNOTSUPP;

	id = x->dir == DMA_MEM_TO_DEV ? job->src_buf : job->dst_buf;
	off = x->dir == DMA_MEM_TO_DEV ? job->src_off : job->dst_off;
	buf = dmactl_xfer_buf(s, x, id);
	if (!buf)
		return -ENOENT;
	if (dmactl_buf_contig(buf, off, job->len, &x->buf_addr))
		return -EINVAL;
	x->len = job->len;
	x->period_len = job->period_len;
	return 0;
}

/*
 * Bytes from the first to the last byte an interleaved template touches
 * on one side, one that increments.
 */
static int dmactl_xt_extent(const struct dmactl_chunk *c, u32 n, u64 frames,
			    bool sgl, bool src, u64 *extent)
{
	u64 frame = 0, icg = 0;
	u32 i;

	for (i = 0; i < n; i++) {
		icg = src ? c[i].src_icg : c[i].dst_icg;
		if (!icg && sgl)
			icg = c[i].icg;
		if (check_add_overflow(frame, c[i].size, &frame) ||
		    check_add_overflow(frame, icg, &frame))
			return -EINVAL;
	}
	if (check_mul_overflow(frame, frames, extent))
		return -EINVAL;
	/* The gap after the last chunk of the last frame is not touched. */
	*extent -= icg;
	return 0;
}

/* The chunks of an INTERLEAVED job, checked, into the kernel template. */
static int dmactl_xt_chunks(const struct dmactl_job *job,
			    struct dmactl_chunk **chunksp, u64 *total)
{
	struct dmactl_chunk *c;
	u64 frame = 0;
	u32 i;

	c = vmemdup_user(u64_to_user_ptr(job->list),
			 array_size(job->count, sizeof(*c)));
	if (IS_ERR(c))
		return PTR_ERR(c);
	for (i = 0; i < job->count; i++) {
		if (!c[i].size || (size_t)c[i].size != c[i].size ||
		    (size_t)c[i].icg != c[i].icg ||
		    (size_t)c[i].src_icg != c[i].src_icg ||
		    (size_t)c[i].dst_icg != c[i].dst_icg ||
		    check_add_overflow(frame, c[i].size, &frame)) {
			kvfree(c);
			return -EINVAL;
		}
	}
	if (check_mul_overflow(frame, job->frames, total) ||
	    (size_t)*total != *total) {
		kvfree(c);
		return -EINVAL;
	}
	*chunksp = c;
	return 0;
}

/*
 * One memory side of an interleaved job: the range the template touches
 * must be DMA-contiguous in the buffer.
 */
static int dmactl_xt_side(struct dmactl_session *s, struct dmactl_xfer *x,
			  u32 id, u64 off, u64 extent, dma_addr_t *addr)
{
	struct dmactl_buf *buf = dmactl_xfer_buf(s, x, id);

	if (!buf)
		return -ENOENT;
	return dmactl_buf_contig(buf, off, extent, addr);
}

static int dmactl_xfer_interleaved(struct dmactl_session *s,
				   const struct dmactl_job *job,
				   struct dmactl_xfer *x)
{
	struct dma_device *dma = s->chan->device;
	u32 use = DMACTL_USE_DIR | DMACTL_USE_LIST | DMACTL_USE_FRAMES;
	struct dma_interleaved_template *xt;
	u64 extent, total;
	bool from_mem, to_mem;
	struct dmactl_chunk *c;
	dma_addr_t src, dst;
	int ret;
	u32 i;

	ret = dmactl_dir_to_kernel(job->direction, &x->dir);
	if (ret)
		return ret;
	if (x->dir == DMA_DEV_TO_DEV)
		return -EINVAL;
	from_mem = x->dir != DMA_DEV_TO_MEM;
	to_mem = x->dir != DMA_MEM_TO_DEV;
	use |= (from_mem ? DMACTL_USE_SRC : 0) | (to_mem ? DMACTL_USE_DST : 0);
	ret = dmactl_job_unused_zero(job, use);
	if (ret)
		return ret;
	if (!job->count || job->count > dmactl_max_sg_entries || !job->list ||
	    !job->frames || (size_t)job->frames != job->frames)
		return -EINVAL;
	/* Memory is walked forwards; a fixed address is a device's. */
	if ((from_mem && !(job->flags & DMACTL_JOB_SRC_INC)) ||
	    (to_mem && !(job->flags & DMACTL_JOB_DST_INC)))
		return -EINVAL;
	/* The device side's address is the one the caller configured. */
	if ((!from_mem || !to_mem) && !s->cfg_set)
		return -EINVAL;
	if (!dma_has_cap(DMA_INTERLEAVE, dma->cap_mask) ||
	    !dma->device_prep_interleaved_dma)
		return -EOPNOTSUPP;

	ret = dmactl_xt_chunks(job, &c, &total);
	if (ret)
		return ret;

	src = s->cfg.src_addr;
	dst = s->cfg.dst_addr;
	if (from_mem) {
		ret = dmactl_xt_extent(c, job->count, job->frames,
				       job->flags & DMACTL_JOB_SRC_SGL, true,
				       &extent);
		if (!ret)
			ret = dmactl_xt_side(s, x, job->src_buf, job->src_off,
					     extent, &src);
		if (ret)
			goto out_free_chunks;
	}
	if (to_mem) {
		ret = dmactl_xt_extent(c, job->count, job->frames,
				       job->flags & DMACTL_JOB_DST_SGL, false,
				       &extent);
		if (!ret)
			ret = dmactl_xt_side(s, x, job->dst_buf, job->dst_off,
					     extent, &dst);
		if (ret)
			goto out_free_chunks;
	}

	xt = kzalloc(struct_size(xt, sgl, job->count), GFP_KERNEL);
	if (!xt) {
		ret = -ENOMEM;
		goto out_free_chunks;
	}
	xt->src_start = src;
	xt->dst_start = dst;
	xt->dir = x->dir;
	xt->src_inc = job->flags & DMACTL_JOB_SRC_INC;
	xt->dst_inc = job->flags & DMACTL_JOB_DST_INC;
	xt->src_sgl = job->flags & DMACTL_JOB_SRC_SGL;
	xt->dst_sgl = job->flags & DMACTL_JOB_DST_SGL;
	xt->numf = job->frames;
	xt->frame_size = job->count;
	for (i = 0; i < job->count; i++) {
		xt->sgl[i].size = c[i].size;
		xt->sgl[i].icg = c[i].icg;
		xt->sgl[i].dst_icg = c[i].dst_icg;
		xt->sgl[i].src_icg = c[i].src_icg;
	}
	x->xt = xt;
	x->len = total;

out_free_chunks:
	kvfree(c);
	return ret;
}

/**
 * dmactl_xfer_init() - check a job and make it ready to prepare
 * @s: the session, holding a channel
 * @job: the job as the user gave it
 * @x: returns what the job prepares; dmactl_xfer_destroy() frees it
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -EINVAL for a malformed job, -ENOENT for an
 * unknown buffer, -EOPNOTSUPP if the channel cannot do it, -EFAULT for a
 * bad list pointer, -ENOMEM.  On failure @x holds nothing to free.
 */
int dmactl_xfer_init(struct dmactl_session *s, const struct dmactl_job *job,
		     struct dmactl_xfer *x)
{
	int ret;

	lockdep_assert_held(&s->lock);

	memset(x, 0, sizeof(*x));
	x->type = job->type;
	x->flags = job->flags;
	x->bufs = x->buf_pair;

	if (job->type > DMACTL_JOB_INTERLEAVED)
		return -EINVAL;
	ret = dmactl_job_flags_ok(s->chan, job);
	if (ret)
		return ret;

	switch (job->type) {
	case DMACTL_JOB_MEMCPY:
		ret = dmactl_xfer_memcpy(s, job, x);
		break;
	case DMACTL_JOB_MEMSET:
		ret = dmactl_xfer_memset(s, job, x);
		break;
	case DMACTL_JOB_SG:
		/* Its buffer array is allocated, not x->buf_pair. */
		x->bufs = NULL;
		ret = dmactl_xfer_sg(s, job, x);
		break;
	case DMACTL_JOB_CYCLIC:
		ret = dmactl_xfer_cyclic(s, job, x);
		break;
	default:
		ret = dmactl_xfer_interleaved(s, job, x);
		break;
	}
	if (ret)
		dmactl_xfer_destroy(x);
	return ret;
}

/**
 * dmactl_xfer_destroy() - free what dmactl_xfer_init() allocated
 * @x: the transfer, whose descriptors are all finished
 *
 * Context: Process context.
 */
void dmactl_xfer_destroy(struct dmactl_xfer *x)
{
	if (x->bufs != x->buf_pair)
		kvfree(x->bufs);
	kvfree(x->sgl);
	kfree(x->xt);
	x->bufs = x->buf_pair;
	x->nr_bufs = 0;
	x->sgl = NULL;
	x->xt = NULL;
}

/**
 * dmactl_xfer_pin() - keep the buffers of a transfer from being freed
 * @x: the transfer
 *
 * Context: Any context.
 */
void dmactl_xfer_pin(struct dmactl_xfer *x)
{
	unsigned int i;

	for (i = 0; i < x->nr_bufs; i++)
		atomic_inc(&x->bufs[i]->nr_jobs);
}

/**
 * dmactl_xfer_unpin() - undo dmactl_xfer_pin()
 * @x: the transfer
 *
 * Context: Any context; the completion callback calls it.
 */
void dmactl_xfer_unpin(struct dmactl_xfer *x)
{
	unsigned int i;

	for (i = 0; i < x->nr_bufs; i++)
		atomic_dec(&x->bufs[i]->nr_jobs);
}

/**
 * dmactl_xfer_prep() - prepare one descriptor of a transfer
 * @chan: the channel
 * @x: the transfer
 *
 * Context: Process context.
 * Return: the descriptor, or NULL if the provider refused it: its prep
 * returned NULL (out of descriptors, or a transfer it cannot do) or an
 * error pointer, which a few providers return instead.
 */
struct dma_async_tx_descriptor *dmactl_xfer_prep(struct dma_chan *chan,
						 const struct dmactl_xfer *x)
{
	struct dma_async_tx_descriptor *tx;
	unsigned long flags = 0;

	if (!(x->flags & DMACTL_JOB_NO_INTERRUPT))
		flags |= DMA_PREP_INTERRUPT;
	if (!(x->flags & DMACTL_JOB_DEFER_ACK))
		flags |= DMA_CTRL_ACK;
	if (x->flags & DMACTL_JOB_REPEAT)
		flags |= DMA_PREP_REPEAT;
	if (x->flags & DMACTL_JOB_LOAD_EOT)
		flags |= DMA_PREP_LOAD_EOT;

	switch (x->type) {
	case DMACTL_JOB_MEMCPY:
		tx = dmaengine_prep_dma_memcpy(chan, x->dst, x->src, x->len,
					       flags);
		break;
	case DMACTL_JOB_MEMSET:
		tx = dmaengine_prep_dma_memset(chan, x->dst, x->value, x->len,
					       flags);
		break;
	case DMACTL_JOB_SG:
		tx = dmaengine_prep_slave_sg(chan, x->sgl, x->sg_len, x->dir,
					     flags);
		break;
	case DMACTL_JOB_CYCLIC:
		tx = dmaengine_prep_dma_cyclic(chan, x->buf_addr, x->len,
					       x->period_len, x->dir, flags);
		break;
	default:
		tx = dmaengine_prep_interleaved_dma(chan, x->xt, flags);
		break;
	}
	return IS_ERR(tx) ? NULL : tx;
}

/**
 * dmactl_xfer_set_reuse() - mark a descriptor reusable
 * @tx: the descriptor, not yet submitted, of a channel that declares
 *	descriptor_reuse (dmactl_xfer_init() checked)
 *
 * dmaengine_desc_set_reuse() asks dma_get_slave_caps(), which refuses a
 * device without DMA_SLAVE or DMA_CYCLIC: a memcpy-only device that
 * declares descriptor_reuse could never reuse one through it.  The flag
 * it would set is set here, on what the device declares.
 *
 * Context: Process context.
 */
void dmactl_xfer_set_reuse(struct dma_async_tx_descriptor *tx)
{
	tx->flags |= DMA_CTRL_REUSE;
}

/*
 * Callback parameters.  The bridge always sets ->callback_result:
 * providers that report errors (ioat, idxd) report them there only, and
 * dmaengine calls it in preference to ->callback, with a NULL result from
 * providers without results, which the callbacks read as success.  But a
 * provider that recycles descriptors from a pool shared by its clients
 * may reset only ->callback when it hands one out again (pl330's
 * pluck_desc() in 6.1): a ->callback_result the bridge left there would
 * be called for the descriptor's next owner, with that owner's parameter,
 * or for a later descriptor of the bridge's own with a parameter of
 * another kind (pl330's cyclic submit copies only ->callback and
 * ->callback_param along its chain).
 *
 * The descriptor cannot be cleaned from the callback: several providers
 * free it before calling back (dw_dmac's dwc_descriptor_complete() puts
 * it back in its dma_pool first, pl330 in its shared pool), so a write
 * into it there could land in another owner's descriptor.  Nor after a
 * termination, which frees it in most providers.  The callback therefore
 * trusts nothing of what it is given but a number it can look up: the
 * parameter is an id in dmactl_cb_ids, never a pointer, and the one
 * callback function looks the id up and runs the entry's own completion
 * under the table's lock; an entry is erased (taking that lock) before
 * what it points to is freed.  A stale call, with an id no longer there
 * or with a stranger's parameter, finds nothing and touches nothing.
 * The ids lie between 2^16 and 2^30: no small integer a driver might use
 * as a parameter, and no kernel address (PAGE_OFFSET is 2^30 or above on
 * every 32-bit configuration; 64-bit ones have none below 2^32).  They
 * are handed out in turn, not lowest first: a stale call comes late (a
 * threaded handler the scheduler delayed past the termination and the
 * close), and with the lowest free id it would find the id's next owner,
 * another job, and complete it though its descriptor never ran.  An id
 * comes back only after the other 2^30 - 2^16 have been handed out.
 */
static DEFINE_XARRAY_FLAGS(dmactl_cb_ids, XA_FLAGS_ALLOC | XA_FLAGS_LOCK_IRQ);
static const struct xa_limit dmactl_cb_limit = XA_LIMIT(SZ_64K, SZ_1G - 1);
static u32 dmactl_cb_next;	/* under dmactl_cb_ids' lock */

/**
 * dmactl_cb_register() - make a completion reachable from callbacks
 * @cb: its @fn set; gets an id
 *
 * Context: Process context.
 * Return: 0, -ENOMEM or -EBUSY when every id is taken.
 */
int dmactl_cb_register(struct dmactl_cb *cb)
{
	int ret = xa_alloc_cyclic_irq(&dmactl_cb_ids, &cb->id, cb,
				      dmactl_cb_limit, &dmactl_cb_next,
				      GFP_KERNEL);

	/* 1 says the ids wrapped: a success too. */
	return ret < 0 ? ret : 0;
}

/**
 * dmactl_cb_unregister() - after this, no callback runs @cb
 * @cb: registered, or with id 0
 *
 * Waits for a callback running @cb->fn, which holds the table's lock.
 *
 * Context: Process context, no spinlock held.
 */
void dmactl_cb_unregister(struct dmactl_cb *cb)
{
	if (cb->id)
		xa_erase_irq(&dmactl_cb_ids, cb->id);
	cb->id = 0;
}

static void dmactl_cb_result(void *param, const struct dmaengine_result *res)
{
	struct dmactl_cb *cb;
	unsigned long flags;

	xa_lock_irqsave(&dmactl_cb_ids, flags);
	cb = xa_load(&dmactl_cb_ids, (unsigned long)param);
	if (cb)
		cb->fn(cb, res);
	xa_unlock_irqrestore(&dmactl_cb_ids, flags);
}

static void dmactl_cb_noresult(void *param)
{
	dmactl_cb_result(param, NULL);
}

/**
 * dmactl_xfer_set_callback() - have a descriptor call back when it ends
 * @tx: the descriptor, not yet submitted
 * @cb: the completion to run, registered; NULL for none
 *
 * ->callback is set as well as ->callback_result, for providers that copy
 * only ->callback along a chain (pl330's cyclic submit): see the top.
 * Without @cb, the three fields are cleared, as a recycled descriptor may
 * carry another owner's.
 *
 * Context: Process context.
 */
void dmactl_xfer_set_callback(struct dma_async_tx_descriptor *tx,
			      struct dmactl_cb *cb)
{
	tx->callback_result = cb ? dmactl_cb_result : NULL;
	tx->callback = cb ? dmactl_cb_noresult : NULL;
	tx->callback_param = cb ? (void *)(unsigned long)cb->id : NULL;
}

/**
 * dmactl_xfer_account() - count moved bytes in the channel's statistics
 * @chan: the channel
 * @type: DMACTL_JOB_* of what moved them
 * @bytes: bytes moved
 *
 * The counters /sys/class/dma shows (and the netlink dump reports) are
 * the dmaengine core's per-CPU ones, which consumers keep up to date.
 *
 * Context: Any context; the completion callbacks call it.
 */
void dmactl_xfer_account(struct dma_chan *chan, u32 type, size_t bytes)
{
	this_cpu_add(chan->local->bytes_transferred, bytes);
	if (type == DMACTL_JOB_MEMCPY)
		this_cpu_inc(chan->local->memcpy_count);
}
