/* SPDX-License-Identifier: MIT */
/*
 * What the kernel log says about how the dump came to be: the panic
 * message, and the warnings, BUGs and oopses raised in DAX code (fs/dax.c,
 * mm/memremap.c, mm/gup.c, the filesystems' DAX paths). Read from the
 * printk ring buffer (printk.h); the line formats are those of
 * kernel/panic.c __warn() / panic() and lib/bug.c report_bug().
 * See docs/kernel-facts.md#kernel-log-events.
 */
#ifndef DXI_KERN_KLOG_H
#define DXI_KERN_KLOG_H

#include <stdbool.h>
#include <stdint.h>

#include "../dump/target.h"

#define DXI_KLOG_MAX_EVENTS 16

struct dxi_klog_event {
	char kind[16];		/* "WARNING", "BUG", "Oops" */
	char file[64];		/* "fs/dax.c" */
	unsigned line;
	char func[64];		/* "dax_disassociate_entry" */
	int cpu, pid;		/* -1 unknown */
	char comm[32];		/* from the "CPU: 0 PID: 102 Comm: holdmap" line */
	uint64_t ts_nsec;
};

struct dxi_klog {
	bool scanned;		/* dxi_kernel_klog's cache is filled */
	bool readable;		/* the ring buffer could be read */
	char unreadable_why[160];
	bool panicked;
	char panic[160];	/* "Kernel panic - not syncing: ..." text */
	uint64_t panic_ts_nsec, last_ts_nsec;
	unsigned nwarnings;	/* every WARNING/BUG/Oops, DAX or not */
	unsigned nevents;	/* the DAX-related ones, at most DXI_KLOG_MAX_EVENTS */
	struct dxi_klog_event events[DXI_KLOG_MAX_EVENTS];
};

/* Never fails: an unreadable log is recorded in out->readable/why. */
void dxi_klog_scan(struct dxi_target *t, struct dxi_klog *out);
/* The kernel's log, scanned once per dump and kept with k (a live
 * kernel's is scanned again on each call: it keeps writing). Never NULL. */
struct dxi_kernel;
const struct dxi_klog *dxi_kernel_klog(const struct dxi_kernel *k);

/*
 * Can this warning explain a finding of check id? By the function that
 * warned: dax_disassociate_entry() warns of a page truncated with extra
 * references (leaked-ref, busy-page), dax_associate_entry() and
 * dax_insert_entry() of a page that already has an owner (mapping-mismatch,
 * stale-mapping, share-mismatch); see docs/kernel-facts.md#kernel-log-events.
 */
bool dxi_klog_explains(const struct dxi_klog_event *e, const char *check);

/* Is a source file DAX code (its warnings can explain DAX findings)? */
bool dxi_klog_dax_file(const char *file);

#endif
