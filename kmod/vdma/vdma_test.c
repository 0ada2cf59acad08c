// SPDX-License-Identifier: GPL-2.0
/*
 * vdma_test: an in-kernel consumer that checks vdma end to end through the
 * dmaengine API only, the way a peripheral driver uses a controller.
 *
 * Loading the module runs the tests named in "tests" and prints one KTAP
 * result per test to the kernel log ("ok 1 slave", "not ok 2 cyclic",
 * "# diagnostics"), then stays loaded until it is removed; the shell test
 * kmod/tests/vdma.sh collects the lines.  The bench_* entries measure
 * instead of checking and print "bench" lines for scripts/bench-vdma.sh.
 *
 * vdma's module parameters (ports, FIFO depth, ...) and the fault
 * injection or timing model settings a test expects are given as module
 * parameters: the tests check what the provider does against them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/poison.h>
#include <linux/preempt.h>
#include <linux/scatterlist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "compat.h"
#include "vchan.h"

static char *tests = "";
module_param(tests, charp, 0444);
MODULE_PARM_DESC(tests, "Comma-separated tests to run at load (default: none)");

static char *device = "vdma";
module_param(device, charp, 0444);
MODULE_PARM_DESC(device, "Name of the DMA device to test (default: vdma)");

static bool hold;
module_param(hold, bool, 0444);
MODULE_PARM_DESC(hold, "Hold a channel of the device until unloaded (default: 0)");

static unsigned long port_base = 0xf0000000;
module_param(port_base, ulong, 0444);
MODULE_PARM_DESC(port_base, "vdma's port_base (default: 0xf0000000)");

static unsigned int ports = 4;
module_param(ports, uint, 0444);
MODULE_PARM_DESC(ports, "vdma's ports, at least 4 for all tests (default: 4)");

static unsigned int fifo_depth = 4096;
module_param(fifo_depth, uint, 0444);
MODULE_PARM_DESC(fifo_depth, "vdma's fifo_depth, a multiple of 64 (default: 4096)");

static unsigned int burst = 4096;
module_param(burst, uint, 0444);
MODULE_PARM_DESC(burst, "vdma's burst (default: 4096)");

static unsigned int max_burst = 256;
module_param(max_burst, uint, 0444);
MODULE_PARM_DESC(max_burst, "vdma's max_burst (default: 256)");

static unsigned int fault_every;
module_param(fault_every, uint, 0444);
MODULE_PARM_DESC(fault_every, "fault: vdma's fault_every in effect (default: 0)");

static unsigned int fault_result = DMA_TRANS_ABORTED;
module_param(fault_result, uint, 0444);
MODULE_PARM_DESC(fault_result, "fault: vdma's fault_result in effect (default: 3)");

static unsigned int delay_us;
module_param(delay_us, uint, 0444);
MODULE_PARM_DESC(delay_us, "delay: vdma's fault_delay_us in effect (default: 0)");

static unsigned int bus_width = 8;
module_param(bus_width, uint, 0444);
MODULE_PARM_DESC(bus_width, "timing, bench_curve: vdma's bus_width (default: 8)");

static unsigned int clock_khz = 100000;
module_param(clock_khz, uint, 0444);
MODULE_PARM_DESC(clock_khz, "timing, bench_curve: vdma's clock_khz (default: 100000)");

static unsigned int burst_cycles = 4;
module_param(burst_cycles, uint, 0444);
MODULE_PARM_DESC(burst_cycles, "timing, bench_curve: vdma's burst_cycles (default: 4)");

static unsigned int desc_cycles = 64;
module_param(desc_cycles, uint, 0444);
MODULE_PARM_DESC(desc_cycles, "timing, bench_curve: vdma's desc_cycles (default: 64)");

static unsigned int rounds = 5;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "bench_memcpy, bench_engines: rounds of each measurement (default: 5)");

static unsigned int curve_bytes = SZ_64K;
module_param(curve_bytes, uint, 0444);
MODULE_PARM_DESC(curve_bytes, "bench_curve: bytes per copy, 4096-1048576 (default: 65536)");

static char *completion = "";
module_param(completion, charp, 0444);
MODULE_PARM_DESC(completion,
		 "context: where the device's personality runs callbacks, tasklet, hardirq or thread (default: not given)");

static unsigned int pool;
module_param(pool, uint, 0444);
MODULE_PARM_DESC(pool,
		 "pool: descriptors the personality lets a channel hold (default: 0, not given)");

static bool recycle;
module_param(recycle, bool, 0444);
MODULE_PARM_DESC(recycle,
		 "recycle: the personality recycles descriptors as pl330 does (default: 0)");

#define VT_SKIP			1	/* a test's return value: skipped */
#define VT_TIMEOUT_MS		20000
#define VT_MAX_CHANS		4
#define VT_MAX_REPORTS		8	/* mismatches reported per check */
#define VT_GUARD		64	/* bytes checked untouched after a buffer */
#define VT_UNTOUCHED		0xa5	/* what destinations hold beforehand */
/* Copied by pause and terminate: long enough to catch under way. */
#define VT_LONG			(SZ_2M - SZ_4K)

static const char *vt_skip_reason;

#define vt_diag(fmt, ...)	pr_info("# " fmt "\n", ##__VA_ARGS__)

/* Report an expectation that does not hold; return whether it holds. */
static __printf(2, 3) bool vt_expect(bool ok, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	if (ok)
		return true;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_info("# %pV\n", &vaf);
	va_end(args);

	return false;
}

static dma_addr_t vt_port(unsigned int i)
{
	return port_base + (dma_addr_t)i * SZ_4K;
}

/* ---- channels, and what a test allocates ---- */

static bool vt_filter(struct dma_chan *chan, void *param)
{
	return !strcmp(dev_name(chan->device->dev), device);
}

static struct dma_chan *vt_chans[VT_MAX_CHANS];

/**
 * struct vt_buf - DMA memory with a guard zone after it
 * @cpu: kernel address
 * @dma: bus address for the provider
 * @len: usable bytes; VT_GUARD more follow
 */
struct vt_buf {
	u8 *cpu;
	dma_addr_t dma;
	size_t len;
};

/**
 * struct vt_alloc - something a test allocated; vt_cleanup() frees it
 *	once the channels are stopped, whatever way the test ended
 * @node: entry in vt_allocs
 * @buf: coherent DMA memory, if buf.cpu is set
 * @mem: else memory from kvzalloc()
 */
struct vt_alloc {
	struct list_head node;
	struct vt_buf buf;
	void *mem;
};

static LIST_HEAD(vt_allocs);

static struct device *vt_dev(void)
{
	return vt_chans[0]->device->dev;
}

static void *vt_zalloc(size_t size)
{
	struct vt_alloc *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (!a)
		return NULL;
	a->mem = kvzalloc(size, GFP_KERNEL);
	if (!a->mem) {
		kfree(a);
		return NULL;
	}
	list_add(&a->node, &vt_allocs);

	return a->mem;
}

/* A DMA buffer of @len bytes, all VT_UNTOUCHED, guard zone included. */
static struct vt_buf *vt_buf(size_t len)
{
	struct vt_alloc *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (!a)
		return NULL;
	a->buf.cpu = dma_alloc_coherent(vt_dev(), len + VT_GUARD, &a->buf.dma,
					GFP_KERNEL);
	if (!a->buf.cpu) {
		vt_diag("cannot allocate %zu bytes of DMA memory", len);
		kfree(a);
		return NULL;
	}
	a->buf.len = len;
	memset(a->buf.cpu, VT_UNTOUCHED, len + VT_GUARD);
	list_add(&a->node, &vt_allocs);

	return &a->buf;
}

/* Stop every channel, then free what the test allocated. */
static void vt_cleanup(void)
{
	struct vt_alloc *a, *tmp;
	unsigned int i;

	for (i = 0; i < VT_MAX_CHANS; i++)
		if (vt_chans[i])
			dmaengine_terminate_sync(vt_chans[i]);

	list_for_each_entry_safe(a, tmp, &vt_allocs, node) {
		if (a->buf.cpu)
			dma_free_coherent(vt_dev(), a->buf.len + VT_GUARD,
					  a->buf.cpu, a->buf.dma);
		else
			kvfree(a->mem);
		list_del(&a->node);
		kfree(a);
	}
}

static void vt_put_chans(void)
{
	unsigned int i;

	for (i = 0; i < VT_MAX_CHANS; i++) {
		if (vt_chans[i])
			dma_release_channel(vt_chans[i]);
		vt_chans[i] = NULL;
	}
}

static int vt_get_chans(unsigned int n)
{
	dma_cap_mask_t mask;
	unsigned int i;

	/* Every personality has memcpy. */
	dma_cap_zero(mask);
	dma_cap_set(DMA_MEMCPY, mask);
	for (i = 0; i < n; i++) {
		vt_chans[i] = dma_request_channel(mask, vt_filter, NULL);
		if (!vt_chans[i]) {
			vt_diag("cannot get %u free channels of %s", n, device);
			vt_put_chans();
			return -ENODEV;
		}
	}

	return 0;
}

/* A pattern that tells offsets apart and differs from seed to seed. */
static void vt_fill(u8 *p, size_t len, u32 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (i * 131 + (i >> 8) * 7 + seed) ^ (seed >> 8);
}

/* A buffer of 2 * @len bytes whose first half holds a pattern. */
static struct vt_buf *vt_copy_buf(size_t len, u32 seed)
{
	struct vt_buf *b = vt_buf(2 * len);

	if (b)
		vt_fill(b->cpu, len, seed);
	return b;
}

/* Compare @len bytes; report the first mismatches, count the rest. */
static int vt_compare(const char *what, const u8 *got, const u8 *want,
		      size_t len)
{
	size_t i, bad = 0;

	for (i = 0; i < len; i++) {
		if (got[i] == want[i])
			continue;
		if (bad < VT_MAX_REPORTS)
			vt_diag("%s: byte %zu is %#04x, expected %#04x", what,
				i, got[i], want[i]);
		bad++;
	}
	if (bad > VT_MAX_REPORTS)
		vt_diag("%s: %zu more mismatches suppressed", what,
			bad - VT_MAX_REPORTS);

	return bad ? -EINVAL : 0;
}

static int vt_untouched(const char *what, const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] != VT_UNTOUCHED) {
			vt_diag("%s: byte %zu written (%#04x)", what, i, p[i]);
			return -EINVAL;
		}
	}

	return 0;
}

/* ---- submitting and waiting ---- */

/**
 * struct vt_xfer - one submitted descriptor and what its callbacks saw
 * @chan: channel
 * @cookie: its cookie
 * @done: completed by each callback
 * @calls: callbacks so far
 * @res: result of the last callback
 */
struct vt_xfer {
	struct dma_chan *chan;
	dma_cookie_t cookie;
	struct completion done;
	atomic_t calls;
	struct dmaengine_result res;
};

static void vt_callback(void *param, const struct dmaengine_result *res)
{
	struct vt_xfer *x = param;

	x->res = *res;
	atomic_inc(&x->calls);
	complete(&x->done);
}

