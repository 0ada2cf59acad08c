#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Unit tests: the bash completion of dmactl, against the binary's --help
# and a fake sysfs dma class (KTAP).  usage: completion.sh PATH-TO-DMACTL

set -u

if [ $# != 1 ]; then
	echo "usage: $0 PATH-TO-DMACTL" >&2
	exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/${1##*/}
here=$(cd "$(dirname "$0")" && pwd)

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# two providers, as the kernel lays them out
for c in vdma:dma0chan0 vdma:dma0chan1 other.1:dma1chan0; do
	dev=${c%%:*} chan=${c#*:}
	mkdir -p "$tmp/devices/platform/$dev/dma/$chan" "$tmp/class/dma"
	ln -s "../../../$dev" "$tmp/devices/platform/$dev/dma/$chan/device"
	ln -s "../../devices/platform/$dev/dma/$chan" "$tmp/class/dma/$chan"
done
export DMACTL_SYSFS_DMA=$tmp/class/dma
# shellcheck source=../dmactl.bash
. "$here/../dmactl.bash"

n=0
fails=0

# complete WORD...: COMPREPLY for the command line, the cursor on the last
# word, one per line, sorted
complete_line()
{
	COMP_WORDS=("$bin" "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_dmactl
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

# check NAME EXPECTED WORD...: the completions are exactly EXPECTED
# (space-separated, sorted)
check()
{
	local name=$1 want got

	want=$(printf '%s\n' $2 | sort)
	shift 2
	got=$(complete_line "$@")
	n=$((n + 1))
	if [ "$got" = "$want" ]; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		echo "# want: $(echo $want)"
		echo "# got:  $(echo $got)"
		fails=$((fails + 1))
	fi
}

# has NAME WORD WORD...: the completions include WORD (the first argument
# after NAME), the rest is the command line
has()
{
	local name=$1 word=$2 got

	shift 2
	got=$(complete_line "$@")
	n=$((n + 1))
	if printf '%s\n' "$got" | grep -qxF -- "$word"; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		echo "# '$word' not in: $(echo $got)"
		fails=$((fails + 1))
	fi
}

commands=$("$bin" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9]*\) .*/\1/p')

echo "KTAP version 1"
echo "1..21"
check "every command" "$commands" ""
check "commands by prefix" "memcpy memset" mem
check "after a global option" "info" -j inf
check "global options" "--json --version --help --usage" -j --
check "channel names for info" "dma0chan0 dma0chan1 dma1chan0" info ""
check "channel names by prefix" "dma0chan0 dma0chan1" info dma0
check "-c takes a channel" "dma1chan0" memcpy -c dma1
check "--chan=CHAN as one word" "--chan=dma0chan0 --chan=dma0chan1" memcpy --chan=dma0
check "--chan = CHAN as three" "dma0chan0 dma0chan1" memcpy --chan = dma0
check "the last item of a channel list" "dma0chan0,dma1chan0" bench -c dma0chan0,dma1
check "-D takes a provider" "dma0 dma1 other.1 vdma" memcpy -D ""
has "memcpy options" --qdepth= memcpy --q
has "memcpy short options" -q memcpy -
has "bench options" --repeat= bench --
has "options shared by the commands" --no-verify bench --no
check "nothing after an option that takes a number" "" memcpy -n ""
check "no option a command lacks" "" version --qd
check "the direction of slave" "tx rx loop" slave ""
check "no second direction" "" cyclic loop ""
check "--mode values" "user user,kernel" bench --mode u
check "options of cyclic" "--period= --periods=" cyclic --period

echo "# completion: $((n - fails)) passed, $fails failed"
[ $fails = 0 ]
