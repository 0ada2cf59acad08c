// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: the layout of every struct of <linux/dmactl.h>.
 *
 * Built once with -m32 and once with -m64.  Each build checks on its own
 * that every struct has its published size, that every field is aligned to
 * its own size and that no padding is implicit; with --table it prints
 * every size, offset and ioctl number, and run.sh requires the two tables
 * to be identical.  The field table must list every field: the
 * "no implicit padding" check fails when one is missing.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <linux/dmactl.h>

#include "ktap.h"

struct field {
	const char *st;
	const char *name;
	size_t off;
	size_t size;
	size_t unit;		/* size of one element: the alignment needed */
};

#define MEMBER(s, f) (((struct s *)0)->f)
#define F(s, f) { #s, #f, offsetof(struct s, f), sizeof(MEMBER(s, f)), \
		  sizeof(MEMBER(s, f)) }
#define A(s, f) { #s, #f, offsetof(struct s, f), sizeof(MEMBER(s, f)), \
		  sizeof(MEMBER(s, f)[0]) }

static const struct field fields[] = {
	F(dmactl_info, size), F(dmactl_info, abi_version),
	F(dmactl_info, features), F(dmactl_info, max_batch),
	F(dmactl_info, max_jobs), F(dmactl_info, max_buf_bytes),
	F(dmactl_info, max_session_bytes), F(dmactl_info, max_buffers),
	F(dmactl_info, event_ring), F(dmactl_info, max_pin_bytes),
	F(dmactl_info, max_sg_entries), F(dmactl_info, max_config_bytes),
	F(dmactl_info, reserved),

	F(dmactl_chan_request, size), F(dmactl_chan_request, flags),
	F(dmactl_chan_request, caps), A(dmactl_chan_request, name),
	A(dmactl_chan_request, chan_name), A(dmactl_chan_request, reserved),

	F(dmactl_chan_info, size), F(dmactl_chan_info, slave_caps_errno),
	A(dmactl_chan_info, chan_name), A(dmactl_chan_info, dev_name),
	A(dmactl_chan_info, driver_name), F(dmactl_chan_info, caps),
	F(dmactl_chan_info, dev_id), F(dmactl_chan_info, chan_id),
	F(dmactl_chan_info, src_addr_widths),
	F(dmactl_chan_info, dst_addr_widths),
	F(dmactl_chan_info, directions), F(dmactl_chan_info, min_burst),
	F(dmactl_chan_info, max_burst), F(dmactl_chan_info, max_sg_burst),
	F(dmactl_chan_info, residue_granularity),
	F(dmactl_chan_info, slave_flags), F(dmactl_chan_info, copy_align),
	F(dmactl_chan_info, fill_align), F(dmactl_chan_info, max_seg_size),
	A(dmactl_chan_info, reserved),

	F(dmactl_slave_config, size), F(dmactl_slave_config, flags),
	F(dmactl_slave_config, direction),
	F(dmactl_slave_config, src_addr_width),
	F(dmactl_slave_config, src_addr), F(dmactl_slave_config, dst_addr),
	F(dmactl_slave_config, dst_addr_width),
	F(dmactl_slave_config, src_maxburst),
	F(dmactl_slave_config, dst_maxburst),
	F(dmactl_slave_config, src_port_window_size),
	F(dmactl_slave_config, dst_port_window_size),
	F(dmactl_slave_config, peripheral_config_len),
	F(dmactl_slave_config, peripheral_config),
	A(dmactl_slave_config, reserved),

	F(dmactl_buf_alloc, size), F(dmactl_buf_alloc, flags),
	F(dmactl_buf_alloc, type), F(dmactl_buf_alloc, id),
	F(dmactl_buf_alloc, length), F(dmactl_buf_alloc, mmap_offset),
	F(dmactl_buf_alloc, user_addr), F(dmactl_buf_alloc, reserved),

	F(dmactl_buf_free, size), F(dmactl_buf_free, id),
	F(dmactl_buf_free, reserved),

	F(dmactl_buf_sync, size), F(dmactl_buf_sync, flags),
	F(dmactl_buf_sync, id), F(dmactl_buf_sync, reserved0),
	A(dmactl_buf_sync, reserved),

	F(dmactl_sg_entry, buf), F(dmactl_sg_entry, reserved),
	F(dmactl_sg_entry, off), F(dmactl_sg_entry, len),

	F(dmactl_chunk, size), F(dmactl_chunk, icg), F(dmactl_chunk, dst_icg),
	F(dmactl_chunk, src_icg),

	F(dmactl_job, type), F(dmactl_job, flags), F(dmactl_job, src_buf),
	F(dmactl_job, dst_buf), F(dmactl_job, src_off), F(dmactl_job, dst_off),
	F(dmactl_job, len), F(dmactl_job, user_data),
	F(dmactl_job, direction), F(dmactl_job, value), F(dmactl_job, count),
	F(dmactl_job, reserved0), F(dmactl_job, list),
	F(dmactl_job, period_len), F(dmactl_job, frames),
	A(dmactl_job, reserved),

	F(dmactl_submit, size), F(dmactl_submit, flags),
	F(dmactl_submit, count), F(dmactl_submit, job_size),
	F(dmactl_submit, jobs), F(dmactl_submit, first_id),
	F(dmactl_submit, submitted), F(dmactl_submit, reserved0),
	A(dmactl_submit, reserved),

	F(dmactl_wait, size), F(dmactl_wait, flags), F(dmactl_wait, job_id),
	F(dmactl_wait, timeout_ns), A(dmactl_wait, reserved),

	F(dmactl_job_status, id), F(dmactl_job_status, state),
	F(dmactl_job_status, dma_status), F(dmactl_job_status, result),
	F(dmactl_job_status, type), F(dmactl_job_status, len),
	F(dmactl_job_status, residue), F(dmactl_job_status, user_data),
	F(dmactl_job_status, prep_ns), F(dmactl_job_status, submit_ns),
	F(dmactl_job_status, issue_ns), F(dmactl_job_status, complete_ns),
	F(dmactl_job_status, periods), F(dmactl_job_status, reserved),

	F(dmactl_status, size), F(dmactl_status, flags),
	F(dmactl_status, first_id), F(dmactl_status, count),
	F(dmactl_status, entry_size), F(dmactl_status, entries),
	A(dmactl_status, reserved),

	F(dmactl_terminate, size), F(dmactl_terminate, flags),
	A(dmactl_terminate, reserved),

	F(dmactl_resubmit, size), F(dmactl_resubmit, flags),
	F(dmactl_resubmit, job_id), A(dmactl_resubmit, reserved),

	F(dmactl_event, job_id), F(dmactl_event, user_data),
	F(dmactl_event, type), F(dmactl_event, status),
	F(dmactl_event, result), F(dmactl_event, reserved0),
	F(dmactl_event, residue), F(dmactl_event, period),
	F(dmactl_event, prep_ns), F(dmactl_event, submit_ns),
	F(dmactl_event, issue_ns), F(dmactl_event, complete_ns),
	F(dmactl_event, dropped), F(dmactl_event, reserved),

	F(dmactl_bench, size), F(dmactl_bench, flags), F(dmactl_bench, job),
	F(dmactl_bench, job_size), F(dmactl_bench, qdepth),
	F(dmactl_bench, count), F(dmactl_bench, duration_ns),
	F(dmactl_bench, bytes), F(dmactl_bench, ops), F(dmactl_bench, errors),
	F(dmactl_bench, elapsed_ns), F(dmactl_bench, lat_min_ns),
	F(dmactl_bench, lat_max_ns), F(dmactl_bench, lat_sum_ns),
	A(dmactl_bench, hist), A(dmactl_bench, reserved),
};

