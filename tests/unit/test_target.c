// SPDX-License-Identifier: MIT
/* Unit tests: VMCOREINFO parsing, the synthetic backend, the x86-64
 * page-table walk and error codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/dump/dumplevel.h"
#include "../../src/dump/elfcore.h"
#include "../../src/dump/pagecache.h"
#include "../../src/dump/synth.h"

static const char vmci[] =
	"OSRELEASE=6.1.0-56-cloud-amd64\n"
	"BUILD-ID=3b43fad5034874490492495d552c0af6a5fab235\n"
	"PAGESIZE=4096\n"
	"SYMBOL(init_top_pgt)=ffffffff82a10000\n"
	"NUMBER(phys_base)=-16777216\n"
	"NUMBER(pgtable_l5_enabled)=0\n"
	"KERNELOFFSET=1e000000\n"
	"NUMBER(sme_mask)=0\n";

static void test_vmcoreinfo_parse(void **state)
{
	struct dxi_vmcoreinfo v;
	uint64_t x;

	(void)state;
	assert_null(dxi_vmcoreinfo_parse(vmci, &v));
	assert_string_equal(v.osrelease, "6.1.0-56-cloud-amd64");
	assert_string_equal(v.build_id, "3b43fad5034874490492495d552c0af6a5fab235");
	assert_int_equal(v.page_size, 4096);
	assert_true(v.has_kernel_offset);
	assert_int_equal(v.kernel_offset, 0x1e000000);
	/* phys_base is printed with %ld and can be negative. */
	assert_int_equal(v.phys_base, (uint64_t)-16777216LL);
	assert_int_equal(v.init_top_pgt, 0xffffffff82a10000ULL);
	assert_false(v.pgtable_l5);
	assert_true(dxi_vmcoreinfo_number(vmci, "PAGESIZE", 10, &x));
	assert_false(dxi_vmcoreinfo_number(vmci, "PAGESIZ", 10, &x));
	assert_false(dxi_vmcoreinfo_number(vmci, "OSRELEASE", 10, &x));
}

static void test_vmcoreinfo_missing(void **state)
{
	struct dxi_vmcoreinfo v;
	struct dxi_error *err;

	(void)state;
	err = dxi_vmcoreinfo_parse("PAGESIZE=4096\n", &v);
	assert_non_null(err);
	assert_int_equal(err->code, DXI_ERR_CORRUPT);
	assert_non_null(strstr(err->msg, "OSRELEASE"));
	dxi_error_free(err);
	err = dxi_vmcoreinfo_parse("OSRELEASE=6.1\n", &v);
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "PAGESIZE"));
	dxi_error_free(err);
}

/* Damaged fields are recorded, cut short, and left at their defaults. */
static void test_vmcoreinfo_damaged(void **state)
{
	char raw[1024], long_rel[301];
	struct dxi_vmcoreinfo v;

	(void)state;
	memset(long_rel, 'A', 300);
	long_rel[300] = '\0';
	snprintf(raw, sizeof(raw),
		 "OSRELEASE=%s\nBUILD-ID=3b43fad5\nPAGESIZE=4096\nNUMBER(pgtable_l5_enabled)=zero\n",
		 long_rel);
	assert_null(dxi_vmcoreinfo_parse(raw, &v));
	assert_int_equal(v.damaged, DXI_VMCI_OSRELEASE | DXI_VMCI_L5);
	assert_string_equal(v.osrelease, "");
	assert_string_equal(v.build_id, "3b43fad5");
	assert_false(v.pgtable_l5);
	/* The first damaged field, never the whole value. */
	assert_non_null(strstr(v.damage, "OSRELEASE is 300 characters"));
	assert_null(strstr(v.damage, "AAAAAAAAAAAAAAAAAAAAAAAAA"));
	assert_true(strlen(v.damage) < 100);
	assert_null(dxi_vmcoreinfo_parse("OSRELEASE=6.1 x\nPAGESIZE=4k\nBUILD-ID=xyz\n", &v));
	assert_int_equal(v.damaged,
			 DXI_VMCI_OSRELEASE | DXI_VMCI_PAGESIZE | DXI_VMCI_BUILD_ID);
	assert_int_equal(v.page_size, 4096);
	assert_null(dxi_vmcoreinfo_parse(vmci, &v));
	assert_int_equal(v.damaged, 0);
}

