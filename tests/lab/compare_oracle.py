#!/usr/bin/python3
"""Differential test: daxinspect's JSON against the drgn oracle's.

usage: compare_oracle.py NAME info.json check.json oracle.json
Compares field by field: kernel identity (release, page_offset_base,
vmemmap_base, KASLR), every DAX inode (path, deleted, nrpages) and its
decoded entries, the pgmaps, and every non-idle page (refcount, mapcount,
mapping and its owner, index, flags, compound head/tail, order). Prints
one PASS or FAIL line per aspect; a FAIL names both values.
"""
import json
import sys


def main():
    name, info_p, check_p, oracle_p = sys.argv[1:5]
    info, check, oracle = (json.load(open(p)) for p in (info_p, check_p, oracle_p))
    report(name, "identity", compare_identity(info, oracle))
    report(name, "inodes+entries", compare_inodes(check, oracle))
    report(name, "pgmaps", compare_pgmaps(check, oracle))
    report(name, "pages", compare_pages(check, oracle))


def report(name, what, problems):
    if problems:
        for p in problems[:10]:
            print(f"FAIL lab/{name}/oracle-{what}: {p}")
        if len(problems) > 10:
            print(f"FAIL lab/{name}/oracle-{what}: ... and {len(problems) - 10} more")
    else:
        print(f"PASS lab/{name}/oracle-{what}")


def compare_identity(info, oracle):
    p = []
    k = info["kernel"]
    pairs = [("release", k["release"], oracle["release"]),
             ("page_offset_base", k["page_offset_base"], oracle["page_offset_base"]),
             ("vmemmap_base", k["vmemmap_base"], oracle["vmemmap_base"]),
             ("sizeof(struct page)", info["layout"]["sizeof_struct_page"], oracle["sizeof_struct_page"])]
    if oracle.get("kaslr_offset") is not None:
        pairs.append(("kaslr_offset", k["kaslr_offset"], oracle["kaslr_offset"]))
    era = {"5.10": "5.10", "6.1": "6.1", "6.2-6.14": "6.2-6.14", "6.15+": "6.15+"}
    pairs.append(("semantics", info["semantics"]["name"], era.get(oracle["era"], oracle["era"])))
    for what, a, b in pairs:
        if a != b:
            p.append(f"{what}: daxinspect {a}, drgn {b}")
    return p


def entry_key(e):
    return (e["index"], e["raw"], e["kind"], e["pfn"], e["order"], e["locked"])


def compare_inodes(check, oracle):
    p = []
    mine = {(i["dev"], i["ino"]): i for i in check["inodes"]}
    theirs = {(i["dev"], i["ino"]): i for i in oracle["inodes"]}
    # daxinspect also lists inodes being evicted (off their superblock's
    # list, found through a page's mapping); the oracle walks the lists
    # only, but its pages must then point at those inodes.
    owners = {(pg["mapping_inode"]["dev"], pg["mapping_inode"]["ino"])
              for pg in oracle["pages"] if pg.get("mapping_inode")}
    for key in sorted(set(mine) | set(theirs)):
        a, b = mine.get(key), theirs.get(key)
        if b is None and a is not None and a.get("evicting") and key in owners:
            continue
        if a is None or b is None:
            p.append(f"inode {key}: daxinspect {'has' if a else 'lacks'} it, drgn {'has' if b else 'lacks'} it")
            continue
        for f in ("path", "deleted", "nrpages"):
            if a[f] != b[f]:
                p.append(f"inode {key} {f}: daxinspect {a[f]!r}, drgn {b[f]!r}")
        ea = [entry_key(e) for e in a["entries"]]
        eb = [entry_key(e) for e in b["entries"]]
        if ea != eb:
            diff = sorted(set(ea) ^ set(eb))[:3]
            p.append(f"inode {key} entries differ ({len(ea)} vs {len(eb)}), e.g. {diff}")
    return p


def compare_pgmaps(check, oracle):
    a = [(m["type"], m["ranges"], m["vmemmap_shift"], m["altmap_valid"]) for m in check["pgmaps"]]
    b = [(m["type"], m["ranges"], m["vmemmap_shift"], m["altmap_valid"]) for m in oracle["pgmaps"]]
    return [] if a == b else [f"daxinspect {a}, drgn {b}"]


def page_view(pg, oracle_side):
    kind = pg.get("mapping_kind")
    if oracle_side and kind == "inode":
        kind = "pointer"
    if oracle_side and kind == "other":
        kind = "pointer"
    v = {
        "refcount": pg["refcount"],
        "mapcount_raw": pg["mapcount_raw"],
        "mapping_kind": kind,
        "mapping_inode": pg.get("mapping_inode"),
        "index": pg["index"],
        "flags": pg["flags"],
        "compound": pg["compound"],
    }
    if pg["compound"] == "head":
        v["order"] = pg.get("order")
    if pg["compound"] == "tail":
        v["head_pfn"] = pg.get("head_pfn")
    if kind == "marker" or kind == "tail":
        v["mapping"] = pg.get("mapping")
    return v


def compare_pages(check, oracle):
    p = []
    mine = {pg["pfn"]: pg for pg in check["pages"] if not pg.get("unreadable")}
    theirs = {pg["pfn"]: pg for pg in oracle["pages"]}
    # daxinspect also lists idle pages an entry references (the oracle
    # lists non-idle pages only): those must really be idle.
    idle_ref = 0 if oracle["era"] == "6.15+" else 1
    only_mine = sorted(pfn for pfn in set(mine) - set(theirs)
                       if not (mine[pfn]["refcount"] == idle_ref and mine[pfn]["mapcount_raw"] == -1
                               and mine[pfn]["mapping_kind"] == "null" and mine[pfn]["index"] == 0
                               and mine[pfn]["entries"] > 0))
    only_theirs = sorted(set(theirs) - set(mine))
    if only_mine:
        p.append(f"{len(only_mine)} pages listed only by daxinspect, first pfn {only_mine[0]:#x}")
    if only_theirs:
        p.append(f"{len(only_theirs)} pages listed only by drgn, first pfn {only_theirs[0]:#x}")
    for pfn in sorted(set(mine) & set(theirs)):
        a, b = page_view(mine[pfn], False), page_view(theirs[pfn], True)
        if a != b:
            diff = {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}
            p.append(f"pfn {pfn:#x}: (daxinspect, drgn) {diff}")
    return p


if __name__ == "__main__":
    main()
