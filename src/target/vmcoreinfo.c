// SPDX-License-Identifier: MIT
#include "vmcoreinfo.h"

#include <stdlib.h>
#include <string.h>

const char *dxi_vmcoreinfo_lookup(const char *raw, const char *key, size_t *len)
{
	size_t klen = strlen(key);
	const char *p = raw;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t llen = eol ? (size_t)(eol - p) : strlen(p);

		if (llen > klen && p[klen] == '=' && !strncmp(p, key, klen)) {
			*len = llen - klen - 1;
			return p + klen + 1;
		}
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

bool dxi_vmcoreinfo_number(const char *raw, const char *key, int base,
			   uint64_t *out)
{
	char buf[64];
	size_t len;
	const char *v = dxi_vmcoreinfo_lookup(raw, key, &len);
	char *end;

	if (!v || len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, v, len);
	buf[len] = '\0';
	/* NUMBER() values are printed with %ld: negative ones exist. */
	if (base == 10 && buf[0] == '-')
		*out = (uint64_t)strtoll(buf, &end, 10);
	else
		*out = strtoull(buf, &end, base);
	return *end == '\0';
}

static void copy_value(const char *raw, const char *key, char *dst, size_t size)
{
	size_t len;
	const char *v = dxi_vmcoreinfo_lookup(raw, key, &len);

	dst[0] = '\0';
	if (!v)
		return;
	if (len >= size)
		len = size - 1;
	memcpy(dst, v, len);
	dst[len] = '\0';
}

struct dxi_error *dxi_vmcoreinfo_parse(const char *raw,
				       struct dxi_vmcoreinfo *out)
{
	uint64_t v;

	memset(out, 0, sizeof(*out));
	copy_value(raw, "OSRELEASE", out->osrelease, sizeof(out->osrelease));
	if (!out->osrelease[0])
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "VMCOREINFO has no OSRELEASE line");
	copy_value(raw, "BUILD-ID", out->build_id, sizeof(out->build_id));
	if (!dxi_vmcoreinfo_number(raw, "PAGESIZE", 10, &out->page_size))
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "VMCOREINFO has no PAGESIZE line");
	out->has_kernel_offset =
		dxi_vmcoreinfo_number(raw, "KERNELOFFSET", 16,
				      &out->kernel_offset);
	out->has_phys_base =
		dxi_vmcoreinfo_number(raw, "NUMBER(phys_base)", 10,
				      &out->phys_base);
	dxi_vmcoreinfo_number(raw, "SYMBOL(init_top_pgt)", 16,
			      &out->init_top_pgt);
	dxi_vmcoreinfo_number(raw, "NUMBER(sme_mask)", 10, &out->sme_mask);
	if (dxi_vmcoreinfo_number(raw, "NUMBER(pgtable_l5_enabled)", 10, &v))
		out->pgtable_l5 = v != 0;
	return NULL;
}
