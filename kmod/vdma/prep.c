// SPDX-License-Identifier: GPL-2.0
/*
 * vdma descriptor preparation: memcpy, memset, slave scatter-gather,
 * cyclic and interleaved transfers, and the checks a controller makes on a
 * slave configuration.
 *
 * What a controller would refuse is refused: device_config returns
 * -EINVAL, a prep call returns NULL.  The device side of a slave transfer
 * must be a FIFO port (fifo.c), addressed at a multiple of the configured
 * width, with a burst that fits the port's FIFO and moving a multiple of
 * the width.  Every prep allocates with GFP_NOWAIT: consumers may prepare
 * from atomic context.
 */
#include <linux/dmaengine.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "vdma.h"

/*
 * Access widths the engines make.  32 and 64 bytes are accepted too, but
 * the u32 width masks of struct dma_device cannot say so.
 */
#define VDMA_BUSWIDTHS	(BIT(DMA_SLAVE_BUSWIDTH_1_BYTE) |	\
			 BIT(DMA_SLAVE_BUSWIDTH_2_BYTES) |	\
			 BIT(DMA_SLAVE_BUSWIDTH_4_BYTES) |	\
			 BIT(DMA_SLAVE_BUSWIDTH_8_BYTES) |	\
			 BIT(DMA_SLAVE_BUSWIDTH_16_BYTES))

/* Prep flags that ask for something vdma does not offer. */
#define VDMA_PREP_UNSUPPORTED	(DMA_PREP_CMD | DMA_PREP_REPEAT |	\
				 DMA_PREP_LOAD_EOT)

/* Chunks per frame of an interleaved transfer. */
#define VDMA_MAX_FRAME_SIZE	1024

/* Words per burst the timing model charges when the channel sets none. */
#define VDMA_MODEL_MAXBURST	16

static bool vdma_width_ok(enum dma_slave_buswidth width)
{
	return width && width <= VDMA_MAX_WIDTH && is_power_of_2(width);
}

static int vdma_config_side(struct vdma_device *vdev, dma_addr_t addr,
			    enum dma_slave_buswidth width, u32 maxburst,
			    u32 window)
{
	if (width != DMA_SLAVE_BUSWIDTH_UNDEFINED && !vdma_width_ok(width))
		return -EINVAL;
	if (maxburst > vdev->max_burst)
		return -EINVAL;
	/* No address: the side is memory, or not used. */
	if (!addr)
		return 0;

	return vdma_port_check(vdev, addr, width, maxburst, window, NULL);
}

/*
 * device_config: keep a configuration for the descriptors prepared from
 * now on, or refuse with -EINVAL what the controller cannot do: an
 * unsupported width, a burst above max_burst or beyond the FIFO, a device
 * address no port decodes or not aligned to its width, a register window
 * reaching past the port, peripheral flow control, a peripheral_config
 * blob.
 */
static int vdma_config(struct dma_chan *chan, struct dma_slave_config *config)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	struct vdma_device *vdev = vchan->vdev;
	unsigned long flags;
	int ret;

	/* The FIFO ports cannot end a transfer, and need no extra data. */
	if (config->device_fc || vdma_cfg_has_peripheral(config))
		return -EINVAL;

	ret = vdma_config_side(vdev, config->src_addr, config->src_addr_width,
			       config->src_maxburst,
			       config->src_port_window_size);
	if (ret)
		return ret;
	ret = vdma_config_side(vdev, config->dst_addr, config->dst_addr_width,
			       config->dst_maxburst,
			       config->dst_port_window_size);
	if (ret)
		return ret;

	spin_lock_irqsave(&vchan->vc.lock, flags);
	vchan->cfg = *config;
	spin_unlock_irqrestore(&vchan->vc.lock, flags);

	return 0;
}

static void vdma_chan_config(struct vdma_chan *vchan,
			     struct dma_slave_config *cfg)
{
	unsigned long flags;

	spin_lock_irqsave(&vchan->vc.lock, flags);
	*cfg = vchan->cfg;
	spin_unlock_irqrestore(&vchan->vc.lock, flags);
}

