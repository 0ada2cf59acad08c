// SPDX-License-Identifier: GPL-2.0
/*
 * vdma: a virtual-channel dmaengine provider with no hardware behind it.
 *
 * The module registers a platform driver and, unless told not to, a
 * platform device "vdma" for it; a device-tree node compatible with
 * "dmactl,vdma" makes another instance.  Each instance registers a
 * dma_device whose channels are served by simulated engines (engine.c)
 * that move memory with the CPU, to and from loopback FIFO ports
 * (fifo.c) for slave transfers, optionally at the pace of a timing model
 * (timing.c).  Any dmaengine consumer can use it: dmatest, the dmactl
 * bridge, a driver under development.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/err.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_dma.h>
#include <linux/overflow.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/sysfs.h>

#include "vdma.h"

#define VDMA_DRV_NAME		"vdma"
#define VDMA_MAX_CHANNELS	256
#define VDMA_MAX_ENGINES	64
#define VDMA_MAX_STEP		SZ_1M
#define VDMA_MAX_MAXBURST	SZ_64K
#define VDMA_MAX_PORTS		64

static bool create = true;
module_param(create, bool, 0444);
MODULE_PARM_DESC(create,
		 "Create the platform device \"vdma\" at load; 0 leaves only device-tree instances (default: 1)");

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
		 "Most bytes an engine moves between two looks at a channel, the residue granularity of memory transfers, 1-1048576 (default: 4096)");

static unsigned int max_burst = 256;
module_param(max_burst, uint, 0444);
MODULE_PARM_DESC(max_burst,
		 "Largest maxburst a slave configuration may ask for, words, 1-65536 (default: 256)");

static unsigned int ports = 4;
module_param(ports, uint, 0444);
MODULE_PARM_DESC(ports, "Loopback FIFO ports, 1-64 (default: 4)");

static unsigned long port_base = 0xf0000000;
module_param(port_base, ulong, 0444);
MODULE_PARM_DESC(port_base,
		 "Device address of port 0, a non-zero multiple of 4096; port i is at port_base + i * 4096 (default: 0xf0000000)");

static unsigned int fifo_depth = 4096;
module_param(fifo_depth, uint, 0444);
MODULE_PARM_DESC(fifo_depth,
		 "Bytes each port's FIFO holds, 64-1048576 (default: 4096)");

static bool timing;
module_param(timing, bool, 0444);
MODULE_PARM_DESC(timing,
		 "Pace the engines to the timing model (default: 0, as fast as the CPU copies)");

static unsigned int bus_width = 8;
module_param(bus_width, uint, 0444);
MODULE_PARM_DESC(bus_width,
		 "Timing model: bytes the bus moves per cycle, a power of two, 1-64 (default: 8)");

static unsigned int clock_khz = 100000;
module_param(clock_khz, uint, 0444);
MODULE_PARM_DESC(clock_khz,
		 "Timing model: bus clock, kHz, 1-10000000 (default: 100000)");

static unsigned int burst_cycles = 4;
module_param(burst_cycles, uint, 0444);
MODULE_PARM_DESC(burst_cycles,
		 "Timing model: overhead of each burst, cycles, 0-1000000 (default: 4)");

static unsigned int desc_cycles = 64;
module_param(desc_cycles, uint, 0444);
MODULE_PARM_DESC(desc_cycles,
		 "Timing model: cost of loading a descriptor or cyclic period, cycles, 0-1000000 (default: 64)");

static char *personality = "default";
module_param(personality, charp, 0444);
MODULE_PARM_DESC(personality,
		 "Personality of the device \"vdma\" and of device-tree instances: a preset (default, pl330, bcm2835, idxd, stm32, virt-memcpy) and KEY=VALUE overrides, comma-separated; see vdma(4) (default: default)");

/* The devices "vdma" (0) and "vdma.1" to "vdma.15" that debugfs adds. */
#define VDMA_MAX_DEVICES	16

static struct vdma_personality vdma_pers;	/* from the parameter */
static struct platform_device *vdma_pdevs[VDMA_MAX_DEVICES];
static DEFINE_MUTEX(vdma_pdev_lock);		/* creates, removes them */

static struct vdma_device *to_vdma_device(struct dma_device *dma)
{
	return container_of(dma, struct vdma_device, dma);
}

