// SPDX-License-Identifier: MIT
#include "klog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "printk.h"

bool dxi_klog_dax_file(const char *file)
{
	static const char *const dax[] = {
		"fs/dax.c", "mm/memremap.c", "mm/gup.c", "drivers/dax/",
		"drivers/nvdimm/", "fs/xfs/xfs_iomap.c", "fs/xfs/xfs_file.c",
		"fs/xfs/xfs_notify_failure.c", "fs/xfs/xfs_reflink.c",
		"fs/ext4/inode.c", "fs/ext4/file.c", "fs/fuse/dax.c",
	};

	for (size_t i = 0; i < sizeof(dax) / sizeof(dax[0]); i++) {
		size_t n = strlen(dax[i]);

		if (!strncmp(file, dax[i], n))
			return true;
	}
	return false;
}

bool dxi_klog_explains(const struct dxi_klog_event *e, const char *check)
{
	static const struct { const char *func, *checks; } table[] = {
		{ "dax_disassociate_entry", " leaked-ref busy-page refcount-underflow " },
		{ "dax_associate_entry", " mapping-mismatch stale-mapping share-mismatch " },
		{ "dax_insert_entry", " mapping-mismatch stale-mapping share-mismatch bad-entry " },
		{ "dax_folio_put", " leaked-ref busy-page refcount-underflow " },
		{ "dax_busy_page", " busy-page leaked-ref " },
	};
	char word[48];

	snprintf(word, sizeof(word), " %s ", check);
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (!strcmp(e->func, table[i].func))
			return strstr(table[i].checks, word) != NULL;
	}
	return false;
}

/* A record as a NUL-terminated line (records hold one line each, but a
 * continuation may carry more: only the first line is looked at). */
static void first_line(const struct dxi_printk_record *r, char *buf, size_t size)
{
	size_t n = r->len < size - 1 ? r->len : size - 1;
	char *nl;

	memcpy(buf, r->text, n);
	buf[n] = '\0';
	nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
}

struct scan {
	struct dxi_klog *out;
	struct dxi_klog_event *pending; /* waiting for its "CPU: .. Comm:" line */
};

static void add_event(struct scan *s, const char *kind, const char *file,
		      unsigned line, const char *func, int cpu, int pid,
		      uint64_t ts)
{
	struct dxi_klog *o = s->out;
	struct dxi_klog_event *e;

	o->nwarnings++;
	s->pending = NULL;
	if (!dxi_klog_dax_file(file) || o->nevents == DXI_KLOG_MAX_EVENTS)
		return;
	e = &o->events[o->nevents++];
	memset(e, 0, sizeof(*e));
	snprintf(e->kind, sizeof(e->kind), "%s", kind);
	snprintf(e->file, sizeof(e->file), "%s", file);
	snprintf(e->func, sizeof(e->func), "%s", func);
	e->line = line;
	e->cpu = cpu;
	e->pid = pid;
	e->ts_nsec = ts;
	s->pending = e;
}

static int scan_record(const struct dxi_printk_record *r, void *arg)
{
	struct scan *s = arg;
	char l[256], file[64], func[64];
	const char *p;
	unsigned line;
	int cpu, pid;

	first_line(r, l, sizeof(l));
	s->out->last_ts_nsec = r->ts_nsec;
	/* kernel/panic.c __warn(): "WARNING: CPU: %d PID: %d at %pS" with
	 * the location "file:line func+off/size" when the file is known */
	if (sscanf(l, "WARNING: CPU: %d PID: %d at %63[^:]:%u %63[^+ ]", &cpu,
		   &pid, file, &line, func) == 5) {
		add_event(s, "WARNING", file, line, func, cpu, pid, r->ts_nsec);
		return 0;
	}
	/* lib/bug.c report_bug(): "kernel BUG at %s:%u!" */
	if (sscanf(l, "kernel BUG at %63[^:]:%u!", file, &line) == 2) {
		add_event(s, "BUG", file, line, "", -1, -1, r->ts_nsec);
		return 0;
	}
	/* the task line that follows (dump_stack_print_info()) */
	if (s->pending && (p = strstr(l, "PID: ")) && strstr(l, "Comm: ")) {
		sscanf(p, "PID: %d", &s->pending->pid);
		sscanf(strstr(l, "Comm: "), "Comm: %31s", s->pending->comm);
		if ((p = strstr(l, "CPU: ")))
			sscanf(p, "CPU: %d", &s->pending->cpu);
		s->pending = NULL;
		return 0;
	}
	/* kernel/panic.c panic(): "Kernel panic - not syncing: %s" */
	/* (its closing "---[ end Kernel panic ..." line is not a second one) */
	if (!strncmp(l, "Kernel panic - not syncing: ", 28) && !s->out->panicked &&
	    (p = l)) {
		s->out->panicked = true;
		s->out->panic_ts_nsec = r->ts_nsec;
		snprintf(s->out->panic, sizeof(s->out->panic), "%.*s", (int)sizeof(s->out->panic) - 1, p);
	}
	return 0;
}

void dxi_klog_scan(struct dxi_target *t, struct dxi_klog *out)
{
	struct scan s = { out, NULL };
	struct dxi_error *err;

	memset(out, 0, sizeof(*out));
	err = dxi_printk_walk(t, scan_record, &s);
	out->readable = !err;
	if (err) {
		snprintf(out->unreadable_why, sizeof(out->unreadable_why), "%s",
			 err->msg);
		dxi_error_free(err);
	}
}

const struct dxi_klog *dxi_kernel_klog(const struct dxi_kernel *k)
{
	static const struct dxi_klog nomem = {
		.scanned = true,
		.unreadable_why = "out of memory",
	};

	if (!k->klog)
		return &nomem;
	if (!k->klog->scanned || k->target->desc.live) {
		dxi_klog_scan(k->target, k->klog);
		k->klog->scanned = true;
	}
	return k->klog;
}
