/* SPDX-License-Identifier: MIT */
/*
 * Pages of a kdump-compressed file read without libkdumpfile: the second
 * bitmap says which pfns have a page descriptor (struct page_desc,
 * makedumpfile diskdump_mod.h), the descriptor says where its data is and
 * how it is compressed (DUMP_DH_COMPRESSED_* in its flags).
 *
 * libkdumpfile 0.5.1 fails on pages of a truncated file that lie wholly
 * inside it (its file cache maps chunks that run past the end), so a
 * truncated file is read through this instead; what lies past the end is
 * "not in the dump". It is also the start of reading kdump files on
 * several threads.
 */
#ifndef DXI_DUMP_KDUMPPAGES_H
#define DXI_DUMP_KDUMPPAGES_H

#include <stdint.h>

#include "dumpcheck.h"

struct dxi_kdump_pages;

struct dxi_error *dxi_kdump_pages_open(int fd, const struct dxi_dump_extent *x,
				       uint32_t block_size,
				       struct dxi_kdump_pages **out);
/* One block_size page of pfn into buf; DXI_ERR_NODATA when the dump does
 * not have it (filtered out, or past the end of the file). */
struct dxi_error *dxi_kdump_pages_read(struct dxi_kdump_pages *kp, uint64_t pfn,
				       void *buf);
void dxi_kdump_pages_free(struct dxi_kdump_pages *kp);

#endif
