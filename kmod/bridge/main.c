// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: /dev/dmactl, a bridge from userspace to the dmaengine consumer
 * API.  One open file is one session holding at most one channel, its
 * buffers, the records of the jobs it submitted and the ring of their
 * completion events, which read() and poll() return.
 *
 * A DMA channel can write any memory it reaches, so only a caller with
 * CAP_SYS_RAWIO may open the device.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "bridge.h"

unsigned long dmactl_max_buf_bytes = SZ_4M;
module_param_named(max_buf_bytes, dmactl_max_buf_bytes, ulong, 0444);
MODULE_PARM_DESC(max_buf_bytes,
		 "Largest buffer one BUF_ALLOC may allocate, in bytes; without CMA the page allocator cannot give much more contiguous memory (default: 4194304)");

unsigned int dmactl_max_buffers = 256;
module_param_named(max_buffers, dmactl_max_buffers, uint, 0444);
MODULE_PARM_DESC(max_buffers,
		 "Most buffers one session may hold (default: 256)");

unsigned long long dmactl_max_session_bytes = SZ_256M;
module_param_named(max_session_bytes, dmactl_max_session_bytes, ullong, 0444);
MODULE_PARM_DESC(max_session_bytes,
		 "Most page-rounded buffer bytes one session may hold (default: 268435456)");

unsigned long long dmactl_max_pin_bytes = SZ_64M;
module_param_named(max_pin_bytes, dmactl_max_pin_bytes, ullong, 0444);
MODULE_PARM_DESC(max_pin_bytes,
		 "Most bytes of user memory one session may pin, counted in whole pages (default: 67108864)");

unsigned int dmactl_max_jobs = 4096;
module_param_named(max_jobs, dmactl_max_jobs, uint, 0444);
MODULE_PARM_DESC(max_jobs,
		 "Most job records one session may hold (default: 4096)");

unsigned int dmactl_max_batch = 256;
module_param_named(max_batch, dmactl_max_batch, uint, 0444);
MODULE_PARM_DESC(max_batch,
		 "Most jobs one SUBMIT or STATUS call may carry, deepest BENCH queue (default: 256)");

unsigned int dmactl_bench_timeout_ms = 5000;
module_param_named(bench_timeout_ms, dmactl_bench_timeout_ms, uint, 0444);
MODULE_PARM_DESC(bench_timeout_ms,
		 "A BENCH gives up when none of its operations completes for this long, in ms (default: 5000)");

unsigned int dmactl_event_ring = 1024;
module_param_named(event_ring, dmactl_event_ring, uint, 0444);
MODULE_PARM_DESC(event_ring,
		 "Events a session queues for read() before it drops some, at most 1048576 (default: 1024)");

unsigned int dmactl_max_sg_entries = 1024;
module_param_named(max_sg_entries, dmactl_max_sg_entries, uint, 0444);
MODULE_PARM_DESC(max_sg_entries,
		 "Most scatterlist entries of an SG job, most chunks of an interleaved frame (default: 1024)");

unsigned int dmactl_max_config_bytes = 256;
module_param_named(max_config_bytes, dmactl_max_config_bytes, uint, 0444);
MODULE_PARM_DESC(max_config_bytes,
		 "Largest peripheral_config blob of a slave configuration, at most a page (default: 256)");

/**
 * dmactl_check_usize() - check the size userspace gives for a struct
 * @usize: the size claimed by the caller
 * @size_ver0: size of the first published version of the struct
 *
 * Context: Any context.
 * Return: 0 if @usize is acceptable, -EINVAL if it is below @size_ver0,
 * -E2BIG if it is above PAGE_SIZE.
 */
