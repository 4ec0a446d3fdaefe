/* SPDX-License-Identifier: MIT */
/*
 * The leaves of a user address space's x86-64 page tables over a range:
 * every present PTE, and every PMD or PUD with PSE (huge mappings), as
 * the kernel's pte_present()/pmd_present()/pud_present() and
 * pte_pfn()/pmd_pfn()/pud_pfn() read them
 * (docs/kernel-facts.md#user-page-tables). 4 or 5 levels, as the target's
 * own translation (t->pt_levels).
 */
#ifndef DXI_DUMP_PAGETABLE_H
#define DXI_DUMP_PAGETABLE_H

#include <stdbool.h>
#include <stdint.h>

#include <daxinspect/model.h>

#include "target.h"

/* enum dxi_pt_level is in the data model (model.h). */

struct dxi_pt_leaf {
	uint64_t vaddr;		/* first address the leaf maps */
	uint64_t pfn;		/* first pfn */
	uint64_t pages;		/* 4 KiB pages: 1, 512 or 262144 */
	uint64_t entry;		/* the raw entry */
	enum dxi_pt_level level;
	bool write;		/* pte_write(): x86 _PAGE_RW, arm64 PTE_WRITE */
};

/* Bits of a leaf entry (arch/x86/include/asm/pgtable_types.h); arm64's
 * in pagetable.c (docs/kernel-facts.md#arm64-user-page-tables). */
#define DXI_PTE_PRESENT 0x1ULL
#define DXI_PTE_RW 0x2ULL
#define DXI_PTE_PSE 0x80ULL
#define DXI_PTE_PROTNONE 0x100ULL	/* _PAGE_BIT_GLOBAL, when not present */

/* What a walk could not read. */
struct dxi_pt_stats {
	uint64_t tables;	/* tables read */
	uint64_t unreadable;	/* tables that could not be read */
	uint64_t first_bad;	/* physical address of the first of them */
	char why[160];		/* its error */
};

/* Called per leaf; an error (out of memory) stops the walk and is
 * returned. */
typedef struct dxi_error *(*dxi_pt_leaf_fn)(void *ctx,
					    const struct dxi_pt_leaf *leaf);

/* Walks the tables rooted at root_phys (the mm's pgd, physical) over
 * [start, end), in the target's architecture's format (x86-64; arm64
 * with a 48-bit VA). Unreadable tables are counted in *st and skipped. */
struct dxi_error *dxi_pt_walk(struct dxi_target *t, uint64_t root_phys,
			      uint64_t start, uint64_t end, dxi_pt_leaf_fn fn,
			      void *ctx, struct dxi_pt_stats *st);

const char *dxi_pt_level_name(enum dxi_pt_level l);

#endif
