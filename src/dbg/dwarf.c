// SPDX-License-Identifier: MIT
/*
 * Types and symbols from a vmlinux with DWARF, through elfutils libdw.
 *
 * The index is built lazily, one compile unit at a time: a lookup scans
 * CUs until the name appears (struct page is in the first few), so a run
 * that needs twenty types does not index all 3000 CUs. A type that does
 * not exist costs one full scan, then every miss is instant; enumerators
 * are looked up in their enum, so a missing one (PG_hwpoison on 6.1)
 * costs nothing more. Only top-level definitions are indexed;
 * declarations are skipped.
 */
#include "types.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwelf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/strmap.h"

struct dwarf_priv {
	int fd;
	Elf *elf;
	Dwarf *dw;
	const char *path;
	Dwarf_Off next_cu;	/* where the incremental scan resumes */
	bool scanned_all;
	/* name -> DIE offset, one map per kind (struct, union, enum, typedef);
	 * the names are libdw's, inside the mapped .debug_str */
	struct dxi_strmap dies[4];
	/* the ELF symbol table, and the names looked up in it -> st_value
	 * (SYM_MISSING when absent) */
	Elf_Data *symtab;
	size_t symtab_len, symtab_strndx;
	const Elf64_Sym *raw_syms;	/* symtab's d_buf, when it is that */
	const char *raw_str;		/* its string table, NUL-ended */
	size_t raw_str_size;
	struct dxi_strmap syms;
	bool syms_loaded;
};

/* The kinds of indexed DIE, each with the prefix of its type names. */
static const struct {
	int tag;
	const char *prefix;
} kinds[4] = {
	{ DW_TAG_structure_type, "struct " },
	{ DW_TAG_union_type, "union " },
	{ DW_TAG_enumeration_type, "enum " },
	{ DW_TAG_typedef, "" },	/* last: any other name is a typedef's */
};

static int kind_of_tag(int tag)
{
	for (int k = 0; k < 4; k++)
		if (kinds[k].tag == tag)
			return k;
	return -1;
}

/* "struct page" -> kind 0 and "page" */
static int kind_of_name(const char *type, const char **name)
{
	*name = type;
	for (int k = 0; k < 3; k++) {
		size_t n = strlen(kinds[k].prefix);

		if (!strncmp(type, kinds[k].prefix, n)) {
			*name = type + n;
			return k;
		}
	}
	return 3;	/* a typedef name */
}

/* Indexes the top-level type definitions of one CU. */
static bool index_cu(struct dwarf_priv *p, Dwarf_Die *cu)
{
	Dwarf_Die die;

	if (dwarf_child(cu, &die) != 0)
		return true;
	do {
		int kind = kind_of_tag(dwarf_tag(&die));
		const char *name;

		if (kind < 0 || dwarf_hasattr(&die, DW_AT_declaration))
			continue;
		name = dwarf_diename(&die);
		if (!name)
			continue;
		if (!dxi_strmap_add(&p->dies[kind], name, dwarf_dieoffset(&die)))
			return false;
	} while (dwarf_siblingof(&die, &die) == 0);
	return true;
}

/* Scans CUs until want() is satisfied or all are indexed. */
static struct dxi_error *scan_until(struct dwarf_priv *p,
				    const struct dxi_strmap *map,
				    const char *key, const char *what,
				    uint64_t *value)
{
	while (!dxi_strmap_get(map, key, value)) {
		Dwarf_Off off = p->next_cu, next;
		size_t hsize;
		Dwarf_Die cu;

		if (p->scanned_all)
			return dxi_error_new(DXI_ERR_NOTFOUND,
					     "%s is not in the debuginfo of %s",
					     what, p->path);
		if (dwarf_nextcu(p->dw, off, &next, &hsize, NULL, NULL, NULL) !=
		    0) {
			p->scanned_all = true;
			continue;
		}
		p->next_cu = next;
		if (!dwarf_offdie(p->dw, off + hsize, &cu))
			continue;
		if (!index_cu(p, &cu))
			return &dxi_error_nomem;
	}
	return NULL;
}

static struct dxi_error *find_type(struct dwarf_priv *p, const char *type,
				   Dwarf_Die *out)
{
	struct dxi_error *err;
	const char *name;
	int kind = kind_of_name(type, &name);
	uint64_t off;

	err = scan_until(p, &p->dies[kind], name, type, &off);
	if (err)
		return err;
	if (!dwarf_offdie(p->dw, off, out))
		return dxi_error_new(DXI_ERR_CORRUPT, "%s: bad DIE for %s",
				     p->path, type);
	return NULL;
}

