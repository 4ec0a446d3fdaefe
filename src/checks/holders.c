// SPDX-License-Identifier: MIT
/*
 * Who holds a page (holders.h): the user mappings of each busy-page and
 * leaked-ref finding's page, and its refcount decomposed. Facts:
 * docs/kernel-facts.md#pins, #refcount-baseline, #user-mappings.
 */
#include "holders.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kern/page.h"
#include "../kern/pgmap.h"
#include "checks.h"
#include "../util/vec.h"

bool dxi_holders_wanted(const struct dxi_finding *f)
{
	return f->has_page && !f->page.unreadable &&
	       (!strcmp(f->check, dxi_check_busy_page.id) ||
		!strcmp(f->check, dxi_check_leaked_ref.id) ||
		!strcmp(f->check, dxi_check_stale_pte.id));
}

/* folio->_pincount of the large folio headed by pfn (it lives in the
 * first tail: the folio layout's offsets count from the head). */
static bool read_pincount(struct dxi_kernel *k, uint64_t pfn, int64_t *out)
{
	const struct dxi_field *f = &k->layout.folio.pincount;
	struct dxi_error *err;
	int32_t v = 0;

	if (!f->has)
		return false;
	err = dxi_target_read(k->target, DXI_KVIRT,
			      dxi_page_addr(k, pfn) + f->off, &v, sizeof(v));
	if (err) {
		dxi_error_free(err);
		return false;
	}
	*out = v;
	return true;
}

/*
 * refcount = idle + mapped + pins + unexplained:
 *  - idle and mapped from the era (v->idle, v->baseline: mappings hold a
 *    reference each from 6.15, none before; #refcount-baseline);
 *  - FOLL_PIN on a large folio adds 1 to the refcount and 1 to
 *    folio->_pincount, on any other page GUP_PIN_COUNTING_BIAS (1024)
 *    to the refcount (mm/gup.c try_grab_folio(); #pins). So on a small
 *    page every whole 1024 of the excess counts as a pin;
 *  - the rest is no mapping and no pin: a get_page()/FOLL_GET reference
 *    (short-term I/O, a fault in progress) or a leak.
 */
void dxi_refsplit_compute(struct dxi_kernel *k, const struct dxi_page *p,
			  const struct dxi_page_view *v, int64_t mappings,
			  struct dxi_refsplit *s)
{
	int64_t excess;

	memset(s, 0, sizeof(*s));
	s->refcount = v->refcount;
	s->idle = v->idle;
	s->mapped = v->baseline - v->idle;
	s->mapcount = v->mapcount;
	s->maps_take_refs = k->rules->maps_take_refs;
	s->mappings = mappings;
	excess = v->refcount - v->baseline;
	s->large = p->compound == DXI_COMPOUND_HEAD && p->order > 0;
	if (s->large) {
		int64_t pins = 0;

		if (read_pincount(k, p->pfn, &pins) && pins >= 0) {
			s->pins = pins;
			s->pin_refs = pins;
		} else {
			s->pincount_unknown = true;
		}
	} else if (excess >= DXI_GUP_PIN_BIAS) {
		s->pins = excess / DXI_GUP_PIN_BIAS;
		s->pin_refs = s->pins * DXI_GUP_PIN_BIAS;
	}
	s->unexplained = excess - s->pin_refs;
}

static int cmp_pfn(const void *a, const void *b, void *arg)
{
	const struct dxi_rmap *r = arg;
	uint64_t x = r->rows[*(const size_t *)a].pfn;
	uint64_t y = r->rows[*(const size_t *)b].pfn;

	return x < y ? -1 : x > y;
}

bool dxi_rmap_pfn_index(const struct dxi_rmap *r, struct dxi_pfn_index *ix)
{
	ix->r = r;
	ix->maxpages = 1;
	ix->order = malloc((r->nrows ? r->nrows : 1) * sizeof(*ix->order));
	if (!ix->order)
		return false;
	for (size_t i = 0; i < r->nrows; i++) {
		ix->order[i] = i;
		if (r->rows[i].pages > ix->maxpages)
			ix->maxpages = r->rows[i].pages;
	}
	qsort_r(ix->order, r->nrows, sizeof(*ix->order), cmp_pfn, (void *)r);
	return true;
}

