#!/usr/bin/python3
"""Host-side helpers of tests/vm/mkdump (stdlib only).

  lablib.py qmp SOCK CMD [JSON-ARGS]    run one QMP command, print the reply
  lablib.py gt CONSOLE OUT.json         ground truth from the console log
  lablib.py checkelf FILE MINBYTES      sanity of a QEMU ELF dump
  lablib.py checkflat FILE              sanity of a flattened kdump file
  lablib.py fixelf IN OUT PAGE_OFFSET   ELF copy makedumpfile can read
  lablib.py drgncheck CORE VMLINUX      open with drgn, print release
  lablib.py pageoffset CORE VMLINUX     page_offset_base of the dumped kernel
  lablib.py meta OUT.json KEY=VALUE...  write meta.json (VALUE json or text)
"""
import json
import os
import socket
import struct
import sys


def qmp(sock_path, cmd, args=None, timeout=3600):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(sock_path)
    f = s.makefile("rwb")

    def read_reply():
        while True:
            line = f.readline()
            if not line:
                raise RuntimeError("QMP connection closed")
            msg = json.loads(line)
            if "return" in msg or "error" in msg:
                return msg

    f.readline()  # greeting
    f.write(b'{"execute":"qmp_capabilities"}\n')
    f.flush()
    read_reply()
    req = {"execute": cmd}
    if args:
        req["arguments"] = args
    f.write(json.dumps(req).encode() + b"\n")
    f.flush()
    try:
        reply = read_reply()
    except RuntimeError:
        if cmd == "quit":
            return {"return": {}}
        raise
    s.close()
    return reply


def ground_truth(console, out):
    records, inside, ok = [], False, False
    with open(console, "rb") as f:
        for raw in f:
            line = raw.decode("utf-8", "replace").strip("\r\n").strip()
            if line.endswith("DAXLAB-GT-BEGIN"):
                inside, records = True, []
            elif line.endswith("DAXLAB-GT-END"):
                inside, ok = False, True
            elif inside and "GT {" in line:
                records.append(json.loads(line[line.index("GT {") + 3:]))
    if not ok:
        raise SystemExit("no complete DAXLAB-GT block in " + console)
    with open(out, "w") as f:
        json.dump({"format": "daxinspect-groundtruth-1",
                   "notes": "map records: runs of consecutive pages; page index+k of "
                            "the file is at pfn+k (pfn null: not present). state "
                            "'unmapped' records were taken just before munmap.",
                   "records": records}, f, indent=1)
    print(len(records))


def check_elf(path, minbytes):
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        hdr = f.read(64)
        if hdr[:4] != b"\x7fELF" or hdr[4] != 2:
            raise SystemExit(f"{path}: not an ELF64 file")
        e_phoff, = struct.unpack_from("<Q", hdr, 32)
        e_phentsize, e_phnum = struct.unpack_from("<HH", hdr, 54)
        if e_phnum == 0xFFFF:  # PN_XNUM: real count in section 0's sh_info
            e_shoff, = struct.unpack_from("<Q", hdr, 40)
            f.seek(e_shoff + 44)
            e_phnum, = struct.unpack("<I", f.read(4))
        f.seek(e_phoff)
        ph = f.read(e_phentsize * e_phnum)
    end, load = 0, 0
    for i in range(e_phnum):
        p_type, _, p_offset, _, _, p_filesz, _, _ = struct.unpack_from(
            "<IIQQQQQQ", ph, i * e_phentsize)
        end = max(end, p_offset + p_filesz)
        if p_type == 1:
            load += p_filesz
    if end > size:
        raise SystemExit(f"{path}: truncated ({size} < {end})")
    if load < minbytes:
        raise SystemExit(f"{path}: PT_LOAD covers {load} bytes < guest RAM {minbytes}")
    print(f"ok phnum={e_phnum} load={load} size={size}")


def check_flat(path):
    with open(path, "rb") as f:
        if f.read(16) != b"makedumpfile\0\0\0\0":
            raise SystemExit(f"{path}: no flattened makedumpfile signature")
        f.seek(-16, 2)
        # a flattened file ends with an end marker: offset -1, size -1
        off, sz = struct.unpack(">qq", f.read(16))
        if off != -1 or sz != -1:
            raise SystemExit(f"{path}: no end marker (truncated?)")
    print("ok")


