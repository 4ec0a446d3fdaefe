// SPDX-License-Identifier: MIT
#include "kernel.h"

#include "klog.h"
#include "rules.h"
#include "list.h"

#include "../dump/elfnote.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_MODULES 8192

struct dxi_error *dxi_kernel_symbol(struct dxi_kernel *k, const char *name,
				    uint64_t *addr)
{
	struct dxi_error *err = dxi_types_symbol(k->types, name, addr);

	if (!err)
		*addr += k->kaslr_offset;
	return err;
}

/* Reads a pointer-sized variable; absent symbol -> *found = false. */
static struct dxi_error *read_var(struct dxi_kernel *k, const char *name,
				  uint64_t *value, bool *found)
{
	uint64_t addr;
	struct dxi_error *err = dxi_kernel_symbol(k, name, &addr);

	*found = false;
	if (dxi_error_catch(&err, DXI_ERR_NOTFOUND) || err)
		return err;
	err = dxi_target_read_u64(k->target, addr, value);
	if (err)
		return dxi_error_wrap(err, "reading %s", name);
	*found = true;
	return NULL;
}

/*
 * Reads init_uts_ns.name.release from memory and compares it with
 * VMCOREINFO: proves that symbols, KASLR and translation agree.
 */
static struct dxi_error *check_release(struct dxi_kernel *k)
{
	char release[65] = { 0 };
	struct dxi_error *err;
	uint64_t addr;

	err = dxi_kernel_symbol(k, "init_uts_ns", &addr);
	if (err)
		return err;
	err = dxi_target_read(k->target, DXI_KVIRT,
			      addr + k->layout.uts.release.off, release,
			      sizeof(release) - 1);
	/* A page the dump lacks (filtered, or past the end of a cut copy)
	 * only takes this proof away: the build-id check still stands. */
	if (dxi_error_catch(&err, DXI_ERR_NODATA))
		return NULL;
	if (err)
		return dxi_error_wrap(err, "reading init_uts_ns");
	if (strcmp(release, k->target->vmci.osrelease))
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "the kernel release in memory (\"%.64s\") differs from VMCOREINFO's \"%s\": the type information %s does not describe this dump",
				     release, k->target->vmci.osrelease,
				     k->types->path);
	return NULL;
}

static const char *const dax_modules[] = {
	"xfs",	    "ext4",	 "ext2",     "fuse",	  "virtiofs",
	"erofs",    "nd_pmem",	 "nd_e820",  "nd_btt",	  "libnvdimm",
	"dax",	    "dax_pmem",	 "device_dax", "kmem",	  "dax_hmem",
	"cxl_pmem", "nd_virtio", "virtio_pmem",
};

static bool is_dax_module(const char *name)
{
	for (size_t i = 0; i < sizeof(dax_modules) / sizeof(dax_modules[0]);
	     i++) {
		if (!strcmp(name, dax_modules[i]))
			return true;
	}
	return false;
}

#define MAX_MODULE_NOTES 64
#define MAX_NOTE_BYTES 4096

/*
 * The module's GNU build-id, from the SHT_NOTE sections the loader keeps
 * for /sys/module/NAME/notes (kernel/module/sysfs.c add_notes_attrs():
 * mod->notes_attrs->attrs[i].private is the section's address, .size its
 * length; docs/kernel-facts.md#modules). Damage leaves it empty: the
 * build-id is information, not a reason to stop.
 */
static void read_module_build_id(struct dxi_kernel *k, uint64_t mod,
				 char *out, size_t size)
{
	const struct dxi_module_layout *ml = &k->layout.module;
	uint64_t na, list = 0;
	uint32_t n = MAX_MODULE_NOTES;
	struct dxi_error *err;

	out[0] = '\0';
	if (!ml->notes)
		return;
	err = dxi_target_read_u64(k->target, mod + ml->notes_attrs.off, &na);
	if (!err && na && ml->na_notes.has)
		err = dxi_target_read(k->target, DXI_KVIRT,
				      na + ml->na_notes.off, &n, sizeof(n));
	else if (!err && na)
		err = dxi_target_read_u64(k->target, na + ml->na_bin_attrs.off,
					  &list);
	if (err || !na || (!ml->na_notes.has && !list)) {
		dxi_error_free(err);
		return;
	}
	for (uint32_t i = 0; i < n && i < MAX_MODULE_NOTES; i++) {
		uint64_t attr = na + ml->na_attrs.off + i * ml->bin_attr_size;
		uint64_t len, addr;
		unsigned char buf[MAX_NOTE_BYTES];
		const unsigned char *id;
		size_t idlen;

		/* grp.bin_attrs[i] points at attrs[i]; NULL ends the list. */
		if (list && ((err = dxi_target_read_u64(k->target, list + 8 * i,
							&attr)) || !attr))
			break;
		if ((err = dxi_target_read_u64(k->target, attr + ml->ba_size.off,
					       &len)) ||
		    (err = dxi_target_read_u64(k->target,
					       attr + ml->ba_private.off, &addr)))
			break;
		if (!len || len > sizeof(buf))
			continue;
		err = dxi_target_read(k->target, DXI_KVIRT, addr, buf, len);
		if (err) {
			dxi_error_free(err);
			err = NULL;
			continue;
		}
		id = dxi_elf_note_find_type(buf, len, "GNU", NT_GNU_BUILD_ID,
					    &idlen);
		if (!id || !idlen || idlen * 2 + 1 > size)
			continue;
		for (size_t j = 0; j < idlen; j++)
			sprintf(out + 2 * j, "%02x", id[j]);
		return;
	}
	dxi_error_free(err);
}

