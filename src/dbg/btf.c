// SPDX-License-Identifier: MIT
/*
 * Types from the kernel's own BTF, read out of the dump, through libbpf;
 * symbols from kallsyms (kallsyms.c).
 *
 * The blob lies between __start_BTF and __stop_BTF (include/asm-generic/
 * vmlinux.lds.h, .BTF output section), which kallsyms lists. libbpf copies
 * and validates it; we index the named structs, unions, enums and typedefs
 * (those the caller announced), so each lookup is a hash probe, and find an
 * enumerator in its enum. Answers match
 * dwarf.c's: same names ("struct page", typedef names bare), same member
 * search through anonymous structs and unions, NOTFOUND for what is absent.
 */
#include "btf.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/nameindex.h"
#include "../util/strmap.h"
#include "find.h"

#define TYPES_KIND_BTF DXI_TYPES_BTF

#define BTF_MAGIC_LE 0xeb9f
#define BTF_BLOB_MAX (256u << 20)
#define MEMBER_DEPTH_MAX 8

/* The kernel half of the address space: the kernel image is mapped in it
 * (x86-64 above __START_KERNEL_map, arm64 above KIMAGE_VADDR) and moves
 * with KASLR; per-CPU symbols (absolute, near 0, before 6.15) do not. */
#define KERNEL_HALF (1ull << 63)

struct btf_priv {
	struct btf *btf;
	struct dxi_kallsyms *ks;
	uint64_t kernel_offset;
	const char *origin;
	struct dxi_nameindex types;	/* (class, name) -> type id */
	/* While partial, only the types the caller said it will ask are
	 * indexed: bare type name -> bit per class. */
	bool partial;
	struct dxi_strmap want_types;
};

/* The name classes of the type index, as dwarf.c spells the names:
 * "struct page", "union x", "enum y", and typedefs bare. */
enum { CLS_TYPEDEF, CLS_STRUCT, CLS_UNION, CLS_ENUM, CLS_NONE };

static const char *const cls_prefix[] = {
	[CLS_TYPEDEF] = "", [CLS_STRUCT] = "struct ", [CLS_UNION] = "union ",
	[CLS_ENUM] = "enum ",
};

static unsigned kind_class(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT: return CLS_STRUCT;
	case BTF_KIND_UNION: return CLS_UNION;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64: return CLS_ENUM;
	case BTF_KIND_TYPEDEF: return CLS_TYPEDEF;
	default: return CLS_NONE;
	}
}

/* Splits "struct page" into its class and bare name. */
static const char *split_type_name(const char *type, unsigned *cls)
{
	for (unsigned c = CLS_STRUCT; c < CLS_NONE; c++) {
		size_t n = strlen(cls_prefix[c]);

		if (!strncmp(type, cls_prefix[c], n)) {
			*cls = c;
			return type + n;
		}
	}
	*cls = CLS_TYPEDEF;
	return type;
}

static const char *type_name(const void *owner, uint64_t id, unsigned *cls)
{
	const struct btf *btf = owner;
	const struct btf_type *t = btf__type_by_id(btf, (uint32_t)id);

	*cls = t ? kind_class(t) : CLS_NONE;
	return t ? btf__name_by_offset(btf, t->name_off) : NULL;
}

/* Enumerator name of enum t; its value in *value. */
static bool enum_find(const struct btf *btf, const struct btf_type *t,
		      const char *name, int64_t *value)
{
	for (uint16_t i = 0; i < btf_vlen(t); i++) {
		const char *n;

		if (btf_is_enum(t)) {
			const struct btf_enum *e = btf_enum(t) + i;

			n = btf__name_by_offset(btf, e->name_off);
			*value = btf_kflag(t) ? (int64_t)e->val :
						(int64_t)(uint32_t)e->val;
		} else {
			const struct btf_enum64 *e = btf_enum64(t) + i;

			n = btf__name_by_offset(btf, e->name_off);
			*value = (int64_t)btf_enum64_value(e);
		}
		if (n && !strcmp(n, name))
			return true;
	}
	return false;
}

