/* SPDX-License-Identifier: MIT */
#ifndef DXI_REPORT_JSON_OUT_H
#define DXI_REPORT_JSON_OUT_H

#include "render.h"

void dxi_json_inodes(const struct dxi_audit *a, FILE *f);
void dxi_json_entries(const struct dxi_audit *a, const struct dxi_inode *ino,
		      FILE *f);
void dxi_json_pgmaps(const struct dxi_audit *a, bool addresses, FILE *f);
void dxi_json_pages(const struct dxi_audit *a, const struct dxi_page *pages,
		    size_t n, bool addresses, FILE *f);

#endif
