// SPDX-License-Identifier: MIT
/*
 * The lockless printk ring buffer (5.10+). A descriptor ring of 2^count_bits
 * struct prb_desc { atomic_long_t state_var; struct prb_data_blk_lpos
 * text_blk_lpos; } with a parallel array of struct printk_info, and a text
 * data ring of 2^size_bits bytes. Records are ids tail_id .. head_id; a
 * descriptor is valid when the id in its state_var is the one asked for
 * and its state is committed or finalized. A text block starts with the
 * id (one unsigned long); a block that wraps is stored from the ring's
 * start. kernel/printk/printk_ringbuffer.[ch]: get_desc_state(),
 * get_data(); makedumpfile printk.c does the same.
 */
#include "printk.h"

#include <stdlib.h>
#include <string.h>

#include "../dump/vmcoreinfo.h"

#define SV_BITS 64
#define FLAGS_SHIFT (SV_BITS - 2)
#define ID_MASK (~(3ULL << FLAGS_SHIFT))
#define STATE_COMMITTED 1
#define STATE_FINALIZED 2
#define MAX_COUNT_BITS 24	/* 16M records: far above any log_buf_len */
#define MAX_SIZE_BITS 30	/* 1 GiB of text */

/* The VMCOREINFO numbers the walk needs. */
struct prb_layout {
	uint64_t prb, desc_ring, text_data_ring;
	uint64_t count_bits, descs, infos, head_id, tail_id;
	uint64_t desc_size, state_var, text_blk_lpos, lpos_begin, lpos_next;
	uint64_t info_size, info_seq, info_ts, info_text_len, info_caller;
	uint64_t size_bits, data, counter;
};

static struct dxi_error *prb_layout(const char *raw, struct prb_layout *l)
{
	static const struct { const char *key; size_t off; int base; } keys[] = {
#define K(key, field, base) { key, offsetof(struct prb_layout, field), base }
		K("SYMBOL(prb)", prb, 16),
		K("OFFSET(printk_ringbuffer.desc_ring)", desc_ring, 10),
		K("OFFSET(printk_ringbuffer.text_data_ring)", text_data_ring, 10),
		K("OFFSET(prb_desc_ring.count_bits)", count_bits, 10),
		K("OFFSET(prb_desc_ring.descs)", descs, 10),
		K("OFFSET(prb_desc_ring.infos)", infos, 10),
		K("OFFSET(prb_desc_ring.head_id)", head_id, 10),
		K("OFFSET(prb_desc_ring.tail_id)", tail_id, 10),
		K("SIZE(prb_desc)", desc_size, 10),
		K("OFFSET(prb_desc.state_var)", state_var, 10),
		K("OFFSET(prb_desc.text_blk_lpos)", text_blk_lpos, 10),
		K("OFFSET(prb_data_blk_lpos.begin)", lpos_begin, 10),
		K("OFFSET(prb_data_blk_lpos.next)", lpos_next, 10),
		K("SIZE(printk_info)", info_size, 10),
		K("OFFSET(printk_info.seq)", info_seq, 10),
		K("OFFSET(printk_info.ts_nsec)", info_ts, 10),
		K("OFFSET(printk_info.text_len)", info_text_len, 10),
		K("OFFSET(printk_info.caller_id)", info_caller, 10),
		K("OFFSET(prb_data_ring.size_bits)", size_bits, 10),
		K("OFFSET(prb_data_ring.data)", data, 10),
		K("OFFSET(atomic_long_t.counter)", counter, 10),
#undef K
	};

	if (!raw || !dxi_vmcoreinfo_lookup(raw, "SYMBOL(prb)", &(size_t){ 0 }))
		return dxi_error_new(DXI_ERR_NOTFOUND,
				     "VMCOREINFO has no SYMBOL(prb): the kernel predates the lockless printk ring buffer (5.10), whose log daxinspect reads");
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!dxi_vmcoreinfo_number(raw, keys[i].key, keys[i].base,
					   (uint64_t *)((char *)l + keys[i].off)))
			return dxi_error_new(DXI_ERR_CORRUPT,
					     "VMCOREINFO lacks %s, which the printk ring buffer needs",
					     keys[i].key);
	}
	if (l->desc_size < 24 || l->desc_size > 256 || l->info_size < 24 ||
	    l->info_size > 1024 || l->state_var + 8 > l->desc_size ||
	    l->text_blk_lpos + 16 > l->desc_size || l->info_ts + 8 > l->info_size ||
	    l->info_text_len + 2 > l->info_size || l->info_seq + 8 > l->info_size ||
	    l->info_caller + 4 > l->info_size || l->lpos_begin > 8 || l->lpos_next > 8)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "VMCOREINFO's printk ring buffer sizes are damaged (SIZE(prb_desc) %llu, SIZE(printk_info) %llu)",
				     (unsigned long long)l->desc_size,
				     (unsigned long long)l->info_size);
	return NULL;
}

