/* SPDX-License-Identifier: MIT */
/*
 * Per-era reading of an FS_DAX / device-dax page (docs/design.md#page-view;
 * the facts: docs/kernel-facts.md#era-summary): what its mapping word
 * means, where the share count is, and which refcount is "idle". Checks
 * ask this, never the version.
 */
#ifndef DXI_KERN_RULES_H
#define DXI_KERN_RULES_H

#include <daxinspect/model.h>

#include "kernel.h"
#include "page.h"



const char *dxi_assoc_name(enum dxi_assoc a);
void dxi_page_view(const struct dxi_kernel *k, enum dxi_memtype type,
		   const struct dxi_page *p, struct dxi_page_view *v);
/* True when a page of this type is in its idle state (nothing to show). */
bool dxi_page_is_idle(const struct dxi_page_view *v);

/* GUP_PIN_COUNTING_BIAS (include/linux/mm.h): FOLL_PIN adds 1024 on
 * non-compound pages. */
#define DXI_GUP_PIN_BIAS 1024

#endif
