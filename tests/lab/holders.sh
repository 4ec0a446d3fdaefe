# Who holds the page, on the lab dumps (src/checks/holders.c):
#   - every busy-page / leaked-ref finding of check --json names its
#     mappers, and they are exactly the rows `maps --json --pfn PFN` lists
#     for its page (the walk `maps` is tested against the drgn oracle in
#     tests/lab/maps.sh); its refcount split adds up;
#   - page --json of a page a process maps names that process at that
#     address (the first row of maps);
#   - the leak module's page (6.1-ext4-kdump-leak, groundtruth "leak"):
#     its leaked-ref says no process maps it, text and JSON, and its one
#     FOLL_GET reference is the unexplained remainder;
#   - the held scenario's page (groundtruth "leak", scenario "held": a
#     FOLL_GET on a page that stays mapped): a busy page mapped by holdmap
#     at the address the module was given, 1 unexplained reference;
#   - a pin scenario's page (groundtruth "pin": O_DIRECT into a DAX
#     mapping, then truncate): the truncate unmapped it before waiting, so
#     no process maps it, and on 6.1 O_DIRECT's reference is a FOLL_GET
#     (docs/kernel-facts.md#pins): 1 unexplained, 0 pins.
. "$DXI_TOP/tests/lib.sh"

PY=/usr/bin/python3
dirs=$(for d in "$LAB"/dumps/*/; do
	[ -f "$d/meta.json" ] && [ -f "$d/vmcore.elf" ] && echo "${d%/}"
done)
if [ -z "$dirs" ]; then
	skip lab/holders "no lab dump with meta.json and vmcore.elf in $LAB/dumps (tests/vm/mkdump)"
	exit 0
fi
leak=$LAB/dumps/6.1-ext4-kdump-leak
[ -f "$leak/vmcore.elf" ] || skip lab/holders/leak "no $leak/vmcore.elf (tests/vm/mkdump --kernel 6.1 --fs ext4 --capture kdump --trigger leak)"

for d in $dirs; do
	name=$(basename "$d")
	vml=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["vmlinux"])' "$d/meta.json")
	[ -r "$vml" ] || { skip "lab/$name/holders" "its vmlinux $vml is gone"; continue; }
	core=$d/vmcore.elf
	"$DXI_BIN" check --json --vmlinux "$vml" "$core" >"$TMP/c.json" 2>"$TMP/c.err"
	st=$?
	if [ $st -eq 3 ]; then
		skip "lab/$name/holders" "check cannot analyse it: $(head -1 "$TMP/c.err")"
		continue
	elif [ $st -gt 1 ] || grep -q 'Sanitizer\|runtime error' "$TMP/c.err"; then
		fail "lab/$name/holders" "check exit $st: $(head -2 "$TMP/c.err")"
		continue
	fi
	cp "$TMP/c.json" "$TMP/$name-check.json"
	"$DXI_BIN" check --vmlinux "$vml" "$core" >"$TMP/c.txt" 2>/dev/null
	"$DXI_BIN" maps --json --vmlinux "$vml" "$core" >"$TMP/m.json" 2>/dev/null
	first=$($PY -c 'import json,sys; m=json.load(open(sys.argv[1]))["mappings"]; print(m[0]["pfn"] if m else "")' "$TMP/m.json")
	if [ -n "$first" ]; then
		"$DXI_BIN" page --json --vmlinux "$vml" "$core" "$first" >"$TMP/$name-page.json" 2>/dev/null
	else
		echo '{}' >"$TMP/$name-page.json"
	fi
	$PY "$DXI_TOP/tests/validate_json.py" "$TMP/$name-check.json"
	[ -n "$first" ] && $PY "$DXI_TOP/tests/validate_json.py" "$TMP/$name-page.json"
	$PY - "$name" "$TMP/c.json" "$TMP/m.json" "$TMP/$name-page.json" "$TMP/c.txt" "$d/groundtruth.json" <<'PY'
import json, os, re, sys
name, cpath, mpath, ppath, tpath, gpath = sys.argv[1:7]
c, m, text = json.load(open(cpath)), json.load(open(mpath)), open(tpath).read()
page = json.load(open(ppath))
g = json.load(open(gpath)) if os.path.exists(gpath) else {"records": []}

def adds_up(s):
    return s["refcount"] == s["idle"] + s["mapped"] + s["pin_refs"] + s["unexplained"]

def rows_for(pfn):
    out = set()
    for r in m["mappings"]:
        if r["pfn"] <= pfn < r["pfn"] + r["pages"]:
            out.add((r["pid"], int(r["vaddr"], 16) + (pfn - r["pfn"]) * 4096, pfn))
    return out

held = [f for f in c["findings"] if f["check"] in ("busy-page", "leaked-ref")]
for f in held:
    t = f"lab/{name}/holders-{f['check']}-{f['pfn']:#x}"
    if f.get("mappers") is None:
        print(f"FAIL {t}: mappers unknown on a lab dump: {f.get('mappers_unknown')}")
        continue
    got = {(x["pid"], int(x["vaddr"], 16), x["pfn"]) for x in f["mappers"]}
    want = rows_for(f["pfn"])
    if f["evidence"]["page"].get("compound") != "head" and got != want:
        print(f"FAIL {t}: mappers {sorted(got)[:3]} but maps --pfn has {sorted(want)[:3]}")
    elif not adds_up(f["refcount_split"]):
        print(f"FAIL {t}: split does not add up: {f['refcount_split']}")
    else:
        print(f"PASS {t} ({len(got)} mappers, as maps; split adds up)")
if not held:
    print(f"PASS lab/{name}/holders-none (no busy-page or leaked-ref finding: nothing to name)")

# page --json of a mapped page names its mapper.
if page.get("pages"):
    p = page["pages"][0]
    got = {(x["pid"], int(x["vaddr"], 16)) for x in p.get("mappers") or []}
    want = {(pid, va) for pid, va, _ in rows_for(p["pfn"])}
    if want and got == want and adds_up(p["refcount_split"]):
        print(f"PASS lab/{name}/page-json-mappers ({len(got)} at pfn {p['pfn']:#x})")
    else:
        print(f"FAIL lab/{name}/page-json-mappers: pfn {p['pfn']:#x} page --json {sorted(got)} maps {sorted(want)}")

def one(pfn, check, t):
    f = [x for x in c["findings"] if x["check"] == check and x["pfn"] == pfn]
    if not f:
        print(f"FAIL {t}: no {check} finding at pfn {pfn:#x}")
        return None
    return f[0]

def block(check, pfn):
    """The finding's line and the indented lines under it, from the text."""
    lines, out = text.split("\n"), []
    for i, l in enumerate(lines):
        if re.search(rf" {check} pfn {pfn:#x}[: ]", l):
            out = [l] + [x for x in _under(lines[i + 1:])]
            break
    return out

def _under(rest):
    for x in rest:
        if not x.startswith("          "):
            return
        yield x

def pin_era():
    """O_DIRECT takes a FOLL_PIN from 6.5 (iov_iter_extract_pages), a
    FOLL_GET before (docs/kernel-facts.md#pins)."""
    major, minor = (int(x) for x in c["target"]["release"].split(".")[:2])
    return (major, minor) >= (6, 5)

for r in g["records"]:
    if r.get("type") == "leak" and r.get("scenario") == "held":
        # daxleak's FOLL_GET on a page that stays mapped: a busy page
        # whose mapper is the process that mapped it, at that address.
        pfn = r["pinned"]["pfn"]
        addr = int(re.search(r"addr=(0x[0-9a-f]+)", r["params"]).group(1), 16)
        t = f"lab/{name}/held-mapper"
        f = one(pfn, "busy-page", t)
        if not f:
            continue
        s = f["refcount_split"]
        got = [(x["comm"], int(x["vaddr"], 16), x["level"]) for x in f["mappers"]]
        b = block("busy-page", pfn)
        line = [x for x in b if "mapped by pid" in x]
        if (got == [("holdmap", addr, "pte")] and s["unexplained"] == 1 and s["pins"] == 0
                and s["mappings"] == 1 and line and f"(holdmap) at {addr:#x} (PTE, shared, write)" in line[0]):
            print(f"PASS {t} (pfn {pfn:#x} held by a get, mapped by holdmap at {addr:#x})")
        else:
            print(f"FAIL {t}: mappers {got} want holdmap at {addr:#x}; split {s}; text {b}")
        continue
    if r.get("type") == "leak":
        # <= 6.14: evicted while referenced -> leaked-ref (no entry);
        # 6.15+: eviction waits, entries kept -> busy-page on the evicting inode.
        pfn = r["pinned"]["pfn"]
        t = f"lab/{name}/leak-no-mapper"
        check = "busy-page" if c["target"]["semantics"].startswith("6.15") else "leaked-ref"
        f = one(pfn, check, t)
        if not f:
            continue
        s = f["refcount_split"]
        want_pins = 1 if r["pinned"].get("mode") == "pin" else 0
        ok = (f["mappers"] == [] and s["pins"] == want_pins
              and s["unexplained"] == (0 if want_pins else 1))
        b = block(check, pfn)
        if ok and "          no process maps this page" in b:
            print(f"PASS {t} (pfn {pfn:#x}, {check}: no process maps it; {s['pins']} pins, {s['unexplained']} unexplained)")
        else:
            print(f"FAIL {t}: mappers {f['mappers']} split {s}; text: {b}")
    if r.get("type") == "pin":
        pfn = r["pinned"]["pfn"]
        t = f"lab/{name}/pin-truncated"
        f = one(pfn, "busy-page", t)
        if not f:
            continue
        s = f["refcount_split"]
        want = (1, 0) if pin_era() else (0, 1)
        ok = f["mappers"] == [] and (s["pins"], s["unexplained"]) == want
        b = block("busy-page", pfn)
        if ok and "          no process maps this page" in b:
            print(f"PASS {t} (pfn {pfn:#x}: unmapped by the truncate; {s['pins']} pins, {s['unexplained']} unexplained)")
        else:
            print(f"FAIL {t}: mappers {f['mappers']} split {s}, want (pins, unexplained) {want}; text: {b}")
PY
done
