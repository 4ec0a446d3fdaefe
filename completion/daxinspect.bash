# bash completion for daxinspect(1)                        -*- shell-script -*-
# SPDX-License-Identifier: MIT
#
# Completes command names, each command's options, --check ids (from
# `daxinspect --list-checks`, as git-completion.bash asks git itself with
# --git-completion-helper: the check table is the one list), --severity,
# --semantics and --types values, file paths (TARGET, --vmlinux, --profile,
# -o, --bundle), the inodes of a TARGET for `entries` and --inode (from
# `daxinspect inodes --json TARGET`) and the pfns of a TARGET's findings for
# `page` (from `daxinspect check --json TARGET`). Those two are run once per
# target (cached by path, size and mtime for the shell session), under a time
# limit, and are silent when they fail.
#
# Keep the tables in step with src/cli/commands.c and src/cli/main.c;
# tests/cli/completion.sh fails when they drift. Check ids need no table.

_daxinspect_commands="check info inodes entries maps pgmaps page log profile trim shell report diff watch help version"
_daxinspect_severities="info warning error"
_daxinspect_semantics="auto 5.10 6.1 6.2 6.15 seed-0x4"
_daxinspect_types="auto dwarf profile btf"
_daxinspect_target_opts="--vmlinux --profile --types --semantics --json --addresses --plugin --help"
# Options that take a value (as a separate word or after '=').
_daxinspect_valued=" --vmlinux --profile --types --semantics --check --severity --inode --output -o --bundle --plugin --btf --system-map --pfn --interval --count --jobs -j "

# The check ids the binary being completed knows, with the line's plugins.
_daxinspect_check_ids()
{
	local bin
	bin=$(_daxinspect_bin) || return 0
	[[ -n $bin ]] || return 0
	local -a argv=("$bin" "${_dxi_popts[@]}" --list-checks)
	if type -P timeout >/dev/null 2>&1; then
		timeout "${DAXINSPECT_COMPLETION_TIMEOUT:-10}" "${argv[@]}" </dev/null 2>/dev/null
	else
		"${argv[@]}" </dev/null 2>/dev/null
	fi | cut -f1
}

# Per-target caches for this shell: key "path|size|mtime|options".
declare -gA _daxinspect_inode_cache 2>/dev/null || true
declare -gA _daxinspect_pfn_cache 2>/dev/null || true

_daxinspect_cmd_opts()
{
	local t=$_daxinspect_target_opts
	case $1 in
	check) echo "$t --check --severity --inode --all-pages --bundle --jobs -j" ;;
	report) echo "--bundle --no-log --jobs -j $t" ;;
	info | inodes | entries | pgmaps | page | shell) echo "$t" ;;
	maps) echo "$t --pfn" ;;
	watch) echo "$t --interval --count --jobs -j" ;;
	trim) echo "$t -o --output" ;;
	log) echo "--json" ;;
	diff) echo "--json --help" ;;
	profile) echo "--vmlinux --btf --system-map --profile --types -o --output --help" ;;
	help | version) echo "--help" ;;
	*) echo "--help -h --version -V" ;;
	esac
}