struct layout {
	const char *name;
	size_t size;
	size_t published;	/* the latest DMACTL_*_SIZE_VER<N> */
};

static const struct layout structs[] = {
	{ "dmactl_info", sizeof(struct dmactl_info), DMACTL_INFO_SIZE_VER0 },
	{ "dmactl_chan_request", sizeof(struct dmactl_chan_request),
	  DMACTL_CHAN_REQUEST_SIZE_VER0 },
	{ "dmactl_chan_info", sizeof(struct dmactl_chan_info),
	  DMACTL_CHAN_INFO_SIZE_VER0 },
	{ "dmactl_slave_config", sizeof(struct dmactl_slave_config),
	  DMACTL_SLAVE_CONFIG_SIZE_VER0 },
	{ "dmactl_buf_alloc", sizeof(struct dmactl_buf_alloc),
	  DMACTL_BUF_ALLOC_SIZE_VER0 },
	{ "dmactl_buf_free", sizeof(struct dmactl_buf_free),
	  DMACTL_BUF_FREE_SIZE_VER0 },
	{ "dmactl_buf_sync", sizeof(struct dmactl_buf_sync),
	  DMACTL_BUF_SYNC_SIZE_VER0 },
	{ "dmactl_sg_entry", sizeof(struct dmactl_sg_entry),
	  sizeof(struct dmactl_sg_entry) },
	{ "dmactl_chunk", sizeof(struct dmactl_chunk),
	  sizeof(struct dmactl_chunk) },
	{ "dmactl_job", sizeof(struct dmactl_job), DMACTL_JOB_SIZE_VER1 },
	{ "dmactl_submit", sizeof(struct dmactl_submit),
	  DMACTL_SUBMIT_SIZE_VER0 },
	{ "dmactl_wait", sizeof(struct dmactl_wait), DMACTL_WAIT_SIZE_VER0 },
	{ "dmactl_job_status", sizeof(struct dmactl_job_status),
	  DMACTL_JOB_STATUS_SIZE_VER0 },
	{ "dmactl_status", sizeof(struct dmactl_status),
	  DMACTL_STATUS_SIZE_VER0 },
	{ "dmactl_terminate", sizeof(struct dmactl_terminate),
	  DMACTL_TERMINATE_SIZE_VER0 },
	{ "dmactl_resubmit", sizeof(struct dmactl_resubmit),
	  DMACTL_RESUBMIT_SIZE_VER0 },
	{ "dmactl_event", sizeof(struct dmactl_event), DMACTL_EVENT_SIZE },
	{ "dmactl_bench", sizeof(struct dmactl_bench),
	  DMACTL_BENCH_SIZE_VER0 },
};

