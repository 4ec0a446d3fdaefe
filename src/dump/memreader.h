/* SPDX-License-Identifier: MIT */
/*
 * One address space of a backend as segments (drgn's memory_reader.c):
 * backends register where each range's bytes come from, and a read that
 * spans segments is split here, in one place.
 */
#ifndef DXI_DUMP_MEMREADER_H
#define DXI_DUMP_MEMREADER_H

#include <stddef.h>
#include <stdint.h>

#include "../util/error.h"
#include "../util/vec.h"

/* Reads len bytes at offset (the segment's offset plus the distance into
 * it) from arg. */
typedef struct dxi_error *dxi_segment_read_fn(void *arg, void *buf,
					      size_t len, uint64_t offset);

struct dxi_segment {
	uint64_t addr, size, offset;
	dxi_segment_read_fn *read;
	void *arg;
};

DXI_VEC(dxi_segment_vec, struct dxi_segment);

struct dxi_memreader {
	struct dxi_segment_vec segs;
	const char *space;	/* "physical", "kernel": for messages */
	const char *where;	/* "any /proc/kcore segment": for messages */
};

/* Adds [addr, addr + size); a segment added later wins where they overlap
 * (a test overwrites bytes so). */
struct dxi_error *dxi_memreader_add(struct dxi_memreader *m, uint64_t addr,
				    uint64_t size, dxi_segment_read_fn *read,
				    void *arg, uint64_t offset);
/* Reads [addr, addr + len); DXI_ERR_NODATA naming the first byte no
 * segment holds. */
struct dxi_error *dxi_memreader_read(const struct dxi_memreader *m,
				     uint64_t addr, void *buf, size_t len);
void dxi_memreader_free(struct dxi_memreader *m);

#endif
