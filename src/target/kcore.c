// SPDX-License-Identifier: MIT
/*
 * The live kernel through /proc/kcore: a small read-only ELF64 reader.
 * libkdumpfile cannot read kcore. Each PT_LOAD maps a kernel virtual range
 * to a file offset; RAM and text segments also carry their physical
 * address in p_paddr (fs/proc/kcore.c read_kcore_iter(), 6.12), and the
 * note segment holds VMCOREINFO (since 4.19).
 */
#include "target.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KCORE_MAX_PHDRS 4096
#define KCORE_MAX_NOTES (1 << 20)

struct kcore_seg {
	uint64_t vaddr, paddr, size, offset;
	bool has_paddr;
};

struct kcore_priv {
	int fd;
	struct kcore_seg *segs;
	size_t nsegs;
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

static struct dxi_error *kcore_read(struct kcore_priv *k, bool phys,
				    uint64_t addr, char *buf, size_t len)
{
	while (len) {
		const struct kcore_seg *s = NULL;
		uint64_t start, n;
		struct dxi_error *err;

		for (size_t i = 0; i < k->nsegs; i++) {
			const struct kcore_seg *c = &k->segs[i];

			if (phys && !c->has_paddr)
				continue;
			start = phys ? c->paddr : c->vaddr;
			if (addr >= start && addr - start < c->size) {
				s = c;
				break;
			}
		}
		if (!s)
			return dxi_error_new(DXI_ERR_NODATA,
					     "%s address %#llx is not in any /proc/kcore segment",
					     phys ? "physical" : "kernel",
					     (unsigned long long)addr);
		start = phys ? s->paddr : s->vaddr;
		n = s->size - (addr - start);
		if (n > len)
			n = len;
		err = kcore_pread(k, buf, (size_t)n, s->offset + (addr - start));
		if (err)
			return err;
		addr += n;
		buf += n;
		len -= (size_t)n;
	}
	return NULL;
}

static struct dxi_error *kcore_read_phys(void *priv, uint64_t addr, void *buf,
					 size_t len)
{
	return kcore_read(priv, true, addr, buf, len);
}

static struct dxi_error *kcore_read_virt(void *priv, uint64_t addr, void *buf,
					 size_t len)
{
	return kcore_read(priv, false, addr, buf, len);
}

static void kcore_close(void *priv)
{
	struct kcore_priv *k = priv;

	close(k->fd);
	free(k->segs);
	free(k);
}

static const struct dxi_backend_ops kcore_ops = {
	.name = "/proc/kcore",
	.read_phys = kcore_read_phys,
	.read_virt = kcore_read_virt,
	.close = kcore_close,
};

/* Finds the VMCOREINFO note in a note segment; returns a malloc'd copy. */
static char *find_vmcoreinfo(const unsigned char *p, size_t len)
{
	size_t off = 0;

	while (off + sizeof(Elf64_Nhdr) <= len) {
		Elf64_Nhdr nh;
		size_t name_off, desc_off, next;

		memcpy(&nh, p + off, sizeof(nh));
		name_off = off + sizeof(nh);
		/* In size_t: a 32-bit size near 4 GiB must not align to 0. */
		desc_off = name_off + (((size_t)nh.n_namesz + 3) & ~(size_t)3);
		next = desc_off + (((size_t)nh.n_descsz + 3) & ~(size_t)3);
		if (next > len || desc_off > len)
			break;
		if (nh.n_namesz == 11 &&
		    !memcmp(p + name_off, "VMCOREINFO", 10)) {
			char *s = malloc(nh.n_descsz + 1);

			if (s) {
				memcpy(s, p + desc_off, nh.n_descsz);
				s[nh.n_descsz] = '\0';
			}
			return s;
		}
		off = next;
	}
	return NULL;
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
	err = kcore_pread(k, &eh, sizeof(eh), 0);
	if (err)
		goto fail;
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64 ||
	    eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 ||
	    eh.e_phnum > KCORE_MAX_PHDRS) {
		err = dxi_error_new(DXI_ERR_FORMAT,
				    "%s is not an x86-64 ELF64 kcore", path);
		goto fail;
	}
	ph = calloc(eh.e_phnum, sizeof(*ph));
	k->segs = calloc(eh.e_phnum, sizeof(*k->segs));
	if (!ph || !k->segs) {
		err = &dxi_error_nomem;
		goto fail;
	}
	err = kcore_pread(k, ph, eh.e_phnum * sizeof(*ph), eh.e_phoff);
	if (err)
		goto fail;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD) {
			struct kcore_seg *s = &k->segs[k->nsegs++];

			s->vaddr = ph[i].p_vaddr;
			s->paddr = ph[i].p_paddr;
			s->has_paddr = ph[i].p_paddr != (uint64_t)-1;
			s->size = ph[i].p_memsz;
			s->offset = ph[i].p_offset;
		} else if (ph[i].p_type == PT_NOTE && !vmcoreinfo &&
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
	err = dxi_target_new(&kcore_ops, k, path, vmcoreinfo, out);
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