static uint64_t get(const unsigned char *p, uint64_t off, size_t n)
{
	uint64_t v = 0;

	memcpy(&v, p + off, n);
	return v;
}

/* A whole array of the ring, or NULL and *err. */
static unsigned char *read_array(struct dxi_target *t, uint64_t addr,
				 size_t len, struct dxi_error **err)
{
	unsigned char *buf = malloc(len ? len : 1);

	*err = NULL;
	if (!buf) {
		*err = &dxi_error_nomem;
		return NULL;
	}
	*err = dxi_target_read(t, DXI_KVIRT, addr, buf, len);
	if (*err) {
		free(buf);
		return NULL;
	}
	return buf;
}

struct dxi_error *dxi_printk_walk(struct dxi_target *t, dxi_printk_fn *fn,
				  void *arg)
{
	unsigned char hdr[256], *descs = NULL, *infos = NULL, *text = NULL;
	struct dxi_error *err;
	struct prb_layout l;
	uint64_t count, size, head, tail, id, n = 0;

	err = prb_layout(t->vmcoreinfo_raw, &l);
	if (err)
		return err;
	if (l.text_data_ring + l.data + 8 > sizeof(hdr) ||
	    l.desc_ring + l.tail_id + l.counter + 8 > sizeof(hdr))
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "VMCOREINFO's printk_ringbuffer offsets are damaged");
	/* prb is a pointer (to printk_rb_static, or the buffer setup_log_buf()
	 * allocated for log_buf_len=) */
	err = dxi_target_read_u64(t, l.prb, &l.prb);
	if (!err)
		err = dxi_target_read(t, DXI_KVIRT, l.prb, hdr, sizeof(hdr));
	if (err)
		return dxi_error_wrap(err, "reading the printk ring buffer (prb)");
	count = get(hdr, l.desc_ring + l.count_bits, 4);
	size = get(hdr, l.text_data_ring + l.size_bits, 4);
	if (count > MAX_COUNT_BITS || size > MAX_SIZE_BITS)
		return dxi_error_new(DXI_ERR_CORRUPT,
				     "the printk ring buffer is damaged: 2^%llu descriptors, 2^%llu bytes of text",
				     (unsigned long long)count, (unsigned long long)size);
	count = 1ULL << count;
	size = 1ULL << size;
	head = get(hdr, l.desc_ring + l.head_id + l.counter, 8);
	tail = get(hdr, l.desc_ring + l.tail_id + l.counter, 8);
	descs = read_array(t, get(hdr, l.desc_ring + l.descs, 8), count * l.desc_size, &err);
	if (!err)
		infos = read_array(t, get(hdr, l.desc_ring + l.infos, 8), count * l.info_size, &err);
	if (!err)
		text = read_array(t, get(hdr, l.text_data_ring + l.data, 8), size, &err);
	if (err) {
		err = dxi_error_wrap(err, "reading the printk ring buffer's arrays");
		goto out;
	}
	/* ids from tail to head, head included; at most one lap of the ring */
	for (id = tail;; id = (id + 1) & ID_MASK) {
		const unsigned char *d = descs + (id % count) * l.desc_size;
		const unsigned char *in = infos + (id % count) * l.info_size;
		uint64_t sv = get(d, l.state_var + l.counter, 8), st = sv >> FLAGS_SHIFT;
		uint64_t begin = get(d, l.text_blk_lpos + l.lpos_begin, 8) % size;
		uint64_t next = get(d, l.text_blk_lpos + l.lpos_next, 8) % size;
		uint64_t len = get(in, l.info_text_len, 2);

		if ((sv & ID_MASK) == id && (st == STATE_COMMITTED || st == STATE_FINALIZED) &&
		    begin != next) {
			struct dxi_printk_record r;

			if (begin > next)
				begin = 0; /* a wrapped block is stored from the start */
			begin += 8;	 /* the block's id */
			if (begin > next)
				goto skip;
			if (next - begin < len)
				len = next - begin;
			r.seq = get(in, l.info_seq, 8);
			r.ts_nsec = get(in, l.info_ts, 8);
			r.caller_id = (uint32_t)get(in, l.info_caller, 4);
			r.text = (const char *)text + begin;
			r.len = len;
			if (fn(&r, arg))
				break;
		}
skip:
		if (id == head || ++n > count)
			break;
	}
out:
	free(descs);
	free(infos);
	free(text);
	return err;
}
