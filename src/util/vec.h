/* SPDX-License-Identifier: MIT */
/*
 * A growable array of any element type.
 *
 *	DXI_VEC(u64vec, uint64_t);
 *	struct u64vec v = {0};
 *	if (!u64vec_push(&v, 42)) return &dxi_error_nomem;
 *	free(v.data);
 */
#ifndef DXI_UTIL_VEC_H
#define DXI_UTIL_VEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#define DXI_VEC(name, type)                                                    \
	struct name {                                                          \
		type *data;                                                    \
		size_t len, cap;                                               \
	};                                                                     \
	static inline __attribute__((unused)) bool name##_reserve(            \
		struct name *v, size_t n)                                      \
	{                                                                      \
		if (n <= v->cap)                                               \
			return true;                                           \
		size_t cap = v->cap ? v->cap : 8;                              \
		while (cap < n)                                                \
			cap *= 2;                                              \
		type *d = realloc(v->data, cap * sizeof(type));                \
		if (!d)                                                        \
			return false;                                          \
		v->data = d;                                                   \
		v->cap = cap;                                                  \
		return true;                                                   \
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
