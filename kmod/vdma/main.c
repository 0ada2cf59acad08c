// SPDX-License-Identifier: GPL-2.0
/*
 * vdma: a virtual-channel dmaengine provider with no hardware behind it.
 *
 * The module registers a platform device "vdma" and its driver; the driver
 * registers a dma_device whose channels are served by simulated engines
 * (engine.c) that move memory with the CPU.  Any dmaengine consumer can use
 * it: dmatest, the dmactl bridge, a driver under development.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/sizes.h>

#include "vdma.h"

#define VDMA_DRV_NAME		"vdma"
#define VDMA_MAX_CHANNELS	256
#define VDMA_MAX_ENGINES	64
#define VDMA_MAX_BURST		SZ_1M

/*
 * The engines move bytes, so any power-of-two width works; the u32 width
 * masks of struct dma_device cannot express more than 16 bytes.
 */
#define VDMA_BUSWIDTHS	(BIT(DMA_SLAVE_BUSWIDTH_1_BYTE) |	\
			 BIT(DMA_SLAVE_BUSWIDTH_2_BYTES) |	\
			 BIT(DMA_SLAVE_BUSWIDTH_4_BYTES) |	\
			 BIT(DMA_SLAVE_BUSWIDTH_8_BYTES) |	\
			 BIT(DMA_SLAVE_BUSWIDTH_16_BYTES))

/* Prep flags that ask for something vdma does not offer. */
#define VDMA_PREP_UNSUPPORTED	(DMA_PREP_CMD | DMA_PREP_REPEAT |	\
				 DMA_PREP_LOAD_EOT)

static unsigned int channels = 4;
module_param(channels, uint, 0444);
MODULE_PARM_DESC(channels, "Virtual channels, 1-256 (default: 4)");

static unsigned int engines = 2;
module_param(engines, uint, 0444);
MODULE_PARM_DESC(engines,
		 "Simulated engines the channels share, 1-64 (default: 2)");

static unsigned int burst = 4096;
module_param(burst, uint, 0444);
MODULE_PARM_DESC(burst,
		 "Bytes an engine moves per burst, the residue granularity, 1-1048576 (default: 4096)");

static struct platform_device *vdma_pdev;

static struct vdma_device *to_vdma_device(struct dma_device *dma)
{
	return container_of(dma, struct vdma_device, dma);
}

static void vdma_desc_free(struct vdma_vdesc *vd)
{
	/* Terminated descriptors still hold the consumer's unmap data. */
	dma_descriptor_unmap(&vd->tx);
	kfree(to_vdma_desc(vd));
}

static struct dma_async_tx_descriptor *
vdma_prep_dma_memcpy(struct dma_chan *chan, dma_addr_t dst, dma_addr_t src,
		     size_t len, unsigned long flags)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	struct vdma_desc *d;

	if (!len || len > VDMA_MAX_LEN || (flags & VDMA_PREP_UNSUPPORTED))
		return NULL;

	d = kzalloc(struct_size(d, segs, 1), GFP_NOWAIT);
	if (!d)
		return NULL;

	d->len = len;
	d->segs[0].src = src;
	d->segs[0].dst = dst;
	d->segs[0].len = len;

	return vdma_vchan_tx_prep(&vchan->vc, &d->vd, flags);
}

static void vdma_issue_pending(struct dma_chan *chan)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	unsigned long flags;

	spin_lock_irqsave(&vchan->vc.lock, flags);
	if (vdma_vchan_issue_pending(&vchan->vc))
		vdma_engine_kick(vchan);
	spin_unlock_irqrestore(&vchan->vc.lock, flags);
}

static enum dma_status vdma_tx_status(struct dma_chan *chan,
				      dma_cookie_t cookie,
				      struct dma_tx_state *txstate)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	struct vdma_desc *d = NULL;
	struct vdma_vdesc *vd;
	enum dma_status status;
	unsigned long flags;
	u32 residue = 0;

	status = vdma_cookie_status(chan, cookie, txstate);
	if (status == DMA_COMPLETE)
		return status;

	spin_lock_irqsave(&vchan->vc.lock, flags);
	if (vchan->active && vchan->active->vd.tx.cookie == cookie) {
		d = vchan->active;
		residue = d->len - d->done;
	} else {
		vd = vdma_vchan_find_desc(&vchan->vc, cookie);
		if (vd) {
			d = to_vdma_desc(vd);
			residue = d->len;
		}
	}
	/* Terminated or never submitted: nothing will move, nothing to pause. */
	if (d && vchan->paused)
		status = DMA_PAUSED;
	spin_unlock_irqrestore(&vchan->vc.lock, flags);

	if (txstate)
		txstate->residue = residue;

	return status;
}

