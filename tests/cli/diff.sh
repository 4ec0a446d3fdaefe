# daxinspect diff A B: a run against itself is no difference; a copy
# edited with jq (a finding removed, one added, one changed) is exactly
# those; a bundle against its check --json is no difference; two lab dumps
# of one guest (full ELF and makedumpfile-filtered) differ in exactly the
# findings whose keys differ, computed here independently; bad input is
# exit 3 (2 for a bad command line).
. "$DXI_TOP/tests/lib.sh"

core=$DXI_TOP/build/samples/6.1-ext4/vmcore
if [ ! -f "$core" ]; then
	skip diff "no samples (make samples)"
	exit 0
fi
"$DXI_BIN" check --json "$core" >"$TMP/a.json" 2>/dev/null
n=$(jq '.findings | length' "$TMP/a.json")
if [ "${n:-0}" -lt 2 ]; then
	fail diff/sample "the 6.1 sample should have 2 findings, has ${n:-none}"
	exit 0
fi

# The independent reference: findings keyed by (check, dev:ino, index,
# pfn); identical ones match first, then same-key ones are "changed".
expected() { # A B -> {appeared: [keys], disappeared: [keys], changed: [[key, fields]]}
	/usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
FIELDS = ["severity", "message", "expected", "actual", "known_bug", "count", "last_pfn", "last_index"]
def key(f):
    i = f.get("inode")
    return [f["check"], f"{i['dev']}:{i['ino']}" if i else None, f.get("index"), f.get("pfn")]
def sig(f):
    return [(f.get(k) or {}).get("id") if k == "known_bug" else f.get(k) for k in FIELDS]
def findings(p):
    return json.load(open(p))["findings"]
a, b = findings(sys.argv[1]), findings(sys.argv[2])
ua, ub = [False] * len(a), [False] * len(b)
for j, y in enumerate(b):
    for i, x in enumerate(a):
        if not ua[i] and key(x) == key(y) and sig(x) == sig(y):
            ua[i] = ub[j] = True
            break
changed = []
for j, y in enumerate(b):
    for i, x in enumerate(a):
        if not ub[j] and not ua[i] and key(x) == key(y):
            ua[i] = ub[j] = True
            changed.append([key(y), [k for k, p, q in zip(FIELDS, sig(x), sig(y)) if p != q]])
out = {"appeared": sorted(map(str, (key(y) for j, y in enumerate(b) if not ub[j]))),
       "disappeared": sorted(map(str, (key(x) for i, x in enumerate(a) if not ua[i]))),
       "changed": sorted(map(str, changed))}
print(json.dumps(out, sort_keys=True))
PY
}
# What diff --json said, in the same shape.
said() { # DIFF.json
	/usr/bin/python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def key(f):
    i = f.get("inode")
    return [f["check"], f"{i['dev']}:{i['ino']}" if i else None, f.get("index"), f.get("pfn")]
out = {"appeared": sorted(map(str, map(key, d["appeared"]))),
       "disappeared": sorted(map(str, map(key, d["disappeared"]))),
       "changed": sorted(str([key(c["b"]), c["fields"]]) for c in d["changed"])}
print(json.dumps(out, sort_keys=True))
PY
}

# check_diff NAME A B WANT_RC [WANT_SUMMARY]: diff --json A B matches the
# reference, exits WANT_RC, validates; the text output agrees in counts.
check_diff() {
	local name=$1 a=$2 b=$3 want=$4 want_sum=${5:-}
	run_cmd "$DXI_BIN" diff --json "$a" "$b"
	echo "$out" >"$TMP/d.json"
	local got ref
	got=$(said "$TMP/d.json" 2>&1)
	ref=$(expected "$a" "$b" 2>&1)
	if [ "$rc" -ne "$want" ]; then
		fail "$name" "exit $rc, want $want: $err"
	elif [ "$got" != "$ref" ]; then
		fail "$name" "diff says $got; the keys say $ref"
	elif [ -n "$want_sum" ] && [ "$(jq -c '[.summary.appeared, .summary.disappeared, .summary.changed]' "$TMP/d.json")" != "$want_sum" ]; then
		fail "$name" "summary $(jq -c .summary "$TMP/d.json"), want [appeared, disappeared, changed] = $want_sum"
	else
		pass "$name"
	fi
	case $(/usr/bin/python3 "$DXI_TOP/tests/validate_json.py" "$TMP/d.json" 2>&1) in
	PASS*) pass "$name/schema" ;;
	*) fail "$name/schema" "$(/usr/bin/python3 "$DXI_TOP/tests/validate_json.py" "$TMP/d.json" 2>&1 | head -1)" ;;
	esac
	run_cmd "$DXI_BIN" diff "$a" "$b"
	local s
	s=$(jq -r '"summary: \(.summary.appeared) appeared, \(.summary.disappeared) disappeared, \(.summary.changed) changed, \(.summary.unchanged) unchanged"' "$TMP/d.json")
	if [ "$rc" -eq "$want" ] && grep -qxF "$s" "$TMP/out" &&
	   [ "$(grep -c '^  + ' "$TMP/out")" -eq "$(jq '.summary.appeared' "$TMP/d.json")" ] &&
	   [ "$(grep -c '^  - ' "$TMP/out")" -eq "$(jq '.summary.disappeared' "$TMP/d.json")" ] &&
	   [ "$(grep -c '^  ~ ' "$TMP/out")" -eq "$(jq '.summary.changed' "$TMP/d.json")" ]; then
		pass "$name/text"
	else
		fail "$name/text" "exit $rc; text does not say '$s' line by line: $(head -c 300 "$TMP/out")"
	fi
}

