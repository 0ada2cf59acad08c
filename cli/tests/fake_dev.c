// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A fake /dev/dmactl behind dev.h: buffers are heap memory, a job's copy
 * happens when someone waits for it, and time is a counter that advances a
 * fixed step per completed job, so that every figure of a run is known in
 * advance.  It checks what the bridge would check and fails the same way.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dev.h"
#include "fake_dev.h"

#define MAX_BUFS	4096
#define START_NS	1000

struct fake_config fake;

struct fbuf {
	uint8_t *mem;
	uint8_t *prev;		/* the source as the previous job saw it */
	size_t len;
	unsigned int busy;	/* unfinished jobs using it */
};

struct fjob {
	struct dmactl_job j;
	struct dmactl_job_status st;
	uint8_t *stale;		/* source data of the job before */
	bool released;
};

static struct fbuf bufs[MAX_BUFS + 1];	/* by id; 0 is no buffer */
static struct fjob *jobs;		/* by id - 1 */
static uint64_t njobs;
static uint64_t clock_ns = START_NS;
static bool have_chan;
static bool signalled;

unsigned int fake_dirty_closes;

int dev_open(struct dev *d)
{
	memset(d, 0, sizeof(*d));
	d->fd = -1;
	d->info.abi_version = DMACTL_ABI_VERSION;
	d->info.features = DMACTL_FEAT_CHAN_REQUEST | DMACTL_FEAT_COHERENT_BUF |
			   DMACTL_FEAT_MEMCPY | DMACTL_FEAT_NETLINK;
	d->info.max_batch = 256;
	d->info.max_jobs = 4096;
	d->info.max_buf_bytes = 4 << 20;
	d->info.max_session_bytes = 256 << 20;
	return 0;
}

/* Closing a session cleans up whatever it holds, as the bridge does. */
void dev_close(struct dev *d)
{
	bool dirty = have_chan;
	uint64_t i;

	for (i = 0; i < njobs; i++)
		dirty |= jobs[i].st.state < DMACTL_STATE_COMPLETE;
	for (i = 1; i <= MAX_BUFS; i++) {
		dirty |= bufs[i].mem != NULL;
		free(bufs[i].mem);
		free(bufs[i].prev);
		memset(&bufs[i], 0, sizeof(bufs[i]));
	}
	for (i = 0; i < njobs; i++) {
		free(jobs[i].stale);
		jobs[i].stale = NULL;
		jobs[i].released = true;
	}
	have_chan = false;
	d->have_chan = false;
	fake_dirty_closes += dirty;
}

int dev_request(struct dev *d, enum chan_by by, const char *name,
		uint64_t caps)
{
	(void)caps;
	if (have_chan)
		return errf(-EBUSY, "fake: channel already held");
	if ((by == CHAN_BY_NAME && strcmp(name, "dma0chan0")) ||
	    (by == CHAN_BY_DEVICE && strcmp(name, "fake")))
		return errf(-ENODEV, "%s '%s': no such free channel (ENODEV)",
			    by == CHAN_BY_NAME ? "channel" : "device", name);
	strcpy(d->chan, "dma0chan0");
	d->have_chan = have_chan = true;
	return 0;
}

int dev_release(struct dev *d)
{
	uint64_t i;

	for (i = 1; i <= MAX_BUFS; i++)
		if (bufs[i].mem)
			return errf(-EBUSY, "fake: release with buffer %llu",
				    (unsigned long long)i);
	d->have_chan = have_chan = false;
	return 0;
}

int dev_chan_info(struct dev *d, struct dmactl_chan_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	strcpy(ci->chan_name, d->chan);
	strcpy(ci->dev_name, "fake");
	strcpy(ci->driver_name, "fakedrv");
	ci->caps = 1ULL << DMACTL_CAP_MEMCPY | 1ULL << DMACTL_CAP_PRIVATE;
	ci->copy_align = fake.copy_align;
	ci->slave_caps_errno = ENXIO;
	return 0;
}

int dev_buf_alloc(struct dev *d, uint64_t len, struct dev_buf *b)
{
	uint32_t max = fake.max_buffers ? fake.max_buffers : 256, used = 0;
	uint32_t id;

	(void)d;
	for (id = 1; id <= MAX_BUFS; id++)
		used += bufs[id].mem != NULL;
	if (used >= max)
		return errf(-ENOSPC, "fake: DMACTL_IOC_BUF_ALLOC: ENOSPC");
	for (id = 1; bufs[id].mem; id++)
		;
	bufs[id].mem = calloc(1, len);
	bufs[id].prev = calloc(1, len);
	bufs[id].len = len;
	if (!bufs[id].mem || !bufs[id].prev)
		abort();
	b->id = id;
	b->len = len;
	b->mmap_offset = (uint64_t)id << 12;
	b->map = bufs[id].mem;
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
	(void)d;
	if (!b->id)
		return 0;
	if (bufs[b->id].busy)
		return errf(-EBUSY, "fake: buffer %u busy", b->id);
	free(bufs[b->id].mem);
	free(bufs[b->id].prev);
	memset(&bufs[b->id], 0, sizeof(bufs[b->id]));
	b->map = NULL;
	b->id = 0;
	return 0;
}

