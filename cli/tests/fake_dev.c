// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A fake /dev/dmactl behind dev.h: buffers are heap memory, a job's copy
 * happens when someone waits for it, and time is a counter that advances a
 * fixed step per completed job, so that every figure of a run is known in
 * advance.  It checks what the bridge would check and fails the same way.
 * Several sessions may be open at once, each holding one of the fake
 * provider's channels; one lock serialises every call, as the bridge's
 * session lock does.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "dev.h"
#include "fake_dev.h"

#define MAX_BUFS	4096
#define MAX_SESSIONS	16
#define MAX_CHANS	8
#define MAX_PORTS	4
#define PORT_BYTES	(64 << 20)
#define START_NS	1000

struct fake_config fake;

struct fbuf {
	unsigned int session;
	uint8_t *mem;
	uint8_t *prev;		/* the source as the previous job saw it */
	size_t len;
	unsigned int busy;	/* unfinished jobs using it */
};

struct fjob {
	struct dmactl_job j;
	struct dmactl_chunk *chunks;	/* INTERLEAVED: a frame's, copied */
	struct dmactl_sg_entry *entries;	/* SG: copied */
	unsigned int session;
	struct dmactl_job_status st;
	uint8_t *stale;		/* source data of the job before */
	bool released;
};

struct fsession {
	bool open;
	int chan;		/* -1: none */
	struct fjob *jobs;	/* by id - 1 */
	uint64_t njobs;
	struct dmactl_slave_config cfg;
	bool paused;
};

