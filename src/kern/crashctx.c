// SPDX-License-Identifier: MIT
#include "crashctx.h"

#include <stdio.h>
#include <string.h>

#include "kernel.h"

/* The kernel half of the address space: symbols there move with KASLR;
 * x86-64 per-CPU symbols before 6.15 are small offsets and do not
 * (the same rule as src/dbg/btf.c). */
#define KERNEL_HALF (1ull << 63)
#define TIMEKEEPER_MAX 4096	/* bound on sizeof(struct timekeeper) */

/*
 * kernel/panic.c taint_flags[]: the letter of bit i when set, and the one
 * printed when it is clear ('G' for P, ' ' for the rest). 6.1 and 6.12
 * have the first 19; 7.3 adds TAINT_FWCTL 'J' (docs/kernel-facts.md#crash-context).
 */
static const struct { char set, clear; } taint_table[] = {
	{ 'P', 'G' }, { 'F', ' ' }, { 'S', ' ' }, { 'R', ' ' }, { 'M', ' ' },
	{ 'B', ' ' }, { 'U', ' ' }, { 'D', ' ' }, { 'A', ' ' }, { 'W', ' ' },
	{ 'C', ' ' }, { 'I', ' ' }, { 'O', ' ' }, { 'E', ' ' }, { 'L', ' ' },
	{ 'K', ' ' }, { 'X', ' ' }, { 'T', ' ' }, { 'N', ' ' }, { 'J', ' ' },
};
#define NTAINT (sizeof(taint_table) / sizeof(taint_table[0]))

unsigned dxi_taint_nflags(void)
{
	return NTAINT;
}

/* The highest set bit + 1, 0 for 0. */
static unsigned width(uint64_t mask)
{
	unsigned n = 0;

	while (n < 64 && mask >> n)
		n++;
	return n;
}

void dxi_taint_kernel_style(uint64_t mask, char *buf, size_t size)
{
	size_t o;

	if (!mask) {
		snprintf(buf, size, "Not tainted");
		return;
	}
	o = (size_t)snprintf(buf, size, "Tainted: ");
	/* the kernel pads to TAINT_FLAGS_COUNT; stopping at the last set
	 * bit (or the 'G' of bit 0) drops only trailing blanks */
	for (unsigned i = 0, w = width(mask) ? width(mask) : 1; i < w && o + 1 < size; i++) {
		bool set = mask >> i & 1;

		buf[o++] = i < NTAINT ? (set ? taint_table[i].set : taint_table[i].clear) :
					(set ? '?' : ' ');
	}
	if (o < size)
		buf[o] = '\0';
}

void dxi_taint_letters(uint64_t mask, char *buf, size_t size)
{
	size_t o = 0;

	for (unsigned i = 0; i < 64 && o + 1 < size; i++)
		if (mask >> i & 1)
			buf[o++] = i < NTAINT ? taint_table[i].set : '?';
	if (size)
		buf[o] = '\0';
}

const struct dxi_cpu_task *dxi_crashctx_crash_task(const struct dxi_crashctx *c)
{
	for (unsigned i = 0; c->crash_cpu >= 0 && i < c->ncpus; i++)
		if (c->cpus[i].cpu == c->crash_cpu)
			return &c->cpus[i];
	return NULL;
}

/* A symbol's runtime address (kernel.c's dxi_kernel_symbol, for a const k). */
static struct dxi_error *symbol(const struct dxi_kernel *k, const char *name,
				uint64_t *addr)
{
	struct dxi_error *err = dxi_types_symbol(k->types, name, addr);

	if (!err)
		*addr += k->kaslr_offset;
	return err;
}

/* why = "what: the error", once; a type profile older than these reads
 * says so in short (its own message names the whole path). */
static void set_why(const struct dxi_kernel *k, char *why, size_t size,
		    const char *what, const struct dxi_error *err)
{
	if (!why || why[0])
		return;
	if (err->code == DXI_ERR_DEBUGINFO && k->types->kind == DXI_TYPES_PROFILE)
		snprintf(why, size, "%s: not in the type profile (made by an older daxinspect: re-extract it with `daxinspect profile extract`)",
			 what);
	else
		snprintf(why, size, "%s: %s", what, err->msg);
}

