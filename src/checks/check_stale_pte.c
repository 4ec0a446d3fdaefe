// SPDX-License-Identifier: MIT
/*
 * stale-pte: a user page table maps a DAX page of inode I at file page o,
 * but I's xarray has no entry mapping that page at o. The finding names the
 * page's owner when it now belongs to another DAX inode.
 *
 * The kernel never leaves such a mapping behind: truncate and hole punch
 * unmap every user mapping of the range before they delete its entries
 * (truncate_pagecache(): unmap_mapping_range(), then
 * truncate_inode_pages(), whose DAX entries go through
 * dax_delete_mapping_entry()), and a fault that replaces an entry (a zero
 * page by a block, a CoW) unmaps the old one first and holds the entry
 * locked until the new PTE is in (dax_insert_entry()). So such a PTE is
 * storage still reachable by a process after its block was freed or
 * moved: the corruption itself (docs/kernel-facts.md#stale-pte).
 *
 * Only pages of a FS_DAX pgmap are judged: a private CoW copy or the zero
 * page is no storage; device-dax files have no page cache entries. A
 * locked entry is a fault in flight, not judged. On a live target each
 * candidate is read again (confirmed_live()).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "checks.h"

/* Why the xarray of ino does not hold pfn at file page off (false when it
 * does, or when its entry there is locked: a fault in flight); *ep is the
 * entry there, or NULL. */
static bool stale(const struct dxi_audit *a, const struct dxi_inode *ino,
		  uint64_t pfn, uint64_t off, char *why, size_t n,
		  const struct dxi_entry **ep)
{
	const struct dxi_entry *e = *ep = dxi_dax_entry_at(&a->dax, ino, off);

	if (e && (e->flags & DXI_DAX_LOCKED))
		return false;
	if (!e)
		snprintf(why, n, "no entry");
	else if (e->kind != DXI_ENTRY_PFN)
		snprintf(why, n, "a %s entry", dxi_entry_kind_name(e->kind));
	else if (e->pfn + (off - e->index) != pfn)
		snprintf(why, n, "an entry for another page");
	else
		/* The entry agrees. A page naming another inode under it is
		 * mapping-mismatch's to say: 6.1 reflink shows it for a
		 * legitimately shared page (bug xfs-dax-read-shared), and the
		 * PTE is then no more stale than the entry. */
		return false;
	return true;
}

/* "; the page now belongs to DEV:INO" when page p names another DAX
 * inode than ino, else "". */
static void owner_of(const struct dxi_audit *a, const struct dxi_inode *ino,
		     const struct dxi_page *p, char *buf, size_t n)
{
	uint64_t mapping = p->compound == DXI_COMPOUND_TAIL ? p->f_mapping
							    : p->mapping;
	uint32_t other;

	buf[0] = 0;
	if (p->unreadable || !mapping || (mapping & 3))
		return;
	other = dxi_audit_inode_of(a, mapping);
	if (other != UINT32_MAX && other != (uint32_t)(ino - a->dax.inodes))
		snprintf(buf, n, "; the page now belongs to %s:%" PRIu64,
			 a->dax.inodes[other].dev, a->dax.inodes[other].ino);
}

/*
 * A live kernel changes while it is read, and its entries were read before
 * its page tables: a fault in between looks like a stale PTE. So on a live
 * target a candidate is read again, the entry first, then the leaf: no
 * entry for the page now, and the same page still mapped after that, is
 * stale, since the kernel unmaps before it deletes and inserts before it
 * maps (docs/kernel-facts.md#stale-pte). What cannot be read again is
 * not reported.
 */
static bool confirmed_live(struct dxi_audit *a, const struct dxi_inode *ino,
			   const struct dxi_umap *m, uint64_t j)
{
	uint64_t off = m->pgoff + j, pfn = m->pfn + j, va = m->vaddr + (j << 12);
	struct dxi_pt_leaf l;
	struct dxi_entry e;
	struct dxi_error *err;
	bool found;

	err = dxi_dax_reload_entry(a->k, ino, off, &e, &found);
	if (err) {
		dxi_error_free(err);
		return false;
	}
	if (found && ((e.flags & DXI_DAX_LOCKED) ||
		      (e.kind == DXI_ENTRY_PFN && e.pfn + (off - e.index) == pfn)))
		return false;
	err = dxi_rmap_leaf_at(a->k, m->mm, va, &l, &found);
	if (err) {
		dxi_error_free(err);
		return false;
	}
	return found && l.pfn + ((va - l.vaddr) >> 12) == pfn;
}

static void stale_pte(struct dxi_audit *a, const struct dxi_umap *m)
{
	const struct dxi_inode *ino = &a->dax.inodes[m->inode];

	if (!a->entries_complete || ino->devdax)
		return;	/* absence of entries cannot be shown */
	for (uint64_t j = 0; j < m->pages; j++) {
		uint64_t pfn = m->pfn + j, off = m->pgoff + j;
		const struct dxi_pgmap *pm = dxi_pgmap_find(&a->pgmaps, pfn);
		const struct dxi_entry *e;
		char why[32], owner[80];
		struct dxi_error *err;
		struct dxi_finding *f;
		struct dxi_page p;

		if (!pm || pm->type != DXI_MEMTYPE_FS_DAX ||
		    !stale(a, ino, pfn, off, why, sizeof(why), &e))
			continue;
		if (a->k->target->desc.live && !confirmed_live(a, ino, m, j))
			continue;
		err = dxi_page_decode(a->k, pfn, &p);
		if (err) {
			dxi_error_free(err);
			memset(&p, 0, sizeof(p));
			p.pfn = pfn;
			p.unreadable = true;
		}
		owner_of(a, ino, &p, owner, sizeof(owner));
		f = dxi_emit(a, &dxi_check_stale_pte, DXI_SEV_ERROR);
		if (!f)
			return;
		f->inode = m->inode;
		f->has_index = true;
		f->index = off;
		f->has_pfn = true;
		f->pfn = pfn;
		if (!p.unreadable)
			dxi_finding_set_page(f, &p);
		f->addr = m->vma;
		snprintf(f->message, sizeof(f->message),
			 "a user page table maps this page at this file offset, where the xarray has %s%s: storage mapped after it was freed or moved (its mappers follow)",
			 why, owner);
		snprintf(f->expected, sizeof(f->expected),
			 "an entry for pfn %#" PRIx64 " at index %" PRIu64 " (truncate unmaps before it deletes entries)",
			 pfn, off);
		if (e && e->kind == DXI_ENTRY_PFN)
			snprintf(f->actual, sizeof(f->actual),
				 "entry for pfn %#" PRIx64 "; pid %" PRId64 " (%s) maps it at %#" PRIx64 " (%s)",
				 e->pfn + (off - e->index), m->pid, m->comm,
				 m->vaddr + (j << 12), dxi_pt_level_name(m->level));
		else
			snprintf(f->actual, sizeof(f->actual),
				 "%s; pid %" PRId64 " (%s) maps it at %#" PRIx64 " (%s)",
				 why, m->pid, m->comm, m->vaddr + (j << 12),
				 dxi_pt_level_name(m->level));
	}
}

const struct dxi_check dxi_check_stale_pte = {
	.id = "stale-pte",
	.summary = "a user page table maps a DAX page its file's xarray does not hold at that offset",
	.kernel_ref = "mm/truncate.c truncate_pagecache(), fs/dax.c dax_insert_entry()",
	.on_mapping = stale_pte,
};
