# The live watch in the lab guest (tests/vm/guest/init.sh): `watch --json
# --interval 1` on /proc/kcore runs from before the scenario's faults to
# after them, and mkdump saves its JSON lines as watch.jsonl. Asserts, for
# each dump that has one:
# - it ended with a summary after SIGINT, and every line is an event;
# - each finding of the dump's own check (the final state) appeared, no
#   later than two intervals plus one round (the live check's duration,
#   DAXLAB-LIVE-BEGIN secs=) after the leak module's faults existed
#   (DAXLAB-FAULT leak, printed by holdmap; DAXLAB-FAULT pin in the pin
#   scenario, when the O_DIRECT read holds its page);
# - the leak's two findings did not appear before the faults (not in the
#   watch's rounds before DAXLAB-FAULT minus one second);
# - on ext4 (no reflink files changing under the reader), nothing
#   appeared that the final check has not (but the pin scenario, whose
#   truncate unmaps pages under the reader, and the leaked page's own
#   busy-page between the leak and its unlink), and no event names a
#   pfn of the ground truth's clean pages (map runs but the leak's pfns).
. "$DXI_TOP/tests/lib.sh"
dirs=$(ls -d "$LAB"/dumps/*/ "$LAB"/dumps-watch/*/ 2>/dev/null)
found=0
for d in $dirs; do
	[ -f "$d/watch.jsonl" ] || continue
	found=1
	name=$(basename "$d")
	core=$d/vmcore.elf
	[ -f "$core" ] || core=$d/vmcore.kdump
	# the dump's vmlinux (5.10 has no SYMBOL(kallsyms_names) for --types btf)
	vm=$(jq -r '.vmlinux // empty' "$d/meta.json" 2>/dev/null); [ -r "$vm" ] || vm=
	run_json "lab/$name/watch-check" "$TMP/final.json" "$DXI_BIN" check --json ${vm:+--vmlinux "$vm"} "$core" || continue
	why=$(/usr/bin/python3 - "$d" "$TMP/final.json" <<'PY'
import datetime, json, re, sys
d, final = sys.argv[1], json.load(open(sys.argv[2]))["findings"]
console = open(d + "/console.log", errors="replace").read().replace("\r", "")
def num(pat):
    m = re.search(pat, console, re.M)
    return int(m.group(1)) if m else None
fault = num(r"^DAXLAB-FAULT (?:leak|pin) (\d+)$")
secs = num(r"^DAXLAB-LIVE-BEGIN rc=\d+ secs=(\d+)")
if fault is None or secs is None:
    print("the console has no DAXLAB-FAULT leak/pin time or no live check secs="); sys.exit()
INTERVAL = 1
bound = fault + 2 * INTERVAL + secs + 1   # +1: the times have whole seconds
try:
    ev = [json.loads(l) for l in open(d + "/watch.jsonl") if l.strip()]
except ValueError as e:
    print("watch.jsonl is not JSON lines: %s" % e); sys.exit()
if not ev or ev[-1].get("event") != "summary" or not ev[-1].get("interrupted"):
    print("watch.jsonl does not end with an interrupted summary: %s" % (ev[-1] if ev else "empty")); sys.exit()
def t(e):
    return int(datetime.datetime.strptime(e["time"], "%Y-%m-%dT%H:%M:%SZ")
               .replace(tzinfo=datetime.timezone.utc).timestamp())
def key(f):
    i = f.get("inode")
    return (f["check"], "%s:%s" % (i["dev"], i["ino"]) if i else None, f.get("index"), f.get("pfn"))
first = {}
for e in ev:
    if e["event"] == "appeared":
        first.setdefault(key(e["finding"]), t(e))
    elif e["event"] not in ("cleared", "summary"):
        print("unknown event %s" % e["event"]); sys.exit()
gt = json.load(open(d + "/groundtruth.json"))["records"]
leak = [r for r in gt if r["type"] == "leak"]
leak_pfns = {leak[0]["pinned"]["pfn"], leak[0]["index_rewritten"]["pfn"]} if leak else set()
leak_pfns |= {r["pinned"]["pfn"] for r in gt if r["type"] == "pin"}
problems = []
for f in final:
    k = key(f)
    if k not in first:
        problems.append("never appeared: %s" % (k,))
    elif first[k] > bound:
        problems.append("%s appeared at %d, %ds after the fault (bound %ds)" % (k, first[k], first[k] - fault, bound - fault))
    elif f.get("pfn") in leak_pfns and first[k] < fault - 1:
        problems.append("%s appeared at %d, before the fault at %d" % (k, first[k], fault))
final_keys = {key(f) for f in final}
# On xfs the reflink files change under the live, non-atomic reader
# (CoW remaps, writeback after sync): their pages may show a transient
# share-mismatch or stale-mapping to a round. Only ext4 scenarios, where
# nothing changes after holdmap's last fault, must show nothing else.
# The pin scenario's truncate unmaps pin_a while the watch reads (a
# transient stale-mapping on 6.1 ext4): not strict either.
meta = json.load(open(d + "/meta.json"))
strict = meta.get("fs") == "ext4" and meta.get("scenario") != "pin"
# The leak's pinned page is held while still in its file until the
# scenario unlinks it (holdmap's leak op, then unmap, unlinkbg): a round
# between the two sees a busy-page on it, the true state of that second.
# Such a finding on a leak pfn, no earlier than the fault, is not extra.
for k in first:
    interim = k[3] in leak_pfns and first[k] >= fault - 1
    if strict and k not in final_keys and not interim:
        problems.append("appeared but not in the final check: %s" % (k,))
clean = set()
for r in gt:
    if r["type"] == "map":
        for run in r.get("runs", []):
            if run["pfn"] is not None:
                clean.update(range(run["pfn"], run["pfn"] + run["n"]))
clean -= leak_pfns
for e in ev:
    p = e.get("finding", {}).get("pfn")
    if strict and p in clean:
        problems.append("%s event for a clean page: %s" % (e["event"], key(e["finding"])))
if not final:
    problems.append("the final check has no findings (the leak scenario did not run?)")
print("; ".join(problems[:5]))
PY
)
	if [ -n "$why" ]; then
		fail "lab/$name/watch" "$why"
	else
		pass "lab/$name/watch"
	fi
	/usr/bin/python3 "$DXI_TOP/tests/validate_json.py" --lines watch_line "$d/watch.jsonl" |
		sed "s|schema/|lab/$name/schema-|"
done
[ $found = 1 ] || skip lab/watch "no lab dump has a watch.jsonl (make one: tests/vm/mkdump --kernel 6.1 --fs ext4 --scenario all --format elf --out $LAB/dumps-watch/6.1-ext4-all)"
