/* SPDX-License-Identifier: MIT */
/* How the dump was taken (kern/crashctx.h) in reports. */
#ifndef DXI_REPORT_CRASH_OUT_H
#define DXI_REPORT_CRASH_OUT_H

#include <stdio.h>

#include "../kern/crashctx.h"
#include "../util/json.h"

/* info's lines: crashing CPU and task, what each CPU ran, taint, time. */
void dxi_crash_info_text(const struct dxi_crashctx *c, FILE *f);
/* check's one header line. */
void dxi_crash_summary_text(const struct dxi_crashctx *c, FILE *f);
/* "crash": { panic_cpu, crashing_cpu, cpu, task, cpus[], notes, taint,
 * uptime_nsec, time, unread[] } (docs/json-schema.md) */
void dxi_crash_json(struct dxi_json *j, const struct dxi_crashctx *c);

#endif
