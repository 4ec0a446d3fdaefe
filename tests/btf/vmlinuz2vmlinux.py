#!/usr/bin/python3
"""Unpacks the vmlinux ELF from an x86 bzImage (a Debian vmlinuz).

    vmlinuz2vmlinux.py VMLINUZ -o VMLINUX

As scripts/extract-vmlinux, but from the boot protocol header instead of a
magic search: setup_sects at 0x1f1 (0 means 4), the protected-mode code
starts at (setup_sects + 1) * 512, and payload_offset/payload_length at
0x248/0x24c (boot protocol 2.08+) locate the compressed vmlinux inside it
(Documentation/arch/x86/boot.rst).  The payload is decompressed by its
magic: zstd (the `zstd` program: Python's stdlib has no zstd), xz, gzip.
The result must be an ELF file; `daxinspect profile extract --btf`
then reads its .BTF section.
"""
import argparse
import gzip
import lzma
import struct
import subprocess
import sys


def die(msg):
    sys.stderr.write("vmlinuz2vmlinux.py: %s\n" % msg)
    sys.exit(1)


def payload(img):
    if img[0x202:0x206] != b"HdrS":
        die("not a bzImage (no HdrS boot header)")
    version = struct.unpack_from("<H", img, 0x206)[0]
    if version < 0x208:
        die("boot protocol %#x has no payload_offset (2.08+ needed)" % version)
    setup_sects = img[0x1f1] or 4
    off, length = struct.unpack_from("<II", img, 0x248)
    start = (setup_sects + 1) * 512 + off
    if start + length > len(img):
        die("payload %#x+%#x runs past the image (%#x bytes)" % (start, length, len(img)))
    return img[start:start + length]


def decompress(data):
    if data[:4] == b"\x28\xb5\x2f\xfd":
        r = subprocess.run(["zstd", "-d", "-c", "-q"], input=data, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
        # A bzImage zstd payload is followed by the 4-byte size trailer;
        # zstd may warn about it but the output is complete.
        return r.stdout
    if data[:6] == b"\xfd7zXZ\x00":
        return lzma.decompress(data, format=lzma.FORMAT_XZ)
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    die("unknown payload compression (magic %s)" % data[:6].hex())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("vmlinuz")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    with open(a.vmlinuz, "rb") as f:
        img = f.read()
    elf = decompress(payload(img))
    if elf[:4] != b"\x7fELF":
        die("the decompressed payload is not an ELF file")
    with open(a.output, "wb") as f:
        f.write(elf)


if __name__ == "__main__":
    main()
