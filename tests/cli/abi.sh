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