static bool vdma_width_ok(enum dma_slave_buswidth width)
{
	return width == DMA_SLAVE_BUSWIDTH_UNDEFINED ||
	       (width < 32 && BIT(width) & VDMA_BUSWIDTHS);
}

static int vdma_config(struct dma_chan *chan, struct dma_slave_config *config)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	unsigned long flags;

	if (!vdma_width_ok(config->src_addr_width) ||
	    !vdma_width_ok(config->dst_addr_width))
		return -EINVAL;

	/* Applies to descriptors prepared from now on, not to queued ones. */
	spin_lock_irqsave(&vchan->vc.lock, flags);
	vchan->cfg = *config;
	spin_unlock_irqrestore(&vchan->vc.lock, flags);

	return 0;
}

static int vdma_pause(struct dma_chan *chan)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	unsigned long flags;

	spin_lock_irqsave(&vchan->vc.lock, flags);
	vdma_engine_pause_chan(vchan);
	spin_unlock_irqrestore(&vchan->vc.lock, flags);

	return 0;
}

static int vdma_resume(struct dma_chan *chan)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	unsigned long flags;

	spin_lock_irqsave(&vchan->vc.lock, flags);
	vdma_engine_resume_chan(vchan);
	spin_unlock_irqrestore(&vchan->vc.lock, flags);

	return 0;
}

static int vdma_terminate_all(struct dma_chan *chan)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	unsigned long flags;
	LIST_HEAD(head);

	spin_lock_irqsave(&vchan->vc.lock, flags);
	vdma_engine_stop_chan(vchan);
	vdma_vchan_get_all_descriptors(&vchan->vc, &head);
	spin_unlock_irqrestore(&vchan->vc.lock, flags);

	vdma_vchan_desc_free_list(&vchan->vc, &head);

	return 0;
}

static void vdma_synchronize(struct dma_chan *chan)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);

	vdma_engine_sync_chan(vchan);
	vdma_vchan_synchronize(&vchan->vc);
}

static void vdma_free_chan_resources(struct dma_chan *chan)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);

	/* The consumer may leave without terminating: clean up after it. */
	vdma_terminate_all(chan);
	vdma_synchronize(chan);
	vdma_vchan_free_chan_resources(&vchan->vc);

	spin_lock_irq(&vchan->vc.lock);
	memset(&vchan->cfg, 0, sizeof(vchan->cfg));
	spin_unlock_irq(&vchan->vc.lock);
}

/* Called by the dmaengine core once the last reference to @dma is gone. */
static void vdma_release(struct dma_device *dma)
{
	struct vdma_device *vdev = to_vdma_device(dma);
	unsigned int i;

	vdma_engines_stop(vdev);
	for (i = 0; i < vdev->nr_chans; i++)
		vdma_vchan_synchronize(&vdev->chans[i].vc);

	put_device(dma->dev);
	kfree(vdev->engines);
	kfree(vdev);
}

static void vdma_init_dma_device(struct vdma_device *vdev, struct device *dev)
{
	struct dma_device *dma = &vdev->dma;
	unsigned int i;

	dma->dev = dev;
	INIT_LIST_HEAD(&dma->channels);
	dma_cap_set(DMA_MEMCPY, dma->cap_mask);
	/* Keep async_tx and the public channel table away from vdma. */
	dma_cap_set(DMA_PRIVATE, dma->cap_mask);

	dma->copy_align = DMAENGINE_ALIGN_1_BYTE;
	dma->src_addr_widths = VDMA_BUSWIDTHS;
	dma->dst_addr_widths = VDMA_BUSWIDTHS;
	dma->directions = BIT(DMA_MEM_TO_MEM);
	dma->residue_granularity = DMA_RESIDUE_GRANULARITY_BURST;
	dma->descriptor_reuse = true;

	dma->device_free_chan_resources = vdma_free_chan_resources;
	dma->device_prep_dma_memcpy = vdma_prep_dma_memcpy;
	dma->device_config = vdma_config;
	dma->device_pause = vdma_pause;
	dma->device_resume = vdma_resume;
	dma->device_terminate_all = vdma_terminate_all;
	dma->device_synchronize = vdma_synchronize;
	dma->device_tx_status = vdma_tx_status;
	dma->device_issue_pending = vdma_issue_pending;
	dma->device_release = vdma_release;

	for (i = 0; i < vdev->nr_chans; i++) {
		struct vdma_chan *vchan = &vdev->chans[i];

		vchan->vdev = vdev;
		INIT_LIST_HEAD(&vchan->ready_node);
		vchan->vc.desc_free = vdma_desc_free;
		vdma_vchan_init(&vchan->vc, dma);
	}
}