static bool type_wanted(const struct btf_priv *p, unsigned cls,
			const char *name)
{
	uint64_t bits;

	return !p->partial || (dxi_strmap_get(&p->want_types, name, &bits) &&
			       (bits >> cls & 1));
}

/*
 * The first definition of a name wins. Only ids are stored: names stay in
 * libbpf's string section. A first pass counts, so the index never grows.
 * While partial, only wanted names go in: indexing all 100k+ names cost
 * as much as the rest of a BTF load.
 */
static bool build_index(struct btf_priv *p)
{
	uint32_t n = btf__type_cnt(p->btf);
	size_t types = p->partial ? p->want_types.len * 2 : 0;

	for (uint32_t id = 1; !p->partial && id < n; id++) {
		const struct btf_type *t = btf__type_by_id(p->btf, id);

		types += t && kind_class(t) != CLS_NONE;
	}
	if (!dxi_nameindex_init(&p->types, types, type_name, p->btf))
		return false;
	for (uint32_t id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(p->btf, id);
		unsigned cls = t ? kind_class(t) : CLS_NONE;
		const char *name;

		/* libbpf leaves a name offset past the strings unchecked. */
		name = cls == CLS_NONE ? NULL : btf__name_by_offset(p->btf, t->name_off);
		if (!name)
			continue;
		if (type_wanted(p, cls, name) &&
		    !dxi_nameindex_add(&p->types, id))
			return false;
	}
	return true;
}

/* A lookup of a name the caller did not announce: index everything. */
static bool index_all(struct btf_priv *p)
{
	dxi_nameindex_free(&p->types);
	p->partial = false;
	return build_index(p);
}

/* Skips typedefs, const/volatile/restrict and type tags. */
static const struct btf_type *peel(const struct btf *btf, uint32_t *id)
{
	for (int i = 0; i < 32; i++) {
		const struct btf_type *t = btf__type_by_id(btf, *id);

		if (!t)
			return NULL;
		if (!btf_is_typedef(t) && !btf_is_mod(t))
			return t;
		*id = t->type;
	}
	return NULL;
}

/*
 * Finds member `name` in the struct/union `id`, looking through anonymous
 * structs and unions; adds its bit offset to *bits and returns its type.
 */
static bool find_member(const struct btf *btf, uint32_t id, const char *name,
			size_t name_len, uint32_t *type, uint64_t *bits,
			int depth)
{
	const struct btf_type *t;
	const struct btf_member *m;

	if (depth > MEMBER_DEPTH_MAX)
		return false;
	t = peel(btf, &id);
	if (!t || !btf_is_composite(t))
		return false;
	m = btf_members(t);
	for (uint16_t i = 0; i < btf_vlen(t); i++, m++) {
		const char *mname = btf__name_by_offset(btf, m->name_off);
		uint64_t inner = 0;

		if (mname && *mname) {
			if (strlen(mname) == name_len &&
			    !strncmp(mname, name, name_len)) {
				*type = m->type;
				*bits += btf_member_bit_offset(t, i);
				return true;
			}
			continue;
		}
		if (find_member(btf, m->type, name, name_len, type, &inner,
				depth + 1)) {
			*bits += btf_member_bit_offset(t, i) + inner;
			return true;
		}
	}
	return false;
}

static struct dxi_error *find_type(struct btf_priv *p, const char *type,
				   uint32_t *id)
{
	uint64_t v;
	unsigned cls;
	const char *name = split_type_name(type, &cls);

	if (!type_wanted(p, cls, name) && !index_all(p))
		return &dxi_error_nomem;
	if (!dxi_nameindex_get(&p->types, cls, name, &v))
		return dxi_error_new(DXI_ERR_NOTFOUND, "%s is not in the BTF of %s",
				     type, p->origin);
	*id = (uint32_t)v;
	return NULL;
}

