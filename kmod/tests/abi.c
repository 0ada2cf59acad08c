// SPDX-License-Identifier: GPL-2.0
/*
 * ABI test of /dev/dmactl and of the "dmactl" generic netlink family.
 *
 * Runs as root in a machine with dmactl.ko and a DMA provider loaded (vdma,
 * or the driver named by $DMACTL_TEST_DRIVER) and prints a KTAP document.
 * Every length and offset it submits is a multiple of $DMACTL_TEST_ALIGN
 * (default 1) and of the channel's copy_align.  Every validation rule of
 * the ABI is one test, and every test runs in its own child process with
 * its own file descriptors, so that nothing one test leaves behind can
 * make another pass or fail.
 * Exit status: 0 if no test failed, 1 otherwise.
 */

#define _GNU_SOURCE
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/genetlink.h>

#include "bridge_lib.h"

/* The layout is ABI: the same for 32-bit and 64-bit processes. */
#define LAYOUT_OK(type, size) \
	static_assert(sizeof(struct type) == (size) && \
		      sizeof(struct type) % 8 == 0, #type)

LAYOUT_OK(dmactl_info, DMACTL_INFO_SIZE_VER0);
LAYOUT_OK(dmactl_chan_request, DMACTL_CHAN_REQUEST_SIZE_VER0);
LAYOUT_OK(dmactl_chan_info, DMACTL_CHAN_INFO_SIZE_VER0);
LAYOUT_OK(dmactl_slave_config, DMACTL_SLAVE_CONFIG_SIZE_VER0);
LAYOUT_OK(dmactl_buf_alloc, DMACTL_BUF_ALLOC_SIZE_VER0);
LAYOUT_OK(dmactl_buf_free, DMACTL_BUF_FREE_SIZE_VER0);
LAYOUT_OK(dmactl_buf_sync, DMACTL_BUF_SYNC_SIZE_VER0);
LAYOUT_OK(dmactl_job, DMACTL_JOB_SIZE_VER1);
LAYOUT_OK(dmactl_sg_entry, 24);
LAYOUT_OK(dmactl_chunk, 32);
LAYOUT_OK(dmactl_submit, DMACTL_SUBMIT_SIZE_VER0);
LAYOUT_OK(dmactl_wait, DMACTL_WAIT_SIZE_VER0);
LAYOUT_OK(dmactl_job_status, DMACTL_JOB_STATUS_SIZE_VER0);
LAYOUT_OK(dmactl_status, DMACTL_STATUS_SIZE_VER0);
LAYOUT_OK(dmactl_terminate, DMACTL_TERMINATE_SIZE_VER0);
LAYOUT_OK(dmactl_resubmit, DMACTL_RESUBMIT_SIZE_VER0);
LAYOUT_OK(dmactl_event, DMACTL_EVENT_SIZE);
LAYOUT_OK(dmactl_bench, DMACTL_BENCH_SIZE_VER0);
static_assert(offsetof(struct dmactl_submit, jobs) == 16, "submit.jobs");
static_assert(offsetof(struct dmactl_status, entries) == 24, "status.entries");
static_assert(offsetof(struct dmactl_chan_info, caps) == 200, "info.caps");
/* Version 1 of the job ends where version 2 appended its fields. */
static_assert(offsetof(struct dmactl_job, list) == DMACTL_JOB_SIZE_VER0,
	      "job.list");
static_assert(offsetof(struct dmactl_bench, hist) == 96, "bench.hist");

/* Generic checks, run for every ioctl that takes a struct. */

struct field {
	const char *name;
	size_t off;
	size_t len;
};

struct ioc {
	const char *name;
	unsigned long cmd;
	size_t ver0;
	/* Sets up the session, writes a valid argument (all but size). */
	void (*prepare)(int fd, void *arg);
	struct field reserved[4];
	size_t flags_off;	/* 0: no flags field */
	uint32_t bad_flag;	/* lowest flag bit not defined */
	/* Needs a provider operation: EOPNOTSUPP without it is a SKIP. */
	const char *needs;
};

static void prep_info(int fd, void *arg)
{
	(void)fd;
	(void)arg;
}

static void prep_chan_request(int fd, void *arg)
{
	(void)fd;
	req_memcpy(arg);
}

static void prep_chan_info(int fd, void *arg)
{
	(void)arg;
	chan_get(fd, NULL);
}

static void prep_buf_alloc(int fd, void *arg)
{
	struct dmactl_buf_alloc *ba = arg;

	chan_get(fd, NULL);
	ba->type = DMACTL_BUF_COHERENT;
	ba->length = 4096;
}

static void prep_buf_free(int fd, void *arg)
{
	struct dmactl_buf_free *bf = arg;

	chan_get(fd, NULL);
	bf->id = buf_new(fd, 4096);
}

static struct dmactl_job prep_jobs[1];

static void prep_submit(int fd, void *arg)
{
	struct dmactl_submit *sub = arg;
	uint32_t a, b;

	chan_get(fd, NULL);
	a = buf_new(fd, 4096);
	b = buf_new(fd, 4096);
	prep_jobs[0] = job_memcpy(a, 0, b, 0, 4096);
	sub->flags = DMACTL_SUBMIT_ISSUE;
	sub->count = 1;
	sub->job_size = sizeof(prep_jobs[0]);
	sub->jobs = (uintptr_t)prep_jobs;
}

static uint64_t prep_job(int fd)
{
	uint32_t a, b;

	chan_get(fd, NULL);
	a = buf_new(fd, 4096);
	b = buf_new(fd, 4096);
	prep_jobs[0] = job_memcpy(a, 0, b, 0, 4096);
	return submit_one(fd, prep_jobs, DMACTL_SUBMIT_ISSUE);
}

static void prep_wait(int fd, void *arg)
{
	struct dmactl_wait *w = arg;

	w->job_id = prep_job(fd);
	w->timeout_ns = WAIT_NS;
}

static struct dmactl_job_status prep_entries[1];

static void prep_status(int fd, void *arg)
{
	struct dmactl_status *st = arg;

	st->first_id = prep_job(fd);
	MUST(wait_job(fd, st->first_id, 0, WAIT_NS));
	st->count = 1;
	st->entry_size = sizeof(prep_entries[0]);
	st->entries = (uintptr_t)prep_entries;
}

static void prep_slave_config(int fd, void *arg)
{
	struct dmactl_slave_config *cfg = arg;

	chan_get(fd, NULL);
	slave_config_tx(cfg);
}

static void prep_buf_sync(int fd, void *arg)
{
	struct dmactl_buf_sync *bs = arg;
	struct dmactl_buf_alloc ba;

	chan_get(fd, NULL);
	MUST(buf_alloc_type(fd, DMACTL_BUF_STREAMING, 3 * page_size, 0, &ba));
	bs->flags = DMACTL_SYNC_FOR_CPU;
	bs->id = ba.id;
}

static void prep_terminate(int fd, void *arg)
{
	(void)arg;
	prep_job(fd);
}

static void prep_resubmit(int fd, void *arg)
{
	struct dmactl_resubmit *rs = arg;
	uint32_t a, b;
	int ret;

	chan_get(fd, NULL);
	a = buf_new(fd, 4096);
	b = buf_new(fd, 4096);
	prep_jobs[0] = job_memcpy(a, 0, b, 0, 4096);
	prep_jobs[0].flags = DMACTL_JOB_REUSE;
	ret = submit(fd, prep_jobs, 1, DMACTL_SUBMIT_ISSUE, NULL);
	if (ret == -EOPNOTSUPP)
		exit(skip("the channel does not reuse descriptors"));
	MUST(ret);
	MUST(wait_job(fd, 0, DMACTL_WAIT_ALL, WAIT_NS));
	rs->job_id = 1;
}

static void prep_bench(int fd, void *arg)
{
	struct dmactl_bench *b = arg;
	uint32_t src, dst;

	chan_get(fd, NULL);
	src = buf_new(fd, 4096);
	dst = buf_new(fd, 4096);
	prep_jobs[0] = job_memcpy(src, 0, dst, 0, 4096);
	b->job = (uintptr_t)prep_jobs;
	b->job_size = sizeof(prep_jobs[0]);
	b->qdepth = 2;
	b->count = 4;
}

#define F(type, member, len) { #member, offsetof(struct type, member), len }

static const struct ioc iocs[] = {
	{
		.name = "info", .cmd = DMACTL_IOC_INFO,
		.ver0 = DMACTL_INFO_SIZE_VER0, .prepare = prep_info,
	}, {
		.name = "chan_request", .cmd = DMACTL_IOC_CHAN_REQUEST,
		.ver0 = DMACTL_CHAN_REQUEST_SIZE_VER0,
		.prepare = prep_chan_request,
		.reserved = { F(dmactl_chan_request, reserved[0], 8),
			      F(dmactl_chan_request, reserved[1], 8) },
		.flags_off = offsetof(struct dmactl_chan_request, flags),
		.bad_flag = DMACTL_REQ_BY_CAPS << 1,
	}, {
		.name = "chan_info", .cmd = DMACTL_IOC_CHAN_INFO,
		.ver0 = DMACTL_CHAN_INFO_SIZE_VER0, .prepare = prep_chan_info,
	}, {
		.name = "buf_alloc", .cmd = DMACTL_IOC_BUF_ALLOC,
		.ver0 = DMACTL_BUF_ALLOC_SIZE_VER0, .prepare = prep_buf_alloc,
		.reserved = { F(dmactl_buf_alloc, reserved, 8) },
		.flags_off = offsetof(struct dmactl_buf_alloc, flags),
		.bad_flag = 1,
	}, {
		.name = "buf_free", .cmd = DMACTL_IOC_BUF_FREE,
		.ver0 = DMACTL_BUF_FREE_SIZE_VER0, .prepare = prep_buf_free,
		.reserved = { F(dmactl_buf_free, reserved, 8) },
	}, {
		.name = "submit", .cmd = DMACTL_IOC_SUBMIT,
		.ver0 = DMACTL_SUBMIT_SIZE_VER0, .prepare = prep_submit,
		.reserved = { F(dmactl_submit, reserved0, 4),
			      F(dmactl_submit, reserved[0], 8),
			      F(dmactl_submit, reserved[1], 8) },
		.flags_off = offsetof(struct dmactl_submit, flags),
		.bad_flag = DMACTL_SUBMIT_ISSUE << 1,
	}, {
		.name = "wait", .cmd = DMACTL_IOC_WAIT,
		.ver0 = DMACTL_WAIT_SIZE_VER0, .prepare = prep_wait,
		.reserved = { F(dmactl_wait, reserved[0], 8),
			      F(dmactl_wait, reserved[1], 8) },
		.flags_off = offsetof(struct dmactl_wait, flags),
		.bad_flag = DMACTL_WAIT_ABSOLUTE << 1,
	}, {
		.name = "status", .cmd = DMACTL_IOC_STATUS,
		.ver0 = DMACTL_STATUS_SIZE_VER0, .prepare = prep_status,
		.reserved = { F(dmactl_status, reserved[0], 8),
			      F(dmactl_status, reserved[1], 8) },
		.flags_off = offsetof(struct dmactl_status, flags),
		.bad_flag = DMACTL_STATUS_RELEASE << 1,
	}, {
		.name = "slave_config", .cmd = DMACTL_IOC_SLAVE_CONFIG,
		.ver0 = DMACTL_SLAVE_CONFIG_SIZE_VER0,
		.prepare = prep_slave_config, .needs = "device_config",
		.reserved = { F(dmactl_slave_config, reserved[0], 8),
			      F(dmactl_slave_config, reserved[1], 8) },
		.flags_off = offsetof(struct dmactl_slave_config, flags),
		.bad_flag = DMACTL_CFG_DEVICE_FC << 1,
	}, {
		.name = "buf_sync", .cmd = DMACTL_IOC_BUF_SYNC,
		.ver0 = DMACTL_BUF_SYNC_SIZE_VER0, .prepare = prep_buf_sync,
		.reserved = { F(dmactl_buf_sync, reserved0, 4),
			      F(dmactl_buf_sync, reserved[0], 8),
			      F(dmactl_buf_sync, reserved[1], 8) },
		.flags_off = offsetof(struct dmactl_buf_sync, flags),
		.bad_flag = DMACTL_SYNC_FOR_DEVICE << 1,
	}, {
		.name = "terminate", .cmd = DMACTL_IOC_TERMINATE,
		.ver0 = DMACTL_TERMINATE_SIZE_VER0, .prepare = prep_terminate,
		.needs = "device_terminate_all",
		.reserved = { F(dmactl_terminate, reserved[0], 8),
			      F(dmactl_terminate, reserved[1], 8) },
		.flags_off = offsetof(struct dmactl_terminate, flags),
		.bad_flag = DMACTL_TERMINATE_ASYNC << 1,
	}, {
		.name = "resubmit", .cmd = DMACTL_IOC_RESUBMIT,
		.ver0 = DMACTL_RESUBMIT_SIZE_VER0, .prepare = prep_resubmit,
		.reserved = { F(dmactl_resubmit, reserved[0], 8),
			      F(dmactl_resubmit, reserved[1], 8) },
		.flags_off = offsetof(struct dmactl_resubmit, flags),
		.bad_flag = DMACTL_SUBMIT_ISSUE << 1,
	}, {
		.name = "bench", .cmd = DMACTL_IOC_BENCH,
		.ver0 = DMACTL_BENCH_SIZE_VER0, .prepare = prep_bench,
		.reserved = { F(dmactl_bench, reserved[0], 8),
			      F(dmactl_bench, reserved[1], 8),
			      F(dmactl_bench, reserved[2], 8),
			      F(dmactl_bench, reserved[3], 8) },
		.flags_off = offsetof(struct dmactl_bench, flags),
		.bad_flag = 1,
	},
};

/*
 * The argument lives in a page-sized area: room for a struct "from the
 * future" up to PAGE_SIZE, and a copy to prove a failed call wrote nothing.
 */
struct arg {
	uint8_t *p;
	uint8_t *saved;
	size_t len;
};

static struct arg arg_new(int fd, const struct ioc *ioc, uint32_t size)
{
	struct arg a;

	a.len = 2 * page_size;
	a.p = calloc(1, a.len);
	a.saved = calloc(1, a.len);
	if (!a.p || !a.saved)
		exit(FAIL);
	ioc->prepare(fd, a.p);
	memcpy(a.p, &size, sizeof(size));
	return a;
}

/* Calls the ioctl, expecting @err and, on failure, nothing written. */
static int call_expect(int fd, const struct ioc *ioc, struct arg *a, int err)
{
	memcpy(a->saved, a->p, a->len);
	if (!OK_ERR(xioctl(fd, ioc->cmd, a->p), err))
		return FAIL;
	if (err)
		if (!OK(!memcmp(a->saved, a->p, a->len),
			"%s failed with %s but changed its argument", ioc->name,
			strerror(err)))
			return FAIL;
	return PASS;
}

static int t_size_below_ver0(const void *param)
{
	const struct ioc *ioc = param;
	int fd = dev_open();
	struct arg a = arg_new(fd, ioc, ioc->ver0 - 8);

	if (call_expect(fd, ioc, &a, EINVAL))
		return FAIL;
	memset(a.p, 0, sizeof(uint32_t));
	return call_expect(fd, ioc, &a, EINVAL);
}

/*
 * A call expected to succeed, on a channel that may lack the provider
 * operation it needs: that is a SKIP with the reason, not a failure.
 */
static int call_expect_ok(int fd, const struct ioc *ioc, struct arg *a)
{
	int ret = xioctl(fd, ioc->cmd, a->p);

	if (ret == -EOPNOTSUPP && ioc->needs)
		return skip("%s: the channel has no %s (EOPNOTSUPP)", ioc->name,
			    ioc->needs);
	return OK_ERR(ret, 0) ? PASS : FAIL;
}

static int t_size_larger_zero_tail(const void *param)
{
	const struct ioc *ioc = param;
	int fd = dev_open();
	struct arg a = arg_new(fd, ioc, ioc->ver0 + 64);

	return call_expect_ok(fd, ioc, &a);
}

static int t_size_page(const void *param)
{
	const struct ioc *ioc = param;
	int fd = dev_open();
	struct arg a = arg_new(fd, ioc, page_size);

	return call_expect_ok(fd, ioc, &a);
}

static int t_size_larger_nonzero_tail(const void *param)
{
	const struct ioc *ioc = param;
	int fd = dev_open();
	struct arg a = arg_new(fd, ioc, ioc->ver0 + 64);

	a.p[ioc->ver0 + 63] = 1;
	return call_expect(fd, ioc, &a, E2BIG);
}

static int t_size_over_page(const void *param)
{
	const struct ioc *ioc = param;
	int fd = dev_open();
	struct arg a = arg_new(fd, ioc, page_size + 8);

	return call_expect(fd, ioc, &a, E2BIG);
}

static int t_bad_pointer(const void *param)
{
	const struct ioc *ioc = param;
	int fd = dev_open();
	struct arg a = arg_new(fd, ioc, ioc->ver0);
	uint8_t *area, *p;

	if (!OK_ERR(xioctl(fd, ioc->cmd, NULL), EFAULT))
		return FAIL;
	if (!OK_ERR(xioctl(fd, ioc->cmd, (void *)(uintptr_t)page_size), EFAULT))
		return FAIL;

	/* The struct runs from a readable page into an unmapped one. */
	area = mmap(NULL, 2 * page_size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!OK(area != MAP_FAILED, "mmap: %s", strerror(errno)))
		return FAIL;
	if (!OK(!munmap(area + page_size, page_size), "munmap"))
		return FAIL;
	p = area + page_size - (ioc->ver0 - 8);
	memcpy(p, a.p, ioc->ver0 - 8);
	if (!OK_ERR(xioctl(fd, ioc->cmd, p), EFAULT))
		return FAIL;
	return PASS;
}

static int t_reserved(const void *param)
{
	const struct field *f = param;
	const struct ioc *ioc = NULL;
	size_t i, j;
	int fd;

	/* Find the ioctl this field belongs to. */
	for (i = 0; i < ARRAY_SIZE(iocs) && !ioc; i++)
		for (j = 0; j < ARRAY_SIZE(iocs[i].reserved); j++)
			if (&iocs[i].reserved[j] == f)
				ioc = &iocs[i];

	fd = dev_open();
	struct arg a = arg_new(fd, ioc, ioc->ver0);

	/* Its last byte: non-zero whatever the endianness. */
	a.p[f->off + f->len - 1] = 0x80;
	return call_expect(fd, ioc, &a, EINVAL);
}

static int t_unknown_flag(const void *param)
{
	const struct ioc *ioc = param;
	uint32_t flags, bit;
	int fd, ret;

	/* The lowest undefined bit and the highest one. */
	for (bit = ioc->bad_flag; bit; bit = bit == 1U << 31 ? 0 : 1U << 31) {
		fd = dev_open();
		struct arg a = arg_new(fd, ioc, ioc->ver0);

		memcpy(&flags, a.p + ioc->flags_off, sizeof(flags));
		flags |= bit;
		memcpy(a.p + ioc->flags_off, &flags, sizeof(flags));
		ret = call_expect(fd, ioc, &a, EINVAL);
		close(fd);
		if (ret)
			return ret;
	}
	return PASS;
}

/* The static_asserts above already hold; say so in the report. */
static int t_layout(const void *param)
{
	static const struct {
		const char *name;
		size_t size, ver0;
	} s[] = {
#define L(type, ver0) { #type, sizeof(struct type), ver0 }
		L(dmactl_info, DMACTL_INFO_SIZE_VER0),
		L(dmactl_chan_request, DMACTL_CHAN_REQUEST_SIZE_VER0),
		L(dmactl_chan_info, DMACTL_CHAN_INFO_SIZE_VER0),
		L(dmactl_slave_config, DMACTL_SLAVE_CONFIG_SIZE_VER0),
		L(dmactl_buf_alloc, DMACTL_BUF_ALLOC_SIZE_VER0),
		L(dmactl_buf_free, DMACTL_BUF_FREE_SIZE_VER0),
		L(dmactl_buf_sync, DMACTL_BUF_SYNC_SIZE_VER0),
		L(dmactl_job, DMACTL_JOB_SIZE_VER1),
		L(dmactl_submit, DMACTL_SUBMIT_SIZE_VER0),
		L(dmactl_wait, DMACTL_WAIT_SIZE_VER0),
		L(dmactl_job_status, DMACTL_JOB_STATUS_SIZE_VER0),
		L(dmactl_status, DMACTL_STATUS_SIZE_VER0),
		L(dmactl_terminate, DMACTL_TERMINATE_SIZE_VER0),
		L(dmactl_resubmit, DMACTL_RESUBMIT_SIZE_VER0),
		L(dmactl_event, DMACTL_EVENT_SIZE),
		L(dmactl_bench, DMACTL_BENCH_SIZE_VER0),
#undef L
	};
	size_t i;

	(void)param;
	for (i = 0; i < ARRAY_SIZE(s); i++)
		if (!OK(s[i].size == s[i].ver0 && s[i].size % 8 == 0,
			"struct %s: %zu bytes, published %zu", s[i].name, s[i].size,
			s[i].ver0))
			return FAIL;
	return PASS;
}

/* Device and permissions */

static int t_open_needs_cap_sys_rawio(const void *param)
{
	int fd;

	(void)param;
	if (!OK(getuid() == 0 && geteuid() == 0, "must run as root"))
		return FAIL;
	if (!cap_effective(CAP_SYS_RAWIO, false))
		return FAIL;

	fd = open(DEV_PATH, O_RDWR | O_CLOEXEC);
	if (!OK(fd < 0 && errno == EPERM, "open without CAP_SYS_RAWIO: %s",
		fd < 0 ? strerror(errno) : "success"))
		return FAIL;

	if (!cap_effective(CAP_SYS_RAWIO, true))
		return FAIL;
	fd = open(DEV_PATH, O_RDWR | O_CLOEXEC);
	if (!OK(fd >= 0, "open with CAP_SYS_RAWIO: %s", strerror(errno)))
		return FAIL;
	return PASS;
}

/*
 * Pinned user memory is locked memory: within RLIMIT_MEMLOCK, as other
 * long-term pinners count it, unless the caller has CAP_IPC_LOCK.
 */
static int t_buf_user_memlock(const void *param)
{
	const struct rlimit lim = { 64 * 1024, 64 * 1024 };
	const size_t big = 1024 * 1024;
	struct dmactl_buf_alloc ba;
	uint8_t *mem;
	int fd;

	(void)param;
	fd = dev_open();
	chan_get(fd, NULL);
	mem = aligned_alloc(page_size, big);
	if (!OK(mem, "aligned_alloc"))
		return FAIL;
	memset(mem, 0, big);
	if (!OK(!setrlimit(RLIMIT_MEMLOCK, &lim), "setrlimit: %s",
		strerror(errno)) ||
	    !cap_effective(CAP_IPC_LOCK, false))
		return FAIL;
	if (!OK_ERR(buf_alloc_type(fd, DMACTL_BUF_USER, big, mem, NULL),
		    ENOMEM))
		return FAIL;
	/* Within the limit; then the limit counts what is pinned already. */
	if (!OK_ERR(buf_alloc_type(fd, DMACTL_BUF_USER, 32 * 1024, mem, &ba),
		    0) ||
	    !OK_ERR(buf_alloc_type(fd, DMACTL_BUF_USER, 48 * 1024,
				   mem + 256 * 1024, NULL), ENOMEM))
		return FAIL;
	/* Freed, the pages no longer count. */
	if (!OK_ERR(buf_free(fd, ba.id), 0) ||
	    !OK_ERR(buf_alloc_type(fd, DMACTL_BUF_USER, 48 * 1024,
				   mem + 256 * 1024, NULL), 0))
		return FAIL;
	/* CAP_IPC_LOCK goes beyond it. */
	if (!cap_effective(CAP_IPC_LOCK, true))
		return FAIL;
	return OK_ERR(buf_alloc_type(fd, DMACTL_BUF_USER, big / 2,
				     mem + big / 2, NULL), 0) ? PASS : FAIL;
}

static int t_unknown_ioctl(const void *param)
{
	int fd = dev_open();
	char arg[4096] = { 0 };

	(void)param;
	if (!OK_ERR(xioctl(fd, _IO(DMACTL_IOC_MAGIC, 0x7f), arg), ENOTTY))
		return FAIL;
	if (!OK_ERR(xioctl(fd, _IOWR(DMACTL_IOC_MAGIC, 0x0a, struct dmactl_info),
			   arg), ENOTTY))
		return FAIL;
	/* A known number with another size or direction is another ioctl. */
	if (!OK_ERR(xioctl(fd, _IOWR(DMACTL_IOC_MAGIC, 0x00, char[8]), arg),
		    ENOTTY))
		return FAIL;
	if (!OK_ERR(xioctl(fd, _IOR(DMACTL_IOC_MAGIC, 0x00, struct dmactl_info),
			   arg), ENOTTY))
		return FAIL;
	if (!OK_ERR(xioctl(fd, _IO('T', 0x00), arg), ENOTTY))
		return FAIL;
	return PASS;
}

static int t_noarg_ioctls_reject_arg(const void *param)
{
	int fd = dev_open();

	(void)param;
	chan_get(fd, NULL);
	if (!OK_ERR(ioctl(fd, DMACTL_IOC_ISSUE, 1UL) ? -errno : 0, EINVAL))
		return FAIL;
	if (!OK_ERR(ioctl(fd, DMACTL_IOC_CHAN_RELEASE, 1UL) ? -errno : 0,
		    EINVAL))
		return FAIL;
	if (!OK_ERR(ioctl(fd, DMACTL_IOC_PAUSE, 1UL) ? -errno : 0, EINVAL))
		return FAIL;
	if (!OK_ERR(ioctl(fd, DMACTL_IOC_RESUME, 1UL) ? -errno : 0, EINVAL))
		return FAIL;
	if (!OK_ERR(ioctl(fd, DMACTL_IOC_SYNCHRONIZE, 1UL) ? -errno : 0,
		    EINVAL))
		return FAIL;
	if (!OK_ERR(ioctl(fd, DMACTL_IOC_SYNCHRONIZE, 0UL) ? -errno : 0, 0))
		return FAIL;
	if (!OK_ERR(ioctl(fd, DMACTL_IOC_ISSUE, 0UL) ? -errno : 0, 0))
		return FAIL;
	if (!OK_ERR(ioctl(fd, DMACTL_IOC_CHAN_RELEASE, 0UL) ? -errno : 0, 0))
		return FAIL;
	return PASS;
}

static int t_info(const void *param)
{
	struct dmactl_info info;
	int fd = dev_open();

	(void)param;
	memset(&info, 0xa5, sizeof(info));
	info.size = sizeof(info);
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_INFO, &info), 0))
		return FAIL;
	if (!OK(info.size == sizeof(info), "size %u", info.size))
		return FAIL;
	if (!OK(info.abi_version == DMACTL_ABI_VERSION, "abi_version %u",
		info.abi_version))
		return FAIL;
	if (!OK(info.features == (DMACTL_FEAT_CHAN_REQUEST |
				  DMACTL_FEAT_COHERENT_BUF |
				  DMACTL_FEAT_MEMCPY | DMACTL_FEAT_NETLINK |
				  DMACTL_FEAT_SLAVE_CONFIG |
				  DMACTL_FEAT_STREAMING_BUF |
				  DMACTL_FEAT_USER_BUF | DMACTL_FEAT_MEMSET |
				  DMACTL_FEAT_SLAVE_SG | DMACTL_FEAT_CYCLIC |
				  DMACTL_FEAT_INTERLEAVED |
				  DMACTL_FEAT_CONTROL | DMACTL_FEAT_REUSE |
				  DMACTL_FEAT_EVENTS | DMACTL_FEAT_BENCH |
				  DMACTL_FEAT_NETLINK_EVENTS),
		"features 0x%" PRIx64, (uint64_t)info.features))
		return FAIL;
	if (!OK(info.max_batch && info.max_jobs && info.max_buf_bytes &&
		info.max_session_bytes && info.max_buffers &&
		info.event_ring && info.max_pin_bytes &&
		info.max_sg_entries, "a limit is 0"))
		return FAIL;
	if (!OK(!info.reserved, "reserved not zeroed"))
		return FAIL;
	diag("max_batch %u max_jobs %u max_buffers %u", info.max_batch,
	     info.max_jobs, info.max_buffers);
	diag("max_buf_bytes %" PRIu64 " max_session_bytes %" PRIu64,
	     (uint64_t)info.max_buf_bytes, (uint64_t)info.max_session_bytes);
	diag("event_ring %u max_sg_entries %u max_config_bytes %u",
	     info.event_ring, info.max_sg_entries, info.max_config_bytes);
	diag("max_pin_bytes %" PRIu64, (uint64_t)info.max_pin_bytes);
	return no_kernel_pointers(&info, sizeof(info), "info");
}

