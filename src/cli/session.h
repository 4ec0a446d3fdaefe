/* SPDX-License-Identifier: MIT */
/*
 * A session: one target opened, its kernel identified, and (on first
 * need) its audit run. The command line makes one per run; the shell
 * keeps one for its whole life, so repeated commands are instant. Target
 * commands take a session and the operands after TARGET: one
 * implementation for both.
 */
#ifndef DXI_CLI_SESSION_H
#define DXI_CLI_SESSION_H

#include <signal.h>

#include "../checks/audit.h"
#include "cli.h"

struct dxi_session {
	const char *path;
	struct dxi_kernel *k;
	struct dxi_audit a;
	bool audited;
	/* Set from a SIGINT handler: a running audit stops. */
	volatile sig_atomic_t *interrupted;
};

struct dxi_error *dxi_session_open(const struct dxi_options *opts,
				   const char *path, struct dxi_session *s);
/* Runs the audit once (every registered check); later calls return. */
/* The page scan's threads: -j N, else the online CPUs. */
unsigned dxi_jobs(const struct dxi_options *opts);
struct dxi_error *dxi_session_audit(const struct dxi_options *opts,
				    struct dxi_session *s);
void dxi_session_close(struct dxi_session *s);
/* Audits the session; on failure reports and returns the exit status,
 * else -1. */
int dxi_session_need_audit(const struct dxi_options *opts,
			   struct dxi_session *s);
/* Prints msg and CMD's usage line; returns DXI_EXIT_USAGE. */
int dxi_cmd_usage(const char *cmd, const char *msg);

/* The target commands, one file each (cmd_check.c, cmd_info.c, ...). */
int dxi_scmd_check(const struct dxi_options *o, struct dxi_session *s,
		   int argc, char **argv);
int dxi_scmd_info(const struct dxi_options *o, struct dxi_session *s,
		  int argc, char **argv);
int dxi_scmd_inodes(const struct dxi_options *o, struct dxi_session *s,
		    int argc, char **argv);
int dxi_scmd_entries(const struct dxi_options *o, struct dxi_session *s,
		     int argc, char **argv);
int dxi_scmd_pgmaps(const struct dxi_options *o, struct dxi_session *s,
		    int argc, char **argv);
int dxi_scmd_page(const struct dxi_options *o, struct dxi_session *s,
		  int argc, char **argv);
int dxi_scmd_maps(const struct dxi_options *o, struct dxi_session *s,
		  int argc, char **argv);
int dxi_scmd_watch(const struct dxi_options *o, struct dxi_session *s,
		   int argc, char **argv);
int dxi_scmd_report(const struct dxi_options *o, struct dxi_session *s,
		    int argc, char **argv);

#endif
