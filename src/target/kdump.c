// SPDX-License-Identifier: MIT
/*
 * Dump files through libkdumpfile 0.5.1: ELF vmcores (QEMU
 * dump-guest-memory, copies of /proc/vmcore) and kdump-compressed files,
 * filtered by makedumpfile or not. We read physical memory only and do
 * virtual translation ourselves (x86_64.c), as drgn does.
 */
#include "target.h"
#include "dumpcheck.h"
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
	/* A truncated kdump file: its second bitmap, with the number of set
	 * bits before each 64-bit word, to find a page's descriptor. */
	uint64_t *bitmap, *rank;
	uint64_t bitmap_bits;
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

/*
 * A truncated kdump file: is pfn's page descriptor, and the data it points
 * at, inside the file? libkdumpfile 0.5.1 would read past the end. A pfn
 * without a descriptor is left to libkdumpfile (it says "not in the dump").
 */
static bool kdump_page_in_file(const struct kdump_priv *p, uint64_t pfn)
{
	const struct dxi_dump_extent *x = &p->extent;
	unsigned char pd[DXI_KDUMP_DESC_SIZE];
	uint64_t w = pfn / 64, idx, off;
	uint32_t len;

	if (pfn >= p->bitmap_bits || !(p->bitmap[w] >> (pfn % 64) & 1))
		return true;
	idx = p->rank[w] + (uint64_t)__builtin_popcountll(
				   p->bitmap[w] & ((1ULL << (pfn % 64)) - 1));
	if (idx >= x->ndesc_in_file ||
	    pread(p->fd, pd, sizeof(pd),
		  (off_t)(x->desc_off + idx * DXI_KDUMP_DESC_SIZE)) != (ssize_t)sizeof(pd))
		return false;
	memcpy(&off, pd, 8);
	memcpy(&len, pd + 8, 4);
	return off <= x->file_size && len <= x->file_size - off;
}

static struct dxi_error *kdump_read_phys(void *priv, uint64_t addr, void *buf,
					 size_t len)
{
	struct kdump_priv *p = priv;
	size_t done = 0;

	if (p->nloads && elf_pread(p, addr, buf, len))
		return NULL;
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

			if (p->bitmap && !kdump_page_in_file(p, pfn))
				return dxi_error_new(DXI_ERR_NODATA,
						     "physical address %#llx is not in the dump (its page lies past the end of the truncated file)",
						     (unsigned long long)(pfn * DUMP_PAGE));
			fill = dxi_pagecache_insert(p->pages, pfn);
			st = kdump_read(p->ctx, KDUMP_KPHYSADDR, pfn * DUMP_PAGE,
					fill, &got);

			if (st != KDUMP_OK) {
				dxi_pagecache_drop(p->pages, pfn);
				return kdump_status_error(
					p, st, pfn * DUMP_PAGE +
						       (st == KDUMP_ERR_NODATA ? got : 0));
			}
			page = fill;
		}
		memcpy((char *)buf + done, (const char *)page + off, n);
		done += n;
	}
	return NULL;
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
	free(p->bitmap);
	free(p->rank);
	dxi_pagecache_free(p->pages);
	free(p);
}

static const struct dxi_backend_ops kdump_ops = {
	.name = "libkdumpfile",
	.read_phys = kdump_read_phys,
	.map_phys = kdump_map_phys,
	.close = kdump_close_priv,
};

/*
 * The kdump-compressed header (makedumpfile diskdump_mod.h, x86-64
 * layout): status at 424 holds the compression flags, the sub-header at
 * block_size holds dump_level at offset 8.
 */
#define KDH_STATUS_OFF DXI_KDH_STATUS_OFF
#define KDH_BLOCK_SIZE_OFF DXI_KDH_BLOCK_SIZE_OFF
#define KDH_UTS_SYSNAME_OFF 12
#define DUMP_DH_COMPRESSED_ZLIB 0x1
#define DUMP_DH_COMPRESSED_LZO 0x2
#define DUMP_DH_COMPRESSED_SNAPPY 0x4
#define DUMP_DH_COMPRESSED_INCOMPLETE 0x8
#define DUMP_DH_COMPRESSED_ZSTD 0x20

