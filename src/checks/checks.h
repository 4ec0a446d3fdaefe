/* SPDX-License-Identifier: MIT */
/* The built-in check descriptors; the table is in checks.c. */
#ifndef DXI_CHECKS_CHECKS_H
#define DXI_CHECKS_CHECKS_H

#include "audit.h"

extern const struct dxi_check dxi_check_leaked_ref;
extern const struct dxi_check dxi_check_busy_page;
extern const struct dxi_check dxi_check_refcount_underflow;
extern const struct dxi_check dxi_check_mapping_mismatch;
extern const struct dxi_check dxi_check_stale_mapping;
extern const struct dxi_check dxi_check_share_mismatch;
extern const struct dxi_check dxi_check_bad_entry;
extern const struct dxi_check dxi_check_unreadable;

#endif
