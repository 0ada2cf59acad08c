#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own dmatest on every test channel (lib.sh: vdma's by
# default), as KTAP: memcpy, then memset (dmatest=1), two threads per
# channel (DMACTL_TEST_THREADS), random offsets and lengths that keep to
# the test alignment, every result verified, one result per type and
# buffer size.  A size passes when every thread printed its summary with
# all its iterations done and no failure.  A type some test channel lacks
# (dmactl list's caps) is skipped with the reason.
#
# usage: dmatest.sh   (MODDIR=dir holding dmatest.ko; DMACTL=path
# overrides the dmactl binary)

MODDIR=${MODDIR:-/lib/modules/dmactl}
DMACTL=${DMACTL:-dmactl}
P=/sys/module/dmatest/parameters
# DMACTL_TEST_THREADS: pl330 warns when two threads issue on one channel
THREADS=${DMACTL_TEST_THREADS:-2}
SUMMARY_WAIT=300	# seconds
# size:iterations, fewer of the large ones on an emulated CPU
RUNS="512:400 4096:400 65536:100 1048576:20"

. "$(dirname "$0")/lib.sh"

# run_size TYPE SIZE ITERATIONS: 0 if every thread passed; TYPE is
# dmatest's: 0 memcpy, 1 memset
run_size()
{
	type=$1 size=$2 iter=$3
	mark="dmatest.sh: dmatest=$type test_buf_size=$size $$ $(cat /proc/uptime)"

	# KERN_INFO: a mark for dmesg, not for the console
	echo "<6>$mark" > /dev/kmsg
	# before the channels: dmatest picks the thread type as they are added
	echo "$type" > $P/dmatest
	echo "$size" > $P/test_buf_size
	echo "$iter" > $P/iterations
	echo $THREADS > $P/threads_per_chan
	echo 0 > $P/noverify
	echo 0 > $P/norandom
	echo 20000 > $P/timeout
	echo "$alignment" > $P/alignment
	for c in $chans; do
		if ! echo "$c" > $P/channel; then
			echo "# dmatest did not take $c"
			return 1
		fi
	done
	echo 1 > $P/run || { echo "# dmatest would not run"; return 1; }
	want=$(($(echo $chans | wc -w) * THREADS))
	log=$tmp/$type-$size.log
	# dmatest says at once how many threads it started per channel: a
	# channel it added no thread for (a type it lacks) ends the test now,
	# not after waiting for summaries that cannot come.
	dmesg | sed -n "\\|$mark|,\$p" | grep 'dmatest' > "$log"
	started=$(sed -n 's/.*Started \([0-9]*\) threads using .*/\1/p' "$log" |
		  awk '{ n += $1 } END { print n + 0 }')
	if [ "$started" -lt $want ]; then
		grep 'threads using' "$log" | sed 's/^/# /'
		echo "# dmatest started $started of $want threads"
		echo 0 > $P/run
		return 1
	fi
	# Reading "wait" returns once no thread is running, but a thread not
	# yet scheduled counts as not running: wait for the summaries too,
	# for SUMMARY_WAIT seconds of the clock (dmesg on an emulated CPU
	# takes long: a count of polls would not bound the time).
	cat $P/wait > /dev/null
	end=$(($(cut -d. -f1 /proc/uptime) + SUMMARY_WAIT))
	while :; do
		# this run's lines: those after the mark
		dmesg | sed -n "\\|$mark|,\$p" | grep 'dmatest' > "$log"
		[ "$(grep -c ' summary ' "$log")" -ge $want ] && break
		if [ "$(cut -d. -f1 /proc/uptime)" -ge $end ]; then
			echo "# no summary from some threads after $SUMMARY_WAIT s"
			break
		fi
		sleep 0.2
	done
	cat $P/wait > /dev/null
	grep -E 'summary|result #' "$log" | sed 's/^/# /'
	got=$(grep -cE "summary $iter tests, 0 failures " "$log")
	all=$(grep -c ' summary ' "$log")
	if [ "$got" != "$want" ]; then
		echo "# $got of $want threads ran $iter tests without failure ($all summaries)"
		return 1
	fi
}

echo "KTAP version 1"
echo "1..$((2 * $(echo $RUNS | wc -w) + 2))"

driver=$(test_driver)
chans=$(test_channels)
# log2 of the test alignment; -1 leaves it to the channel
alignment=-1
a=$(test_align)
if [ "$a" -gt 1 ]; then
	alignment=0
	while [ $((1 << alignment)) -lt "$a" ]; do
		alignment=$((alignment + 1))
	done
fi
echo "# $driver channels: $(echo ${chans:-none})"
res=0
if [ -z "$chans" ]; then
	echo "# no $driver channel"
	res=1
elif ! insmod "$MODDIR/dmatest.ko"; then
	res=1
fi
result $res dmatest_load

# lacking CAP: the first test channel without CAP, if any
lacking()
{
	# $chans may be one per line: the match wants them between spaces
	# shellcheck disable=SC2086
	"$DMACTL" list 2>/dev/null | awk -v chans=" $(echo $chans) " -v cap="$1" '
		index(chans, " " $1 " ") && ("," $4 ",") !~ ("," cap ",") {
			print $1; exit }'
}

for type in 0 1; do
	name=dmatest_test_buf_size
	cap=memcpy
	[ $type = 1 ] && name=dmatest_memset_test_buf_size cap=memset
	without=
	[ $res = 0 ] && without=$(lacking $cap)
	for r in $RUNS; do
		if [ -n "$without" ]; then
			skip "${name}_${r%:*}" "$without ($driver) has no $cap"
		elif [ $res = 0 ]; then
			run_size $type "${r%:*}" "${r#*:}"
			result $? "${name}_${r%:*}"
		else
			echo "# dmatest not loaded"
			result 1 "${name}_${r%:*}"
		fi
	done
done

res=0
rmmod dmatest || res=1
busy=
for c in $chans; do
	[ "$(cat "/sys/class/dma/$c/in_use")" = 0 ] || busy="$busy $c"
done
[ -n "$busy" ] && { echo "# still in use after rmmod dmatest:$busy"; res=1; }
result $res dmatest_unload

ktap_done dmatest.sh
