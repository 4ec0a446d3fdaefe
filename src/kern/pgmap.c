// SPDX-License-Identifier: MIT
#include "pgmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/vec.h"
#include "memsection.h"
#include "page.h"
#include "xarray.h"

DXI_VEC(ptr_vec, uint64_t);
DXI_VEC(pgmap_vec, struct dxi_pgmap);

struct pgmap_walk {
	struct dxi_dax_state *state;
	struct ptr_vec ptrs;
	bool incomplete;
};

static void note_problem(struct dxi_dax_state *s, uint64_t addr,
			 bool unreadable, const char *msg)
{
	struct dxi_walk_problem *p = dxi_dax_add_problem(s);

	if (!p)
		return;
	p->inode = UINT32_MAX;
	p->addr = addr;
	p->unreadable = unreadable;
	if (snprintf(p->msg, sizeof(p->msg), "pgmap_array: %s", msg) >=
	    (int)sizeof(p->msg))
		memcpy(p->msg + sizeof(p->msg) - 4, "...", 4); /* cut, and says so */
}

static struct dxi_error *on_entry(void *arg, uint64_t index, uint64_t span,
				  uint64_t raw)
{
	struct pgmap_walk *w = arg;

	(void)span;
	if (raw & 3) {
		char msg[128];

		snprintf(msg, sizeof(msg),
			 "entry %#llx at pfn %#llx is not a dev_pagemap pointer",
			 (unsigned long long)raw, (unsigned long long)index);
		note_problem(w->state, raw, false, msg);
		return NULL;
	}
	/* Multi-index stores repeat the pointer: keep the first of a run. */
	for (size_t i = 0; i < w->ptrs.len; i++) {
		if (w->ptrs.data[i] == raw)
			return NULL;
	}
	return ptr_vec_push(&w->ptrs, raw) ? NULL : &dxi_error_nomem;
}

static void on_problem(void *arg, uint64_t index, uint64_t node,
		       bool unreadable, bool skipped, const char *msg)
{
	struct pgmap_walk *w = arg;

	(void)index;
	if (skipped)
		w->incomplete = true;
	note_problem(w->state, node, unreadable, msg);
}

static uint64_t rdu(const unsigned char *b, const struct dxi_field *f)
{
	uint64_t v = 0;

	memcpy(&v, b + f->off, f->size < 8 ? f->size : 8);
	return v;
}

/*
 * A range must lie inside what the kernel can map: below 2^MAX_PHYSMEM_BITS
 * (the target's max_phys_bits: arch/x86/include/asm/sparsemem.h, 52 with
 * 5-level paging, else 46; arm64 from its VA size, kernel-facts.md) and
 * with its first and last struct page in the vmemmap's page tables. A
 * damaged range.end would otherwise have the scan walk 2^52 pfns.
 */
static bool range_in_memmap(struct dxi_kernel *k, const struct dxi_pgmap *m,
			    uint32_t r, char *why, size_t wlen)
{
	unsigned bits = (unsigned)k->target->max_phys_bits;
	uint64_t ends[2] = { m->ranges[r].first, m->ranges[r].last };
	uint64_t word;

	if (m->ranges[r].last >> (bits - 12)) {
		snprintf(why, wlen,
			 "dev_pagemap %#llx (%s, first pfn %#llx): range %u ends at pfn %#llx, beyond the 2^%u-byte physical address space; the range is damaged and was not scanned",
			 (unsigned long long)m->addr, dxi_memtype_name(m->type),
			 (unsigned long long)m->ranges[0].first, r,
			 (unsigned long long)m->ranges[r].last, bits);
		return false;
	}
	for (int i = 0; i < 2; i++) {
		struct dxi_error *err = dxi_target_read_u64(
			k->target, dxi_page_addr(k, ends[i]), &word);
		bool unmapped = err && err->code == DXI_ERR_ADDR;

		dxi_error_free(err);
		if (unmapped) {
			snprintf(why, wlen,
				 "dev_pagemap %#llx (%s, first pfn %#llx): range %u's struct page of pfn %#llx has no vmemmap mapping; the range is damaged and was not scanned",
				 (unsigned long long)m->addr,
				 dxi_memtype_name(m->type),
				 (unsigned long long)m->ranges[0].first, r,
				 (unsigned long long)ends[i]);
			return false;
		}
	}
	return true;
}

