// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests: slave, sg and cyclic against the fake /dev/dmactl, whose
 * slave jobs go through loopback FIFOs, one per device address, and whose
 * cyclic jobs run a period each time their events are read: round trips
 * that verify, the faults a loopback can have, what the channel's caps
 * refuse, pause, resume and terminate from a control thread, and the
 * period timing.
 */
#include <stdlib.h>

#include "cmd.h"
#include "fakerun.h"
#include "json_check.h"
#include "ktap.h"
#include "proc.h"

static const struct command *const table[] = {
	&cmd_slave, &cmd_sg, &cmd_cyclic,
};

static void run(struct fake_result *r, const struct fake_config *cfg,
		const char **args)
{
	fake_run(r, table, ARRAY_SIZE(table), cfg, args);
}

static const char *get(const struct fake_result *r, const char *key)
{
	return json_get(r->out, key);
}

static void test_loop(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "slave", "loop", "--addr", "0x1000", "-n",
			   "20", "-q", "4", "-s", "1K", "--width", "4",
			   "--burst", "8"));
	CHECK_U64(r.status, 0);
	CHECK_STR(r.err, "");
	CHECK(json_valid(r.out));
	CHECK_STR(get(&r, "command"), "\"slave\"");
	CHECK_STR(get(&r, "direction"), "\"loop\"");
	CHECK_STR(get(&r, "tx_channel"), "\"dma0chan0\"");
	CHECK_STR(get(&r, "rx_channel"), "\"dma0chan1\"");
	CHECK_STR(get(&r, "dst_addr"), "4096");
	CHECK_STR(get(&r, "width_bytes"), "4");
	CHECK_STR(get(&r, "burst"), "8");
	CHECK_STR(get(&r, "ops"), "20");
	CHECK_STR(get(&r, "bytes"), "20480");
	CHECK_STR(get(&r, "verify"), "true");
	CHECK_STR(get(&r, "verify_errors"), "0");
	CHECK_STR(get(&r, "errors"), "0");
	ktap_end("slave loop: every byte comes back");
}

static void test_sg_loop(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("sg", "loop", "-c", "dma0chan2,dma0chan1",
			   "--dst-addr", "77", "--src-addr", "77",
			   "--entries", "3", "--gap", "16", "-s", "100",
			   "-n", "10", "--csv"));
	CHECK_U64(r.status, 0);
	CHECK_STR(r.err, "");
	CHECK(strstr(r.out, "\nsg,dma0chan2+dma0chan1,300,4,8,4,2,1,1,user,3000,10,") != NULL);
	ktap_end("sg loop: 3 entries with gaps, chosen channels, CSV");
}

static void test_faults(void)
{
	struct fake_config flip = { .flip_byte = 3000 };
	struct fake_config over = { .overrun_job = 3 };
	struct fake_result r;

	ktap_begin();
	run(&r, &flip, ARGS("-j", "slave", "loop", "--addr", "1", "-n", "5",
			    "-s", "1K"));
	CHECK_U64(r.status, 3);
	/* byte 3000 is job 3's 952nd */
	CHECK(strstr(r.out, "\"offset\": 951,") != NULL);
	CHECK(strstr(r.out, "\"kind\": \"corrupt\"") != NULL);
	CHECK(strstr(r.err, "dmactl: slave loop on dma0chan0+dma0chan1: verification failed: ") == r.err);
	run(&r, &over, ARGS("-j", "sg", "loop", "--addr", "1", "-n", "4",
			    "-s", "64", "--entries", "2", "--gap", "8"));
	CHECK_U64(r.status, 3);
	CHECK(strstr(r.out, "\"offset\": 64,") &&
	      strstr(r.out, "\"kind\": \"guard overwritten\""));
	ktap_end("a byte flipped in the loopback, a write into a gap: exit 3");
}

static void test_one_side(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "slave", "tx", "--dst-addr", "0x40",
			   "-n", "5"));
	CHECK_U64(r.status, 0);
	CHECK_STR(get(&r, "verify"), "false");
	CHECK_STR(get(&r, "ops"), "5");
	CHECK(!get(&r, "channel"));
	CHECK_STR(get(&r, "tx_channel"), "\"dma0chan0\"");
	/* nothing was sent to this port: the receive job never ends */
	run(&r, &cfg, ARGS("slave", "rx", "--src-addr", "0x80", "-n", "1",
			   "-t", "50"));
	CHECK_U64(r.status, 1);
	CHECK(r.dirty);
	CHECK_STR(r.out, "");
	CHECK_STR(r.err, "dmactl: dma0chan0: job 1: not complete after 50 ms (ETIMEDOUT)\n");
	ktap_end("tx alone moves data unverified; rx from a silent port times out");
}

