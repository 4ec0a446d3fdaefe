/* SPDX-License-Identifier: MIT */
/*
 * How the dump was taken, from the kernel's own variables and the dump's
 * notes: the crashing CPU (panic_cpu, x86 crashing_cpu), the task each
 * CPU ran (per-CPU current, checked against the PRSTATUS notes' pr_pid),
 * the taint flags (tainted_mask) and the time (the core timekeeper).
 * Every part is optional: what cannot be read says why and is left out.
 * See docs/kernel-facts.md#crash-context.
 */
#ifndef DXI_KERN_CRASHCTX_H
#define DXI_KERN_CRASHCTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dxi_kernel;

#define DXI_CRASH_MAX_CPUS 64	/* CPUs listed (the first online ones) */

struct dxi_cpu_task {
	int cpu;
	bool task_read;		/* pid/comm from that CPU's current */
	int pid;
	char comm[32];
	int note_pid;		/* its PRSTATUS pr_pid; -1 none or QEMU's */
};

struct dxi_crashctx {
	/* panic_cpu (kernel/panic.c), crashing_cpu (arch/x86/kernel/reboot.c):
	 * -1 when none; has_ false when unread (why_cpu says why) */
	bool has_panic_cpu, has_crashing_cpu;
	int panic_cpu, crashing_cpu;
	int crash_cpu;		/* panic_cpu, else crashing_cpu, else -1 */
	char why_cpu[256];
	/* online CPUs and what each ran */
	unsigned ncpus_online;	/* 0: unknown */
	unsigned ncpus;		/* listed in cpus[] */
	struct dxi_cpu_task cpus[DXI_CRASH_MAX_CPUS];
	char why_tasks[256];
	unsigned nnotes;	/* PRSTATUS notes in the file */
	bool notes_by_qemu;
	/* tainted_mask */
	bool has_taint;
	uint64_t taint;
	char why_taint[256];
	/* the core timekeeper (kernel/time/timekeeping.c) */
	bool has_time;
	int64_t wall_sec;	/* CLOCK_REALTIME seconds (xtime_sec) */
	uint64_t uptime_nsec;	/* CLOCK_BOOTTIME: monotonic + offs_boot */
	char time_from[48];	/* "tk_core.timekeeper", "shadow_timekeeper" */
	char why_time[256];
};

/* Never fails: each part that cannot be read says why. */
void dxi_crashctx_read(const struct dxi_kernel *k, struct dxi_crashctx *out);

/* The crashing CPU's entry in cpus[], or NULL (no crash, not listed). */
const struct dxi_cpu_task *dxi_crashctx_crash_task(const struct dxi_crashctx *c);

/*
 * The taint letters, as kernel/panic.c taint_flags[] has them: bit i of
 * the mask is letter i of the table (docs/kernel-facts.md#crash-context).
 */
/* "Tainted: G        W  OE" as print_tainted() prints it (trailing blanks
 * dropped: their number is the kernel's TAINT_FLAGS_COUNT), or "Not
 * tainted"; bits past the table are '?'. */
void dxi_taint_kernel_style(uint64_t mask, char *buf, size_t size);
/* The set letters alone, "WOE"; "" for 0; '?' for unknown bits. */
void dxi_taint_letters(uint64_t mask, char *buf, size_t size);
/* The number of flags daxinspect knows (the table's length). */
unsigned dxi_taint_nflags(void);

#endif
