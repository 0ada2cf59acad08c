/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the in-VM test programs of /dev/dmactl share (bridge_lib.c).
 *
 * A test is a function returning PASS, FAIL or SKIP (after skip()), run
 * in a child process of its own with its own file descriptors, so that
 * nothing one test leaves behind can make another pass or fail.
 */
#ifndef DMACTL_TESTS_BRIDGE_LIB_H
#define DMACTL_TESTS_BRIDGE_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <linux/netlink.h>

#include <linux/dmactl.h>

#define DEV_PATH	"/dev/" DMACTL_DEV_NAME
#define TEST_TIMEOUT_S	120
#define TEST_NAME_LEN	64
#define WAIT_NS		(5ULL * 1000 * 1000 * 1000)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

enum { PASS, FAIL, SKIP };

extern long page_size;

void diag(const char *fmt, ...);
/* Records why the test skips; the test then returns SKIP. */
int skip(const char *fmt, ...);

/*
 * OK() and OK_ERR() print where and why a check failed and return false;
 * the caller returns FAIL.
 */
bool ok_(bool cond, const char *fn, int line, const char *expr,
	 const char *fmt, ...);
#define OK(cond, ...) ok_(!!(cond), __func__, __LINE__, #cond, __VA_ARGS__)

bool ok_err_(int got, int want, const char *fn, int line, const char *expr);
/* @call returns 0 or -errno; @err is the errno wanted, 0 for success. */
#define OK_ERR(call, err) ok_err_((call), (err), __func__, __LINE__, #call)

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

/* An ioctl's result as 0 or -errno. */
int xioctl(int fd, unsigned long cmd, const void *arg);
uint64_t now_ns(void);
int dev_open(void);

struct dmactl_info get_info(int fd);
void req_memcpy(struct dmactl_chan_request *req);
/* Takes a free channel with every cap in @caps; 0 or -errno. */
int chan_get_caps(int fd, uint64_t caps, char *name);
/* Takes any free memcpy channel; returns its name in @name if non-NULL. */
void chan_get(int fd, char *name);
struct dmactl_chan_info chan_info(int fd);
/*
 * The provider driver whose channels the tests expect to find:
 * $DMACTL_TEST_DRIVER, or vdma.
 */
const char *test_driver(void);
/*
 * The multiple every submitted length and offset keeps to: the channel's
 * copy_align, or $DMACTL_TEST_ALIGN if larger (a power of two: QEMU's
 * bcm2835 model hangs on lengths that are not a multiple of 4).
 */
size_t copy_unit(const struct dmactl_chan_info *ci);
int buf_alloc_type(int fd, uint32_t type, uint64_t length, const void *user,
		   struct dmactl_buf_alloc *out);
int buf_alloc(int fd, uint64_t length, struct dmactl_buf_alloc *out);
uint32_t buf_new(int fd, uint64_t length);
int buf_free(int fd, uint32_t id);
uint8_t *buf_map(int fd, uint32_t id, size_t len);
struct dmactl_job job_memcpy(uint32_t src, uint64_t src_off,
			     uint32_t dst, uint64_t dst_off, uint64_t len);
/* The device address of vdma's loopback FIFO port @n, see vdma(4). */
uint64_t vdma_port_addr(unsigned int n);
/*
 * A valid configuration for MEM_TO_DEV transfers into vdma's port 0; on
 * the channels of another test driver, one that is never started.
 */
void slave_config_tx(struct dmactl_slave_config *cfg);
int submit(int fd, const struct dmactl_job *jobs, uint32_t count,
	   uint32_t flags, struct dmactl_submit *out);
/* Submits one job and returns its id. */
uint64_t submit_one(int fd, const struct dmactl_job *job, uint32_t flags);
int wait_job(int fd, uint64_t id, uint32_t flags, uint64_t timeout);
int status(int fd, uint64_t first, uint32_t count, uint32_t flags,
	   struct dmactl_job_status *entries);

/* Submits one job, expecting @err (0: success), on failure nothing written. */
int submit_fails(int fd, const struct dmactl_job *job, int err);
/* Whether channel @name can be taken again (a killed owner lets go). */
int chan_free_again(const char *name);

/* A session with a channel, two mapped buffers and a job ready to go. */
struct setup {
	int fd;
	struct dmactl_chan_info ci;
	uint32_t src, dst;
	uint8_t *src_map, *dst_map;
	size_t len;
	struct dmactl_job job;
};

void setup_bufs(struct setup *su, size_t len);
/*
 * Patterns that tell apart a source byte, a byte copied from it and a
 * byte the copy must not have touched.
 */
uint8_t src_byte(size_t i);
uint8_t untouched_byte(size_t i);
void fill(struct setup *su);
/* Checks the destination after a copy of @len bytes from @so to @dso. */
int verify(const struct setup *su, size_t so, size_t dso, size_t len);
/* Sets or clears capability @bit in the effective set; false on error. */
bool cap_effective(int bit, bool on);
/* A 64-bit field holding a kernel address has its top 16 bits set. */
int no_kernel_pointers(const void *p, size_t len, const char *what);

/* Generic netlink */
struct nl {
	int sock;
	uint16_t family;
	uint32_t seq;
	uint32_t events;	/* id of the "events" group, 0 if none */
};

int nl_open(struct nl *nl);
int nl_send(struct nl *nl, uint16_t type, uint16_t flags, uint8_t cmd,
	    uint16_t attr, const char *str);
const struct nlattr *nla_find(const void *data, size_t len, uint16_t type);
const void *nla_data(const struct nlattr *nla);
int nl_str(const void *data, size_t len, uint16_t type, char *out);
int nl_u32(const void *data, size_t len, uint16_t type, uint32_t *out);
int nl_u64(const void *data, size_t len, uint16_t type, uint64_t *out);
/*
 * Dumps with @cmd, calling @fn on each message's attributes; returns the
 * messages, or -1 after printing why (or when @fn returned non-zero).
 */
int nl_dump_each(struct nl *nl, uint8_t cmd,
		 int (*fn)(const void *attrs, size_t len, void *ctx), void *ctx);

/* Running */
/*
 * Adds a test, unless $DMACTL_TEST_ONLY lists the tests to run (names
 * separated by blanks) and not this one.
 */
void add(const char *name, int (*fn)(const void *), const void *param);
/* Prints the KTAP document of every test added; the exit status. */
int run_tests(const char *what);

#endif /* DMACTL_TESTS_BRIDGE_LIB_H */
