// SPDX-License-Identifier: GPL-2.0
/*
 * The user-driven path of /dev/dmactl against its in-kernel measurement
 * loop (DMACTL_IOC_BENCH), on one channel in one boot: memcpy at each
 * size and queue depth, alternating the two modes.  Prints CSV, with the
 * run's metadata as "#" lines first.  A benchmark, not a test: it fails
 * only when a measurement cannot be taken.
 *
 * User-driven: qdepth jobs are submitted and issued in one SUBMIT; each
 * read() of the event ring returns the jobs completed since the last one,
 * whose places one SUBMIT refills; one STATUS releases their records, 64
 * or more at a time.
 * Both modes time from the first issue to the last completion, with the
 * kernel's timestamps, and take latency from issue to callback.
 *
 * usage: bridge-bench [-r REPEATS] [-c CHANNEL]
 */

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "bridge_lib.h"

struct result {
	uint64_t ops, bytes, elapsed_ns, lat_sum_ns, lat_max_ns;
};

struct run {
	uint32_t size, qdepth;
	uint64_t count;
};

/* Counts keep each run near a second under TCG. */
static const struct run runs[] = {
	{ 4096, 1, 4000 }, { 4096, 16, 8000 },
	{ 65536, 1, 1500 }, { 65536, 16, 3000 },
};

static int fd;
static uint32_t src, dst;

static int user_run(const struct run *r, struct result *res)
{
	struct dmactl_event ev[256];
	struct dmactl_job_status st[256];
	struct dmactl_job jobs[256];
	struct dmactl_submit sub;
	uint64_t started, done = 0, first_issue = 0, next_release, sub_first;
	ssize_t n;
	uint32_t i, k;
	int ret;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < r->qdepth; i++)
		jobs[i] = job_memcpy(src, 0, dst, 0, r->size);
	ret = submit(fd, jobs, r->qdepth, DMACTL_SUBMIT_ISSUE, &sub);
	if (ret)
		return ret;
	started = r->qdepth;
	sub_first = sub.first_id;
	next_release = sub.first_id;
	while (done < r->count) {
		n = read(fd, ev, sizeof(ev[0]) * r->qdepth);
		if (n <= 0)
			return -errno;
		k = n / sizeof(ev[0]);
		for (i = 0; i < k; i++) {
			uint64_t lat = ev[i].complete_ns - ev[i].issue_ns;

			if (ev[i].type != DMACTL_EVENT_COMPLETE ||
			    ev[i].result != DMACTL_RESULT_NOERROR ||
			    ev[i].dropped)
				return -EIO;
			if (!first_issue)
				first_issue = ev[i].issue_ns;
			res->elapsed_ns = ev[i].complete_ns - first_issue;
			res->lat_sum_ns += lat;
			if (lat > res->lat_max_ns)
				res->lat_max_ns = lat;
		}
		done += k;
		res->ops += k;
		res->bytes += (uint64_t)k * r->size;
		/*
		 * A channel completes in order: the oldest are done.  Their
		 * records go 64 at a time, or at the end.
		 */
		n = done - (next_release - sub_first);
		if (n >= 64 || done == r->count) {
			ret = status(fd, next_release, n, DMACTL_STATUS_RELEASE,
				     st);
			if (ret)
				return ret;
			next_release += n;
		}
		if (started < r->count) {
			if (k > r->count - started)
				k = r->count - started;
			ret = submit(fd, jobs, k, DMACTL_SUBMIT_ISSUE, &sub);
			if (ret)
				return ret;
			started += k;
		}
	}
	return 0;
}

static int kernel_run(const struct run *r, struct result *res)
{
	struct dmactl_job job = job_memcpy(src, 0, dst, 0, r->size);
	struct dmactl_bench b = {
		.size = sizeof(b),
		.job = (uintptr_t)&job,
		.job_size = sizeof(job),
		.qdepth = r->qdepth,
		.count = r->count,
	};
	int ret = xioctl(fd, DMACTL_IOC_BENCH, &b);

	if (ret)
		return ret;
	res->ops = b.ops;
	res->bytes = b.bytes;
	res->elapsed_ns = b.elapsed_ns;
	res->lat_sum_ns = b.lat_sum_ns;
	res->lat_max_ns = b.lat_max_ns;
	return b.errors ? -EIO : 0;
}

