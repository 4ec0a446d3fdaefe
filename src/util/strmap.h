/* SPDX-License-Identifier: MIT */
/* A string -> uint64 hash map (open addressing; keys are copied). */
#ifndef DXI_UTIL_STRMAP_H
#define DXI_UTIL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dxi_strmap_slot {
	char *key;
	uint64_t hash;		/* of key: probes compare it before the string */
	uint64_t value;
};

struct dxi_strmap {
	struct dxi_strmap_slot *slots;
	size_t cap, len;
};

/* Inserts or replaces; false on allocation failure. */
bool dxi_strmap_set(struct dxi_strmap *m, const char *key, uint64_t value);
/* Inserts only if absent (the first definition wins); false on OOM. */
bool dxi_strmap_add(struct dxi_strmap *m, const char *key, uint64_t value);
bool dxi_strmap_get(const struct dxi_strmap *m, const char *key,
		    uint64_t *value);
void dxi_strmap_free(struct dxi_strmap *m);

#endif
