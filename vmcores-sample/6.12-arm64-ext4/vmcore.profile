daxinspect-profile	1
build-id	970e441fccd5db5af47b4f24a4856e1876d069ce
release	
source	dwarf /root/.cache/daxinspect-lab/kernels/6.12.118+deb12-cloud-arm64/vmlinux
size	struct page	64
member	struct page	flags	0	8
member	struct page	flags.f	-
member	struct page	_refcount	52	4
member	struct page	_mapcount	48	4
member	struct page	mapping	24	8
member	struct page	index	32	8
member	struct page	__folio_index	-
member	struct page	share	32	8
member	struct page	private	40	8
member	struct page	compound_head	8	8
member	struct page	compound_info	-
member	struct page	compound_order	-
member	struct page	pgmap	8	8
size	struct folio	256
member	struct folio	pgmap	-
member	struct folio	share	-
member	struct folio	index	32	8
member	struct folio	_flags_1	64	8
member	struct folio	_folio_order	-
member	struct folio	_large_mapcount	80	4
member	struct folio	_entire_mapcount	84	4
member	struct folio	_total_mapcount	-
member	struct folio	_pincount	92	4
member	struct folio	_folio_nr_pages	96	4
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
member	struct address_space	nrpages	88	8
member	struct inode	i_mode	0	2
member	struct inode	i_flags	12	4
member	struct inode	i_ino	64	8
member	struct inode	i_sb	40	8
member	struct inode	i_mapping	48	8
member	struct inode	i_data	368	192
member	struct inode	i_sb_list	272	16
member	struct inode	i_dentry	304	8
member	struct inode	i_rdev	76	4
member	struct inode	i_nlink	72	4
member	struct inode	i_size	80	8
member	struct super_block	s_list	0	16
member	struct super_block	s_dev	16	4
member	struct super_block	s_type	40	8
member	struct super_block	s_root	104	8
member	struct super_block	s_id	960	32
member	struct super_block	s_inodes	1352	16
member	struct file_system_type	name	0	8
member	struct dentry	d_parent	24	8
member	struct dentry	d_name.name	40	8
member	struct dentry	d_name.len	36	4
member	struct dentry	d_u.d_alias	176	16
member	struct dentry	d_alias	-
size	struct dev_pagemap	160
member	struct dev_pagemap	altmap.base_pfn	0	8
member	struct dev_pagemap	altmap.reserve	16	8
member	struct dev_pagemap	altmap.free	24	8
member	struct dev_pagemap	type	104	4
member	struct dev_pagemap	flags	108	4
member	struct dev_pagemap	vmemmap_shift	112	8
member	struct dev_pagemap	nr_range	136	4
member	struct dev_pagemap	range	144	16
size	struct range	16
member	struct range	start	0	8
member	struct range	end	8	8
enum	MEMORY_DEVICE_PRIVATE	1
enum	MEMORY_DEVICE_COHERENT	2
enum	MEMORY_DEVICE_FS_DAX	3
enum	MEMORY_DEVICE_GENERIC	4
enum	MEMORY_DEVICE_PCI_P2PDMA	5
member	struct address_space	i_mmap.rb_root.rb_node	72	8
member	struct rb_node	rb_left	16	8
member	struct rb_node	rb_right	8	8
member	struct vm_area_struct	vm_start	0	8
member	struct vm_area_struct	vm_end	8	8
member	struct vm_area_struct	vm_mm	16	8
member	struct vm_area_struct	vm_flags	32	8
member	struct vm_area_struct	__vm_flags	32	8
member	struct vm_area_struct	vm_pgoff	120	8
member	struct vm_area_struct	shared.rb	56	24
member	struct mm_struct	pgd	104	8
member	struct mm_struct	owner	1032	8
member	struct task_struct	pid	1376	4
member	struct task_struct	tgid	1380	4
member	struct task_struct	comm	1920	16
arraylen	struct task_struct	comm	16
member	struct task_struct	group_leader	1440	8
member	atomic_t	counter	0	4
member	struct pcpu_hot	current_task	-
member	struct tk_data	timekeeper	-
size	struct timekeeper	280
member	struct timekeeper	xtime_sec	112	8
member	struct timekeeper	wall_to_monotonic.tv_sec	128	8
member	struct timekeeper	wall_to_monotonic.tv_nsec	136	8
member	struct timekeeper	tkr_mono.xtime_nsec	32	8
member	struct timekeeper	tkr_mono.shift	28	4
member	struct timekeeper	offs_boot	152	8
symbol	panic_cpu	ffff800081eb7048
symbol	crashing_cpu	-
symbol	tainted_mask	ffff80008215d568
symbol	__cpu_online_mask	ffff800081e9eaf8
symbol	nr_cpu_ids	ffff800081e9edf0
symbol	__per_cpu_offset	ffff800081ea3180
symbol	current_task	-
symbol	pcpu_hot	-
symbol	__entry_task	ffff8000819fd2d8
symbol	timekeeper_data	-
symbol	tk_core	ffff800082184d40
symbol	shadow_timekeeper	ffff800082184e70
symbol	bit_wait_table	ffff800081e96180
symbol	var_wake_function	ffff800080123b48
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
size	struct pt_regs	336
member	struct pt_regs	orig_ax	-
member	struct pt_regs	cs	-
member	struct pt_regs	ss	-
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
enum	PG_hwpoison	20
member	struct module	list	8	16
member	struct module	name	24	56
member	struct module	state	0	4
member	struct module	notes_attrs	952	8
member	struct module_notes_attrs	notes	8	4
member	struct module_notes_attrs	grp.bin_attrs	-
member	struct module_notes_attrs	attrs	16	0
size	struct bin_attribute	72
member	struct bin_attribute	size	16	8
member	struct bin_attribute	private	24	8
member	struct uts_namespace	name.release	130	65
symbol	_stext	ffff800080010000
symbol	_text	ffff800080000000
symbol	_end	ffff800082240000
symbol	init_uts_ns	ffff8000820ed698
symbol	init_top_pgt	-
symbol	page_offset_base	-
symbol	vmemmap_base	-
symbol	super_blocks	ffff800081f8afe0
symbol	pgmap_array	ffff8000821a4470
symbol	modules	ffff800081f468d8
symbol	empty_zero_page	ffff800082149000
symbol	zero_pfn	ffff800081e9f8e0
symbol	huge_zero_pfn	ffff800081e9fb38
symbol	huge_zero_folio	ffff800081e9fb30
symbol	__start_BTF	ffff8000813c53b0
symbol	__stop_BTF	ffff80008186a512
