#!/usr/bin/python3
"""An over-filtered makedumpfile dump (issue 14 item 5): argv = NAME,
the full dump's `check --json --all-pages`, the filtered dump's, the
filtered dump's `check` text, and that run's exit status.

When the filtered dump lost kernel objects the walk needs (an unreadable
finding with no pfn whose object "is not in the dump"), it must:
  - exit 1, with a "filtering" explanation in the JSON;
  - say so once, naming the cause (makedumpfile -d LEVEL filtered the
    dump too much) and the way out (-d 23, or a makedumpfile that
    supports RELEASE), and point every bare unreadable finding at it;
  - still audit the struct pages: the same pgmap ranges as the full dump
    and the same number of struct pages scanned (> 0);
  - read only DAX inodes the full dump has.
A filtered dump that lost nothing must have no explanation.
Prints PASS/FAIL lines.
"""
import json
import sys

name, full_path, filt_path, text_path, status = sys.argv[1:6]
full, filt = json.load(open(full_path)), json.load(open(filt_path))
text = open(text_path).read()
status = int(status)
tag = f"lab/{name}/overfiltered"

lost = [f for f in filt["findings"]
        if f["check"] == "unreadable" and f["pfn"] is None and
        "is not in the dump" in f["message"]]
cause = [f for f in filt["findings"]
         if f["check"] == "unreadable" and "filtered the dump too much: it left out" in f["message"]]


def fail(msg):
    print(f"FAIL {tag}: {msg}")
    sys.exit()


def ranges(d):
    return sorted(tuple(r) for m in d["pgmaps"] for r in m["ranges"])


if not lost:
    if "filtering" in filt or cause:
        fail("nothing was lost, yet the report explains a filtering")
    print(f"PASS {tag} (nothing lost, no explanation)")
    sys.exit()
if status != 1:
    fail(f"exit {status}, want 1")
if "filtering" not in filt:
    fail("objects were lost but the JSON has no \"filtering\" explanation")
if len(cause) != 1:
    fail(f"{len(cause)} explanation findings, want exactly 1")
msg = cause[0]["message"]
level = filt["filtering"]["dump_level"]
rel = filt["target"]["release"]
for want in (f"makedumpfile -d {level} filtered the dump too much",
             "re-capture with makedumpfile -d 23 (keeps slab pages)",
             f"or a makedumpfile that supports {rel}"):
    if want not in msg:
        fail(f"the explanation lacks [{want}]: {msg}")
if f"dump level {level}, which excludes" not in cause[0]["actual"]:
    fail(f"the explanation does not give the level's exclusions: {cause[0]['actual']}")
bare = [f["message"] for f in lost if "filtered the dump too much" not in f["message"]]
if bare:
    fail(f"{len(bare)} unreadable findings do not point at the explanation: {bare[0]}")
if "filtered  makedumpfile -d" not in text or "way out: re-capture" not in text:
    fail("the text summary has no \"filtered\" block with the way out")
scanned = filt["summary"]["pages"]["scanned"]
if scanned <= 0:
    fail("no struct page was scanned")
if ranges(filt) != ranges(full):
    fail(f"pgmap ranges {ranges(filt)}, the full dump has {ranges(full)}")
want = full["summary"]["pages"]["scanned"]
if scanned != want:
    fail(f"{scanned} struct pages scanned, the full dump scans {want} in the same ranges")
ino = lambda i: (i["dev"], i["ino"])
extra = {ino(i) for i in filt["inodes"]} - {ino(i) for i in full["inodes"]}
if extra:
    fail(f"DAX inodes the full dump does not have: {sorted(extra)[:3]}")
print(f"PASS {tag} ({len(lost)} unreadable findings point at the one explanation; {scanned} struct pages "
      f"scanned as in the full dump; {len(filt['inodes'])} of {len(full['inodes'])} "
      f"DAX inodes readable)")
