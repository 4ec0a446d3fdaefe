// SPDX-License-Identifier: MIT
/*
 * Unit tests: the architecture table and the arm64 target: VMCOREINFO's
 * keys, the page-table walk over tables built in synthetic physical
 * memory (48-bit VA, 4 levels; 52-bit VA with FEAT_LPA2, 5 levels; pages
 * and L1/L2 blocks), the linear map and the refusals. The expected
 * addresses are worked out here from the descriptors' definitions
 * (docs/kernel-facts.md#arm64-addresses), not taken from
 * the code under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <elf.h>
#include <stdio.h>

#include "../../src/dump/synth.h"

#define AF (1ULL << 10)
#define SH_INNER (3ULL << 8) /* shareability: not address bits without LPA2 */
#define PXN_UXN (3ULL << 53)
#define TABLE 0x3ULL
#define PAGE 0x3ULL
#define BLOCK 0x1ULL

/* 6.12, 48-bit: a vmemmap page, a 2 MiB and a 1 GiB block. */
static const char vmci48[] =
	"OSRELEASE=6.12.0-test-arm64\n"
	"PAGESIZE=4096\n"
	"SYMBOL(swapper_pg_dir)=ffff800041000000\n"
	"NUMBER(VA_BITS)=48\n"
	"NUMBER(VMEMMAP_START)=0xfffffdffc0000000\n"
	"NUMBER(kimage_voffset)=0xffff7fffc0000000\n"
	"NUMBER(PHYS_OFFSET)=0x40000000\n"
	"NUMBER(TCR_EL1_T1SZ)=0x10\n"
	"KERNELOFFSET=0\n";

static void put(struct dxi_target *t, uint64_t pa, uint64_t val)
{
	assert_null(dxi_synth_add(t, DXI_PHYS, pa, &val, 8));
}

static uint64_t idx(uint64_t va, int shift, int bits)
{
	return (va >> shift) & ((1ULL << bits) - 1);
}

static void expect_pa(struct dxi_target *t, uint64_t va, uint64_t pa,
		      uint64_t size)
{
	uint64_t got, got_size;

	assert_null(dxi_target_translate(t, va, &got, &got_size));
	assert_int_equal(got, pa);
	assert_int_equal(got_size, size);
}

static void expect_refusal(const char *raw, const char *words)
{
	struct dxi_target *t = NULL;
	struct dxi_error *err = dxi_synth_open(raw, false, &t);

	assert_non_null(err);
	assert_null(t);
	assert_int_equal(err->code, DXI_ERR_FORMAT);
	if (!strstr(err->msg, words))
		fail_msg("refusal \"%s\" does not say \"%s\"", err->msg, words);
	assert_null(strchr(err->msg, '\n'));
	dxi_error_free(err);
}

static void test_arch_choice(void **state)
{
	(void)state;
	assert_ptr_equal(dxi_arch_of_machine(EM_AARCH64), &dxi_arch_aarch64);
	assert_ptr_equal(dxi_arch_of_machine(EM_X86_64), &dxi_arch_x86_64);
	assert_null(dxi_arch_of_machine(EM_PPC64));
	assert_ptr_equal(dxi_arch_of_name("aarch64"), &dxi_arch_aarch64);
	assert_ptr_equal(dxi_arch_of_name("arm64"), &dxi_arch_aarch64);
	assert_null(dxi_arch_of_name("Unknown"));
	assert_null(dxi_arch_of_name(NULL));
	assert_ptr_equal(dxi_arch_of_vmcoreinfo(vmci48), &dxi_arch_aarch64);
	assert_ptr_equal(dxi_arch_of_vmcoreinfo("OSRELEASE=6.1\nSYMBOL(init_top_pgt)=ffffffff82a10000\n"),
			 &dxi_arch_x86_64);
}

