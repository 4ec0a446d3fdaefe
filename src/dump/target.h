/* SPDX-License-Identifier: MIT */
/*
 * Memory readers: the things daxinspect can look at.
 *
 * A target is a dump file (libkdumpfile), the live /proc/kcore (our own
 * ELF reader) or a synthetic set of address ranges (tests). Each backend
 * reads physical memory, and may also read kernel virtual addresses
 * natively (kcore, synthetic); otherwise virtual addresses are translated
 * here by walking the page tables of the dump's architecture (arch.h:
 * x86_64.c, aarch64.c), as drgn does.
 *
 * Reads are bulk: callers read a whole run of struct pages or an xarray
 * node at once. A read of memory the dump does not contain fails with
 * DXI_ERR_NODATA, distinct from a corrupt file.
 */
#ifndef DXI_DUMP_TARGET_H
#define DXI_DUMP_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/error.h"
#include "../util/u64map.h"
#include "arch.h"
#include "prstatus.h"
#include "vmcoreinfo.h"

enum dxi_addrspace {
	DXI_PHYS,
	DXI_KVIRT,
};

struct dxi_backend_ops {
	const char *name;
	/* Reads physical memory; DXI_ERR_NODATA where the dump has none. */
	struct dxi_error *(*read_phys)(void *priv, uint64_t addr, void *buf,
				       size_t len);
	/* Reads kernel virtual memory natively; NULL: walk page tables. */
	struct dxi_error *(*read_virt)(void *priv, uint64_t addr, void *buf,
				       size_t len);
	/* Maps physical memory read-only straight from the file, for
	 * dxi_target_view(); NULL (the op or the answer): read a copy. On
	 * success *map and *map_len are what to munmap(). */
	const void *(*map_phys)(void *priv, uint64_t addr, size_t len,
				void **map, size_t *map_len);
	/* Optional, thread-safe: reads what lies in one segment of the
	 * file (false: not that, use read_phys), and how many bytes from
	 * addr one segment holds (0: none). */
	bool (*read_unlocked)(void *priv, uint64_t addr, void *buf, size_t len);
	size_t (*segment_room)(void *priv, uint64_t addr);
	/* read_phys must not run in two threads at once (-j): the target
	 * takes a lock around it (libkdumpfile's context, our page cache). */
	bool serialize;
	void (*close)(void *priv);
};

/* What the target is, for `daxinspect info`. */
struct dxi_target_desc {
	char format[48];	/* "ELF", "kdump-compressed", "/proc/kcore", ... */
	char compression[48];	/* "none", "zlib", "lzo, zlib", "unknown" */
	char origin[64];	/* "QEMU dump-guest-memory (flattened)", ... */
	int dump_level;		/* makedumpfile -d level; -1 unknown/none */
	bool live;
	/* A copy cut short (a partial scp, a full disk): it is read as far
	 * as it goes, and what lies past the end is not in the dump. */
	bool truncated;
	bool need_is_lower_bound;	/* the kdump page table is cut too */
	uint64_t file_size, file_need;	/* bytes it has, bytes it should have */
	char container[16];	/* "xz", "gzip", ... around the dump; "" none */
	char cache_path[4096];	/* its decompressed copy; "" not kept */
};

/* A one-entry translation cache (vmemmap runs hit the same 2 MiB page),
 * and the shape of a linear range: [vbase, vbase + size) maps to pbase. */
struct dxi_tlb {
	uint64_t vbase, pbase, size;
};

/* What dxi_target_peek() has read ahead: physical [paddr, paddr +
 * size) in buf (DXI_PEEK_WINDOW bytes, allocated on first use). */
struct dxi_window {
	unsigned char *buf;
	uint64_t paddr;
	size_t size;
};

struct dxi_target {
	const struct dxi_backend_ops *ops;
	void *priv;
	char *path;
	struct dxi_target_desc desc;
	/* The file's NT_PRSTATUS notes (dump files; none for kcore, synth). */
	struct dxi_prstatus prstatus;
	char *vmcoreinfo_raw;
	struct dxi_vmcoreinfo vmci;

	/* The architecture, chosen once at open (arch.h), and the
	 * translation state its setup reads from VMCOREINFO. */
	const struct dxi_arch *arch;
	uint64_t phys_base;	/* x86-64 NUMBER(phys_base); arm64 PHYS_OFFSET */
	uint64_t kernel_offset;	/* KERNELOFFSET */
	uint64_t pgd_phys;	/* init_top_pgt / swapper_pg_dir, physical */
	uint64_t sme_mask;	/* x86-64: cleared from every entry */
	int pt_levels;		/* x86-64 4/5; arm64 4 (48-bit VA) / 5 (52) */
	int va_bits;		/* arm64: the VA size the walk uses */
	bool lpa2;		/* arm64: FEAT_LPA2 descriptors (OA 51:50 in 9:8) */
	int max_phys_bits;	/* MAX_PHYSMEM_BITS */
	/* VA minus PA of the kernel image (x86-64 __START_KERNEL_map -
	 * phys_base, arm64 kimage_voffset); image: its extent, once known. */
	uint64_t image_voffset;
	struct dxi_tlb image;
	struct dxi_tlb direct;	/* the direct (linear) map, once known */
	struct dxi_placement place;
	struct dxi_tlb tlb;
	/* When set, every physical page read is recorded (for `trim`). */
	struct dxi_u64map *read_log;
	/* dxi_target_peek()'s read-ahead; one per thread (a -j part's
	 * target copy starts without one). */
	struct dxi_window win;
};

