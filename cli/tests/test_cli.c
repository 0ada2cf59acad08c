// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: the dmactl binary itself, for everything that needs no
 * kernel module: argument errors, exit statuses, the version and the
 * validity of its JSON.  Usage: cli.t PATH-TO-DMACTL
 */
#include <unistd.h>

#include <linux/dmactl.h>

#include "json_check.h"
#include "ktap.h"
#include "proc.h"

static const char *bin;

static int exec_dmactl(void *args)
{
	char *argv[PROC_MAX_ARGS + 1];

	proc_argv(argv, bin, args);
	execv(bin, argv);
	return 127;
}

static void run(struct proc_result *r, const char **args)
{
	proc_run(r, exec_dmactl, args, NULL);
}

/* A usage error: exit 2, exactly @err on stderr, nothing on stdout. */
static void usage_case(const char **args, const char *err)
{
	struct proc_result r;
	char name[256];

	proc_args_str(args, name, sizeof(name));
	run(&r, args);
	ktap_begin();
	CHECK_U64(r.status, 2);
	CHECK_STR(r.out, "");
	if (err)
		CHECK_STR(r.err, err);
	else
		CHECK(proc_lines(r.err) >= 1);
	ktap_end("'%s' is a usage error", name);
}

static const struct {
	const char **args;
	const char *err;
} usage_cases[] = {
	{ ARGS("memcpy", "-s", "12x"),
	  "dmactl: invalid size '12x': trailing characters\n" },
	{ ARGS("memcpy", "--size=4KB"),
	  "dmactl: invalid size '4KB': unknown suffix (use K, M or G)\n" },
	{ ARGS("memcpy", "-s", "0"),
	  "dmactl: invalid size '0': out of range (at least 1)\n" },
	{ ARGS("memcpy", "-s", "-1"),
	  "dmactl: invalid size '-1': negative\n" },
	{ ARGS("memcpy", "-s", ""), "dmactl: invalid size '': empty\n" },
	{ ARGS("memcpy", "-s", "2048G"),
	  "dmactl: invalid size '2048G': out of range (at most 1024G)\n" },
	{ ARGS("memcpy", "-s", "99999999999999999999"),
	  "dmactl: invalid size '99999999999999999999': out of range (at most 1024G)\n" },
	{ ARGS("memcpy", "-n", "0"),
	  "dmactl: invalid count '0': out of range (at least 1)\n" },
	{ ARGS("memcpy", "-n", "1k"),
	  "dmactl: invalid count '1k': trailing characters\n" },
	{ ARGS("memcpy", "-q", "0"),
	  "dmactl: invalid qdepth '0': out of range (at least 1)\n" },
	{ ARGS("memcpy", "-q", "4097"),
	  "dmactl: invalid qdepth '4097': out of range (at most 4096)\n" },
	{ ARGS("memcpy", "-t", "0"),
	  "dmactl: invalid timeout '0': out of range (at least 1)\n" },
	{ ARGS("memcpy", "-c", ""), "dmactl: invalid channel '': empty\n" },
	{ ARGS("memcpy", "-c", "dma0chan0", "-D", "dma0"),
	  "dmactl: memcpy: --chan 'dma0chan0' and --device 'dma0' exclude each other\n" },
	{ ARGS("memcpy", "stray"),
	  "dmactl: memcpy: unexpected argument 'stray'\n" },
	{ ARGS("memcpy", "--bogus"), NULL },
	{ ARGS("memcpy", "-s"), NULL },
	{ ARGS("info"),
	  "dmactl: info: missing channel name (e.g. dma0chan0)\n" },
	{ ARGS("info", "dma0chan0", "dma0chan1"),
	  "dmactl: info: unexpected argument 'dma0chan1'\n" },
	{ ARGS("info",
	       "a123456789012345678901234567890123456789012345678901234567890123"),
	  "dmactl: invalid channel 'a123456789012345678901234567890123456789012345678901234567890123': empty or longer than 63 bytes\n" },
	{ ARGS("list", "x"), "dmactl: list: unexpected argument 'x'\n" },
	{ ARGS("version", "x"), "dmactl: version: unexpected argument 'x'\n" },
	{ ARGS("frob"),
	  "dmactl: unknown command 'frob' (try 'dmactl --help')\n" },
	{ ARGS("mem"),
	  "dmactl: unknown command 'mem' (try 'dmactl --help')\n" },
	{ ARGS("--bogus"), NULL },
};

