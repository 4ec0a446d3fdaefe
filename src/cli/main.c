// SPDX-License-Identifier: MIT
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../checks/audit.h"
#include "../report/json_out.h"
#include "cli.h"
#include "options.h"
#include "version.h"

enum {
	OPT_VMLINUX = 256,
	OPT_PROFILE,
	OPT_TYPES,
	OPT_SEMANTICS,
	OPT_JSON,
	OPT_ADDRESSES,
	OPT_VERSION,
	OPT_CHECK,
	OPT_SEVERITY,
	OPT_INODE,
	OPT_ALL_PAGES,
	OPT_PLUGIN,
	OPT_BUNDLE,
	OPT_BTF,
	OPT_SYSTEM_MAP,
	OPT_PFN,
	OPT_NO_LOG,
	OPT_INTERVAL,
	OPT_COUNT,
};

#define DXI_STR_(x) #x
#define DXI_STR(x) DXI_STR_(x)

const struct option dxi_long_options[] = {
	{ "vmlinux", required_argument, NULL, OPT_VMLINUX },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "types", required_argument, NULL, OPT_TYPES },
	{ "semantics", required_argument, NULL, OPT_SEMANTICS },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "addresses", no_argument, NULL, OPT_ADDRESSES },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "check", required_argument, NULL, OPT_CHECK },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "inode", required_argument, NULL, OPT_INODE },
	{ "all-pages", no_argument, NULL, OPT_ALL_PAGES },
	{ "plugin", required_argument, NULL, OPT_PLUGIN },
	{ "bundle", required_argument, NULL, OPT_BUNDLE },
	{ "btf", required_argument, NULL, OPT_BTF },
	{ "system-map", required_argument, NULL, OPT_SYSTEM_MAP },
	{ "pfn", required_argument, NULL, OPT_PFN },
	{ "no-log", no_argument, NULL, OPT_NO_LOG },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "jobs", required_argument, NULL, 'j' },
	{ 0 },
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "daxinspect: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nSee 'daxinspect help'.\n");
	return DXI_EXIT_USAGE;
}

int dxi_parse_options(int argc, char **argv, struct dxi_options *o,
		      bool *version)
{
	int c;

	optind = 0; /* 0: GNU getopt starts over (the shell parses many lines) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:j:", dxi_long_options, NULL)) != -1) {
		switch (c) {
		case OPT_VMLINUX: o->vmlinux = optarg; break;
		case OPT_PROFILE: o->profile = optarg; break;
		case 'o': o->output = optarg; break;
		case OPT_JSON: o->json = true; break;
		case OPT_ADDRESSES: o->addresses = true; break;
		case 'h': o->help = true; break;
		case OPT_VERSION: *version = true; break;
		case OPT_CHECK: o->checks = optarg; break;
		case OPT_SEVERITY: o->severity = optarg; break;
		case OPT_INODE: o->inode = optarg; break;
		case OPT_ALL_PAGES: o->all_pages = true; break;
		case OPT_PLUGIN: break; /* loaded before dispatch */
		case OPT_BUNDLE: o->bundle = optarg; break;
		case OPT_BTF: o->btf = optarg; break;
		case OPT_SYSTEM_MAP: o->system_map = optarg; break;
		case OPT_PFN: o->pfn = optarg; break;
		case OPT_NO_LOG: o->no_log = true; break;
		case OPT_INTERVAL: o->interval = optarg; break;
		case OPT_COUNT: o->count = optarg; break;
		case 'j': {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);

			if (!*optarg || *end || optarg[0] == '-' || n < 1 ||
			    n > DXI_JOBS_MAX)
				return usage_error("-j/--jobs takes a number of threads from 1 to "
						   DXI_STR(DXI_JOBS_MAX) ", not '%s'",
						   optarg);
			o->jobs = (unsigned)n;
			break;
		}
		case OPT_TYPES:
			if (!strcmp(optarg, "auto"))
				o->types = DXI_TYPES_AUTO;
			else if (!strcmp(optarg, "dwarf"))
				o->types = DXI_TYPES_ONLY_DWARF;
			else if (!strcmp(optarg, "profile"))
				o->types = DXI_TYPES_ONLY_PROFILE;
			else if (!strcmp(optarg, "btf"))
				o->types = DXI_TYPES_ONLY_BTF;
			else
				return usage_error("--types takes auto, dwarf, profile or btf, not '%s'",
						   optarg);
			break;
		case OPT_SEMANTICS:
			if (!dxi_semantics_parse(optarg, &o->semantics))
				return usage_error("--semantics takes auto, 5.10, 6.1, 6.2, 6.15 or seed-0x4, not '%s'",
						   optarg);
			break;
		case ':':
			return usage_error("option %s needs a value",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	return -1;
}

