// SPDX-License-Identifier: MIT
#include "../kern/layout.h"
#include "cli.h"

int dxi_cli_fail(struct dxi_error *err)
{
	int status = dxi_error_exit_status(err);

	dxi_error_report(err, stderr);
	return status;
}

#define MAX_LAYOUT_SYMBOLS 64

/* The symbol names the kern layer asks for (dxi_layout_queries), for
 * BTF+kallsyms to index only those; names[] is NULL-terminated. */
static void layout_symbols(const char *names[MAX_LAYOUT_SYMBOLS])
{
	size_t n, k = 0;
	const struct dxi_query *q = dxi_layout_queries(&n);

	for (size_t i = 0; i < n && k + 1 < MAX_LAYOUT_SYMBOLS; i++) {
		if (q[i].kind == DXI_Q_SYMBOL)
			names[k++] = q[i].name;
	}
	names[k] = NULL;
}

struct dxi_error *dxi_cli_open_kernel(const struct dxi_options *opts,
				      const char *path,
				      struct dxi_kernel **out)
{
	return dxi_cli_open_kernel_logged(opts, path, NULL, out);
}

struct dxi_error *dxi_cli_open_kernel_logged(const struct dxi_options *opts,
					     const char *path,
					     struct dxi_u64map *read_log,
					     struct dxi_kernel **out)
{
	struct dxi_debuginfo_request req = { 0 };
	const char *symbols[MAX_LAYOUT_SYMBOLS];
	struct dxi_target *target;
	struct dxi_types *types;
	struct dxi_error *err;

	err = dxi_target_open(path, &target);
	if (err)
		return err;
	target->read_log = read_log;
	req.vmlinux = opts->vmlinux;
	req.profile = opts->profile;
	req.dump_path = path;
	req.target = target;
	layout_symbols(symbols);
	req.symbols = symbols;
	req.release = target->vmci.osrelease;
	req.build_id = target->vmci.build_id;
	req.pref = opts->types;
	err = dxi_debuginfo_find(&req, &types);
	if (err) {
		dxi_target_close(target);
		return err;
	}
	return dxi_kernel_open(target, types, opts->semantics, out);
}
