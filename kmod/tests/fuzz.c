// SPDX-License-Identifier: GPL-2.0
/*
 * An ioctl fuzzer for /dev/dmactl that knows the ABI (KTAP).
 *
 * Each thread draws operations from a seeded generator: every request of
 * the ABI (a table, req[] below, one entry per ioctl), unknown request
 * numbers, mmap and munmap of buffers, read() and poll() of events,
 * closing and reopening a file, fork, and generic netlink requests.
 * Arguments are mostly well formed, so that calls get past validation and
 * reach the deep paths, and sometimes wrong in one way: the size field,
 * a flag, a reserved byte, a buffer or job id, a length or offset, and
 * the pointers (NULL, unmapped, a kernel address, misaligned, read-only,
 * straddling into an unmapped page, inside a DMA buffer mapping).
 *
 * What must hold for every call:
 *  - it returns success or an errno dmactl(4) documents for it (ENOTTY
 *    for requests of features the module does not report);
 *  - a failed call wrote nothing into its argument, a successful one
 *    nothing past the caller's size, and no output holds a kernel
 *    pointer;
 *  - outputs are consistent (ids, states, timestamps);
 * and after each phase, with every file closed, every resource count is
 * back where it started.  The kernel's own checkers (KASAN, lockdep,
 * kmemleak, DMA-API debugging on the debug kernel) watch the rest.
 *
 * Phases: one thread on two files; THREADS threads on one file; THREADS
 * threads on several files, opened and closed as they go.  A thread's
 * sequence of operations depends only on the seed; interleavings of
 * threads do not, so a failure seen with threads is replayed with the
 * same seed and, if it does not show again, with -t 1.
 *
 * usage: fuzz [-s SEED] [-n CALLS] [-t THREADS] [-x REQUEST]...
 *   FUZZ_SEED, FUZZ_CALLS and FUZZ_THREADS set the same from the
 *   environment; the default seed is random and printed first.  -x leaves
 *   a request (INFO, SUBMIT, ...) out, to look past a known failure.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
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

/* the compat path adds little to the 64-bit one: fewer calls through it */
#define DEFAULT_CALLS	(sizeof(long) == 8 ? 120000 : 30000)
#define DEFAULT_THREADS	4
#define MAX_THREADS	16
#define MAX_SLOTS	6
#define MAX_BUFS	32
#define SLOT_BYTES	(16 << 20)	/* beyond this, only small buffers */
#define MAX_MAPS	8
#define MAX_CHANS	64
#define MAX_PORTS	64
#define RING		24		/* calls remembered per thread */
#define ARG_PAGES	2		/* argument area, then a guard page */
#define LIST_PAGES	16		/* the list area, then a guard page: */
#define L_JOBS		0		/*   job arrays, blobs: 6 pages */
#define L_BEFORE	6		/*   the argument as passed: 3 pages */
#define L_ENTRIES	9		/*   status entries: 4 pages */
#define L_SUB		13		/*   sg entries, chunks: 2 pages */
#define UMEM_PAGES	32		/* memory for USER buffers */
#define SMALL_BUF	65536
#define WAIT_MAX_NS	(50 * NSEC_PER_MSEC)
#define CANARY		0xa5
#define HANG_S		60		/* a call this long is hung */

/* The one thing a generator may get wrong, if any. */
enum ptr_kind {
	PTR_GOOD, PTR_MISALIGNED, PTR_NULL, PTR_UNMAPPED, PTR_KERNEL,
	PTR_STRADDLE, PTR_READONLY, PTR_DMA_MAP, PTR_KINDS
};

static const char *const ptr_names[PTR_KINDS] = {
	"good", "misaligned", "NULL", "unmapped", "kernel", "straddling",
	"read-only", "in a DMA mapping",
};

static const uint64_t kernel_addrs[] = {
	0xffff888000000000ULL,	/* the direct map */
	0xffffffff81000000ULL,	/* kernel text */
	0xffffc90000000000ULL,	/* vmalloc */
	0xfffffffffffff000ULL,
	0x8000000000000000ULL,	/* non-canonical */
};

struct buf_rec {
	uint32_t id;
	uint32_t type;
	uint64_t len;
	uint64_t off;		/* mmap offset */
};

struct map_rec {
	uint8_t *addr;
	size_t len;
};

/*
 * What a thread believes about one open file.  Only a guide to plausible
 * values: other threads change the session behind its back.
 */
struct slot {
	pthread_mutex_t lock;
	int fd;			/* -1: closed */
	unsigned int gen;	/* bumped when the file is closed */
	bool chan;
	unsigned int nbufs;
	uint64_t buf_bytes;
	struct buf_rec bufs[MAX_BUFS];
	unsigned int nmaps;
	struct map_rec maps[MAX_MAPS];
	uint64_t job_lo;	/* job ids seen: [job_lo, job_hi) */
	uint64_t job_hi;
	uint64_t reuse_job;	/* a job submitted with DMACTL_JOB_REUSE */
};

struct call {
	const char *what;
	uint64_t a, b;		/* the interesting arguments */
	enum ptr_kind ptr;
	int ret;
};

struct fz {
	struct rng rng;
	unsigned int id;
	uint8_t *arg_area;	/* ARG_PAGES, then an unmapped page */
	uint8_t *list_area;	/* LIST_PAGES, then an unmapped page */
	uint8_t *ro;		/* a page, read-only here ... */
	uint8_t *ro_alias;	/* ... and writable through this mapping */
	uint8_t *umem;		/* UMEM_PAGES for USER buffers */
	uint8_t *hole;		/* a guard page: PROT_NONE */
	int nl;			/* generic netlink socket */
	struct slot *slots;
	unsigned int nslots;
	bool may_reopen;
	bool in_child;
	bool mistake;		/* this call may still get one thing wrong */
	unsigned int violations;
	struct call ring[RING];
	unsigned int ring_pos;
	struct call *cur;
	pid_t tid;
	uint64_t call_start;	/* of the call in progress, 0 between calls */
};

/* The ABI as the running module offers it, read once. */
static struct dmactl_info info;
static size_t page;
static char chans[MAX_CHANS][DMACTL_NAME_LEN];
static unsigned int nchans;
static uint64_t ports[MAX_PORTS];	/* vdma's FIFO ports, see vdma(4) */
static unsigned int nports;
static int genl_family;
static uint64_t seed;
static uint64_t total_calls;	/* of the whole run, as asked for */
static unsigned int nthreads;
static uint64_t target_calls;	/* of the phase */
static uint64_t calls_done;	/* atomic: every syscall on the device */
static uint64_t faults_children;

static uint8_t *list_at(struct fz *f, unsigned int pg)
{
	return f->list_area + (size_t)pg * page;
}

/* Per request: calls and results, for the summary. */
#define ERRNO_MAX	140
struct req_stats {
	uint64_t calls;
	uint64_t ok;
	uint64_t err[ERRNO_MAX];
};

struct req_desc;

typedef void (*gen_fn)(struct fz *f, struct slot *s, uint8_t *arg);
typedef bool (*learn_fn)(struct fz *f, struct slot *s, const uint8_t *arg,
			 const uint8_t *before);

/*
 * One request of the ABI.  @errs lists the errnos dmactl(4) documents for
 * it beyond those of every request (EFAULT, EINVAL, E2BIG; ENXIO if
 * @needs_chan).
 */
struct req_desc {
	const char *name;
	unsigned long cmd;
	uint64_t feature;	/* DMACTL_FEAT_* needed, 0: any module */
	uint32_t size_ver0;	/* 0: takes no argument, which must be 0 */
	uint32_t ksize;		/* sizeof the struct as this program knows it */
	bool needs_chan;
	gen_fn gen;
	learn_fn learn;
	int errs[10];
	unsigned int weight;
	struct req_stats st;
};