/*
 * Submit @tx (NULL: the prep failed), not issued yet.  The record of its
 * callbacks lives until vt_cleanup(), after the channels are stopped.
 */
static struct vt_xfer *vt_submit(struct dma_chan *chan,
				 struct dma_async_tx_descriptor *tx,
				 const char *what)
{
	struct vt_xfer *x;

	if (!tx) {
		vt_diag("%s: prep refused", what);
		return NULL;
	}
	x = vt_zalloc(sizeof(*x));
	if (!x) {
		/* Never submitted: terminate_sync frees it. */
		return NULL;
	}
	x->chan = chan;
	init_completion(&x->done);
	tx->callback_result = vt_callback;
	tx->callback_param = x;
	x->cookie = dmaengine_submit(tx);
	if (dma_submit_error(x->cookie)) {
		vt_diag("%s: submit failed: %d", what, x->cookie);
		return NULL;
	}

	return x;
}

/* Submit @tx and issue it. */
static struct vt_xfer *vt_start(struct dma_chan *chan,
				struct dma_async_tx_descriptor *tx,
				const char *what)
{
	struct vt_xfer *x = vt_submit(chan, tx, what);

	if (x)
		dma_async_issue_pending(chan);
	return x;
}

static struct dma_async_tx_descriptor *vt_prep_copy(struct dma_chan *chan,
						    struct vt_buf *b,
						    size_t len)
{
	return dmaengine_prep_dma_memcpy(chan, b->dma + len, b->dma, len,
					 DMA_PREP_INTERRUPT);
}

static struct vt_xfer *vt_start_copy(struct dma_chan *chan,
				     struct vt_buf *b, size_t len,
				     const char *what)
{
	return vt_start(chan, vt_prep_copy(chan, b, len), what);
}

static bool vt_wait_done(struct vt_xfer *x)
{
	return wait_for_completion_timeout(&x->done,
					   msecs_to_jiffies(VT_TIMEOUT_MS));
}

/* Wait for the completion callback; it must report success. */
static int vt_wait(struct vt_xfer *x, const char *what)
{
	struct dma_tx_state state;
	enum dma_status status;

	if (!x)
		return -EINVAL;
	if (!vt_wait_done(x)) {
		status = dmaengine_tx_status(x->chan, x->cookie, &state);
		vt_diag("%s: no completion after %u ms (status %d, residue %u)",
			what, VT_TIMEOUT_MS, status, state.residue);
		return -ETIMEDOUT;
	}
	if (x->res.result != DMA_TRANS_NOERROR || x->res.residue) {
		vt_diag("%s: completed with result %d, residue %u", what,
			x->res.result, x->res.residue);
		return -EIO;
	}
	status = dmaengine_tx_status(x->chan, x->cookie, NULL);
	if (status != DMA_COMPLETE) {
		vt_diag("%s: status %d after the callback", what, status);
		return -EIO;
	}

	return 0;
}

/* Wait for every transfer of @xs, in order. */
static int vt_wait_all(struct vt_xfer **xs, unsigned int n, const char *what)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < n && !ret; i++)
		ret = vt_wait(xs[i], what);

	return ret;
}

static u32 vt_residue(struct vt_xfer *x, enum dma_status *status)
{
	struct dma_tx_state state = { };
	enum dma_status st;

	st = dmaengine_tx_status(x->chan, x->cookie, &state);
	if (status)
		*status = st;
	return st == DMA_COMPLETE ? 0 : state.residue;
}

/* Wait until the residue is @want (a channel blocked on a FIFO). */
static int vt_wait_residue(struct vt_xfer *x, u32 want, const char *what)
{
	unsigned long end = jiffies + msecs_to_jiffies(VT_TIMEOUT_MS);
	u32 r;

	if (!x)
		return -EINVAL;
	do {
		r = vt_residue(x, NULL);
		if (r == want)
			return 0;
		usleep_range(200, 400);
	} while (time_before(jiffies, end));

	vt_diag("%s: residue %u, expected %u", what, r, want);
	return -ETIMEDOUT;
}

static int vt_config(struct dma_chan *chan, dma_addr_t src, dma_addr_t dst,
		     enum dma_slave_buswidth width, u32 maxburst)
{
	struct dma_slave_config cfg = {
		.src_addr = src,
		.dst_addr = dst,
		.src_addr_width = width,
		.dst_addr_width = width,
		.src_maxburst = maxburst,
		.dst_maxburst = maxburst,
	};
	int ret;

	ret = dmaengine_slave_config(chan, &cfg);
	if (ret)
		vt_diag("slave config %pad/%pad width %u burst %u: %d", &src,
			&dst, width, maxburst, ret);
	return ret;
}

/*
 * A scatterlist over @b in @n entries of irregular lengths, each a
 * multiple of @align (as @b's length is), the last one taking the rest.
 */
static struct scatterlist *vt_sg(struct vt_buf *b, unsigned int n,
				 size_t align)
{
	size_t base = rounddown(b->len / n, align), off = 0, len;
	struct scatterlist *sgl, *sg;
	unsigned int i;

	sgl = vt_zalloc(n * sizeof(*sgl));
	if (!sgl)
		return NULL;
	sg_init_table(sgl, n);
	for_each_sg(sgl, sg, n, i) {
		len = base;
		if (base > 3 * align)
			len -= (i % 3) * align;
		if (i == n - 1)
			len = b->len - off;
		sg_dma_address(sg) = b->dma + off;
		sg_dma_len(sg) = len;
		off += len;
	}

	return sgl;
}

/* A slave transfer of the whole of @b in @n entries, started. */
static struct vt_xfer *vt_start_sg(struct dma_chan *chan, struct vt_buf *b,
				   unsigned int n, size_t align,
				   enum dma_transfer_direction dir,
				   const char *what)
{
	struct scatterlist *sgl = vt_sg(b, n, align);

	if (!sgl)
		return NULL;
	return vt_start(chan, dmaengine_prep_slave_sg(chan, sgl, n, dir,
						      DMA_PREP_INTERRUPT),
			what);
}

/* ---- capabilities and refusals ---- */

static int vt_caps(void)
{
	struct dma_chan *chan = vt_chans[0];
	struct dma_device *dd = chan->device;
	u32 widths = BIT(1) | BIT(2) | BIT(4) | BIT(8) | BIT(16);
	u32 dirs = BIT(DMA_MEM_TO_MEM) | BIT(DMA_MEM_TO_DEV) |
		   BIT(DMA_DEV_TO_MEM) | BIT(DMA_DEV_TO_DEV);
	struct dma_slave_caps caps;
	bool ok = true;
	int ret;

	ret = dma_get_slave_caps(chan, &caps);
	if (!vt_expect(!ret, "dma_get_slave_caps: %d", ret))
		return ret;
	ok &= vt_expect(caps.directions == dirs, "directions %#x",
			caps.directions);
	ok &= vt_expect(caps.src_addr_widths == widths &&
			caps.dst_addr_widths == widths, "widths %#x %#x",
			caps.src_addr_widths, caps.dst_addr_widths);
	ok &= vt_expect(caps.max_burst == max_burst, "max_burst %u",
			caps.max_burst);
	ok &= vt_expect(caps.min_burst == 1, "min_burst %u", caps.min_burst);
	ok &= vt_expect(!caps.max_sg_burst, "max_sg_burst %u",
			caps.max_sg_burst);
	ok &= vt_expect(caps.residue_granularity ==
			DMA_RESIDUE_GRANULARITY_BURST,
			"residue granularity %d", caps.residue_granularity);
	ok &= vt_expect(caps.descriptor_reuse, "no descriptor reuse");
	ok &= vt_expect(caps.cmd_pause && caps.cmd_resume && caps.cmd_terminate,
			"pause %d resume %d terminate %d", caps.cmd_pause,
			caps.cmd_resume, caps.cmd_terminate);
	ok &= vt_expect(dma_has_cap(DMA_MEMCPY, dd->cap_mask) &&
			dma_has_cap(DMA_MEMSET, dd->cap_mask) &&
			dma_has_cap(DMA_SLAVE, dd->cap_mask) &&
			dma_has_cap(DMA_CYCLIC, dd->cap_mask) &&
			dma_has_cap(DMA_INTERLEAVE, dd->cap_mask) &&
			dma_has_cap(DMA_PRIVATE, dd->cap_mask),
			"capability mask %#lx", dd->cap_mask.bits[0]);
#ifdef VDMA_HAVE_MEMCPY_SG
	ok &= vt_expect(dma_has_cap(DMA_MEMCPY_SG, dd->cap_mask),
			"no DMA_MEMCPY_SG");
#endif
	ok &= vt_expect(dd->copy_align == DMAENGINE_ALIGN_1_BYTE &&
			dd->fill_align == DMAENGINE_ALIGN_1_BYTE,
			"alignments %d %d", dd->copy_align, dd->fill_align);

	return ok ? 0 : -EINVAL;
}

/* A configuration a controller must refuse with -EINVAL. */
static bool vt_bad_config(struct dma_chan *chan,
			  const struct dma_slave_config *good,
			  void (*spoil)(struct dma_slave_config *cfg),
			  const char *what)
{
	struct dma_slave_config cfg = *good;
	int ret;

	spoil(&cfg);
	ret = dmaengine_slave_config(chan, &cfg);
	return vt_expect(ret == -EINVAL, "config with %s: %d, expected -EINVAL",
			 what, ret);
}

static void vt_past_last_port(struct dma_slave_config *c)
{
	c->dst_addr = vt_port(ports);
}

static void vt_below_ports(struct dma_slave_config *c)
{
	c->dst_addr = port_base - 4;
}

static void vt_misaligned(struct dma_slave_config *c)
{
	c->dst_addr += 2;
}

static void vt_width_3(struct dma_slave_config *c)
{
	c->dst_addr_width = DMA_SLAVE_BUSWIDTH_3_BYTES;
}

static void vt_width_128(struct dma_slave_config *c)
{
	c->dst_addr_width = DMA_SLAVE_BUSWIDTH_128_BYTES;
}

static void vt_no_width(struct dma_slave_config *c)
{
	c->dst_addr_width = DMA_SLAVE_BUSWIDTH_UNDEFINED;
}

static void vt_burst_above_max(struct dma_slave_config *c)
{
	c->dst_maxburst = max_burst + 1;
}

/* 64-byte words, one more than the FIFO holds (within max_burst). */
static void vt_burst_beyond_fifo(struct dma_slave_config *c)
{
	c->src_addr = vt_port(1);
	c->src_addr_width = DMA_SLAVE_BUSWIDTH_64_BYTES;
	c->src_maxburst = min(fifo_depth / 64 + 1, max_burst);
}

static void vt_window_past_port(struct dma_slave_config *c)
{
	c->dst_port_window_size = SZ_4K / 4 + 1;
}

static void vt_device_fc(struct dma_slave_config *c)
{
	c->device_fc = true;
}

