// SPDX-License-Identifier: GPL-2.0
/*
 * Abuse tests of dmactl.ko and vdma.ko (KTAP), each ending with every
 * resource count (channels in use, module references, pinned pages, the
 * vdma device's DMA-API debug entries) back at its starting value:
 *
 *  kill9_<workload>  a child runs a workload (a job type, or the in-kernel
 *                    measurement loop) from open() on, and is killed with
 *                    SIGKILL after a random delay, over and over: every
 *                    point of its life gets hit, from open to mid-transfer;
 *  close_during_<wait|poll|read>
 *                    one thread sleeps in DMACTL_IOC_WAIT, poll() or read()
 *                    while another closes the file; the sleeper wakes by
 *                    its timeout, or the process is killed;
 *  rmmod_busy        vdma and dmactl cannot be unloaded while a session
 *                    holds a channel with jobs in flight, which complete
 *                    and verify; both unload once it is closed;
 *  vdma_faults       failed (each result), delayed and stalled descriptors
 *                    from vdma's fault injection: the bridge reports each
 *                    as it happened, and the session works on after them;
 *  failnth_<call>, failnth_load_dmactl, failnth_probe_vdma
 *                    every allocation (slab, page, user copy) that a call,
 *                    loading dmactl.ko or vdma's probe makes in the calling
 *                    task fails in turn, through /proc/thread-self/fail-nth:
 *                    it fails with an errno or copes, and nothing stays
 *                    behind (kmemleak checks the rest after the run, see
 *                    scripts/vm-init).
 * Tests needing what the kernel or the modules lack are skipped.
 *
 * usage: abuse [-s SEED] [TEST...]   (ABUSE_SEED; default: random, printed)
 * Without TESTs, $DMACTL_TEST_ONLY (names separated by spaces) chooses.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "abuse.h"

#define KILL_ROUNDS	40
#define BUF_LEN		(256 * 1024)
#define BATCH		16
#define SETTLE_MS	5000
#define FAILNTH_MAX	2000	/* fault sites one call may have */

static struct dmactl_info info;
static struct rng rng;
static uint64_t seed;
static size_t page;

/* ---- a session with two buffers ---------------------------------------- */

struct sess {
	int fd;
	struct dmactl_buf_alloc src, dst;
	uint8_t *s, *d;		/* the mappings, or the user memory */
	uint64_t next_id;
};

static void sess_init(struct sess *x)
{
	memset(x, 0, sizeof(*x));
	x->fd = -1;
	x->s = MAP_FAILED;
	x->d = MAP_FAILED;
}

#define CAP(c)	(1ULL << DMACTL_CAP_##c)

/* A file with a channel that has @caps. */
static int sess_begin(struct sess *x, uint64_t caps)
{
	struct dmactl_chan_request req = {
		.size = sizeof(req),
		.flags = DMACTL_REQ_BY_CAPS,
		.caps = caps,
	};

	sess_init(x);
	x->fd = dev_open();
	if (x->fd < 0)
		return x->fd;
	return xioctl(x->fd, DMACTL_IOC_CHAN_REQUEST, &req);
}

/* Two coherent buffers, mapped; the source filled. */
static int sess_bufs(struct sess *x)
{
	int ret;

	ret = buf_alloc(x->fd, BUF_LEN, &x->src);
	if (!ret)
		ret = buf_alloc(x->fd, BUF_LEN, &x->dst);
	if (ret)
		return ret;
	x->s = mmap(NULL, BUF_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, x->fd,
		    x->src.mmap_offset);
	x->d = mmap(NULL, BUF_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, x->fd,
		    x->dst.mmap_offset);
	if (x->s == MAP_FAILED || x->d == MAP_FAILED)
		return -errno;
	memset(x->s, 0x5a, BUF_LEN);
	return 0;
}

/* A memcpy channel and two coherent buffers. */
static int sess_open(struct sess *x)
{
	int ret = sess_begin(x, CAP(MEMCPY));

	return ret ? ret : sess_bufs(x);
}

/* sess_open(), saying why it failed. */
static bool sess_ready(struct sess *x)
{
	int ret = sess_open(x);

	if (ret)
		out("# session: %s", strerror(-ret));
	return !ret;
}

/* A memcpy channel and two user buffers over this process's memory. */
static int sess_open_user(struct sess *x)
{
	int ret = sess_begin(x, CAP(MEMCPY));

	if (ret)
		return ret;
	x->s = mmap(NULL, 2 * BUF_LEN, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (x->s == MAP_FAILED)
		return -errno;
	x->d = x->s + BUF_LEN;
	memset(x->s, 0x5a, 2 * BUF_LEN);
	memset(&x->src, 0, sizeof(x->src));
	x->src.size = sizeof(x->src);
	x->src.type = DMACTL_BUF_USER;
	x->src.length = BUF_LEN;
	x->src.user_addr = (uintptr_t)x->s;
	x->dst = x->src;
	x->dst.user_addr = (uintptr_t)x->d;
	ret = xioctl(x->fd, DMACTL_IOC_BUF_ALLOC, &x->src);
	if (!ret)
		ret = xioctl(x->fd, DMACTL_IOC_BUF_ALLOC, &x->dst);
	return ret;
}

/*
 * The device address of vdma's last loopback FIFO port (vdma(4)): the
 * other tests use the first ones.  0 if vdma lists none.
 */
static uint64_t fifo_port(void)
{
	unsigned long long addr, last = 0;
	char line[128];
	unsigned int n;
	FILE *f;

	f = fopen("/sys/bus/platform/devices/vdma/ports", "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%u %llx", &n, &addr) == 2)
			last = addr;
	fclose(f);
	return last;
}

/* A slave channel with @caps configured for @dir through @port, buffers. */
static int sess_slave(struct sess *x, uint64_t caps, uint32_t dir,
		      uint64_t port)
{
	struct dmactl_slave_config c = {
		.size = sizeof(c),
		.direction = dir,
		.src_addr_width = 4,
		.dst_addr_width = 4,
		.src_maxburst = 16,
		.dst_maxburst = 16,
	};
	int ret = sess_begin(x, caps | CAP(SLAVE));

	if (ret)
		return ret;
	if (!port)
		return -ENODEV;
	if (dir == DMACTL_DIR_MEM_TO_DEV)
		c.dst_addr = port;
	else
		c.src_addr = port;
	ret = xioctl(x->fd, DMACTL_IOC_SLAVE_CONFIG, &c);
	return ret ? ret : sess_bufs(x);
}

