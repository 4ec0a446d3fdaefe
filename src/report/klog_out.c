// SPDX-License-Identifier: MIT
#include "klog_out.h"

#include <inttypes.h>

static void ts(uint64_t ns, FILE *f)
{
	fprintf(f, "%" PRIu64 ".%06" PRIu64 " s", ns / 1000000000, ns % 1000000000 / 1000);
}

void dxi_klog_event_text(const struct dxi_klog_event *e, FILE *f)
{
	fprintf(f, "%s at %s:%u", e->kind, e->file, e->line);
	if (e->func[0])
		fprintf(f, " in %s", e->func);
	if (e->cpu >= 0 || e->pid >= 0) {
		fprintf(f, " (");
		if (e->cpu >= 0)
			fprintf(f, "CPU %d%s", e->cpu, e->pid >= 0 ? ", " : "");
		if (e->pid >= 0)
			fprintf(f, "PID %d%s%s", e->pid, e->comm[0] ? " " : "", e->comm);
		fprintf(f, ")");
	}
	fprintf(f, " at ");
	ts(e->ts_nsec, f);
}

void dxi_klog_info_text(const struct dxi_klog *l, FILE *f)
{
	if (!l->readable) {
		fprintf(f, "kernel log      not readable: %s\n", l->unreadable_why);
		return;
	}
	fprintf(f, "panic           ");
	if (l->panicked) {
		fprintf(f, "%s, at ", l->panic);
		ts(l->panic_ts_nsec, f);
		fputc('\n', f);
	} else {
		fprintf(f, "none in the log (a snapshot of a running kernel); last record at ");
		ts(l->last_ts_nsec, f);
		fputc('\n', f);
	}
	fprintf(f, "DAX warnings    %u (of %u warnings, BUGs and oopses)\n",
		l->nevents, l->nwarnings);
	for (unsigned i = 0; i < l->nevents; i++) {
		fprintf(f, "                ");
		dxi_klog_event_text(&l->events[i], f);
		fputc('\n', f);
	}
}

void dxi_klog_summary_text(const struct dxi_klog *l, FILE *f)
{
	if (!l->readable || (!l->panicked && !l->nevents))
		return;
	fprintf(f, "log       %s%s", l->panicked ? l->panic : "no panic",
		l->nevents ? "; the kernel warned in DAX code: " : "\n");
	if (l->nevents) {
		dxi_klog_event_text(&l->events[0], f);
		if (l->nevents > 1)
			fprintf(f, " (and %u more: daxinspect info)", l->nevents - 1);
		fputc('\n', f);
	}
}

void dxi_klog_json(struct dxi_json *j, const struct dxi_klog *l)
{
	dxi_json_begin_object(j, "kernel_log");
	dxi_json_bool(j, "readable", l->readable);
	if (l->panicked) {
		dxi_json_string(j, "panic", l->panic);
		dxi_json_u64(j, "panic_ts_nsec", l->panic_ts_nsec);
	} else {
		dxi_json_null(j, "panic");
		dxi_json_null(j, "panic_ts_nsec");
	}
	dxi_json_u64(j, "warnings", l->nwarnings);
	dxi_json_begin_array(j, "dax_events");
	for (unsigned i = 0; i < l->nevents; i++) {
		const struct dxi_klog_event *e = &l->events[i];

		dxi_json_begin_object(j, NULL);
		dxi_json_string(j, "kind", e->kind);
		dxi_json_string(j, "file", e->file);
		dxi_json_u64(j, "line", e->line);
		dxi_json_string(j, "function", e->func);
		dxi_json_i64(j, "cpu", e->cpu);
		dxi_json_i64(j, "pid", e->pid);
		dxi_json_string(j, "comm", e->comm);
		dxi_json_u64(j, "ts_nsec", e->ts_nsec);
		dxi_json_end_object(j);
	}
	dxi_json_end_array(j);
	dxi_json_end_object(j);
}
