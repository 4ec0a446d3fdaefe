#!/usr/bin/python3
"""Checks daxinspect's `check --json` against the guest's ground truth.

The guest (tests/vm) printed, for every file it mapped, which pfn backs
each page (from /proc/self/pagemap), and what the leak module did. Each
fact must be found in daxinspect's output at the right inode and index:
  - a mapped/unmapped/deleted file's page index+k at pfn+k is an entry of
    that inode (a PMD entry covers 512 pages from its aligned index);
  - the zero page and the huge zero page are zero-page entries;
  - the pinned pfn of the leak is a leaked-ref finding;
  - the index-rewritten pfn is a mapping-mismatch at the right inode/index.
Prints PASS/FAIL lines for tests/run.
usage: groundtruth.py NAME groundtruth.json check.json
"""
import json
import sys


def main():
    name, gt_path, check_path = sys.argv[1:4]
    gt = json.load(open(gt_path))
    out = json.load(open(check_path))
    meta = next(r for r in gt["records"] if r["type"] == "meta")
    zero_pfn = meta.get("zero_pfn")
    huge_zero = meta.get("anon_pmd_read_pfn")

    inodes = {i["ino"]: i for i in out["inodes"]}
    problems = []
    checked = 0
    # Later records of the same file supersede earlier ones (before-cow).
    latest = {}
    for r in gt["records"]:
        if r["type"] == "map":
            latest[r["ino"]] = r
    # The leak scenario removes the pinned file after pinning. Up to 6.14
    # eviction does not wait: the inode is gone and the page is a leaked
    # ref. From 6.15 eviction waits for the page (dax_break_layout_final):
    # the unlink never completes ("unlink" record, completed false) and
    # the page is a busy page of the inode being evicted.
    removed = {r["pinned"]["ino"] for r in gt["records"] if r["type"] == "leak"}
    blocked = {r["ino"] for r in gt["records"] if r["type"] == "unlink" and not r["completed"]}
    for r in latest.values():
        if r["state"] not in ("mapped", "unmapped", "mapped-deleted") or r["ino"] in removed:
            continue
        ino = inodes.get(r["ino"])
        if ino is None:
            problems.append(f"inode {r['ino']} ({r['path']}) is not a DAX inode in the output")
            continue
        if r["deleted"] != ino["deleted"]:
            problems.append(f"inode {r['ino']}: deleted {ino['deleted']}, guest says {r['deleted']}")
        for run in r["runs"]:
            if run["pfn"] is None:
                continue
            for k in range(run["n"]):
                idx, pfn = run["index"] + k, run["pfn"] + k
                e = find_entry(ino["entries"], idx)
                checked += 1
                if e is None:
                    problems.append(f"{r['path']} (ino {r['ino']}) index {idx}: no entry; guest saw pfn {pfn:#x}")
                    continue
                got = e["pfn"] + (idx - e["index"])
                saw_zero = run["pfn"] in (zero_pfn, huge_zero)
                if e["kind"] == "zero":
                    # A PMD hole maps the huge zero folio: its pfn is the
                    # proof when the guest's anonymous probe saw another.
                    if not saw_zero and got != pfn:
                        problems.append(f"{r['path']} index {idx}: zero entry pfn {got:#x}, guest saw {pfn:#x}")
                elif saw_zero:
                    problems.append(f"{r['path']} index {idx}: guest saw the zero page, entry is {e['kind']}")
                elif e["kind"] != "pfn" or got != pfn:
                    problems.append(f"{r['path']} index {idx}: entry {e['kind']} pfn {got:#x}, guest saw {pfn:#x}")
    for r in gt["records"]:
        if r["type"] != "leak":
            continue
        pinned, rewritten = r["pinned"]["kernel_pfn"], r["index_rewritten"]
        checked += 2
        if r.get("scenario") == "held":
            # held: the page stays mapped and keeps its entry -- busy.
            if not any(f["check"] == "busy-page" and covers(f, pinned)
                       and f["inode"] and f["inode"]["ino"] == r["pinned"]["ino"] for f in out["findings"]):
                problems.append(f"held: pinned pfn {pinned:#x} is not a busy-page of ino {r['pinned']['ino']}")
        elif r["pinned"]["ino"] in blocked:
            if not any(f["check"] == "busy-page" and f["severity"] == "error" and covers(f, pinned)
                       and f["inode"] and f["inode"]["ino"] == r["pinned"]["ino"] for f in out["findings"]):
                problems.append(f"leak: pinned pfn {pinned:#x} of the inode whose eviction it blocks is not an error busy-page")
        elif not any(f["check"] == "leaked-ref" and covers(f, pinned) for f in out["findings"]):
            problems.append(f"leak: pinned pfn {pinned:#x} is not reported as leaked-ref")
        if not any(f["check"] == "mapping-mismatch" and covers(f, rewritten["kernel_pfn"])
                   and f["inode"] and f["inode"]["ino"] == rewritten["ino"]
                   and f["index"] == rewritten["index"] for f in out["findings"]):
            problems.append(f"leak: index-rewritten pfn {rewritten['kernel_pfn']:#x} is not a mapping-mismatch at ino {rewritten['ino']} index {rewritten['index']}")
    if problems:
        for p in problems[:20]:
            print(f"FAIL samples/{name}/groundtruth: {p}")
        if len(problems) > 20:
            print(f"FAIL samples/{name}/groundtruth: ... {len(problems) - 20} more")
    else:
        print(f"PASS samples/{name}/groundtruth ({checked} facts)")


def find_entry(entries, idx):
    for e in entries:
        span = 512 if e["order"] == 9 else 1
        if e["index"] <= idx < e["index"] + span:
            return e
    return None


def covers(f, pfn):
    if f["pfn"] is None:
        return False
    last = f.get("last_pfn", f["pfn"])
    return f["pfn"] <= pfn <= last


if __name__ == "__main__":
    main()
