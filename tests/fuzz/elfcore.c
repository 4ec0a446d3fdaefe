// SPDX-License-Identifier: MIT
/* ELF vmcores: the header, program headers and notes as dxi_kdump_open()
 * reads them (libkdumpfile, the completeness check, describe_elf), then
 * physical reads through the segments found. */
#include "fuzz.h"

#include <elf.h>

#include "../../src/dump/target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dxi_target *t = NULL;
	uint16_t e_type;
	int fd;

	/* What dxi_target_open() sends here; kdump-compressed headers are
	 * another target's (libkdumpfile's context for those is left
	 * allocated on purpose, kdump.c kdump_close_priv). */
	if (size < 18 || memcmp(data, ELFMAG, SELFMAG))
		return -1;
	memcpy(&e_type, data + 16, 2);
	if (e_type != ET_CORE)
		return -1;
	fd = fuzz_memfd(data, size);
	if (fuzz_ok(dxi_kdump_open(fd, "fuzz.vmcore", &t))) {
		static const uint64_t addrs[] = {
			0, 0x1000, 0xfff, 0x100000, 0x1fffff,
			0xfffffffffffff000ULL,
		};
		struct dxi_view v;
		unsigned char buf[512];
		uint64_t pa, ps;

		for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++)
			fuzz_drop(dxi_target_read(t, DXI_PHYS, addrs[i], buf, sizeof(buf)));
		/* Through the page tables VMCOREINFO points at. */
		fuzz_drop(dxi_target_read(t, DXI_PHYS, t->pgd_phys, buf, sizeof(buf)));
		fuzz_drop(dxi_target_translate(t, 0xffffffff81000000ULL, &pa, &ps));
		if (fuzz_ok(dxi_target_view(t, 0xffffffff81000000ULL, 4096, &v)))
			dxi_view_release(&v);
		dxi_target_close(t);
	}
	return 0;
}
