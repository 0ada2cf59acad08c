// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: the buffers of a session, all mapped for the DMA device of
 * its channel:
 *  - coherent: dma_alloc_coherent(), mapped into the caller with mmap();
 *  - streaming: pages of our own, dma_map_sgtable(), mmap()able, handed
 *    between CPU and device with DMACTL_IOC_BUF_SYNC;
 *  - user: the caller's memory, pinned long-term and dma_map_sgtable()d.
 * Jobs see every buffer as a list of DMA-contiguous segments.
 */

#include <linux/capability.h>
#include <linux/dma-mapping.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "bridge.h"

/*
 * The pages of every streaming and user buffer of every session, by pfn:
 * the DMA API does not support overlapping mappings, so a page may be in
 * one buffer at a time (user memory may be registered twice, or be a
 * streaming buffer's mapping).
 */
static DEFINE_XARRAY(dmactl_dma_pages);

static void dmactl_pages_release(struct page **pages, unsigned int n)
{
	while (n--)
		xa_erase(&dmactl_dma_pages, page_to_pfn(pages[n]));
}

static int dmactl_pages_claim(struct page **pages, unsigned int n)
{
	unsigned int i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = xa_insert(&dmactl_dma_pages, page_to_pfn(pages[i]),
				xa_mk_value(1), GFP_KERNEL);
		if (ret) {
			dmactl_pages_release(pages, i);
			return ret;
		}
	}
	return 0;
}

static void dmactl_buf_unmap_pages(struct dmactl_buf *buf)
{
	dma_unmap_sgtable(buf->dev, &buf->sgt, DMA_BIDIRECTIONAL, 0);
	sg_free_table(&buf->sgt);
	dmactl_pages_release(buf->pages, buf->nr_pages);
}

/*
 * Counts the pages in the caller's pinned_vm (VmPin), within its
 * RLIMIT_MEMLOCK unless it has CAP_IPC_LOCK, as the kernel's other
 * long-term pinners of user memory do: pinned pages are locked memory
 * that the owner's limit must bound, whatever dmactl's own limits say.
 */
static int dmactl_buf_charge(struct dmactl_buf *buf)
{
	unsigned long limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	struct mm_struct *mm = current->mm;
	s64 pinned;

	pinned = atomic64_add_return(buf->nr_pages, &mm->pinned_vm);
	if (pinned > limit && !capable(CAP_IPC_LOCK)) {
		atomic64_sub(buf->nr_pages, &mm->pinned_vm);
		return -ENOMEM;
	}
	buf->mm = mm;
	mmgrab(mm);
	return 0;
}

static void dmactl_buf_uncharge(struct dmactl_buf *buf)
{
	atomic64_sub(buf->nr_pages, &buf->mm->pinned_vm);
	mmdrop(buf->mm);
	buf->mm = NULL;
}

static void dmactl_buf_free_mem(struct dmactl_buf *buf)
{
	unsigned int i;

	switch (buf->type) {
	case DMACTL_BUF_COHERENT:
		dma_free_coherent(buf->dev, buf->alloc_len, buf->cpu_addr,
				  buf->dma_addr);
		break;
	case DMACTL_BUF_STREAMING:
		dmactl_buf_unmap_pages(buf);
		for (i = 0; i < buf->nr_pages; i++)
			__free_page(buf->pages[i]);
		break;
	default:
		dmactl_buf_unmap_pages(buf);
		/* The device may have written to any of them. */
		unpin_user_pages_dirty_lock(buf->pages, buf->nr_pages, true);
		dmactl_buf_uncharge(buf);
		break;
	}
	kvfree(buf->pages);
	kvfree(buf->segs);
	kfree(buf);
}

/* Records the DMA segments of a mapped sg table, in buffer order. */
static int dmactl_buf_segs_from_sgt(struct dmactl_buf *buf)
{
	struct scatterlist *sg;
	u64 off = 0;
	int i;

	buf->segs = kvcalloc(buf->sgt.nents, sizeof(*buf->segs), GFP_KERNEL);
	if (!buf->segs)
		return -ENOMEM;
	for_each_sgtable_dma_sg(&buf->sgt, sg, i) {
		buf->segs[i].off = off;
		buf->segs[i].addr = sg_dma_address(sg);
		buf->segs[i].len = sg_dma_len(sg);
		off += sg_dma_len(sg);
	}
	buf->nr_segs = buf->sgt.nents;
	return 0;
}

/*
 * Builds the sg table of @buf->pages, @offset bytes into the first, and
 * maps it.  Segments never exceed what the device can map in one piece.
 */
