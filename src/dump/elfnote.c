// SPDX-License-Identifier: MIT
#include "elfnote.h"

#include <elf.h>
#include <string.h>

/* Any type: a note type is 32 bits, so this is none of them. */
#define ANY_TYPE ((uint64_t)1 << 32)

static const void *find(const void *notes, size_t len, const char *name,
			uint64_t type, size_t *desc_len)
{
	const unsigned char *p = notes;
	size_t off = 0, namesz = strlen(name) + 1;

	while (len - off >= sizeof(Elf64_Nhdr)) {
		Elf64_Nhdr nh;
		size_t name_off, desc_off, next;

		memcpy(&nh, p + off, sizeof(nh));
		name_off = off + sizeof(nh);
		/* 64-bit sizes: no sum below can wrap */
		desc_off = name_off + (((size_t)nh.n_namesz + 3) & ~(size_t)3);
		next = desc_off + (((size_t)nh.n_descsz + 3) & ~(size_t)3);
		if (desc_off > len || nh.n_descsz > len - desc_off)
			break;
		if (nh.n_namesz == namesz && !memcmp(p + name_off, name, namesz - 1) &&
		    (type == ANY_TYPE || nh.n_type == type)) {
			*desc_len = nh.n_descsz;
			return p + desc_off;
		}
		if (next >= len)
			break;
		off = next;
	}
	return NULL;
}

bool dxi_elf_note_next(const void *notes, size_t len, size_t *off,
		       struct dxi_elf_note *n)
{
	const unsigned char *p = notes;
	size_t name_off, desc_off, next;
	Elf64_Nhdr nh;

	if (*off > len || len - *off < sizeof(Elf64_Nhdr))
		return false;
	memcpy(&nh, p + *off, sizeof(nh));
	name_off = *off + sizeof(nh);
	/* 64-bit sizes: no sum below can wrap */
	desc_off = name_off + (((size_t)nh.n_namesz + 3) & ~(size_t)3);
	next = desc_off + (((size_t)nh.n_descsz + 3) & ~(size_t)3);
	if (desc_off > len || nh.n_descsz > len - desc_off)
		return false;
	n->name = (const char *)p + name_off;
	n->namesz = nh.n_namesz;
	n->type = nh.n_type;
	n->desc = p + desc_off;
	n->desc_len = nh.n_descsz;
	*off = next;
	return true;
}

const void *dxi_elf_note_find(const void *notes, size_t len, const char *name,
			      size_t *desc_len)
{
	return find(notes, len, name, ANY_TYPE, desc_len);
}

const void *dxi_elf_note_find_type(const void *notes, size_t len,
				   const char *name, uint32_t type,
				   size_t *desc_len)
{
	return find(notes, len, name, type, desc_len);
}
