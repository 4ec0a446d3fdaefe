// SPDX-License-Identifier: MIT
#include "xarray.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/u64map.h"

#define XA_MAX_DEPTH 12

struct walk {
	struct dxi_kernel *k;
	const struct dxi_xa_visitor *v;
	struct dxi_xa_stats *stats;
	unsigned chunk_shift;
	uint64_t chunk;
	unsigned char *bufs[XA_MAX_DEPTH];
	/* Nodes walked: a slot pointing to one again is a loop, not a child
	 * (the shift check alone lets two slots share a child). */
	struct dxi_u64map seen;
};

enum xa_problem {
	XA_NOTE,	/* odd, but every entry was still visited */
	XA_SKIPPED,	/* entries were not visited */
	XA_UNREADABLE,	/* memory not in the dump: entries not visited */
};

static void problem(struct walk *w, uint64_t index, uint64_t node,
		    enum xa_problem kind, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void problem(struct walk *w, uint64_t index, uint64_t node,
		    enum xa_problem kind, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (w->v->problem)
		w->v->problem(w->v->arg, index, node, kind == XA_UNREADABLE,
			      kind != XA_NOTE, msg);
}

static uint64_t rd8(const unsigned char *b, uint64_t off)
{
	return b[off];
}

static uint64_t rd64(const unsigned char *b, uint64_t off)
{
	uint64_t v;

	memcpy(&v, b + off, 8);
	return v;
}

static struct dxi_error *walk_node(struct walk *w, uint64_t node, uint64_t base,
				   uint64_t parent, unsigned want_shift,
				   unsigned slot_in_parent, int depth);

/* Handles slot i of a node already read into buf. */
static struct dxi_error *walk_slot(struct walk *w, const unsigned char *buf,
				   uint64_t node, uint64_t base, unsigned shift,
				   uint64_t i, int depth, uint64_t *skip)
{
	const struct dxi_xa_layout *x = &w->k->layout.xa;
	uint64_t e = rd64(buf, x->slots.off + i * 8);
	uint64_t index = base + (i << shift);
	uint64_t n = 0;

	if (!e)
		return NULL;
	if (dxi_xa_is_node(e)) {
		uint64_t ignored;

		if (dxi_u64map_get(&w->seen, e - 2, &ignored)) {
			problem(w, index, node, XA_SKIPPED,
				"xa_node %#llx slot %llu points back to xa_node %#llx, already walked: the xarray loops; not followed",
				(unsigned long long)node, (unsigned long long)i,
				(unsigned long long)(e - 2));
			return NULL;
		}
		if (shift == 0) {
			problem(w, index, node, XA_SKIPPED,
				"xa_node %#llx slot %llu holds a node pointer at the leaf level",
				(unsigned long long)node, (unsigned long long)i);
			return NULL;
		}
		return walk_node(w, e - 2, index, node, shift - w->chunk_shift,
				 (unsigned)i, depth + 1);
	}
	if (dxi_xa_is_internal(e) && (e >> 2) < w->chunk) {
		/* A sibling not consumed by its canonical entry. */
		problem(w, index, node, XA_NOTE,
			"xa_node %#llx slot %llu is a sibling of slot %llu, which holds no entry it belongs to",
			(unsigned long long)node, (unsigned long long)i,
			(unsigned long long)(e >> 2));
		return NULL;
	}
	/* Count the sibling slots that follow and point back to slot i. */
	while (i + 1 + n < w->chunk &&
	       rd64(buf, x->slots.off + (i + 1 + n) * 8) == ((i << 2) | 2))
		n++;
	*skip = n;
	w->stats->entries++;
	return w->v->entry(w->v->arg, index, (n + 1) << shift, e);
}

static struct dxi_error *walk_node(struct walk *w, uint64_t node, uint64_t base,
				   uint64_t parent, unsigned want_shift,
				   unsigned slot_in_parent, int depth)
{
	const struct dxi_xa_layout *x = &w->k->layout.xa;
	unsigned char *buf;
	struct dxi_error *err;
	unsigned shift;

	if (depth >= XA_MAX_DEPTH) {
		problem(w, base, node, XA_SKIPPED,
			"xarray deeper than %d levels at xa_node %#llx",
			XA_MAX_DEPTH, (unsigned long long)node);
		return NULL;
	}
	if (++w->stats->nodes > DXI_XA_MAX_NODES) {
		problem(w, base, node, XA_SKIPPED,
			"xarray has more than %u nodes; stopped", DXI_XA_MAX_NODES);
		return NULL;
	}
	if (!dxi_u64map_set(&w->seen, node, 1))
		return &dxi_error_nomem;
	buf = w->bufs[depth];
	err = dxi_target_read(w->k->target, DXI_KVIRT, node, buf, x->node_size);
	if (err) {
		problem(w, base, node,
			err->code == DXI_ERR_NODATA ? XA_UNREADABLE : XA_SKIPPED,
			"xa_node %#llx is unreadable: %s",
			(unsigned long long)node, err->msg);
		dxi_error_free(err);
		return NULL;
	}
	shift = (unsigned)rd8(buf, x->shift.off);
	if (shift % w->chunk_shift || shift >= 64 ||
	    (parent && shift != want_shift)) {
		problem(w, base, node, XA_SKIPPED,
			"xa_node %#llx has shift %u (expected %u)",
			(unsigned long long)node, shift, want_shift);
		return NULL;
	}
	if (rd64(buf, x->parent.off) != parent ||
	    (parent && rd8(buf, x->offset.off) != slot_in_parent))
		problem(w, base, node, XA_NOTE,
			"xa_node %#llx has parent %#llx offset %llu, expected %#llx offset %u",
			(unsigned long long)node,
			(unsigned long long)rd64(buf, x->parent.off),
			(unsigned long long)rd8(buf, x->offset.off),
			(unsigned long long)parent, slot_in_parent);
	if (rd8(buf, x->count.off) > w->chunk)
		problem(w, base, node, XA_NOTE,
			"xa_node %#llx has count %llu > %llu slots",
			(unsigned long long)node,
			(unsigned long long)rd8(buf, x->count.off),
			(unsigned long long)w->chunk);
	for (uint64_t i = 0; i < w->chunk; i++) {
		uint64_t skip = 0;

		err = walk_slot(w, buf, node, base, shift, i, depth, &skip);
		if (err)
			return err;
		/* walk_slot may have recursed and reused deeper buffers only. */
		i += skip;
	}
	return NULL;
}

struct dxi_error *dxi_xa_walk(struct dxi_kernel *k, uint64_t xa_addr,
			      const struct dxi_xa_visitor *v,
			      struct dxi_xa_stats *stats)
{
	struct walk w = { .k = k, .v = v, .stats = stats };
	struct dxi_error *err = NULL;
	uint64_t head;

	memset(stats, 0, sizeof(*stats));
	w.chunk = k->layout.xa_chunk_size;
	if (!w.chunk || (w.chunk & (w.chunk - 1)) || w.chunk > 256)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "xa_node.slots has %llu slots; expected a power of two up to 256",
				     (unsigned long long)w.chunk);
	w.chunk_shift = (unsigned)__builtin_ctzll(w.chunk);
	err = dxi_target_read_u64(k->target, xa_addr + k->layout.xa.xa_head.off,
				  &head);
	if (err) {
		problem(&w, 0, xa_addr,
			err->code == DXI_ERR_NODATA ? XA_UNREADABLE : XA_SKIPPED,
			"xarray %#llx is unreadable: %s",
			(unsigned long long)xa_addr, err->msg);
		dxi_error_free(err);
		return NULL;
	}
	if (!head)
		return NULL;
	if (!dxi_xa_is_node(head)) {
		stats->entries++;
		return v->entry(v->arg, 0, 1, head);
	}
	for (int i = 0; i < XA_MAX_DEPTH; i++) {
		w.bufs[i] = malloc(k->layout.xa.node_size);
		if (!w.bufs[i]) {
			err = &dxi_error_nomem;
			goto out;
		}
	}
	{
		/* The root's shift is whatever it says; children must follow. */
		err = walk_node(&w, head - 2, 0, 0, 0, 0, 0);
	}
out:
	for (int i = 0; i < XA_MAX_DEPTH; i++)
		free(w.bufs[i]);
	dxi_u64map_free(&w.seen);
	return err;
}
