// SPDX-License-Identifier: MIT
#include "elfcore.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* One note: header, name and descriptor, each padded to 4 bytes. */
static void write_note(FILE *f, const char *name, const void *desc,
		       size_t descsz, uint32_t type)
{
	static const char zeros[4];
	size_t namesz = strlen(name) + 1;
	Elf64_Nhdr nh = { .n_namesz = (Elf64_Word)namesz,
			  .n_descsz = (Elf64_Word)descsz, .n_type = type };

	fwrite(&nh, sizeof(nh), 1, f);
	fwrite(name, namesz, 1, f);
	fwrite(zeros, align4(namesz) - namesz, 1, f);
	fwrite(desc, descsz, 1, f);
	fwrite(zeros, align4(descsz) - descsz, 1, f);
}

static void write_ehdr(FILE *f, size_t nphdr, uint16_t machine)
{
	Elf64_Ehdr eh = { 0 };

	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_CORE;
	eh.e_machine = machine;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = (Elf64_Half)nphdr;
	fwrite(&eh, sizeof(eh), 1, f);
}

/* One PT_LOAD per run of consecutive pfns, its data from off on. */
static void write_loads(FILE *f, const uint64_t *pfns, size_t n, uint64_t ps,
			uint64_t vaddr_base, uint64_t off)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		Elf64_Phdr ph = { .p_type = PT_LOAD, .p_flags = PF_R | PF_W | PF_X };

		while (j < n && pfns[j] == pfns[j - 1] + 1)
			j++;
		ph.p_offset = off;
		ph.p_paddr = pfns[i] * ps;
		ph.p_vaddr = vaddr_base + ph.p_paddr;
		ph.p_filesz = ph.p_memsz = (j - i) * ps;
		fwrite(&ph, sizeof(ph), 1, f);
		off += ph.p_filesz;
		i = j;
	}
}

struct dxi_error *dxi_elfcore_write(struct dxi_target *t, const uint64_t *pfns,
				    size_t n, uint64_t vaddr_base,
				    const char *path)
{
	uint64_t ps = t->vmci.page_size;
	size_t nruns = 0, namesz = sizeof("VMCOREINFO"),
	       descsz = strlen(t->vmcoreinfo_raw);
	/* A second note says who wrote the file (see kdumpdesc.c describe_elf). */
	static const char origin[] = "daxinspect trim";
	size_t notesz = sizeof(Elf64_Nhdr) + align4(namesz) + align4(descsz) +
			sizeof(Elf64_Nhdr) + align4(sizeof("DAXINSPECT")) +
			align4(sizeof(origin));
	struct dxi_error *err = NULL;
	unsigned char *page;
	uint64_t off;
	FILE *f;

	for (size_t i = 0; i < n; i++)
		nruns += (i == 0 || pfns[i] != pfns[i - 1] + 1);
	page = calloc(1, ps);
	f = fopen(path, "we");
	if (!page || !f) {
		free(page);
		if (f)
			fclose(f);
		return page ? dxi_error_errno(errno, "cannot create", path) :
			      &dxi_error_nomem;
	}
	write_ehdr(f, nruns + 1, t->arch->e_machine);
	off = sizeof(Elf64_Ehdr) + (nruns + 1) * sizeof(Elf64_Phdr);
	{
		Elf64_Phdr ph = { .p_type = PT_NOTE, .p_offset = off,
				  .p_filesz = notesz, .p_align = 4 };

		fwrite(&ph, sizeof(ph), 1, f);
	}
	write_loads(f, pfns, n, ps, vaddr_base,
		    (off + notesz + ps - 1) & ~(ps - 1));
	write_note(f, "VMCOREINFO", t->vmcoreinfo_raw, descsz, 0);
	write_note(f, "DAXINSPECT", origin, sizeof(origin), 1);
	for (off += notesz; off % ps; off++)
		fputc(0, f);
	for (size_t i = 0; i < n && !err; i++) {
		err = dxi_target_read_phys(t, pfns[i] * ps, page, ps);
		if (!err && fwrite(page, ps, 1, f) != 1)
			err = dxi_error_errno(errno, "cannot write", path);
	}
	free(page);
	if (fclose(f) != 0 && !err)
		err = dxi_error_errno(errno, "cannot write", path);
	return err;
}