static bool die_size(Dwarf_Die *type, uint64_t *size)
{
	Dwarf_Die peeled;
	Dwarf_Word w;

	if (dwarf_peel_type(type, &peeled) != 0)
		peeled = *type;
	if (dwarf_aggregate_size(&peeled, &w) == 0) {
		*size = w;
		return true;
	}
	if (dwarf_tag(&peeled) == DW_TAG_pointer_type) {
		*size = 8;
		return true;
	}
	return false;
}

static bool member_type(Dwarf_Die *member, Dwarf_Die *type)
{
	Dwarf_Attribute attr;

	return dwarf_attr_integrate(member, DW_AT_type, &attr) &&
	       dwarf_formref_die(&attr, type);
}

/*
 * Finds member `name` in a struct/union, looking through anonymous
 * structs and unions; adds its byte offset to *offset.
 */
static bool find_member(Dwarf_Die *agg, const char *name, size_t name_len,
			Dwarf_Die *out, uint64_t *offset, int depth)
{
	Dwarf_Die child, peeled;

	if (depth > 8)
		return false;
	if (dwarf_peel_type(agg, &peeled) != 0)
		peeled = *agg;
	if (dwarf_child(&peeled, &child) != 0)
		return false;
	do {
		Dwarf_Attribute attr;
		Dwarf_Word loc = 0;
		const char *mname;
		Dwarf_Die mtype;

		if (dwarf_tag(&child) != DW_TAG_member)
			continue;
		if (dwarf_attr(&child, DW_AT_data_member_location, &attr))
			dwarf_formudata(&attr, &loc);
		mname = dwarf_diename(&child);
		if (mname && strlen(mname) == name_len &&
		    !strncmp(mname, name, name_len)) {
			*out = child;
			*offset += loc;
			return true;
		}
		if (!mname && member_type(&child, &mtype)) {
			uint64_t inner = 0;

			if (find_member(&mtype, name, name_len, out, &inner,
					depth + 1)) {
				*offset += loc + inner;
				return true;
			}
		}
	} while (dwarf_siblingof(&child, &child) == 0);
	return false;
}

/* Resolves "a.b.c" inside type; returns the last member DIE. */
static struct dxi_error *resolve_path(struct dwarf_priv *p, const char *type,
				      const char *path, Dwarf_Die *member,
				      uint64_t *offset)
{
	Dwarf_Die agg;
	struct dxi_error *err = find_type(p, type, &agg);
	const char *s = path;

	if (err)
		return err;
	*offset = 0;
	for (;;) {
		const char *dot = strchr(s, '.');
		size_t len = dot ? (size_t)(dot - s) : strlen(s);

		if (!find_member(&agg, s, len, member, offset, 0))
			return dxi_error_new(DXI_ERR_NOTFOUND,
					     "%s has no member %s", type, path);
		if (!dot)
			return NULL;
		if (!member_type(member, &agg))
			return dxi_error_new(DXI_ERR_NOTFOUND,
					     "%s.%.*s has no type", type,
					     (int)(dot - path), path);
		s = dot + 1;
	}
}

static struct dxi_error *dwarf_type_size(void *priv, const char *type,
					 uint64_t *size)
{
	struct dwarf_priv *p = priv;
	Dwarf_Die die;
	struct dxi_error *err = find_type(p, type, &die);

	if (err)
		return err;
	if (!die_size(&die, size))
		return dxi_error_new(DXI_ERR_CORRUPT, "%s has no size in %s",
				     type, p->path);
	return NULL;
}

static struct dxi_error *dwarf_member(void *priv, const char *type,
				      const char *path, struct dxi_member *out)
{
	struct dwarf_priv *p = priv;
	Dwarf_Die member, mtype;
	struct dxi_error *err;

	err = resolve_path(p, type, path, &member, &out->offset);
	if (err)
		return err;
	if (!member_type(&member, &mtype) || !die_size(&mtype, &out->size))
		out->size = 0; /* flexible array or incomplete type */
	return NULL;
}

