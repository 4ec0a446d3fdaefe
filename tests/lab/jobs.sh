# -j N gives the output of -j 1 on every lab dump (issue 16): each dump
# directory's files (the QMP snapshot's ELF, kdump and filtered copies,
# the kdump captures) are checked with -j 1, 2 and 3, as text and as
# --json, and must agree byte for byte (tests/jobs_lib.sh). The types
# come from a profile extracted once per dump.
. "$DXI_TOP/tests/lib.sh"
. "$DXI_TOP/tests/jobs_lib.sh"

dirs=$(ls -d "$LAB"/dumps/*/ 2>/dev/null; for d in ${DXI_LAB_DUMPS:-}; do echo "$d"; done)
if [ -z "$dirs" ]; then
	skip lab-jobs "no lab dumps in $LAB/dumps (make them with tests/vm/mkdump or make vmtest)"
	exit 0
fi

for d in $dirs; do
	d=${d%/}
	name=$(basename "$d")
	if [ ! -f "$d/meta.json" ]; then
		skip "lab-jobs/$name" "$d has no meta.json"
		continue
	fi
	vmlinux=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["vmlinux"])' "$d/meta.json")
	if [ ! -r "$vmlinux" ]; then
		skip "lab-jobs/$name" "its vmlinux $vmlinux is gone (re-run tests/vm/mkdump)"
		continue
	fi
	if ! "$DXI_BIN" profile extract --vmlinux "$vmlinux" -o "$TMP/profile" >/dev/null 2>"$TMP/profile.err"; then
		fail "lab-jobs/$name" "profile extract: $(head -2 "$TMP/profile.err")"
		continue
	fi
	n=0
	for f in vmcore.elf vmcore.kdump.regular vmcore.filtered kdump.elf kdump-*.kdump; do
		[ -f "$d/$f" ] || continue
		n=$((n + 1))
		same_jobs "lab-jobs/$name/$f" --profile "$TMP/profile" "$d/$f"
	done
	[ "$n" -gt 0 ] || skip "lab-jobs/$name" "no dump file in $d"
done
