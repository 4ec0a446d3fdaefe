// SPDX-License-Identifier: MIT
/*
 * The kern layer's walks over a synthetic target built from the input:
 * the xarray walker, the struct page decoder and (when the target has
 * physical memory only) the x86-64 page-table walk under both. Layouts
 * are the bundled samples' type profiles. Input:
 *
 *	u8 layout;	sample profile, modulo the number of samples
 *	u8 flags;	1 physical memory only (virtual reads walk the page
 *			tables at init_top_pgt), 2 5-level paging,
 *			4 direct-map fast path
 *	u16 npages;	pages to decode from pfn (modulo DXI_PAGE_RUN + 1)
 *	u64 pfn;
 *	u64 xa_addr;	the struct xarray to walk
 *	u64 vaddr;	one more address to translate
 *	chunks, each { u8 space (bit 0: physical); u64 addr; u16 len;
 *	               u8 data[len] } up to the end
 *
 * tests/fuzz/mkseeds.py writes inputs of this form.
 */
#include "fuzz.h"

#include <limits.h>

#include "../../src/dbg/types.h"
#include "../../src/kern/kernel.h"
#include "../../src/kern/page.h"
#include "../../src/kern/xarray.h"
#include "../../src/dump/synth.h"

#define PAGE_OFFSET_BASE 0xffff888000000000ULL
#define VMEMMAP_BASE 0xffffea0000000000ULL

static const char *const samples[] = {
	"6.1-ext4", "6.12-xfs-reflink", "7.3-xfs-reflink",
};
#define NSAMPLES (sizeof(samples) / sizeof(samples[0]))
static struct dxi_layout layouts[NSAMPLES];

struct hdr {
	uint8_t layout, flags;
	uint16_t npages;
	uint64_t pfn, xa_addr, vaddr;
} __attribute__((packed));

/* The profiles are found from the binary: build/fuzz/NAME in the tree. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char exe[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	(void)argc;
	(void)argv;
	if (n <= 0)
		abort();
	exe[n] = '\0';
	for (int up = 0; up < 3; up++)
		*strrchr(exe, '/') = '\0';
	for (size_t i = 0; i < NSAMPLES; i++) {
		struct dxi_types *t;
		struct dxi_error *err;

		snprintf(path, sizeof(path), "%s/vmcores-sample/%s/vmcore.profile",
			 exe, samples[i]);
		err = dxi_profile_open(path, &t);
		if (!err) {
			err = dxi_layout_load(t, &layouts[i]);
			dxi_types_close(t);
		}
		if (err) {
			fprintf(stderr, "kern_walk: %s\n", err->msg);
			abort();
		}
	}
	return 0;
}

static struct dxi_error *entry(void *arg, uint64_t index, uint64_t span,
			       uint64_t raw)
{
	(void)index;
	(void)span;
	*(uint64_t *)arg ^= raw;
	return NULL;
}

static void problem(void *arg, uint64_t index, uint64_t node, bool unreadable,
		    bool skipped, const char *msg)
{
	(void)arg;
	(void)index;
	(void)node;
	(void)unreadable;
	(void)skipped;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dxi_kernel k = { 0 };
	struct dxi_target *t = NULL;
	struct dxi_xa_stats stats;
	struct dxi_page *pages;
	uint64_t sum = 0, pa, ps;
	struct dxi_xa_visitor v = { .arg = &sum, .entry = entry, .problem = problem };
	struct hdr h;
	char vmci[256];
	unsigned n;

	if (size < sizeof(h))
		return -1;
	memcpy(&h, data, sizeof(h));
	data += sizeof(h);
	size -= sizeof(h);
	snprintf(vmci, sizeof(vmci),
		 "OSRELEASE=fuzz\nPAGESIZE=4096\nKERNELOFFSET=0\n"
		 "NUMBER(phys_base)=0\nSYMBOL(init_top_pgt)=ffffffff82a10000\n"
		 "NUMBER(pgtable_l5_enabled)=%d\nNUMBER(sme_mask)=0\n",
		 h.flags & 2 ? 1 : 0);
	if (!fuzz_ok(dxi_synth_open(vmci, !(h.flags & 1), &t)))
		abort();
	while (size >= 11) {
		uint64_t addr;
		uint16_t len;

		memcpy(&addr, data + 1, 8);
		memcpy(&len, data + 9, 2);
		if (len > size - 11)
			len = (uint16_t)(size - 11);
		if (!fuzz_ok(dxi_synth_add(t, data[0] & 1 ? DXI_PHYS : DXI_KVIRT,
					   addr, data + 11, len)))
			abort();
		data += 11 + len;
		size -= 11 + (size_t)len;
	}
	if (h.flags & 4)
		dxi_target_set_direct_map(t, PAGE_OFFSET_BASE);
	k.target = t;
	k.layout = layouts[h.layout % NSAMPLES];
	k.page_offset_base = PAGE_OFFSET_BASE;
	k.vmemmap_base = VMEMMAP_BASE;
	fuzz_drop(dxi_xa_walk(&k, h.xa_addr, &v, &stats));
	if (getenv("DXI_FUZZ_VERBOSE"))
		fprintf(stderr, "fuzz: xarray %llu nodes %llu entries\n",
			(unsigned long long)stats.nodes,
			(unsigned long long)stats.entries);
	n = h.npages % (DXI_PAGE_RUN + 1);
	pages = calloc(n ? n : 1, sizeof(*pages));
	if (!pages)
		abort();
	if (n)
		fuzz_drop(dxi_page_decode_run(&k, h.pfn, n, pages));
	fuzz_drop(dxi_page_decode(&k, h.pfn + n / 2, pages));
	if (getenv("DXI_FUZZ_VERBOSE"))
		fprintf(stderr, "fuzz: page refcount %d unreadable %d\n",
			(int)pages->refcount, (int)pages->unreadable);
	free(pages);
	fuzz_drop(dxi_target_translate(t, h.vaddr, &pa, &ps));
	fuzz_drop(dxi_target_translate(t, dxi_page_addr(&k, h.pfn), &pa, &ps));
	k.target = NULL;
	dxi_target_close(t);
	return 0;
}
