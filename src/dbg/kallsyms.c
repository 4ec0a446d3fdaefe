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
#include "btf.h"

#include <stdlib.h>
#include <string.h>

#include "../util/nameindex.h"
#include "find.h"

#define KSYM_NAME_MAX 1024		/* KSYM_NAME_LEN is 512 since 6.1 */
#define KALLSYMS_MAX_SYMS (1u << 22)	/* ~200k in a distro kernel */
#define NAMES_MAX (64u << 20)
#define TOKEN_TABLE_MAX (64u << 10)

/* All names in one arena, indexed by symbol number (nameindex.h). */
struct dxi_kallsyms {
	char *names;		/* NUL-separated */
	size_t names_len, names_cap;
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
	return ks->names + ks->name_off[i];
}

static bool arena_add(struct dxi_kallsyms *ks, const char *name, uint32_t i)
{
	size_t len = strlen(name) + 1;

	if (ks->names_len + len > ks->names_cap) {
		size_t cap = ks->names_cap ? ks->names_cap * 2 : 1 << 16;
		char *n;

		while (cap < ks->names_len + len)
			cap *= 2;
		n = realloc(ks->names, cap);
		if (!n)
			return false;
		ks->names = n;
		ks->names_cap = cap;
	}
	memcpy(ks->names + ks->names_len, name, len);
	ks->name_off[i] = (uint32_t)ks->names_len;
	ks->names_len += len;
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

struct dxi_error *dxi_kallsyms_build(const struct dxi_kallsyms_tables *tab,
				     struct dxi_kallsyms **out)
{
	struct name_filter *filter = NULL;
	struct dxi_kallsyms *ks;
	struct dxi_error *err = NULL;
	uint64_t stext_idx = UINT64_MAX;
	char name[KSYM_NAME_MAX];
	struct tokens tokens;
	size_t pos = 0;

	if (!tab->addresses && !tab->offsets)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "kallsyms has neither kallsyms_offsets nor kallsyms_addresses");
	ks = calloc(1, sizeof(*ks));
	if (!ks)
		return &dxi_error_nomem;
	ks->name_off = calloc(tab->num_syms ? tab->num_syms : 1,
			      sizeof(*ks->name_off));
	ks->addr = calloc(tab->num_syms ? tab->num_syms : 1,
			  sizeof(*ks->addr));
	if (!ks->name_off || !ks->addr ||
	    !dxi_nameindex_init(&ks->index,
				tab->wanted ? tab->wanted->len + 1 : tab->num_syms,
				symbol_name, ks)) {
		err = &dxi_error_nomem;
		goto fail;
	}
	filter = malloc(sizeof(*filter)); /* 64 KiB */
	if (!filter) {
		err = &dxi_error_nomem;
		goto fail;
	}
	err = tokens_init(tab, &tokens);
	if (err)
		goto fail;
	filter_init(tab, filter);
	for (uint32_t i = 0; i < tab->num_syms; i++) {
		size_t at = pos, start, len;
		uint64_t unused;
		char type;

		err = entry_span(tab, &pos, &start, &len);
		if (err)
			goto fail;
		if (!filter_pass(filter, &tokens, tab->names + start, len))
			continue;
		err = expand(&tokens, tab->names + start, len, at, name,
			     sizeof(name), &type);
		if (err)
			goto fail;
		if (!name[0]) {
			err = dxi_error_new(DXI_ERR_CORRUPT,
					    "kallsyms symbol %u has an empty name",
					    i);
			goto fail;
		}
		if (stext_idx == UINT64_MAX && !strcmp(name, "_stext"))
			stext_idx = i;
		if (tab->wanted && !dxi_strmap_get(tab->wanted, name, &unused))
			continue;
		if (!arena_add(ks, name, i)) {
			err = &dxi_error_nomem;
			goto fail;
		}
		/* The first of duplicate names wins, as in an ELF symbol
		 * table. */
		if (!dxi_nameindex_add(&ks->index, i)) {
			err = &dxi_error_nomem;
			goto fail;
		}
	}
	if (stext_idx == UINT64_MAX ||
	    !pick_encoding(tab, (uint32_t)stext_idx, &ks->enc)) {
		err = dxi_error_new(DXI_ERR_DEBUGINFO,
				    stext_idx == UINT64_MAX ?
					    "kallsyms does not list _stext" :
					    "kallsyms_offsets: no known encoding puts _stext at %#llx",
				    (unsigned long long)tab->stext);
		goto fail;
	}
	if (tab->wanted) {
		/* Only the indexed names are ever looked up. */
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
	free(ks->names);
	free(ks->name_off);
	free(ks->addr);
	dxi_nameindex_free(&ks->index);
	free(ks);
}

/* The VMCOREINFO SYMBOL() lines we use; runtime addresses (KASLR applied). */
struct kallsyms_locs {
	uint64_t names, num_syms, token_table, token_index, offsets;
	uint64_t relative_base, addresses, stext;
};

static struct dxi_error *no_kallsyms(struct dxi_target *t, const char *what)
{
	char pkg[256];

	dxi_debuginfo_package(t->vmci.osrelease, pkg, sizeof(pkg));
	return dxi_error_new(DXI_ERR_DEBUGINFO,
			     "VMCOREINFO of %s has no %s (kernel before 6.0 or without CONFIG_KALLSYMS), so symbols cannot come from the dump: install %s or pass --vmlinux/--profile",
			     t->path, what, pkg);
}

static struct dxi_error *find_locs(struct dxi_target *t,
				   struct kallsyms_locs *l)
{
	static const struct {
		const char *key;
		size_t off;
		bool required;
	} keys[] = {
		{ "SYMBOL(kallsyms_names)", offsetof(struct kallsyms_locs, names), true },
		{ "SYMBOL(kallsyms_num_syms)", offsetof(struct kallsyms_locs, num_syms), true },
		{ "SYMBOL(kallsyms_token_table)", offsetof(struct kallsyms_locs, token_table), true },
		{ "SYMBOL(kallsyms_token_index)", offsetof(struct kallsyms_locs, token_index), true },
		{ "SYMBOL(_stext)", offsetof(struct kallsyms_locs, stext), true },
		{ "SYMBOL(kallsyms_offsets)", offsetof(struct kallsyms_locs, offsets), false },
		{ "SYMBOL(kallsyms_relative_base)", offsetof(struct kallsyms_locs, relative_base), false },
		{ "SYMBOL(kallsyms_addresses)", offsetof(struct kallsyms_locs, addresses), false },
	};

	memset(l, 0, sizeof(*l));
	if (!t->vmcoreinfo_raw)
		return no_kallsyms(t, "VMCOREINFO note at all");
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		uint64_t *v = (uint64_t *)((char *)l + keys[i].off);

		if (!dxi_vmcoreinfo_number(t->vmcoreinfo_raw, keys[i].key, 16,
					   v) &&
		    keys[i].required)
			return no_kallsyms(t, keys[i].key);
	}
	if (!l->offsets && !l->addresses)
		return no_kallsyms(t, "SYMBOL(kallsyms_offsets)");
	return NULL;
}

