// SPDX-License-Identifier: MIT
#include "../kern/layout.h"
#include "cli.h"

int dxi_cli_fail(struct dxi_error *err)
{
	int status = dxi_error_exit_status(err);

	dxi_error_report(err, stderr);
	return status;
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
	req.queries = dxi_layout_queries(&req.nqueries);
	req.release = target->vmci.osrelease;
	req.build_id = target->vmci.build_id;
	req.pref = opts->types;
	err = dxi_debuginfo_find(&req, &types);
	if (err && target->vmci.damaged) {
		/* The find's message would name a release or build-id that
		 * is not there: say what is damaged and the way out. */
		struct dxi_error *e = dxi_error_new(
			DXI_ERR_DEBUGINFO,
			"VMCOREINFO of %s is damaged: %s; pass --vmlinux FILE or --profile FILE%s%s to read it from the kernel's memory",
			path, target->vmci.damage,
			target->vmci.build_id[0] ? " for build-id " : "",
			target->vmci.build_id);

		dxi_error_free(err);
		err = e;
	}
	if (err) {
		dxi_target_close(target);
		return err;
	}
	err = dxi_kernel_open(target, types, opts->semantics, out);
	if (!err && (*out)->vmcoreinfo_note[0])
		fprintf(stderr, "daxinspect: warning: %s\n", (*out)->vmcoreinfo_note);
	return err;
}