static const struct {
	const char *name;
	unsigned long nr;
} ioctls[] = {
	{ "DMACTL_IOC_INFO", DMACTL_IOC_INFO },
	{ "DMACTL_IOC_CHAN_REQUEST", DMACTL_IOC_CHAN_REQUEST },
	{ "DMACTL_IOC_CHAN_RELEASE", DMACTL_IOC_CHAN_RELEASE },
	{ "DMACTL_IOC_CHAN_INFO", DMACTL_IOC_CHAN_INFO },
	{ "DMACTL_IOC_BUF_ALLOC", DMACTL_IOC_BUF_ALLOC },
	{ "DMACTL_IOC_BUF_FREE", DMACTL_IOC_BUF_FREE },
	{ "DMACTL_IOC_SUBMIT", DMACTL_IOC_SUBMIT },
	{ "DMACTL_IOC_ISSUE", DMACTL_IOC_ISSUE },
	{ "DMACTL_IOC_WAIT", DMACTL_IOC_WAIT },
	{ "DMACTL_IOC_STATUS", DMACTL_IOC_STATUS },
	{ "DMACTL_IOC_SLAVE_CONFIG", DMACTL_IOC_SLAVE_CONFIG },
	{ "DMACTL_IOC_BUF_SYNC", DMACTL_IOC_BUF_SYNC },
	{ "DMACTL_IOC_PAUSE", DMACTL_IOC_PAUSE },
	{ "DMACTL_IOC_RESUME", DMACTL_IOC_RESUME },
	{ "DMACTL_IOC_TERMINATE", DMACTL_IOC_TERMINATE },
	{ "DMACTL_IOC_SYNCHRONIZE", DMACTL_IOC_SYNCHRONIZE },
	{ "DMACTL_IOC_RESUBMIT", DMACTL_IOC_RESUBMIT },
	{ "DMACTL_IOC_BENCH", DMACTL_IOC_BENCH },
};

static void print_table(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(structs); i++)
		printf("struct %s size %zu\n", structs[i].name, structs[i].size);
	for (i = 0; i < ARRAY_SIZE(fields); i++)
		printf("field %s.%s offset %zu size %zu\n", fields[i].st,
		       fields[i].name, fields[i].off, fields[i].size);
	for (i = 0; i < ARRAY_SIZE(ioctls); i++)
		printf("ioctl %s 0x%08lx\n", ioctls[i].name, ioctls[i].nr);
}

static void check_struct(const struct layout *l)
{
	size_t i, next = 0, nfields = 0;

	ktap_begin();
	CHECK_U64(l->size, l->published);
	CHECK_U64(l->size % 8, 0);
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct field *f = &fields[i];

		if (strcmp(f->st, l->name))
			continue;
		nfields++;
		if (f->off != next)
			printf("# %s.%s at %zu, previous field ends at %zu\n",
			       f->st, f->name, f->off, next);
		CHECK_U64(f->off, next);
		CHECK_U64(f->off % f->unit, 0);
		next = f->off + f->size;
	}
	CHECK(nfields > 0);
	/* fields listed back to back up to sizeof: no hole, none missing */
	CHECK_U64(next, l->size);
	ktap_end("struct %s: %zu bytes, aligned, no implicit padding",
		 l->name, l->size);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc > 1 && !strcmp(argv[1], "--table")) {
		print_table();
		return 0;
	}
	ktap_plan(ARRAY_SIZE(structs));
	for (i = 0; i < ARRAY_SIZE(structs); i++)
		check_struct(&structs[i]);
	return ktap_finish();
}
