// SPDX-License-Identifier: MIT
/* `pgmaps`: the dev_pagemaps and their ranges. */
#include "../report/render.h"
#include "session.h"

int dxi_scmd_pgmaps(const struct dxi_options *o, struct dxi_session *s,
		    int argc, char **argv)
{
	struct dxi_render_opts ro = { .addresses = o->addresses };
	int rc;

	(void)argv;
	if (argc != 0)
		return dxi_cmd_usage("pgmaps", "pgmaps takes one TARGET");
	rc = dxi_session_need_audit(o, s);
	if (rc >= 0)
		return rc;
	dxi_render_pgmaps(&s->a, &ro, o->json, stdout);
	return DXI_EXIT_OK;
}