/* A loopback FIFO at a device address. */
struct fport {
	bool used;
	uint64_t addr;
	uint8_t *data;
	size_t head;
	size_t len;
	uint64_t bytes_in;	/* ever written, for flip_byte */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct fbuf bufs[MAX_BUFS + 1];	/* by id; 0 is no buffer */
static struct fsession sessions[MAX_SESSIONS];
static bool chan_taken[MAX_CHANS];
static struct fport ports[MAX_PORTS];
static pthread_cond_t resumed = PTHREAD_COND_INITIALIZER;
static uint64_t clock_ns = START_NS;
static bool signalled;

unsigned int fake_dirty_closes;

static unsigned int nchans(void)
{
	return fake.channels ? fake.channels : 4;
}

static struct fsession *session(const struct dev *d)
{
	if (d->fd < 0 || d->fd >= MAX_SESSIONS || !sessions[d->fd].open)
		abort();
	return &sessions[d->fd];
}

int dev_open(struct dev *d)
{
	int i;

	memset(d, 0, sizeof(*d));
	pthread_mutex_lock(&lock);
	for (i = 0; i < MAX_SESSIONS && sessions[i].open; i++)
		;
	if (i == MAX_SESSIONS)
		abort();
	sessions[i] = (struct fsession){ .open = true, .chan = -1 };
	pthread_mutex_unlock(&lock);
	d->fd = i;
	d->info.abi_version = DMACTL_ABI_VERSION;
	d->info.features = DMACTL_FEAT_CHAN_REQUEST | DMACTL_FEAT_COHERENT_BUF |
			   DMACTL_FEAT_MEMCPY | DMACTL_FEAT_NETLINK |
			   DMACTL_FEAT_MEMSET | DMACTL_FEAT_INTERLEAVED |
			   DMACTL_FEAT_BENCH | DMACTL_FEAT_SLAVE_CONFIG |
			   DMACTL_FEAT_SLAVE_SG | DMACTL_FEAT_CONTROL |
			   DMACTL_FEAT_CYCLIC | DMACTL_FEAT_EVENTS;
	d->info.max_sg_entries = 64;
	d->info.max_batch = 256;
	d->info.max_jobs = 4096;
	d->info.max_buf_bytes = 4 << 20;
	d->info.max_session_bytes = 256 << 20;
	if (!fake.hide_limits)
		d->info.max_buffers = fake.max_buffers ? fake.max_buffers : 256;
	return 0;
}

/* Closing a session cleans up whatever it holds, as the bridge does. */
void dev_close(struct dev *d)
{
	struct fsession *s;
	bool dirty;
	uint64_t i;

	pthread_mutex_lock(&lock);
	s = session(d);
	dirty = s->chan >= 0;
	for (i = 0; i < s->njobs; i++) {
		dirty |= s->jobs[i].st.state < DMACTL_STATE_COMPLETE;
		free(s->jobs[i].stale);
		free(s->jobs[i].chunks);
		free(s->jobs[i].entries);
	}
	free(s->jobs);
	for (i = 1; i <= MAX_BUFS; i++) {
		if (!bufs[i].mem || bufs[i].session != (unsigned int)d->fd)
			continue;
		dirty = true;
		free(bufs[i].mem);
		free(bufs[i].prev);
		memset(&bufs[i], 0, sizeof(bufs[i]));
	}
	if (s->chan >= 0)
		chan_taken[s->chan] = false;
	memset(s, 0, sizeof(*s));
	fake_dirty_closes += dirty;
	pthread_mutex_unlock(&lock);
	d->fd = -1;
	d->have_chan = false;
}

static int find_chan(enum chan_by by, const char *name)
{
	unsigned int i;
	char buf[32];

	for (i = 0; i < nchans(); i++) {
		snprintf(buf, sizeof(buf), "dma0chan%u", i);
		if (chan_taken[i])
			continue;
		if (by == CHAN_BY_NAME && strcmp(name, buf))
			continue;
		if (by == CHAN_BY_DEVICE && strcmp(name, "fake"))
			continue;
		return i;
	}
	return -1;
}

int dev_request(struct dev *d, enum chan_by by, const char *name,
		uint64_t caps)
{
	struct fsession *s;
	int c;

	(void)caps;
	pthread_mutex_lock(&lock);
	s = session(d);
	if (s->chan >= 0) {
		pthread_mutex_unlock(&lock);
		return errf(-EBUSY, "fake: channel already held");
	}
	c = find_chan(by, name);
	if (c < 0) {
		pthread_mutex_unlock(&lock);
		if (by == CHAN_BY_CAPS)
			return errf(-ENODEV, "capability 'memcpy': no such free channel (ENODEV)");
		return errf(-ENODEV, "%s '%s': no such free channel (ENODEV)",
			    by == CHAN_BY_NAME ? "channel" : "device", name);
	}
	chan_taken[c] = true;
	s->chan = c;
	pthread_mutex_unlock(&lock);
	snprintf(d->chan, sizeof(d->chan), "dma0chan%d", c);
	d->have_chan = true;
	return 0;
}

int dev_release(struct dev *d)
{
	struct fsession *s;
	uint64_t i;

	pthread_mutex_lock(&lock);
	s = session(d);
	for (i = 1; i <= MAX_BUFS; i++) {
		if (bufs[i].mem && bufs[i].session == (unsigned int)d->fd) {
			pthread_mutex_unlock(&lock);
			return errf(-EBUSY, "fake: release with buffer %llu",
				    (unsigned long long)i);
		}
	}
	chan_taken[s->chan] = false;
	s->chan = -1;
	pthread_mutex_unlock(&lock);
	d->have_chan = false;
	return 0;
}

int dev_chan_info(struct dev *d, struct dmactl_chan_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	strcpy(ci->chan_name, d->chan);
	strcpy(ci->dev_name, "fake");
	strcpy(ci->driver_name, "fakedrv");
	ci->caps = 1ULL << DMACTL_CAP_MEMCPY | 1ULL << DMACTL_CAP_PRIVATE |
		   1ULL << DMACTL_CAP_MEMSET | 1ULL << DMACTL_CAP_INTERLEAVE |
		   1ULL << DMACTL_CAP_SLAVE | 1ULL << DMACTL_CAP_CYCLIC;
	ci->copy_align = fake.copy_align;
	ci->fill_align = fake.copy_align;
	ci->max_seg_size = UINT32_MAX;
	ci->src_addr_widths = ci->dst_addr_widths = 1U << 1 | 1U << 2 |
						    1U << 4 | 1U << 8;
	ci->directions = 1U << DMACTL_DIR_MEM_TO_MEM |
			 1U << DMACTL_DIR_MEM_TO_DEV |
			 1U << DMACTL_DIR_DEV_TO_MEM;
	ci->min_burst = 1;
	ci->max_burst = fake.max_burst ? fake.max_burst : 16;
	ci->residue_granularity = DMACTL_RESIDUE_BURST;
	ci->slave_flags = DMACTL_SLAVE_PAUSE | DMACTL_SLAVE_RESUME |
			  DMACTL_SLAVE_TERMINATE;
	return 0;
}

int dev_buf_alloc(struct dev *d, uint64_t len, struct dev_buf *b)
{
	uint32_t max = fake.max_buffers ? fake.max_buffers : 256, used = 0;
	uint32_t id;

	pthread_mutex_lock(&lock);
	session(d);
	for (id = 1; id <= MAX_BUFS; id++)
		used += bufs[id].mem && bufs[id].session == (unsigned int)d->fd;
	if (used >= max) {
		pthread_mutex_unlock(&lock);
		return errf(-ENOSPC, "fake: DMACTL_IOC_BUF_ALLOC: ENOSPC");
	}
	for (id = 1; bufs[id].mem; id++)
		;
	bufs[id].session = d->fd;
	bufs[id].mem = calloc(1, len);
	bufs[id].prev = calloc(1, len);
	bufs[id].len = len;
	if (!bufs[id].mem || !bufs[id].prev)
		abort();
	b->id = id;
	b->len = len;
	b->mmap_offset = (uint64_t)id << 12;
	b->map = bufs[id].mem;
	pthread_mutex_unlock(&lock);
	return 0;
}

int dev_buf_unmap(struct dev *d, struct dev_buf *b)
{
	(void)d;
	b->map = NULL;
	return 0;
}

int dev_buf_free(struct dev *d, struct dev_buf *b)
{
	struct fbuf *f;

	if (!b->id)
		return 0;
	pthread_mutex_lock(&lock);
	f = &bufs[b->id];
	if (f->session != (unsigned int)d->fd)
		abort();
	if (f->busy) {
		pthread_mutex_unlock(&lock);
		return errf(-EBUSY, "fake: buffer %u busy", b->id);
	}
	free(f->mem);
	free(f->prev);
	memset(f, 0, sizeof(*f));
	pthread_mutex_unlock(&lock);
	b->map = NULL;
	b->id = 0;
	return 0;
}

/* Bytes of the source and destination ranges an interleaved job spans. */
static void ileave_spans(const struct dmactl_job *j, uint64_t *src,
			 uint64_t *dst)
{
	const struct dmactl_chunk *c = (const void *)(uintptr_t)j->list;
	bool ssgl = j->flags & DMACTL_JOB_SRC_SGL;
	bool dsgl = j->flags & DMACTL_JOB_DST_SGL;
	uint64_t f, k, sg, dg;

	*src = *dst = 0;
	for (f = 0; f < j->frames; f++) {
		for (k = 0; k < j->count; k++) {
			sg = c[k].src_icg ? c[k].src_icg : ssgl ? c[k].icg : 0;
			dg = c[k].dst_icg ? c[k].dst_icg : dsgl ? c[k].icg : 0;
			*src += c[k].size + sg;
			*dst += c[k].size + dg;
		}
	}
}

static uint64_t job_bytes(const struct dmactl_job *j)
{
	const struct dmactl_chunk *c = (const void *)(uintptr_t)j->list;
	const struct dmactl_sg_entry *e = (const void *)(uintptr_t)j->list;
	uint64_t k, n = 0;

	switch (j->type) {
	case DMACTL_JOB_INTERLEAVED:
		for (k = 0; k < j->count; k++)
			n += c[k].size;
		return n * j->frames;
	case DMACTL_JOB_SG:
		for (k = 0; k < j->count; k++)
			n += e[k].len;
		return n;
	}
	return j->len;
}

static bool in_buf(const struct dev *d, uint32_t id, uint64_t off,
		   uint64_t len)
{
	const struct fbuf *b;

	if (!id || id > MAX_BUFS)
		return false;
	b = &bufs[id];
	return b->mem && b->session == (unsigned int)d->fd &&
	       off + len <= b->len;
}

/* Slave sg: the session configured, entries in its buffers. */
static bool sg_valid(const struct dev *d, const struct dmactl_job *j)
{
	const struct dmactl_sg_entry *e = (const void *)(uintptr_t)j->list;
	const struct fsession *s = &sessions[d->fd];
	uint32_t k;

	if ((j->direction != DMACTL_DIR_MEM_TO_DEV &&
	     j->direction != DMACTL_DIR_DEV_TO_MEM) || !j->count || !e ||
	    j->src_buf || j->dst_buf || j->len || j->flags ||
	    s->cfg.direction != j->direction)
		return false;
	for (k = 0; k < j->count; k++)
		if (!e[k].len || !in_buf(d, e[k].buf, e[k].off, e[k].len))
			return false;
	return true;
}

static bool valid(const struct dev *d, const struct dmactl_job *j)
{
	uint64_t align = 1ULL << fake.copy_align, sspan, dspan;

	switch (j->type) {
	case DMACTL_JOB_MEMCPY:
		return !j->flags && j->len && !(j->len % align) &&
		       in_buf(d, j->src_buf, j->src_off, j->len) &&
		       in_buf(d, j->dst_buf, j->dst_off, j->len);
	case DMACTL_JOB_MEMSET:
		return !j->flags && j->len && !(j->len % align) &&
		       j->value < 256 && !j->src_buf &&
		       in_buf(d, j->dst_buf, j->dst_off, j->len);
	case DMACTL_JOB_SG:
		return sg_valid(d, j);
	case DMACTL_JOB_CYCLIC:
		return j->period_len && j->len && !(j->len % j->period_len) &&
		       sessions[d->fd].cfg.direction == j->direction &&
		       (j->direction == DMACTL_DIR_MEM_TO_DEV ?
			in_buf(d, j->src_buf, j->src_off, j->len) :
			in_buf(d, j->dst_buf, j->dst_off, j->len));
	case DMACTL_JOB_INTERLEAVED:
		if (!j->frames || !j->count || j->count > 64 || !j->list ||
		    j->direction != DMACTL_DIR_MEM_TO_MEM)
			return false;
		ileave_spans(j, &sspan, &dspan);
		return in_buf(d, j->src_buf, j->src_off, sspan) &&
		       in_buf(d, j->dst_buf, j->dst_off, dspan);
	}
	return false;
}

static uint32_t job_buf(const struct dmactl_job *j, bool src)
{
	const struct dmactl_sg_entry *e = (const void *)(uintptr_t)j->list;

	if (j->type == DMACTL_JOB_SG)
		return e[0].buf;
	return src && j->src_buf ? j->src_buf : j->dst_buf;
}

static void add_job(struct fsession *s, const struct dmactl_job *j)
{
	struct fbuf *src = &bufs[job_buf(j, true)];
	struct fjob *f = &s->jobs[s->njobs++];

	memset(f, 0, sizeof(*f));
	f->j = *j;
	if (j->type == DMACTL_JOB_INTERLEAVED) {
		f->chunks = calloc(j->count, sizeof(*f->chunks));
		if (!f->chunks)
			abort();
		memcpy(f->chunks, (const void *)(uintptr_t)j->list,
		       j->count * sizeof(*f->chunks));
		f->j.list = (uintptr_t)f->chunks;
	}
	if (j->type == DMACTL_JOB_SG) {
		f->entries = calloc(j->count, sizeof(*f->entries));
		if (!f->entries)
			abort();
		memcpy(f->entries, (const void *)(uintptr_t)j->list,
		       j->count * sizeof(*f->entries));
		f->j.list = (uintptr_t)f->entries;
	}
	f->session = s - sessions;
	f->st.id = s->njobs;
	f->st.state = DMACTL_STATE_ISSUED;
	f->st.dma_status = DMACTL_DMA_IN_PROGRESS;
	f->st.len = job_bytes(j);
	f->st.residue = f->st.len;
	f->st.user_data = j->user_data;
	f->st.prep_ns = f->st.submit_ns = f->st.issue_ns = clock_ns;
	/* what a stale read of this source would return */
	f->stale = malloc(src->len);
	if (!f->stale)
		abort();
	memcpy(f->stale, src->prev, src->len);
	memcpy(src->prev, src->mem, src->len);
	src->busy++;
	bufs[job_buf(j, false)].busy++;
}

static struct fport *port(uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < MAX_PORTS; i++)
		if (ports[i].used && ports[i].addr == addr)
			return &ports[i];
	for (i = 0; i < MAX_PORTS; i++) {
		if (ports[i].used)
			continue;
		ports[i] = (struct fport){ .used = true, .addr = addr };
		ports[i].data = malloc(PORT_BYTES);
		if (!ports[i].data)
			abort();
		return &ports[i];
	}
	abort();
}