static int vt_refuse_configs(struct dma_chan *chan)
{
	const struct dma_slave_config good = {
		.dst_addr = vt_port(0),
		.dst_addr_width = DMA_SLAVE_BUSWIDTH_4_BYTES,
		.dst_maxburst = 4,
	};
	struct dma_slave_config cfg = good;
	bool ok = true;
	int ret;

	ok &= vt_bad_config(chan, &good, vt_past_last_port, "a port past the last");
	ok &= vt_bad_config(chan, &good, vt_below_ports, "an address below the ports");
	ok &= vt_bad_config(chan, &good, vt_misaligned, "a misaligned address");
	ok &= vt_bad_config(chan, &good, vt_width_3, "width 3");
	ok &= vt_bad_config(chan, &good, vt_width_128, "width 128");
	ok &= vt_bad_config(chan, &good, vt_no_width, "an address but no width");
	ok &= vt_bad_config(chan, &good, vt_burst_above_max, "a burst above max_burst");
	if (fifo_depth / 64 + 1 <= max_burst)
		ok &= vt_bad_config(chan, &good, vt_burst_beyond_fifo,
				    "a burst beyond the FIFO");
	ok &= vt_bad_config(chan, &good, vt_window_past_port, "a window past the port");
	ok &= vt_bad_config(chan, &good, vt_device_fc, "peripheral flow control");

	cfg.dst_port_window_size = SZ_4K / 4;
	ret = dmaengine_slave_config(chan, &cfg);
	ok &= vt_expect(!ret, "a whole-port window refused: %d", ret);
	cfg = good;
	ret = dmaengine_slave_config(chan, &cfg);
	ok &= vt_expect(!ret, "a good configuration refused: %d", ret);

	return ok ? 0 : -EINVAL;
}

/* Prep calls a controller must refuse, on a MEM_TO_DEV, width 4 channel. */
static int vt_refuse_preps(struct dma_chan *chan, struct vt_buf *b)
{
	struct dma_interleaved_template *xt;
	struct dma_async_tx_descriptor *tx;
	struct scatterlist sg;
	u32 bad = 0;

	xt = vt_zalloc(struct_size(xt, sgl, 1));
	if (!xt)
		return -ENOMEM;
	sg_init_table(&sg, 1);
	sg_dma_address(&sg) = b->dma;

	sg_dma_len(&sg) = 6;
	tx = dmaengine_prep_slave_sg(chan, &sg, 1, DMA_MEM_TO_DEV, 0);
	bad |= tx ? BIT(0) : 0;
	sg_dma_len(&sg) = 64;
	tx = dmaengine_prep_slave_sg(chan, &sg, 1, DMA_MEM_TO_MEM, 0);
	bad |= tx ? BIT(1) : 0;
	/* The channel has no source port configured. */
	tx = dmaengine_prep_slave_sg(chan, &sg, 1, DMA_DEV_TO_MEM, 0);
	bad |= tx ? BIT(2) : 0;
	tx = dmaengine_prep_slave_sg(chan, &sg, 1, DMA_DEV_TO_DEV, 0);
	bad |= tx ? BIT(3) : 0;
	tx = dmaengine_prep_dma_cyclic(chan, b->dma, 96, 6, DMA_MEM_TO_DEV, 0);
	bad |= tx ? BIT(4) : 0;
	tx = dmaengine_prep_dma_cyclic(chan, b->dma, 100, 8, DMA_MEM_TO_DEV, 0);
	bad |= tx ? BIT(5) : 0;
	tx = dmaengine_prep_dma_cyclic(chan, b->dma, 64, 8, DMA_MEM_TO_MEM, 0);
	bad |= tx ? BIT(6) : 0;
	tx = dmaengine_prep_dma_memcpy(chan, b->dma, b->dma + 64, 0, 0);
	bad |= tx ? BIT(7) : 0;
	tx = dmaengine_prep_dma_memcpy(chan, b->dma, b->dma + 64, 64,
				       DMA_PREP_LOAD_EOT);
	bad |= tx ? BIT(8) : 0;
	tx = dmaengine_prep_dma_memset(chan, b->dma, 0, 0, 0);
	bad |= tx ? BIT(9) : 0;

	xt->src_start = b->dma;
	xt->dst_start = b->dma + 128;
	xt->dir = DMA_MEM_TO_MEM;
	xt->src_inc = false;
	xt->dst_inc = true;
	xt->numf = 2;
	xt->frame_size = 1;
	xt->sgl[0].size = 8;
	tx = dmaengine_prep_interleaved_dma(chan, xt, 0);
	bad |= tx ? BIT(10) : 0;
	xt->src_inc = true;
	xt->numf = 0;
	tx = dmaengine_prep_interleaved_dma(chan, xt, 0);
	bad |= tx ? BIT(11) : 0;
	xt->numf = 2;
	xt->sgl[0].size = 0;
	tx = dmaengine_prep_interleaved_dma(chan, xt, 0);
	bad |= tx ? BIT(12) : 0;
	/* The device side moves whole words: 6 is no multiple of 4. */
	xt->dir = DMA_MEM_TO_DEV;
	xt->dst_start = vt_port(0);
	xt->dst_inc = false;
	xt->sgl[0].size = 6;
	tx = dmaengine_prep_interleaved_dma(chan, xt, 0);
	bad |= tx ? BIT(13) : 0;
	xt->sgl[0].size = 8;
	xt->dst_start = vt_port(ports);
	tx = dmaengine_prep_interleaved_dma(chan, xt, 0);
	bad |= tx ? BIT(14) : 0;

	/* What was wrongly accepted is freed by terminate_sync. */
	return vt_expect(!bad, "prep calls accepted that must be refused: mask %#x",
			 bad) ? 0 : -EINVAL;
}

static int vt_refuse(void)
{
	struct vt_buf *b;
	int ret;

	ret = vt_refuse_configs(vt_chans[0]);
	if (ret)
		return ret;
	b = vt_buf(SZ_4K);
	if (!b)
		return -ENOMEM;
	return vt_refuse_preps(vt_chans[0], b);
}

/* ---- slave transfers through the loopback FIFOs ---- */

/**
 * struct vt_loop - one TX -> FIFO -> RX round trip
 * @port: port number
 * @len: bytes
 * @tx_width: TX device width
 * @tx_burst: TX maxburst
 * @rx_width: RX device width
 * @rx_burst: RX maxburst
 * @tx_sg: scatterlist entries on the TX side
 * @rx_sg: scatterlist entries on the RX side
 */
struct vt_loop {
	unsigned int port;
	size_t len;
	u32 tx_width, tx_burst, rx_width, rx_burst;
	unsigned int tx_sg, rx_sg;
};

static int vt_loop_run(const struct vt_loop *l, bool rx_first)
{
	struct dma_chan *txc = vt_chans[0], *rxc = vt_chans[1];
	size_t align = max(l->tx_width, l->rx_width);
	struct vt_xfer *xs[2] = { };
	struct vt_buf *src, *dst;
	char what[64];
	int ret;

	snprintf(what, sizeof(what), "port %u len %zu w%u/%u b%u/%u",
		 l->port, l->len, l->tx_width, l->rx_width, l->tx_burst,
		 l->rx_burst);
	src = vt_buf(l->len);
	dst = vt_buf(l->len);
	if (!src || !dst)
		return -ENOMEM;
	vt_fill(src->cpu, l->len, l->len);

	ret = vt_config(txc, 0, vt_port(l->port), l->tx_width, l->tx_burst);
	if (!ret)
		ret = vt_config(rxc, vt_port(l->port), 0, l->rx_width,
				l->rx_burst);
	if (ret)
		return ret;

	/* Either side may start first: the request lines sort it out. */
	if (rx_first)
		xs[1] = vt_start_sg(rxc, dst, l->rx_sg, align, DMA_DEV_TO_MEM,
				    what);
	xs[0] = vt_start_sg(txc, src, l->tx_sg, align, DMA_MEM_TO_DEV, what);
	if (!rx_first)
		xs[1] = vt_start_sg(rxc, dst, l->rx_sg, align, DMA_DEV_TO_MEM,
				    what);
	ret = vt_wait_all(xs, 2, what);
	if (!ret)
		ret = vt_compare(what, dst->cpu, src->cpu, l->len);
	if (!ret)
		ret = vt_untouched(what, dst->cpu + l->len, VT_GUARD);

	return ret;
}

static int vt_slave(void)
{
	const struct vt_loop loops[] = {
		{ 0, SZ_256K, 4, 8, 4, 8, 7, 3 },
		{ 1, 10001, 1, 1, 1, 1, 1, 2 },
		{ 2, 64 * 1000, 64, 16, 64, 16, 5, 5 },
		{ 3, 6 * 1000 + 2, 2, 3, 2, 3, 4, 1 },
		{ 0, 8 * 4000, 4, 16, 8, 2, 3, 6 },
		{ 1, 16 * 3000, 16, 1, 32, 4, 2, 9 },
	};
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(loops); i++) {
		if (loops[i].port >= ports)
			continue;
		ret = vt_loop_run(&loops[i], i & 1);
		if (ret)
			return ret;
		vt_cleanup();
	}

	return 0;
}

/*
 * A TX with nobody reading fills the FIFO and stops there, its residue
 * exactly what did not fit; meanwhile its engine serves other channels.
 */
static int vt_dreq(void)
{
	struct dma_chan *txc = vt_chans[0], *rxc = vt_chans[1];
	struct dma_chan *mc = vt_chans[2];
	size_t len = 3 * (size_t)fifo_depth;
	struct vt_buf *src, *dst, *m;
	struct vt_xfer *xs[2], *mx;
	int ret;

	src = vt_buf(len);
	dst = vt_buf(len);
	m = vt_copy_buf(SZ_1M, 9);
	if (!src || !dst || !m)
		return -ENOMEM;
	vt_fill(src->cpu, len, 7);

	ret = vt_config(txc, 0, vt_port(1), 4, 16);
	if (!ret)
		ret = vt_config(rxc, vt_port(1), 0, 4, 16);
	if (ret)
		return ret;
	xs[0] = vt_start_sg(txc, src, 2, 64, DMA_MEM_TO_DEV, "dreq tx");
	ret = vt_wait_residue(xs[0], len - fifo_depth, "full FIFO");
	if (ret)
		return ret;

	/* Blocked, not spinning: a memcpy on another channel gets through. */
	mx = vt_start_copy(mc, m, SZ_1M, "memcpy beside a blocked TX");
	ret = vt_wait(mx, "memcpy beside a blocked TX");
	if (!ret)
		ret = vt_compare("memcpy beside a blocked TX", m->cpu + SZ_1M,
				 m->cpu, SZ_1M);
	if (ret)
		return ret;
	if (!vt_expect(vt_residue(xs[0], NULL) == len - fifo_depth &&
		       !atomic_read(&xs[0]->calls),
		       "blocked TX moved on: residue %u",
		       vt_residue(xs[0], NULL)))
		return -EINVAL;

	xs[1] = vt_start_sg(rxc, dst, 3, 64, DMA_DEV_TO_MEM, "dreq rx");
	ret = vt_wait_all(xs, 2, "dreq");
	return ret ?: vt_compare("dreq", dst->cpu, src->cpu, len);
}

