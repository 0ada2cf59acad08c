// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: ioctl wrappers for /dev/dmactl.
 *
 * Each argument struct is zeroed and its size set to what this build
 * knows, so reserved fields are zero as the ABI requires and a newer module
 * reads the fields it added as zero.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cmd.h"
#include "dev.h"
#include "names.h"

static int xioctl(int fd, unsigned long req, void *arg)
{
	int ret;

	do
		ret = ioctl(fd, req, arg);
	while (ret < 0 && errno == EINTR && req != DMACTL_IOC_WAIT &&
	       req != DMACTL_IOC_BENCH);
	return ret < 0 ? -errno : 0;
}

static int fail(struct dev *d, const char *what, int err)
{
	return errf(err, "%s: %s: %s (%s)", d->have_chan ? d->chan :
		    DMACTL_DEV_PATH, what, strerror(-err), errno_name(-err));
}

int dev_open(struct dev *d)
{
	int ret;

	memset(d, 0, sizeof(*d));
	d->fd = open(DMACTL_DEV_PATH, O_RDWR | O_CLOEXEC);
	if (d->fd < 0) {
		ret = -errno;
		if (ret == -ENOENT)
			return errf(ret, "%s: %s: is dmactl.ko loaded?",
				    DMACTL_DEV_PATH, strerror(-ret));
		if (ret == -EPERM || ret == -EACCES)
			return errf(ret, "%s: %s: needs CAP_SYS_RAWIO",
				    DMACTL_DEV_PATH, strerror(-ret));
		return errf(ret, "%s: %s", DMACTL_DEV_PATH, strerror(-ret));
	}
	d->info.size = sizeof(d->info);
	ret = xioctl(d->fd, DMACTL_IOC_INFO, &d->info);
	if (ret) {
		fail(d, "DMACTL_IOC_INFO", ret);
		close(d->fd);
		d->fd = -1;
	}
	return ret;
}

void dev_close(struct dev *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
	d->have_chan = false;
}

static int request_failed(enum chan_by by, const char *name, uint64_t caps,
			  int err)
{
	const char *what = by == CHAN_BY_NAME ? "channel" :
			   by == CHAN_BY_DEVICE ? "device" : "capability";
	char buf[256];

	if (by == CHAN_BY_CAPS)
		name = caps_str(caps, buf, sizeof(buf));
	if (err == -ENODEV)
		return errf(err, "%s '%s': no such free channel (ENODEV)",
			    what, name);
	return errf(err, "%s '%s': channel request: %s (%s)", what, name,
		    strerror(-err), errno_name(-err));
}

int dev_request(struct dev *d, enum chan_by by, const char *name,
		uint64_t caps)
{
	struct dmactl_chan_request req;
	int ret;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	if (by != CHAN_BY_CAPS) {
		if (!name[0] || strlen(name) >= sizeof(req.name))
			return errf(-EINVAL, "%s '%s': name empty or longer than %zu bytes",
				    by == CHAN_BY_NAME ? "channel" : "device",
				    name, sizeof(req.name) - 1);
		strcpy(req.name, name);
		req.flags = by == CHAN_BY_NAME ? DMACTL_REQ_BY_NAME :
			    DMACTL_REQ_BY_DEVICE;
	}
	if (caps) {
		req.flags |= DMACTL_REQ_BY_CAPS;
		req.caps = caps;
	}
	ret = xioctl(d->fd, DMACTL_IOC_CHAN_REQUEST, &req);
	if (ret)
		return request_failed(by, name, caps, ret);
	/* a module that forgot the NUL must not make us read past the name */
	req.chan_name[sizeof(req.chan_name) - 1] = '\0';
	strcpy(d->chan, req.chan_name);
	d->have_chan = true;
	return 0;
}

int dev_release(struct dev *d)
{
	int ret = xioctl(d->fd, DMACTL_IOC_CHAN_RELEASE, NULL);

	if (ret)
		return fail(d, "DMACTL_IOC_CHAN_RELEASE", ret);
	d->have_chan = false;
	return 0;
}

