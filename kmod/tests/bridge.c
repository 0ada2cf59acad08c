// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end test of the /dev/dmactl bridge, ABI version 2: streaming and
 * user-memory buffers, every job type with byte-exact verification,
 * slave transfers through vdma's loopback FIFOs, cyclic periods and
 * residue, pause / resume / terminate, descriptor reuse, the event ring,
 * the in-kernel measurement loop and the netlink dumps and events; with
 * one test per validation rule these features add.
 *
 * Runs as root in a machine with vdma.ko and dmactl.ko loaded and prints a
 * KTAP document; a test needing a capability the channels lack skips.
 * $DMACTL_TEST_ONLY, a list of test names, runs those only: on a board's
 * own controller ($DMACTL_TEST_DRIVER, see arm-controls.sh), the tests
 * that need nothing of vdma.
 * Exit status: 0 if no test failed, 1 otherwise.
 *
 * "bridge hold-cyclic" is no test: it starts a cyclic job, prints the
 * channel's name and sleeps, for bridge-kill9.sh to kill it.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/genetlink.h>

#include "bridge_lib.h"

#define MS		((uint64_t)1000 * 1000)
#define EV_SIZE		sizeof(struct dmactl_event)
#define CAP(c)		(1ULL << DMACTL_CAP_##c)

/* Helpers */

static struct dmactl_job job_of(uint32_t type)
{
	struct dmactl_job job = { .type = type, .user_data = 0xda7a };

	return job;
}

static struct dmactl_job_status stat1(int fd, uint64_t id)
{
	struct dmactl_job_status st;

	MUST(status(fd, id, 1, 0, &st));
	return st;
}

/* A session holding a channel with @caps, or the test skips. */
static int open_with(uint64_t caps, char *name)
{
	int fd = dev_open();

	if (chan_get_caps(fd, caps, name))
		exit(skip("no free channel with caps 0x%" PRIx64, caps));
	return fd;
}

static int buf_sync(int fd, uint32_t id, uint32_t flags)
{
	struct dmactl_buf_sync bs = { .size = sizeof(bs), .flags = flags,
				      .id = id };

	return xioctl(fd, DMACTL_IOC_BUF_SYNC, &bs);
}

static int slave_config(int fd, const struct dmactl_slave_config *c)
{
	struct dmactl_slave_config cfg = *c;

	cfg.size = sizeof(cfg);
	return xioctl(fd, DMACTL_IOC_SLAVE_CONFIG, &cfg);
}

static int terminate(int fd, uint32_t flags)
{
	struct dmactl_terminate t = { .size = sizeof(t), .flags = flags };

	return xioctl(fd, DMACTL_IOC_TERMINATE, &t);
}

static int resubmit(int fd, uint64_t id, uint32_t flags)
{
	struct dmactl_resubmit r = { .size = sizeof(r), .flags = flags,
				     .job_id = id };

	return xioctl(fd, DMACTL_IOC_RESUBMIT, &r);
}

static int bench(int fd, const struct dmactl_job *tmpl, uint32_t qdepth,
		 uint64_t count, uint64_t duration_ns, struct dmactl_bench *out)
{
	struct dmactl_bench b = {
		.size = sizeof(b),
		.job = (uintptr_t)tmpl,
		.job_size = sizeof(*tmpl),
		.qdepth = qdepth,
		.count = count,
		.duration_ns = duration_ns,
	};
	int ret = xioctl(fd, DMACTL_IOC_BENCH, &b);

	if (!ret && out)
		*out = b;
	return ret;
}

/*
 * Reads up to @max events; 0 or -errno in *@err.  Returns the count.  A
 * blocking read that would wait more than 5 s fails the test instead.
 */
static int read_events(int fd, struct dmactl_event *ev, int max, int *err)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;

	if (!(fcntl(fd, F_GETFL) & O_NONBLOCK) && poll(&pfd, 1, 5000) != 1) {
		diag("no event within 5 s");
		exit(FAIL);
	}
	n = read(fd, ev, max * EV_SIZE);

	*err = n < 0 ? -errno : 0;
	if (n < 0)
		return 0;
	if (n % EV_SIZE) {
		diag("read returned %zd bytes, not whole records", n);
		exit(FAIL);
	}
	return n / EV_SIZE;
}

static uint8_t *anon(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		diag("mmap %zu: %s", len, strerror(errno));
		exit(FAIL);
	}
	return p;
}

/* VmPin of this process, in KiB. */
static long vm_pin_kib(void)
{
	char line[128];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmPin: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/* The number in file @path, or -1. */
static long long read_ll(const char *path)
{
	long long v = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* A sysfs counter of channel @chan, or -1. */
static long long sysfs_u64(const char *chan, const char *attr)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/class/dma/%.63s/%.63s", chan, attr);
	return read_ll(path);
}

/* Buffers */

/*
 * A streaming buffer changes hands with BUF_SYNC: fill it as the CPU, copy
 * it page by page (a page is always contiguous), read the copy back.
 */
static int t_streaming_roundtrip(const void *param)
{
	const size_t len = 16 * page_size;
	struct dmactl_buf_alloc a, b;
	struct dmactl_job jobs[16];
	struct dmactl_submit sub;
	uint8_t *src, *dst;
	size_t i;
	int fd;

	(void)param;
	fd = dev_open();
	chan_get(fd, NULL);
	MUST(buf_alloc_type(fd, DMACTL_BUF_STREAMING, len, NULL, &a));
	MUST(buf_alloc_type(fd, DMACTL_BUF_STREAMING, len, NULL, &b));
	if (!OK(a.mmap_offset && b.mmap_offset, "no mmap offset"))
		return FAIL;
	src = buf_map(fd, a.id, len);
	dst = buf_map(fd, b.id, len);
	/* Freshly allocated pages are zero. */
	MUST(buf_sync(fd, a.id, DMACTL_SYNC_FOR_CPU));
	for (i = 0; i < len; i++)
		if (!OK(!src[i], "byte %zu of a new buffer is %u", i, src[i]))
			return FAIL;
	for (i = 0; i < len; i++) {
		src[i] = src_byte(i);
		dst[i] = untouched_byte(i);
	}
	MUST(buf_sync(fd, a.id, DMACTL_SYNC_FOR_DEVICE));
	MUST(buf_sync(fd, b.id, DMACTL_SYNC_FOR_DEVICE));
	for (i = 0; i < 16; i++)
		jobs[i] = job_memcpy(a.id, i * page_size, b.id,
				     (15 - i) * page_size, page_size);
	MUST(submit(fd, jobs, 16, DMACTL_SUBMIT_ISSUE, &sub));
	if (!OK(sub.submitted == 16, "submitted %u", sub.submitted))
		return FAIL;
	if (!OK_ERR(wait_job(fd, 0, DMACTL_WAIT_ALL, WAIT_NS), 0))
		return FAIL;
	MUST(buf_sync(fd, b.id, DMACTL_SYNC_FOR_CPU));
	for (i = 0; i < 16; i++)
		if (!OK(!memcmp(dst + (15 - i) * page_size,
				src + i * page_size, page_size),
			"page %zu differs", i))
			return FAIL;
	return no_kernel_pointers(&a, sizeof(a), "buf_alloc");
}

static int t_streaming_mmap_rules(const void *param)
{
	struct dmactl_buf_alloc a;
	void *p;
	int fd;

	(void)param;
	fd = dev_open();
	chan_get(fd, NULL);
	MUST(buf_alloc_type(fd, DMACTL_BUF_STREAMING, 2 * page_size + 1,
			    NULL, &a));
	/* Whole pages: three of them, not four. */
	p = mmap(NULL, 3 * page_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 a.mmap_offset);
	if (!OK(p != MAP_FAILED, "mmap 3 pages: %s", strerror(errno)))
		return FAIL;
	p = mmap(NULL, 4 * page_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 a.mmap_offset);
	if (!OK(p == MAP_FAILED && errno == EINVAL, "mmap 4 pages: %s",
		p == MAP_FAILED ? strerror(errno) : "mapped"))
		return FAIL;
	p = mmap(NULL, page_size, PROT_READ, MAP_PRIVATE, fd, a.mmap_offset);
	if (!OK(p == MAP_FAILED && errno == EINVAL, "private mapping: %s",
		p == MAP_FAILED ? strerror(errno) : "mapped"))
		return FAIL;
	/* Mapped: not freed. */
	return OK_ERR(buf_free(fd, a.id), EBUSY) ? PASS : FAIL;
}

static int t_buf_sync_rules(const void *param)
{
	struct dmactl_buf_sync bs = { .size = sizeof(bs) };
	uint32_t coherent;
	int fd;

	(void)param;
	fd = dev_open();
	bs.flags = DMACTL_SYNC_FOR_CPU;
	bs.id = 1;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_SYNC, &bs), ENXIO))
		return FAIL;
	chan_get(fd, NULL);
	coherent = buf_new(fd, page_size);
	bs.id = coherent;
	bs.flags = 0;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_SYNC, &bs), EINVAL))
		return FAIL;
	bs.flags = DMACTL_SYNC_FOR_CPU | DMACTL_SYNC_FOR_DEVICE;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_SYNC, &bs), EINVAL))
		return FAIL;
	bs.flags = DMACTL_SYNC_FOR_DEVICE;
	bs.id = coherent + 1;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_SYNC, &bs), ENOENT))
		return FAIL;
	/* Coherent memory needs no sync: a no-op that succeeds. */
	bs.id = coherent;
	return OK_ERR(xioctl(fd, DMACTL_IOC_BUF_SYNC, &bs), 0) ? PASS : FAIL;
}

/*
 * User memory at an odd address spanning pages: the copy goes piece by
 * piece, each within one page of both buffers, and lands in the caller's
 * own memory.  The pages are counted in VmPin while registered.
 */
static int t_user_unaligned_multipage(const void *param)
{
	const size_t off = 13, len = 3 * page_size + 100;
	struct dmactl_buf_alloc a, b;
	struct dmactl_job j;
	uint8_t *src, *dst;
	long pin0, pin1;
	size_t i, pos, piece;
	uint64_t id;
	int fd;

	(void)param;
	src = anon(5 * page_size) + off;
	dst = anon(5 * page_size) + off;
	for (i = 0; i < len; i++) {
		src[i] = src_byte(i);
		dst[i] = untouched_byte(i);
	}
	fd = dev_open();
	chan_get(fd, NULL);
	pin0 = vm_pin_kib();
	MUST(buf_alloc_type(fd, DMACTL_BUF_USER, len, src, &a));
	MUST(buf_alloc_type(fd, DMACTL_BUF_USER, len, dst, &b));
	pin1 = vm_pin_kib();
	if (!OK(a.mmap_offset == 0, "user buffer with an mmap offset"))
		return FAIL;
	if (!OK(pin1 - pin0 == 2 * 4 * page_size / 1024,
		"VmPin grew by %ld kB, want %ld", pin1 - pin0,
		2 * 4 * page_size / 1024))
		return FAIL;

	for (pos = 0; pos < len; pos += piece) {
		piece = page_size - (off + pos) % page_size;
		if (piece > len - pos)
			piece = len - pos;
		j = job_memcpy(a.id, pos, b.id, pos, piece);
		id = submit_one(fd, &j, DMACTL_SUBMIT_ISSUE);
		if (!OK_ERR(wait_job(fd, id, 0, WAIT_NS), 0))
			return FAIL;
	}
	MUST(buf_sync(fd, b.id, DMACTL_SYNC_FOR_CPU));
	for (i = 0; i < len; i++)
		if (!OK(dst[i] == src_byte(i), "dst[%zu] = 0x%02x", i, dst[i]))
			return FAIL;
	/* Bytes around the buffer are the caller's, never touched. */
	if (!OK(dst[-1] == 0 && dst[len] == 0, "outside the buffer written"))
		return FAIL;

	MUST(buf_free(fd, a.id));
	MUST(buf_free(fd, b.id));
	if (!OK(vm_pin_kib() == pin0, "VmPin %ld kB after free, was %ld",
		vm_pin_kib(), pin0))
		return FAIL;
	return PASS;
}

/*
 * The pages stay pinned when the caller unmaps them: DMA into them
 * completes, and closing the file frees them.
 */
static int t_user_munmap_before_close(const void *param)
{
	const size_t len = 4 * page_size;
	struct dmactl_buf_alloc u;
	uint8_t *mem;
	struct setup su;
	uint64_t id;
	struct dmactl_job j;

	(void)param;
	setup_bufs(&su, len);
	fill(&su);
	mem = anon(len);
	memset(mem, 0x11, len);
	MUST(buf_alloc_type(su.fd, DMACTL_BUF_USER, len, mem, &u));
	if (!OK(!munmap(mem, len), "munmap: %s", strerror(errno)))
		return FAIL;
	j = job_memcpy(su.src, 0, u.id, 0, page_size);
	id = submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	/* And back: the pinned page kept what the DMA wrote. */
	j = job_memcpy(u.id, 0, su.dst, 0, page_size);
	id = submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	if (verify(&su, 0, 0, page_size))
		return FAIL;
	if (!OK(vm_pin_kib() == (long)(len / 1024), "VmPin %ld kB",
		vm_pin_kib()))
		return FAIL;
	/* The mappings hold the file open. */
	munmap(su.src_map, su.len);
	munmap(su.dst_map, su.len);
	close(su.fd);
	return OK(vm_pin_kib() == 0, "VmPin %ld kB after close",
		  vm_pin_kib()) ? PASS : FAIL;
}