/* An sg job through a loopback port; false if the port has too little. */
static bool port_move(const struct fsession *s, const struct dmactl_job *j,
		      bool overrun)
{
	const struct dmactl_sg_entry *e = (const void *)(uintptr_t)j->list;
	bool tx = j->direction == DMACTL_DIR_MEM_TO_DEV;
	struct fport *p = port(tx ? s->cfg.dst_addr : s->cfg.src_addr);
	uint64_t need = 0, k, i;

	for (k = 0; k < j->count; k++)
		need += e[k].len;
	if (!tx && p->len < need)
		return false;
	for (k = 0; k < j->count; k++) {
		uint8_t *mem = bufs[e[k].buf].mem + e[k].off;
		uint64_t n = e[k].len + (overrun && !tx);

		for (i = 0; i < n; i++) {
			if (tx) {
				if (p->head + p->len == PORT_BYTES)
					abort();
				p->data[p->head + p->len++] = mem[i] ^
					(++p->bytes_in == fake.flip_byte ? 4 : 0);
			} else if (p->len) {
				mem[i] = p->data[p->head++];
				p->len--;
			}
		}
	}
	return true;
}

/* What the engine does: @from is the source as the job reads it. */
static void move(const struct dmactl_job *j, const uint8_t *from, uint8_t *to,
		 bool overrun)
{
	const struct dmactl_chunk *c = (const void *)(uintptr_t)j->list;
	bool ssgl = j->flags & DMACTL_JOB_SRC_SGL;
	bool dsgl = j->flags & DMACTL_JOB_DST_SGL;
	uint64_t f, k;

	switch (j->type) {
	case DMACTL_JOB_MEMCPY:
		memcpy(to + j->dst_off, from + j->src_off, j->len + overrun);
		break;
	case DMACTL_JOB_MEMSET:
		memset(to + j->dst_off, j->value, j->len + overrun);
		break;
	case DMACTL_JOB_INTERLEAVED:
		from += j->src_off;
		to += j->dst_off;
		for (f = 0; f < j->frames; f++) {
			for (k = 0; k < j->count; k++) {
				memcpy(to, from, c[k].size + overrun);
				from += c[k].size + (c[k].src_icg ? c[k].src_icg :
						     ssgl ? c[k].icg : 0);
				to += c[k].size + (c[k].dst_icg ? c[k].dst_icg :
						   dsgl ? c[k].icg : 0);
			}
		}
		break;
	}
}

