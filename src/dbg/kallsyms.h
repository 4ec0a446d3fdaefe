/* SPDX-License-Identifier: MIT */
/*
 * Kernel symbols from the compressed kallsyms tables in dump memory
 * (kallsyms.c); btf.c answers symbol queries with them. The pure pieces
 * are exposed for unit tests.
 */
#ifndef DXI_DBG_KALLSYMS_H
#define DXI_DBG_KALLSYMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../dump/target.h"
#include "../util/strmap.h"

struct dxi_kallsyms;

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