static void test_release_number(void **state)
{
	(void)state;
	assert_int_equal(dxi_release_number("6.1.0-57-cloud-amd64"), 601);
	assert_int_equal(dxi_release_number("6.12.118+deb13-amd64"), 612);
	assert_int_equal(dxi_release_number("7.3.0"), DXI_RELEASE(7, 3));
	assert_true(dxi_release_number("6.9") < dxi_release_number("6.10"));
	assert_int_equal(dxi_release_number("6"), 0);
	assert_int_equal(dxi_release_number(""), 0);
	assert_int_equal(dxi_release_number("linux-6.1"), 0);
	assert_int_equal(dxi_release_number("6.100"), 0);
}

static void test_no_vmcoreinfo(void **state)
{
	struct dxi_target *t = NULL;
	struct dxi_error *err;

	(void)state;
	err = dxi_synth_open("", true, &t);
	assert_non_null(err);
	assert_int_equal(err->code, DXI_ERR_FORMAT);
	assert_non_null(strstr(err->msg, "VMCOREINFO"));
	dxi_error_free(err);
}

static void test_synth_reads(void **state)
{
	struct dxi_target *t;
	unsigned char a[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, b[4] = { 9, 9, 9, 9 };
	unsigned char buf[16];
	struct dxi_error *err;

	(void)state;
	assert_null(dxi_synth_open(vmci, true, &t));
	assert_null(dxi_synth_add(t, DXI_KVIRT, 0x1000, a, sizeof(a)));
	assert_null(dxi_synth_add(t, DXI_KVIRT, 0x1008, b, sizeof(b)));
	/* One read spanning two ranges. */
	assert_null(dxi_target_read(t, DXI_KVIRT, 0x1006, buf, 4));
	assert_memory_equal(buf, ((unsigned char[]){ 7, 8, 9, 9 }), 4);
	/* Past the end: NODATA, not a crash or a short read. */
	err = dxi_target_read(t, DXI_KVIRT, 0x100a, buf, 4);
	assert_non_null(err);
	assert_int_equal(err->code, DXI_ERR_NODATA);
	dxi_error_free(err);
	/* Physical space is separate. */
	err = dxi_target_read(t, DXI_PHYS, 0x1000, buf, 1);
	assert_non_null(err);
	assert_int_equal(err->code, DXI_ERR_NODATA);
	dxi_error_free(err);
	dxi_target_close(t);
}

/* Builds 4-level page tables in physical memory and reads through them. */
static void test_page_table_walk(void **state)
{
	const char *v = "OSRELEASE=x\nPAGESIZE=4096\n"
			"SYMBOL(init_top_pgt)=ffffffff80100000\n"
			"NUMBER(phys_base)=0\n";
	/* init_top_pgt at phys 0x100000 (text mapping, phys_base 0). */
	uint64_t pgd = 0x100000, pud = 0x101000, pmd = 0x102000, pte = 0x103000;
	uint64_t vaddr = 0xffffea0000201234ULL; /* a vmemmap-like address */
	uint64_t huge = 0xffffea0000400000ULL;
	uint64_t e, paddr, psize;
	unsigned char data[8] = "DAXPAGE", got[8];
	struct dxi_target *t;
	struct dxi_error *err;

	(void)state;
	assert_null(dxi_synth_open(v, false, &t));
	e = pud | 0x63;
	assert_null(dxi_synth_add(t, DXI_PHYS, pgd + ((vaddr >> 39) & 511) * 8, &e, 8));
	e = pmd | 0x63;
	assert_null(dxi_synth_add(t, DXI_PHYS, pud + ((vaddr >> 30) & 511) * 8, &e, 8));
	e = pte | 0x63;
	assert_null(dxi_synth_add(t, DXI_PHYS, pmd + ((vaddr >> 21) & 511) * 8, &e, 8));
	/* NX bit set: must be masked out of the address. */
	e = 0x8000000000000000ULL | 0x200000 | 0x63;
	assert_null(dxi_synth_add(t, DXI_PHYS, pte + ((vaddr >> 12) & 511) * 8, &e, 8));
	/* A 2 MiB page (PSE) for the next PMD slot. */
	e = 0x600000 | 0x80 | 0x63;
	assert_null(dxi_synth_add(t, DXI_PHYS, pmd + ((huge >> 21) & 511) * 8, &e, 8));
	assert_null(dxi_synth_add(t, DXI_PHYS, 0x200234, data, 8));
	assert_null(dxi_synth_add(t, DXI_PHYS, 0x6abcde, data, 8));

	assert_null(dxi_target_translate(t, vaddr, &paddr, &psize));
	assert_int_equal(paddr, 0x200234);
	assert_int_equal(psize, 4096);
	assert_null(dxi_target_read(t, DXI_KVIRT, vaddr, got, 8));
	assert_memory_equal(got, data, 8);
	assert_null(dxi_target_read(t, DXI_KVIRT, huge + 0xabcde, got, 8));
	assert_memory_equal(got, data, 8);
	assert_null(dxi_target_translate(t, huge + 0xabcde, &paddr, &psize));
	assert_int_equal(psize, 2 << 20);
	/* Unmapped: an address error naming the address. */
	err = dxi_target_read(t, DXI_KVIRT, 0xffffc90000000000ULL, got, 8);
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "ffffc90000000000"));
	dxi_error_free(err);
	dxi_target_close(t);
}

