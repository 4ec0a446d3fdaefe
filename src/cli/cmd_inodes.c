// SPDX-License-Identifier: MIT
/* `inodes`: the DAX inodes the audit found. */
#include "../report/render.h"
#include "session.h"

int dxi_scmd_inodes(const struct dxi_options *o, struct dxi_session *s,
		    int argc, char **argv)
{
	int rc;

	(void)argv;
	if (argc != 0)
		return dxi_cmd_usage("inodes", "inodes takes one TARGET");
	rc = dxi_session_need_audit(o, s);
	if (rc >= 0)
		return rc;
	dxi_render_inodes(&s->a, o->json, stdout);
	return DXI_EXIT_OK;
}
