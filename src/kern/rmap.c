// SPDX-License-Identifier: MIT
/*
 * The reverse-map walk (rmap.h): i_mmap -> VMA -> mm -> owner, then the
 * mm's page tables. Facts: docs/kernel-facts.md#user-mappings.
 */
#include "rmap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/u64map.h"
#include "problem.h"
#include "../util/vec.h"

/* A red-black tree of n nodes is at most 2*log2(n+1) deep: 128 is far
 * more than any real i_mmap, so a deeper path is a damaged tree. */
#define RB_MAX_DEPTH 128
#define MAX_VMAS_PER_INODE (1u << 20)
#define MAX_ROWS (1u << 24)

DXI_VEC(umap_vec, struct dxi_umap);
DXI_VEC(rprob_vec, struct dxi_walk_problem);

struct rwalk {
	struct dxi_kernel *k;
	const struct dxi_rmap_layout *L;
	struct umap_vec rows;
	struct rprob_vec problems;
	struct dxi_u64map seen;	/* rb_nodes visited */
	struct dxi_umap cur;	/* the VMA's row template */
	uint64_t vmas, tables;
	bool oom, full;
};

static void problem(struct rwalk *w, uint32_t inode, uint64_t addr,
		    bool unreadable, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void problem(struct rwalk *w, uint32_t inode, uint64_t addr,
		    bool unreadable, const char *fmt, ...)
{
	struct dxi_walk_problem *p = rprob_vec_append(&w->problems);
	va_list ap;

	if (!p) {
		w->oom = true;
		return;
	}
	va_start(ap, fmt);
	dxi_walk_problem_vset(p, inode, 0, addr, unreadable, false, fmt, ap);
	va_end(ap);
}

/* Reads a member of at most 8 bytes, little-endian. */
static struct dxi_error *rd(struct rwalk *w, uint64_t base,
			    const struct dxi_field *f, uint64_t *v)
{
	size_t n = f->size && f->size < 8 ? (size_t)f->size : 8;

	*v = 0;
	return dxi_target_read(w->k->target, DXI_KVIRT, base + f->off, v, n);
}

static struct dxi_error *on_leaf(void *ctx, const struct dxi_pt_leaf *l)
{
	struct rwalk *w = ctx;
	struct dxi_umap *r;

	if (w->rows.len >= MAX_ROWS) {
		w->full = true;
		return NULL;
	}
	r = umap_vec_append(&w->rows);
	if (!r)
		return &dxi_error_nomem;
	*r = w->cur;
	r->vaddr = l->vaddr;
	r->pfn = l->pfn;
	r->pages = l->pages;
	r->level = l->level;
	r->entry = l->entry;
	r->write = l->write;
	/* A huge leaf may start before a VMA that begins inside it. */
	if (l->vaddr >= w->cur.vaddr)
		r->pgoff = w->cur.pgoff + ((l->vaddr - w->cur.vaddr) >> 12);
	else
		r->pgoff = w->cur.pgoff - ((w->cur.vaddr - l->vaddr) >> 12);
	return NULL;
}

/* mm->owner's thread group id and its group leader's comm. */
static void owner_of(struct rwalk *w, uint64_t mm, struct dxi_umap *r)
{
	const struct dxi_rmap_layout *L = w->L;
	uint64_t task = 0, tgid = 0, leader = 0;
	size_t n = L->comm_len < sizeof(r->comm) ? (size_t)L->comm_len
						  : sizeof(r->comm) - 1;
	struct dxi_error *err = NULL;

	r->pid = -1;
	strcpy(r->comm, "?");
	if (!L->mm_owner.has)
		return;
	err = rd(w, mm, &L->mm_owner, &task);
	if (!err && task)
		err = rd(w, task, &L->ts_tgid, &tgid);
	if (!err && task)
		err = rd(w, task, &L->ts_group_leader, &leader);
	if (!err && leader) {
		memset(r->comm, 0, sizeof(r->comm));
		err = dxi_target_read(w->k->target, DXI_KVIRT,
				      leader + L->ts_comm.off, r->comm, n);
		r->comm[n] = 0;
	}
	if (err) {
		problem(w, (uint32_t)r->inode, mm, err->code == DXI_ERR_NODATA,
			"owner of mm %#llx unreadable: %s",
			(unsigned long long)mm, err->msg);
		strcpy(r->comm, "?");
		dxi_error_free(err);
		return;
	}
	if (task)
		r->pid = (int64_t)(int32_t)tgid;
}

/* mm->pgd is a direct-map address: x86-64 __pa() is pgd -
 * page_offset_base; arm64's linear map adds PHYS_OFFSET (__lm_to_phys(),
 * docs/kernel-facts.md#arm64-addresses). */
static uint64_t pt_root(const struct dxi_kernel *k, uint64_t pgd)
{
	uint64_t root = pgd - k->page_offset_base;

	if (k->target->arch == &dxi_arch_aarch64)
		root += k->target->phys_base;
	return root;
}

/* Reads one VMA and walks its page tables. */
static struct dxi_error *walk_vma(struct rwalk *w, uint32_t inode,
				  uint64_t vma)
{
	const struct dxi_rmap_layout *L = w->L;
	uint64_t start = 0, end = 0, mm = 0, flags = 0, pgoff = 0, pgd = 0, root;
	struct dxi_pt_stats st;
	struct dxi_error *err;

	err = rd(w, vma, &L->vm_start, &start);
	if (!err) err = rd(w, vma, &L->vm_end, &end);
	if (!err) err = rd(w, vma, &L->vm_mm, &mm);
	if (!err) err = rd(w, vma, &L->vm_flags, &flags);
	if (!err) err = rd(w, vma, &L->vm_pgoff, &pgoff);
	if (!err && mm) err = rd(w, mm, &L->mm_pgd, &pgd);
	if (err) {
		problem(w, inode, vma, err->code == DXI_ERR_NODATA,
			"vm_area_struct %#llx unreadable: %s",
			(unsigned long long)vma, err->msg);
		dxi_error_free(err);
		return NULL;
	}
	w->vmas++;
	if (!mm || start >= end || (start | end) & 0xfff ||
	    pgd < w->k->page_offset_base) {
		problem(w, inode, vma, false,
			"vm_area_struct %#llx is not a mapping: vm_start %#llx vm_end %#llx vm_mm %#llx pgd %#llx",
			(unsigned long long)vma, (unsigned long long)start,
			(unsigned long long)end, (unsigned long long)mm,
			(unsigned long long)pgd);
		return NULL;
	}
	memset(&w->cur, 0, sizeof(w->cur));
	w->cur.inode = inode;
	w->cur.vma = vma;
	w->cur.mm = mm;
	w->cur.vm_flags = flags;
	w->cur.vaddr = start;
	w->cur.pgoff = pgoff;
	owner_of(w, mm, &w->cur);
	root = pt_root(w->k, pgd);
	err = dxi_pt_walk(w->k->target, root, start, end, on_leaf, w, &st);
	w->tables += st.tables;
	if (!err && st.unreadable)
		problem(w, inode, st.first_bad, true,
			"%llu page tables of mm %#llx (vm_area_struct %#llx) unreadable, first at phys %#llx: %s",
			(unsigned long long)st.unreadable,
			(unsigned long long)mm, (unsigned long long)vma,
			(unsigned long long)st.first_bad, st.why);
	return err;
}

/* In-order walk of one i_mmap tree; each node is a VMA's shared.rb. */
static struct dxi_error *walk_inode(struct rwalk *w, uint32_t i,
				    const struct dxi_inode *ino)
{
	const struct dxi_rmap_layout *L = w->L;
	uint64_t stack[RB_MAX_DEPTH], node, seen, count = 0;
	struct dxi_error *err;
	int depth = 0;

	err = rd(w, ino->mapping, &L->as_i_mmap, &node);
	while (!err && (depth || node)) {
		while (node) {
			if (depth == RB_MAX_DEPTH || count++ >= MAX_VMAS_PER_INODE ||
			    dxi_u64map_get(&w->seen, node, &seen)) {
				problem(w, i, node, false,
					"i_mmap of inode %s:%llu is damaged at rb_node %#llx (a loop, a shared node, or deeper than %d); the walk stopped there",
					ino->dev, (unsigned long long)ino->ino,
					(unsigned long long)node, RB_MAX_DEPTH);
				return NULL;
			}
			if (!dxi_u64map_set(&w->seen, node, 1))
				return &dxi_error_nomem;
			stack[depth++] = node;
			err = rd(w, node, &L->rb_left, &node);
			if (err)
				break;
		}
		if (err)
			break;
		node = stack[--depth];
		err = walk_vma(w, i, node - L->vm_shared_rb.off);
		if (err)
			return err;	/* out of memory */
		err = rd(w, node, &L->rb_right, &node);
	}
	if (err) {
		problem(w, i, ino->mapping, err->code == DXI_ERR_NODATA,
			"i_mmap of inode %s:%llu unreadable: %s", ino->dev,
			(unsigned long long)ino->ino, err->msg);
		dxi_error_free(err);
	}
	return NULL;
}

static int cmp_row(const void *a, const void *b)
{
	const struct dxi_umap *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->mm != y->mm)
		return x->mm < y->mm ? -1 : 1;
	return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

struct dxi_error *dxi_rmap_walk(struct dxi_kernel *k,
				const struct dxi_dax_state *dax,
				struct dxi_rmap *out)
{
	struct rwalk w = { .k = k, .L = &k->layout.rmap };
	struct dxi_error *err = NULL;

	memset(out, 0, sizeof(*out));
	if (!w.L->ok)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "cannot walk the user mappings: %s",
				     w.L->why);
	for (size_t i = 0; !err && i < dax->ninodes; i++)
		err = walk_inode(&w, (uint32_t)i, &dax->inodes[i]);
	if (!err && w.full)
		problem(&w, UINT32_MAX, 0, false,
			"more than %u user mappings: the rest are not listed",
			MAX_ROWS);
	dxi_u64map_free(&w.seen);
	if (!err && w.oom)
		err = &dxi_error_nomem;
	if (err) {
		free(w.rows.data);
		free(w.problems.data);
		return err;
	}
	if (w.rows.len)
		qsort(w.rows.data, w.rows.len, sizeof(*w.rows.data), cmp_row);
	out->rows = w.rows.data;
	out->nrows = w.rows.len;
	out->problems = w.problems.data;
	out->nproblems = w.problems.len;
	out->vmas = w.vmas;
	out->tables = w.tables;
	return NULL;
}

