#!/usr/bin/python3
"""Writes tests/synth/cases/*.json: the synthetic matrix.

Each case is a base DAX state for one layout plus at most one injected
fault, with its expected findings WRITTEN BY HAND from the kernel rules
(docs/design.md#checks, docs/kernel-facts.md) -- never captured from
daxinspect's output.  The "why" of each case says which rule gives the
expectation.  Re-run after editing; the JSON files are committed.

Layouts: 5.10 (no reflink under DAX: no shared marker, no folios), 6.1,
6.12 (6.2-6.14 rules), 7.2 and 7.3 (6.15+ rules), and seed-0x4
(the 6.12 profile run with --semantics seed-0x4: shared marker is
mapping & 0x4, count in share, refcounts as the layout's era, 1-based).
"""
import copy
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "cases")

LAYOUTS = {
    # 5.10: from Debian bullseye's linux-image-5.10.0-32-cloud-amd64-dbg
    # 5.10.223-1 (layouts/README.md); the lab's 5.10 dumps are that kernel.
    "5.10": {"profile": "tests/synth/layouts/5.10.profile", "era": "5.10",
             "release": "5.10.0-32-cloud-amd64"},
    # rmap_profile: for the cases that lay out user mappings (stale-pte),
    # which the sample profiles cannot describe (layouts/README.md).
    "6.1": {"profile": "vmcores-sample/6.1-ext4/vmcore.profile", "era": "6.1",
            "rmap_profile": "tests/synth/layouts/6.1.profile"},
    "6.12": {"profile": "vmcores-sample/6.12-xfs-reflink/vmcore.profile", "era": "6.2",
             "rmap_profile": "tests/synth/layouts/6.12.profile"},
    # 7.2: from Debian sid's linux-image-7.2.13+deb14-cloud-amd64-dbg 7.2.13-1
    # (layouts/README.md); the first layout with dax_folio_reset_order().
    "7.2": {"profile": "tests/synth/layouts/7.2.profile", "era": "6.15",
            "release": "7.2.13+deb14-cloud-amd64"},
    "7.3": {"profile": "vmcores-sample/7.3-xfs-reflink/vmcore.profile", "era": "6.15"},
    "seed-0x4": {"profile": "vmcores-sample/6.12-xfs-reflink/vmcore.profile", "era": "seed",
                 "semantics": "seed-0x4", "rmap_profile": "tests/synth/layouts/6.12.profile"},
}

# Layouts whose dumps carry their own BTF and kallsyms and are analysed
# with --types btf and no profile (tests/synth/btf.sh, cases-btf/): 7.0
# has no -dbg package; its layout comes from its BTF (layouts/README.md).
BTF_LAYOUTS = {
    "7.0": {"profile": "tests/synth/layouts/7.0.profile", "era": "6.15",
            "embed_btf": "tests/btf/7.0.13+deb13-cloud-amd64.btf.xz"},
}
LAYOUTS.update(BTF_LAYOUTS)
OUT_BTF = os.path.join(HERE, "cases-btf")


def check_table():
    """The built-in check ids, from the binary's table
    (`daxinspect --list-checks=builtin`; $DXI_BIN or build/daxinspect)."""
    b = os.environ.get("DXI_BIN") or os.path.join(TOP, "build", "daxinspect")
    out = subprocess.run([b, "--list-checks=builtin"], capture_output=True,
                         text=True, check=True).stdout
    return [line.split("\t")[0] for line in out.splitlines() if line]

A, B, C = 101, 102, 103     # inodes: A, B DAX files; C a non-DAX inode


def shared_page(era, pfn, count):
    """A reflinked page shared by `count` entries, per era's marker:
    6.1 mapping == PAGE_MAPPING_DAX_COW (0x1), count in index;
    6.2-6.14 mapping == PAGE_MAPPING_DAX_SHARED (0x1), count in share;
    seed mapping == 0x4, count in share; 6.15+ mapping NULL, share = N."""
    if era == "6.1":
        return {"pfn": hex(pfn), "mapping": "0x1", "index": count}
    if era == "6.2":
        return {"pfn": hex(pfn), "mapping": "0x1", "share": count}
    if era == "seed":
        return {"pfn": hex(pfn), "mapping": "0x4", "share": count}
    return {"pfn": hex(pfn), "mapping": None, "share": count}


def base(layout):
    """The clean state every case starts from."""
    L = LAYOUTS[layout]
    era = L["era"]
    d = {
        "layout": L["profile"],
        "superblocks": [{"id": "pmem0", "fstype": "xfs", "inodes": [
            {"ino": A, "path": ["dir", "a"], "entries": [
                {"index": 0, "pfn": "0x40010"},
                {"index": 1, "pfn": "0x40011"},
                {"index": 3, "pfn": "zero", "flags": ["ZERO"]},
                {"index": 4, "pfn": "0x40020"},
                {"index": 512, "pfn": "0x40200", "flags": ["PMD"]},
            ]},
            {"ino": B, "path": ["b"], "entries": [
                {"index": 0, "pfn": "0x40012"},
                {"index": 4, "pfn": "0x40020"},
            ]},
            {"ino": C, "path": ["c"], "i_flags": 0},
        ]}],
        "pgmaps": [{"type": "FS_DAX", "ranges": [["0x40000", "0x40fff"]]}],
        "pages": [
            {"pfn": "0x40010", "mapping": "inode:%d" % A, "index": 0},
            {"pfn": "0x40011", "mapping": "inode:%d" % A, "index": 1},
            {"pfn": "0x40012", "mapping": "inode:%d" % B, "index": 0},
            shared_page(era, 0x40020, 2),
        ],
        "folios": [],
        "expect": [],
    }
    if era == "5.10":
        # No reflink under DAX before 6.0 (xfs refuses dax with reflink,
        # 5.10 fs/xfs/xfs_super.c:1562): no page has two owners; 0x40020
        # is A:4's alone, associated as any other (fs/dax.c:355-357).
        inode(d, B)["entries"] = [e for e in inode(d, B)["entries"] if e["index"] != 4]
        d["pages"][3] = {"pfn": "0x40020", "mapping": "inode:%d" % A, "index": 4}
    if "semantics" in L:
        d["semantics"] = L["semantics"]
    if "release" in L:
        d["release"] = L["release"]
    if "embed_btf" in L:
        d["embed_btf"] = L["embed_btf"]
    if era == "6.15":
        # 0-based: a page mapped once idles at refcount 1 = mapcount.
        d["pages"][0].update({"refcount": 1, "mapcount": 1})
        # PMD entry: one order-9 folio from first association, head carries
        # mapping/index (the aligned index), tails TAIL_MAPPING.
        d["folios"].append({"folio": "0x40200", "order": 9,
                            "mapping": "inode:%d" % A, "index": 512})
    else:
        # <= 6.14: 512 order-0 pages, each mapping + index base + i.
        d["pages"].append({"pfn": "0x40200", "count": 512, "mapping": "inode:%d" % A,
                           "index": 512, "index_step": 1})
    return d


