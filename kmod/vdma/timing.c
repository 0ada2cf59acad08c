// SPDX-License-Identifier: GPL-2.0
/*
 * vdma timing model.
 *
 * Off by default: the engines then move data as fast as the CPU copies.
 * On, each engine paces itself to what a controller with the model's
 * parameters would take.  A burst of maxburst words of the access width
 * costs burst_cycles of overhead plus one bus cycle per beat; a word wider
 * than the bus takes several beats, a narrower one wastes the rest of its
 * beat.  Loading a descriptor (or the next period of a cyclic one) costs
 * desc_cycles.  So wider and longer bursts are faster, up to the bus's
 * bus_width bytes per cycle, which is the shape a real controller gives.
 *
 * The engine keeps the time at which the modelled controller would have
 * finished what it has moved so far and sleeps whenever it is more than
 * VDMA_MODEL_NAP_NS ahead of it.  Oversleeping is made up by the steps
 * that follow, within VDMA_MODEL_SLACK_NS, so the average throughput
 * follows the model as long as the CPU copies faster than the model.
 */
#include <linux/hrtimer.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>

#include "vdma.h"

/* Shorter sleeps cost more than they model. */
#define VDMA_MODEL_NAP_NS	(100 * NSEC_PER_USEC)
/* How far behind the model an engine may fall and still catch up. */
#define VDMA_MODEL_SLACK_NS	NSEC_PER_MSEC

/**
 * vdma_model_cost() - what moving some bytes costs on the modelled
 *	controller
 * @m: timing model
 * @bytes: bytes moved, whole bursts but for the end of a transfer
 * @width: access width, bytes
 * @maxburst: words per burst
 * @loads: descriptors loaded before the bytes move
 *
 * Context: any context.
 * Return: nanoseconds.
 */
u64 vdma_model_cost(const struct vdma_model *m, size_t bytes,
		    unsigned int width, unsigned int maxburst,
		    unsigned int loads)
{
	u32 bus_width = READ_ONCE(m->bus_width);
	u64 words = DIV_ROUND_UP_ULL(bytes, width);
	u64 cycles;

	cycles = (u64)loads * READ_ONCE(m->desc_cycles) +
		 DIV_ROUND_UP_ULL(words, maxburst) * READ_ONCE(m->burst_cycles) +
		 words * DIV_ROUND_UP(width, bus_width);

	return div_u64(cycles * NSEC_PER_MSEC, READ_ONCE(m->clock_khz));
}

/**
 * vdma_model_pace() - hold an engine back to the model's speed
 * @eng: engine that has just moved data
 * @cost_ns: what the model charges for it
 *
 * Returns early if the engine's thread is woken: terminate_all does so.
 *
 * Context: the engine's thread, no lock held; may sleep.
 */
void vdma_model_pace(struct vdma_engine *eng, u64 cost_ns)
{
	u64 now = ktime_get_ns();
	ktime_t until;

	eng->model_ns = max(eng->model_ns, now - VDMA_MODEL_SLACK_NS) + cost_ns;
	if (eng->model_ns <= now + VDMA_MODEL_NAP_NS)
		return;

	until = ns_to_ktime(eng->model_ns);
	set_current_state(TASK_IDLE);
	schedule_hrtimeout(&until, HRTIMER_MODE_ABS);
}

/**
 * vdma_model_show() - the model's mode and parameters as one line
 * @m: timing model
 * @fifo_depth: bytes each FIFO port holds
 * @buf: where to write
 * @size: bytes at @buf
 *
 * The line starts with "on" or "off", followed by key=value pairs, so
 * that every result measured on vdma can state the mode that produced it.
 *
 * Context: any context.
 * Return: characters written, without the terminating NUL.
 */
int vdma_model_show(const struct vdma_model *m, size_t fifo_depth, char *buf,
		    size_t size)
{
	return scnprintf(buf, size,
			 "%s bus_width=%u clock_khz=%u burst_cycles=%u desc_cycles=%u fifo_depth=%zu\n",
			 READ_ONCE(m->on) ? "on" : "off",
			 READ_ONCE(m->bus_width), READ_ONCE(m->clock_khz),
			 READ_ONCE(m->burst_cycles), READ_ONCE(m->desc_cycles),
			 fifo_depth);
}