static int t_user_buf_rules(const void *param)
{
	struct dmactl_buf_alloc ba = { .size = sizeof(ba) }, sb;
	uint8_t *mem, *ro;
	int fd, ret;

	(void)param;
	fd = dev_open();
	chan_get(fd, NULL);
	mem = anon(2 * page_size);
	ba.type = DMACTL_BUF_USER;
	ba.length = page_size;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EINVAL))
		return FAIL;
	ba.type = DMACTL_BUF_COHERENT;
	ba.user_addr = (uintptr_t)mem;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EINVAL))
		return FAIL;
	ba.type = DMACTL_BUF_STREAMING;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EINVAL))
		return FAIL;
	ba.type = DMACTL_BUF_USER;
	ba.length = 0;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EINVAL))
		return FAIL;
	/* The device writes to it: read-only memory cannot be pinned. */
	ro = mmap(NULL, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		  0);
	ba.user_addr = (uintptr_t)ro;
	ba.length = page_size;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EFAULT))
		return FAIL;
	/* Half mapped. */
	munmap(mem + page_size, page_size);
	ba.user_addr = (uintptr_t)mem;
	ba.length = 2 * page_size;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EFAULT))
		return FAIL;
	ba.user_addr = ~0ULL - 10;
	ba.length = 100;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EFAULT))
		return FAIL;
	/* A kernel address is no user memory. */
	ba.user_addr = 0xffff888000000000ULL;
	ba.length = page_size;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EFAULT))
		return FAIL;
	ba.user_addr = (uintptr_t)mem;
	ba.length = page_size;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), 0))
		return FAIL;
	/* A page is in one buffer at a time: no overlapping DMA mappings. */
	ba.user_addr = (uintptr_t)mem + page_size / 2;
	ba.length = 1;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba), EBUSY))
		return FAIL;
	/* Nor may a streaming buffer be registered as user memory. */
	MUST(buf_alloc_type(fd, DMACTL_BUF_STREAMING, page_size, NULL, &sb));
	ro = mmap(NULL, page_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		  sb.mmap_offset);
	ba.user_addr = (uintptr_t)ro;
	ba.length = page_size;
	ret = xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba);
	if (!OK(ret == -EBUSY || ret == -EFAULT, "streaming memory: %s",
		strerror(-ret)))
		return FAIL;
	/* Not mapped through the device: mmap offset 0 is no buffer. */
	if (!OK(mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, 0) ==
		MAP_FAILED, "mmap of offset 0 worked"))
		return FAIL;
	return PASS;
}

static int t_user_pin_limit(const void *param)
{
	struct dmactl_buf_alloc ba;
	struct dmactl_info info;
	size_t half;
	uint8_t *mem;
	int fd;

	(void)param;
	fd = dev_open();
	info = get_info(fd);
	chan_get(fd, NULL);
	if (info.max_pin_bytes > 256ULL << 20)
		return skip("max_pin_bytes %" PRIu64 " is more than the test pins",
			    (uint64_t)info.max_pin_bytes);
	half = info.max_pin_bytes / 2 / page_size * page_size;
	mem = anon(info.max_pin_bytes + 2 * page_size);
	if (!OK_ERR(buf_alloc_type(fd, DMACTL_BUF_USER,
				   info.max_pin_bytes + 1, mem, NULL), ENOSPC))
		return FAIL;
	MUST(buf_alloc_type(fd, DMACTL_BUF_USER, half, mem, &ba));
	/* What is left, but one byte into a page: one page too many. */
	if (!OK_ERR(buf_alloc_type(fd, DMACTL_BUF_USER,
				   info.max_pin_bytes - half, mem + half + 1,
				   NULL), ENOSPC))
		return FAIL;
	if (!OK_ERR(buf_alloc_type(fd, DMACTL_BUF_USER,
				   info.max_pin_bytes - half, mem + half,
				   NULL), 0))
		return FAIL;
	if (!OK_ERR(buf_alloc_type(fd, DMACTL_BUF_USER, 1, mem, NULL), ENOSPC))
		return FAIL;
	/* Freeing gives the room back. */
	MUST(buf_free(fd, ba.id));
	return OK_ERR(buf_alloc_type(fd, DMACTL_BUF_USER, half, mem, NULL), 0) ?
	       PASS : FAIL;
}

static int t_streaming_limits(const void *param)
{
	struct dmactl_info info;
	int fd;

	(void)param;
	fd = dev_open();
	info = get_info(fd);
	chan_get(fd, NULL);
	if (!OK_ERR(buf_alloc_type(fd, DMACTL_BUF_STREAMING,
				   info.max_buf_bytes + 1, NULL, NULL), ENOSPC))
		return FAIL;
	return OK_ERR(buf_alloc_type(fd, DMACTL_BUF_STREAMING,
				     info.max_buf_bytes, NULL, NULL), 0) ?
	       PASS : FAIL;
}

/* Validation of the new job types and flags */

/* A rule: the job with one field set to @value fails with @err. */
struct rule {
	size_t off, size;
	uint64_t value;
	int err;
};

/* For __u32 and __u64 fields of struct dmactl_job. */
#define RULE32(field, val, e) { offsetof(struct dmactl_job, field), 4, (val), (e) }
#define RULE64(field, val, e) { offsetof(struct dmactl_job, field), 8, (val), (e) }

static int check_rules(int fd, const struct dmactl_job *base,
		       const struct rule *r, size_t n)
{
	struct dmactl_job j;
	uint32_t v32;
	size_t i;

	for (i = 0; i < n; i++) {
		j = *base;
		v32 = r[i].value;
		memcpy((char *)&j + r[i].off,
		       r[i].size == 4 ? (void *)&v32 : (void *)&r[i].value,
		       r[i].size);
		if (submit_fails(fd, &j, r[i].err)) {
			diag("rule %zu: field at %zu = 0x%" PRIx64, i, r[i].off,
			     r[i].value);
			return FAIL;
		}
	}
	return PASS;
}

/* Fields a memcpy job does not use must be zero. */
static int t_job_fields_unused(const void *param)
{
	struct setup su;

	(void)param;
	setup_bufs(&su, page_size);
	const struct rule r[] = {
		RULE32(direction, DMACTL_DIR_MEM_TO_DEV, EINVAL),
		RULE32(value, 1, EINVAL),
		RULE32(count, 1, EINVAL),
		RULE64(list, (uintptr_t)&su, EINVAL),
		RULE64(period_len, 8, EINVAL),
		RULE64(frames, 1, EINVAL),
		RULE64(reserved[0], 1, EINVAL),
	};

	return check_rules(su.fd, &su.job, r, ARRAY_SIZE(r));
}

/* A version 1 caller's 64-byte jobs still work. */
static int t_job_size_ver0(const void *param)
{
	struct dmactl_submit sub = { .size = sizeof(sub) };
	struct setup su;

	(void)param;
	setup_bufs(&su, page_size);
	fill(&su);
	sub.flags = DMACTL_SUBMIT_ISSUE;
	sub.count = 1;
	sub.job_size = DMACTL_JOB_SIZE_VER0;
	sub.jobs = (uintptr_t)&su.job;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_SUBMIT, &sub), 0))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, sub.first_id, 0, WAIT_NS), 0))
		return FAIL;
	return verify(&su, 0, 0, page_size);
}

static int t_job_flag_rules(const void *param)
{
	struct setup su;

	(void)param;
	setup_bufs(&su, page_size);
	const struct rule r[] = {
		/* Without a callback nobody would acknowledge it. */
		RULE32(flags, DMACTL_JOB_NO_INTERRUPT | DMACTL_JOB_DEFER_ACK,
		       EINVAL),
		/* Nor say when the provider is done with it. */
		RULE32(flags, DMACTL_JOB_NO_INTERRUPT | DMACTL_JOB_REUSE,
		       EINVAL),
		RULE32(flags, DMACTL_JOB_REPEAT, EINVAL),
		RULE32(flags, DMACTL_JOB_DST_SGL, EINVAL),
		RULE32(flags, DMACTL_JOB_LOAD_EOT,
		       su.ci.caps & CAP(LOAD_EOT) ? 0 : EOPNOTSUPP),
		RULE32(flags, DMACTL_JOB_REUSE,
		       su.ci.slave_flags & DMACTL_SLAVE_DESC_REUSE ? 0 :
		       EOPNOTSUPP),
	};

	return check_rules(su.fd, &su.job, r, ARRAY_SIZE(r));
}

/*
 * The rules of a job type: @fields first, then, if the channel has the
 * capability, @needs_cap; without it the valid job fails EOPNOTSUPP.
 */
static int type_rules(const struct setup *su, const struct dmactl_job *base,
		      uint64_t cap, const struct rule *fields, size_t nf,
		      const struct rule *needs_cap, size_t nc)
{
	if (check_rules(su->fd, base, fields, nf))
		return FAIL;
	if (!(su->ci.caps & cap))
		return submit_fails(su->fd, base, EOPNOTSUPP);
	return check_rules(su->fd, base, needs_cap, nc);
}

static int t_memset_rules(const void *param)
{
	struct dmactl_job base = job_of(DMACTL_JOB_MEMSET);
	struct setup su;

	(void)param;
	setup_bufs(&su, page_size);
	base.dst_buf = su.dst;
	base.len = page_size;
	base.value = 0xa5;
	const struct rule fields[] = {
		RULE32(value, 256, EINVAL),
		RULE64(len, 0, EINVAL),
		RULE32(src_buf, su.src, EINVAL),
	};
	const struct rule needs_cap[] = {
		RULE32(dst_buf, su.dst + su.src, ENOENT),
		RULE64(dst_off, 1, EINVAL),
	};

	return type_rules(&su, &base, CAP(MEMSET), fields, ARRAY_SIZE(fields),
			  needs_cap, ARRAY_SIZE(needs_cap));
}

static int t_memset_verified(const void *param)
{
	struct dmactl_job j = job_of(DMACTL_JOB_MEMSET);
	const size_t off = 7, len = 3 * page_size - 20;
	struct setup su;
	uint64_t id;
	size_t i;

	(void)param;
	su.fd = open_with(CAP(MEMSET), NULL);
	su.len = 3 * page_size;
	su.dst = buf_new(su.fd, su.len);
	su.dst_map = buf_map(su.fd, su.dst, su.len);
	for (i = 0; i < su.len; i++)
		su.dst_map[i] = untouched_byte(i);
	j.dst_buf = su.dst;
	j.dst_off = off;
	j.len = len;
	j.value = 0xc3;
	id = submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	for (i = 0; i < su.len; i++) {
		uint8_t want = i >= off && i < off + len ? 0xc3 :
			       untouched_byte(i);

		if (!OK(su.dst_map[i] == want, "byte %zu is 0x%02x, want 0x%02x",
			i, su.dst_map[i], want))
			return FAIL;
	}
	return PASS;
}

static int t_sg_rules(const void *param)
{
	struct dmactl_sg_entry e[1] = { { 0 } };
	struct dmactl_job j, base = job_of(DMACTL_JOB_SG);
	struct dmactl_info info;
	struct setup su;
	size_t i;

	(void)param;
	setup_bufs(&su, page_size);
	info = get_info(su.fd);
	e[0].buf = su.src;
	e[0].len = page_size;
	base.direction = DMACTL_DIR_MEM_TO_DEV;
	base.list = (uintptr_t)e;
	base.count = 1;
	const struct rule fields[] = {
		RULE32(direction, DMACTL_DIR_DEV_TO_DEV, EINVAL),
		RULE32(direction, 4, EINVAL),
		RULE32(count, 0, EINVAL),
		RULE32(count, info.max_sg_entries + 1, EINVAL),
		RULE64(list, 0, EINVAL),
		RULE64(len, page_size, EINVAL),
		RULE32(src_buf, su.src, EINVAL),
		/* Memory to memory needs DMA_MEMCPY_SG, Linux 6.1 lacks it. */
		RULE32(direction, DMACTL_DIR_MEM_TO_MEM, EOPNOTSUPP),
	};
	const struct rule needs_cap[] = {
		RULE64(list, 8, EFAULT),
	};
	/* The entries are looked at once the channel can do the job. */
	const struct dmactl_sg_entry bad[] = {
		{ .buf = su.src, .reserved = 1, .len = page_size },
		{ .buf = su.src + su.dst, .len = page_size },
		{ .buf = su.src, .len = 0 },
		{ .buf = su.src, .len = page_size + 1 },
		{ .buf = su.src, .off = ~0ULL, .len = 2 },
	};
	const int bad_err[] = { EINVAL, ENOENT, EINVAL, EINVAL, EINVAL };

	if (type_rules(&su, &base, CAP(SLAVE), fields, ARRAY_SIZE(fields),
		       needs_cap, ARRAY_SIZE(needs_cap)))
		return FAIL;
	if (!(su.ci.caps & CAP(SLAVE)))
		return PASS;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		j = base;
		e[0] = bad[i];
		if (submit_fails(su.fd, &j, bad_err[i])) {
			diag("sg entry rule %zu", i);
			return FAIL;
		}
	}
	return PASS;
}

static int t_cyclic_rules(const void *param)
{
	struct dmactl_job base = job_of(DMACTL_JOB_CYCLIC);
	struct setup su;

	(void)param;
	setup_bufs(&su, page_size);
	base.direction = DMACTL_DIR_MEM_TO_DEV;
	base.src_buf = su.src;
	base.len = page_size;
	base.period_len = page_size / 4;
	const struct rule fields[] = {
		RULE32(direction, DMACTL_DIR_MEM_TO_MEM, EINVAL),
		RULE64(period_len, 0, EINVAL),
		RULE64(period_len, page_size / 4 + 1, EINVAL),
		RULE64(len, 0, EINVAL),
		/* The buffer is on the memory side: the source here. */
		RULE32(dst_buf, su.dst, EINVAL),
		RULE32(flags, DMACTL_JOB_NO_INTERRUPT, EINVAL),
	};
	const struct rule needs_cap[] = {
		RULE64(src_off, 1, EINVAL),
		RULE32(src_buf, su.src + su.dst, ENOENT),
	};

	return type_rules(&su, &base, CAP(CYCLIC), fields, ARRAY_SIZE(fields),
			  needs_cap, ARRAY_SIZE(needs_cap));
}

