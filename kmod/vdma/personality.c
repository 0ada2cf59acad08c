// SPDX-License-Identifier: GPL-2.0
/*
 * vdma personalities: each device behaves like a class of upstream
 * providers, chosen when it is created.  A personality is written as a
 * preset name followed by KEY=VALUE overrides, separated by spaces or
 * commas ("pl330 pool=8"); vdma_personality_show() writes every knob back
 * in that form.  man/vdma.4 describes each knob and the upstream drivers
 * each preset stands for.
 */
#include <linux/dmaengine.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/string.h>

#include "vdma.h"

/* Longest completion delay a threaded personality may ask for. */
#define VDMA_MAX_CB_DELAY_US	1000000

/* Largest fixed descriptor pool of a channel. */
#define VDMA_MAX_POOL		65536

/* Largest copy_align and fill_align, in bytes. */
#define VDMA_MAX_ALIGN		64

/* What every vdma device did before personalities: everything. */
const struct vdma_personality vdma_personality_default = {
	.preset = "default",
	.ops = VDMA_OP_ALL,
	.residue = DMA_RESIDUE_GRANULARITY_BURST,
	.reuse = true,
	.max_seg = VDMA_MAX_LEN,
	.completion = VDMA_VCHAN_TASKLET,
	.free_waits = true,
	.result = VDMA_VCHAN_RESULT,
};

static const struct vdma_personality vdma_presets[] = {
	/* pl330: its own descriptor pool and tasklet, no virt-dma. */
	{
		.preset = "pl330",
		.ops = VDMA_OP_CONFIG | VDMA_OP_PAUSE | VDMA_OP_TERMINATE |
		       VDMA_OP_SLAVE | VDMA_OP_CYCLIC,
		.residue = DMA_RESIDUE_GRANULARITY_BURST,
		.max_seg = 1900800,
		.completion = VDMA_VCHAN_TASKLET,
		.free_waits = true,
		.result = VDMA_VCHAN_NORESULT,
		.recycle = true,
	},
	/* bcm2835-dma: virt-dma, no pause. */
	{
		.preset = "bcm2835",
		.ops = VDMA_OP_CONFIG | VDMA_OP_TERMINATE | VDMA_OP_SYNC |
		       VDMA_OP_SLAVE | VDMA_OP_CYCLIC,
		.residue = DMA_RESIDUE_GRANULARITY_BURST,
		.reuse = true,
		.max_seg = 0x3fffffff,
		.completion = VDMA_VCHAN_TASKLET,
		.free_waits = true,
		.result = VDMA_VCHAN_RESULT,
	},
	/* idxd (6.1): memcpy only, a fixed pool, a threaded handler. */
	{
		.preset = "idxd",
		.residue = DMA_RESIDUE_GRANULARITY_DESCRIPTOR,
		.pool = 32,
		.completion = VDMA_VCHAN_THREAD,
		.free_waits = false,
		.result = VDMA_VCHAN_RESULT,
	},
	/* stm32-dma: virt-dma, reuse, 32-byte copies. */
	{
		.preset = "stm32",
		.ops = VDMA_OP_CONFIG | VDMA_OP_PAUSE | VDMA_OP_RESUME |
		       VDMA_OP_TERMINATE | VDMA_OP_SYNC | VDMA_OP_SLAVE |
		       VDMA_OP_CYCLIC,
		.residue = DMA_RESIDUE_GRANULARITY_BURST,
		.reuse = true,
		.copy_align = DMAENGINE_ALIGN_32_BYTES,
		.max_seg = 65520,
		.completion = VDMA_VCHAN_TASKLET,
		.free_waits = true,
		.result = VDMA_VCHAN_RESULT,
	},
	/* A small virt-dma memcpy driver that sets no max_seg_size. */
	{
		.preset = "virt-memcpy",
		.ops = VDMA_OP_TERMINATE | VDMA_OP_SYNC,
		.residue = DMA_RESIDUE_GRANULARITY_SEGMENT,
		.completion = VDMA_VCHAN_TASKLET,
		.free_waits = true,
		.result = VDMA_VCHAN_RESULT,
	},
};

static const struct {
	const char *name;
	u32 bit;
} vdma_op_names[] = {
	{ "config", VDMA_OP_CONFIG },
	{ "pause", VDMA_OP_PAUSE },
	{ "resume", VDMA_OP_RESUME },
	{ "terminate", VDMA_OP_TERMINATE },
	{ "synchronize", VDMA_OP_SYNC },
	{ "memset", VDMA_OP_MEMSET },
	{ "slave", VDMA_OP_SLAVE },
	{ "cyclic", VDMA_OP_CYCLIC },
	{ "interleave", VDMA_OP_INTERLEAVE },
	{ "memcpy_sg", VDMA_OP_MEMCPY_SG },
};

/* Indexed by enum dma_residue_granularity. */
static const char * const vdma_residue_names[] = {
	"descriptor", "segment", "burst",
};

/* Indexed by enum vdma_vchan_context. */
static const char * const vdma_completion_names[] = {
	"tasklet", "hardirq", "thread",
};

/* Indexed by enum vdma_vchan_result. */
static const char * const vdma_result_names[] = {
	"result", "noresult", "legacy",
};

static int vdma_preset_find(struct vdma_personality *p, const char *name)
{
	unsigned int i;

	if (!strcmp(name, vdma_personality_default.preset)) {
		*p = vdma_personality_default;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(vdma_presets); i++) {
		if (!strcmp(name, vdma_presets[i].preset)) {
			*p = vdma_presets[i];
			return 0;
		}
	}

	return -EINVAL;
}

