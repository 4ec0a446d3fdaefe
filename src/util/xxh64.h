/* SPDX-License-Identifier: MIT */
/*
 * XXH64 (Yann Collet's xxHash, 64-bit), streaming: the content key of
 * cached decompressed dumps. Written here, from the xxHash spec
 * (github.com/Cyan4973/xxHash doc/xxhash_spec.md), because Debian ships no
 * libxxhash-dev in bookworm's build set and libzstd does not export it.
 */
#ifndef DXI_UTIL_XXH64_H
#define DXI_UTIL_XXH64_H

#include <stddef.h>
#include <stdint.h>

struct dxi_xxh64 {
	uint64_t v[4];
	uint64_t total;
	unsigned char mem[32];
	size_t memsize;
	uint64_t seed;
};

void dxi_xxh64_init(struct dxi_xxh64 *h, uint64_t seed);
void dxi_xxh64_update(struct dxi_xxh64 *h, const void *data, size_t len);
uint64_t dxi_xxh64_digest(const struct dxi_xxh64 *h);

#endif
