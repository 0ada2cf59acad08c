// SPDX-License-Identifier: GPL-2.0
/*
 * vdma loopback FIFO ports: the simulated peripherals of slave transfers.
 *
 * Port i decodes VDMA_PORT_SPAN bytes of device address space from
 * port_base + i * VDMA_PORT_SPAN.  The whole window is the FIFO's data
 * register, like a peripheral that aliases its data register over a
 * window so that bursts may use incrementing addresses.  What MEM_TO_DEV
 * transfers write into a port comes back, in order, from DEV_TO_MEM
 * transfers reading it.
 *
 * Flow control works like a peripheral's DMA request line.  An engine is
 * granted whole bursts only: as many as the FIFO holds (reads) or has room
 * for (writes), or the short tail of a transfer once it fits.  A channel
 * that is granted nothing leaves the engines and waits on the port; the
 * next burst committed on the port puts it back on the ready list, so a
 * waiting channel costs no engine time and the other direction proceeds.
 * One burst at a time moves into a FIFO and one out of it; the ring is
 * accessed without the lock while the burst moves, its bookkeeping is
 * updated under the lock when it is committed.
 */
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "vdma.h"

/**
 * vdma_ports_init() - create the loopback FIFO ports of a device
 * @vdev: device being probed, with @vdev->port_base set
 * @nr: number of ports
 * @depth: bytes each FIFO holds, VDMA_FIFO_MIN to VDMA_FIFO_MAX
 *
 * Context: process context, may sleep.
 * Return: 0 on success, else -ENOMEM and no port exists.
 */
int vdma_ports_init(struct vdma_device *vdev, unsigned int nr, size_t depth)
{
	struct vdma_port *port;
	unsigned int i;

	vdev->ports = kcalloc(nr, sizeof(*vdev->ports), GFP_KERNEL);
	if (!vdev->ports)
		return -ENOMEM;

	for (i = 0; i < nr; i++) {
		port = &vdev->ports[i];
		port->buf = kvzalloc(depth, GFP_KERNEL);
		if (!port->buf)
			goto out_free_bufs;
		port->vdev = vdev;
		port->index = i;
		port->addr = vdev->port_base + (dma_addr_t)i * VDMA_PORT_SPAN;
		port->depth = depth;
		spin_lock_init(&port->lock);
		INIT_LIST_HEAD(&port->waiters);
	}
	vdev->nr_ports = nr;

	return 0;

out_free_bufs:
	while (i--)
		kvfree(vdev->ports[i].buf);
	kfree(vdev->ports);
	vdev->ports = NULL;
	return -ENOMEM;
}

/**
 * vdma_ports_fini() - free the ports of a device no engine runs on
 * @vdev: device
 *
 * Context: process context.
 */
void vdma_ports_fini(struct vdma_device *vdev)
{
	unsigned int i;

	for (i = 0; i < vdev->nr_ports; i++)
		kvfree(vdev->ports[i].buf);
	kfree(vdev->ports);
}

/**
 * vdma_port_find() - the port whose window holds a device address
 * @vdev: device
 * @addr: device address
 *
 * Context: any context.
 * Return: the port, NULL if no port decodes @addr.
 */
struct vdma_port *vdma_port_find(struct vdma_device *vdev, dma_addr_t addr)
{
	dma_addr_t index;

	if (addr < vdev->port_base)
		return NULL;
	index = (addr - vdev->port_base) / VDMA_PORT_SPAN;
	if (index >= vdev->nr_ports)
		return NULL;

	return &vdev->ports[index];
}

/**
 * vdma_port_check() - check one device side of a slave configuration
 * @vdev: device
 * @addr: device address of the side
 * @width: access width, bytes; must be one vdma supports
 * @maxburst: words per burst, 0 meaning 1
 * @window: words of the register window the accesses cycle through, 0
 *	for a single register
 * @portp: if not NULL, set to the port on success
 *
 * Refuses what the port could not serve: an address no port decodes, one
 * not aligned to @width, a window reaching past the port's, a burst that
 * does not fit in the FIFO.
 *
 * Context: any context.
 * Return: 0 if the port accepts it, else -EINVAL.
 */
int vdma_port_check(struct vdma_device *vdev, dma_addr_t addr,
		    enum dma_slave_buswidth width, u32 maxburst, u32 window,
		    struct vdma_port **portp)
{
	struct vdma_port *port = vdma_port_find(vdev, addr);
	size_t off;

	if (!port || !width)
		return -EINVAL;
	off = addr - port->addr;
	if (off % width)
		return -EINVAL;
	if (window && (u64)window * width > VDMA_PORT_SPAN - off)
		return -EINVAL;
	if ((u64)max(maxburst, 1U) * width > READ_ONCE(port->depth))
		return -EINVAL;

	if (portp)
		*portp = port;
	return 0;
}

/**
 * vdma_port_grant() - how much of a step the request line of a port grants
 * @port: port
 * @write: the step writes into the FIFO, else it reads from it
 * @want: bytes the engine would move
 * @unit: bytes of one burst
 *
 * Context: @port->lock held.
 * Return: @want if the FIFO can take or give all of it, else the whole
 * bursts it can, possibly 0.
 */
size_t vdma_port_grant(struct vdma_port *port, bool write, size_t want,
		       size_t unit)
{
	size_t avail;

	lockdep_assert_held(&port->lock);

	if (write ? port->writing : port->reading)
		return 0;
	avail = write ? port->depth - port->level : port->level;
	if (avail >= want)
		return want;
	/* A burst never exceeds the FIFO, even if the FIFO shrank. */
	unit = min(unit, port->depth);
	return rounddown(avail, unit);
}

