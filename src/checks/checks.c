// SPDX-License-Identifier: MIT
/* The check table: adding a check is one file and one line here
 * (docs/design.md#check-model, docs/README.md). */

#include "checks.h"

static const struct dxi_check *const builtin[] = {
	&dxi_check_leaked_ref,
	&dxi_check_busy_page,
	&dxi_check_refcount_underflow,
	&dxi_check_mapping_mismatch,
	&dxi_check_stale_mapping,
	&dxi_check_share_mismatch,
	&dxi_check_bad_entry,
	&dxi_check_unreadable,
};

const struct dxi_check *const *dxi_checks(size_t *n)
{
	*n = sizeof(builtin) / sizeof(builtin[0]);
	return builtin;
}