static int t_interleaved_rules(const void *param)
{
	struct dmactl_chunk c[2] = { { .size = 64, .icg = 64 },
				     { .size = 64, .icg = 64 } };
	struct dmactl_job j, base = job_of(DMACTL_JOB_INTERLEAVED);
	struct dmactl_info info;
	struct setup su;

	(void)param;
	setup_bufs(&su, page_size);
	info = get_info(su.fd);
	base.direction = DMACTL_DIR_MEM_TO_MEM;
	base.flags = DMACTL_JOB_SRC_INC | DMACTL_JOB_DST_INC |
		     DMACTL_JOB_SRC_SGL;
	base.src_buf = su.src;
	base.dst_buf = su.dst;
	base.list = (uintptr_t)c;
	base.count = 2;
	base.frames = 4;
	const struct rule fields[] = {
		RULE32(direction, DMACTL_DIR_DEV_TO_DEV, EINVAL),
		RULE64(frames, 0, EINVAL),
		RULE32(count, 0, EINVAL),
		RULE32(count, info.max_sg_entries + 1, EINVAL),
		RULE64(len, 512, EINVAL),
		/* Memory sides must increment. */
		RULE32(flags, base.flags & ~DMACTL_JOB_DST_INC, EINVAL),
	};
	const struct rule needs_cap[] = {
		/* 4 frames of 256 bytes on the source side: one too many. */
		RULE64(frames, page_size / 256 + 1, EINVAL),
		RULE64(frames, ~0ULL / 2, EINVAL),
		RULE64(list, 8, EFAULT),
	};

	if (type_rules(&su, &base, CAP(INTERLEAVE), fields,
		       ARRAY_SIZE(fields), needs_cap, ARRAY_SIZE(needs_cap)))
		return FAIL;
	/* A device side takes its address from a slave config, none yet. */
	j = base;
	j.direction = DMACTL_DIR_MEM_TO_DEV;
	j.dst_buf = 0;
	j.flags &= ~DMACTL_JOB_DST_INC;
	if (submit_fails(su.fd, &j, EINVAL))
		return FAIL;
	if (!(su.ci.caps & CAP(INTERLEAVE)))
		return PASS;
	c[1].size = 0;
	if (submit_fails(su.fd, &base, EINVAL))
		return FAIL;
	c[1].size = 64;
	c[0].src_icg = ~0ULL;
	return submit_fails(su.fd, &base, EINVAL);
}

/*
 * Interleaved against a CPU reference: 8 frames of three chunks with
 * gaps on the source side, packed on the destination side.
 */
static int t_interleaved_verified(const void *param)
{
	const struct dmactl_chunk c[3] = {
		{ .size = 5, .icg = 3 }, { .size = 16, .icg = 0 },
		{ .size = 7, .src_icg = 11 },
	};
	struct dmactl_job j = job_of(DMACTL_JOB_INTERLEAVED);
	const size_t frames = 8, soff = 3, doff = 9;
	size_t f, k, s, d, i;
	struct dmactl_job_status st;
	struct setup su;
	uint8_t *ref;
	uint64_t id;

	(void)param;
	su.fd = open_with(CAP(INTERLEAVE), NULL);
	su.len = page_size;
	su.src = buf_new(su.fd, su.len);
	su.dst = buf_new(su.fd, su.len);
	su.src_map = buf_map(su.fd, su.src, su.len);
	su.dst_map = buf_map(su.fd, su.dst, su.len);
	fill(&su);
	ref = malloc(su.len);
	if (!ref)
		return FAIL;
	for (i = 0; i < su.len; i++)
		ref[i] = untouched_byte(i);
	s = soff;
	d = doff;
	for (f = 0; f < frames; f++)
		for (k = 0; k < 3; k++) {
			memcpy(ref + d, su.src_map + s, c[k].size);
			s += c[k].size + (c[k].src_icg ? c[k].src_icg : c[k].icg);
			d += c[k].size;
		}

	j.direction = DMACTL_DIR_MEM_TO_MEM;
	j.flags = DMACTL_JOB_SRC_INC | DMACTL_JOB_DST_INC | DMACTL_JOB_SRC_SGL;
	j.src_buf = su.src;
	j.src_off = soff;
	j.dst_buf = su.dst;
	j.dst_off = doff;
	j.list = (uintptr_t)c;
	j.count = 3;
	j.frames = frames;
	id = submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	st = stat1(su.fd, id);
	if (!OK(st.len == frames * 28 && st.type == DMACTL_JOB_INTERLEAVED,
		"len %" PRIu64 " type %u", (uint64_t)st.len, st.type))
		return FAIL;
	for (i = 0; i < su.len; i++)
		if (!OK(su.dst_map[i] == ref[i], "dst[%zu] 0x%02x, want 0x%02x",
			i, su.dst_map[i], ref[i]))
			return FAIL;
	return PASS;
}

static int t_slave_config_rules(const void *param)
{
	struct dmactl_slave_config c = { 0 }, base = { 0 };
	struct dmactl_info info;
	uint8_t blob[8] = { 1, 2, 3 };
	int fd, ret;

	(void)param;
	fd = dev_open();
	info = get_info(fd);
	slave_config_tx(&base);
	if (!OK_ERR(slave_config(fd, &base), ENXIO))
		return FAIL;
	chan_get(fd, NULL);
	c = base;
	c.direction = DMACTL_DIR_DEV_TO_DEV + 1;
	if (!OK_ERR(slave_config(fd, &c), EINVAL))
		return FAIL;
	c = base;
	c.src_addr_width = 5;
	if (!OK_ERR(slave_config(fd, &c), EINVAL))
		return FAIL;
	c = base;
	c.dst_addr_width = 256;
	if (!OK_ERR(slave_config(fd, &c), EINVAL))
		return FAIL;
	c = base;
	c.peripheral_config = (uintptr_t)blob;
	if (!OK_ERR(slave_config(fd, &c), EINVAL))
		return FAIL;
	/* The rest reaches the provider, which must take a configuration. */
	ret = slave_config(fd, &base);
	if (ret == -EOPNOTSUPP)
		return skip("%s has no device_config (EOPNOTSUPP): the bridge's checks passed",
			    chan_info(fd).chan_name);
	c = base;
	c.peripheral_config_len = sizeof(blob);
	if (!OK_ERR(slave_config(fd, &c), EINVAL))
		return FAIL;
	c.peripheral_config = (uintptr_t)blob;
	c.peripheral_config_len = info.max_config_bytes + 1;
	if (!OK_ERR(slave_config(fd, &c), EINVAL))
		return FAIL;
	c.peripheral_config = 8;
	c.peripheral_config_len = sizeof(blob);
	if (!OK_ERR(slave_config(fd, &c), EFAULT))
		return FAIL;
	/*
	 * Copied in before the provider sees it; kernels before 5.12 have
	 * no way to pass it on.
	 */
	c.peripheral_config = (uintptr_t)blob;
	ret = slave_config(fd, &c);
	if (!OK(!ret || ret == -EINVAL || ret == -EOPNOTSUPP,
		"with a blob: %s", strerror(-ret)))
		return FAIL;
	/* Valid, and again: a configuration replaces the last one. */
	c = base;
	if (!OK_ERR(slave_config(fd, &c), 0))
		return FAIL;
	return OK_ERR(slave_config(fd, &c), 0) ? PASS : FAIL;
}

/* What the provider refuses comes back with the provider's errno. */
static int t_slave_config_provider_errno(const void *param)
{
	struct dmactl_slave_config c = { 0 };
	struct dmactl_chan_info ci;
	int fd;

	(void)param;
	fd = dev_open();
	chan_get(fd, NULL);
	ci = chan_info(fd);
	if (ci.slave_caps_errno)
		return skip("%s reports no bus widths", ci.chan_name);
	/* 3 bytes is a width the ABI knows. */
	if (ci.dst_addr_widths & (1U << 3))
		return skip("%s supports 3-byte widths", ci.chan_name);
	slave_config_tx(&c);
	c.dst_addr_width = 3;
	return OK_ERR(slave_config(fd, &c), EINVAL) ? PASS : FAIL;
}

static int t_control_rules(const void *param)
{
	int fd = dev_open();

	(void)param;
	if (!OK_ERR(xioctl(fd, DMACTL_IOC_PAUSE, NULL), ENXIO) ||
	    !OK_ERR(xioctl(fd, DMACTL_IOC_RESUME, NULL), ENXIO) ||
	    !OK_ERR(xioctl(fd, DMACTL_IOC_SYNCHRONIZE, NULL), ENXIO) ||
	    !OK_ERR(terminate(fd, 0), ENXIO) ||
	    !OK_ERR(resubmit(fd, 1, 0), ENXIO))
		return FAIL;
	chan_get(fd, NULL);
	if (terminate(fd, 0) == -EOPNOTSUPP)
		return skip("%s has no device_terminate_all (EOPNOTSUPP)",
			    chan_info(fd).chan_name);
	/* Nothing to stop is no error. */
	if (!OK_ERR(terminate(fd, 0), 0) ||
	    !OK_ERR(terminate(fd, DMACTL_TERMINATE_ASYNC), 0) ||
	    !OK_ERR(xioctl(fd, DMACTL_IOC_SYNCHRONIZE, NULL), 0))
		return FAIL;
	return PASS;
}

static int t_resubmit_rules(const void *param)
{
	struct setup su;
	struct dmactl_job j;
	uint64_t plain, reused;

	(void)param;
	setup_bufs(&su, page_size);
	if (!(su.ci.slave_flags & DMACTL_SLAVE_DESC_REUSE))
		return skip("%s does not reuse descriptors", su.ci.chan_name);
	plain = submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	j = su.job;
	j.flags = DMACTL_JOB_REUSE;
	reused = submit_one(su.fd, &j, 0);
	if (!OK_ERR(resubmit(su.fd, reused + 1, 0), ENOENT))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, plain, 0, WAIT_NS), 0))
		return FAIL;
	if (!OK_ERR(resubmit(su.fd, plain, 0), EINVAL))
		return FAIL;
	/* Not issued, so not finished. */
	if (!OK_ERR(resubmit(su.fd, reused, 0), EBUSY))
		return FAIL;
	/* Finished, but an asynchronous terminate awaits SYNCHRONIZE. */
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_ISSUE, NULL), 0) ||
	    !OK_ERR(wait_job(su.fd, reused, 0, WAIT_NS), 0) ||
	    !OK_ERR(terminate(su.fd, DMACTL_TERMINATE_ASYNC), 0) ||
	    !OK_ERR(resubmit(su.fd, reused, 0), EBUSY) ||
	    !OK_ERR(xioctl(su.fd, DMACTL_IOC_SYNCHRONIZE, NULL), 0) ||
	    !OK_ERR(resubmit(su.fd, reused, DMACTL_SUBMIT_ISSUE), 0) ||
	    !OK_ERR(wait_job(su.fd, reused, 0, WAIT_NS), 0))
		return FAIL;
	return PASS;
}

/*
 * issue_pending starts every submitted descriptor of the channel: the
 * in-kernel loop's runs a reusable job submitted without ISSUE, which can
 * then be resubmitted though it never went through ISSUE.
 */
