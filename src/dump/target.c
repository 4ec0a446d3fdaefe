// SPDX-License-Identifier: MIT
#include "target.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Around the read_phys of backends that ask for it (.serialize): one for
 * all targets, as -j's threads read one target and a session opens one
 * at a time. */
static pthread_mutex_t backend_lock = PTHREAD_MUTEX_INITIALIZER;

struct dxi_error *dxi_target_new(const struct dxi_backend_ops *ops, void *priv,
				 const char *path, const char *vmcoreinfo_raw,
				 struct dxi_target **out)
{
	return dxi_target_new_arch(ops, priv, path, vmcoreinfo_raw, NULL, out);
}

struct dxi_error *dxi_target_new_arch(const struct dxi_backend_ops *ops,
				      void *priv, const char *path,
				      const char *vmcoreinfo_raw,
				      const struct dxi_arch *arch,
				      struct dxi_target **out)
{
	struct dxi_target *t = calloc(1, sizeof(*t));
	struct dxi_error *err;

	if (!t) {
		ops->close(priv);
		return &dxi_error_nomem;
	}
	t->ops = ops;
	t->priv = priv;
	t->desc.dump_level = -1;
	t->path = strdup(path);
	t->vmcoreinfo_raw = strdup(vmcoreinfo_raw ? vmcoreinfo_raw : "");
	if (!t->path || !t->vmcoreinfo_raw) {
		dxi_target_close(t);
		return &dxi_error_nomem;
	}
	if (!vmcoreinfo_raw || !*vmcoreinfo_raw) {
		dxi_target_close(t);
		return dxi_error_new(DXI_ERR_FORMAT,
				     "%s carries no VMCOREINFO note; daxinspect needs it to identify the kernel (QEMU: add -device vmcoreinfo; kdump: use the /proc/vmcore of a kernel with CONFIG_CRASH_CORE)",
				     path);
	}
	err = dxi_vmcoreinfo_parse(vmcoreinfo_raw, &t->vmci);
	t->arch = arch ? arch : dxi_arch_of_vmcoreinfo(vmcoreinfo_raw);
	if (!err)
		err = dxi_release_supported(t->vmci.osrelease);
	if (!err)
		err = dxi_target_use_vmcoreinfo(t);
	if (err) {
		dxi_target_close(t);
		return dxi_error_wrap(err, "%s", path);
	}
	*out = t;
	return NULL;
}

struct dxi_error *dxi_target_use_vmcoreinfo(struct dxi_target *t)
{
	t->phys_base = t->vmci.phys_base;
	t->kernel_offset = t->vmci.kernel_offset;
	t->tlb.size = 0; /* translations made with the old state */
	return t->arch->setup(t);
}

void dxi_target_close(struct dxi_target *t)
{
	if (!t)
		return;
	dxi_target_peek_end(t);
	if (t->ops && t->ops->close)
		t->ops->close(t->priv);
	free(t->path);
	free(t->vmcoreinfo_raw);
	free(t);
}

void dxi_target_set_direct_map(struct dxi_target *t, uint64_t page_offset_base)
{
	if (!t->arch->direct_map_span)
		return;
	t->direct = (struct dxi_tlb){ page_offset_base, 0,
				      t->arch->direct_map_span };
}

void dxi_target_set_kernel_image(struct dxi_target *t, uint64_t start,
				 uint64_t end)
{
	if (t->image.size || end <= start)
		return;
	t->image = (struct dxi_tlb){ start, start - t->image_voffset,
				     end - start };
}

static bool in_linear(const struct dxi_tlb *r, uint64_t vaddr,
		      uint64_t *paddr, uint64_t *room)
{
	if (!r->size || vaddr - r->vbase >= r->size)
		return false;
	*paddr = vaddr - r->vbase + r->pbase;
	*room = r->size - (vaddr - r->vbase);
	return true;
}

/*
 * Translations that need no page-table walk: the kernel image (x86-64
 * __START_KERNEL_map + phys_base, arch/x86/include/asm/page_64.h
 * __phys_addr_nodebug; arm64 __kimg_to_phys) and the direct map (x86-64
 * once page_offset_base is known; arm64 __lm_to_phys from VMCOREINFO).
 */
static bool translate_linear(struct dxi_target *t, uint64_t vaddr,
			     uint64_t *paddr, uint64_t *room)
{
	return in_linear(&t->image, vaddr, paddr, room) ||
	       in_linear(&t->direct, vaddr, paddr, room);
}

