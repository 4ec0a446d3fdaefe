// SPDX-License-Identifier: MIT
/* The /proc/kcore ELF reader: headers, PT_LOADs, the VMCOREINFO note,
 * then reads through the segments it found. */
#include "fuzz.h"

#include "../../src/dump/target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dxi_target *t = NULL;
	int fd = fuzz_memfd(data, size);

	/* The reader owns fd from here, also on failure. */
	if (fuzz_ok(dxi_kcore_open(fd, "/proc/kcore", &t))) {
		static const uint64_t addrs[] = {
			0, 0x1000, 0x100000, 0xffffffff81000000ULL,
			0xffff888000000000ULL, 0xfffffffffffff000ULL,
		};
		unsigned char buf[256];
		char *s;

		for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
			fuzz_drop(dxi_target_read(t, DXI_PHYS, addrs[i], buf, sizeof(buf)));
			fuzz_drop(dxi_target_read(t, DXI_KVIRT, addrs[i], buf, sizeof(buf)));
			if (fuzz_ok(dxi_target_read_string(t, addrs[i], 64, &s)))
				free(s);
		}
		fuzz_drop(dxi_target_read(t, DXI_PHYS, t->pgd_phys, buf, sizeof(buf)));
		dxi_target_close(t);
	}
	return 0;
}
