# Architectures: a dump of one daxinspect does not read gets one clear
# line and exit 3, never a wrong answer (issue 17 part 3). The cores are
# minimal ELF files (mkcore.py): a VMCOREINFO note and one page.
. "$DXI_TOP/tests/lib.sh"

core() { # core NAME E_MACHINE VMCOREINFO-LINES
	/usr/bin/python3 "$DXI_TOP/tests/cli/mkcore.py" "$TMP/$1" "$2" "$3"
}

arm64_keys='SYMBOL(swapper_pg_dir)=ffff800041000000
NUMBER(kimage_voffset)=0xffff7fffc0000000
NUMBER(PHYS_OFFSET)=0x40000000
NUMBER(VMEMMAP_START)=0xfffffdffc0000000
KERNELOFFSET=0'

for ps in 16384 65536; do
	core "arm64-$ps" 183 "OSRELEASE=6.12.0-test-arm64
PAGESIZE=$ps
NUMBER(VA_BITS)=48
$arm64_keys"
	expect "arch/arm64-pagesize-$ps" 3 "$TMP/arm64-$ps: arm64 kernel with $ps-byte pages .*4 KiB pages only" \
		"$DXI_BIN" info "$TMP/arm64-$ps"
done

core arm64-va39 183 "OSRELEASE=6.12.0-test-arm64
PAGESIZE=4096
NUMBER(VA_BITS)=39
$arm64_keys"
expect arch/arm64-va-bits-39 3 "VA_BITS=39 .*is not supported: daxinspect reads 48-bit and 52-bit VA" \
	"$DXI_BIN" check "$TMP/arm64-va39"

# No machine in the ELF header's table, and no arm64 key missing: the
# ELF machine decides (libkdumpfile's name for it).
core ppc64 21 "OSRELEASE=6.12.0-test
PAGESIZE=65536
KERNELOFFSET=0"
expect arch/other-machine 3 "dump $TMP/ppc64 is of a ppc64 machine; daxinspect reads x86_64 and aarch64 dumps only" \
	"$DXI_BIN" info "$TMP/ppc64"

# A readable arm64 VMCOREINFO gets past the target layer: what stops it
# is the missing debuginfo, as for any kernel.
core arm64-48 183 "OSRELEASE=6.12.0-test-arm64
PAGESIZE=4096
NUMBER(VA_BITS)=48
NUMBER(TCR_EL1_T1SZ)=0x10
$arm64_keys"
expect arch/arm64-48-opens 3 "no debuginfo for kernel 6.12.0-test-arm64" \
	"$DXI_BIN" info "$TMP/arm64-48"

# Kernels older than the oldest one daxinspect reads (5.10: struct
# dev_pagemap ranges; xarray DAX entries from 4.20) get one line naming
# the release and exit 3, before any debuginfo is looked for; 5.10 itself
# gets past the gate (docs/kernel-facts.md#oldest-kernel).
for rel in 4.19.0-27-amd64 4.9.0-19-amd64 5.4.0-150-generic 5.9.0-test; do
	core "old-$rel" 62 "OSRELEASE=$rel
PAGESIZE=4096
KERNELOFFSET=0"
	relre=$(printf '%s' "$rel" | sed 's/[.]/\\./g')
	expect "arch/too-old-$rel" 3 "^daxinspect: $TMP/old-$rel: kernel $relre is older than 5\.10, the oldest daxinspect reads .*read this dump with crash or drgn$" \
		"$DXI_BIN" check "$TMP/old-$rel"
done
core new-5.10 62 "OSRELEASE=5.10.0-32-cloud-amd64
PAGESIZE=4096
KERNELOFFSET=0"
expect arch/5.10-opens 3 "no debuginfo for kernel 5\.10\.0-32-cloud-amd64" \
	"$DXI_BIN" info "$TMP/new-5.10"
