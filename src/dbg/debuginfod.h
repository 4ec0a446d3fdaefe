/* SPDX-License-Identifier: MIT */
/*
 * A vmlinux or module fetched by build-id from the servers in $DEBUGINFOD_URLS
 * (elfutils libdebuginfod, its own cache in $DEBUGINFOD_CACHE_PATH or
 * ~/.cache/debuginfod_client); docs/design.md#type-information.
 * The caller checks the build-id of what arrives (find.c: verify()).
 */
#ifndef DXI_DBG_DEBUGINFOD_H
#define DXI_DBG_DEBUGINFOD_H

#include <stdbool.h>

#include "../util/error.h"

/* $DEBUGINFOD_URLS is set and not empty. */
bool dxi_debuginfod_enabled(void);
/* *path (malloc'd) is the cached file with debug info of build_id: the
 * vmlinux of kernel release, or, when module is not NULL, that module's. */
struct dxi_error *dxi_debuginfod_fetch(const char *build_id,
				       const char *release, const char *module,
				       char **path);

#endif