def inode(d, ino):
    for i in d["superblocks"][0]["inodes"]:
        if i["ino"] == ino:
            return i
    raise KeyError(ino)


def page(d, pfn, **kw):
    for p in d["pages"]:
        if int(p["pfn"], 16) == pfn and p.get("count", 1) == 1:
            p.update(kw)
            return
    p = {"pfn": hex(pfn)}
    p.update(kw)
    d["pages"].append(p)


def X(check, sev, pfn=None, ino=None, index=None, bug=None, count=1, last_pfn=None):
    e = {"check": check, "severity": sev, "pfn": pfn, "ino": ino, "index": index,
         "known_bug": bug, "count": count}
    if last_pfn is not None:
        e["last_pfn"] = last_pfn
    return e


# ---- the per-check faults and their twins ------------------------------

def leaked_ref(layout, d, fault):
    era = LAYOUTS[layout]["era"]
    if not fault:
        d["why"] = "pfns 0x40030/0x40034 idle (no entry, refcount at the idle value): nothing to report"
        return
    if era == "6.15":
        # 6.15+: refcount > 0 with no association and no entry is a leak
        # (docs/kernel-facts.md#eviction-and-pins, 6.15+).
        page(d, 0x40030, refcount=1)
        d["expect"] = [X("leaked-ref", "error", 0x40030)]
        d["why"] = "6.15+ 0-based: refcount 1, no entry, no mapping -> leaked-ref"
    else:
        # <= 6.14 idle is 1: refcount 2 with no entry is a leaked ref; 1025 =
        # 1 + GUP_PIN_COUNTING_BIAS is an orphaned pin (eviction does not wait).
        page(d, 0x40030, refcount=2)
        page(d, 0x40034, refcount=1025)
        d["expect"] = [X("leaked-ref", "error", 0x40030),
                       X("leaked-ref", "error", 0x40034)]
        d["why"] = "<=6.14 1-based: refcount 2 and 1025 (orphaned pin) with no entry -> two leaked-ref"


def busy_page(layout, d, fault):
    era = LAYOUTS[layout]["era"]
    if not fault:
        d["why"] = "0x40011 mapped by A:1 at its baseline refcount"
        return
    if era == "6.15":
        page(d, 0x40011, refcount=2, mapcount=1)
        d["why"] = "6.15+: refcount 2 - mapcount 1 = 1 extra on an entry's page -> busy-page warning"
    else:
        page(d, 0x40011, refcount=2)
        d["why"] = "<=6.14: refcount 2 > 1 on an entry's page (dax_busy_page) -> busy-page warning"
    d["expect"] = [X("busy-page", "warning", 0x40011, A, 1)]


def refcount_underflow(layout, d, fault):
    era = LAYOUTS[layout]["era"]
    if not fault:
        if era == "6.15":
            page(d, 0x40011, refcount=2, mapcount=2)
            d["why"] = "6.15+: mapped twice, refcount 2 = mapcount: idle mapped"
        else:
            d["why"] = "<=6.14: refcount 1 everywhere"
        return
    if era == "6.15":
        # refcount below mapcount (a map's ref dropped twice), and a negative
        # refcount on an unreferenced page.
        page(d, 0x40011, refcount=1, mapcount=2)
        page(d, 0x40035, refcount=-1)
        d["expect"] = [X("refcount-underflow", "error", 0x40011, A, 1),
                       X("refcount-underflow", "error", 0x40035)]
        d["why"] = "6.15+: refcount 1 < mapcount 2 at A:1, and refcount -1 at 0x40035 -> two underflows"
    else:
        page(d, 0x40011, refcount=0)
        d["expect"] = [X("refcount-underflow", "error", 0x40011, A, 1)]
        d["why"] = "<=6.14: FS_DAX refcount never reaches 0 (1-based); 0 at A:1 -> underflow"


def mapping_mismatch(layout, d, fault):
    if not fault:
        d["why"] = "A:1 -> 0x40011 whose mapping is A, index 1"
        return
    page(d, 0x40011, index=7)
    d["expect"] = [X("mapping-mismatch", "error", 0x40011, A, 1)]
    d["why"] = "entry A:1 -> 0x40011 but the page says A, index 7 -> mapping-mismatch (same inode: no known bug)"


def stale_mapping(layout, d, fault):
    if not fault:
        inode(d, B)["entries"].append({"index": 9, "pfn": "0x40040"})
        page(d, 0x40040, mapping="inode:%d" % B, index=9)
        d["why"] = "0x40040 says B:9 and B has that entry; 0x40044 idle"
        return
    page(d, 0x40040, mapping="inode:%d" % B, index=9)
    page(d, 0x40044, mapping="inode:%d" % C, index=2)
    d["expect"] = [X("stale-mapping", "error", 0x40040, B, 9),
                   X("stale-mapping", "error", 0x40044)]
    d["why"] = ("0x40040 says B:9 but B has no entry for it -> stale; 0x40044 points at the "
                "mapping of C, which is not a DAX inode -> dangling (no inode, no index)")