/* Appends row u as a holder of the pages [first, first + n). */
static bool add_holder(const struct dxi_umap *u, uint64_t first, uint64_t want,
		       struct dxi_holder **rows, size_t *nrows, size_t *cap)
{
	struct dxi_holder *h;
	uint64_t c;

	if (!DXI_GROW(*rows, *cap, *nrows + 1, 16))
		return false;
	c = dxi_umap_covers(u, want) ? want : u->pfn > first ? u->pfn : first;
	h = &(*rows)[(*nrows)++];
	h->map = *u;
	h->pfn = c;
	h->vaddr = u->vaddr + (c - u->pfn) * 4096;
	h->pgoff = u->pgoff + (c - u->pfn);
	return true;
}

static bool holder_before(const struct dxi_holder *a, const struct dxi_holder *b)
{
	if (a->map.pid != b->map.pid)
		return a->map.pid < b->map.pid;
	if (a->map.mm != b->map.mm)
		return a->map.mm < b->map.mm;
	return a->vaddr < b->vaddr;
}

static bool overlaps(const struct dxi_umap *u, uint64_t first, uint64_t n)
{
	return u->pfn < first + n && u->pfn + u->pages > first;
}

size_t dxi_holders_find(const struct dxi_rmap *r, const struct dxi_pfn_index *ix,
			const struct dxi_page *p, uint64_t want,
			struct dxi_holder **rows, size_t *nrows, size_t *cap)
{
	uint64_t first = p->pfn;
	uint64_t n = p->compound == DXI_COMPOUND_HEAD ? 1ULL << p->order : 1;
	size_t found = 0, lo = 0, hi;

	if (!ix) {
		for (size_t i = 0; i < r->nrows; i++) {
			if (!overlaps(&r->rows[i], first, n))
				continue;
			if (!add_holder(&r->rows[i], first, want, rows, nrows, cap))
				return SIZE_MAX;
			found++;
		}
		return found;
	}
	/* The first row starting at or after first + n; rows before it that
	 * can reach first start at most maxpages - 1 pages before it. */
	hi = r->nrows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->rows[ix->order[mid]].pfn < first + n)
			lo = mid + 1;
		else
			hi = mid;
	}
	hi = lo;
	while (lo > 0 && r->rows[ix->order[lo - 1]].pfn + ix->maxpages > first)
		lo--;
	{
		size_t start = *nrows;

		for (size_t i = lo; i < hi; i++) {
			const struct dxi_umap *u = &r->rows[ix->order[i]];

			if (!overlaps(u, first, n))
				continue;
			if (!add_holder(u, first, want, rows, nrows, cap))
				return SIZE_MAX;
			found++;
		}
		/* Back to the rmap's (pid, vaddr) order. */
		for (size_t i = start + 1; i < *nrows; i++) {
			for (size_t j = i; j > start && holder_before(&(*rows)[j], &(*rows)[j - 1]); j--) {
				struct dxi_holder t = (*rows)[j];

				(*rows)[j] = (*rows)[j - 1];
				(*rows)[j - 1] = t;
			}
		}
	}
	return found;
}

void dxi_holders_why(const char *msg, char *buf, size_t n)
{
	static const char tp[] = "type profile ";
	const char *p = strstr(msg, tp), *end;

	/* A profile's path differs between copies of one dump: leave it
	 * out, so findings compare equal (the header's `types` names it). */
	if (p && (end = strchr(p + sizeof(tp) - 1, ' ')) != NULL)
		snprintf(buf, n, "%.*sthe type profile%s", (int)(p - msg), msg, end);
	else
		snprintf(buf, n, "%s", msg);
}

struct dxi_error *dxi_holders_collect(struct dxi_audit *a)
{
	struct dxi_holders *h;
	struct dxi_pfn_index ix = { 0 };
	struct dxi_error *err;
	size_t want = 0, cap = 0;

