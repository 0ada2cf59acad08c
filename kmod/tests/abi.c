// SPDX-License-Identifier: GPL-2.0
/*
 * ABI test of /dev/dmactl and of the "dmactl" generic netlink family.
 *
 * Runs as root in a machine with vdma.ko and dmactl.ko loaded and prints a
 * KTAP document.  Every validation rule of the ABI is one test, and every
 * test runs in its own child process with its own file descriptors, so
 * that nothing one test leaves behind can make another pass or fail.
 * Exit status: 0 if no test failed, 1 otherwise.
 */

#define _GNU_SOURCE
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/dmactl.h>

#define DEV_PATH	"/dev/" DMACTL_DEV_NAME
#define TEST_TIMEOUT_S	120
#define WAIT_NS		(5ULL * 1000 * 1000 * 1000)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* The layout is ABI: the same for 32-bit and 64-bit processes. */
#define LAYOUT_OK(type, ver0) \
	static_assert(sizeof(struct type) == (ver0) && \
		      sizeof(struct type) % 8 == 0, #type)

LAYOUT_OK(dmactl_info, DMACTL_INFO_SIZE_VER0);
LAYOUT_OK(dmactl_chan_request, DMACTL_CHAN_REQUEST_SIZE_VER0);
LAYOUT_OK(dmactl_chan_info, DMACTL_CHAN_INFO_SIZE_VER0);
LAYOUT_OK(dmactl_buf_alloc, DMACTL_BUF_ALLOC_SIZE_VER0);
LAYOUT_OK(dmactl_buf_free, DMACTL_BUF_FREE_SIZE_VER0);
LAYOUT_OK(dmactl_job, DMACTL_JOB_SIZE_VER0);
LAYOUT_OK(dmactl_submit, DMACTL_SUBMIT_SIZE_VER0);
LAYOUT_OK(dmactl_wait, DMACTL_WAIT_SIZE_VER0);
LAYOUT_OK(dmactl_job_status, DMACTL_JOB_STATUS_SIZE_VER0);
LAYOUT_OK(dmactl_status, DMACTL_STATUS_SIZE_VER0);
static_assert(offsetof(struct dmactl_submit, jobs) == 16, "submit.jobs");
static_assert(offsetof(struct dmactl_status, entries) == 24, "status.entries");
static_assert(offsetof(struct dmactl_chan_info, caps) == 200, "info.caps");

enum { PASS, FAIL, SKIP };

static int skip_fd = -1;	/* child -> parent: why a test skipped */
static long page_size;

static void diag(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printf("# %s\n", line);
	fflush(stdout);
}

static int skip(const char *fmt, ...)
{
	char reason[256];
	va_list ap;
	ssize_t n;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	n = write(skip_fd, reason, strlen(reason));
	(void)n;
	return SKIP;
}

/*
 * OK() and OK_ERR() print where and why a check failed and return false;
 * the caller returns FAIL.
 */
static bool ok_(bool cond, const char *fn, int line, const char *expr,
		const char *fmt, ...)
{
	char why[512];
	va_list ap;

	if (cond)
		return true;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	diag("%s:%d: %s", fn, line, expr);
	diag("%s", why);
	return false;
}

#define OK(cond, ...) ok_(!!(cond), __func__, __LINE__, #cond, __VA_ARGS__)

static bool ok_err_(int got, int want, const char *fn, int line,
		    const char *expr)
{
	if (got == -want)
		return true;
	diag("%s:%d: %s: got %s (%d), want %s", fn, line, expr,
	     got ? strerror(-got) : "success", got,
	     want ? strerror(want) : "success");
	return false;
}

/* @call returns 0 or -errno; @err is the errno wanted, 0 for success. */
#define OK_ERR(call, err) ok_err_((call), (err), __func__, __LINE__, #call)

/* An ioctl's result as 0 or -errno. */
static int xioctl(int fd, unsigned long cmd, const void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int dev_open(void)
{
	int fd = open(DEV_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		diag("open %s: %s", DEV_PATH, strerror(errno));
		exit(FAIL);
	}
	return fd;
}

/* Helpers that end the test (as failed) when the setup itself fails. */
#define MUST(call)							\
	do {								\
		int r_ = (call);					\
		if (r_) {						\
			diag("%s:%d: setup %s: %s", __func__, __LINE__,	\
			     #call, strerror(-r_));			\
			exit(FAIL);					\
		}							\
	} while (0)

static struct dmactl_info get_info(int fd)
{
	struct dmactl_info info = { .size = sizeof(info) };

	MUST(xioctl(fd, DMACTL_IOC_INFO, &info));
	return info;
}

static void req_memcpy(struct dmactl_chan_request *req)
{
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	req->flags = DMACTL_REQ_BY_CAPS;
	req->caps = 1ULL << DMACTL_CAP_MEMCPY;
}

/* Takes any free memcpy channel; returns its name in @name if non-NULL. */
static void chan_get(int fd, char *name)
{
	struct dmactl_chan_request req;

	req_memcpy(&req);
	MUST(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req));
	if (name)
		memcpy(name, req.chan_name, DMACTL_NAME_LEN);
}

static struct dmactl_chan_info chan_info(int fd)
{
	struct dmactl_chan_info ci = { .size = sizeof(ci) };

	MUST(xioctl(fd, DMACTL_IOC_CHAN_INFO, &ci));
	return ci;
}

static int buf_alloc(int fd, uint64_t length, struct dmactl_buf_alloc *out)
{
	struct dmactl_buf_alloc ba = {
		.size = sizeof(ba),
		.type = DMACTL_BUF_COHERENT,
		.length = length,
	};
	int ret = xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba);

	if (!ret && out)
		*out = ba;
	return ret;
}

static uint32_t buf_new(int fd, uint64_t length)
{
	struct dmactl_buf_alloc ba;

	MUST(buf_alloc(fd, length, &ba));
	return ba.id;
}

static int buf_free(int fd, uint32_t id)
{
	struct dmactl_buf_free bf = { .size = sizeof(bf), .id = id };

	return xioctl(fd, DMACTL_IOC_BUF_FREE, &bf);
}

static uint8_t *buf_map(int fd, uint32_t id, size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		       (off_t)id * page_size);

	if (p == MAP_FAILED) {
		diag("mmap buffer %u: %s", id, strerror(errno));
		exit(FAIL);
	}
	return p;
}

