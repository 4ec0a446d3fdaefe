// SPDX-License-Identifier: MIT
#include "u64map.h"

#include <stdlib.h>
#include <string.h>

#define EMPTY UINT64_MAX

static size_t slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

static bool grow(struct dxi_u64map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256;
	uint64_t *keys = malloc(cap * sizeof(*keys));
	uint64_t *values = malloc(cap * sizeof(*values));

	if (!keys || !values) {
		free(keys);
		free(values);
		return false;
	}
	memset(keys, 0xff, cap * sizeof(*keys));
	for (size_t i = 0; i < m->cap; i++) {
		size_t s;

		if (m->keys[i] == EMPTY)
			continue;
		s = slot_of(m->keys[i], cap);
		while (keys[s] != EMPTY)
			s = (s + 1) & (cap - 1);
		keys[s] = m->keys[i];
		values[s] = m->values[i];
	}
	free(m->keys);
	free(m->values);
	m->keys = keys;
	m->values = values;
	m->cap = cap;
	return true;
}

bool dxi_u64map_set(struct dxi_u64map *m, uint64_t key, uint64_t value)
{
	size_t s;

	if ((m->len + 1) * 2 > m->cap && !grow(m))
		return false;
	s = slot_of(key, m->cap);
	while (m->keys[s] != EMPTY && m->keys[s] != key)
		s = (s + 1) & (m->cap - 1);
	if (m->keys[s] == EMPTY)
		m->len++;
	m->keys[s] = key;
	m->values[s] = value;
	return true;
}

bool dxi_u64map_get(const struct dxi_u64map *m, uint64_t key, uint64_t *value)
{
	size_t s;

	if (!m->cap)
		return false;
	s = slot_of(key, m->cap);
	while (m->keys[s] != EMPTY) {
		if (m->keys[s] == key) {
			*value = m->values[s];
			return true;
		}
		s = (s + 1) & (m->cap - 1);
	}
	return false;
}

void dxi_u64map_free(struct dxi_u64map *m)
{
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}
