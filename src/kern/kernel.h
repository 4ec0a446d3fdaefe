/* SPDX-License-Identifier: MIT */
/*
 * The kernel being inspected: target + types + layout, the randomized
 * bases, the DAX semantics the layout indicates, and the loaded modules.
 * One object per analysis; no globals, so two can live side by side.
 */
#ifndef DXI_KERN_KERNEL_H
#define DXI_KERN_KERNEL_H

#include "../dbg/types.h"
#include "../dump/target.h"
#include "layout.h"

/* FS_DAX page semantics eras (docs/design.md#eras;
 * docs/kernel-facts.md#era-summary). */
enum dxi_semantics {
	DXI_SEM_AUTO = 0,	/* only as a request: detect from the layout */
	DXI_SEM_6_1,		/* 1-based, COW marker 0x1, count in index */
	DXI_SEM_6_2,		/* 1-based, SHARED marker 0x1, page->share */
	DXI_SEM_6_15,		/* 0-based, mapping NULL + folio->share */
	DXI_SEM_SEED_0X4,	/* the seed mail's marker 0x4, count in share */
	DXI_SEM_5_10,		/* 1-based, no shared marker (no reflink), no folios */
};

struct dxi_rules;

struct dxi_module_info {
	char name[64];
	bool dax_related;
	char build_id[2 * 64 + 1];	/* hex; "" when its notes cannot be read */
};

struct dxi_klog;

struct dxi_kernel {
	struct dxi_target *target;	/* owned */
	struct dxi_klog *klog;		/* owned; dxi_kernel_klog() fills it */
	struct dxi_types *types;	/* owned */
	struct dxi_layout layout;
	uint64_t kaslr_offset;
	uint64_t page_offset_base;
	uint64_t vmemmap_base;
	bool bases_randomized;		/* CONFIG_RANDOMIZE_MEMORY variables */
	enum dxi_semantics semantics;
	const struct dxi_rules *rules;	/* semantics' rules (kern/rules.h) */
	bool semantics_forced;
	char semantics_reason[160];
	struct dxi_module_info *modules;
	size_t nmodules;
	bool modules_readable;
	/* Set when damaged VMCOREINFO fields were read from the kernel's
	 * memory instead: which field, and which copy (one line). */
	char vmcoreinfo_note[256];
};

/* Takes ownership of target and types, also on failure. */
struct dxi_error *dxi_kernel_open(struct dxi_target *target,
				  struct dxi_types *types,
				  enum dxi_semantics forced,
				  struct dxi_kernel **out);
void dxi_kernel_close(struct dxi_kernel *k);

/*
 * Recovers VMCOREINFO fields the dump's note has damaged from the copy
 * the kernel keeps (vmcoreinfo_data, kernel/vmcore_info.c) or, for the
 * release alone, init_uts_ns, as crash does; fails naming the field when
 * neither can be read (recover.c).
 */
struct dxi_error *dxi_kernel_recover_vmcoreinfo(struct dxi_kernel *k);

/* A symbol's runtime address (KASLR applied). */
struct dxi_error *dxi_kernel_symbol(struct dxi_kernel *k, const char *name,
				    uint64_t *addr);

const char *dxi_semantics_name(enum dxi_semantics s);
/* Parses "auto", "6.1", "6.2", "6.15", "seed-0x4"; false if unknown. */
bool dxi_semantics_parse(const char *s, enum dxi_semantics *out);
/* Decides k->semantics and its reason from k->layout (semantics.c);
 * dxi_kernel_open() calls it unless --semantics forces the era. */
void dxi_semantics_detect(struct dxi_kernel *k);

/* Pages whose shared marker the detected era calls odd but the scheme a
 * patched kernel of the same layout uses calls shared (the seed's 0x4 on a
 * 6.2-6.14 layout, 0x1 on a 6.15+ one): a hint to run again with
 * --semantics (docs/kernel-facts.md#patched-markers). */
struct dxi_semantics_hint {
	enum dxi_semantics fits;	/* DXI_SEM_AUTO: no hint */
	uint64_t pages;			/* how many pages fit it */
	uint64_t first_pfn, mapping;	/* the first, and its mapping word */
};
struct dxi_page_record;
void dxi_semantics_hint(const struct dxi_kernel *k,
			const struct dxi_page_record *pages, size_t n,
			struct dxi_semantics_hint *out);

#endif
