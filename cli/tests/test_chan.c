// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: reading channels from a fake sysfs dma class, merging the
 * netlink view in, and the names of capabilities.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chan.h"
#include "ktap.h"
#include "names.h"

static char root[400];

static void mkpath(const char *rel)
{
	char path[512], *p;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

static void put(const char *rel, const char *text)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		abort();
	close(fd);
}

static void link_to(const char *target, const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if (symlink(target, path))
		abort();
}

/* The layout of a platform-device provider as the kernel shows it. */
static void fake_chan(const char *dev, const char *chan, const char *in_use,
		      const char *bytes)
{
	char rel[256], target[256];

	snprintf(rel, sizeof(rel), "devices/platform/%s/dma/%s", dev, chan);
	mkpath(rel);
	snprintf(rel, sizeof(rel), "devices/platform/%s/dma/%s/in_use", dev,
		 chan);
	put(rel, in_use);
	if (bytes) {
		snprintf(rel, sizeof(rel),
			 "devices/platform/%s/dma/%s/bytes_transferred", dev,
			 chan);
		put(rel, bytes);
	}
	snprintf(rel, sizeof(rel), "devices/platform/%s/dma/%s/device", dev,
		 chan);
	snprintf(target, sizeof(target), "../../../%s", dev);
	link_to(target, rel);
	snprintf(rel, sizeof(rel), "class/dma/%s", chan);
	snprintf(target, sizeof(target), "../../devices/platform/%s/dma/%s",
		 dev, chan);
	link_to(target, rel);
}

static void build_tree(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(root, sizeof(root), "%s/dmactl-chan-XXXXXX",
		 tmp && tmp[0] ? tmp : P_tmpdir);
	if (!mkdtemp(root))
		abort();
	mkpath("class/dma");
	mkpath("bus/platform/drivers/vdma");
	fake_chan("vdma", "dma0chan0", "1\n", "4096\n");
	fake_chan("vdma", "dma0chan1", "0\n", "0\n");
	fake_chan("other.1", "dma10chan0", "0\n", NULL);
	fake_chan("vdma", "dma2chan0", "x\n", "12\n");
	link_to("../../../bus/platform/drivers/vdma",
		"devices/platform/vdma/driver");
	put("devices/platform/vdma/timing_model",
	    "off bus_width=8 clock_khz=100000 burst_cycles=4 desc_cycles=64 fifo_depth=4096\n");
	put("devices/platform/vdma/ports",
	    "0 0x00000000f0000000 4096\n1 0x00000000f0001000 4096\n");
}

static void remove_tree(void)
{
	char cmd[sizeof(root) + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		printf("# could not remove %s\n", root);
}

static const struct chan_entry *find(const struct chan_list *l,
				     const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

static void test_missing_class(void)
{
	struct chan_list l = { 0 };
	char path[512];

	snprintf(path, sizeof(path), "%s/nonexistent", root);
	ktap_begin();
	CHECK(sysfs_scan_channels(path, &l) == 0);
	CHECK_U64(l.n, 0);
	chan_list_free(&l);
	ktap_end("no dma class means no channels");
}

static void test_scan(void)
{
	struct chan_list l = { 0 };
	const struct chan_entry *e;
	char path[512];

	snprintf(path, sizeof(path), "%s/class/dma", root);
	ktap_begin();
	CHECK(sysfs_scan_channels(path, &l) == 0);
	CHECK_U64(l.n, 4);
	chan_list_sort(&l);
	if (l.n == 4) {
		CHECK_STR(l.v[0].name, "dma0chan0");
		CHECK_STR(l.v[1].name, "dma0chan1");
		CHECK_STR(l.v[2].name, "dma2chan0");
		CHECK_STR(l.v[3].name, "dma10chan0");
	}
	e = find(&l, "dma0chan0");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->device, "vdma");
		CHECK_STR(e->driver, "vdma");
		CHECK_U64(e->client_count, 1);
		CHECK(e->bytes_known);
		CHECK_U64(e->bytes, 4096);
		CHECK(!e->caps_known);
		CHECK_U64(e->dev_id, 0);
		CHECK_U64(e->chan_id, 0);
	}
	e = find(&l, "dma10chan0");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->device, "other.1");
		CHECK_STR(e->driver, "");
		CHECK(!e->bytes_known);
		CHECK_U64(e->dev_id, 10);
	}
	e = find(&l, "dma2chan0");
	CHECK(e != NULL);
	if (e)
		CHECK_U64(e->client_count, 0);	/* malformed in_use */
	chan_list_free(&l);
	ktap_end("sysfs channels with provider, driver and use");
}