static void sess_close(struct sess *x)
{
	if (x->src.type == DMACTL_BUF_USER) {
		if (x->s != MAP_FAILED)
			munmap(x->s, 2 * BUF_LEN);
	} else {
		if (x->s != MAP_FAILED)
			munmap(x->s, BUF_LEN);
		if (x->d != MAP_FAILED)
			munmap(x->d, BUF_LEN);
	}
	if (x->fd >= 0)
		close(x->fd);
	sess_init(x);
}

static struct dmactl_job memcpy_job(const struct sess *x, uint64_t len)
{
	struct dmactl_job j = {
		.type = DMACTL_JOB_MEMCPY,
		.src_buf = x->src.id,
		.dst_buf = x->dst.id,
		.len = len,
	};

	return j;
}

static struct dmactl_job memset_job(const struct sess *x, uint64_t len)
{
	struct dmactl_job j = {
		.type = DMACTL_JOB_MEMSET,
		.dst_buf = x->dst.id,
		.len = len,
		.value = 0xa5,
	};

	return j;
}

/* Submits @n copies of @job and issues them; returns the first id. */
static int submit(struct sess *x, const struct dmactl_job *job, uint32_t n,
		  bool issue, uint64_t *first)
{
	struct dmactl_job jobs[BATCH];
	struct dmactl_submit sub = {
		.size = sizeof(sub),
		.flags = issue ? DMACTL_SUBMIT_ISSUE : 0,
		.count = n,
		.job_size = sizeof(jobs[0]),
		.jobs = (uintptr_t)jobs,
	};
	uint32_t i;
	int ret;

	for (i = 0; i < n; i++)
		jobs[i] = *job;
	ret = xioctl(x->fd, DMACTL_IOC_SUBMIT, &sub);
	if (!ret && first)
		*first = sub.first_id;
	return ret;
}

static int wait_all(struct sess *x, uint64_t timeout_ns)
{
	struct dmactl_wait w = {
		.size = sizeof(w),
		.flags = DMACTL_WAIT_ALL,
		.timeout_ns = timeout_ns,
	};

	return xioctl(x->fd, DMACTL_IOC_WAIT, &w);
}

static int release_jobs(struct sess *x, uint64_t first, uint32_t n)
{
	struct dmactl_job_status st[BATCH];
	struct dmactl_status r = {
		.size = sizeof(r),
		.flags = DMACTL_STATUS_RELEASE,
		.first_id = first,
		.count = n,
		.entry_size = sizeof(st[0]),
		.entries = (uintptr_t)st,
	};

	return xioctl(x->fd, DMACTL_IOC_STATUS, &r);
}

static int job_status(struct sess *x, uint64_t id, struct dmactl_job_status *st);

/* ---- kill -9 at random points ------------------------------------------ */

/*
 * A workload runs in a child from open() on and loops until killed;
 * @run returns only on a failure, with its errno.
 */
struct workload {
	const char *name;
	uint64_t feature;	/* DMACTL_FEAT_* it needs */
	int (*run)(void);
};

/* Batches of @job, submitted, waited for and released, until an error. */
static int run_batches(struct sess *x, const struct dmactl_job *job)
{
	uint64_t first;
	int ret;

	for (;;) {
		ret = submit(x, job, BATCH, true, &first);
		if (!ret)
			ret = wait_all(x, 10 * NSEC_PER_SEC);
		if (!ret)
			ret = release_jobs(x, first, BATCH);
		if (ret)
			return ret;
	}
}

static int run_jobs(struct dmactl_job (*make)(const struct sess *, uint64_t),
		    bool user)
{
	struct dmactl_job job;
	struct sess x;
	int ret;

	ret = user ? sess_open_user(&x) : sess_open(&x);
	if (ret)
		return ret;
	/* a range of user memory must be contiguous for the device: a page */
	job = make(&x, user ? page : BUF_LEN);
	return run_batches(&x, &job);
}

static int run_memcpy(void)
{
	return run_jobs(memcpy_job, false);
}

static int run_memcpy_user(void)
{
	return run_jobs(memcpy_job, true);
}

static int run_memset(void)
{
	return run_jobs(memset_job, false);
}

/* Jobs submitted but never waited for: the queue stays full. */
static int run_unwaited(void)
{
	struct dmactl_job job;
	struct sess x;
	int ret;

	ret = sess_open(&x);
	if (ret)
		return ret;
	job = memcpy_job(&x, BUF_LEN);
	for (;;) {
		ret = submit(&x, &job, BATCH, true, NULL);
		if (ret == -ENOSPC)
			ret = wait_all(&x, 0) == -ETIMEDOUT ? 0 : -EIO;
		/*
		 * The provider's descriptors are all in flight (a fixed
		 * pool): the next submit succeeds once one completes.
		 */
		if (ret == -EAGAIN)
			ret = 0;
		if (ret)
			return ret;
	}
}

static int run_bench(void)
{
	struct dmactl_job job;
	struct dmactl_bench b = {
		.size = sizeof(b),
		.job_size = sizeof(job),
		.qdepth = 8,
		.duration_ns = 3600 * NSEC_PER_SEC,
	};
	struct sess x;
	int ret;

	ret = sess_open(&x);
	if (ret)
		return ret;
	job = memcpy_job(&x, 4096);
	b.job = (uintptr_t)&job;
	for (;;) {
		ret = xioctl(x.fd, DMACTL_IOC_BENCH, &b);
		if (ret)
			return ret;
	}
}

static struct dmactl_job sg_job(const struct sess *x, uint32_t dir,
				struct dmactl_sg_entry *e)
{
	struct dmactl_job j = {
		.type = DMACTL_JOB_SG,
		.direction = dir,
		.count = 2,
		.list = (uintptr_t)e,
	};
	const struct dmactl_buf_alloc *b = dir == DMACTL_DIR_MEM_TO_DEV ?
					   &x->src : &x->dst;

	e[0] = (struct dmactl_sg_entry){ .buf = b->id, .len = BUF_LEN / 2 };
	e[1] = (struct dmactl_sg_entry){ .buf = b->id, .off = BUF_LEN / 2,
					 .len = BUF_LEN / 2 };
	return j;
}

