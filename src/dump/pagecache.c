// SPDX-License-Identifier: MIT
#include "pagecache.h"

#include <stdbool.h>
#include <stdlib.h>

#define NIL UINT32_MAX

struct slot {
	uint64_t pfn;		/* UINT64_MAX: free */
	uint32_t prev, next;	/* LRU list, most recent first */
	uint32_t hnext;		/* hash chain */
};

struct dxi_pagecache {
	size_t page_size;
	uint32_t n, used, mask;	/* mask: buckets - 1 */
	uint32_t head, tail;
	struct slot *slots;
	uint32_t *buckets;	/* first slot of each chain, or NIL */
	unsigned char *data;
};

static uint32_t bucket(const struct dxi_pagecache *c, uint64_t pfn)
{
	return (uint32_t)((pfn * 0x9e3779b97f4a7c15ull) >> 32) & c->mask;
}

static void list_unlink(struct dxi_pagecache *c, uint32_t i)
{
	struct slot *s = &c->slots[i];

	if (s->prev != NIL)
		c->slots[s->prev].next = s->next;
	else
		c->head = s->next;
	if (s->next != NIL)
		c->slots[s->next].prev = s->prev;
	else
		c->tail = s->prev;
}

static void list_push_front(struct dxi_pagecache *c, uint32_t i)
{
	struct slot *s = &c->slots[i];

	s->prev = NIL;
	s->next = c->head;
	if (c->head != NIL)
		c->slots[c->head].prev = i;
	c->head = i;
	if (c->tail == NIL)
		c->tail = i;
}

static void list_push_back(struct dxi_pagecache *c, uint32_t i)
{
	struct slot *s = &c->slots[i];

	s->next = NIL;
	s->prev = c->tail;
	if (c->tail != NIL)
		c->slots[c->tail].next = i;
	c->tail = i;
	if (c->head == NIL)
		c->head = i;
}

/* Removes slot i from its hash chain; false if it is in none. */
static bool hash_unlink(struct dxi_pagecache *c, uint32_t i)
{
	uint32_t *p = &c->buckets[bucket(c, c->slots[i].pfn)];

	while (*p != NIL && *p != i)
		p = &c->slots[*p].hnext;
	if (*p == NIL)
		return false;
	*p = c->slots[i].hnext;
	return true;
}

static uint32_t find(const struct dxi_pagecache *c, uint64_t pfn)
{
	uint32_t i = c->buckets[bucket(c, pfn)];

	while (i != NIL && c->slots[i].pfn != pfn)
		i = c->slots[i].hnext;
	return i;
}

struct dxi_pagecache *dxi_pagecache_new(uint32_t npages, size_t page_size)
{
	struct dxi_pagecache *c = calloc(1, sizeof(*c));
	uint32_t nb = 1;

	while (nb < 2 * npages)
		nb *= 2;
	if (!c)
		return NULL;
	c->page_size = page_size;
	c->n = npages;
	c->mask = nb - 1;
	c->head = c->tail = NIL;
	c->slots = calloc(npages, sizeof(*c->slots));
	c->buckets = malloc(nb * sizeof(*c->buckets));
	c->data = malloc((size_t)npages * page_size);
	if (!c->slots || !c->buckets || !c->data) {
		dxi_pagecache_free(c);
		return NULL;
	}
	for (uint32_t b = 0; b < nb; b++)
		c->buckets[b] = NIL;
	return c;
}

void dxi_pagecache_free(struct dxi_pagecache *c)
{
	if (!c)
		return;
	free(c->slots);
	free(c->buckets);
	free(c->data);
	free(c);
}

const void *dxi_pagecache_get(struct dxi_pagecache *c, uint64_t pfn)
{
	uint32_t i = find(c, pfn);

	if (i == NIL)
		return NULL;
	list_unlink(c, i);
	list_push_front(c, i);
	return c->data + (size_t)i * c->page_size;
}

void *dxi_pagecache_insert(struct dxi_pagecache *c, uint64_t pfn)
{
	uint32_t i;

	if (c->used < c->n) {
		i = c->used++;
	} else {
		i = c->tail;	/* least recently used, or a dropped one */
		list_unlink(c, i);
		hash_unlink(c, i);
	}
	c->slots[i].pfn = pfn;
	c->slots[i].hnext = c->buckets[bucket(c, pfn)];
	c->buckets[bucket(c, pfn)] = i;
	list_push_front(c, i);
	return c->data + (size_t)i * c->page_size;
}

void dxi_pagecache_drop(struct dxi_pagecache *c, uint64_t pfn)
{
	uint32_t i = find(c, pfn);

	if (i == NIL)
		return;
	hash_unlink(c, i);
	c->slots[i].pfn = UINT64_MAX;
	/* Reused first. */
	list_unlink(c, i);
	list_push_back(c, i);
}
