// SPDX-License-Identifier: MIT
#include <stdlib.h>
#include <string.h>

#include "../dbg/find.h"
#include "../report/info.h"
#include "session.h"

/* The DAX-related modules' debuginfo: local, else through debuginfod
 * when $DEBUGINFOD_URLS is set (issue 18: modules come the same way as
 * the vmlinux). Only `info` asks: the audit reads nothing in modules. */
static void find_module_debuginfo(const struct dxi_kernel *k,
				  struct dxi_module_debuginfo *mods)
{
	for (size_t i = 0; i < k->nmodules; i++) {
		const struct dxi_module_info *mi = &k->modules[i];
		struct dxi_error *err;

		if (!mi->dax_related)
			continue;
		err = dxi_module_debuginfo_find(k->target->vmci.osrelease,
						mi->name, mi->build_id,
						&mods[i].path, &mods[i].source);
		if (err) {
			mods[i].why = strdup(err->msg);
			dxi_error_free(err);
		}
	}
}

int dxi_scmd_info(const struct dxi_options *opts, struct dxi_session *s,
		  int argc, char **argv)
{
	struct dxi_module_debuginfo *mods;

	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "daxinspect: info takes one TARGET (a vmcore or /proc/kcore)\n"
				"usage: daxinspect info [OPTIONS] TARGET\n");
		return DXI_EXIT_USAGE;
	}
	mods = calloc(s->k->nmodules ? s->k->nmodules : 1, sizeof(*mods));
	if (!mods) {
		fprintf(stderr, "daxinspect: out of memory\n");
		return DXI_EXIT_TARGET;
	}
	find_module_debuginfo(s->k, mods);
	if (opts->json)
		dxi_info_json(s->k, mods, stdout);
	else
		dxi_info_text(s->k, mods, stdout);
	for (size_t i = 0; i < s->k->nmodules; i++) {
		free(mods[i].path);
		free(mods[i].why);
	}
	free(mods);
	return DXI_EXIT_OK;
}