/* Through a FIFO port: one channel sends into it, another drains it. */
static int run_sg(void)
{
	struct dmactl_sg_entry te[2], re[2];
	struct dmactl_job tj, rj;
	uint64_t port = fifo_port(), tid, rid;
	struct sess tx, rx;
	int ret;

	ret = sess_slave(&tx, 0, DMACTL_DIR_MEM_TO_DEV, port);
	if (!ret)
		ret = sess_slave(&rx, 0, DMACTL_DIR_DEV_TO_MEM, port);
	if (ret)
		return ret;
	tj = sg_job(&tx, DMACTL_DIR_MEM_TO_DEV, te);
	rj = sg_job(&rx, DMACTL_DIR_DEV_TO_MEM, re);
	for (;;) {
		ret = submit(&rx, &rj, 1, true, &rid);
		if (!ret)
			ret = submit(&tx, &tj, 1, true, &tid);
		if (!ret)
			ret = wait_all(&tx, 10 * NSEC_PER_SEC);
		if (!ret)
			ret = wait_all(&rx, 10 * NSEC_PER_SEC);
		if (!ret)
			ret = release_jobs(&tx, tid, 1);
		if (!ret)
			ret = release_jobs(&rx, rid, 1);
		if (ret)
			return ret;
	}
}

/* Cyclic both ways through a FIFO port, running until killed. */
static int run_cyclic(void)
{
	struct dmactl_job_status st;
	struct dmactl_job j = {
		.type = DMACTL_JOB_CYCLIC,
		.len = BUF_LEN,
		.period_len = BUF_LEN / 8,
	};
	uint64_t port = fifo_port(), tid, rid;
	struct sess tx, rx;
	int ret;

	ret = sess_slave(&tx, CAP(CYCLIC), DMACTL_DIR_MEM_TO_DEV, port);
	if (!ret)
		ret = sess_slave(&rx, CAP(CYCLIC), DMACTL_DIR_DEV_TO_MEM, port);
	if (ret)
		return ret;
	j.direction = DMACTL_DIR_DEV_TO_MEM;
	j.dst_buf = rx.dst.id;
	ret = submit(&rx, &j, 1, true, &rid);
	j.direction = DMACTL_DIR_MEM_TO_DEV;
	j.dst_buf = 0;
	j.src_buf = tx.src.id;
	if (!ret)
		ret = submit(&tx, &j, 1, true, &tid);
	while (!ret) {
		ret = job_status(&tx, tid, &st);
		if (!ret)
			ret = job_status(&rx, rid, &st);
		sleep_ns(NSEC_PER_MSEC);
	}
	return ret;
}

/* Frames of two chunks with gaps, memory to memory. */
static int run_interleaved(void)
{
	struct dmactl_chunk c[2] = {
		{ .size = 256, .icg = 256 },
		{ .size = 256, .icg = 256 },
	};
	struct dmactl_job j = {
		.type = DMACTL_JOB_INTERLEAVED,
		.direction = DMACTL_DIR_MEM_TO_MEM,
		.flags = DMACTL_JOB_SRC_INC | DMACTL_JOB_DST_INC |
			 DMACTL_JOB_SRC_SGL,
		.count = 2,
		.list = (uintptr_t)c,
		.frames = BUF_LEN / 1024,
	};
	struct sess x;
	int ret;

	ret = sess_begin(&x, CAP(INTERLEAVE));
	if (!ret)
		ret = sess_bufs(&x);
	if (ret)
		return ret;
	j.src_buf = x.src.id;
	j.dst_buf = x.dst.id;
	return run_batches(&x, &j);
}

static const struct workload workloads[] = {
	{ "memcpy", DMACTL_FEAT_MEMCPY, run_memcpy },
	{ "memcpy_unwaited", DMACTL_FEAT_MEMCPY, run_unwaited },
	{ "memcpy_user_buffers", DMACTL_FEAT_USER_BUF, run_memcpy_user },
	{ "memset", DMACTL_FEAT_MEMSET, run_memset },
	{ "sg_through_fifo", DMACTL_FEAT_SLAVE_SG, run_sg },
	{ "cyclic", DMACTL_FEAT_CYCLIC, run_cyclic },
	{ "interleaved", DMACTL_FEAT_INTERLEAVED, run_interleaved },
	{ "bench_loop", DMACTL_FEAT_BENCH, run_bench },
};

/*
 * The child's life until well into its loop, to spread the kills over;
 * 0 with the errno that stopped the workload by itself, if it did.
 */
static uint64_t calibrate(const struct workload *w, int *err)
{
	uint64_t start = now_ns();
	pid_t pid;
	int status;

	*err = 0;
	pid = fork();
	if (!pid)
		_exit(-w->run());
	sleep_ns(300 * NSEC_PER_MSEC);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	if (WIFEXITED(status)) {
		*err = WEXITSTATUS(status);
		return 0;
	}
	return now_ns() - start;
}

/* PASS, FAIL, or SKIP when no channel can run the workload. */
enum { PASS, FAIL, SKIP };

static int kill9(const struct workload *w)
{
	struct res_counts base;
	unsigned int i, early = 0, killed = 0;
	uint64_t spread, delay;
	pid_t pid;
	int status, err;
	bool ok = true;

	res_read(&base);
	spread = calibrate(w, &err);
	if (err == ENODEV || err == EOPNOTSUPP) {
		out("# %s: %s", w->name, strerror(err));
		return res_settle(&base, w->name, SETTLE_MS) ? SKIP : FAIL;
	}
	if (err) {
		out("# %s: the workload stopped by itself: %s", w->name,
		    strerror(err));
		return FAIL;
	}
	for (i = 0; i < KILL_ROUNDS; i++) {
		/* spread over orders of magnitude: setup takes a few ms only */
		delay = rnd_below(&rng, spread >> rnd_below(&rng, 9));
		pid = fork();
		if (!pid)
			_exit(-w->run());
		sleep_ns(delay);
		kill(pid, SIGKILL);
		if (waitpid(pid, &status, 0) != pid) {
			out("# waitpid: %s", strerror(errno));
			return FAIL;
		}
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
			killed++;
		} else {
			/* a workload ends only on an error */
			early++;
			out("# round %u: the workload failed before the kill: %s",
			    i, WIFEXITED(status) ? strerror(WEXITSTATUS(status)) :
						   "killed by another signal");
			ok = false;
		}
		if (!res_settle(&base, w->name, SETTLE_MS))
			return FAIL;
	}
	out("# %s: %u kills over 0 to %.0f ms from fork, %u failed early",
	    w->name, killed, spread / 1e6, early);
	return ok ? PASS : FAIL;
}

/* ---- close while another thread sleeps on the file --------------------- */

