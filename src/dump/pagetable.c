// SPDX-License-Identifier: MIT
/*
 * User page-table leaves (pagetable.h). The same entry format as the
 * kernel translation in x86_64.c, read a whole 4 KiB table at a time.
 * See docs/kernel-facts.md#user-page-tables.
 */
#include "pagetable.h"

#include <stdio.h>
#include <string.h>

#define ADDR_MASK 0x000ffffffffff000ULL

const char *dxi_pt_level_name(enum dxi_pt_level l)
{
	switch (l) {
	case DXI_PT_PTE: return "pte";
	case DXI_PT_PMD: return "pmd";
	case DXI_PT_PUD: return "pud";
	}
	return "?";
}

/* pte_present(): PRESENT|PROTNONE; pmd_present(): also PSE (a huge PMD
 * being split); pud/p4d/pgd: PRESENT (arch/x86/include/asm/pgtable.h). */
static bool present(uint64_t e, int level)
{
	if (level == 1)
		return e & (DXI_PTE_PRESENT | DXI_PTE_PROTNONE);
	if (level == 2)
		return e & (DXI_PTE_PRESENT | DXI_PTE_PROTNONE | DXI_PTE_PSE);
	return e & DXI_PTE_PRESENT;
}

struct walk {
	struct dxi_target *t;
	dxi_pt_leaf_fn fn;
	void *ctx;
	struct dxi_pt_stats *st;
};

static struct dxi_error *leaf(struct walk *w, uint64_t e, uint64_t va,
			      int level)
{
	uint64_t size = 1ULL << (12 + 9 * (level - 1));
	struct dxi_pt_leaf l = { .vaddr = va, .entry = e,
				 .level = (enum dxi_pt_level)level };
	uint64_t v = e & ~w->t->sme_mask;

	/* L1TF: a non-present (PROT_NONE) entry holds the inverted pfn
	 * (arch/x86/include/asm/pgtable-invert.h protnone_mask()). */
	if (!(e & DXI_PTE_PRESENT))
		v = ~v;
	l.pfn = (v & ADDR_MASK & ~(size - 1)) >> 12;
	l.pages = size >> 12;
	l.write = e & DXI_PTE_RW;
	return w->fn(w->ctx, &l);
}

static struct dxi_error *walk_table(struct walk *w, uint64_t phys, int level,
				    uint64_t start, uint64_t end)
{
	int shift = 12 + 9 * (level - 1);
	uint64_t size = 1ULL << shift, tab[512], va;
	struct dxi_error *err;

	err = dxi_target_read_phys(w->t, phys, tab, sizeof(tab));
	if (err) {
		if (!w->st->unreadable++) {
			w->st->first_bad = phys;
			snprintf(w->st->why, sizeof(w->st->why), "%s",
				 err->msg);
		}
		dxi_error_free(err);
		return NULL;
	}
	w->st->tables++;
	for (va = start; va < end;) {
		uint64_t base = va & ~(size - 1);
		uint64_t next = base + size < end && base + size > base ?
					base + size : end;
		uint64_t e = tab[(va >> shift) & 511];

		if (present(e, level)) {
			if (level == 1 || ((level == 2 || level == 3) &&
					   (e & DXI_PTE_PSE)))
				err = leaf(w, e, base, level);
			else
				err = walk_table(w, e & ~w->t->sme_mask & ADDR_MASK,
						 level - 1, va, next);
			if (err)
				return err;
		}
		va = next;
	}
	return NULL;
}

/*
 * arm64, 4 KiB granule, 48-bit VA: what the MMU walks from TTBR0 =
 * __pa(mm->pgd), 4 levels of 512 entries (arch/arm64/include/asm/
 * pgtable-hwdef.h, pgtable-prot.h, pgtable.h in 6.12;
 * docs/kernel-facts.md#arm64-user-page-tables). Bits 1:0 of a valid
 * descriptor: 0b11 a table (a page at the last level), 0b01 a block (2
 * MiB at level 2, 1 GiB at level 1). pte_present() also takes PTE_NG
 * without PTE_VALID (PTE_PRESENT_INVALID: PROT_NONE). Output address bits
 * 47:12 (no LPA2 at 48 bits: bits 9:8 are shareability).
 */
