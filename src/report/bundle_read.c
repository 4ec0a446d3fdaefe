// SPDX-License-Identifier: MIT
/* Reading a bug-report bundle back (daxinspect check --bundle FILE), so a
 * maintainer without the dump can read the report. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../util/file.h"
#include "../util/jsonread.h"
#include "json_out.h"
#include "klog_out.h"

static const char *inode_name(const struct dxi_jval *ino, char *buf, size_t n)
{
	if (!ino || ino->type != DXI_JOBJ)
		return "outside every DAX inode (pages no inode maps, the walk itself)";
	snprintf(buf, n, "%s:%" PRId64 " %s", dxi_jstr(ino, "dev", "?"),
		 dxi_jint(ino, "ino", 0), dxi_jstr(ino, "path", "(no path)"));
	return buf;
}

static void print_page(const struct dxi_jval *p, FILE *f)
{
	const struct dxi_jval *refs = dxi_jget(p, "referenced_by");

	fprintf(f, "  pfn %#" PRIx64 ": flags %s refcount %" PRId64 " mapcount %" PRId64 " mapping %s index %" PRId64 " %s",
		dxi_jint(p, "pfn", 0), dxi_jstr(p, "flags", "?"),
		dxi_jint(p, "refcount", 0), dxi_jint(p, "mapcount_raw", 0),
		dxi_jstr(p, "mapping_kind", "?"), dxi_jint(p, "index", 0),
		dxi_jstr(p, "compound", ""));
	if (dxi_jget(p, "association"))
		fprintf(f, "; %s, association %s", dxi_jstr(p, "pgmap_type", "?"),
			dxi_jstr(p, "association", "?"));
	fputc('\n', f);
	for (size_t i = 0; refs && i < refs->n; i++) {
		char name[256];

		fprintf(f, "    referenced by %s index %" PRId64 " (entry %s)\n",
			inode_name(dxi_jget(&refs->items[i], "inode"), name, sizeof(name)),
			dxi_jint(&refs->items[i], "index", 0),
			dxi_jstr(&refs->items[i], "entry", "?"));
	}
}

/* The lines about the bundle, its kernel and dump, and the counts. */
/* The bundle's kernel_log back into a struct dxi_klog, so the log line
 * is the one check prints (klog_out.c). */
static void print_log(const struct dxi_jval *b, FILE *f)
{
	const struct dxi_jval *kl = dxi_jget(b, "kernel_log");
	const struct dxi_jval *ev = kl ? dxi_jget(kl, "dax_events") : NULL;
	struct dxi_klog *l;

	if (!kl || kl->type != DXI_JOBJ)
		return;
	l = calloc(1, sizeof(*l));
	if (!l)
		return;
	l->readable = true;
	if (dxi_jstr(kl, "panic", NULL)) {
		l->panicked = true;
		snprintf(l->panic, sizeof(l->panic), "%s", dxi_jstr(kl, "panic", ""));
	}
	for (size_t i = 0; ev && ev->type == DXI_JARR && i < ev->n &&
			   l->nevents < DXI_KLOG_MAX_EVENTS; i++) {
		const struct dxi_jval *e = &ev->items[i];
		struct dxi_klog_event *x = &l->events[l->nevents++];

		snprintf(x->kind, sizeof(x->kind), "%s", dxi_jstr(e, "kind", "?"));
		snprintf(x->file, sizeof(x->file), "%s", dxi_jstr(e, "file", "?"));
		snprintf(x->func, sizeof(x->func), "%s", dxi_jstr(e, "function", ""));
		snprintf(x->comm, sizeof(x->comm), "%s", dxi_jstr(e, "comm", ""));
		x->line = (unsigned)dxi_jint(e, "line", 0);
		x->cpu = (int)dxi_jint(e, "cpu", -1);
		x->pid = (int)dxi_jint(e, "pid", -1);
		x->ts_nsec = (uint64_t)dxi_jint(e, "ts_nsec", 0);
	}
	dxi_klog_summary_text(l, f);
	free(l);
}

static void print_header(const struct dxi_jval *b, const char *path, FILE *f)
{
	const struct dxi_jval *kern = dxi_jget(b, "kernel");
	const struct dxi_jval *dump = dxi_jget(b, "dump");
	const struct dxi_jval *sum = dxi_jget(b, "summary");

	fprintf(f, "bundle    %s\n", path);
	fprintf(f, "made by   daxinspect %s: %s\n",
		dxi_jstr(dxi_jget(b, "tool"), "version", "?"),
		dxi_jstr(dxi_jget(b, "tool"), "command_line", "?"));
	fprintf(f, "kernel    %s (build-id %s), DAX semantics %s (%s), types from %s\n",
		dxi_jstr(kern, "release", "?"), dxi_jstr(kern, "build_id", "?"),
		dxi_jstr(kern, "semantics", "?"), dxi_jstr(kern, "semantics_reason", ""),
		dxi_jstr(kern, "types", "?"));
	fprintf(f, "dump      %s, compression %s, written by %s\n",
		dxi_jstr(dump, "format", "?"), dxi_jstr(dump, "compression", "?"),
		dxi_jstr(dump, "written_by", "?"));
	fprintf(f, "summary   %" PRId64 " DAX inodes, %" PRId64 " entries, %" PRId64 " pgmaps, %" PRId64 " pages scanned (%" PRId64 " unreadable)\n",
		dxi_jint(sum, "dax_inodes", 0), dxi_jint(sum, "entries", 0),
		dxi_jint(sum, "pgmaps", 0), dxi_jint(sum, "pages_scanned", 0),
		dxi_jint(sum, "pages_unreadable", 0));
	print_log(b, f);
	fprintf(f, "findings  %" PRId64 " error, %" PRId64 " warning, %" PRId64 " info\n",
		dxi_jint(sum, "error", 0), dxi_jint(sum, "warning", 0),
		dxi_jint(sum, "info", 0));
}

