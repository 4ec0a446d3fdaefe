// SPDX-License-Identifier: MIT
#include "memreader.h"

#include <stdlib.h>

struct dxi_error *dxi_memreader_add(struct dxi_memreader *m, uint64_t addr,
				    uint64_t size, dxi_segment_read_fn *read,
				    void *arg, uint64_t offset)
{
	struct dxi_segment *s = dxi_segment_vec_append(&m->segs);

	if (!s)
		return &dxi_error_nomem;
	*s = (struct dxi_segment){ .addr = addr, .size = size,
				   .offset = offset, .read = read, .arg = arg };
	return NULL;
}

static const struct dxi_segment *find(const struct dxi_memreader *m,
				      uint64_t addr)
{
	for (size_t i = m->segs.len; i-- > 0;) {
		const struct dxi_segment *s = &m->segs.data[i];

		if (addr >= s->addr && addr - s->addr < s->size)
			return s;
	}
	return NULL;
}

struct dxi_error *dxi_memreader_read(const struct dxi_memreader *m,
				     uint64_t addr, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		const struct dxi_segment *s = find(m, addr);
		uint64_t n;
		struct dxi_error *err;

		if (!s)
			return dxi_error_new(DXI_ERR_NODATA,
					     "%s address %#llx is not in %s",
					     m->space, (unsigned long long)addr,
					     m->where);
		n = s->size - (addr - s->addr);
		if (n > len)
			n = len;
		err = s->read(s->arg, p, (size_t)n, s->offset + (addr - s->addr));
		if (err)
			return err;
		addr += n;
		p += n;
		len -= (size_t)n;
	}
	return NULL;
}

void dxi_memreader_free(struct dxi_memreader *m)
{
	free(m->segs.data);
	m->segs = (struct dxi_segment_vec){ 0 };
}