int dmactl_check_usize(u32 usize, size_t size_ver0)
{
	if (usize < size_ver0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	return 0;
}

/**
 * dmactl_copy_in() - copy an extensible ioctl argument from userspace
 * @kdst: kernel copy, @ksize bytes
 * @ksize: size of the struct this module knows
 * @size_ver0: size of the first published version of the struct
 * @uarg: the user struct, starting with its __u32 size
 * @usize: returns the caller's size, to copy the answer back with
 *
 * Bytes the caller has beyond @ksize must be zero; bytes it lacks read as
 * zero.
 *
 * Context: Process context, may fault.
 * Return: 0 on success, -EFAULT for a bad pointer, -EINVAL or -E2BIG for
 * a bad size (see dmactl_check_usize()), -E2BIG for non-zero unknown bytes.
 */
int dmactl_copy_in(void *kdst, size_t ksize, size_t size_ver0,
		   void __user *uarg, u32 *usize)
{
	int ret;

	if (get_user(*usize, (u32 __user *)uarg))
		return -EFAULT;
	ret = dmactl_check_usize(*usize, size_ver0);
	if (ret)
		return ret;
	return copy_struct_from_user(kdst, ksize, uarg, *usize);
}

static int dmactl_ioc_info(void __user *uarg)
{
	struct dmactl_info info;
	u32 usize;
	int ret;

	ret = dmactl_copy_in(&info, sizeof(info), DMACTL_INFO_SIZE_VER0,
			     uarg, &usize);
	if (ret)
		return ret;

	/* Every field but size is an answer: what came in is not looked at. */
	memset(&info, 0, sizeof(info));
	info.size = usize;
	info.abi_version = DMACTL_ABI_VERSION;
	/* No DMACTL_FEAT_MEMCPY_SG: the bridge does not use DMA_MEMCPY_SG. */
	info.features = DMACTL_FEAT_CHAN_REQUEST | DMACTL_FEAT_COHERENT_BUF |
			DMACTL_FEAT_MEMCPY | DMACTL_FEAT_NETLINK |
			DMACTL_FEAT_SLAVE_CONFIG | DMACTL_FEAT_STREAMING_BUF |
			DMACTL_FEAT_USER_BUF | DMACTL_FEAT_MEMSET |
			DMACTL_FEAT_SLAVE_SG | DMACTL_FEAT_CYCLIC |
			DMACTL_FEAT_INTERLEAVED | DMACTL_FEAT_CONTROL |
			DMACTL_FEAT_REUSE | DMACTL_FEAT_EVENTS |
			DMACTL_FEAT_BENCH | DMACTL_FEAT_NETLINK_EVENTS;
	info.max_batch = dmactl_max_batch;
	info.max_jobs = dmactl_max_jobs;
	info.max_buf_bytes = dmactl_max_buf_bytes;
	info.max_session_bytes = dmactl_max_session_bytes;
	info.max_buffers = dmactl_max_buffers;
	info.event_ring = dmactl_event_ring;
	info.max_pin_bytes = dmactl_max_pin_bytes;
	info.max_sg_entries = dmactl_max_sg_entries;
	info.max_config_bytes = dmactl_max_config_bytes;

	if (copy_to_user(uarg, &info, min_t(size_t, usize, sizeof(info))))
		return -EFAULT;
	return 0;
}

static long dmactl_ioctl_locked(struct dmactl_session *s, unsigned int cmd,
				void __user *uarg)
{
	switch (cmd) {
	case DMACTL_IOC_CHAN_REQUEST:
		return dmactl_ioc_chan_request(s, uarg);
	case DMACTL_IOC_CHAN_RELEASE:
		return dmactl_ioc_chan_release(s);
	case DMACTL_IOC_CHAN_INFO:
		return dmactl_ioc_chan_info(s, uarg);
	case DMACTL_IOC_BUF_ALLOC:
		return dmactl_ioc_buf_alloc(s, uarg);
	case DMACTL_IOC_BUF_FREE:
		return dmactl_ioc_buf_free(s, uarg);
	case DMACTL_IOC_SUBMIT:
		return dmactl_ioc_submit(s, uarg);
	case DMACTL_IOC_ISSUE:
		return dmactl_ioc_issue(s);
	case DMACTL_IOC_STATUS:
		return dmactl_ioc_status(s, uarg);
	case DMACTL_IOC_SLAVE_CONFIG:
		return dmactl_ioc_slave_config(s, uarg);
	case DMACTL_IOC_BUF_SYNC:
		return dmactl_ioc_buf_sync(s, uarg);
	case DMACTL_IOC_PAUSE:
		return dmactl_ioc_pause(s, true);
	case DMACTL_IOC_RESUME:
		return dmactl_ioc_pause(s, false);
	case DMACTL_IOC_TERMINATE:
		return dmactl_ioc_terminate(s, uarg);
	case DMACTL_IOC_SYNCHRONIZE:
		return dmactl_ioc_synchronize(s);
	case DMACTL_IOC_RESUBMIT:
		return dmactl_ioc_resubmit(s, uarg);
	default:
		return -ENOTTY;
	}
}

static long dmactl_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	struct dmactl_session *s = file->private_data;
	void __user *uarg = (void __user *)arg;
	long ret;

	switch (cmd) {
	case DMACTL_IOC_INFO:
		return dmactl_ioc_info(uarg);
	/* These sleep without the lock, taking it only when they must. */
	case DMACTL_IOC_WAIT:
		return dmactl_ioc_wait(s, uarg);
	case DMACTL_IOC_BENCH:
		return dmactl_ioc_bench(s, uarg);
	case DMACTL_IOC_CHAN_RELEASE:
	case DMACTL_IOC_ISSUE:
	case DMACTL_IOC_PAUSE:
	case DMACTL_IOC_RESUME:
	case DMACTL_IOC_SYNCHRONIZE:
		/* No argument today: keep the value free for a future one. */
		if (arg)
			return -EINVAL;
		break;
	}

	/* Killable: a process whose other thread holds the lock may die. */
	if (mutex_lock_killable(&s->lock))
		return -EINTR;
	ret = dmactl_ioctl_locked(s, cmd, uarg);
	mutex_unlock(&s->lock);
	return ret;
}

