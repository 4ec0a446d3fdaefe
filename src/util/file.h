/* SPDX-License-Identifier: MIT */
/* Reading a whole file into memory: the one file slurper of the tool. */
#ifndef DXI_UTIL_FILE_H
#define DXI_UTIL_FILE_H

#include <stddef.h>

#include "error.h"

/*
 * Reads path into a malloc'ed buffer, NUL-terminated (not counted in
 * *len). what names the file in an open error ("cannot open bundle");
 * a file over max bytes is a DXI_ERR_FORMAT error. path "-" reads
 * standard input.
 */
struct dxi_error *dxi_file_read(const char *path, const char *what,
				size_t max, char **buf, size_t *len);

#endif
