// SPDX-License-Identifier: MIT
#include "find.h"

#include <dirent.h>
#include <elfutils/libdwelf.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btf.h"
#include "debuginfod.h"
#include "profile.h"

void dxi_debuginfo_package(const char *release, char *out, size_t size)
{
	snprintf(out, size, "linux-image-%s-dbg", release);
}

static const char *sysroot(void)
{
	const char *r = getenv("DAXINSPECT_SYSROOT");

	return r ? r : "";
}

/* Checks that the types come from the dump's kernel build. */
static struct dxi_error *verify(struct dxi_types *t,
				const struct dxi_debuginfo_request *req)
{
	char pkg[256];

	if (!req->build_id || !req->build_id[0] || !t->build_id[0])
		return NULL; /* nothing to compare: pre-5.9 kernels */
	if (!strcasecmp(t->build_id, req->build_id))
		return NULL;
	dxi_debuginfo_package(req->release, pkg, sizeof(pkg));
	return dxi_error_new(DXI_ERR_DEBUGINFO,
			     "%s %s has build-id %s, but the dump's kernel %s has build-id %s; install %s or pass the matching --vmlinux or --profile",
			     t->kind == DXI_TYPES_DWARF ? "vmlinux" :
			     t->kind == DXI_TYPES_BTF ? "the BTF of" : "type profile",
			     t->path, t->build_id, req->release, req->build_id,
			     pkg);
}

static struct dxi_error *open_checked(const char *path, bool profile,
				      const struct dxi_debuginfo_request *req,
				      struct dxi_types **out)
{
	struct dxi_error *err = profile ? dxi_profile_open(path, out) :
					  dxi_dwarf_open(path, out);

	if (err)
		return err;
	err = verify(*out, req);
	if (err) {
		dxi_types_close(*out);
		*out = NULL;
	}
	return err;
}

static bool find_vmlinux(const struct dxi_debuginfo_request *req, char *path,
			 size_t size)
{
	const char *root = sysroot();

	if (req->build_id && strlen(req->build_id) > 2) {
		snprintf(path, size, "%s/usr/lib/debug/.build-id/%.2s/%s.debug",
			 root, req->build_id, req->build_id + 2);
		if (access(path, R_OK) == 0)
			return true;
	}
	const char *fmts[] = {
		"%s/usr/lib/debug/boot/vmlinux-%s",
		"%s/usr/lib/debug/lib/modules/%s/vmlinux",
		"%s/boot/vmlinux-%s",
	};
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		snprintf(path, size, fmts[i], root, req->release);
		if (access(path, R_OK) == 0)
			return true;
	}
	return false;
}

/* A *.profile in the dump's directory whose build-id is the dump's. */
static bool find_profile_beside(const struct dxi_debuginfo_request *req,
				char *path, size_t size)
{
	char dir[4096];
	const char *slash;
	struct dirent *de;
	bool found = false;
	DIR *d;

	if (!req->dump_path || !req->build_id || !req->build_id[0])
		return false;
	slash = strrchr(req->dump_path, '/');
	if (slash)
		snprintf(dir, sizeof(dir), "%.*s",
			 (int)(slash - req->dump_path), req->dump_path);
	else
		snprintf(dir, sizeof(dir), ".");
	if (!dir[0])
		snprintf(dir, sizeof(dir), "/");
	d = opendir(dir);
	if (!d)
		return false;
	while (!found && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char id[128];
		struct dxi_error *err;

		if (len < 9 || strcmp(de->d_name + len - 8, ".profile"))
			continue;
		if ((size_t)snprintf(path, size, "%s/%s", dir, de->d_name) >= size)
			continue;	/* a path that does not fit is not opened cut */
		err = dxi_profile_peek_build_id(path, id, sizeof(id));
		if (err) {
			dxi_error_free(err);
			continue;
		}
		found = !strcasecmp(id, req->build_id);
	}
	closedir(d);
	return found;
}

/* The hex GNU build-id of an ELF file; "" when it is not ELF (a .ko.xz)
 * or has none. */
static void file_build_id(const char *path, char *out, size_t size)
{
	const void *id = NULL;
	ssize_t len = -1;
	Elf *elf = NULL;
	int fd;

	out[0] = '\0';
	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && (elf = elf_begin(fd, ELF_C_READ_MMAP, NULL)))
		len = dwelf_elf_gnu_build_id(elf, &id);
	for (ssize_t i = 0; i < len && (size_t)i * 2 + 2 < size; i++)
		sprintf(out + 2 * i, "%02x", ((const unsigned char *)id)[i]);
	if (elf)
		elf_end(elf);
	if (fd >= 0)
		close(fd);
}

/* NAME.ko, NAME.ko.xz or NAME.ko.debug anywhere below dir (6 deep). */
static bool find_module_file(const char *dir, const char *name, int depth,
			     char *path, size_t size)
{
	static const char *const ext[] = { ".ko", ".ko.xz", ".ko.debug" };
	size_t n = strlen(name);
	struct dirent *de;
	bool found = false;
	DIR *d;

	if (depth > 6 || !(d = opendir(dir)))
		return false;
	while (!found && (de = readdir(d))) {
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, size, "%s/%s", dir, de->d_name) >= size)
			continue;
		for (size_t i = 0; !found && i < sizeof(ext) / sizeof(ext[0]); i++)
			found = !strncmp(de->d_name, name, n) &&
				!strcmp(de->d_name + n, ext[i]);
		if (!found && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			char sub[4096];

			snprintf(sub, sizeof(sub), "%s", path);
			found = find_module_file(sub, name, depth + 1, path, size);
		}
	}
	closedir(d);
	return found;
}

