// SPDX-License-Identifier: MIT
/*
 * `daxinspect trim`: opens the kernel (modules and their build-ids), reads
 * its log and crash context and runs the whole audit, as check does, with
 * every physical page read recorded, then writes an ELF vmcore holding exactly those pages.
 * The result analyses identically and is small (the bundled samples are
 * made this way; see vmcores-sample/README.md). Pages the source dump
 * does not contain stay absent, so they stay "unreadable".
 */
#include <stdlib.h>

#include "../checks/audit.h"
#include "../dump/elfcore.h"
#include "../kern/crashctx.h"
#include "../kern/klog.h"
#include "cli.h"

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The recorded pages the source really has, sorted. */
static struct dxi_error *readable_pages(struct dxi_target *t,
					const struct dxi_u64map *log,
					uint64_t **out, size_t *n)
{
	uint64_t *pfns = malloc((log->len + 1) * sizeof(*pfns));
	unsigned char *page = malloc(t->vmci.page_size);
	struct dxi_error *err = NULL;
	size_t m = 0;

	if (!pfns || !page) {
		free(pfns);
		free(page);
		return &dxi_error_nomem;
	}
	t->read_log = NULL;
	for (size_t i = 0; i < log->cap; i++) {
		if (log->keys[i] == UINT64_MAX)
			continue;
		err = dxi_target_read_phys(t, log->keys[i] * t->vmci.page_size,
					   page, t->vmci.page_size);
		if (dxi_error_catch(&err, DXI_ERR_NODATA))
			continue;
		if (err)
			break;
		pfns[m++] = log->keys[i];
	}
	free(page);
	if (err) {
		free(pfns);
		return err;
	}
	if (m)
		qsort(pfns, m, sizeof(*pfns), u64_cmp);
	*out = pfns;
	*n = m;
	return NULL;
}

int dxi_cmd_trim(const struct dxi_options *opts, int argc, char **argv)
{
	struct dxi_u64map log = { 0 };
	struct dxi_audit a = { 0 };
	struct dxi_kernel *k;
	struct dxi_error *err;
	uint64_t *pfns = NULL;
	size_t n = 0;

	if (argc != 1 || !opts->output) {
		fprintf(stderr, "daxinspect: usage: daxinspect trim [OPTIONS] TARGET -o FILE\n");
		return DXI_EXIT_USAGE;
	}
	err = dxi_cli_open_kernel_logged(opts, argv[0], &log, &k);
	if (err) {
		dxi_u64map_free(&log);
		return dxi_cli_fail(err);
	}
	{
		struct dxi_crashctx c;

		(void)dxi_kernel_klog(k);	/* the log check reads */
		dxi_crashctx_read(k, &c);	/* check's "crash" line */
	}
	err = dxi_audit_run(&a, k);
	if (!err)
		err = readable_pages(k->target, &log, &pfns, &n);
	if (!err)
		err = dxi_elfcore_write(k->target, pfns, n, k->page_offset_base,
					opts->output);
	if (!err)
		fprintf(stderr, "daxinspect: wrote %s: %zu pages of %s\n",
			opts->output, n, argv[0]);
	free(pfns);
	dxi_audit_free(&a);
	dxi_kernel_close(k);
	dxi_u64map_free(&log);
	return err ? dxi_cli_fail(err) : DXI_EXIT_OK;
}
