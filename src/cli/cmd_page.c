// SPDX-License-Identifier: MIT
/* `page`: struct pages decoded by pfn. */
#include <stdlib.h>

#include "../report/maps_out.h"
#include "../report/render.h"
#include "session.h"

/* Who maps each page (kern/rmap.h); a layout that cannot walk says so. */
static void print_mappers(struct dxi_session *s, int argc, char **argv)
{
	struct dxi_rmap r;
	struct dxi_error *err = dxi_rmap_walk(s->k, &s->a.dax, &r);

	if (err) {
		printf("mappers: %s\n", err->msg);
		dxi_error_free(err);
		return;
	}
	for (int i = 0; i < argc; i++)
		dxi_render_page_mappers(&s->a, &r, strtoull(argv[i], NULL, 0),
					stdout);
	dxi_rmap_free(&r);
}

int dxi_scmd_page(const struct dxi_options *o, struct dxi_session *s,
		  int argc, char **argv)
{
	struct dxi_render_opts ro = { .addresses = o->addresses };
	struct dxi_page *pages;
	int rc = DXI_EXIT_OK;

	if (argc < 1)
		return dxi_cmd_usage("page", "page takes a TARGET and one or more PFNs");
	for (int i = 0; i < argc; i++) {
		char *end;

		strtoull(argv[i], &end, 0);
		if (!*argv[i] || *end)
			return dxi_cmd_usage("page", "a PFN is a number (decimal or 0x hex)");
	}
	rc = dxi_session_need_audit(o, s);
	if (rc >= 0)
		return rc;
	rc = DXI_EXIT_OK;
	pages = calloc((size_t)argc, sizeof(*pages));
	if (!pages)
		return dxi_cli_fail(&dxi_error_nomem);
	for (int i = 0; i < argc; i++) {
		struct dxi_error *err =
			dxi_page_decode(s->k, strtoull(argv[i], NULL, 0), &pages[i]);

		if (err) {
			rc = dxi_cli_fail(dxi_error_wrap(err, "pfn %s", argv[i]));
			break;
		}
	}
	if (rc == DXI_EXIT_OK)
		dxi_render_pages(&s->a, pages, (size_t)argc, &ro, o->json, stdout);
	if (rc == DXI_EXIT_OK && !o->json)
		print_mappers(s, argc, argv);
	free(pages);
	return rc;
}
