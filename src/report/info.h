/* SPDX-License-Identifier: MIT */
/* `daxinspect info`: what the target is, as text or JSON. */
#ifndef DXI_REPORT_INFO_H
#define DXI_REPORT_INFO_H

#include <stdio.h>

#include "../kern/kernel.h"

#define DXI_JSON_SCHEMA_VERSION 1

/* Where a DAX-related module's debuginfo is: path and source ("local",
 * "debuginfod") when found, else why (NULL: not found locally, and no
 * $DEBUGINFOD_URLS). cmd_info.c finds them (dxi_module_debuginfo_find). */
struct dxi_module_debuginfo {
	char *path;
	const char *source;
	char *why;
};

/* mods has k->nmodules entries; only the DAX-related ones are read. */
void dxi_info_text(const struct dxi_kernel *k,
		   const struct dxi_module_debuginfo *mods, FILE *f);
void dxi_info_json(const struct dxi_kernel *k,
		   const struct dxi_module_debuginfo *mods, FILE *f);

struct dxi_json;
/* "truncated": { file_size, need, need_is_lower_bound } or null. */
void dxi_json_truncation(struct dxi_json *j, const struct dxi_target_desc *d);

#endif