def share_mismatch(layout, d, fault):
    if LAYOUTS[layout]["era"] == "5.10":
        # 5.10 has no shared marker: what 6.1 calls a COW page (mapping
        # 0x1, count in index) is a mapping word no address_space has.
        if not fault:
            d["why"] = "5.10: 0x40020 owned by A:4 alone (mapping A, index 4), no marker exists"
            return
        inode(d, B)["entries"].append({"index": 4, "pfn": "0x40020"})
        page(d, 0x40020, mapping="0x1", index=3)
        d["expect"] = [X("mapping-mismatch", "error", 0x40020, A, 4),
                       X("mapping-mismatch", "error", 0x40020, B, 4)]
        d["why"] = ("5.10: the 6.1 COW state (mapping 0x1, count 3 in index) under A:4 and B:4 is no "
                    "share on 5.10 (dax_associate_entry always stores the address_space, fs/dax.c:355): "
                    "no share-mismatch, and each entry's page has a mapping word no DAX inode owns -> "
                    "mapping-mismatch at A:4 and at B:4")
        return
    if not fault:
        d["why"] = "0x40020 shared by A:4 and B:4 with count 2"
        return
    d["pages"] = [p for p in d["pages"] if p["pfn"] != "0x40020"]
    d["pages"].append(shared_page(LAYOUTS[layout]["era"], 0x40020, 3))
    d["expect"] = [X("share-mismatch", "error", 0x40020, A, 4)]
    d["why"] = "0x40020 carries the era's shared marker with count 3 but A:4 and B:4 reference it -> share-mismatch"


def bad_entry(layout, d, fault):
    if not fault:
        inode(d, A)["entries"].append({"index": 5, "pfn": "0x40050"})
        page(d, 0x40050, mapping="inode:%d" % A, index=5)
        if LAYOUTS[layout]["era"] == "6.15":
            page(d, 0x40050, refcount=0)
        d["why"] = "A:5 -> 0x40050 inside the FS_DAX pgmap, page associated"
        return
    inode(d, A)["entries"].append({"index": 5, "pfn": "0x90000"})
    d["expect"] = [X("bad-entry", "error", 0x90000, A, 5)]
    d["why"] = "A:5 -> pfn 0x90000 outside every pgmap -> bad-entry"


def unreadable(layout, d, fault):
    pg = {"type": "FS_DAX", "ranges": [["0x48000", "0x481ff"]]}
    d["pgmaps"].append(pg)
    if not fault:
        d["why"] = "a second pgmap whose struct pages are in the dump (idle)"
        return
    pg["memmap_absent"] = True
    d["expect"] = [X("unreadable", "warning", 0x48000)]
    d["why"] = "the second pgmap's struct pages are mapped in the vmemmap but absent from the dump -> one unreadable run"


def case_makers():
    """Check id -> its fault/clean case function, named after the id
    (leaked-ref -> leaked_ref), for every check of the table."""
    makers = {}
    for cid in check_table():
        fn = globals().get(cid.replace("-", "_"))
        if not callable(fn):
            sys.exit("gen_cases.py: check %s has no case function %s(layout, d, fault): "
                     "write its fault case and clean twin" % (cid, cid.replace("-", "_")))
        makers[cid] = fn
    return makers

def has_rmap(profile):
    """True when a profile describes the user mappings (i_mmap,
    vm_area_struct, mm_struct, task_struct)."""
    with open(os.path.join(TOP, profile)) as f:
        return "\ti_mmap.rb_root.rb_node\t" in f.read()


def stale_pte(layout, d, fault):
    L = LAYOUTS[layout]
    if not has_rmap(d["layout"]) and "rmap_profile" in L:
        # The sample profiles (6.1.0-56, 6.12.117) predate the rmap
        # queries and their -dbg packages have left the archive: a newer
        # build of the same series gives the same era's layout with them
        # (layouts/README.md).
        d["layout"] = L["rmap_profile"]
    if not has_rmap(d["layout"]):
        d["expect_mappings"] = {"read": False}
        d["why"] = ("%s's profile does not describe the user mappings and no newer build of "
                    "the series is at hand, so no VMA can be laid out and stale-pte cannot check: "
                    "the header says the mappings were not read, and no finding is made up" % layout)
        return
    era = LAYOUTS[layout]["era"]
    # pid 200 maps A over 4 MiB from file page 0 (PTEs at 0, 1, 4, the zero
    # page at 3, a PMD at 512); pid 201 maps B read-only (B:0).
    d["mappings"] = [
        {"pid": 200, "comm": "daxmap", "inode": "inode:%d" % A, "start": "0x7f0000000000",
         "pages": 2048, "pgoff": 0, "flags": ["read", "write", "shared", "mayshare", "sync"],
         "leaves": [{"at": 0, "pfn": "0x40010"}, {"at": 1, "pfn": "0x40011"},
                    {"at": 3, "pfn": "zero", "write": False},
                    {"at": 4, "pfn": "0x40020"},
                    {"at": 512, "pfn": "0x40200", "level": "pmd"}]},
        {"pid": 201, "comm": "reader", "inode": "inode:%d" % B, "start": "0x7f1000000000",
         "pages": 16, "pgoff": 0, "flags": ["read", "shared", "mayshare"],
         "leaves": [{"at": 0, "pfn": "0x40012", "write": False}]},
    ]
    if not fault:
        d["expect_mappings"] = {"read": True, "leaves": 6, "vmas": 2}
        d["why"] = ("every present leaf (A:0, A:1, A:4, the PMD at A:512; the zero page at A:3 is "
                    "no storage; B:0) maps the page A's or B's entry holds at that file page: clean")
        return
    # Truncate freed A:1 (the entry deleted) but left two PTEs to it, pid
    # 200's and pid 202's, and the block went to B as B:7 (B's entry, the
    # page associated with B); and a PMD at file page 1024 maps 0x40400..
    # where A has no entry at all.
    inode(d, A)["entries"] = [e for e in inode(d, A)["entries"] if e["index"] != 1]
    inode(d, B)["entries"].append({"index": 7, "pfn": "0x40011"})
    page(d, 0x40011, mapping="inode:%d" % B, index=7)
    d["mappings"][0]["leaves"].append({"at": 1024, "pfn": "0x40400", "level": "pmd"})
    d["mappings"].append({"pid": 202, "comm": "second", "inode": "inode:%d" % A,
                          "start": "0x7f2000000000", "pages": 4, "pgoff": 0,
                          "leaves": [{"at": 1, "pfn": "0x40011", "write": False}]})
    d["expect_mappings"] = {"read": True, "leaves": 8, "vmas": 3}
    d["expect"] = [X("stale-pte", "error", 0x40011, A, 1),
                   X("stale-pte", "error", 0x40400, A, 1024, count=512, last_pfn=0x405ff)]
    d["expect_text"] = ["the page now belongs to pmem0:%d" % B]
    d["why"] = ("A:1's entry is gone (truncate deleted it) yet pids 200 and 202 still map 0x40011 "
                "there, a block B now holds as B:7 -> one stale-pte naming B as the owner (the two "
                "mappers are its holders); a PMD at A:1024 maps "
                "0x40400-0x405ff where A has no entry -> one stale-pte folded over 512 pages "
                "(mm/truncate.c truncate_pagecache() unmaps before it deletes)")