/*
 * pl330's pool: a descriptor that completed is taken again by the next
 * prep with room for @nr_segs, and only its ->callback is reset; its
 * callback_result and callback_param stay the previous user's.
 */
static struct vdma_desc *vdma_desc_unrecycle(struct vdma_chan *vchan,
					     unsigned int nr_segs)
{
	struct dma_async_tx_descriptor tx;
	struct vdma_desc *d, *found = NULL;
	unsigned long flags;
	unsigned int cap;

	spin_lock_irqsave(&vchan->vc.lock, flags);
	list_for_each_entry(d, &vchan->recycled, vd.node) {
		if (d->cap >= nr_segs) {
			list_del(&d->vd.node);
			found = d;
			break;
		}
	}
	spin_unlock_irqrestore(&vchan->vc.lock, flags);
	if (!found)
		return NULL;

	tx = found->vd.tx;
	cap = found->cap;
	memset(found, 0, struct_size(found, segs, cap));
	found->vd.tx = tx;
	found->vd.tx.callback = NULL;
	found->cap = cap;

	return found;
}

/*
 * A descriptor of @nr_segs segments: recycled, or new unless the channel's
 * fixed pool is used up.
 */
static struct vdma_desc *vdma_desc_alloc(struct vdma_chan *vchan,
					 unsigned int nr_segs)
{
	const struct vdma_personality *pers = &vchan->vdev->pers;
	struct vdma_desc *d = NULL;

	if (atomic_inc_return(&vchan->nr_descs) > pers->pool && pers->pool)
		goto out_uncount;

	if (pers->recycle)
		d = vdma_desc_unrecycle(vchan, nr_segs);
	if (!d) {
		d = kzalloc(struct_size(d, segs, nr_segs), GFP_NOWAIT);
		if (!d)
			goto out_uncount;
		d->cap = nr_segs;
	}
	d->nr_segs = nr_segs;
	d->numf = 1;

	return d;

out_uncount:
	atomic_dec(&vchan->nr_descs);
	return NULL;
}

/* A descriptor prep gives up on goes where a completed one goes. */
static void vdma_desc_discard(struct vdma_chan *vchan, struct vdma_desc *d)
{
	d->vd.tx.chan = &vchan->vc.chan;
	vchan->vc.desc_free(&d->vd);
}

/**
 * vdma_desc_recycle() - put a descriptor back into the channel's pool
 * @vchan: channel it was prepared on
 * @d: descriptor on no list
 *
 * Context: any context; vc.lock not held.
 */
void vdma_desc_recycle(struct vdma_chan *vchan, struct vdma_desc *d)
{
	unsigned long flags;

	spin_lock_irqsave(&vchan->vc.lock, flags);
	list_add_tail(&d->vd.node, &vchan->recycled);
	spin_unlock_irqrestore(&vchan->vc.lock, flags);
	atomic_dec(&vchan->nr_descs);
}

/**
 * vdma_desc_free_recycled() - free the channel's pool of recycled
 *	descriptors
 * @vchan: channel
 *
 * Context: process context.
 */
void vdma_desc_free_recycled(struct vdma_chan *vchan)
{
	struct vdma_desc *d, *tmp;
	LIST_HEAD(head);

	spin_lock_irq(&vchan->vc.lock);
	list_splice_init(&vchan->recycled, &head);
	spin_unlock_irq(&vchan->vc.lock);

	list_for_each_entry_safe(d, tmp, &head, vd.node)
		kfree(d);
}

/*
 * A transfer between memory (or from the fill byte) and memory: the
 * timing model charges the channel's configured width and burst if it has
 * some, else full-width bursts of VDMA_MODEL_MAXBURST beats.
 */
static void vdma_desc_mem(struct vdma_chan *vchan, struct vdma_desc *d,
			  enum vdma_end_type src)
{
	struct dma_slave_config cfg;