#define A64_VALID 0x1ULL
#define A64_TABLE 0x3ULL
#define A64_BLOCK 0x1ULL
#define A64_NG (1ULL << 11)
#define A64_WRITE (1ULL << 51)	/* PTE_WRITE == PTE_DBM */
#define A64_OA 0x0000fffffffff000ULL

static struct dxi_error *leaf_a64(struct walk *w, uint64_t e, uint64_t va,
				  int level)
{
	uint64_t size = 1ULL << (12 + 9 * (level - 1));
	struct dxi_pt_leaf l = { .vaddr = va, .entry = e,
				 .level = (enum dxi_pt_level)level,
				 .pfn = (e & A64_OA & ~(size - 1)) >> 12,
				 .pages = size >> 12,
				 .write = e & A64_WRITE };

	return w->fn(w->ctx, &l);
}

static struct dxi_error *walk_table_a64(struct walk *w, uint64_t phys,
					int level, uint64_t start, uint64_t end)
{
	int shift = 12 + 9 * (level - 1);
	uint64_t size = 1ULL << shift, tab[512], va;
	struct dxi_error *err;

	err = dxi_target_read_phys(w->t, phys, tab, sizeof(tab));
	if (err) {
		if (!w->st->unreadable++) {
			w->st->first_bad = phys;
			snprintf(w->st->why, sizeof(w->st->why), "%s",
				 err->msg);
		}
		dxi_error_free(err);
		return NULL;
	}
	w->st->tables++;
	for (va = start; va < end;) {
		uint64_t base = va & ~(size - 1);
		uint64_t next = base + size < end && base + size > base ?
					base + size : end;
		uint64_t e = tab[(va >> shift) & 511];
		uint64_t kind = e & 3;

		err = NULL;
		if (e & A64_VALID) {
			if ((level == 1 && kind == A64_TABLE) ||
			    ((level == 2 || level == 3) && kind == A64_BLOCK))
				err = leaf_a64(w, e, base, level);
			else if (level > 1 && kind == A64_TABLE)
				err = walk_table_a64(w, e & A64_OA, level - 1,
						     va, next);
		} else if ((e & A64_NG) && level <= 3) {
			err = leaf_a64(w, e, base, level);
		}
		if (err)
			return err;
		va = next;
	}
	return NULL;
}

struct dxi_error *dxi_pt_walk(struct dxi_target *t, uint64_t root_phys,
			      uint64_t start, uint64_t end, dxi_pt_leaf_fn fn,
			      void *ctx, struct dxi_pt_stats *st)
{
	struct walk w = { t, fn, ctx, st };
	int levels = t->pt_levels == 5 ? 5 : 4;
	uint64_t top = 1ULL << (12 + 9 * levels - 1); /* user half */

	memset(st, 0, sizeof(*st));
	if (t->arch == &dxi_arch_aarch64) {
		/* The user VA is 48 bits (TTBR0, T0SZ 16) whenever the
		 * kernel's is (a 52-bit VA needs FEAT_LPA2 and a 5th level). */
		if (t->va_bits != 48)
			return dxi_error_new(DXI_ERR_FORMAT,
					     "arm64 user page tables with a %d-bit VA: daxinspect walks 48-bit VA (4-level) arm64 user page tables only",
					     t->va_bits);
		top = 1ULL << 48;
		if (end > top)
			end = top;
		if (start >= end)
			return NULL;
		return walk_table_a64(&w, root_phys & A64_OA, 4, start, end);
	}
	if (end > top)
		end = top;
	if (start >= end)
		return NULL;
	return walk_table(&w, root_phys & ADDR_MASK, levels, start, end);
}
