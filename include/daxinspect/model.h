/* SPDX-License-Identifier: MIT */
/*
 * The daxinspect data model: what the audit decodes and what checks
 * receive and emit. Shared by the tool and its plugins (plugin.h): any
 * change to a layout here bumps DXI_PLUGIN_ABI_VERSION (tests/cli/abi.sh
 * compares with the layout recorded for each version).
 */
#ifndef DAXINSPECT_MODEL_H
#define DAXINSPECT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Marks the functions the daxinspect binary exports to plugins; the
 * binary is built with -fvisibility=hidden (drgn's LIBDRGN_PUBLIC). */
#define DXI_PUBLIC __attribute__((visibility("default")))

struct dxi_audit;
struct dxi_known_bug;

enum dxi_memtype {
	DXI_MEMTYPE_PRIVATE,
	DXI_MEMTYPE_COHERENT,
	DXI_MEMTYPE_FS_DAX,
	DXI_MEMTYPE_GENERIC,
	DXI_MEMTYPE_PCI_P2PDMA,
	DXI_MEMTYPE_COUNT,
	DXI_MEMTYPE_UNKNOWN = DXI_MEMTYPE_COUNT,
};

enum dxi_compound {
	DXI_COMPOUND_NONE,
	DXI_COMPOUND_HEAD,
	DXI_COMPOUND_TAIL,
};

struct dxi_page {
	uint64_t pfn;
	/* Raw words of this struct page. */
	uint64_t flags;
	uint64_t word1;		/* compound_head/info, or pgmap */
	uint64_t mapping;
	uint64_t index;		/* index / __folio_index / share (same word) */
	int32_t refcount;
	int32_t mapcount_raw;	/* _mapcount: -1 means unmapped */
	/* Compound structure. */
	enum dxi_compound compound;
	uint64_t head_pfn;	/* == pfn unless a tail */
	unsigned order;		/* of the folio (0 for order-0) */
	/* The folio view (from the head for tails). */
	uint64_t f_mapping;
	uint64_t f_index;
	int32_t f_refcount;
	int64_t f_mapcount;	/* folio_mapcount(): number of mappings */
	uint64_t pgmap;		/* page->pgmap or folio->pgmap */
	bool unreadable;	/* the struct page is not in the dump */
};

enum dxi_assoc {
	DXI_ASSOC_NONE,		/* mapping NULL (and no share in 6.15+) */
	DXI_ASSOC_MAPPING,	/* mapping is an address_space pointer */
	DXI_ASSOC_SHARED,	/* the era's shared/COW marker */
	DXI_ASSOC_TAIL,		/* tail of a large folio (TAIL_MAPPING) */
	DXI_ASSOC_ODD,		/* low bits set that DAX never sets (anon, movable) */
};

struct dxi_page_view {
	enum dxi_memtype type;
	enum dxi_assoc assoc;
	uint64_t mapping;	/* for ASSOC_MAPPING */
	uint64_t index;		/* the folio's index (per page in <= 6.14) */
	uint64_t share;		/* for ASSOC_SHARED */
	int64_t refcount;	/* folio refcount */
	int64_t mapcount;	/* folio mapcount (0 = unmapped) */
	int64_t idle;		/* refcount of an unmapped, unpinned page */
	int64_t baseline;	/* refcount with its mappings and no pins */
	bool is_tail;		/* checks look at the head instead */
	bool zero_based;	/* 6.15+ FS_DAX */
};

enum dxi_entry_kind {
	DXI_ENTRY_PFN,		/* maps pfn (and pfn+1..511 for PMD) */
	DXI_ENTRY_ZERO,		/* the (huge) zero page */
	DXI_ENTRY_EMPTY,	/* placeholder while a fault allocates */
	DXI_ENTRY_NOT_VALUE,	/* not a DAX value entry at all */
};

struct dxi_entry {
	uint64_t index;		/* canonical (first) index */
	uint64_t raw;
	uint64_t pfn;
	unsigned xa_order;	/* from the xarray's sibling slots */
	unsigned flags;		/* DXI_DAX_* */
	enum dxi_entry_kind kind;
	uint32_t inode;		/* index into dxi_dax_state.inodes */
};

enum dxi_path_state {
	DXI_PATH_OK,
	DXI_PATH_DELETED,	/* i_nlink == 0 */
	DXI_PATH_NO_DENTRY,
};

struct dxi_inode {
	uint64_t addr;		/* struct inode */
	uint64_t mapping;	/* i_mapping */
	uint64_t sb;
	char dev[32];		/* s_id */
	uint32_t s_dev;
	uint64_t ino;
	char fstype[32];
	char *path;		/* relative to the filesystem root; may be NULL */
	enum dxi_path_state path_state;
	uint64_t nrpages;
	uint32_t nlink;
	uint16_t mode;
	bool devdax;		/* char device on the dax pseudo fs */
	/* Found through a page's mapping, not on its superblock's s_inodes:
	 * evict() takes it off the list before ->evict_inode, so this is an
	 * inode being evicted (e.g. waiting for a pinned page). */
	bool evicting;
	size_t first_entry, nentries;
};

enum dxi_severity {
	DXI_SEV_INFO,
	DXI_SEV_WARNING,
	DXI_SEV_ERROR,
};

/* Recognisable states, for the known-bug table (known_bugs.c). */
enum dxi_state_tag {
	DXI_TAG_NONE,
	DXI_TAG_ORPHANED_PIN,		/* excess refcount a multiple of 1024 */
	DXI_TAG_COW_LEFTOVER,		/* shared marker, count 0, no entry */
	DXI_TAG_MAPPING_OTHER_INODE,	/* page points at another DAX inode */
	DXI_TAG_MAPPING_CLEARED,	/* entry's page has no association */
	DXI_TAG_STALE_SHARE_ORDER0,	/* order-0, mapping NULL, share != 0, no entry */
	DXI_TAG_DANGLING,		/* mapping is no live DAX inode's */
	DXI_TAG_ENTRY_LOCKED,		/* entry locked: a fault in progress */
};

struct dxi_finding {
	const char *check;
	enum dxi_severity severity;
	enum dxi_state_tag tag;
	bool has_pfn;
	uint64_t pfn;
	uint32_t inode;			/* UINT32_MAX: none */
	bool has_index;
	uint64_t index;
	char message[256];
	char expected[128];
	char actual[128];
	bool has_entry;
	uint64_t entry_raw;
	bool has_page;
	struct dxi_page page;		/* raw words as evidence */
	uint64_t addr;			/* kernel object (shown with --addresses) */
	const struct dxi_known_bug *bug;
	/* A run of like findings on consecutive pages (a PMD entry's 512
	 * pages, say) is reported once: count pages, ending at last_*. */
	uint64_t count;
	uint64_t last_pfn, last_index;
};

/* An entry referencing a pfn; offset is the page within a PMD entry. */
struct dxi_ref {
	uint32_t entry;
	uint32_t offset;
	uint32_t next;			/* next ref of the same pfn, or UINT32_MAX */
};

#define DXI_MAX_REFS_SHOWN 16
struct dxi_refs {
	size_t n;			/* all refs */
	struct dxi_ref r[DXI_MAX_REFS_SHOWN];
};

/* A structural problem met while walking (becomes a finding). */
struct dxi_walk_problem {
	bool hides_entries;	/* superblock/inode/xarray: entries may be missing */
	uint32_t inode;		/* UINT32_MAX when not tied to an inode */
	uint64_t index;
	uint64_t addr;
	bool unreadable;
	char msg[256];
};

/* The level of a user page-table leaf. */
enum dxi_pt_level {
	DXI_PT_PTE = 1,		/* 4 KiB */
	DXI_PT_PMD = 2,		/* 2 MiB */
	DXI_PT_PUD = 3,		/* 1 GiB */
};

/* A user mapping of a DAX inode's pages: one present page-table leaf (a
 * PTE, or a PMD/PUD huge mapping) of a VMA in the inode's i_mmap
 * (docs/kernel-facts.md#user-mappings). */
struct dxi_umap {
	int64_t pid;		/* thread-group id of mm->owner; -1 unknown */
	char comm[32];		/* its group leader's comm */
	uint64_t vaddr, pfn, pages;
	uint64_t pgoff;		/* file page offset of vaddr */
	uint64_t vm_flags, vma, mm, entry;
	bool write;		/* the leaf's pte_write() */
	enum dxi_pt_level level;
	uint32_t inode;		/* index into the audit's inodes */
};

struct dxi_page_record {
	struct dxi_page page;
	struct dxi_page_view view;
	uint32_t nrefs;
};

struct dxi_check {
	const char *id;
	const char *summary;
	const char *kernel_ref;		/* the kernel code behind the rule */
	void (*on_page)(struct dxi_audit *a, const struct dxi_page *p,
			const struct dxi_page_view *v,
			const struct dxi_refs *refs);
	void (*on_entry)(struct dxi_audit *a, const struct dxi_entry *e);
	void (*on_problem)(struct dxi_audit *a,
			   const struct dxi_walk_problem *p);
	/* Each user mapping (after the page scan); a check with this
	 * callback makes the audit walk every DAX inode's i_mmap. */
	void (*on_mapping)(struct dxi_audit *a, const struct dxi_umap *m);
};

#endif
