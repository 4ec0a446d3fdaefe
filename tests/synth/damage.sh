# Damaged kernel objects are findings, not aborts: tests/synth/damage/
# base.json is built clean and then with one object broken (build.py
# --damage KIND); each run must end within 20 s (a hang guard), exit 1
# with a finding that names the object -- or, for a damaged VMCOREINFO,
# recover the field from memory or say in one short line what is
# damaged -- and still show the rest of the audit.
. "$DXI_TOP/tests/lib.sh"

SYN=$DXI_TOP/tests/synth
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	skip damage "no $PY to build synthetic dumps"
	exit 0
fi

# damage NAME RC KIND [BUILD-OPTION]: builds $BASE (damage/base.json
# unless set) with --damage KIND, runs `check`; sets $out/$err; fails (and
# returns 1) on a build failure, a hang, a sanitizer report or another
# exit status.
damage() {
	local name=$1 want=$2 kind=$3 dir=$TMP/$1
	shift 3
	if ! "$PY" "$SYN/build.py" "${BASE:-$SYN/damage/base.json}" -o "$dir" \
		${kind:+--damage "$kind"} "$@" 2>"$TMP/build.err"; then
		fail "damage/$name" "build.py failed: $(head -3 "$TMP/build.err")"
		return 1
	fi
	DAXINSPECT_SYSROOT=/nonexistent timeout 20 "$DXI_BIN" check "$dir/vmcore" \
		>"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	if [ "$rc" -eq 124 ]; then
		fail "damage/$name" "no answer within 20 s (hang)"
	elif grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
		fail "damage/$name" "sanitizer report: $(grep -m1 'Sanitizer\|runtime error' "$TMP/err")"
	elif [ "$rc" -ne "$want" ]; then
		fail "damage/$name" "exit $rc, want $want; stderr: $(head -c 400 "$TMP/err")"
	else
		return 0
	fi
	return 1
}

# has NAME WHERE REGEX...: every REGEX (grep -E) is in $TMP/out or err.
has() {
	local name=$1 where=$2 re
	shift 2
	for re in "$@"; do
		if ! grep -qE -- "$re" "$TMP/$where"; then
			fail "damage/$name" "$where lacks /$re/: $(head -c 600 "$TMP/$where")"
			return 1
		fi
	done
}

# lacks NAME WHERE REGEX: REGEX is not there.
lacks() {
	if grep -qE -- "$3" "$TMP/$2"; then
		fail "damage/$1" "$2 has /$3/: $(grep -m1 -E -- "$3" "$TMP/$2" | head -c 300)"
		return 1
	fi
	return 0
}

ALL_INODES='inodes +3 DAX \(0 device-dax\) of 4 inodes on 2 superblocks'
ALL_PAGES='pages +4352 scanned'

damage clean 0 "" &&
	has clean out "$ALL_INODES" "$ALL_PAGES" 'no findings' &&
	pass damage/clean

# The last superblock links back to the first: walked once each.
damage sb-loop 1 sb-loop &&
	has sb-loop out 'bad-entry: the super_blocks list loops back to superblock 1 \(pmem0\) after 2 entries: superblock 2 \(pmem1\) links there' \
		"$ALL_INODES" "$ALL_PAGES" &&
	pass damage/sb-loop

damage inodes-loop 1 inodes-loop &&
	has inodes-loop out 'the s_inodes list of pmem0 \(xfs\) loops back to inode 1 \(ino 101\) after 3 entries: inode 3 \(ino 103\) links there' \
		"$ALL_INODES" "$ALL_PAGES" &&
	pass damage/inodes-loop

# range.end = ~0: that pgmap is a finding, the other one is scanned.
damage pgmap-range 1 pgmap-range &&
	has pgmap-range out 'dev_pagemap <address> \(FS_DAX, first pfn 0x40000\): range 0 ends at pfn 0xfffffffffffff, beyond the 2\^46-byte physical address space' \
		'pgmaps +1: FS_DAX pfns 0x50000-0x500ff' 'pages +256 scanned: idle 253, associated 3' "$ALL_INODES" &&
	pass damage/pgmap-range