static int t_info_readonly_output(const void *param)
{
	struct dmactl_info *info;
	int fd = dev_open();

	(void)param;
	info = mmap(NULL, page_size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!OK(info != MAP_FAILED, "mmap: %s", strerror(errno)))
		return FAIL;
	info->size = sizeof(*info);
	if (!OK(!mprotect(info, page_size, PROT_READ), "mprotect"))
		return FAIL;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_INFO, info), EFAULT))
		return FAIL;
	return PASS;
}

/* Channel requests */

static int t_request_bad_name(const void *param)
{
	struct dmactl_chan_request req = {
		.size = sizeof(req),
		.flags = DMACTL_REQ_BY_NAME,
		.name = "dma999chan999",
	};
	struct dmactl_chan_request saved;
	int fd = dev_open();

	(void)param;
	memset(req.chan_name, 0x5a, sizeof(req.chan_name));
	saved = req;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), ENODEV))
		return FAIL;
	if (!OK(!memcmp(&req, &saved, sizeof(req)), "changed on failure"))
		return FAIL;

	req.flags = DMACTL_REQ_BY_DEVICE;
	strcpy(req.name, "no-such-dma-device");
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), ENODEV))
		return FAIL;

	/* A capability no vdma channel has. */
	req_memcpy(&req);
	req.caps = 1ULL << DMACTL_CAP_PQ_VAL;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), ENODEV))
		return FAIL;
	return PASS;
}

