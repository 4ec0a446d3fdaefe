// SPDX-License-Identifier: MIT
#include "memsection.h"

#include <stdlib.h>
#include <string.h>

#include "../dump/vmcoreinfo.h"
#include "../util/vec.h"
#include "page.h"

DXI_VEC(range_vec, struct dxi_device_range);

/* include/linux/mmzone.h enum SECTION_*_BIT (6.1:1719, 6.12:1905, 7.3 the
 * same values in its BTF): kernel-facts.md#device-sections. */
#define SECTION_MARKED_PRESENT 0x1
#define SECTION_HAS_MEM_MAP 0x2
#define SECTION_IS_ONLINE 0x4
#define SECTION_IS_EARLY 0x8
#define MAX_ROOTS (1u << 20)

struct sections {
	uint64_t array;		/* SYMBOL(mem_section) */
	uint64_t nroots, size, map_off, per_root, pages_per_section;
	bool extreme;
};

static struct dxi_error *need(const char *raw, const char *key, int base,
			      uint64_t *v)
{
	if (raw && dxi_vmcoreinfo_number(raw, key, base, v))
		return NULL;
	return dxi_error_new(DXI_ERR_NOTFOUND,
			     "VMCOREINFO has no %s, so mem_section cannot be walked",
			     key);
}

static struct dxi_error *load(struct dxi_kernel *k, struct sections *s)
{
	const char *raw = k->target->vmcoreinfo_raw;
	uint64_t bits, nsections;
	struct dxi_error *err;

	if ((err = need(raw, "SYMBOL(mem_section)", 16, &s->array)) ||
	    (err = need(raw, "LENGTH(mem_section)", 10, &s->nroots)) ||
	    (err = need(raw, "SIZE(mem_section)", 10, &s->size)) ||
	    (err = need(raw, "OFFSET(mem_section.section_mem_map)", 10,
			&s->map_off)) ||
	    (err = need(raw, "NUMBER(SECTION_SIZE_BITS)", 10, &bits)))
		return err;
	if (!s->size || s->size > 256 || bits < 12 || bits > 40 ||
	    !s->nroots || s->nroots > MAX_ROOTS ||
	    (int)bits >= k->target->max_phys_bits)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "VMCOREINFO's mem_section keys are out of range");
	s->pages_per_section = 1ull << (bits - 12);
	nsections = 1ull << (k->target->max_phys_bits - (int)bits);
	/* SPARSEMEM_EXTREME: LENGTH is NR_SECTION_ROOTS, each root a page
	 * of sections (SECTIONS_PER_ROOT = PAGE_SIZE / sizeof). */
	s->extreme = s->nroots < nsections;
	s->per_root = s->extreme ? k->target->vmci.page_size / s->size : 1;
	return NULL;
}

static uint64_t pgmap_word_off(const struct dxi_kernel *k)
{
	return k->layout.page.pgmap.has ? k->layout.page.pgmap.off :
					  k->layout.folio.pgmap.off;
}

/* A struct dev_pagemap lives in the direct map (kmalloc'ed). */
static bool direct_map_ptr(const struct dxi_kernel *k, uint64_t v)
{
	uint64_t span = 1ull << k->target->max_phys_bits;

	return !(v & 7) && v >= k->page_offset_base &&
	       v - k->page_offset_base < span;
}

/* One section: adds it to the ranges when it is device memory. */
static struct dxi_error *one(struct dxi_kernel *k, const struct sections *s,
			     uint64_t nr, uint64_t map, struct range_vec *v)
{
	uint64_t pfn = nr * s->pages_per_section, word = 0;
	struct dxi_device_range *r;
	struct dxi_error *err;

	if ((map & (SECTION_MARKED_PRESENT | SECTION_HAS_MEM_MAP)) !=
		    (SECTION_MARKED_PRESENT | SECTION_HAS_MEM_MAP) ||
	    (map & (SECTION_IS_ONLINE | SECTION_IS_EARLY)))
		return NULL;
	err = dxi_target_read_u64(k->target,
				  dxi_page_addr(k, pfn) + pgmap_word_off(k), &word);
	if (err) {
		dxi_error_free(err);
		return NULL;
	}
	if (!direct_map_ptr(k, word))
		return NULL;
	if (v->len && v->data[v->len - 1].last + 1 == pfn &&
	    v->data[v->len - 1].pgmap == word) {
		v->data[v->len - 1].last = pfn + s->pages_per_section - 1;
		return NULL;
	}
	r = range_vec_append(v);
	if (!r)
		return &dxi_error_nomem;
	r->first = pfn;
	r->last = pfn + s->pages_per_section - 1;
	r->pgmap = word;
	return NULL;
}

static struct dxi_error *walk(struct dxi_kernel *k, const struct sections *s,
			      struct range_vec *v)
{
	size_t rootlen = s->extreme ? 8 : s->size;
	unsigned char *sec = malloc(s->per_root * s->size);
	struct dxi_error *err = NULL;

	if (!sec)
		return &dxi_error_nomem;
	for (uint64_t root = 0; !err && root < s->nroots; root++) {
		uint64_t base = s->array + root * rootlen;

		if (s->extreme) {
			uint64_t p;

			err = dxi_target_read_u64(k->target, base, &p);
			if (err || !p) {
				/* An unreadable root: its sections are not known. */
				dxi_error_free(err);
				err = NULL;
				continue;
			}
			base = p;
		}
		err = dxi_target_read(k->target, DXI_KVIRT, base, sec,
				      s->per_root * s->size);
		if (err) {
			dxi_error_free(err);
			err = NULL;
			continue;
		}
		for (uint64_t i = 0; !err && i < s->per_root; i++) {
			uint64_t map;

			memcpy(&map, sec + i * s->size + s->map_off, 8);
			err = one(k, s, root * s->per_root + i, map, v);
		}
	}
	free(sec);
	return err;
}

struct dxi_error *dxi_device_ranges(struct dxi_kernel *k,
				    struct dxi_device_range **out, size_t *n)
{
	struct range_vec v = { 0 };
	struct sections s;
	struct dxi_error *err;

	*out = NULL;
	*n = 0;
	if (!k->layout.page.pgmap.has && !k->layout.folio.pgmap.has)
		return dxi_error_new(DXI_ERR_NOTFOUND,
				     "struct page has no pgmap member");
	err = load(k, &s);
	if (!err)
		err = walk(k, &s, &v);
	if (err) {
		free(v.data);
		return err;
	}
	*out = v.data;
	*n = v.len;
	return NULL;
}