/* MEM -> port 2 -> DEV_TO_DEV -> port 3 -> MEM, three channels at once. */
static int vt_dev_to_dev(void)
{
	struct dma_chan *txc = vt_chans[0], *ddc = vt_chans[1];
	struct dma_chan *rxc = vt_chans[2];
	struct vt_buf *src, *dst, *lens;
	struct vt_xfer *xs[3];
	size_t len = SZ_64K;
	int ret;

	if (ports < 4) {
		vt_skip_reason = "fewer than 4 ports";
		return VT_SKIP;
	}
	src = vt_buf(len);
	dst = vt_buf(len);
	/* DEV_TO_DEV entries give lengths only; the addresses are unused. */
	lens = vt_buf(len);
	if (!src || !dst || !lens)
		return -ENOMEM;
	vt_fill(src->cpu, len, 3);

	ret = vt_config(txc, 0, vt_port(2), 8, 4);
	if (!ret)
		ret = vt_config(ddc, vt_port(2), vt_port(3), 8, 8);
	if (!ret)
		ret = vt_config(rxc, vt_port(3), 0, 8, 2);
	if (ret)
		return ret;
	xs[2] = vt_start_sg(rxc, dst, 3, 8, DMA_DEV_TO_MEM, "rx from port 3");
	xs[1] = vt_start_sg(ddc, lens, 4, 8, DMA_DEV_TO_DEV, "port 2 to 3");
	xs[0] = vt_start_sg(txc, src, 5, 8, DMA_MEM_TO_DEV, "tx to port 2");
	ret = vt_wait_all(xs, 3, "dev_to_dev");
	if (!ret)
		ret = vt_compare("dev_to_dev", dst->cpu, src->cpu, len);
	return ret ?: vt_untouched("dev_to_dev lengths", lens->cpu, len);
}

/* ---- cyclic ---- */

/* Read @len bytes from the channel's port into @b at @off; expect @want. */
static int vt_rx_check(struct dma_chan *chan, struct vt_buf *b, size_t off,
		       size_t len, const u8 *want, const char *what)
{
	struct scatterlist sg;
	int ret;

	sg_init_table(&sg, 1);
	sg_dma_address(&sg) = b->dma + off;
	sg_dma_len(&sg) = len;
	ret = vt_wait(vt_start(chan, dmaengine_prep_slave_sg(chan, &sg, 1,
							     DMA_DEV_TO_MEM,
							     DMA_PREP_INTERRUPT),
			       what),
		      what);
	return ret ?: vt_compare(what, b->cpu + off, want, len);
}

/* Wait until @x has had @n period callbacks, and no more. */
static int vt_wait_periods(struct vt_xfer *x, int n, const char *what)
{
	unsigned long end = jiffies + msecs_to_jiffies(VT_TIMEOUT_MS);

	while (atomic_read(&x->calls) < n && time_before(jiffies, end))
		usleep_range(200, 400);
	/* Give an extra callback, which would be a bug, time to show. */
	msleep(20);

	return vt_expect(atomic_read(&x->calls) == n,
			 "%s: %d period callbacks, expected %d", what,
			 atomic_read(&x->calls), n) ? 0 : -EINVAL;
}

/* terminate_sync stops @x for good: no callback after it. */
static int vt_terminated(struct vt_xfer *x)
{
	int calls;

	dmaengine_terminate_sync(x->chan);
	calls = atomic_read(&x->calls);
	msleep(50);

	return vt_expect(atomic_read(&x->calls) == calls,
			 "callback after terminate_sync") ? 0 : -EINVAL;
}

/*
 * A cyclic TX into a FIFO nobody reads stops when the FIFO is full, so its
 * position is known exactly: the residue must say so, and the number of
 * period callbacks must be the periods passed.  Each read from the port
 * moves the ring on by as much, and returns the ring's bytes in order.
 */
static int vt_cyclic_tx(void)
{
	struct dma_chan *cc = vt_chans[0], *rxc = vt_chans[1];
	const size_t period = 1536, ring_len = 3 * period;
	/* Whole bursts of 64 bytes, so that the TX fills the FIFO exactly. */
	const size_t reads[] = { 2048, 8960, fifo_depth };
	size_t total = 0, streamed = fifo_depth, i, k;
	struct vt_buf *ring, *dst;
	struct vt_xfer *cx;
	u8 *want;
	int ret;

	ring = vt_buf(ring_len);
	dst = vt_buf(2048 + 8960 + fifo_depth);
	want = vt_zalloc(2048 + 8960 + fifo_depth);
	if (!ring || !dst || !want)
		return -ENOMEM;
	vt_fill(ring->cpu, ring_len, 11);

	ret = vt_config(cc, 0, vt_port(0), 4, 16);
	if (!ret)
		ret = vt_config(rxc, vt_port(0), 0, 4, 16);
	if (ret)
		return ret;
	cx = vt_start(cc, dmaengine_prep_dma_cyclic(cc, ring->dma, ring_len,
						    period, DMA_MEM_TO_DEV,
						    DMA_PREP_INTERRUPT),
		      "cyclic tx");
	if (!cx)
		return -EINVAL;

	for (i = 0; ; i++) {
		/* The FIFO is full: the ring stands fifo_depth bytes ahead. */
		ret = vt_wait_residue(cx, ring_len - streamed % ring_len,
				      "cyclic tx position");
		if (!ret)
			ret = vt_wait_periods(cx, streamed / period,
					      "cyclic tx");
		if (ret || i == ARRAY_SIZE(reads))
			break;

		for (k = 0; k < reads[i]; k++)
			want[total + k] = ring->cpu[(total + k) % ring_len];
		ret = vt_rx_check(rxc, dst, total, reads[i], want + total,
				  "read from a cyclic tx");
		if (ret)
			return ret;
		total += reads[i];
		streamed += reads[i];
	}
	if (!ret)
		ret = vt_terminated(cx);
	if (ret)
		return ret;

	/* The FIFO holds the last fifo_depth bytes sent: read it empty. */
	for (k = 0; k < fifo_depth; k++)
		want[k] = ring->cpu[(streamed - fifo_depth + k) % ring_len];
	return vt_rx_check(rxc, dst, 0, fifo_depth, want,
			   "FIFO after terminate");
}

/*
 * A cyclic RX fed by slave TX transfers: one callback per period, the
 * periods filled in order, wrapping round the ring.
 */
static int vt_cyclic_rx(void)
{
	struct dma_chan *cc = vt_chans[0], *txc = vt_chans[1];
	const size_t period = 512, ring_len = 8 * period;
	struct vt_buf *ring, *src;
	struct scatterlist sg;
	struct vt_xfer *cx;
	u8 *want;
	size_t k;
	int ret;

	ring = vt_buf(ring_len);
	src = vt_buf(10 * period);
	want = vt_zalloc(ring_len);
	if (!ring || !src || !want)
		return -ENOMEM;
	vt_fill(src->cpu, src->len, 13);

	ret = vt_config(cc, vt_port(0), 0, 8, 8);
	if (!ret)
		ret = vt_config(txc, 0, vt_port(0), 8, 8);
	if (ret)
		return ret;
	cx = vt_start(cc, dmaengine_prep_dma_cyclic(cc, ring->dma, ring_len,
						    period, DMA_DEV_TO_MEM,
						    DMA_PREP_INTERRUPT),
		      "cyclic rx");
	if (!cx || !vt_expect(vt_residue(cx, NULL) == ring_len,
			      "residue before any data"))
		return -EINVAL;

	/* 6 periods, then 4 more that wrap round to the ring's start. */
	sg_init_table(&sg, 1);
	sg_dma_address(&sg) = src->dma;
	sg_dma_len(&sg) = 6 * period;
	ret = vt_wait(vt_start(txc, dmaengine_prep_slave_sg(txc, &sg, 1,
							    DMA_MEM_TO_DEV,
							    DMA_PREP_INTERRUPT),
			       "tx 6 periods"),
		      "tx 6 periods");
	if (!ret)
		ret = vt_wait_periods(cx, 6, "cyclic rx");
	if (!ret)
		ret = vt_wait_residue(cx, ring_len - 6 * period,
				      "cyclic rx position");
	if (!ret)
		ret = vt_compare("cyclic rx", ring->cpu, src->cpu, 6 * period);
	if (ret)
		return ret;

	sg_dma_address(&sg) = src->dma + 6 * period;
	sg_dma_len(&sg) = 4 * period;
	ret = vt_wait(vt_start(txc, dmaengine_prep_slave_sg(txc, &sg, 1,
							    DMA_MEM_TO_DEV,
							    DMA_PREP_INTERRUPT),
			       "tx 4 periods"),
		      "tx 4 periods");
	if (!ret)
		ret = vt_wait_periods(cx, 10, "cyclic rx");
	if (!ret)
		ret = vt_wait_residue(cx, ring_len - 2 * period,
				      "cyclic rx position");
	if (ret)
		return ret;
	for (k = 0; k < ring_len; k++)
		want[k] = src->cpu[k < 2 * period ? 8 * period + k : k];
	ret = vt_compare("cyclic rx after wrapping", ring->cpu, want, ring_len);

	return ret ?: vt_terminated(cx);
}

static int vt_cyclic(void)
{
	int ret = vt_cyclic_tx();

	vt_cleanup();
	return ret ?: vt_cyclic_rx();
}

/* ---- interleaved ---- */

/* What the template does, on the CPU: the reference. */
static void vt_xt_ref(struct dma_interleaved_template *xt, u8 *dst,
		      const u8 *src, size_t *src_end, size_t *dst_end)
{
	size_t s = 0, d = 0, f, c;

	for (f = 0; f < xt->numf; f++) {
		for (c = 0; c < xt->frame_size; c++) {
			memcpy(dst + d, src + s, xt->sgl[c].size);
			s += xt->sgl[c].size + dmaengine_get_src_icg(xt, &xt->sgl[c]);
			d += xt->sgl[c].size + dmaengine_get_dst_icg(xt, &xt->sgl[c]);
		}
	}
	*src_end = s;
	*dst_end = d;
}

/**
 * struct vt_xt_case - an interleaved MEM_TO_MEM template to check
 * @numf: frames
 * @n: chunks per frame
 * @src_sgl: the template's src_sgl
 * @dst_sgl: the template's dst_sgl
 * @size: chunk sizes
 * @icg: chunk icg
 * @src_icg: chunk src_icg
 * @dst_icg: chunk dst_icg
 */
struct vt_xt_case {
	u32 numf;
	unsigned int n;
	bool src_sgl, dst_sgl;
	size_t size[3], icg[3], src_icg[3], dst_icg[3];
};