/* Resolves "a.b.c" inside type: the last member's type and byte offset. */
static struct dxi_error *resolve_path(struct btf_priv *p, const char *type,
				      const char *path, uint32_t *mtype,
				      uint64_t *offset)
{
	struct dxi_error *err;
	const char *s = path;
	uint64_t bits = 0;
	uint32_t id = 0;

	err = find_type(p, type, &id);
	if (err)
		return err;
	for (;;) {
		const char *dot = strchr(s, '.');
		size_t len = dot ? (size_t)(dot - s) : strlen(s);

		if (!find_member(p->btf, id, s, len, &id, &bits, 0))
			return dxi_error_new(DXI_ERR_NOTFOUND,
					     "%s has no member %s", type, path);
		if (!dot)
			break;
		s = dot + 1;
	}
	*mtype = id;
	/* A bitfield reports the byte holding its first bit. */
	*offset = bits / 8;
	return NULL;
}

static struct dxi_error *btf_type_size(void *priv, const char *type,
				       uint64_t *size)
{
	struct btf_priv *p = priv;
	struct dxi_error *err;
	int64_t s;
	uint32_t id = 0;

	err = find_type(p, type, &id);
	if (err)
		return err;
	s = btf__resolve_size(p->btf, id);
	if (s < 0)
		return dxi_error_new(DXI_ERR_CORRUPT, "%s has no size in the BTF of %s",
				     type, p->origin);
	*size = (uint64_t)s;
	return NULL;
}

static struct dxi_error *btf_member(void *priv, const char *type,
				    const char *path, struct dxi_member *out)
{
	struct btf_priv *p = priv;
	struct dxi_error *err;
	uint32_t mtype = 0;
	int64_t s;

	err = resolve_path(p, type, path, &mtype, &out->offset);
	if (err)
		return err;
	s = btf__resolve_size(p->btf, mtype);
	out->size = s < 0 ? 0 : (uint64_t)s; /* as dwarf.c: 0 if unsized */
	return NULL;
}

static struct dxi_error *btf_array_len(void *priv, const char *type,
				       const char *path, uint64_t *len)
{
	struct btf_priv *p = priv;
	const struct btf_type *t;
	struct dxi_error *err;
	uint64_t off;
	uint32_t id = 0;

	err = resolve_path(p, type, path, &id, &off);
	if (err)
		return err;
	t = peel(p->btf, &id);
	/* A flexible array (nelems 0) has no length, as in DWARF. */
	if (!t || !btf_is_array(t) || btf_array(t)->nelems == 0)
		return dxi_error_new(DXI_ERR_NOTFOUND,
				     "%s.%s is not a sized array", type, path);
	*len = btf_array(t)->nelems;
	return NULL;
}

static struct dxi_error *btf_enumerator(void *priv, const char *enum_type,
					const char *name, int64_t *value)
{
	struct btf_priv *p = priv;
	struct dxi_error *err;
	uint32_t id = 0;

	err = find_type(p, enum_type, &id);
	if (err)
		return err;
	if (!btf_is_any_enum(btf__type_by_id(p->btf, id)) ||
	    !enum_find(p->btf, btf__type_by_id(p->btf, id), name, value))
		return dxi_error_new(DXI_ERR_NOTFOUND,
				     "%s has no enumerator %s in the BTF of %s",
				     enum_type, name, p->origin);
	return NULL;
}

static struct dxi_error *btf_symbol(void *priv, const char *name,
				    uint64_t *addr)
{
	struct btf_priv *p = priv;
	uint64_t a;

	if (!p->ks || !dxi_kallsyms_lookup(p->ks, name, &a))
		return dxi_error_new(DXI_ERR_NOTFOUND,
				     "symbol %s is not in the kallsyms of %s",
				     name, p->origin);
	/* The interface answers link-time addresses (the kern layer adds
	 * KERNELOFFSET); kallsyms holds runtime ones. */
	if (a >= KERNEL_HALF)
		a -= p->kernel_offset;
	*addr = a;
	return NULL;
}