/* Reads size (1..8) bytes at a symbol's address + off; false with why. */
static bool read_sym(const struct dxi_kernel *k, const char *name, uint64_t off,
		     void *buf, size_t size, char *why, size_t why_size)
{
	struct dxi_error *err;
	uint64_t addr;

	err = symbol(k, name, &addr);
	if (!err)
		err = dxi_target_read(k->target, DXI_KVIRT, addr + off, buf, size);
	if (err) {
		set_why(k, why, why_size, name, err);
		dxi_error_free(err);
		return false;
	}
	return true;
}

/* A signed int variable of 4 bytes (atomic_t's counter at off). */
static bool read_int(const struct dxi_kernel *k, const char *name, uint64_t off,
		     int *out, char *why, size_t why_size)
{
	int32_t v;

	if (!read_sym(k, name, off, &v, 4, why, why_size))
		return false;
	*out = v;
	return true;
}

static bool has_symbol(const struct dxi_kernel *k, const char *name)
{
	uint64_t a;
	struct dxi_error *err = dxi_types_symbol(k->types, name, &a);

	dxi_error_free(err);
	return !err;
}

static void read_cpus(const struct dxi_kernel *k, struct dxi_crashctx *c)
{
	struct dxi_member m;
	struct dxi_error *err;

	c->has_panic_cpu = false;
	/* atomic_t is struct { int counter; } (include/linux/types.h) */
	err = dxi_types_member(k->types, "atomic_t", "counter", &m);
	if (err || m.size != 4)
		m.offset = 0;
	dxi_error_free(err);
	c->has_panic_cpu = read_int(k, "panic_cpu", m.offset, &c->panic_cpu,
				    c->why_cpu, sizeof(c->why_cpu));
	/* x86 only: absent elsewhere, which is no error */
	if (has_symbol(k, "crashing_cpu"))
		c->has_crashing_cpu = read_int(k, "crashing_cpu", 0, &c->crashing_cpu,
					       c->why_cpu, sizeof(c->why_cpu));
	c->crash_cpu = -1;
	if (c->has_panic_cpu && c->panic_cpu >= 0)
		c->crash_cpu = c->panic_cpu;
	else if (c->has_crashing_cpu && c->crashing_cpu >= 0)
		c->crash_cpu = c->crashing_cpu;
}

/* The address of a per-CPU variable's copy for cpu, from its symbol. */
static struct dxi_error *percpu_addr(const struct dxi_kernel *k, const char *name,
				     unsigned cpu, uint64_t *out)
{
	struct dxi_error *err;
	uint64_t raw, offs_addr, offset;

	err = dxi_types_symbol(k->types, name, &raw);
	if (!err)
		err = symbol(k, "__per_cpu_offset", &offs_addr);
	if (!err)
		err = dxi_target_read_u64(k->target, offs_addr + 8ull * cpu, &offset);
	if (err)
		return err;
	*out = (raw >= KERNEL_HALF ? raw + k->kaslr_offset : raw) + offset;
	return NULL;
}

/* Where the per-CPU current task pointer is: x86 current_task (to 6.1,
 * and again from 6.15), x86 pcpu_hot.current_task (6.2 to 6.14), arm64
 * __entry_task. */
static bool current_var(const struct dxi_kernel *k, const char **name, uint64_t *off)
{
	struct dxi_member m;
	struct dxi_error *err;

	*off = 0;
	if (has_symbol(k, (*name = "current_task")))
		return true;
	if (has_symbol(k, (*name = "pcpu_hot"))) {
		err = dxi_types_member(k->types, "struct pcpu_hot", "current_task", &m);
		if (!err) {
			*off = m.offset;
			return true;
		}
		dxi_error_free(err);
	}
	return has_symbol(k, (*name = "__entry_task"));
}

