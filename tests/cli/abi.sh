# The plugin ABI: the binary exports exactly the functions
# include/daxinspect/plugin.h declares DXI_PUBLIC, and no other internal
# function (-fvisibility=hidden; docs/plugins.md).
. "$DXI_TOP/tests/lib.sh"

bin=$DXI_TOP/build/release/daxinspect
if [ ! -x "$bin" ]; then
	skip abi "no $bin (make)"
	exit 0
fi
if ! command -v nm >/dev/null; then
	skip abi "no nm (binutils)"
	exit 0
fi
want=$(grep -ho 'DXI_PUBLIC[^(]*(' "$DXI_TOP/include/daxinspect/plugin.h" |
	grep -o 'dxi_[a-z0-9_]*($' | tr -d '(' | sort -u)
# Functions the dynamic symbol table defines (T/W), but the C runtime's.
got=$(nm -D --defined-only "$bin" | awk '$2 ~ /^[TW]$/ {print $3}' |
	grep -vx -e '_.*' -e data_start | sort -u)
if [ -n "$want" ] && [ "$got" = "$want" ]; then
	pass abi/exports-only-plugin-api
else
	fail abi/exports-only-plugin-api "exported but not in plugin.h: $(comm -13 <(echo "$want") <(echo "$got") | tr '\n' ' ')missing: $(comm -23 <(echo "$want") <(echo "$got") | tr '\n' ' ')"
fi

# The data the plugins see is versioned: the layout of every struct and
# enum in include/daxinspect/ (read with drgn from the DWARF of a probe
# that includes them) must be the one recorded for this
# DXI_PLUGIN_ABI_VERSION in tests/cli/abi/vN.txt. Any change -- a member
# added, moved, resized or retyped, an enumerator renumbered -- fails here
# until the version is bumped and the new layout recorded under the new
# number: a layout is never re-recorded under an old one.
ver=$(sed -n 's/^#define DXI_PLUGIN_ABI_VERSION \([0-9]*\).*/\1/p' "$DXI_TOP/include/daxinspect/plugin.h")
rec=$DXI_TOP/tests/cli/abi/v$ver.txt
printf '#include <daxinspect/plugin.h>\nint dxi_abi_probe;\n' >"$TMP/probe.c"
if ! cc -g -fno-eliminate-unused-debug-types -c -I"$DXI_TOP/include" "$TMP/probe.c" -o "$TMP/probe.o" 2>"$TMP/cc.err"; then
	fail abi/layout-recorded "the probe does not compile: $(head -3 "$TMP/cc.err")"
elif ! /usr/bin/python3 "$DXI_TOP/tests/cli/abi_layout.py" "$TMP/probe.o" "$DXI_TOP"/include/daxinspect/*.h >"$TMP/layout.txt" 2>"$TMP/layout.err"; then
	fail abi/layout-recorded "abi_layout.py failed: $(tail -2 "$TMP/layout.err")"
elif [ ! -f "$rec" ]; then
	fail abi/layout-recorded "DXI_PLUGIN_ABI_VERSION is $ver but $rec is missing: record the new layout with tests/cli/abi_layout.py (see its usage)"
elif ! diff -u "$rec" "$TMP/layout.txt" >"$TMP/layout.diff"; then
	fail abi/layout-recorded "the plugin ABI's layout differs from $rec, so plugins built for version $ver would misread it: bump DXI_PLUGIN_ABI_VERSION in include/daxinspect/plugin.h and record the new layout as tests/cli/abi/v\$new.txt. $(grep '^[-+] ' "$TMP/layout.diff" | head -4 | tr '\n' ' ')"
else
	pass abi/layout-recorded
fi
