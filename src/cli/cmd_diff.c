// SPDX-License-Identifier: MIT
#include "../report/diff.h"
#include "cli.h"

int dxi_cmd_diff(const struct dxi_options *opts, int argc, char **argv)
{
	struct dxi_error *err;
	bool appeared = false;

	if (argc != 2) {
		fprintf(stderr, "daxinspect: diff takes two files, A (the baseline) and B, each a check --json output or a bundle\n"
				"usage: daxinspect diff [--json] A B\n");
		return DXI_EXIT_USAGE;
	}
	err = dxi_diff_files(argv[0], argv[1], opts->json, stdout, &appeared);
	if (err)
		return dxi_cli_fail(err);
	return appeared ? DXI_EXIT_FINDINGS : DXI_EXIT_OK;
}
