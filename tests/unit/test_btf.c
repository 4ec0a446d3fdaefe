// SPDX-License-Identifier: MIT
/* Unit tests: kallsyms name and address decoding on small synthetic
 * tables, and BTF lookups (member paths through anonymous unions, arrays,
 * enumerators, KASLR) on a BTF blob built with libbpf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <bpf/btf.h>

#include "../../src/dbg/btf.h"

/*
 * Tokens: index 0 "T", 1 "foo", 2 "_bar", 3 "d", 4 "x", 5 "_stext" (with
 * its type char), 6 "per", 7 "cpu", 8 "t". Other indexes point at token 0.
 */
static const char token_table[] = "T\0foo\0_bar\0d\0x\0t_stext\0per\0cpu\0t";
static uint16_t token_index[256];

static void init_tokens(void)
{
	static const uint16_t starts[] = { 0, 2, 6, 11, 13, 15, 23, 27, 31 };

	memset(token_index, 0, sizeof(token_index));
	memcpy(token_index, starts, sizeof(starts));
}

static struct dxi_kallsyms_tables tables(const uint8_t *names, size_t len)
{
	struct dxi_kallsyms_tables tab = { 0 };

	init_tokens();
	tab.names = names;
	tab.names_len = len;
	tab.token_table = token_table;
	tab.token_table_len = sizeof(token_table);
	tab.token_index = token_index;
	return tab;
}

static void expect_code(struct dxi_error *err, enum dxi_errcode code)
{
	assert_non_null(err);
	assert_int_equal(err->code, code);
	dxi_error_free(err);
}

static void test_token_decode(void **state)
{
	uint8_t names[4 + 2 + 130];
	struct dxi_kallsyms_tables tab;
	char name[256], type;
	size_t pos = 0, n = 0;

	(void)state;
	/* "Tfoo_bar": type T, name foo_bar. */
	names[n++] = 3;
	names[n++] = 0;
	names[n++] = 1;
	names[n++] = 2;
	/* A "big" symbol: 130 tokens, length in two bytes (6.1+). */
	names[n++] = 0x80 | (130 & 0x7f);
	names[n++] = 130 >> 7;
	names[n++] = 3;
	for (int i = 0; i < 129; i++)
		names[n++] = 4;
	tab = tables(names, n);
	assert_null(dxi_kallsyms_expand(&tab, &pos, name, sizeof(name), &type));
	assert_int_equal(type, 'T');
	assert_string_equal(name, "foo_bar");
	assert_int_equal(pos, 4);
	assert_null(dxi_kallsyms_expand(&tab, &pos, name, sizeof(name), &type));
	assert_int_equal(type, 'd');
	assert_int_equal(strlen(name), 129);
	assert_int_equal(name[128], 'x');
	assert_int_equal(pos, n);

	/* Past the end of the table. */
	expect_code(dxi_kallsyms_expand(&tab, &pos, name, sizeof(name), &type),
		    DXI_ERR_CORRUPT);
	/* A length running past the table. */
	pos = 0;
	tab.names_len = 3;
	expect_code(dxi_kallsyms_expand(&tab, &pos, name, sizeof(name), &type),
		    DXI_ERR_CORRUPT);
	/* A name longer than the caller's buffer. */
	pos = 4;
	tab.names_len = n;
	expect_code(dxi_kallsyms_expand(&tab, &pos, name, 64, &type),
		    DXI_ERR_CORRUPT);
	/* A token index pointing outside the token table. */
	pos = 0;
	token_index[2] = 4000;
	expect_code(dxi_kallsyms_expand(&tab, &pos, name, sizeof(name), &type),
		    DXI_ERR_CORRUPT);
	/* A three-byte length is not a format we know. */
	init_tokens();
	names[0] = 0x81;
	names[1] = 0x81;
	pos = 0;
	expect_code(dxi_kallsyms_expand(&tab, &pos, name, sizeof(name), &type),
		    DXI_ERR_CORRUPT);
}