int dev_chan_info(struct dev *d, struct dmactl_chan_info *ci)
{
	int ret;

	memset(ci, 0, sizeof(*ci));
	ci->size = sizeof(*ci);
	ret = xioctl(d->fd, DMACTL_IOC_CHAN_INFO, ci);
	if (ret)
		return fail(d, "DMACTL_IOC_CHAN_INFO", ret);
	ci->chan_name[sizeof(ci->chan_name) - 1] = '\0';
	ci->dev_name[sizeof(ci->dev_name) - 1] = '\0';
	ci->driver_name[sizeof(ci->driver_name) - 1] = '\0';
	return 0;
}

int dev_buf_alloc(struct dev *d, uint64_t len, struct dev_buf *b)
{
	struct dmactl_buf_alloc ba;
	struct dmactl_buf_free bf;
	char what[96];
	int ret;

	memset(b, 0, sizeof(*b));
	memset(&ba, 0, sizeof(ba));
	ba.size = sizeof(ba);
	ba.type = DMACTL_BUF_COHERENT;
	ba.length = len;
	ret = xioctl(d->fd, DMACTL_IOC_BUF_ALLOC, &ba);
	if (ret) {
		snprintf(what, sizeof(what), "DMACTL_IOC_BUF_ALLOC of %llu bytes",
			 (unsigned long long)len);
		return fail(d, what, ret);
	}
	b->map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, d->fd,
		      ba.mmap_offset);
	if (b->map == MAP_FAILED) {
		ret = -errno;
		snprintf(what, sizeof(what), "mmap of buffer %u (%llu bytes)",
			 ba.id, (unsigned long long)len);
		fail(d, what, ret);
		goto out_free;
	}
	b->id = ba.id;
	b->len = len;
	b->mmap_offset = ba.mmap_offset;
	return 0;

out_free:
	memset(&bf, 0, sizeof(bf));
	bf.size = sizeof(bf);
	bf.id = ba.id;
	xioctl(d->fd, DMACTL_IOC_BUF_FREE, &bf);
	b->map = NULL;
	return ret;
}

int dev_buf_unmap(struct dev *d, struct dev_buf *b)
{
	char what[64];
	int ret;

	if (b->map && munmap(b->map, b->len)) {
		ret = -errno;
		snprintf(what, sizeof(what), "munmap of buffer %u", b->id);
		return fail(d, what, ret);
	}
	b->map = NULL;
	return 0;
}

int dev_buf_free(struct dev *d, struct dev_buf *b)
{
	struct dmactl_buf_free bf;
	char what[64];
	int ret;

	if (!b->id)
		return 0;
	ret = dev_buf_unmap(d, b);
	if (ret)
		return ret;
	memset(&bf, 0, sizeof(bf));
	bf.size = sizeof(bf);
	bf.id = b->id;
	ret = xioctl(d->fd, DMACTL_IOC_BUF_FREE, &bf);
	if (ret) {
		snprintf(what, sizeof(what), "DMACTL_IOC_BUF_FREE of buffer %u",
			 b->id);
		return fail(d, what, ret);
	}
	b->id = 0;
	return 0;
}

/*
 * EIO from SUBMIT or BENCH: the provider's prep returned NULL (or an
 * error) with nothing in flight, a refusal of the transfer itself.
 */
static int refused(struct dev *d, const char *what)
{
	struct dmactl_chan_info ci;
	char drv[DMACTL_NAME_LEN + 16] = "";

	memset(&ci, 0, sizeof(ci));
	ci.size = sizeof(ci);
	if (!xioctl(d->fd, DMACTL_IOC_CHAN_INFO, &ci) && ci.driver_name[0])
		snprintf(drv, sizeof(drv), " (driver %.*s)",
			 DMACTL_NAME_LEN - 1, ci.driver_name);
	return errf(-EIO, "%s%s refused to prepare the transfer: %s: %s (EIO)",
		    d->chan, drv, what, strerror(EIO));
}

