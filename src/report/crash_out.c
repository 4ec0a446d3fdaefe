// SPDX-License-Identifier: MIT
#include "crash_out.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

/* "2026-12-03T12:57:40Z"; "" when the seconds do not convert. */
static void iso8601(int64_t sec, char *buf, size_t size)
{
	time_t t = (time_t)sec;
	struct tm tm;

	buf[0] = '\0';
	if (gmtime_r(&t, &tm))
		strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void uptime(uint64_t ns, FILE *f)
{
	fprintf(f, "%" PRIu64 ".%06" PRIu64 " s", ns / 1000000000,
		ns % 1000000000 / 1000);
}

static void cpu_var(FILE *f, const char *name, bool has, int v)
{
	if (has)
		fprintf(f, "%s %d", name, v);
	else
		fprintf(f, "%s unread", name);
}

/* "PID 169 daxmap" of one CPU's task */
static void task_text(const struct dxi_cpu_task *t, FILE *f)
{
	if (t->task_read)
		fprintf(f, "PID %d %s", t->pid, t->comm);
	else if (t->note_pid >= 0)
		fprintf(f, "PID %d (its note; the task is unread)", t->note_pid);
	else
		fprintf(f, "unread");
}

static void note_text(const struct dxi_cpu_task *t, FILE *f)
{
	if (t->note_pid < 0)
		return;
	if (t->task_read && t->note_pid != t->pid)
		fprintf(f, "; its PRSTATUS note says PID %d, not %d", t->note_pid, t->pid);
	else if (t->task_read)
		fprintf(f, "; its PRSTATUS note agrees");
}

static void taint_text(const struct dxi_crashctx *c, FILE *f)
{
	char ks[80], letters[72];

	if (!c->has_taint) {
		fprintf(f, "unread (%s)", c->why_taint);
		return;
	}
	dxi_taint_kernel_style(c->taint, ks, sizeof(ks));
	dxi_taint_letters(c->taint, letters, sizeof(letters));
	fprintf(f, "%s (tainted_mask %#" PRIx64 "%s%s)", ks, c->taint,
		letters[0] ? ": " : "", letters);
}

void dxi_crash_info_text(const struct dxi_crashctx *c, FILE *f)
{
	const struct dxi_cpu_task *t = dxi_crashctx_crash_task(c);
	char when[40];

	fprintf(f, "crashing CPU    ");
	if (c->crash_cpu >= 0)
		fprintf(f, "%d (", c->crash_cpu);
	else if (!c->has_panic_cpu)
		fprintf(f, "unknown (");
	else
		fprintf(f, "none: no panic, a snapshot (");
	cpu_var(f, "panic_cpu", c->has_panic_cpu, c->panic_cpu);
	if (c->has_crashing_cpu || strstr(c->why_cpu, "crashing_cpu")) {
		fprintf(f, ", ");
		cpu_var(f, "crashing_cpu", c->has_crashing_cpu, c->crashing_cpu);
	}
	fprintf(f, ")%s%s\n", c->why_cpu[0] ? ": " : "", c->why_cpu);
	fprintf(f, "crashing task   ");
	if (c->crash_cpu < 0 && !c->has_panic_cpu) {
		fprintf(f, "unknown (the crashing CPU is unread)\n");
	} else if (c->crash_cpu < 0) {
		fprintf(f, "none (no panic; a snapshot)\n");
	} else if (t) {
		task_text(t, f);
		fprintf(f, " (CPU %d's current task", t->cpu);
		note_text(t, f);
		fprintf(f, ")\n");
	} else {
		fprintf(f, "unknown (CPU %d is not among the online CPUs read%s%s)\n",
			c->crash_cpu, c->why_tasks[0] ? ": " : "", c->why_tasks);
	}
	fprintf(f, "CPUs            %u online, %u PRSTATUS notes%s", c->ncpus_online,
		c->nnotes, c->notes_by_qemu ? " (written by QEMU: no Linux PIDs)" : "");
	if (c->why_tasks[0])
		fprintf(f, "; tasks: %s", c->why_tasks);
	fputc('\n', f);
	for (unsigned i = 0; i < c->ncpus; i++) {
		fprintf(f, "  CPU %-10d ", c->cpus[i].cpu);
		task_text(&c->cpus[i], f);
		note_text(&c->cpus[i], f);
		fputc('\n', f);
	}
	if (c->ncpus_online > c->ncpus)
		fprintf(f, "  (%u more not listed)\n", c->ncpus_online - c->ncpus);
	fprintf(f, "taint           ");
	taint_text(c, f);
	fputc('\n', f);
	if (!c->has_time) {
		fprintf(f, "time            unread (%s)\n", c->why_time);
		return;
	}
	iso8601(c->wall_sec, when, sizeof(when));
	fprintf(f, "uptime          ");
	uptime(c->uptime_nsec, f);
	fprintf(f, " (%s)\n", c->time_from);
	fprintf(f, "time            %s (xtime_sec %" PRId64 ", the last tick before the dump)\n",
		when[0] ? when : "(out of range)", c->wall_sec);
}

void dxi_crash_summary_text(const struct dxi_crashctx *c, FILE *f)
{
	const struct dxi_cpu_task *t = dxi_crashctx_crash_task(c);
	char when[40], ks[80];

	fprintf(f, "crash     ");
	if (c->crash_cpu < 0 && !c->has_panic_cpu)
		fprintf(f, "unknown (%s)", c->why_cpu);
	else if (c->crash_cpu < 0)
		fprintf(f, "none (no panic; a snapshot)");
	else if (t && t->task_read)
		fprintf(f, "CPU %d, PID %d %s", c->crash_cpu, t->pid, t->comm);
	else
		fprintf(f, "CPU %d", c->crash_cpu);
	if (c->has_taint) {
		dxi_taint_kernel_style(c->taint, ks, sizeof(ks));
		fprintf(f, "; %s", ks);
	}
	if (c->has_time) {
		iso8601(c->wall_sec, when, sizeof(when));
		fprintf(f, "; up ");
		uptime(c->uptime_nsec, f);
		if (when[0])
			fprintf(f, ", %s", when);
	}
	fputc('\n', f);
}

static void json_int_or_null(struct dxi_json *j, const char *key, bool has, int64_t v)
{
	if (has)
		dxi_json_i64(j, key, v);
	else
		dxi_json_null(j, key);
}

static void json_task(struct dxi_json *j, const char *key,
		      const struct dxi_cpu_task *t)
{
	dxi_json_begin_object(j, key);
	dxi_json_i64(j, "cpu", t->cpu);
	json_int_or_null(j, "pid", t->task_read, t->pid);
	if (t->task_read)
		dxi_json_string(j, "comm", t->comm);
	else
		dxi_json_null(j, "comm");
	json_int_or_null(j, "note_pid", t->note_pid >= 0, t->note_pid);
	dxi_json_end_object(j);
}

void dxi_crash_json(struct dxi_json *j, const struct dxi_crashctx *c)
{
	const struct dxi_cpu_task *t = dxi_crashctx_crash_task(c);
	char buf[80];

	dxi_json_begin_object(j, "crash");
	json_int_or_null(j, "panic_cpu", c->has_panic_cpu, c->panic_cpu);
	json_int_or_null(j, "crashing_cpu", c->has_crashing_cpu, c->crashing_cpu);
	json_int_or_null(j, "cpu", c->crash_cpu >= 0, c->crash_cpu);
	if (t)
		json_task(j, "task", t);
	else
		dxi_json_null(j, "task");
	dxi_json_u64(j, "cpus_online", c->ncpus_online);
	dxi_json_begin_array(j, "cpus");
	for (unsigned i = 0; i < c->ncpus; i++)
		json_task(j, NULL, &c->cpus[i]);
	dxi_json_end_array(j);
	dxi_json_begin_object(j, "notes");
	dxi_json_u64(j, "prstatus", c->nnotes);
	dxi_json_bool(j, "written_by_qemu", c->notes_by_qemu);
	dxi_json_end_object(j);
	if (c->has_taint) {
		dxi_json_begin_object(j, "taint");
		dxi_json_u64(j, "mask", c->taint);
		dxi_taint_letters(c->taint, buf, sizeof(buf));
		dxi_json_string(j, "letters", buf);
		dxi_taint_kernel_style(c->taint, buf, sizeof(buf));
		dxi_json_string(j, "kernel", buf);
		dxi_json_end_object(j);
	} else {
		dxi_json_null(j, "taint");
	}
	if (c->has_time) {
		dxi_json_u64(j, "uptime_nsec", c->uptime_nsec);
		dxi_json_i64(j, "time_sec", c->wall_sec);
		iso8601(c->wall_sec, buf, sizeof(buf));
		dxi_json_string(j, "time", buf);
		dxi_json_string(j, "time_from", c->time_from);
	} else {
		dxi_json_null(j, "uptime_nsec");
		dxi_json_null(j, "time_sec");
		dxi_json_null(j, "time");
		dxi_json_null(j, "time_from");
	}
	dxi_json_begin_array(j, "unread");
	if (c->why_cpu[0])
		dxi_json_string(j, NULL, c->why_cpu);
	if (c->why_tasks[0])
		dxi_json_string(j, NULL, c->why_tasks);
	if (c->why_taint[0])
		dxi_json_string(j, NULL, c->why_taint);
	if (c->why_time[0])
		dxi_json_string(j, NULL, c->why_time);
	dxi_json_end_array(j);
	dxi_json_end_object(j);
}
