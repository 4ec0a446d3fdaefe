// SPDX-License-Identifier: MIT
/* The command table: the one place a command is declared. */
#include <string.h>

#include "session.h"

#define TARGET_OPTIONS                                                         \
	"  --vmlinux FILE      vmlinux with DWARF (linux-image-RELEASE-dbg)\n" \
	"  --profile FILE      type profile (daxinspect profile extract)\n"    \
	"  --types KIND        auto (default), dwarf, profile or btf (the dump's\n" \
	"                      own BTF and kallsyms: no file needed)\n"             \
	"  --semantics S       auto, 5.10, 6.1, 6.2, 6.15, seed-0x4\n"             \
	"  --json              machine-readable output\n"                      \
	"  --addresses         show kernel addresses\n"                      \
	"  --plugin FILE       load a plugin (also $DAXINSPECT_PLUGIN_PATH)\n"

#define JOBS_OPTION                                                            \
	"  -j, --jobs N        threads for the page scan (default: the online\n" \
	"                      CPUs; the output is the same for any N)\n"

#define AUDIT_OPTIONS                                                          \
	"  --check ID,...      run only these checks\n"                        \
	"  --severity S        show findings of at least info, warning or error\n" \
	"  --inode DEV:INO     show findings of one inode (DEV is s_id, e.g. pmem0)\n" \
	"  --all-pages         list idle pages too (JSON)\n"                 \
	"  --bundle FILE       print a bug-report bundle instead of a TARGET\n"

