// SPDX-License-Identifier: MIT
/* help and version. */
#include "cli.h"
#include "version.h"

int dxi_cmd_help(const struct dxi_options *opts, int argc, char **argv)
{
	const struct dxi_command *cmd;

	if (argc == 0) {
		dxi_print_usage(stdout, opts->registry);
		return DXI_EXIT_OK;
	}
	cmd = dxi_command_find(argv[0]);
	if (!cmd && opts->registry &&
	    dxi_registry_command(opts->registry, argv[0])) {
		const struct dxi_plugin_command *pc =
			dxi_registry_command(opts->registry, argv[0]);

		printf("usage: %s\n\n%s: %s (plugin)\n\n%s", pc->usage ? pc->usage : pc->name,
		       pc->name, pc->summary, pc->help ? pc->help : "");
		return DXI_EXIT_OK;
	}
	if (!cmd) {
		fprintf(stderr, "daxinspect: no command '%s'; see 'daxinspect help'\n",
			argv[0]);
		return DXI_EXIT_USAGE;
	}
	dxi_command_print_help(cmd, opts->registry, stdout);
	return DXI_EXIT_OK;
}

int dxi_cmd_version(const struct dxi_options *opts, int argc, char **argv)
{
	(void)opts;
	(void)argc;
	(void)argv;
	printf("daxinspect %s\n", DXI_VERSION);
	return DXI_EXIT_OK;
}