enum sleep_in { IN_WAIT, IN_POLL, IN_READ };

struct sleeper {
	int fd;
	enum sleep_in in;
	int ret;
	uint64_t took;
};

static void *sleeper_main(void *arg)
{
	struct sleeper *z = arg;
	struct dmactl_wait w = {
		.size = sizeof(w),
		.flags = DMACTL_WAIT_ALL,
		.timeout_ns = 2 * NSEC_PER_SEC,
	};
	struct pollfd pfd = { .fd = z->fd, .events = POLLIN };
	uint8_t ev[DMACTL_EVENT_SIZE];
	uint64_t start = now_ns();

	switch (z->in) {
	case IN_WAIT:
		z->ret = xioctl(z->fd, DMACTL_IOC_WAIT, &w);
		break;
	case IN_POLL:
		z->ret = poll(&pfd, 1, 2000) < 0 ? -errno : pfd.revents;
		break;
	case IN_READ:
		/* no event will come: only the process's death ends it */
		z->ret = read(z->fd, ev, sizeof(ev)) < 0 ? -errno : 0;
		break;
	}
	z->took = now_ns() - start;
	return NULL;
}

/*
 * In a child: a job that cannot complete (submitted, never issued), one
 * thread sleeping on it, the other closing the file.  Exit status 0 if
 * close() returned at once and the sleeper woke by its timeout; with
 * @then_die, the parent kills the child after the close.
 */
static int close_child(enum sleep_in in, bool then_die)
{
	struct sleeper z = { .in = in };
	struct dmactl_job job;
	struct sess x;
	pthread_t t;
	uint64_t start;
	int ret;

	ret = sess_open(&x);
	if (ret)
		return 10;
	job = memcpy_job(&x, BUF_LEN);
	if (submit(&x, &job, 1, false, NULL))
		return 11;
	munmap(x.s, BUF_LEN);
	munmap(x.d, BUF_LEN);
	z.fd = x.fd;
	pthread_create(&t, NULL, sleeper_main, &z);
	sleep_ns(300 * NSEC_PER_MSEC);
	start = now_ns();
	if (close(x.fd))
		return 12;
	if (now_ns() - start > 500 * NSEC_PER_MSEC)
		return 13;
	if (then_die)
		pause();
	pthread_join(t, NULL);
	if (in == IN_WAIT && z.ret != -ETIMEDOUT && z.ret)
		return 14;
	if (z.took > 5 * NSEC_PER_SEC)
		return 15;
	return 0;
}

/*
 * Closed under a sleeper, which then wakes by itself (not for read(),
 * which has no timeout); and closed under a sleeper, then killed.
 */
