// SPDX-License-Identifier: MIT
#include "page.h"

#include <stdlib.h>
#include <string.h>

uint64_t dxi_page_addr(const struct dxi_kernel *k, uint64_t pfn)
{
	return k->vmemmap_base + pfn * k->layout.page.size;
}

bool dxi_page_gap(const struct dxi_error *err)
{
	return err->code == DXI_ERR_NODATA || err->code == DXI_ERR_CORRUPT ||
	       err->code == DXI_ERR_ADDR;
}

static uint64_t rdu(const unsigned char *b, const struct dxi_field *f)
{
	uint64_t v = 0;

	memcpy(&v, b + f->off, f->size < 8 ? f->size : 8);
	return v;
}

static int32_t rds32(const unsigned char *b, const struct dxi_field *f)
{
	int32_t v;

	memcpy(&v, b + f->off, 4);
	return v;
}

/*
 * A tail's link word: compound_head = head | 1 (<= 7.0), or from 7.1
 * compound_info either head | 1 or, when compound_info_has_mask(), a
 * mask GENMASK(63, order + log2(sizeof(struct page))) | 1 with
 * head = tail_address & mask (7.3 include/linux/page-flags.h 202-285).
 * A mask is all ones from bit 63 down: no vmemmap address looks like one.
 * See docs/kernel-facts.md#compound-head.
 */
static uint64_t tail_head_addr(const struct dxi_kernel *k, uint64_t pfn,
			       uint64_t word)
{
	uint64_t v = word & ~1ULL;

	if (k->layout.page.compound_info.has && v && !((~v + 1) & ~v))
		return dxi_page_addr(k, pfn) & v;
	return v;
}

/* Decodes the raw words of one struct page from buf. */
static void decode_one(const struct dxi_kernel *k, const unsigned char *b,
		       uint64_t pfn, struct dxi_page *p)
{
	const struct dxi_page_layout *l = &k->layout.page;
	bool is_head;

	memset(p, 0, sizeof(*p));
	p->pfn = pfn;
	p->flags = rdu(b, &l->flags);
	p->word1 = l->compound_head.has ? rdu(b, &l->compound_head) :
					  rdu(b, &l->compound_info);
	p->mapping = rdu(b, &l->mapping);
	p->index = rdu(b, &l->index);
	p->refcount = rds32(b, &l->refcount);
	p->mapcount_raw = rds32(b, &l->mapcount);
	p->head_pfn = pfn;
	is_head = k->layout.pageflag_has[DXI_PG_HEAD] &&
		  (p->flags >> k->layout.pageflag_bit[DXI_PG_HEAD]) & 1;
	if (p->word1 & 1) {
		uint64_t head = tail_head_addr(k, pfn, p->word1);

		p->compound = DXI_COMPOUND_TAIL;
		if (head >= k->vmemmap_base)
			p->head_pfn = (head - k->vmemmap_base) / l->size;
	} else if (is_head) {
		p->compound = DXI_COMPOUND_HEAD;
	}
	/* Order-0 folio view: the page itself. */
	p->f_mapping = p->mapping;
	p->f_index = p->index;
	p->f_refcount = p->refcount;
	p->f_mapcount = (int64_t)p->mapcount_raw + 1;
	if (l->pgmap.has)
		p->pgmap = rdu(b, &l->pgmap);
}

/* Completes a head from its first tail (folio fields live in page[1]). */
static void decode_head_folio(const struct dxi_kernel *k,
			      const unsigned char *tail1, struct dxi_page *p)
{
	const struct dxi_folio_layout *f = &k->layout.folio;
	uint64_t off = k->layout.page.size; /* folio offsets count from head */

	/* 6.1 has both members and keeps the order in _folio_order
	 * (folio_order(), include/linux/mm.h); later kernels dropped it for
	 * _flags_1's low byte: docs/kernel-facts.md#folio-fields. */
	if (f->folio_order.has)
		p->order = (unsigned)rdu(tail1 - off, &f->folio_order);
	else if (f->flags_1.has)
		p->order = (unsigned)(rdu(tail1 - off, &f->flags_1) & 0xff);
	if (f->large_mapcount.has)
		p->f_mapcount = (int64_t)rds32(tail1 - off, &f->large_mapcount) + 1;
	else if (f->total_mapcount.has)
		p->f_mapcount = (int64_t)rds32(tail1 - off, &f->total_mapcount) + 1;
}

static void fill_pgmap_from_head(const struct dxi_kernel *k,
				 const unsigned char *head, struct dxi_page *p)
{
	if (!k->layout.page.pgmap.has && k->layout.folio.pgmap.has)
		p->pgmap = rdu(head, &k->layout.folio.pgmap);
}

/* Gives a tail the folio view of its head. */
static void adopt_head(struct dxi_page *p, const struct dxi_page *h)
{
	p->order = h->order;
	p->f_mapping = h->f_mapping;
	p->f_index = h->f_index;
	p->f_refcount = h->f_refcount;
	p->f_mapcount = h->f_mapcount;
	p->pgmap = h->pgmap;
}

static struct dxi_error *read_pages(struct dxi_kernel *k, uint64_t pfn,
				    unsigned n, unsigned char *buf)
{
	return dxi_target_read(k->target, DXI_KVIRT, dxi_page_addr(k, pfn), buf,
			       n * k->layout.page.size);
}

/* Decodes a head page (and its first tail) read on its own. */
static struct dxi_error *decode_head_alone(struct dxi_kernel *k, uint64_t pfn,
					   struct dxi_page *h)
{
	unsigned char buf[2 * 256];
	struct dxi_error *err;

