// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: test and benchmark Linux DMA engine channels from the shell.
 *
 * This file only holds the command table; dispatch.c runs a command and
 * each cmd_*.c implements one.
 */
#include "cmd.h"

static const struct command *const commands[] = {
	&cmd_list,
	&cmd_info,
	&cmd_memcpy,
	&cmd_memset,
	&cmd_interleave,
	&cmd_slave,
	&cmd_sg,
	&cmd_cyclic,
	&cmd_bench,
	&cmd_monitor,
	&cmd_version,
};

int main(int argc, char **argv)
{
	return dmactl_main(commands, ARRAY_SIZE(commands), argc, argv);
}
