// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kernel.h"

/* VMCOREINFO_BYTES is PAGE_SIZE (include/linux/vmcore_info.h). */
#define VMCOREINFO_MAX 4096

/* Parses the kernel's own note text (char *vmcoreinfo_data, size_t
 * vmcoreinfo_size); false if any of it cannot be read. */
static bool read_memory_copy(struct dxi_kernel *k, struct dxi_vmcoreinfo *v,
			     char *why, size_t wlen)
{
	uint64_t data_sym, size_sym, data = 0, size = 0;
	struct dxi_error *err;
	char *text;

	err = dxi_kernel_symbol(k, "vmcoreinfo_data", &data_sym);
	if (!err)
		err = dxi_kernel_symbol(k, "vmcoreinfo_size", &size_sym);
	if (err) {
		/* Profiles record only the symbols the audit asks for. */
		snprintf(why, wlen,
			 "%s %s gives no symbol vmcoreinfo_data; pass --vmlinux FILE",
			 k->types->kind == DXI_TYPES_PROFILE ? "type profile" : "the type information",
			 k->types->path);
		dxi_error_free(err);
		return false;
	}
	err = dxi_target_read_u64(k->target, data_sym, &data);
	if (!err)
		err = dxi_target_read_u64(k->target, size_sym, &size);
	if (err) {
		snprintf(why, wlen, "%s", err->msg);
		dxi_error_free(err);
		return false;
	}
	if (!data || !size || size > VMCOREINFO_MAX) {
		snprintf(why, wlen, "vmcoreinfo_size is %llu",
			 (unsigned long long)size);
		return false;
	}
	text = calloc(1, size + 1);
	if (!text) {
		snprintf(why, wlen, "out of memory");
		return false;
	}
	err = dxi_target_read(k->target, DXI_KVIRT, data, text, size);
	if (!err)
		err = dxi_vmcoreinfo_parse(text, v);
	free(text);
	if (err) {
		snprintf(why, wlen, "%s", err->msg);
		dxi_error_free(err);
		return false;
	}
	return true;
}

/* init_uts_ns.name.release: the release alone. */
static bool read_uts_release(struct dxi_kernel *k, char *out, size_t size)
{
	char release[DXI_UTS_LEN + 1] = { 0 };
	struct dxi_error *err;
	uint64_t addr;

	err = dxi_kernel_symbol(k, "init_uts_ns", &addr);
	if (!err)
		err = dxi_target_read(k->target, DXI_KVIRT,
				      addr + k->layout.uts.release.off, release,
				      DXI_UTS_LEN);
	dxi_error_free(err);
	if (err || !release[0])
		return false;
	snprintf(out, size, "%s", release);
	return true;
}

/* Takes the damaged fields of v from m. */
static void take_fields(struct dxi_vmcoreinfo *v, const struct dxi_vmcoreinfo *m)
{
	if (v->damaged & DXI_VMCI_OSRELEASE)
		snprintf(v->osrelease, sizeof(v->osrelease), "%s", m->osrelease);
	if (v->damaged & DXI_VMCI_BUILD_ID)
		snprintf(v->build_id, sizeof(v->build_id), "%s", m->build_id);
	if (v->damaged & DXI_VMCI_PAGESIZE)
		v->page_size = m->page_size;
	if (v->damaged & DXI_VMCI_SME_MASK)
		v->sme_mask = m->sme_mask;
	if (v->damaged & DXI_VMCI_L5)
		v->pgtable_l5 = m->pgtable_l5;
}

struct dxi_error *dxi_kernel_recover_vmcoreinfo(struct dxi_kernel *k)
{
	struct dxi_target *t = k->target;
	struct dxi_vmcoreinfo *v = &t->vmci, m;
	const char *copy;
	char why[160];

	if (!v->damaged)
		return NULL;
	if (v->damaged & DXI_VMCI_NEEDED_TO_READ)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "VMCOREINFO of %s is damaged: %s; without it no kernel address can be read, not even the kernel's own copy: re-take the dump",
				     t->path, v->damage);
	if (read_memory_copy(k, &m, why, sizeof(why)) &&
	    !(m.damaged & v->damaged)) {
		take_fields(v, &m);
		copy = "the kernel's copy in memory (vmcoreinfo_data)";
	} else if (!(v->damaged & ~(DXI_VMCI_OSRELEASE | DXI_VMCI_BUILD_ID)) &&
		   read_uts_release(k, v->osrelease, sizeof(v->osrelease))) {
		copy = v->damaged & DXI_VMCI_BUILD_ID ?
			       "init_uts_ns (the build-id stays unknown)" :
			       "init_uts_ns";
	} else {
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "VMCOREINFO of %s is damaged: %s, and the kernel's own copy (vmcoreinfo_data) cannot be read: %s",
				     t->path, v->damage, why);
	}
	/* The build-id was not checked against the types while it was unknown. */
	if ((v->damaged & DXI_VMCI_BUILD_ID) && v->build_id[0] &&
	    k->types->build_id[0] && strcasecmp(v->build_id, k->types->build_id))
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "the kernel's own VMCOREINFO gives build-id %s, but %s has build-id %s: pass the matching --vmlinux or --profile",
				     v->build_id, k->types->path,
				     k->types->build_id);
	snprintf(k->vmcoreinfo_note, sizeof(k->vmcoreinfo_note),
		 "VMCOREINFO's %s; read it from %s instead", v->damage, copy);
	return dxi_target_use_vmcoreinfo(t);
}