static int t_resubmit_after_bench(const void *param)
{
	struct setup su;
	struct dmactl_job j;
	uint64_t id;

	(void)param;
	setup_bufs(&su, page_size);
	if (!(su.ci.slave_flags & DMACTL_SLAVE_DESC_REUSE))
		return skip("%s does not reuse descriptors", su.ci.chan_name);
	j = su.job;
	j.flags = DMACTL_JOB_REUSE;
	id = submit_one(su.fd, &j, 0);
	if (!OK_ERR(bench(su.fd, &su.job, 1, 4, 0, NULL), 0) ||
	    !OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	fill(&su);
	if (!OK_ERR(resubmit(su.fd, id, DMACTL_SUBMIT_ISSUE), 0) ||
	    !OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	return verify(&su, 0, 0, page_size);
}

/* A session, its source filled, and a job @j that reuses its descriptor. */
static int setup_reuse(struct setup *su, struct dmactl_job *j)
{
	setup_bufs(su, page_size);
	if (!(su->ci.slave_flags & DMACTL_SLAVE_DESC_REUSE))
		return skip("%s does not reuse descriptors", su->ci.chan_name);
	fill(su);
	*j = su->job;
	j->flags = DMACTL_JOB_REUSE;
	return PASS;
}

/* A reused descriptor runs again and again under one job id. */
static int t_resubmit_reuse(const void *param)
{
	struct dmactl_job_status st;
	struct dmactl_event ev[8];
	struct setup su;
	struct dmactl_job j;
	uint64_t id;
	int i, n, err, ret;

	(void)param;
	ret = setup_reuse(&su, &j);
	if (ret != PASS)
		return ret;
	id = submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	for (i = 0; i < 3; i++) {
		/* Each run copies the source as it is when resubmitted. */
		if (i) {
			su.src_map[i] ^= 0xff;
			if (!OK_ERR(resubmit(su.fd, id, DMACTL_SUBMIT_ISSUE), 0))
				return FAIL;
		}
		if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
			return FAIL;
		if (!OK(!memcmp(su.dst_map, su.src_map, su.len),
			"run %d did not copy", i))
			return FAIL;
	}
	n = read_events(su.fd, ev, 8, &err);
	if (!OK(n == 3, "%d events", n))
		return FAIL;
	for (i = 0; i < n; i++)
		if (!OK(ev[i].job_id == id &&
			ev[i].type == DMACTL_EVENT_COMPLETE, "event %d", i))
			return FAIL;
	/* Finished, it still holds its buffers: it can run again. */
	munmap(su.src_map, su.len);
	if (!OK_ERR(buf_free(su.fd, su.src), EBUSY))
		return FAIL;
	/* Released, its descriptor is freed and the buffers with it. */
	MUST(status(su.fd, id, 1, DMACTL_STATUS_RELEASE, &st));
	return OK_ERR(buf_free(su.fd, su.src), 0) ? PASS : FAIL;
}

/*
 * The provider parks a reusable descriptor after its callback returns, and
 * WAIT wakes as soon as the callback has run: each RESUBMIT and release
 * here comes as early as userspace can make it, inside that window unless
 * the bridge waits it out.  A provider that checks (vdma) refuses the
 * early submit, and the bridge returns EIO; one that does not corrupts
 * its lists.
 */
static int t_resubmit_at_completion(const void *param)
{
	struct dmactl_job_status st;
	struct setup su;
	struct dmactl_job j;
	uint64_t id;
	int i, ret;

	(void)param;
	ret = setup_reuse(&su, &j);
	if (ret != PASS)
		return ret;
	id = submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	for (i = 1; i <= 2000; i++) {
		if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
			return FAIL;
		if (i % 50) {
			if (!OK_ERR(resubmit(su.fd, id, DMACTL_SUBMIT_ISSUE),
				    0))
				return FAIL;
			continue;
		}
		/* Released, the descriptor is freed in the same window. */
		MUST(status(su.fd, id, 1, DMACTL_STATUS_RELEASE, &st));
		id = submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	}
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	return verify(&su, 0, 0, page_size);
}

/*
 * A provider that cannot terminate is let finish the session's jobs at
 * close, which on a paused channel they never would: the bridge resumes
 * it.  The close runs in a child, for without that it never returns.
 * vdma-personality.sh runs this on a channel that pauses and cannot
 * terminate.
 */
static int t_close_paused_unterminable(const void *param)
{
	struct setup su;
	uint32_t flags;
	pid_t pid;
	int st, i;

	(void)param;
	setup_bufs(&su, page_size);
	flags = su.ci.slave_flags;
	munmap(su.src_map, su.len);
	munmap(su.dst_map, su.len);
	close(su.fd);
	if (!(flags & DMACTL_SLAVE_PAUSE) || !(flags & DMACTL_SLAVE_RESUME) ||
	    (flags & DMACTL_SLAVE_TERMINATE))
		return skip("%s does not pause, resume and fail to terminate",
			    su.ci.chan_name);
	pid = fork();
	if (!pid) {
		/*
		 * A close that never returns must not hold the harness's
		 * pipes: it would wait for their end too.
		 */
		for (i = 0; i < 1024; i++)
			close(i);
		if (open("/dev/null", O_RDWR) != 0 || dup(0) != 1 ||
		    dup(0) != 2)
			_exit(1);
		setup_bufs(&su, page_size);
		fill(&su);
		submit_one(su.fd, &su.job, 0);
		MUST(xioctl(su.fd, DMACTL_IOC_PAUSE, NULL));
		munmap(su.src_map, su.len);
		munmap(su.dst_map, su.len);
		close(su.fd);
		_exit(0);
	}
	for (i = 0; i < 200; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return OK(WIFEXITED(st) && !WEXITSTATUS(st),
				  "status %#x", st) ? PASS : FAIL;
		usleep(100 * 1000);
	}
	return OK(0, "close did not return in 20 s") ? PASS : FAIL;
}

/*
 * A callback may come after its session closed: a threaded handler that
 * the scheduler delayed past the termination (vdma's completion=thread
 * with delay_us).  It must reach nothing, above all not a job of a later
 * session, which it would complete though that job never ran.
 * vdma-personality.sh runs this on a channel whose callbacks come 200 ms
 * late and whose provider cannot synchronize.
 */
static int t_stale_callback(const void *param)
{
	struct setup su;
	uint64_t id;

	(void)param;
	setup_bufs(&su, page_size);
	submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	/* The copy is done long before; its callback may not be. */
	usleep(50 * 1000);
	munmap(su.src_map, su.len);
	munmap(su.dst_map, su.len);
	close(su.fd);

	setup_bufs(&su, page_size);
	id = submit_one(su.fd, &su.job, 0);
	return OK_ERR(wait_job(su.fd, id, 0, 500 * 1000 * 1000ULL),
		      ETIMEDOUT) ? PASS : FAIL;
}

static int t_bench_rules(const void *param)
{
	struct dmactl_bench b;
	struct dmactl_info info;
	struct setup su;
	struct dmactl_job j;

	(void)param;
	setup_bufs(&su, page_size);
	info = get_info(su.fd);
	if (!OK_ERR(bench(su.fd, &su.job, 0, 1, 0, NULL), EINVAL) ||
	    !OK_ERR(bench(su.fd, &su.job, info.max_batch + 1, 1, 0, NULL),
		    EINVAL) ||
	    !OK_ERR(bench(su.fd, &su.job, 1, 0, 0, NULL), EINVAL))
		return FAIL;
	j = su.job;
	j.flags = DMACTL_JOB_NO_INTERRUPT;
	if (!OK_ERR(bench(su.fd, &j, 1, 1, 0, NULL), EINVAL))
		return FAIL;
	j.flags = DMACTL_JOB_DEFER_ACK;
	if (!OK_ERR(bench(su.fd, &j, 1, 1, 0, NULL), EINVAL))
		return FAIL;
	j = job_of(DMACTL_JOB_CYCLIC);
	j.direction = DMACTL_DIR_MEM_TO_DEV;
	j.src_buf = su.src;
	j.len = page_size;
	j.period_len = page_size;
	if (!OK_ERR(bench(su.fd, &j, 1, 1, 0, NULL), EINVAL))
		return FAIL;
	/* The template is checked as SUBMIT would. */
	j = su.job;
	j.len = 0;
	if (!OK_ERR(bench(su.fd, &j, 1, 1, 0, NULL), EINVAL))
		return FAIL;
	memset(&b, 0, sizeof(b));
	b.size = sizeof(b);
	b.job = (uintptr_t)&su.job;
	b.job_size = DMACTL_JOB_SIZE_VER0 - 8;
	b.qdepth = 1;
	b.count = 1;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_BENCH, &b), EINVAL))
		return FAIL;
	b.job_size = sizeof(su.job);
	b.job = 8;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_BENCH, &b), EFAULT))
		return FAIL;
	b.job = (uintptr_t)&su.job;
	b.count = 0;
	b.duration_ns = 1;
	b.reserved[2] = 1;
	return OK_ERR(xioctl(su.fd, DMACTL_IOC_BENCH, &b), EINVAL) ? PASS : FAIL;
}

static int t_read_rules(const void *param)
{
	struct dmactl_event ev[2];
	struct pollfd pfd;
	struct setup su;
	uint64_t id;
	void *bad;
	ssize_t n;
	int err;

	(void)param;
	setup_bufs(&su, page_size);
	if (!OK(read(su.fd, ev, EV_SIZE - 1) < 0 && errno == EINVAL,
		"short read: %s", strerror(errno)))
		return FAIL;
	fcntl(su.fd, F_SETFL, O_NONBLOCK);
	read_events(su.fd, ev, 1, &err);
	if (!OK_ERR(err, EAGAIN))
		return FAIL;
	pfd.fd = su.fd;
	pfd.events = POLLIN;
	if (!OK(poll(&pfd, 1, 0) == 0, "readable with no event"))
		return FAIL;
	id = submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	if (!OK(poll(&pfd, 1, 5000) == 1 && (pfd.revents & POLLIN),
		"no POLLIN after a completion"))
		return FAIL;
	/* A fault loses nothing: the event is still there. */
	bad = mmap(NULL, page_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	n = read(su.fd, bad, EV_SIZE);
	if (!OK(n < 0 && errno == EFAULT, "read to a bad pointer: %zd", n))
		return FAIL;
	/* Room for one and a half: one whole record comes back. */
	n = read(su.fd, ev, EV_SIZE + EV_SIZE / 2);
	if (!OK(n == (ssize_t)EV_SIZE && ev[0].job_id == id,
		"read %zd bytes, job %" PRIu64, n, (uint64_t)ev[0].job_id))
		return FAIL;
	return PASS;
}

/* Jobs, events and control on the memcpy path */

static int t_events_complete(const void *param)
{
	struct dmactl_event ev[16];
	struct dmactl_job jobs[8];
	struct dmactl_submit sub;
	struct setup su;
	uint64_t t0;
	int i, n, got = 0, err;

	(void)param;
	setup_bufs(&su, 8 * page_size);
	for (i = 0; i < 8; i++) {
		jobs[i] = job_memcpy(su.src, i * page_size, su.dst,
				     i * page_size, page_size);
		jobs[i].user_data = 100 + i;
	}
	t0 = now_ns();
	MUST(submit(su.fd, jobs, 8, DMACTL_SUBMIT_ISSUE, &sub));
	while (got < 8) {
		n = read_events(su.fd, ev + got, 16 - got, &err);
		if (!OK_ERR(err, 0))
			return FAIL;
		got += n;
	}
	for (i = 0; i < 8; i++) {
		const struct dmactl_event *e = &ev[i];

		/* A channel completes in order. */
		if (!OK(e->job_id == sub.first_id + i && e->user_data == 100u + i,
			"event %d: job %" PRIu64 " user_data %" PRIu64, i,
			(uint64_t)e->job_id, (uint64_t)e->user_data))
			return FAIL;
		if (!OK(e->type == DMACTL_EVENT_COMPLETE &&
			e->status == DMACTL_DMA_COMPLETE &&
			e->result == DMACTL_RESULT_NOERROR && !e->residue &&
			!e->period && !e->dropped && !e->reserved0 &&
			!e->reserved, "event %d: type %u status %u result %u",
			i, e->type, e->status, e->result))
			return FAIL;
		if (!OK(t0 <= e->prep_ns && e->prep_ns <= e->submit_ns &&
			e->submit_ns <= e->issue_ns &&
			e->issue_ns <= e->complete_ns &&
			e->complete_ns <= now_ns(), "event %d: timestamps", i))
			return FAIL;
	}
	if (no_kernel_pointers(ev, 8 * EV_SIZE, "events"))
		return FAIL;
	fcntl(su.fd, F_SETFL, O_NONBLOCK);
	read_events(su.fd, ev, 1, &err);
	return OK_ERR(err, EAGAIN) ? PASS : FAIL;
}

/* A full ring drops events and counts them in the next one queued. */
static int t_events_overflow(const void *param)
{
	static struct dmactl_event ev[64];
	struct dmactl_info info;
	struct dmactl_job *jobs;
	struct setup su;
	uint32_t total, batch, done = 0, i;
	int n, err, got = 0;

	(void)param;
	setup_bufs(&su, page_size);
	info = get_info(su.fd);
	total = info.event_ring + 10;
	if (total > info.max_jobs)
		return skip("event_ring %u leaves no room in max_jobs %u",
			    info.event_ring, info.max_jobs);
	batch = info.max_batch;
	jobs = calloc(batch, sizeof(*jobs));
	if (!jobs)
		return FAIL;
	for (i = 0; i < batch; i++)
		jobs[i] = job_memcpy(su.src, 0, su.dst, 0, 64);
	while (done < total) {
		uint32_t k = total - done < batch ? total - done : batch;

		MUST(submit(su.fd, jobs, k, DMACTL_SUBMIT_ISSUE, NULL));
		MUST(wait_job(su.fd, 0, DMACTL_WAIT_ALL, WAIT_NS));
		done += k;
	}
	fcntl(su.fd, F_SETFL, O_NONBLOCK);
	for (;;) {
		n = read_events(su.fd, ev, 64, &err);
		if (err == -EAGAIN)
			break;
		if (!OK_ERR(err, 0))
			return FAIL;
		got += n;
		if (!OK(!ev[n - 1].dropped, "dropped %" PRIu64 " while queued",
			(uint64_t)ev[n - 1].dropped))
			return FAIL;
	}
	if (!OK(got == (int)info.event_ring, "read %d events, ring holds %u",
		got, info.event_ring))
		return FAIL;
	MUST(submit(su.fd, jobs, 1, DMACTL_SUBMIT_ISSUE, NULL));
	MUST(wait_job(su.fd, 0, DMACTL_WAIT_ALL, WAIT_NS));
	n = read_events(su.fd, ev, 1, &err);
	if (!OK(n == 1 && ev[0].dropped == 10, "dropped %" PRIu64 ", want 10",
		n ? (uint64_t)ev[0].dropped : 0))
		return FAIL;
	return PASS;
}

/* Without a callback a job is found complete by polling its cookie. */
static int t_no_interrupt(const void *param)
{
	struct dmactl_job_status st, two[2];
	struct dmactl_event ev;
	struct setup su;
	struct dmactl_job j;
	uint64_t id;
	int err;

	(void)param;
	setup_bufs(&su, page_size);
	fill(&su);
	j = su.job;
	j.flags = DMACTL_JOB_NO_INTERRUPT;
	id = submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	st = stat1(su.fd, id);
	if (!OK(st.state == DMACTL_STATE_COMPLETE &&
		st.result == DMACTL_RESULT_NOERROR, "state %u result %u",
		st.state, st.result))
		return FAIL;
	if (verify(&su, 0, 0, page_size))
		return FAIL;
	/* WAIT_ALL polls it too, and no event comes: there was no callback. */
	id = submit_one(su.fd, &j, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, WAIT_NS), 0))
		return FAIL;
	fcntl(su.fd, F_SETFL, O_NONBLOCK);
	read_events(su.fd, &ev, 1, &err);
	if (!OK_ERR(err, EAGAIN))
		return FAIL;
	return OK_ERR(status(su.fd, id - 1, 2, DMACTL_STATUS_RELEASE, two), 0) ?
	       PASS : FAIL;
}

