// SPDX-License-Identifier: MIT
/* Type profiles: the text reader, every query the tool asks, and the
 * layout built from the answers. */
#include "fuzz.h"

#include "../../src/dbg/profile.h"
#include "../../src/dbg/types.h"
#include "../../src/kern/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = fuzz_memfd(data, size);
	struct dxi_types *t = NULL;
	char path[64], bid[128];

	fuzz_fd_path(fd, path, sizeof(path));
	fuzz_drop(dxi_profile_peek_build_id(path, bid, sizeof(bid)));
	if (fuzz_ok(dxi_profile_open(path, &t))) {
		const struct dxi_query *q;
		struct dxi_layout layout;
		size_t n;

		q = dxi_layout_queries(&n);
		for (size_t i = 0; i < n; i++) {
			struct dxi_member m;
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
		dxi_types_close(t);
	}
	close(fd);
	return 0;
}
