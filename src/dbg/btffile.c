// SPDX-License-Identifier: MIT
/*
 * BTF from a file (profile extract --btf): a raw .BTF blob, or an ELF64
 * vmlinux's .BTF section with its build-id note and banner release.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../dump/elfnote.h"
#include "../util/file.h"
#include "btf.h"
#include "sysmap.h"

/* A vmlinux is well under this; a bigger file is not one. */
#define BTF_FILE_MAX ((size_t)1 << 30)

/* What an ELF vmlinux gives besides types: the build-id and release. */
struct btf_source {
	const char *blob;
	size_t size;
	char build_id[128];
	char release[128];
};

static bool in_file(size_t len, uint64_t off, uint64_t size)
{
	return off <= len && size <= len - off;
}

/* NT_GNU_BUILD_ID in a run of notes, as hex. */
static void note_build_id(const char *p, size_t len, char *out, size_t size)
{
	size_t n;
	const unsigned char *d = dxi_elf_note_find_type(p, len, "GNU",
							NT_GNU_BUILD_ID, &n);

	if (!d || 2 * n >= size)
		return;
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* The release from linux_banner ("Linux version 7.0.13+deb13-cloud-amd64
 * (debian-kernel@..."), the first such string followed by a digit. */
static void banner_release(const char *p, size_t len, char *out, size_t size)
{
	static const char tag[] = "Linux version ";
	const char *s = p, *end = p + len;

	while ((s = memmem(s, (size_t)(end - s), tag, sizeof(tag) - 1))) {
		const char *r = s + sizeof(tag) - 1;
		size_t n = 0;

		s = r;
		if (r >= end || *r < '0' || *r > '9')
			continue;
		while (r + n < end && n + 1 < size && r[n] > ' ' && r[n] < 0x7f)
			n++;
		memcpy(out, r, n);
		out[n] = '\0';
		return;
	}
}

/* A raw BTF blob is used as is; an ELF64 vmlinux gives its .BTF section,
 * its GNU build-id note and the release in its banner. */
static struct dxi_error *btf_source_parse(const char *path, const char *b,
					  size_t len, struct btf_source *s)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh, strtab;

	memset(s, 0, sizeof(*s));
	if (len >= 2 && (uint8_t)b[0] == 0x9f && (uint8_t)b[1] == 0xeb) {
		s->blob = b;
		s->size = len;
		return NULL;
	}
	if (len < sizeof(eh) || memcmp(b, ELFMAG, SELFMAG) ||
	    b[EI_CLASS] != ELFCLASS64 || b[EI_DATA] != ELFDATA2LSB)
		return dxi_error_new(DXI_ERR_FORMAT,
				     "%s is neither a BTF blob (magic 0xeb9f) nor a little-endian ELF64 vmlinux",
				     path);
	memcpy(&eh, b, sizeof(eh));
	if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shstrndx >= eh.e_shnum ||
	    !in_file(len, eh.e_shoff, (uint64_t)eh.e_shnum * sizeof(sh)))
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "%s: ELF section headers are outside the file",
				     path);
	memcpy(&strtab, b + eh.e_shoff + eh.e_shstrndx * sizeof(sh),
	       sizeof(strtab));
	if (!in_file(len, strtab.sh_offset, strtab.sh_size))
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "%s: the section name table is outside the file",
				     path);
	for (uint16_t i = 0; i < eh.e_shnum; i++) {
		const char *name;

		memcpy(&sh, b + eh.e_shoff + i * sizeof(sh), sizeof(sh));
		if (sh.sh_name >= strtab.sh_size || sh.sh_type == SHT_NOBITS ||
		    !in_file(len, sh.sh_offset, sh.sh_size))
			continue;
		name = b + strtab.sh_offset + sh.sh_name;
		if (!memchr(name, '\0', strtab.sh_size - sh.sh_name))
			continue;
		if (!strcmp(name, ".BTF")) {
			s->blob = b + sh.sh_offset;
			s->size = sh.sh_size;
		} else if (sh.sh_type == SHT_NOTE && !s->build_id[0]) {
			note_build_id(b + sh.sh_offset, sh.sh_size,
				      s->build_id, sizeof(s->build_id));
		}
	}
	if (!s->blob)
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "%s has no .BTF section (kernel built without CONFIG_DEBUG_INFO_BTF?)",
				     path);
	banner_release(b, len, s->release, sizeof(s->release));
	return NULL;
}

struct dxi_error *dxi_btf_open_file(const char *path, const char *sysmap,
				    const struct dxi_query *q, size_t n,
				    struct dxi_types **out, char *release,
				    size_t release_size)
{
	struct btf_source src;
	struct dxi_error *err;
	size_t len = 0;
	char *buf = NULL;

	err = dxi_file_read(path, "cannot open", BTF_FILE_MAX, &buf, &len);
	if (err)
		return err;
	err = btf_source_parse(path, buf, len, &src);
	if (!err)
		err = dxi_btf_from_blob(src.blob, src.size, path, NULL, 0, q, n,
					out);
	free(buf);
	if (err)
		return err;
	snprintf((*out)->build_id, sizeof((*out)->build_id), "%s",
		 src.build_id);
	snprintf(release, release_size, "%s", src.release);
	if (sysmap)
		err = dxi_sysmap_wrap(*out, sysmap, q, n, out);
	return err;
}
