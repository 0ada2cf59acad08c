/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vdma: a dmaengine provider with no hardware behind it.  Data structures
 * shared by the device glue (main.c), descriptor preparation (prep.c), the
 * engine simulation (engine.c), the loopback FIFO ports (fifo.c), the
 * timing model (timing.c) and debugfs (debugfs.c).
 */
#ifndef _VDMA_H
#define _VDMA_H

#include <linux/atomic.h>
#include <linux/dmaengine.h>
#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "compat.h"
#include "vchan.h"

/*
 * Longest descriptor: residues travel as u32 through struct dma_tx_state
 * and struct dmaengine_result, so a larger transfer could not report one.
 */
#define VDMA_MAX_LEN		U32_MAX

/* Widest access the engines make, in bytes. */
#define VDMA_MAX_WIDTH		64

/* Device address space each loopback FIFO port decodes. */
#define VDMA_PORT_SPAN		SZ_4K

/* Limits of a port's FIFO depth, in bytes. */
#define VDMA_FIFO_MIN		VDMA_MAX_WIDTH
#define VDMA_FIFO_MAX		SZ_1M

/* Limits of the timing model's clock and overheads. */
#define VDMA_MODEL_MAX_KHZ	10000000
#define VDMA_MODEL_MAX_CYCLES	1000000

struct dentry;
struct task_struct;
struct vdma_chan;
struct vdma_device;
struct vdma_knob_file;

/**
 * struct vdma_port - a loopback FIFO peripheral: what is written to its
 *	window comes back, in order, when it is read
 * @vdev: device the port belongs to
 * @index: port number
 * @addr: device address of the start of its window
 * @lock: protects the fields below
 * @buf: ring holding the FIFO's contents
 * @depth: bytes the FIFO holds, the size of @buf
 * @head: offset in @buf of the oldest byte
 * @level: bytes in the FIFO
 * @writing: an engine is moving a burst into the FIFO
 * @reading: an engine is moving a burst out of it
 * @waiters: channels whose request line waits for data, room, or the end
 *	of the other engine's burst (struct vdma_chan.dreq_node)
 * @bytes_in: bytes written since the port was created
 * @bytes_out: bytes read since the port was created
 */
struct vdma_port {
	struct vdma_device *vdev;
	unsigned int index;
	dma_addr_t addr;

	spinlock_t lock;	/* FIFO state and waiters */
	u8 *buf;
	size_t depth;
	size_t head;
	size_t level;
	bool writing;
	bool reading;
	struct list_head waiters;
	u64 bytes_in;
	u64 bytes_out;
};

/**
 * enum vdma_end_type - what one side of a transfer is
 * @VDMA_END_MEM: memory, at the bus addresses of the segments
 * @VDMA_END_PORT: a loopback FIFO port
 * @VDMA_END_FILL: a constant byte (memset source)
 */
enum vdma_end_type {
	VDMA_END_MEM,
	VDMA_END_PORT,
	VDMA_END_FILL,
};

/**
 * struct vdma_end - one side of a transfer
 * @type: memory, port or fill byte
 * @port: VDMA_END_PORT: the port
 * @stride: VDMA_END_MEM: bytes from one frame to the next
 */
struct vdma_end {
	enum vdma_end_type type;
	struct vdma_port *port;
	dma_addr_t stride;
};

/**
 * struct vdma_seg - one contiguous piece of a frame
 * @src: bus address of the source in the first frame (memory sources)
 * @dst: bus address of the destination in the first frame (memory
 *	destinations)
 * @len: bytes
 */
struct vdma_seg {
	dma_addr_t src;
	dma_addr_t dst;
	size_t len;
};

/**
 * struct vdma_cursor - where the engine is in a descriptor
 * @frame: frame index
 * @seg: segment index in the frame
 * @off: bytes of that segment already moved
 */
struct vdma_cursor {
	u32 frame;
	unsigned int seg;
	size_t off;
};