static int t_request_name_unterminated(const void *param)
{
	struct dmactl_chan_request req = {
		.size = sizeof(req),
		.flags = DMACTL_REQ_BY_NAME,
	};
	int fd = dev_open();

	(void)param;
	memset(req.name, 'a', sizeof(req.name));
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EINVAL))
		return FAIL;
	req.flags = DMACTL_REQ_BY_DEVICE;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EINVAL))
		return FAIL;
	return PASS;
}

static int t_request_name_empty(const void *param)
{
	struct dmactl_chan_request req = {
		.size = sizeof(req),
		.flags = DMACTL_REQ_BY_NAME,
	};
	int fd = dev_open();

	(void)param;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EINVAL))
		return FAIL;
	req.flags = DMACTL_REQ_BY_DEVICE;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EINVAL))
		return FAIL;
	return PASS;
}

static int t_request_name_and_device(const void *param)
{
	struct dmactl_chan_request req = {
		.size = sizeof(req),
		.flags = DMACTL_REQ_BY_NAME | DMACTL_REQ_BY_DEVICE,
		.name = "dma0chan0",
	};
	int fd = dev_open();

	(void)param;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EINVAL))
		return FAIL;
	return PASS;
}

static int t_request_no_flags(const void *param)
{
	struct dmactl_chan_request req = { .size = sizeof(req) };
	int fd = dev_open();

	(void)param;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EINVAL))
		return FAIL;
	return PASS;
}

static int t_request_caps_without_flag(const void *param)
{
	struct dmactl_chan_request req = {
		.size = sizeof(req),
		.flags = DMACTL_REQ_BY_NAME,
		.caps = 1ULL << DMACTL_CAP_MEMCPY,
		.name = "dma0chan0",
	};
	int fd = dev_open();

	(void)param;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EINVAL))
		return FAIL;
	return PASS;
}

static int t_request_name_without_flag(const void *param)
{
	struct dmactl_chan_request req;
	int fd = dev_open();

	(void)param;
	req_memcpy(&req);
	strcpy(req.name, "dma0chan0");
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EINVAL))
		return FAIL;
	return PASS;
}

static int t_request_unknown_cap(const void *param)
{
	struct dmactl_chan_request req;
	int fd = dev_open();

	(void)param;
	req_memcpy(&req);
	req.caps |= 1ULL << DMACTL_CAP_COUNT;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EINVAL))
		return FAIL;
	req.caps = 1ULL << 63;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EINVAL))
		return FAIL;
	return PASS;
}

static int t_request_twice(const void *param)
{
	struct dmactl_chan_request req;
	int fd = dev_open();

	(void)param;
	chan_get(fd, NULL);
	req_memcpy(&req);
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), EBUSY))
		return FAIL;
	return PASS;
}

static int t_request_by_name_and_device(const void *param)
{
	struct dmactl_chan_request req = { .size = sizeof(req) };
	char name[DMACTL_NAME_LEN], prefix[32];
	struct dmactl_chan_info ci;
	int fd = dev_open();

	(void)param;
	chan_get(fd, name);
	ci = chan_info(fd);
	if (!OK(!strcmp(ci.chan_name, name), "info %s, request %s",
		ci.chan_name, name))
		return FAIL;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_RELEASE, NULL), 0))
		return FAIL;

	req.flags = DMACTL_REQ_BY_NAME;
	strcpy(req.name, name);
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), 0))
		return FAIL;
	if (!OK(!strcmp(req.chan_name, name), "by name: got %s, want %s",
		req.chan_name, name))
		return FAIL;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_RELEASE, NULL), 0))
		return FAIL;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.flags = DMACTL_REQ_BY_DEVICE | DMACTL_REQ_BY_CAPS;
	req.caps = 1ULL << DMACTL_CAP_MEMCPY;
	snprintf(req.name, sizeof(req.name), "dma%u", ci.dev_id);
	snprintf(prefix, sizeof(prefix), "dma%uchan", ci.dev_id);
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), 0))
		return FAIL;
	if (!OK(!strncmp(req.chan_name, prefix, strlen(prefix)),
		"by %s: got %s", req.name, req.chan_name))
		return FAIL;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_RELEASE, NULL), 0))
		return FAIL;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.flags = DMACTL_REQ_BY_DEVICE;
	strcpy(req.name, ci.dev_name);
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req), 0))
		return FAIL;
	if (!OK(!strncmp(req.chan_name, prefix, strlen(prefix)),
		"by %s: got %s", ci.dev_name, req.chan_name))
		return FAIL;

	/* Held by this session: nobody else can have it. */
	int fd2 = dev_open();

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.flags = DMACTL_REQ_BY_NAME;
	strcpy(req.name, chan_info(fd).chan_name);
	if (!OK_ERR(xioctl(fd2, DMACTL_IOC_CHAN_REQUEST, &req), ENODEV))
		return FAIL;
	return PASS;
}

static int t_chan_info(const void *param)
{
	struct dmactl_chan_info ci;
	char path[256];
	int fd = dev_open();

	(void)param;
	chan_get(fd, NULL);
	memset(&ci, 0xa5, sizeof(ci));
	ci.size = sizeof(ci);
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_INFO, &ci), 0))
		return FAIL;
	if (!OK(ci.caps & (1ULL << DMACTL_CAP_MEMCPY), "caps 0x%" PRIx64,
		(uint64_t)ci.caps))
		return FAIL;
	if (!OK(!(ci.caps >> DMACTL_CAP_COUNT), "caps 0x%" PRIx64,
		(uint64_t)ci.caps))
		return FAIL;
	snprintf(path, sizeof(path), "dma%uchan%u", ci.dev_id, ci.chan_id);
	if (!OK(!strcmp(path, ci.chan_name), "name %s, ids say %s",
		ci.chan_name, path))
		return FAIL;
	snprintf(path, sizeof(path), "/sys/class/dma/%s", ci.chan_name);
	if (!OK(!access(path, F_OK), "%s: %s", path, strerror(errno)))
		return FAIL;
	if (!OK(ci.dev_name[0], "empty dev_name"))
		return FAIL;
	if (!OK(ci.max_seg_size, "max_seg_size 0"))
		return FAIL;
	if (!OK(ci.residue_granularity <= DMACTL_RESIDUE_BURST, "granularity %u",
		ci.residue_granularity))
		return FAIL;
	if (!OK(!(ci.directions >> 4), "directions 0x%x", ci.directions))
		return FAIL;
	if (!OK(!ci.reserved[0] && !ci.reserved[1] && !ci.reserved[2] &&
		!ci.reserved[3], "reserved not zeroed"))
		return FAIL;
	diag("%s on %s (%s): caps 0x%" PRIx64 " slave_caps_errno %u",
	     ci.chan_name, ci.dev_name, ci.driver_name, (uint64_t)ci.caps,
	     ci.slave_caps_errno);
	diag("copy_align %u max_seg_size %" PRIu64, ci.copy_align,
	     (uint64_t)ci.max_seg_size);
	return no_kernel_pointers(&ci, sizeof(ci), "chan_info");
}

