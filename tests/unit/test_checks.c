// SPDX-License-Identifier: MIT
/* Unit tests: the known-bug matcher (checks/known_bugs.c) and the folding
 * of consecutive pages' findings into runs (checks/audit.c). Which
 * kernels carry which bug comes from shared/KERNEL-FACTS.md 3, 4 and 6. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/checks/audit.h"
#include "../../src/checks/known_bugs.h"
#include "../../src/kern/klog.h"

/* An audit of a kernel of this release and era with an ext4 inode (0)
 * and an xfs inode (1). */
struct fixture {
	struct dxi_target t;
	struct dxi_kernel k;
	struct dxi_inode inodes[2];
	struct dxi_audit a;
};

static struct fixture *fixture(const char *release, enum dxi_semantics sem)
{
	static struct fixture x;

	memset(&x, 0, sizeof(x));
	snprintf(x.t.vmci.osrelease, sizeof(x.t.vmci.osrelease), "%s", release);
	x.k.target = &x.t;
	x.k.semantics = sem;
	x.k.rules = dxi_rules_of(sem);
	strcpy(x.inodes[0].fstype, "ext4");
	strcpy(x.inodes[1].fstype, "xfs");
	x.a.k = &x.k;
	x.a.dax.inodes = x.inodes;
	x.a.dax.ninodes = 2;
	return &x;
}

static struct dxi_finding finding(const char *check, enum dxi_state_tag tag,
				  uint32_t inode)
{
	struct dxi_finding f = { 0 };

	f.check = check;
	f.tag = tag;
	f.inode = inode;
	f.count = 1;
	return f;
}

/* The id of the bug f matches on (release, era), or NULL. */
static const char *match(const char *release, enum dxi_semantics sem,
			 struct dxi_finding f)
{
	const struct dxi_known_bug *b =
		dxi_known_bug_match(&fixture(release, sem)->a, &f);

	return b ? b->id : NULL;
}

#define NO_INODE UINT32_MAX

static void test_cow_offbyone(void **state)
{
	struct dxi_finding f = finding("share-mismatch", DXI_TAG_COW_LEFTOVER,
				       NO_INODE);

	(void)state;
	/* 6.1 dax_disassociate_entry() leaves COW pages with count 0; fixed
	 * by page->share in v6.2 (KERNEL-FACTS.md 3). Any filesystem. */
	assert_string_equal(match("6.1.0-56-cloud-amd64", DXI_SEM_6_1, f),
			    "dax-cow-offbyone");
	assert_string_equal(match("6.1.192", DXI_SEM_6_1, f),
			    "dax-cow-offbyone");
	f.inode = 0;
	assert_string_equal(match("6.1.0", DXI_SEM_6_1, f), "dax-cow-offbyone");
	/* Fixed in 6.2. */
	assert_null(match("6.2.0", DXI_SEM_6_1, f));
	assert_null(match("6.12.117", DXI_SEM_6_2, f));
	/* A 6.1 release read with another era's rules is not that state. */
	assert_null(match("6.1.0", DXI_SEM_6_2, f));
	assert_null(match("6.1.0", DXI_SEM_6_15, f));
	/* The same tag under another check, or another tag, is no match. */
	f.check = "stale-mapping";
	assert_null(match("6.1.0", DXI_SEM_6_1, f));
	f = finding("share-mismatch", DXI_TAG_NONE, NO_INODE);
	assert_null(match("6.1.0", DXI_SEM_6_1, f));
}

static void test_xfs_read_shared(void **state)
{
	struct dxi_finding f = finding("mapping-mismatch",
				       DXI_TAG_MAPPING_OTHER_INODE, 1);

	(void)state;
	/* 6.1 XFS read faults on shared extents overwrite page->mapping;
	 * fixed by c6f0b395b211 in v6.2 (KERNEL-FACTS.md 4). Only XFS
	 * shares extents under DAX. */
	assert_string_equal(match("6.1.0-56-cloud-amd64", DXI_SEM_6_1, f),
			    "xfs-dax-read-shared");
	f.tag = DXI_TAG_MAPPING_CLEARED;
	assert_string_equal(match("6.1.0-56-cloud-amd64", DXI_SEM_6_1, f),
			    "xfs-dax-read-shared-cleared");
	assert_null(match("6.2.0", DXI_SEM_6_2, f));
	assert_null(match("6.12.117", DXI_SEM_6_2, f));
	/* ext4 never sets IOMAP_F_SHARED: no match on an ext4 inode ... */
	f.inode = 0;
	assert_null(match("6.1.0", DXI_SEM_6_1, f));
	f.tag = DXI_TAG_MAPPING_OTHER_INODE;
	assert_null(match("6.1.0", DXI_SEM_6_1, f));
	/* ... nor on a finding tied to no inode. */
	f.inode = NO_INODE;
	assert_null(match("6.1.0", DXI_SEM_6_1, f));
}

