#!/usr/bin/python3
"""Writes a minimal ELF core: one VMCOREINFO note and one zero page, for
the architecture refusals (tests/cli/arch.sh). Usage: mkcore.py OUT MACHINE
VMCOREINFO-TEXT"""
import struct
import sys


def note(name, ntype, desc):
    name = name.encode() + b"\0"
    pad = lambda b: b + b"\0" * (-len(b) % 4)
    return struct.pack("<III", len(name), len(desc), ntype) + pad(name) + pad(desc)


def main():
    out, machine, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    notes = note("VMCOREINFO", 0, text.encode())
    ehsize, phsize = 64, 56
    note_off = ehsize + 2 * phsize
    load_off = (note_off + len(notes) + 4095) & ~4095
    eh = struct.pack("<4sBBBB8xHHIQQQIHHHHHH", b"\x7fELF", 2, 1, 1, 0,
                     4, machine, 1, 0, ehsize, 0, 0, ehsize, phsize, 2,
                     0, 0, 0)
    ph_note = struct.pack("<IIQQQQQQ", 4, 0, note_off, 0, 0, len(notes),
                          len(notes), 0)
    ph_load = struct.pack("<IIQQQQQQ", 1, 7, load_off, 0, 0x40000000, 4096,
                          4096, 0)
    body = eh + ph_note + ph_load + notes
    with open(out, "wb") as f:
        f.write(body + b"\0" * (load_off - len(body)) + b"\0" * 4096)


main()
