/* SPDX-License-Identifier: MIT */
/*
 * Types and symbols from the dump alone: the kernel's own BTF
 * (CONFIG_DEBUG_INFO_BTF, the .BTF section between __start_BTF and
 * __stop_BTF) parsed with libbpf, and symbols from the compressed kallsyms
 * tables whose addresses VMCOREINFO exports (kernel/crash_core.c
 * crash_save_vmcoreinfo_init() from 6.0; kernel/vmcore_info.c from 6.9).
 * No vmlinux, no profile: enough for every query in dxi_layout_queries().
 *
 * kallsyms.c decodes the symbol tables (kallsyms.h); btf.c implements
 * struct dxi_types_ops over libbpf.
 */
#ifndef DXI_DBG_BTF_H
#define DXI_DBG_BTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../dump/target.h"
#include "kallsyms.h"
#include "profile.h"
#include "types.h"

/*
 * Opens the BTF and kallsyms of the dump's kernel. queries (n of them, or
 * NULL for all) are what the caller will ask: only their symbols, types
 * and enumerators are indexed up front, and anything else asked later
 * costs one full index. A kernel without BTF or
 * kallsyms in VMCOREINFO, or tables filtered out of the dump, gives
 * DXI_ERR_DEBUGINFO naming what is missing and what to install.
 */
struct dxi_error *dxi_btf_open(struct dxi_target *t,
			       const struct dxi_query *queries, size_t n,
			       struct dxi_types **out);

/*
 * Builds types from a raw BTF blob (copied). ks (may be NULL) answers
 * symbol queries and is owned by the result, also on failure; its runtime
 * kernel-image addresses are made link-time by subtracting kernel_offset.
 * origin is where the blob came from (the dump's path): the types' path,
 * and "the BTF of ORIGIN" in messages. queries as for dxi_btf_open().
 */
struct dxi_error *dxi_btf_from_blob(const void *blob, size_t size,
				    const char *origin,
				    struct dxi_kallsyms *ks,
				    uint64_t kernel_offset,
				    const struct dxi_query *queries, size_t n,
				    struct dxi_types **out);

/*
 * Types from a file (profile extract --btf): a raw BTF blob, or an ELF64
 * vmlinux's .BTF section; the build-id comes from its GNU note and
 * release (release_size bytes) from its banner, "" when absent. With
 * sysmap, symbols come from that System.map (sysmap.h).
 */
struct dxi_error *dxi_btf_open_file(const char *path, const char *sysmap,
				    const struct dxi_query *q, size_t n,
				    struct dxi_types **out, char *release,
				    size_t release_size);

#endif