	vdma_chan_config(vchan, &cfg);
	d->src.type = src;
	d->dst.type = VDMA_END_MEM;
	if (vdma_width_ok(cfg.src_addr_width)) {
		d->width = cfg.src_addr_width;
		d->maxburst = max(cfg.src_maxburst, 1U);
	} else if (vdma_width_ok(cfg.dst_addr_width)) {
		d->width = cfg.dst_addr_width;
		d->maxburst = max(cfg.dst_maxburst, 1U);
	} else {
		d->width = READ_ONCE(vchan->vdev->model.bus_width);
		d->maxburst = VDMA_MODEL_MAXBURST;
	}
}

/* Set up one device side; -EINVAL if the port would refuse it. */
static int vdma_end_port(struct vdma_device *vdev, struct vdma_end *end,
			 dma_addr_t addr, enum dma_slave_buswidth width,
			 u32 maxburst, u32 window)
{
	if (!vdma_width_ok(width))
		return -EINVAL;
	end->type = VDMA_END_PORT;

	return vdma_port_check(vdev, addr, width, maxburst, window,
			       &end->port);
}

/*
 * Set up the sides of a transfer in direction @dir from the channel's
 * configuration; the device addresses are @src_addr and @dst_addr.  The
 * step unit (width times maxburst) is the device side's burst, the larger
 * one for DEV_TO_DEV.
 */
