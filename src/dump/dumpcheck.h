/* SPDX-License-Identifier: MIT */
/*
 * What a dump file's headers promise, checked against what the file has,
 * before libkdumpfile sees it. libkdumpfile 0.5.1 maps an ELF dump's note
 * segment without looking at the file size (kdump_open_fdset(): SIGBUS on
 * a copy cut inside the notes) and reads a cut ELF file's missing tail as
 * zeros. So:
 *  - a cut inside the headers, program headers, bitmaps or notes is an
 *    error (DXI_ERR_CORRUPT) whose message says "truncated";
 *  - a cut inside the page data is not: the extent says how far the file
 *    goes, and the reader treats what lies past it as not in the dump.
 * Pure functions over a read callback, so that they can be fuzzed.
 */
#ifndef DXI_DUMP_DUMPCHECK_H
#define DXI_DUMP_DUMPCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/error.h"

/* Reads len bytes at off; false when they are not all there. */
typedef bool dxi_pread_fn(void *arg, void *buf, size_t len, uint64_t off);

struct dxi_dump_extent {
	uint64_t file_size;	/* bytes the file has */
	uint64_t need;		/* bytes its headers describe */
	bool truncated;		/* need > file_size: its data is cut */
	bool need_is_lower_bound; /* the kdump page table itself is cut */
	/* kdump files: where the page descriptors start, and how many of
	 * them the file holds whole */
	uint64_t bitmap_off, desc_off, ndesc, ndesc_in_file;
};

/* An ELF core (ELFCLASS64, little-endian). */
struct dxi_error *dxi_dumpcheck_elf(dxi_pread_fn *rd, void *arg, uint64_t size,
				    const char *path,
				    struct dxi_dump_extent *out);

/* A kdump-compressed ("KDUMP   " / "DISKDUMP") file. */
struct dxi_error *dxi_dumpcheck_kdump(dxi_pread_fn *rd, void *arg,
				      uint64_t size, const char *path,
				      struct dxi_dump_extent *out);

/* The kdump-compressed layout (makedumpfile diskdump_mod.h, x86-64 LP64):
 * struct disk_dump_header, then struct kdump_sub_header one block in. */
#define DXI_KDH_VERSION_OFF 8
#define DXI_KDH_STATUS_OFF 424
#define DXI_KDH_BLOCK_SIZE_OFF 428
#define DXI_KDH_SUB_HDR_SIZE_OFF 432
#define DXI_KDH_BITMAP_BLOCKS_OFF 436
#define DXI_KDH_SIZE 464	/* through nr_cpus, padded */
#define DXI_KSH_DUMP_LEVEL_OFF 8
#define DXI_KSH_VMCOREINFO_OFF 32 /* offset_vmcoreinfo, size_vmcoreinfo */
#define DXI_KSH_NOTE_OFF 48	/* offset_note, size_note (version 4+) */
#define DXI_KDUMP_DESC_SIZE 24	/* struct page_desc */

#endif