/* Walks the `modules` list (kernel/module/main.c). Bounded. */
static struct dxi_error *read_modules(struct dxi_kernel *k)
{
	const struct dxi_module_layout *ml = &k->layout.module;
	struct dxi_list_shape sh;
	uint64_t head, node;
	struct dxi_error *err;

	err = dxi_kernel_symbol(k, "modules", &head);
	if (err)
		return err;
	/* The links are measured first, so a loop ends the walk. */
	dxi_list_measure(k->target, head, MAX_MODULES, &sh);
	if (sh.end != DXI_LIST_CLOSED)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "the module list %s after %llu entries",
				     sh.end == DXI_LIST_LOOP ? "loops" :
				     sh.end == DXI_LIST_BROKEN ? "breaks" :
								 "goes on",
				     (unsigned long long)sh.n);
	/* The measured length sizes the array: no growing. */
	k->modules = calloc(sh.n ? (size_t)sh.n : 1, sizeof(*k->modules));
	if (!k->modules)
		return &dxi_error_nomem;
	node = sh.first;
	for (uint64_t i = 0; i < sh.n; i++) {
		uint64_t mod = node - ml->list.off;
		struct dxi_module_info *mi;
		char name[64] = { 0 };
		size_t nlen = ml->name.size < sizeof(name) - 1 ?
				      ml->name.size : sizeof(name) - 1;

		err = dxi_target_read(k->target, DXI_KVIRT, mod + ml->name.off,
				      name, nlen);
		if (err)
			return dxi_error_wrap(err, "reading a module name");
		mi = &k->modules[k->nmodules++];
		snprintf(mi->name, sizeof(mi->name), "%s", name);
		mi->dax_related = is_dax_module(name);
		read_module_build_id(k, mod, mi->build_id,
				     sizeof(mi->build_id));
		err = dxi_target_read_u64(k->target, node, &node);
		if (err)
			return dxi_error_wrap(err, "reading the module list");
	}
	return NULL;
}

static int module_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dxi_module_info *)a)->name,
		      ((const struct dxi_module_info *)b)->name);
}

/* The kernel image's extent, for the target's fast path where the
 * architecture has no fixed window for it. */
static void set_kernel_image(struct dxi_kernel *k)
{
	uint64_t text, end;
	struct dxi_error *err = dxi_kernel_symbol(k, "_text", &text);

	if (!err)
		err = dxi_kernel_symbol(k, "_end", &end);
	if (!err)
		dxi_target_set_kernel_image(k->target, text, end);
	dxi_error_free(err);
}

struct dxi_error *dxi_kernel_open(struct dxi_target *target,
				  struct dxi_types *types,
				  enum dxi_semantics forced,
				  struct dxi_kernel **out)
{
	struct dxi_kernel *k = calloc(1, sizeof(*k));
	struct dxi_error *err;
	bool found_po, found_vm;

	if (!k) {
		dxi_target_close(target);
		dxi_types_close(types);
		return &dxi_error_nomem;
	}
	k->target = target;
	k->types = types;
	/* the log cache (dxi_kernel_klog); without it the log is unread */
	k->klog = calloc(1, sizeof(*k->klog));
	k->kaslr_offset = target->vmci.kernel_offset;
	err = dxi_layout_load(types, &k->layout);
	if (err)
		goto fail;
	err = dxi_kernel_recover_vmcoreinfo(k);
	if (!err)
		err = check_release(k);
	if (err)
		goto fail;
	err = read_var(k, "page_offset_base", &k->page_offset_base, &found_po);
	if (!err)
		err = read_var(k, "vmemmap_base", &k->vmemmap_base, &found_vm);
	if (err)
		goto fail;
	k->bases_randomized = found_po && found_vm;
	/* Else where the architecture puts them (the target's placement). */
	if (!found_po)
		k->page_offset_base = target->place.page_offset;
	if (!found_vm)
		k->vmemmap_base = target->place.vmemmap_start -
				  target->place.vmemmap_first_pfn *
					  k->layout.page.size;
	dxi_target_set_direct_map(target, k->page_offset_base);
	set_kernel_image(k);
	if (forced != DXI_SEM_AUTO) {
		k->semantics = forced;
		k->semantics_forced = true;
		snprintf(k->semantics_reason, sizeof(k->semantics_reason),
			 "forced with --semantics");
	} else {
		dxi_semantics_detect(k);
	}
	k->rules = dxi_rules_of(k->semantics);
	err = read_modules(k);
	if (err) {
		/* The module list is information, not a reason to stop. */
		dxi_error_free(err);
		k->modules_readable = false;
	} else {
		k->modules_readable = true;
		if (k->nmodules)
			qsort(k->modules, k->nmodules, sizeof(*k->modules),
			      module_cmp);
	}
	*out = k;
	return NULL;
fail:
	if (target->desc.truncated && err->code == DXI_ERR_NODATA)
		err = dxi_error_wrap(err,
				     "the dump file is truncated at %llu of %s%llu bytes, and the kernel data every analysis starts from lies past its end; re-copy it",
				     (unsigned long long)target->desc.file_size,
				     target->desc.need_is_lower_bound ? "at least " : "",
				     (unsigned long long)target->desc.file_need);
	dxi_kernel_close(k);
	return err;
}

void dxi_kernel_close(struct dxi_kernel *k)
{
	if (!k)
		return;
	dxi_target_close(k->target);
	dxi_types_close(k->types);
	free(k->modules);
	free(k->klog);
	free(k);
}