static int dmactl_buf_map_pages(struct dmactl_buf *buf, unsigned int offset)
{
	unsigned int max_seg = dma_get_max_seg_size(buf->dev);
	int ret;

	ret = dmactl_pages_claim(buf->pages, buf->nr_pages);
	if (ret)
		return ret;

	ret = sg_alloc_table_from_pages_segment(&buf->sgt, buf->pages,
						buf->nr_pages, offset,
						buf->length, max_seg,
						GFP_KERNEL);
	if (ret)
		goto out_release_pages;

	ret = dma_map_sgtable(buf->dev, &buf->sgt, DMA_BIDIRECTIONAL, 0);
	if (ret)
		goto out_free_table;

	ret = dmactl_buf_segs_from_sgt(buf);
	if (ret)
		goto out_unmap;
	return 0;

out_unmap:
	dma_unmap_sgtable(buf->dev, &buf->sgt, DMA_BIDIRECTIONAL, 0);
out_free_table:
	sg_free_table(&buf->sgt);
out_release_pages:
	dmactl_pages_release(buf->pages, buf->nr_pages);
	return ret;
}

static int dmactl_buf_alloc_coherent(struct dmactl_buf *buf)
{
	buf->alloc_len = PAGE_ALIGN(buf->length);
	buf->cpu_addr = dma_alloc_coherent(buf->dev, buf->alloc_len,
					   &buf->dma_addr, GFP_KERNEL);
	if (!buf->cpu_addr)
		return -ENOMEM;

	buf->segs = kvcalloc(1, sizeof(*buf->segs), GFP_KERNEL);
	if (!buf->segs) {
		dma_free_coherent(buf->dev, buf->alloc_len, buf->cpu_addr,
				  buf->dma_addr);
		return -ENOMEM;
	}
	buf->segs[0].addr = buf->dma_addr;
	buf->segs[0].len = buf->length;
	buf->nr_segs = 1;
	return 0;
}

/*
 * Streaming buffers are allocated in the largest physically contiguous
 * pieces the page allocator gives cheaply, no larger than one DMA
 * segment, so that memcpy and memset jobs find long contiguous ranges.
 * Each piece is split into order-0 pages, which mmap() can insert one by
 * one.
 */
static int dmactl_buf_alloc_streaming(struct dmactl_buf *buf)
{
	unsigned int max_order, order, n = 0, i;
	struct page *page;
	int ret;

	buf->nr_pages = PAGE_ALIGN(buf->length) >> PAGE_SHIFT;
	buf->alloc_len = (size_t)buf->nr_pages << PAGE_SHIFT;
	buf->pages = kvcalloc(buf->nr_pages, sizeof(*buf->pages), GFP_KERNEL);
	if (!buf->pages)
		return -ENOMEM;

	max_order = ilog2(max(dma_get_max_seg_size(buf->dev) >> PAGE_SHIFT,
			      1U));
	while (n < buf->nr_pages) {
		order = min_t(unsigned int, max_order, ilog2(buf->nr_pages - n));
		for (;;) {
			page = alloc_pages(GFP_KERNEL | __GFP_ZERO |
					   __GFP_NOWARN |
					   (order ? __GFP_NORETRY : 0), order);
			if (page || !order)
				break;
			order--;
		}
		if (!page) {
			ret = -ENOMEM;
			goto out_free_pages;
		}
		if (order)
			split_page(page, order);
		for (i = 0; i < (1U << order); i++)
			buf->pages[n++] = page + i;
	}

	ret = dmactl_buf_map_pages(buf, 0);
	if (ret)
		goto out_free_pages;
	return 0;

out_free_pages:
	while (n--)
		__free_page(buf->pages[n]);
	kvfree(buf->pages);
	buf->pages = NULL;
	return ret;
}

static int dmactl_buf_pin_user(struct dmactl_buf *buf, u64 uaddr)
{
	unsigned int offset = offset_in_page(uaddr);
	unsigned long start = uaddr - offset;
	int pinned, ret;

	/* Charged first, so that concurrent pins cannot all pass the limit. */
	ret = dmactl_buf_charge(buf);
	if (ret)
		return ret;

	buf->pages = kvcalloc(buf->nr_pages, sizeof(*buf->pages), GFP_KERNEL);
	if (!buf->pages) {
		ret = -ENOMEM;
		goto out_uncharge;
	}

	/* Long-term: the pages stay pinned until the buffer is freed. */
	pinned = pin_user_pages_fast(start, buf->nr_pages,
				     FOLL_WRITE | FOLL_LONGTERM, buf->pages);
	if (pinned < 0) {
		ret = pinned;
		goto out_free_array;
	}
	if (pinned != buf->nr_pages) {
		ret = -EFAULT;
		goto out_unpin;
	}

	ret = dmactl_buf_map_pages(buf, offset);
	if (ret)
		goto out_unpin;
	return 0;

out_unpin:
	if (pinned > 0)
		unpin_user_pages(buf->pages, pinned);
out_free_array:
	kvfree(buf->pages);
	buf->pages = NULL;
out_uncharge:
	dmactl_buf_uncharge(buf);
	return ret;
}