check_diff diff/self "$TMP/a.json" "$TMP/a.json" 0 '[0,0,0]'
# "-" is standard input, as for any reader of a file.
"$DXI_BIN" diff --json - "$TMP/a.json" <"$TMP/a.json" >"$TMP/stdin.json" 2>"$TMP/stdin.err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(jq -c '[.summary.appeared, .summary.disappeared, .summary.changed, .summary.unchanged]' "$TMP/stdin.json")" = "[0,0,0,$n]" ]; then
	pass diff/stdin
else
	fail diff/stdin "diff - A <A: exit $rc, $(head -c 200 "$TMP/stdin.json") $(cat "$TMP/stdin.err")"
fi

# B: finding 0 removed, a new one (finding 1 moved to another pfn) added,
# finding 1 itself with another message and severity.
jq '.findings as $f | .findings = [($f[1] | .message = "edited" | .severity = "warning"), ($f[1] | .pfn = 999999)] + $f[2:]' \
	"$TMP/a.json" >"$TMP/b.json"
check_diff diff/edited "$TMP/a.json" "$TMP/b.json" 1 '[1,1,1]'
if [ "$(jq -c '.changed[0].fields' "$TMP/d.json" 2>/dev/null)" = '["severity","message"]' ]; then
	pass diff/edited/fields
else
	fail diff/edited/fields "changed fields: $(jq -c '.changed[0].fields' "$TMP/d.json")"
fi
# Only a disappearance (the fix worked): exit 0.
jq '.findings |= .[1:]' "$TMP/a.json" >"$TMP/fixed.json"
check_diff diff/only-disappeared "$TMP/a.json" "$TMP/fixed.json" 0 '[0,1,0]'
# Order does not matter.
jq '.findings |= reverse' "$TMP/a.json" >"$TMP/rev.json"
check_diff diff/reordered "$TMP/a.json" "$TMP/rev.json" 0 '[0,0,0]'
# stdin
run_cmd sh -c "\"$DXI_BIN\" diff \"$TMP/a.json\" - <\"$TMP/b.json\""
[ "$rc" -eq 1 ] && grep -q '^summary: 1 appeared, 1 disappeared, 1 changed' "$TMP/out" &&
	pass diff/stdin || fail diff/stdin "exit $rc: $out $err"

# A bundle holds the same findings: no difference, either way round.
"$DXI_BIN" report --bundle "$TMP/s.bundle" "$core" >/dev/null 2>&1
check_diff diff/bundle-vs-json "$TMP/s.bundle" "$TMP/a.json" 0 '[0,0,0]'
check_diff diff/json-vs-edited-bundle "$TMP/b.json" "$TMP/s.bundle" 1 '[1,1,1]'

# Bad input.
expect diff/missing 3 'cannot open .*/nope' "$DXI_BIN" diff "$TMP/a.json" "$TMP/nope"
expect diff/not-json 3 'is not readable JSON' "$DXI_BIN" diff "$TMP/a.json" "$DXI_TOP/README.md"
"$DXI_BIN" info --json "$core" >"$TMP/info.json" 2>/dev/null
expect diff/info-json 3 'is not a daxinspect check --json output or bundle \(kind "info"\)' \
	"$DXI_BIN" diff "$TMP/info.json" "$TMP/a.json"
run_cmd "$DXI_BIN" diff "$TMP/a.json"
[ "$rc" -eq 2 ] && pass diff/one-operand || fail diff/one-operand "exit $rc: $err"

# Two dumps of one lab guest: the full ELF and the filtered kdump file
# (two guests: each ELF check takes a minute under ASan).
ran=0
for d in $(ls -d "$LAB"/dumps/*/ 2>/dev/null | head -2); do
	[ -f "$d/vmcore.elf" ] && [ -f "$d/vmcore.filtered" ] && [ -f "$d/meta.json" ] || continue
	name=$(basename "$d")
	vml=$(jq -r .vmlinux "$d/meta.json")
	[ -f "$vml" ] || continue
	"$DXI_BIN" check --json --vmlinux "$vml" "$d/vmcore.elf" >"$TMP/$name-elf.json" 2>/dev/null
	"$DXI_BIN" check --json --vmlinux "$vml" "$d/vmcore.filtered" >"$TMP/$name-filtered.json" 2>/dev/null
	want=$(/usr/bin/python3 -c 'import json,sys; print(1 if json.loads(sys.argv[1])["appeared"] else 0)' "$(expected "$TMP/$name-elf.json" "$TMP/$name-filtered.json")")
	check_diff "diff/lab/$name" "$TMP/$name-elf.json" "$TMP/$name-filtered.json" "$want"
	ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || skip diff/lab "no lab dumps with vmcore.elf, vmcore.filtered and their vmlinux in $LAB/dumps"
