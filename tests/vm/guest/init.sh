#!/bin/busybox sh
# /init of the daxinspect lab initramfs (run by the kernel as PID 1, as root).
# Parameters come from the kernel command line:
#   daxlab.fs=ext4|xfs  daxlab.scenario=NAME  daxlab.leakdelta=N
#   daxlab.pmem=fsdax-dev  reconfigure the legacy namespace with ndctl
#                        -m fsdax --map=dev: the memmap lives on the device
#   daxlab.mkfs=host     the filesystem is already on the pmem (made on the
#                        host and loaded by QEMU: arm64 guests)
#   daxlab.kdump=sysrq|warn  load the capture kernel (/boot/vmlinuz,
#                        /capture.cpio.gz, /capture.cmdline) with kexec -p;
#                        sysrq: after READY wait for a line on ttyS1 (the
#                        host's go, after its snapshot), then crash;
#                        warn: panic_on_warn=1 is on the command line and
#                        the scenario's WARN panics (READY means it did not)
# Protocol on the console (ttyS0), read by tests/vm/mkdump:
#   DAXLAB-INIT            user space started
#   DAXLAB-GT-BEGIN / GT {json} lines / DAXLAB-GT-END
#   DAXLAB-READY           state is final: the host pauses and dumps now
#   DAXLAB-KEXEC-LOADED    kdump: the capture kernel is loaded
#   DAXLAB-TRIGGER <how>   kdump: the crash comes next
#   DAXLAB-FAIL <why>      the scenario failed (the host stops)
/bin/busybox mkdir -p /proc /sys /dev /mnt /tmp /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
echo DAXLAB-INIT

fail() { echo "DAXLAB-FAIL $*"; while :; do sleep 3600; done; }

FS=ext4; SCEN=basic; DELTA=1000; KDUMP=; PMODE=raw; MKFS=guest
for w in $(cat /proc/cmdline); do
	case "$w" in
	daxlab.fs=*) FS=${w#daxlab.fs=} ;;
	daxlab.scenario=*) SCEN=${w#daxlab.scenario=} ;;
	daxlab.leakdelta=*) DELTA=${w#daxlab.leakdelta=} ;;
	daxlab.kdump=*) KDUMP=${w#daxlab.kdump=} ;;
	daxlab.pmem=*) PMODE=${w#daxlab.pmem=} ;;
	daxlab.mkfs=*) MKFS=${w#daxlab.mkfs=} ;;
	esac
done
echo "DAXLAB-PARAMS fs=$FS scenario=$SCEN kdump=$KDUMP kernel=$(uname -r)"

if [ -n "$KDUMP" ]; then
	kexec -p /boot/vmlinuz --initrd=/capture.cpio.gz --append="$(cat /capture.cmdline)" ||
		fail "kexec -p (is crashkernel= on the command line?)"
	[ "$(cat /sys/kernel/kexec_crash_loaded)" = 1 ] || fail "kexec -p ran but kexec_crash_loaded is not 1"
	echo DAXLAB-KEXEC-LOADED
fi

# modules, in dependency order (built-ins are absent from the list)
for m in $(cat /modules.list); do
	insmod /lib/modules/$m || echo "DAXLAB-WARN insmod $m failed"
done
i=0
while [ ! -b /dev/pmem0 ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
[ -b /dev/pmem0 ] || fail "no /dev/pmem0 (memmap=SIZE!START or the DTB pmem-region node missing, or nd_e820/of_pmem/nd_pmem not loaded)"
if [ "$PMODE" = fsdax-dev ]; then
	/sbin/ndctl create-namespace -f -e namespace0.0 -m fsdax --map=dev || fail "ndctl create-namespace -m fsdax --map=dev"
	i=0
	while [ ! -b /dev/pmem0 ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
	[ -b /dev/pmem0 ] || fail "no /dev/pmem0 after ndctl create-namespace"
	echo "DAXLAB-PMEM fsdax --map=dev: $(cat /sys/bus/nd/devices/pfn0.0/mode 2>/dev/null) $(cat /sys/bus/nd/devices/pfn0.0/size 2>/dev/null)"
fi

case "$MKFS:$FS" in
host:*) echo "DAXLAB-MKFS $FS made on the host" ;;
*:ext4)
	/sbin/mkfs.ext4 -F -q -b 4096 -E stride=512,stripe_width=512,lazy_itable_init=0,lazy_journal_init=0 /dev/pmem0 ||
		fail "mkfs.ext4"
	;;
*:xfs)
	# su=2m: 2 MiB-aligned extents. The default log would be < 64 MiB (refused
	# by xfsprogs 6.1) and a 64 MiB log does not fit a 128 MiB AG: 2 AGs.
	# Before 6.0 an xfs with reflink refuses dax=always at mount ("DAX and
	# reflink cannot be used together!", 5.10 fs/xfs/xfs_super.c:1562): 5.x
	# gets reflink=0, the reflink scenario is skipped and the ground truth's
	# fs record says so.
	case "$(uname -r)" in
	[1-5].*) RL=0 ;;
	*) RL=1 ;;
	esac
	/sbin/mkfs.xfs -f -q -m reflink=$RL -d su=2m,sw=1,agcount=2 -l size=64m,su=32k /dev/pmem0 || fail "mkfs.xfs"
	;;