/* Checks a request against the session's limits; fills in the sizes. */
static int dmactl_buf_reserve(struct dmactl_session *s,
			      const struct dmactl_buf_alloc *req,
			      struct dmactl_buf *buf)
{
	u64 end, pages;

	lockdep_assert_held(&s->lock);

	if (s->nr_bufs >= dmactl_max_buffers)
		return -ENOSPC;

	if (req->type != DMACTL_BUF_USER) {
		if (req->length > dmactl_max_buf_bytes ||
		    s->buf_bytes + PAGE_ALIGN(req->length) >
		    dmactl_max_session_bytes)
			return -ENOSPC;
		return 0;
	}

	if (check_add_overflow(req->user_addr, req->length, &end) ||
	    end > TASK_SIZE || !access_ok(u64_to_user_ptr(req->user_addr),
					  req->length))
		return -EFAULT;
	pages = (PAGE_ALIGN(end) - (req->user_addr & PAGE_MASK)) >> PAGE_SHIFT;
	if (pages > dmactl_max_pin_bytes >> PAGE_SHIFT ||
	    s->pin_bytes + (pages << PAGE_SHIFT) > dmactl_max_pin_bytes ||
	    pages > INT_MAX)
		return -ENOSPC;
	buf->nr_pages = pages;
	buf->alloc_len = pages << PAGE_SHIFT;
	return 0;
}

/**
 * dmactl_ioc_buf_alloc() - DMACTL_IOC_BUF_ALLOC
 * @s: the session
 * @uarg: user struct dmactl_buf_alloc
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -EINVAL for a malformed request, -ENXIO without
 * a channel, -ENOSPC beyond a limit, -EFAULT for user memory that cannot
 * be pinned, -EBUSY for user memory a page of which is in a buffer
 * already, -ENOMEM, or an error of copying or of the DMA mapping.
 */
int dmactl_ioc_buf_alloc(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_buf_alloc req;
	struct dmactl_buf *buf;
	u32 usize, id;
	void *old;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_BUF_ALLOC_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;

	if (req.flags || req.reserved || !req.length)
		return -EINVAL;
	if (req.type > DMACTL_BUF_USER)
		return -EINVAL;
	/* User memory is given by its address, the others have none. */
	if (req.type == DMACTL_BUF_USER ? !req.user_addr : !!req.user_addr)
		return -EINVAL;
	if (!s->chan)
		return -ENXIO;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	buf->dev = dmaengine_get_dma_device(s->chan);
	buf->type = req.type;
	buf->length = req.length;
	atomic_set(&buf->nr_maps, 0);
	atomic_set(&buf->nr_jobs, 0);

	ret = dmactl_buf_reserve(s, &req, buf);
	if (ret)
		goto out_free_buf;

	switch (req.type) {
	case DMACTL_BUF_COHERENT:
		ret = dmactl_buf_alloc_coherent(buf);
		break;
	case DMACTL_BUF_STREAMING:
		ret = dmactl_buf_alloc_streaming(buf);
		break;
	default:
		ret = dmactl_buf_pin_user(buf, req.user_addr);
		break;
	}
	if (ret)
		goto out_free_buf;

	/*
	 * Reserve the id but publish the buffer only once the caller has
	 * learnt it: until then mmap() cannot find it, so a failed copy
	 * can take it back.
	 */
	ret = xa_alloc(&s->bufs, &id, NULL, xa_limit_32b, GFP_KERNEL);
	if (ret)
		goto out_free_mem;
	buf->id = id;

	req.id = id;
	req.mmap_offset = req.type == DMACTL_BUF_USER ? 0 :
			  (u64)id << PAGE_SHIFT;
	if (copy_to_user(uarg, &req, min_t(size_t, usize, sizeof(req)))) {
		ret = -EFAULT;
		goto out_release_id;
	}

	old = xa_store(&s->bufs, id, buf, GFP_KERNEL);
	if (xa_is_err(old)) {
		ret = xa_err(old);
		goto out_release_id;
	}

	s->nr_bufs++;
	if (buf->type == DMACTL_BUF_USER)
		s->pin_bytes += buf->alloc_len;
	else
		s->buf_bytes += buf->alloc_len;
	return 0;

out_release_id:
	xa_release(&s->bufs, id);
out_free_mem:
	dmactl_buf_free_mem(buf);
	return ret;
out_free_buf:
	kfree(buf);
	return ret;
}