/* 48-bit VA, 4 levels: L0 512 GiB, L1 1 GiB, L2 2 MiB, L3 4 KiB. */
static void test_walk_48(void **state)
{
	uint64_t l0 = 0x81000000, l1 = 0x81001000, l2 = 0x81002000,
		 l3 = 0x81003000;
	uint64_t va = 0xfffffdffc0201234ULL, va2m = 0xfffffdffc0400000ULL;
	uint64_t va1g = 0xfffffdff00000000ULL + 0x12345678;
	unsigned char data[8] = "ARM64PG", got[8];
	struct dxi_target *t;
	struct dxi_error *err;

	(void)state;
	assert_null(dxi_synth_open(vmci48, false, &t));
	assert_ptr_equal(t->arch, &dxi_arch_aarch64);
	/* swapper_pg_dir - kimage_voffset */
	assert_int_equal(t->pgd_phys, 0x81000000);
	assert_int_equal(t->pt_levels, 4);
	assert_false(t->lpa2);
	put(t, l0 + idx(va, 39, 9) * 8, l1 | TABLE);
	put(t, l1 + idx(va, 30, 9) * 8, l2 | TABLE);
	put(t, l2 + idx(va, 21, 9) * 8, l3 | TABLE);
	/* The shareability and XN bits are not address bits. */
	put(t, l3 + idx(va, 12, 9) * 8, 0x45678000 | PXN_UXN | AF | SH_INNER | PAGE);
	put(t, l2 + idx(va2m, 21, 9) * 8, 0x46600000 | AF | SH_INNER | BLOCK);
	put(t, l1 + idx(va1g, 30, 9) * 8, 0x80000000 | AF | BLOCK);
	expect_pa(t, va, 0x45678234, 4096);
	expect_pa(t, va2m + 0xabcde, 0x466abcde, 2 << 20);
	expect_pa(t, va1g, 0x80000000 + 0x12345678, 1 << 30);
	assert_null(dxi_synth_add(t, DXI_PHYS, 0x45678234, data, 8));
	assert_null(dxi_target_read(t, DXI_KVIRT, va, got, 8));
	assert_memory_equal(got, data, 8);

	/* An invalid entry, a user address, an L0 block: address errors. */
	put(t, l3 + idx(va + 0x1000, 12, 9) * 8, 0x45679000 | AF | 0x2);
	err = dxi_target_translate(t, va + 0x1000, &(uint64_t){ 0 },
				   &(uint64_t){ 0 });
	assert_non_null(err);
	assert_int_equal(err->code, DXI_ERR_ADDR);
	assert_non_null(strstr(err->msg, "fffffdffc0202234"));
	dxi_error_free(err);
	err = dxi_target_translate(t, 0x0000ffff00001000ULL, &(uint64_t){ 0 },
				   &(uint64_t){ 0 });
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "not a kernel address"));
	dxi_error_free(err);
	put(t, l0 + idx(0xffff800000000000ULL, 39, 9) * 8, 0x80000000 | AF | BLOCK);
	err = dxi_target_translate(t, 0xffff800000000000ULL, &(uint64_t){ 0 },
				   &(uint64_t){ 0 });
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "level 0"));
	dxi_error_free(err);
	dxi_target_close(t);
}

/* The linear map, the kernel image, and the placement for the kernel
 * layer, with no page table at all. */
static void test_linear_48(void **state)
{
	unsigned char data[8] = "LINEAR!", got[8];
	struct dxi_target *t;
	struct dxi_error *err;

	(void)state;
	assert_null(dxi_synth_open(vmci48, false, &t));
	assert_null(dxi_synth_add(t, DXI_PHYS, 0x40001234, data, 8));
	/* PAGE_OFFSET + 0x1234 -> PHYS_OFFSET + 0x1234 */
	assert_null(dxi_target_read(t, DXI_KVIRT, 0xffff000000001234ULL, got, 8));
	assert_memory_equal(got, data, 8);
	/* PAGE_END = 0xffff800000000000 is not linear: a walk, which fails. */
	err = dxi_target_read(t, DXI_KVIRT, 0xffff800000000000ULL, got, 8);
	assert_non_null(err);
	dxi_error_free(err);
	/* The image, once its extent is known: VA - kimage_voffset. */
	assert_null(dxi_synth_add(t, DXI_PHYS, 0x80010000, data, 8));
	err = dxi_target_read(t, DXI_KVIRT, 0xffff800040010000ULL, got, 8);
	assert_non_null(err); /* no page table maps it here */
	dxi_error_free(err);
	dxi_target_set_kernel_image(t, 0xffff800040000000ULL,
				    0xffff800042000000ULL);
	assert_null(dxi_target_read(t, DXI_KVIRT, 0xffff800040010000ULL, got, 8));
	assert_memory_equal(got, data, 8);
	/* A direct-map base from memory does not move arm64's. */
	dxi_target_set_direct_map(t, 0xffff888000000000ULL);
	assert_null(dxi_target_read(t, DXI_KVIRT, 0xffff000000001234ULL, got, 8));
	assert_int_equal(t->place.page_offset, 0xffff000000000000ULL);
	assert_int_equal(t->place.vmemmap_start, 0xfffffdffc0000000ULL);
	assert_int_equal(t->place.vmemmap_first_pfn, 0x40000);
	assert_int_equal(t->max_phys_bits, 48);
	dxi_target_close(t);
}

