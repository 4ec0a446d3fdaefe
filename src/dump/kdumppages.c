// SPDX-License-Identifier: MIT
#include "kdumppages.h"

#include <errno.h>
#include <lzo/lzo1x.h>
#include <snappy-c.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* page_desc.flags (makedumpfile diskdump_mod.h) */
#define DESC_ZLIB 0x1
#define DESC_LZO 0x2
#define DESC_SNAPPY 0x4
#define DESC_ZSTD 0x20

struct dxi_kdump_pages {
	int fd;
	uint32_t block_size;
	struct dxi_dump_extent x;
	uint64_t *bitmap, *rank;	/* second bitmap; set bits before each word */
	uint64_t words;
	unsigned char *in;		/* one compressed page */
};

struct dxi_error *dxi_kdump_pages_open(int fd, const struct dxi_dump_extent *x,
				       uint32_t block_size,
				       struct dxi_kdump_pages **out)
{
	struct dxi_kdump_pages *kp = calloc(1, sizeof(*kp));
	uint64_t half = (x->desc_off - x->bitmap_off) / 2, n = 0;

	if (!kp)
		return &dxi_error_nomem;
	kp->fd = fd;
	kp->block_size = block_size;
	kp->x = *x;
	kp->words = half / 8;
	kp->bitmap = malloc(kp->words ? kp->words * 8 : 8);
	kp->rank = malloc(kp->words ? kp->words * 8 : 8);
	kp->in = malloc(block_size);
	if (!kp->bitmap || !kp->rank || !kp->in) {
		dxi_kdump_pages_free(kp);
		return &dxi_error_nomem;
	}
	if (kp->words && pread(fd, kp->bitmap, kp->words * 8,
			       (off_t)(x->bitmap_off + half)) != (ssize_t)(kp->words * 8)) {
		dxi_kdump_pages_free(kp);
		return dxi_error_new(DXI_ERR_CORRUPT, "cannot read the kdump bitmap");
	}
	for (uint64_t w = 0; w < kp->words; w++) {
		kp->rank[w] = n;
		n += (uint64_t)__builtin_popcountll(kp->bitmap[w]);
	}
	*out = kp;
	return NULL;
}

static struct dxi_error *nodata(uint64_t pfn, uint32_t bs, const char *why)
{
	return dxi_error_new(DXI_ERR_NODATA,
			     "physical address %#llx is not in the dump (%s)",
			     (unsigned long long)(pfn * bs), why);
}

static struct dxi_error *bad_page(uint64_t pfn, uint32_t bs, const char *why)
{
	return dxi_error_new(DXI_ERR_CORRUPT,
			     "physical address %#llx: its page in the dump is damaged (%s)",
			     (unsigned long long)(pfn * bs), why);
}

struct dxi_error *dxi_kdump_pages_read(struct dxi_kdump_pages *kp, uint64_t pfn,
				       void *buf)
{
	const struct dxi_dump_extent *x = &kp->x;
	uint32_t bs = kp->block_size, len, flags;
	unsigned char pd[DXI_KDUMP_DESC_SIZE];
	uint64_t w = pfn / 64, idx, off;

	if (w >= kp->words || !(kp->bitmap[w] >> (pfn % 64) & 1))
		return nodata(pfn, bs, "filtered out, or never saved");
	idx = kp->rank[w] +
	      (uint64_t)__builtin_popcountll(kp->bitmap[w] & ((1ULL << (pfn % 64)) - 1));
	if (idx >= x->ndesc_in_file)
		return nodata(pfn, bs, "its page lies past the end of the truncated file");
	if (pread(kp->fd, pd, sizeof(pd), (off_t)(x->desc_off + idx * DXI_KDUMP_DESC_SIZE)) !=
	    (ssize_t)sizeof(pd))
		return dxi_error_errno(errno, "cannot read a page descriptor of", "the dump");
	memcpy(&off, pd, 8);
	memcpy(&len, pd + 8, 4);
	memcpy(&flags, pd + 12, 4);
	if (off > x->file_size || len > x->file_size - off)
		return nodata(pfn, bs, "its page lies past the end of the truncated file");
	if (len > bs)
		return bad_page(pfn, bs, "longer than a page");
	if (pread(kp->fd, kp->in, len, (off_t)off) != (ssize_t)len)
		return dxi_error_errno(errno, "cannot read a page of", "the dump");
	if (flags & DESC_ZLIB) {
		uLongf got = bs;

		if (uncompress(buf, &got, kp->in, len) != Z_OK || got != bs)
			return bad_page(pfn, bs, "zlib");
	} else if (flags & DESC_LZO) {
		lzo_uint got = bs;

		if (lzo1x_decompress_safe(kp->in, len, buf, &got, NULL) != LZO_E_OK || got != bs)
			return bad_page(pfn, bs, "lzo");
	} else if (flags & DESC_SNAPPY) {
		size_t got = bs;

		if (snappy_uncompress((const char *)kp->in, len, buf, &got) != SNAPPY_OK ||
		    got != bs)
			return bad_page(pfn, bs, "snappy");
	} else if (flags & DESC_ZSTD) {
		if (ZSTD_decompress(buf, bs, kp->in, len) != bs)
			return bad_page(pfn, bs, "zstd");
	} else if (len == bs) {
		memcpy(buf, kp->in, bs);
	} else {
		return bad_page(pfn, bs, "uncompressed but not a page long");
	}
	return NULL;
}

void dxi_kdump_pages_free(struct dxi_kdump_pages *kp)
{
	if (!kp)
		return;
	free(kp->bitmap);
	free(kp->rank);
	free(kp->in);
	free(kp);
}