def fix_elf(src, dst, page_offset):
    """Copy of a QEMU ELF dump that makedumpfile 1.7.2 reads: program headers
    right after the ELF header, p_vaddr = PAGE_OFFSET + p_paddr for loads."""
    page_offset = int(page_offset, 0)
    with open(src, "rb") as f:
        hdr = bytearray(f.read(64))
        e_phoff, e_shoff = struct.unpack_from("<QQ", hdr, 32)
        e_phentsize, e_phnum, e_shentsize, e_shnum = struct.unpack_from("<HHHH", hdr, 54)
        shdr0 = None
        if e_phnum == 0xFFFF:
            f.seek(e_shoff)
            shdr0 = bytearray(f.read(e_shentsize))
            e_phnum, = struct.unpack_from("<I", shdr0, 44)
        f.seek(e_phoff)
        ph = bytearray(f.read(e_phentsize * e_phnum))
        # new layout: ehdr | phdrs | shdr0 (if any) | data shifted by delta
        new_phoff = 64
        new_shoff = new_phoff + len(ph) if shdr0 else 0
        data_start = new_shoff + len(shdr0) if shdr0 else new_phoff + len(ph)
        first = min(struct.unpack_from("<Q", ph, i * e_phentsize + 8)[0]
                    for i in range(e_phnum))
        delta = data_start - first + (-(data_start - first) % 4096) if data_start > first else 0
        for i in range(e_phnum):
            o = i * e_phentsize
            p_type, = struct.unpack_from("<I", ph, o)
            p_offset, p_vaddr, p_paddr = struct.unpack_from("<QQQ", ph, o + 8)
            struct.pack_into("<Q", ph, o + 8, p_offset + delta)
            if p_type == 1 and p_vaddr == p_paddr:
                struct.pack_into("<Q", ph, o + 16, page_offset + p_paddr)
        struct.pack_into("<QQ", hdr, 32, new_phoff, new_shoff)
        struct.pack_into("<H", hdr, 52, 64)  # QEMU 7.2 writes e_ehsize 8
        if not shdr0:
            struct.pack_into("<HH", hdr, 60, 0, 0)
        with open(dst, "wb") as g:
            g.write(hdr)
            g.write(ph)
            if shdr0:
                g.write(shdr0)
            f.seek(first)
            g.seek(first + delta)
            while True:
                buf = f.read(1 << 24)
                if not buf:
                    break
                g.write(buf)


def drgn_open(core, vmlinux):
    """Open the dump with drgn (python3-drgn of the host). drgn 0.0.22
    mistakes phys_base == 0 (nokaslr boots, and KASLR boots whose physical
    load address was not moved) for "no phys_base" and then fails with
    "recursive address translation" (fixed upstream in drgn PR #457,
    v0.0.30): in that case retry with a virtual segment for the kernel image
    mapping (__START_KERNEL_map + x -> physical x, i.e. phys_base 0) read
    through physical memory, which is what later drgn versions do."""
    import drgn

    def open_prog(workaround):
        p = drgn.Program()
        p.set_core_dump(core)
        if workaround:
            start_kernel_map = 0xFFFFFFFF80000000
            p.add_memory_segment(start_kernel_map, 1 << 30,
                                 lambda addr, count, off, phys: p.read(off, count, True))
        p.load_debug_info([vmlinux])
        p["init_uts_ns"].name.release.string_()
        return p

    try:
        return open_prog(False), "plain"
    except drgn.FaultError as e:
        if "recursive address translation" not in str(e):
            raise
        return open_prog(True), "phys_base0-workaround"


def drgn_check(core, vmlinux):
    p, mode = drgn_open(core, vmlinux)
    print(p["init_uts_ns"].name.release.string_().decode(), mode)


def page_offset(core, vmlinux):
    p, _ = drgn_open(core, vmlinux)
    print(hex(p["page_offset_base"].value_()))


def meta(out, kvs):
    d = {}
    if os.path.exists(out):
        with open(out) as f:
            d = json.load(f)
    for kv in kvs:
        k, v = kv.split("=", 1)
        try:
            v = json.loads(v)
        except ValueError:
            pass
        d[k] = v
    with open(out, "w") as f:
        json.dump(d, f, indent=1)


def main():
    a = sys.argv[1:]
    if not a:
        raise SystemExit(__doc__)
    if a[0] == "qmp":
        r = qmp(a[1], a[2], json.loads(a[3]) if len(a) > 3 else None)
        print(json.dumps(r))
        if "error" in r:
            sys.exit(1)
    elif a[0] == "gt":
        ground_truth(a[1], a[2])
    elif a[0] == "checkelf":
        check_elf(a[1], int(a[2]))
    elif a[0] == "checkflat":
        check_flat(a[1])
    elif a[0] == "fixelf":
        fix_elf(a[1], a[2], a[3])
    elif a[0] == "pageoffset":
        page_offset(a[1], a[2])
    elif a[0] == "drgncheck":
        drgn_check(a[1], a[2])
    elif a[0] == "meta":
        meta(a[1], a[2:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
