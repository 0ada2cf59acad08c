/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The leading CSV columns scripts rely on, written out here rather than
 * taken from the code under test: a change to them must fail the tests.
 */
#ifndef DMACTL_TEST_CONTRACT_H
#define DMACTL_TEST_CONTRACT_H

#define CSV_CONTRACT "job,channel,size_bytes,width_bytes,burst,qdepth," \
	"channels,threads,rep,mode,bytes,ops,busy_ns,elapsed_ns," \
	"throughput_MBps,throughput_MiBps,iops,latency_p50_ns," \
	"latency_p99_ns,latency_p999_ns,latency_max_ns,errors"

#endif /* DMACTL_TEST_CONTRACT_H */
