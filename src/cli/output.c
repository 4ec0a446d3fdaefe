// SPDX-License-Identifier: MIT
/*
 * Output that cannot be cut silently: a stream a command wrote is
 * flushed and checked before the exit status is decided, as git's
 * run_builtin() checks stdout. A full disk or a failing device gives
 * exit 3 and a message, never truncated output with exit 0 or 1.
 */
#include <errno.h>
#include <stdbool.h>

#include "cli.h"

struct dxi_error *dxi_output_close(FILE *f, const char *what,
				   const char *name)
{
	bool bad;
	int e;

	errno = 0;
	bad = fflush(f) != 0;
	e = errno;
	/* A write that failed earlier leaves ferror set even when this
	 * flush had nothing left to write. */
	if (ferror(f))
		bad = true;
	if (fclose(f) != 0 && !bad) {
		bad = true;
		e = errno;
	}
	if (!bad)
		return NULL;
	if (!e)
		return dxi_error_new(DXI_ERR_IO, "%s %s: a write failed", what,
				     name);
	return dxi_error_errno(e, what, name);
}
