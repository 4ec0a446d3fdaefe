/* SPDX-License-Identifier: MIT */
/*
 * VMCOREINFO: the KEY=VALUE note the kernel writes for dump tools
 * (kernel/crash_core.c, kernel/vmcore_info.c from 6.9; x86 additions in
 * arch/x86/kernel/machine_kexec_64.c arch_crash_save_vmcoreinfo()).
 */
#ifndef DXI_DUMP_VMCOREINFO_H
#define DXI_DUMP_VMCOREINFO_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/error.h"

struct dxi_vmcoreinfo {
	char osrelease[128];
	char build_id[128];	/* hex, as the kernel prints it; "" if absent */
	uint64_t page_size;
	uint64_t kernel_offset;	/* KERNELOFFSET (KASLR text slide) */
	bool has_kernel_offset;
	uint64_t phys_base;	/* NUMBER(phys_base) */
	bool has_phys_base;
	uint64_t init_top_pgt;	/* SYMBOL(init_top_pgt), relocated */
	uint64_t sme_mask;
	bool pgtable_l5;
	/* Fields present but damaged (too long, not a number): each left
	 * at its default for the kernel layer to recover from memory. */
	unsigned damaged;	/* DXI_VMCI_* */
	char damage[160];	/* the first, in one short line: "OSRELEASE is ..." */
};

#define DXI_VMCI_OSRELEASE 0x1
#define DXI_VMCI_BUILD_ID 0x2
#define DXI_VMCI_PAGESIZE 0x4
#define DXI_VMCI_KERNELOFFSET 0x8
#define DXI_VMCI_PHYS_BASE 0x10
#define DXI_VMCI_TOP_PGT 0x20
#define DXI_VMCI_SME_MASK 0x40
#define DXI_VMCI_L5 0x80
/* Without these no kernel address can be read, so nothing in memory can
 * stand in for them. */
#define DXI_VMCI_NEEDED_TO_READ \
	(DXI_VMCI_KERNELOFFSET | DXI_VMCI_PHYS_BASE | DXI_VMCI_TOP_PGT)
/* __NEW_UTS_LEN (include/uapi/linux/utsname.h) */
#define DXI_UTS_LEN 64

/* A release string's major*100+minor ("6.12.0-1-amd64" is 612), the one
 * way releases are compared (the known-bug table, the era fallback);
 * 0 when it does not start with MAJOR.MINOR. */
#define DXI_RELEASE(major, minor) ((major) * 100u + (minor))
unsigned dxi_release_number(const char *release);

/* The oldest kernel daxinspect reads (docs/kernel-facts.md#oldest-kernel):
 * 5.10, where struct dev_pagemap got its ranges (range, nr_range) in
 * place of one struct resource; DAX entries are xarray value entries from
 * 4.20. NULL when the release is 5.10 or later (or not MAJOR.MINOR: the
 * layout then decides), else the error naming the release. */
#define DXI_OLDEST_RELEASE DXI_RELEASE(5, 10)
struct dxi_error *dxi_release_supported(const char *release);

/* Parses the raw note text; missing essentials are errors, damaged
 * fields are recorded in out->damaged and out->damage. */
struct dxi_error *dxi_vmcoreinfo_parse(const char *raw,
				       struct dxi_vmcoreinfo *out);
/* Looks up KEY in raw; returns a pointer to its value (up to '\n') and
 * its length, or NULL. */
const char *dxi_vmcoreinfo_lookup(const char *raw, const char *key,
				  size_t *len);
/* Looks up SYMBOL(name) / NUMBER(name) / OFFSET(type.member) / SIZE(type)
 * style keys as numbers (SYMBOL and hex keys base 16, NUMBER/OFFSET/SIZE
 * base 10). */
bool dxi_vmcoreinfo_number(const char *raw, const char *key, int base,
			   uint64_t *out);

#endif
