// SPDX-License-Identifier: MIT
/*
 * arm64 (AArch64) with 4 KiB pages: what VMCOREINFO says and the
 * page-table walk of the kernel's half (TTBR1, swapper_pg_dir), after
 * drgn's libdrgn/arch_aarch64.c. Every fact, with its kernel source:
 * docs/kernel-facts.md#arm64-addresses.
 *
 * 48-bit VA: 4 levels (L0-L3), output address in descriptor bits 47:12.
 * 52-bit VA with FEAT_LPA2: 5 levels (L-1 of 16 entries, then L0-L3),
 * output address bits 49:12 in place and bits 51:50 in descriptor bits
 * 9:8. Bits 1:0: 0b11 a table (a page at L3), 0b01 a block (L1: 1 GiB,
 * L2: 2 MiB), bit 0 clear invalid.
 */
#include <elf.h>

#include "target.h"

#define DESC_VALID 0x1ULL
#define DESC_TYPE_MASK 0x3ULL
#define DESC_TABLE 0x3ULL /* a page at the last level */
#define DESC_BLOCK 0x1ULL
#define OA_48 0x0000fffffffff000ULL	/* bits 47:12 */
#define OA_LPA2_LOW 0x0003fffffffff000ULL	/* bits 49:12 (PTE_ADDR_LOW) */
#define OA_LPA2_HIGH_SHIFT 42	/* bits 9:8 -> 51:50 (PTE_ADDR_HIGH_SHIFT) */

/* -(1 << va): arch/arm64/include/asm/memory.h _PAGE_OFFSET(), _PAGE_END(). */
static uint64_t neg_pow2(unsigned bits)
{
	return (uint64_t)0 - ((uint64_t)1 << bits);
}

/* A key an arm64 kernel always writes (arch_crash_save_vmcoreinfo()). */
static struct dxi_error *need(const struct dxi_target *t, const char *key,
			      int base, uint64_t *out)
{
	if (dxi_vmcoreinfo_number(t->vmcoreinfo_raw, key, base, out))
		return NULL;
	return dxi_error_new(DXI_ERR_FORMAT,
			     "its arm64 VMCOREINFO has no readable %s line (arm64 kernels write it from 6.0 on, arch/arm64/kernel/vmcore_info.c); daxinspect cannot place the kernel's memory without it",
			     key);
}

/* The VA size the walk uses: 64 - TCR_EL1.T1SZ (5.9+) when present, as
 * a 52-bit kernel falls back to 48 bits without FEAT_LPA2; else VA_BITS. */
static struct dxi_error *va_sizes(struct dxi_target *t, uint64_t *config)
{
	uint64_t t1sz = 0;
	struct dxi_error *err = need(t, "NUMBER(VA_BITS)", 10, config);

	if (err)
		return err;
	t->va_bits = (int)*config;
	if (dxi_vmcoreinfo_number(t->vmcoreinfo_raw, "NUMBER(TCR_EL1_T1SZ)", 16,
				  &t1sz) && t1sz && t1sz < 64)
		t->va_bits = 64 - (int)t1sz;
	if ((*config != 48 && *config != 52) ||
	    (t->va_bits != 48 && t->va_bits != 52) ||
	    (uint64_t)t->va_bits > *config)
		return dxi_error_new(DXI_ERR_FORMAT,
				     "arm64 kernel with VA_BITS=%llu and a %d-bit kernel VA%s is not supported: daxinspect reads 48-bit and 52-bit VA arm64 dumps with 4 KiB pages",
				     (unsigned long long)*config, t->va_bits,
				     t1sz ? " (64 - TCR_EL1.T1SZ)" : "");
	return NULL;
}

/*
 * The direct (linear) map: __lm_to_phys(va) = va - PAGE_OFFSET +
 * PHYS_OFFSET for PAGE_OFFSET <= va < PAGE_END, PAGE_OFFSET from the
 * configured VA_BITS and PAGE_END = _PAGE_END(VA_BITS_MIN). A 52-bit
 * kernel on 48-bit hardware lowers PHYS_OFFSET instead (mm/init.c
 * arm64_memblock_init()), and only the top 2^47 bytes are mapped.
 */
static void linear_map(struct dxi_target *t, uint64_t config_bits,
		       uint64_t phys_offset)
{
	uint64_t page_offset = neg_pow2((unsigned)config_bits);
	uint64_t page_end = neg_pow2((config_bits > 48 ? 48 : (unsigned)config_bits) - 1);
	uint64_t start = neg_pow2((unsigned)t->va_bits);

	if (start < page_offset)
		start = page_offset;
	t->direct = (struct dxi_tlb){ start, start - page_offset + phys_offset,
				      page_end - start };
	t->place.page_offset = page_offset;
}

static struct dxi_error *aarch64_setup(struct dxi_target *t)
{
	uint64_t config_bits, voffset, phys_offset, pgdir, vmemmap;
	struct dxi_error *err;