struct dxi_error *dxi_target_translate(struct dxi_target *t, uint64_t vaddr,
				       uint64_t *paddr, uint64_t *page_size)
{
	struct dxi_error *err;

	if (t->tlb.size && vaddr - t->tlb.vbase < t->tlb.size) {
		*paddr = t->tlb.pbase + (vaddr - t->tlb.vbase);
		*page_size = t->tlb.size;
		return NULL;
	}
	err = t->arch->walk(t, vaddr, paddr, page_size);
	if (err)
		return err;
	t->tlb.vbase = vaddr & ~(*page_size - 1);
	t->tlb.pbase = *paddr & ~(*page_size - 1);
	t->tlb.size = *page_size;
	return NULL;
}

/* The physical address of addr and how many bytes from it are mapped
 * contiguously, up to len: pages that follow each other physically (the
 * kernel image, a vmemmap block) are one read. */
static struct dxi_error *translate_run(struct dxi_target *t, uint64_t addr,
				       size_t len, uint64_t *paddr, size_t *run)
{
	*run = 0;
	while (*run < len) {
		uint64_t pa, room, psize;
		struct dxi_error *err;

		if (!translate_linear(t, addr + *run, &pa, &room)) {
			err = dxi_target_translate(t, addr + *run, &pa, &psize);
			if (err && *run) {
				/* Read what is mapped first; the error comes
				 * again at the next address. */
				dxi_error_free(err);
				break;
			}
			if (err)
				return err;
			room = psize - ((addr + *run) & (psize - 1));
		}
		if (!*run)
			*paddr = pa;
		else if (pa != *paddr + *run)
			break;
		*run += len - *run < room ? len - *run : (size_t)room;
	}
	return NULL;
}

static struct dxi_error *read_virt_translated(struct dxi_target *t,
					      uint64_t addr, char *buf,
					      size_t len)
{
	while (len) {
		struct dxi_error *err;
		uint64_t paddr = 0;
		size_t n;

		err = translate_run(t, addr, len, &paddr, &n);
		if (err)
			return err;
		err = dxi_target_read_phys(t, paddr, buf, n);
		if (err)
			return dxi_error_wrap(err, "kernel address %#llx",
					      (unsigned long long)addr);
		addr += n;
		buf += n;
		len -= n;
	}
	return NULL;
}

static void log_pages(struct dxi_target *t, uint64_t addr, size_t len,
		      bool *nomem)
{
	uint64_t ps = t->vmci.page_size ? t->vmci.page_size : 4096;

	for (uint64_t p = addr / ps; t->read_log && len && p <= (addr + len - 1) / ps;
	     p++)
		*nomem |= !dxi_u64map_set(t->read_log, p, 1);
}

/* The file mapping of [vaddr, vaddr + len), or NULL to read a copy.
 * Callers read u32/u64 tables in place, so the mapping must be aligned as
 * the kernel's memory is. */
static const void *map_virt(struct dxi_target *t, uint64_t vaddr, size_t len,
			    struct dxi_view *v)
{
	struct dxi_error *err;
	uint64_t paddr = 0;
	size_t run = 0;
	const void *data;
	bool nomem = false;

	if (!t->ops->map_phys || t->ops->read_virt)
		return NULL;
	/* An error here comes again, with its message, from the read. */
	err = translate_run(t, vaddr, len, &paddr, &run);
	if (err) {
		dxi_error_free(err);
		return NULL;
	}
	if (run != len)
		return NULL;
	data = t->ops->map_phys(t->priv, paddr, len, &v->map, &v->map_len);
	if (data && ((uintptr_t)data & 7) == (vaddr & 7)) {
		log_pages(t, paddr, len, &nomem);
		if (!nomem)
			return data;
	}
	if (data)
		munmap(v->map, v->map_len);
	v->map = NULL;
	return NULL;
}

struct dxi_error *dxi_target_view(struct dxi_target *t, uint64_t vaddr,
				  size_t len, struct dxi_view *v)
{
	struct dxi_error *err;

	memset(v, 0, sizeof(*v));
	v->len = len;
	v->data = map_virt(t, vaddr, len, v);
	if (v->data)
		return NULL;
	v->copy = malloc(len ? len : 1);
	if (!v->copy)
		return &dxi_error_nomem;
	err = dxi_target_read(t, DXI_KVIRT, vaddr, v->copy, len);
	if (err) {
		dxi_view_release(v);
		return err;
	}
	v->data = v->copy;
	return NULL;
}

