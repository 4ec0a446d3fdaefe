// SPDX-License-Identifier: MIT
/*
 * "The dump was filtered too much": said once, when a makedumpfile dump
 * (its kdump sub-header's dump_level; an ELF records none) lacks kernel
 * objects or struct pages the walk needs. makedumpfile releases that do
 * not know a kernel take its slab pages for user data and drop them at
 * -d 8 (docs/kernel-facts.md#makedumpfile-filtering), so -d 31 loses
 * super_blocks, inodes, xa_nodes and dev_pagemaps while the vmemmap
 * stays. The unreadable findings then point here instead of being bare.
 */
#include "filtering.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../dump/dumplevel.h"
#include "audit.h"
#include "checks.h"

#define BARE_PAGES "cannot be read from the dump (filtered out, or damaged)"
#define MAX_KINDS 6

/* snprintf that may cut (the texts are bounded by their buffers). */
__attribute__((format(printf, 3, 4)))
static void put(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

struct kind {
	char name[40];
	unsigned n;
};

/* The object a problem message is about: its words before the first
 * address ("pgmap_array: xa_node 0x..." is "pgmap_array xa_node"); ""
 * for a consequence ("the super_blocks list breaks ..."). */
static void object_of(const char *msg, char *out, size_t len)
{
	const char *end = strstr(msg, " 0x");
	size_t n = end ? (size_t)(end - msg) : 0;

	out[0] = '\0';
	if (!n || !strncmp(msg, "the ", 4) || n >= len)
		return;
	for (size_t i = 0, o = 0; i < n; i++) {
		if (msg[i] == ':')
			continue;
		out[o++] = msg[i];
		out[o] = '\0';
	}
}

static void add_kind(struct kind *k, size_t *nk, const char *name)
{
	for (size_t i = 0; i < *nk; i++) {
		if (!strcmp(k[i].name, name)) {
			k[i].n++;
			return;
		}
	}
	if (*nk < MAX_KINDS) {
		snprintf(k[*nk].name, sizeof(k[*nk].name), "%s", name);
		k[(*nk)++].n = 1;
	}
}

/* Counts the unreadable objects and names their kinds into f->lost. */
static void name_lost(const struct dxi_audit *a, struct dxi_filtering *f)
{
	struct kind kinds[MAX_KINDS];
	size_t nk = 0, used = 0;

	for (size_t i = 0; i < a->dax.nproblems; i++) {
		char name[40];

		if (!a->dax.problems[i].unreadable)
			continue;
		object_of(a->dax.problems[i].msg, name, sizeof(name));
		if (!name[0])
			continue;
		f->objects++;
		add_kind(kinds, &nk, name);
	}
	f->lost[0] = '\0';
	for (size_t i = 0; i < nk && used < sizeof(f->lost); i++) {
		int r = kinds[i].n > 1 ?
			snprintf(f->lost + used, sizeof(f->lost) - used, "%s%s x%u",
				 i ? ", " : "", kinds[i].name, kinds[i].n) :
			snprintf(f->lost + used, sizeof(f->lost) - used, "%s%s",
				 i ? ", " : "", kinds[i].name);
		used += r > 0 ? (size_t)r : 0;
	}
	if (f->pages && used < sizeof(f->lost))
		snprintf(f->lost + used, sizeof(f->lost) - used,
			 "%s%" PRIu64 " struct pages", used ? ", " : "", f->pages);
}

/* What of the struct pages and of the inodes could still be audited. */
static void sides(const struct dxi_audit *a, struct dxi_filtering *f)
{
	const struct dxi_pgmaps *g = &a->pgmaps;
	size_t assumed = 0, xa_cut = 0;
	bool walk_cut = false;
	uint32_t last = UINT32_MAX;

	for (size_t i = 0; i < g->n; i++)
		assumed += g->maps[i].type_assumed;
	put(f->pages_side, sizeof(f->pages_side),
		 "pages: %" PRIu64 " struct pages of %zu pgmap%s decoded%s%s, %" PRIu64 " unreadable",
		 a->stats.pages_scanned, g->n, g->n == 1 ? "" : "s",
		 g->from_sections ? ", found through mem_section" : "",
		 !g->from_sections ? "" :
		 assumed ? " (dev_pagemap not in the dump: read as FS_DAX)" :
			   " (dev_pagemap read)",
		 a->stats.pages_unreadable);
	for (size_t i = 0; i < a->dax.nproblems; i++) {
		const struct dxi_walk_problem *p = &a->dax.problems[i];

		if (p->inode == UINT32_MAX)
			walk_cut |= p->hides_entries;
		else if (p->unreadable && p->inode != last)
			xa_cut++;
		if (p->inode != UINT32_MAX)
			last = p->inode;
	}
	put(f->inodes_side, sizeof(f->inodes_side),
		 "inodes: %zu DAX inodes read, %" PRIu64 " of them through page->mapping (of %" PRIu64 " mappings the pages name), %zu with xarray nodes missing; the walk of superblocks and their inode lists %s",
		 a->dax.ninodes, a->adopted, a->adopted + a->unknown_mappings.len, xa_cut,
		 walk_cut ? "was cut short" : "was whole");
}

/* Points a bare "not in the dump" finding at the explanation. The bare
 * words are matched up to their "(", since a long message may have been
 * cut there; a pointer that does not fit takes the message's end. */
static void point(struct dxi_finding *x, int level)
{
	const char *bare[] = { "is not in the dump (", BARE_PAGES };

	for (size_t i = 0; i < 2; i++) {
		char *at = strstr(x->message, bare[i]);
		char tail[128];
		size_t need;

		if (!at)
			continue;
		at += strcspn(at, "(");
		snprintf(tail, sizeof(tail),
			 "(left out by makedumpfile -d %d: see \"filtered the dump too much\")%s",
			 level, i ? "; they were not checked" : "");
		need = strlen(tail) + 1;
		if ((size_t)(at - x->message) + need > sizeof(x->message))
			at = x->message + sizeof(x->message) - need;
		memcpy(at, tail, need);
	}
}

static void emit(struct dxi_audit *a, const struct dxi_filtering *f)
{
	struct dxi_finding *x = dxi_emit(a, &dxi_check_unreadable, DXI_SEV_WARNING);

	if (!x)
		return;
	put(x->message, sizeof(x->message),
		 "makedumpfile -d %d filtered the dump too much: it left out what the walk needs (%s); %s",
		 f->level, f->lost, f->way_out);
	put(x->actual, sizeof(x->actual),
		 "dump level %d, which excludes %s; makedumpfile version not recorded",
		 f->level, f->excludes);
	put(x->expected, sizeof(x->expected), "%s", f->makedumpfile);
}

void dxi_filtering_explain(struct dxi_audit *a)
{
	const struct dxi_target *t = a->k->target;
	struct dxi_filtering *f = &a->filtering;
	size_t n = a->nfindings;
	uint64_t v;

	memset(f, 0, sizeof(*f));
	f->level = t->desc.dump_level;
	if (f->level <= 0 || strcmp(t->desc.origin, "makedumpfile") ||
	    !dxi_audit_runs(a, &dxi_check_unreadable))
		return;
	f->pages = a->stats.pages_unreadable - a->stats.pages_unreadable_device;
	name_lost(a, f);
	if (!f->objects && !f->pages)
		return;
	f->applies = true;
	dxi_dump_level_excludes(f->level, f->excludes, sizeof(f->excludes));
	dxi_makedumpfile_knows(t->vmci.osrelease,
			       t->vmcoreinfo_raw &&
				       dxi_vmcoreinfo_number(t->vmcoreinfo_raw,
							     "NUMBER(PAGE_SLAB_MAPCOUNT_VALUE)",
							     10, &v),
			       f->makedumpfile, sizeof(f->makedumpfile));
	if (dxi_dump_level_drops_user(f->level))
		put(f->way_out, sizeof(f->way_out),
			 "re-capture with makedumpfile -d 23 (keeps slab pages), or a makedumpfile that supports %s",
			 t->vmci.osrelease);
	else
		put(f->way_out, sizeof(f->way_out),
			 "re-capture with a lower dump level (makedumpfile -d 0 keeps every page)");
	sides(a, f);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(a->findings[i].check, dxi_check_unreadable.id))
			point(&a->findings[i], f->level);
	}
	emit(a, f);
}
