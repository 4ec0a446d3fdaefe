// SPDX-License-Identifier: MIT
/* How the dump was taken (kern/crashctx.c, dump/prstatus.c): the taint
 * table, the PRSTATUS note walk, and the reads on a synthetic kernel
 * with and without a panic. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/dump/prstatus.h"
#include "../../src/dump/synth.h"
#include "../../src/kern/crashctx.h"
#include "../../src/kern/kernel.h"

static void test_taint_letters(void **state)
{
	char b[80];

	(void)state;
	/* W (9) and O (12): print_tainted() of kernel/panic.c */
	dxi_taint_kernel_style(1u << 9 | 1u << 12, b, sizeof(b));
	assert_string_equal(b, "Tainted: G        W  O");
	dxi_taint_letters(1u << 9 | 1u << 12, b, sizeof(b));
	assert_string_equal(b, "WO");
	/* the lab dumps: W, O, E */
	dxi_taint_kernel_style(0x3200, b, sizeof(b));
	assert_string_equal(b, "Tainted: G        W  OE");
	dxi_taint_kernel_style(0, b, sizeof(b));
	assert_string_equal(b, "Not tainted");
	dxi_taint_letters(0, b, sizeof(b));
	assert_string_equal(b, "");
	/* P prints P, not G */
	dxi_taint_kernel_style(1, b, sizeof(b));
	assert_string_equal(b, "Tainted: P");
	/* every flag of 6.1/6.12, then 7.3's TAINT_FWCTL, then one unknown */
	dxi_taint_letters((1u << 19) - 1, b, sizeof(b));
	assert_string_equal(b, "PFSRMBUDAWCIOELKXTN");
	dxi_taint_letters(1u << 19, b, sizeof(b));
	assert_string_equal(b, "J");
	dxi_taint_letters(1ull << 40 | 1u << 7, b, sizeof(b));
	assert_string_equal(b, "D?");
	assert_int_equal(dxi_taint_nflags(), 20);
	/* a small buffer is cut, still terminated */
	dxi_taint_kernel_style(0x3200, b, 12);
	assert_string_equal(b, "Tainted: G ");
}

/* One ELF note into buf at *off. */
static void put_note(unsigned char *buf, size_t *off, const char *name,
		     uint32_t type, const void *desc, uint32_t desc_len)
{
	Elf64_Nhdr nh = { (uint32_t)strlen(name) + 1, desc_len, type };

	memcpy(buf + *off, &nh, sizeof(nh));
	*off += sizeof(nh);
	memcpy(buf + *off, name, nh.n_namesz);
	*off += (nh.n_namesz + 3) & ~3u;
	memcpy(buf + *off, desc, desc_len);
	*off += (desc_len + 3) & ~3u;
}

static void test_prstatus_parse(void **state)
{
	unsigned char notes[2048] = { 0 }, pr[336] = { 0 };
	struct dxi_prstatus ps;
	int32_t pid = 112;
	size_t off = 0;

	(void)state;
	memcpy(pr + 32, &pid, 4);	/* pr_pid */
	put_note(notes, &off, "CORE", NT_PRSTATUS, pr, sizeof(pr));
	put_note(notes, &off, "VMCOREINFO", 0, "OSRELEASE=6.1\n", 14);
	pid = 7;
	memcpy(pr + 32, &pid, 4);
	put_note(notes, &off, "CORE", NT_PRSTATUS, pr, sizeof(pr));
	put_note(notes, &off, "CORE", NT_PRPSINFO, pr, 40); /* not a PRSTATUS */
	memset(&ps, 0, sizeof(ps));
	dxi_prstatus_parse(notes, off, &ps);
	assert_true(ps.found);
	assert_false(ps.by_qemu);
	assert_int_equal(ps.n, 2);
	assert_int_equal(ps.pid[0], 112);
	assert_int_equal(ps.pid[1], 7);
	/* QEMU's notes: flagged; a note cut by the end is not read */
	put_note(notes, &off, "QEMU", 0, pr, 16);
	memset(&ps, 0, sizeof(ps));
	dxi_prstatus_parse(notes, off, &ps);
	assert_true(ps.by_qemu);
	memset(&ps, 0, sizeof(ps));
	dxi_prstatus_parse(notes, 20 + 336 - 1, &ps);
	assert_int_equal(ps.n, 0);
}

/* A tiny type source: just what crashctx asks (6.12-like: no struct
 * tk_data, shadow_timekeeper, pcpu_hot; offsets of the 6.12 DWARF). */
struct fact { const char *type, *name; uint64_t a, b; };

