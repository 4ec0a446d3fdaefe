// SPDX-License-Identifier: MIT
/*
 * kallsyms: the tables as dxi_kallsyms_load() reads them from a dump,
 * laid out in a synthetic target from the input:
 *
 *	u32 num_syms; u64 relative_base; u8 flags; u16 token_table_len;
 *	u32 names_len; u64 _stext; u16 token_index[256];
 *	token_table[token_table_len]; names[names_len]; offsets or addresses
 *
 * flags: 1 kallsyms_addresses instead of kallsyms_offsets, 2 a
 * kallsyms_relative_base, 4 index every name (no wanted set).
 * tests/fuzz/mkseeds.py writes inputs of this form.
 */
#include "fuzz.h"

#include <inttypes.h>

#include "../../src/dbg/btf.h"
#include "../../src/dump/synth.h"

#define NAMES_AT 0xffffffff82000000ULL
#define NUM_SYMS_AT 0xffffffff83000000ULL
#define OFFSETS_AT 0xffffffff83100000ULL
#define BASE_AT 0xffffffff83200000ULL

struct hdr {
	uint32_t num_syms;
	uint64_t relative_base;
	uint8_t flags;
	uint16_t token_table_len;
	uint32_t names_len;
	uint64_t stext;
} __attribute__((packed));

static size_t take(size_t want, size_t *left)
{
	size_t n = want < *left ? want : *left;

	*left -= n;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"_stext", "__start_BTF", "__stop_BTF", "super_blocks",
		"init_top_pgt", "vmemmap_base", "missing_symbol",
	};
	struct dxi_strmap wanted = { 0 };
	struct dxi_kallsyms *ks = NULL;
	struct dxi_target *t = NULL;
	struct hdr h;
	uint64_t tt_at, ti_at;
	size_t left, ti_len, tt_len, nm_len;
	const uint8_t *p;
	char *vmci = NULL;

	if (size < sizeof(h))
		return -1;
	memcpy(&h, data, sizeof(h));
	p = data + sizeof(h);
	left = size - sizeof(h);
	ti_len = take(512, &left);
	tt_len = take(h.token_table_len, &left);
	nm_len = take(h.names_len, &left);
	/* The tables' addresses follow from the lengths the header claims. */
	tt_at = NAMES_AT + h.names_len;
	ti_at = tt_at + h.token_table_len;
	if (asprintf(&vmci,
		     "OSRELEASE=6.12.0-fuzz\nPAGESIZE=4096\n"
		     "SYMBOL(kallsyms_names)=%" PRIx64 "\n"
		     "SYMBOL(kallsyms_num_syms)=%" PRIx64 "\n"
		     "SYMBOL(kallsyms_token_table)=%" PRIx64 "\n"
		     "SYMBOL(kallsyms_token_index)=%" PRIx64 "\n"
		     "SYMBOL(_stext)=%" PRIx64 "\n"
		     "SYMBOL(%s)=%" PRIx64 "\n%s",
		     (uint64_t)NAMES_AT, (uint64_t)NUM_SYMS_AT, tt_at, ti_at,
		     h.stext, h.flags & 1 ? "kallsyms_addresses" : "kallsyms_offsets",
		     (uint64_t)OFFSETS_AT,
		     h.flags & 2 ? "SYMBOL(kallsyms_relative_base)=ffffffff83200000\n" : "") < 0)
		abort();
	if (!fuzz_ok(dxi_synth_open(vmci, true, &t)))
		abort();
	if (!fuzz_ok(dxi_synth_add(t, DXI_KVIRT, NUM_SYMS_AT, &h.num_syms, 4)) ||
	    !fuzz_ok(dxi_synth_add(t, DXI_KVIRT, BASE_AT, &h.relative_base, 8)) ||
	    !fuzz_ok(dxi_synth_add(t, DXI_KVIRT, ti_at, p, ti_len)) ||
	    !fuzz_ok(dxi_synth_add(t, DXI_KVIRT, tt_at, p + ti_len, tt_len)) ||
	    !fuzz_ok(dxi_synth_add(t, DXI_KVIRT, NAMES_AT, p + ti_len + tt_len, nm_len)) ||
	    !fuzz_ok(dxi_synth_add(t, DXI_KVIRT, OFFSETS_AT,
				   p + ti_len + tt_len + nm_len, left)))
		abort();
	for (size_t i = 0; !(h.flags & 4) && i < sizeof(names) / sizeof(names[0]); i++)
		if (!dxi_strmap_add(&wanted, names[i], 1))
			abort();
	if (fuzz_ok(dxi_kallsyms_load(t, h.flags & 4 ? NULL : &wanted, &ks))) {
		uint64_t a;

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			dxi_kallsyms_lookup(ks, names[i], &a);
		dxi_kallsyms_count(ks);
		dxi_kallsyms_encoding(ks);
		dxi_kallsyms_free(ks);
	}
	dxi_strmap_free(&wanted);
	dxi_target_close(t);
	free(vmci);
	return 0;
}