static bool violation(struct fz *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void dump_ring(struct fz *f);

static __thread struct fz *self;	/* for the crash handler */

static uint64_t count_call(void)
{
	return __atomic_add_fetch(&calls_done, 1, __ATOMIC_RELAXED);
}

static bool calls_left(void)
{
	return __atomic_load_n(&calls_done, __ATOMIC_RELAXED) < target_calls;
}

static struct call *log_call(struct fz *f, const char *what, uint64_t a,
			     uint64_t b)
{
	struct call *c = &f->ring[f->ring_pos++ % RING];

	c->what = what;
	c->a = a;
	c->b = b;
	c->ptr = PTR_GOOD;
	c->ret = 0;
	f->cur = c;
	__atomic_store_n(&f->call_start, now_ns(), __ATOMIC_RELAXED);
	return c;
}

static void dump_ring(struct fz *f)
{
	unsigned int i, n = f->ring_pos < RING ? f->ring_pos : RING;

	out("# thread %u, its last %u calls, oldest first:", f->id, n);
	for (i = f->ring_pos - n; i != f->ring_pos; i++) {
		const struct call *c = &f->ring[i % RING];

		out("#   %s a=%#" PRIx64 " b=%#" PRIx64 " pointer %s: %s",
		    c->what, c->a, c->b, ptr_names[c->ptr],
		    c->ret ? strerror(-c->ret) : "success");
	}
}

static bool violation(struct fz *f, const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/* the first ones say enough */
	if (f->violations++ >= 5)
		return false;
	out("# VIOLATION (thread %u%s): %s", f->id,
	    f->in_child ? ", forked child" : "", why);
	dump_ring(f);
	out("# replay: fuzz -s %#" PRIx64 " -n %" PRIu64 " -t %u (then -t 1)",
	    seed, total_calls, nthreads);
	return false;
}

/* ---- values ---------------------------------------------------------- */

/*
 * A third of the calls may carry one deliberate mistake, the rest are
 * well formed: a call with several mistakes is rejected for the first,
 * and the paths behind validation would rarely run.  Each place where a
 * value could be wrong asks bad(); the first that says yes uses the
 * call's mistake.
 */
static bool bad(struct fz *f, unsigned int one_in)
{
	if (!f->mistake || !chance(&f->rng, one_in))
		return false;
	f->mistake = false;
	return true;
}

static uint64_t pick_u64(struct fz *f)
{
	static const uint64_t edges[] = {
		0, 1, 2, 7, 8, 63, 64, 4095, 4096, 4097, 65536,
		0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL,
		0x7fffffffffffffffULL, 0x8000000000000000ULL, UINT64_MAX,
		UINT64_MAX - 1,
	};

	if (chance(&f->rng, 2))
		return edges[rnd_below(&f->rng, ARRAY_SIZE(edges))];
	return rnd(&f->rng) >> rnd_below(&f->rng, 64);
}

/* Some of the @valid flags, or a mistake: any bit. */
static uint32_t pick_flags(struct fz *f, uint32_t valid)
{
	uint32_t v = (uint32_t)rnd(&f->rng) & valid;

	if (bad(f, 4))
		v |= 1U << rnd_below(&f->rng, 32);
	return v;
}

/* A wrong number for something from 1 to @limit: 0, one more, any more. */
static uint64_t pick_beyond(struct fz *f, uint64_t limit)
{
	switch (rnd_below(&f->rng, 3)) {
	case 0:
		return 0;
	case 1:
		return limit + 1;
	default:
		return pick_u64(f) | (limit + 1);
	}
}

/* A length up to @limit, mostly small; a mistake: 0, beyond, any. */
static uint64_t pick_len(struct fz *f, uint64_t limit)
{
	if (bad(f, 6))
		return pick_beyond(f, limit);
	switch (rnd_below(&f->rng, 8)) {
	case 0:
		return limit;
	case 1:
		return page * (1 + rnd_below(&f->rng, 4));
	default:
		return 1 + rnd_below(&f->rng, limit < SMALL_BUF ? limit : SMALL_BUF);
	}
}

/* A pointer of @kind to @len bytes; PTR_GOOD ones point at @good. */
static uint64_t pick_ptr_of(struct fz *f, enum ptr_kind kind, uint8_t *good,
			    size_t len, struct slot *s)
{
	switch (kind) {
	case PTR_MISALIGNED:
		return (uintptr_t)good + 1 + rnd_below(&f->rng, 7);
	case PTR_NULL:
		return 0;
	case PTR_UNMAPPED:
		/* a guard page, or below mmap_min_addr, where nothing maps */
		if (chance(&f->rng, 2))
			return (uintptr_t)f->hole + rnd_below(&f->rng, page);
		return page * (1 + rnd_below(&f->rng, 15)) + rnd_below(&f->rng, page);
	case PTR_KERNEL:
		return kernel_addrs[rnd_below(&f->rng, ARRAY_SIZE(kernel_addrs))];
	case PTR_STRADDLE:
		/* the first bytes readable, the rest in the guard page */
		return (uintptr_t)f->list_area + LIST_PAGES * page -
		       1 - rnd_below(&f->rng, len ? len : 1);
	case PTR_READONLY:
		return (uintptr_t)f->ro;
	case PTR_DMA_MAP:
		if (s && s->nmaps)
			return (uintptr_t)s->maps[rnd_below(&f->rng, s->nmaps)].addr;
		return (uintptr_t)good;
	default:
		return (uintptr_t)good;
	}
}

/*
 * A nested pointer (jobs, entries, chunks, blobs, user memory) to @len
 * bytes at @good, all readable; a mistake: any other kind.
 */
static uint64_t pick_list_ptr(struct fz *f, uint8_t *good, size_t len,
			      struct slot *s)
{
	enum ptr_kind kind = PTR_GOOD;

	if (bad(f, 6))
		kind = 1 + rnd_below(&f->rng, PTR_KINDS - 1);
	if (kind == PTR_READONLY)
		memcpy(f->ro_alias, good, len < page ? len : page);
	return pick_ptr_of(f, kind, good, len, s);
}

/* A buffer of the session; a mistake, or none known: any id. */
static uint32_t pick_buf_id(struct fz *f, struct slot *s)
{
	if (s->nbufs && !bad(f, 8))
		return s->bufs[rnd_below(&f->rng, s->nbufs)].id;
	switch (rnd_below(&f->rng, 3)) {
	case 0:
		return 0;
	case 1:
		return 1 + rnd_below(&f->rng, 16);
	default:
		return (uint32_t)pick_u64(f);
	}
}

static const struct buf_rec *find_buf(struct slot *s, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < s->nbufs; i++)
		if (s->bufs[i].id == id)
			return &s->bufs[i];
	return NULL;
}

/*
 * An offset and length inside buffer @id; a mistake: outside it.  The
 * pages of streaming and user buffers need not be contiguous for the
 * device, where a range must be: mostly, theirs stay in one page.
 */
static void pick_range(struct fz *f, struct slot *s, uint32_t id,
		       __u64 *off, __u64 *len)
{
	const struct buf_rec *b = find_buf(s, id);
	uint64_t blen = b ? b->len : page, room;

	if (bad(f, 12)) {
		*off = pick_u64(f);
		*len = pick_u64(f);
		return;
	}
	*off = rnd_below(&f->rng, blen);
	room = blen - *off;
	if (b && b->type != DMACTL_BUF_COHERENT && !chance(&f->rng, 8) &&
	    room > page - *off % page)
		room = page - *off % page;
	*len = 1 + rnd_below(&f->rng, room);
	if (bad(f, 12))
		*len = blen - *off + 1;		/* one past the end */
}

/* A job of the session; a mistake, or none known: any id. */
static uint64_t pick_job_id(struct fz *f, struct slot *s)
{
	uint64_t span = s->job_hi - s->job_lo;

	if (span && !bad(f, 8))
		return s->job_lo + rnd_below(&f->rng, span);
	return chance(&f->rng, 2) ? s->job_hi + rnd_below(&f->rng, 4) :
				    pick_u64(f);
}

/* 1 to 8 mostly, up to @max; a mistake: 0, beyond, any. */
static uint32_t pick_count(struct fz *f, uint32_t max)
{
	uint64_t v;

	if (bad(f, 4)) {
		v = pick_beyond(f, max);
		return v > UINT32_MAX ? max + 1 : v;
	}
	return chance(&f->rng, 16) ? max : 1 + rnd_below(&f->rng, max < 8 ? max : 8);
}

/* An element size: this program's or the first published; a mistake: another. */
static uint32_t pick_elem_size(struct fz *f, uint32_t ksize, uint32_t ver0)
{
	if (bad(f, 6)) {
		switch (rnd_below(&f->rng, 4)) {
		case 0:
			return ver0 - 8;
		case 1:
			return page + 8;
		case 2:
			return 0;
		default:
			return (uint32_t)pick_u64(f);
		}
	}
	if (chance(&f->rng, 8))
		return ksize + 8;	/* a zero tail is fine */
	return chance(&f->rng, 8) ? ver0 : ksize;
}

static uint64_t pick_timeout(struct fz *f)
{
	switch (rnd_below(&f->rng, 6)) {
	case 0:
		return 0;
	case 1:
		return 1 + rnd_below(&f->rng, 1000);
	default:
		return rnd_below(&f->rng, WAIT_MAX_NS);
	}
}

/* ---- generators, one per request ---------------------------------------- */

static void gen_none(struct fz *f, struct slot *s, uint8_t *arg)
{
}

/* What the jobs need, as channel requests ask for it. */
static const uint64_t caps_sets[] = {
	1ULL << DMACTL_CAP_MEMCPY,
	1ULL << DMACTL_CAP_MEMCPY,
	1ULL << DMACTL_CAP_MEMSET,
	1ULL << DMACTL_CAP_SLAVE,
	1ULL << DMACTL_CAP_SLAVE | 1ULL << DMACTL_CAP_CYCLIC,
	1ULL << DMACTL_CAP_INTERLEAVE,
};

static void gen_chan_request(struct fz *f, struct slot *s, uint8_t *arg)
{
	struct dmactl_chan_request *r = (void *)arg;
	unsigned int i;

	if (bad(f, 3)) {
		switch (rnd_below(&f->rng, 3)) {
		case 0:
			r->flags = (uint32_t)pick_u64(f);
			r->caps = pick_u64(f);
			break;
		case 1:
			/* a name not terminated, or on a request by caps */
			r->flags = chance(&f->rng, 2) ? DMACTL_REQ_BY_NAME :
							DMACTL_REQ_BY_CAPS;
			for (i = 0; i < DMACTL_NAME_LEN; i++)
				r->name[i] = 'a' + rnd_below(&f->rng, 26);
			break;
		default:
			r->flags = DMACTL_REQ_BY_CAPS;
			r->caps = 1ULL << (DMACTL_CAP_COUNT + rnd_below(&f->rng, 40));
			break;
		}
		return;
	}
	switch (rnd_below(&f->rng, 4)) {
	case 0:
	case 1:
		r->flags = DMACTL_REQ_BY_CAPS;
		r->caps = caps_sets[rnd_below(&f->rng, ARRAY_SIZE(caps_sets))];
		if (chance(&f->rng, 8))
			r->caps |= 1ULL << rnd_below(&f->rng, DMACTL_CAP_COUNT);
		break;
	case 2:
		r->flags = DMACTL_REQ_BY_NAME;
		if (nchans)
			strcpy(r->name, chans[rnd_below(&f->rng, nchans)]);
		else
			strcpy(r->name, "dma0chan0");
		break;
	default:
		r->flags = DMACTL_REQ_BY_DEVICE;
		strcpy(r->name, nchans ? chans[rnd_below(&f->rng, nchans)] : "dma0");
		if (strstr(r->name, "chan"))
			*strstr(r->name, "chan") = 0;
		break;
	}
	/* an output: what comes in is not looked at */
	if (chance(&f->rng, 16))
		r->chan_name[rnd_below(&f->rng, DMACTL_NAME_LEN)] = 'x';
}

/* A device address: one of vdma's FIFO ports, mostly. */
static uint64_t pick_port(struct fz *f)
{
	if (!nports || chance(&f->rng, 4))
		return pick_u64(f);
	return ports[rnd_below(&f->rng, nports)] + rnd_below(&f->rng, 2) * 8;
}

