// SPDX-License-Identifier: MIT
/* Who holds a page, rendered (holders_out.h). */
#include "holders_out.h"

#include <inttypes.h>
#include <string.h>

#include "../util/json.h"

/* Text shows this many mappers of one page, then how many more. */
#define TEXT_MAX_MAPPERS 8
#define INDENT "          "

static void level_upper(enum dxi_pt_level l, char *buf, size_t n)
{
	snprintf(buf, n, "%s", dxi_pt_level_name(l));
	for (char *c = buf; *c; c++) {
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	}
}

void dxi_holder_line(const struct dxi_audit *a, const struct dxi_holder *h,
		     FILE *f)
{
	char fl[40], level[8], id[96];

	dxi_vm_flags_str(h->map.vm_flags, fl, sizeof(fl));
	level_upper(h->map.level, level, sizeof(level));
	dxi_format_inode_id(&a->dax.inodes[h->map.inode], id, sizeof(id));
	if (h->map.pid >= 0)
		fprintf(f, "mapped by pid %" PRId64 " (%s)", h->map.pid,
			h->map.comm);
	else
		fprintf(f, "mapped by an mm without an owner task");
	fprintf(f, " at %#" PRIx64 " (%s, %s), %s index %" PRIu64, h->vaddr,
		level, fl, id, h->pgoff);
	if (h->pfn != h->map.pfn || h->map.pages > 1)
		fprintf(f, " (pfn %#" PRIx64 ")", h->pfn);
}

void dxi_refsplit_line(const struct dxi_refsplit *s, FILE *f)
{
	fprintf(f, "refcount %" PRId64 " = %" PRId64 " idle + %" PRId64 " mapped",
		s->refcount, s->idle, s->mapped);
	if (!s->maps_take_refs && s->mappings > 0)
		fprintf(f, " (%" PRId64 " mapping%s, which hold%s no reference before 6.15)",
			s->mappings, s->mappings == 1 ? "" : "s",
			s->mappings == 1 ? "s" : "");
	else if (s->maps_take_refs && s->mappings >= 0 &&
		 s->mappings != s->mapcount)
		fprintf(f, " (mapcount %" PRId64 "; %" PRId64 " mapping%s found in page tables)",
			s->mapcount, s->mappings, s->mappings == 1 ? "" : "s");
	if (s->pincount_unknown)
		fprintf(f, " + ? pins (folio _pincount not readable)");
	else if (s->large)
		fprintf(f, " + %" PRId64 " pin%s (_pincount %" PRId64 ")",
			s->pins, s->pins == 1 ? "" : "s", s->pins);
	else if (s->pins)
		fprintf(f, " + %" PRId64 " pin%s (%" PRId64 ")", s->pins,
			s->pins == 1 ? "" : "s", s->pin_refs);
	else
		fprintf(f, " + 0 pins");
	fprintf(f, " + %" PRId64 " unexplained", s->unexplained);
}

void dxi_holders_text(const struct dxi_audit *a, const struct dxi_finding *x,
		      FILE *f)
{
	const struct dxi_holder_set *s = dxi_holders_of(a, x);
	const struct dxi_holders *h = a->holders;

	if (!s)
		return;
	if (!h->walked) {
		fprintf(f, INDENT "mappers unknown: %s\n", h->why);
	} else if (!s->n) {
		fprintf(f, INDENT "no process maps this page");
		if (h->problems)
			fprintf(f, " (as far as the readable page tables show: the walk met %zu problem%s, see `daxinspect maps`)",
				h->problems, h->problems == 1 ? "" : "s");
		fputc('\n', f);
	}
	for (size_t i = 0; h->walked && i < s->n && i < TEXT_MAX_MAPPERS; i++) {
		fprintf(f, INDENT);
		dxi_holder_line(a, &h->rows[s->first + i], f);
		fputc('\n', f);
	}
	if (h->walked && s->n > TEXT_MAX_MAPPERS)
		fprintf(f, INDENT "and %zu more mappings (daxinspect maps --pfn %#" PRIx64 ")\n",
			s->n - TEXT_MAX_MAPPERS, x->pfn);
	fprintf(f, INDENT);
	dxi_refsplit_line(&s->split, f);
	fputc('\n', f);
}

void dxi_json_holder(struct dxi_json *j, const struct dxi_audit *a,
		     const struct dxi_holder *h)
{
	const struct dxi_inode *ino = &a->dax.inodes[h->map.inode];

	dxi_json_begin_object(j, NULL);
	if (h->map.pid >= 0)
		dxi_json_i64(j, "pid", h->map.pid);
	else
		dxi_json_null(j, "pid");
	dxi_json_string(j, "comm", h->map.comm);
	dxi_json_hex(j, "vaddr", h->vaddr);
	dxi_json_u64(j, "pfn", h->pfn);
	dxi_json_string(j, "level", dxi_pt_level_name(h->map.level));
	dxi_json_u64(j, "pages", h->map.pages);
	dxi_json_begin_object(j, "inode");
	dxi_json_string(j, "dev", ino->dev);
	dxi_json_u64(j, "ino", ino->ino);
	dxi_json_string(j, "path", ino->path);
	dxi_json_end_object(j);
	dxi_json_u64(j, "pgoff", h->pgoff);
	dxi_json_hex(j, "vm_flags", h->map.vm_flags);
	dxi_json_begin_object(j, "flags");
	dxi_json_bool(j, "shared", h->map.vm_flags & DXI_VM_SHARED);
	dxi_json_bool(j, "write", h->map.vm_flags & DXI_VM_WRITE);
	dxi_json_bool(j, "map_sync", h->map.vm_flags & DXI_VM_SYNC);
	dxi_json_end_object(j);
	dxi_json_end_object(j);
}

void dxi_json_refsplit(struct dxi_json *j, const char *key,
		       const struct dxi_refsplit *s)
{
	dxi_json_begin_object(j, key);
	dxi_json_i64(j, "refcount", s->refcount);
	dxi_json_i64(j, "idle", s->idle);
	dxi_json_i64(j, "mapped", s->mapped);
	dxi_json_i64(j, "mapcount", s->mapcount);
	dxi_json_bool(j, "maps_take_refs", s->maps_take_refs);
	if (s->mappings >= 0)
		dxi_json_i64(j, "mappings", s->mappings);
	else
		dxi_json_null(j, "mappings");
	if (s->pincount_unknown)
		dxi_json_null(j, "pins");
	else
		dxi_json_i64(j, "pins", s->pins);
	dxi_json_i64(j, "pin_refs", s->pin_refs);
	dxi_json_string(j, "pins_from", s->pincount_unknown ? "unknown" :
					s->large ? "pincount" : "bias");
	dxi_json_i64(j, "unexplained", s->unexplained);
	dxi_json_end_object(j);
}

void dxi_holders_json(struct dxi_json *j, const struct dxi_audit *a,
		      const struct dxi_finding *x)
{
	const struct dxi_holder_set *s = dxi_holders_of(a, x);
	const struct dxi_holders *h = a->holders;

	if (!s)
		return;
	if (h->walked) {
		dxi_json_begin_array(j, "mappers");
		for (size_t i = 0; i < s->n; i++)
			dxi_json_holder(j, a, &h->rows[s->first + i]);
		dxi_json_end_array(j);
		dxi_json_u64(j, "mappers_problems", h->problems);
	} else {
		dxi_json_null(j, "mappers");
		dxi_json_string(j, "mappers_unknown", h->why);
	}
	dxi_json_refsplit(j, "refcount_split", &s->split);
}
