// SPDX-License-Identifier: MIT
#include "synth.h"

#include <stdlib.h>
#include <string.h>

#include "../util/vec.h"

struct synth_range {
	enum dxi_addrspace as;
	uint64_t addr;
	size_t len;
	unsigned char *data;
};

DXI_VEC(synth_ranges, struct synth_range);

struct synth_priv {
	struct synth_ranges ranges;
};

static struct dxi_error *synth_read(struct synth_priv *s, enum dxi_addrspace as,
				    uint64_t addr, char *buf, size_t len)
{
	while (len) {
		const struct synth_range *r = NULL;
		size_t n;

		/* Later ranges win, so a test can overwrite bytes. */
		for (size_t i = s->ranges.len; i-- > 0;) {
			const struct synth_range *c = &s->ranges.data[i];

			if (c->as == as && addr >= c->addr &&
			    addr - c->addr < c->len) {
				r = c;
				break;
			}
		}
		if (!r)
			return dxi_error_new(DXI_ERR_NODATA,
					     "%s address %#llx is not in the synthetic target",
					     as == DXI_PHYS ? "physical" : "kernel",
					     (unsigned long long)addr);
		n = r->len - (size_t)(addr - r->addr);
		if (n > len)
			n = len;
		memcpy(buf, r->data + (addr - r->addr), n);
		addr += n;
		buf += n;
		len -= n;
	}
	return NULL;
}

static struct dxi_error *synth_read_phys(void *priv, uint64_t addr, void *buf,
					 size_t len)
{
	return synth_read(priv, DXI_PHYS, addr, buf, len);
}

static struct dxi_error *synth_read_virt(void *priv, uint64_t addr, void *buf,
					 size_t len)
{
	return synth_read(priv, DXI_KVIRT, addr, buf, len);
}

static void synth_close(void *priv)
{
	struct synth_priv *s = priv;

	for (size_t i = 0; i < s->ranges.len; i++)
		free(s->ranges.data[i].data);
	free(s->ranges.data);
	free(s);
}

static const struct dxi_backend_ops synth_ops = {
	.name = "synthetic",
	.read_phys = synth_read_phys,
	.read_virt = synth_read_virt,
	.close = synth_close,
};

/* Physical memory only: virtual reads walk the page tables, as for dumps. */
static const struct dxi_backend_ops synth_phys_ops = {
	.name = "synthetic",
	.read_phys = synth_read_phys,
	.close = synth_close,
};

struct dxi_error *dxi_synth_open(const char *vmcoreinfo_raw, bool native_virt,
				 struct dxi_target **out)
{
	struct synth_priv *s = calloc(1, sizeof(*s));
	struct dxi_error *err;

	if (!s)
		return &dxi_error_nomem;
	err = dxi_target_new(native_virt ? &synth_ops : &synth_phys_ops, s, "(synthetic)", vmcoreinfo_raw, out);
	if (err)
		return err;
	snprintf((*out)->desc.format, sizeof((*out)->desc.format), "synthetic");
	snprintf((*out)->desc.compression, sizeof((*out)->desc.compression), "none");
	return NULL;
}

struct dxi_error *dxi_synth_add(struct dxi_target *t, enum dxi_addrspace as,
				uint64_t addr, const void *data, size_t len)
{
	struct synth_priv *s = t->priv;
	struct synth_range *r;

	if (t->ops != &synth_ops && t->ops != &synth_phys_ops)
		return dxi_error_new(DXI_ERR_INTERNAL,
				     "dxi_synth_add on a %s target", t->ops->name);
	r = synth_ranges_append(&s->ranges);
	if (!r)
		return &dxi_error_nomem;
	r->data = malloc(len ? len : 1);
	if (!r->data) {
		s->ranges.len--;
		return &dxi_error_nomem;
	}
	memcpy(r->data, data, len);
	r->as = as;
	r->addr = addr;
	r->len = len;
	return NULL;
}