struct waiter {
	int fd;
	uint64_t id;
	int ret;
	int done;
};

static void *waiter_main(void *arg)
{
	struct waiter *w = arg;

	w->ret = wait_job(w->fd, w->id, 0, 10 * WAIT_NS);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * WAIT sleeps without holding the session: while one thread waits for a
 * job that was not issued, another queries and issues it.
 */
static int t_wait_leaves_session_free(const void *param)
{
	struct dmactl_job_status st;
	struct waiter w = { 0 };
	struct setup su;
	pthread_t th;
	uint64_t t0;

	(void)param;
	setup_bufs(&su, page_size);
	w.fd = su.fd;
	w.id = submit_one(su.fd, &su.job, 0);
	if (!OK(!pthread_create(&th, NULL, waiter_main, &w), "pthread"))
		return FAIL;
	usleep(100000);
	t0 = now_ns();
	if (!OK_ERR(status(su.fd, w.id, 1, 0, &st), 0))
		return FAIL;
	if (!OK(now_ns() - t0 < 1000 * MS &&
		!__atomic_load_n(&w.done, __ATOMIC_ACQUIRE),
		"STATUS took %" PRIu64 " ms, or the waiter returned",
		(now_ns() - t0) / MS))
		return FAIL;
	/* Releasing a record a WAIT holds is refused: it is unfinished. */
	if (!OK(st.state == DMACTL_STATE_SUBMITTED, "state %u", st.state))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_ISSUE, NULL), 0))
		return FAIL;
	pthread_join(th, NULL);
	if (!OK_ERR(w.ret, 0))
		return FAIL;
	/* Released while nobody waits. */
	return OK_ERR(status(su.fd, w.id, 1, DMACTL_STATUS_RELEASE, &st), 0) ?
	       PASS : FAIL;
}

/* Terminated jobs end TERMINATED, with an event each, buffers free. */
static int check_terminated(const struct setup *su, uint64_t first, int n)
{
	struct dmactl_job_status st[8];
	struct dmactl_event ev[8];
	int i, got, err;

	MUST(status(su->fd, first, n, 0, st));
	memset(ev, 0, sizeof(ev));
	for (i = 0; i < n; i++)
		if (!OK(st[i].state == DMACTL_STATE_TERMINATED &&
			st[i].result == DMACTL_RESULT_ABORTED &&
			st[i].residue == st[i].len && st[i].complete_ns,
			"job %d: state %u result %u residue %" PRIu64, i,
			st[i].state, st[i].result, (uint64_t)st[i].residue))
			return FAIL;
	got = read_events(su->fd, ev, n, &err);
	if (!OK(got == n, "%d events for %d jobs", got, n))
		return FAIL;
	for (i = 0; i < n; i++)
		if (!OK(ev[i].type == DMACTL_EVENT_TERMINATED &&
			ev[i].job_id == first + i &&
			ev[i].result == DMACTL_RESULT_ABORTED, "event %d", i))
			return FAIL;
	if (!OK_ERR(wait_job(su->fd, 0, DMACTL_WAIT_ALL, 0), 0))
		return FAIL;
	return OK_ERR(buf_free(su->fd, su->src), EBUSY) ? PASS : FAIL;
}

static int t_terminate_sync(const void *param)
{
	struct dmactl_job jobs[4];
	struct dmactl_submit sub;
	struct setup su;
	int i, ret;

	(void)param;
	setup_bufs(&su, page_size);
	for (i = 0; i < 4; i++)
		jobs[i] = su.job;
	MUST(submit(su.fd, jobs, 4, 0, &sub));
	ret = terminate(su.fd, 0);
	if (ret == -EOPNOTSUPP)
		return skip("%s has no device_terminate_all (EOPNOTSUPP)",
			    su.ci.chan_name);
	if (!OK_ERR(ret, 0))
		return FAIL;
	if (check_terminated(&su, sub.first_id, 4))
		return FAIL;
	/* Unmapped and unused, the buffers go; the channel works on. */
	munmap(su.src_map, su.len);
	munmap(su.dst_map, su.len);
	if (!OK_ERR(buf_free(su.fd, su.src), 0))
		return FAIL;
	su.src = buf_new(su.fd, su.len);
	su.job.src_buf = su.src;
	return OK_ERR(wait_job(su.fd, submit_one(su.fd, &su.job,
						 DMACTL_SUBMIT_ISSUE), 0,
			       WAIT_NS), 0) ? PASS : FAIL;
}

static int t_terminate_async(const void *param)
{
	struct dmactl_job_status st[3];
	struct dmactl_job jobs[3];
	struct dmactl_submit sub;
	struct setup su;
	uint64_t after;
	int i;

	(void)param;
	setup_bufs(&su, page_size);
	for (i = 0; i < 3; i++)
		jobs[i] = su.job;
	MUST(submit(su.fd, jobs, 3, 0, &sub));
	i = terminate(su.fd, DMACTL_TERMINATE_ASYNC);
	if (i == -EOPNOTSUPP)
		return skip("%s has no device_terminate_all (EOPNOTSUPP)",
			    su.ci.chan_name);
	if (!OK_ERR(i, 0))
		return FAIL;
	/* Until SYNCHRONIZE, the jobs still hold their buffers. */
	MUST(status(su.fd, sub.first_id, 3, 0, st));
	for (i = 0; i < 3; i++)
		if (!OK(st[i].state < DMACTL_STATE_COMPLETE, "job %d state %u",
			i, st[i].state))
			return FAIL;
	/* A job submitted in between is not one the terminate stopped. */
	after = submit_one(su.fd, &su.job, 0);
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_SYNCHRONIZE, NULL), 0))
		return FAIL;
	st[0] = stat1(su.fd, after);
	if (!OK(st[0].state == DMACTL_STATE_SUBMITTED, "later job state %u",
		st[0].state))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_ISSUE, NULL), 0) ||
	    !OK_ERR(wait_job(su.fd, after, 0, WAIT_NS), 0))
		return FAIL;
	return check_terminated(&su, sub.first_id, 3);
}

/*
 * Pause stops a transfer between bursts: its residue stays put while
 * paused, and the jobs complete once resumed.
 */
static int t_pause_resume(const void *param)
{
	static struct dmactl_job_status st[64], held[64];
	static struct dmactl_job jobs[64];
	struct dmactl_info info;
	uint64_t first, r1, r2, t0 = now_ns();
	struct dmactl_submit sub;
	struct setup su;
	int i, n = 64, k, ret;

	(void)param;
	su.fd = dev_open();
	info = get_info(su.fd);
	chan_get(su.fd, NULL);
	su.ci = chan_info(su.fd);
	if (!(su.ci.slave_flags & DMACTL_SLAVE_PAUSE) && su.ci.slave_caps_errno)
		diag("%s reports no slave caps; trying pause anyway",
		     su.ci.chan_name);
	su.len = info.max_buf_bytes;
	if (su.len > su.ci.max_seg_size)
		su.len = su.ci.max_seg_size;
	/*
	 * A board's controller as QEMU emulates it copies a few MB/s: 64
	 * jobs of 4 MiB would outlast the wait for their completion.
	 */
	if (strcmp(test_driver(), "vdma") && su.len > 256 * 1024)
		su.len = 256 * 1024;
	su.len &= ~(copy_unit(&su.ci) - 1);
	su.src = buf_new(su.fd, su.len);
	su.dst = buf_new(su.fd, su.len);
	for (i = 0; i < n; i++)
		jobs[i] = job_memcpy(su.src, 0, su.dst, 0, su.len);
	/* A provider with a pool of descriptors may take fewer. */
	MUST(submit(su.fd, jobs, n, DMACTL_SUBMIT_ISSUE, &sub));
	if (sub.submitted < (uint32_t)n)
		diag("%s took %u of %d jobs (back-pressure)", su.ci.chan_name,
		     sub.submitted, n);
	n = sub.submitted;
	first = sub.first_id;
	/*
	 * Pause in the middle of a copy, when one has visibly started; on a
	 * channel whose copies never show progress (QEMU's pl330 moves a
	 * job at once), after 500 ms with jobs still queued.
	 */
	for (k = 0; k < n && now_ns() < t0 + 500 * MS;) {
		st[0] = stat1(su.fd, first + k);
		if (st[0].state == DMACTL_STATE_COMPLETE)
			k++;
		else if (st[0].residue && st[0].residue < st[0].len)
			break;
	}
	if (xioctl(su.fd, DMACTL_IOC_PAUSE, NULL) == -EOPNOTSUPP)
		return skip("%s cannot pause", su.ci.chan_name);
	/*
	 * A copy the hardware had finished when paused may still complete
	 * (pl330 reports such a job's whole length as residue until its
	 * completion is handled, and runs its callback late): let that
	 * settle, then nothing the channel has not finished may move.
	 */
	usleep(50000);
	MUST(status(su.fd, first, n, 0, held));
	for (k = 0; k < n && (held[k].state == DMACTL_STATE_COMPLETE ||
			      held[k].dma_status == DMACTL_DMA_COMPLETE); k++)
		;
	if (k == n)
		return skip("all %d copies finished before the pause", n);
	r1 = held[k].residue;
	usleep(100000);
	MUST(status(su.fd, first, n, 0, st));
	r2 = st[k].residue;
	diag("job %d of %d paused at residue %" PRIu64 " of %" PRIu64
	     ", dma_status %u", k + 1, n, r1, (uint64_t)st[k].len,
	     st[k].dma_status);
	for (i = k; i < n; i++)
		if (held[i].dma_status != DMACTL_DMA_COMPLETE &&
		    !OK(st[i].state == held[i].state &&
			st[i].residue == held[i].residue,
			"job %d moved while paused: state %u -> %u, residue %"
			PRIu64 " -> %" PRIu64, i, held[i].state, st[i].state,
			(uint64_t)held[i].residue, (uint64_t)st[i].residue))
			return FAIL;
	/* Paused, or queued behind the pause and not started. */
	if (!OK(st[k].state != DMACTL_STATE_COMPLETE &&
		(st[k].dma_status == DMACTL_DMA_PAUSED ||
		 (st[k].dma_status == DMACTL_DMA_IN_PROGRESS &&
		  r2 == st[k].len)),
		"job %d: state %u dma_status %u residue %" PRIu64, k,
		st[k].state, st[k].dma_status, r2))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, 50 * MS), ETIMEDOUT))
		return FAIL;
	ret = xioctl(su.fd, DMACTL_IOC_RESUME, NULL);
	if (ret == -EOPNOTSUPP) {
		/* Paused for good (pl330): only a terminate ends it. */
		if (!OK_ERR(terminate(su.fd, 0), 0))
			return FAIL;
		return skip("%s pauses (residue held at %" PRIu64 " of %" PRIu64
			    ") but has no device_resume", su.ci.chan_name, r1,
			    (uint64_t)st[k].len);
	}
	if (!OK_ERR(ret, 0))
		return FAIL;
	if (!OK_ERR(wait_job(su.fd, 0, DMACTL_WAIT_ALL, 12 * WAIT_NS), 0))
		return FAIL;
	MUST(status(su.fd, first, n, 0, st));
	for (i = 0; i < n; i++)
		if (!OK(st[i].state == DMACTL_STATE_COMPLETE &&
			st[i].result == DMACTL_RESULT_NOERROR && !st[i].residue,
			"job %d state %u", i, st[i].state))
			return FAIL;
	return PASS;
}

/* The in-kernel loop */

static int check_bench(const struct dmactl_bench *b, uint64_t len,
		       uint64_t count)
{
	uint64_t sum = 0;
	int i;

	for (i = 0; i < DMACTL_HIST_BUCKETS; i++) {
		sum += b->hist[i];
		/* A bucket's counts must fit the range of latencies seen. */
		if (b->hist[i] &&
		    !OK((i == 0 || b->lat_max_ns >= 1ULL << i) &&
			(i == 63 || b->lat_min_ns < 2ULL << i),
			"bucket %d outside min %" PRIu64 " max %" PRIu64, i,
			(uint64_t)b->lat_min_ns, (uint64_t)b->lat_max_ns))
			return FAIL;
	}
	if (!OK(b->ops && (!count || b->ops == count) && !b->errors &&
		b->bytes == b->ops * len, "ops %" PRIu64 " errors %" PRIu64
		" bytes %" PRIu64, (uint64_t)b->ops, (uint64_t)b->errors,
		(uint64_t)b->bytes))
		return FAIL;
	if (!OK(sum == b->ops, "histogram holds %" PRIu64 " of %" PRIu64,
		sum, (uint64_t)b->ops))
		return FAIL;
	if (!OK(b->lat_min_ns <= b->lat_max_ns &&
		b->lat_min_ns * b->ops <= b->lat_sum_ns &&
		b->lat_sum_ns <= b->lat_max_ns * b->ops && b->elapsed_ns &&
		b->lat_max_ns <= b->elapsed_ns, "latencies min %" PRIu64
		" max %" PRIu64 " sum %" PRIu64 " elapsed %" PRIu64,
		(uint64_t)b->lat_min_ns, (uint64_t)b->lat_max_ns,
		(uint64_t)b->lat_sum_ns, (uint64_t)b->elapsed_ns))
		return FAIL;
	return no_kernel_pointers(b, sizeof(*b), "bench");
}