/* "Tfoo", "t_stext", "dpercpu": symbols 0, 1, 2. */
static const uint8_t three_names[] = { 2, 0, 1, 1, 5, 3, 3, 6, 7 };

static void test_address_encodings(void **state)
{
	const uint64_t stext = 0xffffffff81000000ull;
	struct dxi_kallsyms_tables tab = tables(three_names,
						sizeof(three_names));
	struct dxi_kallsyms *ks;
	uint32_t off[3];
	uint64_t abs[3], a;

	(void)state;
	tab.num_syms = 3;
	tab.offsets = off;
	tab.stext = stext;

	/* Base-relative: relative_base + (u32)offset. */
	tab.relative_base = stext - 0x100;
	tab.has_relative_base = true;
	off[0] = 0;
	off[1] = 0x100;
	off[2] = 0x80000000u; /* unsigned: not negated */
	assert_null(dxi_kallsyms_build(&tab, &ks));
	assert_int_equal(dxi_kallsyms_encoding(ks), DXI_KALLSYMS_BASE_RELATIVE);
	assert_int_equal(dxi_kallsyms_count(ks), 3);
	assert_true(dxi_kallsyms_lookup(ks, "foo", &a));
	assert_int_equal(a, stext - 0x100);
	assert_true(dxi_kallsyms_lookup(ks, "percpu", &a));
	assert_int_equal(a, stext - 0x100 + 0x80000000ull);
	assert_false(dxi_kallsyms_lookup(ks, "bar", &a));
	dxi_kallsyms_free(ks);

	/* Absolute per-CPU (<= 6.14): >= 0 absolute, < 0 from base - 1. */
	tab.relative_base = stext;
	off[0] = (uint32_t)-(1 + 0x40);	/* stext + 0x40 */
	off[1] = (uint32_t)-1;		/* stext */
	off[2] = 0x2a000;		/* a per-CPU offset */
	assert_null(dxi_kallsyms_build(&tab, &ks));
	assert_int_equal(dxi_kallsyms_encoding(ks),
			 DXI_KALLSYMS_ABSOLUTE_PERCPU);
	assert_true(dxi_kallsyms_lookup(ks, "foo", &a));
	assert_int_equal(a, stext + 0x40);
	assert_true(dxi_kallsyms_lookup(ks, "percpu", &a));
	assert_int_equal(a, 0x2a000);
	dxi_kallsyms_free(ks);

	/* Place-relative (7.0+): &offsets[i] + (s32)offset, no base. */
	tab.has_relative_base = false;
	tab.relative_base = 0;
	tab.offsets_addr = stext + 0x1000000;
	off[0] = (uint32_t)-0x1000000;		/* stext */
	off[1] = (uint32_t)(-0x1000000 - 4);	/* stext */
	off[2] = 0x10;
	assert_null(dxi_kallsyms_build(&tab, &ks));
	assert_int_equal(dxi_kallsyms_encoding(ks),
			 DXI_KALLSYMS_PLACE_RELATIVE);
	assert_true(dxi_kallsyms_lookup(ks, "_stext", &a));
	assert_int_equal(a, stext);
	assert_true(dxi_kallsyms_lookup(ks, "percpu", &a));
	assert_int_equal(a, stext + 0x1000000 + 8 + 0x10);
	dxi_kallsyms_free(ks);

	/* Absolute addresses (kallsyms_addresses[]). */
	abs[0] = 1;
	abs[1] = stext;
	abs[2] = 3;
	tab.addresses = abs;
	assert_null(dxi_kallsyms_build(&tab, &ks));
	assert_int_equal(dxi_kallsyms_encoding(ks), DXI_KALLSYMS_ABSOLUTE);
	assert_true(dxi_kallsyms_lookup(ks, "percpu", &a));
	assert_int_equal(a, 3);
	dxi_kallsyms_free(ks);
	tab.addresses = NULL;

	/* No encoding puts _stext where VMCOREINFO says. */
	off[1] = 0x7777;
	expect_code(dxi_kallsyms_build(&tab, &ks), DXI_ERR_DEBUGINFO);
	/* No _stext at all. */
	tab.num_syms = 1;
	expect_code(dxi_kallsyms_build(&tab, &ks), DXI_ERR_DEBUGINFO);
	/* num_syms larger than the names table. */
	tab.num_syms = 4;
	expect_code(dxi_kallsyms_build(&tab, &ks), DXI_ERR_CORRUPT);
}

