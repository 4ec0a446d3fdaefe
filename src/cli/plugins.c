// SPDX-License-Identifier: MIT
#include "plugins.h"

#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../checks/audit.h"
#include "../util/vec.h"

#ifndef DXI_PLUGIN_DIR
#define DXI_PLUGIN_DIR "/usr/local/lib/daxinspect/plugins"
#endif

struct dxi_error *dxi_registry_init(struct dxi_registry *r)
{
	size_t n;
	const struct dxi_check *const *builtin = dxi_checks(&n);

	memset(r, 0, sizeof(*r));
	if (!DXI_GROW(r->checks, r->checks_cap, n + 1, 16))
		return &dxi_error_nomem;
	for (size_t i = 0; i < n; i++)
		r->checks[i] = builtin[i];
	r->nchecks = n;
	return NULL;
}

int dxi_registry_check_index(const struct dxi_registry *r, const char *id)
{
	for (size_t i = 0; i < r->nchecks; i++) {
		if (!strcmp(r->checks[i]->id, id))
			return (int)i;
	}
	return -1;
}

const struct dxi_plugin_command *dxi_registry_command(const struct dxi_registry *r,
						      const char *name)
{
	for (size_t i = 0; i < r->ncommands; i++) {
		if (!strcmp(r->commands[i]->name, name))
			return r->commands[i];
	}
	return NULL;
}

static struct dxi_error *add_plugin(struct dxi_registry *r, const char *path,
				    const struct dxi_plugin *p)
{
	for (size_t i = 0; i < p->nchecks; i++) {
		const struct dxi_check *c = p->checks[i];

		if (!c || !c->id || !c->summary ||
		    (!c->on_page && !c->on_entry && !c->on_problem &&
		     !c->on_mapping))
			return dxi_error_new(DXI_ERR_USAGE,
					     "plugin %s: check %zu is incomplete (needs an id, a summary and a callback)",
					     path, i);
		if (dxi_registry_check_index(r, c->id) >= 0)
			return dxi_error_new(DXI_ERR_USAGE,
					     "plugin %s: check '%s' already exists",
					     path, c->id);
	}
	for (size_t i = 0; i < p->ncommands; i++) {
		const struct dxi_plugin_command *c = p->commands[i];

		if (!c || !c->name || !c->run || !c->summary)
			return dxi_error_new(DXI_ERR_USAGE,
					     "plugin %s: command %zu is incomplete (needs a name, a summary and run)",
					     path, i);
		if (dxi_registry_command(r, c->name))
			return dxi_error_new(DXI_ERR_USAGE,
					     "plugin %s: command '%s' already exists",
					     path, c->name);
	}
	for (size_t i = 0; i < p->nchecks; i++) {
		if (!DXI_GROW(r->checks, r->checks_cap, r->nchecks + 1, 16))
			return &dxi_error_nomem;
		r->checks[r->nchecks++] = p->checks[i];
	}
	for (size_t i = 0; i < p->ncommands; i++) {
		if (!DXI_GROW(r->commands, r->commands_cap, r->ncommands + 1, 8))
			return &dxi_error_nomem;
		r->commands[r->ncommands++] = p->commands[i];
	}
	return NULL;
}

struct dxi_error *dxi_plugin_load(struct dxi_registry *r, const char *path)
{
	const struct dxi_plugin *p;
	dxi_plugin_register_fn reg;
	struct dxi_error *err;
	void *h;

	/* RTLD_NOW: an unresolved symbol is refused here, not a crash later. */
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return dxi_error_new(DXI_ERR_USAGE, "cannot load plugin %s: %s",
				     path, dlerror());
	*(void **)&reg = dlsym(h, DXI_PLUGIN_REGISTER_SYMBOL);
	if (!reg) {
		dlclose(h);
		return dxi_error_new(DXI_ERR_USAGE,
				     "%s is not a daxinspect plugin: it has no %s() function (see docs/plugins.md)",
				     path, DXI_PLUGIN_REGISTER_SYMBOL);
	}
	p = reg();
	if (!p || p->abi_version != DXI_PLUGIN_ABI_VERSION) {
		err = dxi_error_new(DXI_ERR_USAGE,
				    "plugin %s was built for plugin ABI %u, this daxinspect has ABI %u: rebuild it against this version's <daxinspect/plugin.h>",
				    path, p ? p->abi_version : 0,
				    DXI_PLUGIN_ABI_VERSION);
		dlclose(h);
		return err;
	}
	err = add_plugin(r, path, p);
	if (err) {
		dlclose(h);
		return err;
	}
	if (!DXI_GROW(r->handles, r->handles_cap, r->nhandles + 1, 8)) {
		dlclose(h);
		return &dxi_error_nomem;
	}
	r->handles[r->nhandles++] = h;
	return NULL;
}

static void load_quietly(struct dxi_registry *r, const char *path)
{
	struct dxi_error *err = dxi_plugin_load(r, path);

	if (err) {
		fprintf(stderr, "daxinspect: warning: %s; skipped\n", err->msg);
		dxi_error_free(err);
	}
}

/* A file is loaded; a directory's *.so files are, in name order. */
static void load_path(struct dxi_registry *r, const char *path)
{
	struct dirent **names;
	struct stat st;
	int n;

	if (stat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		load_quietly(r, path);
		return;
	}
	n = scandir(path, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);
		char full[4096];

		if (len > 3 && !strcmp(names[i]->d_name + len - 3, ".so")) {
			snprintf(full, sizeof(full), "%s/%s", path,
				 names[i]->d_name);
			load_quietly(r, full);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

void dxi_plugins_load_default(struct dxi_registry *r)
{
	const char *env = getenv("DAXINSPECT_PLUGIN_PATH");

	if (env) {
		char *copy = strdup(env), *save = NULL;

		for (char *p = copy ? strtok_r(copy, ":", &save) : NULL; p;
		     p = strtok_r(NULL, ":", &save))
			load_path(r, p);
		free(copy);
	}
	load_path(r, DXI_PLUGIN_DIR);
}

void dxi_registry_free(struct dxi_registry *r)
{
	/* Called once nothing uses the plugins' descriptors any more. */
	for (size_t i = 0; i < r->nhandles; i++)
		dlclose(r->handles[i]);
	free(r->checks);
	free(r->commands);
	free(r->handles);
	memset(r, 0, sizeof(*r));
}
