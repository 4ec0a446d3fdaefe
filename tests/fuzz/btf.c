// SPDX-License-Identifier: MIT
/* A raw BTF blob: our header check, libbpf's parse, the index of the
 * queried types, every query the tool asks, the layout built from the
 * answers and a query outside the set (a full index). */
#include "fuzz.h"

#include "../../src/dbg/btf.h"
#include "../../src/kern/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct dxi_query *q;
	struct dxi_types *t = NULL;
	struct dxi_layout layout;
	struct dxi_member m;
	size_t n;

	q = dxi_layout_queries(&n);
	if (!fuzz_ok(dxi_btf_from_blob(data, size, "fuzz.btf", NULL, 0, q, n, &t)))
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t u;
		int64_t s;

		switch (q[i].kind) {
		case DXI_Q_SIZE:
			fuzz_drop(dxi_types_size(t, q[i].type, &u));
			break;
		case DXI_Q_MEMBER:
			fuzz_drop(dxi_types_member(t, q[i].type, q[i].name, &m));
			break;
		case DXI_Q_ARRAYLEN:
			fuzz_drop(dxi_types_array_len(t, q[i].type, q[i].name, &u));
			break;
		case DXI_Q_ENUM:
			fuzz_drop(dxi_types_enum(t, q[i].type, q[i].name, &s));
			break;
		case DXI_Q_SYMBOL:
			fuzz_drop(dxi_types_symbol(t, q[i].name, &u));
			break;
		}
	}
	fuzz_drop(dxi_layout_load(t, &layout));
	fuzz_drop(dxi_types_member(t, "struct list_head", "next.prev", &m));
	fuzz_drop(dxi_types_member(t, "union fuzz_nowhere", "a.b.c", &m));
	dxi_types_close(t);
	return 0;
}
