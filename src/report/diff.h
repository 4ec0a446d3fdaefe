/* SPDX-License-Identifier: MIT */
/*
 * `daxinspect diff A B`: the findings of two `check --json` outputs or
 * bundles compared, keyed by (check, inode dev:ino, index, pfn). A
 * finding is unchanged, changed (same key; severity, message, expected,
 * actual, known bug or run length differ), appeared (in B only) or
 * disappeared (in A only). Findings of one key are matched identical
 * ones first, then in order. See docs/json-schema.md#kind-diff.
 */
#ifndef DXI_REPORT_DIFF_H
#define DXI_REPORT_DIFF_H

#include <stdbool.h>
#include <stdio.h>

#include "../util/error.h"
#include "../util/json.h"
#include "../util/jsonread.h"

/* Prints the difference of A and B ("-": stdin) as text or JSON;
 * *appeared tells whether B has findings A has not. */
struct dxi_error *dxi_diff_files(const char *a, const char *b, bool json,
				 FILE *f, bool *appeared);

/* The key of one finding of a check --json output: "check|dev:ino|index|pfn"
 * ("-" where absent); malloc'd, NULL on allocation failure. `watch` keys
 * its rounds with it too. */
char *dxi_diff_key(const struct dxi_jval *finding);
/* One finding on one line: "MARK SEVERITY CHECK [DEV:INO PATH] [index N]
 * [pfn P] [(+N pages)]: MESSAGE" then suffix. */
void dxi_diff_print_finding(const struct dxi_jval *finding, char mark,
			    const char *suffix, FILE *f);
/* Any JSON value, as read, written back under key. */
void dxi_diff_write_val(struct dxi_json *j, const char *key,
			const struct dxi_jval *v);

#endif
