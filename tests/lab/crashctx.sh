# How the dump was taken (info's "crash" object, src/kern/crashctx.c):
#   - against the drgn oracle (tests/vm/oracle_crash.py: panic_cpu,
#     crashing_cpu, the kernel's own taint_flags[] table, the timekeeper
#     through tkr_mono.base, per_cpu() current, the file's notes);
#   - every format of a dump gives the same crash object;
#   - where console.log holds a panic (kdump captures of a real panic,
#     $LAB/dumps/*kdump*), the crashing CPU, PID, comm and taint string are
#     those of the panic splat's "CPU: N PID: P Comm: C Tainted: ..." line;
#     a snapshot's console has no panic and the report says so.
. "$DXI_TOP/tests/lib.sh"
dirs=$(ls -d "$LAB"/dumps/*/ 2>/dev/null; for d in ${DXI_LAB_DUMPS:-}; do echo "$d"; done)
[ -n "$dirs" ] || { skip lab/crashctx "no lab dumps in $LAB/dumps"; exit 0; }
/usr/bin/python3 -c 'import drgn' 2>/dev/null || { skip lab/crashctx "Debian's python3-drgn is not installed"; exit 0; }
ls -d "$LAB"/dumps/*kdump*/ >/dev/null 2>&1 ||
	skip lab/crashctx-kdump-console "no kdump capture of a real panic in $LAB/dumps/*kdump* yet (tests/vm/mkdump --capture kdump)"

# compare_oracle NAME INFO.json ORACLE.json: "" or what differs
compare_oracle() {
	/usr/bin/python3 - "$2" "$3" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["crash"]
o = json.load(open(sys.argv[2]))
bad = []
for k in ("panic_cpu", "crashing_cpu", "notes", "cpus", "time_sec", "uptime_nsec"):
    if c.get(k) != o.get(k):
        bad.append(f"{k}: daxinspect {c.get(k)!r}, drgn {o.get(k)!r}")
if (c["taint"] or {}) != o["taint"]:
    bad.append(f"taint: daxinspect {c['taint']!r}, drgn {o['taint']!r}")
want_cpu = o["panic_cpu"] if o["panic_cpu"] >= 0 else (
    o["crashing_cpu"] if o["crashing_cpu"] is not None and o["crashing_cpu"] >= 0 else None)
if c["cpu"] != want_cpu:
    bad.append(f"cpu: {c['cpu']!r}, want {want_cpu!r}")
print("; ".join(bad))
PY
}

# same_crash A.json B.json: "" when B's crash object is A's; a filtered
# B may leave a task unread (its slab filtered out), never another one
same_crash() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
ca, cb = a["crash"], b["crash"]
filtered = (b["target"].get("dump_level") or 0) > 0
bad = [k for k in ca if k not in ("unread", "cpus", "task") and ca[k] != cb.get(k)]
for x, y in zip(ca["cpus"], cb["cpus"]):
    if x != y and not (filtered and y["pid"] is None and y["note_pid"] == x["note_pid"]):
        bad.append(f"cpu {x['cpu']}: {y!r}, want {x!r}")
if len(ca["cpus"]) != len(cb["cpus"]):
    bad.append("cpus")
if ca["task"] != cb["task"] and not (filtered and cb["task"] and cb["task"]["pid"] is None):
    bad.append(f"task {cb['task']!r}, want {ca['task']!r}")
print("; ".join(bad))
PY
}

