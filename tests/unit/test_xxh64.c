// SPDX-License-Identifier: MIT
/* Unit tests: XXH64 (src/util/xxh64.c), the compressed-dump cache key,
 * against the reference implementation's published values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/util/xxh64.h"

static const struct {
	const char *s;
	uint64_t want;
} vectors[] = {
	{ "", 0xef46db3751d8e999ULL },
	{ "a", 0xd24ec4f1a98c6e5bULL },
	{ "abc", 0x44bc2cf5ad770999ULL },
	{ "Nobody inspects the spammish repetition", 0xfbcea83c8a378bf1ULL },
};

static uint64_t hash_in_pieces(const char *s, size_t piece)
{
	struct dxi_xxh64 h;
	size_t len = strlen(s);

	dxi_xxh64_init(&h, 0);
	for (size_t i = 0; i < len; i += piece)
		dxi_xxh64_update(&h, s + i, len - i < piece ? len - i : piece);
	return dxi_xxh64_digest(&h);
}

static void test_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		/* Whole, byte by byte and across the 32-byte stripes. */
		assert_int_equal(hash_in_pieces(vectors[i].s, 1000), vectors[i].want);
		assert_int_equal(hash_in_pieces(vectors[i].s, 1), vectors[i].want);
		assert_int_equal(hash_in_pieces(vectors[i].s, 7), vectors[i].want);
	}
}

/* Long input: every way of cutting it gives the one-call hash. */
static void test_streaming(void **state)
{
	static char buf[5000];
	uint64_t whole;

	(void)state;
	for (size_t i = 0; i < sizeof(buf) - 1; i++)
		buf[i] = (char)('a' + (i * 7919) % 26);
	whole = hash_in_pieces(buf, sizeof(buf));
	for (size_t piece = 1; piece < 100; piece += 3)
		assert_int_equal(hash_in_pieces(buf, piece), whole);
	buf[2500] ^= 1;
	assert_int_not_equal(hash_in_pieces(buf, sizeof(buf)), whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_streaming),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
