// SPDX-License-Identifier: MIT
/*
 * x86-64: what VMCOREINFO says (arch/x86/kernel/machine_kexec_64.c
 * arch_crash_save_vmcoreinfo()) and the page-table walk over physical
 * reads, for backends that only read physical memory. Follows
 * arch/x86/include/asm/pgtable_types.h: present bit 0, PSE bit 7 at PUD
 * (1 GiB) and PMD (2 MiB) level, address bits 12-51, minus the SME
 * encryption bit (VMCOREINFO NUMBER(sme_mask)).
 */
#include <elf.h>

#include "target.h"

#define PTE_PRESENT 0x1ULL
#define PTE_PSE 0x80ULL
#define PTE_ADDR_MASK 0x000ffffffffff000ULL

/* The kernel text mapping (arch/x86/include/asm/page_64_types.h). */
#define START_KERNEL_MAP 0xffffffff80000000ULL
#define KERNEL_IMAGE_SIZE_MAX (1ULL << 30)
/* Defaults without CONFIG_RANDOMIZE_MEMORY (page_64_types.h,
 * pgtable_64_types.h, 4-level paging). */
#define DEFAULT_PAGE_OFFSET 0xffff888000000000ULL
#define DEFAULT_VMEMMAP 0xffffea0000000000ULL

static struct dxi_error *x86_64_setup(struct dxi_target *t)
{
	t->sme_mask = t->vmci.sme_mask;
	t->pt_levels = t->vmci.pgtable_l5 ? 5 : 4;
	/* arch/x86/include/asm/sparsemem.h MAX_PHYSMEM_BITS */
	t->max_phys_bits = t->pt_levels == 5 ? 52 : 46;
	t->pgd_phys = 0;
	if (t->vmci.init_top_pgt >= START_KERNEL_MAP)
		t->pgd_phys = t->vmci.init_top_pgt - START_KERNEL_MAP +
			      t->phys_base;
	t->image_voffset = START_KERNEL_MAP - t->phys_base;
	t->image = (struct dxi_tlb){ START_KERNEL_MAP, t->phys_base,
				     KERNEL_IMAGE_SIZE_MAX };
	t->place = (struct dxi_placement){ DEFAULT_PAGE_OFFSET,
					   DEFAULT_VMEMMAP, 0 };
	return NULL;
}

static struct dxi_error *x86_64_walk(struct dxi_target *t, uint64_t vaddr,
				     uint64_t *paddr, uint64_t *page_size)
{
	uint64_t table, entry = 0;
	int level;

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

			*paddr = base + (vaddr & (size - 1));
			*page_size = size;
			return NULL;
		}
		table = entry & PTE_ADDR_MASK;
	}
	return dxi_error_new(DXI_ERR_INTERNAL, "page-table walk fell through");
}

const struct dxi_arch dxi_arch_x86_64 = {
	.name = "x86_64",
	.e_machine = EM_X86_64,
	.vmcoreinfo_marker = "SYMBOL(init_top_pgt)",
	.setup = x86_64_setup,
	.walk = x86_64_walk,
	/* The direct map spans at most 64 TiB (4-level) / 32 PiB (5-level). */
	.direct_map_span = 1ULL << 46,
};
