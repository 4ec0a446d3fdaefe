/* SPDX-License-Identifier: MIT */
/* The kernel log's panic and DAX warnings (kern/klog.h) in reports. */
#ifndef DXI_REPORT_KLOG_OUT_H
#define DXI_REPORT_KLOG_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "../kern/klog.h"
#include "../util/json.h"

/* One event: "WARNING at fs/dax.c:398 in dax_disassociate_entry (CPU 0,
 * PID 102 holdmap) at 3.361639 s". */
void dxi_klog_event_text(const struct dxi_klog_event *e, FILE *f);
/* info's lines: panic, DAX warnings (or why the log is unreadable). */
void dxi_klog_info_text(const struct dxi_klog *l, FILE *f);
/* check's header line, only when there is something to say. */
void dxi_klog_summary_text(const struct dxi_klog *l, FILE *f);
/* "kernel_log": {readable, panic, panic_ts_nsec, warnings, dax_events[]} */
void dxi_klog_json(struct dxi_json *j, const struct dxi_klog *l);

#endif
