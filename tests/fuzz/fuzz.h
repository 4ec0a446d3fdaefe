/* SPDX-License-Identifier: MIT */
/*
 * Shared by the libFuzzer targets (tests/fuzz/README.md): readers that
 * take a file descriptor or a path get the input in a memfd, so the
 * reader's API stays as it is.
 */
#ifndef DXI_TESTS_FUZZ_H
#define DXI_TESTS_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../src/util/error.h"

/* The libFuzzer entry point each target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* and may define, to set up once */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A memfd holding data, at offset 0; aborts if one cannot be made (the
 * harness, not the reader, is then broken). */
static inline int fuzz_memfd(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);
	size_t done = 0;

	if (fd < 0)
		abort();
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n <= 0)
			abort();
		done += (size_t)n;
	}
	if (lseek(fd, 0, SEEK_SET) != 0)
		abort();
	return fd;
}

/* The path that opens fd again ("/proc/self/fd/N"). */
static inline void fuzz_fd_path(int fd, char *buf, size_t size)
{
	snprintf(buf, size, "/proc/self/fd/%d", fd);
}

/* A NUL-terminated copy of the input (for text readers). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Reads the first 8 bytes as a little-endian u64 (0-padded) and skips them. */
static inline uint64_t fuzz_take_u64(const uint8_t **data, size_t *size)
{
	uint64_t v = 0;
	size_t n = *size < 8 ? *size : 8;

	memcpy(&v, *data, n);
	*data += n;
	*size -= n;
	return v;
}

/* True on success; frees the error otherwise (printing it first when
 * $DXI_FUZZ_VERBOSE is set, to see why a seed goes no further). */
static inline bool fuzz_ok(struct dxi_error *err)
{
	if (err && getenv("DXI_FUZZ_VERBOSE"))
		fprintf(stderr, "fuzz: %s\n", err->msg);
	dxi_error_free(err);
	return !err;
}

static inline void fuzz_drop(struct dxi_error *err)
{
	(void)fuzz_ok(err);
}

#endif