/* A read of a table the dump does not hold is a debuginfo problem with a
 * way out, not a corrupt dump. */
/* A view of one table (target.h): mapped from an ELF dump, else read. */
static struct dxi_error *view_table(struct dxi_target *t, const char *table,
				    uint64_t addr, size_t len,
				    struct dxi_view *v)
{
	struct dxi_error *err = dxi_target_view(t, addr, len, v);
	char pkg[256];

	if (!err)
		return NULL;
	if (err->code != DXI_ERR_NODATA && err->code != DXI_ERR_ADDR)
		return dxi_error_wrap(err, "reading %s", table);
	dxi_debuginfo_package(t->vmci.osrelease, pkg, sizeof(pkg));
	dxi_error_free(err);
	return dxi_error_new(DXI_ERR_DEBUGINFO,
			     "kallsyms tables are not in the dump %s (%s at %#llx, %zu bytes, filtered by makedumpfile?): install %s or pass --vmlinux/--profile",
			     t->path, table, (unsigned long long)addr, len, pkg);
}

static struct dxi_error *read_table(struct dxi_target *t, const char *table,
				    uint64_t addr, void *buf, size_t len)
{
	struct dxi_view v;
	struct dxi_error *err = view_table(t, table, addr, len, &v);

	if (!err)
		memcpy(buf, v.data, len);
	dxi_view_release(&v);
	return err;
}

