/* SPDX-License-Identifier: MIT */
/* A string -> uint64 hash map (open addressing). Keys are copied, unless
 * the map is made with borrowed = true: then the caller keeps every key
 * alive and unchanged as long as the map (names inside a file that stays
 * mapped, as the DWARF and symbol indexes do: a strdup per name was most
 * of DWARF start-up, in malloc's page faults). */
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
	bool borrowed;		/* keys are the caller's, not copied or freed */
};

/* Inserts or replaces; false on allocation failure. */
bool dxi_strmap_set(struct dxi_strmap *m, const char *key, uint64_t value);
/* Inserts only if absent (the first definition wins); false on OOM. */
bool dxi_strmap_add(struct dxi_strmap *m, const char *key, uint64_t value);
/* Room for n keys without growing; false on OOM. */
bool dxi_strmap_reserve(struct dxi_strmap *m, size_t n);
bool dxi_strmap_get(const struct dxi_strmap *m, const char *key,
		    uint64_t *value);
void dxi_strmap_free(struct dxi_strmap *m);

#endif
