// SPDX-License-Identifier: MIT
/*
 * Dump files through libkdumpfile 0.5.1: ELF vmcores (QEMU
 * dump-guest-memory, copies of /proc/vmcore) and kdump-compressed files,
 * filtered by makedumpfile or not. We read physical memory only and do
 * virtual translation ourselves (x86_64.c), as drgn does.
 */
#include "target.h"
#include "dumpcheck.h"
#include "kdumpdesc.h"
#include "kdumppages.h"
#include "pagecache.h"

#include <gelf.h>
#include <errno.h>
#include <libkdumpfile/kdumpfile.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A PT_LOAD's file-backed part: physical [paddr, paddr + filesz) is at
 * file offset `offset`. */
struct elf_load {
	uint64_t paddr, filesz, offset;
};

struct kdump_priv {
	kdump_ctx_t *ctx;
	int fd;
	const char *path; /* owned by the target */
	struct elf_load *loads;	/* ELF files only, sorted by paddr */
	size_t nloads;
	/* What the file holds: the loads' [paddr, paddr + filesz) merged into
	 * disjoint, sorted, maximal ranges ({ paddr, filesz } used). */
	struct elf_load *held;
	size_t nheld;
	struct dxi_pagecache *pages;
	struct dxi_dump_extent extent;
	/* A truncated kdump file is read without libkdumpfile (kdumppages.h). */
	struct dxi_kdump_pages *own;
	kdump_addrspace_t phys_space;	/* KPHYSADDR, or MACHPHYSADDR without an OS type */
	bool diskdump_opened;	/* libkdumpfile opened a kdump-compressed file */
};

/*
 * libkdumpfile 0.5.1's page cache can give an entry a data buffer that
 * another entry still uses when it reuses a "ghost" entry (fixed upstream
 * in e63dab4, "cache: Get data buffer before adjusting ghost partition
 * size", January 2024, after the last release). Seen on the lab's
 * filtered kdump files: after a few thousand reads, pages that read fine
 * before failed with "Decompresion failed: error -2" (18048 struct pages
 * of one dump reported unreadable); another page's bytes are possible
 * too. Reallocating its cache (cache.size) while in use is a use after
 * free in the same version, so instead it never sees a ghost hit: its
 * cache is made small (LIBKDUMPFILE_PAGES entries, so it remembers at most
 * twice that many pages, ghosts included) and every page is read through
 * our own LRU cache of CACHE_PAGES pages. A page reaches libkdumpfile
 * again only after CACHE_PAGES other pages did, long after it forgot it.
 */
#define LIBKDUMPFILE_PAGES 32u
#define CACHE_PAGES 1024u	/* 4 MiB */
#define DUMP_PAGE 4096u		/* x86-64, the only architecture here */

static struct dxi_error *kdump_status_error(struct kdump_priv *p,
					    kdump_status st, uint64_t addr)
{
	const char *msg = kdump_get_err(p->ctx);

	switch (st) {
	case KDUMP_ERR_NODATA:
		return dxi_error_new(DXI_ERR_NODATA,
				     "physical address %#llx is not in the dump (filtered out or never saved)",
				     (unsigned long long)addr);
	case KDUMP_ERR_EOF:
	case KDUMP_ERR_CORRUPT:
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "physical address %#llx: the dump file is truncated or corrupt (%s)",
				     (unsigned long long)addr, msg);
	default:
		return dxi_error_new(DXI_ERR_IO,
				     "physical address %#llx: %s",
				     (unsigned long long)addr, msg);
	}
}

/* In loads[0, n) sorted by paddr: the last one starting at or below addr,
 * if it holds all of [addr, addr + len). */