static struct dmactl_job job_memcpy(uint32_t src, uint64_t src_off,
				    uint32_t dst, uint64_t dst_off,
				    uint64_t len)
{
	struct dmactl_job job = {
		.type = DMACTL_JOB_MEMCPY,
		.src_buf = src,
		.dst_buf = dst,
		.src_off = src_off,
		.dst_off = dst_off,
		.len = len,
		.user_data = 0x5eed,
	};

	return job;
}

static int submit(int fd, const struct dmactl_job *jobs, uint32_t count,
		  uint32_t flags, struct dmactl_submit *out)
{
	struct dmactl_submit sub = {
		.size = sizeof(sub),
		.flags = flags,
		.count = count,
		.job_size = sizeof(*jobs),
		.jobs = (uintptr_t)jobs,
	};
	int ret = xioctl(fd, DMACTL_IOC_SUBMIT, &sub);

	if (!ret && out)
		*out = sub;
	return ret;
}

/* Submits one memcpy job and returns its id. */
static uint64_t submit_one(int fd, const struct dmactl_job *job,
			   uint32_t flags)
{
	struct dmactl_submit sub;

	MUST(submit(fd, job, 1, flags, &sub));
	if (sub.submitted != 1) {
		diag("submitted %u of 1", sub.submitted);
		exit(FAIL);
	}
	return sub.first_id;
}

static int wait_job(int fd, uint64_t id, uint32_t flags, uint64_t timeout)
{
	struct dmactl_wait w = {
		.size = sizeof(w),
		.flags = flags,
		.job_id = id,
		.timeout_ns = timeout,
	};

	return xioctl(fd, DMACTL_IOC_WAIT, &w);
}

static int status(int fd, uint64_t first, uint32_t count, uint32_t flags,
		  struct dmactl_job_status *entries)
{
	struct dmactl_status st = {
		.size = sizeof(st),
		.flags = flags,
		.first_id = first,
		.count = count,
		.entry_size = sizeof(*entries),
		.entries = (uintptr_t)entries,
	};

	return xioctl(fd, DMACTL_IOC_STATUS, &st);
}

/* A session with a channel, two mapped buffers and a job ready to go. */
struct setup {
	int fd;
	struct dmactl_chan_info ci;
	uint32_t src, dst;
	uint8_t *src_map, *dst_map;
	size_t len;
	struct dmactl_job job;
};

static void setup_bufs(struct setup *su, size_t len)
{
	su->fd = dev_open();
	chan_get(su->fd, NULL);
	su->ci = chan_info(su->fd);
	su->len = len;
	su->src = buf_new(su->fd, len);
	su->dst = buf_new(su->fd, len);
	su->src_map = buf_map(su->fd, su->src, len);
	su->dst_map = buf_map(su->fd, su->dst, len);
	su->job = job_memcpy(su->src, 0, su->dst, 0, len);
}

/*
 * Patterns that tell apart a source byte, a byte copied from it and a
 * byte the copy must not have touched.
 */
