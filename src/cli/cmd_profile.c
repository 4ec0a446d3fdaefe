// SPDX-License-Identifier: MIT
/*
 * `daxinspect profile extract`: answers the layout queries into a file.
 *
 * Sources: a vmlinux with DWARF (--vmlinux), a dump (its debuginfo, found
 * as for info), or a kernel's BTF alone (--btf FILE: a raw .BTF blob, or
 * an ELF vmlinux with a .BTF section, e.g. one unpacked from a vmlinuz of
 * a kernel Debian ships without -dbg). BTF has no symbols: they come from
 * --system-map FILE when given, else the profile says "-" for each.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../dbg/btf.h"
#include "../dbg/profile.h"
#include "../kern/layout.h"
#include "cli.h"

#define BTF_FILE_MAX (1u << 30)
#define SYSMAP_LINE_MAX 1024

static struct dxi_error *write_profile(struct dxi_types *types,
				       const char *release, const char *out)
{
	size_t n;
	const struct dxi_query *q = dxi_layout_queries(&n);
	char tmp[4096];
	struct dxi_error *err, *cerr;
	struct stat st;
	bool in_place;
	FILE *f;

	/* A device or FIFO (/dev/stdout) is written in place: renaming a
	 * temporary over it would replace the node itself. */
	in_place = stat(out, &st) == 0 && !S_ISREG(st.st_mode);
	snprintf(tmp, sizeof(tmp), "%s%s", out, in_place ? "" : ".tmp");
	f = fopen(tmp, "we");
	if (!f)
		return dxi_error_errno(errno, "cannot create profile", tmp);
	err = dxi_profile_write(f, types, release, q, n);
	cerr = dxi_output_close(f, "cannot write profile", tmp);
	/* The close names the file and errno, which a write error does not. */
	if (cerr && (!err || err->code == DXI_ERR_IO)) {
		dxi_error_free(err);
		err = cerr;
	} else {
		dxi_error_free(cerr);
	}
	if (!err && !in_place && rename(tmp, out) < 0)
		err = dxi_error_errno(errno, "cannot create profile", out);
	if (err && !in_place)
		unlink(tmp);
	return err;
}

static struct dxi_error *slurp(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *b = NULL;
	size_t n = 0, cap = 0;

	if (!f)
		return dxi_error_errno(errno, "cannot open", path);
	for (;;) {
		size_t r;

		if (n == cap) {
			char *nb;

			cap = cap ? cap * 2 : 1 << 20;
			if (cap > BTF_FILE_MAX) {
				free(b);
				fclose(f);
				return dxi_error_new(DXI_ERR_FORMAT,
						     "%s is larger than %u MiB: not a vmlinux or BTF blob",
						     path, BTF_FILE_MAX >> 20);
			}
			nb = realloc(b, cap);
			if (!nb) {
				free(b);
				fclose(f);
				return &dxi_error_nomem;
			}
			b = nb;
		}
		r = fread(b + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(b);
		fclose(f);
		return dxi_error_errno(EIO, "cannot read", path);
	}
	fclose(f);
	*buf = b;
	*len = n;
	return NULL;
}

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
	size_t off = 0;

	while (off + sizeof(Elf64_Nhdr) <= len) {
		Elf64_Nhdr nh;
		size_t name, desc;

		memcpy(&nh, p + off, sizeof(nh));
		name = off + sizeof(nh);
		desc = name + ((nh.n_namesz + 3u) & ~3u);
		if (desc > len || nh.n_descsz > len - desc)
			return;
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    !memcmp(p + name, "GNU", 4) && 2 * nh.n_descsz < size) {
			for (size_t i = 0; i < nh.n_descsz; i++)
				snprintf(out + 2 * i, 3, "%02x",
					 (unsigned char)p[desc + i]);
			return;
		}
		off = desc + ((nh.n_descsz + 3u) & ~3u);
	}
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

/* Symbols from a System.map ("ffffffff81000000 T _text"); the rest of the
 * queries go to the BTF types underneath. */
struct sysmap_types {
	struct dxi_types *inner;
	char **names;
	uint64_t *addrs;
	size_t n;
};

static struct dxi_error *sm_size(void *priv, const char *type, uint64_t *size)
{
	struct sysmap_types *s = priv;

	return dxi_types_size(s->inner, type, size);
}

static struct dxi_error *sm_member(void *priv, const char *type,
				   const char *path, struct dxi_member *out)
{
	struct sysmap_types *s = priv;

	return dxi_types_member(s->inner, type, path, out);
}

static struct dxi_error *sm_array_len(void *priv, const char *type,
				      const char *path, uint64_t *len)
{
	struct sysmap_types *s = priv;

	return dxi_types_array_len(s->inner, type, path, len);
}

static struct dxi_error *sm_enum(void *priv, const char *enum_type,
			       const char *name, int64_t *value)
{
	struct sysmap_types *s = priv;

	return dxi_types_enum(s->inner, enum_type, name, value);
}

static struct dxi_error *sm_symbol(void *priv, const char *name,
				   uint64_t *addr)
{
	struct sysmap_types *s = priv;

	/* The first of duplicate names wins, as in kallsyms.c. */
	for (size_t i = 0; i < s->n; i++) {
		if (!strcmp(s->names[i], name)) {
			*addr = s->addrs[i];
			return NULL;
		}
	}
	return dxi_error_new(DXI_ERR_NOTFOUND,
			     "symbol %s is not in the System.map", name);
}