*) fail "unknown fs $FS" ;;
esac
mount -t "$FS" -o dax=always /dev/pmem0 /mnt || fail "mount -o dax=always"
grep pmem0 /proc/mounts

M=/mnt
K=1024
OPS="meta"
scen_basic() {
	OPS="$OPS scen basic
	create $M/basic_16k $((16 * K)) data  map basic_16k $M/basic_16k read
	create $M/basic_64k $((64 * K)) data  map basic_64k $M/basic_64k write
	create $M/basic_1m $((1024 * K)) data map basic_1m $M/basic_1m write"
}
scen_pmd() {
	# 2 MiB-aligned extents (mkfs stride / su) + 2 MiB-aligned file offset and
	# virtual address -> PMD entries; pfns should be 512-aligned per 2 MiB
	OPS="$OPS scen pmd
	create $M/pmd_w $((4096 * K)) data map pmd_w $M/pmd_w write
	create $M/pmd_r $((2048 * K)) data map pmd_r $M/pmd_r read"
}
scen_unmapped() {
	# faulted then unmapped: the DAX entries and page associations stay
	OPS="$OPS scen unmapped
	create $M/unm_small $((256 * K)) data map unm_small $M/unm_small read unmap unm_small closefd unm_small
	create $M/unm_pmd $((2048 * K)) data  map unm_pmd $M/unm_pmd write  unmap unm_pmd closefd unm_pmd"
}
scen_sparse() {
	# read faults over holes -> zero-page entries (PMD zero entry for a hole
	# of 2 MiB); then one page of the sparse file written -> block entry
	OPS="$OPS scen sparse
	create $M/sparse_all $((2048 * K)) sparse map sparse_all $M/sparse_all read
	create $M/sparse_holes $((64 * K)) holes  map sparse_holes $M/sparse_holes read
	create $M/sparse_w $((64 * K)) sparse     map sparse_w $M/sparse_w read
	touch sparse_w write 1 2"
}
scen_deleted() {
	# unlinked while still mapped: inode orphaned, entries live
	OPS="$OPS scen deleted
	create $M/del_small $((64 * K)) data  map del_small $M/del_small write closefd del_small unlink $M/del_small
	create $M/del_pmd $((2048 * K)) data  map del_pmd $M/del_pmd read unlink $M/del_pmd"
}
scen_reflink() {
	[ "$FS" = xfs ] || { echo "DAXLAB-SKIP reflink needs xfs"; return 0; }
	[ "$RL" = 1 ] || { echo "DAXLAB-SKIP reflink: xfs made with reflink=0 ($(uname -r) cannot mount reflink with dax)"; return 0; }
	# rl_src/rl_dst: clone, both mapped read -> shared pages
	# rl2_src/rl2_dst (2 MiB, PMD): clone, both mapped, clone written -> the
	#   whole PMD extent is copied (CoW)
	# rl3_src/rl3_dst (64 KiB): clone, both mapped, clone pages 0-1 written ->
	#   PTE CoW of two pages, the rest stays shared
	OPS="$OPS scen reflink
	create $M/rl_src $((256 * K)) data  clone $M/rl_src $M/rl_dst
	map rl_src $M/rl_src read  map rl_dst $M/rl_dst read
	create $M/rl2_src $((2048 * K)) data clone $M/rl2_src $M/rl2_dst
	map rl2_src $M/rl2_src read map rl2_dst $M/rl2_dst read
	report rl2_dst before-cow  touch rl2_dst write 0 4
	create $M/rl3_src $((64 * K)) data clone $M/rl3_src $M/rl3_dst
	map rl3_src $M/rl3_src read map rl3_dst $M/rl3_dst read
	report rl3_dst before-cow  touch rl3_dst write 0 2"
}
scen_leak() {
	[ -f /daxleak.ko ] || { echo "DAXLAB-SKIP leak: no daxleak.ko for this kernel"; return 0; }
	# leak_a page 1: reference taken by daxleak and never dropped, then
	# leak_a unmapped, closed and unlinked (in a child process):
	#   <= 6.14: inode eviction disassociates the still-referenced page
	#            (orphaned reference, WARN in dax_disassociate_entry);
	#   6.15+:   eviction waits for the page to go idle, forever: the child
	#            stays blocked in dax_break_layout_final, entries kept.
	# leak_b page 2: page->index rewritten to index+DELTA, leak_b stays mapped.
	OPS="$OPS scen leak
	create $M/leak_a $((64 * K)) data map leak_a $M/leak_a write
	create $M/leak_b $((64 * K)) data map leak_b $M/leak_b write
	leak /daxleak.ko leak_a 1 leak_b 2 $DELTA
	unmap leak_a closefd leak_a unlinkbg $M/leak_a"
}
scen_held() {
	[ -f /daxleak.ko ] || fail "held: no daxleak.ko for this kernel"
	# held_a page 1: a reference taken by daxleak (FOLL_GET) while held_a
	# stays mapped -- a busy page whose mapper is known (holdmap, PTE);
	# held_b page 2: page->index rewritten (the module always does both).
	OPS="$OPS scen held
	create $M/held_a $((64 * K)) data map held_a $M/held_a write
	create $M/held_b $((64 * K)) data map held_b $M/held_b write
	leak /daxleak.ko held_a 1 held_b 2 $DELTA"
}
scen_pin() {
	# pin_a page 1 is the buffer of an O_DIRECT read from /dev/vda, a QEMU
	# disk throttled by mkdump (throttling.bps-total): the read's GUP
	# reference is held for minutes; then a child truncates pin_a to 0 and
	# waits in ext4_break_layouts / xfs_break_dax_layouts on that page.
	# Not part of "all": the truncate changes pin_a's state for good.
	# pin_b stays mapped (the truncate unmaps all of pin_a): the maps
	# test has rows to compare.
	i=0
	while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
	[ -b /dev/vda ] || fail "pin: no /dev/vda (the throttled disk; virtio_blk loaded?)"
	OPS="$OPS scen pin
	create $M/pin_a $((64 * K)) data map pin_a $M/pin_a write
	create $M/pin_b $((64 * K)) data map pin_b $M/pin_b write
	report pin_a before-truncate
	pin pin_a 1 /dev/vda $((64 * K))"
}
case "$SCEN" in
all) for s in basic pmd unmapped sparse deleted reflink leak; do scen_$s; done ;;
basic | pmd | unmapped | sparse | deleted | reflink | leak | held | pin) scen_$SCEN ;;
*) fail "unknown scenario $SCEN" ;;
esac