static struct dxi_error *dwarf_array_len(void *priv, const char *type,
					 const char *path, uint64_t *len)
{
	struct dwarf_priv *p = priv;
	Dwarf_Die member, atype, peeled, sub;
	struct dxi_error *err;
	Dwarf_Attribute attr;
	Dwarf_Word w;
	uint64_t off;

	err = resolve_path(p, type, path, &member, &off);
	if (err)
		return err;
	if (!member_type(&member, &atype))
		goto not_array;
	if (dwarf_peel_type(&atype, &peeled) != 0)
		peeled = atype;
	if (dwarf_tag(&peeled) != DW_TAG_array_type ||
	    dwarf_child(&peeled, &sub) != 0)
		goto not_array;
	if (dwarf_attr(&sub, DW_AT_count, &attr) &&
	    dwarf_formudata(&attr, &w) == 0) {
		*len = w;
		return NULL;
	}
	if (dwarf_attr(&sub, DW_AT_upper_bound, &attr) &&
	    dwarf_formudata(&attr, &w) == 0) {
		*len = w + 1;
		return NULL;
	}
not_array:
	return dxi_error_new(DXI_ERR_NOTFOUND, "%s.%s is not a sized array",
			     type, path);
}

/* The enumerator among the children of its enum: a missing one costs no
 * scan of the other CUs. */
static struct dxi_error *dwarf_enumerator(void *priv, const char *enum_type,
					  const char *name, int64_t *value)
{
	struct dwarf_priv *p = priv;
	Dwarf_Die die, child;
	struct dxi_error *err = find_type(p, enum_type, &die);

	if (err)
		return err;
	if (dwarf_child(&die, &child) == 0) {
		do {
			Dwarf_Attribute attr;
			Dwarf_Sword sv;
			const char *n = dwarf_diename(&child);

			if (dwarf_tag(&child) != DW_TAG_enumerator || !n ||
			    strcmp(n, name))
				continue;
			if (!dwarf_attr(&child, DW_AT_const_value, &attr) ||
			    dwarf_formsdata(&attr, &sv) != 0)
				return dxi_error_new(DXI_ERR_CORRUPT,
						     "%s: %s has no value",
						     p->path, name);
			*value = (int64_t)sv;
			return NULL;
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	return dxi_error_new(DXI_ERR_NOTFOUND, "%s has no enumerator %s in %s",
			     enum_type, name, p->path);
}

/* The symbol table, found on first use: its raw Elf64_Sym array and
 * string table when the file is ELF64 in the host's byte order (a
 * vmlinux of x86-64 or arm64 on either), else through gelf. */
static struct dxi_error *find_symtab(struct dwarf_priv *p)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(p->elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB ||
		    !sh.sh_entsize)
			continue;
		p->symtab = elf_getdata(scn, NULL);
		p->symtab_strndx = sh.sh_link;
		p->symtab_len = sh.sh_size / sh.sh_entsize;
		break;
	}
	p->syms_loaded = true;
	if (!p->symtab)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "%s has no symbol table", p->path);
	if (gelf_getclass(p->elf) == ELFCLASS64 &&
	    p->symtab->d_type == ELF_T_SYM &&
	    p->symtab->d_size >= p->symtab_len * sizeof(Elf64_Sym)) {
		Elf_Data *str = elf_getdata(elf_getscn(p->elf, p->symtab_strndx),
					    NULL);

		if (str && str->d_buf && str->d_size &&
		    ((const char *)str->d_buf)[str->d_size - 1] == 0) {
			p->raw_syms = p->symtab->d_buf;
			p->raw_str = str->d_buf;
			p->raw_str_size = str->d_size;
		}
	}
	return NULL;
}

/*
 * One pass over the symbol table per name, not an index of it: a run asks
 * for a few dozen variables, and a hash of all ~180000 symbols cost more
 * (its pages faulted in one by one) than those passes. The pass reads the
 * raw arrays where it can (no libelf call per symbol: elf_strptr() takes
 * a lock). The answers, found or not, are kept in p->syms.
 */