static const struct elf_load *find_load(const struct elf_load *loads,
					size_t n, uint64_t addr, size_t len)
{
	size_t lo = 0, hi = n;
	const struct elf_load *l;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (loads[mid].paddr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	l = &loads[lo - 1];
	if (addr - l->paddr > l->filesz || len > l->filesz - (addr - l->paddr))
		return NULL;
	return l;
}

/* The PT_LOAD whose file-backed part holds all of [addr, addr + len). */
static const struct elf_load *elf_segment(const struct kdump_priv *p,
					  uint64_t addr, size_t len)
{
	return find_load(p->loads, p->nloads, addr, len);
}

/*
 * libkdumpfile 0.5.1 (and upstream still: elfdump.c find_closest_*_load()
 * accepts a segment starting up to one page *after* the address) reads
 * the page just before every PT_LOAD as zeros instead of "not in the
 * dump". In a filtered or trimmed ELF dump that is a silent wrong answer,
 * so an ELF read must lie in what the file holds before it is passed on.
 */
static bool elf_holds(const struct kdump_priv *p, uint64_t addr, size_t len)
{
	return find_load(p->held, p->nheld, addr, len) != NULL;
}

/*
 * libkdumpfile 0.5.1 copies an ELF dump page by page through its page
 * cache, mapping and unmapping file chunks: reading the 5 MB BTF blob or a
 * pgmap's struct pages cost about 4x a pread(). A read that lies inside
 * one PT_LOAD's file-backed part is a single pread() of the same bytes;
 * anything else (gaps, a range across segments) goes to libkdumpfile.
 * False when this fast path does not apply.
 */
static bool elf_pread(const struct kdump_priv *p, uint64_t addr, void *buf,
		      size_t len)
{
	const struct elf_load *l = elf_segment(p, addr, len);

	return l && pread(p->fd, buf, len,
			  (off_t)(l->offset + (addr - l->paddr))) == (ssize_t)len;
}

/* The first address of [addr, ...) that the file does not hold. */
static uint64_t first_missing(const struct kdump_priv *p, uint64_t addr)
{
	const struct elf_load *h = find_load(p->held, p->nheld, addr, 0);

	return h ? h->paddr + h->filesz : addr;
}

/* dxi_target_view() of an ELF dump: the segment's bytes mapped from the
 * file, when [addr, addr + len) lies in one segment. */
static const void *kdump_map_phys(void *priv, uint64_t addr, size_t len,
				  void **map, size_t *map_len)
{
	const struct kdump_priv *p = priv;
	const struct elf_load *l = elf_segment(p, addr, len);
	uint64_t off, page = (uint64_t)sysconf(_SC_PAGESIZE);
	void *m;

	if (!l || !len)
		return NULL;
	off = l->offset + (addr - l->paddr);
	*map_len = len + (off & (page - 1));
	m = mmap(NULL, *map_len, PROT_READ, MAP_PRIVATE, p->fd,
		 (off_t)(off & ~(page - 1)));
	if (m == MAP_FAILED)
		return NULL;
	*map = m;
	return (const char *)m + (off & (page - 1));
}

/* Through our page cache and libkdumpfile: the target serializes it. */
static struct dxi_error *kdump_read_phys(void *priv, uint64_t addr, void *buf,
					 size_t len)
{
	struct kdump_priv *p = priv;
	size_t done = 0;

	if (p->loads && !elf_holds(p, addr, len))
		return kdump_status_error(p, KDUMP_ERR_NODATA,
					  first_missing(p, addr));
	while (done < len) {
		uint64_t a = addr + done, pfn = a / DUMP_PAGE;
		size_t off = (size_t)(a % DUMP_PAGE), n = DUMP_PAGE - off;
		const void *page = dxi_pagecache_get(p->pages, pfn);

		if (n > len - done)
			n = len - done;
		if (!page) {
			void *fill;
			size_t got = DUMP_PAGE;
			kdump_status st;

			fill = dxi_pagecache_insert(p->pages, pfn);
			if (p->own) {
				struct dxi_error *err =
					dxi_kdump_pages_read(p->own, pfn, fill);

				if (err) {
					dxi_pagecache_drop(p->pages, pfn);
					return err;
				}
				page = fill;
				goto copy;
			}
			st = kdump_read(p->ctx, p->phys_space, pfn * DUMP_PAGE,
					fill, &got);

			if (st != KDUMP_OK) {
				dxi_pagecache_drop(p->pages, pfn);
				return kdump_status_error(
					p, st, pfn * DUMP_PAGE +
						       (st == KDUMP_ERR_NODATA ? got : 0));
			}
			page = fill;
		}
copy:
		memcpy((char *)buf + done, (const char *)page + off, n);
		done += n;
	}
	return NULL;
}

/* Thread-safe: a read inside one ELF segment (pread); else false. */
static bool kdump_read_unlocked(void *priv, uint64_t addr, void *buf,
				size_t len)
{
	return ((const struct kdump_priv *)priv)->nloads &&
	       elf_pread(priv, addr, buf, len);
}

/* How many bytes from addr one ELF segment of the file holds (0: none). */
static size_t kdump_segment_room(void *priv, uint64_t addr)
{
	const struct kdump_priv *p = priv;
	const struct elf_load *l = p->nloads ? elf_segment(p, addr, 1) : NULL;

	return l ? (size_t)(l->filesz - (addr - l->paddr)) : 0;
}

static void kdump_close_priv(void *priv)
{
	struct kdump_priv *p = priv;

	/*
	 * kdump_free() of a kdump-compressed file's context reads and writes
	 * memory it has just freed (libkdumpfile 0.5.1; valgrind shows it
	 * with nothing but kdump_open_fd() and kdump_free()). The context is
	 * left allocated instead: a few KiB once per target, against heap
	 * damage in a shell that opens another target. ELF contexts, and
	 * contexts that never opened a file, are freed.
	 */
	if (p->ctx && !p->diskdump_opened)
		kdump_free(p->ctx);
	close(p->fd);
	free(p->loads);
	free(p->held);
	dxi_kdump_pages_free(p->own);
	dxi_pagecache_free(p->pages);
	free(p);
}

static const struct dxi_backend_ops kdump_ops = {
	.name = "libkdumpfile",
	.read_phys = kdump_read_phys,
	.read_unlocked = kdump_read_unlocked,
	.segment_room = kdump_segment_room,
	.serialize = true,
	.map_phys = kdump_map_phys,
	.close = kdump_close_priv,
};

static int load_cmp(const void *a, const void *b)
{
	const struct elf_load *x = a, *y = b;

	return x->paddr < y->paddr ? -1 : x->paddr > y->paddr;
}

/* p->held from p->loads (sorted). */
static bool merge_held(struct kdump_priv *p)
{
	p->held = calloc(p->nloads ? p->nloads : 1, sizeof(*p->held));
	if (!p->held)
		return false;
	for (size_t i = 0; i < p->nloads; i++) {
		const struct elf_load *l = &p->loads[i];
		struct elf_load *last = p->nheld ? &p->held[p->nheld - 1] : NULL;

		if (last && l->paddr <= last->paddr + last->filesz) {
			if (l->paddr + l->filesz > last->paddr + last->filesz)
				last->filesz = l->paddr + l->filesz - last->paddr;
			continue;
		}
		p->held[p->nheld++] = *l;
	}
	return true;
}

/*
 * The PT_LOADs, each clipped to the end of the file: libkdumpfile 0.5.1
 * reads a cut file's missing tail as zeros, so what the file does not
 * have must never reach it (see elf_holds()).
 */
static struct dxi_error *elf_loads(struct kdump_priv *p, const char *path)
{
	uint64_t size = p->extent.file_size;
	struct dxi_error *err = NULL;
	size_t nphdr = 0;
	Elf *elf;

	elf_version(EV_CURRENT);
	elf = elf_begin(p->fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_getphdrnum(elf, &nphdr) != 0) {
		err = dxi_error_new(DXI_ERR_CORRUPT,
				    "dump %s: its ELF program headers are unreadable (%s); the file is damaged (re-copy it)",
				    path, elf_errmsg(-1));
		goto out;
	}
	p->loads = calloc(nphdr ? nphdr : 1, sizeof(*p->loads));
	if (!p->loads) {
		err = &dxi_error_nomem;
		goto out;
	}
	for (size_t i = 0; i < nphdr; i++) {
		GElf_Phdr ph;
		uint64_t filesz;

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD ||
		    ph.p_offset >= size)
			continue;
		filesz = ph.p_filesz < size - ph.p_offset ? ph.p_filesz :
							    size - ph.p_offset;
		if (filesz)
			p->loads[p->nloads++] = (struct elf_load){
				ph.p_paddr, filesz, ph.p_offset
			};
	}
	qsort(p->loads, p->nloads, sizeof(*p->loads), load_cmp);
	if (!merge_held(p))
		err = &dxi_error_nomem;
out:
	if (elf)
		elf_end(elf);
	return err;
}

