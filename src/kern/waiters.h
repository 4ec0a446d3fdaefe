/* SPDX-License-Identifier: MIT */
/*
 * Tasks sleeping in wait_var_event(): the entries on the kernel's hashed
 * bit_wait_table[] whose wake function is var_wake_function, with the
 * variable each waits on (wait_bit_key.flags) and its task
 * (wait_queue_entry.private). The filesystems' break-layouts wait
 * (ext4_break_layouts, xfs_break_dax_layouts: ___wait_var_event on
 * &page->_refcount) is one, so a busy DAX page's waiters are the tasks
 * whose key lies in its struct page (docs/kernel-facts.md#layout-waiters).
 */
#ifndef DXI_KERN_WAITERS_H
#define DXI_KERN_WAITERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

struct dxi_waiter {
	uint64_t key;		/* wait_bit_key.flags: the address waited on */
	uint64_t entry;		/* the wait_bit_queue_entry */
	uint64_t task;		/* wait_queue_entry.private */
	int64_t pid, tgid;	/* -1: unreadable */
	char comm[32];
	bool has_state;
	uint32_t state;		/* task_struct.__state (or state) */
	bool on_stack;		/* the entry lies in the task's kernel stack */
	int64_t syscall;	/* x86-64 pt_regs->orig_ax at the stack top; -1 unknown */
};

struct dxi_waiters {
	bool walked;		/* false: why says what was missing */
	bool no_types;		/* not walked: the type source lacks a member or symbol */
	char why[256];
	struct dxi_waiter *w;
	size_t n;
	uint64_t heads, entries; /* wait queue heads and entries read */
};

/* Walks bit_wait_table once. Only running out of memory is an error;
 * missing types or unreadable memory leave walked false with why set,
 * a damaged list is cut short (why says where). */
struct dxi_error *dxi_waiters_walk(struct dxi_kernel *k, struct dxi_waiters *out);
void dxi_waiters_free(struct dxi_waiters *w);

/* The letter of fs/proc/array.c's task_state_array ("S", "D", ...) and
 * its word; "?" when the state is no single reported one. */
const char *dxi_task_state_letter(uint32_t state);
const char *dxi_task_state_word(uint32_t state);
/* "ftruncate", ... for the x86-64 syscalls that can wait on a DAX page;
 * NULL for any other number. */
const char *dxi_syscall_name(int64_t nr);

#endif