/**
 * struct vdma_desc - a transfer: @numf frames of the segments, moved in
 *	order, burst by burst
 * @vd: virtual channel descriptor
 * @src: source side
 * @dst: destination side
 * @fill: VDMA_END_FILL source: the byte
 * @cyclic: runs round and round until terminated
 * @width: access width, bytes: of the device side, else the one the
 *	timing model charges
 * @maxburst: words per burst, likewise; width times maxburst is the burst
 *	a port's request line grants and the unit of the engine's steps
 * @len: bytes of all frames (cyclic: of the ring)
 * @period: cyclic: bytes per period; else @len
 * @numf: frames
 * @nr_segs: segments per frame
 * @cap: segments @segs has room for
 * @moved: bytes the engine has moved, under vc.lock
 * @done: bytes reported by tx_status, under vc.lock; trails @moved by the
 *	burst in flight when the channel was paused, until it is resumed
 * @pos: position of the next byte, under vc.lock
 * @fault: result the descriptor ends with, DMA_TRANS_NOERROR while it
 *	runs well, under vc.lock
 * @due: ktime_get_ns() at which its delayed completion may be reported,
 *	0 if not finished or not delayed, under vc.lock
 * @segs: the segments of one frame
 */
struct vdma_desc {
	struct vdma_vdesc vd;
	struct vdma_end src;
	struct vdma_end dst;
	u8 fill;
	bool cyclic;
	unsigned int width;
	unsigned int maxburst;
	size_t len;
	size_t period;
	u32 numf;
	unsigned int nr_segs;
	unsigned int cap;

	size_t moved;
	size_t done;
	struct vdma_cursor pos;
	enum dmaengine_tx_result fault;
	u64 due;

	struct vdma_seg segs[];
};

/**
 * struct vdma_engine - one simulated engine, time-shared by the channels
 * @vdev: device it belongs to
 * @task: kernel thread that moves the data
 * @index: engine number
 * @stalled: set through debugfs: the engine stops between two bursts
 * @model_ns: timing model: ktime_get_ns() at which the work the engine has
 *	done so far would have ended on the modelled controller; 0 when the
 *	engine was idle
 */
struct vdma_engine {
	struct vdma_device *vdev;
	struct task_struct *task;
	unsigned int index;
	bool stalled;
	u64 model_ns;
};

/**
 * struct vdma_chan_stats - per-channel counters, under vc.lock
 * @bytes: bytes moved
 * @descriptors: descriptors completed, successfully or not
 * @errors: descriptors completed with an error
 * @periods: cyclic periods ended
 */
struct vdma_chan_stats {
	u64 bytes;
	u64 descriptors;
	u64 errors;
	u64 periods;
};

/**
 * struct vdma_chan - a virtual channel
 * @vc: virtual channel layer state; vc.lock protects the fields below
 *	unless noted
 * @vdev: device the channel belongs to
 * @index: channel number in the device, the DT cell that selects it
 * @active: descriptor loaded into the channel, off the issued list
 * @inflight: descriptor whose memory an engine is accessing right now
 * @engine: engine serving the channel, NULL when none is
 * @paused: the channel does not start bursts
 * @cfg: last configuration given by device_config
 * @ready_node: entry in vdev->ready, under vdev->lock; empty when not queued
 * @dreq_port: port on whose waiters list @dreq_node may be
 * @dreq_node: entry in @dreq_port->waiters, under that port's lock
 * @timer: fires when a delayed completion is due
 * @stats: counters shown in debugfs
 * @nr_descs: descriptors of the channel, not counting @recycled ones
 * @recycled: personality "recycle": completed descriptors the next prep
 *	takes, under vc.lock
 */
struct vdma_chan {
	struct vdma_vchan vc;
	struct vdma_device *vdev;
	unsigned int index;
	struct vdma_desc *active;
	struct vdma_desc *inflight;
	struct vdma_engine *engine;
	bool paused;
	struct dma_slave_config cfg;
	struct list_head ready_node;
	struct vdma_port *dreq_port;
	struct list_head dreq_node;
	struct hrtimer timer;
	struct vdma_chan_stats stats;
	atomic_t nr_descs;
	struct list_head recycled;
};

/**
 * struct vdma_model - timing model parameters; each read with READ_ONCE()
 *	by the engines, written by debugfs under the device's knob_lock
 * @on: 1 if the engines pace themselves to the model, else 0
 * @bus_width: bytes the bus moves per clock cycle, a power of two
 * @clock_khz: bus clock
 * @burst_cycles: cycles each burst costs besides its data beats
 * @desc_cycles: cycles each descriptor (and each cyclic period) costs to
 *	load
 */
