# SPDX-License-Identifier: GPL-2.0
#
# Shared by the dmactl CLI tests of the VM suite (memcpy.sh, cli.sh,
# cli-errors.sh): reading dmactl's JSON and CSV, and checking a command's
# failure.  Source it after lib.sh:
#   . "$(dirname "$0")/lib.sh"
#   . "$(dirname "$0")/cli-lib.sh"

DMACTL=${DMACTL:-dmactl}
MODDIR=${MODDIR:-/lib/modules/dmactl}

# 4K -> 4096 (K, M, G are powers of 1024, as dmactl reads them)
bytes_of()
{
	case $1 in
	*K) echo $((${1%K} * 1024)) ;;
	*M) echo $((${1%M} * 1024 * 1024)) ;;
	*G) echo $((${1%G} * 1024 * 1024 * 1024)) ;;
	*) echo "$1" ;;
	esac
}

# json_value FILE KEY: the first value of KEY in dmactl's pretty JSON (one
# key per line), without quotes.
json_value()
{
	sed -n "s/^ *\"$2\": *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\} *\$/\1/p" "$1" | head -n 1
}

# expect_value FILE KEY VALUE
expect_value()
{
	v=$(json_value "$1" "$2")
	[ "$v" = "$3" ] && return 0
	echo "\"$2\" is '$v', expected '$3'"
	return 1
}

# csv_field LINE N: field N (from 1) of a CSV line
csv_field()
{
	echo "$1" | cut -d, -f"$2"
}

# The CSV columns every script may rely on, in this order.
CSV_CONTRACT=job,channel,size_bytes,width_bytes,burst,qdepth,channels,threads,rep,mode,bytes,ops,busy_ns,elapsed_ns,throughput_MBps,throughput_MiBps,iops,latency_p50_ns,latency_p99_ns,latency_p999_ns,latency_max_ns,errors

# csv_rows FILE: the data rows of dmactl's CSV: not '#', not the header
csv_rows()
{
	grep -v '^#' "$1" | sed 1d
}

# no_channel_held: fails, naming them, if a consumer still holds channels
no_channel_held()
{
	held=$(channels_in_use)
	[ -z "$held" ] && return 0
	echo "still in use: $held"
	return 1
}

# expect_error STATUS ERE COMMAND...: fails unless COMMAND exits with
# STATUS and prints to stderr one line, "dmactl: ..." matching ERE (that
# names the bad value), nothing to stdout, and leaves no channel held.
expect_error()
{
	e_want=$1 e_ere=$2
	shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	e_rc=$?
	e_res=0
	if [ $e_rc != "$e_want" ]; then
		echo "$*: exit status $e_rc, expected $e_want"
		e_res=1
	fi
	if [ "$(wc -l < "$tmp/err")" != 1 ] || ! grep -q '^dmactl: ' "$tmp/err"; then
		echo "$*: stderr is not one 'dmactl: ' line"
		e_res=1
	elif ! grep -qE -- "$e_ere" "$tmp/err"; then
		echo "$*: the message does not match /$e_ere/"
		e_res=1
	fi
	if [ -s "$tmp/out" ]; then
		echo "$*: printed to stdout"
		e_res=1
	fi
	no_channel_held || e_res=1
	if [ $e_res != 0 ]; then
		sed 's/^/stderr: /' "$tmp/err"
		sed 's/^/stdout: /' "$tmp/out"
	fi
	return $e_res
}

# run_ok FILE COMMAND...: COMMAND must exit 0 with nothing on stderr;
# its stdout goes to FILE.
run_ok()
{
	r_out=$1
	shift
	"$@" > "$r_out" 2> "$tmp/err"
	r_rc=$?
	[ $r_rc = 0 ] && [ ! -s "$tmp/err" ] && return 0
	echo "$*: exit status $r_rc"
	cat "$tmp/err"
	head -n 40 "$r_out"
	return 1
}
