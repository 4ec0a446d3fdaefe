/* SPDX-License-Identifier: MIT */
/* Symbols from a System.map ("ffffffff81000000 T _text") over BTF types. */
#ifndef DXI_DBG_SYSMAP_H
#define DXI_DBG_SYSMAP_H

#include "profile.h"
#include "types.h"

/*
 * Wraps btf (owned by the result, also on failure) so that symbols come
 * from the System.map at path; only the symbols queries name are kept (a
 * System.map has ~150k).
 */
struct dxi_error *dxi_sysmap_wrap(struct dxi_types *btf, const char *path,
				  const struct dxi_query *q, size_t n,
				  struct dxi_types **out);

#endif
