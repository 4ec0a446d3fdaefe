// SPDX-License-Identifier: MIT
#include "prstatus.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dumpcheck.h"
#include "elfnote.h"

#define MAX_NOTES (16u << 20)
/* struct elf_prstatus_common (include/linux/elfcore.h): pr_info (12),
 * pr_cursig (2 + 2 pad), pr_sigpend, pr_sighold (8 each), then pr_pid;
 * the same on every 64-bit architecture. */
#define PR_PID_OFF 32

static bool named(const struct dxi_elf_note *n, const char *name)
{
	size_t len = strlen(name);

	return n->namesz == len + 1 && !memcmp(n->name, name, len);
}

void dxi_prstatus_parse(const void *notes, size_t len, struct dxi_prstatus *out)
{
	struct dxi_elf_note n;
	size_t off = 0;

	out->found = true;
	while (dxi_elf_note_next(notes, len, &off, &n)) {
		if (named(&n, "QEMU"))
			out->by_qemu = true;
		if (!named(&n, "CORE") || n.type != NT_PRSTATUS ||
		    n.desc_len < PR_PID_OFF + 4)
			continue;
		if (out->n < DXI_PRSTATUS_MAX)
			memcpy(&out->pid[out->n], (const char *)n.desc + PR_PID_OFF, 4);
		out->n++;
	}
}

/* Reads [off, off + len) of the file and parses it as notes. */
static void parse_at(int fd, uint64_t off, uint64_t len, uint64_t size,
		     struct dxi_prstatus *out)
{
	void *buf;

	if (!len || len > MAX_NOTES || off > size || len > size - off)
		return;
	buf = malloc(len);
	if (buf && pread(fd, buf, len, (off_t)off) == (ssize_t)len)
		dxi_prstatus_parse(buf, len, out);
	free(buf);
}

void dxi_prstatus_read(int fd, bool is_elf, struct dxi_prstatus *out)
{
	unsigned char eh[64], ph[56], sub[64];
	uint64_t off = 0, len = 0, phoff;
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (fstat(fd, &st) < 0)
		return;
	if (!is_elf) {
		int32_t version, bs;

		if (pread(fd, &version, 4, DXI_KDH_VERSION_OFF) != 4 || version < 4 ||
		    pread(fd, &bs, 4, DXI_KDH_BLOCK_SIZE_OFF) != 4 || bs <= 0 ||
		    pread(fd, sub, sizeof(sub), bs) != (ssize_t)sizeof(sub))
			return;
		memcpy(&off, sub + DXI_KSH_NOTE_OFF, 8);
		memcpy(&len, sub + DXI_KSH_NOTE_OFF + 8, 8);
		parse_at(fd, off, len, (uint64_t)st.st_size, out);
		return;
	}
	if (pread(fd, eh, sizeof(eh), 0) != (ssize_t)sizeof(eh))
		return;
	memcpy(&phoff, eh + 32, 8);
	for (uint16_t i = 0, n = (uint16_t)(eh[56] | eh[57] << 8); i < n; i++) {
		uint32_t type;

		if (pread(fd, ph, sizeof(ph), (off_t)(phoff + 56u * i)) != (ssize_t)sizeof(ph))
			break;
		memcpy(&type, ph, 4);
		memcpy(&off, ph + 8, 8);
		memcpy(&len, ph + 32, 8);
		if (type == PT_NOTE)
			parse_at(fd, off, len, (uint64_t)st.st_size, out);
	}
}
