// SPDX-License-Identifier: MIT
#include "dax.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/cycle.h"
#include "../util/vec.h"
#include "list.h"
#include "problem.h"
#include "xarray.h"

#define MAX_SUPERBLOCKS 100000
#define MAX_INODES_PER_SB (64u << 20)
#define MAX_PATH_DEPTH 128
#define MAX_NAME 255

DXI_VEC(inode_vec, struct dxi_inode);
DXI_VEC(entry_vec, struct dxi_entry);
DXI_VEC(problem_vec, struct dxi_walk_problem);

struct dax_walk {
	struct dxi_kernel *k;
	struct inode_vec inodes;
	struct entry_vec entries;
	struct problem_vec problems;
	uint32_t cur_inode;
	bool oom;
	uint64_t superblocks, inodes_scanned, xa_nodes;
};

/* The walk's vectors continue a state's arrays (adopting appends)... */
static void state_to_walk(const struct dxi_dax_state *s, struct dax_walk *w)
{
	w->inodes = (struct inode_vec){ s->inodes, s->ninodes, s->ninodes };
	w->entries = (struct entry_vec){ s->entries, s->nentries, s->nentries };
	w->problems = (struct problem_vec){ s->problems, s->nproblems,
					    s->nproblems };
}

/* ...and go back into it. */
static void walk_to_state(const struct dax_walk *w, struct dxi_dax_state *s)
{
	s->inodes = w->inodes.data;
	s->ninodes = w->inodes.len;
	s->entries = w->entries.data;
	s->nentries = w->entries.len;
	s->problems = w->problems.data;
	s->nproblems = w->problems.len;
}

struct dxi_walk_problem *dxi_dax_add_problem(struct dxi_dax_state *s)
{
	struct dax_walk w;
	struct dxi_walk_problem *p;

	state_to_walk(s, &w);
	p = problem_vec_append(&w.problems);
	walk_to_state(&w, s);
	if (p)
		memset(p, 0, sizeof(*p));
	return p;
}