static const struct fact facts[] = {
	{ "atomic_t", "counter", 0, 4 },
	{ "struct pcpu_hot", "current_task", 0, 8 },
	{ "struct timekeeper", "", 280, 0 },	/* size */
	{ "struct timekeeper", "xtime_sec", 112, 8 },
	{ "struct timekeeper", "wall_to_monotonic.tv_sec", 128, 8 },
	{ "struct timekeeper", "wall_to_monotonic.tv_nsec", 136, 8 },
	{ "struct timekeeper", "tkr_mono.xtime_nsec", 32, 8 },
	{ "struct timekeeper", "tkr_mono.shift", 28, 4 },
	{ "struct timekeeper", "offs_boot", 152, 8 },
	{ NULL, "panic_cpu", 0xffffffff82000000, 0 },
	{ NULL, "crashing_cpu", 0xffffffff82000010, 0 },
	{ NULL, "tainted_mask", 0xffffffff82000020, 0 },
	{ NULL, "__cpu_online_mask", 0xffffffff82000030, 0 },
	{ NULL, "nr_cpu_ids", 0xffffffff82000040, 0 },
	{ NULL, "__per_cpu_offset", 0xffffffff82000050, 0 },
	{ NULL, "shadow_timekeeper", 0xffffffff82001000, 0 },
	{ NULL, "pcpu_hot", 0x35000, 0 },	/* zero-based per-CPU */
};

static const struct fact *find(const char *type, const char *name)
{
	for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		if ((type ? facts[i].type && !strcmp(facts[i].type, type) : !facts[i].type) &&
		    !strcmp(facts[i].name, name))
			return &facts[i];
	return NULL;
}

static struct dxi_error *notfound(const char *a, const char *b)
{
	return dxi_error_new(DXI_ERR_NOTFOUND, "no %s %s", a, b ? b : "");
}

static struct dxi_error *m_size(void *p, const char *type, uint64_t *size)
{
	const struct fact *f = find(type, "");

	(void)p;
	if (!f)
		return notfound(type, NULL);
	*size = f->a;
	return NULL;
}

static struct dxi_error *m_member(void *p, const char *type, const char *path,
				  struct dxi_member *out)
{
	const struct fact *f = find(type, path);

	(void)p;
	if (!f)
		return notfound(type, path);
	out->offset = f->a;
	out->size = f->b;
	return NULL;
}

static struct dxi_error *m_symbol(void *p, const char *name, uint64_t *addr)
{
	const struct fact *f = find(NULL, name);

	(void)p;
	if (!f)
		return notfound("symbol", name);
	*addr = f->a;
	return NULL;
}

static const struct dxi_types_ops mock_ops = {
	.type_size = m_size, .member = m_member, .symbol = m_symbol,
};

#define KASLR 0x1000000ull
#define PERCPU0 0xffff888100000000ull
#define TASK 0xffff888000200000ull

static const char vmci[] =
	"OSRELEASE=6.12.0\nPAGESIZE=4096\nSYMBOL(init_top_pgt)=ffffffff82a10000\n"
	"NUMBER(phys_base)=0\nNUMBER(pgtable_l5_enabled)=0\n";

static void put32(struct dxi_target *t, uint64_t a, int32_t v)
{
	assert_null(dxi_synth_add(t, DXI_KVIRT, a, &v, 4));
}

static void put64(struct dxi_target *t, uint64_t a, uint64_t v)
{
	assert_null(dxi_synth_add(t, DXI_KVIRT, a, &v, 8));
}

/* A one-CPU kernel; panic_cpu as given; CPU 0 runs PID 112 "sh". */
static void make_kernel(struct dxi_kernel *k, struct dxi_types *types,
			int panic_cpu)
{
	unsigned char tk[280] = { 0 };
	int64_t v;
	uint32_t shift = 8;

	memset(k, 0, sizeof(*k));
	memset(types, 0, sizeof(*types));
	types->ops = &mock_ops;
	types->path = (char *)"mock";
	k->types = types;
	k->kaslr_offset = KASLR;
	k->layout.rmap.ts_pid = (struct dxi_field){ true, 0x100, 4 };
	k->layout.rmap.ts_comm = (struct dxi_field){ true, 0x200, 16 };
	k->layout.rmap.comm_len = 16;
	assert_null(dxi_synth_open(vmci, true, &k->target));
	put32(k->target, 0xffffffff82000000 + KASLR, panic_cpu);
	put32(k->target, 0xffffffff82000010 + KASLR, -1);
	put64(k->target, 0xffffffff82000020 + KASLR, 1u << 9 | 1u << 12);
	put64(k->target, 0xffffffff82000030 + KASLR, 1);
	put32(k->target, 0xffffffff82000040 + KASLR, 1);
	put64(k->target, 0xffffffff82000050 + KASLR, PERCPU0);
	/* pcpu_hot is zero-based: no KASLR offset */
	put64(k->target, PERCPU0 + 0x35000, TASK);
	put32(k->target, TASK + 0x100, 112);
	assert_null(dxi_synth_add(k->target, DXI_KVIRT, TASK + 0x200, "sh\0\0\0\0\0\0\0\0\0\0\0\0\0", 16));
	/* realtime 1796345436.5 s; wall_to_monotonic -1796345423.5 s: 13 s
	 * monotonic; offs_boot 1 ms */
	v = 1796345436;
	memcpy(tk + 112, &v, 8);
	v = 500000000ll << 8;
	memcpy(tk + 32, &v, 8);
	memcpy(tk + 28, &shift, 4);
	v = -1796345424;
	memcpy(tk + 128, &v, 8);
	v = 500000000;
	memcpy(tk + 136, &v, 8);
	v = 1000000;
	memcpy(tk + 152, &v, 8);
	assert_null(dxi_synth_add(k->target, DXI_KVIRT, 0xffffffff82001000 + KASLR, tk, sizeof(tk)));
}