static int vdma_desc_dev(struct vdma_chan *vchan, struct vdma_desc *d,
			 enum dma_transfer_direction dir, dma_addr_t src_addr,
			 dma_addr_t dst_addr)
{
	struct vdma_device *vdev = vchan->vdev;
	u32 sburst, dburst, unit;
	struct dma_slave_config cfg;
	int ret;

	vdma_chan_config(vchan, &cfg);
	sburst = max(cfg.src_maxburst, 1U);
	dburst = max(cfg.dst_maxburst, 1U);
	d->src.type = VDMA_END_MEM;
	d->dst.type = VDMA_END_MEM;

	switch (dir) {
	case DMA_MEM_TO_DEV:
		ret = vdma_end_port(vdev, &d->dst, dst_addr,
				    cfg.dst_addr_width, cfg.dst_maxburst,
				    cfg.dst_port_window_size);
		d->width = cfg.dst_addr_width;
		d->maxburst = dburst;
		return ret;
	case DMA_DEV_TO_MEM:
		ret = vdma_end_port(vdev, &d->src, src_addr,
				    cfg.src_addr_width, cfg.src_maxburst,
				    cfg.src_port_window_size);
		d->width = cfg.src_addr_width;
		d->maxburst = sburst;
		return ret;
	case DMA_DEV_TO_DEV:
		ret = vdma_end_port(vdev, &d->src, src_addr,
				    cfg.src_addr_width, cfg.src_maxburst,
				    cfg.src_port_window_size);
		if (ret)
			return ret;
		ret = vdma_end_port(vdev, &d->dst, dst_addr,
				    cfg.dst_addr_width, cfg.dst_maxburst,
				    cfg.dst_port_window_size);
		if (ret || d->src.port == d->dst.port)
			return -EINVAL;
		d->width = max(cfg.src_addr_width, cfg.dst_addr_width);
		unit = max(sburst * cfg.src_addr_width,
			   dburst * cfg.dst_addr_width);
		d->maxburst = DIV_ROUND_UP(unit, d->width);
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * Device sides move whole words; widths are powers of two, so a multiple
 * of the wider one of DEV_TO_DEV is one of both.
 */
static bool vdma_len_ok(const struct vdma_desc *d, size_t len)
{
	return len && !(len % d->width);
}

/* One segment of @len bytes from @src, or of the fill byte, to @dst. */
static struct dma_async_tx_descriptor *
vdma_prep_mem(struct dma_chan *chan, dma_addr_t dst, dma_addr_t src,
	      enum vdma_end_type type, u8 fill, size_t len, unsigned long flags)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	struct vdma_desc *d;

	if (!len || len > VDMA_MAX_LEN || (flags & VDMA_PREP_UNSUPPORTED))
		return NULL;
	/* The controller cannot address what its alignment rules out. */
	if (type == VDMA_END_FILL ?
	    !is_dma_fill_aligned(chan->device, dst, 0, len) :
	    !is_dma_copy_aligned(chan->device, src, dst, len))
		return NULL;

	d = vdma_desc_alloc(vchan, 1);
	if (!d)
		return NULL;

	vdma_desc_mem(vchan, d, type);
	d->fill = fill;
	d->len = len;
	d->period = len;
	d->segs[0].src = src;
	d->segs[0].dst = dst;
	d->segs[0].len = len;

	return vdma_vchan_tx_prep(&vchan->vc, &d->vd, flags);
}

static struct dma_async_tx_descriptor *
vdma_prep_dma_memcpy(struct dma_chan *chan, dma_addr_t dst, dma_addr_t src,
		     size_t len, unsigned long flags)
{
	return vdma_prep_mem(chan, dst, src, VDMA_END_MEM, 0, len, flags);
}

/* Like dmatest expects: the low byte of @value fills the range. */
static struct dma_async_tx_descriptor *
vdma_prep_dma_memset(struct dma_chan *chan, dma_addr_t dst, int value,
		     size_t len, unsigned long flags)
{
	return vdma_prep_mem(chan, dst, 0, VDMA_END_FILL, value, len, flags);
}

#ifdef VDMA_HAVE_MEMCPY_SG
/*
 * The two lists are walked together: each segment is contiguous on both
 * sides, so there are fewer than @dst_nents + @src_nents of them.  Both
 * lists must add up to the same length.
 */
static struct dma_async_tx_descriptor *
vdma_prep_dma_memcpy_sg(struct dma_chan *chan,
			struct scatterlist *dst_sg, unsigned int dst_nents,
			struct scatterlist *src_sg, unsigned int src_nents,
			unsigned long flags)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	size_t soff = 0, doff = 0, slen, dlen, n;
	unsigned int nr = 0;
	struct vdma_desc *d;

	if (!dst_nents || !src_nents || (flags & VDMA_PREP_UNSUPPORTED))
		return NULL;

	d = vdma_desc_alloc(vchan, dst_nents + src_nents);
	if (!d)
		return NULL;
	vdma_desc_mem(vchan, d, VDMA_END_MEM);

	while (src_nents && dst_nents) {
		slen = sg_dma_len(src_sg) - soff;
		dlen = sg_dma_len(dst_sg) - doff;
		n = min(slen, dlen);
		if (!n || n > VDMA_MAX_LEN - d->len)
			goto out_free_desc;
		d->segs[nr].src = sg_dma_address(src_sg) + soff;
		d->segs[nr].dst = sg_dma_address(dst_sg) + doff;
		d->segs[nr].len = n;
		d->len += n;
		nr++;

		soff += n;
		doff += n;
		if (soff == sg_dma_len(src_sg)) {
			src_sg = sg_next(src_sg);
			src_nents--;
			soff = 0;
		}
		if (doff == sg_dma_len(dst_sg)) {
			dst_sg = sg_next(dst_sg);
			dst_nents--;
			doff = 0;
		}
	}
	if (src_nents || dst_nents)
		goto out_free_desc;

	d->nr_segs = nr;
	d->period = d->len;

	return vdma_vchan_tx_prep(&vchan->vc, &d->vd, flags);

out_free_desc:
	vdma_desc_discard(vchan, d);
	return NULL;
}
#endif

static struct dma_async_tx_descriptor *
vdma_prep_slave_sg(struct dma_chan *chan, struct scatterlist *sgl,
		   unsigned int sg_len, enum dma_transfer_direction dir,
		   unsigned long flags, void *context)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	struct dma_slave_config cfg;
	struct scatterlist *sg;
	struct vdma_desc *d;
	unsigned int i;
	size_t len;

	if (!sg_len || (flags & VDMA_PREP_UNSUPPORTED))
		return NULL;

	d = vdma_desc_alloc(vchan, sg_len);
	if (!d)
		return NULL;

	vdma_chan_config(vchan, &cfg);
	if (vdma_desc_dev(vchan, d, dir, cfg.src_addr, cfg.dst_addr))
		goto out_free_desc;

	/* DEV_TO_DEV: the entries give lengths only. */
	for_each_sg(sgl, sg, sg_len, i) {
		len = sg_dma_len(sg);
		if (!vdma_len_ok(d, len) || len > VDMA_MAX_LEN - d->len)
			goto out_free_desc;
		if (dir == DMA_MEM_TO_DEV)
			d->segs[i].src = sg_dma_address(sg);
		else if (dir == DMA_DEV_TO_MEM)
			d->segs[i].dst = sg_dma_address(sg);
		d->segs[i].len = len;
		d->len += len;
	}
	d->period = d->len;

	return vdma_vchan_tx_prep(&vchan->vc, &d->vd, flags);

