#!/usr/bin/python3
"""Synthetic vmcore builder for daxinspect tests (stdlib only).

    build.py DESCRIPTION.json -o OUTDIR

writes OUTDIR/vmcore, a real ELF64 x86-64 core (ET_CORE, a PT_NOTE with
VMCOREINFO, PT_LOAD segments with p_paddr = physical address and p_vaddr
= direct-map address), and OUTDIR/vmcore.profile, a copy of the layout's
type profile (daxinspect finds it beside the dump by build-id).

Every kernel object is laid out at the offsets the profile gives:
  - kernel-image variables at their link-time symbol addresses (KASLR
    offset 0, phys_base 0: phys = vaddr - __START_KERNEL_map);
  - superblocks, inodes, dentries, xa_nodes, dev_pagemaps, strings in
    the direct map (vaddr = 0xffff888000000000 + phys);
  - struct pages in the vmemmap (0xffffea0000000000 + pfn * sizeof),
    reached through a 4-level page table at init_top_pgt (2 MiB PSE).
Only pages written end up in the dump.  See tests/synth/README.md for
the description format.
"""
import argparse
import json
import lzma
import os
import shutil
import struct
import sys

PAGE = 4096
START_KERNEL_MAP = 0xffffffff80000000
PAGE_OFFSET = 0xffff888000000000
VMEMMAP = 0xffffea0000000000
TAIL_MAPPING = 0xdead000000000400  # 0x400 + POISON_POINTER_DELTA (x86-64)
HEAP_PHYS = 0x10000000             # direct-map objects (above any kernel image)
VMEMMAP_PHYS = 0x40000000          # backing of the vmemmap 2 MiB pages
S_DAX = 0x2000
DAX_FLAGS = {"LOCKED": 1, "PMD": 2, "ZERO": 4, "EMPTY": 8}
PMD_ORDER = 9

# Link-time addresses for layouts whose profile has no symbols (made from
# BTF alone: tests/synth/layouts/7.0.profile).  A plausible x86-64 image
# (7.3.4's link map, rounded): text at _text, data after the BTF.  Only
# the symbols a 7.x kernel has (no zero_pfn, no huge_zero_page).
SYNTH_SYMBOLS = {
    "_text": 0xffffffff81000000,
    "_stext": 0xffffffff81000000,
    "empty_zero_page": 0xffffffff8224c000,
    "vmemmap_base": 0xffffffff82923698,
    "vmalloc_base": 0xffffffff829236a0,
    "page_offset_base": 0xffffffff829236a8,
    "__start_BTF": 0xffffffff82a58000,   # __stop_BTF: + the blob's size
    "init_top_pgt": 0xffffffff8302a000,
    "modules": 0xffffffff83168be0,
    "super_blocks": 0xffffffff831e7b50,
    "init_uts_ns": 0xffffffff833029c0,
    "huge_zero_pfn": 0xffffffff83353140,
    "huge_zero_folio": 0xffffffff83353148,
    "pgmap_array": 0xffffffff83e28fb0,
}
KALLSYMS_BASE = 0xffffffff82700000     # the kallsyms tables (rodata)


def die(msg):
    sys.stderr.write("build.py: %s\n" % msg)
    sys.exit(2)


def num(v):
    """Accepts ints and strings such as "0x40000" or "-1"."""
    if isinstance(v, bool):
        die("boolean where a number was expected: %r" % v)
    if isinstance(v, int):
        return v
    if isinstance(v, str):
        return int(v, 0)
    die("not a number: %r" % (v,))


class Profile:
    def __init__(self, path):
        self.path = path
        self.size, self.member, self.arraylen = {}, {}, {}
        self.enum, self.symbol = {}, {}
        self.symbol_lines = 0   # symbol lines, "-" included
        self.build_id = self.release = self.source = ""
        with open(path) as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if p[0] == "build-id":
                    self.build_id = p[1]
                elif p[0] == "release":
                    self.release = p[1] if len(p) > 1 else ""
                elif p[0] == "source":
                    self.source = p[1] if len(p) > 1 else ""
                elif p[0] == "size" and p[2] != "-":
                    self.size[p[1]] = int(p[2])
                elif p[0] == "member" and p[3] != "-":
                    self.member[(p[1], p[2])] = (int(p[3]), int(p[4]))
                elif p[0] == "arraylen" and p[3] != "-":
                    self.arraylen[(p[1], p[2])] = int(p[3])
                elif p[0] == "enum" and p[2] != "-":
                    self.enum[p[1]] = int(p[2])
                elif p[0] == "symbol":
                    self.symbol_lines += 1
                    if p[2] != "-":
                        self.symbol[p[1]] = int(p[2], 16)

    def has(self, t, m):
        return (t, m) in self.member

    def off(self, t, m):
        if (t, m) not in self.member:
            die("profile %s has no member %s.%s" % (self.path, t, m))
        return self.member[(t, m)][0]

    def obj_size(self, t):
        """sizeof(t) if the profile records it (older ones do), else the
        span of t's recorded members: daxinspect reads members, never whole
        objects, so the builder needs no size query of its own."""
        if t in self.size:
            return self.size[t]
        span = max((o + n for (tt, _), (o, n) in self.member.items() if tt == t), default=0)
        if not span:
            die("profile %s records no member of %s" % (self.path, t))
        return span

    def msize(self, t, m):
        return self.member[(t, m)][1]

    def sym(self, name):
        if name not in self.symbol:
            die("profile %s has no symbol %s" % (self.path, name))
        return self.symbol[name]

    def default_release(self):
        """The release line, else the directory the vmlinux came from
        (the lab keeps kernels under .../kernels/RELEASE/vmlinux)."""
        if self.release:
            return self.release
        parts = self.source.split()
        if len(parts) == 2:
            return os.path.basename(os.path.dirname(parts[1]))
        die("profile %s names no release; give \"release\" in the description" % self.path)


class Memory:
    """Sparse physical memory: only pages written are kept."""

    def __init__(self):
        self.pages = {}
        self.heap = HEAP_PHYS

    def write(self, paddr, data):
        data = memoryview(data)  # slices without copies: big writes stay linear
        while data:
            pg, o = divmod(paddr, PAGE)
            n = min(len(data), PAGE - o)
            buf = self.pages.setdefault(pg, bytearray(PAGE))
            buf[o:o + n] = data[:n]
            data = data[n:]
            paddr += n

    def read(self, paddr, n):
        out = bytearray()
        while n:
            pg, o = divmod(paddr, PAGE)
            k = min(n, PAGE - o)
            buf = self.pages.get(pg, bytes(PAGE))
            out += buf[o:o + k]
            n -= k
            paddr += k
        return bytes(out)

    def alloc(self, size, align=64):
        """Allocates zeroed direct-map memory; returns the physical address."""
        self.heap = (self.heap + align - 1) & ~(align - 1)
        p = self.heap
        self.heap += max(size, 1)
        self.write(p, bytes(size))  # present in the dump, zeroed
        return p


