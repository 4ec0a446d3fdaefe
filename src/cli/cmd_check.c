// SPDX-License-Identifier: MIT
/* `check`: the audit's findings, filtered, as text or JSON; exit 1 on warnings. */
#include <stdlib.h>
#include <string.h>

#include "../report/render.h"
#include "session.h"

/* Parses --check into a per-check filter; NULL means all. */
static int parse_checks(const struct dxi_registry *r, const char *list,
			bool **out)
{
	char *copy, *save = NULL;

	*out = NULL;
	if (!list)
		return 0;
	*out = calloc(r->nchecks, sizeof(**out));
	copy = strdup(list);
	if (!*out || !copy) {
		free(copy);
		return -1;
	}
	for (char *id = strtok_r(copy, ",", &save); id;
	     id = strtok_r(NULL, ",", &save)) {
		int i = dxi_registry_check_index(r, id);

		if (i < 0) {
			fprintf(stderr, "daxinspect: no check '%s'; see 'daxinspect help check'\n", id);
			free(copy);
			return 1;
		}
		(*out)[i] = true;
	}
	free(copy);
	return 0;
}

int dxi_scmd_check(const struct dxi_options *o, struct dxi_session *s,
		   int argc, char **argv)
{
	struct dxi_render_opts ro = { .addresses = o->addresses };
	bool *only = NULL;
	int rc;

	(void)argv;
	if (argc != 0)
		return dxi_cmd_usage("check", "check takes one TARGET (a vmcore or /proc/kcore)");
	if (o->severity && !dxi_severity_parse(o->severity, &ro.min_severity))
		return dxi_cmd_usage("check", "--severity takes info, warning or error");
	rc = parse_checks(o->registry, o->checks, &only);
	if (rc) {
		free(only);
		return rc < 0 ? dxi_cli_fail(&dxi_error_nomem) : DXI_EXIT_USAGE;
	}
	rc = dxi_session_need_audit(o, s);
	if (rc >= 0) {
		free(only);
		return rc;
	}
	ro.inode = o->inode;
	ro.checks = o->registry->checks;
	ro.nchecks = o->registry->nchecks;
	ro.only = only;
	if (o->inode && !dxi_dax_find_inode(&s->a.dax, o->inode)) {
		fprintf(stderr, "daxinspect: no DAX inode '%s' in %s; see 'daxinspect inodes'\n",
			o->inode, s->path);
		rc = DXI_EXIT_USAGE;
	} else {
		if (o->json)
			dxi_render_check_json(&s->a, &ro, stdout);
		else
			dxi_render_check_text(&s->a, &ro, stdout);
		rc = DXI_EXIT_OK;
		for (size_t i = 0; i < s->a.nfindings; i++) {
			if (dxi_render_wants(&s->a, &ro, &s->a.findings[i]) &&
			    s->a.findings[i].severity >= DXI_SEV_WARNING)
				rc = DXI_EXIT_FINDINGS;
		}
	}
	free(only);
	return rc;
}
