# Lab kdump files cut short: a cut in the kdump header, bitmaps or
# VMCOREINFO exits 3 saying "truncated"; a cut in the page data is
# analysed as far as it goes (exit 1 with a "truncated at" finding) or,
# when the kernel's own data lies past the cut, exits 3 saying so. And
# never a silent wrong answer: every finding of a cut copy, but the
# unreadable ones, is a finding of the whole file.
. "$DXI_TOP/tests/lib.sh"
dirs=$(ls -d "$LAB"/dumps/*/ 2>/dev/null)
[ -n "$dirs" ] || { skip lab/truncated "no lab dumps in $LAB/dumps"; exit 0; }

for d in $dirs; do
	name=$(basename "$d")
	vml=$(jq -r .vmlinux "$d/meta.json" 2>/dev/null)
	[ -f "$vml" ] || { skip "lab/$name/truncated" "no vmlinux $vml"; continue; }
	for f in vmcore.kdump.regular vmcore.filtered; do
		[ -f "$d/$f" ] || continue
		t=lab/$name/$f-truncated size=$(stat -c %s "$d/$f")
		# in the headers: the kdump header, then the bitmaps (2 blocks in)
		for cut in 300 9000; do
			head -c "$cut" "$d/$f" >"$TMP/cut"
			expect "$t/in-headers-$cut" 3 "is truncated in its kdump (header|headers and bitmaps)" \
				"$DXI_BIN" check --vmlinux "$vml" "$TMP/cut"
		done
		run_cmd "$DXI_BIN" check --json --vmlinux "$vml" "$d/$f"
		printf '%s' "$out" >"$TMP/full.json"
		for pc in 75 90 99; do
			cut=$((size * pc / 100))
			head -c "$cut" "$d/$f" >"$TMP/cut"
			run_cmd "$DXI_BIN" check --json --vmlinux "$vml" "$TMP/cut"
			printf '%s' "$out" >"$TMP/cut.json"
			if grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
				fail "$t/$pc%" "sanitizer: $(grep -m1 'Sanitizer\|runtime error' "$TMP/err")"
			elif [ "$rc" -eq 3 ] && grep -q "truncated at $cut of .*lies past its end" "$TMP/err"; then
				pass "$t/$pc% (the kernel's own data lies past the cut: exit 3, said so)"
			elif [ "$rc" -ne 1 ]; then
				fail "$t/$pc%" "exit $rc: $(head -2 "$TMP/err")"
			else
				why=$(/usr/bin/python3 - "$TMP/full.json" "$TMP/cut.json" "$cut" <<'PY'
import json, sys
full, cut, n = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
key = lambda f: json.dumps([f["check"], f.get("pfn"), f.get("inode"), f.get("index")], sort_keys=True)
have = {key(f) for f in full["findings"]}
if not any(f["check"] == "unreadable" and f"truncated at {n} of" in f["message"] for f in cut["findings"]):
    print("no 'truncated at' finding")
for f in cut["findings"]:
    if f["check"] != "unreadable" and key(f) not in have:
        print(f"finding not in the whole dump: {f['check']} {f['message'][:80]}")
        break
PY
)
				[ -z "$why" ] && pass "$t/$pc%" || fail "$t/$pc%" "$why"
			fi
		done
	done
done
