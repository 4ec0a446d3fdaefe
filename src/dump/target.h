/* SPDX-License-Identifier: MIT */
/*
 * Memory readers: the things daxinspect can look at.
 *
 * A target is a dump file (libkdumpfile), the live /proc/kcore (our own
 * ELF reader) or a synthetic set of address ranges (tests). Each backend
 * reads physical memory, and may also read kernel virtual addresses
 * natively (kcore, synthetic); otherwise virtual addresses are translated
 * here by walking the x86-64 page tables (x86_64.c), as drgn does.
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

/* A one-entry translation cache (vmemmap runs hit the same 2 MiB page). */
struct dxi_tlb {
	uint64_t vbase, pbase, size;
};

struct dxi_target {
	const struct dxi_backend_ops *ops;
	void *priv;
	char *path;
	struct dxi_target_desc desc;
	char *vmcoreinfo_raw;
	struct dxi_vmcoreinfo vmci;

	/* Translation state, x86-64. */
	uint64_t phys_base;
	uint64_t kernel_offset;
	uint64_t pgd_phys;	/* physical address of init_top_pgt */
	uint64_t sme_mask;
	int pt_levels;		/* 4 or 5 */
	uint64_t direct_map_base; /* page_offset_base once known, else 0 */
	struct dxi_tlb tlb;
	/* When set, every physical page read is recorded (for `trim`). */
	struct dxi_u64map *read_log;
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

/* The one path to the backend's physical reads (records read_log). */
struct dxi_error *dxi_target_read_phys(struct dxi_target *t, uint64_t addr,
				       void *buf, size_t len);

/* Translates a kernel virtual address (page-table walk). */
struct dxi_error *dxi_target_translate(struct dxi_target *t, uint64_t vaddr,
				       uint64_t *paddr, uint64_t *page_size);

/* (Re)sets the translation state from t->vmci, e.g. once damaged fields
 * were recovered from the kernel's own copy. */
void dxi_target_use_vmcoreinfo(struct dxi_target *t);

/* Enables the direct-map fast path once page_offset_base is known. */
void dxi_target_set_direct_map(struct dxi_target *t, uint64_t page_offset_base);

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
