# BTF-only dumps: every tests/synth/cases-btf/*.json (layouts made from a
# kernel's BTF alone, 7.0) is built with its BTF blob at __start_BTF and
# kallsyms tables named in VMCOREINFO, no profile beside it, and audited
# with `--types btf` and DAXINSPECT_SYSROOT=/nonexistent (nothing but the
# dump itself); findings must equal the case's hand-written "expect".
# Also: `profile extract --btf` against the committed layouts, and
# (with the lab's kernels) against a DWARF profile of the same kernel.
. "$DXI_TOP/tests/lib.sh"

SYN=$DXI_TOP/tests/synth
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	skip synth-btf "no $PY to build synthetic dumps"
	exit 0
fi
export DAXINSPECT_SYSROOT=/nonexistent

for c in "$SYN"/cases-btf/*.json; do
	name=$(basename "$c" .json)
	dir=$TMP/$name
	if ! "$PY" "$SYN/build.py" --no-profile "$c" -o "$dir" 2>"$TMP/build.err"; then
		fail "synth-btf/$name" "build.py failed: $(head -3 "$TMP/build.err")"
		continue
	fi
	want_rc=$("$PY" -c 'import json,sys; print(int(any(e["severity"] != "info" for e in json.load(open(sys.argv[1]))["expect"])))' "$c")
	run_cmd "$DXI_BIN" check --json --types btf "$dir/vmcore"
	if [ "$rc" -eq 124 ]; then
		fail "synth-btf/$name" "timed out (hang)"
	elif grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
		fail "synth-btf/$name" "sanitizer report: $(grep -m1 'Sanitizer\|runtime error' "$TMP/err")"
	elif ls "$dir"/*.profile >/dev/null 2>&1; then
		fail "synth-btf/$name" "a profile lies beside the dump"
	elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		fail "synth-btf/$name" "exit $rc: $err"
	elif [ "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["target"]["types"])' "$TMP/out" 2>/dev/null)" != btf ]; then
		fail "synth-btf/$name" "types did not come from the dump's BTF"
	elif ! cmp=$("$PY" "$SYN/compare.py" "$c" "$TMP/out"); then
		fail "synth-btf/$name" "$cmp"
	elif [ "$rc" -ne "$want_rc" ]; then
		fail "synth-btf/$name" "exit $rc, want $want_rc"
	else
		pass "synth-btf/$name"
	fi
	rm -rf "$dir"
done

# The facts of a profile, without its build-id/release/source header.
facts() { grep -v '^\(build-id\|release\|source\)	' "$1"; }

# `profile extract --btf` on the committed raw 7.0 blob gives the
# committed 7.0 layout (made from the ELF vmlinux: same .BTF section).
blob=$TMP/7.0.btf
xz -dc "$DXI_TOP/tests/btf/7.0.13+deb13-cloud-amd64.btf.xz" >"$blob"
run_cmd "$DXI_BIN" profile extract -o "$TMP/7.0.profile" --btf "$blob"
if [ "$rc" -ne 0 ]; then
	fail "btf/profile-raw-blob" "exit $rc: $err"
elif ! d=$(diff <(facts "$TMP/7.0.profile") <(facts "$SYN/layouts/7.0.profile")); then
	fail "btf/profile-raw-blob" "differs from layouts/7.0.profile: $(echo "$d" | head -4)"
elif ! grep -q '^build-id	$' "$TMP/7.0.profile"; then
	fail "btf/profile-raw-blob" "a raw blob has no build-id, yet one was written"
else
	pass "btf/profile-raw-blob"
fi

expect "btf/profile-sysmap-without-btf" 2 'usage' \
	"$DXI_BIN" profile extract -o "$TMP/x.profile" -- --system-map "$blob"
expect "btf/profile-btf-and-vmlinux" 2 'usage' \
	"$DXI_BIN" profile extract --vmlinux "$blob" -o "$TMP/x.profile" --btf "$blob"
printf 'not a btf blob' >"$TMP/junk"
expect "btf/profile-not-btf" 3 'neither a BTF blob' \
	"$DXI_BIN" profile extract -o "$TMP/x.profile" --btf "$TMP/junk"

# With the lab's 7.3 -dbg vmlinux: BTF + System.map (nm) must give the
# DWARF profile of the same kernel, fact for fact.
v73=$(ls -d "$LAB"/kernels/7.3.*/vmlinux 2>/dev/null | head -1)
if [ -z "$v73" ] || ! command -v nm >/dev/null; then
	skip "btf/profile-7.3-btf-equals-dwarf" "no 7.3 vmlinux in $LAB/kernels (tests/vm/mkdump --kernel 7.3) or no nm"
else
	nm "$v73" >"$TMP/System.map"
	run_cmd "$DXI_BIN" profile extract -o "$TMP/73b.profile" --btf "$v73" --system-map "$TMP/System.map"
	run2=$rc
	run_cmd "$DXI_BIN" profile extract --vmlinux "$v73" -o "$TMP/73d.profile"
	if [ "$run2" -ne 0 ] || [ "$rc" -ne 0 ]; then
		fail "btf/profile-7.3-btf-equals-dwarf" "extract failed: $err"
	elif ! d=$(diff <(facts "$TMP/73b.profile") <(facts "$TMP/73d.profile")); then
		fail "btf/profile-7.3-btf-equals-dwarf" "$(echo "$d" | head -6)"
	elif [ "$(grep '^build-id' "$TMP/73b.profile")" != "$(grep '^build-id' "$TMP/73d.profile")" ]; then
		fail "btf/profile-7.3-btf-equals-dwarf" "build-ids differ"
	else
		pass "btf/profile-7.3-btf-equals-dwarf"
	fi
fi

# With the 7.0/7.1 vmlinux unpacked by tests/btf/mklayouts.sh: the ELF
# path gives the committed layouts (build-id and release included).
for mm in 7.0 7.1; do
	v=$(ls -d "$LAB"/kernels-btf/$mm.*/vmlinux 2>/dev/null | head -1)
	if [ -z "$v" ]; then
		skip "btf/profile-$mm-vmlinux" "no $LAB/kernels-btf/$mm.*/vmlinux (tests/btf/mklayouts.sh downloads and unpacks it)"
		continue
	fi
	run_cmd "$DXI_BIN" profile extract -o "$TMP/$mm.profile" --btf "$v"
	if [ "$rc" -ne 0 ]; then
		fail "btf/profile-$mm-vmlinux" "exit $rc: $err"
	elif ! d=$(diff <(grep -v '^source' "$TMP/$mm.profile") <(grep -v '^source' "$SYN/layouts/$mm.profile")); then
		fail "btf/profile-$mm-vmlinux" "$(echo "$d" | head -4)"
	else
		pass "btf/profile-$mm-vmlinux"
	fi
done
