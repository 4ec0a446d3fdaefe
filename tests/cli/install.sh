# make install (README "Using it", issue 18): in a copy of the tree,
# `make` and then `make install PREFIX=P DESTDIR=D` rebuilds the objects,
# so the binary looks for plugins in P's plugin directory and not in
# /usr/local's; CPPFLAGS, CFLAGS and LDFLAGS reach every compile and link
# (Debian's -D_FORTIFY_SOURCE and -z now); every file lands under D+P;
# the installed tree, moved to P as a package manager would, runs and
# loads its plugins from there; and plugins/devdax.c builds against the
# installed headers with `pkg-config --cflags daxinspect-plugin` alone
# and loads.
. "$DXI_TOP/tests/lib.sh"

for t in make cc pkg-config readelf nm; do
	if ! command -v "$t" >/dev/null; then
		skip install "no $t"
		exit 0
	fi
done

# A make run from make (dh_auto_test, make check-noguest PREFIX=/usr)
# would pass its command-line variables down through MAKEFLAGS.
unset MAKEFLAGS MFLAGS MAKELEVEL PREFIX DESTDIR
src=$TMP/src
mkdir -p "$src"
(cd "$DXI_TOP" && cp -r Makefile VERSION daxinspect-plugin.pc.in daxinspect.1 \
	completion include plugins src "$src/") || { fail install/copy "cannot copy the tree"; exit 0; }

# -O1: fast enough for the cli tier, and what _FORTIFY_SOURCE needs.
marker=-DDXI_INSTALL_TEST_MARKER=1
flags=(CFLAGS="-O1 -g" CPPFLAGS="-D_FORTIFY_SOURCE=2 $marker"
       LDFLAGS="-Wl,-z,relro -Wl,-z,now")
P=$TMP/prefix D=$TMP/dest
if ! timeout 600 make -C "$src" -j2 "${flags[@]}" >"$TMP/b1" 2>&1; then
	fail install/build "make failed: $(tail -5 "$TMP/b1")"
	exit 0
fi
strings "$src/build/release/daxinspect" | grep -qx /usr/local/lib/daxinspect/plugins ||
	fail install/default-prefix "a plain make does not compile in /usr/local/lib/daxinspect/plugins"

if ! timeout 600 make -C "$src" -j2 "${flags[@]}" install PREFIX="$P" DESTDIR="$D" >"$TMP/b2" 2>&1; then
	fail install/install "make install failed: $(tail -5 "$TMP/b2")"
	exit 0
fi
n=$(grep -c -- ' -c src/.*\.c' "$TMP/b2")
nsrc=$(find "$src/src" -name '*.c' | wc -l)
if [ "$n" -eq "$nsrc" ] && strings "$D$P/bin/daxinspect" | grep -qx "$P/lib/daxinspect/plugins" &&
	! strings "$D$P/bin/daxinspect" | grep -q /usr/local/lib/daxinspect; then
	pass install/prefix-rebuilds-objects
else
	fail install/prefix-rebuilds-objects "install PREFIX=$P recompiled $n of $nsrc sources; plugin dirs in the binary: $(strings "$D$P/bin/daxinspect" | grep lib/daxinspect/plugins | tr '\n' ' ')"
fi

# Every compile (sources and plugins) saw CPPFLAGS and CFLAGS; links saw LDFLAGS.
ncc=$(grep -cE -- ' -c src/.*\.c| -shared ' "$TMP/b2")
nflag=$(grep -E -- ' -c src/.*\.c| -shared ' "$TMP/b2" | grep -- "$marker" | grep -c -- '-O1 -g')
if [ "$ncc" -gt "$nsrc" ] && [ "$nflag" -eq "$ncc" ]; then
	pass install/cppflags-cflags
else
	fail install/cppflags-cflags "$nflag of $ncc compile lines carry CPPFLAGS and CFLAGS"
fi
bad=
for f in "$D$P/bin/daxinspect" "$D$P"/lib/daxinspect/plugins/*.so; do
	readelf -d "$f" | grep -q 'BIND_NOW\|FLAGS.*NOW' || bad="$bad $(basename "$f")(no -z now)"
	readelf -lW "$f" | grep -q GNU_RELRO || bad="$bad $(basename "$f")(no relro)"
done
nm -D "$D$P/bin/daxinspect" | grep -q '__[a-z]*_chk@' || bad="$bad daxinspect(no _FORTIFY_SOURCE _chk calls)"
[ -z "$bad" ] && pass install/ldflags-hardening || fail install/ldflags-hardening "$bad"

missing=
for f in bin/daxinspect share/man/man1/daxinspect.1 \
	share/bash-completion/completions/daxinspect \
	include/daxinspect/plugin.h include/daxinspect/model.h \
	lib/daxinspect/plugins/devdax.so lib/daxinspect/plugins/histogram.so \
	share/pkgconfig/daxinspect-plugin.pc; do
	[ -f "$D$P/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && pass install/paths || fail install/paths "not installed under $D$P:$missing"

# Moved into place, it finds its plugins in the compiled-in directory.
mkdir -p "$(dirname "$P")" && mv "$D$P" "$P"
run_cmd env -u DAXINSPECT_PLUGIN_PATH "$P/bin/daxinspect" --list-checks
if [ "$rc" -eq 0 ] && grep -qw devdax "$TMP/out"; then
	pass install/finds-installed-plugins
else
	fail install/finds-installed-plugins "exit $rc; --list-checks of $P/bin/daxinspect: $(tr '\n' ' ' <"$TMP/out") $err"
fi

export PKG_CONFIG_PATH=$P/share/pkgconfig
cflags=$(pkg-config --cflags daxinspect-plugin 2>"$TMP/pcerr" | sed "s/ *$//")
pdir=$(pkg-config --variable=plugindir daxinspect-plugin 2>>"$TMP/pcerr")
if [ "$cflags" = "-I$P/include" ] && [ "$pdir" = "$P/lib/daxinspect/plugins" ]; then
	pass install/pkg-config
else
	fail install/pkg-config "--cflags '$cflags', plugindir '$pdir': $(cat "$TMP/pcerr")"
fi
# The source tree's include/ is out of reach: only the installed headers.
rm -rf "$src/include"
# shellcheck disable=SC2086
if cc $cflags -std=gnu17 -Wall -Wextra -Werror -fPIC -shared -o "$TMP/devdax.so" \
	"$src/plugins/devdax.c" 2>"$TMP/cc"; then
	run_cmd env -u DAXINSPECT_PLUGIN_PATH "$P/bin/daxinspect" --plugin "$TMP/devdax.so" --list-checks
	[ "$rc" -eq 0 ] && grep -qw devdax "$TMP/out" && pass install/plugin-builds-with-pkg-config ||
		fail install/plugin-builds-with-pkg-config "built, but does not load: exit $rc: $err"
else
	fail install/plugin-builds-with-pkg-config "cc $cflags plugins/devdax.c: $(head -5 "$TMP/cc")"
fi
