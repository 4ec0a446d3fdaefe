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

#include "find.h"

#define KSYM_NAME_MAX 1024		/* KSYM_NAME_LEN is 512 since 6.1 */
#define KALLSYMS_MAX_SYMS (1u << 22)	/* ~200k in a distro kernel */
#define NAMES_MAX (64u << 20)
#define TOKEN_TABLE_MAX (64u << 10)

/*
 * All names in one arena and an open-addressing index of symbol numbers:
 * 200k strdup()s into a dxi_strmap took 3x longer (6.12, 155k symbols).
 */
struct dxi_kallsyms {
	char *names;		/* NUL-separated */
	size_t names_len, names_cap;
	uint32_t *name_off;	/* per symbol */
	uint64_t *addr;		/* per symbol, runtime */
	uint32_t *slots;	/* symbol number + 1; 0 is empty */
	size_t mask;
	uint32_t count;
	enum dxi_kallsyms_enc enc;
};

static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a, then fmix64 to mix
					     * the high bits down */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ull;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

/* The slot holding name, or the empty slot where it would go. */
static uint32_t *find_slot(const struct dxi_kallsyms *ks, const char *name)
{
	size_t i = name_hash(name) & ks->mask;

	while (ks->slots[i] &&
	       strcmp(ks->names + ks->name_off[ks->slots[i] - 1], name))
		i = (i + 1) & ks->mask;
	return &ks->slots[i];
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

struct dxi_error *dxi_kallsyms_expand(const struct dxi_kallsyms_tables *tab,
				      size_t *pos, char *name, size_t size,
				      char *type)
{
	size_t p = *pos, len, out = 0;
	bool first = true;

	if (p >= tab->names_len)
		goto overrun;
	len = tab->names[p++];
	if (len & 0x80) {
		if (p >= tab->names_len)
			goto overrun;
		if (tab->names[p] & 0x80)
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "kallsyms_names: 3-byte length at offset %zu",
					     *pos);
		len = (len & 0x7f) | ((size_t)tab->names[p++] << 7);
	}
	if (len == 0 || len > tab->names_len - p)
		goto overrun;
	*type = '?';
	for (size_t i = 0; i < len; i++) {
		size_t tok = tab->token_index[tab->names[p + i]];

		if (tok >= tab->token_table_len)
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "kallsyms token %u is outside kallsyms_token_table",
					     tab->names[p + i]);
		for (; tok < tab->token_table_len && tab->token_table[tok];
		     tok++) {
			if (first) {
				*type = tab->token_table[tok];
				first = false;
				continue;
			}
			if (out + 1 >= size)
				return dxi_error_new(DXI_ERR_CORRUPT,
						     "kallsyms name at offset %zu is longer than %zu bytes",
						     *pos, size - 1);
			name[out++] = tab->token_table[tok];
		}
	}
	name[out] = '\0';
	*pos = p + len;
	return NULL;
overrun:
	return dxi_error_new(DXI_ERR_CORRUPT,
			     "kallsyms_names entry at offset %zu runs past the table (%zu bytes)",
			     *pos, tab->names_len);
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

/* dxi_kallsyms_expand() with the tokens pre-checked: the same result. */
static struct dxi_error *expand_fast(const struct dxi_kallsyms_tables *tab,
				     const struct tokens *t, size_t *pos,
				     char *name, size_t size)
{
	size_t p = *pos, len, out = 0;

	if (p >= tab->names_len)
		goto overrun;
	len = tab->names[p++];
	if (len & 0x80) {
		if (p >= tab->names_len || (tab->names[p] & 0x80))
			goto overrun;
		len = (len & 0x7f) | ((size_t)tab->names[p++] << 7);
	}
	if (len == 0 || len > tab->names_len - p)
		goto overrun;
	for (size_t i = 0; i < len; i++) {
		uint8_t b = tab->names[p + i];

		if (out + t->len[b] + 1 >= size)
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "kallsyms name at offset %zu is longer than %zu bytes",
					     *pos, size - 1);
		memcpy(name + out, t->str[b], t->len[b]);
		out += t->len[b];
	}
	/* The first character is the symbol type: drop it. */
	if (!out)
		goto overrun;
	memmove(name, name + 1, out - 1);
	name[out - 1] = '\0';
	*pos = p + len;
	return NULL;
overrun:
	return dxi_error_new(DXI_ERR_CORRUPT,
			     "kallsyms_names entry at offset %zu runs past the table (%zu bytes)",
			     *pos, tab->names_len);
}

uint64_t dxi_kallsyms_address(const struct dxi_kallsyms_tables *tab,
			      enum dxi_kallsyms_enc enc, uint32_t i)
{
	int32_t s = (int32_t)tab->offsets[i];

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

struct dxi_error *dxi_kallsyms_build(const struct dxi_kallsyms_tables *tab,
				     struct dxi_kallsyms **out)
{
	struct dxi_kallsyms *ks;
	struct dxi_error *err = NULL;
	uint64_t stext_idx = UINT64_MAX;
	char name[KSYM_NAME_MAX];
	size_t pos = 0, cap = 64;

