/* SPDX-License-Identifier: MIT */
/*
 * Type profiles: the answers to exactly the questions daxinspect asks of
 * the debuginfo (a list of queries the kern layer owns), written once
 * from DWARF into a small text file keyed by build-id, so a dump can be
 * analysed without the 600 MB -dbg package.
 *
 * Format, one fact a line, fields separated by tabs:
 *	daxinspect-profile	1
 *	build-id	HEX
 *	release	6.1.0-56-cloud-amd64
 *	source	dwarf /usr/lib/debug/boot/vmlinux-...
 *	size	struct page	64
 *	member	struct page	mapping	24	8
 *	arraylen	struct xa_node	slots	64
 *	enum	MEMORY_DEVICE_FS_DAX	3
 *	symbol	super_blocks	ffffffff82b6c0e0
 * and "-" in place of the value for things this kernel does not have.
 * A question the profile does not record is an error (re-extract it),
 * never a silent "absent".
 */
#ifndef DXI_DBG_PROFILE_H
#define DXI_DBG_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "types.h"

enum dxi_query_kind {
	DXI_Q_SIZE,
	DXI_Q_MEMBER,
	DXI_Q_ARRAYLEN,
	DXI_Q_ENUM,
	DXI_Q_SYMBOL,
};

struct dxi_query {
	enum dxi_query_kind kind;
	const char *type;	/* SIZE, MEMBER, ARRAYLEN */
	const char *name;	/* member path, enumerator or symbol name */
	/* Asked by an optional feature (maps): a profile made before the
	 * query was added need not record it; extracting from such a
	 * profile leaves it unrecorded, and the feature says it cannot. */
	bool optional;
};

#define DXI_PROFILE_VERSION 1

/* Answers every query from src and writes the profile to f. */
struct dxi_error *dxi_profile_write(FILE *f, struct dxi_types *src,
				    const char *release,
				    const struct dxi_query *queries, size_t n);
/* Reads the build-id line of a profile without loading it ("" if none). */
struct dxi_error *dxi_profile_peek_build_id(const char *path, char *out,
					    size_t size);

#endif
