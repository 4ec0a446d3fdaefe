/* SPDX-License-Identifier: MIT */
/*
 * The check and command registry: the built-in checks plus what plugins
 * add (include/daxinspect/plugin.h). Plugins come from --plugin FILE,
 * $DAXINSPECT_PLUGIN_PATH (colon-separated files or directories) and the
 * installed plugin directory.
 */
#ifndef DXI_CLI_PLUGINS_H
#define DXI_CLI_PLUGINS_H

#include <daxinspect/plugin.h>

#include "../util/error.h"

struct dxi_registry {
	const struct dxi_check **checks;
	size_t nchecks, checks_cap;
	const struct dxi_plugin_command **commands;
	size_t ncommands, commands_cap;
	void **handles;
	size_t nhandles, handles_cap;
};

struct dxi_error *dxi_registry_init(struct dxi_registry *r);
/* Loads one plugin; an ABI mismatch or missing symbol is refused. */
struct dxi_error *dxi_plugin_load(struct dxi_registry *r, const char *path);
/* Loads $DAXINSPECT_PLUGIN_PATH and the installed directory; problems
 * are reported on stderr and the plugin is skipped. */
void dxi_plugins_load_default(struct dxi_registry *r);
const struct dxi_plugin_command *dxi_registry_command(const struct dxi_registry *r,
						      const char *name);
int dxi_registry_check_index(const struct dxi_registry *r, const char *id);
void dxi_registry_free(struct dxi_registry *r);

#endif
