// SPDX-License-Identifier: MIT
/* Bug-report bundles: the JSON reader and `check --bundle FILE`. */
#include "fuzz.h"

#include "../../src/report/json_out.h"
#include "../../src/util/jsonread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	char path[64];
	int fd;

	if (!devnull && !(devnull = fopen("/dev/null", "we")))
		abort();
	/* A NUL inside is the file's business: the reader stops there. */
	fd = fuzz_memfd(data, size);
	fuzz_fd_path(fd, path, sizeof(path));
	dxi_bundle_print(path, devnull);
	close(fd);
	return 0;
}