static int vt_xt_mem(const struct vt_xt_case *tc, unsigned int idx)
{
	struct dma_chan *chan = vt_chans[0];
	struct dma_interleaved_template *xt;
	size_t send, dend, len = SZ_256K;
	struct vt_buf *src, *dst;
	char what[32];
	unsigned int c;
	int ret;
	u8 *ref;

	snprintf(what, sizeof(what), "interleaved case %u", idx);
	xt = vt_zalloc(struct_size(xt, sgl, tc->n));
	ref = vt_zalloc(len);
	src = vt_buf(len);
	dst = vt_buf(len);
	if (!xt || !ref || !src || !dst)
		return -ENOMEM;
	vt_fill(src->cpu, len, idx);
	memset(ref, VT_UNTOUCHED, len);

	xt->src_start = src->dma;
	xt->dst_start = dst->dma;
	xt->dir = DMA_MEM_TO_MEM;
	xt->src_inc = true;
	xt->dst_inc = true;
	xt->src_sgl = tc->src_sgl;
	xt->dst_sgl = tc->dst_sgl;
	xt->numf = tc->numf;
	xt->frame_size = tc->n;
	for (c = 0; c < tc->n; c++) {
		xt->sgl[c].size = tc->size[c];
		xt->sgl[c].icg = tc->icg[c];
		xt->sgl[c].src_icg = tc->src_icg[c];
		xt->sgl[c].dst_icg = tc->dst_icg[c];
	}
	vt_xt_ref(xt, ref, src->cpu, &send, &dend);
	if (!vt_expect(send <= len && dend <= len, "%s does not fit", what))
		return -EINVAL;

	ret = vt_wait(vt_start(chan, dmaengine_prep_interleaved_dma(chan, xt,
								    DMA_PREP_INTERRUPT),
			       what),
		      what);
	return ret ?: vt_compare(what, dst->cpu, ref, len);
}

/*
 * Gather from scattered memory into port 0 and scatter from it into
 * memory, both interleaved: the bytes land where the CPU puts them.
 */
static int vt_xt_dev(void)
{
	struct dma_chan *txc = vt_chans[0], *rxc = vt_chans[1];
	struct dma_interleaved_template *txt, *rxt;
	size_t len = SZ_64K, s, d, i;
	struct vt_buf *src, *dst;
	struct vt_xfer *xs[2];
	u8 *stream, *ref;
	int ret;

	txt = vt_zalloc(struct_size(txt, sgl, 2));
	rxt = vt_zalloc(struct_size(rxt, sgl, 2));
	stream = vt_zalloc(len);
	ref = vt_zalloc(len);
	src = vt_buf(len);
	dst = vt_buf(len);
	if (!txt || !rxt || !stream || !ref || !src || !dst)
		return -ENOMEM;
	vt_fill(src->cpu, len, 21);

	/* TX: 100 frames of 48 + 16 bytes, gaps of 16 and 32 in memory. */
	txt->src_start = src->dma;
	txt->dst_start = vt_port(0);
	txt->dir = DMA_MEM_TO_DEV;
	txt->src_inc = true;
	txt->src_sgl = true;
	txt->numf = 100;
	txt->frame_size = 2;
	txt->sgl[0].size = 48;
	txt->sgl[0].icg = 16;
	txt->sgl[1].size = 16;
	txt->sgl[1].icg = 32;
	/* RX: the same 6400 bytes as 200 frames of 8 + 24, other gaps. */
	rxt->src_start = vt_port(0);
	rxt->dst_start = dst->dma;
	rxt->dir = DMA_DEV_TO_MEM;
	rxt->dst_inc = true;
	rxt->dst_sgl = true;
	rxt->numf = 200;
	rxt->frame_size = 2;
	rxt->sgl[0].size = 8;
	rxt->sgl[0].dst_icg = 8;
	rxt->sgl[1].size = 24;
	rxt->sgl[1].icg = 40;

	/* The reference: gather into a stream, scatter the stream. */
	memset(ref, VT_UNTOUCHED, len);
	for (i = 0, s = 0; i < 100; i++, s += 112) {
		memcpy(stream + i * 64, src->cpu + s, 48);
		memcpy(stream + i * 64 + 48, src->cpu + s + 64, 16);
	}
	for (i = 0, d = 0; i < 200; i++, d += 80) {
		memcpy(ref + d, stream + i * 32, 8);
		memcpy(ref + d + 16, stream + i * 32 + 8, 24);
	}

	ret = vt_config(txc, 0, vt_port(0), 8, 4);
	if (!ret)
		ret = vt_config(rxc, vt_port(0), 0, 8, 2);
	if (ret)
		return ret;
	xs[0] = vt_start(txc, dmaengine_prep_interleaved_dma(txc, txt,
							     DMA_PREP_INTERRUPT),
			 "interleaved tx");
	xs[1] = vt_start(rxc, dmaengine_prep_interleaved_dma(rxc, rxt,
							     DMA_PREP_INTERRUPT),
			 "interleaved rx");
	ret = vt_wait_all(xs, 2, "interleaved through a port");
	return ret ?: vt_compare("interleaved through a port", dst->cpu, ref,
				 len);
}

static int vt_interleaved(void)
{
	const struct vt_xt_case cases[] = {
		/* gather: scattered source, contiguous destination */
		{ 5, 3, true, false, { 7, 100, 33 }, { 5, 0, 19 } },
		/* scatter */
		{ 7, 2, false, true, { 64, 1 }, { 3, 61 } },
		/* both, with per-side gaps overriding icg */
		{ 9, 3, true, true, { 16, 16, 17 }, { 100, 100, 100 },
		  { 0, 2, 0 }, { 5, 0, 1 } },
		/* a 2D copy: 1000 lines of 16 bytes, source stride 64 */
		{ 1000, 1, true, false, { 16 }, { 48 } },
		/* per-side gaps apply without sgl too */
		{ 4, 2, false, false, { 40, 24 }, { 7, 7 }, { 8, 0 }, { 0, 4 } },
	};
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ret = vt_xt_mem(&cases[i], i);
		if (ret)
			return ret;
		vt_cleanup();
	}

	return vt_xt_dev();
}

/* ---- memset ---- */

static int vt_memset(void)
{
	const size_t sizes[] = { 1, 3, 4096, 65537, SZ_1M + 13 };
	const size_t offs[] = { 0, 1, 7 };
	const int values[] = { 0x00, 0xff, 0x5a, 0x1234 };
	struct dma_chan *chan = vt_chans[0];
	size_t k, off, size;
	unsigned int i, j;
	struct vt_buf *b;
	char what[48];
	int ret, v;

	b = vt_buf(SZ_1M + 32);
	if (!b)
		return -ENOMEM;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (j = 0; j < ARRAY_SIZE(offs); j++) {
			v = values[(i + j) % ARRAY_SIZE(values)];
			off = offs[j];
			size = sizes[i];
			snprintf(what, sizeof(what), "memset %zu at %zu to %#x",
				 size, off, v);
			memset(b->cpu, VT_UNTOUCHED, b->len + VT_GUARD);
			ret = vt_wait(vt_start(chan,
					       dmaengine_prep_dma_memset(chan,
									 b->dma + off,
									 v, size,
									 DMA_PREP_INTERRUPT),
					       what),
				      what);
			if (ret)
				return ret;
			/* The low byte fills; the rest stays untouched. */
			for (k = 0; k < size; k++)
				if (b->cpu[off + k] != (u8)v)
					break;
			if (!vt_expect(k == size, "%s: byte %zu is %#04x", what,
				       k, b->cpu[off + k]))
				return -EINVAL;
			ret = vt_untouched(what, b->cpu, off);
			if (!ret)
				ret = vt_untouched(what, b->cpu + off + size,
						   b->len + VT_GUARD - off - size);
			if (ret)
				return ret;
		}
	}

	return 0;
}

#ifdef VDMA_HAVE_MEMCPY_SG
static int vt_memcpy_sg(void)
{
	struct dma_chan *chan = vt_chans[0];
	struct scatterlist *ssg, *dsg;
	size_t len = SZ_64K + 100;
	struct vt_buf *src, *dst;
	int ret;

	src = vt_buf(len);
	dst = vt_buf(len);
	if (!src || !dst)
		return -ENOMEM;
	ssg = vt_sg(src, 5, 1);
	dsg = vt_sg(dst, 3, 1);
	if (!ssg || !dsg)
		return -ENOMEM;
	vt_fill(src->cpu, len, 17);

	ret = vt_wait(vt_start(chan,
			       chan->device->device_prep_dma_memcpy_sg(chan, dsg, 3,
								       ssg, 5,
								       DMA_PREP_INTERRUPT),
			       "memcpy_sg"),
		      "memcpy_sg");
	return ret ?: vt_compare("memcpy_sg", dst->cpu, src->cpu, len);
}
#else
static int vt_memcpy_sg(void)
{
	vt_skip_reason = "the kernel has no DMA_MEMCPY_SG";
	return VT_SKIP;
}
#endif

/* ---- pause, resume, terminate, reuse ---- */

/* Start a copy of @len in @b and return once it is under way, not done. */
static struct vt_xfer *vt_start_midway(struct dma_chan *chan,
				       struct vt_buf *b, size_t len,
				       const char *what)
{
	struct vt_xfer *x;
	unsigned long end;
	unsigned int tries;
	u32 r;

	for (tries = 0; tries < 8; tries++) {
		memset(b->cpu + len, VT_UNTOUCHED, len);
		x = vt_start_copy(chan, b, len, what);
		if (!x)
			return NULL;
		end = jiffies + msecs_to_jiffies(VT_TIMEOUT_MS);
		do {
			r = vt_residue(x, NULL);
			cond_resched();
		} while (r == len && time_before(jiffies, end));
		if (r == len) {
			vt_diag("%s: never started", what);
			return NULL;
		}
		if (r)
			return x;
		/* Done before it was seen under way: wait, try again. */
		if (vt_wait(x, what))
			return NULL;
	}

	vt_diag("%s: never seen under way", what);
	return NULL;
}

/*
 * Pause mid-transfer: the residue stays put while paused, and says exactly
 * what is copied: all bytes before it, none a step past it; a copy queued
 * behind is paused too, its residue its length.  Resumed, the residue only
 * goes down, in whole steps, to a complete, exact copy.
 */