static int t_no_chan_enxio(const void *param)
{
	struct dmactl_chan_info ci;
	struct dmactl_job job = job_memcpy(1, 0, 2, 0, 1);
	struct dmactl_job_status st[1];
	int fd = dev_open();
	void *p;

	(void)param;
	memset(&ci, 0x5a, sizeof(ci));
	ci.size = sizeof(ci);
	struct dmactl_chan_info saved = ci;

	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_INFO, &ci), ENXIO))
		return FAIL;
	if (!OK(!memcmp(&ci, &saved, sizeof(ci)), "changed on failure"))
		return FAIL;
	if (!OK_ERR(buf_alloc(fd, 4096, NULL), ENXIO))
		return FAIL;
	if (!OK_ERR(submit(fd, &job, 1, 0, NULL), ENXIO))
		return FAIL;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_ISSUE, NULL), ENXIO))
		return FAIL;
	if (!OK_ERR(wait_job(fd, 1, 0, 0), ENXIO))
		return FAIL;
	if (!OK_ERR(status(fd, 1, 1, 0, st), ENXIO))
		return FAIL;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_RELEASE, NULL), ENXIO))
		return FAIL;
	p = mmap(NULL, page_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 page_size);
	if (!OK(p == MAP_FAILED && errno == ENXIO, "mmap without channel: %s",
		p == MAP_FAILED ? strerror(errno) : "success"))
		return FAIL;
	return PASS;
}

static int t_release_with_buffers(const void *param)
{
	struct dmactl_chan_info ci = { .size = sizeof(ci) };
	int fd = dev_open();
	uint32_t id;

	(void)param;
	chan_get(fd, NULL);
	id = buf_new(fd, 4096);
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_RELEASE, NULL), EBUSY))
		return FAIL;
	/* The failed release changed nothing. */
	chan_info(fd);
	if (!OK_ERR(buf_free(fd, id), 0))
		return FAIL;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_RELEASE, NULL), 0))
		return FAIL;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_CHAN_INFO, &ci), ENXIO))
		return FAIL;
	return PASS;
}

static int t_job_on_released_chan(const void *param)
{
	struct setup su;
	struct dmactl_job_status st[1];
	uint64_t id;

	(void)param;
	setup_bufs(&su, 4096);
	id = submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	munmap(su.src_map, su.len);
	munmap(su.dst_map, su.len);
	if (!OK_ERR(buf_free(su.fd, su.src), 0))
		return FAIL;
	if (!OK_ERR(buf_free(su.fd, su.dst), 0))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_CHAN_RELEASE, NULL), 0))
		return FAIL;
	if (!OK_ERR(submit(su.fd, &su.job, 1, DMACTL_SUBMIT_ISSUE, NULL), ENXIO))
		return FAIL;
	if (!OK_ERR(status(su.fd, id, 1, 0, st), ENXIO))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, id, 0, 0), ENXIO))
		return FAIL;

	/* A new channel: the old jobs were forgotten, ids keep growing. */
	chan_get(su.fd, NULL);
	if (!OK_ERR(status(su.fd, id, 1, 0, st), ENOENT))
		return FAIL;
	su.src = buf_new(su.fd, 4096);
	su.job = job_memcpy(su.src, 0, su.src, 2048, 2048);
	if (!OK(submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE) == id + 1,
		"ids restarted"))
		return FAIL;
	return PASS;
}

/* Buffers */

static int t_buf_alloc_bad(const void *param)
{
	struct dmactl_buf_alloc ba = {
		.size = sizeof(ba), .type = DMACTL_BUF_COHERENT,
	};
	int fd = dev_open();

	(void)param;
	chan_get(fd, NULL);
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EINVAL))
		return FAIL;
	ba.length = 4096;
	ba.type = DMACTL_BUF_USER + 1;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EINVAL))
		return FAIL;
	ba.type = ~0U;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EINVAL))
		return FAIL;
	return PASS;
}

static int t_buf_alloc_ok(const void *param)
{
	struct dmactl_buf_alloc a, b;
	int fd = dev_open();

	(void)param;
	chan_get(fd, NULL);
	memset(&a, 0x5a, sizeof(a));
	a.size = sizeof(a);
	a.flags = 0;
	a.type = DMACTL_BUF_COHERENT;
	a.length = 1;
	a.user_addr = 0;
	a.reserved = 0;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &a), 0))
		return FAIL;
	if (!OK_ERR(buf_alloc(fd, 3 * page_size + 1, &b), 0))
		return FAIL;
	if (!OK(a.id && b.id && a.id != b.id, "ids %u %u", a.id, b.id))
		return FAIL;
	if (!OK(a.mmap_offset % page_size == 0 && b.mmap_offset % page_size == 0,
		"offsets not page aligned"))
		return FAIL;
	if (!OK(a.mmap_offset != b.mmap_offset, "same mmap_offset"))
		return FAIL;
	if (!OK(a.length == 1, "length changed to %" PRIu64, (uint64_t)a.length))
		return FAIL;
	return no_kernel_pointers(&a, sizeof(a), "buf_alloc");
}

static int t_buf_too_big(const void *param)
{
	struct dmactl_buf_alloc ba = { .size = sizeof(ba) };
	struct dmactl_buf_alloc saved;
	struct dmactl_info info;
	int fd = dev_open();

	(void)param;
	info = get_info(fd);
	chan_get(fd, NULL);
	ba.type = DMACTL_BUF_COHERENT;
	ba.length = info.max_buf_bytes + 1;
	ba.id = 0x5a5a5a5a;
	ba.mmap_offset = 0x5a5a5a5a;
	saved = ba;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), ENOSPC))
		return FAIL;
	if (!OK(!memcmp(&ba, &saved, sizeof(ba)), "changed on failure"))
		return FAIL;
	ba.length = ~0ULL;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), ENOSPC))
		return FAIL;
	return PASS;
}

static int t_buf_count_limit(const void *param)
{
	struct dmactl_info info;
	int fd = dev_open();
	uint32_t i;

	(void)param;
	info = get_info(fd);
	chan_get(fd, NULL);
	/* max_buffers is not in INFO: allocate until refused. */
	for (i = 0; i < 1U << 16; i++) {
		int ret = buf_alloc(fd, 1, NULL);

		if (ret == -ENOSPC)
			break;
		if (!OK_ERR(ret, 0))
			return FAIL;
	}
	if (!OK(i > 0 && i < 1U << 16, "ENOSPC after %u buffers", i))
		return FAIL;
	diag("ENOSPC after %u buffers", i);
	/* Freeing one makes room for one. */
	if (!OK_ERR(buf_free(fd, 1), 0))
		return FAIL;
	if (!OK_ERR(buf_alloc(fd, 1, NULL), 0))
		return FAIL;
	if (!OK_ERR(buf_alloc(fd, 1, NULL), ENOSPC))
		return FAIL;
	(void)info;
	return PASS;
}

static uint64_t mem_available(void)
{
	char line[256];
	unsigned long long kb = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

static int t_buf_session_bytes_limit(const void *param)
{
	struct dmactl_info info;
	uint64_t held = 0, n;
	int fd = dev_open();
	int ret;

	(void)param;
	info = get_info(fd);
	n = info.max_session_bytes / info.max_buf_bytes;
	if (n * info.max_buf_bytes != info.max_session_bytes)
		return skip("max_session_bytes is no multiple of max_buf_bytes");
	if (info.max_session_bytes > mem_available() / 2)
		return skip("max_session_bytes %" PRIu64 " is more than half the free memory",
			    (uint64_t)info.max_session_bytes);

	chan_get(fd, NULL);
	while (held < info.max_session_bytes) {
		ret = buf_alloc(fd, info.max_buf_bytes, NULL);
		if (ret == -ENOMEM)
			return skip("ENOMEM after %" PRIu64 " bytes", held);
		if (!OK(ret == 0, "after %" PRIu64 " bytes: %s", held,
			strerror(-ret)))
			return FAIL;
		held += info.max_buf_bytes;
	}
	if (!OK_ERR(buf_alloc(fd, 1, NULL), ENOSPC))
		return FAIL;
	return PASS;
}

static int t_buf_free_unknown(const void *param)
{
	int fd = dev_open();
	uint32_t id;

	(void)param;
	if (!OK_ERR(buf_free(fd, 1), ENOENT))
		return FAIL;
	chan_get(fd, NULL);
	id = buf_new(fd, 4096);
	if (!OK_ERR(buf_free(fd, 0), ENOENT))
		return FAIL;
	if (!OK_ERR(buf_free(fd, id + 1), ENOENT))
		return FAIL;
	if (!OK_ERR(buf_free(fd, ~0U), ENOENT))
		return FAIL;
	if (!OK_ERR(buf_free(fd, id), 0))
		return FAIL;
	if (!OK_ERR(buf_free(fd, id), ENOENT))
		return FAIL;
	return PASS;
}

static int t_buf_free_mapped(const void *param)
{
	int fd = dev_open();
	int hold[2], st;
	uint32_t id;
	uint8_t *p;
	bool ok;
	pid_t pid;
	char c;

	(void)param;
	chan_get(fd, NULL);
	id = buf_new(fd, 3 * page_size);
	p = buf_map(fd, id, 3 * page_size);
	if (!OK_ERR(buf_free(fd, id), EBUSY))
		return FAIL;

	/* Half unmapped is still mapped. */
	if (!OK(!munmap(p, page_size), "munmap"))
		return FAIL;
	if (!OK_ERR(buf_free(fd, id), EBUSY))
		return FAIL;

	/* So is a mapping inherited by a child, until the child is gone. */
	if (!OK(!pipe(hold), "pipe"))
		return FAIL;
	pid = fork();
	if (!OK(pid >= 0, "fork"))
		return FAIL;
	if (!pid) {
		close(hold[1]);
		(void)!read(hold[0], &c, 1);
		_exit(0);
	}
	close(hold[0]);
	ok = OK(!munmap(p + page_size, 2 * page_size), "munmap") &&
	     OK_ERR(buf_free(fd, id), EBUSY);
	close(hold[1]);
	if (!OK(waitpid(pid, &st, 0) == pid, "waitpid") || !ok)
		return FAIL;
	if (!OK_ERR(buf_free(fd, id), 0))
		return FAIL;
	return PASS;
}

static int t_buf_free_in_job(const void *param)
{
	struct setup su;
	uint64_t id;

	(void)param;
	setup_bufs(&su, 4096);
	munmap(su.src_map, su.len);
	munmap(su.dst_map, su.len);
	id = submit_one(su.fd, &su.job, 0);
	if (!OK_ERR(buf_free(su.fd, su.src), EBUSY))
		return FAIL;
	if (!OK_ERR(buf_free(su.fd, su.dst), EBUSY))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_ISSUE, NULL), 0))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	if (!OK_ERR(buf_free(su.fd, su.src), 0))
		return FAIL;
	if (!OK_ERR(buf_free(su.fd, su.dst), 0))
		return FAIL;
	return PASS;
}

static int t_mmap_rules(const void *param)
{
	int fd = dev_open();
	struct dmactl_buf_alloc ba;
	uint8_t *p;

	(void)param;
	chan_get(fd, NULL);
	MUST(buf_alloc(fd, 2 * page_size + 100, &ba));

	p = mmap(NULL, page_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 ba.mmap_offset + page_size);
	if (!OK(p == MAP_FAILED && errno == EINVAL, "offset of no buffer: %s",
		p == MAP_FAILED ? strerror(errno) : "mapped"))
		return FAIL;
	p = mmap(NULL, page_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!OK(p == MAP_FAILED && errno == EINVAL, "offset 0: %s",
		p == MAP_FAILED ? strerror(errno) : "mapped"))
		return FAIL;
	p = mmap(NULL, 4 * page_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 ba.mmap_offset);
	if (!OK(p == MAP_FAILED && errno == EINVAL, "beyond the buffer: %s",
		p == MAP_FAILED ? strerror(errno) : "mapped"))
		return FAIL;
	p = mmap(NULL, page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd,
		 ba.mmap_offset);
	if (!OK(p == MAP_FAILED && errno == EINVAL, "private: %s",
		p == MAP_FAILED ? strerror(errno) : "mapped"))
		return FAIL;

	/* Page-rounded length, and a part from the start, both map. */
	p = mmap(NULL, 3 * page_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 ba.mmap_offset);
	if (!OK(p != MAP_FAILED, "whole: %s", strerror(errno)))
		return FAIL;
	p[3 * page_size - 1] = 1;
	if (!OK(!munmap(p, 3 * page_size), "munmap"))
		return FAIL;
	p = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, ba.mmap_offset);
	if (!OK(p != MAP_FAILED, "part: %s", strerror(errno)))
		return FAIL;
	if (!OK(!munmap(p, page_size), "munmap"))
		return FAIL;

	/* Mappings cannot grow past what was checked. */
	p = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, ba.mmap_offset);
	if (!OK(p != MAP_FAILED, "part: %s", strerror(errno)))
		return FAIL;
	if (!OK(mremap(p, page_size, 2 * page_size, MREMAP_MAYMOVE) ==
		MAP_FAILED, "mremap grew a mapping"))
		return FAIL;
	return PASS;
}

