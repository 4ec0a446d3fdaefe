// SPDX-License-Identifier: MIT
#include "synth.h"

#include <stdlib.h>
#include <string.h>

#include "memreader.h"

/* One reader per address space; each segment's arg is its own copy. */
struct synth_priv {
	struct dxi_memreader phys, virt;
};

static struct dxi_error *synth_seg_read(void *arg, void *buf, size_t len,
					uint64_t offset)
{
	memcpy(buf, (const unsigned char *)arg + offset, len);
	return NULL;
}

static struct dxi_error *synth_read_phys(void *priv, uint64_t addr, void *buf,
					 size_t len)
{
	struct synth_priv *s = priv;

	return dxi_memreader_read(&s->phys, addr, buf, len);
}

static struct dxi_error *synth_read_virt(void *priv, uint64_t addr, void *buf,
					 size_t len)
{
	struct synth_priv *s = priv;

	return dxi_memreader_read(&s->virt, addr, buf, len);
}

static void synth_close(void *priv)
{
	struct synth_priv *s = priv;

	for (size_t i = 0; i < s->phys.segs.len; i++)
		free(s->phys.segs.data[i].arg);
	for (size_t i = 0; i < s->virt.segs.len; i++)
		free(s->virt.segs.data[i].arg);
	dxi_memreader_free(&s->phys);
	dxi_memreader_free(&s->virt);
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
	s->phys = (struct dxi_memreader){ .space = "physical",
					  .where = "the synthetic target" };
	s->virt = (struct dxi_memreader){ .space = "kernel",
					  .where = "the synthetic target" };
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
	struct dxi_error *err;
	void *copy;

	if (t->ops != &synth_ops && t->ops != &synth_phys_ops)
		return dxi_error_new(DXI_ERR_INTERNAL,
				     "dxi_synth_add on a %s target", t->ops->name);
	copy = malloc(len ? len : 1);
	if (!copy)
		return &dxi_error_nomem;
	memcpy(copy, data, len);
	err = dxi_memreader_add(as == DXI_PHYS ? &s->phys : &s->virt, addr, len,
				synth_seg_read, copy, 0);
	if (err)
		free(copy);
	return err;
}
