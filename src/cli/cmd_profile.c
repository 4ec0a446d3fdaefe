// SPDX-License-Identifier: MIT
/* `daxinspect profile extract`: answers the layout queries into a file. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../dbg/profile.h"
#include "../kern/layout.h"
#include "cli.h"

static struct dxi_error *write_profile(struct dxi_types *types,
				       const char *release, const char *out)
{
	size_t n;
	const struct dxi_query *q = dxi_layout_queries(&n);
	char tmp[4096];
	struct dxi_error *err;
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	f = fopen(tmp, "we");
	if (!f)
		return dxi_error_errno(errno, "cannot create profile", tmp);
	err = dxi_profile_write(f, types, release, q, n);
	if (fclose(f) != 0 && !err)
		err = dxi_error_errno(errno, "cannot write profile", tmp);
	if (!err && rename(tmp, out) < 0)
		err = dxi_error_errno(errno, "cannot create profile", out);
	if (err)
		unlink(tmp);
	return err;
}

int dxi_cmd_profile(const struct dxi_options *opts, int argc, char **argv)
{
	struct dxi_types *types = NULL;
	struct dxi_kernel *k = NULL;
	const char *release = "";
	struct dxi_error *err;

	if (argc < 1 || strcmp(argv[0], "extract") || argc > 2 ||
	    !opts->output || (argc == 1 && !opts->vmlinux)) {
		fprintf(stderr, "daxinspect: usage: daxinspect profile extract (--vmlinux FILE | TARGET) -o FILE\n");
		return DXI_EXIT_USAGE;
	}
	if (argc == 2) {
		/* From a dump: the debuginfo is found and checked as for info. */
		err = dxi_cli_open_kernel(opts, argv[1], &k);
		if (err)
			return dxi_cli_fail(err);
		types = k->types;
		release = k->target->vmci.osrelease;
	} else {
		err = dxi_dwarf_open(opts->vmlinux, &types);
		if (err)
			return dxi_cli_fail(err);
	}
	err = write_profile(types, release, opts->output);
	if (k)
		dxi_kernel_close(k);
	else
		dxi_types_close(types);
	if (err)
		return dxi_cli_fail(err);
	return DXI_EXIT_OK;
}