/* Jobs */

static int t_memcpy_verified(const void *param)
{
	struct setup su;
	size_t len = 5 * page_size, so, dso, n, align;
	struct dmactl_job_status st;
	uint64_t id;
	int ret;

	(void)param;
	setup_bufs(&su, len);
	align = copy_unit(&su.ci);

	/* Odd offsets and length, unless the channel needs alignment. */
	so = (page_size + 3) & ~(align - 1);
	dso = (2 * page_size - 77) & ~(align - 1);
	n = (2 * page_size + 123) & ~(align - 1);
	if (n > su.ci.max_seg_size)
		n = su.ci.max_seg_size & ~(align - 1);

	fill(&su);
	su.job = job_memcpy(su.src, so, su.dst, dso, n);
	id = submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	if (!OK_ERR(status(su.fd, id, 1, 0, &st), 0))
		return FAIL;
	if (!OK(st.state == DMACTL_STATE_COMPLETE, "state %u", st.state))
		return FAIL;
	if (!OK(st.result == DMACTL_RESULT_NOERROR, "result %u", st.result))
		return FAIL;
	ret = verify(&su, so, dso, n);
	if (ret)
		return ret;

	/* The whole buffer, which the first copy must not hide. */
	fill(&su);
	su.job = job_memcpy(su.src, 0, su.dst, 0,
			    len < su.ci.max_seg_size ? len : su.ci.max_seg_size);
	id = submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	return verify(&su, 0, 0, su.job.len);
}

static int t_memcpy_batch(const void *param)
{
	struct dmactl_job jobs[16];
	struct dmactl_job_status st[16];
	struct dmactl_submit sub;
	size_t chunk = 512, i;
	struct setup su;
	int ret;

	(void)param;
	setup_bufs(&su, ARRAY_SIZE(jobs) * chunk);
	fill(&su);
	for (i = 0; i < 16; i++) {
		/* Reverse the order of the chunks. */
		jobs[i] = job_memcpy(su.src, i * chunk, su.dst,
				     (15 - i) * chunk, chunk);
		jobs[i].user_data = 1000 + i;
	}
	if (!OK_ERR(submit(su.fd, jobs, 16, 0, &sub), 0))
		return FAIL;
	if (!OK(sub.submitted == 16, "submitted %u", sub.submitted))
		return FAIL;
	if (!OK(sub.first_id == 1, "first id %" PRIu64 " in a new session",
		(uint64_t)sub.first_id))
		return FAIL;
	if (no_kernel_pointers(&sub, sizeof(sub), "submit"))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, 0), ETIMEDOUT))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_ISSUE, NULL), 0))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, WAIT_NS), 0))
		return FAIL;
	if (!OK_ERR(status(su.fd, sub.first_id, 16, 0, st), 0))
		return FAIL;
	for (i = 0; i < 16; i++) {
		if (!OK(st[i].id == sub.first_id + i, "id %" PRIu64,
			(uint64_t)st[i].id))
			return FAIL;
		if (!OK(st[i].state == DMACTL_STATE_COMPLETE, "state %u",
			st[i].state))
			return FAIL;
		if (!OK(st[i].user_data == 1000 + i, "user_data %" PRIu64,
			(uint64_t)st[i].user_data))
			return FAIL;
		if (!OK(st[i].len == chunk, "len %" PRIu64, (uint64_t)st[i].len))
			return FAIL;
	}
	for (i = 0; i < 16; i++) {
		ret = memcmp(su.dst_map + (15 - i) * chunk,
			     su.src_map + i * chunk, chunk);
		if (!OK(!ret, "chunk %zu differs", i))
			return FAIL;
	}
	return PASS;
}

static int t_status_timestamps(const void *param)
{
	struct dmactl_job_status st;
	uint64_t t0, t1, id;
	struct setup su;

	(void)param;
	setup_bufs(&su, 4096);
	t0 = now_ns();
	id = submit_one(su.fd, &su.job, 0);
	if (!OK_ERR(status(su.fd, id, 1, 0, &st), 0))
		return FAIL;
	if (!OK(st.state == DMACTL_STATE_SUBMITTED, "state %u", st.state))
		return FAIL;
	if (!OK(st.issue_ns == 0 && st.complete_ns == 0, "issue %" PRIu64
		" complete %" PRIu64, (uint64_t)st.issue_ns,
		(uint64_t)st.complete_ns))
		return FAIL;
	if (!OK(st.dma_status == DMACTL_DMA_IN_PROGRESS, "dma_status %u",
		st.dma_status))
		return FAIL;
	/* Queued, not started: the whole job remains, if residue is known. */
	if (!OK(st.residue == 0 || st.residue == st.len,
		"residue %" PRIu64 " of %" PRIu64, (uint64_t)st.residue,
		(uint64_t)st.len))
		return FAIL;

	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_ISSUE, NULL), 0))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	t1 = now_ns();
	if (!OK_ERR(status(su.fd, id, 1, 0, &st), 0))
		return FAIL;
	diag("prep %" PRIu64 " submit +%" PRIu64 " issue +%" PRIu64
	     " complete +%" PRIu64, (uint64_t)st.prep_ns,
	     (uint64_t)(st.submit_ns - st.prep_ns),
	     (uint64_t)(st.issue_ns - st.submit_ns),
	     (uint64_t)(st.complete_ns - st.issue_ns));
	if (!OK(st.id == id, "id"))
		return FAIL;
	if (!OK(st.state == DMACTL_STATE_COMPLETE, "state %u", st.state))
		return FAIL;
	if (!OK(st.dma_status == DMACTL_DMA_COMPLETE, "dma_status %u",
		st.dma_status))
		return FAIL;
	if (!OK(st.result == DMACTL_RESULT_NOERROR, "result %u", st.result))
		return FAIL;
	if (!OK(st.residue == 0, "residue %" PRIu64, (uint64_t)st.residue))
		return FAIL;
	if (!OK(st.len == 4096, "len %" PRIu64, (uint64_t)st.len))
		return FAIL;
	if (!OK(st.user_data == su.job.user_data, "user_data"))
		return FAIL;
	if (!OK(t0 <= st.prep_ns, "prep before the call"))
		return FAIL;
	if (!OK(st.prep_ns <= st.submit_ns, "submit before prep"))
		return FAIL;
	if (!OK(st.submit_ns <= st.issue_ns, "issue before submit"))
		return FAIL;
	if (!OK(st.issue_ns <= st.complete_ns, "complete before issue"))
		return FAIL;
	if (!OK(st.complete_ns <= t1, "complete after WAIT returned"))
		return FAIL;
	if (!OK(st.type == DMACTL_JOB_MEMCPY && !st.periods, "type %u periods %"
		PRIu64, st.type, (uint64_t)st.periods))
		return FAIL;
	if (!OK(!st.reserved, "reserved not zeroed"))
		return FAIL;
	return no_kernel_pointers(&st, sizeof(st), "job_status");
}

/*
 * Residue of jobs in flight: queried right after the issue, a job not
 * finished has at most its length left (0 once its bytes moved but its
 * completion is not handled yet), only one job (the one running) has
 * part of its length left, and on a channel that completes in order a
 * job has no less left than the one before it and nothing after an
 * unfinished job is finished.  The jobs are queried from the last to the
 * first, so that these hold although they move on between the queries.
 * Once all are done, every residue is 0.
 */
static int t_residue_in_flight(const void *param)
{
	struct dmactl_job_status st[16];
	struct dmactl_job jobs[16];
	struct dmactl_submit sub;
	int partial = 0, queued = 0, done = 0;
	uint64_t before = 0;
	bool ordered, unfinished = false;
	struct setup su;
	size_t i, len;

	(void)param;
	/* enough work that the last jobs are still queued when queried */
	setup_bufs(&su, 1024 * 1024);
	len = su.len < su.ci.max_seg_size ? su.len : su.ci.max_seg_size;
	len &= ~(copy_unit(&su.ci) - 1);
	ordered = !(su.ci.caps & (1ULL << DMACTL_CAP_COMPLETION_NO_ORDER));
	for (i = 0; i < ARRAY_SIZE(jobs); i++)
		jobs[i] = job_memcpy(su.src, 0, su.dst, 0, len);
	if (!OK_ERR(submit(su.fd, jobs, ARRAY_SIZE(jobs), DMACTL_SUBMIT_ISSUE,
			   &sub), 0))
		return FAIL;
	for (i = ARRAY_SIZE(st); i-- > 0;)
		if (!OK_ERR(status(su.fd, sub.first_id + i, 1, 0, &st[i]), 0))
			return FAIL;
	for (i = 0; i < ARRAY_SIZE(st); i++) {
		bool finished = st[i].state == DMACTL_STATE_COMPLETE ||
				st[i].dma_status == DMACTL_DMA_COMPLETE;

		if (finished) {
			if (!OK(st[i].residue == 0, "job %zu finished, residue %"
				PRIu64, i, (uint64_t)st[i].residue))
				return FAIL;
			if (!OK(!ordered || !unfinished,
				"job %zu finished after an unfinished one", i))
				return FAIL;
			done++;
			continue;
		}
		unfinished = true;
		if (su.ci.residue_granularity == DMACTL_RESIDUE_DESCRIPTOR)
			continue;
		if (!OK(st[i].residue <= len,
			"job %zu unfinished, residue %" PRIu64 " of %zu", i,
			(uint64_t)st[i].residue, len))
			return FAIL;
		if (!OK(!ordered || st[i].residue >= before,
			"job %zu has %" PRIu64 " left, the one before %" PRIu64,
			i, (uint64_t)st[i].residue, before))
			return FAIL;
		before = st[i].residue;
		if (st[i].residue == len)
			queued++;
		else if (st[i].residue)
			partial++;
	}
	diag("%s: %d finished, %d with part left, %d with all left",
	     su.ci.chan_name, done, partial, queued);
	if (!OK(partial <= 1, "%d jobs partly done at once", partial))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, 10 * WAIT_NS), 0))
		return FAIL;
	if (!OK_ERR(status(su.fd, sub.first_id, ARRAY_SIZE(st), 0, st), 0))
		return FAIL;
	for (i = 0; i < ARRAY_SIZE(st); i++)
		if (!OK(st[i].state == DMACTL_STATE_COMPLETE && !st[i].residue,
			"job %zu: state %u, residue %" PRIu64, i, st[i].state,
			(uint64_t)st[i].residue))
			return FAIL;
	if (su.ci.residue_granularity == DMACTL_RESIDUE_DESCRIPTOR)
		return skip("%s reports residue per descriptor only",
			    su.ci.chan_name);
	if (done == ARRAY_SIZE(st))
		return skip("every job had finished when queried");
	return PASS;
}

static int t_status_entry_size(const void *param)
{
	uint8_t entries[2][128];
	struct dmactl_status req = { .size = sizeof(req) };
	struct dmactl_job_status st;
	struct setup su;
	uint64_t id;

	(void)param;
	setup_bufs(&su, 4096);
	id = submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	su.job.user_data = 77;
	submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, WAIT_NS), 0))
		return FAIL;

	/* A larger stride: the fields the kernel does not know read 0. */
	memset(entries, 0xa5, sizeof(entries));
	req.first_id = id;
	req.count = 2;
	req.entry_size = 128;
	req.entries = (uintptr_t)entries;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_STATUS, &req), 0))
		return FAIL;
	memcpy(&st, entries[1], sizeof(st));
	if (!OK(st.id == id + 1 && st.user_data == 77, "second entry"))
		return FAIL;
	for (size_t i = sizeof(st); i < 128; i++)
		if (!OK(!entries[0][i] && !entries[1][i], "byte %zu not zeroed",
			i))
			return FAIL;

	req.entry_size = DMACTL_JOB_STATUS_SIZE_VER0 - 8;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_STATUS, &req), EINVAL))
		return FAIL;
	req.entry_size = page_size + 8;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_STATUS, &req), E2BIG))
		return FAIL;
	req.entry_size = sizeof(st);
	req.entries = 8;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_STATUS, &req), EFAULT))
		return FAIL;
	return PASS;
}

