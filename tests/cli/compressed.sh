# Compressed dumps (src/dump/decompress.c): every committed sample opens
# as committed (vmcore.xz, its profile beside it) and audits exactly as its
# decompressed copy; gzip, zstd and bzip2 copies too; a second open is a
# cache hit keyed by content; a damaged file is one error, exit 3, with no
# partial file left; the cache bound evicts.
. "$DXI_TOP/tests/lib.sh"

samples=$(ls "$DXI_TOP"/vmcores-sample/*/vmcore.xz 2>/dev/null)
if [ -z "$samples" ] || [ ! -f "$DXI_TOP/build/samples/6.1-ext4/vmcore" ]; then
	skip compressed "no samples (make samples)"
	exit 0
fi
export XDG_CACHE_HOME=$TMP/cache
cache=$XDG_CACHE_HOME/daxinspect/decompressed
ncached() { find "$cache" -type f 2>/dev/null | wc -l; }

# check --json of A and B, equal but for target.path, and the same exit.
same_audit() { # NAME A B
	local ra rb
	"$DXI_BIN" check --json "$2" >"$TMP/a.json" 2>"$TMP/a.err"; ra=$?
	"$DXI_BIN" check --json "$3" >"$TMP/b.json" 2>"$TMP/b.err"; rb=$?
	if [ "$ra" -ne "$rb" ] || [ "$ra" -gt 1 ]; then
		fail "$1" "exit $ra vs $rb: $(cat "$TMP/a.err")"
	elif ! cmp -s <(jq -S 'del(.target.path)' "$TMP/a.json") <(jq -S 'del(.target.path)' "$TMP/b.json"); then
		fail "$1" "check --json differs: $(diff <(jq -S 'del(.target.path)' "$TMP/a.json") <(jq -S 'del(.target.path)' "$TMP/b.json") | head -5)"
	elif [ "$(jq -r .target.path "$TMP/a.json")" != "$2" ]; then
		fail "$1" "target.path is $(jq -r .target.path "$TMP/a.json"), not $2"
	else
		pass "$1"
	fi
}

for xz in $samples; do
	name=$(basename "$(dirname "$xz")")
	same_audit "compressed/$name/xz-as-committed" "$xz" "$DXI_TOP/build/samples/$name/vmcore"
	run_cmd "$DXI_BIN" info --json "$xz"
	cpath=$(echo "$out" | jq -r '.target.compressed.cache_path // empty' 2>/dev/null)
	prof=$(echo "$out" | jq -r '.debuginfo.path // empty' 2>/dev/null)
	if [ "$rc" -ne 0 ] || [ ! -f "$cpath" ] ||
	   [ "$(echo "$out" | jq -r .target.compressed.format)" != xz ] ||
	   [ "$prof" != "$(dirname "$xz")/vmcore.profile" ] ||
	   ! cmp -s "$cpath" "$DXI_TOP/build/samples/$name/vmcore"; then
		fail "compressed/$name/info" "exit $rc, cache '$cpath', profile '$prof': $err"
	else
		pass "compressed/$name/info"
	fi
	echo "$out" >"$TMP/info.json"
	case $(/usr/bin/python3 "$DXI_TOP/tests/validate_json.py" "$TMP/info.json" 2>&1) in
	PASS*) pass "compressed/$name/info-schema" ;;
	*) fail "compressed/$name/info-schema" "$(/usr/bin/python3 "$DXI_TOP/tests/validate_json.py" "$TMP/info.json" 2>&1)" ;;
	esac
done

# Other compressors, each in a directory with the profile beside it.
plain=$DXI_TOP/build/samples/6.1-ext4/vmcore
for c in gzip zstd bzip2; do
	mkdir -p "$TMP/$c"
	cp "$DXI_TOP/vmcores-sample/6.1-ext4/vmcore.profile" "$TMP/$c/"
	"$c" -c <"$plain" >"$TMP/$c/vmcore.$c" 2>/dev/null
	same_audit "compressed/6.1-ext4/$c" "$TMP/$c/vmcore.$c" "$plain"
done
# Concatenated members/frames/streams are one file, as their tools read them.
{ head -c 5000000 "$plain" | gzip -c; tail -c +5000001 "$plain" | gzip -c; } >"$TMP/gzip/multi.gz"
same_audit compressed/6.1-ext4/gzip-members "$TMP/gzip/multi.gz" "$plain"

# The name says nothing: a .gz file named vmcore.xz, the magic decides.
cp "$TMP/gzip/vmcore.gzip" "$TMP/gzip/misnamed.xz"
same_audit compressed/6.1-ext4/by-magic "$TMP/gzip/misnamed.xz" "$plain"

# Keyed by content: the same bytes under another name and directory are
# a hit, not a second copy; a hit is the cached file (replaced here by
# another sample's dump, which the open then reads) and marks it used.
n0=$(ncached)
mkdir -p "$TMP/renamed"
cp "$DXI_TOP/vmcores-sample/6.1-ext4/vmcore.xz" "$TMP/renamed/bugreport-1234.bin"
cp "$DXI_TOP/vmcores-sample/6.1-ext4/vmcore.profile" "$TMP/renamed/"
run_cmd "$DXI_BIN" info --json "$TMP/renamed/bugreport-1234.bin"
cpath=$(echo "$out" | jq -r '.target.compressed.cache_path // empty' 2>/dev/null)
if [ "$rc" -eq 0 ] && [ "$(ncached)" -eq "$n0" ] && [ -f "$cpath" ]; then
	pass compressed/content-key
else
	fail compressed/content-key "exit $rc, $(ncached) cached files (was $n0): $err"
fi
if [ -f "$cpath" ]; then
	cp "$DXI_TOP/build/samples/6.12-xfs-reflink/vmcore" "$cpath"
	touch -d 2001-01-01 "$cpath"
	run_cmd "$DXI_BIN" info --json --profile "$DXI_TOP/vmcores-sample/6.12-xfs-reflink/vmcore.profile" "$TMP/renamed/bugreport-1234.bin"
	if [ "$rc" -eq 0 ] && echo "$out" | jq -e '.kernel.release | startswith("6.12")' >/dev/null &&
	   [ "$(stat -c %X "$cpath")" -gt 978307200 ]; then
		pass compressed/cache-hit
	else
		fail compressed/cache-hit "exit $rc (the open decompressed again, or did not mark the file used): $err"
	fi
	rm -f "$cpath"
fi

# Damaged files: one error line, exit 3, and nothing left in the cache.
xz=$DXI_TOP/vmcores-sample/6.1-ext4/vmcore.xz
size=$(stat -c %s "$xz")
mkdir -p "$TMP/bad"
head -c $((size / 2)) "$xz" >"$TMP/bad/cut.xz"
head -c $(($(stat -c %s "$TMP/gzip/vmcore.gzip") - 100)) "$TMP/gzip/vmcore.gzip" >"$TMP/bad/cut.gz"
head -c $(($(stat -c %s "$TMP/zstd/vmcore.zstd") / 2)) "$TMP/zstd/vmcore.zstd" >"$TMP/bad/cut.zst"
head -c $(($(stat -c %s "$TMP/bzip2/vmcore.bzip2") / 2)) "$TMP/bzip2/vmcore.bzip2" >"$TMP/bad/cut.bz2"
cp "$xz" "$TMP/bad/flipped.xz"
printf 'garbage-garbage-garbage' | dd of="$TMP/bad/flipped.xz" bs=1 seek=$((size / 2)) conv=notrunc status=none
cp "$TMP/zstd/vmcore.zstd" "$TMP/bad/flipped.zst"
printf 'garbage-garbage-garbage' | dd of="$TMP/bad/flipped.zst" bs=1 seek=5000 conv=notrunc status=none
for f in cut.xz cut.gz cut.zst cut.bz2 flipped.xz flipped.zst; do
	n0=$(ncached)
	expect "compressed/bad/$f" 3 "$f.*(truncated|corrupt)" "$DXI_BIN" check "$TMP/bad/$f"
	[ "$(ncached)" -eq "$n0" ] && pass "compressed/bad/$f/no-partial" ||
		fail "compressed/bad/$f/no-partial" "a file was left in $cache"
done

# The bound: 15M holds one sample's copy (9-12 MB) but not two; the
# least recently used goes. Under 1M a copy is used once and not kept.
export XDG_CACHE_HOME=$TMP/bounded
cache=$XDG_CACHE_HOME/daxinspect/decompressed
DAXINSPECT_CACHE_MAX=15M "$DXI_BIN" info "$DXI_TOP/vmcores-sample/6.1-ext4/vmcore.xz" >/dev/null 2>&1
first=$(ls "$cache")
DAXINSPECT_CACHE_MAX=15M "$DXI_BIN" info "$DXI_TOP/vmcores-sample/6.12-xfs-reflink/vmcore.xz" >/dev/null 2>&1
if [ "$(ncached)" -eq 1 ] && [ -n "$first" ] && [ ! -e "$cache/$first" ]; then
	pass compressed/bound-evicts
else
	fail compressed/bound-evicts "after two opens under 15M: $(ls "$cache" | tr '\n' ' ') (first was $first)"
fi
DAXINSPECT_CACHE_MAX=1M run_cmd "$DXI_BIN" check "$DXI_TOP/vmcores-sample/6.1-ext4/vmcore.xz"
if [ "$rc" -eq 1 ] && [ "$(ncached)" -eq 0 ] && echo "$err" | grep -q 'not kept'; then
	pass compressed/bound-too-small
else
	fail compressed/bound-too-small "exit $rc, $(ncached) cached: $err"
fi
DAXINSPECT_CACHE_MAX=lots expect compressed/bound-bad-value 3 "DAXINSPECT_CACHE_MAX=lots is not a size" \
	"$DXI_BIN" info "$DXI_TOP/vmcores-sample/6.1-ext4/vmcore.xz"