static bool close_during(enum sleep_in in)
{
	static const char *const why[] = {
		[10] = "no session", [11] = "submit failed",
		[12] = "close failed", [13] = "close blocked",
		[14] = "the wait failed", [15] = "the sleeper overslept",
	};
	struct res_counts base;
	int status, round;
	bool ok = true;
	pid_t pid;

	res_read(&base);
	for (round = in == IN_READ; round < 2; round++) {
		pid = fork();
		if (!pid)
			_exit(close_child(in, round == 1));
		if (round == 1) {
			/* killed while the sleeper still sleeps on the closed file */
			sleep_ns(800 * NSEC_PER_MSEC);
			kill(pid, SIGKILL);
		}
		waitpid(pid, &status, 0);
		if (round == 0 && (!WIFEXITED(status) || WEXITSTATUS(status))) {
			out("# closing under a sleeper: %s",
			    WIFEXITED(status) && WEXITSTATUS(status) < 16 &&
			    why[WEXITSTATUS(status)] ? why[WEXITSTATUS(status)] :
			    "crashed");
			ok = false;
		}
		if (round == 1 && !(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
			out("# the child did not die by SIGKILL (status %#x)", status);
			ok = false;
		}
		ok &= res_settle(&base, round ? "killed sleeper" : "closed under a sleeper",
				 SETTLE_MS);
	}
	return ok;
}

/* ---- unloading the modules in use --------------------------------------- */

static bool verify_copy(const struct sess *x)
{
	size_t i;

	for (i = 0; i < BUF_LEN; i++) {
		if (x->d[i] != x->s[i]) {
			out("# byte %zu: %#x, source %#x", i, x->d[i], x->s[i]);
			return false;
		}
	}
	return true;
}

static bool rmmod_busy(void)
{
	struct res_counts base;
	struct dmactl_job job;
	struct sess x;
	bool ok = true;
	int ret;

	res_read(&base);
	if (!sess_ready(&x))
		return false;
	job = memcpy_job(&x, BUF_LEN);
	ret = submit(&x, &job, BATCH, true, NULL);
	if (ret) {
		out("# submit: %s", strerror(-ret));
		return false;
	}
	ret = mod_unload("vdma");
	if (ret != -EAGAIN && ret != -EBUSY) {
		out("# rmmod vdma with a channel held: %s, want EAGAIN or EBUSY",
		    ret ? strerror(-ret) : "success");
		ok = false;
	}
	ret = mod_unload("dmactl");
	if (ret != -EAGAIN && ret != -EBUSY) {
		out("# rmmod dmactl with a file open: %s, want EAGAIN or EBUSY",
		    ret ? strerror(-ret) : "success");
		ok = false;
	}
	if (!mod_loaded("vdma") || !mod_loaded("dmactl")) {
		out("# a module went away");
		return false;
	}
	ret = wait_all(&x, 30 * NSEC_PER_SEC);
	if (ret) {
		out("# the jobs in flight did not finish: %s", strerror(-ret));
		ok = false;
	} else if (!verify_copy(&x)) {
		ok = false;
	}
	sess_close(&x);
	ok &= res_settle(&base, "session closed", SETTLE_MS);

	/* now both go, and come back */
	ret = mod_unload("dmactl");
	if (!ret)
		ret = mod_unload("vdma");
	if (ret) {
		out("# unloading after the session: %s", strerror(-ret));
		ok = false;
	}
	ret = mod_load("vdma", NULL);
	if (!ret)
		ret = mod_load("dmactl", NULL);
	if (ret) {
		out("# reloading: %s", strerror(-ret));
		ok = false;
	}
	return ok;
}

/* ---- allocation failures, one fault site at a time ---------------------- */

static int failnth_fd = -1;

static bool fault_injection_ready(void)
{
	static const char *const knobs[][2] = {
		{ "/sys/kernel/debug/failslab/ignore-gfp-wait", "N" },
		{ "/sys/kernel/debug/failslab/verbose", "0" },
		{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N" },
		{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem", "N" },
		{ "/sys/kernel/debug/fail_page_alloc/min-order", "0" },
		{ "/sys/kernel/debug/fail_page_alloc/verbose", "0" },
		{ "/sys/kernel/debug/fail_usercopy/verbose", "0" },
	};
	unsigned int i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(knobs); i++) {
		fd = open(knobs[i][0], O_WRONLY | O_CLOEXEC);
		if (fd < 0 && strstr(knobs[i][0], "usercopy"))
			continue;	/* optional */
		if (fd < 0 || write(fd, knobs[i][1], strlen(knobs[i][1])) < 0) {
			if (fd >= 0)
				close(fd);
			return false;
		}
		close(fd);
	}
	return true;
}

/* Makes the @nth fault site of this thread's next calls fail. */
static void fail_nth(unsigned int nth)
{
	char buf[16];
	int n = snprintf(buf, sizeof(buf), "%u", nth);

	if (pwrite(failnth_fd, buf, n, 0) != n)
		out("# fail-nth: %s", strerror(errno));
}

/*
 * True if the fault set up by fail_nth() was injected; disarms it.
 * Reading and writing fail-nth copy to and from this process, and those
 * copies are fault sites themselves: with one site left, the read takes
 * it (and fails), with two the write does.  Both leave it disarmed.
 */
static bool fail_nth_hit(void)
{
	char buf[16] = "";

	if (pread(failnth_fd, buf, sizeof(buf) - 1, 0) < 0)
		return false;
	if (atoi(buf) == 0)
		return true;
	if (pwrite(failnth_fd, "0", 1, 0) < 0 && errno != EFAULT)
		out("# fail-nth: %s", strerror(errno));
	return false;
}

/*
 * One call under test: @prep (not failed) makes what it needs, @call is
 * the call whose fault sites fail in turn, @done cleans up.  @call
 * returns 0 or -errno.
 */
struct fcall {
	const char *name;
	uint64_t feature;
	int (*prep)(struct sess *x);
	int (*call)(struct sess *x);
	void (*done)(struct sess *x);
};

static int prep_open(struct sess *x)
{
	sess_init(x);
	return 0;
}

static int call_open(struct sess *x)
{
	x->fd = dev_open();
	return x->fd < 0 ? x->fd : 0;
}

static int prep_fd(struct sess *x)
{
	prep_open(x);
	return call_open(x);
}

static int call_close(struct sess *x)
{
	int ret = close(x->fd);

	x->fd = -1;
	return ret ? -errno : 0;
}

static int call_info(struct sess *x)
{
	struct dmactl_info i;

	return get_info(x->fd, &i);
}

static int call_request(struct sess *x)
{
	return chan_request_memcpy(x->fd);
}

static int prep_chan(struct sess *x)
{
	int ret = prep_fd(x);

	return ret ? ret : call_request(x);
}

static int call_chan_info(struct sess *x)
{
	struct dmactl_chan_info ci = { .size = sizeof(ci) };

	return xioctl(x->fd, DMACTL_IOC_CHAN_INFO, &ci);
}

static int call_release(struct sess *x)
{
	return xioctl(x->fd, DMACTL_IOC_CHAN_RELEASE, NULL);
}

static int call_buf_alloc(struct sess *x)
{
	return buf_alloc(x->fd, BUF_LEN, &x->src);
}

static int prep_bufs(struct sess *x)
{
	int ret = prep_chan(x);

	if (!ret)
		ret = buf_alloc(x->fd, BUF_LEN, &x->src);
	if (!ret)
		ret = buf_alloc(x->fd, BUF_LEN, &x->dst);
	return ret;
}

static int call_buf_free(struct sess *x)
{
	struct dmactl_buf_free bf = { .size = sizeof(bf), .id = x->src.id };

	return xioctl(x->fd, DMACTL_IOC_BUF_FREE, &bf);
}

static int call_submit(struct sess *x)
{
	struct dmactl_job job = memcpy_job(x, BUF_LEN);

	return submit(x, &job, 4, true, NULL);
}

static int prep_jobs(struct sess *x)
{
	int ret = prep_bufs(x);

	x->next_id = 1;
	return ret ? ret : call_submit(x);
}

static int call_wait(struct sess *x)
{
	return wait_all(x, 10 * NSEC_PER_SEC);
}

static int call_status(struct sess *x)
{
	return release_jobs(x, 1, 4);
}

static int call_netlink_dump(struct sess *x)
{
	struct {
		struct nlmsghdr nh;
		struct genlmsghdr gh;
	} req = {
		.nh = {
			.nlmsg_len = sizeof(req),
			.nlmsg_type = GENL_ID_CTRL,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		},
		.gh = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 },
	};
	uint8_t buf[16384];
	ssize_t n;
	int fd, ret = 0;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -errno;
	if (send(fd, &req, sizeof(req), 0) < 0)
		ret = -errno;
	while (!ret) {
		struct nlmsghdr *nh = (void *)buf;

		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			ret = -errno;
		if (n <= 0 || nh->nlmsg_type == NLMSG_DONE ||
		    nh->nlmsg_type == NLMSG_ERROR)
			break;
	}
	close(fd);
	return ret;
}

/*
 * Not mmap(): dmactl allocates nothing there, and a page table that
 * cannot be allocated makes Linux 6.1's remap_pfn_range() clean up
 * through untrack_pfn(), which warns (arch/x86/mm/pat/memtype.c).
 */
static const struct fcall fcalls[] = {
	{ "open", 0, prep_open, call_open, sess_close },
	{ "close_with_jobs", 0, prep_jobs, call_close, sess_close },
	{ "info", 0, prep_fd, call_info, sess_close },
	{ "chan_request", 0, prep_fd, call_request, sess_close },
	{ "chan_info", 0, prep_chan, call_chan_info, sess_close },
	{ "chan_release", 0, prep_chan, call_release, sess_close },
	{ "buf_alloc", 0, prep_chan, call_buf_alloc, sess_close },
	{ "buf_free", 0, prep_bufs, call_buf_free, sess_close },
	{ "submit", 0, prep_bufs, call_submit, sess_close },
	{ "wait", 0, prep_jobs, call_wait, sess_close },
	{ "status", 0, prep_jobs, call_status, sess_close },
	{ "netlink_dump", DMACTL_FEAT_NETLINK, prep_open, call_netlink_dump, sess_close },
};

static unsigned int faults_injected;

/* Fails each fault site of @c in turn, until the call has no more. */
static bool failnth(const struct fcall *c)
{
	unsigned int nth, hits = 0, errs = 0;
	struct res_counts base;
	struct sess x;
	bool ok = true;
	int ret;

	res_read(&base);
	for (nth = 1; nth <= FAILNTH_MAX; nth++) {
		ret = c->prep(&x);
		if (ret) {
			out("# %s: setup: %s", c->name, strerror(-ret));
			c->done(&x);
			return false;
		}
		fail_nth(nth);
		ret = c->call(&x);
		if (!fail_nth_hit()) {
			/* fewer sites than nth: the call ran without a fault */
			c->done(&x);
			if (ret) {
				out("# %s: fails without a fault: %s", c->name,
				    strerror(-ret));
				ok = false;
			}
			break;
		}
		hits++;
		if (ret)
			errs++;
		c->done(&x);
		if (!res_settle(&base, c->name, SETTLE_MS)) {
			out("# %s: after failing fault site %u (%s)", c->name,
			    nth, ret ? strerror(-ret) : "the call coped");
			return false;
		}
	}
	if (nth > FAILNTH_MAX) {
		out("# %s: more than %u fault sites", c->name, FAILNTH_MAX);
		ok = false;
	}
	__atomic_add_fetch(&faults_injected, hits, __ATOMIC_RELAXED);
	out("# %s: %u fault sites failed in turn, %u made the call fail", c->name,
	    hits, errs);
	return ok && res_settle(&base, c->name, SETTLE_MS);
}

/*
 * Something brought up and taken down again: loading dmactl.ko, creating
 * vdma's device (vdma's probe, through vdma's debugfs "device": its
 * driver cannot be unbound from sysfs).  Loading vdma.ko itself is not
 * among them: its platform_driver_register() runs the driver core's
 * module_add_driver(), whose error path in Linux 6.1 leaves a sysfs link
 * behind, which the next load then warns about.
 */
struct toggle {
	const char *name;
	int (*up)(void);	/* 0 or -errno */
	int (*down)(void);
	bool (*is_up)(void);
};

#define VDMA_DEVICE	"/sys/kernel/debug/vdma/device"

static int sysfs_write(const char *path, const char *v)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, v, strlen(v)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static int dmactl_up(void)
{
	return mod_load("dmactl", NULL);
}

static int dmactl_down(void)
{
	return mod_unload("dmactl");
}

static bool dmactl_is_up(void)
{
	return mod_loaded("dmactl");
}

static int vdma_create(void)
{
	return sysfs_write(VDMA_DEVICE, "1");
}

static int vdma_remove(void)
{
	return sysfs_write(VDMA_DEVICE, "0");
}

static bool vdma_exists(void)
{
	return !access("/sys/bus/platform/devices/vdma/driver", F_OK);
}

static const struct toggle toggles[] = {
	{ "load_dmactl", dmactl_up, dmactl_down, dmactl_is_up },
	{ "probe_vdma", vdma_create, vdma_remove, vdma_exists },
};

/*
 * Brought up with each fault site failing in turn: a failed try leaves
 * nothing behind, one that copes goes down cleanly.  Up again at the end.
 */
static bool failnth_toggle(const struct toggle *t)
{
	unsigned int nth, hits = 0, coped = 0;
	struct res_counts base;
	int ret;

	ret = t->down();
	if (ret) {
		out("# %s: down: %s", t->name, strerror(-ret));
		return false;
	}
	res_read(&base);
	for (nth = 1; nth <= FAILNTH_MAX; nth++) {
		fail_nth(nth);
		ret = t->up();
		if (!fail_nth_hit()) {
			if (ret) {
				out("# %s without a fault: %s", t->name, strerror(-ret));
				return false;
			}
			break;
		}
		hits++;
		if (!ret) {
			coped++;
			ret = t->down();
			if (ret) {
				out("# %s coped with fault site %u, then down: %s",
				    t->name, nth, strerror(-ret));
				return false;
			}
		}
		if (t->is_up()) {
			out("# %s: up after failing (fault site %u)", t->name, nth);
			return false;
		}
		if (!res_settle(&base, t->name, SETTLE_MS))
			return false;
	}
	__atomic_add_fetch(&faults_injected, hits, __ATOMIC_RELAXED);
	out("# %s: %u fault sites failed in turn, %u times it coped", t->name,
	    hits, coped);
	return nth <= FAILNTH_MAX && t->is_up();
}

/* ---- vdma's fault injection -------------------------------------------- */

#define VDMA_DEBUGFS	"/sys/kernel/debug/vdma/vdma"	/* see vdma(4) */
#define SLICE		4096	/* each job copies its own slice */
#define FAULT_JOBS	6
#define FAULT_EVERY	3
#define FAULT_DELAY_MS	300

static int knob(const char *name, unsigned long long v)
{
	char path[128], buf[32];
	int fd, n, ret = 0;

	snprintf(path, sizeof(path), VDMA_DEBUGFS "/%s", name);
	n = snprintf(buf, sizeof(buf), "%llu", v);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, buf, n) != n)
		ret = -errno;
	if (fd >= 0)
		close(fd);
	if (ret)
		out("# %s = %llu: %s", path, v, strerror(-ret));
	return ret;
}

