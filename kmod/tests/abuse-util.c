// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the abuse tests (abuse.h).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "abuse.h"

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rnd(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

uint64_t rnd_below(struct rng *r, uint64_t n)
{
	return rnd(r) % n;
}

bool chance(struct rng *r, unsigned int one_in)
{
	return rnd_below(r, one_in) == 0;
}

/* The seed in @var (decimal or 0x hex), else a fresh one. */
uint64_t seed_from_env(const char *var)
{
	const char *v = getenv(var);
	uint64_t seed;
	int fd;

	if (v && *v)
		return strtoull(v, NULL, 0);
	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, &seed, sizeof(seed)) != sizeof(seed))
		seed = now_ns() ^ ((uint64_t)getpid() << 32);
	if (fd >= 0)
		close(fd);
	return seed;
}

void out(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	/* one write per line: threads and children do not interleave */
	if (write(STDOUT_FILENO, line, n) < 0)
		return;
}

static unsigned int ktap_n;
static unsigned int ktap_failed;

void ktap_plan(unsigned int n)
{
	out("KTAP version 1");
	out("1..%u", n);
}

bool ktap_result(bool ok, const char *fmt, ...)
{
	char name[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	ktap_n++;
	if (!ok)
		ktap_failed++;
	out("%s %u %s", ok ? "ok" : "not ok", ktap_n, name);
	return ok;
}

void ktap_skip(const char *name, const char *why)
{
	out("ok %u %s # SKIP %s", ++ktap_n, name, why);
}

int ktap_exit(void)
{
	out("# %u results, %u failed", ktap_n, ktap_failed);
	return ktap_failed ? 1 : 0;
}

int xioctl(int fd, unsigned long cmd, const void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

void sleep_ns(uint64_t ns)
{
	struct timespec ts = {
		.tv_sec = ns / NSEC_PER_SEC,
		.tv_nsec = ns % NSEC_PER_SEC,
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

int dev_open(void)
{
	int fd = open(DEV_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int get_info(int fd, struct dmactl_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	return xioctl(fd, DMACTL_IOC_INFO, info);
}

int chan_request_memcpy(int fd)
{
	struct dmactl_chan_request req = {
		.size = sizeof(req),
		.flags = DMACTL_REQ_BY_CAPS,
		.caps = 1ULL << DMACTL_CAP_MEMCPY,
	};

	return xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req);
}

int buf_alloc(int fd, uint64_t length, struct dmactl_buf_alloc *ba)
{
	memset(ba, 0, sizeof(*ba));
	ba->size = sizeof(*ba);
	ba->type = DMACTL_BUF_COHERENT;
	ba->length = length;
	return xioctl(fd, DMACTL_IOC_BUF_ALLOC, ba);
}

long long read_ll(const char *path)
{
	char buf[64];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return strtoll(buf, NULL, 10);
}

long long read_key(const char *path, const char *key)
{
	size_t klen = strlen(key);
	long long v = -1;
	char line[256];
	FILE *f;

	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, klen) &&
		    (line[klen] == ' ' || line[klen] == ':')) {
			v = strtoll(line + klen + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

static long long chans_in_use(void)
{
	char path[300];
	struct dirent *de;
	long long sum = 0, v;
	DIR *d;

	d = opendir("/sys/class/dma");
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/class/dma/%s/in_use",
			 de->d_name);
		v = read_ll(path);
		if (v > 0)
			sum += v;
	}
	closedir(d);
	return sum;
}

/* Lines of the DMA-API debug dump that belong to the vdma device. */
static long long dma_entries(void)
{
	char line[512];
	long long n = 0;
	FILE *f;

	f = fopen("/sys/kernel/debug/dma-api/dump", "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, " vdma "))
			n++;
	fclose(f);
	return n;
}

/*
 * nr_foll_pin_acquired and _released are node counters: each CPU keeps a
 * difference that vmstat_shepherd folds into /proc/vmstat now and then.
 * Linux 5.10's need_update() looks at a CPU's zone counters only (6.1's
 * at its node counters too), so a CPU whose zone counters stay still can
 * keep a few pins unfolded for any time, and the pins seem to leak.
 * Writing stat_refresh folds every CPU's differences first.
 */
static void vmstat_fold(void)
{
	ssize_t n;
	int fd;

	fd = open("/proc/sys/vm/stat_refresh", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	/* it folds, then fails (EINVAL) if a counter is negative */
	n = write(fd, "1", 1);
	(void)n;
	close(fd);
}

void res_read(struct res_counts *c)
{
	long long acq, rel;

	c->chans_in_use = chans_in_use();
	c->dmactl_refs = read_ll("/sys/module/dmactl/refcnt");
	c->vdma_refs = read_ll("/sys/module/vdma/refcnt");
	vmstat_fold();
	acq = read_key("/proc/vmstat", "nr_foll_pin_acquired");
	rel = read_key("/proc/vmstat", "nr_foll_pin_released");
	c->pins = acq < 0 || rel < 0 ? -1 : acq - rel;
	c->dma_entries = dma_entries();
}

static bool res_cmp(const struct res_counts *base,
		    const struct res_counts *now, const char *when, bool print)
{
	static const struct {
		const char *name;
		size_t off;
	} f[] = {
		{ "channels in use", offsetof(struct res_counts, chans_in_use) },
		{ "dmactl module references", offsetof(struct res_counts, dmactl_refs) },
		{ "vdma module references", offsetof(struct res_counts, vdma_refs) },
		{ "pinned pages (nr_foll_pin_acquired - released)",
		  offsetof(struct res_counts, pins) },
		{ "vdma DMA-API debug entries", offsetof(struct res_counts, dma_entries) },
	};
	bool same = true;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(f); i++) {
		long long b = *(const long long *)((const char *)base + f[i].off);
		long long n = *(const long long *)((const char *)now + f[i].off);

		if (b == n)
			continue;
		same = false;
		if (print)
			out("# %s: %s: %lld, was %lld", when, f[i].name, n, b);
	}
	return same;
}

bool res_same(const struct res_counts *base, const struct res_counts *now,
	      const char *when)
{
	return res_cmp(base, now, when, true);
}

bool res_settle(const struct res_counts *base, const char *when,
		unsigned int ms)
{
	struct res_counts now;
	unsigned int waited = 0;

	for (;;) {
		res_read(&now);
		if (res_cmp(base, &now, when, false))
			return true;
		if (waited >= ms)
			return res_same(base, &now, when);
		sleep_ns(10 * NSEC_PER_MSEC);
		waited += 10;
	}
}

int mod_load(const char *name, const char *params)
{
	const char *dir = getenv("MODDIR");
	char path[512];
	int fd, ret;

	snprintf(path, sizeof(path), "%s/%s.ko",
		 dir && *dir ? dir : "/lib/modules/dmactl", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params ? params : "", 0) ? -errno : 0;
	close(fd);
	return ret;
}

int mod_unload(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

bool mod_loaded(const char *name)
{
	char path[300];

	snprintf(path, sizeof(path), "/sys/module/%s/refcnt", name);
	return access(path, F_OK) == 0;
}