static struct dxi_error *bounded(const char *table, uint64_t start,
				 uint64_t next, uint64_t max, size_t *len)
{
	if (next <= start || next - start > max)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "%s at %#llx is not followed by the next kallsyms table within %llu bytes (next at %#llx)",
				     table, (unsigned long long)start,
				     (unsigned long long)max,
				     (unsigned long long)next);
	*len = (size_t)(next - start);
	return NULL;
}

struct dxi_error *dxi_kallsyms_load(struct dxi_target *t,
				    const struct dxi_strmap *wanted,
				    struct dxi_kallsyms **out)
{
	struct dxi_kallsyms_tables tab = { .wanted = wanted };
	struct dxi_view token_index = { 0 }, names = { 0 }, token_table = { 0 },
			offsets = { 0 };
	struct kallsyms_locs l;
	struct dxi_error *err;
	uint32_t num_syms;
	size_t max_tok = 0;

	err = find_locs(t, &l);
	if (err)
		return err;
	err = read_table(t, "kallsyms_num_syms", l.num_syms, &num_syms,
			 sizeof(num_syms));
	if (err)
		return err;
	if (num_syms == 0 || num_syms > KALLSYMS_MAX_SYMS)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "kallsyms_num_syms is %u (expected 1..%u)",
				     num_syms, KALLSYMS_MAX_SYMS);
	tab.num_syms = num_syms;
	err = bounded("kallsyms_names", l.names, l.token_table, NAMES_MAX,
		      &tab.names_len);
	if (!err)
		err = bounded("kallsyms_token_table", l.token_table,
			      l.token_index, TOKEN_TABLE_MAX,
			      &tab.token_table_len);
	if (!err)
		err = view_table(t, "kallsyms_token_index", l.token_index,
				 256 * sizeof(uint16_t), &token_index);
	if (!err)
		err = view_table(t, "kallsyms_token_table", l.token_table,
				 tab.token_table_len, &token_table);
	if (!err)
		err = view_table(t, "kallsyms_names", l.names, tab.names_len,
				 &names);
	/* kallsyms_addresses (absolute) or kallsyms_offsets, one per symbol. */
	if (!err && l.addresses)
		err = view_table(t, "kallsyms_addresses", l.addresses,
				 (size_t)num_syms * sizeof(uint64_t), &offsets);
	else if (!err)
		err = view_table(t, "kallsyms_offsets", l.offsets,
				 (size_t)num_syms * sizeof(uint32_t), &offsets);
	if (!err && l.relative_base) {
		err = read_table(t, "kallsyms_relative_base", l.relative_base,
				 &tab.relative_base, sizeof(tab.relative_base));
		tab.has_relative_base = true;
	}
	if (err)
		goto out;
	tab.names = names.data;
	tab.token_table = token_table.data;
	tab.token_index = token_index.data;
	if (l.addresses)
		tab.addresses = offsets.data;
	else
		tab.offsets = offsets.data;
	/* The last token must end inside the table we read. */
	for (int i = 0; i < 256; i++)
		if (tab.token_index[i] > max_tok)
			max_tok = tab.token_index[i];
	if (max_tok >= tab.token_table_len ||
	    !memchr(tab.token_table + max_tok, '\0',
		    tab.token_table_len - max_tok)) {
		err = dxi_error_new(DXI_ERR_CORRUPT,
				    "kallsyms_token_index points past kallsyms_token_table (%zu bytes)",
				    tab.token_table_len);
		goto out;
	}
	tab.offsets_addr = l.offsets;
	tab.stext = l.stext;
	err = dxi_kallsyms_build(&tab, out);
	if (err)
		err = dxi_error_wrap(err, "decoding kallsyms of %s", t->path);
out:
	dxi_view_release(&token_index);
	dxi_view_release(&token_table);
	dxi_view_release(&names);
	dxi_view_release(&offsets);
	return err;
}
