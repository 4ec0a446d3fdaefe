// SPDX-License-Identifier: MIT
/*
 * Unit tests: reading one entry and one page-table leaf again, as
 * stale-pte does on a live kernel (kern/dax.c dxi_dax_reload_entry(),
 * kern/rmap.c dxi_rmap_leaf_at()), on a synthetic target: physical page
 * tables, an address_space whose xarray holds one entry in xa_head.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/dump/synth.h"
#include "../../src/kern/dax.h"
#include "../../src/kern/rmap.h"

#define PAGE_OFFSET 0xffff888000000000ULL
#define MAPPING 0xffff888000100000ULL	/* struct address_space */
#define MM 0xffff888000200000ULL	/* struct mm_struct */
#define PGD 0x10000ULL			/* physical: pgd, pud, pmd, pte */
#define VA 0x7f0000001000ULL

static const char vmci[] =
	"OSRELEASE=6.12.0\nPAGESIZE=4096\nSYMBOL(init_top_pgt)=ffffffff82a10000\n"
	"NUMBER(phys_base)=0\nNUMBER(pgtable_l5_enabled)=0\n";

static void put64(struct dxi_target *t, enum dxi_addrspace as, uint64_t a,
		  uint64_t v)
{
	assert_null(dxi_synth_add(t, as, a, &v, 8));
}

/* A kernel whose i_pages is at +16 of the address_space (xa_head at +8
 * of the xarray) and whose mm->pgd is at +0x50. */
static void make_kernel(struct dxi_kernel *k)
{
	static uint64_t tab[4][512];

	memset(k, 0, sizeof(*k));
	k->page_offset_base = PAGE_OFFSET;
	k->layout.fs.as_i_pages = (struct dxi_field){ true, 16, 16 };
	k->layout.xa.xa_head = (struct dxi_field){ true, 8, 8 };
	k->layout.xa.node_size = 576;
	k->layout.xa_chunk_size = 64;
	k->layout.rmap.ok = true;
	k->layout.rmap.mm_pgd = (struct dxi_field){ true, 0x50, 8 };
	assert_null(dxi_synth_open(vmci, true, &k->target));
	/* pgd -> pud -> pmd -> pte (_PAGE_TABLE 0x67) to VA's PTE:
	 * present, RW, user, accessed (0x27). Each table is one range: a
	 * later range over an earlier one would not be read. */
	memset(tab, 0, sizeof(tab));
	tab[0][(VA >> 39) & 511] = (PGD + 0x1000) | 0x67;
	tab[1][(VA >> 30) & 511] = (PGD + 0x2000) | 0x67;
	tab[2][(VA >> 21) & 511] = (PGD + 0x3000) | 0x67;
	tab[3][(VA >> 12) & 511] = (0x40011ULL << 12) | 0x27;
	for (int i = 0; i < 4; i++)
		assert_null(dxi_synth_add(k->target, DXI_PHYS, PGD + i * 4096ULL,
					  tab[i], sizeof(tab[i])));
	put64(k->target, DXI_KVIRT, MM + 0x50, PAGE_OFFSET + PGD);
}

static void test_reload_entry(void **state)
{
	struct dxi_inode ino = { .mapping = MAPPING };
	struct dxi_kernel k;
	struct dxi_entry e;
	bool found = true;

	(void)state;
	make_kernel(&k);
	/* xa_head holds a lone value entry (index 0): pfn 0x40011, DAX's
	 * (pfn << 5) | 1 (docs/kernel-facts.md#dax-entry-encoding). */
	put64(k.target, DXI_KVIRT, MAPPING + 16 + 8, (0x40011ULL << 5) | 1);
	assert_null(dxi_dax_reload_entry(&k, &ino, 0, &e, &found));
	assert_true(found);
	assert_int_equal(e.kind, DXI_ENTRY_PFN);
	assert_int_equal(e.pfn, 0x40011);
	assert_int_equal(e.index, 0);
	assert_null(dxi_dax_reload_entry(&k, &ino, 1, &e, &found));
	assert_false(found);
	/* An empty xarray (another address_space). */
	ino.mapping = MAPPING + 0x1000;
	put64(k.target, DXI_KVIRT, ino.mapping + 16 + 8, 0);
	assert_null(dxi_dax_reload_entry(&k, &ino, 0, &e, &found));
	assert_false(found);
	dxi_target_close(k.target);
}

static void test_leaf_at(void **state)
{
	struct dxi_kernel k;
	struct dxi_pt_leaf l;
	bool found = false;

	(void)state;
	make_kernel(&k);
	assert_null(dxi_rmap_leaf_at(&k, MM, VA + 0x123, &l, &found));
	assert_true(found);
	assert_int_equal(l.pfn, 0x40011);
	assert_int_equal(l.vaddr, VA);
	assert_int_equal(l.level, DXI_PT_PTE);
	assert_true(l.write);
	/* The next page has no PTE. */
	assert_null(dxi_rmap_leaf_at(&k, MM, VA + 0x1000, &l, &found));
	assert_false(found);
	/* An mm whose pgd is no table in the dump: not found, no crash. */
	put64(k.target, DXI_KVIRT, MM + 0x1000 + 0x50, PAGE_OFFSET + 0x900000);
	assert_null(dxi_rmap_leaf_at(&k, MM + 0x1000, VA, &l, &found));
	assert_false(found);
	dxi_target_close(k.target);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reload_entry),
		cmocka_unit_test(test_leaf_at),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