/* Loads every --plugin FILE (anywhere on the line), then the defaults. */
static int load_plugins(int argc, char **argv, struct dxi_registry *r)
{
	struct dxi_error *err = dxi_registry_init(r);

	for (int i = 1; !err && i < argc; i++) {
		if (!strcmp(argv[i], "--plugin") && i + 1 < argc)
			err = dxi_plugin_load(r, argv[++i]);
		else if (!strncmp(argv[i], "--plugin=", 9))
			err = dxi_plugin_load(r, argv[i] + 9);
	}
	if (err) {
		dxi_registry_free(r);
		return dxi_cli_fail(err);
	}
	dxi_plugins_load_default(r);
	return -1;
}

static int dispatch(int argc, char **argv, struct dxi_options *opts)
{
	const struct dxi_plugin_command *pcmd = NULL;
	const struct dxi_command *cmd;
	bool version = false;
	int rc, i;

	/* Global options before the command. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V"))
			version = true;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			opts->help = true;
		else if (!strcmp(argv[i], "--list-checks"))
			return dxi_list_checks(stdout, opts->registry, false);
		else if (!strcmp(argv[i], "--list-checks=builtin"))
			return dxi_list_checks(stdout, opts->registry, true);
		else if (!strcmp(argv[i], "--plugin") && i + 1 < argc)
			i++;
		else if (strncmp(argv[i], "--plugin=", 9))
			break;
	}
	if (version)
		return dxi_cmd_version(opts, 0, NULL);
	if (i >= argc) {
		dxi_print_usage(opts->help ? stdout : stderr, opts->registry);
		return opts->help ? DXI_EXIT_OK : DXI_EXIT_USAGE;
	}
	cmd = dxi_command_find(argv[i]);
	if (!cmd)
		pcmd = dxi_registry_command(opts->registry, argv[i]);
	if (!cmd && !pcmd) {
		/* `daxinspect TARGET`: the shell on a terminal, else check. */
		cmd = dxi_command_find(isatty(STDIN_FILENO) &&
				       isatty(STDOUT_FILENO) ? "shell" : "check");
		if (!cmd || argv[i][0] == '-')
			return usage_error("'%s' is not a daxinspect command",
					   argv[i]);
		i--;
	}
	argc -= i;
	argv += i;
	rc = dxi_parse_options(argc, argv, opts, &version);
	if (rc >= 0)
		return rc;
	if (opts->help) {
		char *hv[] = { argv[0] };

		return dxi_cmd_help(opts, 1, hv);
	}
	/* check --bundle FILE reads a bundle back: no target. */
	if (cmd && !strcmp(cmd->name, "check") && opts->bundle) {
		if (argc - optind != 0)
			return usage_error("check --bundle FILE reads a bundle and takes no TARGET ('%s')",
					   argv[optind]);
		return dxi_bundle_print(opts->bundle, stdout);
	}
	if (pcmd || cmd->session_run)
		return dxi_run_target_command(opts, pcmd ? NULL : cmd, pcmd,
					      argc - optind, argv + optind);
	return cmd->run(opts, argc - optind, argv + optind);
}

/*
 * Every command's output is checked here, once (output.c). A closed pipe
 * (`| head`) is left to SIGPIPE's default, as git and coreutils leave it:
 * the process ends by the signal, which no caller takes for success; a
 * caller that ignores SIGPIPE gets EPIPE, hence exit 3 and a message.
 */
static int finish(int rc)
{
	struct dxi_error *err = dxi_output_close(stdout, "error writing",
						 "standard output");

	return err ? dxi_cli_fail(err) : rc;
}

int main(int argc, char **argv)
{
	struct dxi_options opts = { 0 };
	struct dxi_registry registry;
	int rc = load_plugins(argc, argv, &registry);

	if (rc >= 0)
		return finish(rc);
	opts.registry = &registry;
	{
		static char line[4096];
		size_t len = 0;

		for (int i = 0; i < argc && len + 2 < sizeof(line); i++)
			len += (size_t)snprintf(line + len, sizeof(line) - len,
						"%s%s", i ? " " : "", argv[i]);
		opts.command_line = line;
	}
	rc = dispatch(argc, argv, &opts);
	dxi_registry_free(&registry);
	return finish(rc);
}
