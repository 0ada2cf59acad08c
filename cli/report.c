// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: rows and metadata of measured points.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "chan.h"
#include "cmd.h"
#include "names.h"
#include "output.h"
#include "report.h"

static void copy_name(char *dst, const char *src, size_t len)
{
	snprintf(dst, len, "%s", src[0] ? src : "-");
}

void report_meta_init(struct report_meta *m, const char *command,
		      const struct dmactl_info *mi,
		      const struct dmactl_chan_info *ci)
{
	memset(m, 0, sizeof(*m));
	m->command = command;
	m->module_abi_version = mi->abi_version;
	copy_name(m->provider, ci->driver_name, sizeof(m->provider));
	copy_name(m->device, ci->dev_name, sizeof(m->device));
	chan_timing_model(SYSFS_DMA_CLASS, ci->chan_name, m->provider_mode,
			  sizeof(m->provider_mode));
}

/* UTC, to the second, as ISO 8601 */
static const char *now_utc(char *buf, size_t len)
{
	struct tm tm;
	time_t t = time(NULL);

	if (!gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, len, "unknown");
	return buf;
}

void report_meta_print(const struct report_meta *m, enum report_format f)
{
	char date[32];

	now_utc(date, sizeof(date));
	switch (f) {
	case REPORT_JSON:
		print_uint(PRINT_JSON, "module_abi_version", NULL,
			   m->module_abi_version);
		print_string(PRINT_JSON, "date", NULL, date);
		print_string(PRINT_JSON, "device", NULL, m->device);
		print_string(PRINT_JSON, "driver", NULL, m->provider);
		print_string(PRINT_JSON, "provider_mode", NULL,
			     m->provider_mode);
		break;
	case REPORT_CSV:
		print_fp("# tool: dmactl %s\n", DMACTL_VERSION);
		print_fp("# abi: %d (module %u)\n", DMACTL_ABI_VERSION,
			 m->module_abi_version);
		print_fp("# kernel: %s\n", kernel_release());
		print_fp("# command: %s\n", m->command);
		print_fp("# date: %s\n", date);
		print_fp("# provider: %s (device %s)\n", m->provider,
			 m->device);
		print_fp("# provider_mode: %s\n", m->provider_mode);
		break;
	case REPORT_TEXT:
		print_fp("# dmactl %s, ABI %d (module %u), kernel %s, %s: %s\n",
			 DMACTL_VERSION, DMACTL_ABI_VERSION,
			 m->module_abi_version, kernel_release(), m->provider,
			 m->provider_mode);
		break;
	}
}

uint64_t point_errors(const struct point *pt)
{
	return pt->job_errors + pt->bad_jobs;
}

void report_csv_header(void)
{
	print_fp("job,channel,size_bytes,width_bytes,burst,qdepth,channels,"
		 "threads,rep,mode,bytes,ops,busy_ns,elapsed_ns,"
		 "throughput_MBps,throughput_MiBps,iops,latency_p50_ns,"
		 "latency_p99_ns,latency_p999_ns,latency_max_ns,errors,"
		 "latency_min_ns,latency_mean_ns,job_errors,verify_errors\n");
}

void report_csv_row(const struct point *pt)
{
	const struct run_stats *st = &pt->st;

	print_fp("%s,%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%"
		 PRIu64 ",%" PRIu64 ",%" PRIu64 ",%s,",
		 pt->job, pt->channel, pt->size_bytes, pt->width_bytes,
		 pt->burst, pt->qdepth, pt->channels, pt->threads, pt->rep,
		 pt->mode);
	print_fp("%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
		 ",%.3f,%.3f,%.3f,",
		 st->bytes, st->ops, st->busy_ns, st->elapsed_ns, st->mbps,
		 st->mibps, st->iops);
	print_fp("%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
		 ",%" PRIu64 ",%.3f,%" PRIu64 ",%" PRIu64 "\n",
		 st->lat_p50_ns, st->lat_p99_ns, st->lat_p999_ns,
		 st->lat_max_ns, point_errors(pt), st->lat_min_ns,
		 st->lat_mean_ns, pt->job_errors, pt->verify_errors);
}

void report_json_params(const struct point *pt)
{
	print_string(PRINT_JSON, "job", NULL, pt->job);
	print_string(PRINT_JSON, "channel", NULL, pt->channel);
	print_uint(PRINT_JSON, "size_bytes", NULL, pt->size_bytes);
	print_uint(PRINT_JSON, "width_bytes", NULL, pt->width_bytes);
	print_uint(PRINT_JSON, "burst", NULL, pt->burst);
	print_uint(PRINT_JSON, "qdepth", NULL, pt->qdepth);
	print_uint(PRINT_JSON, "channels", NULL, pt->channels);
	print_uint(PRINT_JSON, "threads", NULL, pt->threads);
	print_uint(PRINT_JSON, "rep", NULL, pt->rep);
	print_string(PRINT_JSON, "mode", NULL, pt->mode);
}