int dev_submit(struct dev *d, const struct dmactl_job *jobs, uint32_t count,
	       bool issue, uint64_t *first_id, uint32_t *submitted)
{
	struct dmactl_submit s;
	int ret;

	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	s.flags = issue ? DMACTL_SUBMIT_ISSUE : 0;
	s.count = count;
	s.job_size = sizeof(*jobs);
	s.jobs = (uintptr_t)jobs;
	ret = xioctl(d->fd, DMACTL_IOC_SUBMIT, &s);
	/* Back-pressure, for the caller to handle: not described. */
	if (ret == -EAGAIN)
		return ret;
	if (ret == -EIO)
		return refused(d, "DMACTL_IOC_SUBMIT");
	if (ret)
		return fail(d, "DMACTL_IOC_SUBMIT", ret);
	*first_id = s.first_id;
	*submitted = s.submitted;
	return 0;
}

int dev_wait(struct dev *d, uint64_t job_id, uint64_t timeout_ns)
{
	struct dmactl_wait w;
	char what[80];
	int ret;

	memset(&w, 0, sizeof(w));
	w.size = sizeof(w);
	w.job_id = job_id;
	w.timeout_ns = timeout_ns;
	ret = xioctl(d->fd, DMACTL_IOC_WAIT, &w);
	if (ret == -ETIMEDOUT)
		return errf(ret, "%s: job %llu: not complete after %llu ms (ETIMEDOUT)",
			    d->chan, (unsigned long long)job_id,
			    (unsigned long long)(timeout_ns / 1000000));
	if (ret && ret != -EINTR) {
		snprintf(what, sizeof(what), "DMACTL_IOC_WAIT for job %llu",
			 (unsigned long long)job_id);
		return fail(d, what, ret);
	}
	return ret;
}

int dev_status(struct dev *d, uint64_t first_id, uint32_t count, bool release,
	       struct dmactl_job_status *st)
{
	struct dmactl_status s;
	char what[80];
	int ret;

	memset(st, 0, count * sizeof(*st));
	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	s.flags = release ? DMACTL_STATUS_RELEASE : 0;
	s.first_id = first_id;
	s.count = count;
	s.entry_size = sizeof(*st);
	s.entries = (uintptr_t)st;
	ret = xioctl(d->fd, DMACTL_IOC_STATUS, &s);
	if (ret) {
		snprintf(what, sizeof(what), "DMACTL_IOC_STATUS for job %llu",
			 (unsigned long long)first_id);
		return fail(d, what, ret);
	}
	return 0;
}

int dev_query(struct dev *d, uint64_t id, struct dmactl_job_status *st)
{
	struct dmactl_status s;

	memset(st, 0, sizeof(*st));
	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	s.first_id = id;
	s.count = 1;
	s.entry_size = sizeof(*st);
	s.entries = (uintptr_t)st;
	return xioctl(d->fd, DMACTL_IOC_STATUS, &s);
}

int dev_slave_config(struct dev *d, const struct dmactl_slave_config *cfg)
{
	struct dmactl_slave_config c = *cfg;
	int ret;

	c.size = sizeof(c);
	ret = xioctl(d->fd, DMACTL_IOC_SLAVE_CONFIG, &c);
	if (ret == -EINVAL)
		return errf(ret, "%s: slave configuration refused by the provider (EINVAL): direction %s, src 0x%llx width %u burst %u, dst 0x%llx width %u burst %u",
			    d->chan, dir_name(c.direction),
			    (unsigned long long)c.src_addr, c.src_addr_width,
			    c.src_maxburst, (unsigned long long)c.dst_addr,
			    c.dst_addr_width, c.dst_maxburst);
	if (ret == -EPERM)
		return errf(ret, "%s: device addresses are refused under kernel lockdown, as /dev/mem is: DMACTL_IOC_SLAVE_CONFIG: %s (EPERM)",
			    d->chan, strerror(EPERM));
	if (ret)
		return fail(d, "DMACTL_IOC_SLAVE_CONFIG", ret);
	return 0;
}