static void gen_slave_config(struct fz *f, struct slot *s, uint8_t *arg)
{
	static const uint32_t widths[] = { 0, 1, 2, 3, 4, 8, 16, 32, 64, 128 };
	struct dmactl_slave_config *c = (void *)arg;
	uint8_t *blob = list_at(f, L_JOBS);
	uint32_t len;

	c->flags = pick_flags(f, DMACTL_CFG_FLAGS);
	c->direction = rnd_below(&f->rng, bad(f, 8) ? 1000 : 4);
	c->src_addr_width = bad(f, 8) ? 5 : widths[rnd_below(&f->rng, ARRAY_SIZE(widths))];
	c->dst_addr_width = widths[rnd_below(&f->rng, ARRAY_SIZE(widths))];
	c->src_addr = pick_port(f);
	c->dst_addr = pick_port(f);
	c->src_maxburst = rnd_below(&f->rng, 64);
	c->dst_maxburst = rnd_below(&f->rng, 64);
	c->src_port_window_size = rnd_below(&f->rng, 4);
	c->dst_port_window_size = rnd_below(&f->rng, 4);
	if (chance(&f->rng, 3)) {
		len = pick_len(f, info.max_config_bytes ? info.max_config_bytes : 64);
		c->peripheral_config_len = len;
		memset(blob, 0x5c, len < page ? len : page);
		c->peripheral_config = pick_list_ptr(f, blob, len, s);
	} else if (bad(f, 16)) {
		c->peripheral_config = pick_u64(f) | 1;
	}
}

/* Buffer types the module offers. */
static uint32_t pick_buf_type(struct fz *f)
{
	uint32_t types[3] = { DMACTL_BUF_COHERENT };
	unsigned int n = 1;

	if (bad(f, 8))
		return chance(&f->rng, 2) ? 3 + rnd_below(&f->rng, 8) :
					    (uint32_t)pick_u64(f);
	if (info.features & DMACTL_FEAT_STREAMING_BUF)
		types[n++] = DMACTL_BUF_STREAMING;
	if (info.features & DMACTL_FEAT_USER_BUF)
		types[n++] = DMACTL_BUF_USER;
	return types[rnd_below(&f->rng, n)];
}

static void gen_buf_alloc(struct fz *f, struct slot *s, uint8_t *arg)
{
	struct dmactl_buf_alloc *b = (void *)arg;
	uint64_t limit = info.max_buf_bytes ? info.max_buf_bytes : SMALL_BUF;
	/* ranges overlap, in one session or several: EBUSY */
	uint64_t room = UMEM_PAGES * page;
	uint64_t off;

	b->flags = pick_flags(f, 0);
	b->type = pick_buf_type(f);
	b->length = pick_len(f, limit);
	/*
	 * Big buffers are slow to clear, and the guest's memory is small:
	 * most are small, and a session this program knows to hold many
	 * gets no more that could succeed.
	 */
	if (b->length > SMALL_BUF && b->length <= limit && !chance(&f->rng, 8))
		b->length = 1 + rnd_below(&f->rng, SMALL_BUF);
	if (s->nbufs == MAX_BUFS || s->buf_bytes > SLOT_BYTES)
		b->length = chance(&f->rng, 2) ? 0 : limit + 1;
	if (b->type == DMACTL_BUF_USER) {
		if (b->length > room)
			b->length = 1 + rnd_below(&f->rng, room);
		off = rnd_below(&f->rng, room - b->length + 1);
		b->user_addr = pick_list_ptr(f, f->umem + off, b->length, s);
	} else if (bad(f, 16)) {
		b->user_addr = pick_u64(f) | 1;
	}
	/* outputs: what comes in is not looked at */
	if (chance(&f->rng, 16)) {
		b->id = (uint32_t)rnd(&f->rng);
		b->mmap_offset = rnd(&f->rng);
	}
}

static void gen_buf_free(struct fz *f, struct slot *s, uint8_t *arg)
{
	struct dmactl_buf_free *b = (void *)arg;

	b->id = pick_buf_id(f, s);
}

static void gen_buf_sync(struct fz *f, struct slot *s, uint8_t *arg)
{
	struct dmactl_buf_sync *b = (void *)arg;

	b->flags = bad(f, 6) ? pick_flags(f, DMACTL_SYNC_FLAGS) | DMACTL_SYNC_FLAGS :
		   chance(&f->rng, 2) ? DMACTL_SYNC_FOR_CPU : DMACTL_SYNC_FOR_DEVICE;
	b->id = pick_buf_id(f, s);
}

/* Job types the module offers. */
static uint32_t pick_job_type(struct fz *f)
{
	static const struct {
		uint32_t type;
		uint64_t feature;
	} types[] = {
		{ DMACTL_JOB_MEMCPY, DMACTL_FEAT_MEMCPY },
		{ DMACTL_JOB_MEMSET, DMACTL_FEAT_MEMSET },
		{ DMACTL_JOB_SG, DMACTL_FEAT_MEMCPY_SG | DMACTL_FEAT_SLAVE_SG },
		{ DMACTL_JOB_CYCLIC, DMACTL_FEAT_CYCLIC },
		{ DMACTL_JOB_INTERLEAVED, DMACTL_FEAT_INTERLEAVED },
	};
	uint32_t ok[ARRAY_SIZE(types)];
	unsigned int i, n = 0;

	if (bad(f, 12))
		return ARRAY_SIZE(types) + rnd_below(&f->rng, 4);
	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (info.features & types[i].feature)
			ok[n++] = types[i].type;
	return n ? ok[rnd_below(&f->rng, n)] : DMACTL_JOB_MEMCPY;
}

static void gen_job(struct fz *f, struct slot *s, struct dmactl_job *j)
{
	const uint32_t v2_flags = DMACTL_JOB_NO_INTERRUPT | DMACTL_JOB_DEFER_ACK |
				  DMACTL_JOB_REUSE;
	uint8_t *list = list_at(f, L_SUB);
	struct dmactl_sg_entry *sg = (void *)list;
	struct dmactl_chunk *ch = (void *)list;
	unsigned int i;
	__u64 len;

	memset(j, 0, sizeof(*j));
	j->type = pick_job_type(f);
	/* flags exist from ABI 2 on; most jobs have none */
	j->flags = info.abi_version >= 2 && chance(&f->rng, 4) ?
		   pick_flags(f, v2_flags) : pick_flags(f, 0);
	j->user_data = rnd(&f->rng) >> 17;	/* never like a kernel pointer */
	switch (j->type) {
	case DMACTL_JOB_MEMCPY:
		j->src_buf = pick_buf_id(f, s);
		j->dst_buf = pick_buf_id(f, s);
		pick_range(f, s, j->src_buf, &j->src_off, &j->len);
		pick_range(f, s, j->dst_buf, &j->dst_off, &len);
		if (len < j->len)
			j->len = len;
		break;
	case DMACTL_JOB_MEMSET:
		j->dst_buf = pick_buf_id(f, s);
		pick_range(f, s, j->dst_buf, &j->dst_off, &j->len);
		j->value = bad(f, 8) ? 256 + (uint32_t)pick_u64(f) % 0xff00 :
				       rnd_below(&f->rng, 256);
		break;
	case DMACTL_JOB_SG:
		/* to or from a device: Linux 6.1 has no memory-to-memory sg */
		j->direction = bad(f, 8) ? rnd_below(&f->rng, 100) :
			       1 + rnd_below(&f->rng, 2);
		j->count = bad(f, 8) ? (uint32_t)pick_u64(f) : 1 + rnd_below(&f->rng, 8);
		for (i = 0; i < j->count && i < 8; i++) {
			sg[i].buf = pick_buf_id(f, s);
			sg[i].reserved = bad(f, 32);
			pick_range(f, s, sg[i].buf, &sg[i].off, &sg[i].len);
		}
		j->list = pick_list_ptr(f, list, 8 * sizeof(*sg), s);
		break;
	case DMACTL_JOB_CYCLIC:
		j->direction = chance(&f->rng, 2) ? DMACTL_DIR_MEM_TO_DEV :
						    DMACTL_DIR_DEV_TO_MEM;
		if (j->direction == DMACTL_DIR_MEM_TO_DEV) {
			j->src_buf = pick_buf_id(f, s);
			pick_range(f, s, j->src_buf, &j->src_off, &j->len);
		} else {
			j->dst_buf = pick_buf_id(f, s);
			pick_range(f, s, j->dst_buf, &j->dst_off, &j->len);
		}
		j->period_len = j->len / (1 + rnd_below(&f->rng, 4));
		if (bad(f, 6))
			j->period_len = chance(&f->rng, 2) ? 0 : j->len + 1;
		break;
	case DMACTL_JOB_INTERLEAVED:
		j->direction = DMACTL_DIR_MEM_TO_MEM;
		j->src_buf = pick_buf_id(f, s);
		j->dst_buf = pick_buf_id(f, s);
		pick_range(f, s, j->src_buf, &j->src_off, &len);
		pick_range(f, s, j->dst_buf, &j->dst_off, &len);
		j->count = bad(f, 8) ? (uint32_t)pick_u64(f) : 1 + rnd_below(&f->rng, 4);
		for (i = 0; i < j->count && i < 8; i++) {
			ch[i].size = 1 + rnd_below(&f->rng, 256);
			ch[i].icg = rnd_below(&f->rng, 3) * rnd_below(&f->rng, 64);
			ch[i].dst_icg = chance(&f->rng, 4) ? rnd_below(&f->rng, 64) : 0;
			ch[i].src_icg = chance(&f->rng, 4) ? rnd_below(&f->rng, 64) : 0;
		}
		j->list = pick_list_ptr(f, list, 8 * sizeof(*ch), s);
		j->frames = bad(f, 8) ? pick_u64(f) : 1 + rnd_below(&f->rng, 4);
		j->flags |= (uint32_t)rnd(&f->rng) & (DMACTL_JOB_SRC_INC |
				DMACTL_JOB_DST_INC | DMACTL_JOB_SRC_SGL |
				DMACTL_JOB_DST_SGL);
		break;
	default:
		j->src_buf = pick_buf_id(f, s);
		j->dst_buf = pick_buf_id(f, s);
		j->len = pick_u64(f);
		break;
	}
	if (bad(f, 24))
		j->reserved0 = 1;
	if (bad(f, 24))
		j->reserved[rnd_below(&f->rng, 2)] = pick_u64(f) | 1;
}

/* Fills @n elements of @esize bytes at @list; beyond sizeof, zero. */
static void fill_jobs(struct fz *f, struct slot *s, uint8_t *list,
		      uint32_t n, uint32_t esize)
{
	struct dmactl_job j;
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint8_t *e = list + (size_t)i * esize;

		gen_job(f, s, &j);
		memcpy(e, &j, esize < sizeof(j) ? esize : sizeof(j));
		if (esize > sizeof(j)) {
			memset(e + sizeof(j), 0, esize - sizeof(j));
			if (bad(f, 8))
				e[sizeof(j) + rnd_below(&f->rng, esize - sizeof(j))] = 1;
		}
	}
}

