// SPDX-License-Identifier: MIT
#include "../report/info.h"
#include "session.h"

int dxi_scmd_info(const struct dxi_options *opts, struct dxi_session *s,
		  int argc, char **argv)
{
	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "daxinspect: info takes one TARGET (a vmcore or /proc/kcore)\n"
				"usage: daxinspect info [OPTIONS] TARGET\n");
		return DXI_EXIT_USAGE;
	}
	if (opts->json)
		dxi_info_json(s->k, stdout);
	else
		dxi_info_text(s->k, stdout);
	return DXI_EXIT_OK;
}
