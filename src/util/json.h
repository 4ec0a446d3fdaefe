/* SPDX-License-Identifier: MIT */
/*
 * A streaming JSON writer: pretty-printed (two spaces), keys in the order
 * the caller emits them, so output is stable and diffable.
 *
 *	struct dxi_json j; dxi_json_init(&j, stdout);
 *	dxi_json_begin_object(&j, NULL);
 *	dxi_json_string(&j, "release", "6.1.0");
 *	dxi_json_end(&j);
 */
#ifndef DXI_UTIL_JSON_H
#define DXI_UTIL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define DXI_JSON_MAX_DEPTH 32

struct dxi_json {
	FILE *f;
	int depth;
	bool first[DXI_JSON_MAX_DEPTH];
	bool compact;		/* one line per top-level value (JSON lines) */
};

void dxi_json_init(struct dxi_json *j, FILE *f);
/* The same, writing each top-level value on one line. */
void dxi_json_init_compact(struct dxi_json *j, FILE *f);
/* key is NULL inside arrays and for the top-level value. */
void dxi_json_begin_object(struct dxi_json *j, const char *key);
void dxi_json_begin_array(struct dxi_json *j, const char *key);
void dxi_json_end_object(struct dxi_json *j);
void dxi_json_end_array(struct dxi_json *j);
void dxi_json_string(struct dxi_json *j, const char *key, const char *s);
void dxi_json_u64(struct dxi_json *j, const char *key, uint64_t v);
void dxi_json_i64(struct dxi_json *j, const char *key, int64_t v);
/* A hex string "0x..." (JSON numbers lose 64-bit precision in many readers). */
void dxi_json_hex(struct dxi_json *j, const char *key, uint64_t v);
void dxi_json_bool(struct dxi_json *j, const char *key, bool v);
void dxi_json_null(struct dxi_json *j, const char *key);

#endif
