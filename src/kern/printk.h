/* SPDX-License-Identifier: MIT */
/*
 * The kernel log: the lockless printk ring buffer of 5.10 and later
 * (kernel/printk/printk_ringbuffer.[ch]), located and laid out entirely by
 * VMCOREINFO (log_buf_vmcoreinfo_setup() in kernel/printk/printk.c exports
 * SYMBOL(prb) and every offset), so no type information is needed.
 * See docs/kernel-facts.md#printk-ringbuffer.
 */
#ifndef DXI_KERN_PRINTK_H
#define DXI_KERN_PRINTK_H

#include <stddef.h>
#include <stdint.h>

#include "../dump/target.h"

struct dxi_printk_record {
	uint64_t seq;
	uint64_t ts_nsec;	/* local_clock() at printk time */
	uint32_t caller_id;	/* 0x80000000 | cpu, or a pid */
	const char *text;	/* not NUL-terminated */
	size_t len;
};

/* Called for every committed record, oldest first; non-zero stops. */
typedef int dxi_printk_fn(const struct dxi_printk_record *r, void *arg);

/*
 * Walks the ring buffer of t. Errors: DXI_ERR_NOTFOUND when
 * VMCOREINFO describes no lockless ring buffer (a kernel before 5.10),
 * DXI_ERR_CORRUPT when its sizes are absurd, and read errors of the ring's
 * own header.
 */
struct dxi_error *dxi_printk_walk(struct dxi_target *t, dxi_printk_fn *fn,
				  void *arg);

#endif