	for (size_t i = 0; i < a->nfindings; i++)
		want += dxi_holders_wanted(&a->findings[i]);
	if (!want)
		return NULL;	/* the fast path: no walk */
	h = calloc(1, sizeof(*h));
	if (h)
		h->sets = calloc(want, sizeof(*h->sets));
	if (!h || !h->sets) {
		free(h);
		return &dxi_error_nomem;
	}
	a->holders = h;
	err = dxi_audit_rmap(a);
	if (err)
		return err;
	if (!a->rmap_walked) {
		snprintf(h->why, sizeof(h->why), "%s", a->rmap_why);
	} else {
		h->walked = true;
		h->problems = a->rmap.nproblems;
		if (!dxi_rmap_pfn_index(&a->rmap, &ix))
			return &dxi_error_nomem;
	}
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct dxi_finding *f = &a->findings[i];
		const struct dxi_pgmap *m;
		struct dxi_holder_set *s;
		struct dxi_page_view v;
		size_t n = 0;

		if (!dxi_holders_wanted(f))
			continue;
		s = &h->sets[h->nsets++];
		s->finding = i;
		s->first = h->nrows;
		if (h->walked) {
			n = dxi_holders_find(&a->rmap, &ix, &f->page, f->page.pfn,
					 &h->rows, &h->nrows, &cap);
			if (n == SIZE_MAX) {
				free(ix.order);
				return &dxi_error_nomem;
			}
		}
		s->n = n;
		m = dxi_pgmap_find(&a->pgmaps, f->page.pfn);
		dxi_page_view(a->k, m ? m->type : DXI_MEMTYPE_FS_DAX, &f->page, &v);
		dxi_refsplit_compute(a->k, &f->page, &v,
				     h->walked ? (int64_t)n : -1, &s->split);
	}
	free(ix.order);
	return NULL;
}

void dxi_holders_free(struct dxi_holders *h)
{
	if (!h)
		return;
	free(h->rows);
	free(h->sets);
	free(h);
}

const struct dxi_holder_set *dxi_holders_of(const struct dxi_audit *a,
					    const struct dxi_finding *f)
{
	const struct dxi_holders *h = a->holders;
	size_t i;

	if (!h || f < a->findings || f >= a->findings + a->nfindings)
		return NULL;
	i = (size_t)(f - a->findings);
	/* sets are in finding order */
	for (size_t lo = 0, hi = h->nsets; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->sets[mid].finding == i)
			return &h->sets[mid];
		if (h->sets[mid].finding < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct dxi_error *dxi_page_holders(struct dxi_audit *a, const struct dxi_rmap *r,
				   const struct dxi_page *p,
				   struct dxi_page_holders *out)
{
	const struct dxi_pgmap *m;
	struct dxi_page_view v;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	out->head = *p;
	if (p->compound == DXI_COMPOUND_TAIL && p->head_pfn != p->pfn) {
		struct dxi_error *err = dxi_page_decode(a->k, p->head_pfn, &out->head);

		if (err)
			return dxi_error_wrap(err, "the head (pfn %#llx) of pfn %#llx",
					      (unsigned long long)p->head_pfn,
					      (unsigned long long)p->pfn);
	}
	if (r) {
		n = dxi_holders_find(r, NULL, &out->head, p->pfn, &out->rows,
				 &out->n, &out->cap);
		if (n == SIZE_MAX)
			return &dxi_error_nomem;
		out->walked = true;
	}
	m = dxi_pgmap_find(&a->pgmaps, out->head.pfn);
	dxi_page_view(a->k, m ? m->type : DXI_MEMTYPE_FS_DAX, &out->head, &v);
	dxi_refsplit_compute(a->k, &out->head, &v, r ? (int64_t)n : -1,
			     &out->split);
	return NULL;
}

void dxi_page_holders_free(struct dxi_page_holders *ph)
{
	free(ph->rows);
	memset(ph, 0, sizeof(*ph));
}
