/* SPDX-License-Identifier: MIT */
/*
 * A fixed-size LRU cache of dump pages, in front of libkdumpfile (see
 * kdump.c for why): a page is looked up, or a slot is taken for it (the
 * least recently used one) and filled by the caller, or given back when
 * the fill failed.
 */
#ifndef DXI_DUMP_PAGECACHE_H
#define DXI_DUMP_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

struct dxi_pagecache;

/* NULL on allocation failure. */
struct dxi_pagecache *dxi_pagecache_new(uint32_t npages, size_t page_size);
void dxi_pagecache_free(struct dxi_pagecache *c);
/* The cached bytes of page pfn (now the most recently used), or NULL. */
const void *dxi_pagecache_get(struct dxi_pagecache *c, uint64_t pfn);
/* A buffer for page pfn, which must not be cached; evicts the least
 * recently used page when the cache is full. */
void *dxi_pagecache_insert(struct dxi_pagecache *c, uint64_t pfn);
/* Forgets pfn (after a failed fill of its buffer). */
void dxi_pagecache_drop(struct dxi_pagecache *c, uint64_t pfn);

#endif