out_free_desc:
	vdma_desc_discard(vchan, d);
	return NULL;
}

static struct dma_async_tx_descriptor *
vdma_prep_dma_cyclic(struct dma_chan *chan, dma_addr_t buf, size_t buf_len,
		     size_t period_len, enum dma_transfer_direction dir,
		     unsigned long flags)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	struct dma_slave_config cfg;
	struct vdma_desc *d;

	if (!period_len || !buf_len || buf_len % period_len ||
	    buf_len > VDMA_MAX_LEN || (flags & VDMA_PREP_UNSUPPORTED))
		return NULL;
	if (dir != DMA_MEM_TO_DEV && dir != DMA_DEV_TO_MEM)
		return NULL;

	d = vdma_desc_alloc(vchan, 1);
	if (!d)
		return NULL;

	vdma_chan_config(vchan, &cfg);
	if (vdma_desc_dev(vchan, d, dir, cfg.src_addr, cfg.dst_addr) ||
	    !vdma_len_ok(d, period_len))
		goto out_free_desc;

	d->cyclic = true;
	d->len = buf_len;
	d->period = period_len;
	if (dir == DMA_MEM_TO_DEV)
		d->segs[0].src = buf;
	else
		d->segs[0].dst = buf;
	d->segs[0].len = buf_len;

	return vdma_vchan_tx_prep(&vchan->vc, &d->vd, flags);

out_free_desc:
	vdma_desc_discard(vchan, d);
	return NULL;
}

/*
 * A memory side of an interleaved frame: where each chunk starts relative
 * to the frame, and the frame's stride.  Memory sides must increment.
 */
static bool vdma_xt_side(struct dma_interleaved_template *xt, bool src,
			 struct vdma_desc *d, dma_addr_t *stride)
{
	dma_addr_t start = src ? xt->src_start : xt->dst_start;
	dma_addr_t off = 0, span, end;
	size_t i, icg;

	if (!(src ? xt->src_inc : xt->dst_inc))
		return false;

	for (i = 0; i < xt->frame_size; i++) {
		icg = src ? dmaengine_get_src_icg(xt, &xt->sgl[i]) :
			    dmaengine_get_dst_icg(xt, &xt->sgl[i]);
		if (check_add_overflow(start, off, &end))
			return false;
		if (src)
			d->segs[i].src = end;
		else
			d->segs[i].dst = end;
		if (check_add_overflow(off, (dma_addr_t)xt->sgl[i].size, &off) ||
		    check_add_overflow(off, (dma_addr_t)icg, &off))
			return false;
	}

	/* The last frame must not wrap around the address space. */
	if (check_mul_overflow((dma_addr_t)xt->numf, off, &span) ||
	    check_add_overflow(start, span, &end))
		return false;

	*stride = off;
	return true;
}