/* A macro, so a failure names the caller's line. */
#define expect_nodata(call)                                   \
	do {                                                  \
		struct dxi_error *err_ = (call);              \
                                                              \
		assert_non_null(err_);                        \
		assert_int_equal(err_->code, DXI_ERR_NODATA); \
		dxi_error_free(err_);                         \
	} while (0)

/*
 * An ELF dump file through the kdump backend: reads inside one PT_LOAD
 * take the pread fast path, views map the file, and both must give the
 * bytes libkdumpfile would; gaps stay NODATA on every path.
 */
static void test_elf_file_reads(void **state)
{
	const uint64_t pfns[] = { 0x10, 0x11, 0x13 }; /* two segments */
	const uint64_t base = 0xffff888000000000ull;
	char path[] = "/tmp/dxi-test-elf.XXXXXX";
	unsigned char page[4096], got[3 * 4096];
	struct dxi_target *src, *t;
	struct dxi_view v;
	int fd;

	(void)state;
	assert_null(dxi_synth_open(vmci, false, &src));
	for (size_t i = 0; i < 3; i++) {
		for (size_t b = 0; b < sizeof(page); b++)
			page[b] = (unsigned char)(pfns[i] * 7 + b * 13);
		assert_null(dxi_synth_add(src, DXI_PHYS, pfns[i] << 12, page,
					  sizeof(page)));
	}
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_null(dxi_elfcore_write(src, pfns, 3, 0, path));
	assert_null(dxi_target_open(path, &t));

	/* Inside the first segment, across its two pages. */
	assert_null(dxi_target_read(t, DXI_PHYS, 0x10000 + 100, got, 8000));
	for (size_t b = 0; b < 8000; b++) {
		uint64_t a = 0x10000 + 100 + b;

		assert_int_equal(got[b],
				 (unsigned char)((a >> 12) * 7 + (a & 4095) * 13));
	}
	/* The second segment alone; the gap; a read running into it. */
	assert_null(dxi_target_read(t, DXI_PHYS, 0x13000, got, 4096));
	assert_int_equal(got[1], (unsigned char)(0x13 * 7 + 13));
	expect_nodata(dxi_target_read(t, DXI_PHYS, 0x12000, got, 8));
	expect_nodata(dxi_target_read(t, DXI_PHYS, 0x11ff8, got, 16));
	expect_nodata(dxi_target_read(t, DXI_PHYS, 0x14000, got, 8));
	/* The page just before a segment: libkdumpfile alone says zeros. */
	expect_nodata(dxi_target_read(t, DXI_PHYS, 0xf000, got, 8));
	expect_nodata(dxi_target_read(t, DXI_PHYS, 0x12ff8, got, 8));

	/* Views through the direct map: mapped from the file, same bytes. */
	dxi_target_set_direct_map(t, base);
	assert_null(dxi_target_view(t, base + 0x10008, 4096, &v));
	assert_non_null(v.map);
	assert_int_equal(v.len, 4096);
	assert_null(dxi_target_read(t, DXI_PHYS, 0x10008, got, 4096));
	assert_memory_equal(v.data, got, 4096);
	dxi_view_release(&v);
	/* An odd address, into the next page. */
	assert_null(dxi_target_view(t, base + 0x10ff1, 64, &v));
	assert_null(dxi_target_read(t, DXI_PHYS, 0x10ff1, got, 64));
	assert_memory_equal(v.data, got, 64);
	dxi_view_release(&v);
	/* Across the gap: NODATA, as a read. */
	expect_nodata(dxi_target_view(t, base + 0x11000, 8192, &v));

	dxi_target_close(t);
	dxi_target_close(src);
	unlink(path);
}

