# debuginfod (src/dbg/debuginfod.c, issue 18): a real elfutils debuginfod
# on 127.0.0.1 indexes a lab kernel's -dbg .deb; with no vmlinux on the
# search paths (DAXINSPECT_SYSROOT hides them), `check --types dwarf`
# fetches the vmlinux by the dump's BUILD-ID into debuginfod's own cache
# and gives exactly the findings of `check --vmlinux`; a dump whose
# build-id the server lacks fails with one line naming the server and
# the id. Indexing the 280 MB 6.1 -dbg takes ~45 s, a fetch ~12 s.
. "$DXI_TOP/tests/lib.sh"

for t in debuginfod curl bsdtar; do
	command -v "$t" >/dev/null || {
		skip lab/debuginfod "no $t (apt-get install debuginfod curl libarchive-tools)"
		exit 0
	}
done

# The first lab dump whose kernel's -dbg .deb is in the lab cache.
# "other" is a dump of another release (several dumps share a kernel).
dump= deb= vmlinux= other= dump_rel=
for d in "$LAB"/dumps/*/; do
	[ -f "$d/vmcore.elf" ] && [ -f "$d/meta.json" ] || continue
	rel=$(jq -r .release "$d/meta.json") vml=$(jq -r .vmlinux "$d/meta.json")
	ver=$(jq -r --arg p "linux-image-$rel-dbg" '.packages[$p] // empty' "$d/meta.json")
	f=$LAB/debs/linux-image-${rel}-dbg_${ver}_amd64.deb
	if [ -z "$dump" ] && [ -n "$ver" ] && [ -f "$f" ] && [ -f "$vml" ]; then
		dump=$d/vmcore.elf deb=$f vmlinux=$vml dump_rel=$rel
	fi
done
for d in "$LAB"/dumps/*/; do
	[ -f "$d/vmcore.elf" ] && [ -f "$d/meta.json" ] || continue
	if [ -z "$other" ] && [ "$(jq -r .release "$d/meta.json")" != "$dump_rel" ]; then
		other=$d/vmcore.elf
	fi
done
if [ -z "$dump" ]; then
	skip lab/debuginfod "no lab dump in $LAB/dumps with its kernel's -dbg .deb in $LAB/debs and its vmlinux (tests/vm/mkdump)"
	exit 0
fi
name=$(basename "$(dirname "$dump")")

mkdir -p "$TMP/debs" "$TMP/empty"
ln -s "$deb" "$TMP/debs/"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
debuginfod -L -U -p "$port" -d "$TMP/db.sqlite" -t 0 -g 0 "$TMP/debs" >"$TMP/dbgd.log" 2>&1 &
srv=$!
trap 'kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$TMP"' EXIT
url=http://127.0.0.1:$port
# Indexed: the .deb is counted and no scan thread is busy or has work.
for _ in $(seq 300); do
	m=$(curl -sf "$url/metrics" 2>/dev/null)
	if echo "$m" | grep -q '^scanned_files_total{source=".deb archive"} [1-9]' &&
		echo "$m" | grep -q '^thread_busy{role="scan"} 0' &&
		! echo "$m" | grep -q '^thread_work_pending{role="scan"} [1-9]'; then
		break
	fi
	sleep 1
done

export DEBUGINFOD_URLS=$url DEBUGINFOD_CACHE_PATH=$TMP/cache DAXINSPECT_SYSROOT=$TMP/empty
"$DXI_BIN" check --json --vmlinux "$vmlinux" "$dump" >"$TMP/ref.json" 2>"$TMP/ref.err"
rrc=$?
timeout 600 "$DXI_BIN" check --json --types dwarf "$dump" >"$TMP/dbgd.json" 2>"$TMP/dbgd.err"
drc=$?
r=$(/usr/bin/python3 -c '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
if b["target"].get("types") != "dwarf":
    print("types from", b["target"].get("types"))
elif not a["findings"]:
    print("the --vmlinux run has no findings to compare")
else:
    print("ok" if a["findings"] == b["findings"] else
          "%d findings with --vmlinux, %d via debuginfod, not the same" % (len(a["findings"]), len(b["findings"])))
' "$TMP/ref.json" "$TMP/dbgd.json" 2>&1)
if [ "$rrc" -eq 1 ] && [ "$drc" -eq "$rrc" ] && [ "$r" = ok ]; then
	pass "lab/$name/debuginfod-equals-vmlinux"
else
	fail "lab/$name/debuginfod-equals-vmlinux" "exit $drc (--vmlinux $rrc): $r; $(head -3 "$TMP/dbgd.err") server log: $(tail -3 "$TMP/dbgd.log" | tr '\n' ' ')"
fi
id=$(jq -r '.target.build_id // empty' "$TMP/ref.json")
if [ -n "$id" ] && [ -s "$TMP/cache/$id/debuginfo" ]; then
	pass "lab/$name/debuginfod-own-cache"
else
	fail "lab/$name/debuginfod-own-cache" "no $TMP/cache/$id/debuginfo: $(ls -R "$TMP/cache" 2>&1 | head -5 | tr '\n' ' ')"
fi

# Modules come the same way (issue 18 part 1): `info` reads each loaded
# DAX-related module's build-id from its notes and fetches its debuginfo
# from the server. The truth is readelf on the same .ko in the .deb.
mkdir -p "$TMP/ko"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$TMP/ko" --wildcards '*/kernel/drivers/nvdimm/*.ko' '*/kernel/fs/xfs/xfs.ko' 2>/dev/null
"$DXI_BIN" info --json "$dump" >"$TMP/info.json" 2>"$TMP/info.err"
irc=$?
r=$(/usr/bin/python3 - "$TMP/info.json" "$TMP/ko" <<'PY'
import json, os, subprocess, sys
info, root = json.load(open(sys.argv[1])), sys.argv[2]
def build_id(path):
    out = subprocess.run(["readelf", "-n", path], capture_output=True, text=True).stdout
    return next((l.split()[-1] for l in out.splitlines() if "Build ID" in l), None)
kos = {f[:-3]: os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".ko")}
bad, n = [], 0
for m in info["modules"]["dax_related"]:
    if m["name"] not in kos:
        continue
    n += 1
    want = build_id(kos[m["name"]])
    if m["build_id"] != want:
        bad.append("%s: build-id %s, the .ko has %s" % (m["name"], m["build_id"], want))
    elif m.get("debuginfo_source") != "debuginfod":
        bad.append("%s: debuginfo %s (%s)" % (m["name"], m.get("debuginfo_source"), m.get("debuginfo_error")))
    elif build_id(m["debuginfo"]) != want:
        bad.append("%s: the fetched %s has another build-id" % (m["name"], m["debuginfo"]))
print("; ".join(bad) if bad else "ok %d" % n if n else "no DAX-related module of the dump is in the .deb")
PY
)
case $irc:$r in
0:"ok "*) pass "lab/$name/debuginfod-modules" ;;
*) fail "lab/$name/debuginfod-modules" "exit $irc: $r; $(head -3 "$TMP/info.err")" ;;
esac

# Another kernel's dump: the server has nothing for its id.
if [ -n "$other" ]; then
	oid=$("$DXI_BIN" info --json "$other" 2>/dev/null | jq -r '.kernel.build_id // empty')
	[ -n "$oid" ] || oid=no-build-id-found
	expect "lab/debuginfod-unknown-id" 3 "debuginfod $url.*build-id $oid" \
		"$DXI_BIN" check --types dwarf "$other"
else
	skip lab/debuginfod-unknown-id "one lab dump only: no other kernel's build-id to ask for"
fi