static struct dma_async_tx_descriptor *
vdma_prep_interleaved_dma(struct dma_chan *chan,
			  struct dma_interleaved_template *xt,
			  unsigned long flags)
{
	struct vdma_chan *vchan = to_vdma_chan(chan);
	size_t frame = 0, total, size;
	bool src_mem, dst_mem;
	struct vdma_desc *d;
	size_t i;

	if (!xt || !xt->numf || !xt->frame_size ||
	    xt->frame_size > VDMA_MAX_FRAME_SIZE ||
	    (flags & VDMA_PREP_UNSUPPORTED))
		return NULL;

	d = vdma_desc_alloc(vchan, xt->frame_size);
	if (!d)
		return NULL;

	src_mem = xt->dir == DMA_MEM_TO_MEM || xt->dir == DMA_MEM_TO_DEV;
	dst_mem = xt->dir == DMA_MEM_TO_MEM || xt->dir == DMA_DEV_TO_MEM;
	if (xt->dir == DMA_MEM_TO_MEM)
		vdma_desc_mem(vchan, d, VDMA_END_MEM);
	else if (vdma_desc_dev(vchan, d, xt->dir, xt->src_start, xt->dst_start))
		goto out_free_desc;

	if ((src_mem && !vdma_xt_side(xt, true, d, &d->src.stride)) ||
	    (dst_mem && !vdma_xt_side(xt, false, d, &d->dst.stride)))
		goto out_free_desc;

	for (i = 0; i < xt->frame_size; i++) {
		size = xt->sgl[i].size;
		if (!size || check_add_overflow(frame, size, &frame))
			goto out_free_desc;
		/* A device side moves whole words. */
		if (xt->dir != DMA_MEM_TO_MEM && !vdma_len_ok(d, size))
			goto out_free_desc;
		d->segs[i].len = size;
	}
	if (check_mul_overflow(frame, xt->numf, &total) || total > VDMA_MAX_LEN)
		goto out_free_desc;

	d->numf = xt->numf;
	d->len = total;
	d->period = total;

	return vdma_vchan_tx_prep(&vchan->vc, &d->vd, flags);

out_free_desc:
	vdma_desc_discard(vchan, d);
	return NULL;
}

/**
 * vdma_prep_init() - set the capabilities and prep calls of a device
 * @dma: dmaengine device being set up
 *
 * Context: process context, before dma_async_device_register().
 */
void vdma_prep_init(struct dma_device *dma)
{
	struct vdma_device *vdev = container_of(dma, struct vdma_device, dma);
	u32 ops = vdev->pers.ops;

	dma_cap_set(DMA_MEMCPY, dma->cap_mask);
	dma->device_prep_dma_memcpy = vdma_prep_dma_memcpy;
	dma->copy_align = vdev->pers.copy_align;
	dma->directions = BIT(DMA_MEM_TO_MEM);

	if (ops & VDMA_OP_MEMSET) {
		dma_cap_set(DMA_MEMSET, dma->cap_mask);
		dma->device_prep_dma_memset = vdma_prep_dma_memset;
		dma->fill_align = vdev->pers.fill_align;
	}
	if (ops & VDMA_OP_SLAVE) {
		dma_cap_set(DMA_SLAVE, dma->cap_mask);
		dma->device_prep_slave_sg = vdma_prep_slave_sg;
	}
	if (ops & VDMA_OP_CYCLIC) {
		dma_cap_set(DMA_CYCLIC, dma->cap_mask);
		dma->device_prep_dma_cyclic = vdma_prep_dma_cyclic;
	}
	if (ops & VDMA_OP_INTERLEAVE) {
		dma_cap_set(DMA_INTERLEAVE, dma->cap_mask);
		dma->device_prep_interleaved_dma = vdma_prep_interleaved_dma;
	}
	if (ops & VDMA_OP_CONFIG)
		dma->device_config = vdma_config;
#ifdef VDMA_HAVE_MEMCPY_SG
	if (ops & VDMA_OP_MEMCPY_SG) {
		dma_cap_set(DMA_MEMCPY_SG, dma->cap_mask);
		dma->device_prep_dma_memcpy_sg = vdma_prep_dma_memcpy_sg;
	}
#endif

	if (!(ops & (VDMA_OP_SLAVE | VDMA_OP_CYCLIC | VDMA_OP_INTERLEAVE)))
		return;
	/* What the slave capabilities report. */
	dma->src_addr_widths = VDMA_BUSWIDTHS;
	dma->dst_addr_widths = VDMA_BUSWIDTHS;
	dma->directions |= BIT(DMA_MEM_TO_DEV) | BIT(DMA_DEV_TO_MEM) |
			   BIT(DMA_DEV_TO_DEV);
	dma->max_burst = vdev->max_burst;
	dma->min_burst = 1;
	/* A burst may span any number of scatterlist entries. */
	dma->max_sg_burst = 0;
}
