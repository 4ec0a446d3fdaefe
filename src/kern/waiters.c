// SPDX-License-Identifier: MIT
/*
 * wait_var_event() waiters, from bit_wait_table[] (waiters.h). Facts in
 * docs/kernel-facts.md#layout-waiters: the table's size, the entry's
 * layout and what init_wait_var_entry() stores in it, the task state
 * letters, and where x86-64 keeps a sleeping task's syscall number.
 */
#include "waiters.h"
#include "../util/vec.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* kernel/sched/wait_bit.c:7-10 (6.1, 6.12): WAIT_TABLE_BITS 8. */
#define WAIT_TABLE_SIZE 256
/* Entries read per wait queue before the list is called damaged. */
#define MAX_PER_HEAD 4096
/* arch/x86/include/asm/page_64_types.h:15-16: PAGE_SIZE << 2 without
 * KASAN (Debian's kernels); a stack-resident entry confirms it. */
#define X86_64_THREAD_SIZE 16384
/* __USER_CS and __USER_DS (arch/x86/include/asm/segment.h): the
 * pt_regs of a syscall from 64-bit user space. */
#define X86_64_USER_CS 0x33
#define X86_64_USER_DS 0x2b

struct wl {
	uint64_t table, var_wake;
	uint64_t head_size, head_list;		/* wait_queue_head */
	uint64_t ent_private, ent_func, ent_entry; /* wait_queue_entry */
	uint64_t wbq_key_flags, wbq_bit_nr, wbq_wq_entry; /* wait_bit_queue_entry */
	uint64_t ts_pid, ts_tgid, ts_comm, comm_len;
	bool has_state, has_stack, has_regs;
	uint64_t ts_state, ts_state_size, ts_stack;
	uint64_t regs_size, regs_orig_ax, regs_cs, regs_ss;
};

static bool member(struct dxi_kernel *k, const char *type, const char *path,
		   uint64_t *off, uint64_t *size, struct dxi_waiters *out)
{
	struct dxi_member m;
	struct dxi_error *err = dxi_types_member(k->types, type, path, &m);

	if (err) {
		if (out && !out->why[0])
			snprintf(out->why, sizeof(out->why), "%s.%s: %s", type, path, err->msg);
		dxi_error_free(err);
		return false;
	}
	*off = m.offset;
	if (size)
		*size = m.size;
	return true;
}

static bool symbol(struct dxi_kernel *k, const char *name, uint64_t *addr,
		   struct dxi_waiters *out)
{
	struct dxi_error *err = dxi_kernel_symbol(k, name, addr);

	if (err) {
		snprintf(out->why, sizeof(out->why), "symbol %s: %s", name, err->msg);
		dxi_error_free(err);
		return false;
	}
	return true;
}

static bool load_layout(struct dxi_kernel *k, struct wl *l, struct dxi_waiters *out)
{
	static const char ts[] = "struct task_struct";
	struct dxi_error *err;

	memset(l, 0, sizeof(*l));
	if (!symbol(k, "bit_wait_table", &l->table, out) ||
	    !symbol(k, "var_wake_function", &l->var_wake, out))
		return false;
	err = dxi_types_size(k->types, "struct wait_queue_head", &l->head_size);
	if (err) {
		snprintf(out->why, sizeof(out->why), "struct wait_queue_head: %s", err->msg);
		dxi_error_free(err);
		return false;
	}
	if (!member(k, "struct wait_queue_head", "head", &l->head_list, NULL, out) ||
	    !member(k, "struct wait_queue_entry", "private", &l->ent_private, NULL, out) ||
	    !member(k, "struct wait_queue_entry", "func", &l->ent_func, NULL, out) ||
	    !member(k, "struct wait_queue_entry", "entry", &l->ent_entry, NULL, out) ||
	    !member(k, "struct wait_bit_queue_entry", "key.flags", &l->wbq_key_flags, NULL, out) ||
	    !member(k, "struct wait_bit_queue_entry", "key.bit_nr", &l->wbq_bit_nr, NULL, out) ||
	    !member(k, "struct wait_bit_queue_entry", "wq_entry", &l->wbq_wq_entry, NULL, out) ||
	    !member(k, ts, "pid", &l->ts_pid, NULL, out) ||
	    !member(k, ts, "tgid", &l->ts_tgid, NULL, out) ||
	    !member(k, ts, "comm", &l->ts_comm, &l->comm_len, out))
		return false;
	/* 5.14+ __state (unsigned int); before, long state. */
	l->has_state = member(k, ts, "__state", &l->ts_state, &l->ts_state_size, NULL) ||
		       member(k, ts, "state", &l->ts_state, &l->ts_state_size, NULL);
	l->has_stack = member(k, ts, "stack", &l->ts_stack, NULL, NULL);
	l->has_regs = k->target->arch && k->target->arch->e_machine == EM_X86_64 &&
		      l->has_stack &&
		      !dxi_types_size(k->types, "struct pt_regs", &l->regs_size) &&
		      member(k, "struct pt_regs", "orig_ax", &l->regs_orig_ax, NULL, NULL) &&
		      member(k, "struct pt_regs", "cs", &l->regs_cs, NULL, NULL) &&
		      member(k, "struct pt_regs", "ss", &l->regs_ss, NULL, NULL);
	return true;
}

