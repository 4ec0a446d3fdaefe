# Copies cut short (a partial scp, a full disk), of every sample:
#  - a cut inside the ELF header, program headers or notes exits 3 with
#    one line that says "truncated" (libkdumpfile 0.5.1 would SIGBUS);
#  - a cut inside the page data is analysed as far as the file goes:
#    exit 1, a finding "truncated at N of M bytes", and the JSON valid;
#  - no cut anywhere (a sweep of 24 points) kills the tool or hangs it.
. "$DXI_TOP/tests/lib.sh"
S=$DXI_TOP/build/samples
VALIDATE=$DXI_TOP/tests/validate_json.py
[ -d "$S" ] || { skip samples/truncated "no $S (make samples)"; exit 0; }

# The end of the last PT_NOTE, and of the program headers, of an ELF file.
elf_ends() {
	/usr/bin/python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read(1 << 20)
phoff, = struct.unpack_from("<Q", d, 32)
phnum, = struct.unpack_from("<H", d, 56)
notes = 0
for i in range(phnum):
    t, = struct.unpack_from("<I", d, phoff + 56 * i)
    off, = struct.unpack_from("<Q", d, phoff + 56 * i + 8)
    fsz, = struct.unpack_from("<Q", d, phoff + 56 * i + 32)
    if t == 4:
        notes = max(notes, off + fsz)
print(phoff + 56 * phnum, notes)
PY
}

for dir in "$S"/*/; do
	name=$(basename "$dir") core=$dir/vmcore prof=$dir/vmcore.profile
	size=$(stat -c %s "$core")
	read -r phend notes < <(elf_ends "$core")
	for cut in 40 $((phend - 8)) $((notes - 100)); do
		head -c "$cut" "$core" >"$TMP/cut"
		expect "samples/$name/cut-in-headers-$cut" 3 "$TMP/cut is truncated in its (ELF header|program headers|notes): it has $cut bytes" \
			"$DXI_BIN" check --profile "$prof" "$TMP/cut"
	done
	for pc in 50 75 90 99; do
		cut=$((size * pc / 100))
		head -c "$cut" "$core" >"$TMP/cut"
		t=samples/$name/cut-in-data-$pc%
		run_cmd "$DXI_BIN" check --profile "$prof" "$TMP/cut"
		if [ "$rc" -ne 1 ]; then
			fail "$t" "exit $rc, want 1 (analysed as far as it goes); stderr: $err"
		elif grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
			fail "$t" "sanitizer report"
		elif ! grep -q "error   unreadable: the dump file is truncated at $cut of [0-9]* bytes" "$TMP/out"; then
			fail "$t" "no 'truncated at $cut of M bytes' finding: $(head -8 "$TMP/out" | tr '\n' '|')"
		else
			pass "$t"
		fi
		run_cmd "$DXI_BIN" check --json --profile "$prof" "$TMP/cut"
		if [ "$rc" -eq 1 ] && printf '%s' "$out" >"$TMP/cut.json" &&
			/usr/bin/python3 "$VALIDATE" "$TMP/cut.json" | grep -q '^PASS' &&
			jq -e '.findings | map(select(.message | test("truncated at '"$cut"' of"))) | length == 1' "$TMP/cut.json" >/dev/null; then
			pass "$t/json"
		else
			fail "$t/json" "exit $rc; $(/usr/bin/python3 "$VALIDATE" "$TMP/cut.json" 2>&1 | head -2 | tr '\n' '|')"
		fi
	done
	# info says so too, in text and JSON.
	run_cmd "$DXI_BIN" info --profile "$prof" "$TMP/cut"
	if [ "$rc" -eq 0 ] && grep -q "^truncated       at $cut of [0-9]* bytes" "$TMP/out" &&
		"$DXI_BIN" info --json --profile "$prof" "$TMP/cut" | jq -e ".target.truncated.file_size == $cut" >/dev/null; then
		pass "samples/$name/info-truncated"
	else
		fail "samples/$name/info-truncated" "exit $rc: $(head -6 "$TMP/out" | tr '\n' '|') $err"
	fi
done

# A sweep over one sample: exit 1 (analysed) or 3 (one line saying
# "truncated"), never a signal or a hang.
dir=$(ls -d "$S"/*/ | head -1) bad=0 seen=""
core=$dir/vmcore size=$(stat -c %s "$core")
for i in $(seq 1 24); do
	cut=$(( (size / 25) * i + i * 7 ))
	head -c "$cut" "$core" >"$TMP/cut"
	run_cmd "$DXI_BIN" check --profile "$dir/vmcore.profile" "$TMP/cut"
	seen="$seen $rc"
	if [ "$rc" -eq 1 ]; then continue; fi
	if [ "$rc" -eq 3 ] && [ "$(grep -c . "$TMP/err")" -eq 1 ] && grep -q truncated "$TMP/err"; then continue; fi
	bad=1
	fail samples/truncated-sweep "cut at $cut: exit $rc: $(head -3 "$TMP/err" | tr '\n' '|')"
	break
done
[ "$bad" = 0 ] && pass samples/truncated-sweep
