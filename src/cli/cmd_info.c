// SPDX-License-Identifier: MIT
#include "../report/info.h"
#include "cli.h"

int dxi_cmd_info(const struct dxi_options *opts, int argc, char **argv)
{
	struct dxi_kernel *k;
	struct dxi_error *err;

	if (argc != 1) {
		fprintf(stderr, "daxinspect: info takes one TARGET (a vmcore or /proc/kcore)\n"
				"usage: daxinspect info [OPTIONS] TARGET\n");
		return DXI_EXIT_USAGE;
	}
	err = dxi_cli_open_kernel(opts, argv[0], &k);
	if (err)
		return dxi_cli_fail(err);
	if (opts->json)
		dxi_info_json(k, stdout);
	else
		dxi_info_text(k, stdout);
	dxi_kernel_close(k);
	return DXI_EXIT_OK;
}
