/* SPDX-License-Identifier: MIT */
/*
 * One error type for the whole tool (docs/design.md#errors).
 *
 * A function that can fail returns struct dxi_error *: NULL on success,
 * otherwise an error with a code and a message that names the object and,
 * where there is one, the way out. Context is added as the error climbs:
 * dxi_error_wrap(err, "reading page %#lx", addr) gives
 * "reading page 0x3f000: pfn not in dump".
 *
 * Out-of-memory is a static error, never a crash.
 */
#ifndef DXI_UTIL_ERROR_H
#define DXI_UTIL_ERROR_H

#include <stdbool.h>
#include <stdio.h>

enum dxi_errcode {
	DXI_ERR_NOMEM = 1,
	DXI_ERR_USAGE,		/* bad command line: exit 2 */
	DXI_ERR_IO,		/* a file could not be opened or read */
	DXI_ERR_PERM,		/* permission denied (e.g. /proc/kcore as non-root) */
	DXI_ERR_FORMAT,		/* not a dump / not a vmlinux / unsupported format */
	DXI_ERR_CORRUPT,	/* recognised, but damaged or truncated */
	DXI_ERR_NODATA,		/* the dump does not contain this memory */
	DXI_ERR_ADDR,		/* an address could not be translated */
	DXI_ERR_DEBUGINFO,	/* no (matching) type information */
	DXI_ERR_NOTFOUND,	/* a type, member, symbol or object does not exist */
	DXI_ERR_INTERRUPTED,	/* stopped by the user (Ctrl-C) */
	DXI_ERR_INTERNAL,
};

struct dxi_error {
	enum dxi_errcode code;
	bool is_static;
	char *msg;
};

/* Creates an error; on allocation failure returns the static OOM error. */
struct dxi_error *dxi_error_new(enum dxi_errcode code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prefixes err's message with context ("context: msg"); keeps the code. */
struct dxi_error *dxi_error_wrap(struct dxi_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Creates an error from errno, naming the path. */
struct dxi_error *dxi_error_errno(int errnum, const char *what, const char *path);
void dxi_error_free(struct dxi_error *err);
/* When *errp has this code: frees it, sets *errp to NULL and returns true
 * (drgn's drgn_error_catch()). */
bool dxi_error_catch(struct dxi_error **errp, enum dxi_errcode code);
/* The process exit status an error maps to (2 usage, 3 target;
 * docs/design.md#exit-status). */
int dxi_error_exit_status(const struct dxi_error *err);
/* Prints "daxinspect: msg" on f and frees err. */
void dxi_error_report(struct dxi_error *err, FILE *f);

extern struct dxi_error dxi_error_nomem;

#endif
