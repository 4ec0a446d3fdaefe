# The Debian package (debian/, README "Debian package"): in a fresh copy
# of the tree as git would commit it (tracked and new, not ignored
# files), `dpkg-buildpackage -us -uc -b` builds daxinspect and
# daxinspect-dev; lintian reports no error; each package holds its files;
# the unpacked binary looks for plugins in /usr/lib/daxinspect/plugins,
# loads the packaged plugins and audits a sample exactly as the binary
# under test does; the packaged headers and .pc build a plugin.
# The package's own test run (dh_auto_test, make check-noguest) is the
# unit/cli/samples/synth tiers, run here already: it is skipped
# (DEB_BUILD_OPTIONS=nocheck) to keep this tier at about a minute.
. "$DXI_TOP/tests/lib.sh"

for t in dpkg-buildpackage dh lintian git dpkg-deb pkg-config; do
	if ! command -v "$t" >/dev/null; then
		skip pkg/debian "no $t (apt-get install dpkg-dev debhelper lintian git pkg-config)"
		exit 0
	fi
done
if ! git -C "$DXI_TOP" rev-parse --git-dir >/dev/null 2>&1; then
	skip pkg/debian "$DXI_TOP is not a git checkout: no way to tell the tree's files from build output"
	exit 0
fi

unset MAKEFLAGS MFLAGS MAKELEVEL PREFIX DESTDIR
export DEB_BUILD_OPTIONS=nocheck DEB_BUILD_PROFILES=nocheck
src=$TMP/b/daxinspect
mkdir -p "$src"
(cd "$DXI_TOP" && git ls-files -co --exclude-standard -z | tar -c --null -T -) | tar -x -C "$src"
if ! (cd "$src" && dpkg-checkbuilddeps) >"$TMP/deps" 2>&1; then
	skip pkg/debian "build dependencies missing: $(sed -n 's/.*Unmet build dependencies: //p' "$TMP/deps")"
	exit 0
fi
if ! (cd "$src" && timeout 900 dpkg-buildpackage -us -uc -b) >"$TMP/build" 2>&1; then
	fail pkg/dpkg-buildpackage "$(grep -m3 -E 'error|Error' "$TMP/build" | tr '\n' ' ')"
	exit 0
fi
v=$(cd "$src" && dpkg-parsechangelog -S Version)
bin=$TMP/b/daxinspect_${v}_amd64.deb dev=$TMP/b/daxinspect-dev_${v}_all.deb
if [ -f "$bin" ] && [ -f "$dev" ]; then
	pass pkg/dpkg-buildpackage
else
	fail pkg/dpkg-buildpackage "no $bin or $dev: $(ls "$TMP/b" | tr '\n' ' ')"
	exit 0
fi

lintian --tag-display-limit 0 "$TMP/b/daxinspect_${v}_amd64.changes" >"$TMP/lint" 2>&1
lrc=$?
if [ "$lrc" -eq 0 ] && ! grep -q '^E:' "$TMP/lint"; then
	pass pkg/lintian-no-error
else
	fail pkg/lintian-no-error "exit $lrc: $(grep '^E:' "$TMP/lint" | head -5 | tr '\n' ' ')"
fi

has() { # has DEB PATH...: every PATH is in DEB
	local deb=$1 p miss=
	shift
	dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$TMP/list"
	for p in "$@"; do grep -qx "$p" "$TMP/list" || miss="$miss $p"; done
	[ -z "$miss" ] && pass "pkg/contents-$(basename "$deb" | cut -d_ -f1)" ||
		fail "pkg/contents-$(basename "$deb" | cut -d_ -f1)" "missing:$miss"
}
has "$bin" /usr/bin/daxinspect /usr/share/man/man1/daxinspect.1.gz \
	/usr/share/bash-completion/completions/daxinspect \
	/usr/lib/daxinspect/plugins/devdax.so /usr/lib/daxinspect/plugins/histogram.so
has "$dev" /usr/include/daxinspect/plugin.h /usr/include/daxinspect/model.h \
	/usr/share/pkgconfig/daxinspect-plugin.pc

root=$TMP/root
dpkg-deb -x "$bin" "$root" && dpkg-deb -x "$dev" "$root"
x=$root/usr/bin/daxinspect
strings "$x" | grep -qx /usr/lib/daxinspect/plugins && pass pkg/plugin-dir ||
	fail pkg/plugin-dir "compiled-in plugin dirs: $(strings "$x" | grep lib/daxinspect | tr '\n' ' ')"

# The packaged plugins, from where they were unpacked.
export DAXINSPECT_PLUGIN_PATH=$root/usr/lib/daxinspect/plugins
run_cmd "$x" --list-checks
grep -qw devdax "$TMP/out" && pass pkg/runs-with-plugins ||
	fail pkg/runs-with-plugins "exit $rc: $(tr '\n' ' ' <"$TMP/out") $err"
core=$DXI_TOP/build/samples/6.1-ext4/vmcore
if [ -f "$core" ]; then
	"$x" check --json "$core" >"$TMP/pkg.json" 2>"$TMP/pkg.err"
	prc=$?
	DAXINSPECT_PLUGIN_PATH= "$DXI_BIN" --plugin "$root/usr/lib/daxinspect/plugins/devdax.so" \
		check --json "$core" >"$TMP/ref.json" 2>/dev/null
	r=$(/usr/bin/python3 -c '
import json, sys
f = [sorted((x["check"], x["pfn"]) for x in json.load(open(p))["findings"]) for p in sys.argv[1:3]]
print("ok" if f[0] == f[1] and f[0] else f"packaged {f[0]}, under test {f[1]}")' "$TMP/pkg.json" "$TMP/ref.json" 2>&1)
	[ "$prc" -eq 1 ] && [ "$r" = ok ] && pass pkg/audits-sample ||
		fail pkg/audits-sample "exit $prc: $r $(head -2 "$TMP/pkg.err")"
else
	skip pkg/audits-sample "no sample $core (make samples)"
fi

cflags=$(PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_SYSROOT_DIR=$root \
	PKG_CONFIG_PATH=$root/usr/share/pkgconfig pkg-config --cflags daxinspect-plugin)
# shellcheck disable=SC2086
if cc $cflags -std=gnu17 -Wall -Werror -fPIC -shared -o "$TMP/h.so" \
	"$src/plugins/histogram.c" 2>"$TMP/cc" &&
	DAXINSPECT_PLUGIN_PATH= "$x" --plugin "$TMP/h.so" help 2>&1 | grep -q 'histogram .*(plugin)'; then
	pass pkg/dev-builds-plugin
else
	fail pkg/dev-builds-plugin "cc $cflags: $(head -3 "$TMP/cc")"
fi