static void vdma_desc_free(struct vdma_vdesc *vd)
{
	struct vdma_chan *vchan = to_vdma_chan(vd->tx.chan);

	/* Terminated descriptors still hold the consumer's unmap data. */
	dma_descriptor_unmap(&vd->tx);
	if (vchan->vdev->pers.recycle) {
		vdma_desc_recycle(vchan, to_vdma_desc(vd));
		return;
	}
	atomic_dec(&vchan->nr_descs);
	kfree(to_vdma_desc(vd));
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

/*
 * The bytes of the running descriptor @d that tx_status reports moved: at
 * the granularity the device declares.  A segment is a scatterlist entry
 * or chunk of a frame, a period of a cyclic transfer.
 */
static size_t vdma_desc_done(const struct vdma_device *vdev,
			     const struct vdma_desc *d)
{
	size_t frame = 0, off, acc = 0;
	unsigned int i;

	if (vdev->pers.residue == DMA_RESIDUE_GRANULARITY_BURST)
		return d->done;
	if (d->cyclic)
		return rounddown(d->done, d->period);

	for (i = 0; i < d->nr_segs; i++)
		frame += d->segs[i].len;
	off = d->done % frame;
	for (i = 0; i < d->nr_segs && acc + d->segs[i].len <= off; i++)
		acc += d->segs[i].len;

	return d->done - off + acc;
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
		/* A cyclic one: the bytes left to the end of the ring. */
		d = vchan->active;
		residue = d->len - vdma_desc_done(vchan->vdev, d);
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

	/* Residue granularity descriptor: none is reported. */
	if (txstate &&
	    vchan->vdev->pers.residue != DMA_RESIDUE_GRANULARITY_DESCRIPTOR)
		txstate->residue = residue;

	return status;
}

static int vdma_set_paused(struct dma_chan *chan, bool pause)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	unsigned long flags;

	spin_lock_irqsave(&vchan->vc.lock, flags);
	if (pause)
		vdma_engine_pause_chan(vchan);
	else
		vdma_engine_resume_chan(vchan);
	spin_unlock_irqrestore(&vchan->vc.lock, flags);

	return 0;
}

static int vdma_pause(struct dma_chan *chan)
{
	return vdma_set_paused(chan, true);
}

static int vdma_resume(struct dma_chan *chan)
{
	return vdma_set_paused(chan, false);
}

static int vdma_terminate_all(struct dma_chan *chan)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	unsigned long flags;
	LIST_HEAD(head);

	spin_lock_irqsave(&vchan->vc.lock, flags);
	/*
	 * Without device_synchronize nothing frees what an earlier terminate
	 * left: free it here once no engine touches it.
	 */
	if (!(vchan->vdev->pers.ops & VDMA_OP_SYNC) && !vchan->inflight)
		list_splice_tail_init(&vchan->vc.desc_terminated, &head);
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
	vdma_engine_sync_chan(vchan);
	/*
	 * Like a driver that does not free_irq() or flush its workqueue here,
	 * a personality may leave callbacks running after the channel is
	 * released: what the completion path holds, it frees itself.
	 */
	if (vchan->vdev->pers.free_waits)
		vdma_vchan_wait_callbacks(&vchan->vc);
	vdma_vchan_free_chan_resources(&vchan->vc);
	vdma_desc_free_recycled(vchan);

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
	for (i = 0; i < vdev->nr_chans; i++) {
		vdma_vchan_synchronize(&vdev->chans[i].vc);
		/* What a completion path parked after free_chan_resources. */
		vdma_vchan_free_chan_resources(&vdev->chans[i].vc);
		vdma_desc_free_recycled(&vdev->chans[i]);
	}

	put_device(dma->dev);
	vdma_ports_fini(vdev);
	mutex_destroy(&vdev->knob_lock);
	kfree(vdev->engines);
	kfree(vdev);
}