/*
 * Opens a dump file or /proc/kcore; detects the kind from the file.
 * Errors name the path and what to do.
 */
struct dxi_error *dxi_target_open(const char *path, struct dxi_target **out);

/* Wraps a backend that is already set up (used by the backends and tests). */
struct dxi_error *dxi_target_new(const struct dxi_backend_ops *ops, void *priv,
				 const char *path, const char *vmcoreinfo_raw,
				 struct dxi_target **out);
/* The same, for a backend that knows the dump's architecture (its ELF
 * machine, its kdump header); NULL: from VMCOREINFO. */
struct dxi_error *dxi_target_new_arch(const struct dxi_backend_ops *ops,
				      void *priv, const char *path,
				      const char *vmcoreinfo_raw,
				      const struct dxi_arch *arch,
				      struct dxi_target **out);
void dxi_target_close(struct dxi_target *t);

/* Reads len bytes at addr in the given address space, in one request. */
struct dxi_error *dxi_target_read(struct dxi_target *t, enum dxi_addrspace as,
				  uint64_t addr, void *buf, size_t len);
struct dxi_error *dxi_target_read_u64(struct dxi_target *t, uint64_t vaddr,
				      uint64_t *out);
/* Reads a NUL-terminated string of at most max bytes; caller frees. */
struct dxi_error *dxi_target_read_string(struct dxi_target *t, uint64_t vaddr,
					 size_t max, char **out);

/*
 * A read-only view of len bytes of kernel virtual memory, for the big
 * tables read once (the BTF blob, kallsyms): mapped from the dump file
 * when the backend can (no copy, no fresh memory: fresh pages cost ~3 us
 * each here, more than the rest of a BTF load), else a copy read with
 * dxi_target_read(). Same errors as dxi_target_read().
 */
struct dxi_view {
	const void *data;
	size_t len;
	void *map, *copy;	/* what dxi_view_release() frees */
	size_t map_len;
};

struct dxi_error *dxi_target_view(struct dxi_target *t, uint64_t vaddr,
				  size_t len, struct dxi_view *v);
void dxi_view_release(struct dxi_view *v);

/*
 * The page scan's reads, with fewer system calls and no copy: a pointer
 * to len bytes of kernel virtual memory at vaddr inside a read-ahead
 * buffer of DXI_PEEK_WINDOW bytes, when they lie in one segment of the
 * dump file (an ELF vmcore: the bytes dxi_target_read() gives) and
 * translate to one physical run; else NULL (read with dxi_target_read()).
 * Valid until the next peek or dxi_target_peek_end() on t. Not with a
 * read log (trim): it would miss the reads.
 */
#define DXI_PEEK_WINDOW (256u << 10)
const void *dxi_target_peek(struct dxi_target *t, uint64_t vaddr, size_t len);
/* Frees the read-ahead (dxi_target_close() does too). */
void dxi_target_peek_end(struct dxi_target *t);

/* The one path to the backend's physical reads (records read_log). */
struct dxi_error *dxi_target_read_phys(struct dxi_target *t, uint64_t addr,
				       void *buf, size_t len);

/* Translates a kernel virtual address (page-table walk). */
struct dxi_error *dxi_target_translate(struct dxi_target *t, uint64_t vaddr,
				       uint64_t *paddr, uint64_t *page_size);

/* (Re)sets the translation state from t->vmci through t->arch->setup,
 * e.g. once damaged fields were recovered from the kernel's own copy. */
struct dxi_error *dxi_target_use_vmcoreinfo(struct dxi_target *t);

/* Enables the direct-map fast path once page_offset_base is known, where
 * the architecture learns it so (x86-64); elsewhere it is known already. */
void dxi_target_set_direct_map(struct dxi_target *t, uint64_t page_offset_base);
/* Enables the kernel-image fast path for [start, end) (_text, _end),
 * where the architecture has no fixed image window (arm64). */
void dxi_target_set_kernel_image(struct dxi_target *t, uint64_t start,
				 uint64_t end);

/* Backends (one file each). Each takes an open fd it then owns. */
struct dxi_error *dxi_kdump_open(int fd, const char *path,
				 struct dxi_target **out);
struct dxi_error *dxi_kcore_open(int fd, const char *path,
				 struct dxi_target **out);
/* Rebuilds a makedumpfile flattened stream into a regular file; returns
 * an fd to the rebuilt file (cached under $XDG_CACHE_HOME/daxinspect). */
struct dxi_error *dxi_flattened_rebuild(int fd, const char *path, int *out_fd);
/* A dump in xz, gzip, zstd or bzip2 (by magic): decompressed once into
 * the cache (decompress.c), then opened as path; takes fd. */
bool dxi_decompress_detect(const void *magic, size_t n);
struct dxi_error *dxi_decompressed_open(int fd, const char *path,
					struct dxi_target **out);

#endif
