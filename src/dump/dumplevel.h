/* SPDX-License-Identifier: MIT */
/*
 * What a makedumpfile dump level leaves out, and which makedumpfile
 * releases know a kernel: the tables behind "the dump was filtered too
 * much" (docs/kernel-facts.md#makedumpfile-filtering). Data only.
 */
#ifndef DXI_DUMP_DUMPLEVEL_H
#define DXI_DUMP_DUMPLEVEL_H

#include <stdbool.h>
#include <stddef.h>

/* "zero, cache, private-cache, user-data and free pages" for level 31;
 * "nothing" for 0. */
void dxi_dump_level_excludes(int level, char *buf, size_t len);

/* True when level excludes user data (-d 8): the bit under which a
 * makedumpfile that misreads a kernel's slab pages drops them. */
bool dxi_dump_level_drops_user(int level);

/*
 * Which makedumpfile knows a kernel of release (a dump does not record
 * the version that wrote it): the release that handles its slab pages
 * and the first that lists it as supported, e.g. "makedumpfile 1.7.6 or
 * later (commit bad2a7c keeps 6.10+ slab pages at -d 8); no release up
 * to 1.7.9 supports 7.3". slab_type_vmcoreinfo: the
 * VMCOREINFO has NUMBER(PAGE_SLAB_MAPCOUNT_VALUE) (6.10+).
 */
void dxi_makedumpfile_knows(const char *release, bool slab_type_vmcoreinfo,
			    char *buf, size_t len);

#endif