static void test_xfs_read_shared_warn(void **state)
{
	static struct dxi_klog kl;
	struct dxi_finding f = finding("bad-entry", DXI_TAG_ENTRY_LOCKED, 1);
	struct fixture *x;

	(void)state;
	/* A locked entry alone is a fault in progress, no bug ... */
	assert_null(match("6.1.0-57-cloud-amd64", DXI_SEM_6_1, f));
	/* ... but with dax_associate_entry()'s WARN, inlined into
	 * dax_insert_entry(), in the log it is the 6.1 xfs read-shared
	 * fault caught by panic_on_warn (docs/kernel-facts.md). */
	memset(&kl, 0, sizeof(kl));
	kl.scanned = kl.readable = true;
	kl.nevents = 1;
	strcpy(kl.events[0].kind, "WARNING");
	strcpy(kl.events[0].file, "fs/dax.c");
	kl.events[0].line = 380;
	strcpy(kl.events[0].func, "dax_insert_entry");
	x = fixture("6.1.0-57-cloud-amd64", DXI_SEM_6_1);
	x->k.klog = &kl;
	assert_string_equal(dxi_known_bug_match(&x->a, &f)->id,
			    "xfs-dax-read-shared-warn");
	/* Not on ext4, not once fixed, not for a warning elsewhere. */
	f.inode = 0;
	assert_null(dxi_known_bug_match(&x->a, &f));
	f.inode = 1;
	x = fixture("6.2.0", DXI_SEM_6_2);
	x->k.klog = &kl;
	assert_null(dxi_known_bug_match(&x->a, &f));
	strcpy(kl.events[0].func, "dax_disassociate_entry");
	x = fixture("6.1.0-57-cloud-amd64", DXI_SEM_6_1);
	x->k.klog = &kl;
	assert_null(dxi_known_bug_match(&x->a, &f));
}

static void test_stale_share_order0(void **state)
{
	struct dxi_finding f = finding("share-mismatch",
				       DXI_TAG_STALE_SHARE_ORDER0, NO_INODE);

	(void)state;
	/* 6.15 - 7.0: dax_folio_put() leaves index/share on order-0 folios;
	 * fixed by dax_folio_reset_order() in 7.2 (KERNEL-FACTS.md 6; seen
	 * in 6.17 and Ubuntu 7.0.14). */
	assert_string_equal(match("6.15.0", DXI_SEM_6_15, f),
			    "dax-stale-share-order0");
	assert_string_equal(match("6.17.0-41-generic", DXI_SEM_6_15, f),
			    "dax-stale-share-order0");
	assert_string_equal(match("7.0.14", DXI_SEM_6_15, f),
			    "dax-stale-share-order0");
	f.inode = 1;
	assert_string_equal(match("7.0.13+deb13-cloud-amd64", DXI_SEM_6_15, f),
			    "dax-stale-share-order0");
	/* Fixed in 7.2 and 7.3. */
	assert_null(match("7.2.13", DXI_SEM_6_15, f));
	assert_null(match("7.3.4", DXI_SEM_6_15, f));
	/* Before 6.15 the bug's code does not exist, whatever the rules. */
	assert_null(match("6.14.0", DXI_SEM_6_15, f));
	assert_null(match("6.12.117", DXI_SEM_6_2, f));
	assert_null(match("6.17.0", DXI_SEM_6_2, f));
}

static void test_bug_table(void **state)
{
	const struct dxi_known_bug *b;
	size_t n = 0;

	(void)state;
	b = dxi_known_bugs(&n);
	assert_true(n >= 4);
	for (size_t i = 0; i < n; i++) {
		/* What a finding names: the bug, its fix, where it is fixed. */
		assert_non_null(b[i].id);
		assert_non_null(b[i].check);
		assert_int_not_equal(b[i].tag, DXI_TAG_NONE);
		assert_non_null(b[i].what);
		assert_non_null(b[i].fix);
		assert_non_null(b[i].fixed_in);
		assert_true(b[i].fixed == 0 || b[i].first < b[i].fixed);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(b[i].id, b[j].id);
	}
	/* A leaked pin is no kernel bug of the table, in any era. */
	assert_null(match("6.1.0", DXI_SEM_6_1,
			  finding("leaked-ref", DXI_TAG_ORPHANED_PIN, NO_INODE)));
	assert_null(match("7.0.0", DXI_SEM_6_15,
			  finding("leaked-ref", DXI_TAG_NONE, NO_INODE)));
}

