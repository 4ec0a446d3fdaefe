// SPDX-License-Identifier: MIT
#include "nameindex.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash(unsigned cls, const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull ^ cls; /* FNV-1a, then fmix64 to
						   * mix the high bits down */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ull;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

static bool same(const struct dxi_nameindex *ix, uint64_t value,
		 unsigned cls, const char *name)
{
	unsigned c = 0;
	const char *n = ix->name(ix->owner, value, &c);

	return c == cls && n && !strcmp(n, name);
}

/* The slot holding (cls, name), or the empty slot where it would go. */
static uint64_t *find_slot(uint64_t *slots, size_t mask,
			   const struct dxi_nameindex *ix, unsigned cls,
			   const char *name)
{
	size_t i = hash(cls, name) & mask;

	while (slots[i] && !same(ix, slots[i] - 1, cls, name))
		i = (i + 1) & mask;
	return &slots[i];
}

static bool resize(struct dxi_nameindex *ix, size_t cap)
{
	uint64_t *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return false;
	for (size_t i = 0; ix->slots && i <= ix->mask; i++) {
		unsigned cls = 0;
		const char *n;

		if (!ix->slots[i])
			continue;
		n = ix->name(ix->owner, ix->slots[i] - 1, &cls);
		*find_slot(slots, cap - 1, ix, cls, n) = ix->slots[i];
	}
	free(ix->slots);
	ix->slots = slots;
	ix->mask = cap - 1;
	return true;
}

bool dxi_nameindex_init(struct dxi_nameindex *ix, size_t expect,
			dxi_nameindex_name_fn *name, const void *owner)
{
	size_t cap = 64;

	while (cap < 2 * expect)
		cap *= 2;
	memset(ix, 0, sizeof(*ix));
	ix->name = name;
	ix->owner = owner;
	return resize(ix, cap);
}

bool dxi_nameindex_add(struct dxi_nameindex *ix, uint64_t value)
{
	unsigned cls = 0;
	const char *n = ix->name(ix->owner, value, &cls);
	uint64_t *slot;

	if (!n || !*n)
		return true;	/* anonymous: nothing to look up by */
	if (2 * (ix->len + 1) > ix->mask + 1 && !resize(ix, 2 * (ix->mask + 1)))
		return false;
	slot = find_slot(ix->slots, ix->mask, ix, cls, n);
	if (!*slot) {
		*slot = value + 1;
		ix->len++;
	}
	return true;
}

bool dxi_nameindex_get(const struct dxi_nameindex *ix, unsigned cls,
		       const char *name, uint64_t *value)
{
	const uint64_t *slot;

	if (!ix->slots)
		return false;
	slot = find_slot(ix->slots, ix->mask, ix, cls, name);
	if (!*slot)
		return false;
	*value = *slot - 1;
	return true;
}

void dxi_nameindex_free(struct dxi_nameindex *ix)
{
	free(ix->slots);
	memset(ix, 0, sizeof(*ix));
}