int dev_pause(struct dev *d)
{
	int ret = xioctl(d->fd, DMACTL_IOC_PAUSE, NULL);

	if (ret == -EOPNOTSUPP)
		return errf(ret, "%s: pause: not supported by the provider (EOPNOTSUPP)",
			    d->chan);
	return ret ? fail(d, "DMACTL_IOC_PAUSE", ret) : 0;
}

int dev_resume(struct dev *d)
{
	int ret = xioctl(d->fd, DMACTL_IOC_RESUME, NULL);

	if (ret == -EOPNOTSUPP)
		return errf(ret, "%s: resume: not supported by the provider (EOPNOTSUPP)",
			    d->chan);
	return ret ? fail(d, "DMACTL_IOC_RESUME", ret) : 0;
}

int dev_terminate(struct dev *d, bool async)
{
	struct dmactl_terminate t;
	int ret;

	memset(&t, 0, sizeof(t));
	t.size = sizeof(t);
	t.flags = async ? DMACTL_TERMINATE_ASYNC : 0;
	ret = xioctl(d->fd, DMACTL_IOC_TERMINATE, &t);
	return ret ? fail(d, "DMACTL_IOC_TERMINATE", ret) : 0;
}

int dev_synchronize(struct dev *d)
{
	int ret = xioctl(d->fd, DMACTL_IOC_SYNCHRONIZE, NULL);

	return ret ? fail(d, "DMACTL_IOC_SYNCHRONIZE", ret) : 0;
}

int dev_events(struct dev *d, struct dmactl_event *ev, size_t max,
	       int timeout_ms, size_t *n)
{
	struct pollfd p = { .fd = d->fd, .events = POLLIN };
	ssize_t got;
	int ret;

	*n = 0;
	ret = poll(&p, 1, timeout_ms);
	if (ret < 0) {
		ret = -errno;
		return ret == -EINTR ? ret : fail(d, "poll", ret);
	}
	if (!ret)
		return 0;
	if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
		return fail(d, "poll", -EIO);
	got = read(d->fd, ev, max * sizeof(*ev));
	if (got < 0) {
		ret = -errno;
		if (ret == -EAGAIN)
			return 0;
		return ret == -EINTR ? ret : fail(d, "read of events", ret);
	}
	if (got % sizeof(*ev))
		return errf(-EPROTO, "%s: read of events: %zd bytes, not whole %zu-byte records (EPROTO)",
			    d->chan, got, sizeof(*ev));
	*n = got / sizeof(*ev);
	return 0;
}

int dev_poll(struct dev *const *d, unsigned int n, int timeout_ms)
{
	struct pollfd p[8];
	unsigned int i;
	int ret;

	if (n > ARRAY_SIZE(p))
		return errf(-EINVAL, "poll: %u sessions", n);
	for (i = 0; i < n; i++)
		p[i] = (struct pollfd){ .fd = d[i]->fd, .events = POLLIN };
	ret = poll(p, n, timeout_ms);
	if (ret < 0) {
		ret = -errno;
		return ret == -EINTR ? ret : fail(d[0], "poll", ret);
	}
	for (i = 0; i < n; i++)
		if (p[i].revents & (POLLERR | POLLHUP | POLLNVAL))
			return fail(d[i], "poll", -EIO);
	return 0;
}

int dev_bench(struct dev *d, struct dmactl_bench *b)
{
	int ret;

	b->size = sizeof(*b);
	ret = xioctl(d->fd, DMACTL_IOC_BENCH, b);
	if (ret == -EINTR)
		return ret;
	if (ret == -EIO)
		return refused(d, "DMACTL_IOC_BENCH");
	return ret ? fail(d, "DMACTL_IOC_BENCH", ret) : 0;
}
