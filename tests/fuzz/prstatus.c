// SPDX-License-Identifier: MIT
/* The NT_PRSTATUS reader: the note walk over the input as a notes buffer,
 * and the input as a dump file, ELF (PT_NOTEs) and kdump-compressed (the
 * sub-header's notes), through dxi_prstatus_read(). */
#include "fuzz.h"

#include <string.h>
#include <unistd.h>

#include "../../src/dump/prstatus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dxi_prstatus ps;
	int fd;

	memset(&ps, 0, sizeof(ps));
	dxi_prstatus_parse(data, size, &ps);
	if (ps.n > size / 12)
		abort();	/* a note is at least its 12-byte header */
	fd = fuzz_memfd(data, size);
	if (fd < 0)
		return 0;
	dxi_prstatus_read(fd, true, &ps);
	dxi_prstatus_read(fd, false, &ps);
	close(fd);
	return 0;
}
