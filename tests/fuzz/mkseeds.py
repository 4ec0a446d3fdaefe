#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Cuts small seed inputs for the fuzz targets out of the bundled samples
(build/samples/*/vmcore, `make samples` first) into tests/fuzz/corpus/.
Usage: tests/fuzz/mkseeds.py [TARGET...]  (default: every target it knows)"""
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = ['6.1-ext4', '6.12-xfs-reflink', '7.3-xfs-reflink']
CORPUS = os.path.join(ROOT, 'tests', 'fuzz', 'corpus')


def sample(name):
    with open(os.path.join(ROOT, 'build', 'samples', name, 'vmcore'), 'rb') as f:
        return f.read()


def phdrs(b):
    phoff, = struct.unpack_from('<Q', b, 32)
    phnum, = struct.unpack_from('<H', b, 56)
    return [struct.unpack_from('<IIQQQQQQ', b, phoff + 56 * i) for i in range(phnum)]


def notes(b):
    for p in phdrs(b):
        if p[0] == 4:
            return b[p[2]:p[2] + p[5]]
    return b''


def vmcoreinfo(b):
    n, off = notes(b), 0
    while off + 12 <= len(n):
        namesz, descsz, _ = struct.unpack_from('<III', n, off)
        name = n[off + 12:off + 12 + namesz]
        doff = off + 12 + (namesz + 3) // 4 * 4
        if name.startswith(b'VMCOREINFO'):
            return n[doff:doff + descsz]
        off = doff + (descsz + 3) // 4 * 4
    return b''


def pgd_phys(b):
    vi = dict(l.split('=', 1) for l in vmcoreinfo(b).decode().splitlines() if '=' in l)
    return (int(vi['SYMBOL(init_top_pgt)'], 16) - 0xffffffff80000000 +
            int(vi.get('NUMBER(phys_base)', '0')))


def mini_elf(b, nloads=3, seglen=256, kcore=False):
    """ELF header, the note segment, nloads short PT_LOADs of the dump and
    the page holding the top-level page table."""
    allloads = [p for p in phdrs(b) if p[0] == 1]
    pgd = pgd_phys(b)
    loads = allloads[:nloads]
    for p in allloads:
        if p[4] <= pgd < p[4] + p[5]:
            off = (pgd - p[4]) & ~0xfff
            loads.append((1, 7, p[2] + off, p[3] + off, p[4] + off, 4096, 4096, 0))
    nt = notes(b)
    phnum = 1 + len(loads)
    off = 64 + 56 * phnum
    ph = [struct.pack('<IIQQQQQQ', 4, 0, off, 0, 0, len(nt), 0, 4)]
    data = nt
    off += len(nt)
    for p in loads:
        vaddr = p[3] if not kcore else 0xffff888000000000 + p[4]
        n = p[5] if p[5] == 4096 and p[4] & 0xfff == 0 and p in loads[nloads:] else seglen
        ph.append(struct.pack('<IIQQQQQQ', 1, 7, off, vaddr, p[4], n, n, 0))
        data += b[p[2]:p[2] + n]
        off += n
    eh = bytearray(b[:64])
    struct.pack_into('<H', eh, 56, phnum)
    struct.pack_into('<Q', eh, 32, 64)
    return bytes(eh) + b''.join(ph) + data


def flattened(elf, chunk=4096):
    hdr = bytearray(4096)
    hdr[0:12] = b'makedumpfile'
    struct.pack_into('>QQ', hdr, 16, 1, 1)
    recs = b''
    for off in range(0, len(elf), chunk):
        part = elf[off:off + chunk]
        recs += struct.pack('>qq', off, len(part)) + part
    return bytes(hdr) + recs + struct.pack('>qq', -1, 0)


KALLSYMS_OFFSETS_AT = 0xffffffff83100000   # tests/fuzz/kallsyms.c OFFSETS_AT


def kallsyms(enc, index_all=False):
    """A kallsyms input (tests/fuzz/kallsyms.c) with a few real-looking
    symbols; enc: 'base', 'absolute' or 'place'."""
    syms = [('T', '_stext', 0xffffffff81000000), ('T', 'do_one_initcall', 0xffffffff81002000),
            ('R', '__start_BTF', 0xffffffff82a58000), ('R', '__stop_BTF', 0xffffffff82f58000),
            ('D', 'super_blocks', 0xffffffff82b6c0e0), ('D', 'vmemmap_base', 0xffffffff82a10010),
            ('D', 'init_top_pgt', 0xffffffff82a10000), ('t', 'x' * 140, 0xffffffff81003000)]
    multi = ['kallsyms', 'super', '_blocks', 'init_', 'BTF']
    tokens = []
    for b in range(256):
        if 0x80 <= b < 0x80 + len(multi):
            tokens.append(multi[b - 0x80].encode())
        elif 32 < b < 127:
            tokens.append(bytes([b]))
        else:
            tokens.append(b'')
    table, index = b'', []
    for t in tokens:
        index.append(len(table))
        table += t + b'\0'
    names = b''
    for typ, name, _ in syms:
        full = (typ + name).encode()
        enc_name = b''
        i = 0
        while i < len(full):
            for k, m in enumerate(multi):
                if full[i:].startswith(m.encode()):
                    enc_name += bytes([0x80 + k])
                    i += len(m)
                    break
            else:
                enc_name += full[i:i + 1]
                i += 1
        n = len(enc_name)
        names += (bytes([n]) if n < 0x80 else bytes([0x80 | (n & 0x7f), n >> 7])) + enc_name
    base = 0xffffffff81000000
    flags = {'absolute': 1, 'base': 2, 'place': 0}[enc] | (4 if index_all else 0)
    if enc == 'absolute':
        offs = b''.join(struct.pack('<Q', a) for _, _, a in syms)
    elif enc == 'base':
        offs = b''.join(struct.pack('<I', a - base) for _, _, a in syms)
    else:
        offs = b''.join(struct.pack('<i', a - (KALLSYMS_OFFSETS_AT + 4 * i))
                        for i, (_, _, a) in enumerate(syms))
    hdr = struct.pack('<IQBHIQ', len(syms), base, flags, len(table), len(names), syms[0][2])
    return hdr + struct.pack('<256H', *index) + table + names + offs


BTF_ROOTS = ['page', 'folio', 'xarray', 'xa_node', 'dev_pagemap', 'range', 'address_space',
             'inode', 'super_block', 'dentry', 'file_system_type', 'list_head', 'hlist_head',
             'hlist_node', 'module', 'uts_namespace', 'memory_type', 'pageflags',
             'vmem_altmap', 'new_utsname', 'qstr']
# kind: bytes after struct btf_type, fixed part and per-vlen part
BTF_EXTRA = {1: (4, 0), 2: (0, 0), 3: (12, 0), 4: (0, 12), 5: (0, 12), 6: (0, 8), 7: (0, 0),
             8: (0, 0), 9: (0, 0), 10: (0, 0), 11: (0, 0), 12: (0, 0), 13: (0, 8), 14: (4, 0),
             15: (0, 12), 16: (0, 0), 17: (4, 0), 18: (0, 0), 19: (0, 12)}


def btf_small(blob, roots=BTF_ROOTS):
    """The types daxinspect asks about, cut out of a kernel's BTF: the
    roots and what they embed; pointers become void *, named structs
    reached from a root's members become empty (opaque) of the same size."""
    magic, ver, flags, hlen, toff, tlen, soff, slen = struct.unpack_from('<HBBIIIII', blob, 0)
    types, strs = blob[hlen + toff:hlen + toff + tlen], blob[hlen + soff:hlen + soff + slen]

    def name(off):
        return strs[off:strs.index(b'\0', off)].decode()
    ts, pos = [None], 0
    while pos < len(types):
        name_off, info, st = struct.unpack_from('<III', types, pos)
        kind, vlen = (info >> 24) & 0x1f, info & 0xffff
        fixed, per = BTF_EXTRA[kind]
        extra = types[pos + 12:pos + 12 + fixed + per * vlen]
        ts.append([name_off, info, st, extra])
        pos += 12 + fixed + per * vlen
    keep, opaque, todo = {}, set(), []
    for i, t in enumerate(ts[1:], 1):
        kind = (t[1] >> 24) & 0x1f
        if kind in (4, 5, 6, 19) and t[0] and name(t[0]) in roots and name(t[0]) not in keep:
            keep[name(t[0])] = i
            todo.append((i, True))
    seen = set()
    while todo:
        i, full = todo.pop()
        if i == 0 or i in seen:
            continue
        t = ts[i]
        kind = (t[1] >> 24) & 0x1f
        if not full and kind in (4, 5) and t[0] and name(t[0]) not in roots:
            opaque.add(i)
            seen.add(i)
            continue
        seen.add(i)
        if kind in (8, 9, 10, 11, 18):
            todo.append((t[2], full))
        elif kind == 3:
            et, it, _ = struct.unpack_from('<III', t[3])
            todo += [(et, False), (it, False)]
        elif kind in (4, 5):
            for m in range(t[1] & 0xffff):
                _, mt, _ = struct.unpack_from('<III', t[3], 12 * m)
                # a root's anonymous structs and unions are walked whole
                todo.append((mt, not (ts[mt][0]) if mt else False))
    ids = sorted(seen)
    new = {old: k + 1 for k, old in enumerate(ids)}
    out_strs = bytearray(b'\0')
    str_map = {0: 0}

    def s_(off):
        if off not in str_map:
            str_map[off] = len(out_strs)
            out_strs.extend(name(off).encode() + b'\0')
        return str_map[off]
    out = bytearray()
    for old in ids:
        name_off, info, st, extra = ts[old]
        kind = (info >> 24) & 0x1f
        if kind == 2:
            st = 0
        elif kind in (8, 9, 10, 11, 18):
            st = new.get(st, 0)
        if old in opaque:
            info &= ~0xffff
            extra = b''
        elif kind == 3:
            et, it, ne = struct.unpack_from('<III', extra)
            extra = struct.pack('<III', new.get(et, 0), new.get(it, 0), ne)
        elif kind in (4, 5):
            e = b''
            for m in range(info & 0xffff):
                mn, mt, mo = struct.unpack_from('<III', extra, 12 * m)
                e += struct.pack('<III', s_(mn), new.get(mt, 0), mo)
            extra = e
        elif kind in (6, 19):
            per = BTF_EXTRA[kind][1]
            e = b''
            for m in range(info & 0xffff):
                e += struct.pack('<I', s_(struct.unpack_from('<I', extra, per * m)[0])) + extra[per * m + 4:per * m + per]
            extra = e
        out += struct.pack('<III', s_(name_off), info, st) + extra
    hdr = struct.pack('<HBBIIIII', magic, ver, flags, 24, 0, len(out), len(out), len(out_strs))
    return hdr + bytes(out) + bytes(out_strs)


def profile_facts(path):
    """member/size facts of a type profile: {('member', type, name): (off, size)}."""
    facts = {}
    with open(path) as f:
        for line in f:
            w = line.rstrip('\n').split('\t')
            if w[0] == 'member' and len(w) == 5:
                facts[(w[1], w[2])] = (int(w[3]), int(w[4]))
            elif w[0] == 'size' and len(w) == 3 and w[2] != '-':
                facts[w[1]] = int(w[2])
            elif w[0] == 'enum' and len(w) == 3 and w[2] != '-':
                facts[w[1]] = int(w[2])
    return facts


PAGE_OFFSET_BASE = 0xffff888000000000   # tests/fuzz/kern_walk.c
VMEMMAP_BASE = 0xffffea0000000000
PGD_PHYS = 0x2a10000                    # init_top_pgt - __START_KERNEL_map


def kern_walk(layout, phys):
    """A kern_walk input (tests/fuzz/kern_walk.c): an xarray of two nodes
    with value, sibling and retry entries, 16 struct pages (a head, its
    tails, loose pages) and, with phys, 4-level page tables mapping the
    direct map (a 1 GiB page) and the vmemmap (a 2 MiB page and a 4 KiB one)."""
    f = profile_facts(os.path.join(ROOT, 'vmcores-sample', SAMPLES[layout], 'vmcore.profile'))
    node_size, psize = f['struct xa_node'], f['struct page']
    xo = {m: f[('struct xa_node', m)][0] for m in ('shift', 'offset', 'count', 'parent', 'slots')}
    chunks = []   # (phys?, addr, bytes)

    def virt(va, data):
        # in phys mode everything virtual lives in the direct map or vmemmap
        if not phys:
            chunks.append((0, va, data))
        elif va >= VMEMMAP_BASE:
            chunks.append((1, 0x3000000 + (va - VMEMMAP_BASE - 0x1000000), data))
        else:
            chunks.append((1, va - PAGE_OFFSET_BASE, data))
    xa = PAGE_OFFSET_BASE + 0x1000000
    n0, n1 = xa + 0x1000, xa + 0x2000
    xarr = bytearray(f['struct xarray'])
    struct.pack_into('<Q', xarr, f[('struct xarray', 'xa_head')][0], n0 | 2)
    virt(xa, bytes(xarr))
    for node, shift, parent, off, slots in (
            (n0, 6, 0, 0, {0: (0x40000 << 13) | 1, 1: n1 | 2, 2: (0x40200 << 13) | 0x11,
                           3: (2 << 2) | 2, 4: (2 << 2) | 2, 5: 0x402}),
            (n1, 0, n0, 1, {0: 0x406, 7: (0x40010 << 13) | 1, 63: (0x40011 << 13) | 1})):
        b = bytearray(node_size)
        b[xo['shift']], b[xo['offset']], b[xo['count']] = shift, off, len(slots)
        struct.pack_into('<Q', b, xo['parent'], parent)
        for i, e in slots.items():
            struct.pack_into('<Q', b, xo['slots'] + 8 * i, e)
        virt(node, bytes(b))
    pages = bytearray(16 * psize)
    fl, rc, mc = f[('struct page', 'flags')][0], f[('struct page', '_refcount')][0], f[('struct page', '_mapcount')][0]
    ch = f.get(('struct page', 'compound_head')) or f.get(('struct page', 'compound_info'))
    head_bit = f.get('PG_head', 6)
    for i in range(16):
        o = i * psize
        struct.pack_into('<i', pages, o + rc, 2 if i < 4 else 1)
        struct.pack_into('<i', pages, o + mc, -1)
        if i == 0:
            struct.pack_into('<Q', pages, o + fl, 1 << head_bit)
        elif i < 4 and ch:
            struct.pack_into('<Q', pages, o + ch[0], (VMEMMAP_BASE + 0x40000 * psize) | 1)
    virt(VMEMMAP_BASE + 0x40000 * psize, bytes(pages))
    if phys:
        tables = {}

        def table(pa):
            return tables.setdefault(pa, bytearray(4096))

        def entry(pa, idx, val):
            struct.pack_into('<Q', table(pa), idx * 8, val)
        # direct map: PGD -> PUD with a 1 GiB page at phys 0
        entry(PGD_PHYS, (PAGE_OFFSET_BASE >> 39) & 511, 0x2a11000 | 3)
        entry(0x2a11000, 0, 0 | 0x83)
        # vmemmap: PGD -> PUD -> PMD, a 2 MiB page for pfn 0x40000's struct
        # pages, a 4 KiB PTE next to it
        va = VMEMMAP_BASE + 0x40000 * psize
        entry(PGD_PHYS, (va >> 39) & 511, 0x2a12000 | 3)
        entry(0x2a12000, (va >> 30) & 511, 0x2a13000 | 3)
        entry(0x2a13000, (va >> 21) & 511, 0x3000000 | 0x83)
        entry(0x2a13000, ((va >> 21) + 1) & 511, 0x2a14000 | 3)
        entry(0x2a14000, 0, 0x3200000 | 3)
        for pa, t in sorted(tables.items()):
            chunks.append((1, pa, bytes(t)))
    flags = 1 | 4 if phys else 0
    hdr = struct.pack('<BBHQQQ', layout, flags, 16, 0x40000, xa, VMEMMAP_BASE + 0x40000 * psize + 0x200000)
    return hdr + b''.join(struct.pack('<BQH', sp, a, len(d)) + d for sp, a, d in chunks)


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def main():
    want = set(sys.argv[1:])
    if not want or 'kallsyms' in want:
        for enc in ('base', 'absolute', 'place'):
            put('kallsyms', 'synth-' + enc, kallsyms(enc))
        put('kallsyms', 'synth-base-all', kallsyms('base', True))
    if not want or 'btf' in want:
        import lzma
        with lzma.open(os.path.join(ROOT, 'tests', 'btf', '7.0.13+deb13-cloud-amd64.btf.xz')) as f:
            full = f.read()
        put('btf', 'cut-7.0-layout', btf_small(full))
        put('btf', 'cut-7.0-page', btf_small(full, ['page', 'pageflags']))
        put('btf', 'cut-7.0-xarray', btf_small(full, ['xarray', 'xa_node', 'memory_type']))
    if not want or 'kern_walk' in want:
        for i, smp in enumerate(SAMPLES):
            put('kern_walk', 'synth-virt-' + smp, kern_walk(i, False))
            put('kern_walk', 'synth-phys-' + smp, kern_walk(i, True))
    for s in SAMPLES:
        b = sample(s)
        if not want or 'vmcoreinfo' in want:
            put('vmcoreinfo', 'sample-' + s, vmcoreinfo(b))
        if not want or 'elfcore' in want:
            put('elfcore', 'sample-' + s, mini_elf(b))
        if not want or 'kcore' in want:
            put('kcore', 'sample-' + s, mini_elf(b, kcore=True))
        if not want or 'flattened' in want:
            put('flattened', 'sample-' + s, flattened(mini_elf(b, nloads=2)))
        if not want or 'profile' in want:
            with open(os.path.join(ROOT, 'vmcores-sample', s, 'vmcore.profile'), 'rb') as f:
                put('profile', 'sample-' + s, f.read())


main()