static void btf_close(void *priv)
{
	struct btf_priv *p = priv;

	btf__free(p->btf);
	dxi_kallsyms_free(p->ks);
	dxi_nameindex_free(&p->types);
	dxi_strmap_free(&p->want_types);
	free(p);
}

static const struct dxi_types_ops btf_ops = {
	.type_size = btf_type_size,
	.member = btf_member,
	.array_len = btf_array_len,
	.enumerator = btf_enumerator,
	.symbol = btf_symbol,
	.close = btf_close,
};

/* struct btf_header (include/uapi/linux/btf.h), little-endian x86-64. */
struct raw_btf_header {
	uint16_t magic;
	uint8_t version, flags;
	uint32_t hdr_len, type_off, type_len, str_off, str_len;
};

/* Checks the header ourselves, so a short or damaged blob gets a message
 * that says what is wrong rather than libbpf's errno. */
static struct dxi_error *check_header(const void *blob, size_t size,
				      const char *origin)
{
	struct raw_btf_header h;
	uint64_t end;

	if (size < sizeof(h))
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "the BTF of %s is truncated: %zu bytes, less than a BTF header",
				     origin, size);
	memcpy(&h, blob, sizeof(h));
	if (h.magic != BTF_MAGIC_LE || h.version != 1)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "the BTF of %s is not BTF (magic %#x version %u)",
				     origin, h.magic, h.version);
	end = (uint64_t)h.hdr_len +
	      (h.type_off + (uint64_t)h.type_len > h.str_off + (uint64_t)h.str_len ?
		       h.type_off + (uint64_t)h.type_len :
		       h.str_off + (uint64_t)h.str_len);
	if (h.hdr_len < sizeof(h) || end > size)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "the BTF of %s is truncated: the header describes %llu bytes, %zu are there",
				     origin, (unsigned long long)end, size);
	/* libbpf 1.1 does not check that the type section is 4-byte aligned
	 * and then reads struct btf_type through a misaligned pointer
	 * (fuzz/btf). The kernel's own BTF always is aligned. */
	if ((h.hdr_len + (uint64_t)h.type_off) % 4 || h.type_len % 4)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "the BTF of %s is corrupt: its type section (header %u, offset %u, length %u) is not 4-byte aligned",
				     origin, h.hdr_len, h.type_off, h.type_len);
	return NULL;
}

/* Records the types of queries (an enumerator's: its enum), to index only
 * those. */
static bool want_queries(struct btf_priv *p, const struct dxi_query *q,
			 size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t bits = 0;
		unsigned cls;
		const char *name;

		if (q[i].kind == DXI_Q_SYMBOL)
			continue;
		name = split_type_name(q[i].type, &cls);
		dxi_strmap_get(&p->want_types, name, &bits);
		if (!dxi_strmap_set(&p->want_types, name, bits | 1u << cls))
			return false;
	}
	p->partial = true;
	return true;
}

struct dxi_error *dxi_btf_from_blob(const void *blob, size_t size,
				    const char *origin,
				    struct dxi_kallsyms *ks,
				    uint64_t kernel_offset,
				    const struct dxi_query *queries, size_t n,
				    struct dxi_types **out)
{
	struct btf_priv *p = calloc(1, sizeof(*p));
	struct dxi_types *t = calloc(1, sizeof(*t));
	struct dxi_error *err;
	libbpf_print_fn_t old;

	if (!p || !t) {
		free(p);
		free(t);
		dxi_kallsyms_free(ks);
		return &dxi_error_nomem;
	}
	p->ks = ks;
	p->kernel_offset = kernel_offset;
	t->ops = &btf_ops;
	t->priv = p;
	t->kind = TYPES_KIND_BTF;
	t->path = strdup(origin);
	if (!t->path) {
		err = &dxi_error_nomem;
		goto fail;
	}
	p->origin = t->path;
	err = check_header(blob, size, origin);
	if (err)
		goto fail;
	/* libbpf prints its own complaints to stderr; ours say it better. */
	old = libbpf_set_print(NULL);
	p->btf = btf__new(blob, (uint32_t)size);
	libbpf_set_print(old);
	if (!p->btf) {
		err = dxi_error_new(DXI_ERR_DEBUGINFO,
				    "the BTF of %s is corrupt: libbpf cannot parse it (%s)",
				    origin, strerror(errno));
		goto fail;
	}
	if ((queries && !want_queries(p, queries, n)) || !build_index(p)) {
		err = &dxi_error_nomem;
		goto fail;
	}
	*out = t;
	return NULL;
fail:
	dxi_types_close(t);
	return err;
}