static void add_problem(struct dax_walk *w, uint32_t inode, uint64_t index,
			uint64_t addr, bool unreadable, bool hides,
			const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* hides: entries may have been missed (a list or subtree not walked). */
static void add_problem(struct dax_walk *w, uint32_t inode, uint64_t index,
			uint64_t addr, bool unreadable, bool hides,
			const char *fmt, ...)
{
	struct dxi_walk_problem *p = problem_vec_append(&w->problems);
	va_list ap;

	if (!p) {
		w->oom = true;
		return;
	}
	va_start(ap, fmt);
	dxi_walk_problem_vset(p, inode, index, addr, unreadable, hides, fmt, ap);
	va_end(ap);
}

static struct dxi_error *on_entry(void *arg, uint64_t index, uint64_t span,
				  uint64_t raw)
{
	struct dax_walk *w = arg;
	struct dxi_entry *e;

	/* DAX stores entries with an order (fs/dax.c, xas with
	 * DAX_PMD_ORDER): a span that is not a power of two is not one. */
	if (span & (span - 1)) {
		add_problem(w, w->cur_inode, index, raw, false, true,
			    "entry %#llx at index %llu spans %llu indices, not a power of two: not a DAX entry",
			    (unsigned long long)raw, (unsigned long long)index,
			    (unsigned long long)span);
		return NULL;
	}
	e = entry_vec_append(&w->entries);
	if (!e)
		return &dxi_error_nomem;
	dxi_dax_entry_decode(raw, e);
	e->index = index;
	e->xa_order = (unsigned)__builtin_ctzll(span);
	e->inode = w->cur_inode;
	return NULL;
}

static void on_problem(void *arg, uint64_t index, uint64_t node,
		       bool unreadable, bool skipped, const char *msg)
{
	struct dax_walk *w = arg;

	add_problem(w, w->cur_inode, index, node, unreadable, skipped, "%s",
		    msg);
}

static uint64_t rdu(const unsigned char *b, const struct dxi_field *f)
{
	uint64_t v = 0;

	memcpy(&v, b + f->off, f->size < 8 ? f->size : 8);
	return v;
}

/* True if the read worked; a failed read's error is dropped. */
static bool read_ok(struct dxi_error *err)
{
	dxi_error_free(err);
	return !err;
}

/* Builds "/a/b" from a dentry by following d_parent to the root. */
static char *dentry_path(struct dax_walk *w, uint64_t dentry)
{
	const struct dxi_fs_layout *f = &w->k->layout.fs;
	char *names[MAX_PATH_DEPTH];
	size_t n = 0, total = 1;
	char *path = NULL, *p;
	struct dxi_brent b;
	bool root = false;

	dxi_brent_init(&b, dentry);
	while (n < MAX_PATH_DEPTH) {
		uint64_t parent, name, lam;
		uint32_t len = 0;
		char *s;

		if (!read_ok(dxi_target_read_u64(w->k->target,
						 dentry + f->d_parent.off,
						 &parent)) ||
		    !read_ok(dxi_target_read_u64(w->k->target,
						 dentry + f->d_name_name.off,
						 &name)) ||
		    !read_ok(dxi_target_read(w->k->target, DXI_KVIRT,
					     dentry + f->d_name_len.off, &len,
					     4)))
			goto out; /* no path: the caller says so */
		if (parent == dentry) {
			root = true;
			break;
		}
		if (dxi_brent_step(&b, parent, &lam))
			goto out; /* d_parent loops short of a root: no path */
		if (len > MAX_NAME || !(s = calloc(1, len + 1)))
			goto out;
		if (len && !read_ok(dxi_target_read(w->k->target, DXI_KVIRT,
						    name, s, len))) {
			free(s);
			goto out;
		}
		names[n++] = s;
		total += len + 1;
		dentry = parent;
	}
	/* Deeper than MAX_PATH_DEPTH: no root reached, so no true path. */
	if (!root || !(path = malloc(total + 1)))
		goto out;
	p = path;
	if (!n)
		*p++ = '/';
	for (size_t i = n; i-- > 0;)
		p += sprintf(p, "/%s", names[i]);
	*p = '\0';
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	return path;
}

static struct dxi_error *walk_inode(struct dax_walk *w, uint64_t inode,
				    const struct dxi_inode *sbinfo,
				    unsigned char *buf, size_t bufsize,
				    bool *stop)
{
	const struct dxi_fs_layout *f = &w->k->layout.fs;
	struct dxi_xa_visitor v = { .arg = w, .entry = on_entry,
				    .problem = on_problem };
	struct dxi_xa_stats st;
	struct dxi_inode *ino;
	struct dxi_error *err;
	uint64_t first;

	err = dxi_target_read(w->k->target, DXI_KVIRT, inode, buf, bufsize);
	if (err) {
		/* The list link is in the inode: the walk of this sb ends. */
		add_problem(w, UINT32_MAX, 0, inode, err->code == DXI_ERR_NODATA, true,
			    "inode %#llx on %s is unreadable, the rest of its s_inodes list is not walked: %s",
			    (unsigned long long)inode, sbinfo->dev, err->msg);
		dxi_error_free(err);
		*stop = true;
		return NULL;
	}
	if (!(rdu(buf, &f->i_flags) & DXI_S_DAX))
		return NULL;
	ino = inode_vec_append(&w->inodes);
	if (!ino)
		return &dxi_error_nomem;
	*ino = *sbinfo;
	ino->addr = inode;
	ino->mapping = rdu(buf, &f->i_mapping);
	ino->ino = rdu(buf, &f->i_ino);
	ino->mode = (uint16_t)rdu(buf, &f->i_mode);
	ino->nlink = (uint32_t)rdu(buf, &f->i_nlink);
	ino->devdax = S_ISCHR(ino->mode);
	first = rdu(buf, &f->i_dentry);
	if (first) {
		ino->path = dentry_path(w, first - f->d_alias.off);
		ino->path_state = ino->nlink ? DXI_PATH_OK : DXI_PATH_DELETED;
	} else {
		ino->path_state = ino->nlink ? DXI_PATH_NO_DENTRY :
					       DXI_PATH_DELETED;
	}
	w->cur_inode = (uint32_t)(w->inodes.len - 1);
	if (dxi_target_read_u64(w->k->target,
				ino->mapping + f->as_nrpages.off,
				&ino->nrpages))
		ino->nrpages = 0;
	ino->first_entry = w->entries.len;
	err = dxi_xa_walk(w->k, ino->mapping + f->as_i_pages.off, &v, &st);
	/* ino may have moved if problems grew the vector: re-fetch. */
	ino = &w->inodes.data[w->cur_inode];
	ino->nentries = w->entries.len - ino->first_entry;
	w->xa_nodes += st.nodes;
	return err;
}

/* The struct inode bytes the walk reads: up to i_sb_list and i_data. */
static size_t inode_bufsize(const struct dxi_fs_layout *f)
{
	size_t n = f->i_sb_list.off + 16;

	if (f->i_flags.off + 4 > n)
		n = f->i_flags.off + 4;
	if (f->i_data.off + f->i_data.size > n)
		n = f->i_data.off + f->i_data.size;
	return n;
}

/* Reads a superblock's identity into info; false (problem noted) if not. */
static bool read_sb_info(struct dax_walk *w, uint64_t sb, struct dxi_inode *info)
{
	const struct dxi_fs_layout *f = &w->k->layout.fs;
	struct dxi_error *err;
	uint64_t fst, name;
	char *s = NULL;

	memset(info, 0, sizeof(*info));
	info->sb = sb;
	err = dxi_target_read(w->k->target, DXI_KVIRT, sb + f->s_id.off,
			      info->dev, sizeof(info->dev) - 1);
	if (!err)
		err = dxi_target_read(w->k->target, DXI_KVIRT,
				      sb + f->s_dev.off, &info->s_dev, 4);
	if (!err)
		err = dxi_target_read_u64(w->k->target, sb + f->s_type.off, &fst);
	if (!err)
		err = dxi_target_read_u64(w->k->target, fst + f->fst_name.off,
					  &name);
	if (!err)
		err = dxi_target_read_string(w->k->target, name, 31, &s);
	if (err) {
		add_problem(w, UINT32_MAX, 0, sb, err->code == DXI_ERR_NODATA, true,
			    "super_block %#llx is unreadable: %s",
			    (unsigned long long)sb, err->msg);
		dxi_error_free(err);
		return false;
	}
	snprintf(info->fstype, sizeof(info->fstype), "%s", s);
	free(s);
	return true;
}

/* Reports how a list that did not return to its head ended. */
static void list_end_problem(struct dax_walk *w, const struct dxi_list_shape *sh,
			     uint64_t addr, const char *list, const char *what,
			     const char *loop_to_name, const char *last_name)
{
	switch (sh->end) {
	case DXI_LIST_CLOSED:
		break;
	case DXI_LIST_LOOP:
		add_problem(w, UINT32_MAX, 0, addr, false, true,
			    "the %s loops back to %s %llu (%s) after %llu entries: %s %llu (%s) links there, not to the list head; any %ss past that link are missed",
			    list, what, (unsigned long long)sh->loop_to + 1,
			    loop_to_name, (unsigned long long)sh->n, what,
			    (unsigned long long)sh->n, last_name, what);
		break;
	case DXI_LIST_BROKEN:
		add_problem(w, UINT32_MAX, 0, sh->bad, sh->unreadable, true,
			    "the %s breaks after %llu entries: the link at %#llx is unreadable: %s",
			    list, (unsigned long long)sh->n,
			    (unsigned long long)sh->bad, sh->why);
		break;
	case DXI_LIST_TOO_LONG:
		add_problem(w, UINT32_MAX, 0, addr, false, true,
			    "the %s has more than %llu entries; it is corrupt, the rest is not walked",
			    list, (unsigned long long)sh->n);
		break;
	}
}

static struct dxi_error *walk_sb(struct dax_walk *w, uint64_t sb,
				 char *dev, size_t devlen)
{
	const struct dxi_fs_layout *f = &w->k->layout.fs;
	struct dxi_inode info;
	uint64_t head = sb + f->s_inodes.off, node;
	size_t bufsize = inode_bufsize(f);
	struct dxi_error *err = NULL;
	struct dxi_list_shape sh;
	char loop_to[64] = "?", last[64] = "?", list[96];
	unsigned char *buf;
	uint64_t i;
	bool stop = false;

	snprintf(dev, devlen, "at %#llx", (unsigned long long)sb);
	if (!read_sb_info(w, sb, &info))
		return NULL;
	snprintf(dev, devlen, "%s", info.dev);
	buf = malloc(bufsize);
	if (!buf)
		return &dxi_error_nomem;
	/* The links are measured first, so a loop is walked once, not forever. */
	dxi_list_measure(w->k->target, head, MAX_INODES_PER_SB, &sh);
	node = sh.first;
	for (i = 0; i < sh.n && !stop; i++) {
		uint64_t inode = node - f->i_sb_list.off;

		w->inodes_scanned++;
		err = walk_inode(w, inode, &info, buf, bufsize, &stop);
		if (err)
			break;
		if (!stop && i == sh.loop_to)
			snprintf(loop_to, sizeof(loop_to), "ino %llu",
				 (unsigned long long)rdu(buf, &f->i_ino));
		if (!stop && i + 1 == sh.n)
			snprintf(last, sizeof(last), "ino %llu",
				 (unsigned long long)rdu(buf, &f->i_ino));
		memcpy(&node, buf + f->i_sb_list.off, 8);
	}
	free(buf);
	if (err && err != &dxi_error_nomem) {
		add_problem(w, UINT32_MAX, 0, sb, err->code == DXI_ERR_NODATA, true,
			    "s_inodes of %s (%s): %s", info.dev, info.fstype,
			    err->msg);
		dxi_error_free(err);
		err = NULL;
	}
	/* An unreadable inode was reported by walk_inode(): the list ends there. */
	if (!err && !stop) {
		snprintf(list, sizeof(list), "s_inodes list of %s (%s)", info.dev,
			 info.fstype);
		list_end_problem(w, &sh, sb, list, "inode", loop_to, last);
	}
	return err;
}

static int inode_cmp(const void *a, const void *b, void *arg)
{
	const struct dxi_inode *inodes = arg;
	const struct dxi_inode *x = &inodes[*(const uint32_t *)a];
	const struct dxi_inode *y = &inodes[*(const uint32_t *)b];
	int c = strcmp(x->dev, y->dev);

	if (c)
		return c;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* Sorts inodes by (dev, ino), keeps each inode's entries together in the
 * new order, and renumbers the inode references of entries and problems. */
static struct dxi_error *sort_state(struct dxi_dax_state *s)
{
	uint32_t *order = malloc((s->ninodes + 1) * sizeof(*order));
	uint32_t *newpos = malloc((s->ninodes + 1) * sizeof(*newpos));
	struct dxi_inode *inodes = malloc((s->ninodes + 1) * sizeof(*inodes));
	struct dxi_entry *entries = malloc((s->nentries + 1) * sizeof(*entries));
	size_t n = 0;

	if (!order || !newpos || !inodes || !entries) {
		free(order);
		free(newpos);
		free(inodes);
		free(entries);
		return &dxi_error_nomem;
	}
	for (uint32_t i = 0; i < s->ninodes; i++)
		order[i] = i;
	if (s->ninodes)
		qsort_r(order, s->ninodes, sizeof(*order), inode_cmp,
			s->inodes);
	for (uint32_t i = 0; i < s->ninodes; i++) {
		struct dxi_inode *ino = &inodes[i];

		*ino = s->inodes[order[i]];
		newpos[order[i]] = i;
		if (ino->nentries)
			memcpy(entries + n, s->entries + ino->first_entry,
			       ino->nentries * sizeof(*entries));
		for (size_t j = 0; j < ino->nentries; j++)
			entries[n + j].inode = i;
		ino->first_entry = n;
		n += ino->nentries;
	}
	for (size_t i = 0; i < s->nproblems; i++) {
		if (s->problems[i].inode != UINT32_MAX)
			s->problems[i].inode = newpos[s->problems[i].inode];
	}
	free(order);
	free(newpos);
	free(s->inodes);
	free(s->entries);
	s->inodes = inodes;
	s->entries = entries;
	return NULL;
}

struct dxi_error *dxi_dax_walk(struct dxi_kernel *k, struct dxi_dax_state *out)
{
	struct dax_walk w = { .k = k };
	char loop_to[40] = "?", last[40] = "?";
	struct dxi_list_shape sh;
	struct dxi_error *err;
	uint64_t head, node;

	memset(out, 0, sizeof(*out));
	err = dxi_kernel_symbol(k, "super_blocks", &head);
	if (err)
		return dxi_error_wrap(err, "finding the super_blocks list");
	/* The links are measured first, so a loop is walked once, not forever. */
	dxi_list_measure(k->target, head, MAX_SUPERBLOCKS, &sh);
	node = sh.first;
	for (uint64_t i = 0; i < sh.n; i++) {
		char dev[40];

		w.superblocks++;
		err = walk_sb(&w, node - k->layout.fs.s_list.off, dev, sizeof(dev));
		if (err)
			goto fail;
		if (i == sh.loop_to)
			snprintf(loop_to, sizeof(loop_to), "%s", dev);
		if (i + 1 == sh.n)
			snprintf(last, sizeof(last), "%s", dev);
		if (i + 1 < sh.n &&
		    !read_ok(dxi_target_read_u64(k->target, node, &node)))
			break; /* only live memory changes between reads */
	}
	list_end_problem(&w, &sh, head, "super_blocks list", "superblock", loop_to,
			 last);
	if (w.oom) {
		err = &dxi_error_nomem;
		goto fail;
	}
	walk_to_state(&w, out);
	out->superblocks = w.superblocks;
	out->inodes_scanned = w.inodes_scanned;
	out->xa_nodes = w.xa_nodes;
	return sort_state(out);
fail:
	for (size_t i = 0; i < w.inodes.len; i++)
		free(w.inodes.data[i].path);
	free(w.inodes.data);
	free(w.entries.data);
	free(w.problems.data);
	return err;
}

struct dxi_error *dxi_dax_adopt(struct dxi_kernel *k, struct dxi_dax_state *s,
			       uint64_t mapping, bool lists_complete,
			       bool *added)
{
	const struct dxi_fs_layout *f = &k->layout.fs;
	struct dax_walk w = { .k = k };
	struct dxi_error *err = NULL;
	uint64_t host = 0, sb = 0, imap = 0, iflags = 0;
	size_t bufsize = inode_bufsize(f), before = s->ninodes;
	struct dxi_inode info;
	unsigned char *buf;
	bool stop = false;

	*added = false;
	/* The page's address_space must be its host inode's i_mapping, and
	 * the host a DAX inode: otherwise it is no inode of ours. */
	if (!read_ok(dxi_target_read_u64(k->target, mapping + f->as_host.off,
					 &host)) || !host ||
	    !read_ok(dxi_target_read_u64(k->target, host + f->i_mapping.off,
					 &imap)) || imap != mapping ||
	    !read_ok(dxi_target_read(k->target, DXI_KVIRT, host + f->i_flags.off,
				     &iflags, 4)) || !(iflags & DXI_S_DAX) ||
	    !read_ok(dxi_target_read_u64(k->target, host + f->i_sb.off, &sb)))
		return NULL;
	buf = malloc(bufsize);
	if (!buf)
		return &dxi_error_nomem;
	state_to_walk(s, &w);
	if (read_sb_info(&w, sb, &info))
		err = walk_inode(&w, host, &info, buf, bufsize, &stop);
	free(buf);
	if (w.inodes.len > before) {
		w.inodes.data[w.inodes.len - 1].evicting = lists_complete;
		*added = true;
	}
	walk_to_state(&w, s);
	if (err)
		return err;
	if (w.oom)
		return &dxi_error_nomem;
	return *added ? sort_state(s) : NULL;
}

void dxi_dax_state_free(struct dxi_dax_state *s)
{
	for (size_t i = 0; i < s->ninodes; i++)
		free(s->inodes[i].path);
	free(s->inodes);
	free(s->entries);
	free(s->problems);
	memset(s, 0, sizeof(*s));
}

const struct dxi_inode *dxi_dax_find_inode(const struct dxi_dax_state *s,
					   const char *designator)
{
	for (size_t i = 0; i < s->ninodes; i++) {
		const struct dxi_inode *ino = &s->inodes[i];
		char a[64], b[64];

		snprintf(a, sizeof(a), "%s:%llu", ino->dev,
			 (unsigned long long)ino->ino);
		snprintf(b, sizeof(b), "%u:%u:%llu", ino->s_dev >> 20,
			 ino->s_dev & 0xfffff, (unsigned long long)ino->ino);
		if (!strcmp(designator, a) || !strcmp(designator, b) ||
		    (ino->path && !strcmp(designator, ino->path)))
			return ino;
	}
	return NULL;
}
