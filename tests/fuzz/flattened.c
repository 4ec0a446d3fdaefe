// SPDX-License-Identifier: MIT
/* makedumpfile's flattened stream: the header check and the record
 * replay into a regular file (an anonymous temp file here, not the
 * cache: no $HOME, no $XDG_CACHE_HOME). */
#include "fuzz.h"

#include "../../src/dump/target.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	unsetenv("XDG_CACHE_HOME");
	unsetenv("HOME");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = fuzz_memfd(data, size), out = -1;

	if (fuzz_ok(dxi_flattened_rebuild(fd, "fuzz.flat", &out))) {
		if (out < 0)
			abort();
		close(out);
	}
	close(fd);
	return 0;
}