static void read_task(const struct dxi_kernel *k, const char *var, uint64_t off,
		      struct dxi_cpu_task *ct, char *why, size_t why_size)
{
	const struct dxi_rmap_layout *L = &k->layout.rmap;
	struct dxi_error *err;
	uint64_t addr, task;
	int32_t pid;
	char comm[32] = { 0 };
	size_t n = L->comm_len && L->comm_len < sizeof(comm) ? L->comm_len :
							     sizeof(comm) - 1;

	err = percpu_addr(k, var, (unsigned)ct->cpu, &addr);
	if (!err)
		err = dxi_target_read_u64(k->target, addr + off, &task);
	if (!err && !task)
		err = dxi_error_new(DXI_ERR_CORRUPT, "CPU %d's %s is NULL", ct->cpu, var);
	if (!err)
		err = dxi_target_read(k->target, DXI_KVIRT, task + L->ts_pid.off, &pid, 4);
	if (!err)
		err = dxi_target_read(k->target, DXI_KVIRT, task + L->ts_comm.off, comm, n);
	if (err) {
		char what[48];

		snprintf(what, sizeof(what), "CPU %d's task", ct->cpu);
		set_why(k, why, why_size, what, err);
		dxi_error_free(err);
		return;
	}
	comm[sizeof(comm) - 1] = '\0';
	ct->task_read = true;
	ct->pid = pid;
	snprintf(ct->comm, sizeof(ct->comm), "%s", comm);
}

static void read_tasks(const struct dxi_kernel *k, struct dxi_crashctx *c)
{
	const struct dxi_rmap_layout *L = &k->layout.rmap;
	const struct dxi_prstatus *ps = &k->target->prstatus;
	uint64_t online = 0, off = 0;
	unsigned nr = DXI_CRASH_MAX_CPUS, note = 0;
	const char *var = NULL;
	bool tasks;

	c->nnotes = ps->n;
	c->notes_by_qemu = ps->by_qemu;
	/* cpumask bits[] of the first 64 CPUs; nr_cpu_ids bounds them
	 * (absent with CONFIG_FORCE_NR_CPUS: then the mask alone) */
	if (!read_sym(k, "__cpu_online_mask", 0, &online, 8, c->why_tasks,
		      sizeof(c->why_tasks)))
		return;
	{
		uint32_t ids;

		if (has_symbol(k, "nr_cpu_ids") &&
		    read_sym(k, "nr_cpu_ids", 0, &ids, 4, NULL, 0) && ids < nr)
			nr = ids;
	}
	tasks = L->ts_pid.has && L->ts_comm.has && current_var(k, &var, &off);
	if (!tasks)
		snprintf(c->why_tasks, sizeof(c->why_tasks),
			 "no per-CPU current task variable, or no task_struct pid/comm in %s",
			 k->types->path);
	for (unsigned cpu = 0; cpu < nr; cpu++) {
		struct dxi_cpu_task *ct;

		if (!(online >> cpu & 1))
			continue;
		c->ncpus_online++;
		ct = &c->cpus[c->ncpus++];
		memset(ct, 0, sizeof(*ct));
		ct->cpu = (int)cpu;
		ct->pid = -1;
		/* the i-th note is the i-th online CPU's, as crash maps them */
		ct->note_pid = !ps->by_qemu && note < ps->n && note < DXI_PRSTATUS_MAX ?
				       ps->pid[note] : -1;
		note++;
		if (tasks)
			read_task(k, var, off, ct, c->why_tasks, sizeof(c->why_tasks));
	}
}

