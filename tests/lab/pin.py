#!/usr/bin/python3
"""The O_DIRECT-vs-truncate dump (tests/vm/mkdump --scenario pin): the
busy-page finding names the pinned pfn, its pin and the blocked task; the
drgn oracle (python3-drgn 0.0.22) agrees on the page's refcount, the
task's state and that its stack is in the filesystem's break-layouts wait.

usage: pin.py NAME CHECK.json CHECK.txt groundtruth.json meta.json VMCORE VMLINUX
Prints PASS/FAIL lines (lab/NAME/pin-...)."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vm"))
import lablib  # noqa: E402

name, cpath, tpath, gpath, mpath, core, vmlinux = sys.argv[1:8]
check = json.load(open(cpath))
text = open(tpath).read()
meta = json.load(open(mpath))
pin = [r for r in json.load(open(gpath))["records"] if r["type"] == "pin"]


def result(test, ok, why):
    print(f"PASS lab/{name}/{test}" if ok else f"FAIL lab/{name}/{test}: {why}")


if not pin:
    result("pin-groundtruth", False, "groundtruth.json has no 'pin' record")
    sys.exit()
pin = pin[-1]
pfn, bpid, ppid = pin["pinned"]["pfn"], pin["blocked"]["pid"], pin["pinner"]["pid"]

# How many references the O_DIRECT read holds (docs/kernel-facts.md#layout-waiters):
# 6.1's bio_iov_iter_get_pages() takes FOLL_GET references (+1 a page), from
# 6.5 iov_iter_extract_pages() pins (FOLL_PIN: +GUP_PIN_COUNTING_BIAS, 1024).
units = 1 if meta["kernel"] == "6.1" else 1024

busy = [f for f in check["findings"] if f["check"] == "busy-page" and f["pfn"] == pfn]
result("pin-busy-page-names-pfn", len(busy) == 1,
       f"no busy-page finding at the pinned pfn {pfn} (findings: "
       f"{[(f['check'], f['pfn']) for f in check['findings']]})")
if not busy:
    sys.exit()
f = busy[0]
ref = f["evidence"]["page"]["refcount"]
result("pin-refcount", ref == 1 + units,
       f"refcount {ref}, expected idle 1 + {units} for the read's "
       f"{'FOLL_GET' if units == 1 else 'FOLL_PIN'} (kernel {meta['kernel']})")
ws = f.get("waiters") or []
mine = [w for w in ws if w["pid"] == bpid]
result("pin-names-blocked-task", len(mine) == 1 and len(ws) == 1,
       f"waiters {ws} (waiters_unknown: {f.get('waiters_unknown')}), expected only pid {bpid}")
if mine:
    w = mine[0]
    result("pin-blocked-task-details",
           w["state"] == pin["blocked"]["state"] and w["syscall"] == "ftruncate" and
           w["key"] == "_refcount" and w["entry_on_stack"] and w["comm"] == "holdmap",
           f"waiter {w}; the guest saw state {pin['blocked']['state']} in ftruncate")
result("pin-text-says-blocked",
       f"blocked: pid {bpid} (holdmap), state {pin['blocked']['state']}" in text and "in ftruncate(2)" in text,
       "the text report has no 'blocked: pid %d (holdmap) ... in ftruncate(2)' line" % bpid)

# The oracle.
try:
    prog, _ = lablib.drgn_open(core, vmlinux)
    from drgn.helpers.linux.pid import find_task
    from drgn.helpers.linux.mm import pfn_to_page
except Exception as e:  # noqa: BLE001
    result("pin-oracle", False, f"drgn cannot open the dump: {e}")
    sys.exit()
oref = pfn_to_page(prog, pfn)._refcount.counter.value_()
result("pin-oracle-refcount", oref == ref, f"drgn reads refcount {oref}, daxinspect {ref}")


def frames(pid):
    t = find_task(prog, pid)
    if not t:
        return None, None
    state = t.__state.value_() if "__state" in [m.name for m in t.type_.type.members] else t.state.value_()
    names = []
    for fr in prog.stack_trace(t):
        try:
            names.append(fr.name or "")
        except Exception:  # noqa: BLE001
            names.append("")
    return state, names


state, names = frames(bpid)
want = {"ext4_break_layouts", "xfs_break_dax_layouts", "xfs_break_layouts"}
result("pin-oracle-blocked-task",
       state is not None and state == 1 and want & set(names) and "do_truncate" in names,
       f"pid {bpid}: drgn state {state}, stack {names}")
if mine:
    result("pin-oracle-state-agrees", mine[0]["state_raw"] == hex(state or 0),
           f"daxinspect state {mine[0]['state_raw']}, drgn {state}")
# The pinner: in D, its stack in the O_DIRECT read of the block device
pstate, pnames = frames(ppid)
result("pin-oracle-pinner",
       pstate == 2 and "blkdev_read_iter" in (pnames or []),
       f"pid {ppid}: drgn state {pstate}, stack {pnames}")
# and no other task than the truncating one is in a break-layouts wait
others = []
from drgn.helpers.linux.pid import for_each_task  # noqa: E402
for t in for_each_task(prog):
    pid = t.pid.value_()
    if pid == bpid:
        continue
    try:
        ns = {fr.name for fr in prog.stack_trace(t)}
    except Exception:  # noqa: BLE001
        continue
    if want & ns:
        others.append(pid)
result("pin-oracle-no-other-waiter", not others, f"drgn sees break-layouts waits in pids {others} too")