static void print(const struct run *r, const char *mode, int rep,
		  const struct result *res)
{
	printf("%u,%u,%" PRIu64 ",%s,%d,%" PRIu64 ",%" PRIu64 ",%.3f,%.1f,%"
	       PRIu64 ",%" PRIu64 "\n", r->size, r->qdepth, r->count, mode,
	       rep, res->ops, res->elapsed_ns,
	       res->bytes * 1e3 / res->elapsed_ns,
	       res->ops * 1e9 / res->elapsed_ns, res->lat_sum_ns / res->ops,
	       res->lat_max_ns);
}

static void metadata(const char *chan)
{
	char line[256], model[256] = "?", path[128];
	struct utsname u;
	struct timespec ts;
	struct tm tm;
	FILE *f;

	uname(&u);
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("# date: %s\n", line);
	printf("# kernel: %s %s\n", u.release, u.version);
	printf("# tool: bridge-bench, dmactl ABI %u\n", DMACTL_ABI_VERSION);
	f = fopen("/proc/cpuinfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "model name : %255[^\n]", model) == 1)
			break;
	if (f)
		fclose(f);
	/* QEMU names its TCG CPU so; under KVM the host's model shows. */
	printf("# accel: %s (guest cpu: %s)\n",
	       strstr(model, "TCG") ? "tcg" : "kvm or none", model);
	printf("# provider: vdma, channel %s, parameters:", chan);
	for (const char *p = "channels engines burst timing"; *p;) {
		char name[32];
		int len;

		if (sscanf(p, "%31s%n", name, &len) != 1)
			break;
		p += len;
		snprintf(path, sizeof(path), "/sys/module/vdma/parameters/%s",
			 name);
		f = fopen(path, "r");
		if (f && fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = 0;
			printf(" %s=%s", name, line);
		}
		if (f)
			fclose(f);
	}
	printf("\n");
	printf("# mode: user = SUBMIT, read() of events, STATUS on the fd\n");
	printf("# mode: kernel = DMACTL_IOC_BENCH\n");
	printf("# MBps: 10^6 bytes/s, first issue to last completion\n");
	printf("# lat: from issue to callback\n");
}

int main(int argc, char **argv)
{
	const char *want = NULL;
	struct dmactl_chan_request req = { .size = sizeof(req) };
	struct dmactl_info info;
	struct result res;
	int repeats = 3, opt, rep, ret;
	size_t i;

	while ((opt = getopt(argc, argv, "r:c:")) != -1) {
		if (opt == 'r')
			repeats = atoi(optarg);
		else if (opt == 'c')
			want = optarg;
		else
			return 2;
	}
	page_size = sysconf(_SC_PAGESIZE);
	fd = dev_open();
	info = get_info(fd);
	if (want) {
		req.flags = DMACTL_REQ_BY_NAME;
		snprintf(req.name, sizeof(req.name), "%s", want);
	} else {
		req_memcpy(&req);
	}
	ret = xioctl(fd, DMACTL_IOC_CHAN_REQUEST, &req);
	if (ret) {
		fprintf(stderr, "bridge-bench: no channel: %s\n",
			strerror(-ret));
		return 1;
	}
	if (info.event_ring < 256 || info.max_batch < 16) {
		fprintf(stderr, "bridge-bench: event_ring or max_batch too small\n");
		return 1;
	}
	src = buf_new(fd, 65536);
	dst = buf_new(fd, 65536);
	metadata(req.chan_name);
	printf("size_bytes,qdepth,count,mode,rep,ops,elapsed_ns,");
	printf("MBps,iops,lat_mean_ns,lat_max_ns\n");
	for (i = 0; i < ARRAY_SIZE(runs); i++) {
		for (rep = 0; rep < repeats; rep++) {
			ret = user_run(&runs[i], &res);
			if (ret)
				goto failed;
			print(&runs[i], "user", rep, &res);
			ret = kernel_run(&runs[i], &res);
			if (ret)
				goto failed;
			print(&runs[i], "kernel", rep, &res);
		}
	}
	return 0;

failed:
	fprintf(stderr, "bridge-bench: size %u qdepth %u: %s\n", runs[i].size,
		runs[i].qdepth, strerror(-ret));
	return 1;
}
