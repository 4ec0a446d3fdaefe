# `maps --json` against the drgn oracle's dax_user_mappings
# (tests/vm/oracle.py --maps) on every lab dump: the (pid, vaddr, pfn) set,
# huge rows expanded to 4 KiB pages, must be equal; and the oracle's set
# must equal holdmap's /proc/self/pagemap ground truth where the dump has
# one (so both sides are checked against the guest, not only each other).
. "$DXI_TOP/tests/lib.sh"

dirs=$(ls -d "$LAB"/dumps/*/ 2>/dev/null; for d in ${DXI_LAB_DUMPS:-}; do echo "$d"; done)
if [ -z "$dirs" ]; then
	skip lab/maps "no lab dumps in $LAB/dumps (make them with tests/vm/mkdump or make vmtest)"
	exit 0
fi
if ! /usr/bin/python3 -c 'import drgn' 2>/dev/null; then
	skip lab/maps "Debian's python3-drgn is not installed (/usr/bin/python3 -c 'import drgn' fails)"
	exit 0
fi
for d in $dirs; do
	d=${d%/}
	name=$(basename "$d")
	[ -f "$d/meta.json" ] && [ -f "$d/vmcore.elf" ] || {
		skip "lab/$name/maps" "$d has no meta.json or vmcore.elf"
		continue
	}
	vmlinux=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["vmlinux"])' "$d/meta.json")
	[ -r "$vmlinux" ] || { skip "lab/$name/maps" "its vmlinux $vmlinux is gone"; continue; }
	"$DXI_BIN" maps --json --vmlinux "$vmlinux" "$d/vmcore.elf" >"$TMP/maps.json" 2>"$TMP/maps.err"
	st=$?
	if [ $st -ne 0 ] || grep -q 'Sanitizer\|runtime error' "$TMP/maps.err"; then
		fail "lab/$name/maps" "maps exit $st: $(head -2 "$TMP/maps.err")"
		continue
	fi
	/usr/bin/python3 "$DXI_TOP/tests/vm/oracle.py" --maps --vmlinux "$vmlinux" "$d/vmcore.elf" \
		>"$TMP/omaps.json" 2>"$TMP/omaps.err" ||
		{ fail "lab/$name/maps-oracle" "oracle.py --maps failed: $(tail -2 "$TMP/omaps.err")"; continue; }
	# The guest's own `maps --json /proc/kcore`, run right before the
	# snapshot: the same rows as maps of the dump.
	if [ -f "$d/live-maps.json" ]; then
		r=$(/usr/bin/python3 -c '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda m: sorted((r["pid"], r["vaddr"], r["pfn"], r["pages"]) for r in m["mappings"])
ka, kb = key(a), key(b)
print("empty" if not ka else "ok %d" % len(ka) if ka == kb else
      "live %d rows, dump %d; only live: %s; only dump: %s" % (len(ka), len(kb),
      sorted(set(ka) - set(kb))[:2], sorted(set(kb) - set(ka))[:2]))
' "$d/live-maps.json" "$TMP/maps.json" 2>&1)
		case $r in
		"ok "*) pass "lab/$name/live-maps-equals-dump (${r#ok } rows)" ;;
		*) fail "lab/$name/live-maps-equals-dump" "$r; live stderr: $(head -2 "$d/live-maps.err" 2>/dev/null)" ;;
		esac
	elif [ -f "$d/live.json" ]; then
		skip "lab/$name/live-maps-equals-dump" "the dump was made before the guest ran maps live (no live-maps.json)"
	fi
	gt=$d/groundtruth.json
	[ -f "$gt" ] || gt=
	/usr/bin/python3 - "$name" "$TMP/maps.json" "$TMP/omaps.json" $gt <<'PY'
import json, sys
name, cpath, opath = sys.argv[1:4]
c, o = json.load(open(cpath)), json.load(open(opath))

def pages(rows, key):
    s = set()
    for r in rows:
        va = int(r["vaddr"], 16) if isinstance(r["vaddr"], str) else r["vaddr"]
        for k in range(r["pages"]):
            s.add((r[key], va + k * 4096, r["pfn"] + k) if key else (va + k * 4096, r["pfn"] + k))
    return s

def report(test, a, b, an, bn):
    if not a and not b:
        print(f"FAIL lab/{name}/{test}: both sides are empty: nothing was compared")
    elif a == b:
        print(f"PASS lab/{name}/{test} ({len(a)} pages)")
    else:
        print(f"FAIL lab/{name}/{test}: {len(a - b)} only in {an} (e.g. {sorted(a - b)[:2]}), "
              f"{len(b - a)} only in {bn} (e.g. {sorted(b - a)[:2]})")

report("maps-vs-oracle", pages(c["mappings"], "pid"), pages(o["dax_user_mappings"], "pid"),
       "maps", "oracle")
if c["problems"] or o["errors"]:
    print(f"FAIL lab/{name}/maps-problems: maps {c['problems'][:2]} oracle {o['errors'][:2]}")
else:
    print(f"PASS lab/{name}/maps-problems")
if len(sys.argv) > 4:
    g = json.load(open(sys.argv[4]))
    last = {}
    for r in g["records"]:
        if r.get("type") == "map":
            last[r["name"]] = r
    gt = set()
    for r in last.values():
        if r["state"] not in ("mapped", "mapped-deleted"):
            continue
        base = int(r["vaddr"], 16)
        for run in r["runs"]:
            if run.get("pfn") is not None:
                gt.update((base + (run["index"] + k) * 4096, run["pfn"] + k) for k in range(run["n"]))
    report("maps-vs-groundtruth", pages(o["dax_user_mappings"], None), gt, "oracle", "ground truth")
PY
done