/* Submits jobs copying slices [first, first + n) of the buffers. */
static int submit_slices(struct sess *x, unsigned int first, unsigned int n,
			 uint64_t *id)
{
	struct dmactl_job jobs[BATCH] = {};
	struct dmactl_submit sub = {
		.size = sizeof(sub),
		.flags = DMACTL_SUBMIT_ISSUE,
		.count = n,
		.job_size = sizeof(jobs[0]),
		.jobs = (uintptr_t)jobs,
	};
	unsigned int i;
	int ret;

	for (i = 0; i < n; i++) {
		jobs[i] = memcpy_job(x, SLICE);
		jobs[i].src_off = (uint64_t)(first + i) * SLICE;
		jobs[i].dst_off = jobs[i].src_off;
		jobs[i].user_data = first + i;
	}
	ret = xioctl(x->fd, DMACTL_IOC_SUBMIT, &sub);
	if (!ret && sub.submitted != n)
		ret = -EIO;
	if (!ret)
		*id = sub.first_id;
	return ret;
}

static int job_status(struct sess *x, uint64_t id, struct dmactl_job_status *st)
{
	struct dmactl_status r = {
		.size = sizeof(r),
		.first_id = id,
		.count = 1,
		.entry_size = sizeof(*st),
		.entries = (uintptr_t)st,
	};

	return xioctl(x->fd, DMACTL_IOC_STATUS, &r);
}

