/* SPDX-License-Identifier: MIT */
/* ELF notes in a buffer: the one note walker of the tool. */
#ifndef DXI_DUMP_ELFNOTE_H
#define DXI_DUMP_ELFNOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The descriptor of the first note named name (e.g. "VMCOREINFO") in
 * notes[0, len), and its length; NULL when there is none. A note that runs
 * past len ends the walk (a cut or damaged segment is not read beyond).
 */
const void *dxi_elf_note_find(const void *notes, size_t len, const char *name,
			      size_t *desc_len);
/* The same for the first note named name of type type (NT_GNU_BUILD_ID). */
const void *dxi_elf_note_find_type(const void *notes, size_t len,
				   const char *name, uint32_t type,
				   size_t *desc_len);

/* One note of a walk (dxi_elf_note_next). name is not NUL-terminated:
 * namesz counts its bytes with the NUL, as the header does. */
struct dxi_elf_note {
	const char *name;
	size_t namesz;
	uint32_t type;
	const void *desc;
	size_t desc_len;
};

/* The note at *off in notes[0, len) (start with *off = 0), and *off moved
 * past it; false at the end, or at a note that runs past len. */
bool dxi_elf_note_next(const void *notes, size_t len, size_t *off,
		       struct dxi_elf_note *n);

#endif
