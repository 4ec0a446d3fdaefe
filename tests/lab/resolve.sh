#!/usr/bin/env bash
# tests/vm/resolve.py against a fake apt-cache: the lab follows the archive
# as it moves on. A vanished pin falls back to the newest build with a
# warning; a build the archive dropped still resolves from the download
# cache; a newest build whose headers lag behind gives way to one with
# headers; no build at all is a clear error.
set -u
top=${DXI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
d=$(mktemp -d /tmp/dxi-resolve.XXXXXX)
trap 'rm -rf "$d"' EXIT
PY=/usr/bin/python3

# The fake archive: "PACKAGE VERSION" lines; apt-cache pkgnames/madison
# answer from it as the real one does.
cat > "$d/apt-cache" <<'SH'
#!/bin/sh
db=$(dirname "$0")/archive
case "$1" in
pkgnames) awk -v p="$2" 'index($1, p) == 1 { print $1 }' "$db" | sort -u ;;
madison) awk -v p="$2" '$1 == p { printf "%s | %s | http://archive.invalid/debian fake/main amd64 Packages\n", $1, $2 }' "$db" ;;
esac
SH
chmod +x "$d/apt-cache"
cat > "$d/kernels.conf" <<'CONF'
6.1   suite    bookworm   -
6.1   release  6.1.0-*-cloud-amd64
6.1   flavour  cloud-amd64
6.1   image    linux-image-{release}-unsigned
6.1   dbg      linux-image-{release}-dbg
6.1   headers  linux-headers-{release}
6.1   headers  linux-headers-{abi}-common
6.1   headers  linux-kbuild-6.1
6.1   pin      6.1.0-56-cloud-amd64
7.3   suite    trixie-backports trixie
7.3   release  7.3.*+deb13-cloud-amd64
7.3   flavour  cloud-amd64
7.3   binary   linux-binary-{release}
7.3   modules  linux-modules-{release}
7.3   base     linux-base-{release}
7.3   dbg      linux-image-{release}-dbg
7.3   hostlibc libc6
6.12-arm64 suite   bookworm-security bookworm
6.12-arm64 arch    arm64
6.12-arm64 release 6.12.*+deb12-cloud-arm64
6.12-arm64 flavour cloud-arm64
6.12-arm64 image   linux-image-{release}-unsigned
6.12-arm64 dbg     linux-image-{release}-dbg
6.12-arm64 guest   busybox-static
CONF
build() { # build ABI VERSION [noheaders]: the packages of one 6.1 build
	echo "linux-image-6.1.0-$1-cloud-amd64-unsigned $2"
	echo "linux-image-6.1.0-$1-cloud-amd64-dbg $2"
	[ "${3:-}" = noheaders ] && return
	echo "linux-headers-6.1.0-$1-cloud-amd64 $2"
	echo "linux-headers-6.1.0-$1-common $2"
	echo "linux-kbuild-6.1 $2"
}
resolve() { # resolve KERNEL [ARGS...] -> $d/out, $d/err, $rc
	local k=$1; shift
	$PY "$top/tests/vm/resolve.py" "$d/kernels.conf" "$k" --debs "$d/debs" "$@" \
		--apt-cache "$d/apt-cache" > "$d/out" 2> "$d/err"
	rc=$?
}
ok() { # ok NAME COMMAND...: PASS when the command succeeds
	local n=$1; shift
	if "$@"; then echo "PASS lab/resolve-$n"; else
		echo "FAIL lab/resolve-$n: rc=$rc out=$(tr '\n' '|' < "$d/out") err=$(tr '\n' '|' < "$d/err")"; fi
}
mkdir -p "$d/debs"

# 1. The pinned build (-56) left the archive: -57 and -50 remain.
{ build 57 6.1.192-3; build 50 6.1.176-1; } > "$d/archive"
resolve 6.1
ok pin-vanished-exit0 [ "$rc" -eq 0 ]
ok pin-vanished-newest grep -qx "release 6.1.0-57-cloud-amd64 -" "$d/out"
ok pin-vanished-dbg grep -qx "dbg linux-image-6.1.0-57-cloud-amd64-dbg 6.1.192-3" "$d/out"
ok pin-vanished-kbuild grep -qx "headers linux-kbuild-6.1 6.1.192-3" "$d/out"
ok pin-vanished-warns grep -q "warning: pinned build 6.1.0-56-cloud-amd64 of kernel 6.1 is no longer in the archive or the cache: using 6.1.0-57-cloud-amd64" "$d/err"

