# -j N gives the output of -j 1 (issue 16): every synthetic case
# (tests/synth/cases) is checked with -j 1, 2 and 3, as text and as
# --json, and the outputs must be byte-identical (tests/jobs_lib.sh).
# The cases' pgmap ranges span several DXI_PAGE_RUN runs, so -j 2 and
# -j 3 do cut them.
. "$DXI_TOP/tests/lib.sh"
. "$DXI_TOP/tests/jobs_lib.sh"

SYN=$DXI_TOP/tests/synth
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	skip synth-jobs "no $PY to build synthetic dumps"
	exit 0
fi

for c in "$SYN"/cases/*.json; do
	name=$(basename "$c" .json)
	dir=$TMP/$name
	if ! "$PY" "$SYN/build.py" "$c" -o "$dir" >/dev/null 2>"$TMP/build.err"; then
		fail "synth-jobs/$name" "build.py failed: $(head -3 "$TMP/build.err")"
		continue
	fi
	sem=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("semantics", ""))' "$c")
	same_jobs "synth-jobs/$name" ${sem:+--semantics "$sem"} "$dir/vmcore"
	rm -rf "$dir"
done