/* The LRU cache in front of libkdumpfile: what was put is found, the
 * least recently used page goes first, a dropped page is gone. */
static void test_pagecache(void **state)
{
	struct dxi_pagecache *c = dxi_pagecache_new(4, 16);
	unsigned char *b;

	(void)state;
	assert_non_null(c);
	for (uint64_t pfn = 10; pfn < 14; pfn++) {
		assert_null(dxi_pagecache_get(c, pfn));
		b = dxi_pagecache_insert(c, pfn);
		memset(b, (int)pfn, 16);
	}
	/* 10 becomes the most recent; 11 is now the oldest. */
	b = (unsigned char *)dxi_pagecache_get(c, 10);
	assert_non_null(b);
	assert_int_equal(b[15], 10);
	memset(dxi_pagecache_insert(c, 14), 14, 16);
	assert_null(dxi_pagecache_get(c, 11));
	for (uint64_t pfn = 12; pfn <= 14; pfn++) {
		b = (unsigned char *)dxi_pagecache_get(c, pfn);
		assert_non_null(b);
		assert_int_equal(b[0], pfn);
	}
	assert_non_null(dxi_pagecache_get(c, 10));
	/* A dropped page is gone, and its slot is the next one taken: 12
	 * (now the oldest) stays. */
	dxi_pagecache_drop(c, 13);
	assert_null(dxi_pagecache_get(c, 13));
	memset(dxi_pagecache_insert(c, 15), 15, 16);
	assert_non_null(dxi_pagecache_get(c, 12));
	assert_non_null(dxi_pagecache_get(c, 15));
	dxi_pagecache_drop(c, 99);	/* not cached: nothing happens */
	/* Many pages through a small cache keep it consistent. */
	for (uint64_t pfn = 1000; pfn < 1100; pfn++) {
		if (!dxi_pagecache_get(c, pfn % 7 + 1000))
			memset(dxi_pagecache_insert(c, pfn % 7 + 1000),
			       (int)(pfn % 7), 16);
		b = (unsigned char *)dxi_pagecache_get(c, pfn % 7 + 1000);
		assert_non_null(b);
		assert_int_equal(b[3], pfn % 7);
	}
	dxi_pagecache_free(c);
}

