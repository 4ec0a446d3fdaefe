# `daxinspect log` against makedumpfile --dump-dmesg (an independent
# reader of the same ring buffer): byte-identical on every format of every
# lab dump, and the guest's own last line (the console's ground truth) is
# in it. makedumpfile reads the makedumpfile-written vmcore.filtered.
. "$DXI_TOP/tests/lib.sh"
dirs=$(ls -d "$LAB"/dumps/*/ 2>/dev/null)
[ -n "$dirs" ] || { skip lab/log "no lab dumps in $LAB/dumps"; exit 0; }
command -v makedumpfile >/dev/null || { skip lab/log "makedumpfile is not installed"; exit 0; }

for d in $dirs; do
	name=$(basename "$d")
	if [ ! -f "$d/vmcore.filtered" ]; then
		if [ "$(jq -r '.capture // "snapshot"' "$d/meta.json" 2>/dev/null)" = kdump ]; then
			skip "lab/$name/log" "a kdump capture: tests/lab/kdump.sh compares the log of each capture with the capture kernel's own --dump-dmesg"
		else
			skip "lab/$name/log" "no vmcore.filtered for makedumpfile to read"
		fi
		continue
	fi
	rm -f "$TMP/mdf.txt"
	if ! makedumpfile --dump-dmesg "$d/vmcore.filtered" "$TMP/mdf.txt" >"$TMP/mdf.err" 2>&1; then
		fail "lab/$name/log" "makedumpfile --dump-dmesg failed: $(tail -2 "$TMP/mdf.err" | tr '\n' '|')"
		continue
	fi
	for f in vmcore.elf vmcore.kdump vmcore.kdump.regular vmcore.filtered; do
		[ -f "$d/$f" ] || continue
		run_cmd "$DXI_BIN" log "$d/$f"
		if [ "$rc" -ne 0 ]; then
			fail "lab/$name/log-$f" "exit $rc: $err"
		elif ! cmp -s "$TMP/out" "$TMP/mdf.txt"; then
			fail "lab/$name/log-$f" "differs from makedumpfile --dump-dmesg: $(diff "$TMP/out" "$TMP/mdf.txt" | head -4 | tr '\n' '|')"
		else
			pass "lab/$name/log-$f"
		fi
	done
	# the guest printed DAXLAB-READY-like markers through printk? use the
	# last kernel line of the console, which is also in the ring buffer
	last=$(grep -a '^\[ *[0-9]*\.[0-9]*\] ' "$d/console.log" | tail -1 | tr -d '\r')
	if [ -n "$last" ] && grep -qF -- "$last" "$TMP/mdf.txt"; then
		if "$DXI_BIN" log "$d/vmcore.elf" 2>/dev/null | grep -qF -- "$last"; then
			pass "lab/$name/log-has-console-tail"
		else
			fail "lab/$name/log-has-console-tail" "the console's last kernel line is not in the log: $last"
		fi
	fi
	# --json: one record per line of text output that starts a record
	n=$("$DXI_BIN" log --json "$d/vmcore.elf" | jq '.records | length')
	m=$(grep -c '^\[' "$TMP/mdf.txt")
	[ "$n" = "$m" ] && pass "lab/$name/log-json" || fail "lab/$name/log-json" "$n records, makedumpfile printed $m"
done

# The console is the ground truth for what the kernel warned: every DAX
# WARNING on it is a dax_event of `info`, with its file, line, function
# and PID; a snapshot has no panic.
for d in $dirs; do
	name=$(basename "$d")
	vml=$(jq -r .vmlinux "$d/meta.json" 2>/dev/null)
	[ -f "$vml" ] && [ -f "$d/vmcore.elf" ] || continue
	"$DXI_BIN" info --json --vmlinux "$vml" "$d/vmcore.elf" >"$TMP/info.json" 2>"$TMP/info.err"
	why=$(/usr/bin/python3 - "$d/console.log" "$TMP/info.json" <<'PY'
import json, re, sys
con = open(sys.argv[1], errors="replace").read()
want = set()
for m in re.finditer(r"WARNING: CPU: (\d+) PID: (\d+) at (\S+?):(\d+) ([A-Za-z0-9_.]+)\+", con):
    cpu, pid, f, line, fn = m.groups()
    if f.startswith(("fs/dax.c", "mm/memremap.c", "mm/gup.c", "drivers/dax/", "drivers/nvdimm/")):
        want.add((f, int(line), fn, int(pid)))
log = json.load(open(sys.argv[2]))["kernel_log"]
got = {(e["file"], e["line"], e["function"], e["pid"]) for e in log["dax_events"]}
if not log["readable"]:
    print("log not readable")
elif log["panic"] is not None and "Kernel panic" not in con:
    print(f"a panic the console does not show: {log['panic']}")
elif want != got:
    print(f"console warned {sorted(want)}, info says {sorted(got)}")
PY
)
	[ -z "$why" ] && pass "lab/$name/log-dax-warnings" || fail "lab/$name/log-dax-warnings" "$why"
done

# ...and beside the finding it explains: the leaked page of the 6.1 and
# 6.12 dumps was truncated while still referenced (fs/dax.c WARN in
# dax_disassociate_entry): the leaked-ref finding names that warning.
for d in $dirs; do
	name=$(basename "$d")
	vml=$(jq -r .vmlinux "$d/meta.json" 2>/dev/null)
	[ -f "$vml" ] && [ -f "$d/vmcore.elf" ] || continue
	grep -aq "WARNING: CPU: .* at fs/dax.c:[0-9]* dax_disassociate_entry" "$d/console.log" || continue
	"$DXI_BIN" check --vmlinux "$vml" "$d/vmcore.elf" >"$TMP/check.txt" 2>/dev/null
	# A finding's block: its "  error|warning|info  ID" line and the
	# indented lines under it, up to the next finding or a blank line.
	if awk '/^  (error|warning|info) / { inblk = ($2 == "leaked-ref"); if (inblk) print; next }
		/^$/ { inblk = 0 } inblk' "$TMP/check.txt" |
		grep -q "the kernel warned: WARNING at fs/dax.c:[0-9]* in dax_disassociate_entry"; then
		pass "lab/$name/finding-names-warning"
	else
		fail "lab/$name/finding-names-warning" "no leaked-ref finding names the dax_disassociate_entry warning"
	fi
done