# The words of the line with COMP_WORDBREAKS' ':' and '=' splits undone
# (pmem0:25 and --check=x are one word each): _dxi_all, the index of the
# word under the cursor in it, _dxi_ci, and that word up to the cursor,
# _dxi_cur.
_daxinspect_words()
{
	local line=${COMP_LINE-} point=${COMP_POINT-} i w pos=0 start glued
	_dxi_all=()
	_dxi_ci=0
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		glued=0
		if [[ -n $line ]]; then
			# Skip the blanks before this word; none means it is glued.
			start=$pos
			while ((pos < ${#line})) && [[ ${line:pos:1} == [[:blank:]] ]]; do
				((pos++))
			done
			((pos == start && i > 0)) && glued=1
			pos=$((pos + ${#w}))
		elif ((i > 0)); then
			[[ $w == [:=]* || ${COMP_WORDS[i - 1]} == *[:=] ]] && glued=1
		fi
		if ((glued)) && [[ $w == [:=]* || ${_dxi_all[-1]} == *[:=] ]]; then
			_dxi_all[-1]+=$w
		else
			_dxi_all+=("$w")
		fi
		((i == COMP_CWORD)) && _dxi_ci=$((${#_dxi_all[@]} - 1))
	done
	if ((COMP_CWORD >= ${#COMP_WORDS[@]})); then
		_dxi_all+=("")
		_dxi_ci=$((${#_dxi_all[@]} - 1))
	fi
	((${#_dxi_all[@]})) || _dxi_all=("")
	# The word under the cursor is completed up to the cursor only.
	_dxi_cur=${_dxi_all[_dxi_ci]}
	if [[ -n $line && -n $point ]] && ((point < ${#line})); then
		local rest=${line:point}
		rest=${rest%%[[:blank:]]*}
		[[ -n $rest && $_dxi_cur == *"$rest" ]] && _dxi_cur=${_dxi_cur%"$rest"}
	fi
}

# COMPREPLY from candidate words matching $2, minus the part of $2 that
# readline treats as a separate word (up to the last ':' or '=').
_daxinspect_reply()
{
	local cur=$2 c strip=""
	local -a out=() cands=()
	# read, not an unquoted expansion: no globbing of the candidates.
	IFS=$' \t\n' read -r -d '' -a cands <<<"$1"
	for c in "${cands[@]}"; do
		[[ $c == "$cur"* ]] && out+=("$c")
	done
	if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
		strip=${cur%"${cur##*:}"}
	fi
	if [[ $cur == *=* && $COMP_WORDBREAKS == *=* ]]; then
		local s2=${cur%"${cur##*=}"}
		((${#s2} > ${#strip})) && strip=$s2
	fi
	COMPREPLY=()
	for c in "${out[@]}"; do
		COMPREPLY+=("${c#"$strip"}")
	done
}

_daxinspect_files()
{
	local cur=$1 IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -f -- "$cur" 2>/dev/null))
}

# The daxinspect to run for dynamic completions: the one being completed.
_daxinspect_bin()
{
	local b=${_dxi_all[0]-daxinspect}
	b=${b/#\~/$HOME}
	if [[ $b == */* ]]; then
		[[ -x $b ]] && printf '%s\n' "$b"
	else
		type -P -- "$b" 2>/dev/null
	fi
}

# Runs `daxinspect CMD --json [target options on the line] -- TARGET`;
# silent, and bounded by $DAXINSPECT_COMPLETION_TIMEOUT seconds (10).
_daxinspect_run()
{
	local bin
	bin=$(_daxinspect_bin) || return 1
	[[ -n $bin ]] || return 1
	local -a argv=("$bin" "$1" --json "${_dxi_topts[@]}" -- "$2")
	if type -P timeout >/dev/null 2>&1; then
		timeout "${DAXINSPECT_COMPLETION_TIMEOUT:-10}" "${argv[@]}" </dev/null 2>/dev/null
	else
		"${argv[@]}" </dev/null 2>/dev/null
	fi
}

_daxinspect_key()
{
	local t=$1 st
	st=$(stat -L -c '%s|%Y' -- "$t" 2>/dev/null) || return 1
	printf '%s|%s|%s\n' "$t" "$st" "${_dxi_topts[*]}"
}

# DEV:INO designators (and paths when $2 is set) of the target's DAX
# inodes, into _dxi_cands. Not to be run in a subshell: it fills the cache.
_daxinspect_inodes()
{
	local t=$1 key
	_dxi_cands=""
	key=$(_daxinspect_key "$t") || return 0
	if [[ -z ${_daxinspect_inode_cache[$key]+set} ]]; then
		# Pretty-printed JSON, one key per line (docs/json-schema.md).
		_daxinspect_inode_cache[$key]=$(_daxinspect_run inodes "$t" | awk '
			/^ *"inodes": \[/ { on = 1; next }
			!on { next }
			/^ *"dev": "/ { split($0, a, "\""); dev = a[4]; next }
			/^ *"ino": [0-9]/ { v = $2; sub(/,$/, "", v); print "I " dev ":" v; next }
			/^ *"path": "\// && !/\\/ && !/"path": ".*[[:space:]].*"/ { split($0, a, "\""); print "P " a[4]; next }
		')
	fi
	local line
	while IFS= read -r line; do
		case $line in
		"I "*) _dxi_cands+="${line#I } " ;;
		"P "*) [[ -n $2 ]] && _dxi_cands+="${line#P } " ;;
		esac
	done <<<"${_daxinspect_inode_cache[$key]}"
}

# The pfns (hex) of the pages the target's findings name, into _dxi_cands.
_daxinspect_pfns()
{
	local t=$1 key
	_dxi_cands=""
	key=$(_daxinspect_key "$t") || return 0
	if [[ -z ${_daxinspect_pfn_cache[$key]+set} ]]; then
		_daxinspect_pfn_cache[$key]=$(_daxinspect_run check "$t" | awk '
			/^ *"findings": \[/ { on = 1; next }
			!on { next }
			/^ *"pfn": [0-9]/ { v = $2; sub(/,$/, "", v); if (!(v in seen)) { seen[v] = 1; print v } }
		')
	fi
	local v
	for v in ${_daxinspect_pfn_cache[$key]}; do
		[[ $v =~ ^[0-9]+$ ]] && _dxi_cands+="$(printf '0x%x' "$v") "
	done
}

_daxinspect()
{
	local _dxi_cur _dxi_all _dxi_ci _dxi_cands _dxi_topts=() _dxi_popts=()
	local cur cmd="" i w val opt="" valopt="" skip=0 dashdash=0 target
	local -a pos=() after=()
	COMPREPLY=()
	_daxinspect_words
	cur=$_dxi_cur

	# Walk the other words for the command, the operands before the cursor
	# (pos) and after it (after: `check --inode <TAB> vmcore`), and the
	# target options to pass on when running daxinspect.
	for ((i = 1; i < ${#_dxi_all[@]}; i++)); do
		w=${_dxi_all[i]}
		if ((i == _dxi_ci)); then
			((skip)) && valopt=$opt
			# Completing the command itself: nothing after matters.
			[[ -z $cmd && $cur != -* ]] && ((!skip)) && break
			skip=0
			continue
		fi
		if ((skip)); then
			skip=0
			case $opt in
			--vmlinux | --profile | --types | --semantics) _dxi_topts+=("$opt" "$w") ;;
			--plugin) _dxi_popts+=("$opt" "$w") ;;
			esac
			continue
		fi
		if ((!dashdash)) && [[ $w == -?* ]]; then
			[[ $w == -- ]] && { dashdash=1; continue; }
			opt=${w%%=*}
			if [[ $w == *=* ]]; then
				case $opt in
				--vmlinux | --profile | --types | --semantics) _dxi_topts+=("$w") ;;
				--plugin) _dxi_popts+=("$w") ;;
				esac
			elif [[ $_daxinspect_valued == *" $opt "* ]]; then
				skip=1
			fi
			continue
		fi
		if [[ -z $cmd ]]; then
			if [[ " $_daxinspect_commands " == *" $w "* ]]; then
				cmd=$w
				continue
			fi
			cmd=check # `daxinspect TARGET` runs check
		fi
		if ((i < _dxi_ci)); then
			pos+=("$w")
		else
			after+=("$w")
		fi
	done
	target=${pos[0]-${after[0]-}}
	[[ $cmd == profile ]] && target=${pos[1]-${after[0]-}}

	# The value of an option: "--opt VALUE" or "--opt=VALUE".
	if [[ -n $valopt ]]; then
		opt=$valopt
		val=$cur
	elif ((!dashdash)) && [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		val=${cur#*=}
	else
		opt=""
	fi
	if [[ -n $opt ]]; then
		local pre=""
		[[ $cur == --*=* && $COMP_WORDBREAKS != *=* ]] && pre="$opt="
		case $opt in
		--vmlinux | --profile | --output | -o | --bundle | --plugin | --btf | --system-map)
			_daxinspect_files "$val"
			return 0
			;;
		--types) _daxinspect_reply "$_daxinspect_types" "$val" ;;
		--semantics) _daxinspect_reply "$_daxinspect_semantics" "$val" ;;
		--severity) _daxinspect_reply "$_daxinspect_severities" "$val" ;;
		--check)
			# A comma-separated list: complete the last id.
			local head="" id c list=""
			[[ $val == *,* ]] && head=${val%,*},
			for id in $(_daxinspect_check_ids); do
				[[ ",${head}" == *",$id,"* ]] || list+=" $head$id"
			done
			_daxinspect_reply "$list" "$val"
			;;
		--inode)
			[[ -n $target ]] &&
				_daxinspect_inodes "$target" paths &&
				_daxinspect_reply "$_dxi_cands" "$val"
			;;
		*) return 0 ;;
		esac
		if [[ -n $pre ]]; then
			for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$pre${COMPREPLY[i]}; done
		fi
		return 0
	fi

	if ((!dashdash)) && [[ $cur == -* ]]; then
		_daxinspect_reply "$(_daxinspect_cmd_opts "$cmd")" "$cur"
		return 0
	fi

	case $cmd in
	"")
		# A command, or a TARGET for the default check.
		_daxinspect_reply "$_daxinspect_commands" "$cur"
		local -a cmds=("${COMPREPLY[@]}")
		if [[ -n $cur || ${#cmds[@]} -eq 0 ]]; then
			_daxinspect_files "$cur"
		else
			COMPREPLY=()
		fi
		COMPREPLY=("${cmds[@]}" "${COMPREPLY[@]}")
		;;
	help)
		((${#pos[@]} == 0)) && _daxinspect_reply "$_daxinspect_commands" "$cur"
		;;
	version) ;;
	profile)
		if ((${#pos[@]} == 0)); then
			_daxinspect_reply "extract" "$cur"
		elif ((${#pos[@]} == 1)); then
			_daxinspect_files "$cur"
		fi
		;;
	entries | maps)
		if ((${#pos[@]} == 0)); then
			_daxinspect_files "$cur"
		elif ((${#pos[@]} == 1)); then
			_daxinspect_inodes "${pos[0]}" paths
			_daxinspect_reply "$_dxi_cands" "$cur"
		fi
		;;
	page)
		if ((${#pos[@]} == 0)); then
			_daxinspect_files "$cur"
		else
			_daxinspect_pfns "${pos[0]}"
			_daxinspect_reply "$_dxi_cands" "$cur"
		fi
		;;
	diff)
		# Two files: check --json outputs or bundles.
		((${#pos[@]} < 2)) && _daxinspect_files "$cur"
		;;
	check)
		# `check --bundle FILE` takes no TARGET; otherwise one TARGET.
		((${#pos[@]} == 0)) && _daxinspect_files "$cur"
		;;
	*)
		((${#pos[@]} == 0)) && _daxinspect_files "$cur"
		;;
	esac
	return 0
}

complete -F _daxinspect daxinspect