static bool rd64(struct dxi_kernel *k, uint64_t addr, uint64_t *v)
{
	struct dxi_error *err = dxi_target_read_u64(k->target, addr, v);

	dxi_error_free(err);
	return !err;
}

static void read_task(struct dxi_kernel *k, const struct wl *l, struct dxi_waiter *w)
{
	uint64_t v, stack;
	char comm[32] = "";
	size_t n = l->comm_len < sizeof(comm) - 1 ? l->comm_len : sizeof(comm) - 1;
	struct dxi_error *err;

	w->pid = w->tgid = -1;
	w->syscall = -1;
	if (rd64(k, w->task + l->ts_pid, &v)) {
		/* pid and tgid are pid_t (int): the low 32 bits */
		w->pid = (int32_t)(uint32_t)v;
		if (rd64(k, w->task + l->ts_tgid, &v))
			w->tgid = (int32_t)(uint32_t)v;
	}
	err = dxi_target_read(k->target, DXI_KVIRT, w->task + l->ts_comm, comm, n);
	if (!err)
		memcpy(w->comm, comm, sizeof(comm));
	dxi_error_free(err);
	w->comm[sizeof(w->comm) - 1] = '\0';
	if (l->has_state && rd64(k, w->task + l->ts_state, &v)) {
		w->has_state = true;
		w->state = (uint32_t)v;
	}
	if (!l->has_stack || !rd64(k, w->task + l->ts_stack, &stack) || !stack)
		return;
	w->on_stack = w->entry >= stack && w->entry < stack + X86_64_THREAD_SIZE;
	/* task_pt_regs(): the top of the stack less
	 * TOP_OF_KERNEL_STACK_PADDING, 0 on x86-64 up to 6.8 and 16 with
	 * CONFIG_X86_FRED (6.9+); the user segments tell which. */
	for (uint64_t pad = 0; l->has_regs && w->on_stack && pad <= 16; pad += 16) {
		uint64_t regs = stack + X86_64_THREAD_SIZE - pad - l->regs_size, cs, ss, ax;

		if (rd64(k, regs + l->regs_cs, &cs) && (uint16_t)cs == X86_64_USER_CS &&
		    rd64(k, regs + l->regs_ss, &ss) && (uint16_t)ss == X86_64_USER_DS &&
		    rd64(k, regs + l->regs_orig_ax, &ax) && ax < 1024) {
			w->syscall = (int64_t)ax;
			break;
		}
	}
}

static struct dxi_error *add(struct dxi_waiters *out, const struct dxi_waiter *w,
			     size_t *cap)
{
	if (!DXI_GROW(out->w, *cap, out->n + 1, 8))
		return dxi_error_new(DXI_ERR_NOMEM, "out of memory listing wait queue entries");
	out->w[out->n++] = *w;
	return NULL;
}

struct dxi_error *dxi_waiters_walk(struct dxi_kernel *k, struct dxi_waiters *out)
{
	struct wl l;
	size_t cap = 0;

