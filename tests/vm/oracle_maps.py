"""User mappings of DAX pages for the drgn oracle (tests/vm/oracle.py).

Written from the kernel sources (docs/kernel-facts.md#user-mappings), not
from daxinspect's C code: for each DAX inode's address_space, the i_mmap
interval tree (rb_root_cached of vm_area_struct linked by shared.rb), each
VMA's vm_mm, the mm's thread-group leader (init_task.tasks), and the mm's
x86-64 or arm64 page tables over the VMA's range. One row per present PTE,
PMD or PUD leaf.
"""
import struct

import drgn

PAGE_PRESENT = 1 << 0
PAGE_RW = 1 << 1
PAGE_PSE = 1 << 7
PAGE_PROTNONE = 1 << 8  # _PAGE_BIT_GLOBAL reused
PHYS_MASK = ((1 << 52) - 1) & ~0xFFF
VM_WRITE, VM_SHARED, VM_SYNC = 0x2, 0x8, 0x00800000
MAX_VMAS = 1 << 16
MAX_TASKS = 1 << 17


def _member_off(typ, *names):
    for n in names:
        try:
            return drgn.offsetof(typ, n)
        except (LookupError, ValueError):
            continue
    raise RuntimeError(f"{typ.type_name()} has none of {names}")


class MapLayout:
    def __init__(self, prog):
        t = prog.type
        asp = t("struct address_space")
        self.as_i_mmap = drgn.offsetof(asp, "i_mmap")  # rb_root_cached.rb_root first
        rb = t("struct rb_node")
        self.rb_right = drgn.offsetof(rb, "rb_right")
        self.rb_left = drgn.offsetof(rb, "rb_left")
        vma = t("struct vm_area_struct")
        self.vm_start = drgn.offsetof(vma, "vm_start")
        self.vm_end = drgn.offsetof(vma, "vm_end")
        self.vm_mm = drgn.offsetof(vma, "vm_mm")
        self.vm_flags = _member_off(vma, "vm_flags", "__vm_flags")
        self.vm_pgoff = drgn.offsetof(vma, "vm_pgoff")
        self.vm_shared_rb = drgn.offsetof(vma, "shared.rb")
        mm = t("struct mm_struct")
        self.mm_pgd = drgn.offsetof(mm, "pgd")
        ts = t("struct task_struct")
        self.ts_tasks = drgn.offsetof(ts, "tasks")
        self.ts_mm = drgn.offsetof(ts, "mm")
        self.ts_pid = drgn.offsetof(ts, "pid")
        self.ts_tgid = drgn.offsetof(ts, "tgid")
        self.ts_comm = drgn.offsetof(ts, "comm")
        self.comm_len = ts.member("comm").type.length


def _l5_enabled(prog, vmcoreinfo):
    for line in (vmcoreinfo or "").splitlines():
        if line.startswith("NUMBER(pgtable_l5_enabled)="):
            return int(line.split("=", 1)[1]) != 0
    try:
        return int(prog["__pgtable_l5_enabled"].value_()) != 0
    except (KeyError, LookupError):
        return False


def rb_inorder(mem, root, errors, what, limit=MAX_VMAS):
    """rb_node addresses of a tree, in order; stops at a cycle or the limit."""
    out, seen, stack = [], set(), []
    node = mem.u64(root)
    while stack or node:
        while node:
            if node in seen or len(seen) >= limit:
                errors.append(f"{what}: rb-tree cycle or over {limit} nodes at {node:#x}")
                return out
            seen.add(node)
            stack.append(node)
            node = mem.u64(node + mem.L_rb_left)
        node = stack.pop()
        out.append(node)
        node = mem.u64(node + mem.L_rb_right)
    return out