static bool scan_symtab(struct dwarf_priv *p, const char *name, uint64_t *value)
{
	if (p->raw_syms) {
		for (size_t i = 0; i < p->symtab_len; i++) {
			const Elf64_Sym *sym = &p->raw_syms[i];
			const char *n;

			if (sym->st_shndx == SHN_UNDEF || !sym->st_name ||
			    sym->st_name >= p->raw_str_size)
				continue;
			n = p->raw_str + sym->st_name;
			if (n[0] == name[0] && !strcmp(n, name)) {
				*value = sym->st_value;
				return true;
			}
		}
		return false;
	}
	for (size_t i = 0; i < p->symtab_len; i++) {
		GElf_Sym sym;
		const char *n;

		if (!gelf_getsym(p->symtab, (int)i, &sym) ||
		    sym.st_shndx == SHN_UNDEF || !sym.st_name)
			continue;
		n = elf_strptr(p->elf, p->symtab_strndx, sym.st_name);
		if (n && n[0] == name[0] && !strcmp(n, name)) {
			*value = sym.st_value;
			return true;
		}
	}
	return false;
}

#define SYM_MISSING UINT64_MAX	/* in p->syms: looked up, not there */

static struct dxi_error *dwarf_symbol(void *priv, const char *name,
				      uint64_t *addr)
{
	struct dwarf_priv *p = priv;
	uint64_t v;

	if (!p->syms_loaded) {
		struct dxi_error *err = find_symtab(p);

		if (err)
			return err;
	}
	if (!p->symtab)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "%s has no symbol table", p->path);
	if (!dxi_strmap_get(&p->syms, name, &v)) {
		if (!scan_symtab(p, name, &v))
			v = SYM_MISSING;
		if (!dxi_strmap_add(&p->syms, name, v))
			return &dxi_error_nomem;
	}
	if (v == SYM_MISSING)
		return dxi_error_new(DXI_ERR_NOTFOUND,
				     "symbol %s is not in %s", name, p->path);
	*addr = v;
	return NULL;
}

static void dwarf_close(void *priv)
{
	struct dwarf_priv *p = priv;

	if (p->dw)
		dwarf_end(p->dw);
	if (p->elf)
		elf_end(p->elf);
	if (p->fd >= 0)
		close(p->fd);
	for (int k = 0; k < 4; k++)
		dxi_strmap_free(&p->dies[k]);
	dxi_strmap_free(&p->syms);
	free(p);
}

static const struct dxi_types_ops dwarf_ops = {
	.type_size = dwarf_type_size,
	.member = dwarf_member,
	.array_len = dwarf_array_len,
	.enumerator = dwarf_enumerator,
	.symbol = dwarf_symbol,
	.close = dwarf_close,
};

struct dxi_error *dxi_dwarf_open(const char *path, struct dxi_types **out)
{
	struct dwarf_priv *p = calloc(1, sizeof(*p));
	struct dxi_types *t = calloc(1, sizeof(*t));
	struct dxi_error *err = NULL;
	const void *id;
	ssize_t idlen;

	if (!p || !t) {
		free(p);
		free(t);
		return &dxi_error_nomem;
	}
	for (int k = 0; k < 4; k++)
		p->dies[k].borrowed = true;
	t->ops = &dwarf_ops;
	t->priv = p;
	t->kind = DXI_TYPES_DWARF;
	t->path = strdup(path);
	p->path = t->path;
	p->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (!t->path) {
		err = &dxi_error_nomem;
		goto fail;
	}
	if (p->fd < 0) {
		err = dxi_error_errno(errno, "cannot open vmlinux", path);
		goto fail;
	}
	elf_version(EV_CURRENT);
	p->elf = elf_begin(p->fd, ELF_C_READ_MMAP, NULL);
	if (!p->elf || elf_kind(p->elf) != ELF_K_ELF) {
		err = dxi_error_new(DXI_ERR_DEBUGINFO,
				    "%s is not an ELF file; pass the vmlinux from the linux-image-RELEASE-dbg package with --vmlinux",
				    path);
		goto fail;
	}
	idlen = dwelf_elf_gnu_build_id(p->elf, &id);
	for (ssize_t i = 0; i < idlen && (size_t)i * 2 + 2 < sizeof(t->build_id); i++)
		sprintf(t->build_id + 2 * i, "%02x", ((const unsigned char *)id)[i]);
	p->dw = dwarf_begin_elf(p->elf, DWARF_C_READ, NULL);
	if (!p->dw) {
		err = dxi_error_new(DXI_ERR_DEBUGINFO,
				    "%s has no DWARF debuginfo (%s); use the vmlinux from the linux-image-RELEASE-dbg package, or a type profile with --profile",
				    path, dwarf_errmsg(-1));
		goto fail;
	}
	*out = t;
	return NULL;
fail:
	dxi_types_close(t);
	return err;
}
