/* SPDX-License-Identifier: MIT */
/*
 * The NT_PRSTATUS notes of a dump file: one per CPU that saved its state,
 * in file order, and the pr_pid of each (the task that CPU ran). kexec's
 * crash_save_cpu() writes them with current->pid; QEMU's dump-guest-memory
 * writes them with its own CPU number + 1 and adds "QEMU" notes, so its
 * pr_pid is no Linux pid. See docs/kernel-facts.md#crash-context.
 */
#ifndef DXI_DUMP_PRSTATUS_H
#define DXI_DUMP_PRSTATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DXI_PRSTATUS_MAX 256	/* notes kept; more are counted only */

struct dxi_prstatus {
	bool found;		/* the file's notes could be read */
	bool by_qemu;		/* QEMU wrote them ("QEMU" notes beside) */
	unsigned n;		/* NT_PRSTATUS notes named CORE */
	int32_t pid[DXI_PRSTATUS_MAX];	/* pr_pid of the first ones */
};

/* From a buffer of notes (unit-testable); adds to *out, which the caller
 * zeroes first (dxi_prstatus_read() parses each PT_NOTE into one). */
void dxi_prstatus_parse(const void *notes, size_t len, struct dxi_prstatus *out);
/* From a dump file: the ELF PT_NOTEs or the kdump sub-header's notes
 * (header version 4+). Never fails: out->found says whether it worked. */
void dxi_prstatus_read(int fd, bool is_elf, struct dxi_prstatus *out);

#endif