static uint8_t src_byte(size_t i)
{
	return (uint8_t)(0x80 | ((i * 13 + (i >> 8)) & 0x7f));
}

static uint8_t untouched_byte(size_t i)
{
	return (uint8_t)((i * 7 + (i >> 8)) & 0x3f);
}

static void fill(struct setup *su)
{
	size_t i;

	for (i = 0; i < su->len; i++) {
		su->src_map[i] = src_byte(i);
		su->dst_map[i] = untouched_byte(i);
	}
}

/* Checks the destination after a copy of @len bytes from @so to @dso. */
static int verify(const struct setup *su, size_t so, size_t dso, size_t len)
{
	size_t i, errors = 0;

	for (i = 0; i < su->len; i++) {
		uint8_t want = i >= dso && i < dso + len ?
			       src_byte(i - dso + so) : untouched_byte(i);

		if (su->dst_map[i] == want)
			continue;
		if (++errors <= 8)
			diag("dst[%zu] = 0x%02x, want 0x%02x (%s)", i,
			     su->dst_map[i], want,
			     i >= dso && i < dso + len ? "copied" : "untouched");
	}
	for (i = 0; i < su->len; i++) {
		if (su->src_map[i] != src_byte(i) && ++errors <= 8)
			diag("src[%zu] changed", i);
	}
	if (errors > 8)
		diag("%zu errors, 8 shown", errors);
	return errors ? FAIL : PASS;
}

/* A 64-bit field holding a kernel address has its top 16 bits set. */
static int no_kernel_pointers(const void *p, size_t len, const char *what)
{
	const uint8_t *b = p;
	uint64_t v;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&v, b + i, 8);
		if (!OK((v >> 48) != 0xffff, "%s: word at %zu is 0x%016" PRIx64,
			what, i, v))
			return FAIL;
	}
	return PASS;
}

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
	struct field reserved[3];
	size_t flags_off;	/* 0: no flags field */
	uint32_t bad_flag;	/* lowest flag bit not defined */
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
		.reserved = { F(dmactl_buf_alloc, reserved[0], 8),
			      F(dmactl_buf_alloc, reserved[1], 8) },
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
		.bad_flag = DMACTL_WAIT_ALL << 1,
	}, {
		.name = "status", .cmd = DMACTL_IOC_STATUS,
		.ver0 = DMACTL_STATUS_SIZE_VER0, .prepare = prep_status,
		.reserved = { F(dmactl_status, reserved[0], 8),
			      F(dmactl_status, reserved[1], 8) },
		.flags_off = offsetof(struct dmactl_status, flags),
		.bad_flag = DMACTL_STATUS_RELEASE << 1,
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

static int t_size_larger_zero_tail(const void *param)
{
	const struct ioc *ioc = param;
	int fd = dev_open();
	struct arg a = arg_new(fd, ioc, ioc->ver0 + 64);

	return call_expect(fd, ioc, &a, 0);
}

static int t_size_page(const void *param)
{
	const struct ioc *ioc = param;
	int fd = dev_open();
	struct arg a = arg_new(fd, ioc, page_size);

	return call_expect(fd, ioc, &a, 0);
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
		for (j = 0; j < 3; j++)
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
		L(dmactl_buf_alloc, DMACTL_BUF_ALLOC_SIZE_VER0),
		L(dmactl_buf_free, DMACTL_BUF_FREE_SIZE_VER0),
		L(dmactl_job, DMACTL_JOB_SIZE_VER0),
		L(dmactl_submit, DMACTL_SUBMIT_SIZE_VER0),
		L(dmactl_wait, DMACTL_WAIT_SIZE_VER0),
		L(dmactl_job_status, DMACTL_JOB_STATUS_SIZE_VER0),
		L(dmactl_status, DMACTL_STATUS_SIZE_VER0),
#undef L
	};
	size_t i;

	(void)param;
	for (i = 0; i < ARRAY_SIZE(s); i++)
		if (!OK(s[i].size == s[i].ver0 && s[i].size % 8 == 0,
			"struct %s: %zu bytes, VER0 %zu", s[i].name, s[i].size,
			s[i].ver0))
			return FAIL;
	return PASS;
}

/* Device and permissions */