static bool slice_copied(const struct sess *x, unsigned int i)
{
	return !memcmp(x->d + (size_t)i * SLICE, x->s + (size_t)i * SLICE, SLICE);
}

static bool slice_untouched(const struct sess *x, unsigned int i)
{
	size_t k;

	for (k = 0; k < SLICE; k++)
		if (x->d[(size_t)i * SLICE + k])
			return false;
	return true;
}

/*
 * Every FAULT_EVERY-th descriptor fails with @result: those jobs report
 * it, with their whole length as residue and nothing written; the others
 * complete and copy.
 */
static bool failed_descriptors(struct sess *x, uint32_t result)
{
	struct dmactl_job_status st;
	unsigned int i;
	bool ok = true;
	uint64_t id;
	int ret;

	memset(x->d, 0, BUF_LEN);
	if (knob("fault_result", result) || knob("fault_every", FAULT_EVERY))
		return false;
	ret = submit_slices(x, 0, FAULT_JOBS, &id);
	if (!ret)
		ret = wait_all(x, 30 * NSEC_PER_SEC);
	knob("fault_every", 0);
	if (ret) {
		out("# result %u: %s", result, strerror(-ret));
		return false;
	}
	for (i = 0; i < FAULT_JOBS; i++) {
		bool fail = (i + 1) % FAULT_EVERY == 0;

		ret = job_status(x, id + i, &st);
		if (ret) {
			out("# result %u: status of job %u: %s", result, i, strerror(-ret));
			return false;
		}
		if (st.state != DMACTL_STATE_COMPLETE ||
		    st.result != (fail ? result : DMACTL_RESULT_NOERROR) ||
		    st.residue != (fail ? SLICE : 0) ||
		    st.dma_status != (fail ? DMACTL_DMA_ERROR : DMACTL_DMA_COMPLETE)) {
			out("# result %u: job %u: state %u result %u residue %llu dma_status %u",
			    result, i, st.state, st.result,
			    (unsigned long long)st.residue, st.dma_status);
			ok = false;
		}
		if (fail ? !slice_untouched(x, i) : !slice_copied(x, i)) {
			out("# result %u: job %u: its slice was %s", result, i,
			    fail ? "written" : "not copied");
			ok = false;
		}
	}
	return ok;
}

/*
 * With vdma's knob @name at @value, @n jobs do not complete within
 * @short_ns; with the knob back at 0 they do.  Sets @id to the first.
 */
static bool held_back(struct sess *x, const char *name, unsigned long long value,
		      unsigned int n, uint64_t short_ns, uint64_t *id)
{
	struct dmactl_job_status st;
	bool ok = true;
	int ret;

	memset(x->d, 0, BUF_LEN);
	if (knob(name, value))
		return false;
	ret = submit_slices(x, 0, n, id);
	if (!ret) {
		ret = wait_all(x, short_ns);
		if (ret != -ETIMEDOUT) {
			out("# %s: a short wait: %s, want ETIMEDOUT", name,
			    ret ? strerror(-ret) : "success");
			ok = false;
		}
		ret = job_status(x, *id + n - 1, &st);
		if (!ret && st.state == DMACTL_STATE_COMPLETE) {
			out("# %s: a job completed while held back", name);
			ok = false;
		}
	}
	knob(name, 0);
	if (!ret)
		ret = wait_all(x, 30 * NSEC_PER_SEC);
	if (ret) {
		out("# %s: %s", name, strerror(-ret));
		return false;
	}
	return ok;
}

/* A late completion: not complete until the delay passed, then complete. */
static bool delayed_completion(struct sess *x)
{
	struct dmactl_job_status st;
	uint64_t id;

	if (!held_back(x, "fault_delay_us", FAULT_DELAY_MS * 1000, 1,
		       FAULT_DELAY_MS * NSEC_PER_MSEC / 3, &id) ||
	    job_status(x, id, &st))
		return false;
	if (st.result != DMACTL_RESULT_NOERROR || !slice_copied(x, 0) ||
	    st.complete_ns - st.issue_ns < FAULT_DELAY_MS * NSEC_PER_MSEC) {
		out("# delayed: result %u, %.0f ms from issue to completion",
		    st.result, (st.complete_ns - st.issue_ns) / 1e6);
		return false;
	}
	return true;
}

static unsigned long long all_engines(void)
{
	long long n = read_ll("/sys/module/vdma/parameters/engines");

	return n > 0 && n < 64 ? (1ULL << n) - 1 : ~0ULL;
}

/* A stalled engine: nothing completes until it is released, then all. */
static bool stalled_engine(struct sess *x)
{
	uint64_t id;

	if (!held_back(x, "stall", all_engines(), 2, 300 * NSEC_PER_MSEC, &id))
		return false;
	if (!slice_copied(x, 0) || !slice_copied(x, 1)) {
		out("# stalled, then released: the copies are wrong");
		return false;
	}
	return true;
}

/* Closed while its engine is stalled: the release waits, then cleans up. */
static bool stalled_close(const struct res_counts *base)
{
	struct sess x;
	uint64_t id;
	pid_t pid;
	int status;
	bool ok;

	pid = fork();
	if (!pid) {
		if (sess_open(&x) || knob("stall", all_engines()) ||
		    submit_slices(&x, 0, BATCH, &id))
			_exit(1);
		sess_close(&x);
		_exit(0);
	}
	/* the child's close sleeps until the engines are released */
	sleep_ns(500 * NSEC_PER_MSEC);
	knob("stall", 0);
	ok = waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	     !WEXITSTATUS(status);
	if (!ok)
		out("# closing with a stalled engine: status %#x", status);
	return res_settle(base, "closed while stalled", SETTLE_MS) && ok;
}