# 2. The pin's .debs are in the download cache: it still resolves, quietly.
for p in $(build 56 6.1.192-2 | awk '{print $1 "_" $2}'); do : > "$d/debs/${p}_amd64.deb"; done
resolve 6.1
ok pin-cached grep -qx "release 6.1.0-56-cloud-amd64 -" "$d/out"
ok pin-cached-quiet [ ! -s "$d/err" ]
rm -f "$d/debs"/*

# 3. Without a pin, the newest build -- unless its headers lag behind
#    (linux-kbuild-6.1 is not ABI-named and moves on its own).
sed -i '/ pin /d' "$d/kernels.conf"
{ build 58 6.1.193-1 noheaders; echo "linux-headers-6.1.0-58-cloud-amd64 6.1.193-1"; build 57 6.1.192-3; } > "$d/archive"
resolve 6.1
ok headers-lag grep -qx "release 6.1.0-57-cloud-amd64 -" "$d/out"
ok headers-lag-warns grep -q "newest build 6.1.0-58-cloud-amd64 of kernel 6.1 has no headers at its version: using 6.1.0-57-cloud-amd64" "$d/err"
build 58 6.1.193-1 >> "$d/archive"
resolve 6.1
ok newest grep -qx "release 6.1.0-58-cloud-amd64 -" "$d/out"
ok newest-quiet [ ! -s "$d/err" ]

# 4. Versions sort as dpkg sorts them (6.1.0-100 > 6.1.0-99; ~bpo < release).
{ build 99 6.1.300-1; build 100 6.1.301-1; } > "$d/archive"
resolve 6.1
ok numeric-order grep -qx "release 6.1.0-100-cloud-amd64 -" "$d/out"

# 5. 7.x split packaging; hostlibc is the newest libc6 the suite has.
for v in 7.3.4 7.3.9; do
	for p in binary modules base; do echo "linux-$p-$v+deb13-cloud-amd64 $v-1~bpo13+1"; done
	echo "linux-image-$v+deb13-cloud-amd64-dbg $v-1~bpo13+1"
done > "$d/archive"
printf 'libc6 2.41-12+deb13u5\nlibc6 2.41-12+deb13u10\n' >> "$d/archive"
resolve 7.3
ok split-release grep -qx "release 7.3.9+deb13-cloud-amd64 -" "$d/out"
ok split-modules grep -qx "modules linux-modules-7.3.9+deb13-cloud-amd64 7.3.9-1~bpo13+1" "$d/out"
ok hostlibc-newest grep -qx "hostlibc libc6 2.41-12+deb13u10" "$d/out"

# 5b. arm64: the arch passes through, the guest's busybox is the newest, and
#     the arm64 .debs of the download cache count.
printf 'busybox-static 1:1.35.0-4\nbusybox-static 1:1.35.0-4+deb12u1+b1\n' > "$d/archive"
for p in linux-image-6.12.118+deb12-cloud-arm64-unsigned linux-image-6.12.118+deb12-cloud-arm64-dbg; do
	: > "$d/debs/${p}_6.12.118-1~deb12u1_arm64.deb"
done
resolve 6.12-arm64
ok arm64-release grep -qx "release 6.12.118+deb12-cloud-arm64 -" "$d/out"
ok arm64-arch grep -qx "arch arm64 -" "$d/out"
ok arm64-guest-newest grep -qx "guest busybox-static 1:1.35.0-4+deb12u1+b1" "$d/out"
rm -f "$d/debs"/*

# 6. Nothing of the series anywhere: exit 1, and the message says what to check.
: > "$d/archive"
resolve 6.1
ok none-fails [ "$rc" -eq 1 ]
ok none-says grep -q "no build of kernel 6.1 (releases '6.1.0-\*-cloud-amd64'.*apt-get update" "$d/err"
