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
    """(state, stack function names or None when drgn cannot unwind)."""
    t = find_task(prog, pid)
    if not t:
        return None, None
    members = [m.name for m in t.type_.type.members]
    state = (t.__state if "__state" in members else t.state).value_()
    try:
        return state, [fr.name or "" for fr in prog.stack_trace(t)]
    except Exception as e:  # noqa: BLE001  drgn 0.0.22 on 6.12: "unknown ORC entry type 3"
        return state, e


def var_waiters():
    """The oracle's own walk of bit_wait_table: {key address: [pid]} of the
    wait_var_event entries (var_wake_function), with drgn's types."""
    from drgn import container_of, cast
    from drgn.helpers.linux.list import list_for_each_entry
    out = {}
    wake = prog["var_wake_function"].address_
    table = prog["bit_wait_table"]
    for i in range(len(table)):
        for e in list_for_each_entry("struct wait_queue_entry", table[i].head.address_of_(), "entry"):
            if e.func.value_() != wake:
                continue
            wbq = container_of(e, "struct wait_bit_queue_entry", "wq_entry")
            task = cast("struct task_struct *", e.private)
            out.setdefault(wbq.key.flags.value_(), []).append(task.pid.value_())
    return out


page = pfn_to_page(prog, pfn)
ws_o = var_waiters()
mine_o = ws_o.get(page._refcount.address_, [])
result("pin-oracle-waiters", mine_o == [bpid] and all(
    k < page.value_() or k >= page.value_() + prog.type("struct page").size or k == page._refcount.address_
    for k in ws_o if ws_o[k] != [bpid]),
    f"drgn's walk of bit_wait_table: waiters on &page->_refcount {mine_o}, expected [{bpid}] (all: {ws_o})")

state, names = frames(bpid)
want = {"ext4_break_layouts", "xfs_break_dax_layouts", "xfs_break_layouts"}
result("pin-oracle-blocked-state", state == 1,
       f"pid {bpid}: drgn reads __state {state}, expected TASK_INTERRUPTIBLE (1)")
if mine:
    result("pin-oracle-state-agrees", mine[0]["state_raw"] == hex(state or 0),
           f"daxinspect state {mine[0]['state_raw']}, drgn {state}")
if names is None:
    result("pin-oracle-blocked-stack", False, f"drgn finds no task with pid {bpid}")
elif isinstance(names, Exception):
    print(f"SKIP lab/{name}/pin-oracle-blocked-stack: drgn cannot unwind this kernel's stacks ({names})")
elif not want & set(names) and "" in names:
    # the oracle loads vmlinux only: frames in a module (xfs.ko) have no name
    print(f"SKIP lab/{name}/pin-oracle-blocked-stack: the frames past schedule() have no symbol "
          f"(a module drgn has no debug info for: {names})")
else:
    result("pin-oracle-blocked-stack", bool(want & set(names)) and "do_truncate" in names,
           f"pid {bpid}: stack {names}")
# The pinner: in D, its stack in the O_DIRECT read of the block device
pstate, pnames = frames(ppid)
result("pin-oracle-pinner-state", pstate == 2, f"pid {ppid}: drgn reads __state {pstate}, expected 2 (D)")
if pnames is None:
    result("pin-oracle-pinner-stack", False, f"drgn finds no task with pid {ppid}")
elif isinstance(pnames, Exception):
    print(f"SKIP lab/{name}/pin-oracle-pinner-stack: drgn cannot unwind this kernel's stacks ({pnames})")
else:
    result("pin-oracle-pinner-stack", "blkdev_read_iter" in pnames and "submit_bio_wait" in pnames,
           f"pid {ppid}: stack {pnames}")