static void test_crashctx_snapshot(void **state)
{
	struct dxi_types types;
	struct dxi_kernel k;
	struct dxi_crashctx c;

	(void)state;
	make_kernel(&k, &types, -1);
	dxi_crashctx_read(&k, &c);
	assert_true(c.has_panic_cpu);
	assert_int_equal(c.panic_cpu, -1);
	assert_true(c.has_crashing_cpu);
	assert_int_equal(c.crashing_cpu, -1);
	assert_int_equal(c.crash_cpu, -1);
	assert_null(dxi_crashctx_crash_task(&c));
	/* still: what CPU 0 ran */
	assert_int_equal(c.ncpus_online, 1);
	assert_int_equal(c.ncpus, 1);
	assert_true(c.cpus[0].task_read);
	assert_int_equal(c.cpus[0].pid, 112);
	assert_string_equal(c.cpus[0].comm, "sh");
	assert_int_equal(c.cpus[0].note_pid, -1); /* a synth target has no notes */
	assert_true(c.has_taint);
	assert_int_equal(c.taint, 0x1200);
	assert_true(c.has_time);
	assert_int_equal(c.wall_sec, 1796345436);
	assert_int_equal(c.uptime_nsec, 13000000000ull + 1000000);
	assert_string_equal(c.time_from, "shadow_timekeeper");
	assert_string_equal(c.why_cpu, "");
	assert_string_equal(c.why_tasks, "");
	assert_string_equal(c.why_time, "");
	dxi_target_close(k.target);
}

static void test_crashctx_panic(void **state)
{
	struct dxi_types types;
	struct dxi_kernel k;
	struct dxi_crashctx c;
	const struct dxi_cpu_task *t;

	(void)state;
	make_kernel(&k, &types, 0);
	/* the kdump's note of CPU 0 */
	k.target->prstatus.found = true;
	k.target->prstatus.n = 1;
	k.target->prstatus.pid[0] = 112;
	dxi_crashctx_read(&k, &c);
	assert_int_equal(c.crash_cpu, 0);
	t = dxi_crashctx_crash_task(&c);
	assert_non_null(t);
	assert_int_equal(t->pid, 112);
	assert_int_equal(t->note_pid, 112);
	assert_string_equal(t->comm, "sh");
	dxi_target_close(k.target);
}

static void test_crashctx_unreadable(void **state)
{
	struct dxi_types types;
	struct dxi_kernel k;
	struct dxi_crashctx c;

	(void)state;
	make_kernel(&k, &types, 0);
	/* a target with none of the variables: every part says why */
	dxi_target_close(k.target);
	assert_null(dxi_synth_open(vmci, true, &k.target));
	dxi_crashctx_read(&k, &c);
	assert_false(c.has_panic_cpu);
	assert_int_equal(c.crash_cpu, -1);
	assert_non_null(strstr(c.why_cpu, "panic_cpu"));
	assert_false(c.has_taint);
	assert_non_null(strstr(c.why_taint, "tainted_mask"));
	assert_false(c.has_time);
	assert_non_null(strstr(c.why_time, "shadow_timekeeper"));
	assert_int_equal(c.ncpus, 0);
	assert_non_null(strstr(c.why_tasks, "__cpu_online_mask"));
	dxi_target_close(k.target);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_taint_letters),
		cmocka_unit_test(test_prstatus_parse),
		cmocka_unit_test(test_crashctx_snapshot),
		cmocka_unit_test(test_crashctx_panic),
		cmocka_unit_test(test_crashctx_unreadable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