static int t_bench_count(const void *param)
{
	struct dmactl_bench b;
	struct setup su;
	long long bytes0, bytes1;

	(void)param;
	setup_bufs(&su, 64 * 1024);
	fill(&su);
	bytes0 = sysfs_u64(su.ci.chan_name, "bytes_transferred");
	if (!OK_ERR(bench(su.fd, &su.job, 16, 500, 0, &b), 0))
		return FAIL;
	diag("qd 16: %" PRIu64 " ops in %" PRIu64 " us", (uint64_t)b.ops,
	     (uint64_t)b.elapsed_ns / 1000);
	if (check_bench(&b, su.len, 500))
		return FAIL;
	/* It really copied, and the channel's counters saw it. */
	if (verify(&su, 0, 0, su.len))
		return FAIL;
	bytes1 = sysfs_u64(su.ci.chan_name, "bytes_transferred");
	if (!OK(bytes1 - bytes0 == (long long)b.bytes,
		"bytes_transferred grew by %lld, want %" PRIu64,
		bytes1 - bytes0, (uint64_t)b.bytes))
		return FAIL;
	if (!OK_ERR(bench(su.fd, &su.job, 1, 100, 0, &b), 0))
		return FAIL;
	return check_bench(&b, su.len, 100);
}

static int t_bench_duration(const void *param)
{
	struct dmactl_bench b;
	struct setup su;
	uint64_t t0, dt;

	(void)param;
	setup_bufs(&su, 4096);
	t0 = now_ns();
	if (!OK_ERR(bench(su.fd, &su.job, 4, 0, 200 * MS, &b), 0))
		return FAIL;
	dt = now_ns() - t0;
	diag("%" PRIu64 " ops in %" PRIu64 " ms", (uint64_t)b.ops,
	     (uint64_t)b.elapsed_ns / MS);
	if (!OK(b.elapsed_ns >= 200 * MS && dt < 2000 * MS,
		"elapsed %" PRIu64 " ms, call took %" PRIu64 " ms",
		(uint64_t)b.elapsed_ns / MS, dt / MS))
		return FAIL;
	return check_bench(&b, 4096, 0);
}

struct bencher {
	int fd;
	struct dmactl_job job;
	uint32_t qdepth;	/* 0: 4 */
	uint64_t count;		/* 0: 20 */
	struct dmactl_bench b;
	int ret;
	int done;
};

static void *bencher_main(void *arg)
{
	struct bencher *w = arg;

	w->ret = bench(w->fd, &w->job, w->qdepth ?: 4, w->count ?: 20, 0,
		       &w->b);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * The loop does not hold the session: on a paused channel it waits, and
 * meanwhile another thread queries, and resumes the channel.  What would
 * pull the channel from under it is refused.
 */
static int t_bench_leaves_session_free(const void *param)
{
	struct bencher w = { 0 };
	struct setup su;
	pthread_t th;
	uint32_t a;

	(void)param;
	setup_bufs(&su, page_size);
	/* Not mapped: only the loop keeps it from being freed. */
	a = buf_new(su.fd, page_size);
	w.fd = su.fd;
	w.job = job_memcpy(a, 0, su.dst, 0, page_size);
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_PAUSE, NULL), 0))
		return FAIL;
	if (!OK(!pthread_create(&th, NULL, bencher_main, &w), "pthread"))
		return FAIL;
	usleep(200000);
	if (!OK(!__atomic_load_n(&w.done, __ATOMIC_ACQUIRE),
		"the loop ended on a paused channel: %s", strerror(-w.ret)))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_CHAN_INFO, &su.ci), 0) ||
	    !OK_ERR(bench(su.fd, &su.job, 1, 1, 0, NULL), EBUSY) ||
	    !OK_ERR(terminate(su.fd, 0), EBUSY) ||
	    !OK_ERR(buf_free(su.fd, a), EBUSY))
		return FAIL;
	if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_RESUME, NULL), 0))
		return FAIL;
	pthread_join(th, NULL);
	if (!OK_ERR(w.ret, 0))
		return FAIL;
	if (!OK(w.b.ops == 20 && !w.b.errors, "ops %" PRIu64,
		(uint64_t)w.b.ops))
		return FAIL;
	/* Done: terminating and freeing are allowed again. */
	return OK_ERR(terminate(su.fd, 0), 0) && OK_ERR(buf_free(su.fd, a), 0) ?
	       PASS : FAIL;
}

/*
 * Issuing the session's jobs while the loop runs issues the loop's
 * submitted descriptors too: their slots come back before the loop has
 * filled its batch, which must still hold no more than the queue depth
 * (KASAN on the debug kernel sees an overrun).
 */
static int t_bench_concurrent_issue(const void *param)
{
	struct bencher w = { 0 };
	unsigned int rounds = 0;
	struct setup su;
	pthread_t th;
	struct dmactl_job_status st;
	uint64_t id;
	uint32_t a, b;

	(void)param;
	setup_bufs(&su, page_size);
	a = buf_new(su.fd, page_size);
	b = buf_new(su.fd, page_size);
	w.fd = su.fd;
	w.job = job_memcpy(a, 0, b, 0, page_size);
	w.qdepth = 8;
	w.count = 2000;
	if (!OK(!pthread_create(&th, NULL, bencher_main, &w), "pthread"))
		return FAIL;
	while (!__atomic_load_n(&w.done, __ATOMIC_ACQUIRE)) {
		id = submit_one(su.fd, &su.job, 0);
		if (!OK_ERR(xioctl(su.fd, DMACTL_IOC_ISSUE, NULL), 0) ||
		    !OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0) ||
		    !OK_ERR(status(su.fd, id, 1, DMACTL_STATUS_RELEASE, &st), 0))
			break;
		rounds++;
	}
	pthread_join(th, NULL);
	diag("%u jobs issued during the loop", rounds);
	if (!OK_ERR(w.ret, 0) ||
	    !OK(w.b.ops == 2000 && !w.b.errors, "ops %" PRIu64 ", errors %" PRIu64,
		(uint64_t)w.b.ops, (uint64_t)w.b.errors))
		return FAIL;
	/*
	 * A slot the ISSUE completed before the loop stamped its batch must
	 * not come out with a latency below zero, which wraps to ~1.8e19.
	 */
	return OK(w.b.lat_min_ns <= w.b.lat_max_ns &&
		  w.b.lat_max_ns <= w.b.elapsed_ns + 1000 * MS,
		  "latency min %" PRIu64 " max %" PRIu64 " ns, elapsed %" PRIu64
		  " ns", (uint64_t)w.b.lat_min_ns, (uint64_t)w.b.lat_max_ns,
		  (uint64_t)w.b.elapsed_ns) ? PASS : FAIL;
}

/* A fatal signal stops the loop; the channel is left free. */
static int t_bench_killed(const void *param)
{
	char name[DMACTL_NAME_LEN];
	int pipefd[2], st;
	uint64_t t0;
	pid_t pid;

	(void)param;
	if (pipe(pipefd))
		return FAIL;
	pid = fork();
	if (!pid) {
		struct setup su;

		setup_bufs(&su, 64 * 1024);
		if (write(pipefd[1], su.ci.chan_name, sizeof(name)) < 0)
			_exit(1);
		bench(su.fd, &su.job, 16, 0, 60000 * MS, NULL);
		_exit(2);
	}
	close(pipefd[1]);
	if (!OK(read(pipefd[0], name, sizeof(name)) == sizeof(name),
		"child setup failed"))
		return FAIL;
	usleep(300000);
	t0 = now_ns();
	kill(pid, SIGKILL);
	if (!OK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st),
		"child status %d", st))
		return FAIL;
	if (!OK(now_ns() - t0 < 2000 * MS, "took %" PRIu64 " ms to die",
		(now_ns() - t0) / MS))
		return FAIL;
	return chan_free_again(name);
}

/* Slave, cyclic */

/*
 * A channel with @caps, configured for @dir on vdma's port @port, with
 * accesses of @width bytes, 16 to a burst, on the device side.
 */
static int slave_open(uint64_t caps, uint32_t dir, unsigned int port,
		      uint32_t width)
{
	struct dmactl_slave_config c = { 0 };
	int fd = open_with(caps | CAP(SLAVE), NULL);

	c.direction = dir;
	if (dir == DMACTL_DIR_MEM_TO_DEV) {
		c.dst_addr = vdma_port_addr(port);
		c.dst_addr_width = width;
		c.dst_maxburst = 16;
	} else {
		c.src_addr = vdma_port_addr(port);
		c.src_addr_width = width;
		c.src_maxburst = 16;
	}
	MUST(slave_config(fd, &c));
	return fd;
}

/*
 * TX on one channel into a loopback FIFO, RX on another out of it: the
 * bytes arrive exactly.  The source is user memory at an odd address
 * over several pages, sent as a scatterlist of three ranges; the
 * destination a streaming buffer.
 */
static int t_slave_loopback(const void *param)
{
	const size_t len = 3 * page_size + 512, off = 13;
	struct dmactl_sg_entry tx_sg[3], rx_sg[1];
	struct dmactl_job tx = job_of(DMACTL_JOB_SG);
	struct dmactl_job rx = job_of(DMACTL_JOB_SG);
	struct dmactl_buf_alloc u, s;
	int txfd, rxfd;
	uint64_t txid, rxid;
	uint8_t *mem, *dst;
	size_t i;

	(void)param;
	/* Byte-wide accesses: the pieces of odd-aligned memory are odd. */
	txfd = slave_open(0, DMACTL_DIR_MEM_TO_DEV, 0, 1);
	rxfd = slave_open(0, DMACTL_DIR_DEV_TO_MEM, 0, 1);
	mem = anon(len + off + page_size) + off;
	for (i = 0; i < len; i++)
		mem[i] = src_byte(i);
	MUST(buf_alloc_type(txfd, DMACTL_BUF_USER, len, mem, &u));
	MUST(buf_alloc_type(rxfd, DMACTL_BUF_STREAMING, len, NULL, &s));
	dst = buf_map(rxfd, s.id, len);

	/* Out of order in the buffer, in order on the wire. */
	tx_sg[0] = (struct dmactl_sg_entry){ .buf = u.id, .off = 0,
					     .len = 1000 };
	tx_sg[1] = (struct dmactl_sg_entry){ .buf = u.id, .off = 1000,
					     .len = 2 * page_size };
	tx_sg[2] = (struct dmactl_sg_entry){ .buf = u.id,
					     .off = 1000 + 2 * page_size,
					     .len = len - 1000 - 2 * page_size };
	rx_sg[0] = (struct dmactl_sg_entry){ .buf = s.id, .len = len };
	tx.direction = DMACTL_DIR_MEM_TO_DEV;
	tx.list = (uintptr_t)tx_sg;
	tx.count = 3;
	rx.direction = DMACTL_DIR_DEV_TO_MEM;
	rx.list = (uintptr_t)rx_sg;
	rx.count = 1;
	rxid = submit_one(rxfd, &rx, DMACTL_SUBMIT_ISSUE);
	txid = submit_one(txfd, &tx, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(txfd, txid, 0, WAIT_NS), 0) ||
	    !OK_ERR(wait_job(rxfd, rxid, 0, WAIT_NS), 0))
		return FAIL;
	if (!OK(stat1(txfd, txid).len == len && stat1(rxfd, rxid).len == len,
		"job lengths"))
		return FAIL;
	MUST(buf_sync(rxfd, s.id, DMACTL_SYNC_FOR_CPU));
	for (i = 0; i < len; i++)
		if (!OK(dst[i] == src_byte(i), "byte %zu is 0x%02x, want 0x%02x",
			i, dst[i], src_byte(i)))
			return FAIL;
	return PASS;
}

/* One end of a cyclic stream through a FIFO port. */
struct cyclic {
	int fd;
	uint32_t buf;
	uint8_t *map;
	uint64_t id;
	size_t len;
};

static void cyclic_start(struct cyclic *c, uint32_t dir, unsigned int port,
			 size_t periods, size_t period)
{
	struct dmactl_job j = job_of(DMACTL_JOB_CYCLIC);
	size_t i;

	c->fd = slave_open(CAP(CYCLIC), dir, port, 4);
	c->len = periods * period;
	c->buf = buf_new(c->fd, c->len);
	c->map = buf_map(c->fd, c->buf, c->len);
	for (i = 0; i < c->len; i++)
		c->map[i] = dir == DMACTL_DIR_MEM_TO_DEV ? src_byte(i) :
			    untouched_byte(i);
	j.direction = dir;
	if (dir == DMACTL_DIR_MEM_TO_DEV)
		j.src_buf = c->buf;
	else
		j.dst_buf = c->buf;
	j.len = c->len;
	j.period_len = period;
	c->id = submit_one(c->fd, &j, DMACTL_SUBMIT_ISSUE);
}

/*
 * A cyclic transmitter into a FIFO port and a cyclic receiver out of it:
 * both run until terminated.  The receiver's ring gets the transmitter's
 * bytes, its residue moves round the ring, and every callback is a period
 * event numbered in order, a dropped one showing as a gap that the
 * events' dropped counter accounts for.
 */