damage pgmap-unmapped 1 pgmap-unmapped &&
	has pgmap-unmapped out "first pfn 0x40000\): range 0's struct page of pfn 0x13ffff has no vmemmap mapping" \
		'pgmaps +1: FS_DAX pfns 0x50000-0x500ff' 'pages +256 scanned' "$ALL_INODES" &&
	pass damage/pgmap-unmapped

# Two root slots share a child: walked once, no entries made up.
damage xa-loop 1 xa-loop && lacks xa-loop out 'mapping-mismatch' &&
	has xa-loop out 'slot 63 points back to xa_node <address>, already walked: the xarray loops' \
		'^pmem0:101 /a \(xfs\)' 'entries +5:' "$ALL_INODES" "$ALL_PAGES" &&
	pass damage/xa-loop

damage xa-self 1 xa-self &&
	has xa-self out 'slot 0 points back to xa_node <address>, already walked: the xarray loops' \
		'entries +4:' "$ALL_INODES" "$ALL_PAGES" &&
	pass damage/xa-self

# A 300-character OSRELEASE: the profile beside the dump (found by
# build-id) gives init_uts_ns, whose release is used and named.
damage osrelease-long 0 osrelease-long && lacks osrelease-long err 'A{40}' &&
	has osrelease-long err "^daxinspect: warning: VMCOREINFO's OSRELEASE is 300 characters .*; read it from init_uts_ns instead$" &&
	has osrelease-long out '^kernel +6\.12\.117\+deb12-cloud-amd64,' "$ALL_INODES" "$ALL_PAGES" &&
	pass damage/osrelease-long

# No types at all: one short line naming the field and the way out.
damage osrelease-notypes 3 osrelease-long --no-profile && lacks osrelease-notypes err 'A{40}' &&
	if [ "$(grep -c . "$TMP/err")" -ne 1 ] || [ "$(wc -c <"$TMP/err")" -gt 400 ]; then
		fail damage/osrelease-notypes "want one short line, got: $err"
	else
		has osrelease-notypes err '^daxinspect: VMCOREINFO of .* is damaged: OSRELEASE is 300 characters.*pass --vmlinux FILE or --profile FILE' &&
			pass damage/osrelease-notypes
	fi

# A malformed NUMBER(): the profile has no vmcoreinfo_data to recover it.
damage number-bad 3 number-bad &&
	if [ "$(grep -c . "$TMP/err")" -ne 1 ]; then
		fail damage/number-bad "want one line, got: $err"
	else
		has number-bad err 'VMCOREINFO of .* is damaged: NUMBER\(pgtable_l5_enabled\) is not a number \("zero"\).*vmcoreinfo_data.*--vmlinux FILE' &&
			pass damage/number-bad
	fi

# The user mappings (damage/maps.json: one file, two processes): a broken
# VMA or mm is a problem of the walk, counted on the header's mappings
# line and named by `maps`, not a finding; the rest is read, nothing is
# called stale, exit 0 as for the clean state.
BASE=$SYN/damage/maps.json
damage maps-clean 0 "" &&
	has maps-clean out '^mappings +3 user page-table leaves in 2 VMAs of the DAX inodes$' 'no findings' &&
	pass damage/maps-clean
for k in vma-loop:'i_mmap of inode pmem0:101 is damaged at rb_node <address> \(a loop' \
	vma-bad:'vm_area_struct <address> is not a mapping: vm_start 0x7f0000000000 vm_end 0x1000' \
	pgd-unreadable:'1 page tables of mm <address> \(vm_area_struct <address>\) unreadable, first at phys 0x7f000000'; do
	kind=${k%%:*}
	damage "$kind" 0 "$kind" &&
		has "$kind" out '^mappings +[0-9]+ user page-table leaves in 2 VMAs of the DAX inodes; 1 problem \(see `daxinspect maps`\)$' 'no findings' &&
		DAXINSPECT_SYSROOT=/nonexistent timeout 20 "$DXI_BIN" maps "$TMP/$kind/vmcore" >"$TMP/out" 2>&1 &&
		has "$kind" out "^problem: ${k#*:}" &&
		pass "damage/$kind"
done
unset BASE
