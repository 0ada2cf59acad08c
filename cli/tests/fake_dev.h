/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A stand-in for /dev/dmactl behind the dev.h interface, for running the
 * commands that transfer on a machine without the modules, with faults on
 * demand.  Its provider "fake" (driver "fakedrv") has channels dma0chan0,
 * dma0chan1, ...  Job ids count from 1 in each session as the bridge's do;
 * a fault hits the job of that id in any session; a field of 0 is off.
 */
#ifndef DMACTL_FAKE_DEV_H
#define DMACTL_FAKE_DEV_H

#include <stdbool.h>
#include <stdint.h>

struct fake_config {
	uint64_t corrupt_job;	/* flip bit 2 of the copy's byte corrupt_off */
	uint64_t corrupt_off;
	uint64_t stale_job;	/* copy what the source held one job earlier */
	uint64_t overrun_job;	/* copy one byte more than asked */
	uint64_t fail_job;	/* complete with WRITE_FAILED, copy nothing */
	uint64_t hang_job;	/* never complete: the wait times out */
	uint64_t signal_job;	/* SIGINT to ourselves while waiting for it */
	uint32_t accept;	/* jobs taken per submit, 0 for all */
	uint32_t pool;		/* descriptors: most unfinished jobs of a
				 * session, then EAGAIN (EIO with none) */
	uint32_t max_buffers;	/* 0 for the bridge's default of 256 */
	uint32_t copy_align;	/* log2 */
	uint64_t ns_per_job;	/* fake clock step per completion */
	uint32_t channels;	/* 0 for 4 */
	bool hide_limits;	/* DMACTL_IOC_INFO reports no max_buffers */
	uint64_t flip_byte;	/* a loopback port flips bit 2 of its Nth
				 * byte (from 1) */
	uint32_t max_burst;	/* slave caps: 0 for 16 */
	uint32_t wait_us;	/* real time each wait takes, to let a
				 * control thread act mid-run */
};

/*
 * Loopback ports: a slave job to or from any device address moves bytes
 * through a FIFO of that address, in job completion order.
 */

extern struct fake_config fake;

/*
 * Sessions closed while still holding buffers, unfinished jobs or the
 * channel: the command skipped its own cleanup (fine on a failure path).
 */
extern unsigned int fake_dirty_closes;

#endif /* DMACTL_FAKE_DEV_H */