static int t_cyclic_periods(const void *param)
{
	struct dmactl_event ev[64];
	struct dmactl_job_status st;
	uint64_t residues = 0, prev = ~0ULL, next = 0, dropped = 0;
	struct cyclic tx, rx;
	int got = 0, n, err, i;
	size_t k;

	(void)param;
	cyclic_start(&rx, DMACTL_DIR_DEV_TO_MEM, 1, 4, 4096);
	cyclic_start(&tx, DMACTL_DIR_MEM_TO_DEV, 1, 4, 4096);
	while (got < 64) {
		n = read_events(rx.fd, ev, 64, &err);
		if (!OK_ERR(err, 0))
			return FAIL;
		for (i = 0; i < n; i++, got++) {
			if (!OK(ev[i].type == DMACTL_EVENT_PERIOD &&
				ev[i].job_id == rx.id &&
				ev[i].status == DMACTL_DMA_IN_PROGRESS &&
				ev[i].result == DMACTL_RESULT_NOERROR,
				"event %d: type %u status %u", got, ev[i].type,
				ev[i].status))
				return FAIL;
			if (!OK(ev[i].period - next == ev[i].dropped - dropped,
				"period %" PRIu64 " after %" PRIu64 ", %" PRIu64
				" dropped", (uint64_t)ev[i].period, next,
				(uint64_t)(ev[i].dropped - dropped)))
				return FAIL;
			next = ev[i].period + 1;
			dropped = ev[i].dropped;
		}
	}
	/* The position moves round the ring. */
	for (i = 0; i < 50 && residues < 3; i++) {
		st = stat1(rx.fd, rx.id);
		if (st.residue != prev)
			residues++;
		prev = st.residue;
		if (!OK(st.state == DMACTL_STATE_ISSUED && st.residue <= rx.len,
			"state %u residue %" PRIu64, st.state,
			(uint64_t)st.residue))
			return FAIL;
		usleep(1000);
	}
	st = stat1(rx.fd, rx.id);
	diag("%d period events, %" PRIu64 " dropped, residue took %" PRIu64
	     " values", got, dropped, residues);
	if (!OK(st.periods >= next && st.type == DMACTL_JOB_CYCLIC &&
		st.len == rx.len, "periods %" PRIu64 " type %u len %" PRIu64,
		(uint64_t)st.periods, st.type, (uint64_t)st.len))
		return FAIL;
	if (!OK(residues >= 3, "residue took %" PRIu64 " values", residues))
		return FAIL;
	if (!OK_ERR(wait_job(rx.fd, rx.id, 0, 20 * MS), ETIMEDOUT))
		return FAIL;
	if (!OK_ERR(terminate(rx.fd, 0), 0) || !OK_ERR(terminate(tx.fd, 0), 0))
		return FAIL;
	st = stat1(rx.fd, rx.id);
	if (!OK(st.state == DMACTL_STATE_TERMINATED, "state %u", st.state))
		return FAIL;
	/* Ring for ring: the stream is the transmitter's ring over again. */
	for (k = 0; k < rx.len; k++)
		if (!OK(rx.map[k] == src_byte(k), "rx[%zu] 0x%02x, want 0x%02x",
			k, rx.map[k], src_byte(k)))
			return FAIL;
	return PASS;
}

/*
 * Terminated mid-cyclic: the events stop, the last is TERMINATED.  The
 * stream outruns any reader, so the ring is drained first, and a round
 * whose TERMINATED event the ring had no room for is tried again.
 */
static int t_cyclic_terminate(const void *param)
{
	struct dmactl_event ev[64];
	struct cyclic tx, rx;
	int n, err, i, round, last;
	uint64_t dropped;

	(void)param;
	for (round = 0; round < 10; round++) {
		cyclic_start(&rx, DMACTL_DIR_DEV_TO_MEM, 2, 4, 4096);
		cyclic_start(&tx, DMACTL_DIR_MEM_TO_DEV, 2, 4, 4096);
		n = read_events(rx.fd, ev, 1, &err);
		if (!OK(n == 1 && ev[0].type == DMACTL_EVENT_PERIOD,
			"no period"))
			return FAIL;
		fcntl(rx.fd, F_SETFL, O_NONBLOCK);
		do {
			n = read_events(rx.fd, ev, 64, &err);
			dropped = n ? ev[n - 1].dropped : dropped;
		} while (!err);
		if (!OK_ERR(terminate(rx.fd, DMACTL_TERMINATE_ASYNC), 0) ||
		    !OK_ERR(xioctl(rx.fd, DMACTL_IOC_SYNCHRONIZE, NULL), 0))
			return FAIL;
		last = -1;
		for (;;) {
			n = read_events(rx.fd, ev, 64, &err);
			if (err)
				break;
			for (i = 0; i < n; i++) {
				if (!OK(last < 0, "event after TERMINATED"))
					return FAIL;
				if (ev[i].type == DMACTL_EVENT_TERMINATED)
					last = i;
				dropped = ev[i].dropped;
			}
		}
		usleep(50000);
		read_events(rx.fd, ev, 64, &err);
		if (!OK_ERR(err, EAGAIN))
			return FAIL;
		if (!OK_ERR(wait_job(rx.fd, rx.id, 0, 0), 0))
			return FAIL;
		/* The transmitter, its reader gone, fills the FIFO, waits. */
		if (!OK_ERR(wait_job(tx.fd, tx.id, 0, 20 * MS), ETIMEDOUT) ||
		    !OK_ERR(terminate(tx.fd, 0), 0))
			return FAIL;
		munmap(rx.map, rx.len);
		if (!OK_ERR(buf_free(rx.fd, rx.buf), 0))
			return FAIL;
		munmap(tx.map, tx.len);
		close(rx.fd);
		close(tx.fd);
		if (last >= 0)
			return PASS;
		diag("round %d: TERMINATED not seen, %" PRIu64 " dropped", round,
		     dropped);
	}
	return FAIL;
}

/* Netlink */

struct nl_ent {
	char name[DMACTL_NAME_LEN], dev[DMACTL_NAME_LEN];
	uint32_t dev_id, chan_id, clients, chan_count, in_use_count;
	uint32_t dirs, res;
	uint8_t in_use;
	uint64_t caps, bytes, memcpy_count;
};

struct nl_list {
	struct nl_ent e[256];
	int n;
	int devices;
};

static int nl_ent_parse(const void *a, size_t len, void *ctx)
{
	struct nl_list *l = ctx;
	struct nl_ent *e;
	const struct nlattr *in_use;

	if (l->n == 256)
		return -1;
	e = &l->e[l->n++];
	memset(e, 0, sizeof(*e));
	if (nl_str(a, len, DMACTL_A_DEV_NAME, e->dev) ||
	    nl_u32(a, len, DMACTL_A_DEV_ID, &e->dev_id) ||
	    nl_u64(a, len, DMACTL_A_CAPS, &e->caps) ||
	    nl_u32(a, len, DMACTL_A_DIRECTIONS, &e->dirs) ||
	    nl_u32(a, len, DMACTL_A_RESIDUE_GRANULARITY, &e->res) ||
	    nl_u64(a, len, DMACTL_A_BYTES, &e->bytes) ||
	    nl_u64(a, len, DMACTL_A_MEMCPY_COUNT, &e->memcpy_count) ||
	    !nla_find(a, len, DMACTL_A_SRC_WIDTHS) ||
	    !nla_find(a, len, DMACTL_A_DST_WIDTHS) ||
	    !nla_find(a, len, DMACTL_A_MIN_BURST) ||
	    !nla_find(a, len, DMACTL_A_MAX_BURST) ||
	    !nla_find(a, len, DMACTL_A_MAX_SG_BURST)) {
		diag("message %d lacks an attribute", l->n - 1);
		return -1;
	}
	if (l->devices)
		return nl_u32(a, len, DMACTL_A_CHAN_COUNT, &e->chan_count) ||
		       nl_u32(a, len, DMACTL_A_CHANS_IN_USE,
			      &e->in_use_count);
	in_use = nla_find(a, len, DMACTL_A_IN_USE);
	if (!in_use || nl_str(a, len, DMACTL_A_CHAN_NAME, e->name) ||
	    nl_u32(a, len, DMACTL_A_CHAN_ID, &e->chan_id) ||
	    nl_u32(a, len, DMACTL_A_CLIENT_COUNT, &e->clients)) {
		diag("channel message %d lacks an attribute", l->n - 1);
		return -1;
	}
	e->in_use = *(const uint8_t *)nla_data(in_use);
	return 0;
}

static int nl_list(struct nl *nl, uint8_t cmd, struct nl_list *l)
{
	memset(l, 0, sizeof(*l));
	l->devices = cmd == DMACTL_CMD_DEV_GET;
	return nl_dump_each(nl, cmd, nl_ent_parse, l) < 0 ? -1 : 0;
}

static int sysfs_channels(char names[][DMACTL_NAME_LEN], int max)
{
	struct dirent *de;
	int n = 0;
	DIR *d = opendir("/sys/class/dma");

	if (!d)
		return -1;
	while ((de = readdir(d)) && n < max)
		if (de->d_name[0] != '.')
			snprintf(names[n++], DMACTL_NAME_LEN, "%.63s",
				 de->d_name);
	closedir(d);
	return n;
}

/* Every channel in the dump agrees with its /sys/class/dma entry. */
static int check_dump_sysfs(struct nl *nl, struct nl_list *l)
{
	static char sys[256][DMACTL_NAME_LEN];
	int nsys, i, j;

	if (nl_list(nl, DMACTL_CMD_CHAN_GET, l))
		return FAIL;
	nsys = sysfs_channels(sys, 256);
	if (!OK(l->n == nsys, "dumped %d channels, sysfs has %d", l->n, nsys))
		return FAIL;
	for (i = 0; i < nsys; i++) {
		for (j = 0; j < l->n && strcmp(l->e[j].name, sys[i]); j++)
			;
		if (!OK(j < l->n, "%s missing from the dump", sys[i]))
			return FAIL;
		if (!OK(l->e[j].clients == sysfs_u64(sys[i], "in_use") &&
			l->e[j].in_use == !!l->e[j].clients &&
			l->e[j].bytes == (uint64_t)sysfs_u64(sys[i],
						"bytes_transferred") &&
			l->e[j].memcpy_count == (uint64_t)sysfs_u64(sys[i],
							"memcpy_count"),
			"%s: clients %u bytes %" PRIu64 " memcpy %" PRIu64
			" differ from sysfs", sys[i], l->e[j].clients,
			(uint64_t)l->e[j].bytes,
			(uint64_t)l->e[j].memcpy_count))
			return FAIL;
	}
	return PASS;
}

/*
 * The channel dump matches /sys/class/dma, counters included, also with
 * every channel of vdma taken; the device dump adds up its channels.
 */
static int t_netlink_dump_sysfs(const void *param)
{
	static struct nl_list chans, devs;
	char name[DMACTL_NAME_LEN];
	struct setup su;
	struct nl nl;
	int fds[256], nfd = 0, i, j, nchan;
	uint32_t in_use;

	(void)param;
	if (nl_open(&nl))
		return FAIL;
	/* Move some bytes first, so that the counters are not all 0. */
	setup_bufs(&su, page_size);
	MUST(wait_job(su.fd, submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE),
		      0, WAIT_NS));
	if (check_dump_sysfs(&nl, &chans))
		return FAIL;
	for (i = 0; i < chans.n; i++)
		if (!strcmp(chans.e[i].name, su.ci.chan_name) &&
		    !OK(chans.e[i].bytes >= (uint64_t)page_size &&
			chans.e[i].memcpy_count >= 1 && chans.e[i].in_use,
			"%s: bytes %" PRIu64, chans.e[i].name,
			(uint64_t)chans.e[i].bytes))
			return FAIL;

	/*
	 * Take every free channel but one, which the dump needs to see the
	 * others: none is missing from the dump, and all but one in use.
	 */
	for (i = 0, j = 0; i < chans.n; i++)
		j += !chans.e[i].in_use;
	for (i = 1; i < j && nfd < 255; i++) {
		fds[nfd] = dev_open();
		if (chan_get_caps(fds[nfd], 0, name))
			break;
		nfd++;
	}
	diag("%d more channels taken", nfd);
	if (check_dump_sysfs(&nl, &chans))
		return FAIL;
	for (i = 0, j = 0; i < chans.n; i++)
		j += chans.e[i].in_use;
	if (!OK(j == chans.n - 1, "%d of %d channels in use", j, chans.n))
		return FAIL;
	while (nfd--)
		close(fds[nfd]);

	if (nl_list(&nl, DMACTL_CMD_DEV_GET, &devs))
		return FAIL;
	if (check_dump_sysfs(&nl, &chans))
		return FAIL;
	for (i = 0; i < devs.n; i++) {
		nchan = 0;
		in_use = 0;
		for (j = 0; j < chans.n; j++) {
			if (chans.e[j].dev_id != devs.e[i].dev_id)
				continue;
			nchan++;
			in_use += chans.e[j].in_use;
		}
		if (!OK(devs.e[i].chan_count == (uint32_t)nchan &&
			devs.e[i].in_use_count == in_use,
			"dma%u: %u channels, %u in use; channels: %d, %u",
			devs.e[i].dev_id, devs.e[i].chan_count,
			devs.e[i].in_use_count, nchan, in_use))
			return FAIL;
	}
	return OK(devs.n > 0, "no device dumped") ? PASS : FAIL;
}

static int t_netlink_dev_rejects_attribute(const void *param)
{
	static char buf[8192];
	const struct nlmsghdr *nlh = (const void *)buf;
	struct nl nl;

	(void)param;
	if (nl_open(&nl))
		return FAIL;
	if (!OK_ERR(nl_send(&nl, nl.family, NLM_F_DUMP, DMACTL_CMD_DEV_GET,
			    DMACTL_A_DEV_NAME, "dma0"), 0))
		return FAIL;
	if (!OK(recv(nl.sock, buf, sizeof(buf), 0) > 0, "recv"))
		return FAIL;
	return OK(nlh->nlmsg_type == NLMSG_ERROR &&
		  ((const struct nlmsgerr *)NLMSG_DATA(nlh))->error == -EINVAL,
		  "attribute accepted") ? PASS : FAIL;
}

/* Waits for the next notification with @cmd, skipping others. */
static int nl_next_event(struct nl *nl, uint8_t cmd, char *buf, size_t size,
			 const void **attrs, size_t *alen)
{
	const struct nlmsghdr *nlh = (const void *)buf;
	const struct genlmsghdr *g;
	struct pollfd pfd = { .fd = nl->sock, .events = POLLIN };
	ssize_t n;

	for (;;) {
		if (poll(&pfd, 1, 5000) != 1) {
			diag("no notification %u within 5 s", cmd);
			return -1;
		}
		n = recv(nl->sock, buf, size, 0);
		if (n <= 0 || !NLMSG_OK(nlh, n))
			return -1;
		g = NLMSG_DATA(nlh);
		if (nlh->nlmsg_type != nl->family || g->cmd != cmd)
			continue;
		*attrs = (const char *)g + GENL_HDRLEN;
		*alen = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
		return 0;
	}
}

