# Plugins (include/daxinspect/plugin.h): both bundled plugins load and
# work; a plugin of another ABI, one without the register function, one
# with an unresolved symbol and a non-library are refused with a message.
. "$DXI_TOP/tests/lib.sh"

P=$DXI_TOP/build/plugins
S=$DXI_TOP/build/samples
if [ ! -f "$P/histogram.so" ] || [ ! -f "$P/devdax.so" ]; then
	skip plugins "build/plugins/*.so are not built (make plugins)"
	exit 0
fi

# histogram: its counts agree with check --json's page list.
core=$S/6.12-xfs-reflink/vmcore
if [ -f "$core" ]; then
	run_cmd "$DXI_BIN" --plugin "$P/histogram.so" histogram "$core"
	"$DXI_BIN" check --json "$core" >"$TMP/c.json" 2>/dev/null
	want=$(/usr/bin/python3 -c '
import json, sys, collections
d = json.load(open(sys.argv[1]))
c = collections.Counter(p["share"] for p in d["pages"] if p.get("association") == "shared")
print(" ".join(f"{k}:{v}" for k, v in sorted(c.items())))' "$TMP/c.json")
	got=$(sed -n '/^share count/,$p' "$TMP/out" | awk 'NR>1 && $1 ~ /^[0-9]+$/ {printf "%s%s:%s", sep, $1, $2; sep=" "}')
	if [ "$rc" -eq 0 ] && [ -n "$want" ] && [ "$got" = "$want" ]; then
		pass plugins/histogram
	else
		fail plugins/histogram "exit $rc; share histogram '$got', check --json says '$want'; $err"
	fi
	DAXINSPECT_PLUGIN_PATH=$P run_cmd "$DXI_BIN" histogram "$core"
	[ "$rc" -eq 0 ] && grep -q '^share count' "$TMP/out" && pass plugins/from-plugin-path ||
		fail plugins/from-plugin-path "exit $rc: $err"
	DAXINSPECT_PLUGIN_PATH=$P run_cmd "$DXI_BIN" help
	grep -q 'histogram .*(plugin)' "$TMP/out" && pass plugins/help-lists-plugin-commands ||
		fail plugins/help-lists-plugin-commands "$(cat "$TMP/out")"
else
	skip plugins/histogram "no sample $core (make samples)"
fi

# devdax: a device-dax page that breaks its pgmap's compound layout
# (vmemmap_shift 9, a built dump) is found by the plugin's check through
# the same descriptor as built-in checks, and by no built-in check; its
# clean twin has no devdax finding; the below-1 refcount that the plugin
# used to repeat is refcount-underflow's alone.
build() { /usr/bin/python3 "$DXI_TOP/tests/synth/build.py" "$DXI_TOP/tests/synth/cases/$1.json" -o "$TMP/$1" >/dev/null 2>&1; }
if build 7.3-devdax-compound-broken && build 7.3-devdax-compound-clean && build 7.3-devdax-underflow; then
	for c in 7.3-devdax-compound-broken 7.3-devdax-compound-clean 7.3-devdax-underflow; do
		"$DXI_BIN" --plugin "$P/devdax.so" check --json "$TMP/$c/vmcore" >"$TMP/$c.json" 2>/dev/null
	done
	r=$(/usr/bin/python3 -c '
import json, sys
a, b, u = ([(f["check"], f["pfn"], f["severity"]) for f in json.load(open(p))["findings"]]
           for p in sys.argv[1:4])
want = ([("devdax", 0x48100, "error")], [], [("refcount-underflow", 0x48010, "error")])
print("ok" if (a, b, u) == want else f"broken {a}, clean {b}, underflow {u}")' \
		"$TMP/7.3-devdax-compound-broken.json" "$TMP/7.3-devdax-compound-clean.json" "$TMP/7.3-devdax-underflow.json" 2>&1)
	[ "$r" = ok ] && pass plugins/devdax-check || fail plugins/devdax-check "$r"
else
	skip plugins/devdax-check "the synthetic dump builder could not run"
fi

# Refusals.
cat >"$TMP/wrongabi.c" <<'C'
#include <daxinspect/plugin.h>
static const struct dxi_plugin p = { .abi_version = DXI_PLUGIN_ABI_VERSION + 1, .name = "x" };
const struct dxi_plugin *dxi_plugin_register(void);
const struct dxi_plugin *dxi_plugin_register(void) { return &p; }
C
cat >"$TMP/noregister.c" <<'C'
int something(void);
int something(void) { return 1; }
C
cat >"$TMP/unresolved.c" <<'C'
#include <daxinspect/plugin.h>
void dxi_no_such_function(void);
static int run(struct dxi_audit *a, int c, char **v, FILE *o) { (void)a; (void)c; (void)v; (void)o; dxi_no_such_function(); return 0; }
static const struct dxi_plugin_command cmd = { .name = "u", .summary = "u", .run = run };
static const struct dxi_plugin_command *const cmds[] = { &cmd };
static const struct dxi_plugin p = { .abi_version = DXI_PLUGIN_ABI_VERSION, .name = "u", .commands = cmds, .ncommands = 1 };
const struct dxi_plugin *dxi_plugin_register(void);
const struct dxi_plugin *dxi_plugin_register(void) { return &p; }
C
for f in wrongabi noregister unresolved; do
	cc -I"$DXI_TOP/include" -fPIC -shared -o "$TMP/$f.so" "$TMP/$f.c" 2>"$TMP/cc.err" ||
		fail "plugins/build-$f" "$(cat "$TMP/cc.err")"
done
expect plugins/refuses-other-abi 2 "plugin $TMP/wrongabi.so was built for plugin ABI [0-9]+, this daxinspect has ABI [0-9]+: rebuild it" \
	"$DXI_BIN" --plugin "$TMP/wrongabi.so" help
expect plugins/refuses-no-register 2 "$TMP/noregister.so is not a daxinspect plugin: it has no dxi_plugin_register" \
	"$DXI_BIN" --plugin "$TMP/noregister.so" help
expect plugins/refuses-unresolved 2 "cannot load plugin $TMP/unresolved.so: .*dxi_no_such_function" \
	"$DXI_BIN" --plugin "$TMP/unresolved.so" help
printf 'not a library\n' >"$TMP/text.so"
expect plugins/refuses-non-library 2 "cannot load plugin $TMP/text.so" "$DXI_BIN" --plugin "$TMP/text.so" help
# An auto-loaded bad plugin is skipped with a warning; the run goes on.
mkdir -p "$TMP/pdir" && cp "$TMP/wrongabi.so" "$TMP/pdir/"
DAXINSPECT_PLUGIN_PATH=$TMP/pdir expect plugins/skips-bad-auto-plugin 0 "warning: plugin .*wrongabi.so was built for plugin ABI" \
	"$DXI_BIN" version