int dev_submit(struct dev *d, const struct dmactl_job *j, uint32_t count,
	       bool issue, uint64_t *first_id, uint32_t *submitted)
{
	uint32_t n = fake.accept && fake.accept < count ? fake.accept : count;
	struct fsession *s;
	struct fjob *f;
	uint32_t k;

	if (!issue)
		return errf(-EINVAL, "fake: jobs submitted without issue");
	pthread_mutex_lock(&lock);
	s = session(d);
	for (k = 0; k < count; k++) {
		if (!valid(d, &j[k])) {
			pthread_mutex_unlock(&lock);
			return errf(-EINVAL, "fake: job %u of the batch is invalid", k);
		}
	}
	if (fake.pool) {
		uint32_t busy = 0;
		uint64_t i;

		for (i = 0; i < s->njobs; i++)
			busy += s->jobs[i].st.state < DMACTL_STATE_COMPLETE;
		if (busy >= fake.pool) {
			pthread_mutex_unlock(&lock);
			return -EAGAIN;
		}
		if (n > fake.pool - busy)
			n = fake.pool - busy;
	}
	f = reallocarray(s->jobs, s->njobs + n, sizeof(*s->jobs));
	if (!f)
		abort();
	s->jobs = f;
	*first_id = s->njobs + 1;
	for (k = 0; k < n; k++)
		add_job(s, &j[k]);
	*submitted = n;
	pthread_mutex_unlock(&lock);
	return 0;
}

