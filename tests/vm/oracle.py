#!/usr/bin/python3
"""Independent drgn oracle for daxinspect's differential tests.

Written from the kernel facts (docs/kernel-facts.md) and the kernel
sources, NOT from daxinspect's C code. Needs Debian's python3-drgn
(0.0.22 or later): run it with /usr/bin/python3.

  oracle.py --vmlinux VMLINUX VMCORE [--all-pages]   JSON on stdout
  oracle.py --selftest [DUMPS_DIR]                    check against ground truth

Everything walked in the dump is read raw (prog.read + struct offsets taken
from DWARF): the xarray walk decodes node / sibling / value entries itself,
the struct page arrays are read in large chunks. Timings go to stderr.
See tests/vm/oracle-README.md for the JSON shape.
"""
import argparse
import glob
import json
import os
import struct
import sys
import time

import drgn

S_DAX = 1 << 13
S_IFMT = 0o170000
S_IFCHR = 0o020000
TAIL_MAPPING = 0xDEAD000000000400  # 0x400 + POISON_POINTER_DELTA (x86-64)
DAX_LOCKED, DAX_PMD, DAX_ZERO_PAGE, DAX_EMPTY = 1, 2, 4, 8
DAX_SHIFT = 4
PMD_ORDER = 9
XA_RETRY_ENTRY = 0x402
XA_ZERO_ENTRY = 0x406
MAX_XA_NODES = 1 << 20
MAX_LIST = 1 << 22
CHUNK_PAGES = 4096
U64 = (1 << 64) - 1


