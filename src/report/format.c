// SPDX-License-Identifier: MIT
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

void dxi_format_inode_id(const struct dxi_inode *ino, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%" PRIu64, ino->dev, ino->ino);
}

void dxi_format_inode(const struct dxi_inode *ino, char *buf, size_t size)
{
	const char *state = ino->path_state == DXI_PATH_DELETED ? "(deleted)" :
			    ino->path_state == DXI_PATH_NO_DENTRY ? "(no dentry)" :
								    "";
	char id[64];

	dxi_format_inode_id(ino, id, sizeof(id));
	snprintf(buf, size, "%s%s%s%s%s%s (%s%s)", id,
		 ino->path ? " " : "", ino->path ? ino->path : "",
		 *state ? " " : "", state,
		 ino->evicting ? " (being evicted)" : "", ino->fstype,
		 ino->devdax ? ", dax device" : "");
}

void dxi_format_mapping(const struct dxi_audit *a, uint64_t mapping,
			bool addresses, char *buf, size_t size)
{
	uint32_t i = dxi_audit_inode_of(a, mapping);

	if (!mapping) {
		snprintf(buf, size, "NULL");
	} else if (mapping == DXI_TAIL_MAPPING) {
		snprintf(buf, size, "TAIL_MAPPING");
	} else if (mapping < 4096 || (mapping & 0x7)) {
		snprintf(buf, size, "%#" PRIx64, mapping);
	} else if (i != UINT32_MAX) {
		char id[64];

		dxi_format_inode_id(&a->dax.inodes[i], id, sizeof(id));
		if (addresses)
			snprintf(buf, size, "%s (%#" PRIx64 ")", id, mapping);
		else
			snprintf(buf, size, "%s", id);
	} else if (addresses) {
		snprintf(buf, size, "%#" PRIx64 " (no live DAX inode)", mapping);
	} else {
		snprintf(buf, size, "(no live DAX inode)");
	}
}

bool dxi_render_wants(const struct dxi_audit *a, const struct dxi_render_opts *o,
		      const struct dxi_finding *f)
{
	if (f->severity < o->min_severity)
		return false;
	if (o->only) {
		size_t i;

		for (i = 0; i < o->nchecks && strcmp(o->checks[i]->id, f->check); i++)
			;
		if (i == o->nchecks || !o->only[i])
			return false;
	}
	if (o->inode) {
		const struct dxi_inode *ino = dxi_dax_find_inode(&a->dax, o->inode);

		if (!ino || f->inode != (uint32_t)(ino - a->dax.inodes))
			return false;
	}
	return true;
}

/* x86-64: the kernel half of the canonical address space. */
#define KERNEL_SPACE 0xffff800000000000ull

void dxi_format_message(const char *msg, bool addresses, char *buf,
			size_t size)
{
	size_t out = 0;

	if (addresses) {
		snprintf(buf, size, "%s", msg);
		return;
	}
	while (*msg && out + 1 < size) {
		char *end;
		unsigned long long v;

		if (msg[0] == '0' && msg[1] == 'x' && isxdigit((unsigned char)msg[2])) {
			v = strtoull(msg, &end, 16);
			if (v >= KERNEL_SPACE) {
				out += (size_t)snprintf(buf + out, size - out,
							"<address>");
				if (out >= size)
					out = size - 1;
				msg = end;
				continue;
			}
		}
		buf[out++] = *msg++;
	}
	buf[out] = '\0';
}
