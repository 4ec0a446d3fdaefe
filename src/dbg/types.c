// SPDX-License-Identifier: MIT
#include "types.h"

#include <stdlib.h>

struct dxi_error *dxi_types_size(struct dxi_types *t, const char *type,
				 uint64_t *size)
{
	return t->ops->type_size(t->priv, type, size);
}

struct dxi_error *dxi_types_member(struct dxi_types *t, const char *type,
				   const char *path, struct dxi_member *out)
{
	return t->ops->member(t->priv, type, path, out);
}

struct dxi_error *dxi_types_array_len(struct dxi_types *t, const char *type,
				      const char *path, uint64_t *len)
{
	return t->ops->array_len(t->priv, type, path, len);
}

struct dxi_error *dxi_types_enum(struct dxi_types *t, const char *enum_type,
				 const char *name, int64_t *value)
{
	return t->ops->enumerator(t->priv, enum_type, name, value);
}

struct dxi_error *dxi_types_symbol(struct dxi_types *t, const char *name,
				   uint64_t *addr)
{
	return t->ops->symbol(t->priv, name, addr);
}

void dxi_types_close(struct dxi_types *t)
{
	if (!t)
		return;
	if (t->ops && t->ops->close)
		t->ops->close(t->priv);
	free(t->path);
	free(t);
}

const char *dxi_types_kind_name(enum dxi_types_kind kind)
{
	switch (kind) {
	case DXI_TYPES_DWARF: return "dwarf";
	case DXI_TYPES_PROFILE: return "profile";
	case DXI_TYPES_BTF: return "btf";
	}
	return "unknown";
}
