// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: the one-line description of why a command failed.
 *
 * The first description wins: it names the root cause, and whatever the
 * cleanup that follows trips over is a consequence of it.  Workers of a
 * run describe their failures from their own threads, hence the lock.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static char msg[512];
static pthread_mutex_t msg_lock = PTHREAD_MUTEX_INITIALIZER;

int errf(int err, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&msg_lock);
	if (!msg[0]) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&msg_lock);
	return err;
}

const char *err_msg(void)
{
	return msg[0] ? msg : NULL;
}

void err_clear(void)
{
	pthread_mutex_lock(&msg_lock);
	msg[0] = '\0';
	pthread_mutex_unlock(&msg_lock);
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
