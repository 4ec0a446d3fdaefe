# Who holds the page (src/checks/holders.c): busy-page and leaked-ref
# findings carry their mappers (or say none, or why they are unknown) and
# the refcount split, in text and in check --json; page PFN and page
# --json show the same. Synthetic dumps (tests/synth/build.py) have no
# user page tables, so these test the split and the "unknown"/"none"
# paths; tests/lab/holders.sh tests real mappers on the lab dumps.
. "$DXI_TOP/tests/lib.sh"

PY=/usr/bin/python3
VALIDATE=$DXI_TOP/tests/validate_json.py
CASES=$DXI_TOP/tests/synth/cases
build() { # build NAME DESC.json -> $TMP/NAME/vmcore
	$PY "$DXI_TOP/tests/synth/build.py" "$2" -o "$TMP/$1" >"$TMP/build.err" 2>&1 ||
		{ fail "holders/$1/build" "$(tail -2 "$TMP/build.err")"; return 1; }
}
has() { # has NAME FILE FIXED-STRING
	if grep -qF -- "$3" "$2"; then pass "$1"; else
		fail "$1" "no line with '$3' in: $(grep -A8 'busy-page\|leaked-ref' "$2" | head -12)"
	fi
}
# Every refcount_split in a check/page JSON adds up, and its terms match the
# page's refcount; prints PASS/FAIL.
sums() { # sums NAME FILE
	$PY - "$1" "$2" <<'PY'
import json, sys
name, path = sys.argv[1:3]
d = json.load(open(path))
objs = [f for f in d.get("findings", []) if "refcount_split" in f]
objs += [p for p in d.get("pages", []) if "refcount_split" in p]
bad = [o["refcount_split"] for o in objs
       if (s := o["refcount_split"])["refcount"] != s["idle"] + s["mapped"] + s["pin_refs"] + s["unexplained"]]
if not objs:
    print(f"FAIL {name}: no refcount_split in {path}")
elif bad:
    print(f"FAIL {name}: does not add up: {bad[0]}")
else:
    print(f"PASS {name} ({len(objs)} splits add up)")
PY
}

# 6.1 (a profile without the rmap members): a leaked get and an orphaned pin.
if build leak61 "$CASES/6.1-leaked-ref-fault.json"; then
	c=$TMP/leak61/vmcore
	run_cmd "$DXI_BIN" check "$c"
	echo "$out" >"$TMP/leak61.txt"
	has holders/text-split-get "$TMP/leak61.txt" "refcount 2 = 1 idle + 0 mapped + 0 pins + 1 unexplained"
	has holders/text-split-pin "$TMP/leak61.txt" "refcount 1025 = 1 idle + 0 mapped + 1 pin (1024) + 0 unexplained"
	has holders/text-mappers-unknown "$TMP/leak61.txt" "mappers unknown: cannot walk the user mappings: the type profile does not record member struct address_space i_mmap"
	# The lines sit under their finding, after its page line.
	if awk '/leaked-ref pfn 0x40034/ {f=1} f && /^          page / {p=1} p && /refcount 1025 =/ {ok=1; exit} END {exit !ok}' "$TMP/leak61.txt"; then
		pass holders/text-under-its-finding
	else
		fail holders/text-under-its-finding "the split of pfn 0x40034 is not under its finding: $(grep -n 'pfn 0x40034\|1025' "$TMP/leak61.txt")"
	fi
	if run_json holders/check-json "$TMP/leak61-check.json" "$DXI_BIN" check --json "$c"; then
		$PY "$VALIDATE" "$TMP/leak61-check.json"
		sums holders/check-json-sums "$TMP/leak61-check.json"
		$PY - "$TMP/leak61-check.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = {x["pfn"]: x for x in d["findings"] if x["check"] == "leaked-ref"}
pin = f.get(0x40034, {})
s = pin.get("refcount_split", {})
ok = (pin.get("mappers") is None and "i_mmap" in pin.get("mappers_unknown", "")
      and s.get("pins") == 1 and s.get("pin_refs") == 1024 and s.get("pins_from") == "bias"
      and s.get("unexplained") == 0 and s.get("idle") == 1)
print("PASS holders/check-json-pin" if ok else f"FAIL holders/check-json-pin: {pin}")
PY
		# The schema can fail: a leaked-ref without its holders is refused.
		$PY - "$TMP/leak61-check.json" "$TMP/stripped.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for f in d["findings"]:
    if f["check"] == "leaked-ref":
        f.pop("mappers", None)
        break