static void gen_submit(struct fz *f, struct slot *s, uint8_t *arg)
{
	struct dmactl_submit *r = (void *)arg;
	uint32_t esize = pick_elem_size(f, sizeof(struct dmactl_job),
					DMACTL_JOB_SIZE_VER0);
	size_t room = (L_BEFORE - L_JOBS) * page;
	uint32_t n;

	r->flags = pick_flags(f, DMACTL_SUBMIT_FLAGS);
	if (chance(&f->rng, 2))
		r->flags |= DMACTL_SUBMIT_ISSUE;
	r->count = pick_count(f, info.max_batch);
	r->job_size = esize;
	n = r->count;
	if (!esize || esize > room)
		n = 0;
	else if ((uint64_t)n * esize > room)
		n = room / esize;
	fill_jobs(f, s, list_at(f, L_JOBS), n, esize);
	r->jobs = pick_list_ptr(f, list_at(f, L_JOBS), (size_t)n * esize, s);
	if (bad(f, 16))
		r->reserved0 = 1;
	/* outputs: what comes in is not looked at */
	if (chance(&f->rng, 16)) {
		r->first_id = rnd(&f->rng);
		r->submitted = rnd(&f->rng);
	}
}

static void gen_wait(struct fz *f, struct slot *s, uint8_t *arg)
{
	struct dmactl_wait *w = (void *)arg;

	/* ABI 1 had only DMACTL_WAIT_ALL */
	w->flags = pick_flags(f, info.abi_version >= 2 ? DMACTL_WAIT_FLAGS :
				 DMACTL_WAIT_ALL);
	w->job_id = w->flags & DMACTL_WAIT_ALL ? 0 : pick_job_id(f, s);
	if ((w->flags & DMACTL_WAIT_ALL) && bad(f, 6))
		w->job_id = pick_job_id(f, s) | 1;
	w->timeout_ns = pick_timeout(f);
	if (w->flags & DMACTL_WAIT_ABSOLUTE)
		w->timeout_ns = chance(&f->rng, 4) ? rnd_below(&f->rng, now_ns()) :
						     now_ns() + w->timeout_ns;
}

static void gen_status(struct fz *f, struct slot *s, uint8_t *arg)
{
	struct dmactl_status *r = (void *)arg;
	uint32_t esize = pick_elem_size(f, sizeof(struct dmactl_job_status),
					DMACTL_JOB_STATUS_SIZE_VER0);
	uint64_t span = s->job_hi - s->job_lo;
	uint8_t *list = list_at(f, L_ENTRIES);

	r->flags = pick_flags(f, DMACTL_STATUS_FLAGS);
	r->first_id = pick_job_id(f, s);
	r->count = span && chance(&f->rng, 2) ?
		   1 + rnd_below(&f->rng, span < 16 ? span : 16) :
		   pick_count(f, info.max_batch);
	r->entry_size = esize;
	memset(list, CANARY, (L_SUB - L_ENTRIES) * page);
	r->entries = pick_list_ptr(f, list, (size_t)r->count * esize, s);
}

static void gen_terminate(struct fz *f, struct slot *s, uint8_t *arg)
{
	struct dmactl_terminate *t = (void *)arg;

	t->flags = pick_flags(f, DMACTL_TERMINATE_FLAGS);
}

static void gen_resubmit(struct fz *f, struct slot *s, uint8_t *arg)
{
	struct dmactl_resubmit *r = (void *)arg;

	r->flags = pick_flags(f, DMACTL_SUBMIT_FLAGS);
	r->job_id = s->reuse_job && !bad(f, 4) ? s->reuse_job : pick_job_id(f, s);
}

static void gen_bench(struct fz *f, struct slot *s, uint8_t *arg)
{
	struct dmactl_bench *b = (void *)arg;
	struct dmactl_job *j = (void *)list_at(f, L_JOBS);
	uint32_t esize = pick_elem_size(f, sizeof(*j), DMACTL_JOB_SIZE_VER0);

	b->flags = pick_flags(f, 0);
	fill_jobs(f, s, (uint8_t *)j, 1, esize < page ? esize : 0);
	/* the loop holds the session: keep it short */
	if (j->len > SMALL_BUF)
		j->len = SMALL_BUF;
	b->job = pick_list_ptr(f, (uint8_t *)j, esize, s);
	b->job_size = esize;
	b->qdepth = pick_count(f, info.max_batch);
	b->count = rnd_below(&f->rng, 64);
	b->duration_ns = 1 + rnd_below(&f->rng, 5 * NSEC_PER_MSEC);
	if (bad(f, 8)) {
		b->count = 0;
		b->duration_ns = 0;
	}
	/* outputs: what comes in is not looked at */
	if (chance(&f->rng, 16))
		b->hist[rnd_below(&f->rng, DMACTL_HIST_BUCKETS)] = rnd(&f->rng);
}

/* ---- checks of successful answers --------------------------------------- */

static bool no_kernel_ptr(struct fz *f, const uint8_t *arg,
			  const uint8_t *before, size_t len, const char *what)
{
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t v, was;

		memcpy(&v, arg + i, 8);
		memcpy(&was, before + i, 8);
		if (v != was && (v >> 48) == 0xffff)
			return violation(f, "%s: byte %zu holds %#" PRIx64
					 ", a kernel address", what, i, v);
	}
	return true;
}

static bool learn_info(struct fz *f, struct slot *s, const uint8_t *arg,
		       const uint8_t *before)
{
	const struct dmactl_info *i = (const void *)arg;

	if (i->abi_version < 1 || !i->max_batch || !i->max_jobs ||
	    !i->max_buf_bytes || !i->max_buffers || i->reserved)
		return violation(f, "INFO: abi %u, max_batch %u, max_jobs %u, reserved %#llx",
				 i->abi_version, i->max_batch, i->max_jobs,
				 (unsigned long long)i->reserved);
	if (i->features != info.features)
		return violation(f, "INFO: features %#llx, were %#llx",
				 (unsigned long long)i->features,
				 (unsigned long long)info.features);
	return true;
}

static bool known_chan(const char *name)
{
	unsigned int i;

	for (i = 0; i < nchans; i++)
		if (!strcmp(chans[i], name))
			return true;
	return false;
}

static bool learn_chan_request(struct fz *f, struct slot *s,
			       const uint8_t *arg, const uint8_t *before)
{
	const struct dmactl_chan_request *r = (const void *)arg;

	s->chan = true;
	if (!memchr(r->chan_name, 0, DMACTL_NAME_LEN) || !known_chan(r->chan_name))
		return violation(f, "CHAN_REQUEST: granted '%.64s', no such channel",
				 r->chan_name);
	return true;
}

static void forget_session(struct slot *s)
{
	s->chan = false;
	s->nbufs = 0;
	s->buf_bytes = 0;
	s->job_lo = 0;
	s->job_hi = 0;
	s->reuse_job = 0;
}

static bool learn_chan_release(struct fz *f, struct slot *s,
			       const uint8_t *arg, const uint8_t *before)
{
	forget_session(s);
	return true;
}

static bool learn_chan_info(struct fz *f, struct slot *s, const uint8_t *arg,
			    const uint8_t *before)
{
	const struct dmactl_chan_info *c = (const void *)arg;

	if (!memchr(c->chan_name, 0, DMACTL_NAME_LEN) ||
	    !memchr(c->dev_name, 0, DMACTL_NAME_LEN) ||
	    !memchr(c->driver_name, 0, DMACTL_NAME_LEN) ||
	    !known_chan(c->chan_name))
		return violation(f, "CHAN_INFO: names not terminated or unknown channel");
	if (c->residue_granularity > DMACTL_RESIDUE_BURST ||
	    c->directions >> 4 || c->reserved[0] || c->reserved[1] ||
	    c->reserved[2] || c->reserved[3])
		return violation(f, "CHAN_INFO: out-of-range or reserved fields set");
	return true;
}

static bool learn_buf_alloc(struct fz *f, struct slot *s, const uint8_t *arg,
			    const uint8_t *before)
{
	const struct dmactl_buf_alloc *b = (const void *)arg;
	struct buf_rec *r;

	if (!b->id)
		return violation(f, "BUF_ALLOC: id 0");
	if (b->type != DMACTL_BUF_USER &&
	    (!b->mmap_offset || b->mmap_offset % page))
		return violation(f, "BUF_ALLOC: mmap_offset %#llx",
				 (unsigned long long)b->mmap_offset);
	if (b->type == DMACTL_BUF_USER && b->mmap_offset)
		return violation(f, "BUF_ALLOC: mmap_offset %#llx of a USER buffer",
				 (unsigned long long)b->mmap_offset);
	r = &s->bufs[s->nbufs < MAX_BUFS ? s->nbufs++ :
		     rnd_below(&f->rng, MAX_BUFS)];
	r->id = b->id;
	r->type = b->type;
	r->len = b->length;
	r->off = b->mmap_offset;
	s->buf_bytes += b->length;
	return true;
}

static bool learn_buf_free(struct fz *f, struct slot *s, const uint8_t *arg,
			   const uint8_t *before)
{
	const struct dmactl_buf_free *b = (const void *)arg;
	unsigned int i;

	for (i = 0; i < s->nbufs; i++) {
		if (s->bufs[i].id == b->id) {
			s->buf_bytes -= s->bufs[i].len;
			s->bufs[i] = s->bufs[--s->nbufs];
			break;
		}
	}
	return true;
}

static bool learn_submit(struct fz *f, struct slot *s, const uint8_t *arg,
			 const uint8_t *before)
{
	const struct dmactl_submit *r = (const void *)arg;
	const struct dmactl_job *j;
	uint64_t p;

	if (!r->submitted || r->submitted > r->count || !r->first_id)
		return violation(f, "SUBMIT: %u of %u submitted, first id %llu",
				 r->submitted, r->count,
				 (unsigned long long)r->first_id);
	if (!s->job_hi || r->first_id < s->job_lo)
		s->job_lo = r->first_id;
	if (r->first_id + r->submitted > s->job_hi)
		s->job_hi = r->first_id + r->submitted;
	p = r->jobs;
	j = (const void *)(uintptr_t)p;
	if ((uint8_t *)j == list_at(f, L_JOBS) && r->job_size >= DMACTL_JOB_SIZE_VER1 &&
	    (j->flags & DMACTL_JOB_REUSE))
		s->reuse_job = r->first_id;
	return true;
}