static bool fd_pread(void *arg, void *buf, size_t len, uint64_t off)
{
	return pread(*(int *)arg, buf, len, (off_t)off) == (ssize_t)len;
}

/* Headers, notes and bitmaps against the file size, before libkdumpfile
 * opens the file (dumpcheck.h). */
static struct dxi_error *check_extent(struct kdump_priv *p, const char *path,
				      bool *is_elf)
{
	unsigned char magic[4] = { 0 };
	struct stat st;

	if (fstat(p->fd, &st) < 0)
		return dxi_error_errno(errno, "cannot stat dump", path);
	if (pread(p->fd, magic, 4, 0) != 4)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "dump %s is truncated in its header (%lld bytes); re-copy it",
				     path, (long long)st.st_size);
	*is_elf = !memcmp(magic, "\177ELF", 4);
	return *is_elf ? dxi_dumpcheck_elf(fd_pread, &p->fd, (uint64_t)st.st_size,
					   path, &p->extent) :
			 dxi_dumpcheck_kdump(fd_pread, &p->fd, (uint64_t)st.st_size,
					     path, &p->extent);
}

/* A libkdumpfile context on p->fd, its cache small (see CACHE_PAGES) and
 * its architecture known. */
static struct dxi_error *open_ctx(struct kdump_priv *p, bool is_elf,
				  const char *path)
{
	const char *arch = NULL;
	kdump_status st;

	p->ctx = kdump_new();
	if (!p->ctx)
		return &dxi_error_nomem;
	/* Before the open, which allocates the cache. */
	st = kdump_set_number_attr(p->ctx, "cache.size", LIBKDUMPFILE_PAGES);
	/* A cut file mapped by libkdumpfile is a SIGBUS when its open reads
	 * the page tables past the cut (fuzz/elfcore); read(2) is not. */
	if (st == KDUMP_OK && p->extent.truncated)
		st = kdump_set_number_attr(p->ctx, KDUMP_ATTR_FILE_MMAP_POLICY,
					   KDUMP_MMAP_NEVER);
	if (st == KDUMP_OK) {
		p->diskdump_opened = !is_elf;
		st = kdump_open_fd(p->ctx, p->fd);
	}
	if (st != KDUMP_OK)
		return dxi_error_new(st == KDUMP_ERR_NOTIMPL ? DXI_ERR_FORMAT :
							       DXI_ERR_CORRUPT,
				     "cannot open dump %s: %s; the file is truncated or damaged (re-copy it, or re-run makedumpfile)",
				     path, kdump_get_err(p->ctx));
	/*
	 * A kdump header written by QEMU leaves utsname empty, so libkdumpfile
	 * 0.5.1 knows no architecture and cannot read (found in the lab;
	 * README.md, "What src/dump/kdump.c does"). Say which it is when the
	 * file does not: the one whose marker its VMCOREINFO carries (arch.c).
	 */
	if (kdump_get_string_attr(p->ctx, KDUMP_ATTR_ARCH_NAME, &arch) !=
		    KDUMP_OK || !arch) {
		char *raw = NULL;
		struct dxi_error *err =
			dxi_kdump_file_vmcoreinfo(p->fd, is_elf, path, &raw);

		dxi_error_free(err);
		st = kdump_set_string_attr(p->ctx, KDUMP_ATTR_ARCH_NAME,
					   dxi_arch_of_vmcoreinfo(raw)->name);
		free(raw);
		if (st != KDUMP_OK)
			return dxi_error_new(DXI_ERR_FORMAT,
					     "dump %s: cannot set its architecture: %s",
					     path, kdump_get_err(p->ctx));
	}
	return NULL;
}