static void describe_kdump(int fd, struct dxi_target_desc *d)
{
	unsigned char hdr[464];
	uint32_t status;
	int32_t block_size, level;

	snprintf(d->format, sizeof(d->format), "kdump-compressed");
	if (pread(fd, hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr))
		return;
	memcpy(&status, hdr + KDH_STATUS_OFF, 4);
	memcpy(&block_size, hdr + KDH_BLOCK_SIZE_OFF, 4);
	d->compression[0] = '\0';
	if (status & DUMP_DH_COMPRESSED_ZLIB)
		strcat(d->compression, "zlib ");
	if (status & DUMP_DH_COMPRESSED_LZO)
		strcat(d->compression, "lzo ");
	if (status & DUMP_DH_COMPRESSED_SNAPPY)
		strcat(d->compression, "snappy ");
	if (status & DUMP_DH_COMPRESSED_ZSTD)
		strcat(d->compression, "zstd ");
	if (!d->compression[0])
		strcpy(d->compression, "none ");
	d->compression[strlen(d->compression) - 1] = '\0';
	if (status & DUMP_DH_COMPRESSED_INCOMPLETE)
		strcat(d->compression, " (incomplete dump)");
	/* QEMU leaves utsname empty; makedumpfile fills it in. */
	snprintf(d->origin, sizeof(d->origin), "%s",
		 hdr[KDH_UTS_SYSNAME_OFF] ? "makedumpfile" :
					    "QEMU dump-guest-memory");
	if (block_size > 0 &&
	    pread(fd, &level, 4, (off_t)block_size + 8) == 4 && level >= 0)
		d->dump_level = level;
}

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

/* A truncated kdump file: its second bitmap and rank table, for
 * kdump_page_in_file(). */
static struct dxi_error *kdump_load_bitmap(struct kdump_priv *p)
{
	const struct dxi_dump_extent *x = &p->extent;
	uint64_t half = (x->desc_off - x->bitmap_off) / 2, words = half / 8, n = 0;

	p->bitmap = malloc(words ? words * 8 : 8);
	p->rank = malloc(words ? words * 8 : 8);
	if (!p->bitmap || !p->rank)
		return &dxi_error_nomem;
	if (words && pread(p->fd, p->bitmap, words * 8,
			   (off_t)(x->bitmap_off + half)) != (ssize_t)(words * 8))
		return dxi_error_errno(errno, "cannot read the kdump bitmap of",
				       "the dump");
	for (uint64_t w = 0; w < words; w++) {
		p->rank[w] = n;
		n += (uint64_t)__builtin_popcountll(p->bitmap[w]);
	}
	p->bitmap_bits = words * 64;
	return NULL;
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

/* QEMU writes notes named "QEMU" with its CPU state; kexec does not. */
static void describe_elf(int fd, struct dxi_target_desc *d)
{
	size_t nphdr = 0;
	Elf *elf;

	snprintf(d->format, sizeof(d->format), "ELF");
	snprintf(d->compression, sizeof(d->compression), "none");
	snprintf(d->origin, sizeof(d->origin), "kexec /proc/vmcore or makedumpfile -E");
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf)
		return;
	if (elf_getphdrnum(elf, &nphdr) == 0) {
		for (size_t i = 0; i < nphdr; i++) {
			GElf_Phdr ph;
			Elf_Data *data;
			GElf_Nhdr nh;
			size_t off = 0, noff, doff;

			if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_NOTE)
				continue;
			data = elf_getdata_rawchunk(elf, (off_t)ph.p_offset,
						    ph.p_filesz, ELF_T_NHDR);
			while (data && (off = gelf_getnote(data, off, &nh,
							    &noff, &doff)) > 0) {
				const char *name = (char *)data->d_buf + noff;

				if (nh.n_namesz == 5 && !memcmp(name, "QEMU", 4)) {
					snprintf(d->origin, sizeof(d->origin),
						 "QEMU dump-guest-memory");
					goto out;
				}
				if (nh.n_namesz == 11 &&
				    !memcmp(name, "DAXINSPECT", 10)) {
					snprintf(d->origin, sizeof(d->origin),
						 "daxinspect trim (a cut-down dump)");
					goto out;
				}
			}
		}
	}
out:
	elf_end(elf);
}

struct dxi_error *dxi_kdump_open(int fd, const char *path,
				 struct dxi_target **out)
{
	struct kdump_priv *p = calloc(1, sizeof(*p));
	struct dxi_target_desc desc = { .dump_level = -1 };
	const char *fmt = NULL, *arch = NULL;
	struct dxi_error *err;
	bool is_elf = false;
	char *raw = NULL;
	kdump_status st;