static void dmactl_buf_forget(struct dmactl_session *s, struct dmactl_buf *buf)
{
	s->nr_bufs--;
	if (buf->type == DMACTL_BUF_USER)
		s->pin_bytes -= buf->alloc_len;
	else
		s->buf_bytes -= buf->alloc_len;
	dmactl_buf_free_mem(buf);
}

/**
 * dmactl_ioc_buf_free() - DMACTL_IOC_BUF_FREE
 * @s: the session
 * @uarg: user struct dmactl_buf_free
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -EINVAL for non-zero reserved fields, -ENOENT for
 * an unknown id, -EBUSY while the buffer is mapped or used by an
 * unfinished job, -EFAULT or -E2BIG from copying the struct.
 */
int dmactl_ioc_buf_free(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_buf_free req;
	struct dmactl_buf *buf;
	u32 usize;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_BUF_FREE_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;
	if (req.reserved)
		return -EINVAL;

	/* Under xa_lock so that mmap() cannot map it while it goes. */
	xa_lock(&s->bufs);
	buf = xa_load(&s->bufs, req.id);
	if (!buf) {
		ret = -ENOENT;
	} else if (atomic_read(&buf->nr_maps) || atomic_read(&buf->nr_jobs)) {
		ret = -EBUSY;
	} else {
		__xa_erase(&s->bufs, req.id);
		ret = 0;
	}
	xa_unlock(&s->bufs);
	if (ret)
		return ret;

	dmactl_buf_forget(s, buf);
	return 0;
}

/**
 * dmactl_ioc_buf_sync() - DMACTL_IOC_BUF_SYNC
 * @s: the session
 * @uarg: user struct dmactl_buf_sync
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -EINVAL for a malformed request, -ENXIO without
 * a channel, -ENOENT for an unknown id, -EFAULT or -E2BIG from copying.
 */
int dmactl_ioc_buf_sync(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_buf_sync req;
	struct dmactl_buf *buf;
	u32 usize;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_BUF_SYNC_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;
	if (req.reserved0 || req.reserved[0] || req.reserved[1])
		return -EINVAL;
	if (req.flags != DMACTL_SYNC_FOR_CPU &&
	    req.flags != DMACTL_SYNC_FOR_DEVICE)
		return -EINVAL;
	if (!s->chan)
		return -ENXIO;

	buf = xa_load(&s->bufs, req.id);
	if (!buf)
		return -ENOENT;
	if (buf->type == DMACTL_BUF_COHERENT)
		return 0;

	if (req.flags == DMACTL_SYNC_FOR_CPU)
		dma_sync_sgtable_for_cpu(buf->dev, &buf->sgt,
					 DMA_BIDIRECTIONAL);
	else
		dma_sync_sgtable_for_device(buf->dev, &buf->sgt,
					    DMA_BIDIRECTIONAL);
	return 0;
}

/**
 * dmactl_bufs_destroy() - free every buffer of a session
 * @s: the session, whose channel is stopped and whose buffers are unmapped
 *
 * Context: Process context.
 */
void dmactl_bufs_destroy(struct dmactl_session *s)
{
	struct dmactl_buf *buf;
	unsigned long id;

	xa_for_each(&s->bufs, id, buf) {
		WARN_ON_ONCE(atomic_read(&buf->nr_maps) ||
			     atomic_read(&buf->nr_jobs));
		xa_erase(&s->bufs, id);
		dmactl_buf_forget(s, buf);
	}
}

/*
 * Index of the segment holding byte @off of @buf, which is inside it:
 * segments are sorted by offset and cover the buffer without gaps.
 */
