# Equivalence of built and real dumps: "for 6.1, 6.12 and 7.3, a built
# dump and a real dump of an equivalent state decode identically (same
# entries, same page states, same findings)". Each real dump's
# `check --json --all-pages --addresses` is turned into a builder
# description (tests/synth/from_check.py convert), built with the same
# type profile, and `check --json --all-pages` of both must agree on
# target release/build-id/semantics, inodes (dev, ino, path, entries, ...),
# pgmaps, every page, findings and the summary (from_check.py compare;
# summary.superblocks, summary.inodes_scanned and summary.mappings are
# ignored: the builder lays out only the DAX inodes and their superblocks,
# not the processes that map them).
# Real dumps: the bundled samples (build/samples, profiles beside them)
# and, when present, the lab's ELF dumps (profile extracted from the
# vmlinux meta.json names; only min-* and *-kaslr unless DXI_EQUIV_ALL=1).
. "$DXI_TOP/tests/lib.sh"

SYN=$DXI_TOP/tests/synth
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	skip equivalence "no $PY to build synthetic dumps"
	exit 0
fi

# equiv NAME DUMP PROFILE [--vmlinux F]: the real dump is read with the
# rest of the arguments (its own debuginfo), the built one with PROFILE.
equiv() {
	local name=$1 dump=$2 prof=$3 w=$TMP/eq
	shift 3
	rm -rf "$w"
	mkdir -p "$w"
	run_cmd "$DXI_BIN" check --json --all-pages --addresses "$@" "$dump"
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		fail "$name" "the real dump: exit $rc: $err"
		return
	fi
	cp "$TMP/out" "$w/real-a.json"
	run_cmd "$DXI_BIN" check --json --all-pages "$@" "$dump"
	cp "$TMP/out" "$w/real.json"
	run_cmd "$DXI_BIN" info --json "$@" "$dump"
	cp "$TMP/out" "$w/info.json"
	if ! "$PY" "$SYN/from_check.py" convert "$w/real-a.json" --layout "$prof" \
		--info "$w/info.json" -o "$w/desc.json" 2>"$w/err" ||
	   ! "$PY" "$SYN/build.py" "$w/desc.json" -o "$w/built" 2>>"$w/err"; then
		fail "$name" "convert/build failed: $(head -3 "$w/err")"
		return
	fi
	run_cmd "$DXI_BIN" check --json --all-pages "$w/built/vmcore"
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		fail "$name" "the built dump: exit $rc: $err"
	elif grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
		fail "$name" "sanitizer: $(grep -m1 'Sanitizer\|runtime error' "$TMP/err")"
	elif ! d=$("$PY" "$SYN/from_check.py" compare "$w/real.json" "$TMP/out"); then
		fail "$name" "$(echo "$d" | head -5 | tr '\n' ';')"
	else
		pass "$name"
	fi
	rm -rf "$w"
}

S=$DXI_TOP/build/samples
if ! ls "$S"/*/vmcore >/dev/null 2>&1; then
	skip equivalence/samples "no unpacked samples in $S (run make samples)"
else
	for dir in "$S"/*/; do
		name=$(basename "$dir")
		arch=$("$DXI_BIN" info --json "$dir/vmcore" 2>/dev/null | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["kernel"]["architecture"])' 2>/dev/null)
		if [ "$arch" != x86_64 ]; then
			skip "equivalence/sample/$name" "its architecture is ${arch:-unknown}: build.py lays out x86-64 dumps only"
			continue
		fi
		# The profile is beside the sample: found by build-id.
		equiv "equivalence/sample/$name" "$dir/vmcore" "$dir/vmcore.profile"
	done
fi

if ! ls "$LAB"/dumps/*/meta.json >/dev/null 2>&1; then
	skip equivalence/lab "no lab dumps in $LAB/dumps (tests/vm/mkdump)"
	exit 0
fi
declare -A profiles
for dir in "$LAB"/dumps/*/; do
	name=$(basename "$dir")
	# By default the small (min-*) and KASLR dumps; all with DXI_EQUIV_ALL=1
	# (the 1-2 GB ones add ~40 s).
	case "$name" in
	min-*|*-kaslr) ;;
	*) [ -n "${DXI_EQUIV_ALL:-}" ] || continue ;;
	esac
	dump=$dir/vmcore.elf
	vml=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("vmlinux", ""))' "$dir/meta.json" 2>/dev/null)
	if [ ! -f "$dump" ] || [ -z "$vml" ] || [ ! -f "$vml" ]; then
		skip "equivalence/lab/$name" "no vmcore.elf or no vmlinux ($vml) in $dir"
		continue
	fi
	prof=${profiles[$vml]:-}
	if [ -z "$prof" ]; then
		prof=$TMP/lab-${#profiles[@]}.profile
		if ! "$DXI_BIN" profile extract --vmlinux "$vml" -o "$prof" 2>"$TMP/err"; then
			fail "equivalence/lab/$name" "profile extract --vmlinux $vml: $(cat "$TMP/err")"
			continue
		fi
		profiles[$vml]=$prof
	fi
	equiv "equivalence/lab/$name" "$dump" "$prof" --vmlinux "$vml"
done
