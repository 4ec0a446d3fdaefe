// SPDX-License-Identifier: MIT
/* Unit tests: who holds a page (checks/holders.c) -- the pfn index finds
 * exactly the rows a scan finds, in the same order, and the refcount
 * split of docs/kernel-facts.md#pins, with its text line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/checks/holders.h"
#include "../../src/report/holders_out.h"

static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(uint64_t n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state % n;
}

/* Rows of PTE and PMD leaves over a small pfn range, sorted as the rmap
 * walk sorts them; every query's rows through the index equal the
 * scan's, pfn by pfn. */
static void test_index_equals_scan(void **state)
{
	struct dxi_rmap r = { 0 };
	struct dxi_pfn_index ix = { 0 };
	(void)state;

	r.nrows = 600;
	r.rows = calloc(r.nrows, sizeof(*r.rows));
	assert_non_null(r.rows);
	for (size_t i = 0; i < r.nrows; i++) {
		struct dxi_umap *u = &r.rows[i];
		bool pmd = rnd(5) == 0;

		u->pid = (int64_t)(i / 60);
		u->mm = 0x1000 * (uint64_t)u->pid;
		u->vaddr = 0x7f0000000000ULL + i * 0x200000ULL;
		u->pages = pmd ? 512 : 1;
		u->pfn = pmd ? 0x40000 + rnd(8) * 512 : 0x40000 + rnd(4096);
		u->level = pmd ? DXI_PT_PMD : DXI_PT_PTE;
	}
	assert_true(dxi_rmap_pfn_index(&r, &ix));
	assert_int_equal(ix.maxpages, 512);
	for (int q = 0; q < 400; q++) {
		struct dxi_page p = { 0 };
		struct dxi_holder *a = NULL, *b = NULL;
		size_t na = 0, nb = 0, ca = 0, cb = 0, fa, fb;
		uint64_t want;

		p.pfn = 0x40000 + rnd(4200);
		if (q % 4 == 0) {
			p.pfn &= ~511ULL;
			p.compound = DXI_COMPOUND_HEAD;
			p.order = 9;
		}
		want = p.pfn + (uint64_t)(q % 3);
		fa = dxi_holders_find(&r, NULL, &p, want, &a, &na, &ca);
		fb = dxi_holders_find(&r, &ix, &p, want, &b, &nb, &cb);
		assert_true(fa != SIZE_MAX && fa == na);
		assert_int_equal(fa, fb);
		assert_int_equal(na, nb);
		for (size_t i = 0; i < na; i++) {
			assert_int_equal(a[i].map.pid, b[i].map.pid);
			assert_int_equal(a[i].vaddr, b[i].vaddr);
			assert_int_equal(a[i].pfn, b[i].pfn);
			assert_int_equal(a[i].pgoff, b[i].pgoff);
		}
		free(a);
		free(b);
	}
	free(ix.order);
	free(r.rows);
}

/* A PMD leaf over a folio: the holder is where the wanted page is. */
static void test_holder_address(void **state)
{
	struct dxi_umap u = { .pid = 7, .vaddr = 0x7f0000200000ULL, .pfn = 0x40200,
			      .pages = 512, .pgoff = 512, .level = DXI_PT_PMD };
	struct dxi_rmap r = { .rows = &u, .nrows = 1 };
	struct dxi_page p = { .pfn = 0x40200, .compound = DXI_COMPOUND_HEAD, .order = 9 };
	struct dxi_holder *h = NULL;
	size_t n = 0, cap = 0;
	(void)state;

	assert_int_equal(dxi_holders_find(&r, NULL, &p, 0x40205, &h, &n, &cap), 1);
	assert_int_equal(h[0].vaddr, 0x7f0000205000ULL);
	assert_int_equal(h[0].pfn, 0x40205);
	assert_int_equal(h[0].pgoff, 517);
	free(h);
}

static void split_line(const struct dxi_refsplit *s, char *buf, size_t n)
{
	FILE *f = fmemopen(buf, n, "w");

	assert_non_null(f);
	dxi_refsplit_line(s, f);
	fclose(f);
}

/* refcount = idle + mapped + pins + unexplained, per era. */
static void test_split(void **state)
{
	struct dxi_target t = { 0 };
	struct dxi_kernel k = { .target = &t };
	struct dxi_page p = { .pfn = 0x40011 };
	struct dxi_page_view v;
	struct dxi_refsplit s;
	char line[256];
	(void)state;

	/* 7.3 device-dax (1-based; mappings take a reference each): the
	 * brief's example, two mappings and one FOLL_PIN. */
	k.rules = dxi_rules_of(DXI_SEM_6_15);
	p.f_refcount = 1027;
	p.f_mapcount = 2;
	dxi_page_view(&k, DXI_MEMTYPE_GENERIC, &p, &v);
	dxi_refsplit_compute(&k, &p, &v, 2, &s);
	assert_int_equal(s.idle, 1);
	assert_int_equal(s.mapped, 2);
	assert_int_equal(s.pins, 1);
	assert_int_equal(s.pin_refs, 1024);
	assert_int_equal(s.unexplained, 0);
	split_line(&s, line, sizeof(line));
	assert_string_equal(line, "refcount 1027 = 1 idle + 2 mapped + 1 pin (1024) + 0 unexplained");

	/* 6.1 FS_DAX: a mapping holds nothing; 2 pins and a get. */
	k.rules = dxi_rules_of(DXI_SEM_6_1);
	p.f_refcount = 1 + 2048 + 1;
	p.f_mapcount = 0;
	dxi_page_view(&k, DXI_MEMTYPE_FS_DAX, &p, &v);
	dxi_refsplit_compute(&k, &p, &v, 1, &s);
	assert_int_equal(s.mapped, 0);
	assert_int_equal(s.pins, 2);
	assert_int_equal(s.unexplained, 1);
	split_line(&s, line, sizeof(line));
	assert_string_equal(line, "refcount 2050 = 1 idle + 0 mapped (1 mapping, which holds no reference before 6.15) + 2 pins (2048) + 1 unexplained");

	/* 6.15 FS_DAX, mapcount and page tables disagree: both are said. */
	k.rules = dxi_rules_of(DXI_SEM_6_15);
	p.f_refcount = 2;
	p.f_mapcount = 1;
	dxi_page_view(&k, DXI_MEMTYPE_FS_DAX, &p, &v);
	dxi_refsplit_compute(&k, &p, &v, 0, &s);
	split_line(&s, line, sizeof(line));
	assert_string_equal(line, "refcount 2 = 0 idle + 1 mapped (mapcount 1; 0 mappings found in page tables) + 0 pins + 1 unexplained");
}

/* The reason the rmap cannot be walked keeps no file path. */
static void test_why(void **state)
{
	char buf[320];
	(void)state;

	dxi_holders_why("cannot walk the user mappings: type profile /a/b/vmcore.profile does not record member x", buf, sizeof(buf));
	assert_string_equal(buf, "cannot walk the user mappings: the type profile does not record member x");
	dxi_holders_why("cannot walk the user mappings: no i_mmap", buf, sizeof(buf));
	assert_string_equal(buf, "cannot walk the user mappings: no i_mmap");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_equals_scan),
		cmocka_unit_test(test_holder_address),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_why),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
