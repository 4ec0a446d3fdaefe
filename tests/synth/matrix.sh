# The synthetic matrix: every tests/synth/cases/*.json is built into an
# ELF vmcore (tests/synth/build.py) and audited with `check --json`; the
# findings must equal the case's hand-written "expect" list exactly (none
# for the clean twins), and the exit status must follow them (1 with a
# warning or error, else 0). The same dump with --all-pages (the page
# scan's fast path off) must agree with it (tests/synth/fastpath.py).
. "$DXI_TOP/tests/lib.sh"

SYN=$DXI_TOP/tests/synth
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	skip synth "no $PY to build synthetic dumps"
	exit 0
fi

for c in "$SYN"/cases/*.json; do
	name=$(basename "$c" .json)
	dir=$TMP/$name
	if ! "$PY" "$SYN/build.py" "$c" -o "$dir" 2>"$TMP/build.err"; then
		fail "synth/$name" "build.py failed: $(head -3 "$TMP/build.err")"
		continue
	fi
	sem=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("semantics", ""))' "$c")
	want_rc=$("$PY" -c 'import json,sys; print(int(any(e["severity"] != "info" for e in json.load(open(sys.argv[1]))["expect"])))' "$c")
	run_cmd "$DXI_BIN" check --json ${sem:+--semantics "$sem"} "$dir/vmcore"
	if [ "$rc" -eq 124 ]; then
		fail "synth/$name" "timed out (hang)"
	elif grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
		fail "synth/$name" "sanitizer report: $(grep -m1 'Sanitizer\|runtime error' "$TMP/err")"
	elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		fail "synth/$name" "exit $rc: $err"
	elif ! cmp=$("$PY" "$SYN/compare.py" "$c" "$TMP/out"); then
		fail "synth/$name" "$cmp"
	elif [ "$rc" -ne "$want_rc" ]; then
		fail "synth/$name" "exit $rc, want $want_rc"
	elif ! cp "$TMP/out" "$TMP/default.json" ||
		! run_cmd "$DXI_BIN" check --json --all-pages ${sem:+--semantics "$sem"} "$dir/vmcore" ||
		! fp=$("$PY" "$SYN/fastpath.py" "$TMP/default.json" "$TMP/out"); then
		fail "synth/$name" "fast path: ${fp:-check --all-pages: exit $rc: $err}"
	else
		pass "synth/$name"
	fi
	rm -rf "$dir"
done