static int vt_pause(void)
{
	/* A memcpy on an unconfigured channel: bursts of bus_width x 16. */
	size_t unit = bus_width * 16, step = max(unit, rounddown(burst, unit));
	struct dma_chan *chan = vt_chans[0];
	size_t len = VT_LONG, moved, k;
	enum dma_status status, qstatus;
	struct vt_buf *b, *qb;
	struct vt_xfer *x, *q;
	u32 r, r2, qr, last;
	int ret;

	b = vt_copy_buf(len, 5);
	qb = vt_copy_buf(SZ_4K, 6);
	if (!b || !qb)
		return -ENOMEM;
	x = vt_start_midway(chan, b, len, "pause");
	q = vt_start_copy(chan, qb, SZ_4K, "queued behind");
	if (!x || !q)
		return -EINVAL;
	ret = dmaengine_pause(chan);
	if (!vt_expect(!ret, "pause: %d", ret))
		return -EINVAL;
	r = vt_residue(x, &status);
	msleep(50);
	r2 = vt_residue(x, NULL);
	qr = vt_residue(q, &qstatus);
	moved = len - r;
	if (!vt_expect(status == DMA_PAUSED && r == r2 && r && !(moved % step),
		       "paused: status %d, residue %u then %u, step %zu",
		       status, r, r2, step) ||
	    !vt_expect(qstatus == DMA_PAUSED && qr == SZ_4K,
		       "queued behind a paused copy: status %d, residue %u",
		       qstatus, qr))
		return -EINVAL;
	ret = vt_compare("copied before the pause", b->cpu + len, b->cpu,
			 moved);
	/* The step in flight at pause may have landed, no byte after it. */
	k = min(moved + step, len);
	if (!ret)
		ret = vt_untouched("after the pause", b->cpu + len + k, len - k);
	if (ret)
		return ret;

	last = r;
	ret = dmaengine_resume(chan);
	if (!vt_expect(!ret, "resume: %d", ret))
		return -EINVAL;
	while (!completion_done(&x->done)) {
		r = vt_residue(x, &status);
		if (!vt_expect(r <= last && (status == DMA_COMPLETE ||
					     !((len - r) % step)),
			       "residue %u after %u (step %zu)", r, last, step))
			return -EINVAL;
		last = r;
		cond_resched();
	}
	ret = vt_wait(x, "resumed");
	if (!ret)
		ret = vt_wait(q, "queued behind");
	if (!ret)
		ret = vt_compare("pause", b->cpu + len, b->cpu, len);
	return ret ?: vt_compare("queued behind", qb->cpu + SZ_4K, qb->cpu,
				 SZ_4K);
}

/*
 * Terminate mid-transfer and with work queued: no callback runs, memory is
 * left alone after terminate_sync, and the channel works again after.
 */
static int vt_terminate(void)
{
	struct dma_chan *chan = vt_chans[0];
	size_t len = VT_LONG, small = SZ_64K;
	struct vt_xfer *x, *q[8];
	bool ok = true;
	struct vt_buf *b;
	unsigned int i;
	u8 *snap;
	int ret;

	b = vt_copy_buf(len, 19);
	snap = vt_zalloc(len);
	if (!b || !snap)
		return -ENOMEM;

	x = vt_start_midway(chan, b, len, "terminate");
	if (!x)
		return -EINVAL;
	/*
	 * Held while the copies are queued behind it, which takes long on a
	 * debug kernel: it must still be under way at the terminate.
	 */
	ret = dmaengine_pause(chan);
	if (!vt_expect(!ret && vt_residue(x, NULL), "pause: %d", ret))
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(q); i++) {
		q[i] = vt_start_copy(chan, b, small, "queued");
		if (!q[i])
			return -EINVAL;
	}
	/* Running again, and stopped before it can have gone far. */
	dmaengine_resume(chan);
	dmaengine_terminate_sync(chan);
	memcpy(snap, b->cpu + len, len);
	msleep(50);
	ok &= vt_expect(!atomic_read(&x->calls),
			"callback of a terminated transfer");
	for (i = 0; i < ARRAY_SIZE(q); i++)
		ok &= vt_expect(!atomic_read(&q[i]->calls),
				"callback of terminated queued transfer %u", i);
	if (!ok)
		return -EINVAL;
	ret = vt_compare("memory after terminate_sync", b->cpu + len, snap,
			 len);
	if (ret)
		return ret;

	memset(b->cpu + small, VT_UNTOUCHED, small);
	ret = vt_wait(vt_start_copy(chan, b, small, "after terminate"),
		      "after terminate");
	return ret ?: vt_compare("after terminate", b->cpu + small, b->cpu,
				 small);
}

/* A reusable descriptor runs three times, then is freed. */
static int vt_reuse(void)
{
	struct dma_chan *chan = vt_chans[0];
	struct dma_async_tx_descriptor *tx;
	size_t len = SZ_64K;
	unsigned int run;
	struct vt_buf *b;
	int ret;

	b = vt_buf(2 * len);
	if (!b)
		return -ENOMEM;
	tx = dmaengine_prep_dma_memcpy(chan, b->dma + len, b->dma, len,
				       DMA_PREP_INTERRUPT | DMA_CTRL_ACK);
	if (!vt_expect(tx, "prep refused"))
		return -EINVAL;
	ret = dmaengine_desc_set_reuse(tx);
	if (!vt_expect(!ret, "dmaengine_desc_set_reuse: %d", ret))
		return -EINVAL;

	for (run = 0; run < 3 && !ret; run++) {
		vt_fill(b->cpu, len, 100 + run);
		ret = vt_wait(vt_start(chan, tx, "reused descriptor"),
			      "reused descriptor");
		if (!ret)
			ret = vt_compare("reused descriptor", b->cpu + len,
					 b->cpu, len);
		/*
		 * As in virt-dma, the descriptor is parked for reuse only
		 * after its callback returned: wait for that.
		 */
		dmaengine_synchronize(chan);
	}
	/* The channel is idle, the descriptor parked: free it. */
	if (!vt_expect(!dmaengine_desc_free(tx), "dmaengine_desc_free refused"))
		return -EINVAL;

	return ret;
}

/* ---- personalities (vdma.4): what a device shows consumers ---- */

/**
 * struct vt_seen - what a legacy callback saw
 * @done: completed by the callback
 * @calls: callbacks so far
 * @ctx: the context it ran in
 * @vd: descriptor to look at from the callback, or NULL
 * @unlinked: @vd was on no list of its channel (virt-dma's order)
 */
struct vt_seen {
	struct completion done;
	atomic_t calls;
	const char *ctx;
	struct vdma_vdesc *vd;
	bool unlinked;
};

static void vt_seen_callback(void *param)
{
	struct vt_seen *s = param;

	if (hardirq_count())
		s->ctx = "hardirq";
	else if (in_serving_softirq())
		s->ctx = "tasklet";
	else if (in_task())
		s->ctx = "thread";
	else
		s->ctx = "unknown";
	/* list_del() poisons the node: unlinked, not yet parked for reuse. */
	if (s->vd)
		s->unlinked = s->vd->node.next == LIST_POISON1;
	atomic_inc(&s->calls);
	complete(&s->done);
}

static struct vt_seen *vt_seen(void)
{
	struct vt_seen *s = vt_zalloc(sizeof(*s));

	if (s)
		init_completion(&s->done);
	return s;
}

/* Submit and issue @tx with the legacy callback; false if refused. */
static bool vt_seen_start(struct dma_chan *chan,
			  struct dma_async_tx_descriptor *tx, struct vt_seen *s)
{
	if (!vt_expect(tx, "prep refused"))
		return false;
	tx->callback = vt_seen_callback;
	tx->callback_param = s;
	if (!vt_expect(!dma_submit_error(dmaengine_submit(tx)),
		       "submit refused"))
		return false;
	dma_async_issue_pending(chan);
	return true;
}

static bool vt_seen_wait(struct vt_seen *s, unsigned int calls)
{
	unsigned long end = jiffies + msecs_to_jiffies(VT_TIMEOUT_MS);

	while (atomic_read(&s->calls) < calls)
		if (!wait_for_completion_timeout(&s->done,
						 end - jiffies) ||
		    time_after(jiffies, end))
			return vt_expect(atomic_read(&s->calls) >= calls,
					 "%d of %u callbacks after %u ms",
					 atomic_read(&s->calls), calls,
					 VT_TIMEOUT_MS);
	return true;
}

/* Callbacks run in the context the personality names. */
static int vt_context(void)
{
	struct dma_chan *chan = vt_chans[0];
	struct vt_buf *b;
	struct vt_seen *s;

	if (!*completion) {
		vt_skip_reason = "completion not given";
		return VT_SKIP;
	}
	b = vt_buf(2 * SZ_4K);
	s = vt_seen();
	if (!b || !s)
		return -ENOMEM;
	vt_fill(b->cpu, SZ_4K, 7);
	if (!vt_seen_start(chan, vt_prep_copy(chan, b, SZ_4K), s) ||
	    !vt_seen_wait(s, 1))
		return -EIO;
	if (!vt_expect(!strcmp(s->ctx, completion),
		       "callback ran in %s context, not %s", s->ctx,
		       completion))
		return -EIO;
	return vt_compare("copy", b->cpu + SZ_4K, b->cpu, SZ_4K);
}

/*
 * virt-dma's order: a reusable descriptor is unlinked while its callback
 * runs, and back on the channel (reusable) once synchronized.
 */
static int vt_order(void)
{
	struct dma_chan *chan = vt_chans[0];
	struct dma_async_tx_descriptor *tx;
	struct vt_buf *b;
	struct vt_seen *s;

	if (!chan->device->device_synchronize) {
		vt_skip_reason = "no device_synchronize";
		return VT_SKIP;
	}
	b = vt_buf(2 * SZ_4K);
	s = vt_seen();
	if (!b || !s)
		return -ENOMEM;
	tx = vt_prep_copy(chan, b, SZ_4K);
	if (!vt_expect(tx, "prep refused"))
		return -EIO;
	if (dmaengine_desc_set_reuse(tx)) {
		vt_skip_reason = "no descriptor reuse";
		/* Never submitted: terminate_sync frees it. */
		return VT_SKIP;
	}
	s->vd = container_of(tx, struct vdma_vdesc, tx);
	if (!vt_seen_start(chan, tx, s) || !vt_seen_wait(s, 1))
		return -EIO;
	dmaengine_synchronize(chan);
	if (!vt_expect(s->unlinked,
		       "the descriptor was on a list during its callback"))
		return -EIO;
	if (!vt_expect(s->vd->node.next != LIST_POISON1,
		       "the descriptor was not parked after the callback"))
		return -EIO;
	/* Reused once more, then freed. */
	s->vd = NULL;
	if (!vt_seen_start(chan, tx, s) || !vt_seen_wait(s, 2))
		return -EIO;
	dmaengine_synchronize(chan);
	return vt_expect(!dmaengine_desc_free(tx), "desc_free refused") ?
	       0 : -EIO;
}

/*
 * A fixed pool: @pool descriptors are prepared, the next prep returns
 * NULL, and one is available again once they completed.
 */
