// SPDX-License-Identifier: MIT
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct dxi_error dxi_error_nomem = {
	.code = DXI_ERR_NOMEM,
	.is_static = true,
	.msg = "out of memory",
};

static struct dxi_error *error_vnew(enum dxi_errcode code, const char *fmt,
				    va_list ap)
{
	struct dxi_error *err = malloc(sizeof(*err));

	if (!err)
		return &dxi_error_nomem;
	err->code = code;
	err->is_static = false;
	if (vasprintf(&err->msg, fmt, ap) < 0) {
		free(err);
		return &dxi_error_nomem;
	}
	return err;
}

struct dxi_error *dxi_error_new(enum dxi_errcode code, const char *fmt, ...)
{
	struct dxi_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = error_vnew(code, fmt, ap);
	va_end(ap);
	return err;
}

struct dxi_error *dxi_error_wrap(struct dxi_error *err, const char *fmt, ...)
{
	char *ctx, *msg;
	va_list ap;

	if (!err || err->is_static)
		return err;
	va_start(ap, fmt);
	if (vasprintf(&ctx, fmt, ap) < 0) {
		va_end(ap);
		return err;
	}
	va_end(ap);
	if (asprintf(&msg, "%s: %s", ctx, err->msg) >= 0) {
		free(err->msg);
		err->msg = msg;
	}
	free(ctx);
	return err;
}

struct dxi_error *dxi_error_errno(int errnum, const char *what, const char *path)
{
	enum dxi_errcode code = DXI_ERR_IO;
	const char *hint = "";

	if (errnum == ENOMEM)
		return &dxi_error_nomem;
	if (errnum == EACCES || errnum == EPERM) {
		code = DXI_ERR_PERM;
		hint = "; check its permissions or run as root";
	} else if (errnum == ENOENT) {
		hint = "; check the path";
	}
	return dxi_error_new(code, "%s %s: %s%s", what, path, strerror(errnum),
			     hint);
}

void dxi_error_free(struct dxi_error *err)
{
	if (!err || err->is_static)
		return;
	free(err->msg);
	free(err);
}

int dxi_error_exit_status(const struct dxi_error *err)
{
	if (!err)
		return 0;
	return err->code == DXI_ERR_USAGE ? 2 : 3;
}

void dxi_error_report(struct dxi_error *err, FILE *f)
{
	if (!err)
		return;
	fprintf(f, "daxinspect: %s\n", err->msg);
	dxi_error_free(err);
}

bool dxi_error_catch(struct dxi_error **errp, enum dxi_errcode code)
{
	if (!*errp || (*errp)->code != code)
		return false;
	dxi_error_free(*errp);
	*errp = NULL;
	return true;
}
