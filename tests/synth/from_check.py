#!/usr/bin/python3
"""From a real dump's audit to a builder description, and back to a diff.

    from_check.py convert CHECK.json --layout PROFILE [--info INFO.json] -o DESC.json
    from_check.py compare REAL.json BUILT.json

convert: CHECK.json is `daxinspect check --json --all-pages --addresses`
of a real dump.  Every DAX inode (with its raw entries and xarray
orders), every pgmap, and every scanned struct page's words (flags,
_refcount, _mapcount, mapping, index/share) go into a tests/synth/build.py
description for the same type profile.  Pointers are re-expressed for the
builder's own addresses: a DAX inode's mapping as "inode:DEV:INO", a
pointer into the vmemmap (a folio's self-linked _deferred_list in page[2])
by pfn offset, any other pointer as "dangling".  Compound heads become
folios (their tails' link words are the builder's), then the page words
override every page, tails included (page[1] carries the folio's order,
_entire_mapcount and _pincount in its flags/mapping words).  Pages the
audit did not list (unreadable, or before an altmap's first data pfn)
are left out of the dump.  Identical consecutive pages (index +0 or +1)
are one run.

compare: REAL.json and BUILT.json are `check --json --all-pages` (without
--addresses) of the real and the built dump; prints the differences in
target (release, build_id, semantics), inodes, pgmaps, pages, findings
and summary.  Ignored, because the builder does not reproduce them:
target.path and target.types, summary.superblocks and
summary.inodes_scanned (the builder lays out only DAX inodes and their
superblocks, not the rest of the system), and summary.mappings (check's
JSON does not carry the processes' VMAs and page tables, so nothing is
converted into "mappings").  Exit 0 when equal.
"""
import argparse
import json
import sys

VMEMMAP = 0xffffea0000000000   # tests/synth/build.py's vmemmap base
S_IFCHR, S_IFREG = 0o020000, 0o100000
S_DAX = 0x2000


def hexnum(v):
    return int(v, 16) if isinstance(v, str) else v


def page_size(profile):
    with open(profile) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0] == "size" and p[1] == "struct page":
                return int(p[2])
    sys.exit("from_check.py: %s has no size of struct page" % profile)


def convert(real, layout, info=None):
    psize = page_size(layout)
    # The real dump's vmemmap base, from any page's address (KASLR moves it).
    vbase = None
    for pg in real["pages"]:
        if "addr" in pg:
            vbase = hexnum(pg["addr"]) - pg["pfn"] * psize
            break
    if vbase is None:
        sys.exit("from_check.py: no page addresses: run check with --addresses")
    desc = {"layout": layout, "release": real["target"]["release"],
            "superblocks": [], "pgmaps": [], "folios": [], "pages": [],
            "why": "converted by from_check.py from %s" % real["target"]["path"]}
    if real["target"].get("build_id"):
        desc["build_id"] = real["target"]["build_id"]
    if info:
        # KASLR: the same slide and physical load address, so kernel-image
        # pfns (the zero page in zero entries) are the real ones.
        desc["kernel_offset"] = info["kernel"]["kaslr_offset"]
        desc["phys_base"] = info["kernel"]["phys_base"]

    # Inodes, grouped by superblock.
    sbs = {}
    mappings = {}
    for ino in real["inodes"]:
        key = (ino["dev"], ino["s_dev"], ino["fs"])
        sb = sbs.setdefault(key, {"id": ino["dev"], "s_dev": ino["s_dev"],
                                  "fstype": ino["fs"], "inodes": []})
        spec = {"ino": ino["ino"], "i_flags": S_DAX,
                "mode": (S_IFCHR | 0o600) if ino["devdax"] else (S_IFREG | 0o644),
                "nlink": 0 if ino["deleted"] else 1,
                "nrpages": ino["nrpages"],
                "entries": [{"index": e["index"], "raw": e["raw"], "order": e["xa_order"]}
                            for e in ino["entries"]]}
        if ino["path"]:
            spec["path"] = [c for c in ino["path"].split("/") if c]
        if ino.get("evicting"):
            spec["evicting"] = True
        if ino.get("mapping"):
            mappings[hexnum(ino["mapping"])] = "inode:%s:%d" % (ino["dev"], ino["ino"])
        sb["inodes"].append(spec)
        for e in ino["entries"]:
            if e["kind"] == "zero" and e["order"] == 9:
                desc["huge_zero_pfn"] = e["pfn"]
    desc["superblocks"] = list(sbs.values())

    # Pgmaps; pfns not listed in pages[] are absent from the dump.
    listed = set(pg["pfn"] for pg in real["pages"])
    for m in real["pgmaps"]:
        spec = {"type": m["type"], "ranges": [[hex(a), hex(b)] for a, b in m["ranges"]],
                "vmemmap_shift": m["vmemmap_shift"]}
        first = m["ranges"][0][0]
        if m["altmap_valid"]:
            spec["flags"] = 1  # PGMAP_ALTMAP_VALID
            spec["altmap"] = {"base_pfn": hex(first), "reserve": 0,
                              "free": m["first_data_pfn"] - first}
        absent = []
        for a, b in m["ranges"]:
            run = None
            for pfn in range(a, b + 1):
                if pfn in listed:
                    run = None
                elif run is None:
                    run = [pfn, pfn]
                    absent.append(run)
                else:
                    run[1] = pfn
        if absent:
            spec["absent"] = [[hex(a), hex(b)] for a, b in absent]
        desc["pgmaps"].append(spec)

    def mapping(pg):
        k = pg["mapping_kind"]
        if k == "null":
            return None
        v = hexnum(pg["mapping"])
        if k != "pointer":
            return v
        if v in mappings:
            return mappings[v]
        if vbase <= v < vbase + (1 << 40):
            return VMEMMAP + (v - vbase)
        return "dangling"

    # Folios first (build.py applies them before pages).
    for pg in real["pages"]:
        if pg["compound"] == "head":
            desc["folios"].append({"folio": hex(pg["pfn"]), "order": pg["order"],
                                   "refcount": pg["folio_refcount"],
                                   "mapcount": pg["folio_mapcount"]})

    def words(pg):
        return (hexnum(pg["flags"]), pg["refcount"], pg["mapcount_raw"] + 1,
                mapping(pg), pg["index"])

    pages = sorted(real["pages"], key=lambda pg: pg["pfn"])
    runs = []
    for pg in pages:
        w = words(pg)
        if runs:
            r = runs[-1]
            step = w[4] - r["w"][4] - (r["count"] - 1) * r["step"] if r["count"] > 1 else w[4] - r["w"][4]
            same = w[:4] == r["w"][:4] and pg["pfn"] == r["pfn"] + r["count"]
            if same and r["count"] == 1 and step in (0, 1):
                r["step"] = step
                r["count"] += 1
                continue
            if same and r["count"] > 1 and w[4] == r["w"][4] + r["count"] * r["step"]:
                r["count"] += 1
                continue
        runs.append({"pfn": pg["pfn"], "w": w, "count": 1, "step": 0})
    for r in runs:
        flags, ref, mapc, mp, index = r["w"]
        spec = {"pfn": hex(r["pfn"]), "flags": hex(flags), "refcount": ref,
                "mapcount": mapc, "mapping": mp, "index": index}
        if r["count"] > 1:
            spec["count"] = r["count"]
            spec["index_step"] = r["step"]
        desc["pages"].append(spec)
    return desc


