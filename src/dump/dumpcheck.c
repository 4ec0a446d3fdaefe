// SPDX-License-Identifier: MIT
/*
 * A dump file's headers against its size: see dumpcheck.h. Every offset
 * and count comes from the file, so every sum is checked for overflow.
 */
#include "dumpcheck.h"

#include <stdlib.h>
#include <string.h>

#define ELF_EHDR_SIZE 64
#define ELF_PHDR_SIZE 56
#define ELF_SHDR_SIZE 64
#define PT_LOAD_ 1
#define PT_NOTE_ 4
#define PN_XNUM_ 0xffff
#define MAX_PHDRS (1u << 24)	/* far above any dump: QEMU writes one per RAM range */

static uint64_t get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint16_t get16(const unsigned char *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return v;
}

/* a + b, or UINT64_MAX when it overflows (then never "inside the file"). */
static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t mul_sat(uint64_t a, uint64_t b)
{
	return b && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

static struct dxi_error *truncated(const char *path, uint64_t size,
				   const char *where, uint64_t need)
{
	return dxi_error_new(DXI_ERR_CORRUPT,
			     "dump %s is truncated in its %s: it has %llu bytes, they need %llu; re-copy it (nothing can be read from it)",
			     path, where, (unsigned long long)size,
			     (unsigned long long)need);
}

static struct dxi_error *damaged(const char *path, const char *what)
{
	return dxi_error_new(DXI_ERR_CORRUPT,
			     "dump %s is damaged: %s; re-copy it", path, what);
}

/*
 * libkdumpfile 0.5.1 dereferences NULL on a VMCOREINFO line that starts
 * with '.' (an empty attribute name; fuzz/elfcore), in ELF and kdump
 * files alike, so such a note is refused.
 */
#define MAX_NOTES (16u << 20)

static struct dxi_error *check_vmcoreinfo_text(const unsigned char *text,
					       uint64_t len, const char *path)
{
	for (uint64_t i = 0; i < len; i++)
		if (text[i] == '.' && (i == 0 || text[i - 1] == '\n'))
			return damaged(path, "a VMCOREINFO line starts with '.'");
	return NULL;
}

/* The VMCOREINFO notes of notes[0, len), a PT_NOTE segment. */
static struct dxi_error *check_vmcoreinfo(const unsigned char *notes,
					  uint64_t len, const char *path)
{
	uint64_t off = 0;

	while (off <= len && len - off >= 12) {
		uint64_t namesz = get32(notes + off), descsz = get32(notes + off + 4);
		uint64_t name = off + 12, desc = name + ((namesz + 3) & ~3ULL);

		if (desc > len || descsz > len - desc)
			break;
		if (namesz == 11 && !memcmp(notes + name, "VMCOREINFO", 10))
			return check_vmcoreinfo_text(notes + desc, descsz, path);
		off = desc + ((descsz + 3) & ~3ULL);
	}
	return NULL;
}

/* The section header table and, for PN_XNUM, the real program header
 * count (section 0's sh_info): libkdumpfile reads both unchecked. */
static struct dxi_error *check_sections(dxi_pread_fn *rd, void *arg,
					uint64_t size, const char *path,
					const unsigned char *eh, uint32_t *phnum)
{
	uint64_t shoff = get64(eh + 40), shnum = get16(eh + 60);

	/* A count without a table, or a table past the end, was a SIGSEGV
	 * (fuzz/elfcore). */
	if (shnum || shoff) {
		uint64_t end = add_sat(shoff, mul_sat(shnum ? shnum : 1, ELF_SHDR_SIZE));

		if (!shoff)
			return damaged(path, "it counts ELF section headers but has no table of them");
		if (get16(eh + 58) != ELF_SHDR_SIZE)
			return damaged(path, "its ELF section header size is not 64");
		if (end > size)
			return truncated(path, size, "section headers", end);
	}
	if (*phnum == PN_XNUM_) {
		unsigned char sh[ELF_SHDR_SIZE];

		/* without a table, libkdumpfile sized an allocation from
		 * whatever lay at offset 0 (fuzz/elfcore: a 1 TiB malloc) */
		if (!shoff)
			return damaged(path, "it keeps its program header count in a section header but has no section table");
		if (add_sat(shoff, ELF_SHDR_SIZE) > size ||
		    !rd(arg, sh, sizeof(sh), shoff))
			return truncated(path, size, "section header",
					 add_sat(shoff, ELF_SHDR_SIZE));
		*phnum = get32(sh + 44);
	}
	return NULL;
}

/* A PT_NOTE segment: inside the file, and its VMCOREINFO well formed. */
static struct dxi_error *check_note_segment(dxi_pread_fn *rd, void *arg,
					    uint64_t size, const char *path,
					    uint64_t off, uint64_t filesz)
{
	uint64_t end = add_sat(off, filesz);
	unsigned char *notes;
	struct dxi_error *err;

	if (end > size)
		return truncated(path, size, "notes", end);
	if (filesz > MAX_NOTES)
		return NULL;
	notes = malloc(filesz ? filesz : 1);
	if (!notes)
		return &dxi_error_nomem;
	err = rd(arg, notes, filesz, off) ? check_vmcoreinfo(notes, filesz, path) :
					    truncated(path, size, "notes", end);
	free(notes);
	return err;
}

struct dxi_error *dxi_dumpcheck_elf(dxi_pread_fn *rd, void *arg, uint64_t size,
				    const char *path,
				    struct dxi_dump_extent *out)
{
	unsigned char eh[ELF_EHDR_SIZE], ph[ELF_PHDR_SIZE];
	uint64_t phoff, phend, need = 0;
	struct dxi_error *err;
	uint32_t phnum;

	memset(out, 0, sizeof(*out));
	out->file_size = size;
	if (size < ELF_EHDR_SIZE || !rd(arg, eh, sizeof(eh), 0))
		return truncated(path, size, "ELF header", ELF_EHDR_SIZE);
	if (eh[4] != 2 /* ELFCLASS64 */ || eh[5] != 1 /* ELFDATA2LSB */)
		return dxi_error_new(DXI_ERR_FORMAT,
				     "dump %s is not a 64-bit little-endian ELF core (class %u, data %u); only x86-64 dumps are read",
				     path, eh[4], eh[5]);
	phoff = get64(eh + 32);
	phnum = get16(eh + 56);
	if (get16(eh + 54) != ELF_PHDR_SIZE && phnum)
		return damaged(path, "its ELF program header size is not 56");
	err = check_sections(rd, arg, size, path, eh, &phnum);
	if (err)
		return err;
	if (phnum > MAX_PHDRS)
		return damaged(path, "it claims more than 16M program headers");
	phend = add_sat(phoff, mul_sat(phnum, ELF_PHDR_SIZE));
	if (phend > size)
		return truncated(path, size, "program headers", phend);
	for (uint32_t i = 0; i < phnum; i++) {
		uint64_t end;

		if (!rd(arg, ph, sizeof(ph), phoff + (uint64_t)i * ELF_PHDR_SIZE))
			return truncated(path, size, "program headers", phend);
		end = add_sat(get64(ph + 8), get64(ph + 32));
		if (get32(ph) == PT_NOTE_) {
			err = check_note_segment(rd, arg, size, path, get64(ph + 8),
						 get64(ph + 32));
			if (err)
				return err;
		}
		if (end > need)
			need = end;
	}
	if (phend > need)
		need = phend;
	out->need = need;
	out->truncated = need > size;
	return NULL;
}

/* Set bits of the second bitmap: one page descriptor each. */
static struct dxi_error *count_descs(dxi_pread_fn *rd, void *arg,
				     uint64_t off, uint64_t len, uint64_t *n)
{
	unsigned char buf[65536];

	*n = 0;
	while (len) {
		size_t chunk = len < sizeof(buf) ? (size_t)len : sizeof(buf);

		if (!rd(arg, buf, chunk, off))
			return dxi_error_new(DXI_ERR_IO, "cannot read the kdump bitmap");
		for (size_t i = 0; i < chunk; i++)
			*n += (uint64_t)__builtin_popcount(buf[i]);
		off += chunk;
		len -= chunk;
	}
	return NULL;
}

/*
 * Where the page data ends: makedumpfile writes it in descriptor order,
 * except that every all-zero page shares one copy at the start of the data
 * (data_start, right after the table). So the last descriptor that does
 * not point there ends the file; the table is read backwards in chunks
 * until one is found.
 */
static uint64_t last_data_end(dxi_pread_fn *rd, void *arg, uint64_t desc_off,
			      uint64_t ndesc, uint64_t data_start)
{
	unsigned char buf[2730 * DXI_KDUMP_DESC_SIZE];
	uint64_t zero_end = data_start;

	while (ndesc) {
		uint64_t n = ndesc < 2730 ? ndesc : 2730;

		ndesc -= n;
		if (!rd(arg, buf, n * DXI_KDUMP_DESC_SIZE,
			desc_off + ndesc * DXI_KDUMP_DESC_SIZE))
			return UINT64_MAX;
		for (uint64_t i = n; i-- > 0;) {
			uint64_t off = get64(buf + i * DXI_KDUMP_DESC_SIZE);
			uint64_t end = (int64_t)off < 0 ? UINT64_MAX :
				add_sat(off, get32(buf + i * DXI_KDUMP_DESC_SIZE + 8));

			if (off != data_start)
				return end;
			if (end > zero_end)
				zero_end = end;
		}
	}
	return zero_end;
}

struct dxi_error *dxi_dumpcheck_kdump(dxi_pread_fn *rd, void *arg,
				      uint64_t size, const char *path,
				      struct dxi_dump_extent *out)
{
	unsigned char h[DXI_KDH_SIZE], sub[64];
	uint64_t bs, sub_blocks, bm_blocks, bm_off, bm_len, hdr_end, ndesc, end;
	int32_t block_size, sub_hdr_size, version;
	struct dxi_error *err;

	memset(out, 0, sizeof(*out));
	out->file_size = size;
	if (size < DXI_KDH_SIZE || !rd(arg, h, sizeof(h), 0))
		return truncated(path, size, "kdump header", DXI_KDH_SIZE);
	memcpy(&version, h + DXI_KDH_VERSION_OFF, 4);
	memcpy(&block_size, h + DXI_KDH_BLOCK_SIZE_OFF, 4);
	memcpy(&sub_hdr_size, h + DXI_KDH_SUB_HDR_SIZE_OFF, 4);
	bm_blocks = get32(h + DXI_KDH_BITMAP_BLOCKS_OFF);
	/* makedumpfile's block is the page size: 4 KiB to 64 KiB. */
	if (block_size < 4096 || block_size > (1 << 20) ||
	    (block_size & (block_size - 1)))
		return damaged(path, "its kdump header's block size is not a power of two between 4 KiB and 1 MiB");
	if (sub_hdr_size < 0 || version < 0)
		return damaged(path, "its kdump header has a negative field");
	bs = (uint64_t)block_size;
	sub_blocks = (uint64_t)sub_hdr_size;
	bm_off = mul_sat(1 + sub_blocks, bs);
	bm_len = mul_sat(bm_blocks, bs);
	hdr_end = add_sat(bm_off, bm_len);
	if (hdr_end > size)
		return truncated(path, size, "kdump headers and bitmaps", hdr_end);
	if (sub_blocks && version >= 3) {
		if (!rd(arg, sub, sizeof(sub), bs))
			return truncated(path, size, "kdump sub-header",
					 bs + sizeof(sub));
		for (int k = 0; k < 2; k++) {
			uint64_t o = get64(sub + (k ? DXI_KSH_NOTE_OFF : DXI_KSH_VMCOREINFO_OFF));
			uint64_t n = get64(sub + (k ? DXI_KSH_NOTE_OFF : DXI_KSH_VMCOREINFO_OFF) + 8);

			if (k && version < 4)
				break;
			if (n && add_sat(o, n) > size)
				return truncated(path, size,
						 k ? "notes" : "VMCOREINFO",
						 add_sat(o, n));
			if (!k && n && n <= MAX_NOTES) {
				unsigned char *text = malloc(n);

				if (!text)
					return &dxi_error_nomem;
				err = rd(arg, text, n, o) ?
					      check_vmcoreinfo_text(text, n, path) :
					      truncated(path, size, "VMCOREINFO", add_sat(o, n));
				free(text);
				if (err)
					return err;
			}
		}
	}
	/* The second half of the bitmap says which pages have a descriptor. */
	err = count_descs(rd, arg, bm_off + bm_len / 2, bm_len / 2, &ndesc);
	if (err)
		return err;
	out->bitmap_off = bm_off;
	out->desc_off = hdr_end;
	out->ndesc = ndesc;
	out->need = add_sat(hdr_end, mul_sat(ndesc, DXI_KDUMP_DESC_SIZE));
	if (out->need > size) {
		/* The page table itself is cut: the data needs more still. */
		out->ndesc_in_file = (size - hdr_end) / DXI_KDUMP_DESC_SIZE;
		out->need_is_lower_bound = true;
		out->truncated = true;
		return NULL;
	}
	out->ndesc_in_file = ndesc;
	end = last_data_end(rd, arg, hdr_end, ndesc, out->need);
	if (end > out->need)
		out->need = end;
	out->truncated = out->need > size;
	return NULL;
}