static void vdma_init_dma_device(struct vdma_device *vdev, struct device *dev)
{
	struct dma_device *dma = &vdev->dma;
	unsigned int i;

	dma->dev = dev;
	INIT_LIST_HEAD(&dma->channels);
	/* Keep async_tx and the public channel table away from vdma. */
	dma_cap_set(DMA_PRIVATE, dma->cap_mask);
	vdma_prep_init(dma);

	dma->residue_granularity = vdev->pers.residue;
	dma->descriptor_reuse = vdev->pers.reuse;

	dma->device_free_chan_resources = vdma_free_chan_resources;
	if (vdev->pers.ops & VDMA_OP_PAUSE)
		dma->device_pause = vdma_pause;
	if (vdev->pers.ops & VDMA_OP_RESUME)
		dma->device_resume = vdma_resume;
	if (vdev->pers.ops & VDMA_OP_TERMINATE)
		dma->device_terminate_all = vdma_terminate_all;
	if (vdev->pers.ops & VDMA_OP_SYNC)
		dma->device_synchronize = vdma_synchronize;
	dma->device_tx_status = vdma_tx_status;
	dma->device_issue_pending = vdma_issue_pending;
	dma->device_release = vdma_release;

	for (i = 0; i < vdev->nr_chans; i++) {
		struct vdma_chan *vchan = &vdev->chans[i];

		vchan->vdev = vdev;
		vchan->index = i;
		vdma_engine_chan_init(vchan);
		atomic_set(&vchan->nr_descs, 0);
		INIT_LIST_HEAD(&vchan->recycled);
		vchan->vc.desc_free = vdma_desc_free;
		vchan->vc.context = vdev->pers.completion;
		vchan->vc.result = vdev->pers.result;
		vchan->vc.delay_us = vdev->pers.delay_us;
		vchan->vc.release_early = vdev->pers.recycle;
		vdma_vchan_init(&vchan->vc, dma);
	}
}

/*
 * What a device-tree node overrides: "dma-channels", and "reg", the
 * window the FIFO ports decode, one port per 4 KiB.
 */
static int vdma_of_params(struct device *dev, unsigned int *nr_chans,
			  unsigned int *nr_ports, dma_addr_t *base)
{
	struct platform_device *pdev = to_platform_device(dev);
	struct resource *res;
	u32 val;

	if (!of_property_read_u32(dev->of_node, "dma-channels", &val)) {
		if (!val || val > VDMA_MAX_CHANNELS)
			return -EINVAL;
		*nr_chans = val;
	}

	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	if (res) {
		if (!res->start || !IS_ALIGNED(res->start, VDMA_PORT_SPAN) ||
		    resource_size(res) < VDMA_PORT_SPAN)
			return -EINVAL;
		*base = res->start;
		*nr_ports = min_t(resource_size_t, VDMA_MAX_PORTS,
				  resource_size(res) / VDMA_PORT_SPAN);
	}

	return 0;
}

static struct vdma_device *vdma_alloc(unsigned int nr_chans,
				      const struct vdma_personality *pers)
{
	struct vdma_device *vdev;

	vdev = kzalloc(struct_size(vdev, chans, nr_chans), GFP_KERNEL);
	if (!vdev)
		return NULL;

	vdev->engines = kcalloc(engines, sizeof(*vdev->engines), GFP_KERNEL);
	if (!vdev->engines) {
		kfree(vdev);
		return NULL;
	}
	vdev->pers = *pers;
	vdev->nr_engines = engines;
	vdev->nr_chans = nr_chans;
	vdev->burst = burst;
	vdev->max_burst = max_burst;
	mutex_init(&vdev->knob_lock);
	vdev->model.on = timing;
	vdev->model.bus_width = bus_width;
	vdev->model.clock_khz = clock_khz;
	vdev->model.burst_cycles = burst_cycles;
	vdev->model.desc_cycles = desc_cycles;
	vdev->faults.result = DMA_TRANS_ABORTED;

	return vdev;
}

/*
 * The engines are the CPU, copying through cacheable mappings: they are
 * coherent with the CPU's caches whatever the platform's devices are.  On
 * a non-coherent architecture (arm, arm64), a device made without a
 * "dma-coherent" firmware node counts as non-coherent, and the DMA API's
 * cache maintenance would throw away what the engines wrote (unmapping
 * for the CPU invalidates the destination's cache lines).
 */
static void vdma_set_coherent(struct device *dev)
{
#if defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_DEVICE) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU_ALL)
	dev->dma_coherent = true;
#endif
}

