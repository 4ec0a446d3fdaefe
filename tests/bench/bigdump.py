#!/usr/bin/python3
"""The description of a big synthetic dump for `make bench`:

    bigdump.py NPAGES > desc.json   (then tests/synth/build.py desc.json -o DIR)

one FS_DAX pgmap of NPAGES struct pages (4194304 = 16 GiB of pmem, 256 MiB
of struct pages) on the 6.12 sample's layout, and two xfs files with 4096
order-0 entries each whose pages carry their mapping and index: a clean
state, so every page is decoded and cross-checked and nothing is found.
"""
import json
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 4194304
base = 0x40000
files = 2
per_file = 4096
inodes, pages = [], []
for f in range(files):
    ino = 101 + f
    first = base + f * per_file
    inodes.append({"ino": ino, "path": ["big%d" % f], "i_flags": 8192, "nlink": 1,
                   "mode": 33188,
                   "entries": [{"index": i, "pfn": hex(first + i)} for i in range(per_file)]})
    pages.append({"pfn": hex(first), "count": per_file, "mapping": "inode:%d" % ino,
                  "index": 0, "index_step": 1, "refcount": 1, "mapcount": 0})
json.dump({
    "layout": "vmcores-sample/6.12-xfs-reflink/vmcore.profile",
    "superblocks": [{"id": "pmem0", "fstype": "xfs", "s_dev": 271581184, "inodes": inodes}],
    "pgmaps": [{"type": "FS_DAX", "ranges": [[hex(base), hex(base + n - 1)]]}],
    "pages": pages,
}, sys.stdout, indent=1)
