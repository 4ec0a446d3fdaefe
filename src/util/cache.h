/* SPDX-License-Identifier: MIT */
/*
 * daxinspect's file cache: $XDG_CACHE_HOME/daxinspect (else
 * ~/.cache/daxinspect), one subdirectory per kind of file (rebuilt/ for
 * flattened streams, decompressed/ for .xz/.gz/.zst/.bz2 dumps). It is
 * bounded by $DAXINSPECT_CACHE_MAX (bytes, or with K, M, G or T; default
 * 8G) over all subdirectories, evicting the least recently used file
 * (by atime, which a cache hit sets).
 */
#ifndef DXI_UTIL_CACHE_H
#define DXI_UTIL_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define DXI_CACHE_MAX_DEFAULT (8ULL << 30)

/* The directory of sub (created), in out; false when there is no home. */
bool dxi_cache_dir(const char *sub, char *out, size_t size);
/* The bound from $DAXINSPECT_CACHE_MAX; an error names a bad value. */
struct dxi_error *dxi_cache_max(uint64_t *out);
/* Marks path used now, for the LRU order. */
void dxi_cache_touch(const char *path);
/* Evicts least recently used files until the cache is within the bound;
 * keep goes last, and only when it alone exceeds the bound (its user
 * still holds it open): then *kept is false. */
void dxi_cache_bound(const char *keep, bool *kept);

#endif