class PageTables:
    """Leaves of one mm's page tables over [start, end)."""

    def __init__(self, prog, page_offset_base, l5):
        self.prog = prog
        self.pob = page_offset_base
        self.shifts = [48, 39, 30, 21, 12] if l5 else [39, 30, 21, 12]
        self.cache = {}

    def table(self, phys):
        t = self.cache.get(phys)
        if t is None:
            t = struct.unpack("<512Q", self.prog.read(phys, 4096, True))
            self.cache[phys] = t
        return t

    def leaves(self, pgd_va, start, end, errors, what):
        out = []
        try:
            root = pgd_va - self.pob
            self._walk(root, 0, start, end, out)
        except drgn.FaultError as e:
            errors.append(f"{what}: page table unreadable: {e}")
        return out

    def _walk(self, phys, depth, start, end, out):
        shift = self.shifts[depth]
        tab = self.table(phys)
        size = 1 << shift
        va = start
        while va < end:
            i = (va >> shift) & 511
            base = va & ~(size - 1)
            e = tab[i]
            nxt = min(end, base + size)
            last = depth == len(self.shifts) - 1
            if shift == 12:
                present = e & (PAGE_PRESENT | PAGE_PROTNONE)
            elif shift == 21:
                present = e & (PAGE_PRESENT | PAGE_PROTNONE | PAGE_PSE)
            else:
                present = e & PAGE_PRESENT
            if present:
                leaf = last or (shift in (21, 30) and e & PAGE_PSE)
                if leaf:
                    v = e ^ ((1 << 64) - 1) if not (e & PAGE_PRESENT) else e
                    pfn = (v & PHYS_MASK & ~(size - 1)) >> 12
                    level = {12: "pte", 21: "pmd", 30: "pud"}[shift]
                    out.append((base, pfn, level, size >> 12, e))
                else:
                    self._walk(e & PHYS_MASK, depth + 1, va, nxt, out)
            va = nxt


# arm64 (arch/arm64/include/asm/pgtable-hwdef.h, pgtable-prot.h, pgtable.h,
# linux-source-6.12; docs/kernel-facts.md#arm64-user-mappings)
A64_VALID = 1 << 0              # PTE_VALID
A64_TABLE = 3                   # PMD_TYPE_TABLE; PTE_TYPE_PAGE at the last level
A64_BLOCK = 1                   # PMD_TYPE_SECT / PUD_TYPE_SECT
A64_NG = 1 << 11                # PTE_NG: PTE_PRESENT_INVALID when !PTE_VALID (PROT_NONE)
A64_WRITE = 1 << 51             # PTE_WRITE == PTE_DBM
A64_OA = ((1 << 48) - 1) & ~0xFFF  # output address bits 47:12 (no LPA2)


class Arm64PageTables(PageTables):
    """The walk the MMU does from TTBR0 = __pa(mm->pgd) with a 48-bit user
    VA (T0SZ 16): 4 levels of 512 entries. mm->pgd is a linear-map address:
    __pa(va) = va - PAGE_OFFSET + PHYS_OFFSET (memory.h __lm_to_phys)."""

    def __init__(self, prog, page_offset_base, phys_offset):
        self.prog = prog
        self.pob = page_offset_base
        self.phys_offset = phys_offset
        self.shifts = [39, 30, 21, 12]
        self.cache = {}

    def leaves(self, pgd_va, start, end, errors, what):
        out = []
        try:
            root = (pgd_va - self.pob + self.phys_offset) & ((1 << 64) - 1)
            self._walk(root, 0, start, end, out)
        except drgn.FaultError as e:
            errors.append(f"{what}: page table unreadable: {e}")
        return out

    def _walk(self, phys, depth, start, end, out):
        shift = self.shifts[depth]
        tab = self.table(phys)
        size = 1 << shift
        va = start
        while va < end:
            i = (va >> shift) & 511
            base = va & ~(size - 1)
            e = tab[i]
            nxt = min(end, base + size)
            last = shift == 12
            if e & A64_VALID:
                kind = e & 3
                if last and kind == A64_TABLE or shift in (21, 30) and kind == A64_BLOCK:
                    out.append((base, (e & A64_OA & ~(size - 1)) >> 12,
                                {12: "pte", 21: "pmd", 30: "pud"}[shift], size >> 12, e))
                elif not last and kind == A64_TABLE:
                    self._walk(e & A64_OA, depth + 1, va, nxt, out)
            elif e & A64_NG and shift in (12, 21, 30):
                # present but PROT_NONE (pte_present_invalid)
                out.append((base, (e & A64_OA & ~(size - 1)) >> 12,
                            {12: "pte", 21: "pmd", 30: "pud"}[shift], size >> 12, e))
            va = nxt