static bool vdma_faults(void)
{
	static const uint32_t results[] = {
		DMACTL_RESULT_READ_FAILED, DMACTL_RESULT_WRITE_FAILED,
		DMACTL_RESULT_ABORTED,
	};
	struct res_counts base;
	struct sess x;
	unsigned int i;
	bool ok = true;
	uint64_t id;
	int ret;

	res_read(&base);
	if (!sess_ready(&x))
		return false;
	for (i = 0; i < ARRAY_SIZE(results); i++)
		ok &= failed_descriptors(&x, results[i]);
	ok &= delayed_completion(&x);
	ok &= stalled_engine(&x);

	/* and with the injection off, the session works as before */
	memset(x.d, 0, BUF_LEN);
	ret = submit_slices(&x, 0, BATCH, &id);
	if (!ret)
		ret = wait_all(&x, 30 * NSEC_PER_SEC);
	for (i = 0; !ret && i < BATCH; i++)
		if (!slice_copied(&x, i))
			ret = -EIO;
	if (ret) {
		out("# after the faults: %s", strerror(-ret));
		ok = false;
	}
	sess_close(&x);
	ok &= res_settle(&base, "fault session closed", SETTLE_MS);
	return stalled_close(&base) && ok;
}

/* ---- the list ---------------------------------------------------------- */

static void kill9_result(const struct workload *w, const char *name)
{
	int ret = kill9(w);

	if (ret == SKIP)
		ktap_skip(name, "no channel can run it");
	else
		ktap_result(ret == PASS, "%s", name);
}

/* Marks, in the kernel log, where allocations fail on purpose. */
static void log_mark(const char *what)
{
	int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (write(fd, what, strlen(what)) < 0)
		out("# /dev/kmsg: %s", strerror(errno));
	close(fd);
}

/*
 * The tests named on the command line, else those in $DMACTL_TEST_ONLY
 * (separated by spaces), else all.
 */
static bool wanted(int argc, char **argv, const char *name)
{
	const char *only = getenv("DMACTL_TEST_ONLY");
	size_t len = strlen(name);
	const char *p;
	int i;

	if (optind < argc) {
		for (i = optind; i < argc; i++)
			if (!strcmp(argv[i], name))
				return true;
		return false;
	}
	if (!only || !*only)
		return true;
	for (p = only; (p = strstr(p, name)); p += len)
		if ((p == only || p[-1] == ' ') && (!p[len] || p[len] == ' '))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		enum sleep_in in;
		uint64_t feature;
	} sleeps[] = {
		{ "wait", IN_WAIT, 0 },
		{ "poll", IN_POLL, DMACTL_FEAT_EVENTS },
		{ "read", IN_READ, DMACTL_FEAT_EVENTS },
	};
	char name[96], path[64];
	unsigned int i, plan;
	bool have_failnth;
	int fd, opt;

	seed = seed_from_env("ABUSE_SEED");
	while ((opt = getopt(argc, argv, "s:")) != -1) {
		if (opt != 's') {
			fprintf(stderr, "usage: %s [-s SEED] [TEST...]\n", argv[0]);
			return 2;
		}
		seed = strtoull(optarg, NULL, 0);
	}
	rng_seed(&rng, seed);
	page = sysconf(_SC_PAGESIZE);
	signal(SIGPIPE, SIG_IGN);

	plan = ARRAY_SIZE(workloads) + ARRAY_SIZE(sleeps) + 1 + 1 +
	       ARRAY_SIZE(fcalls) + ARRAY_SIZE(toggles);
	ktap_plan(plan);
	out("# seed %#" PRIx64 " (replay: ABUSE_SEED=%#" PRIx64 " %s)", seed,
	    seed, argv[0]);
	fd = dev_open();
	if (fd < 0 || get_info(fd, &info)) {
		out("# %s: %s", DEV_PATH, strerror(fd < 0 ? -fd : errno));
		return 1;
	}
	close(fd);

	for (i = 0; i < ARRAY_SIZE(workloads); i++) {
		const struct workload *w = &workloads[i];

		snprintf(name, sizeof(name), "kill9_%s", w->name);
		if (!wanted(argc, argv, name))
			ktap_skip(name, "not asked for");
		else if (!(info.features & w->feature))
			ktap_skip(name, "the module does not offer it");
		else
			kill9_result(w, name);
	}

	for (i = 0; i < ARRAY_SIZE(sleeps); i++) {
		snprintf(name, sizeof(name), "close_during_%s", sleeps[i].name);
		if (!wanted(argc, argv, name))
			ktap_skip(name, "not asked for");
		else if (sleeps[i].feature &&
			 !(info.features & sleeps[i].feature))
			ktap_skip(name, "the module has no events");
		else
			ktap_result(close_during(sleeps[i].in), "%s", name);
	}

	if (wanted(argc, argv, "rmmod_busy"))
		ktap_result(rmmod_busy(), "rmmod_busy");
	else
		ktap_skip("rmmod_busy", "not asked for");

	if (!wanted(argc, argv, "vdma_faults"))
		ktap_skip("vdma_faults", "not asked for");
	else if (access(VDMA_DEBUGFS "/fault_every", W_OK))
		ktap_skip("vdma_faults", "no " VDMA_DEBUGFS "/fault_every");
	else
		ktap_result(vdma_faults(), "vdma_faults");

	snprintf(path, sizeof(path), "/proc/self/task/%ld/fail-nth",
		 (long)syscall(SYS_gettid));
	failnth_fd = open(path, O_RDWR | O_CLOEXEC);
	have_failnth = failnth_fd >= 0 && fault_injection_ready();
	/*
	 * Failed allocations are expected from here on: the kernel's
	 * warnings about them are not reports (see scripts/vm.sh).
	 */
	if (have_failnth)
		log_mark("<4>dmactl: fault injection on\n");
	for (i = 0; i < ARRAY_SIZE(fcalls); i++) {
		const struct fcall *c = &fcalls[i];

		snprintf(name, sizeof(name), "failnth_%s", c->name);
		if (!wanted(argc, argv, name))
			ktap_skip(name, "not asked for");
		else if (!have_failnth)
			ktap_skip(name, "no fault injection in this kernel");
		else if (c->feature && !(info.features & c->feature))
			ktap_skip(name, "the module does not offer it");
		else
			ktap_result(failnth(c), "%s", name);
	}
	for (i = 0; i < ARRAY_SIZE(toggles); i++) {
		snprintf(name, sizeof(name), "failnth_%s", toggles[i].name);
		if (!wanted(argc, argv, name))
			ktap_skip(name, "not asked for");
		else if (!have_failnth)
			ktap_skip(name, "no fault injection in this kernel");
		else
			ktap_result(failnth_toggle(&toggles[i]), "%s", name);
	}
	if (have_failnth) {
		log_mark("<4>dmactl: fault injection off\n");
		out("# %u faults injected in all", faults_injected);
	}
	return ktap_exit();
}
