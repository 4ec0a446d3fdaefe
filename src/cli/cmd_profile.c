// SPDX-License-Identifier: MIT
/*
 * `daxinspect profile extract`: answers the layout queries into a file.
 *
 * Sources: a vmlinux with DWARF (--vmlinux), a dump (its debuginfo, found
 * as for info), or a kernel's BTF alone (--btf FILE: a raw .BTF blob, or
 * an ELF vmlinux with a .BTF section, e.g. one unpacked from a vmlinuz of
 * a kernel Debian ships without -dbg). BTF has no symbols: they come from
 * --system-map FILE when given, else the profile says "-" for each.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../dbg/btf.h"
#include "../dbg/profile.h"
#include "../kern/layout.h"
#include "cli.h"

static struct dxi_error *write_profile(struct dxi_types *types,
				       const char *release, const char *out)
{
	size_t n;
	const struct dxi_query *q = dxi_layout_queries(&n);
	char tmp[4096];
	struct dxi_error *err, *cerr;
	struct stat st;
	bool in_place;
	FILE *f;

	/* A device or FIFO (/dev/stdout) is written in place: renaming a
	 * temporary over it would replace the node itself. */
	in_place = stat(out, &st) == 0 && !S_ISREG(st.st_mode);
	snprintf(tmp, sizeof(tmp), "%s%s", out, in_place ? "" : ".tmp");
	f = fopen(tmp, "we");
	if (!f)
		return dxi_error_errno(errno, "cannot create profile", tmp);
	err = dxi_profile_write(f, types, release, q, n);
	cerr = dxi_output_close(f, "cannot write profile", tmp);
	/* The close names the file and errno, which a write error does not. */
	if (cerr && (!err || err->code == DXI_ERR_IO)) {
		dxi_error_free(err);
		err = cerr;
	} else {
		dxi_error_free(cerr);
	}
	if (!err && !in_place && rename(tmp, out) < 0)
		err = dxi_error_errno(errno, "cannot create profile", out);
	if (err && !in_place)
		unlink(tmp);
	return err;
}

int dxi_cmd_profile(const struct dxi_options *opts, int argc, char **argv)
{
	struct dxi_types *types = NULL;
	struct dxi_kernel *k = NULL;
	const char *release = "";
	const char *btf = opts->btf, *sysmap = opts->system_map;
	char btf_release[128] = "";
	struct dxi_error *err;
	int sources;

	sources = (argc == 2) + !!opts->vmlinux + !!btf;
	if (argc < 1 || strcmp(argv[0], "extract") || argc > 2 ||
	    !opts->output || sources != 1 || (sysmap && !btf))
		goto usage;
	if (argc == 2) {
		/* From a dump: the debuginfo is found and checked as for info. */
		err = dxi_cli_open_kernel(opts, argv[1], &k);
		if (err)
			return dxi_cli_fail(err);
		types = k->types;
		release = k->target->vmci.osrelease;
	} else if (btf) {
		size_t n;
		const struct dxi_query *q = dxi_layout_queries(&n);

		err = dxi_btf_open_file(btf, sysmap, q, n, &types, btf_release,
					sizeof(btf_release));
		if (err)
			return dxi_cli_fail(err);
		release = btf_release;
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
usage:
	fprintf(stderr, "daxinspect: usage: daxinspect profile extract (--vmlinux FILE | TARGET | --btf FILE [--system-map FILE]) -o FILE\n");
	return DXI_EXIT_USAGE;
}