# ---- version-specific states -------------------------------------------

def no_hint(layout, why):
    """layout's base state, which must give no semantics hint."""
    d = base(layout)
    d["expect_semantics_hint"] = None
    d["why"] = why
    return d


def odd_marker(layout, marker_page, fits, detected, mapping, why):
    """0x40020, shared by A:4 and B:4, marked as marker_page says: a marker
    layout's era calls odd and the patched scheme `fits` calls shared."""
    d = base(layout)
    d["pages"] = [p for p in d["pages"] if p["pfn"] != "0x40020"]
    d["pages"].append(marker_page)
    d["expect"] = [X("mapping-mismatch", "error", 0x40020, A, 4),
                   X("mapping-mismatch", "error", 0x40020, B, 4)]
    d["expect_semantics_hint"] = {"fits": fits, "detected": detected, "pages": 1,
                                  "first_pfn": 0x40020, "mapping": mapping}
    d["why"] = why
    return d


def specials():
    out = {}

    d = base("6.1")
    page(d, 0x40060, mapping="0x1", index=0)
    d["expect"] = [X("share-mismatch", "error", 0x40060, bug="dax-cow-offbyone")]
    d["why"] = ("6.1 dax_disassociate_entry off-by-one (docs/kernel-facts.md#bug-dax-cow-offbyone): after the last sharer the "
                "page keeps mapping 0x1 (COW) with index 0 and no entry -> share-mismatch, known bug dax-cow-offbyone")
    out["6.1-cow-leftover"] = d

    d = base("6.12")
    page(d, 0x40060, mapping="0x1", share=0)
    d["expect"] = [X("share-mismatch", "error", 0x40060, bug=None)]
    d["why"] = ("same state on 6.12: dax_page_share_put() returns --share and clears at 0, so the "
                "off-by-one bug is not this kernel's (fixed v6.2) -> share-mismatch, known_bug null")
    out["6.12-shared-count0"] = d

    d = base("6.1")
    inode(d, B)["entries"].append({"index": 1, "pfn": "0x40011"})
    page(d, 0x40011, mapping="inode:%d" % B, index=1)
    d["expect"] = [X("mapping-mismatch", "error", 0x40011, A, 1, bug="xfs-dax-read-shared")]
    d["why"] = ("6.1 XFS read fault on a shared extent (docs/kernel-facts.md#bug-xfs-dax-read-shared): B's associate overwrote "
                "mapping/index of A's page; A:1 sees mapping B -> mapping-mismatch, known bug xfs-dax-read-shared")
    out["6.1-xfs-read-shared"] = d

    d = base("6.1")
    page(d, 0x40011, mapping=None, index=0)
    d["expect"] = [X("mapping-mismatch", "error", 0x40011, A, 1, bug="xfs-dax-read-shared-cleared")]
    d["why"] = ("6.1 XFS read-shared, then the other owner's disassociate cleared mapping under A's "
                "live entry -> mapping-mismatch (cleared), known bug xfs-dax-read-shared-cleared")
    out["6.1-xfs-read-shared-cleared"] = d

    d = base("6.12")
    inode(d, B)["entries"].append({"index": 1, "pfn": "0x40011"})
    page(d, 0x40011, mapping="inode:%d" % B, index=1)
    d["expect"] = [X("mapping-mismatch", "error", 0x40011, A, 1, bug=None)]
    d["why"] = "the 6.1 read-shared state on 6.12 (fixed in v6.2, c6f0b395b211) -> mapping-mismatch, known_bug null"
    out["6.12-other-inode"] = d

    d = base("7.3")
    page(d, 0x40070, mapping=None, share=5)
    d["expect"] = [X("share-mismatch", "error", 0x40070, bug=None)]
    d["why"] = ("6.15+ order-0 folio, mapping NULL, stale share 5, no entry: reads as shared with 5 "
                "owners -> share-mismatch.  The stale-index bug (dax-stale-share-order0) is 6.15-7.1 "
                "and fixed by dax_folio_reset_order() in 7.2, so on 7.3 known_bug is null")
    out["7.3-stale-share-order0"] = d

    d = base("7.2")
    page(d, 0x40070, mapping=None, share=5)
    d["expect"] = [X("share-mismatch", "error", 0x40070, bug=None)]
    d["why"] = ("7.2.13 (first release with dax_folio_reset_order(), which resets index/share "
                "of an order-0 folio): the 6.15-7.1 stale-index state read as shared by 5 with "
                "no entry -> share-mismatch, but not the known bug dax-stale-share-order0 "
                "(6.15 <= v < 7.2): known_bug null")
    out["7.2-stale-share-order0"] = d

    d = base("7.3")
    d["release"] = "7.0.0-44-generic"
    page(d, 0x40070, mapping=None, share=5)
    d["expect"] = [X("share-mismatch", "error", 0x40070, bug="dax-stale-share-order0")]
    d["why"] = ("the same state with the release reported as 7.0 (a hybrid: 7.3 layout, 7.0 "
                "release string; no 6.15-7.1 profile is at hand) -> known bug dax-stale-share-order0")
    out["7.3-as-7.0-stale-share-order0"] = d

    d = base("7.0")
    page(d, 0x40070, mapping=None, share=5)
    d["expect"] = [X("share-mismatch", "error", 0x40070, bug="dax-stale-share-order0")]
    d["why"] = ("7.0.13 (docs/kernel-facts.md#bug-dax-stale-share-order0): dax_folio_put() on an order-0 folio sets mapping NULL "
                "and returns, leaving index = share = 5; no entry references it; it reads as "
                "shared by 5 -> share-mismatch, known bug dax-stale-share-order0 (6.15 <= 7.0.13 < 7.2)")
    out["7.0-stale-share-order0"] = d

    d = base("7.0")
    d["why"] = ("the twin of 7.0-stale-share-order0: 0x40070 idle (mapping NULL, share 0, "
                "refcount 0), 0x40020 shared by A:4 and B:4 with share 2 (clean)")
    out["7.0-stale-share-order0-clean"] = d

    d = base("7.0")
    d["kallsyms_encoding"] = "base-relative"
    page(d, 0x40070, mapping=None, share=5)
    d["expect"] = [X("share-mismatch", "error", 0x40070, bug="dax-stale-share-order0")]
    d["why"] = ("7.0-stale-share-order0 with kallsyms in the base-relative encoding "
                "(kallsyms_relative_base): the same finding")
    out["7.0-stale-share-order0-base-relative"] = d

    # Patched kernels (docs/kernel-facts.md#patched-markers): a marker the
    # detected era calls odd but the patched scheme of the same layout
    # calls shared gives one hint line, and its findings as the era reads
    # them; with the scheme forced, or with the era's own marker, no hint.
    out["6.12-seed-marker-unforced"] = odd_marker(
        "6.12", shared_page("seed", 0x40020, 2), "seed-0x4", "6.2-6.14", 4,
        "the seed's 0x4 marker (share 2, A:4 and B:4) on the 6.12 layout, --semantics not "
        "given: 6.2-6.14 rules read mapping 0x4 as odd -> mapping-mismatch at A:4 and B:4, "
        "and the hint names seed-0x4")

    out["seed-0x4-marker-forced-clean"] = no_hint(
        "seed-0x4", "the same state with --semantics seed-0x4: shared by A:4 and B:4, clean, no hint")
    out["6.12-marker-own-clean"] = no_hint("6.12", "6.12's own 0x1 marker (share 2): clean, no hint")

    out["7.3-marker-0x1"] = odd_marker(
        "7.3", shared_page("6.2", 0x40020, 2), "6.2-6.14", "6.15+", 1,
        "the 6.2-6.14 marker (mapping 0x1, share 2) on the 7.3 layout: 6.15+ rules have no "
        "marker (mapping NULL + share) and read 0x1 as odd -> mapping-mismatch at A:4 and "
        "B:4, and the hint names 6.2-6.14")

    out["7.3-marker-own-clean"] = no_hint("7.3", "7.3's own marker (mapping NULL, share 2): clean, no hint")

    d = base("7.3")
    d["why"] = "the base 7.3 state: a PMD folio whose tails use the compound_info mask encoding (clean)"
    out["7.3-folio-mask-tails-clean"] = d

    d = base("7.3")
    d["folios"][0]["tail_encoding"] = "head"
    d["why"] = "7.2+ compound_info without the mask (head | 1): still one order-9 folio (clean)"
    out["7.3-folio-head-tails-clean"] = d

    d = base("7.3")
    d["folios"][0]["order_field"] = 8
    d["expect"] = [X("mapping-mismatch", "error", 0x40200, A, 512)]
    d["why"] = ("6.15+ dax_folio_init makes a PMD entry's pages one order-9 folio; the head says "
                "order 8 -> mapping-mismatch at the head (A:512)")
    out["7.3-folio-wrong-order"] = d

    d = base("7.3")
    # pfn 0x40205 left out of the folio: an ordinary idle order-0 page.
    page(d, 0x40205, word1="pgmap", mapping=None, index=0, refcount=0, mapcount=0)
    d["expect"] = [X("mapping-mismatch", "error", 0x40205, A, 517),
                   X("mapping-mismatch", "error", 0x40205, A, 517)]
    d["why"] = ("page 5 of A's PMD folio is not a tail (folio shape broken) and, as an order-0 "
                "page, has no association under A's live entry: two mapping-mismatch findings at A:517")
    out["7.3-folio-missing-tail"] = d

    d = base("7.3")
    inode(d, A)["entries"].append({"index": 1024, "pfn": "0x40400", "flags": ["PMD"]})
    inode(d, B)["entries"].append({"index": 1024, "pfn": "0x40400", "flags": ["PMD"]})
    d["folios"].append({"folio": "0x40400", "order": 9, "mapping": None, "share": 2})
    d["why"] = "6.15+ shared PMD folio: head mapping NULL, share 2, two PMD entries (clean)"
    out["7.3-shared-pmd-folio-clean"] = d

    d = copy.deepcopy(d)
    d["folios"][-1]["share"] = 3
    d["expect"] = [X("share-mismatch", "error", 0x40400, A, 1024)]
    d["why"] = "6.15+ shared PMD folio with share 3 but two PMD entries -> share-mismatch at the head"
    out["7.3-shared-pmd-folio-share3"] = d

    d = base("6.12")
    inode(d, A)["entries"].append({"index": 6, "pfn": "0x40013", "flags": ["LOCKED"]})
    page(d, 0x40013, mapping="inode:%d" % A, index=6)
    d["expect"] = [X("bad-entry", "info", 0x40013, A, 6)]
    d["why"] = "DAX_LOCKED entry at dump time -> bad-entry info (exit 0)"
    out["6.12-bad-entry-locked"] = d

    d = base("6.12")
    inode(d, A)["entries"].append({"index": 7, "raw": "0x402"})
    d["expect"] = [X("bad-entry", "error", None, A, 7)]
    d["why"] = "XA_RETRY_ENTRY (0x402) in a DAX mapping: not a value entry -> bad-entry error, no pfn"
    out["6.12-bad-entry-retry"] = d

    d = base("6.12")
    inode(d, A)["entries"].append({"index": 8, "pfn": "0x1234", "flags": ["ZERO"]})
    d["expect"] = [X("bad-entry", "warning", None, A, 8)]
    d["why"] = "zero-page entry whose pfn 0x1234 is not zero_pfn -> bad-entry warning"
    out["6.12-bad-entry-zero-pfn"] = d

    d = base("6.12")
    inode(d, A)["entries"].append({"index": 9, "pfn": "0x55", "flags": ["EMPTY"]})
    d["expect"] = [X("bad-entry", "warning", None, A, 9)]
    d["why"] = "EMPTY entry carrying pfn 0x55 (grab_mapping_entry stores 0) -> bad-entry warning"
    out["6.12-bad-entry-empty-pfn"] = d

    d = base("6.12")
    inode(d, A)["entries"].append({"index": 1024, "pfn": "0x40401", "flags": ["PMD"]})
    d["pages"].append({"pfn": "0x40401", "count": 512, "mapping": "inode:%d" % A,
                       "index": 1024, "index_step": 1})
    d["expect"] = [X("bad-entry", "error", 0x40401, A, 1024)]
    d["why"] = "PMD entry whose pfn 0x40401 is not 2 MiB aligned (pages otherwise consistent) -> bad-entry"
    out["6.12-bad-entry-pmd-misaligned"] = d
    d = base("7.3")
    d["pgmaps"].append({"type": "GENERIC", "ranges": [["0x48000", "0x481ff"]]})
    page(d, 0x48010, mapping="dangling", index=16, refcount=2, mapcount=1)
    d["why"] = ("device-dax (GENERIC) is 1-based in every version; from 6.15 each map takes a "
                "ref: refcount 2 with one mapping is idle, and mapping/index persist (never stale)")
    out["7.3-devdax-clean"] = d

    d = base("7.3")
    d["pgmaps"].append({"type": "GENERIC", "ranges": [["0x48000", "0x481ff"]]})
    page(d, 0x48010, refcount=0)
    d["expect"] = [X("refcount-underflow", "error", 0x48010)]
    d["why"] = ("device-dax pages are 1-based even on 6.15+ (free_zone_device_folio sets 1): "
                "refcount 0 -> refcount-underflow")
    out["7.3-devdax-underflow"] = d

    # A device-dax pgmap with vmemmap_shift 9 (daxctl --align 2M): one
    # order-9 compound page per 512 pfns (memmap_init_compound), heads idle
    # at refcount 1. The built-in checks see nothing; the devdax plugin
    # (tests/cli/plugins.sh) sees the broken one.
    for broken in (False, True):
        d = base("7.3")
        d["pgmaps"].append({"type": "GENERIC", "ranges": [["0x48000", "0x481ff"]],
                            "vmemmap_shift": 9})
        d.setdefault("folios", []).append({"folio": "0x48000", "order": 9, "refcount": 1,
                                           "mapping": None})
        d["why"] = "device-dax compound pages of vmemmap_shift 9, intact: no built-in finding"
        if broken:
            page(d, 0x48100, mapping=None, refcount=1, word1="pgmap")
            d["why"] = ("pfn 0x48100 of an order-9 device-dax compound page is not a tail "
                        "(its compound link overwritten): no built-in check judges device-dax "
                        "folio shape; the devdax plugin does")
        out["7.3-devdax-compound-%s" % ("broken" if broken else "clean")] = d

    d = base("6.12")
    d["pgmaps"].append({"type": "GENERIC", "ranges": [["0x48000", "0x481ff"]]})
    page(d, 0x48010, mapping="dangling", index=16)
    d["why"] = "6.12 device-dax page keeping mapping/index after its fault: never stale (clean)"
    out["6.12-devdax-clean"] = d

    d = base("6.12")
    d["pgmaps"].append({"type": "GENERIC", "ranges": [["0x48000", "0x481ff"]]})
    inode(d, A)["entries"].append({"index": 5, "pfn": "0x48020"})
    d["expect"] = [X("bad-entry", "error", 0x48020, A, 5)]
    d["why"] = "a filesystem DAX entry (regular file A) mapping a page of a GENERIC pgmap -> bad-entry"
    out["6.12-bad-entry-generic-page"] = d

    d = base("6.12")
    d["pgmaps"].append({"type": "FS_DAX", "ranges": [["0x48000", "0x481ff"]], "flags": 1,
                        "altmap": {"base_pfn": "0x48000", "reserve": 0, "free": "0x40"},
                        "memmap_absent": True})
    d["expect"] = [X("unreadable", "warning", 0x48040)]
    d["why"] = ("ndctl --map=dev: memmap in the altmap on the device, not in the dump; data pfns "
                "start after the altmap (pfn_first) -> one unreadable run from 0x48040")
    d["expect_text"] = [
        "the memmap of FS_DAX pgmap pfns 0x48000-0x481ff is on the device (ndctl --map=dev)",
        "a capture with the pmem range included (makedumpfile on an ELF that covers it, or dump-guest-memory)",
        "create the namespace with ndctl create-namespace --map=mem"]
    out["6.12-unreadable-altmap"] = d

    d = base("6.12")
    d["pgmaps"].append({"type": "FS_DAX", "ranges": [["0x48000", "0x481ff"]], "flags": 1,
                        "altmap": {"base_pfn": "0x48000", "reserve": 0, "free": "0x40"},
                        "absent": [["0x48040", "0x4807f"], ["0x48100", "0x4813f"]]})
    d["expect"] = [X("unreadable", "warning", 0x48040)]
    d["expect_text"] = ["were not checked", "ndctl create-namespace --map=mem",
                        "128 struct pages, pfns 0x48040-0x4813f"]
    d["why"] = ("memmap on the device (altmap) with two unreadable runs: said once for the "
                "pgmap, with the way out, not once per run")
    out["6.12-unreadable-altmap-two-runs"] = d

    # An over-filtered kdump lost the dev_pagemap (slab): the pgmap is
    # found through mem_section (its sections present with a memmap, not
    # online, not early; the struct pages' pgmap word in the direct map),
    # its struct pages are scanned as FS_DAX and the checks still run.
    for layout in ("6.12", "7.3"):
        d = base(layout)
        d["mem_section"] = True
        d["pgmaps"][0].update({"ranges": [["0x40000", "0x47fff"]], "dev_pagemap_absent": True})
        zero_based = LAYOUTS[layout]["era"] == "6.15"
        if zero_based:
            page(d, 0x40030, refcount=-1)
            d["expect"] = [X("refcount-underflow", "error", 0x40030),
                           X("unreadable", "warning"), X("unreadable", "warning")]
        else:
            page(d, 0x40030, refcount=0)
            d["expect"] = [X("refcount-underflow", "error", 0x40030),
                           X("unreadable", "warning"), X("unreadable", "warning")]
        d["expect_pages_scanned"] = 0x8000
        d["expect_pgmaps"] = [{"found_by": "mem_section", "type_assumed": True,
                               "ranges": [[0x40000, 0x47fff]]}]
        d["expect_text"] = ["(found through mem_section) is unreadable, so its struct "
                            "pages are read as FS_DAX"]
        d["why"] = ("the dev_pagemap is not in the dump: the pgmap comes from mem_section "
                    "(present + memmap, not online/early, pgmap word in the direct map), "
                    "all 32768 struct pages are scanned as FS_DAX and refcount-underflow "
                    "still fires; one unreadable finding from pgmap_array, one from mem_section")
        out["%s-pgmap-lost" % layout] = d

    d = base("6.12")
    inode(d, A)["entries"].append({"index": 1024, "pfn": "0x40400", "flags": ["PMD"], "order": 0})
    d["pages"].append({"pfn": "0x40400", "count": 512, "mapping": "inode:%d" % A,
                       "index": 1024, "index_step": 1})
    d["expect"] = [X("bad-entry", "error", 0x40400, A, 1024)]
    d["why"] = "an entry with DAX_PMD stored as an order-0 xarray entry -> bad-entry (flag and span disagree)"
    out["6.12-bad-entry-pmd-order0"] = d

    d = base("6.12")
    inode(d, A)["entries"].append({"index": 10, "raw": "0xe"})
    d["expect"] = [X("bad-entry", "error", None, A, 10)]
    d["why"] = ("a sibling entry (3 << 2 | 2) at slot 10, not following its canonical slot 3 -> "
                "malformed xarray node -> bad-entry error at A:10, no pfn")
    out["6.12-bad-entry-stray-sibling"] = d

    d = base("6.12")
    d["pages"].append({"pfn": "0x40600", "count": 512, "refcount": 2})
    d["expect"] = [X("leaked-ref", "error", 0x40600, count=512, last_pfn=0x407ff)]
    d["why"] = ("<=6.14: the 512 pages of a deleted PMD entry each hold one extra reference and no "
                "entry -> leaked-ref on every page, reported as one run of 512")
    out["6.12-leaked-run"] = d

    d = base("7.3")
    d["folios"].append({"folio": "0x40600", "order": 9, "mapping": "inode:%d" % A, "index": 1536})
    d["expect"] = [X("stale-mapping", "error", 0x40600, A, 1536)]
    d["why"] = ("6.15+ order-9 folio still associated with A at 1536 but A has no entry there "
                "(dax_folio_put would have cleared and split it) -> stale-mapping at the head only")
    out["7.3-stale-folio"] = d

    d = base("7.3")
    d["folios"][0].update({"refcount": 0, "mapcount": 1})
    d["expect"] = [X("refcount-underflow", "error", 0x40200, A, 512)]
    d["why"] = "6.15+ PMD folio mapped once (_large_mapcount 0) with refcount 0 < mapcount 1 -> underflow at the head"
    out["7.3-folio-refcount-below-mapcount"] = d

    d = base("7.3")
    d["folios"][0].update({"refcount": 2, "mapcount": 1})
    d["expect"] = [X("busy-page", "warning", 0x40200, A, 512)]
    d["why"] = "6.15+ PMD folio mapped once with refcount 2: one reference beyond its mapping -> busy-page at the head"
    out["7.3-folio-busy"] = d

    d = base("6.12")
    inode(d, A)["entries"].append({"index": 6, "pfn": "0x40013"})
    page(d, 0x40013, mapping="0x1", share=1)
    d["why"] = ("6.2+: a write fault on a shared extent associates the private CoW block on the "
                "shared path: SHARED marker with share 1 and one entry is normal (clean)")
    out["6.12-cow-block-share1-clean"] = d

    d = base("7.3")
    inode(d, B)["entries"] = [e for e in inode(d, B)["entries"] if e["index"] != 4]
    d["pages"] = [p for p in d["pages"] if p["pfn"] != "0x40020"]
    d["pages"].append(shared_page("6.15", 0x40020, 1))
    d["why"] = ("6.15+: after one of two sharers left, mapping stays NULL with share 1 and one "
                "entry (clean)")
    out["7.3-shared-one-left-clean"] = d
    d = base("7.3")
    d["folios"][0]["index"] = 513
    d["expect"] = [X("mapping-mismatch", "error", 0x40200, A, 512)]
    d["why"] = "6.15+ PMD folio head index must be the entry's aligned index 512; it says 513 -> mismatch at the head only (tails show through it)"
    out["7.3-folio-wrong-index"] = d

    d = base("6.12")
    d["pages"] = [p for p in d["pages"] if p["pfn"] != "0x40200"]
    d["pages"].append({"pfn": "0x40200", "count": 512, "mapping": "inode:%d" % A, "index": 512})
    d["expect"] = [X("mapping-mismatch", "error", 0x40201, A, 513, count=511, last_pfn=0x403ff)]
    d["why"] = ("<=6.14 PMD entry: page i must say index 512 + i; all say 512 -> pages 1..511 "
                "mismatch, one run of 511 starting at A:513")
    out["6.12-pmd-index-flat"] = d

    d = base("6.12")
    inode(d, A)["entries"].append({"index": "0x12345", "pfn": "0x40080"})
    page(d, 0x40080, mapping="inode:%d" % A, index=0x12345)
    d["why"] = "an entry deep in the xarray (index 0x12345: a three-level tree), consistent (clean)"
    out["6.12-deep-xarray-clean"] = d

    d = base("6.12")
    d["pgmaps"].append({"type": "FS_DAX", "ranges": [["0x48003", "0x48abc"]]})
    d["pgmaps"].append({"type": "FS_DAX", "ranges": [["0x50000", "0x500ff"], ["0x50400", "0x504ff"]]})
    page(d, 0x50410, mapping="inode:%d" % A, index=20)
    inode(d, A)["entries"].append({"index": 20, "pfn": "0x50410"})
    d["why"] = ("pgmaps with an unaligned range (stored as several multi-index entries) and one "
                "with two ranges; an entry in the second range (clean)")
    out["6.12-pgmap-ranges-clean"] = d

    d = base("6.12")
    d["superblocks"][0]["inodes"].append(
        {"ino": 104, "path": ["d"], "entries": [{"index": 0, "pfn": "0x40014"}]})
    page(d, 0x40014, mapping="inode:104", index=0)
    d["why"] = "an inode whose only entry is at index 0 (stored in xa_head, no node) (clean)"
    out["6.12-head-entry-clean"] = d

    d = base("7.3")
    inode(d, A)["entries"].append({"index": 2048, "pfn": "huge_zero", "flags": ["PMD", "ZERO"]})
    d["why"] = "a PMD zero-page entry on the huge zero pfn (clean)"
    out["7.3-huge-zero-clean"] = d

    d = base("7.3")
    inode(d, A)["entries"].append({"index": 2048, "pfn": "0x1200", "flags": ["PMD", "ZERO"]})
    d["expect"] = [X("bad-entry", "warning", None, A, 2048)]
    d["why"] = "a PMD zero-page entry whose pfn is not huge_zero_pfn -> bad-entry warning"
    out["7.3-bad-entry-huge-zero"] = d

    # Where -j cuts a range (tests/synth/jobs.sh): 0x40000-0x40fff is 8 runs
    # of DXI_PAGE_RUN (512); -j 2 cuts at 0x40800, -j 3 at 0x40400 and 0x40a00.
    d = base("6.12")
    d["pgmaps"][0]["absent"] = [["0x40400", "0x40bff"], ["0x40e00", "0x40fff"]]
    d["expect"] = [X("unreadable", "warning", 0x40400), X("unreadable", "warning", 0x40e00)]
    d["why"] = ("two runs of absent struct pages: 0x40400-0x40bff crosses where -j 2 and -j 3 "
                "cut the range (one -j 3 part is all absent) and 0x40e00-0x40fff ends it -> "
                "one unreadable finding per run, whatever -j")
    out["6.12-unreadable-across-parts"] = d

    d = base("7.3")
    for e in inode(d, A)["entries"]:
        if e.get("flags") == ["PMD"]:
            e["pfn"] = "0x40700"
    d["folios"] = []
    d["expect"] = [X("bad-entry", "error", 0x40700, A, 512),
                   X("mapping-mismatch", "error", 0x40700, A, 512),
                   X("mapping-mismatch", "error", 0x40700, A, 512, count=512, last_pfn=0x408ff)]
    d["why"] = ("a PMD entry at a pfn that is not 2 MiB aligned (0x40700) maps 512 pages with no "
                "folio and no association -> bad-entry, one folio-shape mapping-mismatch at its "
                "first page (reported once) and a run of 512 'no association' ones; its pages "
                "cross 0x40800, where -j 2 would cut the range, so -j moves the cut")
    out["7.3-pmd-misaligned-across-parts"] = d
    return out