static unsigned int dmactl_buf_seg_at(const struct dmactl_buf *buf, u64 off)
{
	unsigned int lo = 0, hi = buf->nr_segs - 1, mid;

	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (buf->segs[mid].off <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/**
 * dmactl_buf_range_ok() - whether a byte range lies in a buffer
 * @buf: the buffer
 * @off: first byte
 * @len: bytes, at least 1
 *
 * Context: Any context.
 * Return: true if @off + @len neither overflows nor passes the end.
 */
bool dmactl_buf_range_ok(const struct dmactl_buf *buf, u64 off, u64 len)
{
	u64 end;

	return len && !check_add_overflow(off, len, &end) &&
	       end <= buf->length;
}

/**
 * dmactl_buf_contig() - the bus address of a DMA-contiguous range
 * @buf: the buffer
 * @off: first byte
 * @len: bytes, at least 1
 * @addr: returns the bus address of byte @off
 *
 * Context: Any context.
 * Return: 0 on success, -EINVAL if the range is not in the buffer or
 * crosses a discontiguity of its mapping.
 */
int dmactl_buf_contig(const struct dmactl_buf *buf, u64 off, u64 len,
		      dma_addr_t *addr)
{
	const struct dmactl_seg *seg;

	if (!dmactl_buf_range_ok(buf, off, len))
		return -EINVAL;
	seg = &buf->segs[dmactl_buf_seg_at(buf, off)];
	if (off - seg->off + len > seg->len)
		return -EINVAL;
	*addr = seg->addr + (off - seg->off);
	return 0;
}

/**
 * dmactl_buf_sg() - describe a range of a buffer as DMA segments
 * @buf: the buffer
 * @off: first byte; the range must be in the buffer
 * @len: bytes, at least 1
 * @max_seg: longest piece to describe in one entry
 * @sg: the entry to fill first, or NULL to only count
 *
 * Context: Any context.
 * Return: the number of entries the range needs (and filled, with @sg).
 */
unsigned int dmactl_buf_sg(const struct dmactl_buf *buf, u64 off, u64 len,
			   unsigned int max_seg, struct scatterlist *sg)
{
	unsigned int i = dmactl_buf_seg_at(buf, off), n = 0;
	const struct dmactl_seg *seg;
	u64 piece;

	while (len) {
		seg = &buf->segs[i];
		if (off >= seg->off + seg->len) {
			i++;
			continue;
		}
		piece = min3(len, seg->off + seg->len - off, (u64)max_seg);
		if (sg) {
			sg_dma_address(sg) = seg->addr + (off - seg->off);
			sg_dma_len(sg) = piece;
			sg = sg_next(sg);
		}
		n++;
		off += piece;
		len -= piece;
	}
	return n;
}

static void dmactl_vm_open(struct vm_area_struct *vma)
{
	struct dmactl_buf *buf = vma->vm_private_data;

	atomic_inc(&buf->nr_maps);
}

static void dmactl_vm_close(struct vm_area_struct *vma)
{
	struct dmactl_buf *buf = vma->vm_private_data;

	atomic_dec(&buf->nr_maps);
}

static const struct vm_operations_struct dmactl_vm_ops = {
	.open = dmactl_vm_open,
	.close = dmactl_vm_close,
};

/**
 * dmactl_buf_mmap() - map a buffer, chosen by the mmap() offset
 * @s: the session
 * @vma: the new mapping; its offset is a buffer's mmap_offset
 *
 * Does not take @s->lock: mmap_lock is held here, and an ioctl holding
 * @s->lock can fault and take mmap_lock.
 *
 * Context: Process context, mmap_lock held.
 * Return: 0 on success, -ENXIO without a channel, -EINVAL for an offset
 * that is no mappable buffer's, a length beyond the buffer or a private
 * mapping, or the error of mapping the memory.
 */
int dmactl_buf_mmap(struct dmactl_session *s, struct vm_area_struct *vma)
{
	struct dmactl_buf *buf;
	int ret;

	if (!READ_ONCE(s->chan))
		return -ENXIO;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;

	xa_lock(&s->bufs);
	buf = vma->vm_pgoff <= U32_MAX ? xa_load(&s->bufs, vma->vm_pgoff) :
					 NULL;
	if (buf && buf->type != DMACTL_BUF_USER &&
	    vma_pages(vma) <= buf->alloc_len >> PAGE_SHIFT)
		atomic_inc(&buf->nr_maps);
	else
		buf = NULL;
	xa_unlock(&s->bufs);
	if (!buf)
		return -EINVAL;

	/* The offset named the buffer; within it, the mapping starts at 0. */
	vma->vm_pgoff = 0;
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	if (buf->type == DMACTL_BUF_COHERENT)
		ret = dma_mmap_coherent(buf->dev, vma, buf->cpu_addr,
					buf->dma_addr, buf->alloc_len);
	else
		ret = vm_map_pages_zero(vma, buf->pages, buf->nr_pages);
	if (ret) {
		atomic_dec(&buf->nr_maps);
		return ret;
	}

	vma->vm_private_data = buf;
	vma->vm_ops = &dmactl_vm_ops;
	return 0;
}
