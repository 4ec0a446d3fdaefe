# Bad input: each gives one clear line naming the object and the way out,
# exit 2 or 3, no sanitizer report, no hang (issue: foundation, "Bad input").
. "$DXI_TOP/tests/lib.sh"

expect usage/no-args 2 'usage' "$DXI_BIN"
expect usage/unknown-option 2 "unknown option '--bogus'" "$DXI_BIN" info --bogus x
expect usage/info-no-target 2 'info takes a TARGET \(a vmcore or /proc/kcore\)' "$DXI_BIN" info
expect usage/bad-semantics 2 "--semantics takes" "$DXI_BIN" info --semantics 9.9 x
expect usage/bad-types 2 "--types takes" "$DXI_BIN" info --types magic x
expect usage/help-unknown 2 "no command 'nope'" "$DXI_BIN" help nope

expect bad/missing-path 3 "cannot open dump $TMP/nope: No such file or directory; check the path" \
	"$DXI_BIN" info "$TMP/nope"
mkdir "$TMP/dir"
expect bad/directory 3 "$TMP/dir is a directory" "$DXI_BIN" info "$TMP/dir"
: >"$TMP/empty"
expect bad/empty 3 "$TMP/empty is empty" "$DXI_BIN" info "$TMP/empty"
printf 'this is not a vmcore\n' >"$TMP/text"
expect bad/text 3 "$TMP/text is not a kernel dump" "$DXI_BIN" info "$TMP/text"
# A kdump signature followed by garbage.
{ printf 'KDUMP   '; head -c 8192 /dev/urandom; } >"$TMP/kdump-corrupt"
expect bad/kdump-corrupt-header 3 "dump $TMP/kdump-corrupt is damaged: its kdump header's block size .*; re-copy it" \
	"$DXI_BIN" info "$TMP/kdump-corrupt"
# An ELF that is not a core (a program).
expect bad/elf-not-core 3 "$(type -P true) is an ELF file but not a core dump" "$DXI_BIN" info "$(type -P true)"
# A flattened stream cut short.
{ printf 'makedumpfile\0\0\0\0'; printf '\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\1'; head -c 4064 /dev/zero;
  printf '\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1\0'; head -c 10 /dev/zero; } >"$TMP/flat-cut"
expect bad/flattened-truncated 3 "flattened dump $TMP/flat-cut is truncated" "$DXI_BIN" info "$TMP/flat-cut"

# Unreadable: root reads anything, so drop to nobody.
if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
	cp "$TMP/text" "$TMP/unreadable" && chmod 000 "$TMP/unreadable" && chmod 755 "$TMP"
	expect bad/unreadable 3 "cannot open dump $TMP/unreadable: Permission denied; check its permissions" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$DXI_BIN" info "$TMP/unreadable"
	if [ -e /proc/kcore ]; then
		expect bad/kcore-not-root 3 "reading the live kernel needs root" \
			setpriv --reuid=nobody --regid=nogroup --clear-groups "$DXI_BIN" info /proc/kcore
	else
		skip bad/kcore-not-root "/proc/kcore does not exist here"
	fi
else
	skip bad/unreadable "needs root and setpriv to test as another user"
	skip bad/kcore-not-root "needs root and setpriv to test as another user"
fi

# A vmlinux that is not one, one without DWARF, a profile that is not one.
expect bad/vmlinux-not-elf 3 "$TMP/text is not an ELF file; pass the vmlinux" \
	"$DXI_BIN" profile extract --vmlinux "$TMP/text" -o "$TMP/p"
expect bad/vmlinux-no-dwarf 3 "has no DWARF debuginfo" \
	"$DXI_BIN" profile extract --vmlinux "$(type -P true)" -o "$TMP/p"