struct vdma_model {
	u32 on;
	u32 bus_width;
	u32 clock_khz;
	u32 burst_cycles;
	u32 desc_cycles;
};

/**
 * struct vdma_faults - fault injection, set through debugfs
 * @every: every @every-th descriptor started on the device fails, 0 for
 *	none
 * @result: the dmaengine_tx_result it fails with
 * @delay_us: completions are reported this many microseconds after the
 *	last byte moved
 * @count: descriptors started since @every was last written
 */
struct vdma_faults {
	u32 every;
	u32 result;
	u32 delay_us;
	atomic_t count;
};

/* The operations a personality may leave out; memcpy is always there. */
#define VDMA_OP_CONFIG		BIT(0)
#define VDMA_OP_PAUSE		BIT(1)
#define VDMA_OP_RESUME		BIT(2)
#define VDMA_OP_TERMINATE	BIT(3)
#define VDMA_OP_SYNC		BIT(4)
#define VDMA_OP_MEMSET		BIT(5)
#define VDMA_OP_SLAVE		BIT(6)
#define VDMA_OP_CYCLIC		BIT(7)
#define VDMA_OP_INTERLEAVE	BIT(8)
#define VDMA_OP_MEMCPY_SG	BIT(9)
#define VDMA_OP_ALL		(BIT(10) - 1)

/* Longest name of a personality preset, with its NUL. */
#define VDMA_PRESET_LEN		16

/* Longest line vdma_personality_show() writes. */
#define VDMA_PERSONALITY_LEN	512

/**
 * struct vdma_personality - how a device behaves, as a class of upstream
 *	providers does (man/vdma.4 names them)
 * @preset: the preset it started from
 * @ops: VDMA_OP_* it offers
 * @residue: its residue_granularity
 * @reuse: its descriptor_reuse
 * @copy_align: its copy_align (log2 of bytes); prep refuses what is not
 *	aligned
 * @fill_align: its fill_align, likewise
 * @max_seg: its device's max_seg_size, 0 to set none (64 KiB)
 * @pool: descriptors a channel may hold at a time, 0 for no limit; prep
 *	returns NULL beyond
 * @completion: where callbacks run, enum vdma_vchan_context
 * @delay_us: VDMA_VCHAN_THREAD: delay between deciding to complete and
 *	calling back
 * @free_waits: free_chan_resources waits for the completion path
 * @result: what callbacks are told, enum vdma_vchan_result
 * @recycle: pl330's descriptor pool: a completed descriptor goes back to
 *	the pool before its callback runs, and the next prep takes it with
 *	only ->callback reset
 */
struct vdma_personality {
	char preset[VDMA_PRESET_LEN];
	u32 ops;
	u32 residue;
	bool reuse;
	u8 copy_align;
	u8 fill_align;
	u32 max_seg;
	u32 pool;
	u32 completion;
	u32 delay_us;
	bool free_waits;
	u32 result;
	bool recycle;
};

/**
 * struct vdma_device - the provider
 * @dma: dmaengine device
 * @pers: personality, fixed at probe
 * @burst: most bytes an engine moves between two looks at the channel
 *	state: the residue granularity of transfers without a port
 * @max_burst: largest maxburst a configuration may ask for, words
 * @lock: protects @ready and @nr_ready
 * @ready: channels with a loaded descriptor waiting for an engine
 * @nr_ready: entries on @ready, read locklessly to decide whether to yield
 * @engine_wq: idle engines wait here for @ready to fill
 * @sync_wq: device_synchronize waits here for an engine to let go of
 *	terminated descriptors
 * @stall_wq: stalled engines wait here to be released
 * @knob_lock: serializes writers of @model and of the FIFO depths
 * @model: timing model
 * @faults: fault injection
 * @port_base: device address of port 0
 * @nr_ports: entries of @ports
 * @ports: the loopback FIFO ports
 * @debugfs: the device's debugfs directory
 * @debugfs_knobs: what the knob files of @debugfs refer to
 * @nr_engines: entries of @engines
 * @engines: the simulated engines
 * @nr_chans: entries of @chans
 * @chans: the virtual channels
 */