# console_check CONSOLE INFO.json RELEASE: the panic splat's task line
console_check() {
	/usr/bin/python3 - "$1" "$2" "$3" <<'PY'
import json, re, sys
con = open(sys.argv[1], errors="replace").read().replace("\r", "")
c = json.load(open(sys.argv[2]))["crash"]
release = sys.argv[3]
m = re.search(r"Kernel panic - not syncing: .*", con)
if not m:
    print("the console has no panic"); sys.exit()
# the task line dump_stack() prints after the panic line
t = re.search(r"CPU: (\d+) (?:UID: \d+ )?PID: (\d+) Comm: (\S+) (?:Kdump: loaded )?"
              r"(Not tainted|Tainted: (.*?) " + re.escape(release) + ")", con[m.start():])
if not t:
    print("the console has a panic but no 'CPU: N PID: P Comm: C' line after it"); sys.exit()
cpu, pid, comm = int(t.group(1)), int(t.group(2)), t.group(3)
taint = "Not tainted" if t.group(4) == "Not tainted" else ("Tainted: " + t.group(5)).rstrip()
bad = []
task = c["task"] or {}
if c["cpu"] != cpu: bad.append(f"cpu {c['cpu']!r}, console {cpu}")
if task.get("pid") != pid: bad.append(f"pid {task.get('pid')!r}, console {pid}")
if task.get("comm") != comm: bad.append(f"comm {task.get('comm')!r}, console {comm}")
if task.get("note_pid") != pid: bad.append(f"note_pid {task.get('note_pid')!r}, console {pid}")
if (c["taint"] or {}).get("kernel") != taint: bad.append(f"taint {(c['taint'] or {}).get('kernel')!r}, console {taint!r}")
print("; ".join(bad))
PY
}

for d in $dirs; do
	d=${d%/}
	name=$(basename "$d")
	vml=$(jq -r .vmlinux "$d/meta.json" 2>/dev/null)
	[ -r "$vml" ] || { skip "lab/$name/crashctx" "no readable vmlinux in $d/meta.json"; continue; }
	release=$(jq -r .release "$d/meta.json")
	# vmcore.elf: the QMP snapshot (in a kdump dir: taken just before the
	# trigger) and its other formats vmcore.*; kdump.elf: the capture of
	# the panic and its makedumpfile copies kdump-*.kdump
	for elf in "$d/vmcore.elf" "$d/kdump.elf"; do
		[ -f "$elf" ] || continue
		base=$(basename "$elf" .elf)
		t=$name/$base
		"$DXI_BIN" info --json --vmlinux "$vml" "$elf" >"$TMP/ci.json" 2>"$TMP/ci.err" ||
			{ fail "lab/$t/crashctx" "info failed: $(head -2 "$TMP/ci.err")"; continue; }
		if ! /usr/bin/python3 "$DXI_TOP/tests/vm/oracle_crash.py" --vmlinux "$vml" "$elf" >"$TMP/co.json" 2>"$TMP/co.err"; then
			fail "lab/$t/crashctx-oracle" "oracle_crash.py failed: $(tail -2 "$TMP/co.err")"
			continue
		fi
		why=$(compare_oracle "$t" "$TMP/ci.json" "$TMP/co.json")
		[ -z "$why" ] && pass "lab/$t/crashctx-oracle" || fail "lab/$t/crashctx-oracle" "$why"
		for f in "$d/$base".* "$d/$base"-*; do
			[ -f "$f" ] && [ "$f" != "$elf" ] || continue
			case $f in *.json|*.log|*.err|*.txt|*.fixed|*.version) continue ;; esac
			"$DXI_BIN" info --json --vmlinux "$vml" "$f" >"$TMP/cf.json" 2>/dev/null || continue
			why=$(same_crash "$TMP/ci.json" "$TMP/cf.json")
			[ -z "$why" ] && pass "lab/$t/crashctx-same-$(basename "$f")" ||
				fail "lab/$t/crashctx-same-$(basename "$f")" "differs from $(basename "$elf"): $why"
		done
		# the console's ground truth: the capture is the panic splat's;
		# a snapshot (in a kdump dir, taken before the trigger) has none
		if [ "$base" = kdump ]; then
			why=$(console_check "$d/console.log" "$TMP/ci.json" "$release")
			[ -z "$why" ] && pass "lab/$t/crashctx-console" || fail "lab/$t/crashctx-console" "$why"
		elif jq -e '.crash.cpu == null and .crash.task == null' "$TMP/ci.json" >/dev/null; then
			if [ -f "$d/kdump.elf" ] || ! grep -aq "Kernel panic - not syncing" "$d/console.log"; then
				pass "lab/$t/crashctx-snapshot"
			else
				fail "lab/$t/crashctx-snapshot" "the console has a panic but no kdump.elf capture beside it"
			fi
		else
			fail "lab/$t/crashctx-snapshot" "a QMP snapshot reports a crash: $(jq -c '.crash|{cpu,task}' "$TMP/ci.json")"
		fi
	done
done