/* 6.12's Debian arm64 build: VA_BITS=52, and the CPU has FEAT_LPA2. */
static const char vmci52[] =
	"OSRELEASE=6.12.0-test-arm64\n"
	"PAGESIZE=4096\n"
	"SYMBOL(swapper_pg_dir)=ffff800041000000\n"
	"NUMBER(VA_BITS)=52\n"
	"NUMBER(VMEMMAP_START)=0xffffc1ffc0000000\n"
	"NUMBER(kimage_voffset)=0xffff7fffc0000000\n"
	"NUMBER(PHYS_OFFSET)=0x40000000\n"
	"NUMBER(TCR_EL1_T1SZ)=0xc\n"
	"KERNELOFFSET=0\n";

/* The LPA2 descriptor of output address pa: bits 49:12 in place, 51:50 in
 * 9:8 (arch/arm64/include/asm/pgtable.h __phys_to_pte_val). */
static uint64_t lpa2(uint64_t pa)
{
	return (pa & 0x0003fffffffff000ULL) | ((pa >> 42) & 0x300);
}

/* 5 levels: L-1 (16 entries, VA bits 51:48), then L0-L3. */
static void test_walk_52_lpa2(void **state)
{
	uint64_t lm1 = 0x81000000, l0 = 0xd000000001000ULL, /* above 2^51 */
		 l1 = 0x81002000, l2 = 0x81003000, l3 = 0x81004000;
	uint64_t va = 0xffffc1ffc0201234ULL, va2m = 0xffffc1ffc0400000ULL;
	uint64_t va1g = 0xffffc1ff00000000ULL + 0x1234;
	uint64_t page_pa = 0xe000123456000ULL; /* bits 51:48 = 0xe */
	unsigned char data[8] = "LPA2PAG", got[8];
	struct dxi_target *t;

	(void)state;
	assert_null(dxi_synth_open(vmci52, false, &t));
	assert_int_equal(t->pt_levels, 5);
	assert_true(t->lpa2);
	assert_int_equal(t->max_phys_bits, 52);
	put(t, lm1 + idx(va, 48, 4) * 8, lpa2(l0) | TABLE);
	put(t, l0 + idx(va, 39, 9) * 8, lpa2(l1) | TABLE);
	put(t, l1 + idx(va, 30, 9) * 8, lpa2(l2) | TABLE);
	put(t, l2 + idx(va, 21, 9) * 8, lpa2(l3) | TABLE);
	put(t, l3 + idx(va, 12, 9) * 8, lpa2(page_pa) | PXN_UXN | AF | PAGE);
	put(t, l2 + idx(va2m, 21, 9) * 8, lpa2(0xb000000600000ULL) | AF | BLOCK);
	put(t, l1 + idx(va1g, 30, 9) * 8, lpa2(0x4000c0000000ULL) | AF | BLOCK);
	expect_pa(t, va, page_pa + 0x234, 4096);
	expect_pa(t, va2m + 0x1234, 0xb000000601234ULL, 2 << 20);
	expect_pa(t, va1g, 0x4000c0001234ULL, 1 << 30);
	assert_null(dxi_synth_add(t, DXI_PHYS, page_pa + 0x234, data, 8));
	assert_null(dxi_target_read(t, DXI_KVIRT, va, got, 8));
	assert_memory_equal(got, data, 8);
	/* The linear map starts at PAGE_OFFSET = -(2^52). */
	assert_int_equal(t->direct.vbase, 0xfff0000000000000ULL);
	assert_int_equal(t->direct.pbase, 0x40000000);
	assert_int_equal(t->direct.size, 0xfff0000000000000ULL ^ 0xffff800000000000ULL);
	dxi_target_close(t);
}

