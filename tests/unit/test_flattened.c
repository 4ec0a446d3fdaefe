// SPDX-License-Identifier: MIT
/* Unit tests: rebuilding makedumpfile flattened streams. */
#include <endian.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../src/dump/target.h"

static char cache[] = "/tmp/dxi-flat-cache-XXXXXX";

static void put_record(FILE *f, int64_t off, const void *data, int64_t size)
{
	uint64_t hdr[2] = { htobe64((uint64_t)off), htobe64((uint64_t)size) };

	fwrite(hdr, sizeof(hdr), 1, f);
	if (size > 0)
		fwrite(data, (size_t)size, 1, f);
}

/* Writes a stream; cut >= 0 truncates it to that many bytes. */
static char *make_stream(long cut, bool bad_type)
{
	char *path = strdup("/tmp/dxi-flat-XXXXXX");
	unsigned char hdr[4096] = "makedumpfile";
	uint64_t type = htobe64(bad_type ? 7 : 1), version = htobe64(1);
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	memcpy(hdr + 16, &type, 8);
	memcpy(hdr + 24, &version, 8);
	fwrite(hdr, sizeof(hdr), 1, f);
	/* Out of order, as makedumpfile writes (header last). */
	put_record(f, 8192, "WORLD", 5);
	put_record(f, 0, "HELLO", 5);
	put_record(f, 4, "!", 1);
	put_record(f, -1, NULL, 0);
	fclose(f);
	if (cut >= 0)
		assert_int_equal(truncate(path, cut), 0);
	return path;
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(cache))
		return -1;
	setenv("XDG_CACHE_HOME", cache, 1);
	return 0;
}

static void test_rebuild(void **state)
{
	char *path = make_stream(-1, false);
	char buf[8200];
	int fd = open(path, O_RDONLY), out, out2;

	(void)state;
	assert_null(dxi_flattened_rebuild(fd, path, &out));
	assert_int_equal(pread(out, buf, sizeof(buf), 0), 8197);
	assert_memory_equal(buf, "HELL!", 5);
	assert_memory_equal(buf + 8192, "WORLD", 5);
	/* A second open reuses the cached file. */
	assert_null(dxi_flattened_rebuild(fd, path, &out2));
	assert_int_equal(pread(out2, buf, 5, 8192), 5);
	assert_memory_equal(buf, "WORLD", 5);
	close(out);
	close(out2);
	close(fd);
	unlink(path);
	free(path);
}

static void test_truncated(void **state)
{
	/* Cut in the middle of a record's data, and before the end record. */
	long cuts[] = { 4096 + 16 + 2, 4096 + 3 * 16 + 11 };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		char *path = make_stream(cuts[i], false);
		int fd = open(path, O_RDONLY), out = -1;
		struct dxi_error *err = dxi_flattened_rebuild(fd, path, &out);

		assert_non_null(err);
		assert_int_equal(err->code, DXI_ERR_CORRUPT);
		assert_non_null(strstr(err->msg, "truncated"));
		assert_non_null(strstr(err->msg, path));
		dxi_error_free(err);
		close(fd);
		unlink(path);
		free(path);
	}
}

static void test_bad_header(void **state)
{
	char *path = make_stream(-1, true);
	int fd = open(path, O_RDONLY), out = -1;
	struct dxi_error *err = dxi_flattened_rebuild(fd, path, &out);

	(void)state;
	assert_non_null(err);
	assert_int_equal(err->code, DXI_ERR_CORRUPT);
	dxi_error_free(err);
	close(fd);
	unlink(path);
	free(path);
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", cache);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rebuild),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_header),
	};

	return cmocka_run_group_tests_name("flattened", tests, setup, teardown);
}