/* Returns false for a receive job the port cannot feed yet. */
static bool complete(struct fjob *f)
{
	const struct dmactl_job *j = &f->j;
	uint32_t src = job_buf(j, true), dst = job_buf(j, false);
	const uint8_t *from = bufs[src].mem;
	uint8_t *to = bufs[dst].mem;

	if (f->st.id == fake.fail_job) {
		f->st.result = DMACTL_RESULT_WRITE_FAILED;
	} else if (j->type == DMACTL_JOB_SG) {
		if (!port_move(&sessions[f->session], j,
			       f->st.id == fake.overrun_job))
			return false;
		f->st.residue = 0;
	} else {
		if (f->st.id == fake.stale_job)
			from = f->stale;
		move(j, from, to, f->st.id == fake.overrun_job);
		if (f->st.id == fake.corrupt_job)
			to[j->dst_off + fake.corrupt_off] ^= 0x04;
		f->st.residue = 0;
	}
	clock_ns += fake.ns_per_job;
	f->st.state = DMACTL_STATE_COMPLETE;
	f->st.dma_status = DMACTL_DMA_COMPLETE;
	f->st.complete_ns = clock_ns;
	bufs[src].busy--;
	bufs[dst].busy--;
	free(f->stale);
	f->stale = NULL;
	return true;
}