json.dump(d, open(sys.argv[2], "w"))
PY
		if $PY "$VALIDATE" "$TMP/stripped.json" | grep -q '^FAIL'; then
			pass holders/schema-requires-mappers
		else
			fail holders/schema-requires-mappers "a leaked-ref finding without mappers validated"
		fi
	fi
	# Bundles carry no mappers (no process names or user addresses).
	run_cmd "$DXI_BIN" report --bundle "$TMP/leak61.bundle" "$c"
	if [ "$rc" -eq 0 ] && ! grep -q '"mappers\|"refcount_split' "$TMP/leak61.bundle"; then
		pass holders/bundle-without-mappers
	else
		fail holders/bundle-without-mappers "exit $rc; $(grep -c mappers "$TMP/leak61.bundle") mappers keys"
	fi
	run_cmd "$DXI_BIN" page "$c" 0x40034
	echo "$out" >"$TMP/page61.txt"
	has holders/page-text-split "$TMP/page61.txt" "pfn 0x40034: refcount 1025 = 1 idle + 0 mapped + 1 pin (1024) + 0 unexplained"
	has holders/page-text-unknown "$TMP/page61.txt" "pfn 0x40034: mappers unknown: cannot walk the user mappings"
	if run_json holders/page-json "$TMP/page61-page.json" "$DXI_BIN" page --json "$c" 0x40034 0x40030; then
		$PY "$VALIDATE" "$TMP/page61-page.json"
		sums holders/page-json-sums "$TMP/page61-page.json"
	fi
fi

# 7.3 (rmap layout known, no VMAs in the synthetic dump): a PMD folio held
# once beyond its mapping, then the same folio pinned (folio->_pincount 1).
if build folio73 "$CASES/7.3-folio-busy.json"; then
	c=$TMP/folio73/vmcore
	run_cmd "$DXI_BIN" check "$c"
	echo "$out" >"$TMP/folio73.txt"
	has holders/text-no-mapper "$TMP/folio73.txt" "no process maps this page"
	has holders/text-split-folio "$TMP/folio73.txt" "refcount 2 = 0 idle + 1 mapped (mapcount 1; 0 mappings found in page tables) + 0 pins (_pincount 0) + 1 unexplained"
	if run_json holders/folio-json "$TMP/folio73-check.json" "$DXI_BIN" check --json "$c"; then
		$PY "$VALIDATE" "$TMP/folio73-check.json"
		$PY - "$TMP/folio73-check.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["check"] == "busy-page"]
ok = (len(f) == 1 and f[0]["mappers"] == [] and f[0]["mappers_problems"] == 0
      and f[0]["refcount_split"]["pins_from"] == "pincount" and f[0]["refcount_split"]["mappings"] == 0)
print("PASS holders/folio-json-empty-mappers" if ok else f"FAIL holders/folio-json-empty-mappers: {f}")
PY
	fi
	# A tail pfn: the split is its folio's, from the head.
	run_cmd "$DXI_BIN" page "$c" 0x40205
	echo "$out" >"$TMP/tail73.txt"
	has holders/page-tail-folio "$TMP/tail73.txt" "pfn 0x40205: its folio (head pfn 0x40200): refcount 2 = 0 idle + 1 mapped"
fi
$PY - "$CASES/7.3-folio-busy.json" "$TMP/pinned.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["name"] = "7.3-folio-pinned"
d["folios"][0]["pincount"] = 1
json.dump(d, open(sys.argv[2], "w"))
PY
if build pinned73 "$TMP/pinned.json"; then
	run_cmd "$DXI_BIN" check "$TMP/pinned73/vmcore"
	echo "$out" >"$TMP/pinned73.txt"
	has holders/text-split-pincount "$TMP/pinned73.txt" "refcount 2 = 0 idle + 1 mapped (mapcount 1; 0 mappings found in page tables) + 1 pin (_pincount 1) + 0 unexplained"
fi

# No busy-page or leaked-ref finding: no walk, no holders in the JSON.
if build clean73 "$CASES/7.3-busy-page-clean.json"; then
	if run_json holders/clean-json "$TMP/clean73-check.json" "$DXI_BIN" check --json "$TMP/clean73/vmcore"; then
		if grep -q '"mappers\|"refcount_split' "$TMP/clean73-check.json"; then
			fail holders/clean-no-holders "holders in a check without busy-page/leaked-ref findings"
		else
			pass holders/clean-no-holders
		fi
	fi
fi
