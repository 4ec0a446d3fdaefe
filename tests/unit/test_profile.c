// SPDX-License-Identifier: MIT
/* Unit tests: type profiles (present, absent and unrecorded facts) and the
 * string map under them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../src/dbg/profile.h"
#include "../../src/util/strmap.h"

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/dxi-profile-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static const char profile[] =
	"daxinspect-profile\t1\n"
	"build-id\tabcdef\n"
	"release\t6.12.117+deb12-cloud-amd64\n"
	"source\tdwarf /x/vmlinux\n"
	"size\tstruct page\t64\n"
	"member\tstruct page\tmapping\t24\t8\n"
	"member\tstruct page\tpgmap\t-\n"
	"arraylen\tstruct xa_node\tslots\t64\n"
	"enum\tMEMORY_DEVICE_FS_DAX\t3\n"
	"enum\tNEGATIVE\t-2\n"
	"symbol\tsuper_blocks\tffffffff82b68310\n"
	"symbol\thuge_zero_folio\t-\n";

static void test_profile_lookups(void **state)
{
	char *path = write_tmp(profile);
	struct dxi_types *t;
	struct dxi_member m;
	struct dxi_error *err;
	uint64_t v;
	int64_t sv;

	(void)state;
	assert_null(dxi_profile_open(path, &t));
	assert_string_equal(t->build_id, "abcdef");
	assert_string_equal(t->release, "6.12.117+deb12-cloud-amd64");
	assert_null(dxi_types_size(t, "struct page", &v));
	assert_int_equal(v, 64);
	assert_null(dxi_types_member(t, "struct page", "mapping", &m));
	assert_int_equal(m.offset, 24);
	assert_int_equal(m.size, 8);
	assert_null(dxi_types_array_len(t, "struct xa_node", "slots", &v));
	assert_int_equal(v, 64);
	assert_null(dxi_types_enum(t, "enum memory_type", "MEMORY_DEVICE_FS_DAX", &sv));
	assert_int_equal(sv, 3);
	assert_null(dxi_types_enum(t, "enum memory_type", "NEGATIVE", &sv));
	assert_int_equal(sv, -2);
	assert_null(dxi_types_symbol(t, "super_blocks", &v));
	assert_int_equal(v, 0xffffffff82b68310ULL);

	/* Recorded as absent: NOTFOUND, so layouts can probe. */
	err = dxi_types_member(t, "struct page", "pgmap", &m);
	assert_non_null(err);
	assert_int_equal(err->code, DXI_ERR_NOTFOUND);
	dxi_error_free(err);
	err = dxi_types_symbol(t, "huge_zero_folio", &v);
	assert_int_equal(err->code, DXI_ERR_NOTFOUND);
	dxi_error_free(err);

	/* Not recorded at all: a debuginfo error telling to re-extract,
	 * never a silent "absent". */
	err = dxi_types_member(t, "struct page", "share", &m);
	assert_non_null(err);
	assert_int_equal(err->code, DXI_ERR_DEBUGINFO);
	assert_non_null(strstr(err->msg, "re-extract"));
	dxi_error_free(err);

	dxi_types_close(t);
	unlink(path);
	free(path);
}

static void test_profile_bad(void **state)
{
	char *path = write_tmp("hello world\n");
	struct dxi_types *t = NULL;
	struct dxi_error *err;

	(void)state;
	err = dxi_profile_open(path, &t);
	assert_non_null(err);
	assert_int_equal(err->code, DXI_ERR_DEBUGINFO);
	assert_non_null(strstr(err->msg, "not a daxinspect type profile"));
	dxi_error_free(err);
	unlink(path);
	free(path);

	path = write_tmp("daxinspect-profile\t1\nmember\tstruct page\tx\tnotanumber\t8\n");
	err = dxi_profile_open(path, &t);
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "line 2"));
	dxi_error_free(err);
	unlink(path);
	free(path);

	err = dxi_profile_open("/nonexistent/x.profile", &t);
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "/nonexistent/x.profile"));
	dxi_error_free(err);
}

/* Writing a profile from a profile reproduces the answers. */
static void test_profile_roundtrip(void **state)
{
	char *path = write_tmp(profile);
	const struct dxi_query q[] = {
		{ DXI_Q_SIZE, "struct page", NULL, false },
		{ DXI_Q_MEMBER, "struct page", "mapping", false },
		{ DXI_Q_MEMBER, "struct page", "pgmap", false },
		{ DXI_Q_ENUM, "enum memory_type", "NEGATIVE", false },
		{ DXI_Q_SYMBOL, NULL, "super_blocks", false },
	};
	char buf[4096] = { 0 };
	struct dxi_types *t;
	FILE *f;

	(void)state;
	assert_null(dxi_profile_open(path, &t));
	f = fmemopen(buf, sizeof(buf) - 1, "w");
	assert_null(dxi_profile_write(f, t, "rel", q, 5));
	fclose(f);
	assert_non_null(strstr(buf, "size\tstruct page\t64\n"));
	assert_non_null(strstr(buf, "member\tstruct page\tmapping\t24\t8\n"));
	assert_non_null(strstr(buf, "member\tstruct page\tpgmap\t-\n"));
	assert_non_null(strstr(buf, "enum\tNEGATIVE\t-2\n"));
	assert_non_null(strstr(buf, "symbol\tsuper_blocks\tffffffff82b68310\n"));
	assert_non_null(strstr(buf, "build-id\tabcdef\n"));
	dxi_types_close(t);
	unlink(path);
	free(path);
}

static void test_strmap(void **state)
{
	struct dxi_strmap m = { 0 };
	char key[32];
	uint64_t v;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_true(dxi_strmap_add(&m, key, (uint64_t)i));
	}
	assert_true(dxi_strmap_add(&m, "k5", 99)); /* first wins */
	assert_true(dxi_strmap_get(&m, "k5", &v));
	assert_int_equal(v, 5);
	assert_true(dxi_strmap_set(&m, "k5", 99));
	assert_true(dxi_strmap_get(&m, "k5", &v));
	assert_int_equal(v, 99);
	assert_true(dxi_strmap_get(&m, "k999", &v));
	assert_int_equal(v, 999);
	assert_false(dxi_strmap_get(&m, "k1000", &v));
	assert_int_equal(m.len, 1000);
	/* Every key survives the grows (slots moved by their stored hash). */
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_true(dxi_strmap_get(&m, key, &v));
		assert_int_equal(v, i == 5 ? 99 : (uint64_t)i);
	}
	assert_false(dxi_strmap_get(&m, "", &v));
	dxi_strmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile_lookups),
		cmocka_unit_test(test_profile_bad),
		cmocka_unit_test(test_profile_roundtrip),
		cmocka_unit_test(test_strmap),
	};

	return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}
