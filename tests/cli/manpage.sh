# The man page daxinspect.1: renders without a warning, and documents every
# command the binary lists, every check and known bug in src/checks, every
# long option in src/cli/main.c, every environment variable the code reads
# and every exit status.
. "$DXI_TOP/tests/lib.sh"

PAGE=${DXI_MANPAGE:-$DXI_TOP/daxinspect.1}
SRC=$DXI_TOP/src

if [ ! -f "$PAGE" ]; then
	fail manpage/exists "$PAGE is missing"
	exit 0
fi
if ! command -v groff >/dev/null; then
	skip manpage/all "groff is not installed (Debian: groff-base)"
	exit 0
fi

# groff: -ww enables every warning; -z formats without output.
if groff -man -ww -z "$PAGE" >"$TMP/groff.out" 2>&1 && [ ! -s "$TMP/groff.out" ]; then
	pass manpage/groff-no-warnings
else
	fail manpage/groff-no-warnings "$(head -5 "$TMP/groff.out")"
fi

if command -v man >/dev/null; then
	# man-db runs the page through its own preprocessing and width.
	MANWIDTH=80 man --warnings -E UTF-8 -l "$PAGE" >"$TMP/man.txt" 2>"$TMP/man.err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$TMP/man.err" ] && [ -s "$TMP/man.txt" ]; then
		pass manpage/man-no-warnings
	else
		fail manpage/man-no-warnings "exit $rc: $(head -5 "$TMP/man.err")"
	fi
else
	skip manpage/man-no-warnings "man is not installed (Debian: man-db)"
fi

# The page as plain text, and one section of it.
groff -man -Tascii -P-cbou "$PAGE" 2>/dev/null >"$TMP/page.txt"
section() {
	awk -v s="$1" '/^[A-Z]/ { on = ($0 == s) ; next } on' "$TMP/page.txt"
}
# all NAME MISSING...: one PASS, or one FAIL naming what is missing.
all() {
	local name=$1
	shift
	if [ $# -eq 0 ]; then
		pass "$name"
	else
		fail "$name" "$*"
	fi
}

missing=()
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS FINDINGS "KNOWN KERNEL BUGS" \
	"TYPE INFORMATION" "BUG-REPORT BUNDLE" "EXIT STATUS" ENVIRONMENT FILES \
	EXAMPLES "SEE ALSO"; do
	grep -qx "$s" "$TMP/page.txt" || missing+=("no section '$s';")
done
all manpage/sections "${missing[@]}"

# Every command `daxinspect help` lists (and shell, report) has an entry
# in COMMANDS (a heading line starting with its name) and in SYNOPSIS.
section COMMANDS >"$TMP/commands.txt"
section SYNOPSIS >"$TMP/synopsis.txt"
run_cmd "$DXI_BIN" help
cmds=$(printf '%s\n' "$out" | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
missing=()
[ -n "$cmds" ] || missing+=("daxinspect help listed no commands (exit $rc): $err")
for c in $cmds shell report; do
	grep -qE "^       $c( |\$)" "$TMP/commands.txt" || missing+=("COMMANDS has no entry for '$c';")
	grep -qE "daxinspect (\[$c\]|$c)( |\$)" "$TMP/synopsis.txt" || missing+=("SYNOPSIS has no 'daxinspect $c';")
done
all manpage/commands "${missing[@]}"

# Every check: each descriptor's id under FINDINGS with its severity. The
# descriptors live in src/checks/check_*.c; check_list.h lists them all; the
# help text of check names them too.
section FINDINGS >"$TMP/findings.txt"
ids=$(grep -ho '\.id = "[a-z0-9-]*"' "$SRC"/checks/check_*.c | cut -d'"' -f2)
nlisted=$(grep -c '^DXI_CHECK(' "$SRC/checks/check_list.h")
nids=$(printf '%s\n' $ids | grep -c .)
missing=()
[ "$nids" -gt 0 ] && [ "$nids" -eq "$nlisted" ] ||
	missing+=("found $nids check ids in src/checks/check_*.c but check_list.h lists $nlisted checks;")
run_cmd "$DXI_BIN" help check
for id in $ids; do
	grep -qE "^       $id \((error|warning|info)" "$TMP/findings.txt" ||
		missing+=("FINDINGS has no entry '$id (severity)';")
	printf '%s\n' "$out" | grep -qw -- "$id" ||
		missing+=("'daxinspect help check' does not name $id;")
done
all manpage/check-ids "${missing[@]}"

# Every known kernel bug.
section "KNOWN KERNEL BUGS" >"$TMP/bugs.txt"
missing=()
bugs=$(grep -ho '\.id = "[a-z0-9-]*"' "$SRC/checks/known_bugs.c" | cut -d'"' -f2)
[ -n "$bugs" ] || missing+=("no known bugs found in src/checks/known_bugs.c")
for id in $bugs; do
	grep -qx "       $id" "$TMP/bugs.txt" || missing+=("KNOWN KERNEL BUGS has no entry for $id;")
done
all manpage/known-bugs "${missing[@]}"

# Every long option of src/cli/main.c (and --bundle), the short options
# getopt takes ("ho:j:") and -V, as headings under OPTIONS.
section OPTIONS >"$TMP/options.txt"
opts=$(sed -n '/long_options\[\] = {/,/^};/p' "$SRC/cli/main.c" | grep -oE '\{ *"[a-z0-9-]+"' | grep -oE '[a-z0-9-]+')
missing=()
[ -n "$opts" ] || missing+=("no long options found in src/cli/main.c;")
for o in $opts bundle; do
	grep -qE "^       (-[a-zA-Z][ ,].*)?--$o\b" "$TMP/options.txt" || missing+=("OPTIONS has no entry for --$o;")
done
for o in h o j V; do
	grep -qE "^       -$o\b" "$TMP/options.txt" || missing+=("OPTIONS has no entry for -$o;")
done
all manpage/options "${missing[@]}"

# Every environment variable the code reads (but HOME), and the shell's
# and plugins'.
section ENVIRONMENT >"$TMP/env.txt"
vars=$(grep -rhoE 'getenv\("[A-Z_]+"\)' "$SRC" | cut -d'"' -f2 | grep -vx HOME | sort -u)
missing=()
for v in $(printf '%s\n' $vars XDG_CACHE_HOME XDG_STATE_HOME PAGER DAXINSPECT_SYSROOT \
	DAXINSPECT_PLUGIN_PATH | sort -u); do
	grep -qE "^       $v( |\$)" "$TMP/env.txt" || missing+=("ENVIRONMENT has no entry for $v;")
done
all manpage/environment "${missing[@]}"

# Exit statuses, as in src/cli/cli.h.
section "EXIT STATUS" >"$TMP/exit.txt"
missing=()
codes=$(grep -oE 'DXI_EXIT_[A-Z]+ = [0-9]+' "$SRC/cli/cli.h" | awk '{ print $3 }')
[ -n "$codes" ] || missing+=("no DXI_EXIT_ codes in src/cli/cli.h;")
for s in $codes; do
	grep -qE "^       $s( |\$)" "$TMP/exit.txt" || missing+=("EXIT STATUS does not explain $s;")
done
all manpage/exit-status "${missing[@]}"

# The version in the header is the project's.
ver=$(cat "$DXI_TOP/VERSION")
if grep -q "^\.TH DAXINSPECT 1 .*\"daxinspect $ver\"" "$PAGE"; then
	pass manpage/version
else
	fail manpage/version "the .TH line does not say daxinspect $ver"
fi
