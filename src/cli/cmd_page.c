// SPDX-License-Identifier: MIT
/* `page`: struct pages decoded by pfn, with who holds each
 * (checks/holders.h: its user mappings and its refcount split). */
#include <stdlib.h>

#include "../checks/holders.h"
#include "../report/holders_out.h"
#include "../report/json_out.h"
#include "../report/render.h"
#include "../util/json.h"
#include "session.h"

struct page_holders_ctx {
	struct dxi_session *s;
	const struct dxi_rmap *r;	/* NULL: could not walk */
	const char *why;
	struct dxi_error *err;		/* the first failure */
};

/* The holders of p, or false (ctx->err set) if they cannot be had. */
static bool holders_of(struct page_holders_ctx *c, const struct dxi_page *p,
		       struct dxi_page_holders *ph)
{
	struct dxi_error *err;

	if (p->unreadable)
		return false;
	err = dxi_page_holders(&c->s->a, c->r, p, ph);
	if (err) {
		if (!c->err)
			c->err = err;
		else
			dxi_error_free(err);
		return false;
	}
	return true;
}

static void json_extra(struct dxi_json *j, const struct dxi_page *p, void *arg)
{
	struct page_holders_ctx *c = arg;
	struct dxi_page_holders ph;

	if (!holders_of(c, p, &ph))
		return;
	if (ph.walked) {
		dxi_json_begin_array(j, "mappers");
		for (size_t i = 0; i < ph.n; i++)
			dxi_json_holder(j, &c->s->a, &ph.rows[i]);
		dxi_json_end_array(j);
		dxi_json_u64(j, "mappers_problems", c->r->nproblems);
	} else {
		dxi_json_null(j, "mappers");
		dxi_json_string(j, "mappers_unknown", c->why);
	}
	dxi_json_refsplit(j, "refcount_split", &ph.split);
	dxi_page_holders_free(&ph);
}

static void text_holders(struct page_holders_ctx *c, const struct dxi_page *p)
{
	struct dxi_page_holders ph;

	if (!holders_of(c, p, &ph))
		return;
	if (!ph.walked)
		printf("pfn %#llx: mappers unknown: %s\n",
		       (unsigned long long)p->pfn, c->why);
	else if (!ph.n)
		printf("pfn %#llx: no process maps this page%s\n",
		       (unsigned long long)p->pfn,
		       c->r->nproblems ? " (as far as the readable page tables show; see `daxinspect maps`)" : "");
	for (size_t i = 0; i < ph.n; i++) {
		printf("pfn %#llx: ", (unsigned long long)p->pfn);
		dxi_holder_line(&c->s->a, &ph.rows[i], stdout);
		putchar('\n');
	}
	printf("pfn %#llx: ", (unsigned long long)p->pfn);
	if (ph.head.pfn != p->pfn)
		printf("its folio (head pfn %#llx): ",
		       (unsigned long long)ph.head.pfn);
	dxi_refsplit_line(&ph.split, stdout);
	putchar('\n');
	dxi_page_holders_free(&ph);
}

int dxi_scmd_page(const struct dxi_options *o, struct dxi_session *s,
		  int argc, char **argv)
{
	struct dxi_render_opts ro = { .addresses = o->addresses };
	struct page_holders_ctx c = { .s = s };
	struct dxi_error *werr = NULL;
	struct dxi_page *pages;
	struct dxi_rmap r;
	char why[320];
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
	if (rc != DXI_EXIT_OK) {
		free(pages);
		return rc;
	}
	/* Who maps the pages (kern/rmap.h); a layout that cannot walk says so. */
	werr = dxi_rmap_walk(s->k, &s->a.dax, &r);
	if (werr && werr->code == DXI_ERR_NOMEM) {
		free(pages);
		return dxi_cli_fail(werr);
	}
	if (werr) {
		dxi_holders_why(werr->msg, why, sizeof(why));
		c.why = why;
	} else {
		c.r = &r;
	}
	if (o->json) {
		dxi_json_pages(&s->a, pages, (size_t)argc, o->addresses,
			       json_extra, &c, stdout);
	} else {
		dxi_render_pages(&s->a, pages, (size_t)argc, &ro, false, stdout);
		for (int i = 0; i < argc; i++)
			text_holders(&c, &pages[i]);
	}
	if (c.err)
		rc = dxi_cli_fail(c.err);
	if (werr)
		dxi_error_free(werr);
	else
		dxi_rmap_free(&r);
	free(pages);
	return rc;
}