/* The built-in descriptor whose id is id. */
static const struct dxi_check *check_by_id(const char *id)
{
	size_t n;
	const struct dxi_check *const *c = dxi_checks(&n);

	for (size_t i = 0; i < n; i++) {
		if (!strcmp(c[i]->id, id))
			return c[i];
	}
	fail_msg("no built-in check %s", id);
	return NULL;
}

/* Findings made as the checks make them (dxi_emit), for folding. */
static struct dxi_finding *emit(struct dxi_audit *a, const char *check,
				uint32_t inode, uint64_t pfn, bool has_index,
				uint64_t index, const char *msg)
{
	struct dxi_finding *f = dxi_emit(a, check_by_id(check), DXI_SEV_ERROR);

	assert_non_null(f);
	assert_string_equal(f->check, check);
	f->inode = inode;
	f->has_pfn = true;
	f->pfn = pfn;
	f->has_index = has_index;
	f->index = index;
	snprintf(f->message, sizeof(f->message), "%s", msg);
	return f;
}

static void test_fold_pmd_run(void **state)
{
	struct dxi_audit a = { 0 };
	size_t n;

	(void)state;
	/* A PMD entry at index 512 maps 512 pages (1 << PMD_ORDER) from pfn
	 * 0x20000; each page has index base + i in <= 6.14 (KERNEL-FACTS.md
	 * 5): one finding per page folds into one run. */
	for (uint64_t i = 0; i < 512; i++)
		emit(&a, "mapping-mismatch", 0, 0x20000 + i, true, 512 + i,
		     "the page's index is not the entry's file offset");
	/* A lone page after a gap of one pfn stays on its own. */
	emit(&a, "mapping-mismatch", 0, 0x20201, true, 1025,
	     "the page's index is not the entry's file offset");
	n = dxi_findings_fold(a.findings, a.nfindings);
	assert_int_equal(n, 2);
	assert_int_equal(a.findings[0].count, 512);
	assert_int_equal(a.findings[0].pfn, 0x20000);
	assert_int_equal(a.findings[0].last_pfn, 0x201ff);
	assert_int_equal(a.findings[0].index, 512);
	assert_int_equal(a.findings[0].last_index, 1023);
	assert_int_equal(a.findings[1].count, 1);
	assert_int_equal(a.findings[1].pfn, 0x20201);
	assert_int_equal(a.findings[1].last_pfn, 0x20201);
	assert_int_equal(a.findings[1].last_index, 1025);
	free(a.findings);
}

static void test_fold_breaks(void **state)
{
	struct dxi_audit a = { 0 };
	struct dxi_finding *f;
	size_t n;

	(void)state;
	/* Pages without an index (no entry maps them) fold on pfn alone. */
	emit(&a, "leaked-ref", UINT32_MAX, 0x2122f, false, 0, "m");
	emit(&a, "leaked-ref", UINT32_MAX, 0x21230, false, 0, "m");
	emit(&a, "leaked-ref", UINT32_MAX, 0x21231, false, 0, "m");
	/* Each of these differs from the one before in one way only. */
	emit(&a, "leaked-ref", UINT32_MAX, 0x21232, false, 0, "other"); /* message */
	emit(&a, "busy-page", UINT32_MAX, 0x21233, false, 0, "other"); /* check */
	emit(&a, "busy-page", 0, 0x21234, false, 0, "other"); /* inode */
	f = emit(&a, "busy-page", 0, 0x21235, false, 0, "other");
	f->severity = DXI_SEV_WARNING; /* severity */
	f = emit(&a, "busy-page", 0, 0x21236, false, 0, "other");
	f->severity = DXI_SEV_WARNING;
	f->tag = DXI_TAG_ORPHANED_PIN; /* tag */
	/* The sample's leak_b: consecutive pfns, index 2 then 1002. */
	emit(&a, "mapping-mismatch", 0, 0x21240, true, 2, "i");
	emit(&a, "mapping-mismatch", 0, 0x21241, true, 1002, "i");
	/* Same index run, pfn going backwards. */
	emit(&a, "mapping-mismatch", 0, 0x21240, true, 1003, "i");
	/* A has_index change. */
	emit(&a, "mapping-mismatch", 0, 0x21241, false, 1004, "i");
	/* No pfn at all (a walk problem): never folded. */
	f = emit(&a, "unreadable", 0, 0, false, 0, "p");
	f->has_pfn = false;
	f = emit(&a, "unreadable", 0, 1, false, 0, "p");
	f->has_pfn = false;
	n = dxi_findings_fold(a.findings, a.nfindings);
	assert_int_equal(n, a.nfindings - 2);
	assert_int_equal(a.findings[0].count, 3);
	assert_int_equal(a.findings[0].last_pfn, 0x21231);
	for (size_t i = 1; i < n; i++) {
		assert_int_equal(a.findings[i].count, 1);
		assert_int_equal(a.findings[i].last_pfn, a.findings[i].pfn);
	}
	assert_string_equal(a.findings[1].message, "other");
	assert_int_equal(a.findings[6].pfn, 0x21240);
	assert_int_equal(a.findings[7].index, 1002);
	free(a.findings);

	/* Nothing to fold. */
	assert_int_equal(dxi_findings_fold(NULL, 0), 0);
}