static void test_merge(void)
{
	struct chan_list l = { 0 }, nl = { 0 };
	const struct chan_entry *e;
	struct chan_entry *n;
	char path[512];

	snprintf(path, sizeof(path), "%s/class/dma", root);
	ktap_begin();
	CHECK(sysfs_scan_channels(path, &l) == 0);
	n = chan_list_add(&nl);
	strcpy(n->name, "dma0chan1");
	strcpy(n->device, "vdma");
	strcpy(n->driver, "vdma");
	n->caps_known = true;
	n->caps = 1 << DMACTL_CAP_MEMCPY | 1 << DMACTL_CAP_PRIVATE;
	n->chan_id = 1;
	n = chan_list_add(&nl);
	strcpy(n->name, "dma3chan0");
	strcpy(n->device, "late");
	n->dev_id = 3;
	n->caps_known = true;
	n->caps = 1 << DMACTL_CAP_SLAVE;
	n->client_count = 1;
	CHECK(chan_merge(&l, &nl) == 0);
	CHECK_U64(l.n, 5);
	e = find(&l, "dma0chan1");
	CHECK(e && e->caps_known && e->caps == nl.v[0].caps);
	e = find(&l, "dma0chan0");
	CHECK(e && !e->caps_known);	/* busy provider: not in the dump */
	e = find(&l, "dma3chan0");
	CHECK(e && e->caps_known && !strcmp(e->device, "late") &&
	      e->client_count == 1);
	chan_list_sort(&l);
	CHECK_STR(l.v[3].name, "dma3chan0");
	chan_list_free(&l);
	chan_list_free(&nl);
	ktap_end("merging the netlink dump into the sysfs view");
}

static void test_grow(void)
{
	struct chan_list l = { 0 };
	struct chan_entry *e;
	bool ok = true;
	size_t i;

	ktap_begin();
	for (i = 0; i < 100; i++) {
		e = chan_list_add(&l);
		if (!e)
			break;
		snprintf(e->name, sizeof(e->name), "dma%zuchan0", 99 - i);
		e->dev_id = 99 - i;
	}
	CHECK_U64(l.n, 100);
	chan_list_sort(&l);
	for (i = 0; i < l.n; i++)
		ok &= l.v[i].dev_id == i;
	CHECK(ok);
	chan_list_free(&l);
	ktap_end("the list grows and sorts numerically");
}

static void test_names(void)
{
	char buf[512], small[16];

	ktap_begin();
	CHECK_STR(caps_str(0, buf, sizeof(buf)), "-");
	CHECK_STR(caps_str(1ULL << DMACTL_CAP_MEMCPY |
			   1ULL << DMACTL_CAP_PRIVATE, buf, sizeof(buf)),
		  "memcpy,private");
	CHECK_STR(caps_str(1ULL << DMACTL_CAP_SLAVE | 1ULL << DMACTL_CAP_CYCLIC |
			   1ULL << 63, buf, sizeof(buf)),
		  "slave,cyclic,bit63");
	CHECK_STR(cap_name(DMACTL_CAP_MEMCPY_SG, small, sizeof(small)),
		  "memcpy_sg");
	CHECK_STR(cap_name(40, small, sizeof(small)), "bit40");
	CHECK_STR(caps_str(~0ULL, small, sizeof(small)), "memcpy,xor,pq");
	CHECK_STR(dir_name(DMACTL_DIR_DEV_TO_MEM), "dev_to_mem");
	CHECK(dir_name(7) == NULL);
	CHECK_STR(residue_name(DMACTL_RESIDUE_BURST), "burst");
	CHECK_STR(residue_name(9), "unknown");
	CHECK_STR(job_result_name(DMACTL_RESULT_WRITE_FAILED), "write_failed");
	CHECK_STR(job_state_name(DMACTL_STATE_TERMINATED), "terminated");
	ktap_end("names: capabilities, directions, residue, job states");
}

static void test_provider_files(void)
{
	char class_dir[512], buf[128];
	uint64_t addr = 7;

	snprintf(class_dir, sizeof(class_dir), "%s/class/dma", root);
	ktap_begin();
	CHECK_STR(chan_timing_model(class_dir, "dma0chan1", buf, sizeof(buf)),
		  "off bus_width=8 clock_khz=100000 burst_cycles=4 desc_cycles=64 fifo_depth=4096");
	CHECK_STR(chan_timing_model(class_dir, "dma10chan0", buf, sizeof(buf)),
		  "none");
	CHECK_STR(chan_timing_model(class_dir, "dma77chan0", buf, sizeof(buf)),
		  "none");
	CHECK(chan_port_addr(class_dir, "dma0chan0", 0, &addr) == 0);
	CHECK_U64(addr, 0xf0000000);
	CHECK(chan_port_addr(class_dir, "dma0chan1", 1, &addr) == 0);
	CHECK_U64(addr, 0xf0001000);
	CHECK(chan_port_addr(class_dir, "dma0chan1", 2, &addr) == -ERANGE);
	CHECK(chan_port_addr(class_dir, "dma10chan0", 0, &addr) == -ENOENT);
	put("devices/platform/vdma/ports", "zero 0x1000 4096\n");
	CHECK(chan_port_addr(class_dir, "dma0chan0", 0, &addr) == -EINVAL);
	CHECK_U64(addr, 0xf0001000);
	ktap_end("a provider's timing model and loopback ports from sysfs");
}

int main(void)
{
	ktap_plan(6);
	build_tree();
	test_missing_class();
	test_scan();
	test_merge();
	test_grow();
	test_names();
	test_provider_files();
	remove_tree();
	return ktap_finish();
}