/* A finished job's timestamps come in order. */
static bool entry_ok(struct fz *f, const struct dmactl_job_status *e,
		     uint64_t id)
{
	if (e->id != id || e->state > DMACTL_STATE_TERMINATED ||
	    e->dma_status > DMACTL_DMA_ERROR || e->result > DMACTL_RESULT_ABORTED)
		return violation(f, "STATUS: job %llu: id %llu state %u dma_status %u result %u",
				 (unsigned long long)id, (unsigned long long)e->id,
				 e->state, e->dma_status, e->result);
	if (e->residue > e->len && e->type != DMACTL_JOB_CYCLIC)
		return violation(f, "STATUS: job %llu: residue %llu > len %llu",
				 (unsigned long long)id,
				 (unsigned long long)e->residue,
				 (unsigned long long)e->len);
	if (!e->prep_ns || e->submit_ns < e->prep_ns ||
	    (e->issue_ns && e->issue_ns < e->submit_ns) ||
	    (e->state == DMACTL_STATE_COMPLETE && e->complete_ns < e->issue_ns))
		return violation(f, "STATUS: job %llu: times %llu %llu %llu %llu",
				 (unsigned long long)id,
				 (unsigned long long)e->prep_ns,
				 (unsigned long long)e->submit_ns,
				 (unsigned long long)e->issue_ns,
				 (unsigned long long)e->complete_ns);
	return true;
}

static bool learn_status(struct fz *f, struct slot *s, const uint8_t *arg,
			 const uint8_t *before)
{
	const struct dmactl_status *r = (const void *)arg;
	const uint8_t *list = list_at(f, L_ENTRIES);
	size_t ksize = sizeof(struct dmactl_job_status);
	const uint8_t *e;
	uint32_t i;
	size_t k;

	if ((uintptr_t)r->entries != (uintptr_t)list)
		return true;
	for (i = 0; i < r->count; i++) {
		struct dmactl_job_status js = {};

		e = list + (size_t)i * r->entry_size;
		memcpy(&js, e, r->entry_size < ksize ? r->entry_size : ksize);
		if (!entry_ok(f, &js, r->first_id + i))
			return false;
		for (k = ksize; k < r->entry_size; k++)
			if (e[k])
				return violation(f, "STATUS: entry %u: byte %zu is %#x",
						 i, k, e[k]);
	}
	return true;
}

/* ---- the requests ---------------------------------------------------------- */

#define REQ(n, c, feat, ver0, type, chan, g, l, w, ...)			\
	{ .name = n, .cmd = c, .feature = feat, .size_ver0 = ver0,	\
	  .ksize = sizeof(type), .needs_chan = chan, .gen = g,		\
	  .learn = l, .weight = w, .errs = { __VA_ARGS__ } }
#define REQ_NOARG(n, c, feat, chan, l, w, ...)				\
	{ .name = n, .cmd = c, .feature = feat, .needs_chan = chan,	\
	  .gen = gen_none, .learn = l, .weight = w, .errs = { __VA_ARGS__ } }

static struct req_desc req[] = {
	REQ("INFO", DMACTL_IOC_INFO, 0, DMACTL_INFO_SIZE_VER0,
	    struct dmactl_info, false, gen_none, learn_info, 2, 0),
	REQ("CHAN_REQUEST", DMACTL_IOC_CHAN_REQUEST, 0,
	    DMACTL_CHAN_REQUEST_SIZE_VER0, struct dmactl_chan_request, false,
	    gen_chan_request, learn_chan_request, 6, EBUSY, ENODEV),
	REQ_NOARG("CHAN_RELEASE", DMACTL_IOC_CHAN_RELEASE, 0, true,
		  learn_chan_release, 2, EBUSY),
	REQ("CHAN_INFO", DMACTL_IOC_CHAN_INFO, 0, DMACTL_CHAN_INFO_SIZE_VER0,
	    struct dmactl_chan_info, true, gen_none, learn_chan_info, 2, 0),
	REQ("SLAVE_CONFIG", DMACTL_IOC_SLAVE_CONFIG, DMACTL_FEAT_SLAVE_CONFIG,
	    DMACTL_SLAVE_CONFIG_SIZE_VER0, struct dmactl_slave_config, true,
	    gen_slave_config, NULL, 3, EOPNOTSUPP, EPERM, ENOMEM),
	REQ("BUF_ALLOC", DMACTL_IOC_BUF_ALLOC, 0, DMACTL_BUF_ALLOC_SIZE_VER0,
	    struct dmactl_buf_alloc, true, gen_buf_alloc, learn_buf_alloc, 8,
	    ENOSPC, ENOMEM, EBUSY,
	    /* pin_user_pages_fast()'s, the DMA mapping's */ EIO),
	REQ("BUF_FREE", DMACTL_IOC_BUF_FREE, 0, DMACTL_BUF_FREE_SIZE_VER0,
	    struct dmactl_buf_free, true, gen_buf_free, learn_buf_free, 5,
	    ENOENT, EBUSY),
	REQ("BUF_SYNC", DMACTL_IOC_BUF_SYNC, DMACTL_FEAT_STREAMING_BUF,
	    DMACTL_BUF_SYNC_SIZE_VER0, struct dmactl_buf_sync, true,
	    gen_buf_sync, NULL, 2, ENOENT),
	REQ("SUBMIT", DMACTL_IOC_SUBMIT, 0, DMACTL_SUBMIT_SIZE_VER0,
	    struct dmactl_submit, true, gen_submit, learn_submit, 14,
	    ENOENT, EOPNOTSUPP, ENOSPC, EAGAIN, EIO, ENOMEM),
	REQ_NOARG("ISSUE", DMACTL_IOC_ISSUE, 0, true, NULL, 3, 0),
	REQ("WAIT", DMACTL_IOC_WAIT, 0, DMACTL_WAIT_SIZE_VER0,
	    struct dmactl_wait, true, gen_wait, NULL, 6, ENOENT, ETIMEDOUT),
	REQ("STATUS", DMACTL_IOC_STATUS, 0, DMACTL_STATUS_SIZE_VER0,
	    struct dmactl_status, true, gen_status, learn_status, 6, ENOENT),
	REQ_NOARG("PAUSE", DMACTL_IOC_PAUSE, DMACTL_FEAT_CONTROL, true, NULL,
		  1, EOPNOTSUPP),
	REQ_NOARG("RESUME", DMACTL_IOC_RESUME, DMACTL_FEAT_CONTROL, true, NULL,
		  2, EOPNOTSUPP),
	REQ("TERMINATE", DMACTL_IOC_TERMINATE, DMACTL_FEAT_CONTROL,
	    DMACTL_TERMINATE_SIZE_VER0, struct dmactl_terminate, true,
	    gen_terminate, NULL, 2, EBUSY, EOPNOTSUPP),
	REQ_NOARG("SYNCHRONIZE", DMACTL_IOC_SYNCHRONIZE, DMACTL_FEAT_CONTROL,
		  true, NULL, 1, 0),
	REQ("RESUBMIT", DMACTL_IOC_RESUBMIT, DMACTL_FEAT_REUSE,
	    DMACTL_RESUBMIT_SIZE_VER0, struct dmactl_resubmit, true,
	    gen_resubmit, NULL, 2, ENOENT, EBUSY, EIO),
	REQ("BENCH", DMACTL_IOC_BENCH, DMACTL_FEAT_BENCH,
	    DMACTL_BENCH_SIZE_VER0, struct dmactl_bench, true, gen_bench,
	    NULL, 1, EBUSY, EIO, ETIMEDOUT,
	    /* the template's, as SUBMIT's */ ENOENT, EOPNOTSUPP, ENOSPC, ENOMEM),
};

static bool errno_documented(const struct req_desc *r, int err)
{
	unsigned int i;

	if (!(info.features & r->feature) && r->feature)
		return err == ENOTTY;
	if (err == EFAULT || err == EINVAL || err == E2BIG)
		return true;
	if (err == ENXIO && r->needs_chan)
		return true;
	for (i = 0; i < ARRAY_SIZE(r->errs) && r->errs[i]; i++)
		if (r->errs[i] == err)
			return true;
	return false;
}

static void count_result(struct req_stats *st, int ret)
{
	__atomic_add_fetch(&st->calls, 1, __ATOMIC_RELAXED);
	if (!ret)
		__atomic_add_fetch(&st->ok, 1, __ATOMIC_RELAXED);
	else if (-ret < ERRNO_MAX)
		__atomic_add_fetch(&st->err[-ret], 1, __ATOMIC_RELAXED);
}

/*
 * The size field: this program's, the first published, or a larger one
 * with a zero tail; a mistake: below, a dirty tail, beyond a page, any.
 */
static uint32_t pick_size(struct fz *f, const struct req_desc *r,
			  bool *tail_dirty)
{
	*tail_dirty = false;
	if (bad(f, 4)) {
		switch (rnd_below(&f->rng, 6)) {
		case 0:
			return rnd_below(&f->rng, r->size_ver0);
		case 1:
			return r->size_ver0 - 8;
		case 2:
			*tail_dirty = true;
			return r->ksize + 8 + rnd_below(&f->rng, 64);
		case 3:
			return page + 1;
		default:
			return (uint32_t)pick_u64(f) | (page + 1);
		}
	}
	switch (rnd_below(&f->rng, 8)) {
	case 0:
		return r->size_ver0;
	case 1:
		return r->ksize + 8 * (1 + rnd_below(&f->rng, 8));
	case 2:
		return page;
	default:
		return r->ksize;
	}
}

static bool file_changed(struct slot *s, unsigned int gen)
{
	return __atomic_load_n(&s->gen, __ATOMIC_ACQUIRE) != gen;
}

static void slot_lock(struct fz *f, struct slot *s)
{
	if (!f->in_child)
		pthread_mutex_lock(&s->lock);
}

static void slot_unlock(struct fz *f, struct slot *s)
{
	if (!f->in_child)
		pthread_mutex_unlock(&s->lock);
}

