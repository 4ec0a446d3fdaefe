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

/* Prints the difference of A and B ("-": stdin) as text or JSON;
 * *appeared tells whether B has findings A has not. */
struct dxi_error *dxi_diff_files(const char *a, const char *b, bool json,
				 FILE *f, bool *appeared);

#endif
