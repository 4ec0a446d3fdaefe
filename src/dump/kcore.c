// SPDX-License-Identifier: MIT
/*
 * The live kernel through /proc/kcore: a small read-only ELF64 reader.
 * libkdumpfile cannot read kcore. Each PT_LOAD maps a kernel virtual range
 * to a file offset; RAM and text segments also carry their physical
 * address in p_paddr (fs/proc/kcore.c read_kcore_iter(), 6.12), and the
 * note segment holds VMCOREINFO (since 4.19).
 */
#include "target.h"
#include "elfnote.h"
#include "memreader.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KCORE_MAX_PHDRS 4096
#define KCORE_MAX_NOTES (1 << 20)

struct kcore_priv {
	int fd;
	struct dxi_memreader phys, virt;
};

static struct dxi_error *kcore_pread(struct kcore_priv *k, void *buf,
				     size_t len, uint64_t off)
{
	while (len) {
		ssize_t n = pread(k->fd, buf, len, (off_t)off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return dxi_error_new(DXI_ERR_IO,
					     "reading /proc/kcore at offset %#llx: %s",
					     (unsigned long long)off,
					     strerror(errno));
		}
		if (n == 0)
			return dxi_error_new(DXI_ERR_NODATA,
					     "/proc/kcore has no data at offset %#llx",
					     (unsigned long long)off);
		buf = (char *)buf + n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return NULL;
}

/* A segment's bytes: the file at the segment's offset. */
static struct dxi_error *kcore_seg_read(void *arg, void *buf, size_t len,
					uint64_t offset)
{
	return kcore_pread(arg, buf, len, offset);
}

static struct dxi_error *kcore_read_phys(void *priv, uint64_t addr, void *buf,
					 size_t len)
{
	struct kcore_priv *k = priv;

	return dxi_memreader_read(&k->phys, addr, buf, len);
}

static struct dxi_error *kcore_read_virt(void *priv, uint64_t addr, void *buf,
					 size_t len)
{
	struct kcore_priv *k = priv;

	return dxi_memreader_read(&k->virt, addr, buf, len);
}

static void kcore_close(void *priv)
{
	struct kcore_priv *k = priv;

	close(k->fd);
	dxi_memreader_free(&k->phys);
	dxi_memreader_free(&k->virt);
	free(k);
}

static const struct dxi_backend_ops kcore_ops = {
	.name = "/proc/kcore",
	.read_phys = kcore_read_phys,
	.read_virt = kcore_read_virt,
	.close = kcore_close,
};

/* The VMCOREINFO note of a note segment, as a malloc'd string. */
static char *find_vmcoreinfo(const unsigned char *p, size_t len)
{
	size_t dlen;
	const void *d = dxi_elf_note_find(p, len, "VMCOREINFO", &dlen);
	char *s = d ? malloc(dlen + 1) : NULL;

	if (s) {
		memcpy(s, d, dlen);
		s[dlen] = '\0';
	}
	return s;
}

/* Every PT_LOAD, by kernel address and (RAM, text) physical address;
 * added last to first, so the first of overlapping headers wins. */
static struct dxi_error *add_segments(struct kcore_priv *k,
				      const Elf64_Phdr *ph, unsigned n)
{
	struct dxi_error *err = NULL;

	for (unsigned i = n; i-- > 0 && !err;) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		err = dxi_memreader_add(&k->virt, ph[i].p_vaddr, ph[i].p_memsz,
					kcore_seg_read, k, ph[i].p_offset);
		if (!err && ph[i].p_paddr != (uint64_t)-1)
			err = dxi_memreader_add(&k->phys, ph[i].p_paddr,
						ph[i].p_memsz, kcore_seg_read,
						k, ph[i].p_offset);
	}
	return err;
}

struct dxi_error *dxi_kcore_open(int fd, const char *path,
				 struct dxi_target **out)
{
	struct kcore_priv *k = calloc(1, sizeof(*k));
	struct dxi_error *err = NULL;
	char *vmcoreinfo = NULL;
	Elf64_Phdr *ph = NULL;
	Elf64_Ehdr eh;

	if (!k) {
		close(fd);
		return &dxi_error_nomem;
	}
	k->fd = fd;
	k->phys = (struct dxi_memreader){ .space = "physical",
					  .where = "any /proc/kcore segment" };
	k->virt = (struct dxi_memreader){ .space = "kernel",
					  .where = "any /proc/kcore segment" };
	err = kcore_pread(k, &eh, sizeof(eh), 0);
	if (err)
		goto fail;
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    !dxi_arch_of_machine(eh.e_machine) ||
	    eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 ||
	    eh.e_phnum > KCORE_MAX_PHDRS) {
		err = dxi_error_new(DXI_ERR_FORMAT,
				    "%s is not an x86-64 or arm64 ELF64 kcore", path);
		goto fail;
	}
	ph = calloc(eh.e_phnum, sizeof(*ph));
	if (!ph) {
		err = &dxi_error_nomem;
		goto fail;
	}
	err = kcore_pread(k, ph, eh.e_phnum * sizeof(*ph), eh.e_phoff);
	if (err)
		goto fail;
	err = add_segments(k, ph, eh.e_phnum);
	if (err)
		goto fail;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type == PT_NOTE && !vmcoreinfo &&
			   ph[i].p_filesz <= KCORE_MAX_NOTES) {
			unsigned char *notes = malloc(ph[i].p_filesz);

			if (!notes) {
				err = &dxi_error_nomem;
				goto fail;
			}
			err = kcore_pread(k, notes, ph[i].p_filesz,
					  ph[i].p_offset);
			if (!err)
				vmcoreinfo = find_vmcoreinfo(notes,
							     ph[i].p_filesz);
			free(notes);
			if (err)
				goto fail;
		}
	}
	free(ph);
	err = dxi_target_new_arch(&kcore_ops, k, path, vmcoreinfo,
				  dxi_arch_of_machine(eh.e_machine), out);
	free(vmcoreinfo);
	if (err)
		return err;
	snprintf((*out)->desc.format, sizeof((*out)->desc.format), "/proc/kcore");
	snprintf((*out)->desc.compression, sizeof((*out)->desc.compression), "none");
	snprintf((*out)->desc.origin, sizeof((*out)->desc.origin), "live kernel");
	(*out)->desc.live = true;
	return NULL;
fail:
	free(ph);
	free(vmcoreinfo);
	kcore_close(k);
	return dxi_error_wrap(err, "%s", path);
}