static void test_error_wrap(void **state)
{
	struct dxi_error *err;

	(void)state;
	err = dxi_error_new(DXI_ERR_NODATA, "pfn not in dump");
	err = dxi_error_wrap(err, "reading page %#x", 0x3f000);
	assert_string_equal(err->msg, "reading page 0x3f000: pfn not in dump");
	assert_int_equal(err->code, DXI_ERR_NODATA);
	assert_int_equal(dxi_error_exit_status(err), 3);
	dxi_error_free(err);
	err = dxi_error_new(DXI_ERR_USAGE, "bad");
	assert_int_equal(dxi_error_exit_status(err), 2);
	dxi_error_free(err);
	/* The static OOM error survives wrap and free. */
	assert_ptr_equal(dxi_error_wrap(&dxi_error_nomem, "x"), &dxi_error_nomem);
	dxi_error_free(&dxi_error_nomem);
}

/* makedumpfile's -d bits and which release knows a kernel
 * (kernel-facts.md#makedumpfile-filtering). */
static void test_dump_level(void **state)
{
	char b[224];

	(void)state;
	dxi_dump_level_excludes(31, b, sizeof(b));
	assert_string_equal(b, "zero, cache, private-cache, user-data and free pages");
	dxi_dump_level_excludes(23, b, sizeof(b));
	assert_string_equal(b, "zero, cache, private-cache and free pages");
	dxi_dump_level_excludes(8, b, sizeof(b));
	assert_string_equal(b, "user-data pages");
	dxi_dump_level_excludes(0, b, sizeof(b));
	assert_string_equal(b, "nothing");
	assert_true(dxi_dump_level_drops_user(31));
	assert_false(dxi_dump_level_drops_user(23));
	assert_false(dxi_dump_level_drops_user(-1));
	dxi_makedumpfile_knows("7.3.4+deb13-cloud-amd64", true, b, sizeof(b));
	assert_string_equal(b, "makedumpfile 1.7.6 or later (commit bad2a7c keeps 6.10+ slab pages at -d 8); no release up to 1.7.9 supports 7.3");
	dxi_makedumpfile_knows("6.12.118+deb12-cloud-amd64", true, b, sizeof(b));
	assert_string_equal(b, "makedumpfile 1.7.6 or later (commit bad2a7c keeps 6.10+ slab pages at -d 8); 1.7.7 is the first to support 6.12");
	dxi_makedumpfile_knows("6.6.1", false, b, sizeof(b));
	assert_string_equal(b, "makedumpfile 1.7.3 or later (commit 5f17bdd keeps 6.2+ slab pages at -d 8); 1.7.4 is the first to support 6.6");
	dxi_makedumpfile_knows("6.1.0-57-cloud-amd64", false, b, sizeof(b));
	assert_string_equal(b, "1.7.3 is the first to support 6.1");
	dxi_makedumpfile_knows("6.0.1", false, b, sizeof(b));
	assert_string_equal(b, "1.7.2 is the first to support 6.0");
	dxi_makedumpfile_knows("garbage", false, b, sizeof(b));
	assert_string_equal(b, "");
	dxi_makedumpfile_knows("7.3.4", true, b, 8);
	assert_int_equal(strlen(b), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vmcoreinfo_parse),
		cmocka_unit_test(test_release_number),
		cmocka_unit_test(test_vmcoreinfo_missing),
		cmocka_unit_test(test_vmcoreinfo_damaged),
		cmocka_unit_test(test_no_vmcoreinfo),
		cmocka_unit_test(test_synth_reads),
		cmocka_unit_test(test_page_table_walk),
		cmocka_unit_test(test_elf_file_reads),
		cmocka_unit_test(test_pagecache),
		cmocka_unit_test(test_error_wrap),
		cmocka_unit_test(test_dump_level),
	};

	return cmocka_run_group_tests_name("target", tests, NULL, NULL);
}
