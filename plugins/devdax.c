// SPDX-License-Identifier: MIT
/*
 * daxinspect plugin: the `devdax` check, for device-dax (GENERIC pgmap)
 * pages, whose rules differ from fsdax (docs/kernel-facts.md#device-dax):
 *  - refcount is 1-based in every kernel version (GENERIC is never reset
 *    to 0 by __init_zone_device_page(); free_zone_device_folio() sets it
 *    back to 1), so below 1 is an underflow;
 *  - mapping is set by drivers/dax/device.c dax_set_mapping() to the dax
 *    device's inode mapping and never cleared: a mapping that is a
 *    filesystem DAX inode's is wrong, and a mapping word with low bits
 *    set is not one the driver writes.
 */
#include <inttypes.h>
#include <stdio.h>

#include <daxinspect/plugin.h>

static const struct dxi_check devdax;

static void devdax_page(struct dxi_audit *a, const struct dxi_page *p,
			const struct dxi_page_view *v,
			const struct dxi_refs *refs)
{
	struct dxi_finding *f;
	uint32_t owner;

	(void)refs;
	if (v->type != DXI_MEMTYPE_GENERIC || v->is_tail)
		return;
	if (v->refcount < 1) {
		f = dxi_emit(a, &devdax, DXI_SEV_ERROR);
		if (!f)
			return;
		dxi_finding_set_page(f, p);
		snprintf(f->expected, sizeof(f->expected), "refcount >= 1");
		snprintf(f->actual, sizeof(f->actual), "refcount %" PRId64,
			 v->refcount);
		snprintf(f->message, sizeof(f->message),
			 "device-dax page refcount below 1: device-dax pages are 1-based in every kernel");
		return;
	}
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

static const struct dxi_check devdax = {
	.id = "devdax",
	.summary = "device-dax (GENERIC pgmap) pages: 1-based refcount, mapping of a dax device",
	.kernel_ref = "drivers/dax/device.c dax_set_mapping(); mm/memremap.c free_zone_device_folio()",
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
