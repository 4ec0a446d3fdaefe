/* SPDX-License-Identifier: MIT */
/* A uint64 -> uint64 hash map (open addressing, linear probing). Key
 * UINT64_MAX is reserved. Used for pfn and address indexes. */
#ifndef DXI_UTIL_U64MAP_H
#define DXI_UTIL_U64MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dxi_u64map {
	uint64_t *keys, *values;
	size_t cap, len;
};

/* Inserts or replaces; false on allocation failure. */
bool dxi_u64map_set(struct dxi_u64map *m, uint64_t key, uint64_t value);
bool dxi_u64map_get(const struct dxi_u64map *m, uint64_t key, uint64_t *value);
void dxi_u64map_free(struct dxi_u64map *m);

#endif
