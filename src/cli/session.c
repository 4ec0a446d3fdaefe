// SPDX-License-Identifier: MIT
/*
 * Sessions (session.h): open a target, audit it once, close it; and the
 * runner that gives a target command (built-in or plugin) its session.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

int dxi_cmd_usage(const char *cmd, const char *msg)
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

/*
 * -j N, else the online CPUs (at most DXI_JOBS_MAX): the page scan is
 * what grows with the pmem, its output does not depend on the number of
 * threads (tests/synth/jobs.sh), and each thread costs one run buffer.
 */
unsigned dxi_jobs(const struct dxi_options *opts)
{
	long n;

	if (opts->jobs)
		return opts->jobs;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > DXI_JOBS_MAX ? DXI_JOBS_MAX : (unsigned)n;
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
	s->a.jobs = dxi_jobs(opts);
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

int dxi_session_need_audit(const struct dxi_options *o, struct dxi_session *s)
{
	struct dxi_error *err = dxi_session_audit(o, s);

	return err ? dxi_cli_fail(err) : -1;
}

int dxi_run_plugin_command(const struct dxi_options *opts,
			   const struct dxi_plugin_command *cmd,
			   struct dxi_session *s, int argc, char **argv)
{
	int rc = dxi_session_need_audit(opts, s);

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
