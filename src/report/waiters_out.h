/* SPDX-License-Identifier: MIT */
/* The tasks sleeping on a held page (kern/waiters.h), under its finding. */
#ifndef DXI_REPORT_WAITERS_OUT_H
#define DXI_REPORT_WAITERS_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "../checks/audit.h"
#include "../util/json.h"

/* "          blocked: pid ..." lines, one per waiter on x's pages. */
void dxi_waiters_text(const struct dxi_audit *a, const struct dxi_finding *x,
		      bool addresses, FILE *f);
/* For the findings dxi_finding_has_waiters() names: "waiters": [...]
 * when tasks wait on the page (absent when none do), or "waiters": null
 * and "waiters_unknown": why, when the wait table could not be read;
 * nothing when the type source cannot describe it (an older profile). */
void dxi_waiters_json(struct dxi_json *j, const struct dxi_audit *a,
		      const struct dxi_finding *x, bool addresses);

#endif