void dxi_target_peek_end(struct dxi_target *t)
{
	free(t->win.buf);
	memset(&t->win, 0, sizeof(t->win));
}

const void *dxi_target_peek(struct dxi_target *t, uint64_t vaddr, size_t len)
{
	struct dxi_window *w = &t->win;
	uint64_t paddr = 0;
	size_t run = 0, n;
	struct dxi_error *err;

	if (!t->ops->segment_room || !t->ops->read_unlocked ||
	    t->ops->read_virt || t->read_log || !len || len > DXI_PEEK_WINDOW)
		return NULL;
	/* An error here comes again, with its message, from the read. */
	err = translate_run(t, vaddr, len, &paddr, &run);
	if (err) {
		dxi_error_free(err);
		return NULL;
	}
	if (run != len)
		return NULL;
	if (w->size && paddr >= w->paddr && paddr - w->paddr <= w->size &&
	    len <= w->size - (paddr - w->paddr))
		return w->buf + (paddr - w->paddr);
	n = t->ops->segment_room(t->priv, paddr);
	if (n > DXI_PEEK_WINDOW)
		n = DXI_PEEK_WINDOW;
	if (n < len || (!w->buf && !(w->buf = malloc(DXI_PEEK_WINDOW))))
		return NULL;
	w->size = 0;
	if (!t->ops->read_unlocked(t->priv, paddr, w->buf, n))
		return NULL;
	w->paddr = paddr;
	w->size = n;
	return w->buf;
}

void dxi_view_release(struct dxi_view *v)
{
	if (v->map)
		munmap(v->map, v->map_len);
	free(v->copy);
	memset(v, 0, sizeof(*v));
}

struct dxi_error *dxi_target_read_phys(struct dxi_target *t, uint64_t addr,
				       void *buf, size_t len)
{
	bool nomem = false;

	struct dxi_error *err;

	log_pages(t, addr, len, &nomem);
	if (nomem)
		return &dxi_error_nomem;
	if (t->ops->read_unlocked &&
	    t->ops->read_unlocked(t->priv, addr, buf, len))
		return NULL;
	if (!t->ops->serialize)
		return t->ops->read_phys(t->priv, addr, buf, len);
	pthread_mutex_lock(&backend_lock);
	err = t->ops->read_phys(t->priv, addr, buf, len);
	pthread_mutex_unlock(&backend_lock);
	return err;
}

struct dxi_error *dxi_target_read(struct dxi_target *t, enum dxi_addrspace as,
				  uint64_t addr, void *buf, size_t len)
{
	if (as == DXI_PHYS) {
		if (!t->ops->read_phys)
			return dxi_error_new(DXI_ERR_ADDR,
					     "%s cannot read physical address %#llx",
					     t->ops->name,
					     (unsigned long long)addr);
		return dxi_target_read_phys(t, addr, buf, len);
	}
	if (t->ops->read_virt) {
		struct dxi_error *err = t->ops->read_virt(t->priv, addr, buf, len);

		/*
		 * /proc/kcore lists the vmemmap of System RAM only
		 * (fs/proc/kcore.c kclist_add_private), not the memmap of a
		 * ZONE_DEVICE range: walk the page tables over its RAM.
		 */
		if (!err || err->code != DXI_ERR_NODATA || !t->ops->read_phys ||
		    !t->pgd_phys)
			return err;
		dxi_error_free(err);
	}
	return read_virt_translated(t, addr, buf, len);
}

struct dxi_error *dxi_target_read_u64(struct dxi_target *t, uint64_t vaddr,
				      uint64_t *out)
{
	return dxi_target_read(t, DXI_KVIRT, vaddr, out, sizeof(*out));
}

struct dxi_error *dxi_target_read_string(struct dxi_target *t, uint64_t vaddr,
					 size_t max, char **out)
{
	char *s = malloc(max + 1);
	size_t got = 0;

	if (!s)
		return &dxi_error_nomem;
	/* Read in small pieces: a string may end just before unmapped memory. */
	while (got < max) {
		size_t chunk = 64 - ((vaddr + got) & 63);
		struct dxi_error *err;

		if (chunk > max - got)
			chunk = max - got;
		err = dxi_target_read(t, DXI_KVIRT, vaddr + got, s + got, chunk);
		if (err) {
			free(s);
			return err;
		}
		if (memchr(s + got, '\0', chunk)) {
			*out = s;
			return NULL;
		}
		got += chunk;
	}
	s[max] = '\0';
	*out = s;
	return NULL;
}