/* A debuginfo error with the way out: the -dbg package or a type file. */
static struct dxi_error *way_out(struct dxi_target *t, const char *what)
{
	char pkg[256];

	dxi_debuginfo_package(t->vmci.osrelease, pkg, sizeof(pkg));
	return dxi_error_new(DXI_ERR_DEBUGINFO,
			     "%s; install %s or pass --vmlinux/--profile", what,
			     pkg);
}

static struct dxi_error *no_btf(struct dxi_target *t, const char *why)
{
	char what[1024];

	snprintf(what, sizeof(what), "no BTF in the dump %s: %s", t->path,
		 why);
	return way_out(t, what);
}

struct dxi_error *dxi_btf_open(struct dxi_target *t,
			       const struct dxi_query *queries, size_t n,
			       struct dxi_types **out)
{
	struct dxi_kallsyms *ks = NULL;
	struct dxi_strmap wanted = { 0 };
	struct dxi_types *types;
	struct dxi_error *err;
	uint64_t start, stop;
	struct dxi_view blob;

	for (size_t i = 0; i < n; i++) {
		if (queries[i].kind == DXI_Q_SYMBOL &&
		    !dxi_strmap_add(&wanted, queries[i].name, 1)) {
			dxi_strmap_free(&wanted);
			return &dxi_error_nomem;
		}
	}
	/* BTF itself is found through these two. */
	if (queries && (!dxi_strmap_add(&wanted, "__start_BTF", 1) ||
			!dxi_strmap_add(&wanted, "__stop_BTF", 1))) {
		dxi_strmap_free(&wanted);
		return &dxi_error_nomem;
	}
	err = dxi_kallsyms_load(t, queries ? &wanted : NULL, &ks);
	dxi_strmap_free(&wanted);
	if (err)
		return err;
	if (!dxi_kallsyms_lookup(ks, "__start_BTF", &start) ||
	    !dxi_kallsyms_lookup(ks, "__stop_BTF", &stop)) {
		dxi_kallsyms_free(ks);
		return no_btf(t, "kallsyms has no __start_BTF/__stop_BTF (kernel built without CONFIG_DEBUG_INFO_BTF)");
	}
	if (stop <= start || stop - start > BTF_BLOB_MAX) {
		dxi_kallsyms_free(ks);
		return no_btf(t, "__start_BTF..__stop_BTF is not a plausible BTF section");
	}
	err = dxi_target_view(t, start, (size_t)(stop - start), &blob);
	if (err) {
		dxi_kallsyms_free(ks);
		if (err->code != DXI_ERR_NODATA && err->code != DXI_ERR_ADDR)
			return dxi_error_wrap(err, "reading the BTF of %s",
					      t->path);
		dxi_error_free(err);
		return no_btf(t, "the .BTF section is not in the dump (filtered by makedumpfile?)");
	}
	err = dxi_btf_from_blob(blob.data, blob.len, t->path, ks,
				t->vmci.kernel_offset, queries, n, &types);
	dxi_view_release(&blob);
	if (err && err->code == DXI_ERR_DEBUGINFO) {
		struct dxi_error *e = way_out(t, err->msg);

		dxi_error_free(err);
		return e;
	}
	if (err)
		return err;
	snprintf(types->build_id, sizeof(types->build_id), "%s",
		 t->vmci.build_id);
	snprintf(types->release, sizeof(types->release), "%s",
		 t->vmci.osrelease);
	*out = types;
	return NULL;
}
