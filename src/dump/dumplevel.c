// SPDX-License-Identifier: MIT
/* makedumpfile's dump-level bits and release table
 * (docs/kernel-facts.md#makedumpfile-filtering). */
#include "dumplevel.h"

#include <stdio.h>
#include <string.h>

#include "vmcoreinfo.h"

/* makedumpfile.h DL_EXCLUDE_* (1.7.2:215-221; makedumpfile(8) -d). */
static const struct {
	int bit;
	const char *what;
} level_bits[] = {
	{ 0x01, "zero" },
	{ 0x02, "cache" },
	{ 0x04, "private-cache" },
	{ 0x08, "user-data" },
	{ 0x10, "free" },
};

/* makedumpfile.h LATEST_VERSION per release tag (github
 * makedumpfile/makedumpfile, tags 1.7.2-1.7.9). */
static const struct {
	const char *version;
	unsigned latest;	/* DXI_RELEASE() of LATEST_VERSION */
	const char *latest_text;	/* as makedumpfile.h writes it */
} releases[] = {
	{ "1.7.2", DXI_RELEASE(6, 0), "6.0.1" },
	{ "1.7.3", DXI_RELEASE(6, 3), "6.3.0" },
	{ "1.7.4", DXI_RELEASE(6, 6), "6.6.0" },
	{ "1.7.5", DXI_RELEASE(6, 8), "6.8.4" },
	{ "1.7.6", DXI_RELEASE(6, 11), "6.11.4" },
	{ "1.7.7", DXI_RELEASE(6, 14), "6.14.2" },
	{ "1.7.8", DXI_RELEASE(6, 17), "6.17.4" },
	{ "1.7.9", DXI_RELEASE(7, 0), "7.0.0" },
};

/* The fixes without which -d 8 drops slab pages as user data
 * (makedumpfile commits; kernel-facts.md#makedumpfile-filtering). */
static const struct {
	unsigned first_kernel;
	const char *kernels, *fixed_in, *commit;
} slab_fixes[] = {
	{ DXI_RELEASE(6, 10), "6.10+", "1.7.6", "bad2a7c" },
	{ DXI_RELEASE(6, 2), "6.2+", "1.7.3", "5f17bdd" },
};

void dxi_dump_level_excludes(int level, char *buf, size_t len)
{
	const char *w[5];
	size_t n = 0, used = 0;

	for (size_t i = 0; i < sizeof(level_bits) / sizeof(level_bits[0]); i++) {
		if (level & level_bits[i].bit)
			w[n++] = level_bits[i].what;
	}
	if (!n) {
		snprintf(buf, len, "nothing");
		return;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++) {
		const char *sep = !i ? "" : i + 1 == n ? " and " : ", ";
		int r = snprintf(buf + used, len - used, "%s%s", sep, w[i]);

		if (r < 0)
			return;
		used += (size_t)r;
	}
	if (used < len)
		snprintf(buf + used, len - used, " pages");
}

bool dxi_dump_level_drops_user(int level)
{
	return level >= 0 && (level & 0x08);
}

void dxi_makedumpfile_knows(const char *release, bool slab_type_vmcoreinfo,
			    char *buf, size_t len)
{
	unsigned rel = dxi_release_number(release);
	size_t nrel = sizeof(releases) / sizeof(releases[0]);
	size_t used;
	int r;

	buf[0] = '\0';
	used = 0;
	if (!rel || !len)
		return;
	for (size_t i = 0; i < sizeof(slab_fixes) / sizeof(slab_fixes[0]); i++) {
		if (rel < slab_fixes[i].first_kernel &&
		    !(i == 0 && slab_type_vmcoreinfo))
			continue;
		r = snprintf(buf + used, len - used,
			     "makedumpfile %s or later (commit %s keeps %s slab pages at -d 8); ",
			     slab_fixes[i].fixed_in, slab_fixes[i].commit,
			     slab_fixes[i].kernels);
		used += r > 0 ? (size_t)r : 0;
		break;
	}
	if (used >= len)
		return;
	for (size_t i = 0; i < nrel; i++) {
		if (releases[i].latest >= rel) {
			snprintf(buf + used, len - used,
				 "%s is the first to support %u.%u",
				 releases[i].version, rel / 100, rel % 100);
			return;
		}
	}
	snprintf(buf + used, len - used,
		 "no release up to %s supports %u.%u",
		 releases[nrel - 1].version,
		 rel / 100, rel % 100);
}