def _vmcoreinfo_number(vmcoreinfo, key):
    for line in (vmcoreinfo or "").splitlines():
        if line.startswith(key + "="):
            return int(line.split("=", 1)[1], 0)
    return None


def dax_user_mappings(prog, mem, L, dax_inodes, page_offset_base, vmcoreinfo, errors,
                      arch="x86_64"):
    """dax_inodes: [(inode_addr, mapping_addr, dev, ino, path)] -> rows."""
    M = MapLayout(prog)
    mem.L_rb_left, mem.L_rb_right = M.rb_left, M.rb_right
    # mm -> thread-group leader (init_task.tasks holds leaders only)
    owners = {}
    head = prog["init_task"].address_ + M.ts_tasks
    p, n = mem.u64(head), 0
    while p != head and p and n < MAX_TASKS:
        ts = p - M.ts_tasks
        try:
            mm = mem.u64(ts + M.ts_mm)
            pid = mem.s32(ts + M.ts_pid)
            if mm and (mm not in owners or pid < owners[mm][0]):
                owners[mm] = (pid, mem.cstr(ts + M.ts_comm, M.comm_len))
            p = mem.u64(p)
        except drgn.FaultError as e:
            errors.append(f"init_task.tasks: walk stopped at {p:#x}: {e}")
            break
        n += 1
    pts = {}
    if arch == "aarch64":
        t1sz = _vmcoreinfo_number(vmcoreinfo, "NUMBER(TCR_EL1_T1SZ)")
        if t1sz is not None and 64 - t1sz != 48:
            raise SystemExit(f"oracle: arm64 with a {64 - t1sz}-bit VA: the user page-table "
                             "walk reads 48-bit VA (4 levels) only")
        phys_offset = _vmcoreinfo_number(vmcoreinfo, "NUMBER(PHYS_OFFSET)")
        if phys_offset is None:
            raise SystemExit("oracle: arm64 dump without NUMBER(PHYS_OFFSET) in VMCOREINFO")

        def new_pt():
            return Arm64PageTables(prog, page_offset_base, phys_offset)
    else:
        l5 = _l5_enabled(prog, vmcoreinfo)

        def new_pt():
            return PageTables(prog, page_offset_base, l5)
    rows = []
    for inode, mapping, dev, ino, path in dax_inodes:
        what = f"i_mmap of inode {dev}:{ino}"
        try:
            nodes = rb_inorder(mem, mapping + M.as_i_mmap, errors, what)
        except drgn.FaultError as e:
            errors.append(f"{what}: unreadable: {e}")
            continue
        for node in nodes:
            vma = node - M.vm_shared_rb
            try:
                start, end = mem.u64(vma + M.vm_start), mem.u64(vma + M.vm_end)
                mm, flags = mem.u64(vma + M.vm_mm), mem.u64(vma + M.vm_flags)
                pgoff = mem.u64(vma + M.vm_pgoff)
                pgd = mem.u64(mm + M.mm_pgd)
            except drgn.FaultError as e:
                errors.append(f"{what}: vma {vma:#x} unreadable: {e}")
                continue
            pid, comm = owners.get(mm, (None, None))
            pt = pts.get(mm) or pts.setdefault(mm, new_pt())
            for va, pfn, level, pages, e in pt.leaves(pgd, start, end, errors,
                                                      f"{what}: mm {mm:#x}"):
                rows.append({
                    "pid": pid, "comm": comm, "vaddr": va, "pfn": pfn,
                    "level": level, "pages": pages, "dev": dev, "ino": ino,
                    "path": path, "pgoff": pgoff + ((va - start) >> 12),
                    "vm_flags": flags,
                    "flags": [f for f, b in (("shared", VM_SHARED), ("write", VM_WRITE),
                                             ("map_sync", VM_SYNC)) if flags & b],
                    "pte_write": bool(e & (A64_WRITE if arch == "aarch64" else PAGE_RW)),
                })
    rows.sort(key=lambda r: (r["pid"] if r["pid"] is not None else -1, r["vaddr"]))
    return rows