/*
 * A small kernel-like BTF:
 *	struct list_head { struct list_head *next, *prev; };
 *	typedef struct { int counter; } atomic_t;
 *	typedef struct { unsigned long f; } memdesc_flags_t;
 *	struct page {			// 64
 *		memdesc_flags_t flags;			// 0
 *		union {					// 8
 *			struct { struct list_head lru; void *mapping; };
 *			struct { unsigned long pp_magic; };
 *		};
 *		unsigned int bits:3, more:5;		// 48 (bitfields)
 *		const volatile atomic_t _refcount;	// 52
 *	};
 *	struct dentry { int d_flags; union { struct list_head d_alias; } d_u; };
 *	struct xa_node { unsigned char shift; void *slots[64]; };
 *	struct flex { int n; int data[]; };
 *	enum pageflags { PG_locked, PG_head = 6 };
 *	enum memory_type { MEMORY_DEVICE_FS_DAX = 3, NEGATIVE = -2 };
 *	enum { ANON = 5 };					// anonymous
 *	enum big { BIG = 1ULL << 40 };				// enum64
 */
static struct btf *kernel_like_btf(void)
{
	struct btf *b = btf__new_empty();
	int ulong, intt, uint, uchar, voidp, lh, lhp, atomic_s, atomic, md_s,
		md, anon1, anon2, anon_u, page_id, d_u, arr, flexarr, cv, vol;

	assert_non_null(b);
	ulong = btf__add_int(b, "unsigned long", 8, 0);
	intt = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	uint = btf__add_int(b, "unsigned int", 4, 0);
	uchar = btf__add_int(b, "unsigned char", 1, 0);
	voidp = btf__add_ptr(b, 0);
	/* Fields go to the last type added: point at list_head before it
	 * exists. */
	lhp = btf__add_ptr(b, (int)btf__type_cnt(b) + 1);
	lh = btf__add_struct(b, "list_head", 16);
	assert_int_equal(btf__add_field(b, "next", lhp, 0, 0), 0);
	assert_int_equal(btf__add_field(b, "prev", lhp, 64, 0), 0);
	atomic_s = btf__add_struct(b, NULL, 4);
	btf__add_field(b, "counter", intt, 0, 0);
	atomic = btf__add_typedef(b, "atomic_t", atomic_s);
	md_s = btf__add_struct(b, NULL, 8);
	btf__add_field(b, "f", ulong, 0, 0);
	md = btf__add_typedef(b, "memdesc_flags_t", md_s);
	anon1 = btf__add_struct(b, NULL, 24);
	btf__add_field(b, "lru", lh, 0, 0);
	btf__add_field(b, "mapping", voidp, 128, 0);
	anon2 = btf__add_struct(b, NULL, 8);
	btf__add_field(b, "pp_magic", ulong, 0, 0);
	anon_u = btf__add_union(b, NULL, 40);
	btf__add_field(b, NULL, anon1, 0, 0);
	btf__add_field(b, NULL, anon2, 0, 0);
	vol = btf__add_volatile(b, atomic);
	cv = btf__add_const(b, vol);
	page_id = btf__add_struct(b, "page", 64);
	assert_true(page_id > 0);
	btf__add_field(b, "flags", md, 0, 0);
	btf__add_field(b, NULL, anon_u, 64, 0);
	btf__add_field(b, "bits", uint, 48 * 8, 3);
	btf__add_field(b, "more", uint, 48 * 8 + 3, 5);
	btf__add_field(b, "_refcount", cv, 52 * 8, 0);
	d_u = btf__add_union(b, NULL, 16);
	btf__add_field(b, "d_alias", lh, 0, 0);
	btf__add_struct(b, "dentry", 24);
	btf__add_field(b, "d_flags", intt, 0, 0);
	btf__add_field(b, "d_u", d_u, 64, 0);
	arr = btf__add_array(b, intt, voidp, 64);
	btf__add_struct(b, "xa_node", 520);
	btf__add_field(b, "shift", uchar, 0, 0);
	btf__add_field(b, "slots", arr, 64, 0);
	flexarr = btf__add_array(b, intt, intt, 0);
	btf__add_struct(b, "flex", 4);
	btf__add_field(b, "n", intt, 0, 0);
	btf__add_field(b, "data", flexarr, 32, 0);
	btf__add_enum(b, "pageflags", 4);
	btf__add_enum_value(b, "PG_locked", 0);
	btf__add_enum_value(b, "PG_head", 6);
	btf__add_enum(b, "memory_type", 4);
	btf__add_enum_value(b, "MEMORY_DEVICE_FS_DAX", 3);
	btf__add_enum_value(b, "NEGATIVE", -2);
	btf__add_enum(b, NULL, 4);
	btf__add_enum_value(b, "ANON", 5);
	btf__add_enum64(b, "big", 8, false);
	assert_int_equal(btf__add_enum64_value(b, "BIG", 1ull << 40), 0);
	return b;
}

