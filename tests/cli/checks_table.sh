# The check table (src/checks/check_list.h) is the one list of checks: every
# id it has, and no other, appears in `help check`, in the bash
# completion of --check, in daxinspect.1's generated check list and its
# FINDINGS entries, and in tests/synth/gen_cases.py's matrix (and its
# committed cases). A table with one more check (a fake binary, or a
# plugin) shows each follower changing with it or failing.
. "$DXI_TOP/tests/lib.sh"
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$DXI_TOP/tests/lsan.supp:print_suppressions=0}

B=$DXI_BIN
P=$DXI_TOP/build/plugins

# same NAME WANT GOT: the two id lists are equal as sets (one PASS/FAIL).
same() {
	local name=$1 want got extra missing
	want=$(printf '%s\n' $2 | sort -u)
	got=$(printf '%s\n' $3 | sort -u)
	missing=$(comm -23 <(echo "$want") <(echo "$got") | tr '\n' ' ')
	extra=$(comm -13 <(echo "$want") <(echo "$got") | tr '\n' ' ')
	if [ -z "$want" ]; then
		fail "$name" "the table gave no ids"
	elif [ -z "$missing$extra" ]; then
		pass "$name"
	else
		fail "$name" "missing: [${missing% }], not in the table: [${extra% }]"
	fi
}

run_cmd "$B" --list-checks=builtin
table=$(printf '%s\n' "$out" | cut -f1)
if [ "$rc" -ne 0 ] || [ -z "$table" ]; then
	fail checks/list "daxinspect --list-checks=builtin: exit $rc, printed [$out] $err"
	exit 0