static void read_time(const struct dxi_kernel *k, struct dxi_crashctx *c)
{
	static const char tk[] = "struct timekeeper";
	struct dxi_member sec, wtm_sec, wtm_nsec, xnsec, shift, boot, m;
	unsigned char buf[TIMEKEEPER_MAX];
	struct dxi_error *err = NULL;
	uint64_t addr, size, base_off = 0;
	const char *sym;
	int64_t s, ws, wn, ob;
	uint64_t xn;
	uint32_t sh;

	/* 6.13+: struct tk_data { seq; timekeeper; shadow_timekeeper; ... }
	 * as tk_core, and from 6.17 as timekeeper_data[TIMEKEEPER_CORE = 0];
	 * before, tk_core is an unnamed struct and shadow_timekeeper, its
	 * mirror, a struct timekeeper (docs/kernel-facts.md#crash-context).
	 * The symbol decides first: asking DWARF for a struct tk_data that
	 * 6.1 and 6.12 lack costs a scan of every compile unit. */
	err = has_symbol(k, "shadow_timekeeper") ?
		      dxi_error_new(DXI_ERR_NOTFOUND, "shadow_timekeeper is a global") :
		      dxi_types_member(k->types, "struct tk_data", "timekeeper", &m);
	if (!err) {
		base_off = m.offset;
		sym = has_symbol(k, "timekeeper_data") ? "timekeeper_data" : "tk_core";
		snprintf(c->time_from, sizeof(c->time_from), "%s%s.timekeeper", sym,
			 strcmp(sym, "tk_core") ? "[0]" : "");
	} else {
		dxi_error_free(err);
		sym = "shadow_timekeeper";
		snprintf(c->time_from, sizeof(c->time_from), "%s", sym);
	}
	err = dxi_types_size(k->types, tk, &size);
	if (!err && size > sizeof(buf))
		err = dxi_error_new(DXI_ERR_DEBUGINFO, "%s is %llu bytes", tk,
				    (unsigned long long)size);
	if (!err) err = dxi_types_member(k->types, tk, "xtime_sec", &sec);
	if (!err) err = dxi_types_member(k->types, tk, "wall_to_monotonic.tv_sec", &wtm_sec);
	if (!err) err = dxi_types_member(k->types, tk, "wall_to_monotonic.tv_nsec", &wtm_nsec);
	if (!err) err = dxi_types_member(k->types, tk, "tkr_mono.xtime_nsec", &xnsec);
	if (!err) err = dxi_types_member(k->types, tk, "tkr_mono.shift", &shift);
	if (!err) err = dxi_types_member(k->types, tk, "offs_boot", &boot);
	if (!err) err = symbol(k, sym, &addr);
	if (!err) err = dxi_target_read(k->target, DXI_KVIRT, addr + base_off, buf, size);
	if (err) {
		set_why(k, c->why_time, sizeof(c->why_time), c->time_from, err);
		dxi_error_free(err);
		return;
	}
	memcpy(&s, buf + sec.offset, 8);
	memcpy(&ws, buf + wtm_sec.offset, 8);
	memcpy(&wn, buf + wtm_nsec.offset, 8);
	memcpy(&xn, buf + xnsec.offset, 8);
	memcpy(&sh, buf + shift.offset, 4);
	memcpy(&ob, buf + boot.offset, 8);
	/* monotonic = xtime + wall_to_monotonic; xtime's nanoseconds are
	 * tkr_mono.xtime_nsec >> shift; boot time adds offs_boot (suspend) */
	{
		int64_t mono = (s + ws) * 1000000000 + (int64_t)(sh < 64 ? xn >> sh : 0) + wn;

		c->has_time = mono >= 0;
		c->wall_sec = s;
		c->uptime_nsec = (uint64_t)(mono + ob);
		if (!c->has_time)
			snprintf(c->why_time, sizeof(c->why_time),
				 "%s reads a negative monotonic time", c->time_from);
	}
}

void dxi_crashctx_read(const struct dxi_kernel *k, struct dxi_crashctx *out)
{
	memset(out, 0, sizeof(*out));
	out->crash_cpu = -1;
	out->panic_cpu = out->crashing_cpu = -1;
	read_cpus(k, out);
	read_tasks(k, out);
	{
		uint64_t v;

		out->has_taint = read_sym(k, "tainted_mask", 0, &v, 8, out->why_taint,
					  sizeof(out->why_taint));
		out->taint = out->has_taint ? v : 0;
	}
	read_time(k, out);
}