static void do_request(struct fz *f, struct slot *s, struct req_desc *r)
{
	size_t area = ARG_PAGES * page;
	uint8_t *before = list_at(f, L_BEFORE);
	enum ptr_kind kind = PTR_GOOD;
	uint8_t *argbuf;
	bool tail_dirty, readable;
	uint32_t size = 0;
	size_t span = 0, ret_len;
	unsigned int gen;
	struct call *c;
	uint64_t uarg;
	int fd, ret;

	slot_lock(f, s);
	fd = s->fd;
	gen = s->gen;
	if (fd < 0) {
		slot_unlock(f, s);
		return;
	}
	argbuf = f->arg_area;
	memset(argbuf, 0, area);
	if (r->size_ver0) {
		size = pick_size(f, r, &tail_dirty);
		/* the struct, or as much as fits in the area */
		span = size < area ? size : area;
		if (span < r->ksize)
			span = r->ksize;
		if (bad(f, 4))
			kind = 1 + rnd_below(&f->rng, PTR_KINDS - 1);
		/* the ABI asks for no alignment of the argument */
		if (kind == PTR_MISALIGNED)
			argbuf += 1 + rnd_below(&f->rng, 7);
		if (span + (argbuf - f->arg_area) + 64 > area)
			span = area - (argbuf - f->arg_area) - 64;
		r->gen(f, s, argbuf);
		memcpy(argbuf, &size, sizeof(size));
		if (tail_dirty && size > r->ksize && size <= span)
			argbuf[r->ksize + rnd_below(&f->rng, size - r->ksize)] = 0x42;
		/* a canary after the caller's size, where the kernel must not write */
		memset(argbuf + span, CANARY, 64);
		if (kind == PTR_READONLY)
			memcpy(f->ro_alias, argbuf, span < page ? span : page);
		if (kind == PTR_STRADDLE) {
			uint8_t *at = f->arg_area + area - 1 -
				      rnd_below(&f->rng, r->ksize - 1);

			memmove(at, argbuf, f->arg_area + area - at);
			argbuf = at;
		}
		uarg = kind == PTR_GOOD || kind == PTR_MISALIGNED ||
		       kind == PTR_STRADDLE ? (uintptr_t)argbuf :
		       pick_ptr_of(f, kind, argbuf, span, s);
		readable = kind == PTR_GOOD || kind == PTR_MISALIGNED;
		if (readable)
			memcpy(before, argbuf, span + 64);
	} else {
		uarg = bad(f, 4) ? pick_u64(f) | 1 : 0;
		readable = false;
	}
	c = log_call(f, r->name, size, uarg);
	c->ptr = kind;
	slot_unlock(f, s);

	ret = xioctl(fd, r->cmd, (void *)(uintptr_t)uarg);
	count_call();
	c->ret = ret;
	count_result(&r->st, ret);

	/* another thread closed the file meanwhile */
	if (ret == -EBADF && file_changed(s, gen))
		return;
	if (!ret && r->feature && !(info.features & r->feature)) {
		violation(f, "%s succeeded, but the module does not report its feature",
			  r->name);
		return;
	}
	if (ret && !errno_documented(r, -ret)) {
		violation(f, "%s returned %s (%d), which dmactl(4) does not document for it",
			  r->name, strerror(-ret), -ret);
		return;
	}
	if (!r->size_ver0) {
		if (!ret && uarg)
			violation(f, "%s accepted the argument %#" PRIx64,
				  r->name, uarg);
		slot_lock(f, s);
		if (!ret && r->learn && s->gen == gen)
			r->learn(f, s, NULL, NULL);
		slot_unlock(f, s);
		return;
	}
	if (!readable)
		return;
	ret_len = size < span ? size : span;
	if (ret && memcmp(before, argbuf, span + 64)) {
		violation(f, "%s failed (%s) but changed its argument",
			  r->name, strerror(-ret));
		return;
	}
	if (memcmp(before + span, argbuf + span, 64) ||
	    (size < span && memcmp(before + size, argbuf + size, span - size))) {
		violation(f, "%s wrote beyond the caller's size %u", r->name, size);
		return;
	}
	if (ret)
		return;
	if (!no_kernel_ptr(f, argbuf, before, ret_len, r->name))
		return;
	slot_lock(f, s);
	if (r->learn && s->gen == gen)
		r->learn(f, s, argbuf, before);
	slot_unlock(f, s);
}

/* ---- other operations ------------------------------------------------------ */

static bool known_cmd(unsigned long cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(req); i++)
		if (req[i].cmd == cmd)
			return true;
	return false;
}

/* A request number the module does not know: ENOTTY, whatever else. */
static void do_unknown_request(struct fz *f, struct slot *s)
{
	unsigned long cmd;
	unsigned int gen;
	uint64_t uarg;
	int fd, ret;

	do {
		cmd = _IOC(rnd_below(&f->rng, 4), DMACTL_IOC_MAGIC,
			   rnd_below(&f->rng, 40), rnd_below(&f->rng, 1024));
		if (chance(&f->rng, 3)) {
			/* a known number with another size or direction */
			cmd = req[rnd_below(&f->rng, ARRAY_SIZE(req))].cmd ^
			      (chance(&f->rng, 2) ? 8UL << _IOC_SIZESHIFT :
						    1UL << _IOC_DIRSHIFT);
		}
	} while (known_cmd(cmd));
	uarg = chance(&f->rng, 2) ? (uintptr_t)f->arg_area : pick_u64(f);
	memset(f->arg_area, 0, page);
	slot_lock(f, s);
	gen = s->gen;
	fd = s->fd;
	slot_unlock(f, s);
	if (fd < 0)
		return;
	log_call(f, "unknown request", cmd, uarg);
	ret = xioctl(fd, cmd, (void *)(uintptr_t)uarg);
	count_call();
	f->cur->ret = ret;
	if (ret == -EBADF && file_changed(s, gen))
		return;
	if (ret != -ENOTTY)
		violation(f, "request %#lx: %s, not ENOTTY", cmd,
			  ret ? strerror(-ret) : "success");
}

static void do_mmap(struct fz *f, struct slot *s)
{
	static const uint64_t bad_off[] = {
		0, 1, 4096 * 0xffffffffULL, UINT64_MAX & ~4095ULL, 0x1000,
	};
	const struct buf_rec *b = NULL;
	int flags = MAP_SHARED, prot = PROT_READ | PROT_WRITE;
	uint64_t off, len;
	void *p;
	int err;

	slot_lock(f, s);
	if (s->fd < 0 || s->nmaps == MAX_MAPS) {
		slot_unlock(f, s);
		return;
	}
	if (s->nbufs && !chance(&f->rng, 6))
		b = &s->bufs[rnd_below(&f->rng, s->nbufs)];
	off = b ? b->off : bad_off[rnd_below(&f->rng, ARRAY_SIZE(bad_off))];
	len = b ? b->len : pick_len(f, 65536);
	if (chance(&f->rng, 8))
		len = (len + page - 1) / page * page + page;	/* too long */
	if (chance(&f->rng, 16))
		flags = MAP_PRIVATE;
	if (chance(&f->rng, 16))
		prot = PROT_READ;
	if (len > 64 << 20)
		len = 64 << 20;
	log_call(f, "mmap", off, len);
	p = mmap(NULL, len, prot, flags, s->fd, off);
	err = p == MAP_FAILED ? errno : 0;
	count_call();
	f->cur->ret = -err;
	if (!err) {
		if (b && b->type != DMACTL_BUF_COHERENT && b->type != DMACTL_BUF_STREAMING)
			violation(f, "mmap of a buffer of type %u succeeded", b->type);
		if (!off)
			violation(f, "mmap at offset 0, no buffer's, succeeded");
		s->maps[s->nmaps].addr = p;
		s->maps[s->nmaps++].len = len;
		/* touch it: the mapping must be backed */
		if (b && len <= b->len + page - 1 && flags == MAP_SHARED &&
		    (prot & PROT_WRITE))
			((uint8_t *)p)[0] = ((uint8_t *)p)[len - 1];
	} else if (err != EINVAL && err != ENXIO && err != ENOMEM &&
		   err != EOVERFLOW && !(err == EACCES && prot != PROT_READ)) {
		violation(f, "mmap: %s, which dmactl(4) does not document",
			  strerror(err));
	}
	slot_unlock(f, s);
}

static void do_munmap(struct fz *f, struct slot *s)
{
	struct map_rec *m;
	size_t cut;

	slot_lock(f, s);
	if (!s->nmaps) {
		slot_unlock(f, s);
		return;
	}
	m = &s->maps[rnd_below(&f->rng, s->nmaps)];
	log_call(f, "munmap", (uintptr_t)m->addr, m->len);
	if (m->len >= 2 * page && chance(&f->rng, 4)) {
		/* split the mapping: the kernel opens the new piece */
		cut = page * (1 + rnd_below(&f->rng, m->len / page - 1));
		if (munmap(m->addr, cut))
			violation(f, "munmap of a head: %s", strerror(errno));
		m->addr += cut;
		m->len -= cut;
	} else {
		if (munmap(m->addr, m->len))
			violation(f, "munmap: %s", strerror(errno));
		*m = s->maps[--s->nmaps];
	}
	count_call();
	slot_unlock(f, s);
}

static void unmap_all(struct slot *s)
{
	while (s->nmaps) {
		s->nmaps--;
		munmap(s->maps[s->nmaps].addr, s->maps[s->nmaps].len);
	}
}

