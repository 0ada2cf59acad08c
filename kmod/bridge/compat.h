/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmactl.ko on every kernel from 5.10 on: the bridge calls the newest form
 * of each kernel API, and this header supplies it on kernels that predate
 * it.  Each shim names the upstream release and commit it follows, so it
 * can go once the oldest supported kernel has the change.
 */
#ifndef DMACTL_COMPAT_H
#define DMACTL_COMPAT_H

#include <linux/dmaengine.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/scatterlist.h>
#include <linux/version.h>

/*
 * v5.11, "dmaengine: Add support for per channel coherency handling": the
 * device that maps memory for a channel may be the channel's own.  Before,
 * it is always the provider's.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 11, 0)
static inline struct device *dmaengine_get_dma_device(struct dma_chan *chan)
{
	return chan->device->dev;
}
#endif

/*
 * v5.12, "dmaengine: add peripheral configuration": dma_slave_config
 * carries a provider-specific blob.  Older kernels have no way to pass
 * one, so the bridge refuses a configuration that has one.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 12, 0)
#define DMACTL_HAVE_PERIPHERAL_CONFIG	1

static inline void dmactl_cfg_set_peripheral(struct dma_slave_config *cfg,
					     void *blob, u32 size)
{
	cfg->peripheral_config = blob;
	cfg->peripheral_size = size;
}

static inline void *dmactl_cfg_peripheral(const struct dma_slave_config *cfg)
{
	return cfg->peripheral_config;
}
#else
#define DMACTL_HAVE_PERIPHERAL_CONFIG	0

static inline void dmactl_cfg_set_peripheral(struct dma_slave_config *cfg,
					     void *blob, u32 size)
{
}

static inline void *dmactl_cfg_peripheral(const struct dma_slave_config *cfg)
{
	return NULL;
}
#endif

/*
 * v5.12, "rcu: Provide polling interfaces for Tree RCU grace periods":
 * whether a grace period has ended since get_state_synchronize_rcu() can
 * be asked without waiting.  Before, the answer is taken to be no, and the
 * caller waits for one.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 12, 0)
static inline bool poll_state_synchronize_rcu(unsigned long oldstate)
{
	return false;
}
#endif

/*
 * v5.15, "dmaengine: Extend the dma_slave_width for 128 bytes".  Widths
 * are byte counts, so an older provider sees 128 as a width it does not
 * support and refuses it, as a newer one without 128-byte widths does.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 15, 0)
#define DMA_SLAVE_BUSWIDTH_128_BYTES	128
#endif

/*
 * v5.15, "lib/scatterlist: Provide a dedicated function to support table
 * append": sg_alloc_table_from_pages_segment() replaced the older
 * __sg_alloc_table_from_pages().  Called without a previous entry, the
 * old one allocates the whole table up front and, when it fails, leaves
 * nothing allocated, as the new one does.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 15, 0)
static inline int
sg_alloc_table_from_pages_segment(struct sg_table *sgt, struct page **pages,
				  unsigned int n_pages, unsigned int offset,
				  unsigned long size, unsigned int max_segment,
				  gfp_t gfp_mask)
{
	return PTR_ERR_OR_ZERO(__sg_alloc_table_from_pages(sgt, pages, n_pages,
							   offset, size,
							   max_segment, NULL,
							   0, gfp_mask));
}
#endif

/*
 * v6.3, "mm: introduce vma->vm_flags wrapper functions": vm_flags became
 * read-only, set through vm_flags_set().  Some distribution kernels older
 * than 6.3 carry the wrappers too (Android's android14-6.1, for one), so
 * Kbuild looks for the declaration itself and sets
 * DMACTL_HAVE_VM_FLAGS_SET; only a kernel that has neither gets this one.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0) && \
	!defined(DMACTL_HAVE_VM_FLAGS_SET)
static inline void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma->vm_flags |= flags;
}
#endif

#endif /* DMACTL_COMPAT_H */
