/* SPDX-License-Identifier: MIT */
/* A walk problem (struct dxi_walk_problem, model.h): what every walk in
 * kern/ records where a kernel structure is damaged or unreadable. */
#ifndef DXI_KERN_PROBLEM_H
#define DXI_KERN_PROBLEM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <daxinspect/model.h>

/* Fills p, zeroed first: the inode (UINT32_MAX: none) and index it is
 * about, the kernel address, whether it is unreadable memory, whether
 * entries may have been missed, and the message. */
void dxi_walk_problem_vset(struct dxi_walk_problem *p, uint32_t inode,
			   uint64_t index, uint64_t addr, bool unreadable,
			   bool hides, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));

#endif
