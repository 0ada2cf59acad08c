// SPDX-License-Identifier: GPL-2.0
/*
 * dmactl.ko: the event ring of a session.  Completion callbacks queue
 * fixed-size records under job_lock and never wait: a full ring drops the
 * event and counts it.  read() copies the oldest records out and poll()
 * reports when there are some.
 *
 * The ring needs no copy under the lock: records between ring_head and
 * ring_head + ring_len are written once and not touched again until the
 * single reader (read_lock) moves ring_head past them.
 */

#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "bridge.h"

/**
 * dmactl_events_init() - allocate the event ring of a new session
 * @s: the session
 *
 * Context: Process context.
 * Return: 0 on success, -ENOMEM.
 */
int dmactl_events_init(struct dmactl_session *s)
{
	s->ring_size = dmactl_event_ring;
	s->ring = kvcalloc(s->ring_size, sizeof(*s->ring), GFP_KERNEL);
	if (!s->ring)
		return -ENOMEM;
	mutex_init(&s->read_lock);
	return 0;
}

/**
 * dmactl_events_destroy() - free the event ring of a session
 * @s: the session, with no reader and no callback left
 *
 * Context: Process context.
 */
void dmactl_events_destroy(struct dmactl_session *s)
{
	mutex_destroy(&s->read_lock);
	kvfree(s->ring);
}

/**
 * dmactl_event_queue() - queue an event, or count it as dropped
 * @s: the session
 * @ev: the event; its @dropped field is filled in here
 *
 * The caller wakes @s->wq once it has dropped the lock.
 *
 * Context: Any context, @s->job_lock held.
 */
void dmactl_event_queue(struct dmactl_session *s,
			const struct dmactl_event *ev)
{
	struct dmactl_event *slot;

	lockdep_assert_held(&s->job_lock);

	if (s->ring_len == s->ring_size) {
		s->dropped++;
		return;
	}
	slot = &s->ring[(s->ring_head + s->ring_len) % s->ring_size];
	*slot = *ev;
	slot->dropped = s->dropped;
	s->ring_len++;
}

static u32 dmactl_events_queued(struct dmactl_session *s, u32 *head)
{
	unsigned long flags;
	u32 len;

	spin_lock_irqsave(&s->job_lock, flags);
	len = s->ring_len;
	*head = s->ring_head;
	spin_unlock_irqrestore(&s->job_lock, flags);
	return len;
}

/**
 * dmactl_events_read() - read() of /dev/dmactl
 * @s: the session
 * @file: the file, for O_NONBLOCK
 * @ubuf: the user's buffer
 * @count: its size; whole records only are copied
 *
 * Context: Process context; sleeps until an event is queued unless the
 * file is non-blocking.
 * Return: the bytes copied, -EINVAL if @count holds no record, -EAGAIN
 * when non-blocking and empty, -ERESTARTSYS on a signal, -EFAULT.
 */
ssize_t dmactl_events_read(struct dmactl_session *s, struct file *file,
			   char __user *ubuf, size_t count)
{
	const size_t rec = sizeof(struct dmactl_event);
	unsigned long flags;
	u32 head, len, n, first;
	ssize_t ret;

	if (count < rec)
		return -EINVAL;
	if (mutex_lock_interruptible(&s->read_lock))
		return -ERESTARTSYS;

	for (;;) {
		len = dmactl_events_queued(s, &head);
		if (len)
			break;
		if (file->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			goto out_unlock;
		}
		if (wait_event_interruptible(s->wq, READ_ONCE(s->ring_len))) {
			ret = -ERESTARTSYS;
			goto out_unlock;
		}
	}

	n = min_t(size_t, len, count / rec);
	first = min(n, s->ring_size - head);
	if (copy_to_user(ubuf, &s->ring[head], first * rec) ||
	    copy_to_user(ubuf + first * rec, s->ring, (n - first) * rec)) {
		ret = -EFAULT;
		goto out_unlock;
	}

	spin_lock_irqsave(&s->job_lock, flags);
	s->ring_head = (head + n) % s->ring_size;
	s->ring_len -= n;
	spin_unlock_irqrestore(&s->job_lock, flags);
	ret = n * rec;

out_unlock:
	mutex_unlock(&s->read_lock);
	return ret;
}

/**
 * dmactl_events_poll() - poll() of /dev/dmactl
 * @s: the session
 * @file: the file
 * @wait: the poll table
 *
 * Context: Process context.
 * Return: EPOLLIN | EPOLLRDNORM when an event is queued, else 0.
 */
__poll_t dmactl_events_poll(struct dmactl_session *s, struct file *file,
			    struct poll_table_struct *wait)
{
	poll_wait(file, &s->wq, wait);
	return READ_ONCE(s->ring_len) ? EPOLLIN | EPOLLRDNORM : 0;
}
