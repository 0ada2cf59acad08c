// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: coherent buffers, allocated for the DMA device of the
 * session's channel and mapped into the caller with mmap().
 */

#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "bridge.h"

static void dmactl_buf_free_mem(struct dmactl_buf *buf)
{
	dma_free_coherent(buf->dev, buf->alloc_len, buf->cpu_addr,
			  buf->dma_addr);
	kfree(buf);
}

/**
 * dmactl_ioc_buf_alloc() - DMACTL_IOC_BUF_ALLOC
 * @s: the session
 * @uarg: user struct dmactl_buf_alloc
 *
 * Context: Process context, @s->lock held.
 * Return: 0 on success, -EINVAL for a malformed request, -ENXIO without
 * a channel, -ENOSPC beyond a limit, -ENOMEM, -EFAULT or -E2BIG from
 * copying the struct.
 */
int dmactl_ioc_buf_alloc(struct dmactl_session *s, void __user *uarg)
{
	struct dmactl_buf_alloc req;
	struct dmactl_buf *buf;
	size_t alloc_len;
	u32 usize, id;
	void *old;
	int ret;

	lockdep_assert_held(&s->lock);

	ret = dmactl_copy_in(&req, sizeof(req), DMACTL_BUF_ALLOC_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;

	if (req.flags || req.reserved[0] || req.reserved[1])
		return -EINVAL;
	if (req.type != DMACTL_BUF_COHERENT || !req.length)
		return -EINVAL;
	if (!s->chan)
		return -ENXIO;

	if (req.length > dmactl_max_buf_bytes ||
	    s->nr_bufs >= dmactl_max_buffers)
		return -ENOSPC;
	alloc_len = PAGE_ALIGN(req.length);
	if (s->buf_bytes + alloc_len > dmactl_max_session_bytes)
		return -ENOSPC;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	buf->dev = dmaengine_get_dma_device(s->chan);
	buf->length = req.length;
	buf->alloc_len = alloc_len;
	atomic_set(&buf->nr_maps, 0);
	atomic_set(&buf->nr_jobs, 0);
	buf->cpu_addr = dma_alloc_coherent(buf->dev, alloc_len,
					   &buf->dma_addr, GFP_KERNEL);
	if (!buf->cpu_addr) {
		ret = -ENOMEM;
		goto out_free_buf;
	}

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
	req.mmap_offset = (u64)id << PAGE_SHIFT;
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
	s->buf_bytes += alloc_len;
	return 0;

out_release_id:
	xa_release(&s->bufs, id);
out_free_mem:
	dma_free_coherent(buf->dev, alloc_len, buf->cpu_addr, buf->dma_addr);
out_free_buf:
	kfree(buf);
	return ret;
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

	s->nr_bufs--;
	s->buf_bytes -= buf->alloc_len;
	dmactl_buf_free_mem(buf);
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
		dmactl_buf_free_mem(buf);
	}
	s->nr_bufs = 0;
	s->buf_bytes = 0;
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
 * that is no buffer's, a length beyond the buffer or a private mapping,
 * or the error of dma_mmap_coherent().
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
	if (buf && vma_pages(vma) <= buf->alloc_len >> PAGE_SHIFT)
		atomic_inc(&buf->nr_maps);
	else
		buf = NULL;
	xa_unlock(&s->bufs);
	if (!buf)
		return -EINVAL;

	/* The offset named the buffer; within it, the mapping starts at 0. */
	vma->vm_pgoff = 0;
#ifdef DMACTL_HAVE_VM_FLAGS_SET
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
#else
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
#endif
	ret = dma_mmap_coherent(buf->dev, vma, buf->cpu_addr, buf->dma_addr,
				buf->alloc_len);
	if (ret) {
		atomic_dec(&buf->nr_maps);
		return ret;
	}

	vma->vm_private_data = buf;
	vma->vm_ops = &dmactl_vm_ops;
	return 0;
}