	if (t->vmci.page_size != 4096)
		return dxi_error_new(DXI_ERR_FORMAT,
				     "arm64 kernel with %llu-byte pages (VMCOREINFO PAGESIZE): daxinspect reads arm64 dumps with 4 KiB pages only, not 16K or 64K granules",
				     (unsigned long long)t->vmci.page_size);
	err = va_sizes(t, &config_bits);
	if (!err)
		err = need(t, "NUMBER(kimage_voffset)", 16, &voffset);
	if (!err)
		err = need(t, "NUMBER(PHYS_OFFSET)", 16, &phys_offset);
	if (!err)
		err = need(t, "SYMBOL(swapper_pg_dir)", 16, &pgdir);
	if (!err)
		err = need(t, "NUMBER(VMEMMAP_START)", 16, &vmemmap);
	if (err)
		return err;
	t->lpa2 = t->va_bits == 52;
	t->pt_levels = t->lpa2 ? 5 : 4;
	t->max_phys_bits = t->lpa2 ? 52 : 48;
	t->phys_base = phys_offset;
	/* __kimg_to_phys(): the image and swapper_pg_dir in it. */
	t->image_voffset = voffset;
	t->image = (struct dxi_tlb){ 0 }; /* its extent: from _text, _end */
	t->pgd_phys = pgdir - voffset;
	linear_map(t, config_bits, phys_offset);
	/* vmemmap = (struct page *)VMEMMAP_START - (memstart_addr >>
	 * PAGE_SHIFT), memstart_addr signed (asm/pgtable.h). */
	t->place.vmemmap_start = vmemmap;
	t->place.vmemmap_first_pfn = (uint64_t)((int64_t)phys_offset >> 12);
	return NULL;
}

/* A leaf: the page or block of size 1 << shift at output address oa. */
static struct dxi_error *leaf(uint64_t vaddr, uint64_t oa, int shift,
			      uint64_t *paddr, uint64_t *page_size)
{
	uint64_t size = 1ULL << shift;

	*paddr = (oa & ~(size - 1)) | (vaddr & (size - 1));
	*page_size = size;
	return NULL;
}

static struct dxi_error *aarch64_walk(struct dxi_target *t, uint64_t vaddr,
				      uint64_t *paddr, uint64_t *page_size)
{
	uint64_t table = t->pgd_phys, entry = 0;

	if ((vaddr >> t->va_bits) != (UINT64_MAX >> t->va_bits))
		return dxi_error_new(DXI_ERR_ADDR,
				     "cannot translate %#llx: not a kernel address of the %d-bit arm64 VA space",
				     (unsigned long long)vaddr, t->va_bits);
	for (int level = t->pt_levels; level >= 1; level--) {
		int shift = 12 + 9 * (level - 1), arm = 4 - level;
		int bits = level == t->pt_levels ? t->va_bits - shift : 9;
		uint64_t idx = (vaddr >> shift) & ((1ULL << bits) - 1), oa;
		struct dxi_error *err;

		err = dxi_target_read_phys(t, table + idx * 8, &entry,
					   sizeof(entry));
		if (err)
			return dxi_error_wrap(err, "page table of %#llx (level %d)",
					      (unsigned long long)vaddr, arm);
		if (!(entry & DESC_VALID))
			return dxi_error_new(DXI_ERR_ADDR,
					     "kernel address %#llx is not mapped (level %d entry %#llx)",
					     (unsigned long long)vaddr, arm,
					     (unsigned long long)entry);
		oa = t->lpa2 ? (entry & OA_LPA2_LOW) |
				       ((entry & 0x300) << OA_LPA2_HIGH_SHIFT) :
			       entry & OA_48;
		if ((entry & DESC_TYPE_MASK) == DESC_TABLE) {
			if (level == 1)
				return leaf(vaddr, oa, shift, paddr, page_size);
			table = oa;
			continue;
		}
		/* A block: at L1 and L2 only with 4 KiB pages. */
		if (level == 2 || level == 3)
			return leaf(vaddr, oa, shift, paddr, page_size);
		return dxi_error_new(DXI_ERR_ADDR,
				     "kernel address %#llx: level %d entry %#llx is a block or reserved descriptor, which 4 KiB arm64 page tables have only at levels 1 and 2",
				     (unsigned long long)vaddr, arm,
				     (unsigned long long)entry);
	}
	return dxi_error_new(DXI_ERR_INTERNAL, "page-table walk fell through");
}

const struct dxi_arch dxi_arch_aarch64 = {
	.name = "aarch64",
	.e_machine = EM_AARCH64,
	.vmcoreinfo_marker = "NUMBER(kimage_voffset)",
	.setup = aarch64_setup,
	.walk = aarch64_walk,
	.direct_map_span = 0, /* from VMCOREINFO at setup */
};