static int t_status_bad_range(const void *param)
{
	struct dmactl_job_status st[2];
	struct dmactl_job_status saved[2];
	struct dmactl_info info;
	struct setup su;
	uint64_t id;

	(void)param;
	setup_bufs(&su, 4096);
	info = get_info(su.fd);
	id = submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	memset(st, 0x5a, sizeof(st));
	memcpy(saved, st, sizeof(st));
	if (!OK_ERR(status(su.fd, id + 1, 1, 0, st), ENOENT))
		return FAIL;
	if (!OK_ERR(status(su.fd, id, 2, 0, st), ENOENT))
		return FAIL;
	if (!OK_ERR(status(su.fd, 0, 1, 0, st), ENOENT))
		return FAIL;
	if (!OK_ERR(status(su.fd, ~0ULL, 2, 0, st), ENOENT))
		return FAIL;
	if (!OK(!memcmp(st, saved, sizeof(st)), "entries written on failure"))
		return FAIL;
	if (!OK_ERR(status(su.fd, id, 0, 0, st), EINVAL))
		return FAIL;
	if (!OK_ERR(status(su.fd, id, info.max_batch + 1, 0, st), EINVAL))
		return FAIL;
	return PASS;
}

static int t_status_release(const void *param)
{
	struct dmactl_job_status st[2];
	struct setup su;
	uint64_t id;

	(void)param;
	setup_bufs(&su, 4096);
	id = submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	/* The second job is not issued: RELEASE must keep it. */
	submit_one(su.fd, &su.job, 0);
	if (!OK_ERR(status(su.fd, id, 2, DMACTL_STATUS_RELEASE, st), 0))
		return FAIL;
	if (!OK(st[0].state == DMACTL_STATE_COMPLETE, "state %u", st[0].state))
		return FAIL;
	if (!OK(st[1].state == DMACTL_STATE_SUBMITTED, "state %u", st[1].state))
		return FAIL;
	if (!OK_ERR(status(su.fd, id, 1, 0, st), ENOENT))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, id, 0, 0), ENOENT))
		return FAIL;
	if (!OK_ERR(status(su.fd, id + 1, 1, 0, st), 0))
		return FAIL;
	return PASS;
}

static int t_wait_timeout(const void *param)
{
	struct setup su;
	uint64_t id, t0, dt;

	(void)param;
	setup_bufs(&su, 4096);
	id = submit_one(su.fd, &su.job, 0);
	if (!OK_ERR(wait_job(su.fd, id, 0, 0), ETIMEDOUT))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, 0), ETIMEDOUT))
		return FAIL;
	t0 = now_ns();
	if (!OK_ERR(wait_job(su.fd, id, 0, 50 * 1000 * 1000), ETIMEDOUT))
		return FAIL;
	dt = now_ns() - t0;
	if (!OK(dt >= 50 * 1000 * 1000, "timed out after %" PRIu64 " ns", dt))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_ISSUE, NULL), 0))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, id, 0, 0), 0))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, 0), 0))
		return FAIL;
	return PASS;
}

static int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	__atomic_fetch_add(&alarms, 1, __ATOMIC_RELAXED);
}

/* A handler without SA_RESTART ends the wait with EINTR. */
static int t_wait_signal(const void *param)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { .tv_usec = 100000 } };
	struct setup su;
	uint64_t id;

	(void)param;
	setup_bufs(&su, 4096);
	id = submit_one(su.fd, &su.job, 0);
	if (!OK(!sigaction(SIGALRM, &sa, NULL), "sigaction"))
		return FAIL;
	if (!OK(!setitimer(ITIMER_REAL, &it, NULL), "setitimer"))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, id, 0, 10 * WAIT_NS), EINTR))
		return FAIL;
	return PASS;
}

/*
 * With SA_RESTART the wait restarts after the handler, and with an
 * absolute deadline it ends when it would have without the signal.
 */
static int t_wait_restart(const void *param)
{
	struct sigaction sa = { .sa_handler = on_alarm,
				.sa_flags = SA_RESTART };
	struct itimerval it = { .it_value = { .tv_usec = 20000 },
				.it_interval = { .tv_usec = 20000 } };
	uint64_t id, deadline, t1;
	struct setup su;
	int n;

	(void)param;
	setup_bufs(&su, 4096);
	id = submit_one(su.fd, &su.job, 0);
	if (!OK(!sigaction(SIGALRM, &sa, NULL), "sigaction"))
		return FAIL;
	if (!OK(!setitimer(ITIMER_REAL, &it, NULL), "setitimer"))
		return FAIL;
	deadline = now_ns() + 300 * 1000 * 1000;
	if (!OK_ERR(wait_job(su.fd, id, DMACTL_WAIT_ABSOLUTE, deadline),
		    ETIMEDOUT))
		return FAIL;
	t1 = now_ns();
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	n = __atomic_load_n(&alarms, __ATOMIC_RELAXED);
	diag("%d signals, ended %" PRIu64 " us after the deadline", n,
	     (t1 - deadline) / 1000);
	/* A slow machine merges pending signals, but one must have come. */
	if (!OK(n >= 1, "no signal during the wait"))
		return FAIL;
	if (!OK(t1 >= deadline && t1 - deadline < 2000 * 1000 * 1000ULL,
		"ended %" PRId64 " ns from the deadline",
		(int64_t)(t1 - deadline)))
		return FAIL;
	/* Once issued, the same kind of wait returns the job. */
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_ISSUE, NULL), 0))
		return FAIL;
	return OK_ERR(wait_job(su.fd, id, DMACTL_WAIT_ABSOLUTE,
			       now_ns() + WAIT_NS), 0) ? PASS : FAIL;
}

static int t_wait_bad(const void *param)
{
	struct setup su;
	uint64_t id;

	(void)param;
	setup_bufs(&su, 4096);
	id = submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, DMACTL_WAIT_ALL, 0), EINVAL))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, id + 1, 0, 0), ENOENT))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 0, 0, 0), ENOENT))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, ~0ULL, 0, 0), ENOENT))
		return FAIL;
	return PASS;
}

/* Submits @job expecting @err, and checks nothing was written back. */
static int t_job_len_zero(const void *param)
{
	struct setup su;

	(void)param;
	setup_bufs(&su, 4096);
	su.job.len = 0;
	return submit_fails(su.fd, &su.job, EINVAL);
}

static int t_job_range(const void *param)
{
	struct setup su;
	struct dmactl_job j;
	size_t u, off, in;
	uint32_t odd;

	(void)param;
	setup_bufs(&su, 4096);
	u = copy_unit(&su.ci);
	j = job_memcpy(su.src, u, su.dst, 0, 4096);
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, su.dst, u, 4096);
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 4096, su.dst, 0, u);
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	/* The last unit is in range. */
	j = job_memcpy(su.src, 4096 - u, su.dst, 4096 - u, u);
	submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);

	/*
	 * A buffer ends at its length, not at the end of its last page.
	 * Every length is whole units, so only the range can be wrong.
	 */
	odd = buf_new(su.fd, 100);
	off = 50 - 50 % u;
	in = (100 - off) / u * u;
	j = job_memcpy(odd, 0, su.dst, 0, (100 / u + 1) * u);
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, odd, off, in + u);
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, odd, off, in);
	submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	return PASS;
}

static int t_job_overflow(const void *param)
{
	struct setup su;
	struct dmactl_job j;

	(void)param;
	setup_bufs(&su, 4096);
	j = job_memcpy(su.src, ~0ULL - 1, su.dst, 0, 4);
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, su.dst, ~0ULL, 1);
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, su.dst, 0, ~0ULL);
	return submit_fails(su.fd, &j, EINVAL);
}

static int t_job_unknown_buf(const void *param)
{
	struct setup su;
	struct dmactl_job j;

	(void)param;
	setup_bufs(&su, 4096);
	j = job_memcpy(su.src, 0, 999, 0, 1);
	if (submit_fails(su.fd, &j, ENOENT))
		return FAIL;
	j = job_memcpy(0, 0, su.dst, 0, 1);
	return submit_fails(su.fd, &j, ENOENT);
}

static int t_job_bad_fields(const void *param)
{
	struct setup su;
	struct dmactl_job j;

	(void)param;
	setup_bufs(&su, 4096);
	j = su.job;
	j.type = DMACTL_JOB_INTERLEAVED + 1;
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = su.job;
	j.flags = DMACTL_JOB_LOAD_EOT << 1;
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	/* Interleaved-only flags. */
	j.flags = DMACTL_JOB_SRC_INC;
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = su.job;
	j.reserved0 = 1;
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = su.job;
	j.reserved[1] = 1ULL << 63;
	return submit_fails(su.fd, &j, EINVAL);
}

static int t_job_misaligned(const void *param)
{
	struct setup su;
	struct dmactl_job j;

	(void)param;
	setup_bufs(&su, 4096);
	if (!su.ci.copy_align)
		return skip("%s needs no alignment", su.ci.chan_name);
	j = job_memcpy(su.src, 1, su.dst, 0, 64);
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, su.dst, 0, 1);
	return submit_fails(su.fd, &j, EINVAL);
}

/*
 * Alignment is the engine's, on bus addresses: a user buffer starts where
 * the caller's memory does in its page, so offset 0 of a buffer at an odd
 * address is misaligned, and the offset that reaches the next aligned
 * address is not.
 */
static int t_job_misaligned_user(const void *param)
{
	struct dmactl_buf_alloc ba;
	struct setup su;
	struct dmactl_job j;
	uint64_t unit;
	uint8_t *mem;

	(void)param;
	setup_bufs(&su, 4096);
	if (!su.ci.copy_align)
		return skip("%s needs no alignment", su.ci.chan_name);
	unit = 1ULL << su.ci.copy_align;
	if (unit > 4096)
		return skip("%s aligns to %" PRIu64 " bytes", su.ci.chan_name,
			    unit);
	mem = aligned_alloc(4096, 3 * 4096);
	if (!OK(mem, "aligned_alloc"))
		return FAIL;
	memset(mem, 0, 3 * 4096);
	if (!OK_ERR(buf_alloc_type(su.fd, DMACTL_BUF_USER, 2 * 4096, mem + 1,
				   &ba), 0))
		return FAIL;
	j = job_memcpy(ba.id, 0, su.dst, 0, unit);
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	j = job_memcpy(ba.id, unit - 1, su.dst, 0, unit);
	if (!OK_ERR(submit(su.fd, &j, 1, DMACTL_SUBMIT_ISSUE, NULL), 0) ||
	    !OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, WAIT_NS), 0))
		return FAIL;
	return PASS;
}

/*
 * max_seg_size bounds the segments the DMA API maps, not a memcpy: the
 * bridge passes a longer one to the provider, which splits it or
 * refuses it (EIO, the provider's refusal).
 */
static int t_job_beyond_max_seg(const void *param)
{
	struct dmactl_job_status st;
	struct dmactl_info info;
	struct setup su;
	struct dmactl_job j;
	uint64_t len;
	int ret;

	(void)param;
	su.fd = dev_open();
	info = get_info(su.fd);
	chan_get(su.fd, NULL);
	su.ci = chan_info(su.fd);
	/* whole copy units: max_seg_size need not be one (stm32's 65520) */
	len = (su.ci.max_seg_size / copy_unit(&su.ci) + 1) *
	      copy_unit(&su.ci);
	if (len > info.max_buf_bytes)
		return skip("max_seg_size %" PRIu64 " needs a buffer over max_buf_bytes",
			    (uint64_t)su.ci.max_seg_size);
	su.src = buf_new(su.fd, len);
	su.dst = buf_new(su.fd, len);
	j = job_memcpy(su.src, 0, su.dst, 0, len);
	ret = submit(su.fd, &j, 1, DMACTL_SUBMIT_ISSUE, NULL);
	if (ret == -EIO) {
		diag("%s's provider refuses a %" PRIu64 "-byte memcpy",
		     su.ci.chan_name, len);
		return PASS;
	}
	if (!OK_ERR(ret, 0))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 1, 0, 10 * WAIT_NS), 0) ||
	    !OK_ERR(status(su.fd, 1, 1, 0, &st), 0))
		return FAIL;
	return OK(st.state == DMACTL_STATE_COMPLETE &&
		  st.result == DMACTL_RESULT_NOERROR, "state %u result %u",
		  st.state, st.result) ? PASS : FAIL;
}