struct vdma_device {
	struct dma_device dma;
	struct vdma_personality pers;
	unsigned int burst;
	unsigned int max_burst;

	spinlock_t lock;	/* ready list */
	struct list_head ready;
	unsigned int nr_ready;
	wait_queue_head_t engine_wq;
	wait_queue_head_t sync_wq;
	wait_queue_head_t stall_wq;

	struct mutex knob_lock;	/* model and FIFO depth writers */
	struct vdma_model model;
	struct vdma_faults faults;

	dma_addr_t port_base;
	unsigned int nr_ports;
	struct vdma_port *ports;

	struct dentry *debugfs;
	struct vdma_knob_file *debugfs_knobs;

	unsigned int nr_engines;
	struct vdma_engine *engines;
	unsigned int nr_chans;
	struct vdma_chan chans[];
};

static inline struct vdma_chan *to_vdma_chan(struct dma_chan *chan)
{
	return container_of(chan, struct vdma_chan, vc.chan);
}

static inline struct vdma_desc *to_vdma_desc(struct vdma_vdesc *vd)
{
	return container_of(vd, struct vdma_desc, vd);
}

/* engine.c */
void vdma_engine_dev_init(struct vdma_device *vdev);
void vdma_engine_chan_init(struct vdma_chan *vchan);
int vdma_engines_start(struct vdma_device *vdev);
void vdma_engines_stop(struct vdma_device *vdev);
void vdma_engine_kick(struct vdma_chan *vchan);
void vdma_engine_wake(struct vdma_chan *vchan);
void vdma_engine_stop_chan(struct vdma_chan *vchan);
void vdma_engine_pause_chan(struct vdma_chan *vchan);
void vdma_engine_resume_chan(struct vdma_chan *vchan);
void vdma_engine_sync_chan(struct vdma_chan *vchan);
void vdma_engine_set_stalled(struct vdma_device *vdev, u64 mask);
u64 vdma_engine_stalled(struct vdma_device *vdev);

/* prep.c */
void vdma_prep_init(struct dma_device *dma);
void vdma_desc_recycle(struct vdma_chan *vchan, struct vdma_desc *d);
void vdma_desc_free_recycled(struct vdma_chan *vchan);

/* personality.c */
extern const struct vdma_personality vdma_personality_default;
int vdma_personality_parse(struct vdma_personality *p, char *spec);
int vdma_personality_show(const struct vdma_personality *p, char *buf,
			  size_t size);

/* fifo.c */
int vdma_ports_init(struct vdma_device *vdev, unsigned int nr, size_t depth);
void vdma_ports_fini(struct vdma_device *vdev);
struct vdma_port *vdma_port_find(struct vdma_device *vdev, dma_addr_t addr);
int vdma_port_check(struct vdma_device *vdev, dma_addr_t addr,
		    enum dma_slave_buswidth width, u32 maxburst, u32 window,
		    struct vdma_port **portp);
size_t vdma_port_grant(struct vdma_port *port, bool write, size_t want,
		       size_t unit);
size_t vdma_port_reserve(struct vdma_port *port, bool write);
void vdma_port_commit(struct vdma_port *port, bool write, size_t moved);
void vdma_port_wait(struct vdma_port *port, struct vdma_chan *vchan);
void vdma_port_unwait(struct vdma_chan *vchan);
int vdma_ports_set_depth(struct vdma_device *vdev, size_t depth);

/* timing.c */
u64 vdma_model_cost(const struct vdma_model *m, size_t bytes,
		    unsigned int width, unsigned int maxburst,
		    unsigned int loads);
void vdma_model_pace(struct vdma_engine *eng, u64 cost_ns);
int vdma_model_show(const struct vdma_model *m, size_t fifo_depth, char *buf,
		    size_t size);

/* main.c */
bool vdma_device_get(void);
int vdma_device_set(bool on);
int vdma_device_add(unsigned int id, const struct vdma_personality *p);
int vdma_device_remove(unsigned int id);

/* debugfs.c */
void vdma_debugfs_init(struct vdma_device *vdev);
void vdma_debugfs_fini(struct vdma_device *vdev);
void vdma_debugfs_module_init(void);
void vdma_debugfs_module_exit(void);

#endif /* _VDMA_H */