static void usage_case(const char **args, const char *err)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;
	char name[256];

	proc_args_str(args, name, sizeof(name));
	run(&r, &cfg, args);
	ktap_begin();
	CHECK_U64(r.status, 2);
	CHECK_STR(r.out, "");
	CHECK_STR(r.err, err);
	ktap_end("'%s' is refused, exit 2", name);
}

static void test_bad_input(void)
{
	usage_case(ARGS("slave"), "dmactl: slave: missing direction: tx, rx or loop\n");
	usage_case(ARGS("sg", "sideways"),
		   "dmactl: sg: invalid direction 'sideways': tx, rx or loop\n");
	usage_case(ARGS("slave", "tx"),
		   "dmactl: slave tx: missing --dst-addr (or --addr, --port): the device address to write\n");
	usage_case(ARGS("slave", "rx", "--dst-addr", "1"),
		   "dmactl: slave rx: missing --src-addr (or --addr, --port): the device address to read\n");
	usage_case(ARGS("slave", "tx", "--addr", "0xZZ"),
		   "dmactl: invalid addr '0xZZ': trailing characters\n");
	usage_case(ARGS("slave", "tx", "--addr", "1", "--width", "5"),
		   "dmactl: invalid width '5': not a bus width (1, 2, 3, 4, 8, 16, 32, 64 or 128 bytes)\n");
	usage_case(ARGS("slave", "tx", "--addr", "1", "--width", "16"),
		   "dmactl: invalid width '16': dma0chan0 supports 1,2,4,8 bytes\n");
	usage_case(ARGS("slave", "loop", "--addr", "1", "--dst-width", "3"),
		   "dmactl: invalid dst-width '3': dma0chan0 supports 1,2,4,8 bytes\n");
	usage_case(ARGS("slave", "tx", "--addr", "1", "--burst", "32"),
		   "dmactl: invalid burst '32': dma0chan0 allows at most 16 words\n");
	usage_case(ARGS("slave", "tx", "--addr", "1", "--burst", "x"),
		   "dmactl: invalid burst 'x': not a number\n");
	usage_case(ARGS("slave", "loop", "--addr", "1", "-c", "dma0chan0"),
		   "dmactl: invalid channel list 'dma0chan0': slave loop takes two channels, TX,RX\n");
	usage_case(ARGS("slave", "tx", "--addr", "1", "-s", "0"),
		   "dmactl: invalid size '0': out of range (at least 1)\n");
	usage_case(ARGS("slave", "tx", "--addr", "1", "--pause-after", "5",
			"--pause-for", "5000"),
		   "dmactl: invalid pause-for '5000': not shorter than the timeout (5000 ms)\n");
	usage_case(ARGS("slave", "tx", "--port", "0"),
		   "dmactl: invalid port '0': dma0chan0's provider lists no loopback ports in sysfs (device/ports): give --addr\n");
	usage_case(ARGS("slave", "tx", "--port", "0", "--addr", "4"),
		   "dmactl: invalid port '0': --port and a device address exclude each other\n");
	usage_case(ARGS("sg", "loop", "--addr", "1", "-s", "1001"),
		   "dmactl: invalid size '1001': not a multiple of the device width (4 bytes)\n");
	usage_case(ARGS("cyclic", "rx", "--addr", "1", "-s", "1020", "-p", "510",
			"--width", "4"),
		   "dmactl: invalid period '510': not a multiple of the device width (4 bytes)\n");
	usage_case(ARGS("sg", "tx", "--addr", "1", "--entries", "100"),
		   "dmactl: invalid entries '100': more than the module's max_sg_entries (64)\n");
}

static void test_pause(void)
{
	struct fake_config cfg = { .wait_us = 2000 };
	struct fake_result r;
	const char *v;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "slave", "loop", "--addr", "9", "-n", "100",
			   "-q", "2", "--pause-after", "20", "--pause-for",
			   "60"));
	CHECK_U64(r.status, 0);
	CHECK_STR(r.err, "");
	CHECK(json_valid(r.out));
	v = get(&r, "paused_at_ms");
	CHECK(v && atoi(v) >= 20);
	CHECK_STR(get(&r, "pause_for_ms"), "60");
	CHECK_STR(get(&r, "state"), "\"issued\"");
	CHECK_STR(get(&r, "dma_status"), "\"paused\"");
	CHECK_STR(get(&r, "residue_bytes"), "4096");
	CHECK_STR(get(&r, "residue_constant"), "true");
	CHECK_STR(get(&r, "ops"), "100");
	ktap_end("--pause-after: paused mid-run, residue shown twice, resumed");
}

