#!/usr/bin/python3
"""Compares `check --json --all-pages` of a full dump (argv[1]) with the
same of its makedumpfile -d 31 copy (argv[2]); prints PASS/FAIL lines.

-d 31 drops zero, cache, user and free pages. A page of the vmemmap is
kernel data, so in a pgmap the filtered dump could read, the only struct
pages it may lack are all-zero ones (a 4 KiB page of 64 of them, all
zero); anything else missing is a reader that lost data. (makedumpfile
1.7.2 also drops some kernel pages of 6.12+ dumps that -d 31 should keep,
seen: the pages of a dev_pagemap and of super_blocks; without its
dev_pagemap a pgmap's pages are not scanned at all, which the filtered
dump must say in an unreadable finding.) The struct
pages both have must decode identically, and the filtered dump must not
find what the full one does not.
"""
import json
import sys


def load(path):
    try:
        return json.load(open(path))
    except ValueError as e:
        print(f"FAIL {path} is not JSON: {e}")
        sys.exit()


def zero(p):
    return (int(p["flags"], 16) == 0 and p["refcount"] == 0 and
            p["mapcount_raw"] == 0 and p["mapping_kind"] == "null" and
            p["index"] == 0)


full, filt = load(sys.argv[1]), load(sys.argv[2])
fpages = {p["pfn"]: p for p in full["pages"]}
gpages = {p["pfn"]: p for p in filt["pages"]}
def ranges(dump):
    return {tuple(r) for m in dump["pgmaps"] for r in m["ranges"]}


def inside(pfn, rs):
    return any(lo <= pfn <= hi for lo, hi in rs)


read = ranges(filt)
unread = ranges(full) - read
missing = sorted(set(fpages) - set(gpages))
lost = [pfn for pfn in missing if inside(pfn, read) and not zero(fpages[pfn])]
said = any(f["check"] == "unreadable" and "pgmap" in f["message"]
           for f in filt["findings"])
# "entries" (the DAX entries pointing at a page) and "mapping_inode" (the
# inode its mapping belongs to) come from the inode walk, which a filtered
# dump may cut short: that is reported as an unreadable finding, and
# checked below through the findings.
WALK = ("entries", "mapping_inode")
walk_cut = any(f["check"] == "unreadable" and f["pfn"] is None
               for f in filt["findings"])
strip = ((lambda p: {k: v for k, v in p.items() if k not in WALK})
         if walk_cut else (lambda p: p))
differ = [pfn for pfn in gpages
          if pfn in fpages and strip(gpages[pfn]) != strip(fpages[pfn])]
extra = sorted(set(gpages) - set(fpages))
key = lambda f: (f["check"], f["pfn"], f["index"], f["count"])
fa = {key(f) for f in full["findings"]}
fb = {key(f) for f in filt["findings"] if f["check"] != "unreadable"}
if unread and not said:
    print(f"FAIL pgmaps {sorted(unread)} of the full dump are missing, and no "
          "unreadable finding says a pgmap could not be read")
elif lost:
    print(f"FAIL {len(lost)} struct pages that are not all zero in the full dump "
          f"are unreadable, first pfn {lost[0]:#x}: {fpages[lost[0]]}")
elif differ:
    print(f"FAIL {len(differ)} struct pages decode differently, first pfn "
          f"{differ[0]:#x}: full {fpages[differ[0]]}, filtered {gpages[differ[0]]}")
elif extra:
    print(f"FAIL pfns the full dump does not scan: {extra[:3]}")
elif fb - fa:
    print(f"FAIL findings the full dump does not have: {sorted(fb - fa)[:3]}")
else:
    print(f"PASS ({len(gpages)} struct pages as in the full dump, "
          f"{len(missing) - sum(inside(p, unread) for p in missing)} all-zero "
          f"ones filtered out, {len(unread)} pgmap(s) unreadable, "
          f"{len(fa - fb)} findings lost with data)")
