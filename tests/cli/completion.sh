# Bash completion (completion/daxinspect.bash), driven non-interactively:
# source it, set COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT as readline
# would, call the completion function, compare COMPREPLY. Checks the tables
# against the binary and the sources (commands, options, check ids, the
# values the binary accepts), and the dynamic completions (inodes, pfns)
# on a bundled sample.
. "$DXI_TOP/tests/lib.sh"
# As tests/run sets it: an ASan build that reports libkdumpfile's leak
# exits before flushing its JSON.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$DXI_TOP/tests/lsan.supp:print_suppressions=0}

COMP_FILE=$DXI_TOP/completion/daxinspect.bash
SRC=$DXI_TOP/src
SAMPLE=$DXI_TOP/build/samples/6.1-ext4/vmcore

if [ ! -f "$COMP_FILE" ]; then
	fail completion/exists "$COMP_FILE is missing"
	exit 0
fi
if ! out=$(bash -n "$COMP_FILE" 2>&1); then
	fail completion/syntax "$out"
	exit 0
fi
# Sourced by an interactive shell; must be silent and register itself.
if out=$(bash -c '. "$1" && complete -p daxinspect' _ "$COMP_FILE" 2>&1) &&
	[ "$out" = "complete -F _daxinspect daxinspect" ]; then
	pass completion/registers
else
	fail completion/registers "sourcing printed or registered: $out"
fi

. "$COMP_FILE"
cd "$TMP" || exit 0 # no stray files to complete

