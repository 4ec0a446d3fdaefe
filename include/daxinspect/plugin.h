/* SPDX-License-Identifier: MIT */
/*
 * daxinspect plugins: a shared object that adds checks (the same
 * descriptor as the built-in ones, emitting the same findings) and
 * commands. See docs/plugins.md for a complete example.
 *
 * A plugin defines one function, found with dlsym:
 *
 *	const struct dxi_plugin *dxi_plugin_register(void);
 *
 * returning a static description whose abi_version is
 * DXI_PLUGIN_ABI_VERSION as the plugin was built. daxinspect refuses a
 * plugin built for another version, or without the function, with a
 * message. The functions below are exported by the daxinspect binary.
 */
#ifndef DAXINSPECT_PLUGIN_H
#define DAXINSPECT_PLUGIN_H

#include <stdio.h>

#include <daxinspect/model.h>

/* Bumped whenever the layout of model.h or this file changes; the layout
 * of each version is recorded in tests/cli/abi/vN.txt, and tests/cli/abi.sh
 * fails on a change without a bump (2: dxi_emit takes the check's
 * descriptor; 3: the first recorded layout, with DXI_TAG_ENTRY_LOCKED; 4: struct
 * dxi_umap and the checks' on_mapping). */
#define DXI_PLUGIN_ABI_VERSION 4
#define DXI_PLUGIN_REGISTER_SYMBOL "dxi_plugin_register"

/* A command: runs after the audit of TARGET; argv holds the operands
 * after TARGET. Returns the exit status. */
struct dxi_plugin_command {
	const char *name;
	const char *summary;
	const char *usage;
	const char *help;
	int (*run)(struct dxi_audit *a, int argc, char **argv, FILE *out);
};

struct dxi_plugin {
	unsigned abi_version;		/* DXI_PLUGIN_ABI_VERSION */
	const char *name;
	const char *description;
	const struct dxi_check *const *checks;
	size_t nchecks;
	const struct dxi_plugin_command *const *commands;
	size_t ncommands;
};

typedef const struct dxi_plugin *(*dxi_plugin_register_fn)(void);

/* Emitting findings (as the built-in checks do): the finding's check is
 * the descriptor's id, so an id is typed once. */
DXI_PUBLIC struct dxi_finding *dxi_emit(struct dxi_audit *a, const struct dxi_check *check,
			     enum dxi_severity sev);
DXI_PUBLIC void dxi_finding_set_page(struct dxi_finding *f, const struct dxi_page *p);
DXI_PUBLIC void dxi_finding_set_entry(struct dxi_audit *a, struct dxi_finding *f,
			   const struct dxi_entry *e, uint32_t offset);
DXI_PUBLIC const struct dxi_entry *dxi_ref_entry(const struct dxi_audit *a,
				      const struct dxi_ref *r);

/* Read-only views of the audit. */
DXI_PUBLIC uint32_t dxi_audit_inode_of(const struct dxi_audit *a, uint64_t mapping);
DXI_PUBLIC size_t dxi_audit_ninodes(const struct dxi_audit *a);
DXI_PUBLIC const struct dxi_inode *dxi_audit_inode(const struct dxi_audit *a, uint32_t i);
/* Every page that is not idle or that an entry references, by pfn. */
DXI_PUBLIC const struct dxi_page_record *dxi_audit_pages(const struct dxi_audit *a,
					      size_t *n);
DXI_PUBLIC uint64_t dxi_audit_idle_pages(const struct dxi_audit *a);
/* The vmemmap_shift of the pgmap holding pfn and the first pfn of its
 * range that its compound pages count from (past an altmap); false when
 * no pgmap holds pfn. */
DXI_PUBLIC bool dxi_audit_pgmap_compound(const struct dxi_audit *a, uint64_t pfn,
			      unsigned *shift, uint64_t *first);
DXI_PUBLIC const char *dxi_audit_release(const struct dxi_audit *a);
DXI_PUBLIC const char *dxi_severity_name(enum dxi_severity s);
DXI_PUBLIC const char *dxi_memtype_name(enum dxi_memtype t);

#endif
