// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: the one-line description of why a command failed.
 *
 * The first description wins: it names the root cause, and whatever the
 * cleanup that follows trips over is a consequence of it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static char msg[512];

int errf(int err, const char *fmt, ...)
{
	va_list ap;

	if (msg[0])
		return err;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err;
}

const char *err_msg(void)
{
	return msg[0] ? msg : NULL;
}

void err_clear(void)
{
	msg[0] = '\0';
}

const char *errno_name(int err)
{
	static char buf[24];
	const char *name = strerrorname_np(err);

	if (name)
		return name;
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}
