// SPDX-License-Identifier: MIT
/*
 * Fuzz target "kdump": the ELF and kdump header checks made before libkdumpfile
 * sees a file (src/dump/dumpcheck.c). The input is the file; its first
 * byte picks the checker so both get every input.
 */
#include <stdint.h>
#include <string.h>

#include "../../src/dump/dumpcheck.h"

struct buf {
	const uint8_t *p;
	size_t n;
};

static bool mem_pread(void *arg, void *out, size_t len, uint64_t off)
{
	const struct buf *b = arg;

	if (off > b->n || len > b->n - off)
		return false;
	memcpy(out, b->p + off, len);
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = { data, size };
	struct dxi_dump_extent x;
	struct dxi_error *err;

	err = dxi_dumpcheck_elf(mem_pread, &b, size, "fuzz", &x);
	dxi_error_free(err);
	err = dxi_dumpcheck_kdump(mem_pread, &b, size, "fuzz", &x);
	if (!err && x.truncated && x.need <= x.file_size)
		__builtin_trap(); /* "truncated" must mean it needs more */
	dxi_error_free(err);
	return 0;
}
