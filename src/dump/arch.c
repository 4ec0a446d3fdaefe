// SPDX-License-Identifier: MIT
#include "arch.h"

#include <elf.h>
#include <string.h>

#include "vmcoreinfo.h"

static const struct dxi_arch *const arches[] = {
	&dxi_arch_x86_64,
	&dxi_arch_aarch64,
};

#define NARCHES (sizeof(arches) / sizeof(arches[0]))

const struct dxi_arch *dxi_arch_of_machine(uint16_t e_machine)
{
	for (size_t i = 0; i < NARCHES; i++)
		if (arches[i]->e_machine == e_machine)
			return arches[i];
	return NULL;
}

const struct dxi_arch *dxi_arch_of_name(const char *name)
{
	/* uname -m and libkdumpfile spell arm64 "aarch64"; Debian "arm64". */
	if (name && !strcmp(name, "arm64"))
		name = "aarch64";
	for (size_t i = 0; name && i < NARCHES; i++)
		if (!strcmp(arches[i]->name, name))
			return arches[i];
	return NULL;
}

const struct dxi_arch *dxi_arch_of_vmcoreinfo(const char *raw)
{
	size_t len;

	for (size_t i = 0; raw && i < NARCHES; i++)
		if (arches[i]->vmcoreinfo_marker &&
		    dxi_vmcoreinfo_lookup(raw, arches[i]->vmcoreinfo_marker,
					  &len))
			return arches[i];
	return &dxi_arch_x86_64;
}