int dev_wait(struct dev *d, uint64_t job_id, uint64_t timeout_ns)
{
	struct fsession *s;
	uint64_t i;

	if (fake.wait_us)
		usleep(fake.wait_us);
	pthread_mutex_lock(&lock);
	s = session(d);
	if (!job_id || job_id > s->njobs || s->jobs[job_id - 1].released) {
		pthread_mutex_unlock(&lock);
		return errf(-ENOENT, "fake: wait for unknown job %llu",
			    (unsigned long long)job_id);
	}
	if (job_id == fake.signal_job && !signalled) {
		signalled = true;
		pthread_mutex_unlock(&lock);
		/* to the process: a thread that blocks it leaves it to another */
		kill(getpid(), SIGINT);
		return -EINTR;
	}
	/* a paused channel completes nothing: wait for the resume */
	while (s->paused)
		pthread_cond_wait(&resumed, &lock);
	/* a channel completes in order: everything up to the job */
	for (i = 0; i < job_id; i++) {
		struct fjob *f = &s->jobs[i];

		if (f->st.state >= DMACTL_STATE_COMPLETE)
			continue;
		if (f->st.id == fake.hang_job || !complete(f)) {
			pthread_mutex_unlock(&lock);
			return errf(-ETIMEDOUT, "%s: job %llu: not complete after %llu ms (ETIMEDOUT)",
				    d->chan, (unsigned long long)f->st.id,
				    (unsigned long long)(timeout_ns / 1000000));
		}
	}
	pthread_mutex_unlock(&lock);
	return 0;
}

