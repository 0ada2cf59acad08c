// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: the channel list from sysfs, and merging the netlink view in.
 *
 * Each entry of the dma class is a link to the channel's directory, whose
 * "device" link leads to the provider's struct device and from there
 * "driver" to its driver.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chan.h"
#include "cmd.h"
#include "parse.h"

struct chan_entry *chan_list_add(struct chan_list *l)
{
	struct chan_entry *v;

	if (l->n == l->alloc) {
		size_t alloc = l->alloc ? 2 * l->alloc : 16;

		v = reallocarray(l->v, alloc, sizeof(*v));
		if (!v)
			return NULL;
		l->v = v;
		l->alloc = alloc;
	}
	v = &l->v[l->n++];
	memset(v, 0, sizeof(*v));
	return v;
}

void chan_list_free(struct chan_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int cmp_chan(const void *a, const void *b)
{
	const struct chan_entry *x = a, *y = b;

	if (x->dev_id != y->dev_id)
		return x->dev_id < y->dev_id ? -1 : 1;
	if (x->chan_id != y->chan_id)
		return x->chan_id < y->chan_id ? -1 : 1;
	return strcmp(x->name, y->name);
}

void chan_list_sort(struct chan_list *l)
{
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), cmp_chan);
}

/*
 * The last component of where link @path under @dirfd points, or "" if it
 * is missing or does not fit: a cut name would be a wrong name.
 */
static void link_base(int dirfd, const char *path, char *out, size_t len)
{
	char target[4096];
	const char *base;
	ssize_t n;

	out[0] = '\0';
	n = readlinkat(dirfd, path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) < len)
		strcpy(out, base);
}

/* An unsigned decimal attribute file; false if absent or malformed. */
static bool read_u64(int dirfd, const char *path, uint64_t *val)
{
	char buf[32], *end;
	ssize_t n;
	int fd;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	errno = 0;
	*val = strtoull(buf, &end, 10);
	return !errno && end != buf && (*end == '\n' || *end == '\0');
}

static int scan_one(int dirfd, const char *name, struct chan_list *l)
{
	struct chan_entry *e;
	char path[2 * DMACTL_NAME_LEN + 32];
	unsigned int dev_id, chan_id;
	uint64_t v;
	int used;

	if (strlen(name) >= sizeof(e->name))
		return 0;
	e = chan_list_add(l);
	if (!e)
		return -ENOMEM;
	strcpy(e->name, name);
	if (sscanf(name, "dma%uchan%u%n", &dev_id, &chan_id, &used) == 2 &&
	    !name[used]) {
		e->dev_id = dev_id;
		e->chan_id = chan_id;
	} else {
		e->dev_id = UINT32_MAX;
		e->chan_id = UINT32_MAX;
	}
	snprintf(path, sizeof(path), "%s/device", e->name);
	link_base(dirfd, path, e->device, sizeof(e->device));
	snprintf(path, sizeof(path), "%s/device/driver", e->name);
	link_base(dirfd, path, e->driver, sizeof(e->driver));
	snprintf(path, sizeof(path), "%s/in_use", e->name);
	if (read_u64(dirfd, path, &v))
		e->client_count = v > UINT32_MAX ? UINT32_MAX : v;
	snprintf(path, sizeof(path), "%s/bytes_transferred", e->name);
	e->bytes_known = read_u64(dirfd, path, &e->bytes);
	return 0;
}

int sysfs_scan_channels(const char *class_dir, struct chan_list *l)
{
	struct dirent *de;
	int ret = 0;
	DIR *dir;

	dir = opendir(class_dir);
	if (!dir) {
		if (errno == ENOENT)
			return 0;
		return errf(-errno, "%s: %s", class_dir, strerror(errno));
	}
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		ret = scan_one(dirfd(dir), de->d_name, l);
		if (ret) {
			errf(ret, "%s: %s", class_dir, strerror(-ret));
			break;
		}
	}
	closedir(dir);
	return ret;
}

int chan_merge(struct chan_list *l, const struct chan_list *nl)
{
	const struct chan_entry *src;
	struct chan_entry *e;
	size_t i, j;

	for (i = 0; i < nl->n; i++) {
		src = &nl->v[i];
		for (j = 0; j < l->n; j++)
			if (!strcmp(l->v[j].name, src->name))
				break;
		if (j == l->n) {
			/* created after sysfs was read: the dump is all we have */
			e = chan_list_add(l);
			if (!e)
				return -ENOMEM;
			*e = *src;
			continue;
		}
		e = &l->v[j];
		/* the bridge asks the dmaengine core: its names are authoritative */
		if (src->device[0])
			strcpy(e->device, src->device);
		if (src->driver[0])
			strcpy(e->driver, src->driver);
		e->dev_id = src->dev_id;
		e->chan_id = src->chan_id;
		e->caps_known = true;
		e->caps = src->caps;
		if (!e->bytes_known && src->bytes_known) {
			e->bytes_known = true;
			e->bytes = src->bytes;
		}
	}
	return 0;
}

const char *chan_timing_model(const char *class_dir, const char *chan,
			      char *buf, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/device/timing_model", class_dir,
		 chan);
	f = fopen(path, "re");
	if (!f || !fgets(buf, len, f) || !buf[0] || buf[0] == '\n')
		snprintf(buf, len, "none");
	if (f)
		fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

int chan_port_addr(const char *class_dir, const char *chan,
		   unsigned int port, uint64_t *addr)
{
	char path[512], line[256], num[32], text[64];
	unsigned int n;
	const char *why;
	int ret = -ERANGE;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/device/ports", class_dir, chan);
	f = fopen(path, "re");
	if (!f)
		return -ENOENT;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%31s %63s", num, text) != 2 ||
		    sscanf(num, "%u", &n) != 1) {
			ret = -EINVAL;
			break;
		}
		if (n != port)
			continue;
		ret = parse_addr(text, addr, &why) ? -EINVAL : 0;
		break;
	}
	fclose(f);
	return ret;
}