fi
# The table is the descriptors of src/checks/check_*.c, one line each in check_list.h.
ids=$(grep -ho '\.id = "[a-z0-9-]*"' "$DXI_TOP"/src/checks/check_*.c | cut -d'"' -f2)
same checks/list-is-the-descriptors "$ids" "$table"
# One line per check in check_list.h, and no declaration or table entry
# typed by hand anywhere else: checks.h and checks.c expand the list.
list_ids=$(sed -n 's/^DXI_CHECK(\([a-z0-9_]*\))$/\1/p' "$DXI_TOP/src/checks/check_list.h" | tr _ -)
same checks/one-line-per-check "$list_ids" "$table"
hand=$(grep -nE '^extern const struct dxi_check dxi_check_|^[[:space:]]*&dxi_check_[a-z0-9_]+,[[:space:]]*$' "$DXI_TOP"/src/checks/*.[ch] || true)
[ -z "$hand" ] && pass checks/no-hand-written-list ||
	fail checks/no-hand-written-list "a check is declared or listed by hand (use check_list.h): $hand"
# Without plugins the full list is the table; every line has a summary.
DAXINSPECT_PLUGIN_PATH= run_cmd "$B" --list-checks
if printf '%s\n' "$out" | awk -F'\t' 'NF != 2 || $2 == "" { bad = 1 } END { exit bad }'; then
	pass checks/list-has-summaries
else
	fail checks/list-has-summaries "a line is not ID<TAB>SUMMARY: $out"
fi

# help check: its "Checks" section, one "  ID  SUMMARY" line per check.
help_ids() {
	printf '%s\n' "$1" | awk '/^Checks/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }'
}
run_cmd "$B" help check
same checks/help "$table" "$(help_ids "$out")"

# Completion of --check, with the binary being completed.
. "$DXI_TOP/completion/daxinspect.bash"
comp_check() { # comp_check LINE: COMPREPLY at the end of LINE into $reply
	read -r -a COMP_WORDS <<<"$1"
	COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$1 "
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_daxinspect 2>/dev/null
	reply=$(printf '%s\n' "${COMPREPLY[@]}")
}
comp_check "$B check --check"
same checks/completion "$table" "$reply"

# The man page: the generated block is what tools/man-checks writes now,
# it lists the table, and FINDINGS explains exactly the table's checks.
PAGE=$DXI_TOP/daxinspect.1
block=$(sed -n '/^\.\\" BEGIN CHECKS/,/^\.\\" END CHECKS/p' "$PAGE")
gen=$("$DXI_TOP/tools/man-checks" --print "$B" 2>&1)
if [ -n "$block" ] && [ "$block" = "$gen" ]; then
	pass checks/manpage-generated
else
	fail checks/manpage-generated "daxinspect.1's check list is not what tools/man-checks writes; run tools/man-checks: $(diff <(echo "$block") <(echo "$gen") | head -5)"
fi
man_ids=$(printf '%s\n' "$block" | sed -n 's/^\.B //p' | sed 's/\\-/-/g')
same checks/manpage-list "$table" "$man_ids"
if command -v groff >/dev/null; then
	findings=$(groff -man -Tascii -P-cbou "$PAGE" 2>/dev/null |
		awk '/^[A-Z]/ { on = ($0 == "FINDINGS"); next } on' |
		sed -nE 's/^       ([a-z0-9-]+) \((error|warning|info).*/\1/p')
	same checks/manpage-findings "$table" "$findings"
else
	skip checks/manpage-findings "groff is not installed"
fi

# gen_cases.py: its matrix is the table, and the committed cases are
# what it writes (a fault case and a clean twin per check and layout).
G=$DXI_TOP/tests/synth/gen_cases.py
if ! command -v python3 >/dev/null; then
	skip checks/gen-cases "python3 is not installed"
else
	same checks/gen-cases-list "$table" "$(DXI_BIN=$B python3 "$G" --list 2>&1)"
	if DXI_BIN=$B python3 "$G" --out "$TMP/gen" >/dev/null 2>"$TMP/gen.err" &&
		diff -r "$TMP/gen/cases" "$DXI_TOP/tests/synth/cases" >"$TMP/gen.diff" &&
		diff -r "$TMP/gen/cases-btf" "$DXI_TOP/tests/synth/cases-btf" >>"$TMP/gen.diff"; then
		pass checks/gen-cases-committed
	else
		fail checks/gen-cases-committed "the committed cases are not what gen_cases.py writes (re-run it): $(head -3 "$TMP/gen.diff" "$TMP/gen.err")"
	fi
	missing=""
	for id in $table; do
		n=$(ls "$DXI_TOP"/tests/synth/cases/*-"$id"-fault.json "$DXI_TOP"/tests/synth/cases/*-"$id"-clean.json 2>/dev/null | wc -l)
		[ "$n" -ge 2 ] || missing+=" $id"
	done
	[ -z "$missing" ] && pass checks/gen-cases-per-check ||
		fail checks/gen-cases-per-check "no fault and clean case for:$missing"
fi

# One more check in the table: a binary whose table has "xtest-new".
mkdir -p "$TMP/fake"
printf '#!/bin/sh\n"%s" "$@" && [ "$*" = "--list-checks=builtin" ] && printf "xtest-new\\ta new check\\n"\n' "$B" >"$TMP/fake/daxinspect"
chmod +x "$TMP/fake/daxinspect"
gen=$("$DXI_TOP/tools/man-checks" --print "$TMP/fake/daxinspect" 2>&1)
if [ "$gen" != "$block" ] && printf '%s\n' "$gen" | grep -qx '\.B xtest\\-new'; then
	pass checks/manpage-follows-table
else
	fail checks/manpage-follows-table "tools/man-checks did not add xtest-new: $gen"
fi
if command -v python3 >/dev/null; then
	if DXI_BIN=$TMP/fake/daxinspect python3 "$G" --list >"$TMP/g.out" 2>&1; then
		fail checks/gen-cases-needs-a-case "gen_cases.py accepted a check with no case function: $(cat "$TMP/g.out")"
	elif grep -q 'xtest-new has no case function xtest_new' "$TMP/g.out"; then
		pass checks/gen-cases-needs-a-case
	else
		fail checks/gen-cases-needs-a-case "$(cat "$TMP/g.out")"
	fi
fi
# A plugin's check: help check and the completion (with --plugin on the
# line) offer it at run time, nothing typed anywhere.
if [ -f "$P/devdax.so" ]; then
	run_cmd "$B" --plugin "$P/devdax.so" help check
	same checks/help-plugin "$table devdax" "$(help_ids "$out")"
	comp_check "$B --plugin $P/devdax.so check --check"
	same checks/completion-plugin "$table devdax" "$reply"
else
	skip checks/plugin "build/plugins/devdax.so is not built (make plugins)"
fi
