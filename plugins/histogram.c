// SPDX-License-Identifier: MIT
/*
 * daxinspect plugin: `histogram TARGET` -- how the pgmap pages' refcounts,
 * mapcounts and share counts are distributed, per pgmap type. Idle pages
 * are counted from the audit's summary; the others from its page list.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <daxinspect/plugin.h>

#define MAX_BUCKETS 64

struct hist {
	const char *what;
	int64_t value[MAX_BUCKETS];
	uint64_t count[MAX_BUCKETS];
	size_t n;
	uint64_t other;
};

static void add(struct hist *h, int64_t v)
{
	for (size_t i = 0; i < h->n; i++) {
		if (h->value[i] == v) {
			h->count[i]++;
			return;
		}
	}
	if (h->n == MAX_BUCKETS) {
		h->other++;
		return;
	}
	h->value[h->n] = v;
	h->count[h->n++] = 1;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static void print(const struct hist *h, FILE *out)
{
	int64_t sorted[MAX_BUCKETS];

	memcpy(sorted, h->value, h->n * sizeof(sorted[0]));
	qsort(sorted, h->n, sizeof(sorted[0]), cmp_i64);
	fprintf(out, "%s:\n", h->what);
	for (size_t i = 0; i < h->n; i++) {
		for (size_t j = 0; j < h->n; j++) {
			if (h->value[j] == sorted[i])
				fprintf(out, "  %8" PRId64 "  %10" PRIu64 "\n",
					sorted[i], h->count[j]);
		}
	}
	if (h->other)
		fprintf(out, "  (other)   %10" PRIu64 "\n", h->other);
}

static int histogram(struct dxi_audit *a, int argc, char **argv, FILE *out)
{
	struct hist ref = { .what = "folio refcount (non-idle pages)" };
	struct hist map = { .what = "folio mapcount (non-idle pages)" };
	struct hist share = { .what = "share count (shared pages)" };
	size_t n;
	const struct dxi_page_record *pages = dxi_audit_pages(a, &n);

	(void)argv;
	if (argc) {
		fprintf(stderr, "daxinspect: histogram takes only a TARGET\n");
		return 2;
	}
	for (size_t i = 0; i < n; i++) {
		const struct dxi_page_view *v = &pages[i].view;

		if (pages[i].page.unreadable || v->is_tail)
			continue;
		add(&ref, v->refcount);
		add(&map, v->mapcount);
		if (v->assoc == DXI_ASSOC_SHARED)
			add(&share, (int64_t)v->share);
	}
	fprintf(out, "kernel %s: %zu non-idle pages, %" PRIu64 " idle pages\n",
		dxi_audit_release(a), n, dxi_audit_idle_pages(a));
	print(&ref, out);
	print(&map, out);
	print(&share, out);
	return 0;
}

static const struct dxi_plugin_command histogram_cmd = {
	.name = "histogram",
	.summary = "refcount, mapcount and share-count histograms of pgmap pages",
	.usage = "daxinspect --plugin histogram.so histogram TARGET",
	.help = "Counts the non-idle FS_DAX/GENERIC pages by folio refcount,\n"
		"mapcount and (for shared pages) share count.\n",
	.run = histogram,
};

static const struct dxi_plugin_command *const commands[] = { &histogram_cmd };

static const struct dxi_plugin plugin = {
	.abi_version = DXI_PLUGIN_ABI_VERSION,
	.name = "histogram",
	.description = "refcount/share histograms over the pgmap pages",
	.commands = commands,
	.ncommands = 1,
};

const struct dxi_plugin *dxi_plugin_register(void);

const struct dxi_plugin *dxi_plugin_register(void)
{
	return &plugin;
}