static ssize_t dmactl_read(struct file *file, char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	return dmactl_events_read(file->private_data, file, ubuf, count);
}

static __poll_t dmactl_poll(struct file *file, struct poll_table_struct *wait)
{
	return dmactl_events_poll(file->private_data, file, wait);
}

static int dmactl_mmap(struct file *file, struct vm_area_struct *vma)
{
	return dmactl_buf_mmap(file->private_data, vma);
}

static int dmactl_open(struct inode *inode, struct file *file)
{
	struct dmactl_session *s;
	int ret;

	if (!capable(CAP_SYS_RAWIO))
		return -EPERM;

	ret = nonseekable_open(inode, file);
	if (ret)
		return ret;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;

	ret = dmactl_events_init(s);
	if (ret) {
		kfree(s);
		return ret;
	}
	mutex_init(&s->lock);
	/* For the events, whose listeners may be in any PID namespace. */
	s->pid = task_tgid_nr(current);
	xa_init_flags(&s->bufs, XA_FLAGS_ALLOC1);
	xa_init(&s->jobs);
	s->next_job_id = 1;
	INIT_LIST_HEAD(&s->unissued);
	INIT_LIST_HEAD(&s->polled);
	spin_lock_init(&s->job_lock);
	init_waitqueue_head(&s->wq);

	file->private_data = s;
	return 0;
}

/*
 * Runs once the last reference to the file is gone: no ioctl is running
 * and, since every mapping holds the file, no buffer is mapped any more.
 */
static int dmactl_release(struct inode *inode, struct file *file)
{
	struct dmactl_session *s = file->private_data;
	bool closed;

	mutex_lock(&s->lock);
	closed = dmactl_chan_close(s);
	mutex_unlock(&s->lock);
	/*
	 * A stalled provider that could not terminate may still write the
	 * buffers and call back: the session is left to it, and the module
	 * stays, so that its callbacks keep their code.
	 */
	if (!closed) {
		__module_get(THIS_MODULE);
		return 0;
	}
	xa_destroy(&s->bufs);
	xa_destroy(&s->jobs);
	mutex_destroy(&s->lock);
	dmactl_events_destroy(s);
	kfree(s);
	return 0;
}

static const struct file_operations dmactl_fops = {
	.owner = THIS_MODULE,
	.open = dmactl_open,
	.release = dmactl_release,
	.unlocked_ioctl = dmactl_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = dmactl_mmap,
	.read = dmactl_read,
	.poll = dmactl_poll,
};

static struct miscdevice dmactl_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = DMACTL_DEV_NAME,
	.fops = &dmactl_fops,
	.mode = 0600,
};

static int __init dmactl_init(void)
{
	int ret;

	if (!dmactl_max_buf_bytes || !dmactl_max_buffers ||
	    !dmactl_max_session_bytes || !dmactl_max_pin_bytes ||
	    !dmactl_max_jobs || !dmactl_max_batch || !dmactl_event_ring ||
	    !dmactl_max_sg_entries || !dmactl_bench_timeout_ms) {
		pr_err("every limit must be at least 1\n");
		return -EINVAL;
	}
	/*
	 * The blob is copied from the caller and kept: a provider's
	 * peripheral_config is a small struct (a few dozen bytes upstream).
	 */
	if (dmactl_max_config_bytes > PAGE_SIZE) {
		pr_err("max_config_bytes must be at most %lu\n", PAGE_SIZE);
		return -EINVAL;
	}
	/* Ring indices are sums of two indices below the ring's size. */
	if (dmactl_event_ring > SZ_1M) {
		pr_err("event_ring must be at most %u\n", SZ_1M);
		return -EINVAL;
	}

	ret = dmactl_netlink_register();
	if (ret)
		return ret;

	ret = misc_register(&dmactl_misc);
	if (ret)
		goto out_unregister_netlink;

	return 0;

out_unregister_netlink:
	dmactl_netlink_unregister();
	return ret;
}
module_init(dmactl_init);

static void __exit dmactl_exit(void)
{
	misc_deregister(&dmactl_misc);
	dmactl_netlink_unregister();
}
module_exit(dmactl_exit);

MODULE_DESCRIPTION("dmactl: userspace access to the dmaengine consumer API");
MODULE_LICENSE("GPL");