static int t_submit_batch_rules(const void *param)
{
	struct dmactl_job jobs[2];
	struct dmactl_info info;
	struct dmactl_submit sub;
	uint8_t big[256];
	struct setup su;

	(void)param;
	setup_bufs(&su, 4096);
	info = get_info(su.fd);
	jobs[0] = su.job;
	jobs[1] = su.job;
	jobs[1].len = 0;

	/* One bad job: none is submitted. */
	if (!OK_ERR(submit(su.fd, jobs, 2, DMACTL_SUBMIT_ISSUE, NULL), EINVAL))
		return FAIL;
	if (!OK_ERR(status(su.fd, 1, 1, 0,
			   &(struct dmactl_job_status){ 0 }), ENOENT))
		return FAIL;

	if (!OK_ERR(submit(su.fd, jobs, 0, 0, NULL), EINVAL))
		return FAIL;
	if (!OK_ERR(submit(su.fd, jobs, info.max_batch + 1, 0, NULL), EINVAL))
		return FAIL;
	if (!OK_ERR(submit(su.fd, NULL, 1, 0, NULL), EFAULT))
		return FAIL;

	memset(&sub, 0, sizeof(sub));
	sub.size = sizeof(sub);
	sub.count = 1;
	sub.jobs = (uintptr_t)big;
	memset(big, 0, sizeof(big));
	memcpy(big, &su.job, sizeof(su.job));

	sub.job_size = DMACTL_JOB_SIZE_VER0 - 8;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_SUBMIT, &sub), EINVAL))
		return FAIL;
	sub.job_size = page_size + 8;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_SUBMIT, &sub), E2BIG))
		return FAIL;
	sub.job_size = sizeof(big);
	big[sizeof(big) - 1] = 1;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_SUBMIT, &sub), E2BIG))
		return FAIL;
	big[sizeof(big) - 1] = 0;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_SUBMIT, &sub), 0))
		return FAIL;
	if (!OK(sub.submitted == 1 && sub.first_id == 1, "submitted %u id %"
		PRIu64, sub.submitted, (uint64_t)sub.first_id))
		return FAIL;
	return PASS;
}

static int t_submit_max_jobs(const void *param)
{
	struct dmactl_info info;
	struct dmactl_job *jobs;
	struct dmactl_submit sub;
	uint32_t held = 0, n, refused = 0;
	struct setup su;
	size_t u;
	int ret;

	(void)param;
	setup_bufs(&su, 4096);
	info = get_info(su.fd);
	u = copy_unit(&su.ci);
	jobs = calloc(info.max_batch, sizeof(*jobs));
	if (!OK(jobs, "calloc"))
		return FAIL;
	for (n = 0; n < info.max_batch; n++)
		jobs[n] = job_memcpy(su.src, n * u % 4096, su.dst, n * u % 4096,
				     u);

	/*
	 * A provider with a fixed pool of descriptors takes part of a batch
	 * (or, with jobs in flight, none: EAGAIN): back-pressure, let the
	 * jobs in flight finish and go on.  The records stay held.
	 */
	while (held < info.max_jobs) {
		n = info.max_jobs - held < info.max_batch ?
		    info.max_jobs - held : info.max_batch;
		ret = submit(su.fd, jobs, n, DMACTL_SUBMIT_ISSUE, &sub);
		if (ret == -EAGAIN) {
			sub.submitted = 0;
		} else {
			if (!OK_ERR(ret, 0))
				return FAIL;
			if (!OK(sub.submitted && sub.submitted <= n,
				"submitted %u of %u", sub.submitted, n))
				return FAIL;
		}
		if (sub.submitted < n) {
			refused++;
			if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL,
					     10 * WAIT_NS), 0))
				return FAIL;
		}
		held += sub.submitted;
	}
	if (refused)
		diag("the provider cut %u submits short (back-pressure)",
		     refused);
	if (!OK_ERR(submit(su.fd, jobs, 1, 0, NULL), ENOSPC))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, 10 * WAIT_NS), 0))
		return FAIL;
	/* Still full until the records are released. */
	if (!OK_ERR(submit(su.fd, jobs, 1, 0, NULL), ENOSPC))
		return FAIL;
	if (!OK_ERR(status(su.fd, 1, 1, DMACTL_STATUS_RELEASE,
			   &(struct dmactl_job_status){ 0 }), 0))
		return FAIL;
	if (!OK_ERR(submit(su.fd, jobs, 1, 0, &sub), 0))
		return FAIL;
	if (!OK(sub.first_id == info.max_jobs + 1, "id %" PRIu64,
		(uint64_t)sub.first_id))
		return FAIL;
	return PASS;
}

/* Teardown */

/*
 * Takes the channel @name on a fresh session: proves a previous session
 * let it go.
 */
static struct dmactl_job *busy_jobs;
static uint32_t busy_n;

/* Fills a session's channel with many large jobs, all issued. */
static void busy_session(struct setup *su, char *name)
{
	struct dmactl_submit sub;
	struct dmactl_info info;
	uint32_t i;

	su->fd = dev_open();
	info = get_info(su->fd);
	chan_get(su->fd, name);
	su->ci = chan_info(su->fd);
	su->len = info.max_buf_bytes < su->ci.max_seg_size ?
		  info.max_buf_bytes : su->ci.max_seg_size;
	su->len &= ~(copy_unit(&su->ci) - 1);
	su->src = buf_new(su->fd, su->len);
	su->dst = buf_new(su->fd, su->len);
	su->src_map = buf_map(su->fd, su->src, su->len);
	busy_n = info.max_batch < 64 ? info.max_batch : 64;
	busy_jobs = calloc(busy_n, sizeof(*busy_jobs));
	if (!busy_jobs)
		exit(FAIL);
	for (i = 0; i < busy_n; i++)
		busy_jobs[i] = job_memcpy(su->src, 0, su->dst, 0, su->len);
	/* A provider with a pool of descriptors may take fewer. */
	MUST(submit(su->fd, busy_jobs, busy_n, DMACTL_SUBMIT_ISSUE, &sub));
	if (sub.submitted < busy_n)
		diag("%s took %u of %u jobs (back-pressure)", su->ci.chan_name,
		     sub.submitted, busy_n);
	busy_n = sub.submitted;
}

static int t_close_mid_transfer(const void *param)
{
	char name[DMACTL_NAME_LEN];
	struct dmactl_job_status st;
	struct setup su;

	(void)param;
	busy_session(&su, name);
	if (!OK_ERR(status(su.fd, 1, 1, 0, &st), 0))
		return FAIL;
	diag("first job %s at close", st.state == DMACTL_STATE_COMPLETE ?
	     "complete" : "still running");
	/* The buffer stays mapped: close() is not release() yet. */
	if (!OK(!close(su.fd), "close"))
		return FAIL;
	su.src_map[su.len - 1] = 1;
	if (!OK(!munmap(su.src_map, su.len), "munmap"))
		return FAIL;
	return chan_free_again(name);
}

static int t_release_mid_transfer(const void *param)
{
	char name[DMACTL_NAME_LEN];
	struct dmactl_job_status st;
	struct setup su;
	int ret;

	(void)param;
	busy_session(&su, name);
	if (!OK(!munmap(su.src_map, su.len), "munmap"))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_CHAN_RELEASE, NULL), EBUSY))
		return FAIL;
	ret = buf_free(su.fd, su.src);
	if (!ret) {
		/* Only if every job had finished (an emulated engine can). */
		if (!OK_ERR(status(su.fd, busy_n, 1, 0, &st), 0))
			return FAIL;
		if (!OK(st.state == DMACTL_STATE_COMPLETE,
			"buffer freed under job %u, state %u", busy_n, st.state))
			return FAIL;
		diag("every job finished before the buffer was freed");
		su.src = 0;
	} else if (!OK_ERR(ret, EBUSY)) {
		return FAIL;
	}
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, 60 * WAIT_NS), 0))
		return FAIL;
	if (!OK_ERR(status(su.fd, 1, 1, 0, &st), 0))
		return FAIL;
	if (su.src && !OK_ERR(buf_free(su.fd, su.src), 0))
		return FAIL;
	if (!OK_ERR(buf_free(su.fd, su.dst), 0))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_CHAN_RELEASE, NULL), 0))
		return FAIL;
	return chan_free_again(name);
}

static struct dmactl_job_status busy_status[256];

static int t_kill_mid_transfer(const void *param)
{
	char name[DMACTL_NAME_LEN];
	int pipefd[2], st;
	struct setup su;
	ssize_t n;
	pid_t pid;

	(void)param;
	if (!OK(!pipe(pipefd), "pipe"))
		return FAIL;
	pid = fork();
	if (!OK(pid >= 0, "fork"))
		return FAIL;
	if (!pid) {
		uint64_t oldest = 1, next;
		struct dmactl_submit sub;
		int ret;

		busy_session(&su, name);
		next = busy_n + 1;
		n = write(pipefd[1], name, sizeof(name));
		(void)n;
		/*
		 * Keep jobs in flight until killed, inside WAIT or not: submit
		 * what the provider takes (EAGAIN: none, its descriptors are
		 * all in flight) while fewer than two batches are held, then
		 * wait for the oldest job and release it.
		 */
		for (;;) {
			ret = next - oldest < 2 * busy_n ?
			      submit(su.fd, busy_jobs, busy_n,
				     DMACTL_SUBMIT_ISSUE, &sub) : -EAGAIN;
			if (ret != -EAGAIN) {
				MUST(ret);
				next += sub.submitted;
			}
			MUST(wait_job(su.fd, oldest, 0, 60 * WAIT_NS));
			MUST(status(su.fd, oldest, 1, DMACTL_STATUS_RELEASE,
				    busy_status));
			oldest++;
		}
	}
	close(pipefd[1]);
	n = read(pipefd[0], name, sizeof(name));
	if (!OK(n == sizeof(name), "child setup failed"))
		return FAIL;
	usleep(20000);
	if (!OK(!kill(pid, SIGKILL), "kill"))
		return FAIL;
	if (!OK(waitpid(pid, &st, 0) == pid, "waitpid"))
		return FAIL;
	if (!OK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "child status %d",
		st))
		return FAIL;
	return chan_free_again(name);
}

/* Generic netlink */

struct nl_chan {
	char name[DMACTL_NAME_LEN];
	char dev[DMACTL_NAME_LEN];
	char driver[DMACTL_NAME_LEN];
	uint32_t dev_id, chan_id, clients;
	uint64_t caps;
};

struct chan_list {
	struct nl_chan *out;
	int max, count;
};

static int nl_chan_parse(const void *attrs, size_t alen, void *ctx)
{
	struct chan_list *l = ctx;
	struct nl_chan c = { 0 };
	uint64_t bytes;

	if (nl_str(attrs, alen, DMACTL_A_CHAN_NAME, c.name) ||
	    nl_str(attrs, alen, DMACTL_A_DEV_NAME, c.dev) ||
	    nl_str(attrs, alen, DMACTL_A_DRIVER_NAME, c.driver) ||
	    nl_u32(attrs, alen, DMACTL_A_DEV_ID, &c.dev_id) ||
	    nl_u32(attrs, alen, DMACTL_A_CHAN_ID, &c.chan_id) ||
	    nl_u32(attrs, alen, DMACTL_A_CLIENT_COUNT, &c.clients) ||
	    nl_u64(attrs, alen, DMACTL_A_CAPS, &c.caps) ||
	    nl_u64(attrs, alen, DMACTL_A_BYTES, &bytes)) {
		diag("message %d lacks an attribute", l->count);
		return -1;
	}
	if (l->count < l->max)
		l->out[l->count] = c;
	l->count++;
	return 0;
}