/* queries NULL: everything indexed up front. */
static struct dxi_types *open_blob_for(struct btf *b, struct dxi_kallsyms *ks,
				       uint64_t kernel_offset,
				       const struct dxi_query *q, size_t n)
{
	struct dxi_types *t;
	uint32_t size;
	const void *raw = btf__raw_data(b, &size);

	assert_non_null(raw);
	assert_null(dxi_btf_from_blob(raw, size, "test BTF", ks,
				      kernel_offset, q, n, &t));
	return t;
}

static struct dxi_types *open_blob(struct btf *b, struct dxi_kallsyms *ks,
				   uint64_t kernel_offset)
{
	return open_blob_for(b, ks, kernel_offset, NULL, 0);
}

static void expect_member(struct dxi_types *t, const char *type,
			  const char *path, uint64_t off, uint64_t size)
{
	struct dxi_member m;

	assert_null(dxi_types_member(t, type, path, &m));
	assert_int_equal(m.offset, off);
	assert_int_equal(m.size, size);
}

static void check_lookups(struct dxi_types *t)
{
	struct dxi_member m;
	uint64_t v;
	int64_t sv;

	assert_null(dxi_types_size(t, "struct page", &v));
	assert_int_equal(v, 64);
	assert_null(dxi_types_size(t, "atomic_t", &v));
	assert_int_equal(v, 4);
	assert_null(dxi_types_size(t, "enum big", &v));
	assert_int_equal(v, 8);
	expect_code(dxi_types_size(t, "struct folio", &v), DXI_ERR_NOTFOUND);
	expect_code(dxi_types_size(t, "union page", &v), DXI_ERR_NOTFOUND);

	/* Through a typedef'd struct, anonymous unions and structs. */
	expect_member(t, "struct page", "flags", 0, 8);
	expect_member(t, "struct page", "flags.f", 0, 8);
	expect_member(t, "struct page", "lru", 8, 16);
	expect_member(t, "struct page", "lru.prev", 16, 8);
	expect_member(t, "struct page", "mapping", 24, 8);
	expect_member(t, "struct page", "pp_magic", 8, 8);
	expect_member(t, "struct page", "more", 48, 4);
	/* const volatile typedef: size of what it names. */
	expect_member(t, "struct page", "_refcount", 52, 4);
	expect_member(t, "struct page", "_refcount.counter", 52, 4);
	/* A named union member, then its member. */
	expect_member(t, "struct dentry", "d_u.d_alias", 8, 16);
	expect_member(t, "struct dentry", "d_u.d_alias.next", 8, 8);
	expect_member(t, "struct xa_node", "slots", 8, 512);
	expect_member(t, "struct flex", "data", 4, 0);

	/* Absent: NOTFOUND, so layouts can probe. */
	expect_code(dxi_types_member(t, "struct page", "compound_head", &m),
		    DXI_ERR_NOTFOUND);
	expect_code(dxi_types_member(t, "struct dentry", "d_alias", &m),
		    DXI_ERR_NOTFOUND);
	expect_code(dxi_types_member(t, "struct page", "flags.g", &m),
		    DXI_ERR_NOTFOUND);
	expect_code(dxi_types_member(t, "struct page", "mapping.x", &m),
		    DXI_ERR_NOTFOUND);
	expect_code(dxi_types_member(t, "struct page", "", &m),
		    DXI_ERR_NOTFOUND);
	expect_code(dxi_types_member(t, "struct nope", "x", &m),
		    DXI_ERR_NOTFOUND);

	assert_null(dxi_types_array_len(t, "struct xa_node", "slots", &v));
	assert_int_equal(v, 64);
	expect_code(dxi_types_array_len(t, "struct flex", "data", &v),
		    DXI_ERR_NOTFOUND);
	expect_code(dxi_types_array_len(t, "struct xa_node", "shift", &v),
		    DXI_ERR_NOTFOUND);

	assert_null(dxi_types_enum(t, "enum pageflags", "PG_head", &sv));
	assert_int_equal(sv, 6);
	assert_null(dxi_types_enum(t, "enum memory_type", "MEMORY_DEVICE_FS_DAX", &sv));
	assert_int_equal(sv, 3);
	assert_null(dxi_types_enum(t, "enum memory_type", "NEGATIVE", &sv));
	assert_int_equal(sv, -2);
	assert_null(dxi_types_enum(t, "enum big", "BIG", &sv));
	assert_int_equal(sv, 1ll << 40);
	expect_code(dxi_types_enum(t, "enum pageflags", "PG_hwpoison", &sv), DXI_ERR_NOTFOUND);
	/* In another enum, or in none that has a name: not found. */
	expect_code(dxi_types_enum(t, "enum big", "PG_head", &sv), DXI_ERR_NOTFOUND);
	expect_code(dxi_types_enum(t, "enum nope", "ANON", &sv), DXI_ERR_NOTFOUND);
	/* A name that is not an enum. */
	expect_code(dxi_types_enum(t, "struct page", "flags", &sv), DXI_ERR_NOTFOUND);
	expect_code(dxi_types_symbol(t, "_stext", &v), DXI_ERR_NOTFOUND);
}