void report_json_figures(const struct point *pt)
{
	const struct run_stats *st = &pt->st;

	print_uint(PRINT_JSON, "bytes", NULL, st->bytes);
	print_uint(PRINT_JSON, "ops", NULL, st->ops);
	print_uint(PRINT_JSON, "busy_ns", NULL, st->busy_ns);
	print_uint(PRINT_JSON, "elapsed_ns", NULL, st->elapsed_ns);
	print_float(PRINT_JSON, "throughput_MBps", NULL, st->mbps);
	print_float(PRINT_JSON, "throughput_MiBps", NULL, st->mibps);
	print_float(PRINT_JSON, "iops", NULL, st->iops);
	print_uint(PRINT_JSON, "latency_min_ns", NULL, st->lat_min_ns);
	print_float(PRINT_JSON, "latency_mean_ns", NULL, st->lat_mean_ns);
	print_uint(PRINT_JSON, "latency_p50_ns", NULL, st->lat_p50_ns);
	print_uint(PRINT_JSON, "latency_p99_ns", NULL, st->lat_p99_ns);
	print_uint(PRINT_JSON, "latency_p999_ns", NULL, st->lat_p999_ns);
	print_uint(PRINT_JSON, "latency_max_ns", NULL, st->lat_max_ns);
	print_uint(PRINT_JSON, "errors", NULL, point_errors(pt));
	print_uint(PRINT_JSON, "job_errors", NULL, pt->job_errors);
	print_uint(PRINT_JSON, "verify_errors", NULL, pt->verify_errors);
	print_uint(PRINT_JSON, "verify_failed_jobs", NULL, pt->bad_jobs);
}

/* The widths of the row below; the header names the columns. */
#define TEXT_COLS "%-7s %8s %5s %5s %6s %3s %3s %3s %-6s %11s %11s %11s %10s %10s %10s %10s %6s\n"

void report_text_header(void)
{
	print_fp("#" TEXT_COLS, "job", "size", "width", "burst", "qdepth",
		 "ch", "thr", "rep", "mode", "MB/s", "MiB/s", "IOPS",
		 "p50_ns", "p99_ns", "p99.9_ns", "max_ns", "errors");
}

void report_text_row(const struct point *pt)
{
	const struct run_stats *st = &pt->st;

	print_fp(" %-7s %8" PRIu64 " %5" PRIu64 " %5" PRIu64 " %6" PRIu64
		 " %3" PRIu64 " %3" PRIu64 " %3" PRIu64 " %-6s",
		 pt->job, pt->size_bytes, pt->width_bytes, pt->burst,
		 pt->qdepth, pt->channels, pt->threads, pt->rep, pt->mode);
	print_fp(" %11.1f %11.1f %11.0f %10" PRIu64 " %10" PRIu64 " %10"
		 PRIu64 " %10" PRIu64 " %6" PRIu64 "\n",
		 st->mbps, st->mibps, st->iops, st->lat_p50_ns,
		 st->lat_p99_ns, st->lat_p999_ns, st->lat_max_ns,
		 point_errors(pt));
}

void report_mismatches(const struct xfer_result *res)
{
	size_t i;

	open_json_array("mismatches");
	for (i = 0; i < res->nshown; i++) {
		const struct xfer_mismatch *e = &res->shown[i];

		open_json_object(NULL);
		print_uint(PRINT_ANY, "job", "# mismatch: job %" PRIu64, e->job_id);
		print_string(PRINT_ANY, "buffer", " %s", e->in_dst ? "dst" : "src");
		print_int(PRINT_ANY, "offset", " offset %" PRId64, e->offset);
		print_uint(PRINT_ANY, "expected", ": expected 0x%02" PRIx64,
			   e->expected);
		print_uint(PRINT_ANY, "got", ", got 0x%02" PRIx64, e->got);
		print_string(PRINT_ANY, "kind", " (%s)\n",
			     pattern_error_str(e->kind));
		close_json_object();
	}
	close_json_array();
	if (res->verify_errors > res->nshown)
		print_uint(PRINT_ANY, "mismatches_suppressed",
			   "# %" PRIu64 " errors suppressed\n",
			   res->verify_errors - res->nshown);
	if (res->job_errors)
		print_fp("# job errors: %" PRIu64 ", first: job %" PRIu64 " %s, result %s\n",
			 res->job_errors, res->first_err_id,
			 job_state_name(res->first_err_state),
			 job_result_name(res->first_err_result));
}
