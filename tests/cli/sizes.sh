# The house limits on src/: no file over 600 lines, no function over 80
# (tools/sizes). A made-up file over each limit shows the tool can fail.
. "$DXI_TOP/tests/lib.sh"

S=$DXI_TOP/tools/sizes
if out=$("$S" 2>&1); then
	pass sizes/src
else
	fail sizes/src "over the limits (split them): $(echo "$out" | tr '\n' ';')"
fi
{
	printf 'static int long_one(void)\n{\n'
	for i in $(seq 81); do printf '\tx();\n'; done
	printf '}\n\nint short_one(int a)\n{\n\treturn a;\n}\n'
} >"$TMP/long.c"
out=$("$S" "$TMP/long.c")
case $out in
"$TMP/long.c:2 static int long_one(void): 81 lines") pass sizes/finds-long-function ;;
*) fail sizes/finds-long-function "tools/sizes said [$out] of an 81-line function" ;;
esac
seq 601 >"$TMP/big.h"
out=$("$S" "$TMP/big.h" "$TMP/long.c" | head -1)
[ "$out" = "$TMP/big.h: 601 lines" ] && pass sizes/finds-long-file ||
	fail sizes/finds-long-file "tools/sizes said [$out] of a 601-line file"