static int t_open_needs_cap_sys_rawio(const void *param)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	const int bit = CAP_SYS_RAWIO;
	int fd;

	(void)param;
	if (!OK(getuid() == 0 && geteuid() == 0, "must run as root"))
		return FAIL;
	if (!OK(!syscall(SYS_capget, &hdr, data), "capget: %s", strerror(errno)))
		return FAIL;
	data[bit / 32].effective &= ~(1U << (bit % 32));
	if (!OK(!syscall(SYS_capset, &hdr, data), "capset: %s", strerror(errno)))
		return FAIL;

	fd = open(DEV_PATH, O_RDWR | O_CLOEXEC);
	if (!OK(fd < 0 && errno == EPERM, "open without CAP_SYS_RAWIO: %s",
		fd < 0 ? strerror(errno) : "success"))
		return FAIL;

	data[bit / 32].effective |= 1U << (bit % 32);
	if (!OK(!syscall(SYS_capset, &hdr, data), "capset: %s", strerror(errno)))
		return FAIL;
	fd = open(DEV_PATH, O_RDWR | O_CLOEXEC);
	if (!OK(fd >= 0, "open with CAP_SYS_RAWIO: %s", strerror(errno)))
		return FAIL;
	return PASS;
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
				  DMACTL_FEAT_MEMCPY | DMACTL_FEAT_NETLINK),
		"features 0x%" PRIx64, (uint64_t)info.features))
		return FAIL;
	if (!OK(info.max_batch && info.max_jobs && info.max_buf_bytes &&
		info.max_session_bytes && info.max_buffers, "a limit is 0"))
		return FAIL;
	if (!OK(!info.reserved0 && !info.reserved[0] && !info.reserved[1] &&
		!info.reserved[2], "reserved not zeroed"))
		return FAIL;
	diag("max_batch %u max_jobs %u max_buf_bytes %" PRIu64
	     " max_session_bytes %" PRIu64 " max_buffers %u", info.max_batch,
	     info.max_jobs, (uint64_t)info.max_buf_bytes,
	     (uint64_t)info.max_session_bytes, info.max_buffers);
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
	ba.type = DMACTL_BUF_COHERENT + 1;
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
	a.reserved[0] = 0;
	a.reserved[1] = 0;
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
	uint32_t id;
	uint8_t *p;
	pid_t pid;
	int st;

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

	/* So is a mapping inherited by a child. */
	pid = fork();
	if (!OK(pid >= 0, "fork"))
		return FAIL;
	if (!pid) {
		sleep(2);
		_exit(0);
	}
	if (!OK(!munmap(p + page_size, 2 * page_size), "munmap"))
		return FAIL;
	if (!OK_ERR(buf_free(fd, id), EBUSY))
		return FAIL;
	if (!OK(waitpid(pid, &st, 0) == pid, "waitpid"))
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
	align = (size_t)1 << su.ci.copy_align;

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
	if (!OK(!st.reserved0 && !st.reserved[0] && !st.reserved[1],
		"reserved not zeroed"))
		return FAIL;
	return no_kernel_pointers(&st, sizeof(st), "job_status");
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

static void on_alarm(int sig)
{
	(void)sig;
}

static int t_wait_signal(const void *param)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
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
	/* EINTR even with SA_RESTART: a restart would wait all over again. */
	if (!OK_ERR(wait_job(su.fd, id, 0, 10 * WAIT_NS), EINTR))
		return FAIL;
	return PASS;
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
static int submit_fails(const struct setup *su, const struct dmactl_job *job,
			int err)
{
	struct dmactl_submit sub = {
		.size = sizeof(sub),
		.flags = DMACTL_SUBMIT_ISSUE,
		.count = 1,
		.job_size = sizeof(*job),
		.jobs = (uintptr_t)job,
		.first_id = 0x5a5a5a5a,
		.submitted = 0x5a5a5a5a,
	};

	if (!OK_ERR(xioctl(su->fd, DMACTL_IOC_SUBMIT, &sub), err))
		return FAIL;
	if (!OK(sub.first_id == 0x5a5a5a5a && sub.submitted == 0x5a5a5a5a,
		"changed on failure"))
		return FAIL;
	return PASS;
}

static int t_job_len_zero(const void *param)
{
	struct setup su;

	(void)param;
	setup_bufs(&su, 4096);
	su.job.len = 0;
	return submit_fails(&su, &su.job, EINVAL);
}

static int t_job_range(const void *param)
{
	struct setup su;
	struct dmactl_job j;
	uint32_t odd;

	(void)param;
	setup_bufs(&su, 4096);
	j = job_memcpy(su.src, 1, su.dst, 0, 4096);
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, su.dst, 1, 4096);
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 4096, su.dst, 0, 1);
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	/* The last byte is in range. */
	j = job_memcpy(su.src, 4095, su.dst, 4095, 1);
	submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);

	/* A buffer ends at its length, not at the end of its last page. */
	odd = buf_new(su.fd, 100);
	j = job_memcpy(odd, 0, su.dst, 0, 101);
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, odd, 50, 51);
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, odd, 50, 50);
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
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, su.dst, ~0ULL, 1);
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, su.dst, 0, ~0ULL);
	return submit_fails(&su, &j, EINVAL);
}