/* A local file for the module. One that is ELF must carry the module's
 * build-id; *mismatch (malloc'd) says which file did not. */
static bool find_module_local(const char *release, const char *name,
			      const char *build_id, char *path, size_t size,
			      struct dxi_error **mismatch)
{
	char dir[4096], id[129], pkg[256];

	*mismatch = NULL;
	if (build_id[0] && strlen(build_id) > 2) {
		snprintf(path, size, "%s/usr/lib/debug/.build-id/%.2s/%s.debug",
			 sysroot(), build_id, build_id + 2);
		if (access(path, R_OK) == 0)
			return true;
	}
	snprintf(dir, sizeof(dir), "%s/usr/lib/debug/lib/modules/%s",
		 sysroot(), release);
	if (!find_module_file(dir, name, 0, path, size))
		return false;
	file_build_id(path, id, sizeof(id));
	if (!build_id[0] || !id[0] || !strcasecmp(id, build_id))
		return true;
	dxi_debuginfo_package(release, pkg, sizeof(pkg));
	*mismatch = dxi_error_new(DXI_ERR_DEBUGINFO,
				  "%s has build-id %s, but the loaded module %s has build-id %s; install the matching %s",
				  path, id, name, build_id, pkg);
	return false;
}

struct dxi_error *dxi_module_debuginfo_find(const char *release,
					    const char *name,
					    const char *build_id, char **path,
					    const char **source)
{
	char local[4096], id[129];
	struct dxi_error *err, *mismatch;

	*path = NULL;
	*source = NULL;
	if (find_module_local(release, name, build_id, local, sizeof(local),
			      &mismatch)) {
		*source = "local";
		*path = strdup(local);
		return *path ? NULL : &dxi_error_nomem;
	}
	if (!dxi_debuginfod_enabled())
		return mismatch;
	err = dxi_debuginfod_fetch(build_id, release, name, path);
	if (!err) {
		file_build_id(*path, id, sizeof(id));
		if (strcasecmp(id, build_id)) {
			err = dxi_error_new(DXI_ERR_DEBUGINFO,
					    "debuginfod %s sent %s for module %s build-id %s, but it has build-id %s",
					    getenv("DEBUGINFOD_URLS"), *path, name,
					    build_id, id[0] ? id : "(none)");
			free(*path);
			*path = NULL;
		}
	}
	if (err && mismatch)
		err = dxi_error_wrap(err, "%s; and then", mismatch->msg);
	dxi_error_free(mismatch);
	if (!err)
		*source = "debuginfod";
	return err;
}

/*
 * The last resort, when $DEBUGINFOD_URLS is set: the vmlinux of the
 * dump's build-id from a debuginfod server; verify() checks what came.
 * On failure, the error names the server and the id, after *why.
 */
static struct dxi_error *from_debuginfod(const struct dxi_debuginfo_request *req,
					 struct dxi_error *why,
					 struct dxi_types **out)
{
	struct dxi_error *err;
	char *path;

	err = dxi_debuginfod_fetch(req->build_id, req->release, NULL, &path);
	if (!err) {
		err = open_checked(path, false, req, out);
		if (err)
			err = dxi_error_wrap(err, "debuginfod %s sent %s",
					     getenv("DEBUGINFOD_URLS"), path);
		free(path);
	}
	if (err && why)
		err = dxi_error_wrap(err, "no local debuginfo for kernel %s, and the dump's own BTF cannot stand in (%s); then", req->release, why->msg);
	dxi_error_free(why);
	return err;
}

struct dxi_error *dxi_debuginfo_find(const struct dxi_debuginfo_request *req,
				     struct dxi_types **out)
{
	char path[4096], pkg[256];
	bool dbgd = dxi_debuginfod_enabled();

	if (req->vmlinux)
		return open_checked(req->vmlinux, false, req, out);
	if (req->profile)
		return open_checked(req->profile, true, req, out);
	if ((req->pref == DXI_TYPES_AUTO || req->pref == DXI_TYPES_ONLY_DWARF) &&
	    find_vmlinux(req, path, sizeof(path)))
		return open_checked(path, false, req, out);
	if (req->pref == DXI_TYPES_ONLY_DWARF && dbgd)
		return from_debuginfod(req, NULL, out);
	if ((req->pref == DXI_TYPES_AUTO || req->pref == DXI_TYPES_ONLY_PROFILE) &&
	    find_profile_beside(req, path, sizeof(path)))
		return open_checked(path, true, req, out);
	if ((req->pref == DXI_TYPES_AUTO || req->pref == DXI_TYPES_ONLY_BTF) &&
	    req->target) {
		struct dxi_error *err = dxi_btf_open(req->target, req->queries,
						     req->nqueries, out);

		if (!err || req->pref == DXI_TYPES_ONLY_BTF)
			return err;
		if (dbgd)
			return from_debuginfod(req, err, out);
		/* Say why the last resort failed too. */
		dxi_debuginfo_package(req->release, pkg, sizeof(pkg));
		return dxi_error_wrap(err,
				      "no debuginfo for kernel %s (build-id %s): install %s, or pass --vmlinux FILE or --profile FILE; and the dump's own BTF cannot stand in",
				      req->release,
				      req->build_id && req->build_id[0] ?
					      req->build_id : "unknown",
				      pkg);
	}
	dxi_debuginfo_package(req->release, pkg, sizeof(pkg));
	return dxi_error_new(DXI_ERR_DEBUGINFO,
			     "no debuginfo for kernel %s (build-id %s): install %s, or pass --vmlinux FILE or --profile FILE (a type profile beside the dump is found automatically)",
			     req->release,
			     req->build_id && req->build_id[0] ? req->build_id :
								 "unknown",
			     pkg);
}