def pack_int(value, size):
    mask = (1 << (8 * size)) - 1
    return (num(value) & mask).to_bytes(size, "little")


class Builder:
    def __init__(self, desc, top):
        self.desc = desc
        lp = desc["layout"]
        self.prof = Profile(lp if os.path.isabs(lp) else os.path.join(top, lp))
        self.mem = Memory()
        p = self.prof
        self.psize = p.size["struct page"]
        self.folio_era = p.has("struct folio", "pgmap") and not p.has("struct page", "pgmap")
        self.release = desc.get("release") or p.default_release()
        self.inodes = {}      # ino -> dict(addr=, mapping=)
        self.dangling = None
        self.phys_base = 0
        self.vm_chunks = {}   # 2 MiB vmemmap chunk -> backing phys
        self.pgmap_addr = []  # per pgmap: its direct-map address
        self.btf = None       # the BTF blob embedded in the dump
        self.damage = []      # --damage kinds, applied after the build
        self.vmas, self.mms, self.vma_mapping = [], [], {}  # user_mappings()
        self.lost_pages = []  # physical pages dropped after the build
        self.mem_section = None  # SYMBOL(mem_section), when written
        self.sb_links = []    # per superblock: its s_list link address
        self.inode_links = [] # per superblock: its inodes' i_sb_list links
        self.xa_roots = []    # per inode xarray with nodes: its root xa_node
        self.kallsyms = {}    # VMCOREINFO SYMBOL() lines of the tables
        if desc.get("embed_btf"):
            bp = desc["embed_btf"]
            bp = bp if os.path.isabs(bp) else os.path.join(top, bp)
            opener = lzma.open if bp.endswith(".xz") else open
            with opener(bp, "rb") as f:
                self.btf = f.read()
            if self.btf[:2] != b"\x9f\xeb":
                die("%s is not a BTF blob (magic 0xeb9f)" % bp)
        if not p.symbol:
            if p.symbol_lines == 0:
                die("profile %s has no symbol lines" % p.path)
            # A profile made from BTF alone: made-up link-time addresses;
            # the dump's kallsyms (embed_btf) is then what names them.
            p.symbol.update(SYNTH_SYMBOLS)
        if self.btf is not None:
            start = p.symbol.setdefault("__start_BTF", SYNTH_SYMBOLS["__start_BTF"])
            p.symbol["__stop_BTF"] = start + len(self.btf)
        # KASLR: symbols move by kernel_offset (all addresses below are
        # runtime ones), the image's physical load address by phys_base
        # (__pa_symbol(x) = x - __START_KERNEL_map + phys_base).
        self.kernel_offset = num(desc.get("kernel_offset", 0))
        self.phys_base = num(desc.get("phys_base", 0))
        kmax = 0
        for name in p.symbol:
            p.symbol[name] += self.kernel_offset
            kmax = max(kmax, self.kphys(p.symbol[name]))
        # KASLR may load the image anywhere in RAM: above HEAP_PHYS, the
        # heap starts 64 MiB past its last symbol and the vmemmap backing
        # 512 MiB past that (the dump is sparse: any physical address works).
        self.vm_base = VMEMMAP_PHYS
        if kmax >= HEAP_PHYS:
            self.mem.heap = (kmax + 0x4000000) & ~0xffffff
            self.vm_base = self.mem.heap + 0x20000000

    # -- addresses --------------------------------------------------------
    def kphys(self, vaddr):
        # phys_base is negative when KASLR loads the kernel lower: mod 2^64
        return (vaddr - START_KERNEL_MAP + self.phys_base) & (2**64 - 1)

    def dm(self, phys):
        return PAGE_OFFSET + phys

    def dmphys(self, vaddr):
        return vaddr - PAGE_OFFSET

    def wfield(self, vaddr_base, typ, member, value, phys=None):
        p = self.prof
        off, size = p.off(typ, member), p.msize(typ, member)
        base = phys if phys is not None else self.dmphys(vaddr_base)
        self.mem.write(base + off, pack_int(value, min(size, 8)))

    def wk(self, sym, data):
        self.mem.write(self.kphys(self.prof.sym(sym)), data)

    def alloc_obj(self, size, align=64):
        return self.dm(self.mem.alloc(size, align))

    def string(self, s):
        b = s.encode() + b"\0"
        a = self.mem.alloc(len(b), 8)
        self.mem.write(a, b)
        return self.dm(a)

    # -- struct pages -----------------------------------------------------
    def page_vaddr(self, pfn):
        return VMEMMAP + pfn * self.psize

    def map_vmemmap(self, pfn):
        """Makes sure the 2 MiB vmemmap chunk of pfn's struct page is mapped."""
        chunk = self.page_vaddr(pfn) >> 21
        if chunk not in self.vm_chunks:
            self.vm_chunks[chunk] = self.vm_base + len(self.vm_chunks) * (1 << 21)
        return self.vm_chunks[chunk]

    def page_phys(self, pfn):
        v = self.page_vaddr(pfn)
        return self.map_vmemmap(pfn) + (v & ((1 << 21) - 1))

    def wpage(self, pfn, member, value, typ="struct page"):
        self.wfield(None, typ, member, value, phys=self.page_phys(pfn))

    def wfolio(self, head_pfn, member, value):
        self.wfield(None, "struct folio", member, value, phys=self.page_phys(head_pfn))

    def idx_member(self):
        return "index" if self.prof.has("struct page", "index") else "__folio_index"

    def pgmap_member(self):
        return ("struct page", "pgmap") if self.prof.has("struct page", "pgmap") else \
            ("struct folio", "pgmap")

    def link_member(self):
        return "compound_head" if self.prof.has("struct page", "compound_head") else "compound_info"

    def flag_bit(self, name):
        if name not in self.prof.enum:
            die("profile has no page flag %s" % name)
        return 1 << self.prof.enum[name]

    def flags_value(self, v):
        if isinstance(v, list):
            r = 0
            for n in v:
                r |= self.flag_bit(n if n.startswith("PG_") else "PG_" + n)
            return r
        return num(v)

    def mapping_value(self, v):
        if v is None or v == "null":
            return 0
        if isinstance(v, int):
            return v
        if v.startswith("inode:"):
            sbid, _, ino = v[6:].rpartition(":")
            key = (sbid, num(ino)) if sbid else num(ino)
            if key not in self.inodes:
                die("mapping %s names no declared inode" % v)
            return self.inodes[key]["mapping"]
        if v == "tail":
            return TAIL_MAPPING
        if v == "dangling":
            if self.dangling is None:
                self.dangling = self.alloc_obj(self.prof.obj_size("struct address_space"))
            return self.dangling
        return num(v)

    # -- xarray -----------------------------------------------------------
    def build_xarray(self, xa_vaddr, entries, array_addr=None):
        """entries: list of (index, order, raw). Lays out xa_nodes like the
        kernel: multi-index entries as a canonical slot plus siblings."""
        p = self.prof
        chunk = p.arraylen[("struct xa_node", "slots")]
        cshift = chunk.bit_length() - 1
        head_off = p.off("struct xarray", "xa_head")
        if not entries:
            return
        entries = sorted(entries)
        if len(entries) == 1 and entries[0][0] == 0 and entries[0][1] == 0:
            self.mem.write(self.dmphys(xa_vaddr) + head_off, pack_int(entries[0][2], 8))
            return
        top = max(i + (1 << o) - 1 for i, o, _ in entries)
        shift = max((o // cshift) * cshift for _, o, _ in entries)
        while top >> (shift + cshift):
            shift += cshift
        root = self.build_node(array_addr or xa_vaddr, entries, shift, 0, 0, 0, chunk, cshift)
        self.mem.write(self.dmphys(xa_vaddr) + head_off, pack_int(root | 2, 8))
        if shift and array_addr is None:
            self.xa_roots.append(root)

    def build_node(self, xa, entries, shift, base, parent, offset, chunk, cshift):
        p = self.prof
        T = "struct xa_node"
        node = self.alloc_obj(p.size[T], 64)
        slots = [0] * chunk
        groups = {}
        for i, o, raw in entries:
            slot = (i - base) >> shift
            if o >= shift:
                if o >= shift + cshift:
                    die("entry at %#x of order %d does not fit a node of shift %d" % (i, o, shift))
                if (i - base) & ((1 << o) - 1):
                    die("entry at %#x is not aligned to its order %d" % (i, o))
                n = 1 << (o - shift)
                if slots[slot]:
                    die("two entries in xarray slot at index %#x" % i)
                slots[slot] = raw
                for k in range(1, n):
                    slots[slot + k] = (slot << 2) | 2
            else:
                groups.setdefault(slot, []).append((i, o, raw))
        for slot, sub in groups.items():
            if slots[slot]:
                die("xarray slot at index %#x holds both an entry and a node" % sub[0][0])
            child = self.build_node(xa, sub, shift - cshift, base + (slot << shift),
                                    node, slot, chunk, cshift)
            slots[slot] = child | 2
        w = lambda m, v: self.wfield(node, T, m, v)
        w("shift", shift)
        w("offset", offset)
        w("count", sum(1 for s in slots if s))
        w("nr_values", sum(1 for s in slots if s & 1))
        w("parent", parent)
        w("array", xa)
        so = p.off(T, "slots")
        self.mem.write(self.dmphys(node) + so, b"".join(pack_int(s, 8) for s in slots))
        return node

    def entry_raw(self, e):
        if "raw" in e:
            return num(e["raw"]), num(e.get("order", 0))
        flags = 0
        for f in e.get("flags", []):
            flags |= DAX_FLAGS[f]
        pfn = e.get("pfn", 0)
        if pfn == "zero":
            pfn = self.zero_pfn
        elif pfn == "huge_zero":
            pfn = self.huge_zero_pfn
        raw = (num(pfn) << 5) | (flags << 1) | 1
        order = num(e.get("order", PMD_ORDER if flags & DAX_FLAGS["PMD"] else 0))
        return raw, order

    # -- the build --------------------------------------------------------
    def build(self):
        d, p = self.desc, self.prof
        self.zero_pfn = self.kphys(p.sym("empty_zero_page")) >> 12
        self.huge_zero_pfn = num(d.get("huge_zero_pfn", 0x3e00))
        self.kernel_vars()
        if self.btf is not None:
            self.wk("__start_BTF", self.btf)
            self.kallsyms_tables(d.get("kallsyms_encoding", "place-relative"))
        self.page_tables_root()
        self.filesystems()
        self.user_mappings()
        self.pgmaps()
        if d.get("mem_section"):
            self.mem_sections()
        self.page_tables()
        for kind in self.damage:
            self.apply_damage(kind)
        for pg in self.lost_pages:
            self.mem.pages.pop(pg, None)

    # SPARSEMEM_EXTREME mem_section (include/linux/mmzone.h; x86-64
    # SECTION_SIZE_BITS 27, MAX_PHYSMEM_BITS 46, 16-byte sections, 256 per
    # root): section 0 is boot RAM (present, memmap, online, early); each
    # pgmap's sections are present with a memmap only, as
    # memremap_pages() leaves them (kernel-facts.md#device-sections).
    SECTION_PAGES = 1 << (27 - 12)

    def mem_sections(self):
        nroots, per_root = (1 << (46 - 27)) // 256, 256
        roots = self.mem.alloc(8 * nroots, PAGE)
        sections = {0: 0xf}
        for m in self.desc.get("pgmaps", []):
            for first, last in m["ranges"]:
                for nr in range(num(first) // self.SECTION_PAGES,
                                num(last) // self.SECTION_PAGES + 1):
                    sections[nr] = 0x3
        pages = {}
        for nr, flags in sorted(sections.items()):
            root = nr // per_root
            if root not in pages:
                pages[root] = self.mem.alloc(PAGE, PAGE)
                self.mem.write(roots + 8 * root, pack_int(self.dm(pages[root]), 8))
            # The encoded memmap (mem_map - section start pfn) | flags.
            value = (VMEMMAP | flags) & (2**64 - 1)
            self.mem.write(pages[root] + 16 * (nr % per_root), pack_int(value, 8))
        self.mem_section = (self.dm(roots), nroots)

    # -- damage (--damage KIND): one kernel object broken on purpose ------
    DAMAGE = {
        "sb-loop": "the last superblock's s_list.next points back to the first superblock",
        "inodes-loop": "the first superblock's last inode's i_sb_list.next points back to its first inode",
        "pgmap-range": "the first pgmap's range 0 ends at 0xffffffffffffffff",
        "pgmap-unmapped": "the first pgmap's range 0 ends 2^20 pfns past its start, where the vmemmap is not mapped",
        "xa-loop": "the first multi-level inode xarray's root: its last node slot points to its first child",
        "xa-self": "the first multi-level inode xarray: a leaf node's first slot points to the root node",
        "vma-loop": "the first inode's last VMA in i_mmap: its rb_right points back to the first VMA",
        "vma-bad": "the first VMA's vm_end lies below its vm_start",
        "pgd-unreadable": "the first mm's pgd points into the direct map where the dump has no data",
        "osrelease-long": "VMCOREINFO's OSRELEASE is 300 'A's",
        "number-bad": "VMCOREINFO's NUMBER(pgtable_l5_enabled) is not a number",
    }

    def apply_damage(self, kind):
        p = self.prof
        if kind == "sb-loop":
            if not self.sb_links:
                die("--damage sb-loop needs a superblock")
            self.mem.write(self.dmphys(self.sb_links[-1]), pack_int(self.sb_links[0], 8))
        elif kind == "inodes-loop":
            links = self.inode_links[0] if self.inode_links else []
            if not links:
                die("--damage inodes-loop needs an inode on the first superblock")
            self.mem.write(self.dmphys(links[-1]), pack_int(links[0], 8))
        elif kind in ("pgmap-range", "pgmap-unmapped"):
            if not self.pgmap_addr:
                die("--damage %s needs a pgmap" % kind)
            T = "struct dev_pagemap"
            end = self.dmphys(self.pgmap_addr[0]) + p.off(T, "range") + \
                p.off("struct range", "end")
            first = num(self.desc["pgmaps"][0]["ranges"][0][0])
            value = 2**64 - 1 if kind == "pgmap-range" else ((first + (1 << 20)) << 12) - 1
            self.mem.write(end, pack_int(value, 8))
        elif kind in ("xa-loop", "xa-self"):
            if not self.xa_roots:
                die("--damage %s needs an inode xarray with two levels" % kind)
            root = self.xa_roots[0]
            so = p.off("struct xa_node", "slots")
            chunk = p.arraylen[("struct xa_node", "slots")]
            slots = [int.from_bytes(self.mem.read(self.dmphys(root) + so + 8 * i, 8), "little")
                     for i in range(chunk)]
            kids = [i for i, v in enumerate(slots) if v & 3 == 2 and v > 4096]
            if not kids:
                die("--damage %s: the root xa_node has no child node" % kind)
            if kind == "xa-loop":
                free = [i for i, v in enumerate(slots) if v == 0 and i > kids[0]]
                if not free:
                    die("--damage xa-loop: no free root slot after the first child")
                self.mem.write(self.dmphys(root) + so + 8 * free[-1], pack_int(slots[kids[0]], 8))
            else:
                leaf = slots[kids[0]] - 2
                self.mem.write(self.dmphys(leaf) + so, pack_int(root | 2, 8))
        elif kind in ("vma-loop", "vma-bad", "pgd-unreadable"):
            if not self.vmas:
                die("--damage %s needs \"mappings\"" % kind)
            V = "struct vm_area_struct"
            if kind == "vma-loop":
                first_rb = self.vmas[0] + p.off(V, "shared.rb")
                same = [v for v in self.vmas if self.vma_mapping[v] == self.vma_mapping[self.vmas[0]]]
                self.wfield(same[-1] + p.off(V, "shared.rb"), "struct rb_node", "rb_right", first_rb)
            elif kind == "vma-bad":
                self.wfield(self.vmas[0], V, "vm_end", 0x1000)
            else:
                self.wfield(self.mms[0], "struct mm_struct", "pgd", self.dm(0x7f000000))
        elif kind in ("osrelease-long", "number-bad"):
            pass  # in vmcoreinfo()
        else:
            die("unknown --damage %s (one of: %s)" % (kind, ", ".join(sorted(self.DAMAGE))))

    def kernel_vars(self):
        p = self.prof
        rel = self.release.encode()
        if len(rel) > 64:
            die("release longer than 64 bytes")
        self.mem.write(self.kphys(p.sym("init_uts_ns")) +
                       p.off("struct uts_namespace", "name.release"), rel + b"\0")
        self.wk("page_offset_base", pack_int(PAGE_OFFSET, 8))
        self.wk("vmemmap_base", pack_int(VMEMMAP, 8))
        mods = p.sym("modules")
        self.wk("modules", pack_int(mods, 8) + pack_int(mods, 8))
        if "zero_pfn" in p.symbol:
            self.wk("zero_pfn", pack_int(self.zero_pfn, 8))
        if "huge_zero_pfn" in p.symbol:
            self.wk("huge_zero_pfn", pack_int(self.huge_zero_pfn, 8))
        if "huge_zero_folio" in p.symbol:
            self.wk("huge_zero_folio", pack_int(self.page_vaddr(self.huge_zero_pfn), 8))

    def kallsyms_tables(self, encoding):
        """kallsyms tables as scripts/kallsyms.c lays them out, read back by
        kernel/kallsyms.c: kallsyms_names (per symbol a length byte, then
        token numbers), kallsyms_token_table (NUL-terminated tokens),
        kallsyms_token_index (256 u16 offsets), kallsyms_offsets (one s32
        per symbol), kallsyms_num_syms.  Minimal compression: token b is
        the one character b, so a name is its own bytes.  names, then
        token_table, then token_index, in that order (the reader bounds
        each table by the next).  Addresses: "place-relative" (7.0+,
        &kallsyms_offsets[i] + off) or "base-relative" (relative_base +
        (u32)off, with kallsyms_relative_base)."""
        p = self.prof
        syms = sorted((a, n) for n, a in p.symbol.items())
        names = bytearray()
        for a, n in syms:
            t = b"T" if n in ("_text", "_stext") else b"D"
            e = t + n.encode()
            if len(e) > 127:
                die("symbol name too long for kallsyms: %s" % n)
            names += bytes([len(e)]) + e
        table, index = bytearray(), []
        for b in range(256):
            index.append(len(table))
            table += (bytes([b]) if b else b"") + b"\0"
        base = KALLSYMS_BASE + self.kernel_offset
        at = {}
        at["kallsyms_num_syms"] = base
        at["kallsyms_names"] = base + 0x100
        at["kallsyms_token_table"] = (at["kallsyms_names"] + len(names) + 0xff) & ~0xff
        at["kallsyms_token_index"] = (at["kallsyms_token_table"] + len(table) + 0xff) & ~0xff
        at["kallsyms_offsets"] = (at["kallsyms_token_index"] + 512 + 0xff) & ~0xff
        end = at["kallsyms_offsets"] + 4 * len(syms)
        if encoding == "base-relative":
            rbase = min(a for a, _ in syms)
            at["kallsyms_relative_base"] = (end + 0xff) & ~0xff
            end = at["kallsyms_relative_base"] + 8
            offs = [a - rbase for a, _ in syms]
            self.mem.write(self.kphys(at["kallsyms_relative_base"]), pack_int(rbase, 8))
        elif encoding == "place-relative":
            offs = [a - (at["kallsyms_offsets"] + 4 * i) for i, (a, _) in enumerate(syms)]
        else:
            die("unknown kallsyms_encoding %r" % encoding)
        for a, n in syms:
            if base <= a < end:
                die("symbol %s at %#x overlaps the kallsyms tables" % (n, a))
        if not all(-(1 << 31) <= o < (1 << 32) for o in offs):
            die("a symbol is out of kallsyms_offsets' 32-bit reach")
        w = lambda k, data: self.mem.write(self.kphys(at[k]), data)
        w("kallsyms_num_syms", pack_int(len(syms), 4))
        w("kallsyms_names", bytes(names))
        w("kallsyms_token_table", bytes(table))
        w("kallsyms_token_index", b"".join(pack_int(i, 2) for i in index))
        w("kallsyms_offsets", b"".join(pack_int(o, 4) for o in offs))
        self.kallsyms = at

    def page_tables_root(self):
        self.pgd = self.kphys(self.prof.sym("init_top_pgt"))
        if self.pgd & (PAGE - 1):
            die("init_top_pgt is not page aligned")
        self.mem.write(self.pgd, bytes(PAGE))

    def page_tables(self):
        """PGD -> PUD -> PMD with 2 MiB PSE entries for the vmemmap chunks
        holding the pgmaps' struct pages (present even where the dump
        holds no data: that is how a filtered memmap looks)."""
        puds, pmds = {}, {}
        for chunk, backing in sorted(self.vm_chunks.items()):
            va = chunk << 21
            i4, i3, i2 = (va >> 39) & 511, (va >> 30) & 511, (va >> 21) & 511
            if i4 not in puds:
                puds[i4] = self.mem.alloc(PAGE, PAGE)
                self.mem.write(self.pgd + i4 * 8, pack_int(puds[i4] | 0x63, 8))
            if (i4, i3) not in pmds:
                pmds[(i4, i3)] = self.mem.alloc(PAGE, PAGE)
                self.mem.write(puds[i4] + i3 * 8, pack_int(pmds[(i4, i3)] | 0x63, 8))
            self.mem.write(pmds[(i4, i3)] + i2 * 8, pack_int(backing | 0xe3, 8))

    def filesystems(self):
        p = self.prof
        sbs = self.desc.get("superblocks", [])
        head = p.sym("super_blocks")
        sb_addrs = []
        self.inode_entries = []
        for sb in sbs:
            sb_addrs.append(self.superblock(sb))
        self.sb_links = [a + p.off("struct super_block", "s_list") for a in sb_addrs]
        self.link_list(head, True, self.sb_links)
        for xa, ents in self.inode_entries:
            self.build_xarray(xa, ents)

    # -- user mappings (kern/rmap.c reads them) ---------------------------
    VM_FLAGS = {"read": 0x1, "write": 0x2, "shared": 0x8, "mayshare": 0x80,
                "sync": 0x800000}

    def user_mappings(self):
        """Per "mappings" item: a VMA of the named inode in a process's mm
        (one task_struct and mm_struct per pid), linked into the inode's
        i_mmap (an rb tree: each VMA the right child of the one before,
        a valid in-order chain), and the mm's own 4-level page tables with
        the item's leaves: PTEs, or PMDs with PSE."""
        maps = self.desc.get("mappings", [])
        if not maps:
            return
        p = self.prof
        V, M, TS = "struct vm_area_struct", "struct mm_struct", "struct task_struct"
        for t, m in ((V, "vm_start"), ("struct address_space", "i_mmap.rb_root.rb_node"),
                     (M, "pgd"), (TS, "group_leader")):
            if not p.has(t, m):
                die("\"mappings\" need %s.%s, which profile %s lacks" % (t, m, p.path))
        mms, last_rb = {}, {}
        self.vmas, self.mms, self.vma_mapping = [], [], {}
        for spec in maps:
            pid = num(spec["pid"])
            if pid not in mms:
                task = self.alloc_obj(p.obj_size(TS), 64)
                self.wfield(task, TS, "pid", pid)
                self.wfield(task, TS, "tgid", pid)
                self.wfield(task, TS, "group_leader", task)
                comm = spec.get("comm", "synth").encode()[:15]
                self.mem.write(self.dmphys(task) + p.off(TS, "comm"), comm + b"\0")
                mm = self.alloc_obj(p.obj_size(M), 64)
                pgd = self.mem.alloc(PAGE, PAGE)
                self.wfield(mm, M, "pgd", self.dm(pgd))
                if p.has(M, "owner"):
                    self.wfield(mm, M, "owner", task)
                mms[pid] = (mm, pgd)
                self.mms.append(mm)
            mm, pgd = mms[pid]
            start, npages = num(spec["start"]), num(spec["pages"])
            flags = spec.get("flags", ["read", "shared", "mayshare"])
            if isinstance(flags, list):
                flags = sum(self.VM_FLAGS[f] for f in flags)
            vma = self.alloc_obj(p.obj_size(V), 64)
            self.wfield(vma, V, "vm_start", start)
            self.wfield(vma, V, "vm_end", start + npages * PAGE)
            self.wfield(vma, V, "vm_mm", mm)
            self.wfield(vma, V, "vm_flags" if p.has(V, "vm_flags") else "__vm_flags", num(flags))
            self.wfield(vma, V, "vm_pgoff", num(spec.get("pgoff", 0)))
            rb = vma + p.off(V, "shared.rb")
            mapping = self.mapping_value(spec["inode"])
            self.vmas.append(vma)
            self.vma_mapping[vma] = mapping
            if mapping in last_rb:
                self.wfield(last_rb[mapping], "struct rb_node", "rb_right", rb)
            else:
                self.mem.write(self.dmphys(mapping) + p.off("struct address_space",
                                                            "i_mmap.rb_root.rb_node"), pack_int(rb, 8))
            last_rb[mapping] = rb
            for leaf in spec.get("leaves", []):
                self.user_leaf(pgd, start + num(leaf["at"]) * PAGE, leaf)

    def user_leaf(self, pgd, va, leaf):
        """One present leaf: x86-64 _PAGE_PRESENT|_PAGE_USER|_PAGE_ACCESSED
        (+_PAGE_RW when "write"), tables _PAGE_TABLE (0x67), a PMD leaf
        with _PAGE_PSE."""
        pfn = self.zero_pfn if leaf["pfn"] == "zero" else num(leaf["pfn"])
        level = leaf.get("level", "pte")
        bits = 0x25 | (0x2 if leaf.get("write", True) else 0)
        table = pgd
        for shift in (39, 30) + ((21,) if level == "pte" else ()):
            slot = table + ((va >> shift) & 511) * 8
            e = int.from_bytes(self.mem.read(slot, 8), "little")
            if not e & 1:
                e = self.mem.alloc(PAGE, PAGE) | 0x67
                self.mem.write(slot, pack_int(e, 8))
            table = e & 0x000ffffffffff000
        if level == "pmd":
            if va & ((1 << 21) - 1) or pfn & 511:
                die("a PMD leaf needs a 2 MiB aligned vaddr and pfn")
            self.mem.write(table + ((va >> 21) & 511) * 8, pack_int((pfn << 12) | bits | 0x80, 8))
        elif level == "pte":
            self.mem.write(table + ((va >> 12) & 511) * 8, pack_int((pfn << 12) | bits, 8))
        else:
            die("leaf level %s: pte or pmd" % level)

    def link_list(self, head, head_is_kernel, nodes):
        """Writes a circular list_head list: head <-> nodes... <-> head."""
        chain = [head] + nodes
        for k, a in enumerate(chain):
            nxt, prv = chain[(k + 1) % len(chain)], chain[k - 1]
            ph = self.kphys(a) if (k == 0 and head_is_kernel) else self.dmphys(a)
            self.mem.write(ph, pack_int(nxt, 8) + pack_int(prv, 8))

    def dentry(self, parent, name, inode):
        p = self.prof
        T = "struct dentry"
        d = self.alloc_obj(p.obj_size(T), 64)
        self.wfield(d, T, "d_parent", parent if parent else d)
        self.wfield(d, T, "d_name.name", self.string(name))
        self.wfield(d, T, "d_name.len", len(name.encode()))
        if p.has(T, "d_inode"):  # daxinspect does not read it
            self.wfield(d, T, "d_inode", inode)
        return d

    def superblock(self, sb):
        p = self.prof
        T = "struct super_block"
        a = self.alloc_obj(p.obj_size(T), 64)
        sid = sb.get("id", "pmem0").encode()[:31]
        self.mem.write(self.dmphys(a) + p.off(T, "s_id"), sid + b"\0")
        self.wfield(a, T, "s_dev", num(sb.get("s_dev", 0x10300000)))
        fst = self.alloc_obj(64, 64)
        self.wfield(fst, "struct file_system_type", "name", self.string(sb.get("fstype", "xfs")))
        self.wfield(a, T, "s_type", fst)
        root = self.dentry(0, "/", 0)
        self.wfield(a, T, "s_root", root)
        dirs = {(): root}
        inode_links = []
        for ino in sb.get("inodes", []):
            link = self.inode(a, ino, dirs, sb.get("id", "pmem0"))
            # An inode being evicted is off its superblock's list; only a
            # page's mapping leads to it.
            if not ino.get("evicting"):
                inode_links.append(link)
        shead = a + p.off(T, "s_inodes")
        self.link_list(shead, False, inode_links)
        self.inode_links.append(inode_links)
        return a

    def inode(self, sb, spec, dirs, sbid="pmem0"):
        p = self.prof
        T = "struct inode"
        a = self.alloc_obj(p.obj_size(T), 64)
        ino = num(spec["ino"])
        if (sbid, ino) in self.inodes:
            die("inode %s:%d declared twice" % (sbid, ino))
        mapping = a + p.off(T, "i_data")
        # "inode:INO" names the first inode of that number, "inode:SB:INO"
        # the one on superblock SB.
        self.inodes[(sbid, ino)] = {"addr": a, "mapping": mapping}
        self.inodes.setdefault(ino, self.inodes[(sbid, ino)])
        self.wfield(a, T, "i_mode", num(spec.get("mode", 0o100644)))
        self.wfield(a, T, "i_flags", num(spec.get("i_flags", S_DAX)))
        self.wfield(a, T, "i_ino", ino)
        self.wfield(a, T, "i_sb", sb)
        self.wfield(a, T, "i_mapping", mapping)
        self.wfield(a, T, "i_nlink", num(spec.get("nlink", 1)))
        self.wfield(a, T, "i_size", num(spec.get("size", 1 << 30)))
        A = "struct address_space"
        self.mem.write(self.dmphys(mapping) + p.off(A, "host"), pack_int(a, 8))
        self.mem.write(self.dmphys(mapping) + p.off(A, "nrpages"),
                       pack_int(num(spec.get("nrpages", len(spec.get("entries", [])))), 8))
        path = spec.get("path")
        if path:
            parent = dirs[()]
            for k in range(1, len(path)):
                key = tuple(path[:k])
                if key not in dirs:
                    dirs[key] = self.dentry(parent, path[k - 1], 0)
                parent = dirs[key]
            d = self.dentry(parent, path[-1], a)
            dalias = "d_u.d_alias" if p.has("struct dentry", "d_u.d_alias") else "d_alias"
            alias = d + p.off("struct dentry", dalias)
            self.wfield(a, T, "i_dentry", alias)
        ents = [self.entry_raw(e)[::-1] for e in spec.get("entries", [])]
        ents = [(num(e["index"]), o, raw) for e, (o, raw) in zip(spec.get("entries", []), ents)]
        self.inode_entries.append((mapping + p.off(A, "i_pages"), ents))
        return a + p.off(T, "i_sb_list")

    def pgmap_type(self, t):
        name = t if t.startswith("MEMORY_DEVICE_") else "MEMORY_DEVICE_" + t
        if name not in self.prof.enum:
            die("profile has no enumerator %s" % name)
        return self.prof.enum[name]

    def pgmaps(self):
        p = self.prof
        T = "struct dev_pagemap"
        xa_entries = []
        maps = self.desc.get("pgmaps", [])
        for m in maps:
            size = p.size[T] + 16 * max(0, len(m["ranges"]) - 1)
            if m.get("dev_pagemap_absent"):
                # A page of its own, dropped after the build (a dev_pagemap
                # an over-filtered kdump lost): nothing else goes with it.
                a = self.alloc_obj(PAGE, PAGE)
                self.lost_pages.append(self.dmphys(a) >> 12)
            else:
                a = self.alloc_obj(size, 64)
            self.pgmap_addr.append(a)
            tval = self.pgmap_type(m.get("type", "FS_DAX"))
            self.wfield(a, T, "type", tval)
            self.wfield(a, T, "flags", num(m.get("flags", 0)))
            if p.has(T, "vmemmap_shift"):
                self.wfield(a, T, "vmemmap_shift", num(m.get("vmemmap_shift", 0)))
            if "altmap" in m:  # memmap on the device (ndctl --map=dev)
                for k in ("base_pfn", "reserve", "free"):
                    if k in m["altmap"]:
                        self.wfield(a, T, "altmap." + k, num(m["altmap"][k]))
            self.wfield(a, T, "nr_range", len(m["ranges"]))
            for r, (first, last) in enumerate(m["ranges"]):
                first, last = num(first), num(last)
                base = self.dmphys(a) + p.off(T, "range") + r * p.size["struct range"]
                self.mem.write(base + p.off("struct range", "start"), pack_int(first << 12, 8))
                self.mem.write(base + p.off("struct range", "end"), pack_int(((last + 1) << 12) - 1, 8))
                xa_entries += range_blocks(first, last, a)
            absent = [(num(x), num(y)) for x, y in m.get("absent", [])]
            if m.get("memmap_absent"):
                absent.append((num(m["ranges"][0][0]), num(m["ranges"][-1][1])))
            zero_based = self.folio_era and tval == p.enum.get("MEMORY_DEVICE_FS_DAX")
            for first, last in m["ranges"]:
                self.idle_pages(num(first), num(last), a, 0 if zero_based else 1,
                                absent)
        self.build_kernel_xarray("pgmap_array", xa_entries)
        # Folios first: a page entry may then break one on purpose.
        for spec in self.desc.get("folios", []):
            self.folio_spec(spec)
        for spec in self.desc.get("pages", []):
            self.page_spec(spec)

    def pgmap_of(self, pfn):
        for m, a in zip(self.desc.get("pgmaps", []), self.pgmap_addr):
            if any(num(x) <= pfn <= num(y) for x, y in m["ranges"]):
                return a
        die("pfn %#x is in no pgmap" % pfn)

    def build_kernel_xarray(self, sym, entries):
        """An xarray that is a kernel-image variable: build it through a
        direct-map alias of the same physical memory."""
        self.build_xarray(self.dm(self.kphys(self.prof.sym(sym))), entries,
                          self.prof.sym(sym))

    def idle_pages(self, first, last, pgmap, refcount, absent):
        """Idle struct pages first..last of a pgmap (the pgmap pointer,
        refcount, _mapcount -1), except the absent ones. They are all
        alike: each run inside one 2 MiB vmemmap chunk is one write, so a
        pgmap of millions of pages builds in seconds."""
        p = self.prof
        t, m = self.pgmap_member()
        tmpl = bytearray(self.psize)
        for typ, mem, value in ((t, m, pgmap), ("struct page", "_refcount", refcount),
                                ("struct page", "_mapcount", -1)):
            off, size = p.off(typ, mem), min(p.msize(typ, mem), 8)
            if off + size > self.psize:
                die("%s.%s is outside the first struct page" % (typ, mem))
            tmpl[off:off + size] = pack_int(value, size)
        per_chunk = (1 << 21) // self.psize
        # Every chunk is mapped, absent pages' too: their struct pages are
        # missing from the dump, not unmapped.
        for pfn in range(first, last + 1, per_chunk):
            self.map_vmemmap(pfn)
        self.map_vmemmap(last)
        pfn = first
        while pfn <= last:
            inside = [y for x, y in absent if x <= pfn <= y]
            if inside:
                pfn = max(inside) + 1
                continue
            end = min([last, (self.page_vaddr(pfn) >> 21 << 21) // self.psize
                       - VMEMMAP // self.psize + per_chunk - 1] +
                      [x - 1 for x, y in absent if x > pfn])
            self.mem.write(self.page_phys(pfn), bytes(tmpl) * (end - pfn + 1))
            pfn = end + 1

    def page_spec(self, s):
        first = num(s["pfn"])
        for k in range(num(s.get("count", 1))):
            pfn = first + k
            if "flags" in s:
                self.wpage(pfn, "flags", self.flags_value(s["flags"]))
            if "refcount" in s:
                self.wpage(pfn, "_refcount", num(s["refcount"]))
            if "mapcount" in s:
                self.wpage(pfn, "_mapcount", num(s["mapcount"]) - 1)
            if "mapping" in s:
                self.wpage(pfn, "mapping", self.mapping_value(s["mapping"]))
            for key in ("index", "share"):
                if key in s:
                    self.wpage(pfn, self.idx_member(), num(s[key]) + k * num(s.get("index_step", 0)))
            if "word1" in s:
                # "pgmap": the pgmap pointer an order-0 page holds there.
                w = self.pgmap_of(pfn) if s["word1"] == "pgmap" else num(s["word1"])
                self.wpage(pfn, self.link_member(), w)
            if "pgmap" in s:
                t, m = self.pgmap_member()
                self.wfield(None, t, m, num(s["pgmap"]), phys=self.page_phys(pfn))

    def folio_spec(self, s):
        """A large folio (6.15+ PMD DAX folio): head with PG_head and the
        folio fields, page[1] with the order and large mapcounts, tails
        with the compound link and TAIL_MAPPING (include/linux/mm.h
        prep_compound_page / prep_compound_tail / prep_compound_head)."""
        p = self.prof
        head = num(s["folio"])
        order = num(s.get("order", PMD_ORDER))
        n = 1 << order
        m = num(s.get("mapcount", 0))
        enc = s.get("tail_encoding", "mask" if p.has("struct page", "compound_info") else "head")
        head_va = self.page_vaddr(head)
        if enc == "mask":
            # GENMASK(63, order + log2(sizeof(struct page))) | 1
            shift = order + (self.psize.bit_length() - 1)
            link = (((1 << 64) - 1) & ~((1 << shift) - 1)) | 1
        else:
            link = head_va | 1
        for k in range(1, n):
            pfn = head + k
            self.wpage(pfn, "flags", self.flags_value(s.get("tail_flags", 0)))
            self.wpage(pfn, self.link_member(), link)
            self.wpage(pfn, "mapping", TAIL_MAPPING)
            self.wpage(pfn, self.idx_member(), 0)
            self.wpage(pfn, "_refcount", 0)
            self.wpage(pfn, "_mapcount", -1)
        self.wpage(head, "flags", self.flags_value(s.get("flags", [])) | self.flag_bit("PG_head"))
        self.wpage(head, "mapping", self.mapping_value(s.get("mapping")))
        self.wpage(head, self.idx_member(), num(s.get("index", s.get("share", 0))))
        self.wpage(head, "_refcount", num(s.get("refcount", m)))
        self.wpage(head, "_mapcount", -1)
        F = "struct folio"
        ordv = num(s.get("order_field", order))
        if p.has(F, "_flags_1"):
            self.wfolio(head, "_flags_1", ordv)
        elif p.has(F, "_folio_order"):
            self.wfolio(head, "_folio_order", ordv)
        for mem, v in (("_large_mapcount", m - 1), ("_entire_mapcount", m - 1),
                       ("_total_mapcount", m - 1), ("_nr_pages_mapped", 0),
                       ("_pincount", num(s.get("pincount", 0))), ("_folio_nr_pages", 1 << ordv)):
            if p.has(F, mem):
                self.wfolio(head, mem, v)

    # -- output -----------------------------------------------------------
    def vmcoreinfo(self):
        p = self.prof
        release = self.release
        if "osrelease-long" in self.damage:
            release = "A" * 300
        lines = [
            "OSRELEASE=%s" % release,
            "BUILD-ID=%s" % self.desc.get("build_id", p.build_id),
            "PAGESIZE=4096",
            # A real x86-64 kernel writes both (swapper_pg_dir is
            # init_top_pgt); drgn reads swapper_pg_dir.
            "SYMBOL(swapper_pg_dir)=%x" % p.sym("init_top_pgt"),
            "SYMBOL(init_top_pgt)=%x" % p.sym("init_top_pgt"),
            "NUMBER(pgtable_l5_enabled)=%s" % ("zero" if "number-bad" in self.damage else "0"),
            "NUMBER(phys_base)=%d" % (self.phys_base - 2**64 if self.phys_base >= 2**63
                                      else self.phys_base),
            "NUMBER(sme_mask)=0",
            "KERNELOFFSET=%x" % self.kernel_offset,
        ]
        if self.mem_section:
            lines += ["SYMBOL(mem_section)=%x" % self.mem_section[0],
                      "LENGTH(mem_section)=%d" % self.mem_section[1],
                      "SIZE(mem_section)=16",
                      "OFFSET(mem_section.section_mem_map)=0",
                      "NUMBER(SECTION_SIZE_BITS)=27",
                      "NUMBER(MAX_PHYSMEM_BITS)=46"]
        if self.kallsyms:
            lines += ["SYMBOL(%s)=%x" % kv for kv in sorted(self.kallsyms.items())]
            lines.append("SYMBOL(_stext)=%x" % p.sym("_stext"))
        return ("\n".join(lines) + "\n").encode()

    def write(self, outdir, profile=True):
        os.makedirs(outdir, exist_ok=True)
        note = elf_note("VMCOREINFO", 0, self.vmcoreinfo())
        segs = []
        for pg in sorted(self.mem.pages):
            if segs and segs[-1][1] == pg:
                segs[-1][1] = pg + 1
            else:
                segs.append([pg, pg + 1])
        nph = 1 + len(segs)
        ehsize, phsize = 64, 56
        note_off = ehsize + nph * phsize
        data_off = (note_off + len(note) + PAGE - 1) & ~(PAGE - 1)
        hdr = bytearray()
        hdr += b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
        hdr += struct.pack("<HHIQQQIHHHHHH", 4, 62, 1, 0, ehsize, 0, 0,
                           ehsize, phsize, nph, 64, 0, 0)
        hdr += struct.pack("<IIQQQQQQ", 4, 0, note_off, 0, 0, len(note), 0, 0)
        off = data_off
        for a, b in segs:
            size = (b - a) * PAGE
            paddr = a * PAGE
            hdr += struct.pack("<IIQQQQQQ", 1, 7, off, PAGE_OFFSET + paddr,
                               paddr, size, size, PAGE)
            off += size
        with open(os.path.join(outdir, "vmcore"), "wb") as f:
            f.write(hdr)
            f.write(note)
            f.write(bytes(data_off - len(hdr) - len(note)))
            for a, b in segs:
                for pg in range(a, b):
                    f.write(self.mem.pages[pg])
        if profile:
            shutil.copyfile(self.prof.path, os.path.join(outdir, "vmcore.profile"))


def elf_note(name, ntype, desc):
    n = name.encode() + b"\0"
    pad = lambda b: b + bytes((4 - len(b) % 4) % 4)
    return struct.pack("<III", len(n), len(desc), ntype) + pad(n) + pad(desc)


def range_blocks(first, last, value):
    """Splits [first, last] into naturally aligned power-of-two blocks, as
    xa_store_range() stores a range (lib/xarray.c)."""
    out = []
    i = first
    while i <= last:
        order = 0
        while (i & ((1 << (order + 1)) - 1)) == 0 and i + (1 << (order + 1)) - 1 <= last:
            order += 1
        out.append((i, order, value))
        i += 1 << order
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("description")
    ap.add_argument("-o", "--outdir", required=True)
    ap.add_argument("--no-profile", action="store_true",
                    help="do not copy the profile beside the dump (BTF-only dumps)")
    ap.add_argument("--damage", action="append", default=[], metavar="KIND",
                    choices=sorted(Builder.DAMAGE),
                    help="break one kernel object on purpose (repeatable): " +
                    "; ".join("%s: %s" % kv for kv in sorted(Builder.DAMAGE.items())))
    args = ap.parse_args()
    with open(args.description) as f:
        desc = json.load(f)
    top = os.environ.get("DXI_TOP") or os.path.normpath(
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    b = Builder(desc, top)
    b.damage = args.damage
    b.build()
    b.write(args.outdir, profile=not args.no_profile)


if __name__ == "__main__":
    main()
