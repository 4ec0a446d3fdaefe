// SPDX-License-Identifier: MIT
/*
 * Kernel symbols from the compressed kallsyms tables in dump memory.
 *
 * Names (kernel/kallsyms.c kallsyms_expand_symbol()): kallsyms_names is a
 * run of entries, each a token count (one byte, or two when the first has
 * bit 7 set: "big" symbols, 6.1+) then that many bytes, each an index into
 * kallsyms_token_index, which gives the offset of a NUL-terminated token in
 * kallsyms_token_table. The first character of the expansion is the nm
 * type. Nothing marks the two-byte form; we always read it. Before 6.1
 * names were capped at KSYM_NAME_LEN 128, so a count >= 0x80 needs an
 * incompressible 127-character name: drgn guesses by release instead, we
 * accept that theoretical misreading of pre-6.1 kernels (VMCOREINFO has
 * no kallsyms before 6.0 anyway).
 *
 * Addresses (kallsyms_sym_address()) come in four encodings; nothing in
 * the dump says which, so, as drgn's libdrgn/kallsyms.c does, we try each
 * on _stext, whose runtime address VMCOREINFO gives, and keep the one that
 * matches.
 *
 * Every table is read in one request, bounded by the next table: they are
 * emitted in a fixed order (scripts/kallsyms.c write_src(): names,
 * markers, seqs_of_names, token_table, token_index), so kallsyms_names
 * ends before kallsyms_token_table, which ends before kallsyms_token_index.
 */
#include "kallsyms.h"

#include <stdlib.h>
#include <string.h>

#include "../util/nameindex.h"
#include "../util/vec.h"

#define KSYM_NAME_MAX 1024		/* KSYM_NAME_LEN is 512 since 6.1 */

DXI_VEC(charvec, char);

/* All names in one arena, indexed by symbol number (nameindex.h). */
struct dxi_kallsyms {
	struct charvec names;	/* NUL-separated */
	uint32_t *name_off;	/* per symbol */
	uint64_t *addr;		/* per symbol, runtime */
	struct dxi_nameindex index;	/* name -> symbol number */
	uint32_t count;
	enum dxi_kallsyms_enc enc;
};

static const char *symbol_name(const void *owner, uint64_t i, unsigned *cls)
{
	const struct dxi_kallsyms *ks = owner;

	*cls = 0;
	return ks->names.data + ks->name_off[i];
}

static bool arena_add(struct dxi_kallsyms *ks, const char *name, uint32_t i)
{
	size_t len = strlen(name) + 1;

	if (!charvec_reserve(&ks->names, ks->names.len + len))
		return false;
	memcpy(ks->names.data + ks->names.len, name, len);
	ks->name_off[i] = (uint32_t)ks->names.len;
	ks->names.len += len;
	return true;
}

/* The 256 tokens, checked once, so names expand by memcpy. */
struct tokens {
	const char *str[256];
	uint8_t len[256];
};

static struct dxi_error *tokens_init(const struct dxi_kallsyms_tables *tab,
				     struct tokens *t)
{
	for (int b = 0; b < 256; b++) {
		size_t tok = tab->token_index[b], n = 0;

		if (tok >= tab->token_table_len)
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "kallsyms token %d is outside kallsyms_token_table",
					     b);
		while (tok + n < tab->token_table_len && tab->token_table[tok + n])
			n++;
		if (n > 255 || tok + n >= tab->token_table_len)
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "kallsyms token %d is not terminated", b);
		t->str[b] = tab->token_table + tok;
		t->len[b] = (uint8_t)n;
	}
	return NULL;
}

/* The entry at *pos: its tokens are names[*start, *start + *len); *pos
 * moves to the next entry. */
static struct dxi_error *entry_span(const struct dxi_kallsyms_tables *tab,
				    size_t *pos, size_t *start, size_t *len)
{
	size_t p = *pos, n;

	if (p >= tab->names_len)
		goto overrun;
	n = tab->names[p++];
	if (n & 0x80) {
		if (p >= tab->names_len)
			goto overrun;
		if (tab->names[p] & 0x80)
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "kallsyms_names: 3-byte length at offset %zu",
					     *pos);
		n = (n & 0x7f) | ((size_t)tab->names[p++] << 7);
	}
	if (n == 0 || n > tab->names_len - p)
		goto overrun;
	*start = p;
	*len = n;
	*pos = p + n;
	return NULL;
overrun:
	return dxi_error_new(DXI_ERR_CORRUPT,
			     "kallsyms_names entry at offset %zu runs past the table (%zu bytes)",
			     *pos, tab->names_len);
}

/* Expands len tokens into name, the first character (the nm type) into
 * *type. */
static struct dxi_error *expand(const struct tokens *t, const uint8_t *tok,
				size_t len, size_t at, char *name, size_t size,
				char *type)
{
	size_t out = 0;

	for (size_t i = 0; i < len; i++) {
		uint8_t b = tok[i];

		if (out + t->len[b] + 1 >= size)
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "kallsyms name at offset %zu is longer than %zu bytes",
					     at, size - 2);
		memcpy(name + out, t->str[b], t->len[b]);
		out += t->len[b];
	}
	if (!out)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "kallsyms name at offset %zu is empty", at);
	*type = name[0];
	memmove(name, name + 1, out - 1);
	name[out - 1] = '\0';
	return NULL;
}