struct leaf_at {
	bool found;
	struct dxi_pt_leaf *l;
};

static struct dxi_error *take_leaf(void *ctx, const struct dxi_pt_leaf *l)
{
	struct leaf_at *x = ctx;

	x->found = true;
	*x->l = *l;
	return NULL;
}

struct dxi_error *dxi_rmap_leaf_at(struct dxi_kernel *k, uint64_t mm,
				   uint64_t vaddr, struct dxi_pt_leaf *out,
				   bool *found)
{
	const struct dxi_rmap_layout *L = &k->layout.rmap;
	struct leaf_at x = { .l = out };
	uint64_t pgd = 0, va = vaddr & ~0xfffULL;
	struct dxi_pt_stats st;
	struct dxi_error *err;

	*found = false;
	if (!L->ok)
		return dxi_error_new(DXI_ERR_DEBUGINFO, "%s", L->why);
	err = dxi_target_read(k->target, DXI_KVIRT, mm + L->mm_pgd.off, &pgd,
			      sizeof(pgd));
	if (err)
		return err;
	err = dxi_pt_walk(k->target, pt_root(k, pgd), va, va + 4096,
			  take_leaf, &x, &st);
	*found = x.found && !st.unreadable;
	return err;
}

void dxi_rmap_free(struct dxi_rmap *r)
{
	free(r->rows);
	free(r->problems);
	memset(r, 0, sizeof(*r));
}

bool dxi_umap_covers(const struct dxi_umap *r, uint64_t pfn)
{
	return pfn >= r->pfn && pfn - r->pfn < r->pages;
}

void dxi_vm_flags_str(uint64_t flags, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s", flags & DXI_VM_SHARED ? "shared" : "private",
		 flags & DXI_VM_WRITE ? ", write" : "",
		 flags & DXI_VM_SYNC ? ", MAP_SYNC" : "");
}