static int t_job_unknown_buf(const void *param)
{
	struct setup su;
	struct dmactl_job j;

	(void)param;
	setup_bufs(&su, 4096);
	j = job_memcpy(su.src, 0, 999, 0, 1);
	if (submit_fails(&su, &j, ENOENT))
		return FAIL;
	j = job_memcpy(0, 0, su.dst, 0, 1);
	return submit_fails(&su, &j, ENOENT);
}

static int t_job_bad_fields(const void *param)
{
	struct setup su;
	struct dmactl_job j;

	(void)param;
	setup_bufs(&su, 4096);
	j = su.job;
	j.type = DMACTL_JOB_MEMCPY + 1;
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j = su.job;
	j.flags = 1;
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j = su.job;
	j.reserved[0] = 1;
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j = su.job;
	j.reserved[1] = 1ULL << 63;
	return submit_fails(&su, &j, EINVAL);
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
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j = job_memcpy(su.src, 0, su.dst, 0, 1);
	return submit_fails(&su, &j, EINVAL);
}

static int t_job_max_seg(const void *param)
{
	struct dmactl_info info;
	struct setup su;
	struct dmactl_job j;
	uint64_t len;

	(void)param;
	su.fd = dev_open();
	info = get_info(su.fd);
	chan_get(su.fd, NULL);
	su.ci = chan_info(su.fd);
	len = su.ci.max_seg_size + (1ULL << su.ci.copy_align);
	if (len > info.max_buf_bytes)
		return skip("max_seg_size %" PRIu64 " needs a buffer over max_buf_bytes",
			    (uint64_t)su.ci.max_seg_size);
	su.src = buf_new(su.fd, len);
	su.dst = buf_new(su.fd, len);
	j = job_memcpy(su.src, 0, su.dst, 0, len);
	if (submit_fails(&su, &j, EINVAL))
		return FAIL;
	j.len = su.ci.max_seg_size;
	submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	return PASS;
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
	uint32_t held = 0, n;
	struct setup su;

	(void)param;
	setup_bufs(&su, 4096);
	info = get_info(su.fd);
	jobs = calloc(info.max_batch, sizeof(*jobs));
	if (!OK(jobs, "calloc"))
		return FAIL;
	for (n = 0; n < info.max_batch; n++)
		jobs[n] = job_memcpy(su.src, n % 4096, su.dst, n % 4096, 1);

	while (held < info.max_jobs) {
		n = info.max_jobs - held < info.max_batch ?
		    info.max_jobs - held : info.max_batch;
		if (!OK_ERR(submit(su.fd, jobs, n, DMACTL_SUBMIT_ISSUE, &sub), 0))
			return FAIL;
		if (!OK(sub.submitted == n, "submitted %u of %u", sub.submitted,
			n))
			return FAIL;
		held += n;
	}
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
static int chan_free_again(const char *name)
{
	struct dmactl_chan_request req = {
		.size = sizeof(req),
		.flags = DMACTL_REQ_BY_NAME,
	};
	uint64_t t0 = now_ns();
	int fd, ret;

	strcpy(req.name, name);
	/* close() of a killed process finishes after waitpid() returns. */
	do {
		fd = dev_open();
		ret = xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req);
		close(fd);
		if (ret != -ENODEV)
			break;
		usleep(10000);
	} while (now_ns() - t0 < WAIT_NS);
	if (!OK_ERR(ret, 0))
		return FAIL;
	return PASS;
}

static struct dmactl_job *busy_jobs;
static uint32_t busy_n;

