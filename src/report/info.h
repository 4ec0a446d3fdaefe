/* SPDX-License-Identifier: MIT */
/* `daxinspect info`: what the target is, as text or JSON. */
#ifndef DXI_REPORT_INFO_H
#define DXI_REPORT_INFO_H

#include <stdio.h>

#include "../kern/kernel.h"

#define DXI_JSON_SCHEMA_VERSION 1

void dxi_info_text(const struct dxi_kernel *k, FILE *f);
void dxi_info_json(const struct dxi_kernel *k, FILE *f);

struct dxi_json;
/* "truncated": { file_size, need, need_is_lower_bound } or null. */
void dxi_json_truncation(struct dxi_json *j, const struct dxi_target_desc *d);

#endif