/* Dumps the channels; returns how many, or -1 after printing why. */
static int nl_dump(struct nl *nl, struct nl_chan *out, int max)
{
	struct chan_list l = { .out = out, .max = max };

	return nl_dump_each(nl, DMACTL_CMD_CHAN_GET, nl_chan_parse, &l);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* /sys/class/dma/NAME/in_use: 1 if a consumer holds the channel, else 0. */
static int sysfs_in_use(const char *name)
{
	char path[256];
	int v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/dma/%s/in_use", name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static int t_netlink_dump(const void *param)
{
	static struct nl_chan chans[256], before[256];
	static char sys[256][DMACTL_NAME_LEN], dumped[256][DMACTL_NAME_LEN];
	struct dirent *de;
	int n, nsys = 0, i, ours = 0, fd;
	const char *drv = test_driver();
	char held[DMACTL_NAME_LEN], name[DMACTL_NAME_LEN];
	struct nl nl;
	DIR *d;

	(void)param;
	if (nl_open(&nl))
		return FAIL;
	n = nl_dump(&nl, chans, 256);
	if (!OK(n > 0 && n <= 256, "%d channels dumped", n))
		return FAIL;

	d = opendir("/sys/class/dma");
	if (!OK(d, "/sys/class/dma: %s", strerror(errno)))
		return FAIL;
	while ((de = readdir(d)) && nsys < 256)
		if (de->d_name[0] != '.')
			snprintf(sys[nsys++], DMACTL_NAME_LEN, "%.63s",
				 de->d_name);
	closedir(d);

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "dma%uchan%u", chans[i].dev_id,
			 chans[i].chan_id);
		if (!OK(!strcmp(name, chans[i].name), "%s has ids of %s",
			chans[i].name, name))
			return FAIL;
		/* kernel consumers may hold some channels of a real board */
		if (!OK(!chans[i].clients == !sysfs_in_use(chans[i].name),
			"%s has %u clients, in_use %d", chans[i].name,
			chans[i].clients, sysfs_in_use(chans[i].name)))
			return FAIL;
		if (!OK(!(chans[i].caps >> DMACTL_CAP_COUNT), "caps"))
			return FAIL;
		if (strstr(chans[i].dev, drv) ||
		    !strcmp(chans[i].driver, drv)) {
			if (!OK(chans[i].caps & (1ULL << DMACTL_CAP_MEMCPY),
				"%s lacks MEMCPY", chans[i].name))
				return FAIL;
			ours++;
		}
		memcpy(dumped[i], chans[i].name, DMACTL_NAME_LEN);
	}
	if (!OK(ours > 0, "no %s channel in the dump", drv))
		return FAIL;
	if (!OK(n == nsys, "dumped %d channels, /sys/class/dma has %d", n,
		nsys))
		return FAIL;
	qsort(sys, nsys, DMACTL_NAME_LEN, cmp_str);
	qsort(dumped, n, DMACTL_NAME_LEN, cmp_str);
	for (i = 0; i < n; i++)
		if (!OK(!strcmp(sys[i], dumped[i]), "sysfs %s, dump %s", sys[i],
			dumped[i]))
			return FAIL;
	diag("%d channels, %d of %s", n, ours, drv);

	/* A channel taken shows its client, the others stay as they were. */
	memcpy(before, chans, n * sizeof(chans[0]));
	fd = dev_open();
	chan_get(fd, held);
	if (!OK(nl_dump(&nl, chans, 256) == n, "channel count changed"))
		return FAIL;
	for (i = 0; i < n; i++) {
		int j = 0;

		while (j < n - 1 && strcmp(before[j].name, chans[i].name))
			j++;
		if (!OK(chans[i].clients == before[j].clients +
			!strcmp(chans[i].name, held),
			"%s: %u clients, %u before (%s held)", chans[i].name,
			chans[i].clients, before[j].clients, held))
			return FAIL;
	}
	return PASS;
}

/*
 * With every channel of the system taken, the dump still lists them all,
 * each with its capabilities and its client: the dmaengine core shows a
 * consumer only free channels, and a walk that starts from one finds
 * nothing then.
 */
/* Whether @name is one of the @n names in @names. */
static bool name_in(const char (*names)[64], int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

static int t_netlink_dump_all_busy(const void *param)
{
	static struct nl_chan chans[256];
	static char refused[256][64];
	static int fds[256];
	struct dmactl_chan_request req;
	int n, nsys = 0, taken = 0, nref = 0, i, ret;
	struct dirent *de;
	struct nl nl;
	DIR *d;

	(void)param;
	d = opendir("/sys/class/dma");
	if (!OK(d, "/sys/class/dma: %s", strerror(errno)))
		return FAIL;
	while ((de = readdir(d)) && nsys < 256) {
		if (de->d_name[0] == '.')
			continue;
		nsys++;
		if (sysfs_in_use(de->d_name))
			continue;
		/* Free: take it, by name, whatever it can do. */
		fds[taken] = dev_open();
		memset(&req, 0, sizeof(req));
		req.size = sizeof(req);
		req.flags = DMACTL_REQ_BY_NAME;
		snprintf(req.name, sizeof(req.name), "%.63s", de->d_name);
		ret = xioctl(fds[taken], DMACTL_IOC_CHAN_REQUEST, &req);
		if (ret) {
			/*
			 * The provider may refuse a free channel (pl330 has
			 * fewer threads than channels): it stays free.
			 */
			diag("%s: %s", de->d_name, strerror(-ret));
			snprintf(refused[nref++], sizeof(refused[0]), "%.63s",
				 de->d_name);
			close(fds[taken]);
			continue;
		}
		taken++;
	}
	closedir(d);
	diag("%d channels, %d taken here, %d refused", nsys, taken, nref);

	if (nl_open(&nl))
		return FAIL;
	n = nl_dump(&nl, chans, 256);
	if (!OK(n == nsys, "dumped %d of %d channels, none free", n, nsys))
		return FAIL;
	for (i = 0; i < n; i++)
		if (!OK((chans[i].clients ||
			 name_in(refused, nref, chans[i].name)) && chans[i].caps,
			"%s: %u clients, caps 0x%" PRIx64, chans[i].name,
			chans[i].clients, chans[i].caps))
			return FAIL;
	for (i = 0; i < taken; i++)
		close(fds[i]);
	return PASS;
}

static int t_netlink_rejects_attribute(const void *param)
{
	static char buf[8192];
	const struct nlmsghdr *nlh;
	const struct nlmsgerr *err;
	const struct nlattr *msg;
	struct nl nl;
	ssize_t n;

	(void)param;
	if (nl_open(&nl))
		return FAIL;
	if (!OK_ERR(nl_send(&nl, nl.family, NLM_F_DUMP, DMACTL_CMD_CHAN_GET,
			    DMACTL_A_CHAN_NAME, "dma0chan0"), 0))
		return FAIL;
	n = recv(nl.sock, buf, sizeof(buf), 0);
	if (!OK(n > 0, "recv: %s", strerror(errno)))
		return FAIL;
	nlh = (const void *)buf;
	if (!OK(nlh->nlmsg_type == NLMSG_ERROR, "attribute accepted"))
		return FAIL;
	err = NLMSG_DATA(nlh);
	if (!OK(err->error == -EINVAL, "error %d", err->error))
		return FAIL;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		size_t off = sizeof(*err) + err->msg.nlmsg_len -
			     NLMSG_HDRLEN;

		if (nlh->nlmsg_flags & NLM_F_CAPPED)
			off = sizeof(*err);
		msg = nla_find((const char *)err + off,
			       nlh->nlmsg_len - NLMSG_HDRLEN - off,
			       NLMSGERR_ATTR_MSG);
		if (!OK(msg, "no extack message"))
			return FAIL;
		diag("extack: %s", (const char *)nla_data(msg));
	}

	/* An attribute number beyond the family's is refused too. */
	if (!OK_ERR(nl_send(&nl, nl.family, NLM_F_DUMP, DMACTL_CMD_CHAN_GET,
			    DMACTL_A_MAX + 1, "x"), 0))
		return FAIL;
	n = recv(nl.sock, buf, sizeof(buf), 0);
	if (!OK(n > 0, "recv: %s", strerror(errno)))
		return FAIL;
	if (!OK(nlh->nlmsg_type == NLMSG_ERROR, "unknown attribute accepted"))
		return FAIL;
	if (!OK(((const struct nlmsgerr *)NLMSG_DATA(nlh))->error == -EINVAL,
		"error"))
		return FAIL;
	return PASS;
}

/* Running */

static void add_ioc(const struct ioc *ioc, const char *what,
		    int (*fn)(const void *), const void *param)
{
	char name[TEST_NAME_LEN];

	snprintf(name, sizeof(name), "%.20s_%.40s", ioc->name, what);
	add(name, fn, param);
}

static void add_generic(void)
{
	char what[64];
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(iocs); i++) {
		const struct ioc *ioc = &iocs[i];

		add_ioc(ioc, "size_below_ver0", t_size_below_ver0, ioc);
		add_ioc(ioc, "size_larger_zero_tail", t_size_larger_zero_tail,
			ioc);
		add_ioc(ioc, "size_page", t_size_page, ioc);
		add_ioc(ioc, "size_larger_nonzero_tail",
			t_size_larger_nonzero_tail, ioc);
		add_ioc(ioc, "size_over_page", t_size_over_page, ioc);
		add_ioc(ioc, "bad_pointer", t_bad_pointer, ioc);
		if (ioc->flags_off || ioc->bad_flag)
			add_ioc(ioc, "unknown_flag", t_unknown_flag, ioc);
		for (j = 0; j < ARRAY_SIZE(ioc->reserved); j++) {
			if (!ioc->reserved[j].name)
				break;
			snprintf(what, sizeof(what), "%s_nonzero",
				 ioc->reserved[j].name);
			add_ioc(ioc, what, t_reserved, &ioc->reserved[j]);
		}
	}
}

int main(void)
{
	add("struct_layout", t_layout, NULL);
	add("open_needs_cap_sys_rawio", t_open_needs_cap_sys_rawio, NULL);
	add("buf_user_memlock", t_buf_user_memlock, NULL);
	add("unknown_ioctl", t_unknown_ioctl, NULL);
	add("noarg_ioctls_reject_arg", t_noarg_ioctls_reject_arg, NULL);
	add("info", t_info, NULL);
	add("info_readonly_output", t_info_readonly_output, NULL);
	add_generic();
	add("request_bad_name", t_request_bad_name, NULL);
	add("request_name_unterminated", t_request_name_unterminated, NULL);
	add("request_name_empty", t_request_name_empty, NULL);
	add("request_name_and_device", t_request_name_and_device, NULL);
	add("request_no_flags", t_request_no_flags, NULL);
	add("request_caps_without_flag", t_request_caps_without_flag, NULL);
	add("request_name_without_flag", t_request_name_without_flag, NULL);
	add("request_unknown_cap", t_request_unknown_cap, NULL);
	add("request_twice", t_request_twice, NULL);
	add("request_by_name_and_device", t_request_by_name_and_device, NULL);
	add("chan_info", t_chan_info, NULL);
	add("no_channel_enxio", t_no_chan_enxio, NULL);
	add("release_with_buffers", t_release_with_buffers, NULL);
	add("job_on_released_channel", t_job_on_released_chan, NULL);
	add("buf_alloc_bad", t_buf_alloc_bad, NULL);
	add("buf_alloc_ok", t_buf_alloc_ok, NULL);
	add("buf_too_big", t_buf_too_big, NULL);
	add("buf_count_limit", t_buf_count_limit, NULL);
	add("buf_session_bytes_limit", t_buf_session_bytes_limit, NULL);
	add("buf_free_unknown", t_buf_free_unknown, NULL);
	add("buf_free_mapped", t_buf_free_mapped, NULL);
	add("buf_free_in_job", t_buf_free_in_job, NULL);
	add("mmap_rules", t_mmap_rules, NULL);
	add("memcpy_verified", t_memcpy_verified, NULL);
	add("memcpy_batch", t_memcpy_batch, NULL);
	add("status_timestamps", t_status_timestamps, NULL);
	add("residue_in_flight", t_residue_in_flight, NULL);
	add("status_entry_size", t_status_entry_size, NULL);
	add("status_bad_range", t_status_bad_range, NULL);
	add("status_release", t_status_release, NULL);
	add("wait_timeout", t_wait_timeout, NULL);
	add("wait_signal", t_wait_signal, NULL);
	add("wait_restart", t_wait_restart, NULL);
	add("wait_bad", t_wait_bad, NULL);
	add("job_len_zero", t_job_len_zero, NULL);
	add("job_range", t_job_range, NULL);
	add("job_overflow", t_job_overflow, NULL);
	add("job_unknown_buf", t_job_unknown_buf, NULL);
	add("job_bad_fields", t_job_bad_fields, NULL);
	add("job_misaligned", t_job_misaligned, NULL);
	add("job_misaligned_user", t_job_misaligned_user, NULL);
	add("job_beyond_max_seg_size", t_job_beyond_max_seg, NULL);
	add("submit_batch_rules", t_submit_batch_rules, NULL);
	add("submit_max_jobs", t_submit_max_jobs, NULL);
	add("close_mid_transfer", t_close_mid_transfer, NULL);
	add("release_mid_transfer", t_release_mid_transfer, NULL);
	add("kill_mid_transfer", t_kill_mid_transfer, NULL);
	add("netlink_dump", t_netlink_dump, NULL);
	add("netlink_dump_all_busy", t_netlink_dump_all_busy, NULL);
	add("netlink_rejects_attribute", t_netlink_rejects_attribute, NULL);

	return run_tests("abi");
}