	if (!p) {
		close(fd);
		return &dxi_error_nomem;
	}
	p->fd = fd;
	p->ctx = kdump_new();
	p->pages = dxi_pagecache_new(CACHE_PAGES, DUMP_PAGE);
	if (!p->ctx || !p->pages) {
		kdump_close_priv(p);
		return &dxi_error_nomem;
	}
	err = check_extent(p, path, &is_elf);
	if (!err && is_elf)
		err = elf_loads(p, path);
	if (!err && !is_elf && p->extent.truncated)
		err = kdump_load_bitmap(p);
	if (err) {
		kdump_close_priv(p);
		return err;
	}
	/* Before the open, which allocates the cache (see CACHE_PAGES). */
	st = kdump_set_number_attr(p->ctx, "cache.size", LIBKDUMPFILE_PAGES);
	/* A cut file mapped by libkdumpfile is a SIGBUS when its open reads
	 * the page tables past the cut (fuzz/elfcore); read(2) is not. */
	if (st == KDUMP_OK && p->extent.truncated)
		st = kdump_set_number_attr(p->ctx, KDUMP_ATTR_FILE_MMAP_POLICY,
					   KDUMP_MMAP_NEVER);
	if (st == KDUMP_OK) {
		p->diskdump_opened = !is_elf;
		st = kdump_open_fd(p->ctx, fd);
	}
	if (st != KDUMP_OK) {
		err = dxi_error_new(st == KDUMP_ERR_NOTIMPL ? DXI_ERR_FORMAT :
							      DXI_ERR_CORRUPT,
				    "cannot open dump %s: %s; the file is truncated or damaged (re-copy it, or re-run makedumpfile)",
				    path, kdump_get_err(p->ctx));
		kdump_close_priv(p);
		return err;
	}
	/*
	 * A kdump header written by QEMU leaves utsname empty, so libkdumpfile
	 * 0.5.1 knows no architecture and cannot read (found in the lab;
	 * README.md, "What src/target/kdump.c does"). Every
	 * target we support is x86-64: say so when the file does not.
	 */
	if (kdump_get_string_attr(p->ctx, KDUMP_ATTR_ARCH_NAME, &arch) !=
		    KDUMP_OK ||
	    !arch) {
		st = kdump_set_string_attr(p->ctx, KDUMP_ATTR_ARCH_NAME,
					   "x86_64");
		if (st != KDUMP_OK) {
			err = dxi_error_new(DXI_ERR_FORMAT,
					    "dump %s: cannot set its architecture: %s",
					    path, kdump_get_err(p->ctx));
			kdump_close_priv(p);
			return err;
		}
	}
	/* VMCOREINFO is only parsed once the OS type is set. */
	st = kdump_set_string_attr(p->ctx, KDUMP_ATTR_OSTYPE, "linux");
	/*
	 * Setting it makes libkdumpfile read kernel page tables itself (its
	 * "kernel text search"), which fails on a copy cut before them. We
	 * translate addresses ourselves and only need it for VMCOREINFO, so
	 * a cut file goes on without it (VMCOREINFO is then read below).
	 */
	if (st != KDUMP_OK && p->extent.truncated) {
		kdump_clear_err(p->ctx);
		st = KDUMP_OK;
	}
	if (st != KDUMP_OK) {
		err = dxi_error_new(DXI_ERR_FORMAT,
				    "dump %s: libkdumpfile cannot treat it as a Linux dump: %s",
				    path, kdump_get_err(p->ctx));
		kdump_close_priv(p);
		return err;
	}
	st = kdump_vmcoreinfo_raw(p->ctx, &raw);
	if (st != KDUMP_OK)
		raw = NULL;
	kdump_get_string_attr(p->ctx, KDUMP_ATTR_FILE_FORMAT, &fmt);
	if (fmt && !strcmp(fmt, "elf"))
		describe_elf(fd, &desc);
	else
		describe_kdump(fd, &desc);
	desc.truncated = p->extent.truncated;
	desc.need_is_lower_bound = p->extent.need_is_lower_bound;
	desc.file_size = p->extent.file_size;
	desc.file_need = p->extent.need;
	err = dxi_target_new(&kdump_ops, p, path, raw, out);
	free(raw);
	if (err)
		return err;
	(*out)->desc = desc;
	return NULL;
}
