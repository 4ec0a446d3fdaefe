// SPDX-License-Identifier: MIT
/* `maps`: which processes map DAX pages, where (kern/rmap.h). */
#include <stdint.h>
#include <stdlib.h>

#include "../report/maps_out.h"
#include "session.h"

int dxi_scmd_maps(const struct dxi_options *o, struct dxi_session *s,
		  int argc, char **argv)
{
	struct dxi_maps_filter m = { .inode = SIZE_MAX,
				     .addresses = o->addresses };
	struct dxi_rmap r;
	struct dxi_error *err;
	int rc;

	if (argc > 1)
		return dxi_cmd_usage("maps", "maps takes a TARGET and at most one inode (DEV:INO or path)");
	if (o->pfn) {
		char *end;

		m.pfn = strtoull(o->pfn, &end, 0);
		if (!*o->pfn || *end)
			return dxi_cmd_usage("maps", "--pfn takes a number (decimal or 0x hex)");
		m.has_pfn = true;
	}
	rc = dxi_session_need_audit(o, s);
	if (rc >= 0)
		return rc;
	if (argc == 1) {
		const struct dxi_inode *ino = dxi_dax_find_inode(&s->a.dax, argv[0]);

		if (!ino) {
			fprintf(stderr, "daxinspect: no DAX inode '%s' in %s; see 'daxinspect inodes'\n",
				argv[0], s->path);
			return DXI_EXIT_USAGE;
		}
		m.inode = (size_t)(ino - s->a.dax.inodes);
	}
	err = dxi_rmap_walk(s->k, &s->a.dax, &r);
	if (err)
		return dxi_cli_fail(err);
	dxi_render_maps(&s->a, &r, &m, o->json, stdout);
	dxi_rmap_free(&r);
	return DXI_EXIT_OK;
}