static const struct dxi_command commands[] = {
	{
		.name = "check",
		.summary = "audit all DAX state and report findings (the default)",
		.usage = "daxinspect [check] [OPTIONS] TARGET",
		.help = "Walks every DAX inode's xarray and every FS_DAX/GENERIC\n"
			"pgmap page, cross-references them, and reports leaked,\n"
			"stale or mismatched refcounts and mappings: a summary,\n"
			"then findings grouped by inode.\n"
			"Exit: 0 no warning or error, 1 findings, 3 not analysable.\n"
			"\nOptions:\n" TARGET_OPTIONS AUDIT_OPTIONS JOBS_OPTION,
		.session_run = dxi_scmd_check,
		.help_lists_checks = true,
	},
	{
		.name = "watch",
		.summary = "re-audit a live kernel every few seconds; print what changes",
		.usage = "daxinspect watch [--interval S] [--count N] [--json] [OPTIONS] TARGET",
		.help = "Audits TARGET (normally /proc/kcore) every S seconds, reusing\n"
			"the types and layout, redoing the DAX walk and page scan, and\n"
			"prints each finding when it appears and when it clears, with\n"
			"a UTC timestamp: \"TIME + SEVERITY CHECK ...\" and\n"
			"\"TIME - ... (cleared)\". Findings are keyed as diff keys them\n"
			"(check, inode, index, pfn). Only the last round is kept.\n"
			"Ctrl-C (or N rounds) ends it with a summary line. A dump file\n"
			"cannot change: it is audited once (N times with --count N).\n"
			"Exit: 0 no warning or error at the end, 1 findings, 2 usage\n"
			"error, 3 not analysable.\n"
			"\nOptions:\n" TARGET_OPTIONS
			JOBS_OPTION
			"  --interval S        seconds between rounds (default 2; > 0)\n"
			"  --count N           stop after N rounds\n"
			"                      (--json: one object per line, kind watch events)\n",
		.session_run = dxi_scmd_watch,
	},
	{
		.name = "inodes",
		.summary = "list the DAX inodes",
		.usage = "daxinspect inodes [OPTIONS] TARGET",
		.help = "One line per S_DAX inode: DEV:INO, filesystem, nrpages,\n"
			"entries, path.\n\nOptions:\n" TARGET_OPTIONS,
		.session_run = dxi_scmd_inodes,
	},
	{
		.name = "entries",
		.summary = "list one inode's xarray entries, decoded",
		.usage = "daxinspect entries [OPTIONS] TARGET DEV:INO|PATH",
		.help = "Index, raw value, kind (pfn, zero, empty), pfn, order and\n"
			"flags of every entry of one DAX inode.\n"
			"\nOptions:\n" TARGET_OPTIONS,
		.session_run = dxi_scmd_entries,
	},
	{
		.name = "pgmaps",
		.summary = "list the ZONE_DEVICE page maps",
		.usage = "daxinspect pgmaps [OPTIONS] TARGET",
		.help = "Type, pfn ranges, vmemmap_shift and altmap of every\n"
			"dev_pagemap in pgmap_array.\n\nOptions:\n" TARGET_OPTIONS,
		.session_run = dxi_scmd_pgmaps,
	},
	{
		.name = "page",
		.summary = "decode struct pages and the entries that reference them",
		.usage = "daxinspect page [OPTIONS] TARGET PFN...",
		.help = "PFN is decimal or 0x-prefixed hex.\n\nOptions:\n" TARGET_OPTIONS,
		.session_run = dxi_scmd_page,
	},
	{
		.name = "maps",
		.summary = "list the processes that map DAX pages, and where",
		.usage = "daxinspect maps [OPTIONS] TARGET [DEV:INO|PATH] [--pfn PFN]",
		.help = "One row per user page-table leaf that maps a DAX inode:\n"
			"pid and comm (the mm's owner), virtual address, pfn,\n"
			"level (pte, pmd, pud) and pages, inode, file page offset\n"
			"and the VMA's flags (shared, write, MAP_SYNC). Walks each\n"
			"DAX inode's i_mmap and each VMA's page tables.\n"
			"DEV:INO or PATH: only that inode; --pfn PFN: only the\n"
			"rows that map PFN.\n"
			"\nOptions:\n" TARGET_OPTIONS
			"  --pfn PFN           only mappings of this pfn\n",
		.session_run = dxi_scmd_maps,
	},
	{
		.name = "info",
		.summary = "say what a dump or /proc/kcore is",
		.usage = "daxinspect info [OPTIONS] TARGET",
		.help = "Prints the dump format and compression, the filtering\n"
			"level, the kernel release and build-id, where the type\n"
			"information came from, the architecture, page size,\n"
			"KASLR offset, page_offset_base, vmemmap_base,\n"
			"sizeof(struct page), the DAX semantics the layout\n"
			"indicates, and the DAX-related modules loaded.\n"
			"\nOptions:\n" TARGET_OPTIONS,
		.session_run = dxi_scmd_info,
	},
	{
		.name = "profile",
		.summary = "extract a type profile from a vmlinux or a dump",
		.usage = "daxinspect profile extract (--vmlinux FILE | --btf FILE [--system-map FILE] | TARGET) -o FILE",
		.help = "Writes the offsets, sizes, enum values and symbol\n"
			"addresses daxinspect uses, keyed by build-id, so a dump\n"
			"can be analysed without the -dbg package. Put the\n"
			"profile beside the dump (any NAME.profile) or pass it\n"
			"with --profile. From a TARGET, the types are whatever\n"
			"info would use (incl. the dump's own BTF).\n"
			"\nOptions:\n"
			"  --vmlinux FILE      read the types from this vmlinux\n"
			"  --btf FILE          read them from a kernel's BTF (a raw .BTF\n"
			"                      blob, or a vmlinux with a .BTF section)\n"
			"  --system-map FILE   with --btf: symbol addresses\n"
			"  -o FILE             where to write the profile\n",
		.run = dxi_cmd_profile,
	},
	{
		.name = "report",
		.summary = "write a bug-report bundle",
		.usage = "daxinspect report --bundle FILE [OPTIONS] TARGET",
		.help = "Writes one file to attach to a bug report: the tool version\n"
			"and command line, the kernel release and build-id, the dump\n"
			"format, the semantics, the findings with their evidence, and\n"
			"the decoded state (struct page words, xarray entries) of every\n"
			"page and entry a finding names, with the number, filesystem\n"
			"and path of the inodes involved. It holds no file data and no\n"
			"other memory. It also holds the kernel log's panic line and\n"
			"its warnings raised in DAX code (not the rest of the log);\n"
			"--no-log leaves them out. `daxinspect check --bundle FILE`\n"
			"prints it.\n"
			"\nOptions:\n" TARGET_OPTIONS
			"  --bundle FILE       where to write the bundle\n"
			"  --no-log            leave the kernel log out of the bundle\n"
			JOBS_OPTION,
		.session_run = dxi_scmd_report,
	},
	{
		.name = "shell",
		.summary = "an interactive prompt on one target",
		.usage = "daxinspect shell [OPTIONS] TARGET",
		.help = "Opens and audits TARGET once, then reads commands (check,\n"
			"info, inodes, entries, pgmaps, page, report, plugin commands,\n"
			"help, quit) with GNU readline: history in\n"
			"$XDG_STATE_HOME/daxinspect/history, tab completion of commands,\n"
			"options, inodes and the pfns of pages with findings, long\n"
			"output through $PAGER. Ctrl-C stops a command, not the shell.\n"
			"It is the default when no command is given and stdin is a\n"
			"terminal.\n\nOptions:\n" TARGET_OPTIONS,
		.run = dxi_cmd_shell,
	},
	{
		.name = "trim",
		.summary = "cut a dump down to the memory daxinspect reads",
		.usage = "daxinspect trim [OPTIONS] TARGET -o FILE",
		.help = "Runs info and the whole audit, recording every physical\n"
			"page read, and writes an ELF vmcore with only those pages\n"
			"(plus VMCOREINFO). It analyses identically and is small:\n"
			"the bundled samples are made this way. It still holds\n"
			"kernel memory (inodes, dentries with file names): treat it\n"
			"like the dump it came from.\n"
			"\nOptions:\n" TARGET_OPTIONS
			"  -o FILE             where to write the trimmed vmcore\n",
		.run = dxi_cmd_trim,
	},
	{
		.name = "log",
		.summary = "print the kernel log (the printk ring buffer)",
		.usage = "daxinspect log [--json] TARGET",
		.help = "Prints the kernel's printk ring buffer (5.10 and later) as\n"
			"makedumpfile --dump-dmesg does: \"[seconds.micros] text\".\n"
			"Needs only the dump's VMCOREINFO, no type information.\n"
			"\nOptions:\n"
			"  --json              one record per object: seq, ts_nsec, cpu or pid, text\n",
		.run = dxi_cmd_log,
	},
	{
		.name = "diff",
		.summary = "compare the findings of two check --json outputs or bundles",
		.usage = "daxinspect diff [--json] A B",
		.help = "A (the baseline) and B are each a `check --json` output or a\n"
			"bundle (report --bundle), - for stdin. Findings are keyed by\n"
			"check, inode (DEV:INO), index and pfn, and printed as\n"
			"appeared (in B only), disappeared (in A only) or changed\n"
			"(same key; severity, message, expected, actual, known bug or\n"
			"run length differ). For CI against a baseline, and for two\n"
			"dumps of one machine.\n"
			"Exit: 0 nothing appeared, 1 findings appeared, 3 unreadable input.\n"
			"\nOptions:\n"
			"  --json              machine-readable output (kind \"diff\")\n",
		.run = dxi_cmd_diff,
	},
	{
		.name = "help",
		.summary = "list the commands, or explain one",
		.usage = "daxinspect help [COMMAND]",
		.help = "Without a command, lists the commands.\n",
		.run = dxi_cmd_help,
	},
	{
		.name = "version",
		.summary = "print the version",
		.usage = "daxinspect version",
		.help = "Same as daxinspect --version.\n",
		.run = dxi_cmd_version,
	},
};

