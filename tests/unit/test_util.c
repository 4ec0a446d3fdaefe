// SPDX-License-Identifier: MIT
/* Unit tests: the name index (src/util/nameindex.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/util/cycle.h"
#include "../../src/util/nameindex.h"

/* The owner: value v is names[v] in class classes[v]. */
struct owner {
	char names[600][16];
	unsigned classes[600];
};

static const char *owner_name(const void *o, uint64_t v, unsigned *cls)
{
	const struct owner *w = o;

	*cls = w->classes[v];
	return w->names[v];
}

static void test_nameindex(void **state)
{
	static struct owner w;
	struct dxi_nameindex ix;
	uint64_t v;

	(void)state;
	/* 0 and 1: the same name in two classes; 2: a duplicate of 0, which
	 * must lose; 3: anonymous, not indexed; then enough to grow. */
	strcpy(w.names[0], "page");
	strcpy(w.names[1], "page");
	w.classes[1] = 1;
	strcpy(w.names[2], "page");
	for (int i = 4; i < 600; i++)
		snprintf(w.names[i], sizeof(w.names[i]), "n%d", i);
	assert_true(dxi_nameindex_init(&ix, 2, owner_name, &w));
	for (uint64_t i = 0; i < 600; i++)
		assert_true(dxi_nameindex_add(&ix, i));
	assert_int_equal(ix.len, 2 + 596);

	assert_true(dxi_nameindex_get(&ix, 0, "page", &v));
	assert_int_equal(v, 0);
	assert_true(dxi_nameindex_get(&ix, 1, "page", &v));
	assert_int_equal(v, 1);
	assert_false(dxi_nameindex_get(&ix, 2, "page", &v));
	assert_false(dxi_nameindex_get(&ix, 0, "", &v));
	assert_false(dxi_nameindex_get(&ix, 0, "pag", &v));
	for (uint64_t i = 4; i < 600; i++) {
		assert_true(dxi_nameindex_get(&ix, 0, w.names[i], &v));
		assert_int_equal(v, i);
	}
	dxi_nameindex_free(&ix);
	/* A freed index finds nothing and frees again harmlessly. */
	assert_false(dxi_nameindex_get(&ix, 0, "page", &v));
	dxi_nameindex_free(&ix);
}

/* Feeds x_i = f(x_{i-1}) with a tail of mu and a loop of lam until Brent
 * says it loops; returns the loop length found, or 0 after limit steps. */
static uint64_t brent_run(uint64_t mu, uint64_t lam, uint64_t limit)
{
	struct dxi_brent b;
	uint64_t x = 0, found;

	dxi_brent_init(&b, x);
	for (uint64_t i = 0; i < limit; i++) {
		x = x + 1 < mu + lam ? x + 1 : mu; /* 0..mu+lam-1, then back to mu */
		if (dxi_brent_step(&b, x, &found))
			return found;
	}
	return 0;
}

static void test_brent(void **state)
{
	(void)state;
	/* Every loop is found with its length, within a few turns. */
	for (uint64_t mu = 0; mu < 40; mu++) {
		for (uint64_t lam = 1; lam < 40; lam++)
			assert_int_equal(brent_run(mu, lam, 4 * (mu + lam) + 4), lam);
	}
	/* A sequence of distinct elements never loops. */
	{
		struct dxi_brent b;
		uint64_t found;

		dxi_brent_init(&b, 100);
		for (uint64_t x = 101; x < 100000; x++)
			assert_false(dxi_brent_step(&b, x, &found));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nameindex),
		cmocka_unit_test(test_brent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