struct dxi_error *dxi_kallsyms_expand(const struct dxi_kallsyms_tables *tab,
				      size_t *pos, char *name, size_t size,
				      char *type)
{
	struct tokens tokens;
	struct dxi_error *err;
	size_t at = *pos, p = *pos, start, len;

	err = tokens_init(tab, &tokens);
	if (!err)
		err = entry_span(tab, &p, &start, &len);
	if (!err)
		err = expand(&tokens, tab->names + start, len, at, name, size,
			     type);
	if (!err)
		*pos = p;
	return err;
}

uint64_t dxi_kallsyms_address(const struct dxi_kallsyms_tables *tab,
			      enum dxi_kallsyms_enc enc, uint32_t i)
{
	/* Absolute tables have no kallsyms_offsets (offsets is NULL). */
	int32_t s = enc == DXI_KALLSYMS_ABSOLUTE ? 0 : (int32_t)tab->offsets[i];

	switch (enc) {
	case DXI_KALLSYMS_ABSOLUTE:
		return tab->addresses[i];
	case DXI_KALLSYMS_BASE_RELATIVE:
		return tab->relative_base + tab->offsets[i];
	case DXI_KALLSYMS_ABSOLUTE_PERCPU:
		/* Per-CPU symbols are small absolute values, the rest
		 * negated offsets from relative_base - 1 (<= 6.14). */
		return s >= 0 ? (uint64_t)s :
				tab->relative_base - 1 - (int64_t)s;
	case DXI_KALLSYMS_PLACE_RELATIVE:
		return tab->offsets_addr + 4ull * i + (int64_t)s;
	}
	return 0;
}

static bool pick_encoding(const struct dxi_kallsyms_tables *tab, uint32_t i,
			  enum dxi_kallsyms_enc *enc)
{
	static const enum dxi_kallsyms_enc order[] = {
		DXI_KALLSYMS_BASE_RELATIVE,
		DXI_KALLSYMS_ABSOLUTE_PERCPU,
		DXI_KALLSYMS_PLACE_RELATIVE,
	};

	if (tab->addresses) {
		*enc = DXI_KALLSYMS_ABSOLUTE;
		return tab->addresses[i] == tab->stext;
	}
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		if (order[k] != DXI_KALLSYMS_PLACE_RELATIVE &&
		    !tab->has_relative_base)
			continue;
		if (dxi_kallsyms_address(tab, order[k], i) == tab->stext) {
			*enc = order[k];
			return true;
		}
	}
	return false;
}

/*
 * Which names are worth expanding: a bit-parallel match of a symbol's
 * tokens against _stext and the wanted names, one bit per name. at[k][c]
 * holds the names whose character k is c; ANDing along the name leaves
 * the names it can still be, and nearly every symbol drops to none within
 * its first few characters, before anything is copied. More than 64
 * wanted names, or one longer than FILTER_LEN, turn the filter off.
 */
#define FILTER_LEN 64

struct name_filter {
	bool on;
	uint64_t at[FILTER_LEN][128];
	uint64_t len[FILTER_LEN + 1];	/* names of exactly this length */
};

static void filter_init(const struct dxi_kallsyms_tables *tab,
			struct name_filter *f)
{
	unsigned bit = 0;

	memset(f, 0, sizeof(*f));
	if (!tab->wanted || tab->wanted->len + 1 > 64)
		return;
	for (size_t i = 0; i <= tab->wanted->cap; i++) {
		const char *w = i < tab->wanted->cap ? tab->wanted->slots[i].key :
						       "_stext";
		size_t n;

		if (!w)
			continue;
		n = strlen(w);
		if (n > FILTER_LEN)
			return;
		for (size_t k = 0; k < n; k++) {
			if ((unsigned char)w[k] >= 128)
				return;
			f->at[k][(unsigned char)w[k]] |= 1ull << bit;
		}
		f->len[n] |= 1ull << bit;
		bit++;
	}
	f->on = true;
}

static bool filter_pass(const struct name_filter *f, const struct tokens *t,
			const uint8_t *tok, size_t len)
{
	uint64_t alive = ~0ull;
	size_t k = 0;
	bool type = true;	/* the first character is the nm type */

	if (!f->on)
		return true;
	for (size_t i = 0; i < len; i++) {
		const char *s = t->str[tok[i]];

		for (size_t j = 0; j < t->len[tok[i]]; j++) {
			unsigned char c = (unsigned char)s[j];

			if (type) {
				type = false;
				continue;
			}
			if (k >= FILTER_LEN || c >= 128)
				return false;
			alive &= f->at[k++][c];
			if (!alive)
				return false;
		}
	}
	return alive & f->len[k];
}

/* The arrays for num_syms symbols and the index for the wanted ones. */
static struct dxi_kallsyms *kallsyms_alloc(const struct dxi_kallsyms_tables *tab)
{
	struct dxi_kallsyms *ks = calloc(1, sizeof(*ks));

