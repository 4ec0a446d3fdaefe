# The O_DIRECT-vs-truncate dump (tests/vm/mkdump --scenario pin, dumps
# named *-pin): the busy-page finding names the pinned pfn, its refcount
# (the read's GUP reference) and the blocked truncating task, in check
# --json and the text report, on the full and the filtered dump; the drgn
# oracle agrees (tests/lab/pin.py).
. "$DXI_TOP/tests/lib.sh"

dirs=$(ls -d "$LAB"/dumps/*-pin/ 2>/dev/null; for d in ${DXI_LAB_DUMPS:-}; do case $d in *-pin | *-pin/) echo "$d" ;; esac; done)
if [ -z "$dirs" ]; then
	skip lab/pin "no pin dump in $LAB/dumps (make one: tests/vm/mkdump --kernel 6.1 --fs ext4 --scenario pin)"
	exit 0
fi
if ! /usr/bin/python3 -c 'import drgn' 2>/dev/null; then
	skip lab/pin "Debian's python3-drgn is not installed (/usr/bin/python3 -c 'import drgn' fails)"
	exit 0
fi
for d in $dirs; do
	d=${d%/}
	name=$(basename "$d")
	[ -f "$d/meta.json" ] && [ -f "$d/vmcore.elf" ] && [ -f "$d/groundtruth.json" ] || {
		skip "lab/$name/pin" "$d has no meta.json, vmcore.elf or groundtruth.json"
		continue
	}
	vmlinux=$(jq -r .vmlinux "$d/meta.json")
	[ -r "$vmlinux" ] || { skip "lab/$name/pin" "its vmlinux $vmlinux is gone"; continue; }
	run_json "lab/$name/pin-check" "$TMP/pin.json" "$DXI_BIN" check --json --vmlinux "$vmlinux" "$d/vmcore.elf" || continue
	run_json "lab/$name/pin-check-text" "$TMP/pin.txt" "$DXI_BIN" check --vmlinux "$vmlinux" "$d/vmcore.elf" || continue
	/usr/bin/python3 "$DXI_TOP/tests/lab/pin.py" "$name" "$TMP/pin.json" "$TMP/pin.txt" \
		"$d/groundtruth.json" "$d/meta.json" "$d/vmcore.elf" "$vmlinux"
	# The filtered dump (makedumpfile -d 31 keeps kernel stacks and the
	# wait table) and the dump's own BTF + kallsyms name the same waiters.
	for v in "filtered:--vmlinux $vmlinux $d/vmcore.filtered" "btf:--types btf $d/vmcore.elf"; do
		[ "${v%%:*}" = filtered ] && [ ! -f "$d/vmcore.filtered" ] && { skip "lab/$name/pin-waiters-filtered" "no vmcore.filtered"; continue; }
		# shellcheck disable=SC2086
		run_json "lab/$name/pin-waiters-${v%%:*}" "$TMP/pin2.json" "$DXI_BIN" check --json ${v#*:} || continue
		# makedumpfile 1.7.2 drops slab pages of 6.2+ at -d 31 (lab.sh's
		# over-filtered test): the task_struct is gone there, the wait
		# entry and its key are not.
		sel='{pfn, waiters}'
		case $name in 6.1-*) ;; *) [ "${v%%:*}" = filtered ] && sel='{pfn, waiters: [.waiters[]? | {pfn, key, wait}]}' ;; esac
		a=$(jq -c "[.findings[] | select(.check == \"busy-page\") | $sel]" "$TMP/pin.json")
		b=$(jq -c "[.findings[] | select(.check == \"busy-page\") | $sel]" "$TMP/pin2.json")
		if [ "$a" = "$b" ] && [ "$a" != "[]" ]; then
			pass "lab/$name/pin-waiters-${v%%:*}"
		else
			fail "lab/$name/pin-waiters-${v%%:*}" "elf+dwarf: $a; ${v%%:*}: $b"
		fi
	done
done
