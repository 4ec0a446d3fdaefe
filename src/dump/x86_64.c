// SPDX-License-Identifier: MIT
/*
 * x86-64 page-table walk over physical reads, for backends that only read
 * physical memory. Follows arch/x86/include/asm/pgtable_types.h: present
 * bit 0, PSE bit 7 at PUD (1 GiB) and PMD (2 MiB) level, address bits
 * 12-51, minus the SME encryption bit (VMCOREINFO NUMBER(sme_mask)).
 */
#include "target.h"

#define PTE_PRESENT 0x1ULL
#define PTE_PSE 0x80ULL
#define PTE_ADDR_MASK 0x000ffffffffff000ULL

struct dxi_error *dxi_target_translate(struct dxi_target *t, uint64_t vaddr,
				       uint64_t *paddr, uint64_t *page_size)
{
	uint64_t table, entry = 0;
	int level;

	if (t->tlb.size && vaddr - t->tlb.vbase < t->tlb.size) {
		*paddr = t->tlb.pbase + (vaddr - t->tlb.vbase);
		*page_size = t->tlb.size;
		return NULL;
	}
	if (!t->pgd_phys)
		return dxi_error_new(DXI_ERR_ADDR,
				     "cannot translate %#llx: VMCOREINFO has no SYMBOL(init_top_pgt)",
				     (unsigned long long)vaddr);
	table = t->pgd_phys;
	for (level = t->pt_levels; level >= 1; level--) {
		int shift = 12 + 9 * (level - 1);
		uint64_t idx = (vaddr >> shift) & 511;
		struct dxi_error *err;

		err = dxi_target_read_phys(t, table + idx * 8, &entry,
					sizeof(entry));
		if (err)
			return dxi_error_wrap(err,
					      "page table of %#llx (level %d)",
					      (unsigned long long)vaddr, level);
		if (!(entry & PTE_PRESENT))
			return dxi_error_new(DXI_ERR_ADDR,
					     "kernel address %#llx is not mapped (level %d entry %#llx)",
					     (unsigned long long)vaddr, level,
					     (unsigned long long)entry);
		entry &= ~t->sme_mask;
		if (level == 1 || ((level == 2 || level == 3) &&
				   (entry & PTE_PSE))) {
			uint64_t size = 1ULL << shift;
			uint64_t base = entry & PTE_ADDR_MASK & ~(size - 1);

			t->tlb.vbase = vaddr & ~(size - 1);
			t->tlb.pbase = base;
			t->tlb.size = size;
			*paddr = base + (vaddr & (size - 1));
			*page_size = size;
			return NULL;
		}
		table = entry & PTE_ADDR_MASK;
	}
	return dxi_error_new(DXI_ERR_INTERNAL, "page-table walk fell through");
}
