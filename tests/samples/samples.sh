# The bundled samples (vmcores-sample/, unpacked by `make samples` into
# build/samples/): expected output, ground truth, JSON schema, the other
# commands, and bad input made from real dumps.
. "$DXI_TOP/tests/lib.sh"

S=$DXI_TOP/build/samples
VALIDATE=$DXI_TOP/tests/validate_json.py
if ! ls "$S"/*/vmcore >/dev/null 2>&1; then
	skip samples "no unpacked samples in $S (run make samples)"
	exit 0
fi

# The committed files are what their provenance says (README.md there).
if bad=$(cd "$DXI_TOP/vmcores-sample" && sha256sum -c --quiet SHA256SUMS 2>&1); then
	pass samples/sha256sums
else
	fail samples/sha256sums "vmcores-sample/SHA256SUMS does not match (a sample changed without its sum): $bad"
fi

for dir in "$S"/*/; do
	name=$(basename "$dir")
	src=$DXI_TOP/vmcores-sample/$name
	core=build/samples/$name/vmcore	# relative: the path is part of the output
	cd "$DXI_TOP"

	run_cmd "$DXI_BIN" check "$core"
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		fail "samples/$name/check" "exit $rc: $err"
		continue
	fi
	if grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
		fail "samples/$name/check" "sanitizer: $(grep -m1 'Sanitizer\|runtime error' "$TMP/err")"
	elif diff -u "$src/expected-check.txt" "$TMP/out" >"$TMP/diff"; then
		pass "samples/$name/check-text"
	else
		fail "samples/$name/check-text" "differs from expected-check.txt: $(head -20 "$TMP/diff")"
	fi
	want_rc=$(grep -q '^findings  0 error, 0 warning' "$src/expected-check.txt" && echo 0 || echo 1)
	[ "$rc" -eq "$want_rc" ] && pass "samples/$name/exit-status" ||
		fail "samples/$name/exit-status" "exit $rc, want $want_rc"

	"$DXI_BIN" check --json "$core" >"$TMP/$name-check.json" 2>"$TMP/err"
	/usr/bin/python3 - "$src/expected-check.json" "$TMP/$name-check.json" <<'PY' | sed "s|^|PASS samples/$name/check-json |; s|^PASS samples/$name/check-json FAIL|FAIL samples/$name/check-json:|"
import json, sys
want, got = (json.load(open(p)) for p in sys.argv[1:3])
for k in ("inodes", "pgmaps", "pages", "findings", "summary"):
    if want[k] != got[k]:
        print(f"FAIL {k} differs from expected-check.json")
        sys.exit()
print("(inodes, pgmaps, pages, findings, summary as expected)")
PY
	/usr/bin/python3 "$DXI_TOP/tests/samples/groundtruth.py" "$name" "$src/groundtruth.json" "$TMP/$name-check.json"

	# Every JSON a command writes validates against the schema.
	"$DXI_BIN" info --json "$core" >"$TMP/$name-info.json"
	"$DXI_BIN" inodes --json "$core" >"$TMP/$name-inodes.json"
	"$DXI_BIN" pgmaps --json "$core" >"$TMP/$name-pgmaps.json"
	first=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(next(i["dev"]+":"+str(i["ino"]) for i in d["inodes"] if i["nentries"]))' "$TMP/$name-check.json")
	pfn=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["pages"][0]["pfn"])' "$TMP/$name-check.json")
	"$DXI_BIN" entries --json "$core" "$first" >"$TMP/$name-entries.json"
	"$DXI_BIN" page --json "$core" "$pfn" >"$TMP/$name-page.json"
	/usr/bin/python3 "$VALIDATE" "$TMP/$name"-*.json

	# Listing commands: the inode with entries lists them; the page lists its owner.
	run_cmd "$DXI_BIN" entries "$core" "$first"
	[ "$rc" -eq 0 ] && grep -q "^$first .*entries" "$TMP/out" && pass "samples/$name/entries" ||
		fail "samples/$name/entries" "exit $rc: $(head -3 "$TMP/out") $err"
	run_cmd "$DXI_BIN" page "$core" "$pfn"
	[ "$rc" -eq 0 ] && grep -q "referenced by" "$TMP/out" && pass "samples/$name/page" ||
		fail "samples/$name/page" "exit $rc: $err"
	expect "samples/$name/entries-unknown-inode" 2 "no DAX inode 'nope:1'" "$DXI_BIN" entries "$core" nope:1

	# The same dump with no type information reachable: exit 3, names the package.
	mkdir -p "$TMP/bare"
	cp "$core" "$TMP/bare/vmcore"
	release=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["target"]["release"])' "$TMP/$name-check.json")
	rel_re=$(printf '%s' "$release" | sed 's/[.+]/\\&/g')
	DAXINSPECT_SYSROOT=/nonexistent expect "samples/$name/no-debuginfo" 3 \
		"no debuginfo for kernel $rel_re .*install linux-image-$rel_re-dbg" \
		"$DXI_BIN" info "$TMP/bare/vmcore"
	# The trimmed sample holds neither BTF nor kallsyms (trim records what
	# the audit reads through the profile): --types btf says so; a kernel
	# before 6.0 has no SYMBOL(kallsyms_names) to find them by at all.
	DAXINSPECT_SYSROOT=/nonexistent expect "samples/$name/btf-filtered-out" 3 \
		"(kallsyms tables are not in the dump|has no SYMBOL\(kallsyms_names\)) .*install linux-image-$rel_re-dbg" \
		"$DXI_BIN" info --types btf "$TMP/bare/vmcore"
	rm -rf "$TMP/bare"
done

# A type profile of another build is refused, naming both build-ids.
a=$(ls -d "$S"/*/ | head -1) b=$(ls -d "$S"/*/ | tail -1)
if [ "$a" != "$b" ]; then
	expect samples/profile-of-another-build 3 "has build-id .* but the dump's kernel .* has build-id .*; install linux-image-.*-dbg" \
		"$DXI_BIN" info --profile "$b/vmcore.profile" "$a/vmcore"
fi

# The schema can fail: a finding with an unknown severity is refused.
/usr/bin/python3 - "$TMP" <<'PY' >"$TMP/bad.json"
import json, sys, glob
d = json.load(open(sorted(glob.glob(sys.argv[1] + "/*-check.json"))[0]))
d["findings"].append(dict(d["findings"][0] if d["findings"] else {}, severity="fatal"))
print(json.dumps(d))
PY
if /usr/bin/python3 "$VALIDATE" "$TMP/bad.json" | grep -q '^FAIL'; then
	pass schema/rejects-bad-severity
else
	fail schema/rejects-bad-severity "the schema accepted severity 'fatal'"
fi
