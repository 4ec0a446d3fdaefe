// SPDX-License-Identifier: MIT
/* What a dump file says about itself, read without libkdumpfile: its
 * format, compression, origin and dump level (for `info`), and its
 * VMCOREINFO. */
#include "kdumpdesc.h"

#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dumpcheck.h"
#include "elfnote.h"

/*
 * The kdump-compressed header (makedumpfile diskdump_mod.h, x86-64
 * layout): status at 424 holds the compression flags, the sub-header at
 * block_size holds dump_level at offset 8.
 */
#define KDH_STATUS_OFF DXI_KDH_STATUS_OFF
#define KDH_BLOCK_SIZE_OFF DXI_KDH_BLOCK_SIZE_OFF
#define KDH_UTS_SYSNAME_OFF 12
#define DUMP_DH_COMPRESSED_ZLIB 0x1
#define DUMP_DH_COMPRESSED_LZO 0x2
#define DUMP_DH_COMPRESSED_SNAPPY 0x4
#define DUMP_DH_COMPRESSED_INCOMPLETE 0x8
#define DUMP_DH_COMPRESSED_ZSTD 0x20

static void describe_kdump(int fd, struct dxi_target_desc *d)
{
	unsigned char hdr[464];
	uint32_t status;
	int32_t block_size, level;

	snprintf(d->format, sizeof(d->format), "kdump-compressed");
	if (pread(fd, hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr))
		return;
	memcpy(&status, hdr + KDH_STATUS_OFF, 4);
	memcpy(&block_size, hdr + KDH_BLOCK_SIZE_OFF, 4);
	d->compression[0] = '\0';
	if (status & DUMP_DH_COMPRESSED_ZLIB)
		strcat(d->compression, "zlib ");
	if (status & DUMP_DH_COMPRESSED_LZO)
		strcat(d->compression, "lzo ");
	if (status & DUMP_DH_COMPRESSED_SNAPPY)
		strcat(d->compression, "snappy ");
	if (status & DUMP_DH_COMPRESSED_ZSTD)
		strcat(d->compression, "zstd ");
	if (!d->compression[0])
		strcpy(d->compression, "none ");
	d->compression[strlen(d->compression) - 1] = '\0';
	if (status & DUMP_DH_COMPRESSED_INCOMPLETE)
		strcat(d->compression, " (incomplete dump)");
	/* QEMU leaves utsname empty; makedumpfile fills it in. */
	snprintf(d->origin, sizeof(d->origin), "%s",
		 hdr[KDH_UTS_SYSNAME_OFF] ? "makedumpfile" :
					    "QEMU dump-guest-memory");
	if (block_size > 0 &&
	    pread(fd, &level, 4, (off_t)block_size + 8) == 4 && level >= 0)
		d->dump_level = level;
}

/* QEMU writes notes named "QEMU" with its CPU state; kexec does not. */
static void describe_elf(int fd, struct dxi_target_desc *d)
{
	size_t nphdr = 0;
	Elf *elf;

	snprintf(d->format, sizeof(d->format), "ELF");
	snprintf(d->compression, sizeof(d->compression), "none");
	snprintf(d->origin, sizeof(d->origin), "kexec /proc/vmcore or makedumpfile -E");
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf)
		return;
	if (elf_getphdrnum(elf, &nphdr) == 0) {
		for (size_t i = 0; i < nphdr; i++) {
			GElf_Phdr ph;
			Elf_Data *data;
			GElf_Nhdr nh;
			size_t off = 0, noff, doff;

			if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_NOTE)
				continue;
			data = elf_getdata_rawchunk(elf, (off_t)ph.p_offset,
						    ph.p_filesz, ELF_T_NHDR);
			while (data && (off = gelf_getnote(data, off, &nh,
							    &noff, &doff)) > 0) {
				const char *name = (char *)data->d_buf + noff;

				if (nh.n_namesz == 5 && !memcmp(name, "QEMU", 4)) {
					snprintf(d->origin, sizeof(d->origin),
						 "QEMU dump-guest-memory");
					goto out;
				}
				if (nh.n_namesz == 11 &&
				    !memcmp(name, "DAXINSPECT", 10)) {
					snprintf(d->origin, sizeof(d->origin),
						 "daxinspect trim (a cut-down dump)");
					goto out;
				}
			}
		}
	}
out:
	elf_end(elf);
}

void dxi_kdump_describe(int fd, bool is_elf, struct dxi_target_desc *d)
{
	if (is_elf)
		describe_elf(fd, d);
	else
		describe_kdump(fd, d);
}

#define MAX_NOTES (16u << 20)

struct dxi_error *dxi_kdump_file_vmcoreinfo(int fd, bool is_elf,
					     const char *path, char **raw)
{
	unsigned char eh[64], ph[56], sub[64];
	uint64_t off = 0, len = 0;
	unsigned char *buf;

	*raw = NULL;
	if (!is_elf) {
		int32_t bs;

		if (pread(fd, &bs, 4, DXI_KDH_BLOCK_SIZE_OFF) == 4 &&
		    pread(fd, sub, sizeof(sub), bs) == (ssize_t)sizeof(sub)) {
			memcpy(&off, sub + DXI_KSH_VMCOREINFO_OFF, 8);
			memcpy(&len, sub + DXI_KSH_VMCOREINFO_OFF + 8, 8);
		}
		if (!len || len > MAX_NOTES || !(*raw = calloc(1, len + 1)))
			goto none;
		if (pread(fd, *raw, len, (off_t)off) != (ssize_t)len)
			goto none;
		return NULL;
	}
	if (pread(fd, eh, sizeof(eh), 0) != (ssize_t)sizeof(eh))
		goto none;
	for (uint16_t i = 0, n = (uint16_t)(eh[56] | eh[57] << 8); i < n; i++) {
		uint64_t phoff;
		uint32_t type;
		size_t dlen;
		const void *d;

		memcpy(&phoff, eh + 32, 8);
		if (pread(fd, ph, sizeof(ph), (off_t)(phoff + 56u * i)) != (ssize_t)sizeof(ph))
			break;
		memcpy(&type, ph, 4);
		memcpy(&off, ph + 8, 8);
		memcpy(&len, ph + 32, 8);
		if (type != PT_NOTE || !len || len > MAX_NOTES || !(buf = malloc(len)))
			continue;
		d = pread(fd, buf, len, (off_t)off) == (ssize_t)len ?
			    dxi_elf_note_find(buf, len, "VMCOREINFO", &dlen) : NULL;
		if (d && (*raw = calloc(1, dlen + 1)))
			memcpy(*raw, d, dlen);
		free(buf);
		if (*raw)
			return NULL;
	}
none:
	free(*raw);
	*raw = NULL;
	return dxi_error_new(DXI_ERR_CORRUPT,
			     "dump %s has no readable VMCOREINFO; re-copy it", path);
}