static int vt_pool(void)
{
	struct dma_async_tx_descriptor **txs, *tx;
	struct dma_chan *chan = vt_chans[0];
	unsigned long end;
	struct vt_buf *b;
	struct vt_seen *s;
	unsigned int i;

	if (!pool) {
		vt_skip_reason = "pool not given";
		return VT_SKIP;
	}
	b = vt_buf(2 * SZ_4K);
	s = vt_seen();
	txs = vt_zalloc(array_size(pool, sizeof(*txs)));
	if (!b || !s || !txs)
		return -ENOMEM;
	vt_fill(b->cpu, SZ_4K, 11);
	for (i = 0; i < pool; i++) {
		txs[i] = vt_prep_copy(chan, b, SZ_4K);
		if (!vt_expect(txs[i], "prep %u of %u refused", i + 1, pool))
			break;
	}
	tx = i == pool ? vt_prep_copy(chan, b, SZ_4K) : NULL;
	/* What was prepared is submitted, so that it is freed. */
	while (i--)
		if (!vt_seen_start(chan, txs[i], s))
			return -EIO;
	if (!vt_expect(!tx, "prep %u of a pool of %u accepted", pool + 1,
		       pool))
		return -EIO;
	if (!vt_seen_wait(s, pool))
		return -EIO;
	/* Freed after their callbacks: give the completion path time. */
	end = jiffies + msecs_to_jiffies(VT_TIMEOUT_MS);
	while (!(tx = vt_prep_copy(chan, b, SZ_4K)) &&
	       time_before(jiffies, end))
		msleep(20);
	if (!vt_seen_start(chan, tx, s) || !vt_seen_wait(s, pool + 1))
		return -EIO;
	return vt_compare("copy", b->cpu + SZ_4K, b->cpu, SZ_4K);
}

static void vt_stale_callback(void *param, const struct dmaengine_result *res)
{
	vt_seen_callback(param);
}

/*
 * pl330's recycling: the next prep after a completion gets the same
 * descriptor, its ->callback reset and its callback_result left over.
 */
static int vt_recycle(void)
{
	struct dma_async_tx_descriptor *tx, *again;
	struct dma_chan *chan = vt_chans[0];
	struct vt_buf *b;
	struct vt_seen *s;

	if (!recycle) {
		vt_skip_reason = "recycle not given";
		return VT_SKIP;
	}
	b = vt_buf(2 * SZ_4K);
	s = vt_seen();
	if (!b || !s)
		return -ENOMEM;
	tx = vt_prep_copy(chan, b, SZ_4K);
	if (!vt_expect(tx, "prep refused"))
		return -EIO;
	tx->callback_result = vt_stale_callback;
	tx->callback_param = s;
	if (!vt_expect(!dma_submit_error(dmaengine_submit(tx)),
		       "submit refused"))
		return -EIO;
	dma_async_issue_pending(chan);
	if (!vt_seen_wait(s, 1))
		return -EIO;

	again = vt_prep_copy(chan, b, SZ_4K);
	if (!vt_expect(again == tx, "prep after completion: a new descriptor"))
		return -EIO;
	if (!vt_expect(!again->callback &&
		       again->callback_result == vt_stale_callback &&
		       again->callback_param == s,
		       "recycled descriptor: callback %ps, callback_result %ps",
		       again->callback, again->callback_result))
		return -EIO;
	/* Run it with the stale callback_result: it still reaches @s. */
	if (!vt_expect(!dma_submit_error(dmaengine_submit(again)),
		       "submit refused"))
		return -EIO;
	dma_async_issue_pending(chan);
	return vt_seen_wait(s, 2) ? 0 : -EIO;
}

/* ---- fault injection, as set through vdma's debugfs ---- */

/*
 * With fault_every = N, every N-th descriptor fails with fault_result and
 * moves nothing; the others copy.  One at a time, so the count is exact.
 */
static int vt_fault(void)
{
	struct dma_chan *chan = vt_chans[0];
	size_t len = SZ_4K;
	struct vt_xfer *x;
	struct vt_buf *b;
	unsigned int i;
	bool fail;
	int ret;

	if (!fault_every) {
		vt_skip_reason = "fault_every not given";
		return VT_SKIP;
	}
	b = vt_buf(2 * len);
	if (!b)
		return -ENOMEM;

	for (i = 1; i <= 3 * fault_every; i++) {
		fail = !(i % fault_every);
		vt_fill(b->cpu, len, i);
		memset(b->cpu + len, VT_UNTOUCHED, len);
		x = vt_start_copy(chan, b, len, "fault");
		if (!x || !vt_expect(vt_wait_done(x), "descriptor %u: no callback",
				     i))
			return -EINVAL;
		if (fail && !vt_expect(x->res.result == fault_result &&
				       x->res.residue == len,
				       "descriptor %u: result %d residue %u, expected %u and %zu",
				       i, x->res.result, x->res.residue,
				       fault_result, len))
			return -EINVAL;
		if (!fail && !vt_expect(x->res.result == DMA_TRANS_NOERROR &&
					!x->res.residue,
					"descriptor %u: result %d residue %u",
					i, x->res.result, x->res.residue))
			return -EINVAL;
		ret = fail ? vt_untouched("failed", b->cpu + len, len) :
			     vt_compare("fault", b->cpu + len, b->cpu, len);
		if (ret)
			return ret;
	}

	return 0;
}

/*
 * With fault_delay_us = D the data moves at once but the completion comes
 * D microseconds later; meanwhile the transfer is in progress, residue 0.
 */
static int vt_delay(void)
{
	struct dma_chan *chan = vt_chans[0];
	size_t len = SZ_4K;
	enum dma_status status;
	struct vt_xfer *x;
	struct vt_buf *b;
	ktime_t start;
	s64 us;
	u32 r;
	int ret;

	if (!delay_us) {
		vt_skip_reason = "delay_us not given";
		return VT_SKIP;
	}
	b = vt_copy_buf(len, 23);
	if (!b)
		return -ENOMEM;

	start = ktime_get();
	x = vt_start_copy(chan, b, len, "delayed");
	if (!x)
		return -EINVAL;
	msleep(delay_us / 2000);
	r = vt_residue(x, &status);
	us = ktime_us_delta(ktime_get(), start);
	/* Not complete yet; residue 0 once the data has moved. */
	if (us < delay_us &&
	    !vt_expect(status == DMA_IN_PROGRESS && (!r || r == len) &&
		       (r || !vt_compare("moved, not completed", b->cpu + len,
					 b->cpu, len)),
		       "%lld us in: status %d residue %u", us, status, r))
		return -EINVAL;
	ret = vt_wait(x, "delayed");
	us = ktime_us_delta(ktime_get(), start);
	if (!ret && !vt_expect(us >= delay_us,
			       "completed after %lld us, delay %u us", us,
			       delay_us))
		return -EINVAL;
	return ret ?: vt_compare("delayed", b->cpu + len, b->cpu, len);
}

/*
 * Run while every engine is stalled: nothing moves until vdma.sh, seeing
 * the "waiting" line, releases them; then the copy completes.
 */
static int vt_stall(void)
{
	struct dma_chan *chan = vt_chans[0];
	size_t len = SZ_64K;
	enum dma_status status;
	struct vt_xfer *x;
	struct vt_buf *b;
	int ret;
	u32 r;

	b = vt_copy_buf(len, 29);
	if (!b)
		return -ENOMEM;
	x = vt_start_copy(chan, b, len, "stalled");
	if (!x)
		return -EINVAL;
	msleep(200);
	r = vt_residue(x, &status);
	if (!vt_expect(status == DMA_IN_PROGRESS && r == len &&
		       !atomic_read(&x->calls),
		       "stalled engines moved: status %d residue %u", status, r))
		return -EINVAL;
	ret = vt_untouched("stalled", b->cpu + len, len);
	if (ret)
		return ret;
	vt_diag("stall: waiting for the engines to be released");
	ret = vt_wait(x, "released");
	return ret ?: vt_compare("released", b->cpu + len, b->cpu, len);
}

/* ---- timing model ---- */

/* What the model, with the parameters given, charges for a memcpy. */
static u64 vt_model_ns(size_t len, u32 width, u32 maxburst)
{
	u64 words = DIV_ROUND_UP_ULL(len, width);
	u64 cycles = desc_cycles + DIV_ROUND_UP_ULL(words, maxburst) *
		     burst_cycles + words * DIV_ROUND_UP(width, bus_width);

	return div_u64(cycles * NSEC_PER_MSEC, clock_khz);
}

/* Copy @len with @width and @maxburst configured; nanoseconds it took. */
static int vt_timed_copy(struct vt_buf *b, size_t len, u32 width,
			 u32 maxburst, u64 *ns, u32 *mid_residue)
{
	struct dma_chan *chan = vt_chans[0];
	struct vt_xfer *x;
	ktime_t start;
	int ret;

	ret = vt_config(chan, 0, 0, width, maxburst);
	if (ret)
		return ret;
	start = ktime_get();
	x = vt_start_copy(chan, b, len, "timed copy");
	if (!x)
		return -EINVAL;
	if (mid_residue) {
		msleep(div_u64(vt_model_ns(len, width, maxburst),
			       2 * NSEC_PER_MSEC));
		*mid_residue = vt_residue(x, NULL);
	}
	ret = vt_wait(x, "timed copy");
	*ns = ktime_to_ns(ktime_sub(ktime_get(), start));

	return ret;
}

/*
 * With the model on, a copy never beats the model (give or take the
 * engine's 1 ms of catch-up), is seen half way at half time, and wide long
 * bursts beat narrow single ones.
 */
static int vt_timing(void)
{
	size_t len = SZ_256K;
	u64 ns1, ns8, m1, m8;
	struct vt_buf *b;
	u32 mid;
	int ret;

	b = vt_copy_buf(len, 31);
	if (!b)
		return -ENOMEM;

	m1 = vt_model_ns(len, 1, 1);
	m8 = vt_model_ns(len, 8, 16);
	ret = vt_timed_copy(b, len, 1, 1, &ns1, &mid);
	if (!ret)
		ret = vt_timed_copy(b, len, 8, 16, &ns8, NULL);
	if (ret)
		return ret;
	vt_diag("width 1 burst 1: %llu ns, model %llu ns", ns1, m1);
	vt_diag("width 8 burst 16: %llu ns, model %llu ns", ns8, m8);
	vt_diag("residue half way: %u of %zu", mid, len);
	if (ns1 + NSEC_PER_MSEC < m1 || ns8 + NSEC_PER_MSEC < m8 ||
	    ns8 >= ns1 || !mid || mid == len)
		return -EINVAL;

	return vt_compare("timed copy", b->cpu + len, b->cpu, len);
}

/* ---- benchmarks: "bench" lines, always ok unless a copy fails ---- */

/*
 * @count copies of @len on the first @nchans channels at once, channel c
 * copying the first half of @bufs[c] to its second half; all queued, then
 * issued, so that the engines never wait for the test.
 */
static int vt_bench_copies(struct vt_buf **bufs, size_t len,
			   unsigned int count, unsigned int nchans, u64 *ns)
{
	struct dma_async_tx_descriptor *tx;
	struct vt_xfer *last[VT_MAX_CHANS];
	unsigned int c, i;
	ktime_t start;
	int ret;

	for (c = 0; c < nchans; c++) {
		for (i = 0; i < count - 1; i++) {
			tx = vt_prep_copy(vt_chans[c], bufs[c], len);
			if (!vt_expect(tx, "bench: prep %u refused", i))
				return -ENOMEM;
			dmaengine_submit(tx);
		}
		/* Only the last one calls back. */
		last[c] = vt_submit(vt_chans[c],
				    vt_prep_copy(vt_chans[c], bufs[c], len),
				    "bench");
		if (!last[c])
			return -EINVAL;
	}
	start = ktime_get();
	for (c = 0; c < nchans; c++)
		dma_async_issue_pending(vt_chans[c]);
	ret = vt_wait_all(last, nchans, "bench");
	*ns = ktime_to_ns(ktime_sub(ktime_get(), start));

	return ret;
}

