// SPDX-License-Identifier: MIT
/* VMCOREINFO note text: the parser, the KEY lookups and what a target
 * derives from it (dxi_target_new through the synthetic backend). */
#include "fuzz.h"

#include "../../src/dump/synth.h"
#include "../../src/dump/vmcoreinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {
		"OSRELEASE", "PAGESIZE", "SYMBOL(init_top_pgt)",
		"NUMBER(phys_base)", "KERNELOFFSET", "SYMBOL(_stext)",
		"NUMBER(kallsyms_num_syms)", "SYMBOL(__start_BTF)",
	};
	struct dxi_target *t = NULL;
	struct dxi_vmcoreinfo v;
	char *raw = fuzz_cstr(data, size);
	uint64_t x;
	size_t len;

	fuzz_drop(dxi_vmcoreinfo_parse(raw, &v));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		dxi_vmcoreinfo_lookup(raw, keys[i], &len);
		dxi_vmcoreinfo_number(raw, keys[i], 10, &x);
		dxi_vmcoreinfo_number(raw, keys[i], 16, &x);
	}
	if (fuzz_ok(dxi_synth_open(raw, false, &t))) {
		uint64_t pa, ps;

		/* No memory: every translation must fail cleanly. */
		fuzz_drop(dxi_target_translate(t, 0xffffffff81000000ULL, &pa, &ps));
		fuzz_drop(dxi_target_translate(t, v.init_top_pgt, &pa, &ps));
		dxi_target_close(t);
	}
	free(raw);
	return 0;
}