/* An alignment in bytes, a power of two, as its log2. */
static int vdma_align_parse(const char *val, u8 *align)
{
	u32 bytes;

	if (kstrtou32(val, 0, &bytes) || !is_power_of_2(bytes) ||
	    bytes > VDMA_MAX_ALIGN)
		return -EINVAL;
	*align = ilog2(bytes);

	return 0;
}

static int vdma_knob_parse(struct vdma_personality *p, const char *key,
			   const char *val)
{
	unsigned int i;
	bool on;
	int ret;

	if (!strcmp(key, "personality"))
		return vdma_preset_find(p, val);

	for (i = 0; i < ARRAY_SIZE(vdma_op_names); i++) {
		if (strcmp(key, vdma_op_names[i].name))
			continue;
		if (kstrtobool(val, &on))
			return -EINVAL;
		if (on)
			p->ops |= vdma_op_names[i].bit;
		else
			p->ops &= ~vdma_op_names[i].bit;
		return 0;
	}

	if (!strcmp(key, "residue")) {
		ret = match_string(vdma_residue_names,
				   ARRAY_SIZE(vdma_residue_names), val);
		if (ret < 0)
			return ret;
		p->residue = ret;
		return 0;
	}
	if (!strcmp(key, "completion")) {
		ret = match_string(vdma_completion_names,
				   ARRAY_SIZE(vdma_completion_names), val);
		if (ret < 0)
			return ret;
		p->completion = ret;
		return 0;
	}
	if (!strcmp(key, "result")) {
		ret = match_string(vdma_result_names,
				   ARRAY_SIZE(vdma_result_names), val);
		if (ret < 0)
			return ret;
		p->result = ret;
		return 0;
	}
	if (!strcmp(key, "reuse"))
		return kstrtobool(val, &p->reuse);
	if (!strcmp(key, "free_waits"))
		return kstrtobool(val, &p->free_waits);
	if (!strcmp(key, "recycle"))
		return kstrtobool(val, &p->recycle);
	if (!strcmp(key, "copy_align"))
		return vdma_align_parse(val, &p->copy_align);
	if (!strcmp(key, "fill_align"))
		return vdma_align_parse(val, &p->fill_align);
	if (!strcmp(key, "max_seg"))
		return kstrtou32(val, 0, &p->max_seg);
	if (!strcmp(key, "pool"))
		return kstrtou32(val, 0, &p->pool);
	if (!strcmp(key, "delay_us"))
		return kstrtou32(val, 0, &p->delay_us);

	return -EINVAL;
}

/* Combinations no upstream driver has, or vdma cannot simulate. */
static int vdma_personality_check(const struct vdma_personality *p)
{
	/* Slave transfers need a configuration to find their port. */
	if ((p->ops & (VDMA_OP_SLAVE | VDMA_OP_CYCLIC)) &&
	    !(p->ops & VDMA_OP_CONFIG))
		return -EINVAL;
	/* A recycled descriptor is the pool's, not the consumer's. */
	if (p->recycle && p->reuse)
		return -EINVAL;
	/* Only a thread can be delayed by the scheduler. */
	if (p->delay_us && p->completion != VDMA_VCHAN_THREAD)
		return -EINVAL;
	if (p->delay_us > VDMA_MAX_CB_DELAY_US || p->pool > VDMA_MAX_POOL)
		return -EINVAL;

	return 0;
}

/**
 * vdma_personality_parse() - read a personality
 * @p: filled in
 * @spec: "[PRESET] [KEY=VALUE]...", separated by spaces or commas; a
 *	preset (or personality=PRESET) sets every knob, and the knobs after
 *	it override some; modified
 *
 * Without a preset, the knobs override the default personality.
 *
 * Context: any context.
 * Return: 0, or -EINVAL for an unknown preset or key, a value out of
 * range, or a combination vdma does not simulate.
 */
int vdma_personality_parse(struct vdma_personality *p, char *spec)
{
	char *tok, *val;
	int ret;

	*p = vdma_personality_default;
	while ((tok = strsep(&spec, " ,\t\n"))) {
		if (!*tok)
			continue;
		val = strchr(tok, '=');
		if (!val) {
			ret = vdma_preset_find(p, tok);
		} else {
			*val++ = '\0';
			ret = vdma_knob_parse(p, tok, val);
		}
		if (ret)
			return -EINVAL;
	}

	return vdma_personality_check(p);
}

/**
 * vdma_personality_show() - write a personality as vdma_personality_parse()
 *	reads it, every knob named, on one line
 * @p: personality
 * @buf: where to write
 * @size: bytes of @buf, VDMA_PERSONALITY_LEN is enough
 *
 * Context: any context.
 * Return: bytes written, without the NUL.
 */
int vdma_personality_show(const struct vdma_personality *p, char *buf,
			  size_t size)
{
	unsigned int i;
	int len;

	len = scnprintf(buf, size, "personality=%s", p->preset);
	for (i = 0; i < ARRAY_SIZE(vdma_op_names); i++)
		len += scnprintf(buf + len, size - len, " %s=%d",
				 vdma_op_names[i].name,
				 !!(p->ops & vdma_op_names[i].bit));
	len += scnprintf(buf + len, size - len,
			 " residue=%s reuse=%d copy_align=%u fill_align=%u max_seg=%u pool=%u completion=%s delay_us=%u free_waits=%d result=%s recycle=%d\n",
			 vdma_residue_names[p->residue], p->reuse,
			 1U << p->copy_align, 1U << p->fill_align, p->max_seg,
			 p->pool, vdma_completion_names[p->completion],
			 p->delay_us, p->free_waits,
			 vdma_result_names[p->result], p->recycle);

	return len;
}
