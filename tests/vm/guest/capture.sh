#!/bin/busybox sh
# /init of the kdump capture initramfs (tests/vm/mkdump --capture kdump).
# The first kernel loads it with `kexec -p`; after the panic the capture
# kernel runs this as PID 1. It saves /proc/vmcore to the virtio disk
# (/dev/vda, ext4 made on the host) the way kdump-tools does, then powers
# off. /captures.list has one capture a line: NAME [MAKEDUMPFILE-OPTIONS]
# ("elf" alone: a plain copy of /proc/vmcore). On the disk:
#   dmesg.txt            makedumpfile --dump-dmesg /proc/vmcore
#   makedumpfile.version makedumpfile -v
#   captures.txt         NAME RC SECONDS BYTES per capture, in order
#   NAME, NAME.log       each capture, and what its command printed
# Console protocol: DAXLAB-CAPTURE-INIT, DAXLAB-CAPTURE NAME rc=N s=S,
# DAXLAB-CAPTURE-DONE, or DAXLAB-FAIL <why>.
/bin/busybox mkdir -p /proc /sys /dev /out /tmp /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
echo DAXLAB-CAPTURE-INIT

fail() { echo "DAXLAB-FAIL capture: $*"; sync; poweroff -f; }
now() { cut -d' ' -f1 /proc/uptime; }

[ -e /proc/vmcore ] || fail "no /proc/vmcore: this is not a capture kernel"
for m in $(cat /modules.list); do
	insmod /lib/modules/$m || echo "DAXLAB-WARN insmod $m failed"
done
i=0
while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
[ -b /dev/vda ] || fail "no /dev/vda (virtio_blk)"
mount -t ext4 /dev/vda /out || fail "mount /dev/vda"
echo "DAXLAB-CAPTURE-VMCORE $(stat -c %s /proc/vmcore) bytes, MemTotal $(grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2) kB"

makedumpfile -v > /out/makedumpfile.version 2>&1
makedumpfile --dump-dmesg /proc/vmcore /out/dmesg.txt > /tmp/dmesg.log 2>&1 ||
	{ cat /tmp/dmesg.log; fail "makedumpfile --dump-dmesg"; }
: > /out/captures.txt
while read -r name opts; do
	[ -n "$name" ] || continue
	t0=$(now)
	if [ "$name" = elf ]; then
		name=kdump.elf
		cp /proc/vmcore /out/$name > /tmp/cap.log 2>&1
	else
		# shellcheck disable=SC2086
		makedumpfile $opts /proc/vmcore /out/$name > /tmp/cap.log 2>&1
	fi
	rc=$?
	t1=$(now)
	s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	[ $rc -eq 0 ] || { echo "DAXLAB-CAPTURE-LOG $name"; cat /tmp/cap.log; }
	cp /tmp/cap.log /out/$name.log
	echo "$name $rc $s $(stat -c %s /out/$name 2>/dev/null || echo 0)" >> /out/captures.txt
	echo "DAXLAB-CAPTURE $name rc=$rc s=$s"
done < /captures.list
sync
umount /out || fail "umount /out"
echo DAXLAB-CAPTURE-DONE
poweroff -f