/**
 * vdma_port_reserve() - start moving a granted step into or out of a FIFO
 * @port: port
 * @write: the step writes into the FIFO, else it reads from it
 *
 * The engine then accesses the ring from the returned offset without the
 * lock, and ends with vdma_port_commit().
 *
 * Context: @port->lock held.
 * Return: offset in @port->buf where the step starts.
 */
size_t vdma_port_reserve(struct vdma_port *port, bool write)
{
	lockdep_assert_held(&port->lock);

	if (write) {
		port->writing = true;
		return (port->head + port->level) % port->depth;
	}
	port->reading = true;
	return port->head;
}

/* Put every channel waiting on the port back on the ready list. */
static void vdma_port_wake(struct vdma_port *port)
{
	struct vdma_chan *vchan, *tmp;

	lockdep_assert_held(&port->lock);

	list_for_each_entry_safe(vchan, tmp, &port->waiters, dreq_node) {
		list_del_init(&vchan->dreq_node);
		vdma_engine_wake(vchan);
	}
}

/**
 * vdma_port_commit() - end a step started by vdma_port_reserve()
 * @port: port
 * @write: the step wrote into the FIFO, else it read from it
 * @moved: bytes actually moved, at most those granted
 *
 * Wakes the channels waiting on the port: the level changed.
 *
 * Context: @port->lock held.
 */
void vdma_port_commit(struct vdma_port *port, bool write, size_t moved)
{
	lockdep_assert_held(&port->lock);

	if (write) {
		port->level += moved;
		port->bytes_in += moved;
		port->writing = false;
	} else {
		port->head = (port->head + moved) % port->depth;
		port->level -= moved;
		port->bytes_out += moved;
		port->reading = false;
	}
	vdma_port_wake(port);
}

/**
 * vdma_port_wait() - make a channel wait for the request line of a port
 * @port: port that granted nothing
 * @vchan: channel, served by the calling engine, which lets it go without
 *	queueing it again
 *
 * Context: vc.lock of @vchan and @port->lock held.
 */
void vdma_port_wait(struct vdma_port *port, struct vdma_chan *vchan)
{
	lockdep_assert_held(&vchan->vc.lock);
	lockdep_assert_held(&port->lock);

	vchan->dreq_port = port;
	list_add_tail(&vchan->dreq_node, &port->waiters);
}

/**
 * vdma_port_unwait() - take a channel off the port it waits on, if any
 * @vchan: channel
 *
 * The port may have woken the channel already; the channel is then on no
 * list and this only forgets the port.
 *
 * Context: vc.lock of @vchan held.
 */
void vdma_port_unwait(struct vdma_chan *vchan)
{
	struct vdma_port *port = vchan->dreq_port;

	lockdep_assert_held(&vchan->vc.lock);

	if (!port)
		return;
	spin_lock(&port->lock);
	list_del_init(&vchan->dreq_node);
	spin_unlock(&port->lock);
	vchan->dreq_port = NULL;
}

/**
 * vdma_ports_set_depth() - change the depth of every FIFO of a device
 * @vdev: device
 * @depth: bytes, VDMA_FIFO_MIN to VDMA_FIFO_MAX
 *
 * All or nothing: every FIFO must be empty with no burst moving.  While
 * the rings are swapped the ports grant nothing, so transfers wait.
 *
 * Context: process context, may sleep; @vdev->knob_lock held.
 * Return: 0, -ENOMEM, or -EBUSY if a FIFO holds data or a burst is moving.
 */
int vdma_ports_set_depth(struct vdma_device *vdev, size_t depth)
{
	unsigned int i, frozen;
	u8 **bufs, *old;
	int ret = 0;

	lockdep_assert_held(&vdev->knob_lock);

	bufs = kcalloc(vdev->nr_ports, sizeof(*bufs), GFP_KERNEL);
	if (!bufs)
		return -ENOMEM;
	for (i = 0; i < vdev->nr_ports; i++) {
		bufs[i] = kvzalloc(depth, GFP_KERNEL);
		if (!bufs[i]) {
			ret = -ENOMEM;
			goto out_free_bufs;
		}
	}

	/* Freeze each idle, empty port: with both flags set it grants nothing. */
	for (frozen = 0; frozen < vdev->nr_ports; frozen++) {
		struct vdma_port *port = &vdev->ports[frozen];

		spin_lock_irq(&port->lock);
		if (port->level || port->writing || port->reading) {
			spin_unlock_irq(&port->lock);
			ret = -EBUSY;
			break;
		}
		port->writing = true;
		port->reading = true;
		spin_unlock_irq(&port->lock);
	}

	for (i = 0; i < frozen; i++) {
		struct vdma_port *port = &vdev->ports[i];

		spin_lock_irq(&port->lock);
		if (!ret) {
			old = port->buf;
			port->buf = bufs[i];
			bufs[i] = old;
			port->depth = depth;
			port->head = 0;
		}
		port->writing = false;
		port->reading = false;
		vdma_port_wake(port);
		spin_unlock_irq(&port->lock);
	}

	i = vdev->nr_ports;
out_free_bufs:
	/* The old rings after a swap, the unused new ones otherwise. */
	while (i--)
		kvfree(bufs[i]);
	kfree(bufs);
	return ret;
}
