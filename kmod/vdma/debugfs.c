// SPDX-License-Identifier: GPL-2.0
/*
 * vdma debugfs: the knobs and counters of each device, in
 * <debugfs>/vdma/<device>/:
 *
 *   timing bus_width clock_khz burst_cycles desc_cycles   the timing model
 *   fifo_depth        bytes of every FIFO port (all empty to change it)
 *   fault_every fault_result fault_delay_us stall         fault injection
 *   ports             state of the FIFO ports (read-only)
 *   <channel>/stats   bytes, descriptors, errors, periods (read-only)
 *
 * A value out of range is refused with -EINVAL.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/log2.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "vdma.h"

/* Longest completion delay fault injection may ask for. */
#define VDMA_MAX_DELAY_US	(10 * USEC_PER_SEC)

static struct dentry *vdma_debugfs_root;

/**
 * struct vdma_knob - a u32 setting of struct vdma_device
 * @name: file name
 * @offset: where the u32 is in struct vdma_device
 * @min: smallest value accepted
 * @max: largest value accepted
 * @pow2: only powers of two are accepted
 */
struct vdma_knob {
	const char *name;
	size_t offset;
	u32 min;
	u32 max;
	bool pow2;
};

#define VDMA_KNOB(_name, _field, _min, _max, _pow2) {			\
	.name = _name,							\
	.offset = offsetof(struct vdma_device, _field),			\
	.min = _min,							\
	.max = _max,							\
	.pow2 = _pow2,							\
}

static const struct vdma_knob vdma_knobs[] = {
	VDMA_KNOB("timing", model.on, 0, 1, false),
	VDMA_KNOB("bus_width", model.bus_width, 1, VDMA_MAX_WIDTH, true),
	VDMA_KNOB("clock_khz", model.clock_khz, 1, VDMA_MODEL_MAX_KHZ, false),
	VDMA_KNOB("burst_cycles", model.burst_cycles, 0,
		  VDMA_MODEL_MAX_CYCLES, false),
	VDMA_KNOB("desc_cycles", model.desc_cycles, 0,
		  VDMA_MODEL_MAX_CYCLES, false),
	VDMA_KNOB("fault_result", faults.result, DMA_TRANS_READ_FAILED,
		  DMA_TRANS_ABORTED, false),
	VDMA_KNOB("fault_delay_us", faults.delay_us, 0, VDMA_MAX_DELAY_US,
		  false),
};

/**
 * struct vdma_knob_file - what a knob's file refers to
 * @vdev: device
 * @knob: knob
 */
struct vdma_knob_file {
	struct vdma_device *vdev;
	const struct vdma_knob *knob;
};

static u32 *vdma_knob_ptr(const struct vdma_knob_file *f)
{
	return (u32 *)((u8 *)f->vdev + f->knob->offset);
}

static int vdma_knob_get(void *data, u64 *val)
{
	*val = READ_ONCE(*vdma_knob_ptr(data));
	return 0;
}

