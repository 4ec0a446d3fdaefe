// SPDX-License-Identifier: MIT
/* `entries`: one DAX inode's xarray entries. */
#include "../report/render.h"
#include "session.h"

int dxi_scmd_entries(const struct dxi_options *o, struct dxi_session *s,
		     int argc, char **argv)
{
	const struct dxi_inode *ino;
	int rc;

	if (argc != 1)
		return dxi_cmd_usage("entries", "entries takes a TARGET and an inode (DEV:INO or path)");
	rc = dxi_session_need_audit(o, s);
	if (rc >= 0)
		return rc;
	ino = dxi_dax_find_inode(&s->a.dax, argv[0]);
	if (!ino) {
		fprintf(stderr, "daxinspect: no DAX inode '%s' in %s; see 'daxinspect inodes'\n",
			argv[0], s->path);
		return DXI_EXIT_USAGE;
	}
	dxi_render_entries(&s->a, ino, o->json, stdout);
	return DXI_EXIT_OK;
}
