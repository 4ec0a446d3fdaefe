// SPDX-License-Identifier: MIT
#include "vmcoreinfo.h"

#include <ctype.h>
#include <stdio.h>
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

/* A short, printable excerpt of a damaged value: never the whole of it. */
static void excerpt(const char *v, size_t len, char *out, size_t size)
{
	size_t n = len < 24 ? len : 24, i;

	for (i = 0; i < n && i + 4 < size; i++)
		out[i] = isprint((unsigned char)v[i]) ? v[i] : '?';
	snprintf(out + i, size - i, "%s", len > n ? "..." : "");
}

static void damaged(struct dxi_vmcoreinfo *out, unsigned field,
		    const char *key, const char *what, const char *v, size_t len)
{
	char ex[32];

	if (!out->damaged) {
		excerpt(v, len, ex, sizeof(ex));
		snprintf(out->damage, sizeof(out->damage), "%s %s (\"%s\")",
			 key, what, ex);
	}
	out->damaged |= field;
}

/* A numeric field: false if absent; damaged (and false) if malformed. */
static bool number_field(const char *raw, const char *key, int base,
			 unsigned field, uint64_t *value,
			 struct dxi_vmcoreinfo *out)
{
	size_t len;
	const char *v = dxi_vmcoreinfo_lookup(raw, key, &len);

	if (!v)
		return false;
	if (dxi_vmcoreinfo_number(raw, key, base, value))
		return true;
	damaged(out, field, key, "is not a number", v, len);
	return false;
}

/* A text field of at most max printable, non-blank characters. */
static void text_field(const char *raw, const char *key, size_t max,
		       bool hex, unsigned field, char *dst, size_t size,
		       struct dxi_vmcoreinfo *out)
{
	size_t len;
	const char *v = dxi_vmcoreinfo_lookup(raw, key, &len);
	char what[48];

	dst[0] = '\0';
	if (!v)
		return;
	if (len > max || len >= size) {
		snprintf(what, sizeof(what), "is %zu characters (at most %zu)",
			 len, max);
		damaged(out, field, key, what, v, len);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (!isgraph((unsigned char)v[i]) ||
		    (hex && !isxdigit((unsigned char)v[i]))) {
			damaged(out, field, key,
				hex ? "is not hexadecimal" : "holds a blank or control character",
				v, len);
			return;
		}
	}
	memcpy(dst, v, len);
	dst[len] = '\0';
}

unsigned dxi_release_number(const char *release)
{
	unsigned major = 0, minor = 0;

	if (sscanf(release, "%u.%u", &major, &minor) != 2 || minor >= 100 ||
	    major > 1000)
		return 0;
	return DXI_RELEASE(major, minor);
}

struct dxi_error *dxi_release_supported(const char *release)
{
	unsigned rel = dxi_release_number(release);

	if (!rel || rel >= DXI_OLDEST_RELEASE)
		return NULL;
	return dxi_error_new(DXI_ERR_FORMAT,
			     "kernel %s is older than 5.10, the oldest daxinspect reads (before 5.10 struct dev_pagemap has one resource, not ranges; before 4.20 DAX entries are radix-tree entries); read this dump with crash or drgn",
			     release);
}

struct dxi_error *dxi_vmcoreinfo_parse(const char *raw,
				       struct dxi_vmcoreinfo *out)
{
	uint64_t v;
	size_t len;

	memset(out, 0, sizeof(*out));
	if (!dxi_vmcoreinfo_lookup(raw, "OSRELEASE", &len) || !len)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "VMCOREINFO has no OSRELEASE line");
	text_field(raw, "OSRELEASE", DXI_UTS_LEN, false, DXI_VMCI_OSRELEASE,
		   out->osrelease, sizeof(out->osrelease), out);
	/* BUILD_ID_SIZE_MAX is 20 bytes: 40 hex digits. */
	text_field(raw, "BUILD-ID", 40, true, DXI_VMCI_BUILD_ID, out->build_id,
		   sizeof(out->build_id), out);
	if (!dxi_vmcoreinfo_lookup(raw, "PAGESIZE", &len))
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "VMCOREINFO has no PAGESIZE line");
	/* x86-64 pages are 4 KiB: the default a damaged line leaves. */
	if (!number_field(raw, "PAGESIZE", 10, DXI_VMCI_PAGESIZE,
			  &out->page_size, out))
		out->page_size = 4096;
	out->has_kernel_offset =
		number_field(raw, "KERNELOFFSET", 16, DXI_VMCI_KERNELOFFSET,
			     &out->kernel_offset, out);
	out->has_phys_base =
		number_field(raw, "NUMBER(phys_base)", 10, DXI_VMCI_PHYS_BASE,
			     &out->phys_base, out);
	number_field(raw, "SYMBOL(init_top_pgt)", 16, DXI_VMCI_TOP_PGT,
		     &out->init_top_pgt, out);
	number_field(raw, "NUMBER(sme_mask)", 10, DXI_VMCI_SME_MASK,
		     &out->sme_mask, out);
	if (number_field(raw, "NUMBER(pgtable_l5_enabled)", 10, DXI_VMCI_L5,
			 &v, out))
		out->pgtable_l5 = v != 0;
	return NULL;
}
