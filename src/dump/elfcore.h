/* SPDX-License-Identifier: MIT */
/*
 * Writing an ELF vmcore: the VMCOREINFO note and one PT_LOAD per run of
 * physical pages, each at vaddr_base + p_paddr (pass the direct map's
 * base, as kexec's /proc/vmcore does: makedumpfile then accepts the file;
 * 0 gives QEMU's p_vaddr = p_paddr). Used by `daxinspect trim` to cut a dump down to the
 * pages an analysis reads, and by the test dump builder.
 */
#ifndef DXI_DUMP_ELFCORE_H
#define DXI_DUMP_ELFCORE_H

#include <stddef.h>
#include <stdint.h>

#include "target.h"

/* Writes the pages pfns (sorted, each readable in t) to path. */
struct dxi_error *dxi_elfcore_write(struct dxi_target *t, const uint64_t *pfns,
				    size_t n, uint64_t vaddr_base,
				    const char *path);

#endif