static int nl_listen(struct nl *nl)
{
	if (nl_open(nl))
		return FAIL;
	if (!OK(nl->events, "no \"%s\" multicast group",
		DMACTL_GENL_MCGRP_EVENTS))
		return FAIL;
	return OK(!setsockopt(nl->sock, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
			      &nl->events, sizeof(nl->events)), "join: %s",
		  strerror(errno)) ? PASS : FAIL;
}

/*
 * Joins the "events" group of @nl without CAP_SYS_ADMIN; @err gets 0 or
 * the join's errno.
 */
static int nl_join_unprivileged(struct nl *nl, int *err)
{
	int ret;

	if (nl_open(nl))
		return FAIL;
	if (!OK(nl->events, "no \"%s\" multicast group",
		DMACTL_GENL_MCGRP_EVENTS))
		return FAIL;
	if (!cap_effective(CAP_SYS_ADMIN, false))
		return FAIL;
	ret = setsockopt(nl->sock, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
			 &nl->events, sizeof(nl->events));
	*err = ret ? errno : 0;
	return cap_effective(CAP_SYS_ADMIN, true) ? PASS : FAIL;
}

/*
 * The events tell what other users' sessions do: without CAP_SYS_ADMIN
 * a listener cannot join the group, or, on a kernel whose genetlink
 * cannot require it, hears no PID (and no user_data or residue).
 */
static int t_netlink_events_private(const void *param)
{
	static char buf[8192];
	struct setup su;
	const void *a;
	struct nl nl;
	size_t alen;
	int err;

	(void)param;
	if (nl_join_unprivileged(&nl, &err))
		return FAIL;
	if (err) {
		diag("joining without CAP_SYS_ADMIN: %s", strerror(err));
		return OK(err == EPERM, "join: %s", strerror(err)) ?
		       PASS : FAIL;
	}
	diag("this kernel lets anyone join: the events must carry nothing private");
	setup_bufs(&su, page_size);
	if (nl_next_event(&nl, DMACTL_CMD_CHAN_TAKEN, buf, sizeof(buf), &a,
			  &alen))
		return FAIL;
	return OK(!nla_find(a, alen, DMACTL_A_PID), "a PID for anyone") ?
	       PASS : FAIL;
}

/*
 * A listener of the "events" group sees channels come and go, benches end;
 * the PID that took a channel where only CAP_SYS_ADMIN may listen.
 */
static int t_netlink_events(const void *param)
{
	static char buf[8192];
	char chan[DMACTL_NAME_LEN], got[DMACTL_NAME_LEN];
	struct dmactl_bench b;
	struct setup su;
	struct nl nl, probe;
	const void *a;
	size_t alen;
	uint32_t pid;
	uint64_t v;
	int err;

	(void)param;
	if (nl_join_unprivileged(&probe, &err))
		return FAIL;
	close(probe.sock);
	if (nl_listen(&nl))
		return FAIL;

	setup_bufs(&su, page_size);
	memcpy(chan, su.ci.chan_name, sizeof(chan));
	if (nl_next_event(&nl, DMACTL_CMD_CHAN_TAKEN, buf, sizeof(buf), &a,
			  &alen) ||
	    nl_str(a, alen, DMACTL_A_CHAN_NAME, got) ||
	    !nla_find(a, alen, DMACTL_A_DEV_NAME))
		return FAIL;
	if (!OK(!strcmp(got, chan), "taken: %s", got))
		return FAIL;
	if (err) {
		if (nl_u32(a, alen, DMACTL_A_PID, &pid) ||
		    !OK(pid == (uint32_t)getpid(), "taken by %u", pid))
			return FAIL;
	} else if (!OK(!nla_find(a, alen, DMACTL_A_PID), "a PID for anyone")) {
		return FAIL;
	}

	MUST(bench(su.fd, &su.job, 2, 10, 0, &b));
	if (nl_next_event(&nl, DMACTL_CMD_BENCH_DONE, buf, sizeof(buf), &a,
			  &alen) || nl_u64(a, alen, DMACTL_A_OPS, &v))
		return FAIL;
	if (!OK(v == 10, "bench done: %" PRIu64 " ops", v))
		return FAIL;
	if (nl_u64(a, alen, DMACTL_A_BYTES, &v) ||
	    !OK(v == 10 * (uint64_t)page_size, "bench done: %" PRIu64 " bytes", v))
		return FAIL;

	munmap(su.src_map, su.len);
	munmap(su.dst_map, su.len);
	close(su.fd);
	if (nl_next_event(&nl, DMACTL_CMD_CHAN_RELEASED, buf, sizeof(buf), &a,
			  &alen) ||
	    nl_str(a, alen, DMACTL_A_CHAN_NAME, got))
		return FAIL;
	return OK(!strcmp(got, chan), "released: %s", got) ? PASS : FAIL;
}

/*
 * A job whose callback reports an error: vdma's fault injection fails
 * every descriptor.  The event, the status and a listener of the
 * "events" group see it, and so does the measurement loop.
 */
#define FAULT_EVERY "/sys/kernel/debug/vdma/vdma/fault_every"

static int fault_every(const char *n)
{
	FILE *f = fopen(FAULT_EVERY, "w");
	int ret;

	if (!f)
		return -errno;
	ret = fputs(n, f) < 0 ? -EIO : 0;
	return fclose(f) ? -errno : ret;
}

static void fault_off(void)
{
	fault_every("0");
}

static int t_job_error(const void *param)
{
	static char buf[8192];
	struct dmactl_job_status st;
	struct dmactl_event ev;
	struct dmactl_bench b;
	struct setup su;
	const void *a;
	struct nl nl;
	uint64_t id, v;
	uint32_t result;
	size_t alen;
	int err;

	(void)param;
	if (access(FAULT_EVERY, W_OK))
		return skip("no %s", FAULT_EVERY);
	setup_bufs(&su, page_size);
	if (nl_listen(&nl))
		return FAIL;
	atexit(fault_off);
	MUST(fault_every("1"));
	id = submit_one(su.fd, &su.job, DMACTL_SUBMIT_ISSUE);
	if (!OK_ERR(wait_job(su.fd, id, 0, WAIT_NS), 0))
		return FAIL;
	st = stat1(su.fd, id);
	if (!OK(st.state == DMACTL_STATE_COMPLETE &&
		st.result != DMACTL_RESULT_NOERROR &&
		st.dma_status == DMACTL_DMA_ERROR && st.residue == st.len,
		"state %u result %u dma_status %u residue %" PRIu64, st.state,
		st.result, st.dma_status, (uint64_t)st.residue))
		return FAIL;
	read_events(su.fd, &ev, 1, &err);
	if (!OK(!err && ev.job_id == id && ev.type == DMACTL_EVENT_COMPLETE &&
		ev.status == DMACTL_DMA_ERROR && ev.result == st.result,
		"event: type %u status %u result %u", ev.type, ev.status,
		ev.result))
		return FAIL;
	if (nl_next_event(&nl, DMACTL_CMD_JOB_ERROR, buf, sizeof(buf), &a,
			  &alen) ||
	    nl_u64(a, alen, DMACTL_A_JOB_ID, &v) ||
	    nl_u32(a, alen, DMACTL_A_RESULT, &result))
		return FAIL;
	if (!OK(v == id && result == st.result, "notified job %" PRIu64
		" result %u", v, result))
		return FAIL;
	if (!OK_ERR(bench(su.fd, &su.job, 4, 20, 0, &b), 0))
		return FAIL;
	if (!OK(b.ops == 20 && b.errors == 20 && !b.bytes, "bench: ops %"
		PRIu64 " errors %" PRIu64 " bytes %" PRIu64, (uint64_t)b.ops,
		(uint64_t)b.errors, (uint64_t)b.bytes))
		return FAIL;
	fault_off();
	return OK_ERR(bench(su.fd, &su.job, 4, 20, 0, &b), 0) && !b.errors ?
	       PASS : FAIL;
}

/*
 * A loop whose operations cannot complete (reading an empty FIFO) gives
 * up after the module's bench_timeout_ms, terminating the channel: the
 * session's own job ends TERMINATED with it.
 */
static int t_bench_stalled(const void *param)
{
	struct dmactl_sg_entry e = { 0 };
	struct dmactl_job j = job_of(DMACTL_JOB_SG);
	struct dmactl_job_status st;
	uint64_t t0, dt, id;
	long long timeout;
	int fd;

	(void)param;
	fd = slave_open(0, DMACTL_DIR_DEV_TO_MEM, 3, 4);
	e.buf = buf_new(fd, page_size);
	e.len = page_size;
	j.direction = DMACTL_DIR_DEV_TO_MEM;
	j.list = (uintptr_t)&e;
	j.count = 1;
	id = submit_one(fd, &j, 0);
	timeout = read_ll("/sys/module/dmactl/parameters/bench_timeout_ms");
	t0 = now_ns();
	if (!OK_ERR(bench(fd, &j, 2, 10, 0, NULL), ETIMEDOUT))
		return FAIL;
	dt = (now_ns() - t0) / MS;
	diag("gave up after %" PRIu64 " ms (bench_timeout_ms %lld)", dt,
	     timeout);
	if (!OK(dt + 50 >= (uint64_t)timeout && dt < (uint64_t)timeout + 5000,
		"gave up after %" PRIu64 " ms", dt))
		return FAIL;
	st = stat1(fd, id);
	if (!OK(st.state == DMACTL_STATE_TERMINATED, "job state %u", st.state))
		return FAIL;
	return OK_ERR(buf_free(fd, e.buf), 0) ? PASS : FAIL;
}

/* Not a test: for bridge-kill9.sh */
static int hold_cyclic(void)
{
	struct cyclic tx, rx;

	cyclic_start(&rx, DMACTL_DIR_DEV_TO_MEM, 3, 4, 4096);
	cyclic_start(&tx, DMACTL_DIR_MEM_TO_DEV, 3, 4, 4096);
	printf("%s %s\n", chan_info(rx.fd).chan_name,
	       chan_info(tx.fd).chan_name);
	fflush(stdout);
	for (;;)
		pause();
	return 0;
}

int main(int argc, char **argv)
{
	page_size = sysconf(_SC_PAGESIZE);
	if (argc == 2 && !strcmp(argv[1], "hold-cyclic"))
		return hold_cyclic();

	add("streaming_roundtrip", t_streaming_roundtrip, NULL);
	add("streaming_mmap_rules", t_streaming_mmap_rules, NULL);
	add("streaming_limits", t_streaming_limits, NULL);
	add("buf_sync_rules", t_buf_sync_rules, NULL);
	add("user_unaligned_multipage", t_user_unaligned_multipage, NULL);
	add("user_munmap_before_close", t_user_munmap_before_close, NULL);
	add("user_buf_rules", t_user_buf_rules, NULL);
	add("user_pin_limit", t_user_pin_limit, NULL);
	add("job_fields_unused", t_job_fields_unused, NULL);
	add("job_size_ver0", t_job_size_ver0, NULL);
	add("job_flag_rules", t_job_flag_rules, NULL);
	add("memset_rules", t_memset_rules, NULL);
	add("memset_verified", t_memset_verified, NULL);
	add("sg_rules", t_sg_rules, NULL);
	add("cyclic_rules", t_cyclic_rules, NULL);
	add("interleaved_rules", t_interleaved_rules, NULL);
	add("interleaved_verified", t_interleaved_verified, NULL);
	add("slave_config_rules", t_slave_config_rules, NULL);
	add("slave_config_provider_errno", t_slave_config_provider_errno,
	    NULL);
	add("control_rules", t_control_rules, NULL);
	add("resubmit_rules", t_resubmit_rules, NULL);
	add("resubmit_reuse", t_resubmit_reuse, NULL);
	add("resubmit_at_completion", t_resubmit_at_completion, NULL);
	add("close_paused_unterminable", t_close_paused_unterminable, NULL);
	add("stale_callback", t_stale_callback, NULL);
	add("bench_rules", t_bench_rules, NULL);
	add("read_rules", t_read_rules, NULL);
	add("events_complete", t_events_complete, NULL);
	add("events_overflow", t_events_overflow, NULL);
	add("no_interrupt", t_no_interrupt, NULL);
	add("wait_leaves_session_free", t_wait_leaves_session_free, NULL);
	add("terminate_sync", t_terminate_sync, NULL);
	add("terminate_async", t_terminate_async, NULL);
	add("pause_resume", t_pause_resume, NULL);
	add("bench_count", t_bench_count, NULL);
	add("bench_duration", t_bench_duration, NULL);
	add("bench_leaves_session_free", t_bench_leaves_session_free, NULL);
	add("resubmit_after_bench", t_resubmit_after_bench, NULL);
	add("bench_concurrent_issue", t_bench_concurrent_issue, NULL);
	add("bench_killed", t_bench_killed, NULL);
	add("bench_stalled", t_bench_stalled, NULL);
	add("slave_loopback", t_slave_loopback, NULL);
	add("cyclic_periods", t_cyclic_periods, NULL);
	add("cyclic_terminate", t_cyclic_terminate, NULL);
	add("job_error", t_job_error, NULL);
	add("netlink_dump_sysfs", t_netlink_dump_sysfs, NULL);
	add("netlink_dev_rejects_attribute", t_netlink_dev_rejects_attribute,
	    NULL);
	add("netlink_events", t_netlink_events, NULL);
	add("netlink_events_private", t_netlink_events_private, NULL);
	return run_tests("bridge");
}