static int vdma_probe(struct platform_device *pdev)
{
	const struct vdma_personality *pers = dev_get_platdata(&pdev->dev);
	struct device *dev = &pdev->dev;
	unsigned int nr_chans = channels, nr_ports = ports;
	dma_addr_t base = port_base;
	struct vdma_device *vdev;
	int ret;

	/*
	 * The engines turn bus addresses back into physical ones, which only
	 * holds when no IOMMU or other mapping layer sits in between.  Since
	 * 6.12 the DMA API calls an IOMMU's mapping directly, not through
	 * DMA ops: its group still shows.
	 */
	if (get_dma_ops(dev) || device_iommu_mapped(dev)) {
		dev_err(dev, "needs direct DMA mapping, device is behind an IOMMU or has DMA ops\n");
		return -ENODEV;
	}
	vdma_set_coherent(dev);

	if (IS_ENABLED(CONFIG_OF) && dev->of_node) {
		ret = vdma_of_params(dev, &nr_chans, &nr_ports, &base);
		if (ret) {
			dev_err(dev, "invalid device-tree node\n");
			return ret;
		}
	}

	ret = dma_coerce_mask_and_coherent(dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	if (!pers)
		pers = &vdma_pers;
	/*
	 * None set: the DMA API's default of 64 KiB, as for many drivers.
	 * Setting it cannot fail: a platform device has its dma_parms.
	 * Since 6.12, "dma-mapping: don't return errors from
	 * dma_set_max_seg_size", it returns nothing.
	 */
	if (pers->max_seg)
		dma_set_max_seg_size(dev, pers->max_seg);

	vdev = vdma_alloc(nr_chans, pers);
	if (!vdev)
		return -ENOMEM;
	vdev->port_base = base;

	ret = vdma_ports_init(vdev, nr_ports, fifo_depth);
	if (ret)
		goto out_free_vdev;

	/* Held until vdma_release(), which may run after remove. */
	vdma_init_dma_device(vdev, get_device(dev));
	vdma_engine_dev_init(vdev);

	ret = vdma_engines_start(vdev);
	if (ret)
		goto out_put_dev;

	ret = dma_async_device_register(&vdev->dma);
	if (ret)
		goto out_stop_engines;

	if (IS_ENABLED(CONFIG_OF) && dev->of_node) {
		/* #dma-cells = <1>: the cell is the channel number. */
		ret = of_dma_controller_register(dev->of_node,
						 of_dma_xlate_by_chan_id,
						 &vdev->dma);
		if (ret)
			goto out_unregister_dma;
	}

	platform_set_drvdata(pdev, vdev);
	vdma_debugfs_init(vdev);
	dev_info(dev, "%u channels on %u engines, %u-byte steps, %u ports at %pad, personality %s\n",
		 vdev->nr_chans, vdev->nr_engines, vdev->burst, vdev->nr_ports,
		 &vdev->port_base, vdev->pers.preset);

	return 0;

out_unregister_dma:
	/* Frees @vdev through vdma_release(): nothing else to undo. */
	dma_async_device_unregister(&vdev->dma);
	return ret;
out_stop_engines:
	vdma_engines_stop(vdev);
out_put_dev:
	put_device(dev);
	vdma_ports_fini(vdev);
out_free_vdev:
	mutex_destroy(&vdev->knob_lock);
	kfree(vdev->engines);
	kfree(vdev);
	return ret;
}

static void vdma_remove(struct platform_device *pdev)
{
	struct vdma_device *vdev = platform_get_drvdata(pdev);

	vdma_debugfs_fini(vdev);
	if (IS_ENABLED(CONFIG_OF) && pdev->dev.of_node)
		of_dma_controller_free(pdev->dev.of_node);
	/* Frees @vdev through vdma_release() once no consumer holds it. */
	dma_async_device_unregister(&vdev->dma);
}

#ifdef VDMA_REMOVE_RETURNS_INT
/* The driver core ignores what .remove returns (see compat.h). */
static int vdma_remove_int(struct platform_device *pdev)
{
	vdma_remove(pdev);
	return 0;
}
#endif

/*
 * The timing model in force, for consumers to state with their results:
 * "on" or "off", then its parameters as key=value pairs.
 */
static ssize_t timing_model_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct vdma_device *vdev = dev_get_drvdata(dev);

	return vdma_model_show(&vdev->model, READ_ONCE(vdev->ports[0].depth),
			       buf, PAGE_SIZE);
}
static DEVICE_ATTR_RO(timing_model);