	if (k->layout.page.size > 256)
		return dxi_error_new(DXI_ERR_INTERNAL, "struct page too large");
	err = read_pages(k, pfn, 2, buf);
	if (err)
		return err;
	decode_one(k, buf, pfn, h);
	fill_pgmap_from_head(k, buf, h);
	if (h->compound == DXI_COMPOUND_HEAD)
		decode_head_folio(k, buf + k->layout.page.size, h);
	return NULL;
}

static struct dxi_error *decode_buf(struct dxi_kernel *k, uint64_t pfn,
				    unsigned n, unsigned have,
				    const unsigned char *buf,
				    struct dxi_page *out, bool *same);

struct dxi_error *dxi_page_decode_run(struct dxi_kernel *k, uint64_t pfn,
				      unsigned n, struct dxi_page *out)
{
	return dxi_page_scan_run(k, pfn, n, out, NULL);
}

struct dxi_error *dxi_page_scan_run(struct dxi_kernel *k, uint64_t pfn,
				    unsigned n, struct dxi_page *out,
				    bool *same)
{
	size_t psz = k->layout.page.size;
	struct dxi_error *err;
	unsigned have = n;
	unsigned char *buf;
	const unsigned char *in;

	if (n > DXI_PAGE_RUN || psz > 256)
		return dxi_error_new(DXI_ERR_INTERNAL, "bad page run");
	/* Decoded in the target's read-ahead where it can be. */
	in = dxi_target_peek(k->target, dxi_page_addr(k, pfn), (n + 1) * psz);
	if (in)
		return decode_buf(k, pfn, n, n, in, out, same);
	buf = malloc((n + 1) * psz);
	if (!buf)
		return &dxi_error_nomem;
	/* One extra page so a head at the end of the run has its tail. */
	err = read_pages(k, pfn, n + 1, buf);
	if (err) {
		dxi_error_free(err);
		err = read_pages(k, pfn, n, buf);
		have = n - 1;
	}
	if (!err) {
		err = decode_buf(k, pfn, n, have, buf, out, same);
		free(buf);
		return err;
	}
	free(buf);
	if (!dxi_page_gap(err))
		return err;
	dxi_error_free(err);
	/* Not in the dump (filtered, or memmap on the device), a damaged
	 * page of it, or a hole in the vmemmap: an analysis gap, not a
	 * reason to stop. A long run is
	 * retried in short ones, so only what is missing is lost. */
	if (n > DXI_PAGE_RUN_MIN) {
		for (unsigned i = 0; i < n; i += DXI_PAGE_RUN_MIN) {
			unsigned m = n - i < DXI_PAGE_RUN_MIN ? n - i :
							      DXI_PAGE_RUN_MIN;

			err = dxi_page_scan_run(k, pfn + i, m, out + i,
						same ? same + i : NULL);
			if (err)
				return err;
		}
		return NULL;
	}
	for (unsigned i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].pfn = pfn + i;
		out[i].head_pfn = pfn + i;
		out[i].unreadable = true;
		if (same)
			same[i] = false;
	}
	return NULL;
}

/* Decodes n pages from buf, which holds have + 1 of them (n or n + 1). */
static struct dxi_error *decode_buf(struct dxi_kernel *k, uint64_t pfn,
				    unsigned n, unsigned have,
				    const unsigned char *buf,
				    struct dxi_page *out, bool *same)
{
	size_t psz = k->layout.page.size;
	struct dxi_error *err;
	unsigned last = 0;	/* the last page decoded */

	for (unsigned i = 0; i < n; i++) {
		if (same) {
			/* An order-0 page decodes from its own bytes alone;
			 * a same page is left to the caller (page.h). */
			same[i] = i > 0 && out[last].compound == DXI_COMPOUND_NONE &&
				  !out[last].unreadable &&
				  !memcmp(buf + i * psz, buf + (i - 1) * psz, psz);
			if (same[i])
				continue;
		}
		last = i;
		decode_one(k, buf + i * psz, pfn + i, &out[i]);
		fill_pgmap_from_head(k, buf + i * psz, &out[i]);
		if (out[i].compound == DXI_COMPOUND_HEAD) {
			if (i < have) {
				decode_head_folio(k, buf + (i + 1) * psz, &out[i]);
			} else if ((err = decode_head_alone(k, pfn + i, &out[i]))) {
				if (!dxi_page_gap(err))
					return err;
				/* A head without its first tail: no folio. */
				dxi_error_free(err);
				memset(&out[i], 0, sizeof(out[i]));
				out[i].pfn = pfn + i;
				out[i].head_pfn = pfn + i;
				out[i].unreadable = true;
			}
		}
	}
	/* Tails whose head precedes the run share one extra read. */
	struct dxi_page head = { .pfn = UINT64_MAX };

	for (unsigned i = 0; i < n; i++) {
		if ((same && same[i]) || out[i].compound != DXI_COMPOUND_TAIL)
			continue;
		if (out[i].head_pfn >= pfn && out[i].head_pfn < pfn + i) {
			adopt_head(&out[i], &out[out[i].head_pfn - pfn]);
			continue;
		}
		if (head.pfn != out[i].head_pfn) {
			err = decode_head_alone(k, out[i].head_pfn, &head);
			if (err) {
				if (!dxi_page_gap(err))
					return err;
				dxi_error_free(err);
				head.pfn = UINT64_MAX;
				continue; /* keep the tail's own words */
			}
		}
		adopt_head(&out[i], &head);
	}
	return NULL;
}

struct dxi_error *dxi_page_decode(struct dxi_kernel *k, uint64_t pfn,
				  struct dxi_page *out)
{
	return dxi_page_decode_run(k, pfn, 1, out);
}