def compare(real, built):
    diffs = []

    def diff(what, a, b):
        if a != b:
            diffs.append("%s: real %s, built %s" % (what, json.dumps(a, sort_keys=True)[:300],
                                                   json.dumps(b, sort_keys=True)[:300]))

    for k in ("release", "build_id", "semantics"):
        diff("target." + k, real["target"].get(k), built["target"].get(k))
    rs, bs = dict(real["summary"]), dict(built["summary"])
    for k in ("superblocks", "inodes_scanned", "mappings"):
        rs.pop(k, None)
        bs.pop(k, None)
    diff("summary", rs, bs)
    key = lambda i: (i["dev"], i["ino"])
    ri = {key(i): i for i in real["inodes"]}
    bi = {key(i): i for i in built["inodes"]}
    diff("inode set", sorted(ri), sorted(bi))
    for k in sorted(set(ri) & set(bi)):
        for f in sorted(set(ri[k]) | set(bi[k])):
            diff("inode %s:%d %s" % (k[0], k[1], f), ri[k].get(f), bi[k].get(f))
    diff("pgmaps", real["pgmaps"], built["pgmaps"])
    rp = {p["pfn"]: p for p in real["pages"]}
    bp = {p["pfn"]: p for p in built["pages"]}
    diff("page set (count)", len(rp), len(bp))
    n = 0
    for pfn in sorted(set(rp) | set(bp)):
        if rp.get(pfn) != bp.get(pfn):
            n += 1
            if n <= 5:
                diff("page %#x" % pfn, rp.get(pfn), bp.get(pfn))
    if n > 5:
        diffs.append("... %d pages differ in all" % n)
    # The builder writes no tasks nor wait queues: a held page's waiters
    # (docs/json-schema.md, busy-page/leaked-ref) are the real dump's only.
    fk = lambda f: json.dumps({k: v for k, v in f.items() if k not in ("waiters", "waiters_unknown")},
                              sort_keys=True)
    diff("findings", sorted(map(fk, real["findings"])), sorted(map(fk, built["findings"])))
    return diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("convert")
    c.add_argument("check_json")
    c.add_argument("--layout", required=True)
    c.add_argument("--info", help="`daxinspect info --json` of the dump: its KASLR offset and phys_base")
    c.add_argument("-o", "--output", required=True)
    k = sub.add_parser("compare")
    k.add_argument("real")
    k.add_argument("built")
    a = ap.parse_args()
    if a.cmd == "convert":
        info = None
        if a.info:
            with open(a.info) as f:
                info = json.load(f)
        with open(a.check_json) as f:
            desc = convert(json.load(f), a.layout, info)
        with open(a.output, "w") as f:
            json.dump(desc, f, indent=1)
            f.write("\n")
        return 0
    with open(a.real) as f:
        real = json.load(f)
    with open(a.built) as f:
        built = json.load(f)
    diffs = compare(real, built)
    for d in diffs:
        print(d)
    if not diffs:
        print("identical")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
