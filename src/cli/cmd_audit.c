// SPDX-License-Identifier: MIT
/* check, inodes, entries, pgmaps, page: the audit's commands. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../checks/audit.h"
#include "../report/render.h"
#include "cli.h"

struct progress {
	struct timespec start;
	bool shown;
};

/* Progress on stderr for scans over a second, only on a terminal. */
static void show_progress(void *arg, uint64_t done, uint64_t total)
{
	struct progress *p = arg;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec - p->start.tv_sec < 1 && !p->shown)
		return;
	if ((done & 0xffff) && done != total)
		return;
	p->shown = true;
	fprintf(stderr, "\rscanning struct pages: %" PRIu64 " of %" PRIu64 " ", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
}

static int usage(const char *cmd, const char *msg)
{
	const struct dxi_command *c = dxi_command_find(cmd);

	fprintf(stderr, "daxinspect: %s\nusage: %s\n", msg, c ? c->usage : cmd);
	return DXI_EXIT_USAGE;
}

/* Parses --check into a per-check enable array; NULL means all. */
static int parse_checks(const struct dxi_registry *r, const char *list,
			bool **out)
{
	size_t n = r->nchecks;
	char *copy, *save = NULL;

	*out = NULL;
	if (!list)
		return 0;
	*out = calloc(n, sizeof(**out));
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

/* Opens the target and walks it; run_checks also runs every check. */
static int open_audit(const struct dxi_options *opts, const char *path,
		      bool run_checks, const bool *enabled,
		      struct dxi_kernel **k, struct dxi_audit *a,
		      struct progress *p)
{
	struct dxi_error *err = dxi_cli_open_kernel(opts, path, k);

	if (err)
		return dxi_cli_fail(err);
	memset(a, 0, sizeof(*a));
	a->checks = opts->registry->checks;
	a->nchecks = opts->registry->nchecks;
	a->enabled = enabled;
	a->all_pages = opts->all_pages;
	if (isatty(STDERR_FILENO) && !opts->json) {
		clock_gettime(CLOCK_MONOTONIC, &p->start);
		a->progress = show_progress;
		a->progress_arg = p;
	}
	err = run_checks ? dxi_audit_run(a, *k) : dxi_audit_index(a, *k);
	if (err) {
		dxi_audit_free(a);
		dxi_kernel_close(*k);
		return dxi_cli_fail(err);
	}
	return -1;
}

int dxi_cmd_check(const struct dxi_options *opts, int argc, char **argv)
{
	struct dxi_render_opts ro = { .addresses = opts->addresses };
	struct progress prog = { 0 };
	struct dxi_kernel *k;
	struct dxi_audit a;
	bool *enabled = NULL;
	int rc;

	if (argc != 1)
		return usage("check", "check takes one TARGET (a vmcore or /proc/kcore)");
	if (opts->severity && !dxi_severity_parse(opts->severity, &ro.min_severity))
		return usage("check", "--severity takes info, warning or error");
	rc = parse_checks(opts->registry, opts->checks, &enabled);
	if (rc) {
		free(enabled);
		return rc < 0 ? dxi_cli_fail(&dxi_error_nomem) : DXI_EXIT_USAGE;
	}
	ro.inode = opts->inode;
	rc = open_audit(opts, argv[0], true, enabled, &k, &a, &prog);
	if (rc >= 0) {
		free(enabled);
		return rc;
	}
	if (opts->inode && !dxi_dax_find_inode(&a.dax, opts->inode)) {
		fprintf(stderr, "daxinspect: no DAX inode '%s' in %s; see 'daxinspect inodes'\n",
			opts->inode, argv[0]);
		rc = DXI_EXIT_USAGE;
	} else {
		if (opts->json)
			dxi_render_check_json(&a, &ro, stdout);
		else
			dxi_render_check_text(&a, &ro, stdout);
		rc = a.stats.findings_by_severity[DXI_SEV_ERROR] ||
				     a.stats.findings_by_severity[DXI_SEV_WARNING] ?
			     DXI_EXIT_FINDINGS :
			     DXI_EXIT_OK;
	}
	dxi_audit_free(&a);
	dxi_kernel_close(k);
	free(enabled);
	return rc;
}

int dxi_cmd_inodes(const struct dxi_options *opts, int argc, char **argv)
{
	struct progress prog = { 0 };
	struct dxi_kernel *k;
	struct dxi_audit a;
	int rc;

	if (argc != 1)
		return usage("inodes", "inodes takes one TARGET");
	rc = open_audit(opts, argv[0], false, NULL, &k, &a, &prog);
	if (rc >= 0)
		return rc;
	dxi_render_inodes(&a, opts->json, stdout);
	dxi_audit_free(&a);
	dxi_kernel_close(k);
	return DXI_EXIT_OK;
}

int dxi_cmd_entries(const struct dxi_options *opts, int argc, char **argv)
{
	struct progress prog = { 0 };
	const struct dxi_inode *ino;
	struct dxi_kernel *k;
	struct dxi_audit a;
	int rc;

	if (argc != 2)
		return usage("entries", "entries takes a TARGET and an inode (DEV:INO or path)");
	rc = open_audit(opts, argv[0], false, NULL, &k, &a, &prog);
	if (rc >= 0)
		return rc;
	ino = dxi_dax_find_inode(&a.dax, argv[1]);
	if (ino) {
		dxi_render_entries(&a, ino, opts->json, stdout);
		rc = DXI_EXIT_OK;
	} else {
		fprintf(stderr, "daxinspect: no DAX inode '%s' in %s; see 'daxinspect inodes'\n",
			argv[1], argv[0]);
		rc = DXI_EXIT_USAGE;
	}
	dxi_audit_free(&a);
	dxi_kernel_close(k);
	return rc;
}

int dxi_cmd_pgmaps(const struct dxi_options *opts, int argc, char **argv)
{
	struct dxi_render_opts ro = { .addresses = opts->addresses };
	struct progress prog = { 0 };
	struct dxi_kernel *k;
	struct dxi_audit a;
	int rc;

	if (argc != 1)
		return usage("pgmaps", "pgmaps takes one TARGET");
	rc = open_audit(opts, argv[0], false, NULL, &k, &a, &prog);
	if (rc >= 0)
		return rc;
	dxi_render_pgmaps(&a, &ro, opts->json, stdout);
	dxi_audit_free(&a);
	dxi_kernel_close(k);
	return DXI_EXIT_OK;
}

int dxi_cmd_page(const struct dxi_options *opts, int argc, char **argv)
{
	struct dxi_render_opts ro = { .addresses = opts->addresses };
	struct progress prog = { 0 };
	struct dxi_page *pages;
	struct dxi_kernel *k;
	struct dxi_audit a;
	int rc = DXI_EXIT_OK;

	if (argc < 2)
		return usage("page", "page takes a TARGET and one or more PFNs");
	for (int i = 1; i < argc; i++) {
		char *end;

		strtoull(argv[i], &end, 0);
		if (!*argv[i] || *end)
			return usage("page", "a PFN is a number (decimal or 0x hex)");
	}
	rc = open_audit(opts, argv[0], false, NULL, &k, &a, &prog);
	if (rc >= 0)
		return rc;
	rc = DXI_EXIT_OK;
	pages = calloc((size_t)argc - 1, sizeof(*pages));
	for (int i = 1; pages && i < argc; i++) {
		struct dxi_error *err =
			dxi_page_decode(k, strtoull(argv[i], NULL, 0), &pages[i - 1]);

		if (err) {
			rc = dxi_cli_fail(dxi_error_wrap(err, "pfn %s", argv[i]));
			break;
		}
	}
	if (!pages)
		rc = dxi_cli_fail(&dxi_error_nomem);
	else if (rc == DXI_EXIT_OK)
		dxi_render_pages(&a, pages, (size_t)argc - 1, &ro, opts->json, stdout);
	free(pages);
	dxi_audit_free(&a);
	dxi_kernel_close(k);
	return rc;
}

int dxi_run_plugin_command(const struct dxi_options *opts,
			   const struct dxi_plugin_command *cmd, int argc,
			   char **argv)
{
	struct progress prog = { 0 };
	struct dxi_kernel *k;
	struct dxi_audit a;
	int rc;

	if (argc < 1) {
		fprintf(stderr, "daxinspect: %s takes a TARGET first\nusage: %s\n",
			cmd->name, cmd->usage ? cmd->usage : cmd->name);
		return DXI_EXIT_USAGE;
	}
	rc = open_audit(opts, argv[0], true, NULL, &k, &a, &prog);
	if (rc >= 0)
		return rc;
	rc = cmd->run(&a, argc - 1, argv + 1, stdout);
	dxi_audit_free(&a);
	dxi_kernel_close(k);
	return rc;
}