static int vdma_knob_set(void *data, u64 val)
{
	const struct vdma_knob_file *f = data;
	const struct vdma_knob *knob = f->knob;

	if (val < knob->min || val > knob->max ||
	    (knob->pow2 && !is_power_of_2(val)))
		return -EINVAL;

	mutex_lock(&f->vdev->knob_lock);
	WRITE_ONCE(*vdma_knob_ptr(f), val);
	mutex_unlock(&f->vdev->knob_lock);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(vdma_knob_fops, vdma_knob_get, vdma_knob_set,
			 "%llu\n");

static int vdma_fault_every_get(void *data, u64 *val)
{
	struct vdma_device *vdev = data;

	*val = READ_ONCE(vdev->faults.every);
	return 0;
}

/* Counting starts over, so that the N-th descriptor from now fails. */
static int vdma_fault_every_set(void *data, u64 val)
{
	struct vdma_device *vdev = data;

	if (val > U32_MAX)
		return -EINVAL;

	mutex_lock(&vdev->knob_lock);
	atomic_set(&vdev->faults.count, 0);
	WRITE_ONCE(vdev->faults.every, val);
	mutex_unlock(&vdev->knob_lock);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(vdma_fault_every_fops, vdma_fault_every_get,
			 vdma_fault_every_set, "%llu\n");

static int vdma_fifo_depth_get(void *data, u64 *val)
{
	struct vdma_device *vdev = data;

	*val = READ_ONCE(vdev->ports[0].depth);
	return 0;
}

static int vdma_fifo_depth_set(void *data, u64 val)
{
	struct vdma_device *vdev = data;
	int ret;

	if (val < VDMA_FIFO_MIN || val > VDMA_FIFO_MAX)
		return -EINVAL;

	mutex_lock(&vdev->knob_lock);
	ret = vdma_ports_set_depth(vdev, val);
	mutex_unlock(&vdev->knob_lock);

	return ret;
}
DEFINE_DEBUGFS_ATTRIBUTE(vdma_fifo_depth_fops, vdma_fifo_depth_get,
			 vdma_fifo_depth_set, "%llu\n");

static int vdma_stall_get(void *data, u64 *val)
{
	*val = vdma_engine_stalled(data);
	return 0;
}

/* A bit mask of engines: set bits stall, clear bits release. */
static int vdma_stall_set(void *data, u64 val)
{
	struct vdma_device *vdev = data;

	if (vdev->nr_engines < 64 && val >> vdev->nr_engines)
		return -EINVAL;

	vdma_engine_set_stalled(vdev, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(vdma_stall_fops, vdma_stall_get, vdma_stall_set,
			 "0x%llx\n");

static int vdma_ports_show(struct seq_file *s, void *unused)
{
	struct vdma_device *vdev = s->private;
	struct vdma_port *port;
	struct vdma_chan *vchan;
	unsigned int i, waiters;

	seq_puts(s, "port address depth level bytes_in bytes_out waiters\n");
	for (i = 0; i < vdev->nr_ports; i++) {
		port = &vdev->ports[i];
		waiters = 0;
		spin_lock_irq(&port->lock);
		list_for_each_entry(vchan, &port->waiters, dreq_node)
			waiters++;
		seq_printf(s, "%u %pad %zu %zu %llu %llu %u\n", i, &port->addr,
			   port->depth, port->level, port->bytes_in,
			   port->bytes_out, waiters);
		spin_unlock_irq(&port->lock);
	}

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vdma_ports);

static int vdma_chan_stats_show(struct seq_file *s, void *unused)
{
	struct vdma_chan *vchan = s->private;
	struct vdma_chan_stats stats;

	spin_lock_irq(&vchan->vc.lock);
	stats = vchan->stats;
	spin_unlock_irq(&vchan->vc.lock);

	seq_printf(s, "bytes %llu\ndescriptors %llu\nerrors %llu\nperiods %llu\n",
		   stats.bytes, stats.descriptors, stats.errors,
		   stats.periods);

	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vdma_chan_stats);

/**
 * vdma_debugfs_init() - create the debugfs files of a registered device
 * @vdev: device; its channels have their names
 *
 * debugfs is optional: failures leave the device working without it.
 *
 * Context: process context.
 */
void vdma_debugfs_init(struct vdma_device *vdev)
{
	struct vdma_knob_file *files;
	struct dentry *dir;
	unsigned int i;

	files = kcalloc(ARRAY_SIZE(vdma_knobs), sizeof(*files), GFP_KERNEL);
	if (!files)
		return;
	vdev->debugfs_knobs = files;

	dir = debugfs_create_dir(dev_name(vdev->dma.dev), vdma_debugfs_root);
	vdev->debugfs = dir;

	for (i = 0; i < ARRAY_SIZE(vdma_knobs); i++) {
		files[i].vdev = vdev;
		files[i].knob = &vdma_knobs[i];
		debugfs_create_file_unsafe(vdma_knobs[i].name, 0644, dir,
					   &files[i], &vdma_knob_fops);
	}
	debugfs_create_file_unsafe("fault_every", 0644, dir, vdev,
				   &vdma_fault_every_fops);
	debugfs_create_file_unsafe("fifo_depth", 0644, dir, vdev,
				   &vdma_fifo_depth_fops);
	debugfs_create_file_unsafe("stall", 0644, dir, vdev,
				   &vdma_stall_fops);
	debugfs_create_file("ports", 0444, dir, vdev, &vdma_ports_fops);

	for (i = 0; i < vdev->nr_chans; i++) {
		struct vdma_chan *vchan = &vdev->chans[i];
		struct dentry *cdir;

		cdir = debugfs_create_dir(dma_chan_name(&vchan->vc.chan), dir);
		debugfs_create_file("stats", 0444, cdir, vchan,
				    &vdma_chan_stats_fops);
	}
}

/**
 * vdma_debugfs_fini() - remove the debugfs files of a device
 * @vdev: device being removed
 *
 * Returns once no file operation runs.
 *
 * Context: process context, may sleep.
 */
void vdma_debugfs_fini(struct vdma_device *vdev)
{
	debugfs_remove_recursive(vdev->debugfs);
	kfree(vdev->debugfs_knobs);
}

/*
 * "device" reads 1 while the platform device "vdma" exists.  Written:
 *   0, 1                  remove, create "vdma" (module parameter's
 *                         personality)
 *   add ID [PERSONALITY]  create "vdma.ID", ID 1 to 15, with a personality
 *                         as vdma_personality_parse() reads it
 *   remove ID             remove "vdma.ID"
 */
static ssize_t vdma_device_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	char buf[4];
	int len;

	len = scnprintf(buf, sizeof(buf), "%d\n", vdma_device_get());
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static int vdma_device_cmd(char *cmd)
{
	struct vdma_personality p;
	unsigned int id;
	char *word;
	int ret;

	cmd = strim(cmd);
	if (!strcmp(cmd, "0") || !strcmp(cmd, "1"))
		return vdma_device_set(cmd[0] == '1');

	word = strsep(&cmd, " \t");
	if (!cmd || kstrtouint(strsep(&cmd, " \t"), 10, &id))
		return -EINVAL;
	if (!strcmp(word, "remove"))
		return cmd ? -EINVAL : vdma_device_remove(id);
	if (strcmp(word, "add"))
		return -EINVAL;
	ret = vdma_personality_parse(&p, cmd ?: "");
	if (ret)
		return ret;

	return vdma_device_add(id, &p);
}

static ssize_t vdma_device_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	char buf[VDMA_PERSONALITY_LEN];
	int ret;

	if (*ppos || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';

	ret = vdma_device_cmd(buf);
	return ret ?: count;
}

static const struct file_operations vdma_device_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = vdma_device_read,
	.write = vdma_device_write,
	.llseek = default_llseek,
};

/**
 * vdma_debugfs_module_init() - create the debugfs directory of the module
 *
 * Context: process context, module init.
 */
void vdma_debugfs_module_init(void)
{
	vdma_debugfs_root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("device", 0644, vdma_debugfs_root, NULL,
			    &vdma_device_fops);
}

/**
 * vdma_debugfs_module_exit() - remove the debugfs directory of the module
 *
 * Context: process context, module exit.
 */
void vdma_debugfs_module_exit(void)
{
	debugfs_remove_recursive(vdma_debugfs_root);
}