static void test_version(void)
{
	struct proc_result r;
	char want[64];

	snprintf(want, sizeof(want), "dmactl %s\nABI version %d\n",
		 DMACTL_VERSION, DMACTL_ABI_VERSION);
	ktap_begin();
	run(&r, ARGS("version"));
	CHECK_U64(r.status, 0);
	CHECK(!strncmp(r.out, want, strlen(want)));
	CHECK_U64(proc_lines(r.out), 3);
	run(&r, ARGS("-V"));
	CHECK_U64(r.status, 0);
	CHECK(!strncmp(r.out, want, strlen(want)));
	run(&r, ARGS("--version"));
	CHECK_U64(r.status, 0);
	CHECK(!strncmp(r.out, want, strlen(want)));
	ktap_end("version, -V and --version print the version and ABI");
}

static void test_version_json(void)
{
	struct proc_result r;

	ktap_begin();
	run(&r, ARGS("-j", "version"));
	CHECK_U64(r.status, 0);
	CHECK(json_valid(r.out));
	CHECK(strstr(r.out, "\n    \"abi_version\": " STR(DMACTL_ABI_VERSION) ",\n") != NULL);
	CHECK(strstr(r.out, "\"version\": \"" DMACTL_VERSION "\"") != NULL);
	CHECK(strstr(r.out, "\"kernel\": \"") != NULL);
	CHECK(strstr(r.out, "\"module_abi_version\": ") != NULL);
	run(&r, ARGS("version", "--json"));
	CHECK_U64(r.status, 0);
	CHECK(json_valid(r.out));
	ktap_end("version --json is valid JSON with the ABI version");
}

static void test_list_json(void)
{
	struct proc_result r;

	ktap_begin();
	run(&r, ARGS("list", "-j"));
	/* without the module: sysfs channels, then a failure naming it */
	CHECK(r.status == 0 || r.status == 1);
	CHECK(json_valid(r.out));
	CHECK(strstr(r.out, "\"channels\": [") != NULL);
	if (r.status)
		CHECK_U64(proc_lines(r.err), 1);
	ktap_end("list --json is valid JSON");
}

static void test_no_module(void)
{
	struct proc_result r;

	if (!access("/dev/dmactl", F_OK)) {
		printf("ok %d memcpy without dmactl.ko # SKIP /dev/dmactl exists\n",
		       ++ktap_num);
		return;
	}
	ktap_begin();
	run(&r, ARGS("memcpy", "-s", "4K"));
	CHECK_U64(r.status, 1);
	CHECK_STR(r.out, "");
	CHECK_STR(r.err, "dmactl: /dev/dmactl: No such file or directory: is dmactl.ko loaded?\n");
	ktap_end("memcpy without dmactl.ko exits 1 saying so");
}

static void test_help(void)
{
	struct proc_result r;

	ktap_begin();
	run(&r, ARGS("--help"));
	CHECK_U64(r.status, 0);
	CHECK(strstr(r.out, "memcpy") && strstr(r.out, "list") &&
	      strstr(r.out, "info") && strstr(r.out, "version"));
	run(&r, ARGS("memcpy", "--help"));
	CHECK_U64(r.status, 0);
	CHECK(strstr(r.out, "Usage: dmactl memcpy") && strstr(r.out, "--qdepth") &&
	      strstr(r.out, "--json"));
	ktap_end("--help lists commands, COMMAND --help its options");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH-TO-DMACTL\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	ktap_plan(ARRAY_SIZE(usage_cases) + 5);
	for (i = 0; i < ARRAY_SIZE(usage_cases); i++)
		usage_case(usage_cases[i].args, usage_cases[i].err);
	test_version();
	test_version_json();
	test_list_json();
	test_no_module();
	test_help();
	return ktap_finish();
}
