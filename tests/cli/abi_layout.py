#!/usr/bin/python3
"""The plugin ABI's data layout, as the compiler laid it out: every struct
and enum that include/daxinspect/*.h define, read with drgn from the DWARF
of an object file that includes them (tests/cli/abi.sh). One line per
member (offset, size, type) or enumerator, so any change shows in a diff.

usage: abi_layout.py OBJECT HEADER...
To record a new version N (tests/cli/abi.sh says when):
  printf "#include <daxinspect/plugin.h>\\nint dxi_abi_probe;\\n" > p.c
  cc -g -fno-eliminate-unused-debug-types -c -Iinclude p.c -o p.o
  tests/cli/abi_layout.py p.o include/daxinspect/*.h > tests/cli/abi/vN.txt"""
import re
import sys

import drgn


def members(t, prefix, out):
    for m in t.members:
        mt = drgn.sizeof(m.type) if not (m.type.kind == drgn.TypeKind.ARRAY and m.type.length is None) else 0
        name = prefix + (m.name or "(anonymous)")
        out.append("  %-28s %4d %4d %s" % (name, m.bit_offset // 8, mt, m.type.type_name()))
        u = m.type
        if m.name is None and u.kind in (drgn.TypeKind.STRUCT, drgn.TypeKind.UNION):
            members(u, name + ".", out)


obj, headers = sys.argv[1], sys.argv[2:]
prog = drgn.Program()
prog.load_debug_info([obj])
names = []
for h in headers:
    names += re.findall(r"^(struct|enum) (\w+) \{", open(h).read(), re.M)
out = []
for kind, name in sorted(set(names), key=lambda kn: (kn[1], kn[0])):
    t = prog.type("%s %s" % (kind, name))
    if kind == "enum":
        out.append("enum %s" % name)
        out += ["  %s = %d" % (e.name, e.value) for e in t.enumerators]
    else:
        out.append("struct %s size %d" % (name, t.size))
        members(t, "", out)
print("\n".join(out))
