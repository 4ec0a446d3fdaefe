# tests/bench/peers.sh: today's peers for `make bench`, sourced by
# tests/bench/run. Debian sid has drgn 0.3.0 and crash 9.0.2 (bookworm:
# 0.0.22 and 8.0.2). They live in a minbase sid chroot made once with
# debootstrap (about 1-2 minutes and 350 MB), outside the repository:
#   ${DXI_PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/daxinspect-peers}/sid
# Commands run in it through a private mount namespace (unshare -m) in
# which the lab cache and the repository are bind-mounted at their own
# paths, so a dump or a script is named the same inside and outside and
# the binds vanish with the command. Needs root. BENCH_PEERS=0 leaves the
# peers out.

peers_dir=${DXI_PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/daxinspect-peers}
peers_root=$peers_dir/sid
peers_why=	# why the peers are not there, when they are not

# The Debian archive the host's apt uses (deb822 or one-line sources).
peers_mirror() {
	local u
	u=$(grep -h -m1 -E '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '{print $2; exit}')
	[ -n "$u" ] || u=$(grep -h -m1 -E '^deb ' /etc/apt/sources.list 2>/dev/null |
		awk '{print $2; exit}')
	echo "${u:-http://deb.debian.org/debian}"
}

# peers_ensure: make the chroot if it is missing; sets peers_why on failure.
peers_ensure() {
	if [ "${BENCH_PEERS:-1}" = 0 ]; then
		peers_why="BENCH_PEERS=0"; return 1
	fi
	[ -x "$peers_root/usr/bin/crash" ] && [ -d "$peers_root/usr/lib/python3/dist-packages/drgn" ] &&
		return 0
	if [ "$(id -u)" != 0 ]; then
		peers_why="not root (the sid chroot needs debootstrap, chroot and unshare)"; return 1
	fi
	if ! command -v debootstrap >/dev/null; then
		peers_why="no debootstrap (apt-get install debootstrap)"; return 1
	fi
	echo "bench: making the sid chroot of today's peers in $peers_root (once, ~2 min, 350 MB)" >&2
	mkdir -p "$peers_dir"
	rm -rf "$peers_root.new"
	if ! debootstrap --variant=minbase --include=python3-drgn,crash sid \
		"$peers_root.new" "$(peers_mirror)" >"$peers_dir/debootstrap.log" 2>&1; then
		peers_why="debootstrap of sid failed (see $peers_dir/debootstrap.log)"; return 1
	fi
	mv "$peers_root.new" "$peers_root"
}

# peers_run DIR... -- CMD...: run CMD in the chroot with each DIR bind-mounted
# (read-only) at its own path.
peers_run() {
	local binds=() d
	while [ "$1" != -- ]; do binds+=("$1"); shift; done
	shift
	local script='set -e; for d in "$@"; do [ "$d" = -- ] && break; mkdir -p "$R$d"; mount --bind -o ro "$d" "$R$d"; done
while [ "$1" != -- ]; do shift; done; shift; exec chroot "$R" "$@"'
	R=$peers_root unshare -m sh -c "$script" sh "${binds[@]}" -- "$@"
}

peers_versions() {
	local v c
	v=$(peers_run -- /usr/bin/python3 -c 'import drgn; print(drgn.__version__)' 2>/dev/null)
	c=$(peers_run -- crash --version 2>/dev/null | awk '/^crash/{print $2; exit}')
	echo "drgn ${v:-?}, crash ${c:-?}"
}
