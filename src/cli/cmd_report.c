// SPDX-License-Identifier: MIT
/* `report --bundle FILE`: the findings with their evidence, for someone without the dump. */
#include <errno.h>
#include <stdio.h>

#include "../report/json_out.h"
#include "../report/render.h"
#include "version.h"
#include "session.h"

int dxi_scmd_report(const struct dxi_options *o, struct dxi_session *s,
		    int argc, char **argv)
{
	struct dxi_error *err;
	FILE *f;
	int rc;

	(void)argv;
	if (argc != 0 || !o->bundle)
		return dxi_cmd_usage("report", "report takes --bundle FILE and one TARGET");
	rc = dxi_session_need_audit(o, s);
	if (rc >= 0)
		return rc;
	f = fopen(o->bundle, "we");
	if (!f)
		return dxi_cli_fail(dxi_error_errno(errno, "cannot create bundle",
						    o->bundle));
	dxi_render_bundle(&s->a, !o->no_log,
			  o->command_line ? o->command_line : "",
			  DXI_VERSION, f);
	err = dxi_output_close(f, "cannot write bundle", o->bundle);
	if (err)
		return dxi_cli_fail(err);
	fprintf(stderr, "daxinspect: wrote %s: %zu findings with their evidence; read it with `daxinspect check --bundle %s`\n",
		o->bundle, s->a.nfindings, o->bundle);
	return DXI_EXIT_OK;
}
