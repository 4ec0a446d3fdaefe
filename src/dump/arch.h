/* SPDX-License-Identifier: MIT */
/*
 * The architectures daxinspect reads, as a table (modelled on drgn's
 * libdrgn/platform.h struct drgn_architecture_info): one const instance
 * per architecture (x86_64.c, aarch64.c), chosen once per dump from its
 * ELF machine, its kdump header or its VMCOREINFO (arch.c). Everything
 * that differs between them (what VMCOREINFO says, the page-table walk,
 * where the kernel image, the direct map and the vmemmap live) is reached
 * through the instance: callers have no architecture ifs.
 */
#ifndef DXI_DUMP_ARCH_H
#define DXI_DUMP_ARCH_H

#include <stdint.h>

#include "../util/error.h"

struct dxi_target;

/* Where the direct map and the vmemmap are, for kernels that keep no
 * page_offset_base / vmemmap_base variables (x86-64 without
 * CONFIG_RANDOMIZE_MEMORY; arm64 always). The struct page of pfn p is at
 * vmemmap_start + (p - vmemmap_first_pfn) * sizeof(struct page). */
struct dxi_placement {
	uint64_t page_offset;
	uint64_t vmemmap_start;
	uint64_t vmemmap_first_pfn;
};

struct dxi_arch {
	const char *name;	/* "x86_64", "aarch64": libkdumpfile's arch.name */
	uint16_t e_machine;	/* EM_X86_64, EM_AARCH64 */
	/* A line VMCOREINFO carries only on this architecture, to tell a
	 * dump whose header does not say (QEMU's kdump header: "Unknown"). */
	const char *vmcoreinfo_marker;
	/* Reads the translation state from t->vmcoreinfo_raw / t->vmci into
	 * t (pgd_phys, pt_levels, the linear ranges, placement); an error
	 * refuses the dump in one line (16K pages, an unknown VA size). */
	struct dxi_error *(*setup)(struct dxi_target *t);
	/* Walks the page tables at t->pgd_phys for a kernel address: the
	 * physical address and the size of the page or block mapping it. */
	struct dxi_error *(*walk)(struct dxi_target *t, uint64_t vaddr,
				  uint64_t *paddr, uint64_t *page_size);
	/* How far the direct map reaches from a base the kernel layer learns
	 * from memory (x86-64 page_offset_base); 0: setup knows it already. */
	uint64_t direct_map_span;
};

extern const struct dxi_arch dxi_arch_x86_64;
extern const struct dxi_arch dxi_arch_aarch64;

/* The instance for an ELF e_machine or a libkdumpfile / uname machine
 * name; NULL if daxinspect does not read that architecture. */
const struct dxi_arch *dxi_arch_of_machine(uint16_t e_machine);
const struct dxi_arch *dxi_arch_of_name(const char *name);
/* From VMCOREINFO alone: the architecture whose marker it carries;
 * x86-64 (the first supported, and what a marker-less synthetic note
 * means) when none does. */
const struct dxi_arch *dxi_arch_of_vmcoreinfo(const char *raw);

#endif