def main():
    """gen_cases.py [--list | --out DIR]: --list prints the check ids the
    matrix covers; --out writes DIR/cases and DIR/cases-btf instead."""
    global OUT, OUT_BTF
    makers = case_makers()
    if sys.argv[1:] == ["--list"]:
        print("\n".join(makers))
        return
    if sys.argv[1:2] == ["--out"] and len(sys.argv) == 3:
        OUT = os.path.join(sys.argv[2], "cases")
        OUT_BTF = os.path.join(sys.argv[2], "cases-btf")
    elif sys.argv[1:]:
        sys.exit("usage: gen_cases.py [--list | --out DIR]")
    os.makedirs(OUT, exist_ok=True)
    cases = {}
    for layout in LAYOUTS:
        for check, fn in makers.items():
            for fault in (True, False):
                d = base(layout)
                fn(layout, d, fault)
                name = "%s-%s-%s" % (layout, check, "fault" if fault else "clean")
                cases[name] = d
    cases.update(specials())
    # BTF-only layouts go to cases-btf/ (btf.sh), the rest to cases/.
    btf = {n: d for n, d in cases.items() if "embed_btf" in d}
    prof = {n: d for n, d in cases.items() if "embed_btf" not in d}
    for out, group in ((OUT, prof), (OUT_BTF, btf)):
        os.makedirs(out, exist_ok=True)
        for old in os.listdir(out):
            if old.endswith(".json") and old[:-5] not in group:
                os.unlink(os.path.join(out, old))
        for name, d in sorted(group.items()):
            d = dict(d)
            d["name"] = name
            with open(os.path.join(out, name + ".json"), "w") as f:
                json.dump(d, f, indent=1, sort_keys=True)
                f.write("\n")
        print("%d cases in %s" % (len(group), out))


if __name__ == "__main__":
    main()
