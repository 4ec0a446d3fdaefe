#!/usr/bin/env bash
# Remakes tests/synth/layouts/7.0.profile and 7.1.profile and
# tests/btf/7.0.13+deb13-cloud-amd64.btf.xz from Debian's packages.
# Debian ships 7.0/7.1 only as linux-binary-* (vmlinuz, no -dbg, and the
# linux-base-* packages with System.map have left trixie-backports), so
# the types come from the kernel's own .BTF section and the symbols are
# "-". Run as root from the top of the repo; downloads go to the lab cache
# (never the repo), through tests/vm/mkdump's private apt configuration.
#   tests/btf/mklayouts.sh [build/daxinspect]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$top/build/daxinspect}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/daxinspect-lab
mkdir -p "$cache/debs" "$cache/kernels-btf"
for spec in 7.0:7.0.13:7.0.13-1~bpo13+1 7.1:7.1.13:7.1.13-1~bpo13+1; do
	IFS=: read -r mm v pv <<<"$spec"
	rel=$v+deb13-cloud-amd64
	pkg=linux-binary-$rel
	deb=$(ls "$cache/debs/${pkg}_"*.deb 2>/dev/null | head -1 || true)
	if [ -z "$deb" ]; then
		(cd "$cache/debs" && "$top/tests/vm/mkdump" --apt 7.3 apt-get \
			-o APT::Sandbox::User=root download "$pkg=$pv")
		deb=$(ls "$cache/debs/${pkg}_"*.deb | head -1)
	fi
	d=$cache/kernels-btf/$rel
	mkdir -p "$d"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -O "./boot/vmlinuz-$rel" >"$d/vmlinuz"
	/usr/bin/python3 "$top/tests/btf/vmlinuz2vmlinux.py" "$d/vmlinuz" -o "$d/vmlinux"
	"$bin" profile extract -o "$d/profile" --btf "$d/vmlinux"
	sed "s|^source\t.*|source\tbtf vmlinux-$rel unpacked from $pkg $pv (tests/synth/layouts/README.md)|" \
		"$d/profile" >"$top/tests/synth/layouts/$mm.profile"
	if [ "$mm" = 7.0 ]; then
		objcopy -O binary --only-section=.BTF "$d/vmlinux" "$d/btf"
		xz -9e -c "$d/btf" >"$top/tests/btf/$rel.btf.xz"
	fi
	echo "$mm: $pkg $pv -> tests/synth/layouts/$mm.profile"
done
