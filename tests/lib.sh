# Helpers for test scripts: source it, then call the checks.
# Each check prints one "PASS name" / "FAIL name: why" / "SKIP name: why".
DXI_BIN=${DXI_BIN:?DXI_BIN is not set; run tests through tests/run}
DXI_TOP=${DXI_TOP:?}
TMP=$(mktemp -d /tmp/dxi-t.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
skip() { echo "SKIP $1: $2"; }

# run NAME -- CMD...: runs CMD with a time limit; sets $out, $err, $rc.
run_cmd() {
	timeout 120 "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

# expect NAME RC REGEX CMD...: exit status RC, stderr matching REGEX
# (grep -E), exactly one line of error, and no sanitizer report.
expect() {
	local name=$1 want=$2 re=$3
	shift 3
	run_cmd "$@"
	if [ "$rc" -eq 124 ]; then
		fail "$name" "timed out (hang)"
	elif grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
		fail "$name" "sanitizer report: $(grep -m1 'Sanitizer\|runtime error' "$TMP/err")"
	elif [ "$rc" -ne "$want" ]; then
		fail "$name" "exit $rc, want $want; stderr: $err"
	elif ! grep -qE -- "$re" "$TMP/err"; then
		fail "$name" "stderr does not match /$re/: $err"
	elif [ "$want" -eq 3 ] && [ "$(grep -c . "$TMP/err")" -ne 1 ]; then
		fail "$name" "want one line of error, got: $err"
	else
		pass "$name"
	fi
}

# The lab's dump cache (tests/vm/mkdump); may be absent.
LAB=${DXI_LAB_CACHE:-${HOME:-/root}/.cache/daxinspect-lab}

# run_json NAME OUT CMD...: runs CMD with stdout to OUT; false (and a FAIL)
# when it exits other than 0/1 or a sanitizer speaks; $st is its exit.
run_json() {
	local name=$1 outf=$2
	shift 2
	"$@" >"$outf" 2>"$TMP/rj.err"
	st=$?
	if grep -q 'Sanitizer\|runtime error' "$TMP/rj.err"; then
		fail "$name" "sanitizer: $(grep -m1 'Sanitizer\|runtime error' "$TMP/rj.err")"
		return 1
	elif [ $st -ne 0 ] && [ $st -ne 1 ]; then
		fail "$name" "exit $st: $(head -2 "$TMP/rj.err")"
		return 1
	fi
	return 0
}