	dxi_waiters_free(out);
	if (!load_layout(k, &l, out)) {
		out->no_types = true;
		return NULL;
	}
	for (unsigned i = 0; i < WAIT_TABLE_SIZE; i++) {
		uint64_t head = l.table + i * l.head_size + l.head_list, node;
		unsigned steps = 0;

		if (!rd64(k, head, &node)) {
			snprintf(out->why, sizeof(out->why),
				 "bit_wait_table[%u] at %#llx is not in the dump", i,
				 (unsigned long long)head);
			return NULL;
		}
		out->heads++;
		while (node != head) {
			uint64_t wq = node - l.ent_entry, func, wbq, bit, next;
			struct dxi_waiter w;
			struct dxi_error *err;

			if (++steps > MAX_PER_HEAD || !rd64(k, node, &next) ||
			    !rd64(k, wq + l.ent_func, &func)) {
				if (!out->why[0])
					snprintf(out->why, sizeof(out->why),
						 "bit_wait_table[%u]: list cut at %#llx (%s)", i,
						 (unsigned long long)node,
						 steps > MAX_PER_HEAD ? "too long: a cycle?" : "unreadable");
				break;
			}
			out->entries++;
			node = next;
			if (func != l.var_wake)
				continue; /* a bit waiter (wake_bit_function...) */
			wbq = wq - l.wbq_wq_entry;
			memset(&w, 0, sizeof(w));
			w.entry = wbq;
			/* init_wait_var_entry(): bit_nr -1 (an int) */
			if (!rd64(k, wbq + l.wbq_key_flags, &w.key) ||
			    !rd64(k, wbq + l.wbq_bit_nr, &bit) || (int32_t)(uint32_t)bit != -1 ||
			    !rd64(k, wq + l.ent_private, &w.task))
				continue;
			read_task(k, &l, &w);
			if ((err = add(out, &w, &cap)))
				return err;
		}
	}
	out->walked = true;
	return NULL;
}

void dxi_waiters_free(struct dxi_waiters *w)
{
	free(w->w);
	memset(w, 0, sizeof(*w));
}

/* fs/proc/array.c:125-140 task_state_array, indexed by fls(state &
 * TASK_REPORT); TASK_IDLE (UNINTERRUPTIBLE | NOLOAD) is "I"
 * (include/linux/sched.h:85-119, fs/proc/array.c task_state_index). */
static const struct { const char *letter, *word; } states[] = {
	{ "R", "running" },	 { "S", "sleeping, interruptible" },
	{ "D", "uninterruptible" }, { "T", "stopped" },
	{ "t", "tracing stop" }, { "X", "dead" },
	{ "Z", "zombie" },	 { "P", "parked" },
};

static int state_index(uint32_t state)
{
	uint32_t r = state & 0x7f;
	int i = 0;

	if ((state & 0x402) == 0x402)
		return -1; /* TASK_IDLE */
	while (r) {
		i++;
		r >>= 1;
	}
	return i;
}

const char *dxi_task_state_letter(uint32_t state)
{
	int i = state_index(state);

	return i < 0 ? "I" : (size_t)i < sizeof(states) / sizeof(states[0]) ? states[i].letter : "?";
}

const char *dxi_task_state_word(uint32_t state)
{
	int i = state_index(state);

	return i < 0 ? "idle" : (size_t)i < sizeof(states) / sizeof(states[0]) ? states[i].word : "unknown";
}

/* arch/x86/entry/syscalls/syscall_64.tbl (6.1: lines 14, 22, 71, 87-88,
 * 98, 242, 274, 296): the calls that truncate, punch, unlink or drop a
 * file's last reference. */
static const struct { int64_t nr; const char *name; } syscalls[] = {
	{ 3, "close" },	     { 11, "munmap" },	    { 60, "exit" },
	{ 76, "truncate" },  { 77, "ftruncate" },   { 87, "unlink" },
	{ 231, "exit_group" }, { 263, "unlinkat" }, { 285, "fallocate" },
};

const char *dxi_syscall_name(int64_t nr)
{
	for (size_t i = 0; i < sizeof(syscalls) / sizeof(syscalls[0]); i++)
		if (syscalls[i].nr == nr)
			return syscalls[i].name;
	return NULL;
}
