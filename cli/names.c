// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: names of the ABI's enums and bits.
 */
#include <stdio.h>
#include <string.h>

#include <linux/dmactl.h>

#include "cmd.h"
#include "names.h"

static const char *const cap_names[] = {
	[DMACTL_CAP_MEMCPY] = "memcpy",
	[DMACTL_CAP_XOR] = "xor",
	[DMACTL_CAP_PQ] = "pq",
	[DMACTL_CAP_XOR_VAL] = "xor_val",
	[DMACTL_CAP_PQ_VAL] = "pq_val",
	[DMACTL_CAP_MEMSET] = "memset",
	[DMACTL_CAP_MEMSET_SG] = "memset_sg",
	[DMACTL_CAP_INTERRUPT] = "interrupt",
	[DMACTL_CAP_PRIVATE] = "private",
	[DMACTL_CAP_ASYNC_TX] = "async_tx",
	[DMACTL_CAP_SLAVE] = "slave",
	[DMACTL_CAP_CYCLIC] = "cyclic",
	[DMACTL_CAP_INTERLEAVE] = "interleave",
	[DMACTL_CAP_COMPLETION_NO_ORDER] = "completion_no_order",
	[DMACTL_CAP_REPEAT] = "repeat",
	[DMACTL_CAP_LOAD_EOT] = "load_eot",
	[DMACTL_CAP_MEMCPY_SG] = "memcpy_sg",
};

_Static_assert(ARRAY_SIZE(cap_names) == DMACTL_CAP_COUNT,
	       "a capability of the ABI has no name");

static const char *const dir_names[] = {
	[DMACTL_DIR_MEM_TO_MEM] = "mem_to_mem",
	[DMACTL_DIR_MEM_TO_DEV] = "mem_to_dev",
	[DMACTL_DIR_DEV_TO_MEM] = "dev_to_mem",
	[DMACTL_DIR_DEV_TO_DEV] = "dev_to_dev",
};

const char *cap_name(unsigned int bit, char *buf, size_t len)
{
	if (bit < ARRAY_SIZE(cap_names))
		return cap_names[bit];
	snprintf(buf, len, "bit%u", bit);
	return buf;
}

const char *caps_str(uint64_t caps, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int bit;

	if (!caps) {
		snprintf(buf, len, "-");
		return buf;
	}
	buf[0] = '\0';
	for (bit = 0; bit < 64; bit++) {
		char tmp[16];
		int n;

		if (!(caps & (1ULL << bit)))
			continue;
		n = snprintf(buf + used, len - used, "%s%s", used ? "," : "",
			     cap_name(bit, tmp, sizeof(tmp)));
		if (n < 0 || (size_t)n >= len - used) {
			buf[used] = '\0';	/* whole names only */
			break;
		}
		used += n;
	}
	return buf;
}

const char *dir_name(unsigned int bit)
{
	return bit < ARRAY_SIZE(dir_names) ? dir_names[bit] : NULL;
}

const char *residue_name(uint32_t granularity)
{
	switch (granularity) {
	case DMACTL_RESIDUE_DESCRIPTOR:
		return "descriptor";
	case DMACTL_RESIDUE_SEGMENT:
		return "segment";
	case DMACTL_RESIDUE_BURST:
		return "burst";
	}
	return "unknown";
}

const char *job_state_name(uint32_t state)
{
	switch (state) {
	case DMACTL_STATE_SUBMITTED:
		return "submitted";
	case DMACTL_STATE_ISSUED:
		return "issued";
	case DMACTL_STATE_COMPLETE:
		return "complete";
	case DMACTL_STATE_TERMINATED:
		return "terminated";
	}
	return "unknown";
}

const char *job_result_name(uint32_t result)
{
	switch (result) {
	case DMACTL_RESULT_NOERROR:
		return "noerror";
	case DMACTL_RESULT_READ_FAILED:
		return "read_failed";
	case DMACTL_RESULT_WRITE_FAILED:
		return "write_failed";
	case DMACTL_RESULT_ABORTED:
		return "aborted";
	}
	return "unknown";
}

const char *dma_status_name(uint32_t status)
{
	switch (status) {
	case DMACTL_DMA_COMPLETE:
		return "complete";
	case DMACTL_DMA_IN_PROGRESS:
		return "in_progress";
	case DMACTL_DMA_PAUSED:
		return "paused";
	case DMACTL_DMA_ERROR:
		return "error";
	}
	return "unknown";
}
