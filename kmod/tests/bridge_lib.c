// SPDX-License-Identifier: GPL-2.0
/*
 * What the in-VM test programs of /dev/dmactl share: the KTAP runner,
 * which runs every test in a child process of its own, the checks that
 * report where they failed, helpers for each request of the ABI, and a
 * minimal generic netlink client.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/genetlink.h>

#include "bridge_lib.h"

static int skip_fd = -1;	/* child -> parent: why a test skipped */
long page_size;

void diag(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printf("# %s\n", line);
	fflush(stdout);
}

int skip(const char *fmt, ...)
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
bool ok_(bool cond, const char *fn, int line, const char *expr,
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

bool ok_err_(int got, int want, const char *fn, int line,
	     const char *expr)
{
	if (got == -want)
		return true;
	diag("%s:%d: %s: got %s (%d), want %s", fn, line, expr,
	     got ? strerror(-got) : "success", got,
	     want ? strerror(want) : "success");
	return false;
}

/* An ioctl's result as 0 or -errno. */
int xioctl(int fd, unsigned long cmd, const void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int dev_open(void)
{
	int fd = open(DEV_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		diag("open %s: %s", DEV_PATH, strerror(errno));
		exit(FAIL);
	}
	return fd;
}

struct dmactl_info get_info(int fd)
{
	struct dmactl_info info = { .size = sizeof(info) };

	MUST(xioctl(fd, DMACTL_IOC_INFO, &info));
	return info;
}

void req_memcpy(struct dmactl_chan_request *req)
{
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	req->flags = DMACTL_REQ_BY_CAPS;
	req->caps = 1ULL << DMACTL_CAP_MEMCPY;
}

/* Takes any free memcpy channel; returns its name in @name if non-NULL. */
int chan_get_caps(int fd, uint64_t caps, char *name)
{
	struct dmactl_chan_request req = {
		.size = sizeof(req),
		.flags = DMACTL_REQ_BY_CAPS,
		.caps = caps,
	};
	int ret = xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req);

	if (!ret && name)
		memcpy(name, req.chan_name, DMACTL_NAME_LEN);
	return ret;
}

void chan_get(int fd, char *name)
{
	struct dmactl_chan_request req;

	req_memcpy(&req);
	MUST(xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req));
	if (name)
		memcpy(name, req.chan_name, DMACTL_NAME_LEN);
}

struct dmactl_chan_info chan_info(int fd)
{
	struct dmactl_chan_info ci = { .size = sizeof(ci) };

	MUST(xioctl(fd, DMACTL_IOC_CHAN_INFO, &ci));
	return ci;
}

const char *test_driver(void)
{
	const char *d = getenv("DMACTL_TEST_DRIVER");

	return d && *d ? d : "vdma";
}

size_t copy_unit(const struct dmactl_chan_info *ci)
{
	const char *env = getenv("DMACTL_TEST_ALIGN");
	size_t unit = (size_t)1 << ci->copy_align;
	unsigned long a = env ? strtoul(env, NULL, 0) : 1;

	return a > unit ? a : unit;
}

int buf_alloc_type(int fd, uint32_t type, uint64_t length, const void *user,
		   struct dmactl_buf_alloc *out)
{
	struct dmactl_buf_alloc ba = {
		.size = sizeof(ba),
		.type = type,
		.length = length,
		.user_addr = (uintptr_t)user,
	};
	int ret = xioctl(fd, DMACTL_IOC_BUF_ALLOC, &ba);

	if (!ret && out)
		*out = ba;
	return ret;
}

int buf_alloc(int fd, uint64_t length, struct dmactl_buf_alloc *out)
{
	return buf_alloc_type(fd, DMACTL_BUF_COHERENT, length, NULL, out);
}

uint32_t buf_new(int fd, uint64_t length)
{
	struct dmactl_buf_alloc ba;

	MUST(buf_alloc(fd, length, &ba));
	return ba.id;
}

int buf_free(int fd, uint32_t id)
{
	struct dmactl_buf_free bf = { .size = sizeof(bf), .id = id };

	return xioctl(fd, DMACTL_IOC_BUF_FREE, &bf);
}

