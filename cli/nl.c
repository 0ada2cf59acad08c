// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmactl: the "dmactl" generic netlink family, with libnl-genl-3: the
 * channel dump and the "events" multicast group.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "chan.h"
#include "cmd.h"

struct dump_ctx {
	struct chan_list *l;
	int err;
};

static struct nla_policy chan_policy[DMACTL_A_MAX + 1] = {
	[DMACTL_A_CHAN_NAME] = { .type = NLA_STRING, .maxlen = DMACTL_NAME_LEN },
	[DMACTL_A_DEV_NAME] = { .type = NLA_STRING, .maxlen = DMACTL_NAME_LEN },
	[DMACTL_A_DRIVER_NAME] = { .type = NLA_STRING, .maxlen = DMACTL_NAME_LEN },
	[DMACTL_A_DEV_ID] = { .type = NLA_U32 },
	[DMACTL_A_CHAN_ID] = { .type = NLA_U32 },
	[DMACTL_A_CAPS] = { .type = NLA_U64 },
	[DMACTL_A_CLIENT_COUNT] = { .type = NLA_U32 },
	[DMACTL_A_BYTES] = { .type = NLA_U64 },
	[DMACTL_A_PID] = { .type = NLA_U32 },
	[DMACTL_A_JOB_ID] = { .type = NLA_U64 },
	[DMACTL_A_USER_DATA] = { .type = NLA_U64 },
	[DMACTL_A_RESULT] = { .type = NLA_U32 },
	[DMACTL_A_RESIDUE] = { .type = NLA_U64 },
	[DMACTL_A_OPS] = { .type = NLA_U64 },
	[DMACTL_A_ERRORS] = { .type = NLA_U64 },
	[DMACTL_A_ELAPSED_NS] = { .type = NLA_U64 },
};

/* libnl's error codes are its own; turn the ones we can meet into errno. */
static int nl_errno(int nlerr)
{
	switch (-nlerr) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	case NLE_INVAL:
		return -EINVAL;
	case NLE_AGAIN:
		return -EAGAIN;
	default:
		return -EIO;
	}
}

static void copy_str(char *dst, struct nlattr *a)
{
	dst[0] = '\0';
	if (a)
		nla_strlcpy(dst, a, DMACTL_NAME_LEN);
}

static int chan_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[DMACTL_A_MAX + 1];
	struct dump_ctx *ctx = arg;
	struct chan_entry *e;
	int ret;

	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, DMACTL_A_MAX, chan_policy);
	if (ret < 0) {
		ctx->err = nl_errno(ret);
		return NL_STOP;
	}
	/* a channel without a name cannot be merged or requested: skip it */
	if (!tb[DMACTL_A_CHAN_NAME])
		return NL_OK;
	e = chan_list_add(ctx->l);
	if (!e) {
		ctx->err = -ENOMEM;
		return NL_STOP;
	}
	copy_str(e->name, tb[DMACTL_A_CHAN_NAME]);
	copy_str(e->device, tb[DMACTL_A_DEV_NAME]);
	copy_str(e->driver, tb[DMACTL_A_DRIVER_NAME]);
	if (tb[DMACTL_A_DEV_ID])
		e->dev_id = nla_get_u32(tb[DMACTL_A_DEV_ID]);
	if (tb[DMACTL_A_CHAN_ID])
		e->chan_id = nla_get_u32(tb[DMACTL_A_CHAN_ID]);
	if (tb[DMACTL_A_CAPS]) {
		e->caps_known = true;
		e->caps = nla_get_u64(tb[DMACTL_A_CAPS]);
	}
	if (tb[DMACTL_A_CLIENT_COUNT])
		e->client_count = nla_get_u32(tb[DMACTL_A_CLIENT_COUNT]);
	if (tb[DMACTL_A_BYTES]) {
		e->bytes_known = true;
		e->bytes = nla_get_u64(tb[DMACTL_A_BYTES]);
	}
	return NL_OK;
}

int nl_dump_channels(struct chan_list *l)
{
	struct dump_ctx ctx = { .l = l };
	struct nl_sock *sk;
	struct nl_msg *msg;
	int family, ret;

	sk = nl_socket_alloc();
	if (!sk)
		return errf(-ENOMEM, "netlink: %s", strerror(ENOMEM));
	ret = genl_connect(sk);
	if (ret < 0) {
		errf(nl_errno(ret), "netlink: connect: %s", nl_geterror(ret));
		ret = nl_errno(ret);
		goto out_free_sock;
	}
	family = genl_ctrl_resolve(sk, DMACTL_GENL_NAME);
	if (family < 0) {
		ret = nl_errno(family);
		if (ret == -ENOENT)
			errf(ret, "generic netlink family '%s': not found: is dmactl.ko loaded?",
			     DMACTL_GENL_NAME);
		else
			errf(ret, "generic netlink family '%s': %s",
			     DMACTL_GENL_NAME, nl_geterror(family));
		goto out_free_sock;
	}
	msg = nlmsg_alloc();
	if (!msg) {
		ret = errf(-ENOMEM, "netlink: %s", strerror(ENOMEM));
		goto out_free_sock;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_DUMP,
			 DMACTL_CMD_CHAN_GET, DMACTL_GENL_VERSION)) {
		ret = errf(-ENOMEM, "netlink: %s", strerror(ENOMEM));
		goto out_free_msg;
	}
	ret = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, chan_cb, &ctx);
	if (ret >= 0)
		ret = nl_send_auto(sk, msg);
	if (ret >= 0)
		ret = nl_recvmsgs_default(sk);
	if (ret < 0) {
		errf(nl_errno(ret), "netlink: DMACTL_CMD_CHAN_GET: %s",
		     nl_geterror(ret));
		ret = nl_errno(ret);
	} else {
		ret = ctx.err;
		if (ret)
			errf(ret, "netlink: DMACTL_CMD_CHAN_GET: %s (%s)",
			     strerror(-ret), errno_name(-ret));
	}
