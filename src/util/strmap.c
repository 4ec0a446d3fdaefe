// SPDX-License-Identifier: MIT
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Linear probing from the hash's slot. A probe compares the stored hash
 * first, so it touches a key's string only on a likely match: comparing
 * every key on the way cost a cache miss per probe (30% of DWARF start-up
 * on 6.1.0-57 was here). */
static struct dxi_strmap_slot *find_slot(struct dxi_strmap_slot *slots,
					 size_t cap, const char *key,
					 uint64_t h)
{
	size_t i = (h ^ (h >> 32)) & (cap - 1);

	while (slots[i].key && (slots[i].hash != h || strcmp(slots[i].key, key)))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* malloc and memset, not calloc: a big calloc is fresh zero pages that
 * the first probe maps read-only and the first insert faults again to
 * write, with a TLB flush each time (most of DWARF start-up in a VM);
 * writing them first costs one fault per page. */
static bool resize(struct dxi_strmap *m, size_t cap)
{
	struct dxi_strmap_slot *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return false;
	for (size_t i = 0; i < m->cap; i++) {
		if (m->slots[i].key)
			*find_slot(slots, cap, m->slots[i].key, m->slots[i].hash) =
				m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return true;
}

static bool grow(struct dxi_strmap *m)
{
	return resize(m, m->cap ? m->cap * 2 : 64);
}

bool dxi_strmap_reserve(struct dxi_strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;

	while ((m->len + n) * 2 > cap)
		cap *= 2;
	return cap == m->cap || resize(m, cap);
}

static bool insert(struct dxi_strmap *m, const char *key, uint64_t value,
		   bool replace)
{
	uint64_t h = hash_str(key);
	struct dxi_strmap_slot *s;

	if ((m->len + 1) * 2 > m->cap && !grow(m))
		return false;
	s = find_slot(m->slots, m->cap, key, h);
	if (s->key) {
		if (replace)
			s->value = value;
		return true;
	}
	s->key = m->borrowed ? (char *)key : strdup(key);
	if (!s->key)
		return false;
	s->hash = h;
	s->value = value;
	m->len++;
	return true;
}

bool dxi_strmap_set(struct dxi_strmap *m, const char *key, uint64_t value)
{
	return insert(m, key, value, true);
}

bool dxi_strmap_add(struct dxi_strmap *m, const char *key, uint64_t value)
{
	return insert(m, key, value, false);
}

bool dxi_strmap_get(const struct dxi_strmap *m, const char *key,
		    uint64_t *value)
{
	const struct dxi_strmap_slot *s;

	if (!m->cap)
		return false;
	s = find_slot(m->slots, m->cap, key, hash_str(key));
	if (!s->key)
		return false;
	*value = s->value;
	return true;
}

void dxi_strmap_free(struct dxi_strmap *m)
{
	for (size_t i = 0; i < m->cap && !m->borrowed; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}