# comp LINE: completes at the end of LINE, split the way readline splits it
# (blanks separate words; ':' and '=' are words of their own). Sets
# $reply (COMPREPLY, one per line) and $cerr (what the function printed on
# stderr).
comp() {
	local line=$1 w="" c i
	COMP_WORDS=()
	for ((i = 0; i < ${#line}; i++)); do
		c=${line:i:1}
		if [[ $c == " " ]]; then
			[[ -n $w ]] && COMP_WORDS+=("$w")
			w=""
		elif [[ $c == [:=] ]]; then
			[[ -n $w ]] && COMP_WORDS+=("$w")
			COMP_WORDS+=("$c")
			w=""
		else
			w+=$c
		fi
	done
	if [[ -n $w ]]; then
		COMP_WORDS+=("$w")
	elif [[ $line == *" " ]]; then
		COMP_WORDS+=("")
	fi
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMPREPLY=()
	_daxinspect 2>"$TMP/cerr" >"$TMP/cout"
	cerr=$(cat "$TMP/cerr" "$TMP/cout")
	reply=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d')
}

# expect_reply NAME LINE WANT...: COMPREPLY is exactly WANT (any order).
expect_reply() {
	local name=$1 line=$2 want got
	shift 2
	comp "$line"
	want=$(printf '%s\n' "$@" | sed '/^$/d' | sort)
	got=$(printf '%s\n' "$reply" | sed '/^$/d' | sort)
	if [ -n "$cerr" ]; then
		fail "$name" "printed: $cerr"
	elif [ "$want" = "$got" ]; then
		pass "$name"
	else
		fail "$name" "'$line' gave [$(echo $got)], want [$(echo $want)]"
	fi
}

# expect_has NAME LINE WANT...: COMPREPLY has each WANT.
expect_has() {
	local name=$1 line=$2 w missing=""
	shift 2
	comp "$line"
	for w in "$@"; do
		printf '%s\n' "$reply" | grep -qxF -- "$w" || missing+=" $w"
	done
	if [ -n "$cerr" ]; then
		fail "$name" "printed: $cerr"
	elif [ -z "$missing" ]; then
		pass "$name"
	else
		fail "$name" "'$line' gave [$(echo $reply)], missing:$missing"
	fi
}

B=$DXI_BIN

# Commands: every command `daxinspect help` lists, and shell and report.
run_cmd "$B" help
cmds=$(printf '%s\n' "$out" | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
if [ -z "$cmds" ]; then
	fail completion/commands "daxinspect help listed no commands (exit $rc): $err"
else
	expect_has completion/commands "$B " $cmds shell report
fi
expect_reply completion/command-prefix "$B in" info inodes
expect_reply completion/help-command "$B help p" pgmaps page profile
expect_reply completion/profile-extract "$B profile " extract

# Options: each command offers the options its help lists...
for c in $cmds; do
	run_cmd "$B" help "$c"
	want=$(printf '%s\n' "$out" | grep -oE '^  (--[a-z0-9-]+|-[a-zA-Z])\b' | sed 's/^  //')
	[ -n "$want" ] || continue
	expect_has "completion/options/$c" "$B $c -" $want
done
# ... and between them every long option of src/cli/main.c but --version.
opts=$(sed -n '/long_options\[\] = {/,/^};/p' "$SRC/cli/main.c" | grep -oE '\{ *"[a-z0-9-]+"' | grep -oE '[a-z0-9-]+')
offered=$(for c in $cmds shell report; do comp "$B $c --"; printf '%s\n' "$reply"; done | sort -u)
missing=""
for o in $opts; do
	[ "$o" = version ] && continue
	printf '%s\n' "$offered" | grep -qxF -- "--$o" || missing+=" --$o"
done
if [ -z "$opts" ]; then
	fail completion/all-long-options "no long options found in src/cli/main.c"
elif [ -n "$missing" ]; then
	fail completion/all-long-options "no command offers$missing"
else
	pass completion/all-long-options
fi
expect_reply completion/option-prefix "$B check --s" --semantics --severity
expect_has completion/report-bundle "$B report --" --bundle
expect_reply completion/global-options "$B -" --help -h --version -V

# Check ids: exactly the descriptors in src/checks/check_*.c.
ids=$(grep -ho '\.id = "[a-z0-9-]*"' "$SRC"/checks/check_*.c | cut -d'"' -f2)
expect_reply completion/check-ids "$B check --check " $ids
expect_reply completion/check-id-list "$B check --check leaked-ref,b" leaked-ref,busy-page leaked-ref,bad-entry
expect_reply completion/check-id-equals "$B check --check=sha" share-mismatch
expect_reply completion/check-ids-no-repeat "$B check --check bad-entry,busy-page,un" bad-entry,busy-page,unreadable

# Values: offered, and each one accepted by the binary (a bogus value is a
# usage error, 2; a good one gets as far as the missing target, 3).
expect_reply completion/severity "$B check --severity " info warning error
for opt in --semantics --types; do
	comp "$B info $opt "
	if [ -z "$reply" ] || [ -n "$cerr" ]; then
		fail "completion/values$opt" "'$B info $opt ' gave [$(echo $reply)] $cerr"
		continue
	fi
	bad=""
	for v in $reply; do
		"$B" info "$opt" "$v" "$TMP/none" >/dev/null 2>&1
		st=$?
		[ "$st" -eq 3 ] || bad+=" $v(exit $st)"
	done
	if [ -n "$bad" ]; then
		fail "completion/values$opt" "the binary rejects:$bad"
	else
		pass "completion/values$opt"
	fi
done
expect_has completion/semantics "$B check --semantics " auto 5.10 6.1 6.2 6.15 seed-0x4
expect_has completion/types "$B check --types " auto dwarf profile btf

# Files for TARGET, --vmlinux, --profile, -o, --bundle.
mkdir -p "$TMP/d"
: >"$TMP/d/vmcore.1"
: >"$TMP/d/vmlinux-6.1"
: >"$TMP/d/x.profile"
expect_reply completion/file-target "$B info $TMP/d/vm" "$TMP/d/vmcore.1" "$TMP/d/vmlinux-6.1"
expect_reply completion/file-default-target "$B $TMP/d/vmc" "$TMP/d/vmcore.1"
expect_reply completion/file-vmlinux "$B check --vmlinux $TMP/d/vml" "$TMP/d/vmlinux-6.1"
expect_reply completion/file-profile "$B check --profile=$TMP/d/x" "$TMP/d/x.profile"
expect_reply completion/file-output "$B trim $TMP/d/vmcore.1 -o $TMP/d/x" "$TMP/d/x.profile"
expect_reply completion/file-bundle "$B check --bundle $TMP/d/vmc" "$TMP/d/vmcore.1"

# Robustness: no target, a target that is no dump, a binary that is not
# there: nothing offered, nothing printed.
expect_reply completion/no-target "$B entries $TMP/nope " 
expect_reply completion/not-a-dump "$B entries $TMP/d/vmcore.1 "
expect_reply completion/pfns-not-a-dump "$B page $TMP/d/vmcore.1 "
expect_reply completion/no-binary "$TMP/no/daxinspect entries $TMP/d/vmcore.1 "

# Dynamic completions on the 6.1 sample.
if [ ! -f "$SAMPLE" ]; then
	skip completion/sample "no $SAMPLE: run 'make samples'"
	exit 0
fi
if ! command -v python3 >/dev/null; then
	skip completion/sample "python3 is needed to read the sample's JSON"
	exit 0
fi
run_cmd "$B" inodes --json "$SAMPLE"
inodes=$(printf '%s\n' "$out" | python3 -c '
import json, sys
for i in json.load(sys.stdin)["inodes"]:
    print("%s:%d" % (i["dev"], i["ino"]))' 2>/dev/null)
if [ -z "$inodes" ]; then
	fail completion/sample-inodes "daxinspect inodes --json $SAMPLE failed (exit $rc): $err"
else
	# Every inode's DEV:INO, e.g. pmem0:25, and the paths.
	comp "$B entries $SAMPLE "
	got=$(printf '%s\n' "$reply" | grep -v '^/' | sort)
	if [ -n "$cerr" ]; then
		fail completion/entries-inodes "printed: $cerr"
	elif [ "$got" = "$(printf '%s\n' "$inodes" | sort)" ] &&
		printf '%s\n' "$reply" | grep -qx 'pmem0:25'; then
		pass completion/entries-inodes
	else
		fail completion/entries-inodes "gave [$(echo $reply)], want [$(echo $inodes)] with pmem0:25"
	fi
fi
# After "pmem0:" readline replaces only what follows the colon.
expect_reply completion/entries-colon "$B entries $SAMPLE pmem0:2" 20 21 22 23 25
expect_reply completion/entries-path "$B entries $SAMPLE /leak" /leak_b
expect_has completion/inode-option "$B check $SAMPLE --inode " pmem0:25
expect_reply completion/inode-option-equals "$B check $SAMPLE --inode=pmem0:2" 20 21 22 23 25
# The target after the cursor: check --inode <TAB> vmcore.
COMP_WORDS=("$B" check --inode "" "$SAMPLE")
COMP_CWORD=3
COMP_LINE="$B check --inode  $SAMPLE"
COMP_POINT=$((${#B} + 16))
COMPREPLY=()
_daxinspect 2>"$TMP/cerr"
if [ ! -s "$TMP/cerr" ] && printf '%s\n' "${COMPREPLY[@]}" | grep -qx pmem0:25; then
	pass completion/inode-target-after-cursor
else
	fail completion/inode-target-after-cursor "gave [${COMPREPLY[*]}] $(cat "$TMP/cerr")"
fi
# The options on the line are passed on: a profile that does not match
# the dump gives nothing.
expect_reply completion/entries-wrong-profile "$B entries --profile $TMP/d/x.profile $SAMPLE "

# page: the pfns of the pages with findings, as check --json names them.
run_cmd "$B" check --json "$SAMPLE"
pfns=$(printf '%s\n' "$out" | python3 -c '
import json, sys
print("\n".join(sorted({"%#x" % f["pfn"] for f in json.load(sys.stdin)["findings"] if f["pfn"] is not None})))' 2>/dev/null)
if [ -z "$pfns" ]; then
	fail completion/page-pfns "daxinspect check --json $SAMPLE gave no finding pfns (exit $rc)"
else
	expect_reply completion/page-pfns "$B page $SAMPLE " $pfns
	expect_reply completion/page-pfns-second "$B page $SAMPLE 0x2122f 0x2124" 0x21240
fi

# Cached per target: a second completion does not run daxinspect again;
# a changed target does.
mkdir -p "$TMP/bin"
printf '#!/bin/sh\necho run >>"%s"\nexec "%s" "$@"\n' "$TMP/runs" "$B" >"$TMP/bin/daxinspect"
chmod +x "$TMP/bin/daxinspect"
cp "$SAMPLE" "$TMP/d/vmcore.2"
cp "${SAMPLE%/*}/vmcore.profile" "$TMP/d/vmcore.profile"
comp "$TMP/bin/daxinspect entries $TMP/d/vmcore.2 "
first=$reply
comp "$TMP/bin/daxinspect entries $TMP/d/vmcore.2 pmem0:"
comp "$TMP/bin/daxinspect check $TMP/d/vmcore.2 --inode "
n1=$(grep -c . "$TMP/runs" 2>/dev/null)
touch -d '2001-01-01' "$TMP/d/vmcore.2"
comp "$TMP/bin/daxinspect entries $TMP/d/vmcore.2 "
n2=$(grep -c . "$TMP/runs" 2>/dev/null)
if printf '%s\n' "$first" | grep -qx pmem0:25 && [ "$n1" = 1 ] && [ "$n2" = 2 ]; then
	pass completion/cached
else
	fail completion/cached "daxinspect ran $n1 time(s) for three completions on one target (want 1), $n2 after it changed (want 2)"
fi