static void test_fold_repeats(void **state)
{
	struct dxi_audit a = { 0 };
	size_t n;

	(void)state;
	/* Two processes' stale PTEs over one PMD's 512 pages, sorted as the
	 * audit sorts them (index, then pfn): each page twice. The repeats
	 * go and the run folds whole. */
	for (uint64_t i = 0; i < 512; i++) {
		emit(&a, "stale-pte", 0, 0x40400 + i, true, 1024 + i, "s");
		emit(&a, "stale-pte", 0, 0x40400 + i, true, 1024 + i, "s");
	}
	/* The same page said differently is no repeat. */
	emit(&a, "stale-pte", 0, 0x405ff, true, 1535, "t");
	n = dxi_findings_fold(a.findings, a.nfindings);
	assert_int_equal(n, 2);
	assert_int_equal(a.findings[0].count, 512);
	assert_int_equal(a.findings[0].last_pfn, 0x405ff);
	assert_int_equal(a.findings[0].last_index, 1535);
	assert_string_equal(a.findings[1].message, "t");
	assert_int_equal(a.findings[1].count, 1);
	free(a.findings);
}

static void test_entry_at(void **state)
{
	struct dxi_entry e[] = {
		{ .index = 0, .kind = DXI_ENTRY_PFN },
		{ .index = 3, .kind = DXI_ENTRY_PFN },
		{ .index = 512, .kind = DXI_ENTRY_PFN, .flags = DXI_DAX_PMD },
		{ .index = 2048, .kind = DXI_ENTRY_PFN },
	};
	struct dxi_inode ino[2] = { { .first_entry = 0, .nentries = 4 },
				    { .first_entry = 4, .nentries = 0 } };
	struct dxi_dax_state s = { .inodes = ino, .ninodes = 2, .entries = e,
				   .nentries = 4 };

	(void)state;
	assert_ptr_equal(dxi_dax_entry_at(&s, &ino[0], 0), &e[0]);
	assert_null(dxi_dax_entry_at(&s, &ino[0], 1));
	assert_ptr_equal(dxi_dax_entry_at(&s, &ino[0], 3), &e[1]);
	assert_null(dxi_dax_entry_at(&s, &ino[0], 511));
	assert_ptr_equal(dxi_dax_entry_at(&s, &ino[0], 512), &e[2]);
	assert_ptr_equal(dxi_dax_entry_at(&s, &ino[0], 1023), &e[2]);
	assert_null(dxi_dax_entry_at(&s, &ino[0], 1024));
	assert_ptr_equal(dxi_dax_entry_at(&s, &ino[0], 2048), &e[3]);
	assert_null(dxi_dax_entry_at(&s, &ino[0], 2049));
	assert_null(dxi_dax_entry_at(&s, &ino[1], 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cow_offbyone),
		cmocka_unit_test(test_xfs_read_shared),
		cmocka_unit_test(test_xfs_read_shared_warn),
		cmocka_unit_test(test_stale_share_order0),
		cmocka_unit_test(test_bug_table),
		cmocka_unit_test(test_fold_pmd_run),
		cmocka_unit_test(test_fold_breaks),
		cmocka_unit_test(test_fold_repeats),
		cmocka_unit_test(test_entry_at),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
