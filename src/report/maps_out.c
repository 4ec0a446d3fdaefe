// SPDX-License-Identifier: MIT
/* `maps` output: the user mappings of DAX pages (kern/rmap.h), text and
 * JSON (docs/json-schema.md#maps). */
#include "maps_out.h"

#include <inttypes.h>

#include "../util/json.h"
#include "json_out.h"

static bool wanted(const struct dxi_umap *r, const struct dxi_maps_filter *m)
{
	if (m->inode != SIZE_MAX && r->inode != m->inode)
		return false;
	return !m->has_pfn || dxi_umap_covers(r, m->pfn);
}

static void json_row(struct dxi_json *j, const struct dxi_audit *a,
		     const struct dxi_umap *r, bool addresses)
{
	dxi_json_begin_object(j, NULL);
	if (r->pid >= 0)
		dxi_json_i64(j, "pid", r->pid);
	else
		dxi_json_null(j, "pid");
	dxi_json_string(j, "comm", r->comm);
	dxi_json_hex(j, "vaddr", r->vaddr);
	dxi_json_u64(j, "pfn", r->pfn);
	dxi_json_string(j, "level", dxi_pt_level_name(r->level));
	dxi_json_u64(j, "pages", r->pages);
	dxi_json_begin_object(j, "inode");
	dxi_json_string(j, "dev", a->dax.inodes[r->inode].dev);
	dxi_json_u64(j, "ino", a->dax.inodes[r->inode].ino);
	dxi_json_string(j, "path", a->dax.inodes[r->inode].path);
	dxi_json_end_object(j);
	dxi_json_u64(j, "pgoff", r->pgoff);
	dxi_json_hex(j, "vm_flags", r->vm_flags);
	dxi_json_begin_object(j, "flags");
	dxi_json_bool(j, "shared", r->vm_flags & DXI_VM_SHARED);
	dxi_json_bool(j, "write", r->vm_flags & DXI_VM_WRITE);
	dxi_json_bool(j, "map_sync", r->vm_flags & DXI_VM_SYNC);
	dxi_json_end_object(j);
	dxi_json_bool(j, "pte_write", r->write);
	if (addresses) {
		dxi_json_hex(j, "vma", r->vma);
		dxi_json_hex(j, "mm", r->mm);
	}
	dxi_json_end_object(j);
}

static void json_maps(const struct dxi_audit *a, const struct dxi_rmap *r,
		      const struct dxi_maps_filter *m, FILE *f)
{
	struct dxi_json j;
	uint64_t n = 0, pages = 0;

	dxi_json_init(&j, f);
	dxi_json_begin_object(&j, NULL);
	dxi_json_header(&j, a, "maps");
	dxi_json_begin_array(&j, "mappings");
	for (size_t i = 0; i < r->nrows; i++) {
		if (!wanted(&r->rows[i], m))
			continue;
		json_row(&j, a, &r->rows[i], m->addresses);
		n++;
		pages += r->rows[i].pages;
	}
	dxi_json_end_array(&j);
	dxi_json_begin_array(&j, "problems");
	for (size_t i = 0; i < r->nproblems; i++) {
		char msg[300];

		dxi_format_message(r->problems[i].msg, m->addresses, msg,
				   sizeof(msg));
		dxi_json_begin_object(&j, NULL);
		dxi_json_string(&j, "message", msg);
		dxi_json_bool(&j, "unreadable", r->problems[i].unreadable);
		dxi_json_end_object(&j);
	}
	dxi_json_end_array(&j);
	dxi_json_begin_object(&j, "summary");
	dxi_json_u64(&j, "mappings", n);
	dxi_json_u64(&j, "pages", pages);
	dxi_json_u64(&j, "vmas", r->vmas);
	dxi_json_u64(&j, "inodes", a->dax.ninodes);
	dxi_json_end_object(&j);
	dxi_json_end_object(&j);
	fputc('\n', f);
}

static void text_maps(const struct dxi_audit *a, const struct dxi_rmap *r,
		      const struct dxi_maps_filter *m, FILE *f)
{
	uint64_t n = 0, pages = 0;

	for (size_t i = 0; i < r->nrows; i++) {
		const struct dxi_umap *u = &r->rows[i];
		char id[96], fl[40], pid[24];

		if (!wanted(u, m))
			continue;
		if (!n++)
			fprintf(f, "%-7s %-16s %-18s %-10s %-5s %6s %-14s %8s  %s\n",
				"PID", "COMM", "VADDR", "PFN", "LEVEL", "PAGES",
				"INODE", "PGOFF", "FLAGS, PATH");
		pages += u->pages;
		dxi_format_inode_id(&a->dax.inodes[u->inode], id, sizeof(id));
		dxi_vm_flags_str(u->vm_flags, fl, sizeof(fl));
		if (u->pid >= 0)
			snprintf(pid, sizeof(pid), "%" PRId64, u->pid);
		else
			snprintf(pid, sizeof(pid), "?");
		fprintf(f, "%-7s %-16s 0x%016" PRIx64 " %#-10" PRIx64
			   " %-5s %6" PRIu64 " %-14s %8" PRIu64 "  %s, %s\n",
			pid, u->comm, u->vaddr, u->pfn,
			dxi_pt_level_name(u->level), u->pages, id, u->pgoff,
			fl, a->dax.inodes[u->inode].path ?
				    a->dax.inodes[u->inode].path : "?");
	}
	fprintf(f, "%" PRIu64 " user mapping%s (%" PRIu64 " pages) of DAX inodes; %" PRIu64 " VMAs of %zu DAX inodes walked\n",
		n, n == 1 ? "" : "s", pages, r->vmas, a->dax.ninodes);
	for (size_t i = 0; i < r->nproblems; i++) {
		char msg[300];

		dxi_format_message(r->problems[i].msg, m->addresses, msg,
				   sizeof(msg));
		fprintf(f, "problem: %s\n", msg);
	}
}

void dxi_render_maps(const struct dxi_audit *a, const struct dxi_rmap *r,
		     const struct dxi_maps_filter *m, bool json, FILE *f)
{
	if (json)
		json_maps(a, r, m, f);
	else
		text_maps(a, r, m, f);
}