/* One line per FIFO port: number, device address, depth in bytes. */
static ssize_t ports_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct vdma_device *vdev = dev_get_drvdata(dev);
	unsigned int i;
	int len = 0;

	for (i = 0; i < vdev->nr_ports; i++)
		len += sysfs_emit_at(buf, len, "%u %pad %zu\n", i,
				     &vdev->ports[i].addr,
				     READ_ONCE(vdev->ports[i].depth));

	return len;
}
static DEVICE_ATTR_RO(ports);

/* The personality, every knob named: see vdma_personality_show(). */
static ssize_t personality_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct vdma_device *vdev = dev_get_drvdata(dev);

	return vdma_personality_show(&vdev->pers, buf, PAGE_SIZE);
}
static DEVICE_ATTR_RO(personality);

static struct attribute *vdma_attrs[] = {
	&dev_attr_timing_model.attr,
	&dev_attr_ports.attr,
	&dev_attr_personality.attr,
	NULL
};
ATTRIBUTE_GROUPS(vdma);

/*
 * The binding is out of tree, so it is documented in man/vdma.4 rather
 * than in the kernel's Documentation/devicetree/bindings.
 */
#define VDMA_OF_COMPATIBLE	"dmactl,vdma"

static const struct of_device_id vdma_of_match[] = {
	{ .compatible = VDMA_OF_COMPATIBLE },
	{ }
};
MODULE_DEVICE_TABLE(of, vdma_of_match);

static struct platform_driver vdma_driver = {
	.probe = vdma_probe,
#ifdef VDMA_REMOVE_RETURNS_INT
	.remove = vdma_remove_int,
#else
	.remove = vdma_remove,
#endif
	.driver = {
		.name = VDMA_DRV_NAME,
		.of_match_table = vdma_of_match,
		.dev_groups = vdma_groups,
		/*
		 * Consumers pin the module, not the binding: unbinding through
		 * sysfs would pull the device from under them.
		 */
		.suppress_bind_attrs = true,
		.probe_type = PROBE_FORCE_SYNCHRONOUS,
	},
};

/* Module parameters out of range make loading fail with -EINVAL. */
static int __init vdma_check_params(void)
{
	if (!channels || channels > VDMA_MAX_CHANNELS ||
	    !engines || engines > VDMA_MAX_ENGINES ||
	    !burst || burst > VDMA_MAX_STEP ||
	    !max_burst || max_burst > VDMA_MAX_MAXBURST ||
	    !ports || ports > VDMA_MAX_PORTS ||
	    !port_base || !IS_ALIGNED(port_base, VDMA_PORT_SPAN) ||
	    (dma_addr_t)port_base != port_base ||
	    (dma_addr_t)port_base + (dma_addr_t)ports * VDMA_PORT_SPAN <
	    (dma_addr_t)port_base ||
	    fifo_depth < VDMA_FIFO_MIN || fifo_depth > VDMA_FIFO_MAX ||
	    !bus_width || bus_width > VDMA_MAX_WIDTH ||
	    !is_power_of_2(bus_width) ||
	    !clock_khz || clock_khz > VDMA_MODEL_MAX_KHZ ||
	    burst_cycles > VDMA_MODEL_MAX_CYCLES ||
	    desc_cycles > VDMA_MODEL_MAX_CYCLES) {
		pr_err("a module parameter is out of range, see modinfo vdma\n");
		return -EINVAL;
	}

	return 0;
}

/*
 * Create "vdma" (@id 0) or "vdma.<id>" with personality @p (NULL: the
 * module parameter's).
 */
static int vdma_device_create(unsigned int id,
			      const struct vdma_personality *p)
{
	struct platform_device_info info = {
		.name = VDMA_DRV_NAME,
		.id = id ? id : PLATFORM_DEVID_NONE,
		.data = p,
		.size_data = p ? sizeof(*p) : 0,
		.dma_mask = DMA_BIT_MASK(64),
	};
	struct platform_device *pdev;

	lockdep_assert_held(&vdma_pdev_lock);

	if (vdma_pdevs[id])
		return -EEXIST;
	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev))
		return PTR_ERR(pdev);
	/* Probing is synchronous: no driver data means it failed (logged). */
	if (!platform_get_drvdata(pdev)) {
		platform_device_unregister(pdev);
		return -ENODEV;
	}
	vdma_pdevs[id] = pdev;

	return 0;
}

