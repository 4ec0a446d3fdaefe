# Real-kernel dumps from the lab (tests/vm/mkdump) -- when they exist.
# For each dump directory (vmcore.elf, vmcore.kdump [flattened],
# vmcore.kdump.regular, vmcore.filtered, meta.json, groundtruth.json):
#   - differential test against the drgn oracle (tests/vm/oracle.py);
#   - the guest's ground truth;
#   - a type profile gives exactly the DWARF answers;
#   - every format of the same dump gives the same answers (filtered:
#     the same findings where the data is present, `unreadable` elsewhere);
#   - `info` agrees with crash's `sys`/`help -k` where crash can open it;
#   - `trim` keeps the answers.
# Dumps are looked for in $LAB/dumps/*/ and $DXI_LAB_DUMPS (space-separated dirs).
. "$DXI_TOP/tests/lib.sh"

dirs=$(ls -d "$LAB"/dumps/*/ 2>/dev/null; for d in ${DXI_LAB_DUMPS:-}; do echo "$d"; done)
if [ -z "$dirs" ]; then
	skip lab "no lab dumps in $LAB/dumps (make them with tests/vm/mkdump or make vmtest)"
	exit 0
fi
if [ ! -x /usr/bin/python3 ] || ! /usr/bin/python3 -c 'import drgn' 2>/dev/null; then
	skip lab "Debian's python3-drgn is not installed (/usr/bin/python3 -c 'import drgn' fails)"
	exit 0
fi

# arm64 (issue 17): the dump of a real arm64 guest, when one was made.
if ! ls -d "$LAB"/dumps/*arm64*/ >/dev/null 2>&1 && ! printf '%s\n' ${DXI_LAB_DUMPS:-} | grep -q arm64; then
	skip lab/arm64 "no arm64 lab dump in $LAB/dumps (make one, about 1 min: tests/vm/mkdump --kernel 6.12-arm64 --fs ext4 --scenario all)"
fi

# Compares two check --json files on everything but the target block.
same_json() {
	/usr/bin/python3 - "$1" "$2" "$3" <<'PY'
import json, sys
try:
    a, b = (json.load(open(p)) for p in sys.argv[1:3])
except ValueError as e:
    print(f"BAD-JSON {e}"); sys.exit()
keys = sys.argv[3].split(",")
diff = [k for k in keys if a.get(k) != b.get(k)]
print("DIFF " + ",".join(diff) if diff else "SAME")
PY
}

# The 5.10 dumps (issue 17: the era before reflink) are wanted, not just
# used when present.
ls -d "$LAB"/dumps/5.10-*/ >/dev/null 2>&1 ||
	skip lab/5.10 "no 5.10 dump in $LAB/dumps (make one: tests/vm/mkdump --kernel 5.10 --fs ext4 --scenario all, and --fs xfs)"

for d in $dirs; do
	d=${d%/}
	name=$(basename "$d")
	[ -f "$d/meta.json" ] && [ -f "$d/vmcore.elf" ] || {
		skip "lab/$name" "$d has no meta.json or vmcore.elf"
		continue
	}
	vmlinux=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["vmlinux"])' "$d/meta.json")
	if [ ! -r "$vmlinux" ]; then
		skip "lab/$name" "its vmlinux $vmlinux is gone (re-run tests/vm/mkdump)"
		continue
	fi
	run_json "lab/$name/info" "$TMP/info.json" "$DXI_BIN" info --json --vmlinux "$vmlinux" "$d/vmcore.elf" || continue
	run_json "lab/$name/check" "$TMP/elf.json" "$DXI_BIN" check --json --vmlinux "$vmlinux" "$d/vmcore.elf" || continue
	/usr/bin/python3 "$DXI_TOP/tests/vm/oracle.py" --vmlinux "$vmlinux" "$d/vmcore.elf" >"$TMP/oracle.json" 2>"$TMP/oracle.err" ||
		{ fail "lab/$name/oracle" "oracle.py failed: $(tail -2 "$TMP/oracle.err")"; continue; }
	/usr/bin/python3 "$DXI_TOP/tests/lab/compare_oracle.py" "$name" "$TMP/info.json" "$TMP/elf.json" "$TMP/oracle.json"
	# An arm64 guest's dump is read as one (not by x86 rules that happen
	# to give the same answers), and the oracle read it through libkdumpfile.
	if [ "$(jq -r '.arch // "amd64"' "$d/meta.json")" = arm64 ]; then
		r="$(jq -r .kernel.architecture "$TMP/info.json") $(jq -r .drgn_mode "$TMP/oracle.json")"
		[ "$r" = "aarch64 libkdumpfile" ] && pass "lab/$name/arm64-read-as-arm64" ||
			fail "lab/$name/arm64-read-as-arm64" "architecture and oracle mode: '$r', want 'aarch64 libkdumpfile'"
	fi
	[ -f "$d/groundtruth.json" ] &&
		/usr/bin/python3 "$DXI_TOP/tests/samples/groundtruth.py" "$name" "$d/groundtruth.json" "$TMP/elf.json" |
		sed 's|samples/|lab/|'
	/usr/bin/python3 "$DXI_TOP/tests/validate_json.py" "$TMP/info.json" "$TMP/elf.json" | sed "s|schema/|lab/$name/schema-|"

	# 5.10 (the era before reflink under DAX and before folios): the era
	# is 5.10, the xfs was made without reflink (its ground truth says
	# so) and no page reads as shared.
	case $name in
	5.10-*)
		r=$(jq -r --slurpfile gt "$d/groundtruth.json" '[.semantics.name,
			([$gt[0].records[] | select(.type == "fs") | .reflink] | tostring)] | join(" ")' "$TMP/info.json")
		s=$(jq -r '.summary.pages.shared' "$TMP/elf.json")
		[ "$r" = "5.10 [false]" ] && [ "$s" = 0 ] && pass "lab/$name/era-5.10" ||
			fail "lab/$name/era-5.10" "semantics and ground-truth reflink '$r' (want '5.10 [false]'), shared pages $s (want 0)"
		;;
	esac

	# The guest's own live analysis of /proc/kcore, taken just before the
	# dump, finds the same state (its own output files on tmpfs make the
	# inodes_scanned count differ: that one is not compared).
	# A memmap on the device (ndctl --map=dev) is not in /proc/kcore, whose
	# memory is System RAM and its vmemmap only (fs/proc/kcore.c
	# kcore_ram_list(): walk_system_ram_range(), 6.1.192 line 263): there
	# the live run must say so instead.
	if [ -f "$d/live.json" ] && [ "$(jq -r '.pmem_mode // empty' "$d/meta.json")" = fsdax-dev ]; then
		if jq -e '[.findings[] | select(.check == "unreadable" and (.message | test("--map=dev")))] | length > 0' "$d/live.json" >/dev/null; then
			pass "lab/$name/live-kcore-says-memmap-on-device"
		else
			fail "lab/$name/live-kcore-says-memmap-on-device" "the live run on /proc/kcore does not say the memmap is on the device: $(jq -c '[.findings[] | .message]' "$d/live.json" | head -c 300)"
		fi
	elif [ -f "$d/live.json" ]; then
		r=$(same_json "$TMP/elf.json" "$d/live.json" inodes,pgmaps,pages,findings)
		[ "$r" = SAME ] && pass "lab/$name/live-kcore-equals-dump" ||
			fail "lab/$name/live-kcore-equals-dump" "$r $(head -3 "$d/live.err" 2>/dev/null)"
	else
		skip "lab/$name/live-kcore-equals-dump" "the dump was made without a daxinspect binary in the guest (no live.json)"
	fi

	# A vmlinux of another build is refused, naming both build-ids.
	other=$(ls "$LAB"/kernels/*/vmlinux 2>/dev/null | grep -v -F "$vmlinux" | head -1)
	if [ -n "$other" ]; then
		other_re=$(printf '%s' "$other" | sed 's/[.+]/\\&/g')
		expect "lab/$name/vmlinux-of-another-build" 3 \
			"vmlinux $other_re has build-id [0-9a-f]+, but the dump's kernel .* has build-id [0-9a-f]+; install linux-image-.*-dbg" \
			"$DXI_BIN" info --vmlinux "$other" "$d/vmcore.elf"
	fi

	# The type profile path answers exactly as DWARF does.
	"$DXI_BIN" profile extract --vmlinux "$vmlinux" -o "$TMP/p.profile"
	run_json "lab/$name/profile-equals-dwarf" "$TMP/prof.json" "$DXI_BIN" check --json --profile "$TMP/p.profile" "$d/vmcore.elf" &&
	r=$(same_json "$TMP/elf.json" "$TMP/prof.json" summary,inodes,pgmaps,pages,findings)
	[ "$r" = SAME ] && pass "lab/$name/profile-equals-dwarf" || fail "lab/$name/profile-equals-dwarf" "$r"

	# The dump's own BTF + kallsyms answer exactly as DWARF does -- when
	# VMCOREINFO locates kallsyms (SYMBOL(kallsyms_names), 6.0+; 5.10 has
	# BTF but not that, and --types btf must then refuse, cli/btf tests).
	if ! /usr/bin/python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import oracle
sys.exit("SYMBOL(kallsyms_names)=" not in (oracle.vmcoreinfo_from_elf(sys.argv[2]) or ""))' \
		"$DXI_TOP/tests/vm" "$d/vmcore.elf"; then
		skip "lab/$name/btf-equals-dwarf" "its VMCOREINFO has no SYMBOL(kallsyms_names) (before 6.0): symbols cannot come from the dump"
	else
		r=
		run_json "lab/$name/btf-equals-dwarf" "$TMP/btf.json" "$DXI_BIN" check --json --types btf "$d/vmcore.elf" &&
		r=$(same_json "$TMP/elf.json" "$TMP/btf.json" summary,inodes,pgmaps,pages,findings)
		[ -z "$r" ] || { [ "$r" = SAME ] && pass "lab/$name/btf-equals-dwarf" || fail "lab/$name/btf-equals-dwarf" "$r"; }
	fi

	# Every format of the dump answers the same.
	for f in vmcore.kdump vmcore.kdump.regular; do
		[ -f "$d/$f" ] || { skip "lab/$name/format-$f" "not made"; continue; }
		run_json "lab/$name/format-$f" "$TMP/f.json" "$DXI_BIN" check --json --vmlinux "$vmlinux" "$d/$f" || continue
		r=$(same_json "$TMP/elf.json" "$TMP/f.json" summary,inodes,pgmaps,pages,findings)
		[ "$r" = SAME ] && pass "lab/$name/format-$f" || fail "lab/$name/format-$f" "$r"
	done
	# A makedumpfile -d 31 dump: a struct page it lacks must be one it
	# had reason to drop (a vmemmap page is kernel data, so only an
	# all-zero one goes), every struct page it has decodes as in the
	# full dump, and no finding is one the full dump does not have.
	# The page scan's fast path (idle pages equal to an idle neighbour are
	# only counted) agrees with the full decode of --all-pages.
	run_json "lab/$name/fast-path" "$TMP/full-all.json" "$DXI_BIN" check --json --all-pages --vmlinux "$vmlinux" "$d/vmcore.elf" &&
	if r=$(/usr/bin/python3 "$DXI_TOP/tests/synth/fastpath.py" "$TMP/elf.json" "$TMP/full-all.json"); then
		pass "lab/$name/fast-path"
	else
		fail "lab/$name/fast-path" "$r"
	fi
	if [ -f "$d/vmcore.filtered" ]; then
		run_json "lab/$name/filtered-full" "$TMP/full-all.json" "$DXI_BIN" check --json --all-pages --vmlinux "$vmlinux" "$d/vmcore.elf" &&
		run_json "lab/$name/filtered" "$TMP/filt.json" "$DXI_BIN" check --json --all-pages --vmlinux "$vmlinux" "$d/vmcore.filtered" &&
		/usr/bin/python3 "$DXI_TOP/tests/lab/filtered.py" "$TMP/full-all.json" "$TMP/filt.json" |
			sed "s|^|X |; s|^X PASS |PASS lab/$name/filtered |; s|^X FAIL |FAIL lab/$name/filtered: |"
		# Over-filtered (makedumpfile 1.7.2 on 6.2+ drops slab pages at
		# -d 31): the report says why and the way out, once, exits 1,
		# and still audits every struct page of the full dump's pgmaps.
		"$DXI_BIN" check --vmlinux "$vmlinux" "$d/vmcore.filtered" >"$TMP/filt.txt" 2>&1
		st=$?
		/usr/bin/python3 "$DXI_TOP/tests/lab/overfiltered.py" "$name" "$TMP/full-all.json" "$TMP/filt.json" "$TMP/filt.txt" "$st"
		case $name in
		6.12-*|7.3-*) grep -q "filtered the dump too much" "$TMP/filt.txt" ||
			fail "lab/$name/overfiltered-said" "the $name -d 31 dump (makedumpfile 1.7.2) is over-filtered but the report does not say so" ;;
		esac
	fi

	# trim keeps the answers.
	run_json "lab/$name/trim" "$TMP/trim.out" "$DXI_BIN" trim --vmlinux "$vmlinux" "$d/vmcore.elf" -o "$TMP/trim.elf" &&
	run_json "lab/$name/trim-keeps-answers" "$TMP/trim.json" "$DXI_BIN" check --json --vmlinux "$vmlinux" "$TMP/trim.elf" &&
	r=$(same_json "$TMP/elf.json" "$TMP/trim.json" summary,inodes,pgmaps,pages,findings)
	[ "$r" = SAME ] && pass "lab/$name/trim-keeps-answers" || fail "lab/$name/trim-keeps-answers" "$r"
	rm -f "$TMP/trim.elf"

	# crash (8.0.2 opens 6.1 dumps only) agrees on the release and KASLR.
	if command -v crash >/dev/null && printf 'sys\nhelp -k\nq\n' |
		timeout 120 crash -s "$vmlinux" "$d/vmcore.elf" >"$TMP/crash.out" 2>&1 &&
		grep -q 'RELEASE:' "$TMP/crash.out"; then
		/usr/bin/python3 - "$TMP/info.json" "$TMP/crash.out" <<'PY' | sed "s|^|X |; s|^X PASS|PASS lab/$name/crash-agrees|; s|^X FAIL|FAIL lab/$name/crash-agrees:|"
import json, re, sys
info = json.load(open(sys.argv[1]))["kernel"]
out = open(sys.argv[2]).read()
rel = re.search(r"RELEASE: (\S+)", out).group(1)
m = re.search(r"KASLR offset: (\S+)", out)
kaslr = int(m.group(1), 16) if m else 0
mine = int(info["kaslr_offset"], 16)
if rel != info["release"] or kaslr != mine:
    print(f"FAIL crash: release {rel} kaslr {kaslr:#x}; daxinspect: {info['release']} {mine:#x}")
else:
    print("PASS")
PY
	else
		skip "lab/$name/crash-agrees" "crash cannot open this dump (crash 8.0.2 reads 6.1 only)"
	fi
done
