/* SPDX-License-Identifier: MIT */
/*
 * Renderers over the audit: text for people, JSON for machines. Checks
 * never print; these functions never decide anything.
 * JSON schema: docs/json-schema.md (schema_version 1).
 */
#ifndef DXI_REPORT_RENDER_H
#define DXI_REPORT_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "../checks/audit.h"

struct dxi_render_opts {
	bool addresses;		/* show kernel addresses */
	enum dxi_severity min_severity;
	const char *inode;	/* only findings of this DEV:INO */
	/* only findings of the checks marked in only[] (of checks[]) */
	const struct dxi_check *const *checks;
	size_t nchecks;
	const bool *only;
	bool no_holders;	/* JSON findings without mappers (bundles) */
};

void dxi_render_check_text(const struct dxi_audit *a,
			   const struct dxi_render_opts *o, FILE *f);
void dxi_render_check_json(const struct dxi_audit *a,
			   const struct dxi_render_opts *o, FILE *f);
void dxi_render_inodes(const struct dxi_audit *a, bool json, FILE *f);
void dxi_render_entries(const struct dxi_audit *a, const struct dxi_inode *ino,
			bool json, FILE *f);
void dxi_render_pgmaps(const struct dxi_audit *a,
		       const struct dxi_render_opts *o, bool json, FILE *f);
/* A decoded page plus every entry that references it. */
void dxi_render_pages(const struct dxi_audit *a, const struct dxi_page *pages,
		      size_t n, const struct dxi_render_opts *o, bool json,
		      FILE *f);

/* Shared formatting. */
void dxi_format_mapping(const struct dxi_audit *a, uint64_t mapping,
			bool addresses, char *buf, size_t size);
void dxi_format_inode(const struct dxi_inode *ino, char *buf, size_t size);
/* "pmem0:24" */
void dxi_format_inode_id(const struct dxi_inode *ino, char *buf, size_t size);
/* A finding's message; without addresses, each kernel address in it
 * (0xffff8... and up: walkers name the object they could not read) reads
 * "<address>". Pfns, indexes and physical addresses stay. */
void dxi_format_message(const char *msg, bool addresses, char *buf,
			size_t size);
/* True when a finding passes the filters. */
bool dxi_render_wants(const struct dxi_audit *a, const struct dxi_render_opts *o,
		      const struct dxi_finding *f);

#endif