static void test_terminate(void)
{
	struct fake_config cfg = { .wait_us = 2000 };
	struct fake_result r;
	const char *v;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "slave", "loop", "--addr", "9", "-n", "1000",
			   "-q", "4", "--terminate-after", "30"));
	CHECK_U64(r.status, 0);
	CHECK_STR(r.err, "");
	v = get(&r, "terminated_at_ms");
	CHECK(v && atoi(v) >= 30);
	v = get(&r, "terminated_jobs");
	CHECK(v && atoi(v) > 0);
	/* how many finished first depends on the machine's load */
	v = get(&r, "ops");
	CHECK(v && atoi(v) < 1000);
	CHECK_STR(get(&r, "verify_errors"), "0");
	ktap_end("--terminate-after: every job stopped, the run ends cleanly");
}

static void test_cyclic_loop(void)
{
	struct fake_config cfg = { 0 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("-j", "cyclic", "loop", "--addr", "0x100", "-s",
			   "8K", "-p", "2K", "--periods", "10",
			   "--interval", "0"));
	CHECK_U64(r.status, 0);
	CHECK_STR(r.err, "");
	CHECK(json_valid(r.out));
	CHECK_STR(get(&r, "tx_channel"), "\"dma0chan0\"");
	CHECK_STR(get(&r, "rx_channel"), "\"dma0chan1\"");
	CHECK_STR(get(&r, "periods_per_buffer"), "4");
	/* a tx and an rx period per read, each a 1 us step */
	CHECK_STR(get(&r, "interval_mean_ns"), "2000.000");
	CHECK_STR(get(&r, "jitter_max_ns"), "0");
	CHECK_STR(get(&r, "final_state"), "\"terminated\"");
	CHECK_STR(get(&r, "verify_errors"), "0");
	CHECK(strstr(r.out, "\"side\": \"rx\"") != NULL);
	ktap_end("cyclic loop: periods counted and timed, the rings match");
}

static void test_cyclic_csv_and_faults(void)
{
	struct fake_config cfg = { 0 };
	struct fake_config flip = { .flip_byte = 5000 };
	struct fake_result r;

	ktap_begin();
	run(&r, &cfg, ARGS("cyclic", "tx", "--dst-addr", "7", "-s", "4K",
			   "-p", "1K", "--periods", "5", "--csv"));
	CHECK_U64(r.status, 0);
	CHECK(strstr(r.out, "\nside,channel,period,time_ns,interval_ns\n"
			    "tx,dma0chan0,0,0,\n"
			    "tx,dma0chan0,1,1000,1000\n") != NULL);
	CHECK(strstr(r.out, "\ntx,dma0chan0,4,4000,1000\n") != NULL);
	run(&r, &flip, ARGS("-j", "cyclic", "loop", "--addr", "3", "-s", "4K",
			    "-p", "1K", "--periods", "8"));
	CHECK_U64(r.status, 3);
	CHECK(strstr(r.out, "\"offset\": 903,") != NULL);
	run(&r, &cfg, ARGS("cyclic", "rx", "--src-addr", "5", "-t", "30",
			   "--interval", "0"));
	CHECK_U64(r.status, 1);
	CHECK_STR(r.out, "");
	CHECK_STR(r.err, "dmactl: cyclic on dma0chan0: no period completed in 30 ms (ETIMEDOUT)\n");
	ktap_end("cyclic: a row per period, a corrupted ring, a silent port");
}

static void test_cyclic_bad_input(void)
{
	usage_case(ARGS("cyclic", "tx", "--addr", "1", "-s", "4K", "-p", "3000"),
		   "dmactl: invalid period '3000': does not divide the buffer size (4096 bytes)\n");
	usage_case(ARGS("cyclic", "loop", "--addr", "1", "--periods", "2"),
		   "dmactl: invalid periods '2': loop checks the whole ring, at least 4 periods\n");
	usage_case(ARGS("cyclic", "tx", "--addr", "1", "-p", "1.5K"),
		   "dmactl: invalid period '1.5K': trailing characters\n");
	usage_case(ARGS("cyclic", "tx", "--addr", "1", "--burst", "17"),
		   "dmactl: invalid burst '17': dma0chan0 allows at most 16 words\n");
}

int main(void)
{
	ktap_plan(30);
	test_loop();
	test_sg_loop();
	test_faults();
	test_one_side();
	test_bad_input();
	test_pause();
	test_terminate();
	test_cyclic_loop();
	test_cyclic_csv_and_faults();
	test_cyclic_bad_input();
	return ktap_finish();
}