/* One finding, as the text report shows it. */
static void print_finding(const struct dxi_jval *x, FILE *f)
{
	const struct dxi_jval *bug = dxi_jget(x, "known_bug");
	char name[256];

	fprintf(f, "\n%s\n  %-7s %s", inode_name(dxi_jget(x, "inode"), name, sizeof(name)),
		dxi_jstr(x, "severity", "?"), dxi_jstr(x, "check", "?"));
	if (dxi_jget(x, "pfn") && dxi_jget(x, "pfn")->type == DXI_JNUM)
		fprintf(f, " pfn %#" PRIx64, dxi_jint(x, "pfn", 0));
	if (dxi_jint(x, "count", 1) > 1)
		fprintf(f, " (+%" PRId64 " pages)", dxi_jint(x, "count", 1) - 1);
	if (dxi_jget(x, "index") && dxi_jget(x, "index")->type == DXI_JNUM)
		fprintf(f, " index %" PRId64, dxi_jint(x, "index", 0));
	fprintf(f, ": %s\n", dxi_jstr(x, "message", ""));
	if (*dxi_jstr(x, "expected", "") || *dxi_jstr(x, "actual", ""))
		fprintf(f, "          expected %s; found %s\n",
			dxi_jstr(x, "expected", "-"), dxi_jstr(x, "actual", "-"));
	if (bug && bug->type == DXI_JOBJ)
		fprintf(f, "          matches: %s; fixed in %s by %s\n",
			dxi_jstr(bug, "what", "?"), dxi_jstr(bug, "fixed_in", "?"),
			dxi_jstr(bug, "fix", "?"));
}

static void print_entries(const struct dxi_jval *entries, FILE *f)
{
	if (!entries || !entries->n)
		return;
	fprintf(f, "\nentries named by the findings:\n");
	for (size_t i = 0; i < entries->n; i++) {
		const struct dxi_jval *e = &entries->items[i];
		char name[256];

		fprintf(f, "  %s index %" PRId64 ": entry %s, kind %s, pfn %#" PRIx64 ", order %" PRId64 "\n",
			inode_name(dxi_jget(e, "inode"), name, sizeof(name)),
			dxi_jint(e, "index", 0), dxi_jstr(e, "raw", "?"),
			dxi_jstr(e, "kind", "?"), dxi_jint(e, "pfn", 0),
			dxi_jint(e, "order", 0));
	}
}

int dxi_bundle_print(const char *path, FILE *f)
{
	struct dxi_error *err = NULL;
	struct dxi_jval b;
	const struct dxi_jval *fs, *pages;
	char *text = NULL;
	size_t len;
	int rc = 0;

	/* A bundle is findings and their evidence: 1 GiB is no real one. */
	err = dxi_file_read(path, "cannot open bundle", (size_t)1 << 30, &text, &len);
	if (err) {
		dxi_error_report(err, stderr);
		return 3;
	}
	err = dxi_json_parse(text, &b);
	free(text);
	if (err) {
		dxi_error_report(dxi_error_wrap(err, "bundle %s is not readable JSON", path), stderr);
		return 3;
	}
	if (strcmp(dxi_jstr(&b, "kind", ""), "bundle") ||
	    dxi_jint(&b, "bundle_version", 0) != 1) {
		fprintf(stderr, "daxinspect: %s is not a daxinspect bundle of version 1 (make one with `daxinspect report --bundle FILE TARGET`)\n",
			path);
		dxi_jval_free(&b);
		return 3;
	}
	print_header(&b, path, f);
	fs = dxi_jget(&b, "findings");
	for (size_t i = 0; fs && i < fs->n; i++) {
		if (strcmp(dxi_jstr(&fs->items[i], "severity", ""), "info"))
			rc = 1;
		print_finding(&fs->items[i], f);
	}
	print_entries(dxi_jget(&b, "entries"), f);
	pages = dxi_jget(&b, "pages");
	if (pages && pages->n) {
		fprintf(f, "\npages named by the findings (decoded):\n");
		for (size_t i = 0; i < pages->n; i++)
			print_page(&pages->items[i], f);
	}
	dxi_jval_free(&b);
	return rc;
}
