# Bug-report bundles: `report --bundle` on each sample (and lab dump) and
# `check --bundle` reading it back; the bundle names every finding and
# holds the decoded pages; it holds none of the file data the guest wrote.
. "$DXI_TOP/tests/lib.sh"

# A filtered lab dump has unreadable findings, whose messages name kernel
# objects by address: the bundle must not carry them.
cores=$(ls "$DXI_TOP"/build/samples/*/vmcore 2>/dev/null; ls "$LAB"/dumps/*-all/vmcore.elf 2>/dev/null | head -2
	ls "$LAB"/dumps/*-all/vmcore.filtered 2>/dev/null | tail -1)
if [ -z "$cores" ]; then
	skip bundle "no samples (make samples) and no lab dumps"
	exit 0
fi
for core in $cores; do
	name=$(basename "$(dirname "$core")")
	types=()
	meta=$(dirname "$core")/meta.json
	[ -f "$meta" ] && types=(--vmlinux "$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["vmlinux"])' "$meta")")
	run_cmd "$DXI_BIN" report --bundle "$TMP/$name.bundle" "${types[@]}" "$core"
	if [ "$rc" -ne 0 ] || grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
		fail "bundle/$name/write" "exit $rc: $err"
		continue
	fi
	cp "$TMP/$name.bundle" "$TMP/$name-bundle.json"
	/usr/bin/python3 "$DXI_TOP/tests/validate_json.py" "$TMP/$name-bundle.json"
	"$DXI_BIN" check --json "${types[@]}" "$core" >"$TMP/$name.check.json" 2>/dev/null
	run_cmd "$DXI_BIN" check --bundle "$TMP/$name.bundle"
	want_rc=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(1 if any(f["severity"]!="info" for f in d["findings"]) else 0)' "$TMP/$name.check.json")
	# Round trip: every finding's check id and pfn is printed back, and
	# every page a finding names is decoded in the bundle.
	r=$(/usr/bin/python3 - "$TMP/$name.check.json" "$TMP/$name.bundle" "$TMP/out" <<'PY'
import json, sys
check, bundle = (json.load(open(p)) for p in sys.argv[1:3])
text = open(sys.argv[3]).read()
problems = []
# A bundle leaves out who holds a page (no process names or user
# addresses): the rest of each finding is the same.
holders = ("mappers", "mappers_problems", "mappers_unknown", "refcount_split")
if any(k in f for f in bundle["findings"] for k in holders):
    problems.append("the bundle carries mappers")
for f in check["findings"]:
    for k in holders:
        f.pop(k, None)
if bundle["findings"] != check["findings"]:
    problems.append("bundle findings differ from check --json")
pages = {p["pfn"] for p in bundle["pages"]}
for f in check["findings"]:
    if f["check"] + (f" pfn {f['pfn']:#x}" if f["pfn"] is not None else "") not in text:
        problems.append(f"check --bundle does not print {f['check']} pfn {f['pfn']}")
    if f["pfn"] is not None and f["pfn"] not in pages:
        problems.append(f"pfn {f['pfn']:#x} is not decoded in the bundle")
print("; ".join(problems[:3]) or "ok")
PY
)
	if [ "$rc" -eq "$want_rc" ] && [ "$r" = ok ]; then
		pass "bundle/$name/round-trip"
	else
		fail "bundle/$name/round-trip" "exit $rc (want $want_rc): $r $err"
	fi
	# The kernel log: exactly check's DAX-related lines (panic, DAX
	# warnings), printed back as check's log line; none with --no-log.
	r=$(/usr/bin/python3 - "$TMP/$name.check.json" "$TMP/$name.bundle" "$TMP/out" <<'PY'
import json, sys
check, bundle = (json.load(open(p)) for p in sys.argv[1:3])
text = open(sys.argv[3]).read()
want = check.get("kernel_log")
if bundle.get("kernel_log") != want:
    print("bundle kernel_log %r, check --json has %r" % (bundle.get("kernel_log"), want))
elif want and (want["panic"] or want["dax_events"]) and "\nlog       " not in text:
    print("check --bundle prints no log line")
else:
    print("ok")
PY
)
	if [ "$r" = ok ]; then
		pass "bundle/$name/kernel-log"
	else
		fail "bundle/$name/kernel-log" "$r"
	fi
	run_cmd "$DXI_BIN" report --no-log --bundle "$TMP/$name.nolog" "${types[@]}" "$core"
	if [ "$rc" -ne 0 ] || ! /usr/bin/python3 -c 'import json,sys; sys.exit("kernel_log" in json.load(open(sys.argv[1])))' "$TMP/$name.nolog"; then
		fail "bundle/$name/no-log" "exit $rc, or the --no-log bundle has a kernel_log: $err"
	else
		pass "bundle/$name/no-log"
	fi
	# No kernel addresses (x86-64 kernel half), as promised.
	if grep -Eaq '0xffff[89a-f][0-9a-f]{11}' "$TMP/$name.bundle"; then
		fail "bundle/$name/no-addresses" "$(grep -Eaom1 '.{40}0xffff[89a-f][0-9a-f]{11}' "$TMP/$name.bundle")"
	else
		pass "bundle/$name/no-addresses"
	fi
	# No file data: the lab guest writes "DAXLAB file=PATH page=N" into
	# its files (tests/vm/guest/holdmap.c). A full lab dump holds them
	# (the pmem range is guest RAM): the bundle must not.
	if grep -aq 'DAXLAB file=' "$TMP/$name.bundle"; then
		fail "bundle/$name/no-file-data" "the bundle contains file data (DAXLAB file=...)"
	elif [ -f "$meta" ] && [ "${core##*/}" = vmcore.elf ] && ! grep -aqm1 'DAXLAB file=' "$core"; then
		fail "bundle/$name/no-file-data" "the dump itself holds no file data: this test proves nothing"
	else
		pass "bundle/$name/no-file-data"
	fi
done
expect bundle/not-a-bundle 3 "is not readable JSON|is not a daxinspect bundle" "$DXI_BIN" check --bundle "$DXI_TOP/README.md"
expect bundle/check-bundle-with-target 2 "takes no TARGET" "$DXI_BIN" check --bundle x.bundle some-target