/* Fills a session's channel with many large jobs, all issued. */
static void busy_session(struct setup *su, char *name)
{
	struct dmactl_info info;
	uint32_t i;

	su->fd = dev_open();
	info = get_info(su->fd);
	chan_get(su->fd, name);
	su->ci = chan_info(su->fd);
	su->len = info.max_buf_bytes < su->ci.max_seg_size ?
		  info.max_buf_bytes : su->ci.max_seg_size;
	su->len &= ~(((size_t)1 << su->ci.copy_align) - 1);
	su->src = buf_new(su->fd, su->len);
	su->dst = buf_new(su->fd, su->len);
	su->src_map = buf_map(su->fd, su->src, su->len);
	busy_n = info.max_batch < 64 ? info.max_batch : 64;
	busy_jobs = calloc(busy_n, sizeof(*busy_jobs));
	if (!busy_jobs)
		exit(FAIL);
	for (i = 0; i < busy_n; i++)
		busy_jobs[i] = job_memcpy(su->src, 0, su->dst, 0, su->len);
	MUST(submit(su->fd, busy_jobs, busy_n, DMACTL_SUBMIT_ISSUE, NULL));
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

	(void)param;
	busy_session(&su, name);
	if (!OK(!munmap(su.src_map, su.len), "munmap"))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_CHAN_RELEASE, NULL), EBUSY))
		return FAIL;
	if (!OK_ERR(buf_free(su.fd, su.src), EBUSY))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, 60 * WAIT_NS), 0))
		return FAIL;
	if (!OK_ERR(status(su.fd, 1, 1, 0, &st), 0))
		return FAIL;
	if (!OK_ERR(buf_free(su.fd, su.src), 0))
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
		busy_session(&su, name);
		struct dmactl_submit sub;

		n = write(pipefd[1], name, sizeof(name));
		(void)n;
		/* Keep jobs in flight until killed, inside WAIT or not. */
		for (;;) {
			MUST(submit(su.fd, busy_jobs, busy_n,
				    DMACTL_SUBMIT_ISSUE, &sub));
			/* The previous batch ends while this one waits. */
			MUST(wait_job(su.fd, sub.first_id - 1, 0,
				      60 * WAIT_NS));
			MUST(status(su.fd, sub.first_id - busy_n, busy_n,
				    DMACTL_STATUS_RELEASE, busy_status));
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

struct nl {
	int sock;
	uint16_t family;
	uint32_t seq;
};

static int nl_send(struct nl *nl, uint16_t type, uint16_t flags, uint8_t cmd,
		   uint16_t attr, const char *str)
{
	struct {
		struct nlmsghdr nlh;
		struct genlmsghdr genl;
		char attrs[128];
	} msg;
	struct nlattr *nla;
	size_t len = NLMSG_LENGTH(GENL_HDRLEN);

	memset(&msg, 0, sizeof(msg));
	if (str) {
		nla = (struct nlattr *)((char *)&msg + NLMSG_ALIGN(len));
		nla->nla_type = attr;
		nla->nla_len = NLA_HDRLEN + strlen(str) + 1;
		memcpy((char *)nla + NLA_HDRLEN, str, strlen(str) + 1);
		len = NLMSG_ALIGN(len) + NLA_ALIGN(nla->nla_len);
	}
	msg.nlh.nlmsg_len = len;
	msg.nlh.nlmsg_type = type;
	msg.nlh.nlmsg_flags = NLM_F_REQUEST | flags;
	msg.nlh.nlmsg_seq = ++nl->seq;
	msg.genl.cmd = cmd;
	msg.genl.version = type == GENL_ID_CTRL ? 1 : DMACTL_GENL_VERSION;
	return send(nl->sock, &msg, len, 0) == (ssize_t)len ? 0 : -errno;
}

static const struct nlattr *nla_find(const void *data, size_t len,
				     uint16_t type)
{
	const struct nlattr *nla = data;

	while (len >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= len) {
		if ((nla->nla_type & NLA_TYPE_MASK) == type)
			return nla;
		size_t step = NLA_ALIGN(nla->nla_len);

		len -= step < len ? step : len;
		nla = (const void *)((const char *)nla +
				     NLA_ALIGN(nla->nla_len));
	}
	return NULL;
}

static const void *nla_data(const struct nlattr *nla)
{
	return (const char *)nla + NLA_HDRLEN;
}

static int nl_open(struct nl *nl)
{
	static char buf[8192];
	const struct nlmsghdr *nlh;
	const struct nlattr *id;
	ssize_t n;
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
			  NETLINK_GENERIC);
	if (!OK(nl->sock >= 0, "socket: %s", strerror(errno)))
		return FAIL;
	setsockopt(nl->sock, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (!OK_ERR(nl_send(nl, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY,
			    CTRL_ATTR_FAMILY_NAME, DMACTL_GENL_NAME), 0))
		return FAIL;
	n = recv(nl->sock, buf, sizeof(buf), 0);
	if (!OK(n > 0, "recv: %s", strerror(errno)))
		return FAIL;
	nlh = (const void *)buf;
	if (!OK(nlh->nlmsg_type != NLMSG_ERROR, "family %s not found: %s",
		DMACTL_GENL_NAME,
		strerror(-((const struct nlmsgerr *)NLMSG_DATA(nlh))->error)))
		return FAIL;
	id = nla_find((const char *)NLMSG_DATA(nlh) + GENL_HDRLEN,
		      nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN),
		      CTRL_ATTR_FAMILY_ID);
	if (!OK(id, "no CTRL_ATTR_FAMILY_ID"))
		return FAIL;
	memcpy(&nl->family, nla_data(id), sizeof(nl->family));
	return PASS;
}

