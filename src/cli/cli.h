/* SPDX-License-Identifier: MIT */
/*
 * The command line: one table of commands (commands.c), each with a name,
 * summary, usage, help text and handler; `daxinspect help CMD`,
 * `CMD --help` and the shell (later) all read the same table.
 */
#ifndef DXI_CLI_CLI_H
#define DXI_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "../dbg/find.h"
#include "../kern/kernel.h"
#include "plugins.h"

/* Exit statuses (docs/design.md#exit-status). */
enum {
	DXI_EXIT_OK = 0,
	DXI_EXIT_FINDINGS = 1,
	DXI_EXIT_USAGE = 2,
	DXI_EXIT_TARGET = 3,
};

struct dxi_options {
	const char *vmlinux;
	const char *profile;
	const char *output;		/* -o */
	enum dxi_types_pref types;
	enum dxi_semantics semantics;
	bool json;
	bool addresses;
	bool help;
	bool all_pages;			/* --all-pages */
	const char *checks;		/* --check ID,... */
	const char *severity;		/* --severity */
	const char *inode;		/* --inode DEV:INO */
	const char *pfn;		/* maps --pfn PFN */
	const char *interval;		/* watch --interval S */
	const char *count;		/* watch --count N */
	unsigned jobs;			/* -j N; 0: the online CPUs */
	const struct dxi_registry *registry; /* checks and plugin commands */
	const char *bundle;		/* --bundle FILE */
	bool no_log;			/* --no-log: a bundle without the kernel log */
	const char *btf;		/* profile extract --btf FILE */
	const char *system_map;		/* profile extract --system-map FILE */
	const char *command_line;	/* for bundles */
};

struct dxi_session;

struct dxi_command {
	const char *name;
	const char *summary;
	const char *usage;
	const char *help;
	/* argv holds the operands left after option parsing. */
	int (*run)(const struct dxi_options *opts, int argc, char **argv);
	/* Target commands: the session of TARGET and the operands after it
	 * (the shell calls this directly). */
	int (*session_run)(const struct dxi_options *opts,
			   struct dxi_session *s, int argc, char **argv);
	/* The help ends with the check table (ids and summaries). */
	bool help_lists_checks;
};

const struct dxi_command *dxi_commands(size_t *n);
const struct dxi_command *dxi_command_find(const char *name);
void dxi_command_print_help(const struct dxi_command *cmd,
			    const struct dxi_registry *r, FILE *f);
/* `daxinspect --list-checks[=builtin]`: "ID<TAB>SUMMARY" per check, from
 * the table (and the loaded plugins'), for completion and the man page. */
int dxi_list_checks(FILE *f, const struct dxi_registry *r, bool builtin_only);
void dxi_print_usage(FILE *f, const struct dxi_registry *r);
/* Runs a target command (or plugin command) on TARGET = argv[0]. */
int dxi_run_target_command(const struct dxi_options *opts,
			   const struct dxi_command *cmd,
			   const struct dxi_plugin_command *pcmd, int argc,
			   char **argv);
/* Runs a plugin command on an open session. */
int dxi_run_plugin_command(const struct dxi_options *opts,
			   const struct dxi_plugin_command *cmd,
			   struct dxi_session *s, int argc, char **argv);

/* Opens TARGET with the debuginfo the options name or that can be found. */
struct dxi_error *dxi_cli_open_kernel(const struct dxi_options *opts,
				      const char *path,
				      struct dxi_kernel **out);
/* The same, recording every physical page read into read_log. */
struct dxi_error *dxi_cli_open_kernel_logged(const struct dxi_options *opts,
					     const char *path,
					     struct dxi_u64map *read_log,
					     struct dxi_kernel **out);
/* Reports err on stderr and returns its exit status. */
int dxi_cli_fail(struct dxi_error *err);
/* Flushes and closes f, which a command wrote (output.c): an error naming
 * what ("cannot write bundle") and name (its path) if any write failed. */
struct dxi_error *dxi_output_close(FILE *f, const char *what,
				   const char *name);

int dxi_cmd_profile(const struct dxi_options *opts, int argc, char **argv);
int dxi_cmd_trim(const struct dxi_options *opts, int argc, char **argv);
int dxi_cmd_log(const struct dxi_options *opts, int argc, char **argv);
int dxi_cmd_diff(const struct dxi_options *opts, int argc, char **argv);
int dxi_cmd_shell(const struct dxi_options *opts, int argc, char **argv);
int dxi_cmd_help(const struct dxi_options *opts, int argc, char **argv);
int dxi_cmd_version(const struct dxi_options *opts, int argc, char **argv);

#endif
