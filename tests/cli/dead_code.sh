# No dead function in src/: cppcheck's unusedFunction over src/, with the
# unit tests and plugins counted as callers. The plugin ABI (DXI_PUBLIC,
# called from plugins) and the helpers DXI_VEC generates are not dead.
. "$DXI_TOP/tests/lib.sh"

if ! command -v cppcheck >/dev/null; then
	skip dead-code "no cppcheck (apt-get install cppcheck)"
	exit 0
fi
cd "$DXI_TOP" || exit 1
public=$(grep -ho 'dxi_[a-z0-9_]*(' include/daxinspect/plugin.h | tr -d '(' | sort -u)
cppcheck -q --enable=unusedFunction -Iinclude -D_GNU_SOURCE \
	src tests/unit plugins 2>"$TMP/cppcheck" >/dev/null
grep -o "The function '[A-Za-z0-9_]*' is never used" "$TMP/cppcheck" |
	cut -d"'" -f2 | sort -u >"$TMP/unused"
dead=$(grep -vxF -e dxi_plugin_register $(printf -- '-e %s ' $public) "$TMP/unused" |
	grep -vE '_(push|append|reserve)$')
if [ -z "$dead" ]; then
	pass dead-code/no-unused-function
else
	fail dead-code/no-unused-function "never called: $(echo $dead)"
fi