/* True if the dump's VMCOREINFO has a damaged OSRELEASE line. */
static bool release_damaged(kdump_ctx_t *ctx)
{
	struct dxi_vmcoreinfo v;
	struct dxi_error *err;
	char *raw = NULL;
	bool bad;

	if (kdump_vmcoreinfo_raw(ctx, &raw) != KDUMP_OK || !raw)
		return false;
	err = dxi_vmcoreinfo_parse(raw, &v);
	bad = !err && (v.damaged & DXI_VMCI_OSRELEASE);
	dxi_error_free(err);
	free(raw);
	return bad;
}

/* The file checked against its size; an ELF's PT_LOADs, or a cut kdump
 * file's own page reader. */
static struct dxi_error *check_file(struct kdump_priv *p, const char *path,
				    bool *is_elf)
{
	struct dxi_error *err = check_extent(p, path, is_elf);

	if (!err && *is_elf)
		err = elf_loads(p, path);
	if (!err && !*is_elf && p->extent.truncated) {
		int32_t bs = 0;

		if (pread(p->fd, &bs, 4, DXI_KDH_BLOCK_SIZE_OFF) != 4 || bs != DUMP_PAGE)
			err = dxi_error_new(DXI_ERR_FORMAT,
					    "dump %s: a truncated kdump file with %d-byte blocks is not supported (4096 only); re-copy it",
					    path, bs);
		else
			err = dxi_kdump_pages_open(p->fd, &p->extent, DUMP_PAGE, &p->own);
	}
	return err;
}

/* Makes the context a Linux one and takes its VMCOREINFO (raw); *stp is
 * KDUMP_OK when that worked. */