uint8_t *buf_map(int fd, uint32_t id, size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		       (off_t)id * page_size);

	if (p == MAP_FAILED) {
		diag("mmap buffer %u: %s", id, strerror(errno));
		exit(FAIL);
	}
	return p;
}

struct dmactl_job job_memcpy(uint32_t src, uint64_t src_off,
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

uint64_t vdma_port_addr(unsigned int n)
{
	unsigned long long addr;
	char line[128];
	unsigned int i;
	FILE *f;

	/* "number address depth" per port, see vdma(4) */
	f = fopen("/sys/bus/platform/devices/vdma/ports", "r");
	if (!f) {
		diag("vdma ports: %s", strerror(errno));
		exit(FAIL);
	}
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%u %llx", &i, &addr) == 2 && i == n) {
			fclose(f);
			return addr;
		}
	fclose(f);
	diag("vdma has no port %u", n);
	exit(FAIL);
}

void slave_config_tx(struct dmactl_slave_config *cfg)
{
	cfg->direction = DMACTL_DIR_MEM_TO_DEV;
	/*
	 * Another provider's channel (a board's controller) is configured
	 * only, never started: no device address is needed that works.
	 */
	cfg->dst_addr = strcmp(test_driver(), "vdma") ? 0 : vdma_port_addr(0);
	cfg->dst_addr_width = 4;
	cfg->dst_maxburst = 16;
}

int submit(int fd, const struct dmactl_job *jobs, uint32_t count,
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
uint64_t submit_one(int fd, const struct dmactl_job *job,
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

int wait_job(int fd, uint64_t id, uint32_t flags, uint64_t timeout)
{
	struct dmactl_wait w = {
		.size = sizeof(w),
		.flags = flags,
		.job_id = id,
		.timeout_ns = timeout,
	};

	return xioctl(fd, DMACTL_IOC_WAIT, &w);
}

int status(int fd, uint64_t first, uint32_t count, uint32_t flags,
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

int submit_fails(int fd, const struct dmactl_job *job, int err)
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

	if (!OK_ERR(xioctl(fd, DMACTL_IOC_SUBMIT, &sub), err))
		return FAIL;
	if (err && !OK(sub.first_id == 0x5a5a5a5a &&
		       sub.submitted == 0x5a5a5a5a, "changed on failure"))
		return FAIL;
	return PASS;
}

int chan_free_again(const char *name)
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

void setup_bufs(struct setup *su, size_t len)
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
uint8_t src_byte(size_t i)
{
	return (uint8_t)(0x80 | ((i * 13 + (i >> 8)) & 0x7f));
}

uint8_t untouched_byte(size_t i)
{
	return (uint8_t)((i * 7 + (i >> 8)) & 0x3f);
}

void fill(struct setup *su)
{
	size_t i;

	for (i = 0; i < su->len; i++) {
		su->src_map[i] = src_byte(i);
		su->dst_map[i] = untouched_byte(i);
	}
}

/* Checks the destination after a copy of @len bytes from @so to @dso. */
int verify(const struct setup *su, size_t so, size_t dso, size_t len)
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
int no_kernel_pointers(const void *p, size_t len, const char *what)
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

int nl_send(struct nl *nl, uint16_t type, uint16_t flags, uint8_t cmd,
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

const struct nlattr *nla_find(const void *data, size_t len,
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

const void *nla_data(const struct nlattr *nla)
{
	return (const char *)nla + NLA_HDRLEN;
}

/* The id of multicast group @name in a CTRL_CMD_GETFAMILY reply, or 0. */
static uint32_t nl_mcast_group(const struct nlmsghdr *nlh, const char *name)
{
	const struct nlattr *groups, *grp, *a;
	size_t len, glen, step;
	uint32_t id;

	groups = nla_find((const char *)NLMSG_DATA(nlh) + GENL_HDRLEN,
			  nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN),
			  CTRL_ATTR_MCAST_GROUPS);
	if (!groups)
		return 0;
	len = groups->nla_len - NLA_HDRLEN;
	grp = nla_data(groups);
	while (len >= NLA_HDRLEN && grp->nla_len >= NLA_HDRLEN &&
	       grp->nla_len <= len) {
		glen = grp->nla_len - NLA_HDRLEN;
		a = nla_find(nla_data(grp), glen, CTRL_ATTR_MCAST_GRP_NAME);
		if (a && !strcmp(nla_data(a), name))
			return nl_u32(nla_data(grp), glen, CTRL_ATTR_MCAST_GRP_ID,
				      &id) ? 0 : id;
		step = NLA_ALIGN(grp->nla_len);
		if (step >= len)
			break;
		len -= step;
		grp = (const void *)((const char *)grp + step);
	}
	return 0;
}

int nl_open(struct nl *nl)
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
	nl->events = nl_mcast_group(nlh, DMACTL_GENL_MCGRP_EVENTS);
	return PASS;
}

int nl_dump_each(struct nl *nl, uint8_t cmd,
		 int (*fn)(const void *attrs, size_t len, void *ctx), void *ctx)
{
	static char buf[32768];
	const struct nlmsghdr *nlh;
	int count = 0;
	ssize_t n;

	if (nl_send(nl, nl->family, NLM_F_DUMP, cmd, 0, NULL))
		return -1;
	for (;;) {
		n = recv(nl->sock, buf, sizeof(buf), 0);
		if (n <= 0) {
			diag("recv: %s", strerror(errno));
			return -1;
		}
		for (nlh = (const void *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type == NLMSG_DONE)
				return count;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				diag("dump: %s", strerror(-((const struct nlmsgerr *)
						NLMSG_DATA(nlh))->error));
				return -1;
			}
			if (fn((const char *)NLMSG_DATA(nlh) + GENL_HDRLEN,
			       nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN),
			       ctx))
				return -1;
			count++;
		}
	}
}

