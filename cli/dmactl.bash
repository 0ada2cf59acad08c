# SPDX-License-Identifier: GPL-2.0-or-later
#
# bash completion for dmactl(1): commands, options and channel names.
#
# Commands and options are read from the binary's own --help, so they are
# always the ones it has; channel and provider names come from sysfs.
# Install as /usr/share/bash-completion/completions/dmactl, or source it.

# The dma class in sysfs; tests point it at a fake tree.
: "${DMACTL_SYSFS_DMA:=/sys/class/dma}"

_dmactl_channels()
{
	local c

	for c in "$DMACTL_SYSFS_DMA"/*; do
		[ -e "$c" ] && printf '%s\n' "${c##*/}"
	done
}

# Providers: dmaN and the name of each channel's device.
_dmactl_devices()
{
	local c d

	for c in "$DMACTL_SYSFS_DMA"/*; do
		[ -e "$c" ] || continue
		c=${c##*/}
		printf '%s\n' "${c%%chan*}"
		d=$(readlink "$DMACTL_SYSFS_DMA/$c/device" 2>/dev/null) &&
			printf '%s\n' "${d##*/}"
	done | sort -u
}

_dmactl_commands()
{
	"$1" --help 2>/dev/null |
		sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9]*\) .*/\1/p'
}

# Long and short options of one command, from its --help.
_dmactl_options()
{
	"$1" "$2" --help 2>/dev/null |
		grep -oE '^ +(-[A-Za-z?], )?--[a-z][a-z0-9-]*(=[A-Z]+[^ ]*)?' |
		sed -E 's/^ +//; s/=.*/=/; s/, /\n/'
}

# Does option $2 of command $1 take a value?  Its --help says "--opt=ARG".
_dmactl_takes_value()
{
	local bin=$1 cmd=$2 opt=$3 o

	while read -r o; do
		case $o in
		"$opt=") return 0 ;;
		esac
	done < <(_dmactl_options "$bin" "$cmd")
	case $opt in
	-?)
		"$bin" "$cmd" --help 2>/dev/null |
			grep -qE "^ +$opt, --[a-z0-9-]+="
		return
		;;
	esac
	return 1
}

# The values an option takes, where there is a fixed or known set.
_dmactl_values()
{
	local opt=$1 cur=$2 head=

	case $opt in
	-c|--chan|--tx|--rx|--tx-chan|--rx-chan)
		# a comma-separated list: complete its last item
		case $cur in
		*,*) head=${cur%,*}, ;;
		esac
		compgen -P "$head" -W "$(_dmactl_channels)" -- "${cur##*,}"
		;;
	-D|--device)
		compgen -W "$(_dmactl_devices)" -- "$cur"
		;;
	-s|--size|-p|--period)
		compgen -W "512 4K 64K 1M" -- "$cur"
		;;
	--direction)
		compgen -W "mem_to_mem mem_to_dev dev_to_mem dev_to_dev" -- "$cur"
		;;
	--width|--src-width|--dst-width)
		compgen -W "1 2 4 8 16 32 64" -- "$cur"
		;;
	--mode)
		compgen -W "user kernel user,kernel" -- "$cur"
		;;
	--job)
		compgen -W "memcpy memset" -- "$cur"
		;;
	--sgl)
		compgen -W "both src dst none" -- "$cur"
		;;
	esac
}

_dmactl()
{
	local bin=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
	local prev= cmd= i w opts

	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	# the first word that is not a global option is the command
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-*) ;;
		*) cmd=$w; break ;;
		esac
	done

	if [ -z "$cmd" ]; then
		case $cur in
		-*)
			mapfile -t COMPREPLY < <(compgen -W \
				"-j --json -V --version --help --usage" -- "$cur")
			;;
		*)
			mapfile -t COMPREPLY < <(compgen -W \
				"$(_dmactl_commands "$bin")" -- "$cur")
			;;
		esac
		return 0
	fi

	# --opt=value as one word, or as three when '=' breaks words
	case $cur in
	--*=*)
		mapfile -t COMPREPLY < <(_dmactl_values "${cur%%=*}" \
			"${cur#*=}" | sed "s/^/${cur%%=*}=/")
		return 0
		;;
	esac
	if [ "$prev" = = ] && [ "$COMP_CWORD" -gt 1 ]; then
		mapfile -t COMPREPLY < <(_dmactl_values \
			"${COMP_WORDS[COMP_CWORD - 2]}" "$cur")
		return 0
	fi
	# -o value, --opt value
	if [ "$prev" != "$cmd" ] && [[ $prev == -* ]] &&
	   _dmactl_takes_value "$bin" "$cmd" "$prev"; then
		mapfile -t COMPREPLY < <(_dmactl_values "$prev" "$cur")
		return 0
	fi

	case $cur in
	-*)
		opts=$(_dmactl_options "$bin" "$cmd")
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		# no space after "--opt=": its value follows
		[ "${#COMPREPLY[@]}" = 1 ] && [[ ${COMPREPLY[0]} == *= ]] &&
			compopt -o nospace 2>/dev/null
		;;
	*)
		# the command's argument: a channel, or a direction
		case $cmd in
		info)
			mapfile -t COMPREPLY < <(compgen -W \
				"$(_dmactl_channels)" -- "$cur")
			;;
		slave|sg|cyclic)
			for ((i++; i < COMP_CWORD; i++)); do
				case ${COMP_WORDS[i]} in
				tx|rx|loop) return 0 ;;
				esac
			done
			mapfile -t COMPREPLY < <(compgen -W "tx rx loop" -- "$cur")
			;;
		esac
		;;
	esac
	return 0
}

complete -F _dmactl dmactl