/* Close the file, maybe with its mappings still up, and open a new one. */
static void do_reopen(struct fz *f, struct slot *s)
{
	int fd;

	if (!f->may_reopen)
		return;
	slot_lock(f, s);
	log_call(f, "reopen", s->fd, s->nmaps);
	if (chance(&f->rng, 2))
		unmap_all(s);
	__atomic_add_fetch(&s->gen, 1, __ATOMIC_RELEASE);
	if (s->fd >= 0)
		close(s->fd);
	unmap_all(s);
	forget_session(s);
	fd = open(DEV_PATH, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	s->fd = fd < 0 ? -1 : fd;
	count_call();
	if (fd < 0)
		violation(f, "open %s: %s", DEV_PATH, strerror(errno));
	slot_unlock(f, s);
}

static void do_read_events(struct fz *f, struct slot *s)
{
	size_t lens[] = { 0, 1, DMACTL_EVENT_SIZE - 1, DMACTL_EVENT_SIZE,
			  DMACTL_EVENT_SIZE * 4, DMACTL_EVENT_SIZE + 7 };
	struct pollfd pfd;
	unsigned int gen;
	size_t len;
	uint64_t ubuf;
	ssize_t n;
	int err;

	slot_lock(f, s);
	gen = s->gen;
	pfd.fd = s->fd;
	slot_unlock(f, s);
	pfd.events = POLLIN;
	if (pfd.fd < 0)
		return;
	log_call(f, "poll", pfd.fd, 0);
	if (poll(&pfd, 1, rnd_below(&f->rng, 3)) < 0)
		violation(f, "poll: %s", strerror(errno));
	count_call();
	len = lens[rnd_below(&f->rng, ARRAY_SIZE(lens))];
	ubuf = pick_list_ptr(f, f->arg_area, len, s);
	log_call(f, "read", len, ubuf);
	n = read(pfd.fd, (void *)(uintptr_t)ubuf, len);
	err = n < 0 ? errno : 0;
	count_call();
	f->cur->ret = -err;
	if (err == EBADF && file_changed(s, gen))
		return;
	if (!(info.features & DMACTL_FEAT_EVENTS)) {
		if (err != EINVAL)
			violation(f, "read without DMACTL_FEAT_EVENTS: %s, not EINVAL",
				  err ? strerror(err) : "success");
		return;
	}
	if (n > 0 && n % DMACTL_EVENT_SIZE)
		violation(f, "read returned %zd bytes, not whole events", n);
	else if (err && err != EAGAIN && err != EINVAL && err != EFAULT)
		violation(f, "read: %s, which dmactl(4) does not document",
			  strerror(err));
}

static void do_netlink(struct fz *f)
{
	struct {
		struct nlmsghdr nh;
		struct genlmsghdr gh;
		uint8_t attrs[64];
	} msg = {};
	uint8_t reply[8192];
	struct nlattr *na;
	unsigned int i, n, len = 0;
	struct pollfd pfd;
	ssize_t got;

	if (f->nl < 0 || genl_family <= 0)
		return;
	n = rnd_below(&f->rng, 3);
	for (i = 0; i < n && len + 12 <= sizeof(msg.attrs); i++) {
		na = (void *)(msg.attrs + len);
		na->nla_type = rnd_below(&f->rng, DMACTL_A_MAX + 3);
		na->nla_len = NLA_HDRLEN + rnd_below(&f->rng, 9);
		if (chance(&f->rng, 8))
			na->nla_len = rnd_below(&f->rng, 80);
		len += NLA_ALIGN(NLA_HDRLEN + 8);
	}
	msg.nh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + len);
	msg.nh.nlmsg_type = chance(&f->rng, 16) ? rnd_below(&f->rng, 64) :
						  (uint64_t)genl_family;
	msg.nh.nlmsg_flags = NLM_F_REQUEST |
			     (chance(&f->rng, 2) ? NLM_F_DUMP : 0) |
			     (chance(&f->rng, 2) ? NLM_F_ACK : 0);
	msg.nh.nlmsg_seq = f->ring_pos;
	msg.gh.cmd = rnd_below(&f->rng, __DMACTL_CMD_MAX + 2);
	msg.gh.version = chance(&f->rng, 8) ? rnd_below(&f->rng, 256) :
					      DMACTL_GENL_VERSION;
	log_call(f, "netlink", msg.gh.cmd, msg.nh.nlmsg_flags);
	if (send(f->nl, &msg, msg.nh.nlmsg_len, 0) < 0)
		return;
	count_call();
	/* read what comes back, without waiting long for what does not */
	pfd.fd = f->nl;
	pfd.events = POLLIN;
	while (poll(&pfd, 1, 20) > 0) {
		got = recv(f->nl, reply, sizeof(reply), MSG_DONTWAIT);
		if (got <= 0)
			break;
	}
}

static void do_request_op(struct fz *f, struct slot *s);

/* A child that shares the files and mappings, does a few calls, exits. */
static void do_fork(struct fz *f, struct slot *s)
{
	unsigned int i;
	pid_t pid;
	int status;

	log_call(f, "fork", 0, 0);
	/* the slots are not locked in the child: hold them while forking */
	slot_lock(f, s);
	pid = fork();
	if (!pid) {
		f->in_child = true;
		f->may_reopen = false;
		f->violations = 0;
		rng_seed(&f->rng, rnd(&f->rng));
		for (i = 0; i < 16; i++)
			do_request_op(f, s);
		_exit(f->violations ? 3 : 0);
	}
	slot_unlock(f, s);
	count_call();
	if (pid < 0)
		return;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		violation(f, "forked child: status %#x", status);
	__atomic_add_fetch(&faults_children, 1, __ATOMIC_RELAXED);
}

static unsigned int total_weight(void)
{
	unsigned int i, w = 0;

	for (i = 0; i < ARRAY_SIZE(req); i++)
		w += req[i].weight;
	return w;
}

static void do_request_op(struct fz *f, struct slot *s)
{
	unsigned int i, w = rnd_below(&f->rng, total_weight());

	for (i = 0; i < ARRAY_SIZE(req); i++) {
		if (w < req[i].weight)
			break;
		w -= req[i].weight;
	}
	do_request(f, s, &req[i]);
}

static void one_op(struct fz *f)
{
	struct slot *s = &f->slots[rnd_below(&f->rng, f->nslots)];
	unsigned int op = rnd_below(&f->rng, 100);

	f->mistake = chance(&f->rng, 3);
	if (op < 78)
		do_request_op(f, s);
	else if (op < 81)
		do_unknown_request(f, s);
	else if (op < 87)
		do_mmap(f, s);
	else if (op < 91)
		do_munmap(f, s);
	else if (op < 94)
		do_read_events(f, s);
	else if (op < 96)
		do_netlink(f);
	else if (op < 99)
		do_reopen(f, s);
	else if (!f->in_child && chance(&f->rng, 4))
		do_fork(f, s);
	__atomic_store_n(&f->call_start, 0, __ATOMIC_RELAXED);
}

/* ---- threads and phases ---------------------------------------------------- */

static int genl_open(int *family)
{
	struct {
		struct nlmsghdr nh;
		struct genlmsghdr gh;
		char attrs[64];
	} req_msg = {};
	union {
		struct nlmsghdr nh;
		uint8_t raw[4096];
	} ans;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlattr *na;
	struct genlmsghdr *gh;
	ssize_t n;
	int fd, len;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		return -1;
	if (!family)
		return fd;
	req_msg.nh.nlmsg_type = GENL_ID_CTRL;
	req_msg.nh.nlmsg_flags = NLM_F_REQUEST;
	req_msg.gh.cmd = CTRL_CMD_GETFAMILY;
	req_msg.gh.version = 1;
	na = (void *)req_msg.attrs;
	na->nla_type = CTRL_ATTR_FAMILY_NAME;
	na->nla_len = NLA_HDRLEN + sizeof(DMACTL_GENL_NAME);
	strcpy(req_msg.attrs + NLA_HDRLEN, DMACTL_GENL_NAME);
	req_msg.nh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + NLA_ALIGN(na->nla_len));
	if (send(fd, &req_msg, req_msg.nh.nlmsg_len, 0) < 0)
		goto out_close;
	n = recv(fd, &ans, sizeof(ans), 0);
	if (n < (ssize_t)NLMSG_LENGTH(GENL_HDRLEN) || ans.nh.nlmsg_type == NLMSG_ERROR)
		goto out_close;
	gh = NLMSG_DATA(&ans.nh);
	na = (void *)((uint8_t *)gh + GENL_HDRLEN);
	len = ans.nh.nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	while (len >= NLA_HDRLEN && na->nla_len >= NLA_HDRLEN && na->nla_len <= len) {
		if (na->nla_type == CTRL_ATTR_FAMILY_ID)
			*family = *(uint16_t *)((uint8_t *)na + NLA_HDRLEN);
		len -= NLA_ALIGN(na->nla_len);
		na = (void *)((uint8_t *)na + NLA_ALIGN(na->nla_len));
	}
	return fd;

out_close:
	close(fd);
	return -1;
}

static void *map_pages(size_t n, int prot)
{
	void *p = mmap(NULL, n * page, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		out("# mmap of %zu pages: %s", n, strerror(errno));
		exit(1);
	}
	return p;
}

/* The thread's memory: each area followed by a page that cannot be touched. */
static void fz_init(struct fz *f, unsigned int id, struct slot *slots,
		    unsigned int nslots, bool may_reopen)
{
	int memfd;

	memset(f, 0, sizeof(*f));
	f->id = id;
	rng_seed(&f->rng, seed + id * 0x9e3779b97f4a7c15ULL + nslots);
	f->arg_area = map_pages(ARG_PAGES + 1, PROT_READ | PROT_WRITE);
	mprotect(f->arg_area + ARG_PAGES * page, page, PROT_NONE);
	f->list_area = map_pages(LIST_PAGES + 1, PROT_READ | PROT_WRITE);
	f->hole = f->list_area + LIST_PAGES * page;
	mprotect(f->hole, page, PROT_NONE);
	f->umem = map_pages(UMEM_PAGES, PROT_READ | PROT_WRITE);
	memfd = memfd_create("fuzz-ro", MFD_CLOEXEC);
	if (memfd < 0 || ftruncate(memfd, page)) {
		out("# memfd: %s", strerror(errno));
		exit(1);
	}
	f->ro = mmap(NULL, page, PROT_READ, MAP_SHARED, memfd, 0);
	f->ro_alias = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED,
			   memfd, 0);
	close(memfd);
	if (f->ro == MAP_FAILED || f->ro_alias == MAP_FAILED) {
		out("# mmap of the read-only page: %s", strerror(errno));
		exit(1);
	}
	f->nl = genl_open(NULL);
	f->slots = slots;
	f->nslots = nslots;
	f->may_reopen = may_reopen;
}

static void fz_fini(struct fz *f)
{
	munmap(f->arg_area, (ARG_PAGES + 1) * page);
	munmap(f->list_area, (LIST_PAGES + 1) * page);
	munmap(f->umem, UMEM_PAGES * page);
	munmap(f->ro, page);
	munmap(f->ro_alias, page);
	if (f->nl >= 0)
		close(f->nl);
}