static void sm_close(void *priv)
{
	struct sysmap_types *s = priv;

	for (size_t i = 0; i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	free(s->addrs);
	dxi_types_close(s->inner);
	free(s);
}

static const struct dxi_types_ops sysmap_ops = {
	.type_size = sm_size,
	.member = sm_member,
	.array_len = sm_array_len,
	.enumerator = sm_enum,
	.symbol = sm_symbol,
	.close = sm_close,
};

/* Keeps only the symbols the layout queries: a System.map has ~150k. */
static bool wanted(const char *name)
{
	size_t n;
	const struct dxi_query *q = dxi_layout_queries(&n);

	for (size_t i = 0; i < n; i++)
		if (q[i].kind == DXI_Q_SYMBOL && !strcmp(q[i].name, name))
			return true;
	return false;
}

static struct dxi_error *sysmap_load(const char *path, struct sysmap_types *s)
{
	char line[SYSMAP_LINE_MAX];
	unsigned long lineno = 0;
	size_t cap = 0;
	FILE *f = fopen(path, "re");

	if (!f)
		return dxi_error_errno(errno, "cannot open System.map", path);
	while (fgets(line, sizeof(line), f)) {
		char name[SYSMAP_LINE_MAX], type;
		unsigned long long addr;

		lineno++;
		if (sscanf(line, "%llx %c %1023s", &addr, &type, name) != 3) {
			fclose(f);
			return dxi_error_new(DXI_ERR_FORMAT,
					     "%s:%lu is not a System.map line (ADDRESS TYPE NAME)",
					     path, lineno);
		}
		if (!wanted(name))
			continue;
		if (s->n == cap) {
			char **nn;
			uint64_t *na;

			cap = cap ? cap * 2 : 32;
			nn = realloc(s->names, cap * sizeof(*nn));
			if (nn)
				s->names = nn;
			na = realloc(s->addrs, cap * sizeof(*na));
			if (na)
				s->addrs = na;
			if (!nn || !na) {
				fclose(f);
				return &dxi_error_nomem;
			}
		}
		s->names[s->n] = strdup(name);
		if (!s->names[s->n]) {
			fclose(f);
			return &dxi_error_nomem;
		}
		s->addrs[s->n++] = addr;
	}
	fclose(f);
	if (lineno == 0)
		return dxi_error_new(DXI_ERR_FORMAT, "%s is empty", path);
	return NULL;
}

/* Wraps btf so its symbols come from the System.map at path. */
static struct dxi_error *with_sysmap(struct dxi_types *btf, const char *path,
				     struct dxi_types **out)
{
	struct sysmap_types *s = calloc(1, sizeof(*s));
	struct dxi_types *t = calloc(1, sizeof(*t));
	struct dxi_error *err;

	if (!s || !t) {
		free(s);
		free(t);
		dxi_types_close(btf);
		return &dxi_error_nomem;
	}
	s->inner = btf;
	t->ops = &sysmap_ops;
	t->priv = s;
	t->kind = btf->kind;
	t->path = strdup(btf->path);
	memcpy(t->build_id, btf->build_id, sizeof(t->build_id));
	err = t->path ? sysmap_load(path, s) : &dxi_error_nomem;
	if (err) {
		dxi_types_close(t);
		return err;
	}
	*out = t;
	return NULL;
}

static struct dxi_error *open_btf(const char *path, const char *sysmap,
				  struct dxi_types **out, char *release,
				  size_t release_size)
{
	struct btf_source src;
	struct dxi_error *err;
	size_t len = 0;
	char *buf = NULL;

	err = slurp(path, &buf, &len);
	if (err)
		return err;
	err = btf_source_parse(path, buf, len, &src);
	if (!err) {
		size_t n;
		const struct dxi_query *q = dxi_layout_queries(&n);

		err = dxi_btf_from_blob(src.blob, src.size, path, NULL, 0, q, n,
					out);
	}
	free(buf);
	if (err)
		return err;
	snprintf((*out)->build_id, sizeof((*out)->build_id), "%s",
		 src.build_id);
	snprintf(release, release_size, "%s", src.release);
	if (sysmap)
		err = with_sysmap(*out, sysmap, out);
	return err;
}

int dxi_cmd_profile(const struct dxi_options *opts, int argc, char **argv)
{
	struct dxi_types *types = NULL;
	struct dxi_kernel *k = NULL;
	const char *release = "";
	const char *btf = opts->btf, *sysmap = opts->system_map;
	char btf_release[128] = "";
	struct dxi_error *err;
	int sources;

	sources = (argc == 2) + !!opts->vmlinux + !!btf;
	if (argc < 1 || strcmp(argv[0], "extract") || argc > 2 ||
	    !opts->output || sources != 1 || (sysmap && !btf))
		goto usage;
	if (argc == 2) {
		/* From a dump: the debuginfo is found and checked as for info. */
		err = dxi_cli_open_kernel(opts, argv[1], &k);
		if (err)
			return dxi_cli_fail(err);
		types = k->types;
		release = k->target->vmci.osrelease;
	} else if (btf) {
		err = open_btf(btf, sysmap, &types, btf_release,
			       sizeof(btf_release));
		if (err)
			return dxi_cli_fail(err);
		release = btf_release;
	} else {
		err = dxi_dwarf_open(opts->vmlinux, &types);
		if (err)
			return dxi_cli_fail(err);
	}
	err = write_profile(types, release, opts->output);
	if (k)
		dxi_kernel_close(k);
	else
		dxi_types_close(types);
	if (err)
		return dxi_cli_fail(err);
	return DXI_EXIT_OK;
usage:
	fprintf(stderr, "daxinspect: usage: daxinspect profile extract (--vmlinux FILE | TARGET | --btf FILE [--system-map FILE]) -o FILE\n");
	return DXI_EXIT_USAGE;
}