out_free_msg:
	nlmsg_free(msg);
out_free_sock:
	nl_socket_free(sk);
	return ret;
}

const char *nl_event_name(uint8_t cmd)
{
	switch (cmd) {
	case DMACTL_CMD_CHAN_TAKEN:
		return "chan_taken";
	case DMACTL_CMD_CHAN_RELEASED:
		return "chan_released";
	case DMACTL_CMD_JOB_ERROR:
		return "job_error";
	case DMACTL_CMD_BENCH_DONE:
		return "bench_done";
	}
	return "unknown";
}

struct monitor_ctx {
	int (*fn)(const struct nl_event *ev, void *arg);
	void *arg;
	int ret;
};

static uint64_t get_u64(struct nlattr **tb, int attr)
{
	return tb[attr] ? nla_get_u64(tb[attr]) : 0;
}

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[DMACTL_A_MAX + 1];
	struct monitor_ctx *ctx = arg;
	struct nl_event ev;
	int ret;

	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, DMACTL_A_MAX, chan_policy);
	if (ret < 0) {
		ctx->ret = errf(nl_errno(ret), "netlink: a malformed event: %s",
				nl_geterror(ret));
		return NL_STOP;
	}
	memset(&ev, 0, sizeof(ev));
	ev.cmd = genlmsg_hdr(nlmsg_hdr(msg))->cmd;
	copy_str(ev.chan, tb[DMACTL_A_CHAN_NAME]);
	copy_str(ev.device, tb[DMACTL_A_DEV_NAME]);
	ev.has_pid = tb[DMACTL_A_PID];
	if (ev.has_pid)
		ev.pid = nla_get_u32(tb[DMACTL_A_PID]);
	ev.has_job = tb[DMACTL_A_JOB_ID];
	ev.job_id = get_u64(tb, DMACTL_A_JOB_ID);
	ev.user_data = get_u64(tb, DMACTL_A_USER_DATA);
	ev.result = tb[DMACTL_A_RESULT] ? nla_get_u32(tb[DMACTL_A_RESULT]) : 0;
	ev.residue = get_u64(tb, DMACTL_A_RESIDUE);
	ev.has_bench = tb[DMACTL_A_OPS];
	ev.bytes = get_u64(tb, DMACTL_A_BYTES);
	ev.ops = get_u64(tb, DMACTL_A_OPS);
	ev.errors = get_u64(tb, DMACTL_A_ERRORS);
	ev.elapsed_ns = get_u64(tb, DMACTL_A_ELAPSED_NS);
	ctx->ret = ctx->fn(&ev, ctx->arg);
	return ctx->ret ? NL_STOP : NL_OK;
}

static int join_events(struct nl_sock *sk)
{
	int grp, ret;

	grp = genl_ctrl_resolve_grp(sk, DMACTL_GENL_NAME,
				    DMACTL_GENL_MCGRP_EVENTS);
	if (grp < 0) {
		ret = nl_errno(grp);
		if (ret == -ENOENT)
			return errf(ret, "generic netlink family '%s', group '%s': not found: is dmactl.ko loaded?",
				    DMACTL_GENL_NAME, DMACTL_GENL_MCGRP_EVENTS);
		return errf(ret, "generic netlink group '%s': %s",
			    DMACTL_GENL_MCGRP_EVENTS, nl_geterror(grp));
	}
	ret = nl_socket_add_membership(sk, grp);
	if (ret < 0 && nl_errno(ret) == -EPERM)
		return errf(-EPERM, "netlink: joining group '%s' needs CAP_SYS_ADMIN: it tells what other users' sessions do (EPERM)",
			    DMACTL_GENL_MCGRP_EVENTS);
	if (ret < 0)
		return errf(nl_errno(ret), "netlink: joining group '%s': %s",
			    DMACTL_GENL_MCGRP_EVENTS, nl_geterror(ret));
	return 0;
}

int nl_watch_open(struct nl_sock **skp)
{
	struct nl_sock *sk;
	int ret;

	sk = nl_socket_alloc();
	if (!sk)
		return errf(-ENOMEM, "netlink: %s", strerror(ENOMEM));
	ret = genl_connect(sk);
	if (ret < 0) {
		ret = errf(nl_errno(ret), "netlink: connect: %s",
			   nl_geterror(ret));
		goto out_free_sock;
	}
	ret = join_events(sk);
	if (ret)
		goto out_free_sock;
	/* notifications are not replies: no sequence numbers to match */
	nl_socket_disable_seq_check(sk);
	*skp = sk;
	return 0;

out_free_sock:
	nl_socket_free(sk);
	return ret;
}

int nl_watch_run(struct nl_sock *sk,
		 int (*fn)(const struct nl_event *ev, void *arg), void *arg,
		 const volatile sig_atomic_t *stop)
{
	struct monitor_ctx ctx = { .fn = fn, .arg = arg };
	struct pollfd p = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
	int ret;

	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, event_cb, &ctx);
	while (!*stop && !ctx.ret) {
		ret = poll(&p, 1, 100);
		if (ret < 0 && errno != EINTR)
			return errf(-errno, "netlink: poll: %s",
				    strerror(errno));
		if (ret <= 0)
			continue;
		ret = nl_recvmsgs_default(sk);
		if (ret < 0 && !ctx.ret)
			return errf(nl_errno(ret), "netlink: receiving events: %s",
				    nl_geterror(ret));
	}
	return ctx.ret;
}

void nl_watch_close(struct nl_sock *sk)
{
	nl_socket_free(sk);
}