/*
 * vdma memcpy against the CPU's memcpy() of the same sizes and buffers,
 * alternating round by round so that both see the same system load.
 */
static int vt_bench_memcpy(void)
{
	const size_t sizes[] = { SZ_4K, SZ_64K, SZ_1M };
	const unsigned int counts[] = { 4000, 1000, 100 };
	unsigned int i, k, round;
	u64 dma_ns, cpu_ns;
	struct vt_buf *b;
	ktime_t start;
	int ret;

	b = vt_copy_buf(SZ_1M, 37);
	if (!b)
		return -ENOMEM;

	for (round = 0; round < rounds; round++) {
		for (i = 0; i < ARRAY_SIZE(sizes); i++) {
			/* Once each untimed, so both start with warm caches. */
			memcpy(b->cpu + sizes[i], b->cpu, sizes[i]);
			ret = vt_bench_copies(&b, sizes[i], 1, 1, &dma_ns);
			if (ret)
				return ret;

			start = ktime_get();
			for (k = 0; k < counts[i]; k++) {
				memcpy(b->cpu + sizes[i], b->cpu, sizes[i]);
				/* Each copy happens, none is merged away. */
				barrier();
			}
			cpu_ns = ktime_to_ns(ktime_sub(ktime_get(), start));
			memset(b->cpu + sizes[i], VT_UNTOUCHED, sizes[i]);
			ret = vt_bench_copies(&b, sizes[i], counts[i], 1,
					      &dma_ns);
			if (!ret)
				ret = vt_compare("bench", b->cpu + sizes[i],
						 b->cpu, sizes[i]);
			if (ret)
				return ret;
			pr_info("bench memcpy round=%u size=%zu count=%u vdma_ns=%llu cpu_ns=%llu\n",
				round, sizes[i], counts[i], dma_ns, cpu_ns);
		}
	}

	return 0;
}

/**
 * struct vt_cpu_copies - memcpy() copies a kernel thread makes
 * @b: buffer: its first half is copied to its second
 * @len: bytes per copy
 * @count: copies
 * @go: the threads start together
 * @done: completed by the thread when it is through
 */
struct vt_cpu_copies {
	struct vt_buf *b;
	size_t len;
	unsigned int count;
	struct completion *go;
	struct completion done;
};

static int vt_cpu_copies_fn(void *data)
{
	struct vt_cpu_copies *c = data;
	unsigned int i;

	wait_for_completion(c->go);
	for (i = 0; i < c->count; i++) {
		memcpy(c->b->cpu + c->len, c->b->cpu, c->len);
		/* Each copy happens, none is merged away. */
		barrier();
	}
	/* Never returns into this module: it may be gone by then. */
	kthread_complete_and_exit(&c->done, 0);
}

/*
 * The same copies by the CPU's memcpy() on @n kernel threads at once: how
 * far two CPUs of this machine scale, the engines' ceiling.
 */
static int vt_bench_cpu(struct vt_buf **bufs, size_t len, unsigned int count,
			unsigned int n, u64 *ns)
{
	struct vt_cpu_copies c[VT_MAX_CHANS];
	struct task_struct *task;
	struct completion go;
	unsigned int i, j;
	ktime_t start;
	int ret = 0;

	init_completion(&go);
	for (i = 0; i < n; i++) {
		c[i].b = bufs[i];
		c[i].len = len;
		c[i].count = count;
		c[i].go = &go;
		init_completion(&c[i].done);
		task = kthread_run(vt_cpu_copies_fn, &c[i], "vdma_test/%u", i);
		if (IS_ERR(task)) {
			ret = PTR_ERR(task);
			/* The threads started wait for @go: they copy nothing. */
			for (j = 0; j < i; j++)
				c[j].count = 0;
			n = i;
			break;
		}
	}
	start = ktime_get();
	complete_all(&go);
	for (i = 0; i < n; i++)
		wait_for_completion(&c[i].done);
	*ns = ktime_to_ns(ktime_sub(ktime_get(), start));

	return ret;
}

/*
 * 1 MiB copies on one channel, then on two at once; and the same by the
 * CPU on one thread, then two.
 */
static int vt_bench_engines(void)
{
	const unsigned int count = 50;
	unsigned int nchans, round;
	struct vt_buf *b[2];
	u64 ns, cpu_ns;
	int ret;

	b[0] = vt_copy_buf(SZ_1M, 41);
	b[1] = vt_copy_buf(SZ_1M, 43);
	if (!b[0] || !b[1])
		return -ENOMEM;

	for (round = 0; round < rounds; round++) {
		for (nchans = 1; nchans <= 2; nchans++) {
			ret = vt_bench_cpu(b, SZ_1M, count, nchans, &cpu_ns);
			if (!ret)
				ret = vt_bench_copies(b, SZ_1M, count, nchans,
						      &ns);
			if (ret)
				return ret;
			pr_info("bench engines round=%u channels=%u size=%u count=%u ns=%llu cpu_ns=%llu\n",
				round, nchans, SZ_1M, count, ns, cpu_ns);
		}
	}

	return 0;
}

/*
 * Throughput against burst length for each width, timing model on.  Each
 * point queues as many copies of curve_bytes as the model says take 50 ms,
 * so that the engine never waits for the test.
 */
static int vt_bench_curve(void)
{
	const u32 widths[] = { 1, 2, 4, 8, 16, 32, 64 };
	struct dma_chan *chan = vt_chans[0];
	unsigned int w, round, count;
	struct vt_buf *b;
	u64 ns, model;
	u32 maxburst;
	int ret;

	if (!vt_expect(curve_bytes >= SZ_4K && curve_bytes <= SZ_1M,
		       "curve_bytes %u out of range", curve_bytes))
		return -EINVAL;
	b = vt_copy_buf(curve_bytes, 47);
	if (!b)
		return -ENOMEM;

	for (round = 0; round < rounds; round++) {
		for (w = 0; w < ARRAY_SIZE(widths); w++) {
			for (maxburst = 1; maxburst <= max_burst; maxburst *= 2) {
				ret = vt_config(chan, 0, 0, widths[w], maxburst);
				if (ret)
					return ret;
				model = vt_model_ns(curve_bytes, widths[w], maxburst);
				count = clamp_t(u64, div64_u64(50 * NSEC_PER_MSEC,
							       model ?: 1), 1, 4096);
				ret = vt_bench_copies(&b, curve_bytes, count, 1, &ns);
				if (ret)
					return ret;
				pr_info("bench curve round=%u width=%u maxburst=%u bytes=%llu ns=%llu model_ns=%llu\n",
					round, widths[w], maxburst,
					(u64)count * curve_bytes, ns,
					count * model);
			}
		}
	}

	return 0;
}

/* ---- the table and the KTAP output ---- */

/**
 * struct vt_test - one test
 * @name: name in "tests" and in the KTAP line
 * @chans: channels it needs
 * @fn: the test: 0 pass, VT_SKIP, else a negative errno; what it
 *	allocated through vt_buf() and vt_zalloc() is freed after it
 */
struct vt_test {
	const char *name;
	unsigned int chans;
	int (*fn)(void);
};

static const struct vt_test vt_tests[] = {
	{ "caps", 1, vt_caps },
	{ "refuse", 1, vt_refuse },
	{ "slave", 2, vt_slave },
	{ "dreq", 3, vt_dreq },
	{ "dev_to_dev", 3, vt_dev_to_dev },
	{ "cyclic", 2, vt_cyclic },
	{ "interleaved", 2, vt_interleaved },
	{ "memset", 1, vt_memset },
	{ "memcpy_sg", 1, vt_memcpy_sg },
	{ "pause", 1, vt_pause },
	{ "terminate", 1, vt_terminate },
	{ "reuse", 1, vt_reuse },
	{ "context", 1, vt_context },
	{ "order", 1, vt_order },
	{ "pool", 1, vt_pool },
	{ "recycle", 1, vt_recycle },
	{ "fault", 1, vt_fault },
	{ "delay", 1, vt_delay },
	{ "stall", 1, vt_stall },
	{ "timing", 1, vt_timing },
	{ "bench_memcpy", 1, vt_bench_memcpy },
	{ "bench_engines", 2, vt_bench_engines },
	{ "bench_curve", 1, vt_bench_curve },
};

static unsigned int vt_n;

static void vt_run(const struct vt_test *t)
{
	int ret;

	vt_skip_reason = NULL;
	ret = vt_get_chans(t->chans);
	if (!ret) {
		ret = t->fn();
		vt_cleanup();
		vt_put_chans();
	}

	vt_n++;
	if (ret == VT_SKIP)
		pr_info("ok %u %s # SKIP %s\n", vt_n, t->name,
			vt_skip_reason ?: "");
	else if (ret)
		pr_info("not ok %u %s\n", vt_n, t->name);
	else
		pr_info("ok %u %s\n", vt_n, t->name);
}

static int vt_run_list(void)
{
	char *list, *cur, *name;
	unsigned int i;
	int ret = 0;

	list = kstrdup(tests, GFP_KERNEL);
	if (!list)
		return -ENOMEM;

	cur = list;
	while ((name = strsep(&cur, ",")) != NULL) {
		if (!*name)
			continue;
		for (i = 0; i < ARRAY_SIZE(vt_tests); i++)
			if (!strcmp(name, vt_tests[i].name))
				break;
		if (i == ARRAY_SIZE(vt_tests)) {
			pr_err("unknown test \"%s\"\n", name);
			ret = -EINVAL;
			break;
		}
		vt_run(&vt_tests[i]);
	}

	kfree(list);
	return ret;
}

static struct dma_chan *vt_held;

static int __init vt_init(void)
{
	dma_cap_mask_t mask;
	int ret;

	if (!fifo_depth || fifo_depth % 64 || !burst || !max_burst ||
	    !bus_width || !clock_khz || fault_result > DMA_TRANS_ABORTED ||
	    !rounds) {
		pr_err("a module parameter is out of range\n");
		return -EINVAL;
	}

	ret = vt_run_list();
	if (ret)
		return ret;

	if (hold) {
		dma_cap_zero(mask);
		dma_cap_set(DMA_SLAVE, mask);
		vt_held = dma_request_channel(mask, vt_filter, NULL);
		if (!vt_held) {
			pr_err("no channel of %s to hold\n", device);
			return -ENODEV;
		}
		pr_info("holding %s\n", dma_chan_name(vt_held));
	}

	return 0;
}
module_init(vt_init);

static void __exit vt_exit(void)
{
	if (vt_held)
		dma_release_channel(vt_held);
}
module_exit(vt_exit);

MODULE_DESCRIPTION("End-to-end tests of the vdma dmaengine provider");
MODULE_LICENSE("GPL");
