// SPDX-License-Identifier: MIT
/*
 * The target commands: check, inodes, entries, pgmaps, page (info is in
 * cmd_info.c), each taking a session, so the command line and the shell
 * run the same code. Plugin commands run through dxi_run_plugin_command.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <errno.h>

#include "../report/json_out.h"
#include "../report/render.h"
#include "version.h"
#include "session.h"

struct progress {
	struct timespec start;
	bool shown;
	volatile sig_atomic_t *interrupted;
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

struct dxi_error *dxi_session_open(const struct dxi_options *opts,
				   const char *path, struct dxi_session *s)
{
	memset(s, 0, sizeof(*s));
	s->path = path;
	return dxi_cli_open_kernel(opts, path, &s->k);
}

struct dxi_error *dxi_session_audit(const struct dxi_options *opts,
				    struct dxi_session *s)
{
	struct progress prog = { .interrupted = s->interrupted };
	struct dxi_error *err;

	if (s->audited)
		return NULL;
	memset(&s->a, 0, sizeof(s->a));
	s->a.checks = opts->registry->checks;
	s->a.nchecks = opts->registry->nchecks;
	s->a.all_pages = opts->all_pages;
	if (isatty(STDERR_FILENO) && !opts->json) {
		clock_gettime(CLOCK_MONOTONIC, &prog.start);
		s->a.progress = show_progress;
		s->a.progress_arg = &prog;
	}
	s->a.interrupted = s->interrupted;
	err = dxi_audit_run(&s->a, s->k);
	s->a.progress = NULL;
	if (err) {
		dxi_audit_free(&s->a);
		return err;
	}
	s->audited = true;
	return NULL;
}

void dxi_session_close(struct dxi_session *s)
{
	if (s->audited)
		dxi_audit_free(&s->a);
	dxi_kernel_close(s->k);
	memset(s, 0, sizeof(*s));
}

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

/* Audits the session; on failure reports and returns the exit status. */
static int need_audit(const struct dxi_options *o, struct dxi_session *s)
{
	struct dxi_error *err = dxi_session_audit(o, s);

	return err ? dxi_cli_fail(err) : -1;
}

int dxi_scmd_check(const struct dxi_options *o, struct dxi_session *s,
		   int argc, char **argv)
{
	struct dxi_render_opts ro = { .addresses = o->addresses };
	bool *only = NULL;
	int rc;

	(void)argv;
	if (argc != 0)
		return usage("check", "check takes one TARGET (a vmcore or /proc/kcore)");
	if (o->severity && !dxi_severity_parse(o->severity, &ro.min_severity))
		return usage("check", "--severity takes info, warning or error");
	rc = parse_checks(o->registry, o->checks, &only);
	if (rc) {
		free(only);
		return rc < 0 ? dxi_cli_fail(&dxi_error_nomem) : DXI_EXIT_USAGE;
	}
	rc = need_audit(o, s);
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

int dxi_scmd_inodes(const struct dxi_options *o, struct dxi_session *s,
		    int argc, char **argv)
{
	int rc;

	(void)argv;
	if (argc != 0)
		return usage("inodes", "inodes takes one TARGET");
	rc = need_audit(o, s);
	if (rc >= 0)
		return rc;
	dxi_render_inodes(&s->a, o->json, stdout);
	return DXI_EXIT_OK;
}

int dxi_scmd_entries(const struct dxi_options *o, struct dxi_session *s,
		     int argc, char **argv)
{
	const struct dxi_inode *ino;
	int rc;

	if (argc != 1)
		return usage("entries", "entries takes a TARGET and an inode (DEV:INO or path)");
	rc = need_audit(o, s);
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

int dxi_scmd_pgmaps(const struct dxi_options *o, struct dxi_session *s,
		    int argc, char **argv)
{
	struct dxi_render_opts ro = { .addresses = o->addresses };
	int rc;

	(void)argv;
	if (argc != 0)
		return usage("pgmaps", "pgmaps takes one TARGET");
	rc = need_audit(o, s);
	if (rc >= 0)
		return rc;
	dxi_render_pgmaps(&s->a, &ro, o->json, stdout);
	return DXI_EXIT_OK;
}

int dxi_scmd_page(const struct dxi_options *o, struct dxi_session *s,
		  int argc, char **argv)
{
	struct dxi_render_opts ro = { .addresses = o->addresses };
	struct dxi_page *pages;
	int rc = DXI_EXIT_OK;

	if (argc < 1)
		return usage("page", "page takes a TARGET and one or more PFNs");
	for (int i = 0; i < argc; i++) {
		char *end;

		strtoull(argv[i], &end, 0);
		if (!*argv[i] || *end)
			return usage("page", "a PFN is a number (decimal or 0x hex)");
	}
	rc = need_audit(o, s);
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
	free(pages);
	return rc;
}

int dxi_scmd_report(const struct dxi_options *o, struct dxi_session *s,
		    int argc, char **argv)
{
	struct dxi_error *err;
	FILE *f;
	int rc;

	(void)argv;
	if (argc != 0 || !o->bundle)
		return usage("report", "report takes --bundle FILE and one TARGET");
	rc = need_audit(o, s);
	if (rc >= 0)
		return rc;
	f = fopen(o->bundle, "we");
	if (!f)
		return dxi_cli_fail(dxi_error_errno(errno, "cannot create bundle",
						    o->bundle));
	dxi_render_bundle(&s->a, o->command_line ? o->command_line : "",
			  DXI_VERSION, f);
	err = dxi_output_close(f, "cannot write bundle", o->bundle);
	if (err)
		return dxi_cli_fail(err);
	fprintf(stderr, "daxinspect: wrote %s: %zu findings with their evidence; read it with `daxinspect check --bundle %s`\n",
		o->bundle, s->a.nfindings, o->bundle);
	return DXI_EXIT_OK;
}

int dxi_run_plugin_command(const struct dxi_options *opts,
			   const struct dxi_plugin_command *cmd,
			   struct dxi_session *s, int argc, char **argv)
{
	int rc = need_audit(opts, s);

	if (rc >= 0)
		return rc;
	return cmd->run(&s->a, argc, argv, stdout);
}

int dxi_run_target_command(const struct dxi_options *opts,
			   const struct dxi_command *cmd,
			   const struct dxi_plugin_command *pcmd, int argc,
			   char **argv)
{
	struct dxi_session s;
	struct dxi_error *err;
	int rc;

	if (argc < 1) {
		fprintf(stderr, "daxinspect: %s takes a TARGET (a vmcore or /proc/kcore)\nusage: %s\n",
			cmd ? cmd->name : pcmd->name,
			cmd ? cmd->usage : pcmd->usage ? pcmd->usage : pcmd->name);
		return DXI_EXIT_USAGE;
	}
	err = dxi_session_open(opts, argv[0], &s);
	if (err)
		return dxi_cli_fail(err);
	rc = cmd ? cmd->session_run(opts, &s, argc - 1, argv + 1) :
		   dxi_run_plugin_command(opts, pcmd, &s, argc - 1, argv + 1);
	dxi_session_close(&s);
	return rc;
}
