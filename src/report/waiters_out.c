// SPDX-License-Identifier: MIT
#include "waiters_out.h"

#include <inttypes.h>

#include "../kern/page.h"

/* The pfn whose struct page holds w's key (in [x->pfn, last]), and the
 * offset of the key in it; false when the key is elsewhere. */
static bool on_finding(const struct dxi_audit *a, const struct dxi_finding *x,
		       const struct dxi_waiter *w, uint64_t *pfn, uint64_t *off)
{
	uint64_t size = a->k->layout.page.size, last = x->count > 1 ? x->last_pfn : x->pfn;
	uint64_t lo = dxi_page_addr(a->k, x->pfn), hi = dxi_page_addr(a->k, last) + size;

	if (!size || w->key < lo || w->key >= hi)
		return false;
	*pfn = x->pfn + (w->key - lo) / size;
	*off = (w->key - lo) % size;
	return true;
}

/* "_refcount" (what ext4/xfs wait on up to 6.14), "struct page" (the
 * page itself), else "struct page +0x..". */
static void key_name(const struct dxi_audit *a, uint64_t off, char *buf, size_t n)
{
	const struct dxi_page_layout *p = &a->k->layout.page;

	if (p->refcount.has && off == p->refcount.off)
		snprintf(buf, n, "_refcount");
	else if (!off)
		snprintf(buf, n, "struct page");
	else
		snprintf(buf, n, "struct page +%#" PRIx64, off);
}

/* Who waits with that key (docs/kernel-facts.md#layout-waiters). */
static const char *waits_in(const struct dxi_audit *a, uint64_t off)
{
	const struct dxi_page_layout *p = &a->k->layout.page;

	if (p->refcount.has && off == p->refcount.off)
		return "ext4_break_layouts()/xfs_break_dax_layouts() wait so (truncate, hole punch) until the refcount is 1";
	if (!off)
		return "dax_break_layout()/dax_break_layout_final() wait so (truncate, hole punch; eviction) until the page is idle";
	return "not a wait the DAX code makes";
}

void dxi_waiters_text(const struct dxi_audit *a, const struct dxi_finding *x,
		      bool addresses, FILE *f)
{
	const struct dxi_waiters *ws = &a->waiters;

	if (!ws->walked || !dxi_finding_has_waiters(x))
		return;
	for (size_t i = 0; i < ws->n; i++) {
		const struct dxi_waiter *w = &ws->w[i];
		const char *sc = dxi_syscall_name(w->syscall);
		uint64_t pfn, off;
		char key[48];

		if (!on_finding(a, x, w, &pfn, &off))
			continue;
		key_name(a, off, key, sizeof(key));
		if (w->pid < 0)
			fprintf(f, "          blocked: a task whose task_struct is not in the dump");
		else
			fprintf(f, "          blocked: pid %" PRId64 " (%s)", w->pid, w->comm);
		if (w->has_state)
			fprintf(f, ", state %s (%s)", dxi_task_state_letter(w->state),
				dxi_task_state_word(w->state));
		if (sc)
			fprintf(f, ", in %s(2)", sc);
		else if (w->syscall >= 0)
			fprintf(f, ", in syscall %" PRId64, w->syscall);
		fprintf(f, ": waits in wait_var_event() on %s %s", x->count > 1 ? "a page's" : "this page's", key);
		if (x->count > 1)
			fprintf(f, " (pfn %#" PRIx64 ")", pfn);
		fprintf(f, " -- %s", waits_in(a, off));
		if (!w->on_stack && w->pid >= 0)
			fprintf(f, "; its wait entry is not on its kernel stack (stale?)");
		fputc('\n', f);
		if (addresses)
			fprintf(f, "          task %#" PRIx64 " wait entry %#" PRIx64 " key %#" PRIx64 "\n",
				w->task, w->entry, w->key);
	}
}

/* How many of the waiters wait on x's pages. */
static size_t count_on(const struct dxi_audit *a, const struct dxi_finding *x)
{
	uint64_t pfn, off;
	size_t n = 0;

	for (size_t i = 0; i < a->waiters.n; i++)
		n += on_finding(a, x, &a->waiters.w[i], &pfn, &off);
	return n;
}

void dxi_waiters_json(struct dxi_json *j, const struct dxi_audit *a,
		      const struct dxi_finding *x, bool addresses)
{
	const struct dxi_waiters *ws = &a->waiters;

	if (!dxi_finding_has_waiters(x))
		return;
	if (!ws->walked && ws->no_types)
		return; /* e.g. a type profile older than these queries */
	if (!ws->walked) {
		dxi_json_null(j, "waiters");
		dxi_json_string(j, "waiters_unknown", ws->why[0] ? ws->why : "not walked");
		return;
	}
	if (!count_on(a, x))
		return;
	dxi_json_begin_array(j, "waiters");
	for (size_t i = 0; i < ws->n; i++) {
		const struct dxi_waiter *w = &ws->w[i];
		const char *sc = dxi_syscall_name(w->syscall);
		uint64_t pfn, off;
		char key[48];

		if (!on_finding(a, x, w, &pfn, &off))
			continue;
		key_name(a, off, key, sizeof(key));
		dxi_json_begin_object(j, NULL);
		dxi_json_i64(j, "pid", w->pid);
		dxi_json_i64(j, "tgid", w->tgid);
		dxi_json_string(j, "comm", w->comm);
		if (w->has_state) {
			dxi_json_string(j, "state", dxi_task_state_letter(w->state));
			dxi_json_hex(j, "state_raw", w->state);
		} else {
			dxi_json_null(j, "state");
		}
		if (w->syscall >= 0)
			dxi_json_i64(j, "syscall_nr", w->syscall);
		else
			dxi_json_null(j, "syscall_nr");
		if (sc)
			dxi_json_string(j, "syscall", sc);
		else
			dxi_json_null(j, "syscall");
		dxi_json_string(j, "wait", "wait_var_event");
		dxi_json_u64(j, "pfn", pfn);
		dxi_json_string(j, "key", key);
		dxi_json_bool(j, "entry_on_stack", w->on_stack);
		if (addresses) {
			dxi_json_hex(j, "task", w->task);
			dxi_json_hex(j, "entry", w->entry);
			dxi_json_hex(j, "key_addr", w->key);
		}
		dxi_json_end_object(j);
	}
	dxi_json_end_array(j);
}