int dev_status(struct dev *d, uint64_t first_id, uint32_t count, bool release,
	       struct dmactl_job_status *st)
{
	struct fsession *s;
	uint32_t k;

	pthread_mutex_lock(&lock);
	s = session(d);
	for (k = 0; k < count; k++) {
		uint64_t id = first_id + k;

		if (!id || id > s->njobs || s->jobs[id - 1].released) {
			pthread_mutex_unlock(&lock);
			return errf(-ENOENT, "fake: status of unknown job %llu",
				    (unsigned long long)id);
		}
	}
	for (k = 0; k < count; k++) {
		struct fjob *f = &s->jobs[first_id + k - 1];

		st[k] = f->st;
		if (release && f->st.state >= DMACTL_STATE_COMPLETE)
			f->released = true;
	}
	pthread_mutex_unlock(&lock);
	return 0;
}

/*
 * The in-kernel loop: op k (from 1) completes at k steps, was issued when
 * op k - qdepth completed, so all but the first qdepth wait qdepth steps.
 * fail_job and corrupt_job count ops of the loop.
 */
int dev_bench(struct dev *d, struct dmactl_bench *b)
{
	const struct dmactl_job *j = (const void *)(uintptr_t)b->job;
	uint64_t k, lat, start = clock_ns;
	unsigned int bucket;
	uint8_t *to;

	pthread_mutex_lock(&lock);
	session(d);
	if (!b->qdepth || b->qdepth > 256 || !b->count || !valid(d, j)) {
		pthread_mutex_unlock(&lock);
		return errf(-EINVAL, "fake: DMACTL_IOC_BENCH: invalid");
	}
	to = bufs[j->dst_buf].mem;
	b->lat_min_ns = UINT64_MAX;
	for (k = 1; k <= b->count; k++) {
		lat = (k < b->qdepth ? k : b->qdepth) * fake.ns_per_job;
		clock_ns += fake.ns_per_job;
		b->ops++;
		if (k == fake.fail_job) {
			b->errors++;
		} else {
			move(j, bufs[j->src_buf ? j->src_buf : j->dst_buf].mem,
			     to, false);
			if (k == fake.corrupt_job)
				to[j->dst_off + fake.corrupt_off] ^= 0x04;
			b->bytes += job_bytes(j);
		}
		if (lat < b->lat_min_ns)
			b->lat_min_ns = lat;
		if (lat > b->lat_max_ns)
			b->lat_max_ns = lat;
		b->lat_sum_ns += lat;
		for (bucket = 0; bucket < 63 && lat >> (bucket + 1); bucket++)
			;
		b->hist[bucket]++;
	}
	b->elapsed_ns = clock_ns - start;
	pthread_mutex_unlock(&lock);
	return 0;
}

int dev_query(struct dev *d, uint64_t id, struct dmactl_job_status *st)
{
	struct fsession *s;
	int ret = 0;

	pthread_mutex_lock(&lock);
	s = session(d);
	if (!id || id > s->njobs || s->jobs[id - 1].released)
		ret = -ENOENT;
	else
		*st = s->jobs[id - 1].st;
	if (!ret && s->paused && st->state == DMACTL_STATE_ISSUED)
		st->dma_status = DMACTL_DMA_PAUSED;
	pthread_mutex_unlock(&lock);
	return ret;
}

int dev_slave_config(struct dev *d, const struct dmactl_slave_config *cfg)
{
	pthread_mutex_lock(&lock);
	session(d)->cfg = *cfg;
	pthread_mutex_unlock(&lock);
	return 0;
}

static int set_paused(struct dev *d, bool paused)
{
	pthread_mutex_lock(&lock);
	session(d)->paused = paused;
	pthread_cond_broadcast(&resumed);
	pthread_mutex_unlock(&lock);
	return 0;
}

