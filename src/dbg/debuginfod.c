// SPDX-License-Identifier: MIT
#include "debuginfod.h"
#include "find.h"

#include <dlfcn.h>
#include <elfutils/debuginfod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * libdebuginfod is opened at the first request, not linked: it pulls in
 * libcurl and some 30 libraries more, whose loading and relocation cost
 * every run ~20 ms of start-up although most runs never ask a server.
 * elfutils' libdwfl loads it the same way (debuginfod-client.c).
 */
#define DEBUGINFOD_LIB "libdebuginfod.so.1"

static struct {
	bool tried;
	void *handle;
	debuginfod_client *(*begin)(void);
	void (*end)(debuginfod_client *);
	void (*set_user_data)(debuginfod_client *, void *);
	void *(*get_user_data)(debuginfod_client *);
	void (*set_progressfn)(debuginfod_client *, debuginfod_progressfn_t);
	int (*find_debuginfo)(debuginfod_client *, const unsigned char *, int,
			      char **);
	char why[256];
} lib;

static bool lib_load(void)
{
	if (lib.tried)
		return lib.handle != NULL;
	lib.tried = true;
	lib.handle = dlopen(DEBUGINFOD_LIB, RTLD_NOW | RTLD_LOCAL);
	if (lib.handle) {
		*(void **)&lib.begin = dlsym(lib.handle, "debuginfod_begin");
		*(void **)&lib.end = dlsym(lib.handle, "debuginfod_end");
		*(void **)&lib.set_user_data =
			dlsym(lib.handle, "debuginfod_set_user_data");
		*(void **)&lib.get_user_data =
			dlsym(lib.handle, "debuginfod_get_user_data");
		*(void **)&lib.set_progressfn =
			dlsym(lib.handle, "debuginfod_set_progressfn");
		*(void **)&lib.find_debuginfo =
			dlsym(lib.handle, "debuginfod_find_debuginfo");
		if (lib.begin && lib.end && lib.set_user_data &&
		    lib.get_user_data && lib.set_progressfn && lib.find_debuginfo)
			return true;
		snprintf(lib.why, sizeof(lib.why), "%s lacks a function: %s",
			 DEBUGINFOD_LIB, dlerror());
		dlclose(lib.handle);
		lib.handle = NULL;
		return false;
	}
	snprintf(lib.why, sizeof(lib.why), "%s", dlerror());
	return false;
}

bool dxi_debuginfod_enabled(void)
{
	const char *urls = getenv("DEBUGINFOD_URLS");

	return urls && urls[strspn(urls, " \t")];
}

struct progress {
	const char *what;	/* "vmlinux" or the module's name */
	const char *build_id;
	time_t last;
	bool shown;
};

/* A line on a terminal, redrawn at most once a second; never on a pipe. */
static int progress(debuginfod_client *c, long done, long total)
{
	struct progress *p = lib.get_user_data(c);
	time_t now = time(NULL);

	if (now == p->last && done != total)
		return 0;
	p->last = now;
	p->shown = true;
	if (total > 0)
		fprintf(stderr, "\rdebuginfod: %s %.12s: %ld of %ld MB ",
			p->what, p->build_id, done >> 20, total >> 20);
	else
		fprintf(stderr, "\rdebuginfod: %s %.12s: %ld MB ",
			p->what, p->build_id, done >> 20);
	return 0;
}

struct dxi_error *dxi_debuginfod_fetch(const char *build_id,
				       const char *release, const char *module,
				       char **path)
{
	struct progress p = { .what = module ? module : "vmlinux",
			      .build_id = build_id };
	debuginfod_client *c;
	int fd;

	*path = NULL;
	if (module && (!build_id || !build_id[0]))
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "module %s of kernel %s has no readable build-id: debuginfod (%s) cannot be asked",
				     module, release, getenv("DEBUGINFOD_URLS"));
	if (!build_id || !build_id[0])
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "the dump of kernel %s has no BUILD-ID in VMCOREINFO: debuginfod (%s) cannot be asked; pass --vmlinux FILE",
				     release, getenv("DEBUGINFOD_URLS"));
	if (!lib_load())
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "DEBUGINFOD_URLS is set, but elfutils' debuginfod client cannot be loaded (%s): install libdebuginfod1, or pass --vmlinux FILE",
				     lib.why);
	c = lib.begin();
	if (!c)
		return dxi_error_new(DXI_ERR_NOMEM, "cannot start a debuginfod client");
	lib.set_user_data(c, &p);
	if (isatty(STDERR_FILENO))
		lib.set_progressfn(c, progress);
	fd = lib.find_debuginfo(c, (const unsigned char *)build_id, 0, path);
	if (p.shown)
		fputs("\n", stderr);
	lib.end(c);
	if (fd < 0) {
		free(*path);
		*path = NULL;
		if (module) {
			char pkg[256];

			dxi_debuginfo_package(release, pkg, sizeof(pkg));
			return dxi_error_new(DXI_ERR_DEBUGINFO,
					     "debuginfod %s: no debuginfo for module %s of kernel %s build-id %s: %s; install %s",
					     getenv("DEBUGINFOD_URLS"), module,
					     release, build_id, strerror(-fd),
					     pkg);
		}
		return dxi_error_new(DXI_ERR_DEBUGINFO,
				     "debuginfod %s: no vmlinux for kernel %s build-id %s: %s; pass --vmlinux FILE or --profile FILE",
				     getenv("DEBUGINFOD_URLS"), release,
				     build_id, strerror(-fd));
	}
	close(fd);
	return NULL;
}
