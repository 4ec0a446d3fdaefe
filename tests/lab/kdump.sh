# Real kdump captures from the lab (tests/vm/mkdump --capture kdump), when
# they exist. Each such directory has the QMP snapshot taken just before the
# trigger (vmcore.elf), the capture kernel's makedumpfile copies and plain
# ELF copy of /proc/vmcore (meta.json "captures"), its dmesg.txt
# (makedumpfile --dump-dmesg /proc/vmcore) and console.log (both kernels).
#   - a capture at -d 23, at -d 0, and the ELF copy audit exactly as the
#     snapshot (tests/lab/kdump.py says what is normalised, and why);
#   - a -d 31 capture of 6.12 or 7.3 exits 1 and says the dump was
#     filtered: makedumpfile 1.7.2 ("The kernel version is not supported",
#     which it says of 6.1 too) drops slab pages there as user pages; on
#     6.1 it audits as the snapshot too;
#   - with --pmem-mode fsdax-dev (ndctl --map=dev: the memmap is on the
#     device, which kdump does not save) every capture exits 1 and names
#     --map=dev;
#   - without a snapshot (trigger warn: the panic comes during the
#     scenario) the reference is the capture's own unfiltered ELF copy;
#   - a DAX WARNING of the console (the warn trigger's) is a dax_event of
#     `info`, with its file, line, function and PID; on 6.1 xfs the
#     faulting file's locked entry names that WARN and the known bug
#     xfs-dax-read-shared-warn;
#   - `log` of every capture equals the capture kernel's --dump-dmesg;
#   - `info` names the panic the console shows; the snapshot has none.
. "$DXI_TOP/tests/lib.sh"

