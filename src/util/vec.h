/* SPDX-License-Identifier: MIT */
/*
 * Growable arrays, one growth rule (capacity doubles from a first size).
 *
 * A vector type of any element type (drgn's DEFINE_VECTOR):
 *
 *	DXI_VEC(u64vec, uint64_t);
 *	struct u64vec v = {0};
 *	if (!u64vec_push(&v, 42)) return &dxi_error_nomem;
 *	free(v.data);
 *
 * An array kept as a pointer and a capacity in some other struct (git's
 * ALLOC_GROW), such as the audit's findings:
 *
 *	if (!DXI_GROW(a->findings, a->findings_cap, a->nfindings + 1, 64))
 *		return NULL;	(out of memory: the array is unchanged)
 */
#ifndef DXI_UTIL_VEC_H
#define DXI_UTIL_VEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* The capacity that holds need elements of elem bytes, doubling from cap
 * (or first when cap is 0); 0 when it would overflow. */
static inline size_t dxi_grow_cap(size_t cap, size_t need, size_t first,
				  size_t elem)
{
	size_t c = cap ? cap : first;

	while (c < need) {
		if (c > SIZE_MAX / 2)
			return 0;
		c *= 2;
	}
	return c > SIZE_MAX / elem ? 0 : c;
}

/* Makes room for need elements in ptr (capacity cap, growing from first);
 * false when out of memory, with ptr and cap unchanged. */
#define DXI_GROW(ptr, cap, need, first)                                        \
	({                                                                     \
		bool ok_ = true;                                               \
		if ((need) > (cap)) {                                          \
			size_t c_ = dxi_grow_cap((cap), (need), (first),      \
						 sizeof(*(ptr)));              \
			__typeof__(ptr) p_ =                                   \
				c_ ? realloc((ptr), c_ * sizeof(*(ptr))) : NULL;\
			if (p_) {                                              \
				(ptr) = p_;                                    \
				(cap) = c_;                                    \
			} else {                                               \
				ok_ = false;                                   \
			}                                                      \
		}                                                              \
		ok_;                                                           \
	})

#define DXI_VEC(name, type)                                                    \
	struct name {                                                          \
		type *data;                                                    \
		size_t len, cap;                                               \
	};                                                                     \
	static inline __attribute__((unused)) bool name##_reserve(            \
		struct name *v, size_t n)                                      \
	{                                                                      \
		return DXI_GROW(v->data, v->cap, n, 8);                        \
	}                                                                      \
	static inline __attribute__((unused)) type *name##_append(            \
		struct name *v)                                                \
	{                                                                      \
		if (!name##_reserve(v, v->len + 1))                            \
			return NULL;                                           \
		return &v->data[v->len++];                                     \
	}                                                                      \
	static inline __attribute__((unused)) bool name##_push(               \
		struct name *v, type x)                                        \
	{                                                                      \
		type *p = name##_append(v);                                    \
		if (!p)                                                        \
			return false;                                          \
		*p = x;                                                        \
		return true;                                                   \
	}

#endif
