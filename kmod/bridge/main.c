// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: /dev/dmactl, a bridge from userspace to the dmaengine consumer
 * API.  One open file is one session holding at most one channel, its
 * coherent buffers and the records of the jobs it submitted.
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

unsigned int dmactl_max_jobs = 4096;
module_param_named(max_jobs, dmactl_max_jobs, uint, 0444);
MODULE_PARM_DESC(max_jobs,
		 "Most job records one session may hold (default: 4096)");

unsigned int dmactl_max_batch = 256;
module_param_named(max_batch, dmactl_max_batch, uint, 0444);
MODULE_PARM_DESC(max_batch,
		 "Most jobs one SUBMIT or STATUS call may carry (default: 256)");

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
	info.features = DMACTL_FEAT_CHAN_REQUEST | DMACTL_FEAT_COHERENT_BUF |
			DMACTL_FEAT_MEMCPY | DMACTL_FEAT_NETLINK;
	info.max_batch = dmactl_max_batch;
	info.max_jobs = dmactl_max_jobs;
	info.max_buf_bytes = dmactl_max_buf_bytes;
	info.max_session_bytes = dmactl_max_session_bytes;
	info.max_buffers = dmactl_max_buffers;

	if (copy_to_user(uarg, &info, min_t(size_t, usize, sizeof(info))))
		return -EFAULT;
	return 0;
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
	case DMACTL_IOC_CHAN_RELEASE:
	case DMACTL_IOC_ISSUE:
		/* No argument today: keep the value free for a future one. */
		if (arg)
			return -EINVAL;
		break;
	case DMACTL_IOC_CHAN_REQUEST:
	case DMACTL_IOC_CHAN_INFO:
	case DMACTL_IOC_BUF_ALLOC:
	case DMACTL_IOC_BUF_FREE:
	case DMACTL_IOC_SUBMIT:
	case DMACTL_IOC_WAIT:
	case DMACTL_IOC_STATUS:
		break;
	default:
		return -ENOTTY;
	}

	/*
	 * WAIT sleeps with the lock held; a killable lock lets a process
	 * whose other thread waits still die.
	 */
	if (mutex_lock_killable(&s->lock))
		return -EINTR;

	switch (cmd) {
	case DMACTL_IOC_CHAN_REQUEST:
		ret = dmactl_ioc_chan_request(s, uarg);
		break;
	case DMACTL_IOC_CHAN_RELEASE:
		ret = dmactl_ioc_chan_release(s);
		break;
	case DMACTL_IOC_CHAN_INFO:
		ret = dmactl_ioc_chan_info(s, uarg);
		break;
	case DMACTL_IOC_BUF_ALLOC:
		ret = dmactl_ioc_buf_alloc(s, uarg);
		break;
	case DMACTL_IOC_BUF_FREE:
		ret = dmactl_ioc_buf_free(s, uarg);
		break;
	case DMACTL_IOC_SUBMIT:
		ret = dmactl_ioc_submit(s, uarg);
		break;
	case DMACTL_IOC_ISSUE:
		ret = dmactl_ioc_issue(s);
		break;
	case DMACTL_IOC_WAIT:
		ret = dmactl_ioc_wait(s, uarg);
		break;
	default:
		ret = dmactl_ioc_status(s, uarg);
		break;
	}

	mutex_unlock(&s->lock);
	return ret;
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

	mutex_init(&s->lock);
	xa_init_flags(&s->bufs, XA_FLAGS_ALLOC1);
	xa_init(&s->jobs);
	s->next_job_id = 1;
	INIT_LIST_HEAD(&s->unissued);
	spin_lock_init(&s->job_lock);
	init_waitqueue_head(&s->done_wq);

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

	dmactl_chan_close(s);
	xa_destroy(&s->bufs);
	xa_destroy(&s->jobs);
	mutex_destroy(&s->lock);
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
	    !dmactl_max_session_bytes || !dmactl_max_jobs ||
	    !dmactl_max_batch) {
		pr_err("every limit must be at least 1\n");
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