struct nl_chan {
	char name[DMACTL_NAME_LEN];
	char dev[DMACTL_NAME_LEN];
	char driver[DMACTL_NAME_LEN];
	uint32_t dev_id, chan_id, clients;
	uint64_t caps;
};

static int nl_str(const void *data, size_t len, uint16_t type, char *out)
{
	const struct nlattr *nla = nla_find(data, len, type);
	size_t n;

	if (!nla)
		return -1;
	n = nla->nla_len - NLA_HDRLEN;
	if (!n || n > DMACTL_NAME_LEN || ((const char *)nla_data(nla))[n - 1])
		return -1;
	memcpy(out, nla_data(nla), n);
	return 0;
}

static int nl_u32(const void *data, size_t len, uint16_t type, uint32_t *out)
{
	const struct nlattr *nla = nla_find(data, len, type);

	if (!nla || nla->nla_len != NLA_HDRLEN + 4)
		return -1;
	memcpy(out, nla_data(nla), 4);
	return 0;
}

static int nl_u64(const void *data, size_t len, uint16_t type, uint64_t *out)
{
	const struct nlattr *nla = nla_find(data, len, type);

	if (!nla || nla->nla_len != NLA_HDRLEN + 8)
		return -1;
	memcpy(out, nla_data(nla), 8);
	return 0;
}