/*
 * A VA_BITS=52 kernel on a CPU without FEAT_LPA2 (QEMU -cpu
 * max,lpa2=off) runs with 48-bit VA (TCR_EL1.T1SZ 16): 4 levels, no LPA2
 * bits, and PHYS_OFFSET lowered by 2^52 - 2^48 (mm/init.c).
 */
static void test_52_on_48(void **state)
{
	const char *v = "OSRELEASE=6.12.0-test-arm64\nPAGESIZE=4096\n"
			"SYMBOL(swapper_pg_dir)=ffff800041000000\n"
			"NUMBER(VA_BITS)=52\n"
			"NUMBER(VMEMMAP_START)=0xffffc1ffc0000000\n"
			"NUMBER(kimage_voffset)=0xffff7fffc0000000\n"
			"NUMBER(PHYS_OFFSET)=0xfff1000040000000\n"
			"NUMBER(TCR_EL1_T1SZ)=0x10\n";
	uint64_t l0 = 0x81000000, l1 = 0x81001000, va = 0xffffc1ff00000000ULL;
	unsigned char data[8] = "FALLBAK", got[8];
	struct dxi_target *t;

	(void)state;
	assert_null(dxi_synth_open(v, false, &t));
	assert_int_equal(t->va_bits, 48);
	assert_int_equal(t->pt_levels, 4);
	assert_false(t->lpa2);
	put(t, l0 + idx(va, 39, 9) * 8, l1 | SH_INNER | TABLE);
	put(t, l1 + idx(va, 30, 9) * 8, 0x80000000 | SH_INNER | AF | BLOCK);
	expect_pa(t, va + 8, 0x80000008, 1 << 30);
	/* -(2^48) + x -> the original PHYS_OFFSET 0x40000000 + x */
	assert_null(dxi_synth_add(t, DXI_PHYS, 0x40000010, data, 8));
	assert_null(dxi_target_read(t, DXI_KVIRT, 0xffff000000000010ULL, got, 8));
	assert_memory_equal(got, data, 8);
	assert_int_equal(t->place.page_offset, 0xfff0000000000000ULL);
	dxi_target_close(t);
}

static void test_refusals(void **state)
{
	char raw[1024];
	const char *rest = strstr(vmci48, "SYMBOL(");

	(void)state;
	snprintf(raw, sizeof(raw), "OSRELEASE=6.12\nPAGESIZE=16384\n%s", rest);
	expect_refusal(raw, "16384-byte pages");
	snprintf(raw, sizeof(raw), "OSRELEASE=6.12\nPAGESIZE=65536\n%s", rest);
	expect_refusal(raw, "4 KiB pages only");
	expect_refusal("OSRELEASE=6.12\nPAGESIZE=4096\nNUMBER(VA_BITS)=39\n"
		       "NUMBER(kimage_voffset)=0xffffffbf70000000\n"
		       "NUMBER(PHYS_OFFSET)=0x40000000\n",
		       "VA_BITS=39");
	/* T1SZ of a 47-bit VA under VA_BITS=52 */
	expect_refusal("OSRELEASE=6.12\nPAGESIZE=4096\nNUMBER(VA_BITS)=52\n"
		       "NUMBER(TCR_EL1_T1SZ)=0x11\n"
		       "NUMBER(kimage_voffset)=0xffff7fffc0000000\n",
		       "47-bit kernel VA");
	expect_refusal("OSRELEASE=6.12\nPAGESIZE=4096\nNUMBER(VA_BITS)=48\n"
		       "NUMBER(kimage_voffset)=0xffff7fffc0000000\n"
		       "NUMBER(PHYS_OFFSET)=0x40000000\n",
		       "SYMBOL(swapper_pg_dir)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arch_choice),
		cmocka_unit_test(test_walk_48),
		cmocka_unit_test(test_linear_48),
		cmocka_unit_test(test_walk_52_lpa2),
		cmocka_unit_test(test_52_on_48),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
