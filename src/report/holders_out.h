/* SPDX-License-Identifier: MIT */
/*
 * Rendering who holds a page (checks/holders.h): the mapper lines and
 * the refcount split under a busy-page or leaked-ref finding, in text
 * and JSON (docs/json-schema.md#holders), and the same for `page`.
 */
#ifndef DXI_REPORT_HOLDERS_OUT_H
#define DXI_REPORT_HOLDERS_OUT_H

#include <stdio.h>

#include "../checks/holders.h"
#include "render.h"

struct dxi_json;

/* Lines under finding x (nothing for a finding without holders). */
void dxi_holders_text(const struct dxi_audit *a, const struct dxi_finding *x,
		      FILE *f);
/* "mappers" (array, or null with "mappers_unknown") and "refcount_split"
 * members of finding x's object (nothing without holders). */
void dxi_holders_json(struct dxi_json *j, const struct dxi_audit *a,
		      const struct dxi_finding *x);

/* The pieces, for `page`: one mapper line, the split line, their JSON. */
void dxi_holder_line(const struct dxi_audit *a, const struct dxi_holder *h,
		     FILE *f);
void dxi_refsplit_line(const struct dxi_refsplit *s, FILE *f);
void dxi_json_holder(struct dxi_json *j, const struct dxi_audit *a,
		     const struct dxi_holder *h);
void dxi_json_refsplit(struct dxi_json *j, const char *key,
		       const struct dxi_refsplit *s);

#endif