static int vdma_device_destroy(unsigned int id)
{
	lockdep_assert_held(&vdma_pdev_lock);

	if (!vdma_pdevs[id])
		return -ENOENT;
	/* debugfs holds one reference while its file is written. */
	if (module_refcount(THIS_MODULE) > 1)
		return -EBUSY;
	platform_device_unregister(vdma_pdevs[id]);
	vdma_pdevs[id] = NULL;

	return 0;
}

/* The personality parameter, read once at load; -EINVAL if it is wrong. */
static int __init vdma_personality_init(void)
{
	char *spec;
	int ret;

	spec = kstrdup(personality, GFP_KERNEL);
	if (!spec)
		return -ENOMEM;
	ret = vdma_personality_parse(&vdma_pers, spec);
	kfree(spec);
	if (ret)
		pr_err("personality \"%s\" is not one vdma has, see vdma(4)\n",
		       personality);

	return ret;
}

/**
 * vdma_device_get() - whether the platform device "vdma" exists
 *
 * Context: process context.
 * Return: true if it exists (and is bound: see vdma_device_set()).
 */
bool vdma_device_get(void)
{
	bool ret;

	mutex_lock(&vdma_pdev_lock);
	ret = vdma_pdevs[0];
	mutex_unlock(&vdma_pdev_lock);
	return ret;
}

/**
 * vdma_device_set() - create or remove the platform device "vdma"
 * @on: create it, or remove it
 *
 * Creating it probes it (synchronously), with the personality of the
 * module parameter; a failed probe removes it again.  debugfs offers this
 * to tests that fail the allocations of the probe one by one: the driver
 * itself cannot be unbound from sysfs.
 *
 * Context: process context.
 * Return: 0, or -EEXIST, -ENOENT if it already is, or is not, -EBUSY to
 * remove it while a consumer holds a channel of the module (one device
 * or another: only the module's reference count tells), -ENODEV if the
 * probe failed, or the error of creating it.
 */
int vdma_device_set(bool on)
{
	int ret;

	mutex_lock(&vdma_pdev_lock);
	ret = on ? vdma_device_create(0, NULL) : vdma_device_destroy(0);
	mutex_unlock(&vdma_pdev_lock);
	return ret;
}

/**
 * vdma_device_add() - create the platform device "vdma.<id>"
 * @id: 1 to 15
 * @p: its personality
 *
 * Context: process context.
 * Return: 0, or -EINVAL for an @id out of range, else as vdma_device_set().
 */
int vdma_device_add(unsigned int id, const struct vdma_personality *p)
{
	int ret;

	if (!id || id >= VDMA_MAX_DEVICES)
		return -EINVAL;

	mutex_lock(&vdma_pdev_lock);
	ret = vdma_device_create(id, p);
	mutex_unlock(&vdma_pdev_lock);
	return ret;
}

/**
 * vdma_device_remove() - remove the platform device "vdma.<id>"
 * @id: 1 to 15
 *
 * Context: process context.
 * Return: 0, or -EINVAL for an @id out of range, else as vdma_device_set().
 */
int vdma_device_remove(unsigned int id)
{
	int ret;

	if (!id || id >= VDMA_MAX_DEVICES)
		return -EINVAL;

	mutex_lock(&vdma_pdev_lock);
	ret = vdma_device_destroy(id);
	mutex_unlock(&vdma_pdev_lock);
	return ret;
}

static int __init vdma_init(void)
{
	int ret;

	ret = vdma_check_params();
	if (ret)
		return ret;
	ret = vdma_personality_init();
	if (ret)
		return ret;

	vdma_debugfs_module_init();
	ret = platform_driver_register(&vdma_driver);
	if (ret)
		goto out_remove_debugfs;

	if (!create)
		return 0;

	ret = vdma_device_set(true);
	if (ret)
		goto out_unregister_driver;

	return 0;

out_unregister_driver:
	platform_driver_unregister(&vdma_driver);
out_remove_debugfs:
	vdma_debugfs_module_exit();
	return ret;
}
module_init(vdma_init);

static void __exit vdma_exit(void)
{
	unsigned int i;

	/* No debugfs file is open: an open one holds the module. */
	for (i = 0; i < VDMA_MAX_DEVICES; i++)
		platform_device_unregister(vdma_pdevs[i]);
	platform_driver_unregister(&vdma_driver);
	vdma_debugfs_module_exit();
}
module_exit(vdma_exit);

MODULE_DESCRIPTION("Virtual-channel DMA engine provider with simulated engines");
MODULE_LICENSE("GPL");