static bool valid(const struct dmactl_job *j)
{
	const struct fbuf *s, *t;

	if (j->type != DMACTL_JOB_MEMCPY || j->flags || !j->len ||
	    j->src_buf > MAX_BUFS || j->dst_buf > MAX_BUFS)
		return false;
	s = &bufs[j->src_buf];
	t = &bufs[j->dst_buf];
	return s->mem && t->mem && j->src_off + j->len <= s->len &&
	       j->dst_off + j->len <= t->len &&
	       !(j->len % (1ULL << fake.copy_align));
}

int dev_submit(struct dev *d, const struct dmactl_job *j, uint32_t count,
	       bool issue, uint64_t *first_id, uint32_t *submitted)
{
	uint32_t n = fake.accept && fake.accept < count ? fake.accept : count;
	struct fjob *f;
	uint32_t k;

	(void)d;
	if (!issue)
		return errf(-EINVAL, "fake: jobs submitted without issue");
	for (k = 0; k < count; k++)
		if (!valid(&j[k]))
			return errf(-EINVAL, "fake: job %u of the batch is invalid", k);
	f = reallocarray(jobs, njobs + n, sizeof(*jobs));
	if (!f)
		abort();
	jobs = f;
	*first_id = njobs + 1;
	for (k = 0; k < n; k++) {
		struct fbuf *src = &bufs[j[k].src_buf];

		f = &jobs[njobs++];
		memset(f, 0, sizeof(*f));
		f->j = j[k];
		f->st.id = njobs;
		f->st.state = DMACTL_STATE_ISSUED;
		f->st.dma_status = DMACTL_DMA_IN_PROGRESS;
		f->st.len = j[k].len;
		f->st.residue = j[k].len;
		f->st.user_data = j[k].user_data;
		f->st.prep_ns = f->st.submit_ns = f->st.issue_ns = clock_ns;
		/* what a stale read of this source would return */
		f->stale = malloc(src->len);
		if (!f->stale)
			abort();
		memcpy(f->stale, src->prev, src->len);
		memcpy(src->prev, src->mem, src->len);
		src->busy++;
		bufs[j[k].dst_buf].busy++;
	}
	*submitted = n;
	return 0;
}

static void complete(struct fjob *f)
{
	const struct dmactl_job *j = &f->j;
	const uint8_t *from = bufs[j->src_buf].mem + j->src_off;
	uint8_t *to = bufs[j->dst_buf].mem + j->dst_off;
	uint64_t len = j->len;

	if (f->st.id == fake.fail_job) {
		f->st.result = DMACTL_RESULT_WRITE_FAILED;
	} else {
		if (f->st.id == fake.stale_job)
			from = f->stale + j->src_off;
		if (f->st.id == fake.overrun_job)
			len++;
		memcpy(to, from, len);
		if (f->st.id == fake.corrupt_job)
			to[fake.corrupt_off] ^= 0x04;
		f->st.residue = 0;
	}
	clock_ns += fake.ns_per_job;
	f->st.state = DMACTL_STATE_COMPLETE;
	f->st.dma_status = DMACTL_DMA_COMPLETE;
	f->st.complete_ns = clock_ns;
	bufs[j->src_buf].busy--;
	bufs[j->dst_buf].busy--;
	free(f->stale);
	f->stale = NULL;
}

int dev_wait(struct dev *d, uint64_t job_id, uint64_t timeout_ns)
{
	uint64_t i;

	if (!job_id || job_id > njobs || jobs[job_id - 1].released)
		return errf(-ENOENT, "fake: wait for unknown job %llu",
			    (unsigned long long)job_id);
	if (job_id == fake.signal_job && !signalled) {
		signalled = true;
		raise(SIGINT);
		return -EINTR;
	}
	/* a channel completes in order: everything up to the job */
	for (i = 0; i < job_id; i++) {
		struct fjob *f = &jobs[i];

		if (f->st.state == DMACTL_STATE_COMPLETE)
			continue;
		if (f->st.id == fake.hang_job)
			return errf(-ETIMEDOUT, "%s: job %llu: not complete after %llu ms (ETIMEDOUT)",
				    d->chan, (unsigned long long)f->st.id,
				    (unsigned long long)(timeout_ns / 1000000));
		complete(f);
	}
	return 0;
}

int dev_status(struct dev *d, uint64_t first_id, uint32_t count, bool release,
	       struct dmactl_job_status *st)
{
	uint32_t k;

	(void)d;
	for (k = 0; k < count; k++) {
		uint64_t id = first_id + k;

		if (!id || id > njobs || jobs[id - 1].released)
			return errf(-ENOENT, "fake: status of unknown job %llu",
				    (unsigned long long)id);
	}
	for (k = 0; k < count; k++) {
		struct fjob *f = &jobs[first_id + k - 1];

		st[k] = f->st;
		if (release && f->st.state >= DMACTL_STATE_COMPLETE)
			f->released = true;
	}
	return 0;
}