	if (!ks)
		return NULL;
	ks->name_off = calloc(tab->num_syms ? tab->num_syms : 1,
			      sizeof(*ks->name_off));
	ks->addr = calloc(tab->num_syms ? tab->num_syms : 1,
			  sizeof(*ks->addr));
	if (!ks->name_off || !ks->addr ||
	    !dxi_nameindex_init(&ks->index,
				tab->wanted ? tab->wanted->len + 1 : tab->num_syms,
				symbol_name, ks)) {
		dxi_kallsyms_free(ks);
		return NULL;
	}
	return ks;
}

/* Decodes every name, indexes the wanted ones, and finds _stext. */
static struct dxi_error *index_names(const struct dxi_kallsyms_tables *tab,
				     const struct tokens *tokens,
				     const struct name_filter *filter,
				     struct dxi_kallsyms *ks,
				     uint64_t *stext_idx)
{
	char name[KSYM_NAME_MAX];
	struct dxi_error *err;
	size_t pos = 0;

	*stext_idx = UINT64_MAX;
	for (uint32_t i = 0; i < tab->num_syms; i++) {
		size_t at = pos, start, len;
		uint64_t unused;
		char type;

		err = entry_span(tab, &pos, &start, &len);
		if (err)
			return err;
		if (!filter_pass(filter, tokens, tab->names + start, len))
			continue;
		err = expand(tokens, tab->names + start, len, at, name,
			     sizeof(name), &type);
		if (err)
			return err;
		if (!name[0])
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "kallsyms symbol %u has an empty name",
					     i);
		if (*stext_idx == UINT64_MAX && !strcmp(name, "_stext"))
			*stext_idx = i;
		if (tab->wanted && !dxi_strmap_get(tab->wanted, name, &unused))
			continue;
		/* The first of duplicate names wins, as in an ELF symbol
		 * table. */
		if (!arena_add(ks, name, i) || !dxi_nameindex_add(&ks->index, i))
			return &dxi_error_nomem;
	}
	return NULL;
}

/* Addresses under ks->enc: only the indexed names are ever looked up. */
static void fill_addresses(const struct dxi_kallsyms_tables *tab,
			   struct dxi_kallsyms *ks)
{
	if (tab->wanted) {
		for (size_t i = 0; i <= ks->index.mask; i++) {
			uint64_t v = ks->index.slots[i];

			if (v)
				ks->addr[v - 1] = dxi_kallsyms_address(tab, ks->enc,
								       (uint32_t)(v - 1));
		}
	} else {
		for (uint32_t i = 0; i < tab->num_syms; i++)
			ks->addr[i] = dxi_kallsyms_address(tab, ks->enc, i);
	}
}

struct dxi_error *dxi_kallsyms_build(const struct dxi_kallsyms_tables *tab,
				     struct dxi_kallsyms **out)
{
	struct name_filter *filter = NULL;
	struct dxi_kallsyms *ks;
	struct dxi_error *err = NULL;
	uint64_t stext_idx;
	struct tokens tokens;

	if (!tab->addresses && !tab->offsets)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "kallsyms has neither kallsyms_offsets nor kallsyms_addresses");
	ks = kallsyms_alloc(tab);
	filter = malloc(sizeof(*filter)); /* 64 KiB */
	if (!ks || !filter) {
		err = &dxi_error_nomem;
		goto fail;
	}
	err = tokens_init(tab, &tokens);
	if (err)
		goto fail;
	filter_init(tab, filter);
	err = index_names(tab, &tokens, filter, ks, &stext_idx);
	if (err)
		goto fail;
	if (stext_idx == UINT64_MAX ||
	    !pick_encoding(tab, (uint32_t)stext_idx, &ks->enc)) {
		err = dxi_error_new(DXI_ERR_DEBUGINFO,
				    stext_idx == UINT64_MAX ?
					    "kallsyms does not list _stext" :
					    "kallsyms_offsets: no known encoding puts _stext at %#llx",
				    (unsigned long long)tab->stext);
		goto fail;
	}
	fill_addresses(tab, ks);
	ks->count = tab->num_syms;
	free(filter);
	*out = ks;
	return NULL;
fail:
	free(filter);
	dxi_kallsyms_free(ks);
	return err;
}

bool dxi_kallsyms_lookup(const struct dxi_kallsyms *ks, const char *name,
			 uint64_t *addr)
{
	uint64_t i;

	if (!dxi_nameindex_get(&ks->index, 0, name, &i))
		return false;
	*addr = ks->addr[i];
	return true;
}

uint32_t dxi_kallsyms_count(const struct dxi_kallsyms *ks)
{
	return ks->count;
}

enum dxi_kallsyms_enc dxi_kallsyms_encoding(const struct dxi_kallsyms *ks)
{
	return ks->enc;
}

void dxi_kallsyms_free(struct dxi_kallsyms *ks)
{
	if (!ks)
		return;
	free(ks->names.data);
	free(ks->name_off);
	free(ks->addr);
	dxi_nameindex_free(&ks->index);
	free(ks);
}
