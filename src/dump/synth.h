/* SPDX-License-Identifier: MIT */
/*
 * The synthetic backend: a set of address ranges with bytes, physical or
 * kernel virtual, for unit tests. Memory outside the ranges reads as
 * DXI_ERR_NODATA, like a filtered dump.
 */
#ifndef DXI_DUMP_SYNTH_H
#define DXI_DUMP_SYNTH_H

#include "target.h"

/* native_virt: kernel virtual ranges are read as given; otherwise only
 * physical ranges exist and virtual reads walk page tables in them. */
struct dxi_error *dxi_synth_open(const char *vmcoreinfo_raw, bool native_virt,
				 struct dxi_target **out);
/* Copies len bytes of data to addr in the given space of a synth target. */
struct dxi_error *dxi_synth_add(struct dxi_target *t, enum dxi_addrspace as,
				uint64_t addr, const void *data, size_t len);

#endif
