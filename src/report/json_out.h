/* SPDX-License-Identifier: MIT */
#ifndef DXI_REPORT_JSON_OUT_H
#define DXI_REPORT_JSON_OUT_H

#include "render.h"

struct dxi_json;
/* schema_version, kind and the target block of every JSON document. */
void dxi_json_header(struct dxi_json *j, const struct dxi_audit *a,
		     const char *kind);
void dxi_json_inodes(const struct dxi_audit *a, FILE *f);
void dxi_json_entries(const struct dxi_audit *a, const struct dxi_inode *ino,
		      FILE *f);
void dxi_json_pgmaps(const struct dxi_audit *a, bool addresses, FILE *f);
/* extra, when given, adds members to each page's object (`page --json`'s
 * mappers and refcount split, report/holders_out.h). */
typedef void dxi_json_page_extra(struct dxi_json *j, const struct dxi_page *p,
				 void *arg);
void dxi_json_pages(const struct dxi_audit *a, const struct dxi_page *pages,
		    size_t n, bool addresses, dxi_json_page_extra *extra,
		    void *arg, FILE *f);

/* A bug-report bundle (daxinspect report --bundle). */
/* with_log: the kernel log's panic line and DAX warnings (kernel_log). */
void dxi_render_bundle(const struct dxi_audit *a, bool with_log,
		       const char *command_line,
		       const char *version, FILE *f);
/* Reads a bundle back and prints it for people; returns the exit status
 * check would have had (0, 1) or 3 when it cannot be read. */
int dxi_bundle_print(const char *path, FILE *f);

#endif