const struct dxi_command *dxi_commands(size_t *n)
{
	*n = sizeof(commands) / sizeof(commands[0]);
	return commands;
}

const struct dxi_command *dxi_command_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	}
	return NULL;
}

/* The built-in checks, then the plugins' (the registry keeps that order). */
static const struct dxi_check *const *checks_of(const struct dxi_registry *r,
						bool builtin_only, size_t *n)
{
	if (!r || builtin_only)
		return dxi_checks(n);
	*n = r->nchecks;
	return r->checks;
}

void dxi_command_print_help(const struct dxi_command *cmd,
			    const struct dxi_registry *r, FILE *f)
{
	size_t n, nbuiltin;
	const struct dxi_check *const *c = checks_of(r, false, &n);

	fprintf(f, "usage: %s\n\n%s: %s\n\n%s", cmd->usage, cmd->name,
		cmd->summary, cmd->help);
	if (!cmd->help_lists_checks)
		return;
	dxi_checks(&nbuiltin);
	fprintf(f, "\nChecks (--check ID; findings explained in daxinspect(1)):\n");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "  %-19s %s%s\n", c[i]->id, c[i]->summary,
			i < nbuiltin ? "" : " (plugin)");
}

int dxi_list_checks(FILE *f, const struct dxi_registry *r, bool builtin_only)
{
	size_t n;
	const struct dxi_check *const *c = checks_of(r, builtin_only, &n);

	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\t%s\n", c[i]->id, c[i]->summary);
	return DXI_EXIT_OK;
}

void dxi_print_usage(FILE *f, const struct dxi_registry *r)
{
	size_t n;
	const struct dxi_command *c = dxi_commands(&n);

	fprintf(f, "usage: daxinspect [--version] [--help] COMMAND [OPTIONS] TARGET\n\n"
		   "TARGET is a vmcore (ELF, kdump-compressed, makedumpfile-flattened)\n"
		   "or /proc/kcore.\n\nCommands:\n");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "  %-10s %s\n", c[i].name, c[i].summary);
	for (size_t i = 0; r && i < r->ncommands; i++)
		fprintf(f, "  %-10s %s (plugin)\n", r->commands[i]->name,
			r->commands[i]->summary);
	fprintf(f, "\nSee 'daxinspect help COMMAND' for one command's options.\n"
		   "Exit status: 0 clean, 1 findings, 2 usage error, 3 the target\n"
		   "could not be analysed.\n");
}