def log(msg):
    print("oracle: " + msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------- opening

def elf_machine(path):
    """e_machine of an ELF file (62 x86-64, 183 AArch64), or None."""
    try:
        with open(path, "rb") as f:
            hdr = f.read(20)
    except OSError:
        return None
    if hdr[:4] != b"\x7fELF" or len(hdr) < 20:
        return None
    return struct.unpack_from("<H", hdr, 18)[0]


EM_AARCH64 = 183


def open_program(vmcore, vmlinux):
    """drgn 0.0.22 takes phys_base == 0 (nokaslr boots) for "unknown" and
    then fails with "recursive address translation" (fixed in drgn 0.0.30).
    In that case map the kernel image window through physical memory.
    arm64: QEMU's ELF has physical addresses only and drgn 0.0.22's own
    ELF reader cannot translate it; libkdumpfile can (it walks
    swapper_pg_dir from VMCOREINFO): DRGN_USE_LIBKDUMPFILE_FOR_ELF=1."""
    if elf_machine(vmcore) == EM_AARCH64:
        os.environ["DRGN_USE_LIBKDUMPFILE_FOR_ELF"] = "1"
        prog = drgn.Program()
        prog.set_core_dump(vmcore)
        prog.load_debug_info([vmlinux])
        return prog, prog["init_uts_ns"].name.release.string_().decode(), "libkdumpfile"

    # The kernel image maps to physical memory at phys_base (negative under
    # KASLR): VMCOREINFO NUMBER(phys_base).
    phys_base = 0
    info = vmcoreinfo_from_elf(vmcore) or ""
    for line in info.splitlines():
        if line.startswith("NUMBER(phys_base)="):
            phys_base = int(line.split("=", 1)[1]) & (2**64 - 1)

    def attempt(workaround):
        prog = drgn.Program()
        prog.set_core_dump(vmcore)
        if workaround:
            prog.add_memory_segment(
                0xFFFFFFFF80000000, 1 << 30,
                lambda addr, count, off, phys:
                    prog.read((off + phys_base) & (2**64 - 1), count, True))
        prog.load_debug_info([vmlinux])
        rel = prog["init_uts_ns"].name.release.string_().decode()
        return prog, rel

    try:
        prog, rel = attempt(False)
        return prog, rel, "plain"
    except drgn.FaultError as e:
        if "recursive address translation" not in str(e):
            raise
    prog, rel = attempt(True)
    if not rel:
        raise SystemExit(f"oracle: {vmcore}: the kernel release reads empty even with the "
                         "kernel-image workaround: drgn cannot read this dump")
    return prog, rel, "phys_base0-workaround"


def elf_notes(path):
    """(name, type, desc) of every note of every PT_NOTE of an ELF64 LE
    core (PN_XNUM program header counts included); [] if it is none."""
    out = []
    try:
        with open(path, "rb") as f:
            hdr = f.read(64)
            if hdr[:4] != b"\x7fELF" or hdr[4] != 2:
                return out
            e_phoff, e_shoff = struct.unpack_from("<QQ", hdr, 32)
            e_phentsize, e_phnum, e_shentsize = struct.unpack_from("<HHH", hdr, 54)
            if e_phnum == 0xFFFF:
                f.seek(e_shoff + 44)
                e_phnum, = struct.unpack("<I", f.read(4))
            f.seek(e_phoff)
            ph = f.read(e_phentsize * e_phnum)
            for i in range(e_phnum):
                p_type, _, p_offset, _, _, p_filesz = struct.unpack_from(
                    "<IIQQQQ", ph, i * e_phentsize)
                if p_type != 4 or p_filesz > (1 << 24):
                    continue
                f.seek(p_offset)
                notes = f.read(p_filesz)
                o = 0
                while o + 12 <= len(notes):
                    namesz, descsz, ntype = struct.unpack_from("<III", notes, o)
                    name = notes[o + 12:o + 12 + namesz].rstrip(b"\0")
                    d0 = o + 12 + ((namesz + 3) & ~3)
                    out.append((name.decode(errors="replace"), ntype, notes[d0:d0 + descsz]))
                    o = d0 + ((descsz + 3) & ~3)
    except OSError:
        pass
    return out


def vmcoreinfo_from_elf(path):
    """VMCOREINFO note text of an ELF core (QEMU -device vmcoreinfo or
    kexec), or None."""
    for name, _, desc in elf_notes(path):
        if name == "VMCOREINFO":
            return desc.rstrip(b"\0").decode("ascii", "replace")
    return None


# ----------------------------------------------------------------- types

class Layout:
    """Offsets and constants from DWARF. Member names are probed, never
    assumed from the release."""

    def __init__(self, prog):
        self.prog = prog
        t = prog.type
        self.page_t = t("struct page")
        try:
            self.folio_t = t("struct folio")
        except LookupError:
            self.folio_t = None  # before 5.16: no folios (5.10)
        self.sizeof_page = self.page_t.size
        pg = self.page_t
        self.page_has = lambda m: has_member(pg, m)
        self.off_flags = drgn.offsetof(pg, "flags")
        self.off_word1 = 8  # lru.next / pgmap / compound_head(_info)
        if has_member(pg, "compound_info"):
            self.compound_member = "compound_info"
        elif has_member(pg, "compound_head"):
            self.compound_member = "compound_head"
        else:
            self.compound_member = None
        if self.compound_member:
            self.off_word1 = drgn.offsetof(pg, self.compound_member)
        self.off_mapping = drgn.offsetof(pg, "mapping")
        self.index_member = "index" if has_member(pg, "index") else "__folio_index"
        self.off_index = drgn.offsetof(pg, self.index_member)
        self.off_mapcount = drgn.offsetof(pg, "_mapcount")
        self.off_refcount = drgn.offsetof(pg, "_refcount")
        self.off_pgmap = (drgn.offsetof(pg, "pgmap") if has_member(pg, "pgmap")
                          else drgn.offsetof(self.folio_t, "pgmap"))
        # era
        if self.folio_t is None:
            # 5.10: no folios, no shared marker (fs/dax.c
            # dax_associate_entry always stores the address_space)
            self.era = "5.10"
        elif has_member(self.folio_t, "pgmap"):
            self.era = "6.15+"
        elif has_member(pg, "share"):
            self.era = "6.2-6.14"
        else:
            self.era = "6.1"
        # folio order (5.10: the first tail page's compound_order, u8,
        # include/linux/mm_types.h struct page; compound_order())
        if self.folio_t is None:
            self.order_off, self.order_kind = (self.page_t.size + drgn.offsetof(pg, "compound_order"),
                                               "u8")
        elif has_member(self.folio_t, "_folio_order"):
            self.order_off, self.order_kind = drgn.offsetof(self.folio_t, "_folio_order"), "u8"
        elif has_member(self.folio_t, "_flags_1"):
            self.order_off, self.order_kind = drgn.offsetof(self.folio_t, "_flags_1"), "flags_1"
        else:
            self.order_off, self.order_kind = None, None
        self.large_mapcount_off = (drgn.offsetof(self.folio_t, "_large_mapcount")
                                   if self.folio_t is not None and
                                   has_member(self.folio_t, "_large_mapcount") else None)
        self.pg_head = int(prog["PG_head"].value_())
        # struct page words decoded per page: one unpack per page
        fields = sorted([(self.off_flags, "Q", "flags"), (self.off_word1, "Q", "w1"),
                         (self.off_mapping, "Q", "mapping"), (self.off_index, "Q", "index"),
                         (self.off_mapcount, "i", "mapcount"), (self.off_refcount, "i", "refcount")])
        fmt, pos, self.page_field_order = "<", 0, []
        for off, code, name in fields:
            if off < pos:
                raise RuntimeError(f"struct page fields overlap at {name}")
            fmt += f"{off - pos}x" if off > pos else ""
            fmt += code
            pos = off + struct.calcsize("<" + code)
            self.page_field_order.append(name)
        if pos < self.sizeof_page:
            fmt += f"{self.sizeof_page - pos}x"
        self.page_fmt = struct.Struct(fmt)
        assert self.page_fmt.size == self.sizeof_page, (fmt, self.sizeof_page)
        # xarray
        xn = t("struct xa_node")
        self.xn_size = xn.size
        self.xn_shift = drgn.offsetof(xn, "shift")
        self.xn_slots = drgn.offsetof(xn, "slots")
        self.xa_chunk = xn.member("slots").type.length
        self.xa_chunk_shift = self.xa_chunk.bit_length() - 1
        self.xa_head = drgn.offsetof(t("struct xarray"), "xa_head")
        # dev_pagemap
        dp = t("struct dev_pagemap")
        self.dp_type = drgn.offsetof(dp, "type")
        self.dp_flags = drgn.offsetof(dp, "flags")
        self.dp_vmemmap_shift = (drgn.offsetof(dp, "vmemmap_shift")
                                 if has_member(dp, "vmemmap_shift") else None)
        self.dp_nr_range = drgn.offsetof(dp, "nr_range")
        # vmem_altmap_offset() = altmap.reserve + altmap.free (pfn_first(),
        # mm/memremap.c: docs/kernel-facts.md#pgmap-layout)
        self.dp_altmap_reserve = drgn.offsetof(dp, "altmap.reserve")
        self.dp_altmap_free = drgn.offsetof(dp, "altmap.free")
        self.dp_ranges = drgn.offsetof(dp, "ranges") if has_member(dp, "ranges") \
            else drgn.offsetof(dp, "range")
        rt = t("struct range")
        self.range_size = rt.size
        self.range_start = drgn.offsetof(rt, "start")
        self.range_end = drgn.offsetof(rt, "end")
        self.memory_types = {e.value: e.name for e in t("enum memory_type").enumerators}
        # super_block / inode / address_space / dentry
        sb = t("struct super_block")
        self.sb_list = drgn.offsetof(sb, "s_list")
        self.sb_inodes = drgn.offsetof(sb, "s_inodes")
        self.sb_id = drgn.offsetof(sb, "s_id")
        self.sb_id_len = sb.member("s_id").type.length
        self.sb_dev = drgn.offsetof(sb, "s_dev")
        self.sb_type = drgn.offsetof(sb, "s_type")
        self.sb_root = drgn.offsetof(sb, "s_root")
        self.fst_name = drgn.offsetof(t("struct file_system_type"), "name")
        ino = t("struct inode")
        self.i_sb_list = drgn.offsetof(ino, "i_sb_list")
        self.i_flags = drgn.offsetof(ino, "i_flags")
        self.i_mode = drgn.offsetof(ino, "i_mode")
        self.i_ino = drgn.offsetof(ino, "i_ino")
        self.i_sb = drgn.offsetof(ino, "i_sb")
        self.i_mapping = drgn.offsetof(ino, "i_mapping")
        self.i_data = drgn.offsetof(ino, "i_data")
        self.i_nlink = drgn.offsetof(ino, "i_nlink")
        self.i_dentry = drgn.offsetof(ino, "i_dentry")
        asp = t("struct address_space")
        self.as_host = drgn.offsetof(asp, "host")
        self.as_i_pages = drgn.offsetof(asp, "i_pages")
        self.as_nrpages = drgn.offsetof(asp, "nrpages")
        de = t("struct dentry")
        for cand in ("d_u.d_alias", "d_alias"):
            try:
                self.d_alias = drgn.offsetof(de, cand)
                break
            except (LookupError, ValueError):
                continue
        else:
            raise RuntimeError("struct dentry has no d_alias")
        self.d_parent = drgn.offsetof(de, "d_parent")
        self.d_name = drgn.offsetof(de, "d_name")
        qs = t("struct qstr")
        self.qstr_name = drgn.offsetof(qs, "name")
        self.qstr_len = drgn.offsetof(qs, "len")


def has_member(typ, name):
    try:
        drgn.offsetof(typ, name)
        return True
    except (LookupError, ValueError):
        return False


# ----------------------------------------------------------------- reads

class Mem:
    def __init__(self, prog):
        self.prog = prog

    def u64(self, a):
        return struct.unpack("<Q", self.prog.read(a, 8))[0]

    def u32(self, a):
        return struct.unpack("<I", self.prog.read(a, 4))[0]

    def s32(self, a):
        return struct.unpack("<i", self.prog.read(a, 4))[0]

    def u16(self, a):
        return struct.unpack("<H", self.prog.read(a, 2))[0]

    def u8(self, a):
        return self.prog.read(a, 1)[0]

    def cstr(self, a, maxlen=256):
        out = b""
        while len(out) < maxlen:
            n = min(64, maxlen - len(out))
            try:
                b = self.prog.read(a + len(out), n)
            except drgn.FaultError:
                if n == 1:
                    raise
                b = self.prog.read(a + len(out), 1)
            z = b.find(b"\0")
            if z >= 0:
                return (out + b[:z]).decode("utf-8", "replace")
            out += b
        return out.decode("utf-8", "replace")


def list_walk(mem, head, errors, what):
    """Addresses of the list_head members of a circular list (not head)."""
    out, seen = [], {head}
    try:
        p = mem.u64(head)
        while p != head:
            if p in seen or len(out) > MAX_LIST or p == 0:
                errors.append(f"{what}: list corrupt or looping at {p:#x}")
                break
            seen.add(p)
            out.append(p)
            p = mem.u64(p)
    except drgn.FaultError as e:
        errors.append(f"{what}: list walk stopped after {len(out)} elements: {e}")
    return out


# ----------------------------------------------------------------- xarray

def xa_walk(mem, L, xa_addr, errors, what):
    """Canonical entries of an xarray: list of (index, raw, span) where span
    is the number of indices the entry covers (1 << order for multi-index
    entries: the canonical slot plus its sibling slots, times 1 << shift).
    Sibling slots are not reported; internal entries other than nodes and
    siblings are reported with their raw value."""
    out = []
    try:
        head = mem.u64(xa_addr + L.xa_head)
    except drgn.FaultError as e:
        errors.append(f"{what}: xarray head unreadable: {e}")
        return out
    if head == 0:
        return out
    if not is_node(head, L):
        if head & 3 == 2 and (head >> 2) < L.xa_chunk:
            errors.append(f"{what}: sibling entry {head:#x} as xa_head")
        else:
            out.append((0, head, 1))
        return out
    nodes = [0]
    _xa_node(mem, L, head - 2, 0, None, 0, out, errors, what, nodes)
    out.sort()
    return out


def is_node(raw, L):
    return raw & 3 == 2 and raw > 4096


def _xa_node(mem, L, node, base, expect_shift, depth, out, errors, what, nodes):
    nodes[0] += 1
    if nodes[0] > MAX_XA_NODES or depth > 16:
        errors.append(f"{what}: xarray walk bound hit (node {node:#x})")
        return
    try:
        buf = mem.prog.read(node, L.xn_size)
    except drgn.FaultError as e:
        errors.append(f"{what}: xa_node {node:#x} unreadable: {e}")
        return
    shift = buf[L.xn_shift]
    if expect_shift is not None and shift != expect_shift:
        errors.append(f"{what}: xa_node {node:#x} shift {shift} expected {expect_shift}")
        return
    if shift % L.xa_chunk_shift or shift > 63:
        errors.append(f"{what}: xa_node {node:#x} bad shift {shift}")
        return
    slots = struct.unpack_from(f"<{L.xa_chunk}Q", buf, L.xn_slots)
    i = 0
    while i < L.xa_chunk:
        e = slots[i]
        idx = base + (i << shift)
        if e == 0:
            i += 1
            continue
        if e & 3 == 2 and e > 4096:
            if shift == 0:
                errors.append(f"{what}: node pointer {e:#x} in a leaf node at index {idx}")
            else:
                _xa_node(mem, L, e - 2, idx, shift - L.xa_chunk_shift, depth + 1,
                         out, errors, what, nodes)
            i += 1
            continue
        if e & 3 == 2 and (e >> 2) < L.xa_chunk:
            # sibling not preceded by its canonical slot
            errors.append(f"{what}: orphan sibling {e:#x} at index {idx}")
            i += 1
            continue
        # canonical entry (value, pointer, retry/zero internal)
        j = i + 1
        while j < L.xa_chunk and slots[j] == ((i << 2) | 2):
            j += 1
        out.append((idx, e, (j - i) << shift))
        i = j


# ----------------------------------------------------------------- oracle

class Oracle:
    def __init__(self, vmcore, vmlinux):
        self.t = {}
        t0 = time.time()
        self.prog, self.release, self.drgn_mode = open_program(vmcore, vmlinux)
        self.t["open"] = time.time() - t0
        t0 = time.time()
        self.L = Layout(self.prog)
        self.mem = Mem(self.prog)
        self.errors = []
        self.vmcore = vmcore
        self.t["types"] = time.time() - t0

    def sym_u64(self, name, default):
        try:
            return int(self.prog[name].value_())
        except (KeyError, LookupError):
            return default

    def dax_user_mappings(self):
        """Rows (pid, comm, vaddr, pfn, level, pages, dev, ino, pgoff, flags)
        of every user mapping of a DAX inode: tests/vm/oracle_maps.py."""
        import oracle_maps
        if not hasattr(self, "dax_inodes"):
            self.walk_inodes()
        info = vmcoreinfo_from_elf(self.vmcore)
        arch = "aarch64" if elf_machine(self.vmcore) == EM_AARCH64 else "x86_64"
        if arch == "aarch64":
            pob = self.arm64_bases(info)[0]
        else:
            pob = self.sym_u64("page_offset_base", 0xFFFF888000000000)
        return oracle_maps.dax_user_mappings(self.prog, self.mem, self.L, self.dax_inodes,
                                             pob, info, self.errors, arch)

    def arm64_bases(self, info):
        """arm64 has no page_offset_base / vmemmap_base variables:
        PAGE_OFFSET = -(1 << VA_BITS), the configured VA_BITS of VMCOREINFO
        (arch/arm64/include/asm/memory.h _PAGE_OFFSET(), 6.12 line 45), and
        the struct page of pfn 0 is drgn's own "vmemmap" object (drgn
        computes it from VMEMMAP_START and memstart_addr)."""
        va_bits = None
        for line in (info or "").splitlines():
            if line.startswith("NUMBER(VA_BITS)="):
                va_bits = int(line.split("=", 1)[1])
        if va_bits is None:
            raise SystemExit(f"oracle: {self.vmcore}: arm64 dump without NUMBER(VA_BITS) in VMCOREINFO")
        pob = (1 << 64) - (1 << va_bits)
        return pob, int(self.prog["vmemmap"].value_())

    def run(self, all_pages=False):
        prog, L = self.prog, self.L
        info = vmcoreinfo_from_elf(self.vmcore)
        self.arch = "aarch64" if elf_machine(self.vmcore) == EM_AARCH64 else "x86_64"
        if self.arch == "aarch64":
            self.page_offset_base, self.vmemmap_base = self.arm64_bases(info)
        else:
            self.page_offset_base = self.sym_u64("page_offset_base", 0xFFFF888000000000)
            self.vmemmap_base = self.sym_u64("vmemmap_base", 0xFFFFEA0000000000)
        kaslr = None
        if info:
            for line in info.splitlines():
                if line.startswith("KERNELOFFSET="):
                    kaslr = int(line.split("=", 1)[1], 16)
        if kaslr is None:
            try:
                from drgn.helpers.linux.boot import kaslr_offset
                kaslr = int(kaslr_offset(prog))
            except Exception:  # noqa: BLE001 - optional information
                kaslr = None
        t0 = time.time()
        inodes = self.walk_inodes()
        self.t["inodes"] = time.time() - t0
        t0 = time.time()
        pgmaps = self.walk_pgmaps()
        self.t["pgmaps"] = time.time() - t0
        t0 = time.time()
        pages = self.walk_pages(pgmaps, all_pages)
        self.t["pages"] = time.time() - t0
        t0 = time.time()
        user_mappings = self.dax_user_mappings()
        self.t["maps"] = time.time() - t0
        for p in pgmaps:
            del p["_ptr"]
            del p["_altmap_skip"]
        return {
            "oracle": "drgn",
            "drgn_version": getattr(drgn, "__version__", None),
            "release": self.release,
            "drgn_mode": self.drgn_mode,
            "page_offset_base": hex(self.page_offset_base),
            "vmemmap_base": hex(self.vmemmap_base),
            "kaslr_offset": hex(kaslr) if kaslr is not None else None,
            "sizeof_struct_page": L.sizeof_page,
            "era": L.era,
            "inodes": inodes,
            "pgmaps": pgmaps,
            "pages": pages,
            "dax_user_mappings": user_mappings,
            "errors": self.errors,
        }

    # ---------------------------------------------------------- inodes
    def sb_info(self, sb):
        c = self.sb_cache.get(sb)
        if c is None:
            mem, L = self.mem, self.L
            try:
                sid = mem.cstr(sb + L.sb_id, L.sb_id_len)
                s_dev = mem.u32(sb + L.sb_dev)
                fst = mem.u64(sb + L.sb_type)
                fs = mem.cstr(mem.u64(fst + L.fst_name), 64) if fst else None
                root = mem.u64(sb + L.sb_root)
            except drgn.FaultError as e:
                self.errors.append(f"super_block {sb:#x} unreadable: {e}")
                sid, s_dev, fs, root = None, None, None, 0
            c = self.sb_cache[sb] = (sid, s_dev, fs, root)
        return c

    def dentry_path(self, inode, root):
        mem, L = self.mem, self.L
        first = mem.u64(inode + L.i_dentry)  # hlist_head.first
        if first == 0:
            return None
        d = first - L.d_alias
        parts = []
        for _ in range(256):
            parent = mem.u64(d + L.d_parent)
            if parent == d or d == root:
                break
            n = mem.u32(d + L.d_name + L.qstr_len)
            nm = mem.u64(d + L.d_name + L.qstr_name)
            parts.append(mem.prog.read(nm, n).decode("utf-8", "replace") if n else "")
            d = parent
        else:
            self.errors.append(f"inode {inode:#x}: dentry chain too deep")
        return "/" + "/".join(reversed(parts))

    def walk_inodes(self):
        mem, L = self.mem, self.L
        self.sb_cache = {}
        self.dax_inodes = []
        result = []
        sbs = list_walk(mem, self.prog["super_blocks"].address_, self.errors, "super_blocks")
        for sbl in sbs:
            sb = sbl - L.sb_list
            sid, s_dev, fs, root = self.sb_info(sb)
            try:
                ilist = list_walk(mem, sb + L.sb_inodes, self.errors, f"s_inodes of {sid}")
            except drgn.FaultError as e:
                self.errors.append(f"s_inodes of {sid}: {e}")
                continue
            for il in ilist:
                inode = il - L.i_sb_list
                try:
                    flags = mem.u32(inode + L.i_flags)
                    mode = mem.u16(inode + L.i_mode)
                    mapping = mem.u64(inode + L.i_mapping)
                    is_dax = bool(flags & S_DAX)
                    if not is_dax:
                        if (mode & S_IFMT) != S_IFCHR or not mapping:
                            continue
                        if mem.u64(mapping + L.as_i_pages + L.xa_head) == 0:
                            continue
                    result.append(self.inode_record(inode, mapping, sid, s_dev, fs, root))
                except drgn.FaultError as e:
                    self.errors.append(f"inode {inode:#x} on {sid}: {e}")
        result.sort(key=lambda r: (r["dev"] or "", r["s_dev"] or 0, r["ino"]))
        # map of address_space -> inode, for page->mapping decoding
        return result

    def inode_record(self, inode, mapping, sid, s_dev, fs, root):
        mem, L = self.mem, self.L
        ino = mem.u64(inode + L.i_ino)
        what = f"inode {sid}:{ino}"
        try:
            path = self.dentry_path(inode, root)
        except drgn.FaultError as e:
            self.errors.append(f"{what}: dentry unreadable: {e}")
            path = None
        nlink = mem.u32(inode + L.i_nlink)
        nrpages = mem.u64(mapping + L.as_nrpages)
        entries = []
        for idx, raw, span in xa_walk(mem, L, mapping + L.as_i_pages, self.errors, what):
            entries.append(self.decode_entry(idx, raw, span, what))
        self.dax_inodes.append((inode, mapping, sid, ino, path))
        return {"dev": sid, "s_dev": s_dev, "ino": ino, "fs": fs, "path": path,
                "deleted": nlink == 0, "nrpages": nrpages, "entries": entries}

    def decode_entry(self, idx, raw, span, what):
        if raw & 1:
            v = raw >> 1
            fl = v & 0xF
            pfn = v >> DAX_SHIFT
            if fl & DAX_EMPTY:
                kind = "empty"
            elif fl & DAX_ZERO_PAGE:
                kind = "zero"
            else:
                kind = "pfn"
            order = PMD_ORDER if fl & DAX_PMD else 0
            if span != (1 << order):
                self.errors.append(
                    f"{what}: entry at {idx} raw {raw:#x} covers {span} indices, "
                    f"flags say order {order}")
            if idx % (1 << order):
                self.errors.append(f"{what}: entry at {idx} raw {raw:#x} misaligned")
            return {"index": idx, "raw": hex(raw), "kind": kind, "pfn": pfn,
                    "order": order, "locked": bool(fl & DAX_LOCKED)}
        kind = "internal" if raw & 3 == 2 else "pointer"
        self.errors.append(f"{what}: non-value entry at {idx}: {raw:#x} ({kind})")
        return {"index": idx, "raw": hex(raw), "kind": kind, "pfn": None,
                "order": (span.bit_length() - 1), "locked": False}

    # ---------------------------------------------------------- pgmaps
    def walk_pgmaps(self):
        mem, L = self.mem, self.L
        xa = self.prog["pgmap_array"].address_
        cover = {}
        for idx, raw, span in xa_walk(mem, L, xa, self.errors, "pgmap_array"):
            if raw & 3:
                self.errors.append(f"pgmap_array: non-pointer entry {raw:#x} at pfn {idx}")
                continue
            cover.setdefault(raw, []).append([idx, idx + span - 1])
        out = []
        for ptr, spans in cover.items():
            try:
                typ = mem.u32(ptr + L.dp_type)
                flags = mem.u32(ptr + L.dp_flags)
                vshift = mem.u64(ptr + L.dp_vmemmap_shift) if L.dp_vmemmap_shift is not None else 0
                nr = mem.s32(ptr + L.dp_nr_range)
                if nr < 1 or nr > 1024:
                    self.errors.append(f"dev_pagemap {ptr:#x}: nr_range {nr}")
                    nr = 1
                altmap_skip = 0
                if flags & 1:  # PGMAP_ALTMAP_VALID: range 0 starts with the memmap
                    altmap_skip = (mem.u64(ptr + L.dp_altmap_reserve) +
                                   mem.u64(ptr + L.dp_altmap_free))
                ranges = []
                for r in range(nr):
                    a = ptr + L.dp_ranges + r * L.range_size
                    start, end = mem.u64(a + L.range_start), mem.u64(a + L.range_end)
                    ranges.append([start >> 12, end >> 12])
            except drgn.FaultError as e:
                self.errors.append(f"dev_pagemap {ptr:#x} unreadable: {e}")
                continue
            # cross-check: the xarray coverage must equal the pgmap's ranges
            merged = []
            for a, b in sorted(spans):
                if merged and merged[-1][1] + 1 == a:
                    merged[-1][1] = b
                else:
                    merged.append([a, b])
            if merged != sorted(ranges):
                self.errors.append(f"dev_pagemap {ptr:#x}: pgmap_array covers {merged}, "
                                   f"ranges say {sorted(ranges)}")
            name = L.memory_types.get(typ, str(typ))
            if name.startswith("MEMORY_DEVICE_"):
                name = name[len("MEMORY_DEVICE_"):]
            out.append({"type": name, "ranges": ranges, "vmemmap_shift": vshift,
                        "altmap_valid": bool(flags & 1), "_altmap_skip": altmap_skip,
                        "_ptr": ptr})
        out.sort(key=lambda p: (min(r[0] for r in p["ranges"]), p["_ptr"]))
        return out

    # ---------------------------------------------------------- pages
    def mapping_info(self, m):
        """(kind, {"dev","ino"} or None) for a page->mapping value."""
        c = self.map_cache.get(m)
        if c is not None:
            return c
        mem, L = self.mem, self.L
        if m == 0:
            c = ("null", None)
        elif m == TAIL_MAPPING:
            c = ("tail", None)
        elif m & 3:
            c = ("marker", None)
        else:
            c = ("other", None)
            try:
                host = mem.u64(m + L.as_host)
                if host and (mem.u64(host + L.i_mapping) == m or host + L.i_data == m):
                    sb = mem.u64(host + L.i_sb)
                    sid = self.sb_info(sb)[0]
                    c = ("inode", {"dev": sid, "ino": mem.u64(host + L.i_ino)})
            except drgn.FaultError:
                pass
        self.map_cache[m] = c
        return c

    def walk_pages(self, pgmaps, all_pages):
        L, prog = self.L, self.prog
        self.map_cache = {}
        sz = L.sizeof_page
        idle_ref = {"FS_DAX": 0 if L.era == "6.15+" else 1, "GENERIC": 1}
        head_bit = 1 << L.pg_head
        names = L.page_field_order
        ix = {n: names.index(n) for n in names}
        i_flags, i_w1, i_map = ix["flags"], ix["w1"], ix["mapping"]
        i_idx, i_mc, i_rc = ix["index"], ix["mapcount"], ix["refcount"]
        out = []
        nread = 0
        for pm in pgmaps:
            if pm["type"] not in idle_ref:
                continue
            ptr = pm["_ptr"]
            idle = idle_ref[pm["type"]]
            bad_pgmap = []
            for ri, (first, last) in enumerate(pm["ranges"]):
                # the device's pages start after the memmap it holds
                pfn = first + (pm["_altmap_skip"] if ri == 0 else 0)
                while pfn <= last:
                    n = min(CHUNK_PAGES, last + 1 - pfn)
                    base = self.vmemmap_base + pfn * sz
                    try:
                        buf = prog.read(base, n * sz)
                    except drgn.FaultError:
                        buf = self.read_partial(base, n, sz, pfn)
                    nread += n
                    for k, w in enumerate(_iter_pages(L, buf)):
                        if w is None:
                            continue
                        p = pfn + k
                        flags, w1, m, index, mc, rc = (w[i_flags], w[i_w1], w[i_map],
                                                       w[i_idx], w[i_mc], w[i_rc])
                        is_head = bool(flags & head_bit)
                        is_tail = bool(w1 & 1)
                        if not is_tail and w1 != ptr:
                            bad_pgmap.append(p)
                        if (not all_pages and rc == idle and mc == -1 and m == 0
                                and index == 0):
                            continue
                        out.append(self.page_record(p, flags, w1, m, index, mc, rc,
                                                    is_head, is_tail, pm["type"]))
                    pfn += n
            if bad_pgmap:
                self.errors.append(
                    f"dev_pagemap {ptr:#x}: {len(bad_pgmap)} non-tail pages whose pgmap word "
                    f"is not the pgmap (first pfns {bad_pgmap[:8]})")
        self.pages_read = nread
        out.sort(key=lambda r: r["pfn"])
        return out

    def read_partial(self, base, n, sz, pfn0):
        """Chunk read faulted: read page-sized pieces, None-fill the rest.
        Returns a list-like of unpacked tuples."""
        L, prog = self.L, self.prog
        res = [None] * n
        bad = []
        step = max(1, 4096 // sz)
        for k in range(0, n, step):
            m = min(step, n - k)
            try:
                b = prog.read(base + k * sz, m * sz)
            except drgn.FaultError:
                bad.append((pfn0 + k, pfn0 + k + m - 1))
                continue
            for j, w in enumerate(L.page_fmt.iter_unpack(b)):
                res[k + j] = w
        merged = []
        for a, b in bad:
            if merged and merged[-1][1] + 1 == a:
                merged[-1][1] = b
            else:
                merged.append([a, b])
        for a, b in merged:
            self.errors.append(f"struct page of pfn {a}-{b} not in the dump")
        return _Prepacked(res)

    def page_record(self, p, flags, w1, m, index, mc, rc, is_head, is_tail, ptype):
        L = self.L
        kind, owner = self.mapping_info(m)
        rec = {"pfn": p, "refcount": rc, "mapcount_raw": mc, "mapping": hex(m),
               "mapping_kind": kind, "index": index, "flags": hex(flags),
               "compound": "tail" if is_tail else ("head" if is_head else "none"),
               "order": None, "head_pfn": None, "large_mapcount_raw": None,
               "pgmap_type": ptype}
        if owner is not None:
            rec["mapping_inode"] = owner
        if is_tail:
            x = w1 & ~1 & U64
            if L.compound_member == "compound_info" and x and ((-x) & U64) & (((-x) & U64) - 1) == 0:
                head = (self.vmemmap_base + p * L.sizeof_page) & x  # mask encoding
            else:
                head = x
            hp, rem = divmod(head - self.vmemmap_base, L.sizeof_page)
            rec["head_pfn"] = hp if rem == 0 and hp >= 0 else None
            if rec["head_pfn"] is None:
                self.errors.append(f"pfn {p}: tail with undecodable compound word {w1:#x}")
        elif is_head and L.order_off is not None:
            a = self.vmemmap_base + p * L.sizeof_page + L.order_off
            try:
                if L.order_kind == "u8":
                    rec["order"] = self.mem.u8(a)
                else:
                    rec["order"] = self.mem.u64(a) & 0xFF
                if L.large_mapcount_off is not None:
                    rec["large_mapcount_raw"] = self.mem.s32(
                        self.vmemmap_base + p * L.sizeof_page + L.large_mapcount_off)
            except drgn.FaultError as e:
                self.errors.append(f"pfn {p}: folio order unreadable: {e}")
        return rec


class _Prepacked(list):
    """read_partial result: already unpacked page tuples (None = unreadable)."""


def _iter_pages(L, buf):
    if isinstance(buf, _Prepacked):
        return iter(buf)
    return L.page_fmt.iter_unpack(buf)


# ----------------------------------------------------------------- selftest

class _FakeProg:
    """Byte-addressed memory for the synthetic xarray test."""

    def __init__(self):
        self.mem = {}

    def put(self, addr, data):
        for i, b in enumerate(data):
            self.mem[addr + i] = b

    def read(self, addr, n, phys=False):
        try:
            return bytes(self.mem[addr + i] for i in range(n))
        except KeyError:
            raise drgn.FaultError("synthetic: not mapped", addr) from None


def xa_unit_test():
    """Synthetic two-level xarray: value entries, an order-9 entry made of a
    canonical slot + 7 siblings in a shift-6 node, an order-1 entry in a
    leaf, a retry entry. Checks canonical indices and spans."""
    class L:
        xa_head, xn_size, xn_shift, xn_slots, xa_chunk, xa_chunk_shift = 16, 576, 0, 40, 64, 6
    fp = _FakeProg()
    mem = Mem(fp)
    XA, TOP, LEAF = 0x1000, 0x10000, 0x20000

    def node(addr, shift, slots):
        buf = bytearray(576)
        buf[0] = shift
        for i, v in slots.items():
            struct.pack_into("<Q", buf, 40 + 8 * i, v)
        fp.put(addr, bytes(buf))

    val = lambda pfn, fl: (((pfn << 4) | fl) << 1) | 1  # noqa: E731
    sib = lambda off: (off << 2) | 2  # noqa: E731
    # top node shift 6: slot 0 -> leaf (indices 0..63), slot 8..15 = PMD entry at 512
    top = {0: LEAF | 2, 8: val(0x12000, DAX_PMD)}
    top.update({i: sib(8) for i in range(9, 16)})
    top[20] = XA_RETRY_ENTRY
    node(TOP, 6, top)
    node(LEAF, 0, {0: val(0x100, 0), 1: val(0x101, DAX_LOCKED), 4: val(7, DAX_ZERO_PAGE),
                   5: sib(4), 63: val(0, DAX_EMPTY)})
    fp.put(XA, bytes(16) + struct.pack("<Q", TOP | 2))
    errs = []
    got = xa_walk(mem, L, XA, errs, "unit")
    want = [(0, val(0x100, 0), 1), (1, val(0x101, DAX_LOCKED), 1), (4, val(7, DAX_ZERO_PAGE), 2),
            (63, val(0, DAX_EMPTY), 1), (512, val(0x12000, DAX_PMD), 512), (1280, XA_RETRY_ENTRY, 64)]
    ok = got == want and not errs
    # loop protection: a node pointing at itself
    node(0x30000, 6, {0: 0x30000 | 2})
    fp.put(0x2000, bytes(16) + struct.pack("<Q", 0x30000 | 2))
    errs2 = []
    xa_walk(mem, L, 0x2000, errs2, "loop")
    ok = ok and bool(errs2)
    print(("PASS" if ok else "FAIL") + " xarray synthetic walk"
          + ("" if ok else f": got {got} errors {errs} loop-errors {errs2}"))
    return ok


def dev_str(s_dev):
    return f"{s_dev >> 20}:{s_dev & 0xFFFFF}"


def selftest(dumps_dir):
    def core_of(d):
        for f in ("vmcore.elf", "vmcore.filtered"):
            if os.path.isfile(os.path.join(d, f)):
                return os.path.join(d, f)
        return None

    dirs = sorted(d for d in glob.glob(os.path.join(dumps_dir, "*"))
                  if os.path.isfile(os.path.join(d, "groundtruth.json"))
                  and core_of(d) and os.path.isfile(os.path.join(d, "meta.json")))
    failed = 0 if xa_unit_test() else 1
    if not dirs:
        print(f"SKIP: no dumps with groundtruth.json under {dumps_dir}")
        return failed
    for d in dirs:
        name = os.path.basename(d)
        with open(os.path.join(d, "meta.json")) as f:
            meta = json.load(f)
        with open(os.path.join(d, "groundtruth.json")) as f:
            gt = json.load(f)
        t0 = time.time()
        try:
            o = Oracle(core_of(d), meta["vmlinux"])
            res = o.run()
        except Exception as e:  # noqa: BLE001
            print(f"FAIL {name}: oracle raised {type(e).__name__}: {e}")
            failed += 1
            continue
        problems, notes, nchecked = check_groundtruth(res, gt, meta)
        try:
            ncross, bad = crosscheck_drgn(o, res)
        except Exception as e:  # noqa: BLE001
            ncross, bad = 0, [f"drgn cross-check raised {type(e).__name__}: {e}"]
        problems += [f"drgn cross-check: {b}" for b in bad[:20]]
        notes.append(f"drgn cross-check: {ncross} page/entry reads agree"
                     if not bad else f"drgn cross-check: {len(bad)} disagreements")
        status = "FAIL" if problems else "PASS"
        if problems and any("Excluded page" in e or "not in the dump" in e
                            for e in res["errors"]):
            status = "FAIL-INCOMPLETE-DUMP"
        failed += bool(problems)
        print(f"{status} {name} ({os.path.basename(core_of(d))}, {res['release']}, "
              f"era {res['era']}): {nchecked} ground-truth pages checked, "
              f"{len(res['inodes'])} DAX inodes, {len(res['pages'])} non-idle pages, "
              f"{len(res['errors'])} oracle errors, {time.time() - t0:.1f}s")
        for p in problems[:40]:
            print("   problem: " + p)
        if len(problems) > 40:
            print(f"   ... {len(problems) - 40} more")
        for n in notes:
            print("   note: " + n)
        for e in res["errors"][:10]:
            print("   oracle error: " + e)
    return 1 if failed else 0


def crosscheck_drgn(o, res, limit=3000):
    """Re-read a sample of the oracle's raw decoding through drgn's typed
    objects and helpers (xa_load, page_to_pfn): catches offset or
    encoding slips in the raw readers."""
    from drgn.helpers.linux.xarray import xa_load
    from drgn.helpers.linux.mm import pfn_to_page
    prog, L, bad = o.prog, o.L, []
    n = 0
    for p in res["pages"][:limit]:
        pg = pfn_to_page(prog, p["pfn"])
        got = (int(pg._refcount.counter), int(pg._mapcount.counter),
               int(pg.mapping.value_()), int(getattr(pg, L.index_member).value_()))
        want = (p["refcount"], p["mapcount_raw"], int(p["mapping"], 16), p["index"])
        n += 1
        if got != want:
            bad.append(f"pfn {p['pfn']}: drgn {got} oracle {want}")
    sbs = {}
    from drgn.helpers.linux.list import list_for_each_entry
    for sb in list_for_each_entry("struct super_block", prog["super_blocks"].address_of_(),
                                  "s_list"):
        sbs.setdefault(sb.s_id.string_().decode(), []).append(sb)
    for ino in res["inodes"]:
        found = None
        for sb in sbs.get(ino["dev"], []):
            for i in list_for_each_entry("struct inode", sb.s_inodes.address_of_(), "i_sb_list"):
                if int(i.i_ino) == ino["ino"]:
                    found = i
                    break
            if found is not None:
                break
        if found is None:
            bad.append(f"inode {ino['dev']}:{ino['ino']} not found by drgn")
            continue
        for e in ino["entries"]:
            for k in (0, (1 << e["order"]) - 1):
                v = int(xa_load(found.i_mapping.i_pages.address_of_(), e["index"] + k).value_())
                n += 1
                if v != int(e["raw"], 16):
                    bad.append(f"inode {ino['ino']} index {e['index'] + k}: xa_load {v:#x} "
                               f"oracle {e['raw']}")
    return n, bad


def check_groundtruth(res, gt, meta):
    problems, notes, n = [], [], 0
    era = res["era"]
    idle_fsdax = 0 if era == "6.15+" else 1
    by_key = {}
    for ino in res["inodes"]:
        by_key[(dev_str(ino["s_dev"]), ino["ino"])] = ino
    pages = {p["pfn"]: p for p in res["pages"]}
    recs = gt.get("records", [])
    meta_rec = next((r for r in recs if r.get("type") == "meta"), {})
    zero_pfn = meta_rec.get("zero_pfn")
    # last record of each mapping wins (before-cow reports are superseded)
    last = {}
    for r in recs:
        if r.get("type") == "map":
            last[r["name"]] = r
    leak = next((r for r in recs if r.get("type") == "leak"), None)
    aggd = {}

    def agg(is_problem, name, what, idx):
        aggd.setdefault((is_problem, name, what), []).append(idx)

    evicted = {leak["pinned"]["name"]} if leak else set()
    for name, r in sorted(last.items()):
        key = (r["dev"], r["ino"])
        ino = by_key.get(key)
        if ino is None:
            if name in evicted:
                notes.append(f"{name}: inode {key} gone (evicted after unlink, expected)")
            else:
                problems.append(f"{name}: no DAX inode {key} in the dump")
            continue
        if r["deleted"] != ino["deleted"]:
            problems.append(f"{name}: deleted {ino['deleted']} expected {r['deleted']}")
        gpath = r["path"]
        if not r["deleted"] and ino["path"] and not gpath.endswith(ino["path"]):
            problems.append(f"{name}: path {ino['path']} vs {gpath}")
        # index -> (entry)
        cover = {}
        for e in ino["entries"]:
            for k in range(1 << e["order"]):
                cover[e["index"] + k] = e
        for run in r["runs"]:
            for k in range(run["n"]):
                idx = run["index"] + k
                e = cover.get(idx)
                if run["pfn"] is None:
                    continue
                n += 1
                want = run["pfn"] + k
                if e is None:
                    agg(True, name, "no entry for a mapped page", idx)
                    continue
                if e["kind"] == "zero":
                    got = e["pfn"] + (idx - e["index"])
                    if e["order"] == 0 and zero_pfn is not None and got != zero_pfn:
                        agg(True, name, f"zero entry pfn {got} != zero_pfn {zero_pfn}", idx)
                    if want != got:
                        agg(True, name, "zero entry pfn != pagemap pfn", idx)
                    continue
                got = e["pfn"] + (idx - e["index"])
                if e["kind"] != "pfn" or got != want:
                    agg(True, name, f"entry kind {e['kind']} / pfn != pagemap pfn", idx)
                    continue
                # page association
                pg = pages.get(want)
                if era == "6.15+":
                    hp = pg
                    if pg and pg["compound"] == "tail":
                        hp = pages.get(pg["head_pfn"])
                    exp_index = e["index"]
                else:
                    hp = pg
                    exp_index = idx
                rl61 = r["scenario"] == "reflink" and era == "6.1"
                bug61 = "known 6.1 bug: XFS read fault on a shared extent overwrites " \
                        "page->mapping (fixed v6.2, c6f0b395b211)"
                if hp is None:
                    if rl61:
                        agg(False, name, f"page idle/unassociated (mapping NULL) - {bug61}", idx)
                    else:
                        agg(True, name, "page idle/unassociated", idx)
                    continue
                if hp["mapping_kind"] == "inode":
                    if (hp["mapping_inode"]["ino"] != ino["ino"]
                            or hp["mapping_inode"]["dev"] != ino["dev"]):
                        other = f"page mapping is inode {hp['mapping_inode']['ino']}, not this one"
                        if rl61:
                            agg(False, name, f"{other} - {bug61}", idx)
                        elif r["scenario"] == "reflink":
                            agg(False, name, f"{other} (reflink)", idx)
                        else:
                            agg(True, name, other, idx)
                    elif hp["index"] != exp_index:
                        if leak and leak["index_rewritten"]["kernel_pfn"] == want:
                            agg(False, name, f"index rewritten by daxleak to {hp['index']}", idx)
                        else:
                            agg(True, name, f"page index {hp['index']} != expected", idx)
                elif hp["mapping_kind"] in ("marker", "null") and r["scenario"] == "reflink":
                    agg(False, name, f"shared: mapping {hp['mapping']} share/index "
                        f"{hp['index']}", idx)
                else:
                    agg(True, name, f"page mapping {hp['mapping']} ({hp['mapping_kind']})", idx)
                if era != "6.15+" and hp["refcount"] != idle_fsdax and not (
                        leak and leak["pinned"]["kernel_pfn"] == want):
                    agg(False, name, f"refcount {hp['refcount']}", idx)
    for (is_problem, name, what), idxs in sorted(aggd.items()):
        rngs = []
        for i in sorted(idxs):
            if rngs and rngs[-1][1] + 1 == i:
                rngs[-1][1] = i
            else:
                rngs.append([i, i])
        txt = ",".join(f"{x}" if x == y else f"{x}-{y}" for x, y in rngs[:6])
        (problems if is_problem else notes).append(
            f"{name}: {what}: {len(idxs)} pages, indices {txt}{'...' if len(rngs) > 6 else ''}")
    if leak:
        lp = leak["pinned"]["kernel_pfn"]
        pg = pages.get(lp)
        if pg is None or pg["refcount"] <= idle_fsdax:
            problems.append(f"leak: pinned pfn {lp} not above idle refcount: {pg}")
        else:
            notes.append(f"leak: pinned pfn {lp} refcount {pg['refcount']} mapping "
                         f"{pg['mapping']} index {pg['index']}")
        ir = leak["index_rewritten"]
        pg = pages.get(ir["kernel_pfn"])
        if pg is None or pg["index"] != ir["new_index"]:
            problems.append(f"leak: index_rewritten pfn {ir['kernel_pfn']} index "
                            f"{pg and pg['index']} expected {ir['new_index']}")
    return problems, notes, n


# ----------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vmlinux")
    ap.add_argument("--all-pages", action="store_true")
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("--maps", action="store_true",
                    help="only the DAX inodes' user mappings: {release, dax_user_mappings, errors}")
    ap.add_argument("vmcore", nargs="?")
    a = ap.parse_args()
    if a.selftest:
        d = a.vmcore or os.path.expanduser("~/.cache/daxinspect-lab/dumps")
        sys.exit(selftest(d))
    if not a.vmlinux or not a.vmcore:
        ap.error("--vmlinux VMLINUX VMCORE required")
    t0 = time.time()
    o = Oracle(a.vmcore, a.vmlinux)
    if a.maps:
        res = {"oracle": "drgn", "release": o.release,
               "dax_user_mappings": o.dax_user_mappings(), "errors": o.errors}
        json.dump(res, sys.stdout, indent=1)
        sys.stdout.write("\n")
        log(f"maps: {len(res['dax_user_mappings'])} rows, {len(o.errors)} errors")
        return
    res = o.run(a.all_pages)
    json.dump(res, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")
    o.t["total"] = time.time() - t0
    log("timings " + " ".join(f"{k}={v:.2f}s" for k, v in o.t.items())
        + f" struct_pages_read={getattr(o, 'pages_read', 0)}"
        + f" inodes={len(res['inodes'])} pages_out={len(res['pages'])}"
        + f" errors={len(res['errors'])}")


if __name__ == "__main__":
    main()