static void test_btf_lookups(void **state)
{
	struct btf *b = kernel_like_btf();
	struct dxi_types *t = open_blob(b, NULL, 0);

	(void)state;
	check_lookups(t);
	dxi_types_close(t);
	btf__free(b);
}

/* Announced queries are indexed alone; the rest still answer, through a
 * full index built on the first name nobody announced. */
static void test_btf_lookups_announced(void **state)
{
	static const struct dxi_query q[] = {
		{ DXI_Q_SIZE, "struct page", NULL, false },
		{ DXI_Q_MEMBER, "struct page", "_refcount", false },
		{ DXI_Q_MEMBER, "memdesc_flags_t", "f", false },
		{ DXI_Q_MEMBER, "struct folio", "pgmap", false },	/* absent */
		{ DXI_Q_ENUM, "enum pageflags", "PG_head", false },
		{ DXI_Q_ENUM, "enum memory_type", "NEGATIVE", false },
		{ DXI_Q_ENUM, "enum pageflags", "PG_hwpoison", false },		/* absent */
		{ DXI_Q_SYMBOL, NULL, "_stext", false },
	};
	struct btf *b = kernel_like_btf();
	struct dxi_types *t = open_blob_for(b, NULL, 0, q, sizeof(q) / sizeof(q[0]));
	struct dxi_member m;
	uint64_t v;
	int64_t sv;

	(void)state;
	assert_null(dxi_types_size(t, "struct page", &v));
	assert_int_equal(v, 64);
	expect_member(t, "struct page", "_refcount", 52, 4);
	expect_member(t, "memdesc_flags_t", "f", 0, 8);
	expect_code(dxi_types_member(t, "struct folio", "pgmap", &m),
		    DXI_ERR_NOTFOUND);
	assert_null(dxi_types_enum(t, "enum pageflags", "PG_head", &sv));
	assert_int_equal(sv, 6);
	assert_null(dxi_types_enum(t, "enum memory_type", "NEGATIVE", &sv));
	assert_int_equal(sv, -2);
	expect_code(dxi_types_enum(t, "enum pageflags", "PG_hwpoison", &sv), DXI_ERR_NOTFOUND);
	/* Not announced: "struct page" was, "union page" was not. */
	expect_code(dxi_types_size(t, "union page", &v), DXI_ERR_NOTFOUND);
	check_lookups(t);
	dxi_types_close(t);
	btf__free(b);
}

