// SPDX-License-Identifier: MIT
/* The check table, made from check_list.h: adding a check is one file
 * and one line there (docs/design.md#check-model, docs/README.md). */

#include "checks.h"

static const struct dxi_check *const builtin[] = {
#define DXI_CHECK(name) &dxi_check_##name,
#include "check_list.h"
#undef DXI_CHECK
};

const struct dxi_check *const *dxi_checks(size_t *n)
{
	*n = sizeof(builtin) / sizeof(builtin[0]);
	return builtin;
}

bool dxi_check_is_builtin(const struct dxi_check *c)
{
	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++) {
		if (builtin[i] == c)
			return true;
	}
	return false;
}
