/* SPDX-License-Identifier: MIT */
/*
 * VMCOREINFO: the KEY=VALUE note the kernel writes for dump tools
 * (kernel/crash_core.c, kernel/vmcore_info.c from 6.9; x86 additions in
 * arch/x86/kernel/machine_kexec_64.c arch_crash_save_vmcoreinfo()).
 */
#ifndef DXI_TARGET_VMCOREINFO_H
#define DXI_TARGET_VMCOREINFO_H

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
};

/* Parses the raw note text; missing essentials are errors. */
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
