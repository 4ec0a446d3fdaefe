#!/usr/bin/python3
"""Compares `check --json` of a kdump capture (argv[2]) with the same of
the QMP snapshot taken just before the trigger (argv[1]); prints one PASS
or FAIL line (tests/lab/kdump.sh names it).

What legitimately differs between the two, and is normalised away:
  - target.path and the dump format (target carries no more than the
    path, release, build-id, semantics and type source: all but the path
    must be equal);
  - the panic context: kernel_log.panic and panic_ts_nsec (null in the
    snapshot, the panic in the capture) and the kernel_log warnings count,
    which may only grow by the warnings printed after the snapshot (the
    dax_events of the log must be equal: a DAX WARN between snapshot and
    panic would be a real difference);
  - summary.inodes_scanned: the trigger runs a process (sh -c 'echo c >
    /proc/sysrq-trigger') whose /proc and pipe inodes exist only in the
    capture; it may differ by at most 64.
Everything else is compared as is: superblocks, DAX inodes, entries,
pgmaps, every struct page, every finding.
"""
import json
import sys

INODE_SLACK = 64


def load(p):
    try:
        return json.load(open(p))
    except ValueError as e:
        print(f"FAIL {p} is not JSON: {e}")
        sys.exit()


snap, cap = load(sys.argv[1]), load(sys.argv[2])
why = []
for k in ("release", "build_id", "semantics", "types"):
    if snap["target"].get(k) != cap["target"].get(k):
        why.append(f"target.{k}: {snap['target'].get(k)} vs {cap['target'].get(k)}")
sl, cl = snap.get("kernel_log", {}), cap.get("kernel_log", {})
if sl.get("dax_events") != cl.get("dax_events"):
    why.append(f"kernel_log.dax_events: {sl.get('dax_events')} vs {cl.get('dax_events')}")
if (cl.get("warnings") or 0) < (sl.get("warnings") or 0):
    why.append(f"kernel_log.warnings went down: {sl.get('warnings')} -> {cl.get('warnings')}")
ss, cs = dict(snap["summary"]), dict(cap["summary"])
si, ci = ss.pop("inodes_scanned", 0), cs.pop("inodes_scanned", 0)
if abs(si - ci) > INODE_SLACK:
    why.append(f"summary.inodes_scanned {si} vs {ci} (more than {INODE_SLACK} apart)")
if ss != cs:
    why.append("summary: " + ", ".join(f"{k} {ss.get(k)} vs {cs.get(k)}"
                                        for k in sorted(set(ss) | set(cs)) if ss.get(k) != cs.get(k)))
for k in ("inodes", "pgmaps", "findings"):
    if snap[k] != cap[k]:
        a = [json.dumps(x, sort_keys=True) for x in snap[k]]
        b = [json.dumps(x, sort_keys=True) for x in cap[k]]
        only_a = [x for x in a if x not in b]
        only_b = [x for x in b if x not in a]
        why.append(f"{k}: {len(snap[k])} vs {len(cap[k])}; first only in snapshot "
                   f"{only_a[:1]}, first only in capture {only_b[:1]}")
sp = {p["pfn"]: p for p in snap["pages"]}
cp = {p["pfn"]: p for p in cap["pages"]}
if sp != cp:
    missing = sorted(set(sp) - set(cp))
    extra = sorted(set(cp) - set(sp))
    diff = [f for f in sp if f in cp and sp[f] != cp[f]]
    why.append(f"pages: {len(missing)} only in the snapshot, {len(extra)} only in the "
               f"capture, {len(diff)} decode differently"
               + (f" (first pfn {diff[0]:#x}: {sp[diff[0]]} vs {cp[diff[0]]})" if diff else ""))
if why:
    print("FAIL " + "; ".join(why))
else:
    print(f"PASS ({ss.get('dax_inodes')} DAX inodes, {len(sp)} struct pages, "
          f"{len(snap['findings'])} findings as in the snapshot; inodes_scanned "
          f"{si} vs {ci})")
