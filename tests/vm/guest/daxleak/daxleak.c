// SPDX-License-Identifier: GPL-2.0
/*
 * daxleak: fault injection for the daxinspect lab (5.10, 6.1, 6.12, 7.3).
 *
 * Loaded by tests/vm/guest/holdmap with finit_module(2), so init runs in
 * holdmap's process context and user addresses refer to its mappings:
 *   addr=  user address of a mapped fsdax page: take a reference with
 *          get_user_pages (FOLL_GET, or FOLL_PIN with pin=1) and never drop
 *          it -> a leaked reference (<= 6.14: orphaned once the file is
 *          evicted; 6.15+: eviction waits for it forever).
 *   addr2= user address of another mapped fsdax page: rewrite page->index
 *          to index + delta (bogus back-pointer, mapping-mismatch).
 * Init returns 0, so the module stays loaded (it has no exit: never unload).
 */
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/version.h>

/* page->index became page->__folio_index in 6.16 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
#define PG_INDEX(p) ((p)->__folio_index)
#else
#define PG_INDEX(p) ((p)->index)
#endif

static unsigned long addr;
static unsigned long addr2;
static unsigned long delta = 1000;
static bool pin;
module_param(addr, ulong, 0444);
module_param(addr2, ulong, 0444);
module_param(delta, ulong, 0444);
module_param(pin, bool, 0444);

static int __init daxleak_init(void)
{
	struct page *page = NULL;
	long n;

	if (addr) {
		if (pin)
			n = pin_user_pages_unlocked(addr, 1, &page, FOLL_WRITE);
		else
			n = get_user_pages_unlocked(addr, 1, &page, FOLL_WRITE);
		if (n != 1) {
			pr_err("daxleak: gup addr=%#lx failed: %ld\n", addr, n);
			return n < 0 ? (int)n : -EFAULT;
		}
		/* deliberately never put/unpinned */
		pr_info("daxleak: LEAK pfn=%#lx refcount=%d mapping=%px index=%lu mode=%s\n",
			page_to_pfn(page), page_ref_count(page), page->mapping,
			PG_INDEX(page), pin ? "pin" : "get");
	}
	if (addr2) {
		unsigned long old;

		page = NULL;
		n = get_user_pages_unlocked(addr2, 1, &page, 0);
		if (n != 1) {
			pr_err("daxleak: gup addr2=%#lx failed: %ld\n", addr2, n);
			return n < 0 ? (int)n : -EFAULT;
		}
		old = PG_INDEX(page);
		PG_INDEX(page) = old + delta;
		pr_info("daxleak: INDEX pfn=%#lx old=%lu new=%lu mapping=%px refcount=%d\n",
			page_to_pfn(page), old, PG_INDEX(page), page->mapping,
			page_ref_count(page) - 1);
		put_page(page);
	}
	return 0;
}
module_init(daxleak_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("daxinspect lab: leak a fsdax page reference, corrupt page->index");