int nl_str(const void *data, size_t len, uint16_t type, char *out)
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

int nl_u32(const void *data, size_t len, uint16_t type, uint32_t *out)
{
	const struct nlattr *nla = nla_find(data, len, type);

	if (!nla || nla->nla_len != NLA_HDRLEN + 4)
		return -1;
	memcpy(out, nla_data(nla), 4);
	return 0;
}

int nl_u64(const void *data, size_t len, uint16_t type, uint64_t *out)
{
	const struct nlattr *nla = nla_find(data, len, type);

	if (!nla || nla->nla_len != NLA_HDRLEN + 8)
		return -1;
	memcpy(out, nla_data(nla), 8);
	return 0;
}

struct test {
	char name[TEST_NAME_LEN];
	int (*fn)(const void *param);
	const void *param;
};

static struct test tests[512];
static int ntests;

/* Whether @name is one of the blank-separated words of @list. */
static bool listed(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name))) {
		if ((p == list || p[-1] == ' ') && (!p[len] || p[len] == ' '))
			return true;
		p += len;
	}
	return false;
}

/* Sets or clears one capability in the effective set. */
bool cap_effective(int bit, bool on)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (!OK(!syscall(SYS_capget, &hdr, data), "capget: %s", strerror(errno)))
		return false;
	if (on)
		data[bit / 32].effective |= 1U << (bit % 32);
	else
		data[bit / 32].effective &= ~(1U << (bit % 32));
	return OK(!syscall(SYS_capset, &hdr, data), "capset: %s",
		  strerror(errno));
}

void add(const char *name, int (*fn)(const void *), const void *param)
{
	const char *only = getenv("DMACTL_TEST_ONLY");

	if (only && *only && !listed(only, name))
		return;
	if (ntests == (int)ARRAY_SIZE(tests)) {
		printf("Bail out! too many tests\n");
		exit(1);
	}
	snprintf(tests[ntests].name, sizeof(tests[0].name), "%s", name);
	tests[ntests].fn = fn;
	tests[ntests].param = param;
	ntests++;
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

int run_tests(const char *what)
{
	int i, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	page_size = sysconf(_SC_PAGESIZE);
	printf("KTAP version 1\n");
	printf("# %s: dmactl ABI %u, %zu-bit process\n", what,
	       DMACTL_ABI_VERSION, sizeof(void *) * 8);
	if (access(DEV_PATH, F_OK)) {
		printf("Bail out! %s: %s\n", DEV_PATH, strerror(errno));
		return 1;
	}
	printf("1..%d\n", ntests);
	for (i = 0; i < ntests; i++)
		if (run(&tests[i]) == FAIL)
			failed++;
	printf("# %s: %d tests, %d failed\n", what, ntests, failed);
	return failed ? 1 : 0;
}
