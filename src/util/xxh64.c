// SPDX-License-Identifier: MIT
#include "xxh64.h"

#include <string.h>

#define P1 11400714785074694791ULL
#define P2 14029467366897019727ULL
#define P3 1609587929392839161ULL
#define P4 9650029242287828579ULL
#define P5 2870177450012600261ULL

static uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* Little-endian reads: the spec defines the hash on LE words. */
static uint64_t rd64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t round1(uint64_t acc, uint64_t in)
{
	return rotl(acc + in * P2, 31) * P1;
}

static uint64_t merge(uint64_t acc, uint64_t v)
{
	return (acc ^ round1(0, v)) * P1 + P4;
}

void dxi_xxh64_init(struct dxi_xxh64 *h, uint64_t seed)
{
	memset(h, 0, sizeof(*h));
	h->seed = seed;
	h->v[0] = seed + P1 + P2;
	h->v[1] = seed + P2;
	h->v[2] = seed;
	h->v[3] = seed - P1;
}

static void stripe(struct dxi_xxh64 *h, const unsigned char *p)
{
	for (int i = 0; i < 4; i++)
		h->v[i] = round1(h->v[i], rd64(p + 8 * i));
}

void dxi_xxh64_update(struct dxi_xxh64 *h, const void *data, size_t len)
{
	const unsigned char *p = data;

	h->total += len;
	if (h->memsize + len < 32) {
		memcpy(h->mem + h->memsize, p, len);
		h->memsize += len;
		return;
	}
	if (h->memsize) {
		size_t fill = 32 - h->memsize;

		memcpy(h->mem + h->memsize, p, fill);
		stripe(h, h->mem);
		p += fill;
		len -= fill;
		h->memsize = 0;
	}
	for (; len >= 32; p += 32, len -= 32)
		stripe(h, p);
	memcpy(h->mem, p, len);
	h->memsize = len;
}

uint64_t dxi_xxh64_digest(const struct dxi_xxh64 *h)
{
	const unsigned char *p = h->mem, *end = h->mem + h->memsize;
	uint64_t r;

	if (h->total >= 32) {
		r = rotl(h->v[0], 1) + rotl(h->v[1], 7) + rotl(h->v[2], 12) +
		    rotl(h->v[3], 18);
		for (int i = 0; i < 4; i++)
			r = merge(r, h->v[i]);
	} else {
		r = h->seed + P5;
	}
	r += h->total;
	for (; p + 8 <= end; p += 8)
		r = rotl(r ^ round1(0, rd64(p)), 27) * P1 + P4;
	if (p + 4 <= end) {
		r = rotl(r ^ (uint64_t)rd32(p) * P1, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		r = rotl(r ^ (uint64_t)*p * P5, 11) * P1;
	r ^= r >> 33;
	r *= P2;
	r ^= r >> 29;
	r *= P3;
	r ^= r >> 32;
	return r;
}
