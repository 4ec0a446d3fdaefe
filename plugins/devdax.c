// SPDX-License-Identifier: MIT
/*
 * daxinspect plugin: the `devdax` check, for device-dax (GENERIC pgmap)
 * pages, which the built-in checks do not cross-reference with entries
 * (docs/kernel-facts.md#device-dax):
 *  - compound pages: a device-dax pgmap with vmemmap_shift > 0 (daxctl
 *    --align 2M/1G) has its memmap made of compound pages of that order,
 *    counted from the range's first data pfn (mm/mm_init.c
 *    memmap_init_zone_device(), memmap_init_compound()): each chunk's
 *    first page is a head of order vmemmap_shift and the others are its
 *    tails. A page that is neither is broken linkage: the fault path
 *    (drivers/dax/device.c dax_set_mapping(), pfn_folio()) would take
 *    another folio's refcount and mapping;
 *  - mapping is set by dax_set_mapping() to the dax device's inode
 *    mapping and never cleared: a mapping that is a filesystem DAX
 *    inode's is wrong, and a mapping word with low bits set is not one
 *    the driver writes.
 * (A refcount below 1 is the built-in refcount-underflow's.)
 */
#include <inttypes.h>
#include <stdio.h>

#include <daxinspect/plugin.h>

static const struct dxi_check devdax;

/* True when p has the place its compound chunk gives it. */
static bool compound_ok(const struct dxi_page *p, unsigned shift,
			uint64_t first, uint64_t *head)
{
	*head = first + ((p->pfn - first) & ~((1ULL << shift) - 1));
	if (p->pfn == *head)
		return p->compound == DXI_COMPOUND_HEAD && p->order == shift;
	return p->compound == DXI_COMPOUND_TAIL && p->head_pfn == *head;
}

static void compound_page(struct dxi_audit *a, const struct dxi_page *p)
{
	struct dxi_finding *f;
	unsigned shift;
	uint64_t first, head;

	if (!dxi_audit_pgmap_compound(a, p->pfn, &shift, &first) || !shift ||
	    p->pfn < first || compound_ok(p, shift, first, &head))
		return;
	f = dxi_emit(a, &devdax, DXI_SEV_ERROR);
	if (!f)
		return;
	dxi_finding_set_page(f, p);
	snprintf(f->expected, sizeof(f->expected),
		 p->pfn == head ? "head of an order-%u compound page" :
				  "tail of the order-%u compound page at pfn %#" PRIx64,
		 shift, head);
	snprintf(f->actual, sizeof(f->actual), "%s, order %u, head pfn %#" PRIx64,
		 p->compound == DXI_COMPOUND_HEAD ? "head" :
		 p->compound == DXI_COMPOUND_TAIL ? "tail" : "not compound",
		 p->order, p->head_pfn);
	snprintf(f->message, sizeof(f->message),
		 "device-dax page breaks its pgmap's compound layout (vmemmap_shift %u): memmap_init_compound() makes every %llu pages one folio",
		 shift, 1ULL << shift);
}

static void mapping_page(struct dxi_audit *a, const struct dxi_page *p,
			 const struct dxi_page_view *v)
{
	struct dxi_finding *f;
	uint32_t owner;

	if (v->is_tail)
		return;
	if (v->assoc == DXI_ASSOC_ODD) {
		f = dxi_emit(a, &devdax, DXI_SEV_WARNING);
		if (f) {
			dxi_finding_set_page(f, p);
			snprintf(f->message, sizeof(f->message),
				 "device-dax page mapping %#" PRIx64 " has low bits set; dax_set_mapping() stores an address_space",
				 p->mapping);
		}
		return;
	}
	if (v->assoc != DXI_ASSOC_MAPPING)
		return;
	owner = dxi_audit_inode_of(a, v->mapping);
	if (owner != UINT32_MAX && !dxi_audit_inode(a, owner)->devdax) {
		const struct dxi_inode *ino = dxi_audit_inode(a, owner);

		f = dxi_emit(a, &devdax, DXI_SEV_ERROR);
		if (!f)
			return;
		dxi_finding_set_page(f, p);
		f->inode = owner;
		snprintf(f->message, sizeof(f->message),
			 "device-dax page points at filesystem inode %s:%" PRIu64 "'s mapping",
			 ino->dev, ino->ino);
	}
}

static void devdax_page(struct dxi_audit *a, const struct dxi_page *p,
			const struct dxi_page_view *v,
			const struct dxi_refs *refs)
{
	(void)refs;
	if (v->type != DXI_MEMTYPE_GENERIC)
		return;
	compound_page(a, p);
	mapping_page(a, p, v);
}

static const struct dxi_check devdax = {
	.id = "devdax",
	.summary = "device-dax (GENERIC pgmap) pages: compound layout of vmemmap_shift, mapping of a dax device",
	.kernel_ref = "mm/mm_init.c memmap_init_compound(); drivers/dax/device.c dax_set_mapping()",
	.on_page = devdax_page,
};

static const struct dxi_check *const checks[] = { &devdax };

static const struct dxi_plugin plugin = {
	.abi_version = DXI_PLUGIN_ABI_VERSION,
	.name = "devdax",
	.description = "device-dax page rules",
	.checks = checks,
	.nchecks = 1,
};

const struct dxi_plugin *dxi_plugin_register(void);

const struct dxi_plugin *dxi_plugin_register(void)
{
	return &plugin;
}