rm -f /tmp/gt.txt /tmp/ready
# The live watch: started before the scenario's faults exist, stopped after
# (tests/lab/watch.sh checks it saw each of them within two intervals).
WP=
if [ -x /daxinspect ]; then
	/daxinspect watch --json --interval 1 --profile /kernel.profile /proc/kcore > /tmp/watch.jsonl 2> /tmp/watch.err &
	WP=$!
	echo "DAXLAB-WATCH-START $(date -u +%s)"
	sleep 2
fi
# shellcheck disable=SC2086
/holdmap -o /tmp/gt.txt -r /tmp/ready $OPS > /tmp/holdmap.out 2>&1 &
HP=$!
while [ ! -f /tmp/ready ]; do
	kill -0 $HP 2>/dev/null || { cat /tmp/holdmap.out; fail "holdmap died"; }
	sleep 0.2
done
cat /tmp/holdmap.out
sync
sleep 1
if [ -n "$WP" ]; then
	sleep 3
	kill -INT $WP
	wait $WP
	echo "DAXLAB-WATCH-BEGIN rc=$? end=$(date -u +%s)"
	sed 's/^/WATCH /' /tmp/watch.jsonl
	sed 's/^/WATCH-ERR /' /tmp/watch.err
	echo DAXLAB-WATCH-END
fi
# keep kernel messages from interleaving with the ground truth lines
echo 1 > /proc/sys/kernel/printk
# The live run: daxinspect on this kernel's own /proc/kcore, right before
# the host dumps the same state (tests/lab/lab.sh compares the two).
if [ -x /daxinspect ]; then
	LT0=$(date -u +%s)
	/daxinspect check --json --profile /kernel.profile /proc/kcore > /tmp/live.json 2> /tmp/live.err
	echo "DAXLAB-LIVE-BEGIN rc=$? secs=$(($(date -u +%s) - LT0))"
	sed 's/^/LIVE /' /tmp/live.json
	sed 's/^/LIVE-ERR /' /tmp/live.err
	echo DAXLAB-LIVE-END
	# Who maps the DAX pages, read live (tests/lab/maps.sh compares it
	# with maps of the dump taken right after).
	/daxinspect maps --json --profile /kernel.profile /proc/kcore > /tmp/live-maps.json 2> /tmp/live-maps.err
	echo "DAXLAB-LIVEMAPS-BEGIN rc=$?"
	sed 's/^/LIVEMAPS /' /tmp/live-maps.json
	sed 's/^/LIVEMAPS-ERR /' /tmp/live-maps.err
	echo DAXLAB-LIVEMAPS-END
fi
echo DAXLAB-GT-BEGIN
cat /tmp/gt.txt
# what the filesystem was made with (xfs reflink is off before 6.0, above)
case "$FS" in
xfs) echo "GT {\"type\":\"fs\",\"fs\":\"xfs\",\"reflink\":$([ "$RL" = 1 ] && echo true || echo false)}" ;;
*) echo "GT {\"type\":\"fs\",\"fs\":\"$FS\",\"reflink\":false}" ;;
esac
echo DAXLAB-GT-END
echo DAXLAB-READY
case "$KDUMP" in
sysrq)
	read -r _ < /dev/ttyS1
	echo 7 > /proc/sys/kernel/printk
	echo "DAXLAB-TRIGGER sysrq"
	sh -c 'echo c > /proc/sysrq-trigger'
	fail "still alive after sysrq c"
	;;
warn) fail "warn trigger: the scenario ran without a WARN (no panic_on_warn panic)" ;;
esac
while :; do sleep 3600; done