dirs=$(for d in "$LAB"/dumps/*/; do
	[ -f "$d/meta.json" ] && [ "$(jq -r '.capture // "snapshot"' "$d/meta.json" 2>/dev/null)" = kdump ] && echo "${d%/}"
done)
if [ -z "$dirs" ]; then
	skip lab/kdump "no kdump capture in $LAB/dumps (make one: tests/vm/mkdump --kernel 6.1 --fs ext4 --capture kdump)"
	exit 0
fi

for d in $dirs; do
	name=$(basename "$d")
	vml=$(jq -r .vmlinux "$d/meta.json")
	series=$(jq -r .kernel "$d/meta.json")
	pmode=$(jq -r '.pmem_mode // "raw"' "$d/meta.json")
	[ -r "$vml" ] || { skip "lab/$name" "its vmlinux $vml is gone (re-run tests/vm/mkdump)"; continue; }
	caps=$(jq -r '.captures[] | "\(.file) \(.dump_level // "elf")"' "$d/meta.json")
	[ -n "$caps" ] || { fail "lab/$name" "meta.json lists no captures"; continue; }
	want_panic=$(jq -r '.panic.message // empty' "$d/meta.json")
	# the console is the ground truth; meta.json's parse of it must agree
	if [ -z "$want_panic" ] || ! grep -aqF "Kernel panic - not syncing: $want_panic" "$d/console.log"; then
		fail "lab/$name/panic-on-console" "meta.json's panic '$want_panic' is not a 'Kernel panic - not syncing' line of console.log"
		continue
	fi
	snap=
	if [ "$(jq -r '.snapshot // empty' "$d/meta.json")" = vmcore.elf ] && [ -f "$d/vmcore.elf" ]; then
		snap=$d/vmcore.elf
		run_json "lab/$name/snapshot" "$TMP/snap.json" "$DXI_BIN" check --json --vmlinux "$vml" "$snap" || snap=
		if [ -n "$snap" ]; then
			run_json "lab/$name/snapshot-info" "$TMP/sinfo.json" "$DXI_BIN" info --json --vmlinux "$vml" "$snap" &&
			if [ "$(jq -r .kernel_log.panic "$TMP/sinfo.json")" = null ]; then
				pass "lab/$name/snapshot-has-no-panic"
			else
				fail "lab/$name/snapshot-has-no-panic" "info of the pre-trigger snapshot names a panic: $(jq -r .kernel_log.panic "$TMP/sinfo.json")"
			fi
		fi
	fi
	ref=snapshot
	if [ -z "$snap" ] && [ -f "$d/kdump.elf" ]; then
		ref=kdump.elf
		run_json "lab/$name/kdump.elf/check" "$TMP/snap.json" "$DXI_BIN" check --json --vmlinux "$vml" "$d/kdump.elf" && snap=$d/kdump.elf
	fi
	while read -r cap level; do
		t=lab/$name/$cap
		[ -f "$d/$cap" ] || { fail "$t" "listed in meta.json but absent"; continue; }
		run_json "$t/check" "$TMP/cap.json" "$DXI_BIN" check --json --vmlinux "$vml" "$d/$cap" || continue
		cst=$st
		if [ "$pmode" = fsdax-dev ]; then
			"$DXI_BIN" check --vmlinux "$vml" "$d/$cap" >"$TMP/cap.txt" 2>&1
			if [ "$cst" -ne 1 ]; then
				fail "$t/memmap-on-device" "exit $cst, want 1 (the pgmap's struct pages are on the device, absent from a kdump capture)"
			elif ! grep -q -- '--map=dev' "$TMP/cap.txt"; then
				fail "$t/memmap-on-device" "exit 1, but the report does not name --map=dev: $(grep -m2 'unreadable' "$TMP/cap.txt" | tr '\n' '|')"
			else
				pass "$t/memmap-on-device"
			fi
		elif [ "$level" = 31 ] && [ "$series" != 6.1 ]; then
			# makedumpfile 1.7.2 does not know this kernel: -d 31 loses slab
			# objects; the audit must fail and say that filtering is why
			"$DXI_BIN" check --vmlinux "$vml" "$d/$cap" >"$TMP/cap.txt" 2>&1
			if [ "$cst" -ne 1 ]; then
				fail "$t/over-filtered" "exit $cst, want 1 (a -d 31 capture of $series by makedumpfile 1.7.2 lacks slab objects)"
			elif ! grep -q "makedumpfile -d 31 filtered the dump too much" "$TMP/cap.txt" ||
				! grep -q "re-capture with makedumpfile -d 23" "$TMP/cap.txt"; then
				fail "$t/over-filtered" "exit 1, but the report does not name the filtering as the cause and -d 23 as the way out: $(grep -m2 -i 'unreadable' "$TMP/cap.txt" | tr '\n' '|')"
			else
				pass "$t/over-filtered"
			fi
		elif [ -z "$snap" ]; then
			skip "$t/equals-snapshot" "no pre-trigger snapshot ($(jq -r '.snapshot_note // "none"' "$d/meta.json")) and no kdump.elf"
		elif [ "$d/$cap" != "$snap" ]; then
			/usr/bin/python3 "$DXI_TOP/tests/lab/kdump.py" "$TMP/snap.json" "$TMP/cap.json" |
				sed "s|^|X |; s|^X PASS |PASS $t/equals-$ref |; s|^X FAIL |FAIL $t/equals-$ref: |"
		fi
		# the warn trigger on 6.1 xfs: the locked entry of the fault that
		# warned names the WARN and the known bug
		if [ "$(jq -r '.trigger // empty' "$d/meta.json")" = warn ] && [ "$series" = 6.1 ]; then
			"$DXI_BIN" check --vmlinux "$vml" "$d/$cap" >"$TMP/cap.txt" 2>&1
			if ! jq -e '[.findings[] | select(.check == "bad-entry" and .known_bug.id == "xfs-dax-read-shared-warn")] | length == 1' "$TMP/cap.json" >/dev/null; then
				fail "$t/warn-known-bug" "no bad-entry finding matched to xfs-dax-read-shared-warn: $(jq -c '[.findings[] | {check, known_bug: .known_bug.id}]' "$TMP/cap.json")"
			elif ! grep -A4 'bad-entry' "$TMP/cap.txt" | grep -q 'the kernel warned: WARNING at fs/dax.c:380 in dax_insert_entry'; then
				fail "$t/warn-known-bug" "the bad-entry finding does not name the WARN at fs/dax.c:380: $(grep -A4 'bad-entry' "$TMP/cap.txt" | tr '\n' '|')"
			else
				pass "$t/warn-known-bug"
			fi
		fi
		# the log: byte-identical to the capture kernel's own --dump-dmesg
		run_cmd "$DXI_BIN" log "$d/$cap"
		if [ "$rc" -ne 0 ]; then
			fail "$t/log" "exit $rc: $err"
		elif ! cmp -s "$TMP/out" "$d/dmesg.txt"; then
			fail "$t/log" "differs from the capture kernel's makedumpfile --dump-dmesg: $(diff "$TMP/out" "$d/dmesg.txt" | head -4 | tr '\n' '|')"
		else
			pass "$t/log"
		fi
		# info names the panic of the console
		run_json "$t/info" "$TMP/info.json" "$DXI_BIN" info --json --vmlinux "$vml" "$d/$cap" || continue
		got=$(jq -r '.kernel_log.panic // "null"' "$TMP/info.json")
		case "$got" in
		*"$want_panic"*) pass "$t/info-panic" ;;
		*) fail "$t/info-panic" "info says panic '$got', the console says '$want_panic'" ;;
		esac
		w=$(jq -c '.panic.warning // empty | select(.file | test("^(fs/dax.c|mm/memremap.c|mm/gup.c|drivers/dax/|drivers/nvdimm/)"))' "$d/meta.json")
		if [ -n "$w" ]; then
			if jq -e --argjson w "$w" '[.kernel_log.dax_events[] | select(.file == $w.file and .line == $w.lineno and .function == $w.function and .pid == $w.pid)] | length > 0' "$TMP/info.json" >/dev/null; then
				pass "$t/info-dax-warning"
			else
				fail "$t/info-dax-warning" "the console's $(jq -r .line <<<"$w") is not among info's dax_events"
			fi
		fi
	done <<<"$caps"
done
