daxinspect-profile	1
build-id	e0c94673e97d58a386e99a20572aa7d597d5aa5c
release	
source	dwarf /root/.cache/daxinspect-lab/kernels/5.10.0-32-cloud-amd64/vmlinux
size	struct page	64
member	struct page	flags	0	8
member	struct page	flags.f	-
member	struct page	_refcount	52	4
member	struct page	_mapcount	48	4
member	struct page	mapping	24	8
member	struct page	index	32	8
member	struct page	__folio_index	-
member	struct page	share	-
member	struct page	private	40	8
member	struct page	compound_head	8	8
member	struct page	compound_info	-
member	struct page	compound_order	17	1
member	struct page	pgmap	8	8
size	struct folio	-
member	struct folio	pgmap	-
member	struct folio	share	-
member	struct folio	index	-
member	struct folio	_flags_1	-
member	struct folio	_folio_order	-
member	struct folio	_large_mapcount	-
member	struct folio	_entire_mapcount	-
member	struct folio	_total_mapcount	-
member	struct folio	_pincount	-
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
member	struct address_space	nrpages	88	8
member	struct inode	i_mode	0	2
member	struct inode	i_flags	12	4
member	struct inode	i_ino	64	8
member	struct inode	i_sb	40	8
member	struct inode	i_mapping	48	8
member	struct inode	i_data	376	160
member	struct inode	i_sb_list	280	16
member	struct inode	i_dentry	312	8
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
member	struct dentry	d_u.d_alias	176	16
member	struct dentry	d_alias	-
size	struct dev_pagemap	152
member	struct dev_pagemap	altmap.base_pfn	0	8
member	struct dev_pagemap	altmap.reserve	16	8
member	struct dev_pagemap	altmap.free	24	8
member	struct dev_pagemap	type	104	4
member	struct dev_pagemap	flags	108	4
member	struct dev_pagemap	vmemmap_shift	-
member	struct dev_pagemap	nr_range	128	4
member	struct dev_pagemap	range	136	16
size	struct range	16
member	struct range	start	0	8
member	struct range	end	8	8
enum	MEMORY_DEVICE_PRIVATE	1
enum	MEMORY_DEVICE_COHERENT	-
enum	MEMORY_DEVICE_FS_DAX	2
enum	MEMORY_DEVICE_GENERIC	3
enum	MEMORY_DEVICE_PCI_P2PDMA	4
member	struct address_space	i_mmap.rb_root.rb_node	32	8
member	struct rb_node	rb_left	16	8
member	struct rb_node	rb_right	8	8
member	struct vm_area_struct	vm_start	0	8
member	struct vm_area_struct	vm_end	8	8
member	struct vm_area_struct	vm_mm	64	8
member	struct vm_area_struct	vm_flags	80	8
member	struct vm_area_struct	__vm_flags	-
member	struct vm_area_struct	vm_pgoff	152	8
member	struct vm_area_struct	shared.rb	88	24
member	struct mm_struct	pgd	80	8
member	struct mm_struct	owner	912	8
member	struct task_struct	pid	2232	4
member	struct task_struct	tgid	2236	4
member	struct task_struct	comm	2736	16
arraylen	struct task_struct	comm	16
member	struct task_struct	group_leader	2296	8
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
symbol	panic_cpu	ffffffff826437c0
symbol	crashing_cpu	ffffffff826283d0
symbol	tainted_mask	ffffffff82ea02e0
symbol	__cpu_online_mask	ffffffff82872960
symbol	nr_cpu_ids	ffffffff82873354
symbol	__per_cpu_offset	ffffffff82125920
symbol	current_task	1fbc0
symbol	pcpu_hot	-
symbol	__entry_task	-
symbol	timekeeper_data	-
symbol	tk_core	ffffffff82ef1780
symbol	shadow_timekeeper	ffffffff82ef1660
symbol	bit_wait_table	ffffffff82606180
symbol	var_wake_function	ffffffff810d61a0
size	struct wait_queue_head	24
member	struct wait_queue_head	head	8	16
member	struct wait_queue_entry	private	8	8
member	struct wait_queue_entry	func	16	8
member	struct wait_queue_entry	entry	24	16
member	struct wait_bit_queue_entry	key.flags	0	8
member	struct wait_bit_queue_entry	key.bit_nr	8	4
member	struct wait_bit_queue_entry	wq_entry	24	40
member	struct task_struct	__state	-
member	struct task_struct	state	16	8
member	struct task_struct	stack	24	8
size	struct pt_regs	168
member	struct pt_regs	orig_ax	120	8
member	struct pt_regs	cs	136	8
member	struct pt_regs	ss	160	8
enum	PG_locked	0
enum	PG_referenced	1
enum	PG_uptodate	2
enum	PG_dirty	3
enum	PG_lru	4
enum	PG_head	16
enum	PG_waiters	7
enum	PG_active	5
enum	PG_reserved	12
enum	PG_private	13
enum	PG_writeback	15
enum	PG_hwpoison	-
member	struct module	list	8	16
member	struct module	name	24	56
member	struct module	state	0	4
member	struct module	notes_attrs	656	8
member	struct module_notes_attrs	notes	8	4
member	struct module_notes_attrs	grp.bin_attrs	-
member	struct module_notes_attrs	attrs	16	0
size	struct bin_attribute	56
member	struct bin_attribute	size	16	8
member	struct bin_attribute	private	24	8
member	struct uts_namespace	name.release	134	65
symbol	_stext	ffffffff81000000
symbol	_text	ffffffff81000000
symbol	_end	ffffffff8322c000
symbol	init_uts_ns	ffffffff82613700
symbol	init_top_pgt	ffffffff8260a000
symbol	page_offset_base	ffffffff82120910
symbol	vmemmap_base	ffffffff82120900
symbol	super_blocks	ffffffff8275d7d0
symbol	pgmap_array	ffffffff82f68e30
symbol	modules	ffffffff82716660
symbol	empty_zero_page	ffffffff82e62000
symbol	zero_pfn	ffffffff82874788
symbol	huge_zero_pfn	ffffffff82874cb0
symbol	huge_zero_folio	-
symbol	__start_BTF	ffffffff821a317c
symbol	__stop_BTF	ffffffff824d75e6