static struct dxi_error *read_pgmap(struct dxi_kernel *k, uint64_t addr,
				    struct dxi_pgmap *m, char *why, size_t wlen)
{
	const struct dxi_pgmap_layout *g = &k->layout.pgmap;
	unsigned char buf[512];
	uint64_t nr;
	struct dxi_error *err;

	if (g->ranges.off + g->range_size > sizeof(buf))
		return dxi_error_new(DXI_ERR_INTERNAL, "struct dev_pagemap too large");
	err = dxi_target_read(k->target, DXI_KVIRT, addr, buf,
			      g->ranges.off + g->range_size);
	if (err)
		return err;
	memset(m, 0, sizeof(*m));
	m->addr = addr;
	m->type_value = (int64_t)(int32_t)rdu(buf, &g->type);
	m->type = DXI_MEMTYPE_UNKNOWN;
	for (int i = 0; i < DXI_MEMTYPE_COUNT; i++) {
		if (k->layout.memory_type_has[i] &&
		    k->layout.memory_type_value[i] == m->type_value)
			m->type = (enum dxi_memtype)i;
	}
	m->flags = (uint32_t)rdu(buf, &g->flags);
	m->vmemmap_shift = g->vmemmap_shift.has ? rdu(buf, &g->vmemmap_shift) : 0;
	m->altmap = m->flags & DXI_PGMAP_ALTMAP_VALID;
	if (m->altmap)
		m->altmap_offset = rdu(buf, &g->altmap_reserve) +
				   rdu(buf, &g->altmap_free);
	nr = rdu(buf, &g->nr_range);
	if (nr == 0 || nr > DXI_PGMAP_MAX_RANGES) {
		snprintf(why, wlen, "dev_pagemap %#llx has nr_range %llu",
			 (unsigned long long)addr, (unsigned long long)nr);
		return NULL;
	}
	m->nranges = (uint32_t)nr;
	for (uint32_t r = 0; r < m->nranges; r++) {
		unsigned char rb[16];
		uint64_t start, end;

		err = dxi_target_read(k->target, DXI_KVIRT,
				      addr + g->ranges.off + r * g->range_size,
				      rb, sizeof(rb));
		if (err)
			return err;
		memcpy(&start, rb + g->range_start.off, 8);
		memcpy(&end, rb + g->range_end.off, 8);
		if (end < start) {
			snprintf(why, wlen,
				 "dev_pagemap %#llx range %u ends before it starts",
				 (unsigned long long)addr, r);
			m->nranges = r;
			return NULL;
		}
		m->ranges[r].first = start / k->target->vmci.page_size;
		m->ranges[r].last = end / k->target->vmci.page_size;
		if (!range_in_memmap(k, m, r, why, wlen)) {
			m->nranges = r;
			return NULL;
		}
	}
	return NULL;
}

static int pgmap_cmp(const void *a, const void *b)
{
	const struct dxi_pgmap *x = a, *y = b;

	return x->ranges[0].first < y->ranges[0].first ? -1 :
	       x->ranges[0].first > y->ranges[0].first;
}

static bool covered(const struct pgmap_vec *maps, uint64_t pfn)
{
	for (size_t i = 0; i < maps->len; i++) {
		for (uint32_t r = 0; r < maps->data[i].nranges; r++) {
			if (pfn >= maps->data[i].ranges[r].first &&
			    pfn <= maps->data[i].ranges[r].last)
				return true;
		}
	}
	return false;
}

/*
 * pgmap_array could not be read whole: finds the device memory from the
 * memmap side (memsection.c) and adds each range no pgmap read covers,
 * with its dev_pagemap read if that is in the dump, else as FS_DAX whole
 * sections (docs/kernel-facts.md#device-sections).
 */
static struct dxi_error *add_from_sections(struct dxi_kernel *k,
					   struct dxi_dax_state *state,
					   struct pgmap_vec *maps,
					   struct dxi_pgmaps *out)
{
	struct dxi_device_range *dr;
	size_t n;
	struct dxi_error *err = dxi_device_ranges(k, &dr, &n);

