/* SPDX-License-Identifier: MIT */
/*
 * Types and symbols from the dump alone: the kernel's own BTF
 * (CONFIG_DEBUG_INFO_BTF, the .BTF section between __start_BTF and
 * __stop_BTF) parsed with libbpf, and symbols from the compressed kallsyms
 * tables whose addresses VMCOREINFO exports (kernel/crash_core.c
 * crash_save_vmcoreinfo_init() from 6.0; kernel/vmcore_info.c from 6.9).
 * No vmlinux, no profile: enough for every query in dxi_layout_queries().
 *
 * kallsyms.c decodes the symbol tables; btf.c implements struct
 * dxi_types_ops over libbpf. The pure pieces are exposed for unit tests.
 */
#ifndef DXI_DBG_BTF_H
#define DXI_DBG_BTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../target/target.h"
#include "../util/strmap.h"
#include "profile.h"
#include "types.h"

struct dxi_kallsyms;

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

/* The kallsyms tables, copied out of the dump (kernel/kallsyms.c). */
struct dxi_kallsyms_tables {
	const uint8_t *names;		/* kallsyms_names */
	size_t names_len;		/* bytes readable at names */
	const char *token_table;	/* kallsyms_token_table */
	size_t token_table_len;
	const uint16_t *token_index;	/* 256 entries */
	const uint32_t *offsets;	/* kallsyms_offsets, num_syms entries */
	const uint64_t *addresses;	/* kallsyms_addresses (absolute), or NULL */
	uint32_t num_syms;
	uint64_t offsets_addr;		/* runtime address of kallsyms_offsets */
	uint64_t relative_base;		/* kallsyms_relative_base, if has_ */
	bool has_relative_base;
	uint64_t stext;			/* runtime _stext: picks the encoding */
	/* Only these names are indexed (NULL: all). Decoding every name is
	 * needed anyway; indexing 200k of them is most of the cost. */
	const struct dxi_strmap *wanted;
};

/* How kallsyms_offsets encodes an address (kallsyms_sym_address()). */
enum dxi_kallsyms_enc {
	DXI_KALLSYMS_ABSOLUTE,		/* kallsyms_addresses[] */
	DXI_KALLSYMS_BASE_RELATIVE,	/* relative_base + (u32)off */
	DXI_KALLSYMS_ABSOLUTE_PERCPU,	/* off >= 0 ? off : base - 1 - off */
	DXI_KALLSYMS_PLACE_RELATIVE,	/* &offsets[i] + (s32)off, 7.0+ */
};

/*
 * Expands the name at *pos in tab->names into name (without the type
 * character, which goes to *type) and advances *pos to the next name.
 * A length or token outside the tables is DXI_ERR_CORRUPT.
 */
struct dxi_error *dxi_kallsyms_expand(const struct dxi_kallsyms_tables *tab,
				      size_t *pos, char *name, size_t size,
				      char *type);
/* The runtime address of symbol i under an encoding. */
uint64_t dxi_kallsyms_address(const struct dxi_kallsyms_tables *tab,
			      enum dxi_kallsyms_enc enc, uint32_t i);

/* Decodes every name and address; the encoding is the one that puts
 * "_stext" at tab->stext. */
struct dxi_error *dxi_kallsyms_build(const struct dxi_kallsyms_tables *tab,
				     struct dxi_kallsyms **out);
/* Reads the tables from the dump (one read per table) and builds them. */
struct dxi_error *dxi_kallsyms_load(struct dxi_target *t,
				    const struct dxi_strmap *wanted,
				    struct dxi_kallsyms **out);
/* Runtime address of a symbol; false if kallsyms does not list it. */
bool dxi_kallsyms_lookup(const struct dxi_kallsyms *ks, const char *name,
			 uint64_t *addr);
uint32_t dxi_kallsyms_count(const struct dxi_kallsyms *ks);
enum dxi_kallsyms_enc dxi_kallsyms_encoding(const struct dxi_kallsyms *ks);
void dxi_kallsyms_free(struct dxi_kallsyms *ks);

#endif
