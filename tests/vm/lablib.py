#!/usr/bin/python3
"""Host-side helpers of tests/vm/mkdump (stdlib only).

  lablib.py qmp SOCK CMD [JSON-ARGS]    run one QMP command, print the reply
  lablib.py gt CONSOLE OUT.json         ground truth from the console log
  lablib.py checkelf FILE MINBYTES      sanity of a QEMU ELF dump
  lablib.py checkflat FILE              sanity of a flattened kdump file
  lablib.py fixelf IN OUT PAGE_OFFSET [PSTART-PEND...]
                                        ELF copy makedumpfile can read
                                        (physical ranges zeroed)
  lablib.py vmcoreinfo CORE             VMCOREINFO note of an ELF dump
  lablib.py pmemranges GT.json          physical pmem ranges as START-END
  lablib.py drgncheck CORE VMLINUX      open with drgn, print release
  lablib.py pageoffset CORE VMLINUX     page_offset_base of the dumped kernel
  lablib.py crosscheck CORE VMLINUX GT  ground truth vs struct pages (drgn)
  lablib.py meta OUT.json KEY=VALUE...  write meta.json (VALUE json or text)
  lablib.py send SOCK TEXT              write TEXT and a newline to a socket
                                        (the guest's ttyS1: kdump's go)
  lablib.py captures CAPTURES.txt SPEC...  kdump captures as JSON
  lablib.py panic CONSOLE               the panic of a kdump run as JSON
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


def elf_vmcoreinfo(path):
    """VMCOREINFO note text of an ELF dump ('' when absent)."""
    with open(path, "rb") as f:
        hdr = f.read(64)
        e_phoff, = struct.unpack_from("<Q", hdr, 32)
        e_phentsize, e_phnum = struct.unpack_from("<HH", hdr, 54)
        if e_phnum == 0xFFFF:
            e_shoff, = struct.unpack_from("<Q", hdr, 40)
            f.seek(e_shoff + 44)
            e_phnum, = struct.unpack("<I", f.read(4))
        f.seek(e_phoff)
        ph = f.read(e_phentsize * e_phnum)
        for i in range(e_phnum):
            p_type, _, p_offset, _, _, p_filesz = struct.unpack_from("<IIQQQQ", ph, i * e_phentsize)
            if p_type != 4:
                continue
            f.seek(p_offset)
            notes, pos = f.read(p_filesz), 0
            while pos + 12 <= len(notes):
                namesz, descsz, _ = struct.unpack_from("<III", notes, pos)
                name = notes[pos + 12:pos + 12 + namesz].rstrip(b"\0")
                dpos = pos + 12 + (namesz + 3) // 4 * 4
                if name == b"VMCOREINFO":
                    return notes[dpos:dpos + descsz].decode("ascii", "replace")
                pos = dpos + (descsz + 3) // 4 * 4
    return ""


def fix_elf(src, dst, page_offset, zero=()):
    """Copy of a QEMU ELF dump that makedumpfile 1.7.2 reads: program headers
    right after the ELF header, p_vaddr = PAGE_OFFSET + p_paddr for loads.
    zero: physical [start, end) ranges to clear in the copy (e.g. kernel
    text, so that makedumpfile -d 1 drops it from small sample dumps)."""
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
            for zs, ze in zero:
                for i in range(e_phnum):
                    o = i * e_phentsize
                    p_type, = struct.unpack_from("<I", ph, o)
                    p_offset, _, p_paddr, p_filesz = struct.unpack_from("<QQQQ", ph, o + 8)
                    s, e = max(zs, p_paddr), min(ze, p_paddr + p_filesz)
                    if p_type == 1 and s < e:
                        g.seek(p_offset + s - p_paddr)
                        g.write(bytes(e - s))


def drgn_open(core, vmlinux):
    """Open the dump with drgn (python3-drgn of the host). drgn 0.0.22 reads
    the top page table (swapper_pg_dir) through its *virtual* address, which
    QEMU's paging=false ELF dumps (physical segments only) cannot give:
    "recursive address translation; page table may be missing" (later drgn
    versions translate it with phys_base, see drgn PR #457). In that case
    retry with a virtual segment for the kernel image mapping,
    __START_KERNEL_map + x -> physical x + phys_base (from VMCOREINFO), read
    through physical memory."""
    import drgn

    def open_prog(workaround):
        p = drgn.Program()
        p.set_core_dump(core)
        if workaround:
            phys_base = 0
            for line in elf_vmcoreinfo(core).splitlines():
                if line.startswith("NUMBER(phys_base)="):
                    phys_base = int(line.split("=", 1)[1], 0)
            start_kernel_map = 0xFFFFFFFF80000000
            p.add_memory_segment(start_kernel_map, 1 << 30,
                                 lambda addr, count, off, phys: p.read(off + phys_base, count, True))
        p.load_debug_info([vmlinux])
        p["init_uts_ns"].name.release.string_()
        return p

    try:
        return open_prog(False), "plain"
    except drgn.FaultError as e:
        if "recursive address translation" not in str(e):
            raise
        return open_prog(True), "kernel-map-workaround"


def drgn_check(core, vmlinux):
    p, mode = drgn_open(core, vmlinux)
    print(p["init_uts_ns"].name.release.string_().decode(), mode)


def page_offset(core, vmlinux):
    p, _ = drgn_open(core, vmlinux)
    print(hex(p["page_offset_base"].value_()))


def crosscheck(core, vmlinux, gt_path):
    """Compare groundtruth.json with the dump's struct pages (drgn): for
    every present page of a map record whose pfn is in pmem, page->mapping
    (->host->i_ino) and page->index must name the file and offset. On 6.15+
    a PMD entry is one order-9 folio: tails are checked through the head
    (head index + offset). Shared (reflink) pages and the leak's rewritten
    index are counted separately, so are pages with mapping NULL or the
    shared marker (reflink; or the leak's file, disassociated at eviction).
    Prints a summary; exit 1 on mismatches (on 6.1 xfs the read-fault
    overwrite bug on reflinked files shows up here, as expected)."""
    p, _ = drgn_open(core, vmlinux)
    from drgn import Object
    from drgn.helpers.linux.mm import pfn_to_page
    page_t = p.type("struct page")
    names = set()

    def collect(t):
        for m in t.members:
            if m.name:
                names.add(m.name)
            elif m.type.unqualified().kind.name in ("STRUCT", "UNION"):
                collect(m.type.unqualified())
    collect(page_t)
    idx_member = "index" if "index" in names else "__folio_index"
    head_member = "compound_info" if "compound_info" in names else "compound_head"
    page_size = page_t.size
    with open(gt_path) as f:
        recs = json.load(f)["records"]
    meta = next(r for r in recs if r["type"] == "meta")
    pm = [(r["first_pfn"], r["first_pfn"] + r["npages"]) for r in meta["pmem"]]
    rewritten = {r["index_rewritten"]["pfn"]: r["index_rewritten"] for r in recs if r["type"] == "leak"}
    stats = {"ok": 0, "no_mapping_or_shared": 0, "index_rewritten_ok": 0, "mismatch": 0, "not_pmem": 0}
    final = {}
    for r in recs:  # last record per mapping name wins (CoW re-reports)
        if r["type"] == "map":
            final[r["name"]] = r
    bad = []
    for r in final.values():
        if r["state"] not in ("mapped", "mapped-deleted", "unmapped"):
            continue
        for run in r["runs"]:
            if run["pfn"] is None:
                continue
            for k in range(run["n"]):
                pfn, idx = run["pfn"] + k, run["index"] + k
                if not any(a <= pfn < b for a, b in pm):
                    stats["not_pmem"] += 1
                    continue
                pg = pfn_to_page(p, pfn)
                mapping, index = pg.mapping.value_(), pg.member_(idx_member).value_()
                info = pg.member_(head_member).value_()
                if info & 1:  # 6.15+ compound (PMD) folio tail: use the head
                    x = info & ~1
                    inv = ~x & 0xFFFFFFFFFFFFFFFF
                    addr = pg.value_()
                    # 7.2+ may store a mask (GENMASK(63, order+shift) | 1)
                    head = addr & x if inv & (inv + 1) == 0 else x
                    hp = Object(p, pg.type_, value=head)
                    off = (addr - head) // page_size
                    mapping = hp.mapping.value_()
                    index = hp.member_(idx_member).value_() + off
                if mapping in (0, 1) or mapping & 3:
                    stats["no_mapping_or_shared"] += 1
                    continue
                ino = Object(p, "struct address_space", address=mapping).host.i_ino.value_()
                if pfn in rewritten and index == rewritten[pfn]["new_index"]:
                    stats["index_rewritten_ok"] += 1
                elif ino == r["ino"] and index == idx:
                    stats["ok"] += 1
                else:
                    stats["mismatch"] += 1
                    bad.append((r["name"], idx, pfn, ino, index))
    print(json.dumps(stats))
    for b in bad[:20]:
        print("mismatch name=%s index=%d pfn=%d page ino=%d index=%d" % b)
    if bad:
        sys.exit(1)


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


def send(sock_path, text):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(30)
    s.connect(sock_path)
    s.sendall(text.encode() + b"\n")
    s.close()


def output(log):
    """What a capture command printed, minus makedumpfile's progress lines
    ("Copying data : [ 45.2 %]" rewritten with carriage returns)."""
    try:
        with open(log, errors="replace") as f:
            text = f.read()
    except OSError:
        return None
    keep = [seg.strip() for line in text.split("\n") for seg in line.split("\r")[-1:]
            if seg.strip() and "%]" not in seg]
    return "\n".join(keep)


def captures(path, specs):
    """captures.txt of the capture kernel (NAME RC SECONDS BYTES) and the
    mkdump specs (NAME -C -d N, or elf) -> the meta.json list."""
    opts = {}
    for sp in specs:
        w = sp.split()
        opts["kdump.elf" if w[0] == "elf" else w[0]] = w[1:]
    out = []
    with open(path) as f:
        for line in f:
            name, rc, secs, size = line.split()
            o = opts.get(name)
            if o is None:
                raise SystemExit(f"{path}: capture {name} was not asked for")
            out.append({
                "file": name,
                "command": (f"makedumpfile {' '.join(o)} /proc/vmcore {name}" if o
                            else f"cp /proc/vmcore {name}"),
                "format": "kdump-compressed" if o else "elf",
                "compression": {"-c": "zlib", "-l": "lzo", "-p": "snappy", "-z": "zstd"}.get(o[0]) if o else None,
                "dump_level": int(o[-1]) if o else None,
                "rc": int(rc), "seconds": float(secs), "bytes": int(size),
                "output": output(os.path.join(os.path.dirname(path), name + ".log"))})
    print(json.dumps(out))


def panic(console):
    """The first kernel's panic on the console of a kdump run: the last
    "Kernel panic - not syncing" line before the capture kernel started, the
    "CPU: N [UID: U ]PID: P Comm: X" line of its stack dump, and the last
    "WARNING: CPU: N PID: P at FILE:LINE FUNC+" before it (or null)."""
    import re
    lines = []
    with open(console, "rb") as f:
        for raw in f:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if "DAXLAB-CAPTURE-INIT" in line:
                break
            lines.append(re.sub(r"^\[ *\d+\.\d+\] ", "", line))
    at = [i for i, l in enumerate(lines) if l.startswith("Kernel panic - not syncing: ")]
    if not at:
        raise SystemExit(f"{console}: no 'Kernel panic - not syncing' line before the capture kernel")
    i = at[-1]
    cpu_re = re.compile(r"^CPU: (\d+) (?:UID: \d+ )?PID: (\d+) Comm: (\S+)(?: Kdump: \S+)? (Not tainted|Tainted:[A-Z ]+?)\s+\d")
    task = next((m for l in lines[i:i + 8] for m in [cpu_re.match(l)] if m), None)
    if task is None:
        task = next((m for l in reversed(lines[:i]) for m in [cpu_re.match(l)] if m), None)
    warn = None
    wre = re.compile(r"^WARNING: CPU: (\d+) PID: (\d+) at (\S+):(\d+) ([A-Za-z0-9_.]+)\+")
    for l in lines[:i]:
        m = wre.match(l)
        if m:
            warn = {"line": l, "cpu": int(m.group(1)), "pid": int(m.group(2)),
                    "file": m.group(3), "lineno": int(m.group(4)), "function": m.group(5)}
    print(json.dumps({
        "message": lines[i][len("Kernel panic - not syncing: "):].strip(),
        "line": lines[i],
        "cpu": int(task.group(1)) if task else None,
        "pid": int(task.group(2)) if task else None,
        "comm": task.group(3) if task else None,
        "taint": " ".join(task.group(4).split()) if task else None,
        "warning": warn}))


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
        zero = [tuple(int(x, 0) for x in r.split("-")) for r in a[4:]]
        fix_elf(a[1], a[2], a[3], zero)
    elif a[0] == "pmemranges":
        with open(a[1]) as f:
            recs = json.load(f)["records"]
        for r in recs:
            if r["type"] == "meta":
                for m in r["pmem"]:
                    print("%s-0x%x" % (m["start"], int(m["end"], 16) + 1))
    elif a[0] == "vmcoreinfo":
        print(elf_vmcoreinfo(a[1]), end="")
    elif a[0] == "crosscheck":
        crosscheck(a[1], a[2], a[3])
    elif a[0] == "pageoffset":
        page_offset(a[1], a[2])
    elif a[0] == "drgncheck":
        drgn_check(a[1], a[2])
    elif a[0] == "meta":
        meta(a[1], a[2:])
    elif a[0] == "send":
        send(a[1], a[2])
    elif a[0] == "captures":
        captures(a[1], a[2:])
    elif a[0] == "panic":
        panic(a[1])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