/* A bug of this program: say where, with the calls that led there. */
static void crashed(int sig)
{
	out("# fuzz: signal %d in thread %u, seed %#" PRIx64, sig,
	    self ? self->id : 0, seed);
	if (self)
		dump_ring(self);
	_exit(128 + sig);
}

static void *thread_main(void *arg)
{
	struct fz *f = arg;

	self = f;
	f->tid = syscall(SYS_gettid);
	while (calls_left())
		one_op(f);
	return NULL;
}

/* Prints a kernel file of thread @tid, such as its stack. */
static void show_task_file(pid_t tid, const char *name)
{
	char path[64], buf[2048];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/%s", tid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = 0;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		out("#   %s: %s", name, line);
}

struct watchdog {
	struct fz *f;
	unsigned int threads;
	bool stop;
};

/*
 * No call of the fuzzer sleeps long: WAIT, poll and the measurement loop
 * are given short timeouts.  One that does not return is a hang (a lost
 * wakeup, a deadlock): show where it sleeps and stop.
 */
static void *watchdog_main(void *arg)
{
	struct watchdog *w = arg;
	unsigned int i;
	uint64_t start;

	while (!__atomic_load_n(&w->stop, __ATOMIC_RELAXED)) {
		sleep_ns(NSEC_PER_SEC);
		for (i = 0; i < w->threads; i++) {
			struct fz *f = &w->f[i];

			start = __atomic_load_n(&f->call_start, __ATOMIC_RELAXED);
			if (!start || now_ns() - start < HANG_S * NSEC_PER_SEC)
				continue;
			violation(f, "%s has not returned in %u s", f->cur->what,
				  HANG_S);
			show_task_file(f->tid, "wchan");
			show_task_file(f->tid, "stack");
			_exit(1);
		}
	}
	return NULL;
}

struct phase {
	const char *name;
	unsigned int threads;
	unsigned int slots;
	bool reopen;
	unsigned int share;	/* percent of the calls */
};

static bool run_phase(const struct phase *ph, unsigned int threads,
		      uint64_t calls)
{
	struct slot slots[MAX_SLOTS] = {};
	struct fz *f = calloc(threads, sizeof(*f));
	struct watchdog w = { .f = f, .threads = threads };
	pthread_t tid[MAX_THREADS], dog;
	unsigned int i, violations = 0;
	uint64_t start = now_ns();

	for (i = 0; i < ph->slots; i++) {
		pthread_mutex_init(&slots[i].lock, NULL);
		slots[i].fd = open(DEV_PATH, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (slots[i].fd < 0) {
			out("# open %s: %s", DEV_PATH, strerror(errno));
			return false;
		}
	}
	__atomic_store_n(&calls_done, 0, __ATOMIC_RELAXED);
	target_calls = calls;
	for (i = 0; i < threads; i++)
		fz_init(&f[i], i, slots, ph->slots, ph->reopen);
	for (i = 1; i < threads; i++)
		pthread_create(&tid[i], NULL, thread_main, &f[i]);
	pthread_create(&dog, NULL, watchdog_main, &w);
	thread_main(&f[0]);
	for (i = 1; i < threads; i++)
		pthread_join(tid[i], NULL);
	__atomic_store_n(&w.stop, true, __ATOMIC_RELAXED);
	pthread_join(dog, NULL);
	for (i = 0; i < threads; i++) {
		violations += f[i].violations;
		fz_fini(&f[i]);
	}
	for (i = 0; i < ph->slots; i++) {
		unmap_all(&slots[i]);
		if (slots[i].fd >= 0)
			close(slots[i].fd);
	}
	out("# %s: %" PRIu64 " calls by %u threads on %u files in %.1f s, %u violations",
	    ph->name, calls_done, threads, ph->slots,
	    (now_ns() - start) / 1e9, violations);
	free(f);
	return !violations;
}

/* A clean copy after all that: the device still works. */
static bool still_works(void)
{
	const size_t len = 65536;
	struct dmactl_buf_alloc src, dst;
	struct dmactl_job job = {};
	struct dmactl_submit sub = { .size = sizeof(sub) };
	struct dmactl_wait w = { .size = sizeof(w) };
	uint8_t *ps = MAP_FAILED, *pd = MAP_FAILED;
	bool ok = false;
	size_t i;
	int fd, ret;

	fd = dev_open();
	if (fd < 0)
		return false;
	ret = chan_request_memcpy(fd);
	if (!ret)
		ret = buf_alloc(fd, len, &src);
	if (!ret)
		ret = buf_alloc(fd, len, &dst);
	if (ret) {
		out("# setup: %s", strerror(-ret));
		goto out_close;
	}
	ps = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, src.mmap_offset);
	pd = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, dst.mmap_offset);
	if (ps == MAP_FAILED || pd == MAP_FAILED)
		goto out_close;
	for (i = 0; i < len; i++) {
		ps[i] = i * 7 + 1;
		pd[i] = 0;
	}
	job.type = DMACTL_JOB_MEMCPY;
	job.src_buf = src.id;
	job.dst_buf = dst.id;
	job.len = len;
	sub.flags = DMACTL_SUBMIT_ISSUE;
	sub.count = 1;
	sub.job_size = sizeof(job);
	sub.jobs = (uintptr_t)&job;
	w.flags = DMACTL_WAIT_ALL;
	w.timeout_ns = 10 * NSEC_PER_SEC;
	ret = xioctl(fd, DMACTL_IOC_SUBMIT, &sub);
	if (!ret)
		ret = xioctl(fd, DMACTL_IOC_WAIT, &w);
	if (ret) {
		out("# copy: %s", strerror(-ret));
		goto out_close;
	}
	ok = !memcmp(ps, pd, len);
	if (!ok)
		out("# the copy differs from its source");
out_close:
	if (ps != MAP_FAILED)
		munmap(ps, len);
	if (pd != MAP_FAILED)
		munmap(pd, len);
	close(fd);
	return ok;
}

static void read_channels(void)
{
	struct dirent *de;
	DIR *d;

	d = opendir("/sys/class/dma");
	if (!d)
		return;
	while (nchans < MAX_CHANS && (de = readdir(d)))
		if (strstr(de->d_name, "chan") &&
		    strlen(de->d_name) < DMACTL_NAME_LEN)
			strcpy(chans[nchans++], de->d_name);
	closedir(d);
}

static void read_ports(void)
{
	unsigned long long addr;
	char line[128];
	unsigned int n;
	FILE *f;

	f = fopen("/sys/bus/platform/devices/vdma/ports", "re");
	if (!f)
		return;
	while (nports < MAX_PORTS && fgets(line, sizeof(line), f))
		if (sscanf(line, "%u %llx", &n, &addr) == 2)
			ports[nports++] = addr;
	fclose(f);
}

static void print_stats(void)
{
	char line[768];
	unsigned int i, e;
	int n;

	for (i = 0; i < ARRAY_SIZE(req); i++) {
		struct req_stats *st = &req[i].st;

		n = snprintf(line, sizeof(line), "# %-12s %7" PRIu64 " calls, %6" PRIu64 " ok",
			     req[i].name, st->calls, st->ok);
		for (e = 1; e < ERRNO_MAX && n < (int)sizeof(line) - 32; e++)
			if (st->err[e])
				n += snprintf(line + n, sizeof(line) - n,
					      ", %s %" PRIu64, strerrorname_np(e),
					      st->err[e]);
		out("%s", line);
	}
}

int main(int argc, char **argv)
{
	static const struct phase phases[] = {
		{ "one_thread", 1, 2, true, 30 },
		{ "threads_one_file", 0, 1, false, 30 },
		{ "threads_many_files", 0, MAX_SLOTS, true, 40 },
	};
	const char *env = getenv("FUZZ_CALLS");
	uint64_t calls = env && *env ? strtoull(env, NULL, 0) : DEFAULT_CALLS;
	unsigned int threads = DEFAULT_THREADS, i;
	struct res_counts base;
	uint64_t total = 0;
	int fd, opt;

	env = getenv("FUZZ_THREADS");
	if (env && *env)
		threads = strtoul(env, NULL, 0);
	seed = seed_from_env("FUZZ_SEED");
	while ((opt = getopt(argc, argv, "s:n:t:x:")) != -1) {
		switch (opt) {
		case 'x':
			for (i = 0; i < ARRAY_SIZE(req); i++)
				if (!strcmp(req[i].name, optarg))
					req[i].weight = 0;
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			calls = strtoull(optarg, NULL, 0);
			break;
		case 't':
			threads = strtoul(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: %s [-s SEED] [-n CALLS] [-t THREADS] [-x REQ]...\n",
				argv[0]);
			return 2;
		}
	}
	if (!threads || threads > MAX_THREADS)
		threads = DEFAULT_THREADS;
	page = sysconf(_SC_PAGESIZE);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGSEGV, crashed);
	signal(SIGBUS, crashed);
	signal(SIGFPE, crashed);

	ktap_plan(ARRAY_SIZE(phases) * 2 + 1);
	out("# seed %#" PRIx64 ", %" PRIu64 " calls, %u threads (%zu-bit)",
	    seed, calls, threads, sizeof(long) * 8);
	out("# replay: %s -s %#" PRIx64 " -n %" PRIu64 " -t %u", argv[0], seed,
	    calls, threads);
	total_calls = calls;
	nthreads = threads;

	fd = dev_open();
	if (fd < 0 || get_info(fd, &info)) {
		out("# %s: %s", DEV_PATH, strerror(fd < 0 ? -fd : errno));
		return 1;
	}
	close(fd);
	out("# module: ABI %u, features %#llx", info.abi_version,
	    (unsigned long long)info.features);
	read_channels();
	read_ports();
	fd = genl_open(&genl_family);
	if (fd >= 0)
		close(fd);
	res_read(&base);

	for (i = 0; i < ARRAY_SIZE(phases); i++) {
		const struct phase *ph = &phases[i];
		uint64_t n = calls * ph->share / 100;

		ktap_result(run_phase(ph, ph->threads ? ph->threads : threads, n),
			    "fuzz_%s", ph->name);
		total += calls_done;
		ktap_result(res_settle(&base, ph->name, 5000),
			    "fuzz_%s_resources_released", ph->name);
	}
	print_stats();
	out("# %" PRIu64 " calls in all, %" PRIu64 " forked children, seed %#" PRIx64,
	    total, faults_children, seed);
	ktap_result(still_works(), "fuzz_device_works_after");
	return ktap_exit();
}