/* Dumps the channels; returns how many, or -1 after printing why. */
static int nl_dump(struct nl *nl, struct nl_chan *out, int max)
{
	static char buf[32768];
	const struct nlmsghdr *nlh;
	int count = 0, done = 0;
	ssize_t n;

	if (nl_send(nl, nl->family, NLM_F_DUMP, DMACTL_CMD_CHAN_GET, 0, NULL))
		return -1;
	while (!done) {
		n = recv(nl->sock, buf, sizeof(buf), 0);
		if (n <= 0) {
			diag("recv: %s", strerror(errno));
			return -1;
		}
		for (nlh = (const void *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			const void *attrs = (const char *)NLMSG_DATA(nlh) +
					    GENL_HDRLEN;
			size_t alen = nlh->nlmsg_len -
				      NLMSG_LENGTH(GENL_HDRLEN);
			struct nl_chan c = { 0 };
			uint64_t bytes;

			if (nlh->nlmsg_type == NLMSG_DONE) {
				done = 1;
				break;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				diag("dump: %s", strerror(-((const struct nlmsgerr *)
						NLMSG_DATA(nlh))->error));
				return -1;
			}
			if (nl_str(attrs, alen, DMACTL_A_CHAN_NAME, c.name) ||
			    nl_str(attrs, alen, DMACTL_A_DEV_NAME, c.dev) ||
			    nl_str(attrs, alen, DMACTL_A_DRIVER_NAME,
				   c.driver) ||
			    nl_u32(attrs, alen, DMACTL_A_DEV_ID, &c.dev_id) ||
			    nl_u32(attrs, alen, DMACTL_A_CHAN_ID, &c.chan_id) ||
			    nl_u32(attrs, alen, DMACTL_A_CLIENT_COUNT,
				   &c.clients) ||
			    nl_u64(attrs, alen, DMACTL_A_CAPS, &c.caps) ||
			    nl_u64(attrs, alen, DMACTL_A_BYTES, &bytes)) {
				diag("message %d lacks an attribute", count);
				return -1;
			}
			if (count < max)
				out[count] = c;
			count++;
		}
	}
	return count;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int t_netlink_dump(const void *param)
{
	static struct nl_chan chans[256];
	static char sys[256][DMACTL_NAME_LEN], dumped[256][DMACTL_NAME_LEN];
	struct dirent *de;
	int n, nsys = 0, i, vdma = 0, fd;
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
		if (!OK(chans[i].clients == 0, "%s has %u clients",
			chans[i].name, chans[i].clients))
			return FAIL;
		if (!OK(!(chans[i].caps >> DMACTL_CAP_COUNT), "caps"))
			return FAIL;
		if (strstr(chans[i].dev, "vdma") ||
		    !strcmp(chans[i].driver, "vdma")) {
			if (!OK(chans[i].caps & (1ULL << DMACTL_CAP_MEMCPY),
				"%s lacks MEMCPY", chans[i].name))
				return FAIL;
			vdma++;
		}
		memcpy(dumped[i], chans[i].name, DMACTL_NAME_LEN);
	}
	if (!OK(vdma > 0, "no vdma channel in the dump"))
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
	diag("%d channels, %d of vdma", n, vdma);

	/* A channel taken shows its client, the others stay listed. */
	fd = dev_open();
	chan_get(fd, held);
	if (!OK(nl_dump(&nl, chans, 256) == n, "channel count changed"))
		return FAIL;
	for (i = 0; i < n; i++)
		if (!OK(chans[i].clients == !strcmp(chans[i].name, held),
			"%s: %u clients (%s held)", chans[i].name,
			chans[i].clients, held))
			return FAIL;
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

struct test {
	char name[64];
	int (*fn)(const void *param);
	const void *param;
};

static struct test tests[256];
static int ntests;

static void add(const char *name, int (*fn)(const void *), const void *param)
{
	if (ntests == (int)ARRAY_SIZE(tests)) {
		printf("Bail out! too many tests\n");
		exit(1);
	}
	snprintf(tests[ntests].name, sizeof(tests[0].name), "%s", name);
	tests[ntests].fn = fn;
	tests[ntests].param = param;
	ntests++;
}

static void add_ioc(const struct ioc *ioc, const char *what,
		    int (*fn)(const void *), const void *param)
{
	char name[sizeof(tests[0].name)];

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
		for (j = 0; j < 3 && ioc->reserved[j].name; j++) {
			snprintf(what, sizeof(what), "%s_nonzero",
				 ioc->reserved[j].name);
			add_ioc(ioc, what, t_reserved, &ioc->reserved[j]);
		}
	}
}

static int run(const struct test *t)
{
	char reason[256] = "";
	int pipefd[2], st, ret;
	ssize_t n;
	pid_t pid;

	if (pipe(pipefd))
		return FAIL;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return FAIL;
	if (!pid) {
		close(pipefd[0]);
		skip_fd = pipefd[1];
		alarm(TEST_TIMEOUT_S);
		ret = t->fn(t->param);
		fflush(stdout);
		_exit(ret);
	}
	close(pipefd[1]);
	n = read(pipefd[0], reason, sizeof(reason) - 1);
	close(pipefd[0]);
	if (waitpid(pid, &st, 0) != pid)
		return FAIL;
	if (WIFSIGNALED(st)) {
		diag("%s: killed by signal %d%s", t->name, WTERMSIG(st),
		     WTERMSIG(st) == SIGALRM ? " (timeout)" : "");
		return FAIL;
	}
	ret = WEXITSTATUS(st);
	if (ret == SKIP) {
		reason[n > 0 ? n : 0] = 0;
		printf("ok %d %s # SKIP %s\n", (int)(t - tests) + 1, t->name,
		       reason);
		return SKIP;
	}
	printf("%s %d %s\n", ret == PASS ? "ok" : "not ok",
	       (int)(t - tests) + 1, t->name);
	return ret == PASS ? PASS : FAIL;
}

int main(void)
{
	int i, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	page_size = sysconf(_SC_PAGESIZE);

	add("struct_layout", t_layout, NULL);
	add("open_needs_cap_sys_rawio", t_open_needs_cap_sys_rawio, NULL);
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
	add("status_entry_size", t_status_entry_size, NULL);
	add("status_bad_range", t_status_bad_range, NULL);
	add("status_release", t_status_release, NULL);
	add("wait_timeout", t_wait_timeout, NULL);
	add("wait_signal", t_wait_signal, NULL);
	add("wait_bad", t_wait_bad, NULL);
	add("job_len_zero", t_job_len_zero, NULL);
	add("job_range", t_job_range, NULL);
	add("job_overflow", t_job_overflow, NULL);
	add("job_unknown_buf", t_job_unknown_buf, NULL);
	add("job_bad_fields", t_job_bad_fields, NULL);
	add("job_misaligned", t_job_misaligned, NULL);
	add("job_max_seg_size", t_job_max_seg, NULL);
	add("submit_batch_rules", t_submit_batch_rules, NULL);
	add("submit_max_jobs", t_submit_max_jobs, NULL);
	add("close_mid_transfer", t_close_mid_transfer, NULL);
	add("release_mid_transfer", t_release_mid_transfer, NULL);
	add("kill_mid_transfer", t_kill_mid_transfer, NULL);
	add("netlink_dump", t_netlink_dump, NULL);
	add("netlink_rejects_attribute", t_netlink_rejects_attribute, NULL);

	printf("KTAP version 1\n");
	printf("# dmactl ABI %u, %zu-bit process\n", DMACTL_ABI_VERSION,
	       sizeof(void *) * 8);
	if (access(DEV_PATH, F_OK)) {
		printf("Bail out! %s: %s\n", DEV_PATH, strerror(errno));
		return 1;
	}
	printf("1..%d\n", ntests);
	for (i = 0; i < ntests; i++)
		if (run(&tests[i]) == FAIL)
			failed++;
	printf("# %d tests, %d failed\n", ntests, failed);
	return failed ? 1 : 0;
}