static struct dxi_error *set_ostype(struct kdump_priv *p, bool is_elf,
				    const char *path, char **raw,
				    kdump_status *stp)
{
	struct dxi_error *err;
	kdump_status st;

	/* VMCOREINFO is only parsed once the OS type is set. */
	st = kdump_set_string_attr(p->ctx, KDUMP_ATTR_OSTYPE, "linux");
	if (st != KDUMP_OK && release_damaged(p->ctx)) {
		/* libkdumpfile derives linux.version_code from OSRELEASE and
		 * stops at a damaged one. daxinspect translates addresses
		 * itself, so any version will do; the kernel layer reads the
		 * real release from memory (kern/recover.c). */
		kdump_set_number_attr(p->ctx, "linux.version_code", 0x60000);
		st = kdump_set_string_attr(p->ctx, KDUMP_ATTR_OSTYPE, "linux");
	}
	if (st == KDUMP_OK && kdump_vmcoreinfo_raw(p->ctx, raw) != KDUMP_OK)
		*raw = NULL;
	/*
	 * Setting it makes libkdumpfile read kernel page tables itself (its
	 * "kernel text search"), which fails on a copy cut before them, and
	 * the context then fails reads it could do. We translate addresses
	 * ourselves and only wanted VMCOREINFO: a cut file gets a fresh
	 * context without an OS type, and VMCOREINFO is read from the file.
	 */
	if (st != KDUMP_OK && p->extent.truncated) {
		if (!p->diskdump_opened)
			kdump_free(p->ctx); /* see kdump_close_priv() */
		p->ctx = NULL;
		err = open_ctx(p, is_elf, path);
		if (!err)
			err = dxi_kdump_file_vmcoreinfo(p->fd, is_elf, path, raw);
		/* physical = machine addresses on x86-64; without an OS type
		 * libkdumpfile cannot translate between the two */
		p->phys_space = KDUMP_MACHPHYSADDR;
		if (err)
			return err;
		st = KDUMP_OK;
	}
	*stp = st;
	return NULL;
}

/* The architecture libkdumpfile settled on (the ELF machine, the kdump
 * header's utsname, or what open_ctx() set), if daxinspect reads it. */
static struct dxi_error *dump_arch(struct kdump_priv *p, const char *path,
				   const struct dxi_arch **out)
{
	const char *name = NULL;

	if (kdump_get_string_attr(p->ctx, KDUMP_ATTR_ARCH_NAME, &name) !=
		    KDUMP_OK || !name) {
		*out = NULL; /* a context without one: from VMCOREINFO */
		return NULL;
	}
	*out = dxi_arch_of_name(name);
	if (!*out)
		return dxi_error_new(DXI_ERR_FORMAT,
				     "dump %s is of a %s machine; daxinspect reads x86_64 and aarch64 dumps only",
				     path, name);
	return NULL;
}

struct dxi_error *dxi_kdump_open(int fd, const char *path,
				 struct dxi_target **out)
{
	struct kdump_priv *p = calloc(1, sizeof(*p));
	struct dxi_target_desc desc = { .dump_level = -1 };
	const struct dxi_arch *arch = NULL;
	const char *fmt = NULL;
	struct dxi_error *err;
	bool is_elf = false;
	char *raw = NULL;
	kdump_status st;

	if (!p) {
		close(fd);
		return &dxi_error_nomem;
	}
	p->fd = fd;
	p->phys_space = KDUMP_KPHYSADDR;
	p->pages = dxi_pagecache_new(CACHE_PAGES, DUMP_PAGE);
	if (!p->pages) {
		kdump_close_priv(p);
		return &dxi_error_nomem;
	}
	err = check_file(p, path, &is_elf);
	if (err) {
		kdump_close_priv(p);
		return err;
	}
	err = open_ctx(p, is_elf, path);
	if (err) {
		kdump_close_priv(p);
		return err;
	}
	err = set_ostype(p, is_elf, path, &raw, &st);
	if (err) {
		kdump_close_priv(p);
		return err;
	}
	if (st != KDUMP_OK) {
		err = dxi_error_new(DXI_ERR_FORMAT,
				    "dump %s: libkdumpfile cannot treat it as a Linux dump: %s",
				    path, kdump_get_err(p->ctx));
		kdump_close_priv(p);
		return err;
	}
	kdump_get_string_attr(p->ctx, KDUMP_ATTR_FILE_FORMAT, &fmt);
	dxi_kdump_describe(fd, fmt && !strcmp(fmt, "elf"), &desc);
	desc.truncated = p->extent.truncated;
	desc.need_is_lower_bound = p->extent.need_is_lower_bound;
	desc.file_size = p->extent.file_size;
	desc.file_need = p->extent.need;
	err = dump_arch(p, path, &arch);
	if (err) {
		free(raw);
		kdump_close_priv(p);
		return err;
	}
	err = dxi_target_new_arch(&kdump_ops, p, path, raw, arch, out);
	free(raw);
	if (err)
		return err;
	(*out)->desc = desc;
	dxi_prstatus_read(fd, is_elf, &(*out)->prstatus);
	return NULL;
}
