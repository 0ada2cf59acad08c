/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the abuse tests of the VM suite (fuzz.c, abuse.c): a seeded
 * random generator, KTAP output that any thread or forked child may
 * print, ioctl and sysfs helpers, and the resource counts every abuse
 * test compares before and after.
 */
#ifndef DMACTL_ABUSE_H
#define DMACTL_ABUSE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/dmactl.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define DEV_PATH	"/dev/" DMACTL_DEV_NAME
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_SEC	1000000000ULL

/* xoshiro256** seeded through splitmix64: one per thread, reproducible. */
struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rnd(struct rng *r);
uint64_t rnd_below(struct rng *r, uint64_t n);	/* 0 .. n - 1, n > 0 */
bool chance(struct rng *r, unsigned int one_in);	/* 1 in @one_in */
uint64_t seed_from_env(const char *var);

/* One line of output, written whole, safe from threads and children. */
void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ktap_plan(unsigned int n);
/* One result; @fmt names the test.  Returns @ok. */
bool ktap_result(bool ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ktap_skip(const char *name, const char *why);
int ktap_exit(void);		/* exit status: 0 if nothing failed */

int xioctl(int fd, unsigned long cmd, const void *arg);	/* 0 or -errno */
uint64_t now_ns(void);
void sleep_ns(uint64_t ns);
int dev_open(void);		/* fd or -errno */
int get_info(int fd, struct dmactl_info *info);
/* Takes a free memcpy channel on @fd. */
int chan_request_memcpy(int fd);
int buf_alloc(int fd, uint64_t length, struct dmactl_buf_alloc *out);

/* A decimal number read from a sysfs or procfs file; -1 if unreadable. */
long long read_ll(const char *path);
/* Value of @key in a "key value" file such as /proc/vmstat; -1 if none. */
long long read_key(const char *path, const char *key);

/*
 * What a session can hold on to: channels taken (in_use of every
 * /sys/class/dma channel), module references, pages pinned with FOLL_PIN
 * and, when the kernel has DMA-API debugging, the DMA mappings and
 * coherent buffers of the vdma device.  -1: not available here.
 */
struct res_counts {
	long long chans_in_use;
	long long dmactl_refs;
	long long vdma_refs;
	long long pins;
	long long dma_entries;
};

void res_read(struct res_counts *c);
/* Compares @now with @base, printing what differs; true if equal. */
bool res_same(const struct res_counts *base, const struct res_counts *now,
	      const char *when);
/* As res_same(), retrying for up to @ms while releases finish. */
bool res_settle(const struct res_counts *base, const char *when,
		unsigned int ms);

/* Module (un)loading by name, from /lib/modules/dmactl unless MODDIR. */
int mod_load(const char *name, const char *params);	/* 0 or -errno */
int mod_unload(const char *name);			/* 0 or -errno */
bool mod_loaded(const char *name);

#endif /* DMACTL_ABUSE_H */