static bool is_kcore_path(const char *path, int fd)
{
	struct stat st, kst;

	if (!strcmp(path, "/proc/kcore"))
		return true;
	return fstat(fd, &st) == 0 && stat("/proc/kcore", &kst) == 0 &&
	       st.st_dev == kst.st_dev && st.st_ino == kst.st_ino;
}

/* Opens path read-only; refuses what cannot be a dump file. */
static struct dxi_error *open_file(const char *path, int *fdp)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		if ((errno == EACCES || errno == EPERM) &&
		    !strcmp(path, "/proc/kcore"))
			return dxi_error_new(DXI_ERR_PERM,
					     "cannot open /proc/kcore: %s; reading the live kernel needs root (CAP_SYS_RAWIO): run daxinspect as root",
					     strerror(errno));
		return dxi_error_errno(errno, "cannot open dump", path);
	}
	if (fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return dxi_error_errno(e, "cannot stat dump", path);
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return dxi_error_new(DXI_ERR_FORMAT,
				     "%s is a directory; give the vmcore file inside it",
				     path);
	}
	*fdp = fd;
	return NULL;
}

/* makedumpfile -F output: rebuilt into a seekable kdump file first. */
static struct dxi_error *open_flattened(int fd, const char *path,
					struct dxi_target **out)
{
	struct dxi_error *err;
	int rfd;

	err = dxi_flattened_rebuild(fd, path, &rfd);
	close(fd);
	if (err)
		return err;
	err = dxi_kdump_open(rfd, path, out);
	if (!err) {
		struct dxi_target_desc *d = &(*out)->desc;
		size_t len = strlen(d->origin);

		snprintf(d->origin + len, sizeof(d->origin) - len, ", flattened");
	}
	return err;
}

/* An ELF file: a core dump, or a program given where a dump is expected. */
static struct dxi_error *open_elf(int fd, const char *path, const char *magic,
				  ssize_t n, struct dxi_target **out)
{
	uint16_t e_type = 0;

	if (n >= 18)
		memcpy(&e_type, magic + 16, 2);
	if (e_type != 4 /* ET_CORE */) {
		close(fd);
		return dxi_error_new(DXI_ERR_FORMAT,
				     "%s is an ELF file but not a core dump (e_type %u); give a vmcore, a kdump file or /proc/kcore (a vmlinux goes with --vmlinux)",
				     path, e_type);
	}
	return dxi_kdump_open(fd, path, out);
}

struct dxi_error *dxi_target_open(const char *path, struct dxi_target **out)
{
	char magic[32] = { 0 };
	struct dxi_error *err;
	ssize_t n;
	int fd = -1;

	err = open_file(path, &fd);
	if (err)
		return err;
	if (is_kcore_path(path, fd))
		return dxi_kcore_open(fd, path, out);
	n = pread(fd, magic, sizeof(magic), 0);
	if (n < 0) {
		int e = errno;

		close(fd);
		return dxi_error_errno(e, "cannot read dump", path);
	}
	if (n == 0) {
		close(fd);
		return dxi_error_new(DXI_ERR_FORMAT,
				     "%s is empty; the dump was not written (check the space where it was saved)",
				     path);
	}
	if (dxi_decompress_detect(magic, (size_t)n))
		return dxi_decompressed_open(fd, path, out);
	if (n >= 12 && !memcmp(magic, "makedumpfile", 12))
		return open_flattened(fd, path, out);
	if (n >= 4 && !memcmp(magic, "\177ELF", 4))
		return open_elf(fd, path, magic, n, out);
	if (n >= 8 && (!memcmp(magic, "KDUMP   ", 8) ||
		       !memcmp(magic, "DISKDUMP", 8)))
		return dxi_kdump_open(fd, path, out);
	close(fd);
	return dxi_error_new(DXI_ERR_FORMAT,
			     "%s is not a kernel dump (no ELF, kdump-compressed or makedumpfile signature); give a vmcore, a kdump file or /proc/kcore",
			     path);
}