	if (err) {
		char msg[256];

		snprintf(msg, sizeof(msg),
			 "device memory could not be looked for through mem_section either: %s",
			 err->msg);
		note_problem(state, 0, false, msg);
		dxi_error_free(err);
		return NULL;
	}
	out->sections_walked = true;
	for (size_t i = 0; i < n; i++) {
		struct dxi_pgmap *m;
		char why[240] = "", msg[512];

		if (covered(maps, dr[i].first))
			continue;
		/* The same dev_pagemap may already be in the list, with its
		 * ranges read (a range it lists that is not here). */
		m = pgmap_vec_append(maps);
		if (!m) {
			free(dr);
			return &dxi_error_nomem;
		}
		err = read_pgmap(k, dr[i].pgmap, m, why, sizeof(why));
		if (!err && !why[0] && m->type != DXI_MEMTYPE_UNKNOWN &&
		    covered(&(struct pgmap_vec){ m, 1, 1 }, dr[i].first)) {
			m->from_sections = true;
			out->from_sections++;
			continue;
		}
		snprintf(msg, sizeof(msg),
			 "dev_pagemap %#llx of pfns %#llx-%#llx (found through mem_section) is unreadable, so its struct pages are read as FS_DAX: %s",
			 (unsigned long long)dr[i].pgmap,
			 (unsigned long long)dr[i].first,
			 (unsigned long long)dr[i].last,
			 err ? err->msg : why[0] ? why : "its type or ranges do not match");
		note_problem(state, dr[i].pgmap, err && err->code == DXI_ERR_NODATA,
			     msg);
		dxi_error_free(err);
		memset(m, 0, sizeof(*m));
		m->addr = dr[i].pgmap;
		m->type = DXI_MEMTYPE_FS_DAX;
		m->type_value = -1;
		m->nranges = 1;
		m->ranges[0].first = dr[i].first;
		m->ranges[0].last = dr[i].last;
		m->from_sections = m->type_assumed = true;
		out->from_sections++;
	}
	free(dr);
	return NULL;
}

struct dxi_error *dxi_pgmap_walk(struct dxi_kernel *k,
				 struct dxi_dax_state *state,
				 struct dxi_pgmaps *out)
{
	struct pgmap_walk w = { .state = state };
	struct dxi_xa_visitor v = { .arg = &w, .entry = on_entry,
				    .problem = on_problem };
	struct pgmap_vec maps = { 0 };
	struct dxi_xa_stats st;
	struct dxi_error *err;
	uint64_t xa;

	memset(out, 0, sizeof(*out));
	err = dxi_kernel_symbol(k, "pgmap_array", &xa);
	if (err)
		return dxi_error_wrap(err, "finding pgmap_array");
	err = dxi_xa_walk(k, xa, &v, &st);
	for (size_t i = 0; !err && i < w.ptrs.len; i++) {
		struct dxi_pgmap *m = pgmap_vec_append(&maps);
		char why[240] = "";

		if (!m) {
			err = &dxi_error_nomem;
			break;
		}
		err = read_pgmap(k, w.ptrs.data[i], m, why, sizeof(why));
		if (err) {
			char msg[256];

			snprintf(msg, sizeof(msg),
				 "dev_pagemap %#llx is unreadable: %s",
				 (unsigned long long)w.ptrs.data[i], err->msg);
			note_problem(state, w.ptrs.data[i],
				     err->code == DXI_ERR_NODATA, msg);
			dxi_error_free(err);
			err = NULL;
			maps.len--;
			w.incomplete = true;
		} else if (why[0]) {
			note_problem(state, w.ptrs.data[i], false, why);
			/* Pages of the dropped ranges are not known. */
			w.incomplete = true;
			if (!m->nranges)
				maps.len--;
		}
	}
	free(w.ptrs.data);
	if (!err && w.incomplete)
		err = add_from_sections(k, state, &maps, out);
	if (err) {
		free(maps.data);
		return err;
	}
	if (maps.len)
		qsort(maps.data, maps.len, sizeof(*maps.data), pgmap_cmp);
	out->maps = maps.data;
	out->n = maps.len;
	out->complete = !w.incomplete;
	return NULL;
}

void dxi_pgmaps_free(struct dxi_pgmaps *p)
{
	free(p->maps);
	memset(p, 0, sizeof(*p));
}

const struct dxi_pgmap *dxi_pgmap_find(const struct dxi_pgmaps *p, uint64_t pfn)
{
	for (size_t i = 0; i < p->n; i++) {
		for (uint32_t r = 0; r < p->maps[i].nranges; r++) {
			if (pfn >= p->maps[i].ranges[r].first &&
			    pfn <= p->maps[i].ranges[r].last)
				return &p->maps[i];
		}
	}
	return NULL;
}

uint64_t dxi_pgmap_first_data_pfn(const struct dxi_pgmap *m, uint32_t r)
{
	/* mm/memremap.c pfn_first(): range 0 skips vmem_altmap_offset(). */
	return m->ranges[r].first + (r == 0 ? m->altmap_offset : 0);
}
