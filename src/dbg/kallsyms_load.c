// SPDX-License-Identifier: MIT
/*
 * Finding the kallsyms tables in a dump (kallsyms.h): their addresses from
 * VMCOREINFO, each read in one request bounded by the next table (the
 * order of scripts/kallsyms.c write_src(), see kallsyms.c), then decoded.
 */
#include "kallsyms.h"

#include <stdlib.h>
#include <string.h>

#include "find.h"

#define KALLSYMS_MAX_SYMS (1u << 22)	/* ~200k in a distro kernel */
#define NAMES_MAX (64u << 20)
#define TOKEN_TABLE_MAX (64u << 10)

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
