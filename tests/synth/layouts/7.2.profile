daxinspect-profile	1
build-id	8a55a05d35a15fe072cfd7e22593672daae112af
release	
source	dwarf /root/.cache/daxinspect-lab/kernels/7.2.13+deb14-cloud-amd64/vmlinux
size	struct page	64
member	struct page	flags	0	8
member	struct page	flags.f	0	8
member	struct page	_refcount	52	4
member	struct page	_mapcount	48	4
member	struct page	mapping	24	8
member	struct page	index	-
member	struct page	__folio_index	32	8
member	struct page	share	32	8
member	struct page	private	40	8
member	struct page	compound_head	-
member	struct page	compound_info	8	8
member	struct page	compound_order	-
member	struct page	pgmap	-
size	struct folio	256
member	struct folio	pgmap	8	8
member	struct folio	share	32	8
member	struct folio	index	32	8
member	struct folio	_flags_1	64	8
member	struct folio	_folio_order	-
member	struct folio	_large_mapcount	80	4
member	struct folio	_entire_mapcount	88	4
member	struct folio	_total_mapcount	-
member	struct folio	_pincount	92	4
member	struct folio	_folio_nr_pages	-
member	struct xarray	xa_head	8	8
size	struct xa_node	576
member	struct xa_node	shift	0	1
member	struct xa_node	offset	1	1
member	struct xa_node	count	2	1
member	struct xa_node	nr_values	3	1
member	struct xa_node	parent	8	8
member	struct xa_node	array	16	8
member	struct xa_node	slots	40	512
arraylen	struct xa_node	slots	64
member	struct address_space	host	0	8
member	struct address_space	i_pages	8	16
member	struct address_space	nrpages	80	8
member	struct inode	i_mode	0	2
member	struct inode	i_flags	4	4
member	struct inode	i_ino	64	8
member	struct inode	i_sb	40	8
member	struct inode	i_mapping	48	8
member	struct inode	i_data	360	152
member	struct inode	i_sb_list	264	16
member	struct inode	i_dentry	296	8
member	struct inode	i_rdev	76	4
member	struct inode	i_nlink	72	4
member	struct inode	i_size	80	8
member	struct super_block	s_list	0	16
member	struct super_block	s_dev	16	4
member	struct super_block	s_type	40	8
member	struct super_block	s_root	104	8
member	struct super_block	s_id	952	32
member	struct super_block	s_inodes	1352	16
member	struct file_system_type	name	0	8
member	struct dentry	d_parent	24	8
member	struct dentry	d_name.name	40	8
member	struct dentry	d_name.len	36	4
member	struct dentry	d_u.d_alias	-
member	struct dentry	d_alias	176	16
size	struct dev_pagemap	152
member	struct dev_pagemap	altmap.base_pfn	0	8
member	struct dev_pagemap	altmap.reserve	16	8
member	struct dev_pagemap	altmap.free	24	8
member	struct dev_pagemap	type	96	4
member	struct dev_pagemap	flags	100	4
member	struct dev_pagemap	vmemmap_shift	104	8
member	struct dev_pagemap	nr_range	128	4
member	struct dev_pagemap	range	136	16
size	struct range	16
member	struct range	start	0	8
member	struct range	end	8	8
enum	MEMORY_DEVICE_PRIVATE	1
enum	MEMORY_DEVICE_COHERENT	2
enum	MEMORY_DEVICE_FS_DAX	3
enum	MEMORY_DEVICE_GENERIC	4
enum	MEMORY_DEVICE_PCI_P2PDMA	5
member	struct address_space	i_mmap.rb_root.rb_node	64	8
member	struct rb_node	rb_left	16	8
member	struct rb_node	rb_right	8	8
member	struct vm_area_struct	vm_start	0	8
member	struct vm_area_struct	vm_end	8	8
member	struct vm_area_struct	vm_mm	16	8
member	struct vm_area_struct	vm_flags	32	8
member	struct vm_area_struct	__vm_flags	-
member	struct vm_area_struct	vm_pgoff	80	8
member	struct vm_area_struct	shared.rb	136	24
member	struct mm_struct	pgd	120	8
member	struct mm_struct	owner	1528	8
member	struct task_struct	pid	2808	4
member	struct task_struct	tgid	2812	4
member	struct task_struct	comm	3344	16
arraylen	struct task_struct	comm	16
member	struct task_struct	group_leader	2872	8
member	atomic_t	counter	0	4
member	struct pcpu_hot	current_task	-
member	struct tk_data	timekeeper	8	304
size	struct timekeeper	304
member	struct timekeeper	xtime_sec	56	8
member	struct timekeeper	wall_to_monotonic.tv_sec	72	8
member	struct timekeeper	wall_to_monotonic.tv_nsec	80	8
member	struct timekeeper	tkr_mono.xtime_nsec	32	8
member	struct timekeeper	tkr_mono.shift	28	4
member	struct timekeeper	offs_boot	96	8
symbol	panic_cpu	ffffffff8325d58c
symbol	crashing_cpu	ffffffff832434d4
symbol	tainted_mask	ffffffff83e49508
symbol	__cpu_online_mask	ffffffff835519a0
symbol	nr_cpu_ids	ffffffff83553fd0
symbol	__per_cpu_offset	ffffffff82a960e0
symbol	current_task	ffffffff83dbd018
symbol	pcpu_hot	-
symbol	__entry_task	-
symbol	timekeeper_data	ffffffff83e7ab00
symbol	tk_core	-
symbol	shadow_timekeeper	-
symbol	bit_wait_table	ffffffff832061c0
symbol	var_wake_function	ffffffff8142b670
size	struct wait_queue_head	24
member	struct wait_queue_head	head	8	16
member	struct wait_queue_entry	private	8	8
member	struct wait_queue_entry	func	16	8
member	struct wait_queue_entry	entry	24	16
member	struct wait_bit_queue_entry	key.flags	0	8
member	struct wait_bit_queue_entry	key.bit_nr	8	4
member	struct wait_bit_queue_entry	wq_entry	24	40
member	struct task_struct	__state	24	4
member	struct task_struct	state	-
member	struct task_struct	stack	32	8
size	struct pt_regs	168
member	struct pt_regs	orig_ax	120	8
member	struct pt_regs	cs	136	2
member	struct pt_regs	ss	160	2
enum	PG_locked	0
enum	PG_referenced	2
enum	PG_uptodate	3
enum	PG_dirty	4
enum	PG_lru	5
enum	PG_head	6
enum	PG_waiters	7
enum	PG_active	8
enum	PG_reserved	13
enum	PG_private	14
enum	PG_writeback	1
enum	PG_hwpoison	21
member	struct module	list	8	16
member	struct module	name	24	56
member	struct module	state	0	4
member	struct module	notes_attrs	952	8
member	struct module_notes_attrs	notes	-
member	struct module_notes_attrs	grp.bin_attrs	40	8
member	struct module_notes_attrs	attrs	48	0
size	struct bin_attribute	72
member	struct bin_attribute	size	16	8
member	struct bin_attribute	private	24	8
member	struct uts_namespace	name.release	130	65
symbol	_stext	ffffffff81000000
symbol	_text	ffffffff81000000
symbol	_end	ffffffff84230000
symbol	init_uts_ns	ffffffff83503f80
symbol	init_top_pgt	ffffffff8322a000
symbol	page_offset_base	ffffffff82a856a8
symbol	vmemmap_base	ffffffff82a85698
symbol	super_blocks	ffffffff833e7f20
symbol	pgmap_array	ffffffff83f14710
symbol	modules	ffffffff83368440
symbol	empty_zero_page	ffffffff82448000
symbol	zero_pfn	-
symbol	huge_zero_pfn	ffffffff83555560
symbol	huge_zero_folio	ffffffff83555568
symbol	__start_BTF	ffffffff82b7f000
symbol	__stop_BTF	ffffffff83071e24