static int vdma_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct vdma_device *vdev;
	int ret;

	/*
	 * The engines turn bus addresses back into physical ones, which only
	 * holds when no IOMMU or other mapping layer sits in between.
	 */
	if (get_dma_ops(dev)) {
		dev_err(dev, "needs direct DMA mapping, device has DMA ops\n");
		return -ENODEV;
	}

	ret = dma_coerce_mask_and_coherent(dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	ret = dma_set_max_seg_size(dev, VDMA_MAX_LEN);
	if (ret)
		return ret;

	vdev = kzalloc(struct_size(vdev, chans, channels), GFP_KERNEL);
	if (!vdev)
		return -ENOMEM;

	vdev->engines = kcalloc(engines, sizeof(*vdev->engines), GFP_KERNEL);
	if (!vdev->engines) {
		ret = -ENOMEM;
		goto out_free_vdev;
	}
	vdev->nr_engines = engines;
	vdev->nr_chans = channels;
	vdev->burst = burst;

	/* Held until vdma_release(), which may run after remove. */
	vdma_init_dma_device(vdev, get_device(dev));
	vdma_engine_dev_init(vdev);

	ret = vdma_engines_start(vdev);
	if (ret)
		goto out_put_dev;

	ret = dma_async_device_register(&vdev->dma);
	if (ret)
		goto out_stop_engines;

	platform_set_drvdata(pdev, vdev);
	dev_info(dev, "%u channels on %u engines, %u-byte bursts\n",
		 vdev->nr_chans, vdev->nr_engines, vdev->burst);

	return 0;

out_stop_engines:
	vdma_engines_stop(vdev);
out_put_dev:
	put_device(dev);
	kfree(vdev->engines);
out_free_vdev:
	kfree(vdev);
	return ret;
}

static int vdma_remove(struct platform_device *pdev)
{
	struct vdma_device *vdev = platform_get_drvdata(pdev);

	/* Frees @vdev through vdma_release() once no consumer holds it. */
	dma_async_device_unregister(&vdev->dma);

	return 0;
}

static struct platform_driver vdma_driver = {
	.probe = vdma_probe,
	.remove = vdma_remove,
	.driver = {
		.name = VDMA_DRV_NAME,
		/*
		 * Consumers pin the module, not the binding: unbinding through
		 * sysfs would pull the device from under them.
		 */
		.suppress_bind_attrs = true,
		.probe_type = PROBE_FORCE_SYNCHRONOUS,
	},
};

static int __init vdma_init(void)
{
	struct platform_device_info info = {
		.name = VDMA_DRV_NAME,
		.id = PLATFORM_DEVID_NONE,
		.dma_mask = DMA_BIT_MASK(64),
	};
	int ret;

	if (!channels || channels > VDMA_MAX_CHANNELS) {
		pr_err("channels=%u out of range 1-%u\n", channels,
		       VDMA_MAX_CHANNELS);
		return -EINVAL;
	}
	if (!engines || engines > VDMA_MAX_ENGINES) {
		pr_err("engines=%u out of range 1-%u\n", engines,
		       VDMA_MAX_ENGINES);
		return -EINVAL;
	}
	if (!burst || burst > VDMA_MAX_BURST) {
		pr_err("burst=%u out of range 1-%u\n", burst,
		       VDMA_MAX_BURST);
		return -EINVAL;
	}

	ret = platform_driver_register(&vdma_driver);
	if (ret)
		return ret;

	vdma_pdev = platform_device_register_full(&info);
	if (IS_ERR(vdma_pdev)) {
		ret = PTR_ERR(vdma_pdev);
		goto out_unregister_driver;
	}

	/* Probing is synchronous: no driver data means it failed (logged). */
	if (!platform_get_drvdata(vdma_pdev)) {
		ret = -ENODEV;
		goto out_unregister_device;
	}

	return 0;

out_unregister_device:
	platform_device_unregister(vdma_pdev);
out_unregister_driver:
	platform_driver_unregister(&vdma_driver);
	return ret;
}
module_init(vdma_init);

static void __exit vdma_exit(void)
{
	platform_device_unregister(vdma_pdev);
	platform_driver_unregister(&vdma_driver);
}
module_exit(vdma_exit);

MODULE_DESCRIPTION("Virtual-channel DMA engine provider with simulated engines");
MODULE_LICENSE("GPL");
