/* SPDX-License-Identifier: MIT */
/*
 * Finding the type information for a dump (docs/design.md#type-information):
 *   --vmlinux FILE, else --profile FILE, else a vmlinux found by the
 *   dump's build-id (/usr/lib/debug/.build-id/xx/rest.debug) or release
 *   (/usr/lib/debug/boot/vmlinux-R, /usr/lib/debug/lib/modules/R/vmlinux,
 *   /boot/vmlinux-R), else a *.profile beside the dump with the same
 *   build-id, else the dump's own BTF and kallsyms (btf.c), else, with
 *   $DEBUGINFOD_URLS, the vmlinux of the dump's build-id from debuginfod
 *   (debuginfod.c; --types dwarf asks it right after the local vmlinux
 *   paths). Whatever is found must carry the dump's build-id.
 * $DAXINSPECT_SYSROOT prefixes the search paths (tests use it to hide
 * the installed debuginfo).
 */
#ifndef DXI_DBG_FIND_H
#define DXI_DBG_FIND_H

#include "../dump/target.h"
#include "profile.h"
#include "types.h"

enum dxi_types_pref {
	DXI_TYPES_AUTO,
	DXI_TYPES_ONLY_DWARF,
	DXI_TYPES_ONLY_PROFILE,
	DXI_TYPES_ONLY_BTF,
};

struct dxi_debuginfo_request {
	const char *vmlinux;	/* --vmlinux, or NULL */
	const char *profile;	/* --profile, or NULL */
	const char *dump_path;	/* to look for profiles beside it */
	struct dxi_target *target; /* for BTF and kallsyms from the dump */
	/* What will be asked (dxi_layout_queries): BTF indexes only that. */
	const struct dxi_query *queries;
	size_t nqueries;
	const char *release;	/* VMCOREINFO OSRELEASE */
	const char *build_id;	/* VMCOREINFO BUILD-ID, "" if none */
	enum dxi_types_pref pref;
};

struct dxi_error *dxi_debuginfo_find(const struct dxi_debuginfo_request *req,
				     struct dxi_types **out);
/*
 * A loaded module's debuginfo (docs/design.md#type-information): by
 * build-id under /usr/lib/debug/.build-id, else NAME.ko, NAME.ko.xz or
 * NAME.ko.debug under /usr/lib/debug/lib/modules/RELEASE, else, with
 * $DEBUGINFOD_URLS and a build-id, from debuginfod. A file that can be
 * read as ELF must carry the module's build-id. *path (malloc'd) is NULL
 * when nothing is found; *source is "local" or "debuginfod". Only a
 * failed debuginfod request is an error (it names the server and id).
 */
struct dxi_error *dxi_module_debuginfo_find(const char *release,
					    const char *name,
					    const char *build_id, char **path,
					    const char **source);
/* The Debian package that ships the vmlinux for a release. */
void dxi_debuginfo_package(const char *release, char *out, size_t size);

#endif
