/* SPDX-License-Identifier: MIT */
/*
 * Kernel types and symbols, behind one lookup interface.
 *
 * Sources: a vmlinux with DWARF (dwarf.c, elfutils libdw), a type profile
 * (profile.c, a small text file extracted once), or the dump's own BTF and
 * kallsyms (btf.c). The rest of the tool asks the same five questions of
 * each and cannot tell them apart:
 *
 *	size of a type          "struct page"
 *	offset/size of a member "struct page", "compound_head" (or "a.b")
 *	length of an array      "struct xa_node", "slots"
 *	value of an enumerator  "enum memory_type", "MEMORY_DEVICE_FS_DAX"
 *	address of a symbol     "super_blocks" (unrelocated: add KERNELOFFSET)
 *
 * A thing that does not exist in this kernel answers DXI_ERR_NOTFOUND, so
 * callers probe layouts by member presence (docs/design.md#layouts).
 */
#ifndef DXI_DBG_TYPES_H
#define DXI_DBG_TYPES_H

#include <stdint.h>

#include "../util/error.h"

struct dxi_member {
	uint64_t offset;
	uint64_t size;
};

struct dxi_types_ops {
	struct dxi_error *(*type_size)(void *priv, const char *type,
				       uint64_t *size);
	struct dxi_error *(*member)(void *priv, const char *type,
				    const char *path, struct dxi_member *out);
	struct dxi_error *(*array_len)(void *priv, const char *type,
				       const char *path, uint64_t *len);
	/* enum_type names the enum ("enum pageflags"): a missing
	 * enumerator is then known missing once that enum is found. */
	struct dxi_error *(*enumerator)(void *priv, const char *enum_type,
					const char *name, int64_t *value);
	struct dxi_error *(*symbol)(void *priv, const char *name,
				    uint64_t *addr);
	void (*close)(void *priv);
};

enum dxi_types_kind {
	DXI_TYPES_DWARF,
	DXI_TYPES_PROFILE,
	DXI_TYPES_BTF,		/* the dump's own BTF + kallsyms (btf.c) */
};

struct dxi_types {
	const struct dxi_types_ops *ops;
	void *priv;
	enum dxi_types_kind kind;
	char *path;		/* the vmlinux or profile file */
	char build_id[128];	/* hex; "" when the source has none */
	char release[128];	/* profile only: the release it was made for */
};

struct dxi_error *dxi_types_size(struct dxi_types *t, const char *type,
				 uint64_t *size);
struct dxi_error *dxi_types_member(struct dxi_types *t, const char *type,
				   const char *path, struct dxi_member *out);
struct dxi_error *dxi_types_array_len(struct dxi_types *t, const char *type,
				      const char *path, uint64_t *len);
struct dxi_error *dxi_types_enum(struct dxi_types *t, const char *enum_type,
				 const char *name, int64_t *value);
struct dxi_error *dxi_types_symbol(struct dxi_types *t, const char *name,
				   uint64_t *addr);
void dxi_types_close(struct dxi_types *t);
const char *dxi_types_kind_name(enum dxi_types_kind kind);

/* Opens a vmlinux with DWARF; fails with DXI_ERR_DEBUGINFO if it has none. */
struct dxi_error *dxi_dwarf_open(const char *path, struct dxi_types **out);
/* Opens a type profile written by dxi_profile_write(). */
struct dxi_error *dxi_profile_open(const char *path, struct dxi_types **out);

#endif