	if (!tab->addresses && !tab->offsets)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "kallsyms has neither kallsyms_offsets nor kallsyms_addresses");
	while (cap < 2 * (tab->wanted ? tab->wanted->len + 1 : (size_t)tab->num_syms))
		cap *= 2;
	ks = calloc(1, sizeof(*ks));
	if (!ks)
		return &dxi_error_nomem;
	ks->name_off = calloc(tab->num_syms ? tab->num_syms : 1,
			      sizeof(*ks->name_off));
	ks->addr = calloc(tab->num_syms ? tab->num_syms : 1,
			  sizeof(*ks->addr));
	ks->slots = calloc(cap, sizeof(*ks->slots));
	ks->mask = cap - 1;
	if (!ks->name_off || !ks->addr || !ks->slots) {
		err = &dxi_error_nomem;
		goto fail;
	}
	uint64_t first_len[256] = { 0 };
	struct tokens tokens;

	err = tokens_init(tab, &tokens);
	if (err)
		goto fail;

	for (size_t i = 0; tab->wanted && i < tab->wanted->cap; i++) {
		const char *w = tab->wanted->slots[i].key;

		if (w && strlen(w) < 64)
			first_len[(unsigned char)w[0]] |= 1ULL << strlen(w);
	}
	for (uint32_t i = 0; i < tab->num_syms; i++) {
		uint32_t *slot;

		err = expand_fast(tab, &tokens, &pos, name, sizeof(name));
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
		if (tab->wanted) {
			size_t len = strlen(name);
			uint64_t unused;

			/* Most names fail the (first character, length) test
			 * before any hashing. */
			if (len >= 64 || !(first_len[(unsigned char)name[0]] >> len & 1) ||
			    !dxi_strmap_get(tab->wanted, name, &unused))
				continue;
		}
		if (!arena_add(ks, name, i)) {
			err = &dxi_error_nomem;
			goto fail;
		}
		/* The first of duplicate names wins, as in an ELF symbol
		 * table. */
		slot = find_slot(ks, name);
		if (!*slot)
			*slot = i + 1;
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
		for (size_t i = 0; i <= ks->mask; i++) {
			if (ks->slots[i])
				ks->addr[ks->slots[i] - 1] = dxi_kallsyms_address(
					tab, ks->enc, ks->slots[i] - 1);
		}
	} else {
		for (uint32_t i = 0; i < tab->num_syms; i++)
			ks->addr[i] = dxi_kallsyms_address(tab, ks->enc, i);
	}
	ks->count = tab->num_syms;
	*out = ks;
	return NULL;
fail:
	dxi_kallsyms_free(ks);
	return err;
}

bool dxi_kallsyms_lookup(const struct dxi_kallsyms *ks, const char *name,
			 uint64_t *addr)
{
	uint32_t *slot = find_slot(ks, name);

	if (!*slot)
		return false;
	*addr = ks->addr[*slot - 1];
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
	free(ks->slots);
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
static struct dxi_error *read_table(struct dxi_target *t, const char *table,
				    uint64_t addr, void *buf, size_t len)
{
	struct dxi_error *err = dxi_target_read(t, DXI_KVIRT, addr, buf, len);
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
	uint16_t *token_index = NULL;
	uint8_t *names = NULL;
	char *token_table = NULL;
	uint32_t *offsets = NULL;
	uint64_t *addresses = NULL;
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
	if (err)
		return err;
	token_index = malloc(256 * sizeof(*token_index));
	names = malloc(tab.names_len);
	token_table = malloc(tab.token_table_len);
	if (l.addresses)
		addresses = malloc((size_t)num_syms * sizeof(*addresses));
	else
		offsets = malloc((size_t)num_syms * sizeof(*offsets));
	if (!token_index || !names || !token_table || (!addresses && !offsets)) {
		err = &dxi_error_nomem;
		goto out;
	}
	err = read_table(t, "kallsyms_token_index", l.token_index, token_index,
			 256 * sizeof(*token_index));
	if (!err)
		err = read_table(t, "kallsyms_token_table", l.token_table,
				 token_table, tab.token_table_len);
	if (!err)
		err = read_table(t, "kallsyms_names", l.names, names,
				 tab.names_len);
	if (!err && addresses)
		err = read_table(t, "kallsyms_addresses", l.addresses,
				 addresses, (size_t)num_syms * sizeof(*addresses));
	if (!err && offsets)
		err = read_table(t, "kallsyms_offsets", l.offsets, offsets,
				 (size_t)num_syms * sizeof(*offsets));
	if (!err && l.relative_base) {
		err = read_table(t, "kallsyms_relative_base", l.relative_base,
				 &tab.relative_base, sizeof(tab.relative_base));
		tab.has_relative_base = true;
	}
	if (err)
		goto out;
	/* The last token must end inside the table we read. */
	for (int i = 0; i < 256; i++)
		if (token_index[i] > max_tok)
			max_tok = token_index[i];
	if (max_tok >= tab.token_table_len ||
	    !memchr(token_table + max_tok, '\0',
		    tab.token_table_len - max_tok)) {
		err = dxi_error_new(DXI_ERR_CORRUPT,
				    "kallsyms_token_index points past kallsyms_token_table (%zu bytes)",
				    tab.token_table_len);
		goto out;
	}
	tab.names = names;
	tab.token_table = token_table;
	tab.token_index = token_index;
	tab.offsets = offsets;
	tab.addresses = addresses;
	tab.offsets_addr = l.offsets;
	tab.stext = l.stext;
	err = dxi_kallsyms_build(&tab, out);
	if (err)
		err = dxi_error_wrap(err, "decoding kallsyms of %s", t->path);
out:
	free(token_index);
	free(names);
	free(token_table);
	free(offsets);
	free(addresses);
	return err;
}
