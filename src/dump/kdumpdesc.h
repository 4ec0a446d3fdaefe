/* SPDX-License-Identifier: MIT */
#ifndef DXI_DUMP_KDUMPDESC_H
#define DXI_DUMP_KDUMPDESC_H

#include <stdbool.h>

#include "target.h"

/* Fills d's format, compression, origin and dump level from the file. */
void dxi_kdump_describe(int fd, bool is_elf, struct dxi_target_desc *d);

/*
 * VMCOREINFO straight from the file, for a context without an OS type:
 * the ELF note named VMCOREINFO, or the kdump sub-header's copy (both
 * checked against the file size by dumpcheck.c). *raw is malloc'ed.
 */
struct dxi_error *dxi_kdump_file_vmcoreinfo(int fd, bool is_elf,
					     const char *path, char **raw);

#endif
