// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl version: the tool's version, the ABI it was built with and, when
 * dmactl.ko is loaded, the ABI of the running module.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/utsname.h>

#include <linux/dmactl.h>

#include "cmd.h"
#include "dev.h"
#include "output.h"

const char *kernel_release(void)
{
	static struct utsname u;

	return uname(&u) ? "unknown" : u.release;
}

void print_tool_info(const char *command)
{
	print_string(PRINT_JSON, "version", NULL, DMACTL_VERSION);
	print_uint(PRINT_JSON, "abi_version", NULL, DMACTL_ABI_VERSION);
	print_string(PRINT_JSON, "kernel", NULL, kernel_release());
	print_string(PRINT_JSON, "command", NULL, command);
}

static error_t version_parse(int key, char *arg, struct argp_state *state)
{
	(void)state;
	if (key == ARGP_KEY_ARG)
		return errf(EINVAL, "version: unexpected argument '%s'", arg);
	return ARGP_ERR_UNKNOWN;
}

static const struct argp version_argp = {
	.parser = version_parse,
	.doc = "Print the version of dmactl, of the ABI it was built with and, "
	       "if dmactl.ko is loaded, of the module's ABI.",
	.children = common_children,
};

static int do_version(void *input)
{
	struct dev d;
	int ret;

	(void)input;
	ret = dev_open(&d);
	/* the version of the tool is worth printing without the module */
	err_clear();

	output_begin(stdout);
	print_tool_info("version");
	print_fp("dmactl %s\n", DMACTL_VERSION);
	print_fp("ABI version %d\n", DMACTL_ABI_VERSION);
	if (ret) {
		print_null(PRINT_ANY, "module_abi_version", "%s\n",
			   ret == -ENOENT ? "module not loaded" :
			   "module not accessible");
	} else {
		print_uint(PRINT_ANY, "module_abi_version",
			   "module ABI version %" PRIu64 "\n",
			   d.info.abi_version);
		print_uint(PRINT_JSON, "module_features", NULL,
			   d.info.features);
		dev_close(&d);
	}
	return output_end();
}

static int no_input;

const struct command cmd_version = {
	.name = "version",
	.doc = "print the version of dmactl and of the ABI",
	.argp = &version_argp,
	.input = &no_input,
	.handler = do_version,
};