/* Symbols answer link-time addresses: KASLR moves the image, not per-CPU
 * offsets. */
static void test_btf_symbols_kaslr(void **state)
{
	const uint64_t slide = 0x1e000000, stext = 0xffffffff81000000ull;
	struct dxi_kallsyms_tables tab = tables(three_names,
						sizeof(three_names));
	struct btf *b = kernel_like_btf();
	struct dxi_kallsyms *ks;
	struct dxi_types *t;
	uint32_t off[3];
	uint64_t v;

	(void)state;
	tab.num_syms = 3;
	tab.offsets = off;
	tab.stext = stext + slide;
	tab.relative_base = stext + slide;
	tab.has_relative_base = true;
	off[0] = (uint32_t)-(1 + 0x40);
	off[1] = (uint32_t)-1;
	off[2] = 0x2a000;
	assert_null(dxi_kallsyms_build(&tab, &ks));
	t = open_blob(b, ks, slide);
	assert_null(dxi_types_symbol(t, "_stext", &v));
	assert_int_equal(v, stext);
	assert_null(dxi_types_symbol(t, "foo", &v));
	assert_int_equal(v, stext + 0x40);
	assert_null(dxi_types_symbol(t, "percpu", &v));
	assert_int_equal(v, 0x2a000);
	expect_code(dxi_types_symbol(t, "nope", &v), DXI_ERR_NOTFOUND);
	dxi_types_close(t);
	btf__free(b);
}

static void test_btf_corrupt(void **state)
{
	struct btf *b = kernel_like_btf();
	struct dxi_types *t = NULL;
	uint32_t size, type_off;
	const uint8_t *raw = btf__raw_data(b, &size);
	uint8_t *copy = malloc(size);

	(void)state;
	assert_non_null(copy);
	memcpy(copy, raw, size);
	/* Truncated (a dump cut short, a wrong __stop_BTF). */
	expect_code(dxi_btf_from_blob(copy, size - 1, "t", NULL, 0, NULL, 0, &t),
		    DXI_ERR_DEBUGINFO);
	expect_code(dxi_btf_from_blob(copy, 10, "t", NULL, 0, NULL, 0, &t),
		    DXI_ERR_DEBUGINFO);
	/* Not BTF at all. */
	copy[0] ^= 0xff;
	expect_code(dxi_btf_from_blob(copy, size, "t", NULL, 0, NULL, 0, &t),
		    DXI_ERR_DEBUGINFO);
	copy[0] ^= 0xff;
	/* A type of an unknown kind: libbpf refuses it. The first type's
	 * info word is at hdr_len + type_off + 4; kind in bits 24-28. */
	memcpy(&type_off, copy + 8, 4);
	copy[24 + type_off + 4 + 3] = 0x1f;
	expect_code(dxi_btf_from_blob(copy, size, "t", NULL, 0, NULL, 0, &t),
		    DXI_ERR_DEBUGINFO);
	assert_null(t);
	free(copy);
	btf__free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token_decode),
		cmocka_unit_test(test_address_encodings),
		cmocka_unit_test(test_btf_lookups),
		cmocka_unit_test(test_btf_lookups_announced),
		cmocka_unit_test(test_btf_symbols_kaslr),
		cmocka_unit_test(test_btf_corrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