int dev_pause(struct dev *d)
{
	return set_paused(d, true);
}

int dev_resume(struct dev *d)
{
	return set_paused(d, false);
}

/* Every unfinished job ends TERMINATED, its buffers let go. */
int dev_terminate(struct dev *d, bool async)
{
	struct fsession *s;
	uint64_t i;

	(void)async;
	pthread_mutex_lock(&lock);
	s = session(d);
	for (i = 0; i < s->njobs; i++) {
		struct fjob *f = &s->jobs[i];

		if (f->st.state >= DMACTL_STATE_COMPLETE)
			continue;
		f->st.state = DMACTL_STATE_TERMINATED;
		f->st.complete_ns = clock_ns;
		bufs[job_buf(&f->j, true)].busy--;
		bufs[job_buf(&f->j, false)].busy--;
		free(f->stale);
		f->stale = NULL;
	}
	s->paused = false;
	pthread_cond_broadcast(&resumed);
	pthread_mutex_unlock(&lock);
	return 0;
}

int dev_synchronize(struct dev *d)
{
	(void)d;
	return 0;
}

int dev_poll(struct dev *const *d, unsigned int n, int timeout_ms)
{
	(void)d;
	(void)n;
	(void)timeout_ms;
	return 0;
}

/* One period of cyclic job @f through its port; false if starved. */
static bool period(struct fsession *s, struct fjob *f)
{
	const struct dmactl_job *j = &f->j;
	bool tx = j->direction == DMACTL_DIR_MEM_TO_DEV;
	struct fport *p = port(tx ? s->cfg.dst_addr : s->cfg.src_addr);
	uint64_t n = j->len / j->period_len, i;
	uint8_t *ring = bufs[job_buf(j, tx)].mem +
			(tx ? j->src_off : j->dst_off) +
			f->st.periods % n * j->period_len;

	if (!tx && p->len < j->period_len)
		return false;
	for (i = 0; i < j->period_len; i++) {
		if (tx) {
			p->data[p->head + p->len++] = ring[i] ^
				(++p->bytes_in == fake.flip_byte ? 4 : 0);
		} else {
			ring[i] = p->data[p->head++];
			p->len--;
		}
	}
	if (p->len == 0)
		p->head = 0;
	return true;
}

/*
 * Events come as they are read: each read runs one period of each cyclic
 * job of the session that can run, advancing the clock a step.
 */
int dev_events(struct dev *d, struct dmactl_event *ev, size_t max,
	       int timeout_ms, size_t *n)
{
	struct fsession *s;
	uint64_t i;

	(void)timeout_ms;
	*n = 0;
	pthread_mutex_lock(&lock);
	s = session(d);
	for (i = 0; i < s->njobs && *n < max && !s->paused; i++) {
		struct fjob *f = &s->jobs[i];

		if (f->j.type != DMACTL_JOB_CYCLIC ||
		    f->st.state != DMACTL_STATE_ISSUED || !period(s, f))
			continue;
		clock_ns += fake.ns_per_job;
		ev[(*n)++] = (struct dmactl_event){
			.job_id = f->st.id,
			.user_data = f->j.user_data,
			.type = DMACTL_EVENT_PERIOD,
			.status = DMACTL_DMA_IN_PROGRESS,
			.result = f->st.id == fake.fail_job ?
				  DMACTL_RESULT_READ_FAILED :
				  DMACTL_RESULT_NOERROR,
			.residue = f->j.len - (f->st.periods + 1) %
				   (f->j.len / f->j.period_len) *
				   f->j.period_len,
			.period = f->st.periods,
			.issue_ns = f->st.issue_ns,
			.complete_ns = clock_ns,
		};
		f->st.periods++;
		f->st.residue = ev[*n - 1].residue;
		f->st.complete_ns = clock_ns;
	}
	pthread_mutex_unlock(&lock);
	return 0;
}
