/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vdma.ko and vdma_test.ko on every kernel from 5.10 on: the code calls
 * the newest form of each kernel API, and this header supplies it on
 * kernels that predate it.  Each shim names the upstream release and
 * commit it follows, so it can go once the oldest supported kernel has
 * the change.
 */
#ifndef _VDMA_COMPAT_H
#define _VDMA_COMPAT_H

#include <linux/completion.h>
#include <linux/dmaengine.h>
#include <linux/highmem.h>
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/version.h>

/*
 * v5.11, "mm/highmem: Provide kmap_local*": kmap_local_page()
 * maps a page for the current thread only.  Before it, kmap_atomic() is
 * the mapping that takes the same nesting rules and needs no page to
 * unmap; it also disables preemption, which the code between the two
 * calls (a memcpy() or memset()) does not mind.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 11, 0)
static inline void *kmap_local_page(struct page *page)
{
	return kmap_atomic(page);
}

static inline void kunmap_local(void *addr)
{
	kunmap_atomic(addr);
}
#endif

/*
 * v5.12, "dmaengine: add peripheral configuration": dma_slave_config
 * carries a provider-specific blob.  No consumer can pass one before.
 */
static inline bool vdma_cfg_has_peripheral(const struct dma_slave_config *cfg)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 12, 0)
	return cfg->peripheral_config || cfg->peripheral_size;
#else
	return false;
#endif
}

/*
 * v5.15, "dmaengine: Extend the dma_slave_width for 128 bytes".  Widths
 * are byte counts; vdma refuses 128 on any kernel.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 15, 0)
#define DMA_SLAVE_BUSWIDTH_128_BYTES	128
#endif

/*
 * v5.17, "kthread: Rename complete_and_exit to kthread_complete_and_exit".
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 17, 0)
static inline void __noreturn
kthread_complete_and_exit(struct completion *comp, long code)
{
	complete_and_exit(comp, code);
}
#endif

/*
 * DMA_MEMCPY_SG came with v5.17, "dmaengine: Add core function and
 * capability check for DMA_MEMCPY_SG", and went with v6.0, "dmaengine:
 * remove DMA_MEMCPY_SG once again": vdma offers it where it exists.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 17, 0) && \
	LINUX_VERSION_CODE < KERNEL_VERSION(6, 0, 0)
#define VDMA_HAVE_MEMCPY_SG	1
#endif

/*
 * v6.11, "platform: Make platform_driver::remove() return void": before
 * it, .remove returns an int, which the driver core ignores.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 11, 0)
#define VDMA_REMOVE_RETURNS_INT	1
#endif

/*
 * v6.13, "hrtimers: Introduce hrtimer_setup() to replace hrtimer_init()":
 * the callback is given with the clock and mode.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
static inline void
hrtimer_setup(struct hrtimer *timer,
	      enum hrtimer_restart (*function)(struct hrtimer *),
	      clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

#endif /* _VDMA_COMPAT_H */
