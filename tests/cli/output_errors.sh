# Output that cannot be cut silently (issue "Never crash, never hang, never
# lie", part 6): a command whose output cannot be written (a full disk:
# /dev/full) exits 3 with one line naming what it could not write, never
# 0 or 1 with its output cut. A closed pipe ends the process by SIGPIPE,
# or, when the caller ignores SIGPIPE, exits 3 with "Broken pipe".
. "$DXI_TOP/tests/lib.sh"

V=$DXI_TOP/build/samples/6.1-ext4/vmcore
if [ ! -f "$V" ]; then
	skip output "no $V: run 'make samples'"
	exit 0
fi
if [ ! -c /dev/full ]; then
	skip output "/dev/full is not a character device here"
	exit 0
fi

STDOUT_FULL='^daxinspect: error writing standard output: No space left on device$'

# full NAME CMD...: CMD with its standard output on /dev/full.
full() {
	local name=$1
	shift
	expect "output/$name" 3 "$STDOUT_FULL" \
		bash -c 'exec "$@" >/dev/full' full "$@"
}

full check "$DXI_BIN" check "$V"
full check-json "$DXI_BIN" check --json "$V"
full info "$DXI_BIN" info "$V"
full inodes "$DXI_BIN" inodes "$V"
full entries "$DXI_BIN" entries "$V" pmem0:25
full pgmaps "$DXI_BIN" pgmaps "$V"
full page "$DXI_BIN" page "$V" 0x2122f
full help "$DXI_BIN" help check
# The shell reading commands from a pipe (no terminal): its output.
full shell-batch bash -c 'printf "check\npage 0x2122f\n" | exec "$@"' shell \
	"$DXI_BIN" shell "$V"

# Commands that write a file name it.
expect output/report-bundle 3 '^daxinspect: cannot write bundle /dev/full: No space left on device$' \
	"$DXI_BIN" report --bundle /dev/full "$V"
expect output/profile-extract 3 '^daxinspect: cannot write profile /dev/full: No space left on device$' \
	"$DXI_BIN" profile extract "$V" -o /dev/full
# A device is written in place, not replaced by a renamed temporary.
if [ -c /dev/full ] && [ ! -e /dev/full.tmp ]; then
	pass output/profile-extract-keeps-device
else
	fail output/profile-extract-keeps-device "/dev/full is no longer a character device, or /dev/full.tmp exists"
fi
expect output/trim 3 '^daxinspect: cannot write /dev/full: No space left on device$' \
	"$DXI_BIN" trim "$V" -o /dev/full

# The same commands with room to write succeed (the failures above are
# the device's, not the commands').
run_cmd "$DXI_BIN" check --json "$V"
if [ "$rc" -eq 1 ] && [ -s "$TMP/out" ] && [ -z "$err" ]; then
	pass output/check-json-to-file
else
	fail output/check-json-to-file "exit $rc, $(wc -c <"$TMP/out") bytes, stderr: $err"
fi

# A pipe whose reader has gone, before the first write: with SIGPIPE's
# default the process dies by the signal; with SIGPIPE ignored, EPIPE.
pipe_closed() {
	python3 - "$@" <<'EOF'
import os, signal, subprocess, sys
ignore = sys.argv[1] == "ignore"
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[2:], stdout=w, stderr=subprocess.PIPE,
                   timeout=120,
                   preexec_fn=(lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
                   if ignore else None)
sys.stderr.buffer.write(p.stderr)
print(p.returncode)
EOF
}
if command -v python3 >/dev/null; then
	got=$(pipe_closed default "$DXI_BIN" check --json "$V" 2>"$TMP/perr")
	if [ "$got" = -13 ]; then
		pass output/closed-pipe-sigpipe
	else
		fail output/closed-pipe-sigpipe "returncode $got, want -13 (SIGPIPE); stderr: $(cat "$TMP/perr")"
	fi
	got=$(pipe_closed ignore "$DXI_BIN" check --json "$V" 2>"$TMP/perr")
	if [ "$got" = 3 ] &&
	   grep -qx 'daxinspect: error writing standard output: Broken pipe' "$TMP/perr" &&
	   [ "$(grep -c . "$TMP/perr")" -eq 1 ]; then
		pass output/closed-pipe-ignored
	else
		fail output/closed-pipe-ignored "returncode $got, want 3 and one line 'Broken pipe'; stderr: $(cat "$TMP/perr")"
	fi
else
	skip output/closed-pipe "no python3 to hold a pipe with no reader"
fi

# The shell on a terminal pages long output; a pager that quits without
# reading it all (PAGER=true) ends that command's output, not the shell:
# the next command still runs (pgmaps: shorter than a 24-row terminal, so
# it is not paged itself; info no longer is). script(1) provides the terminal.
if command -v script >/dev/null; then
	timeout 120 script -qec "printf 'check --json\npgmaps\n' | PAGER=true '$DXI_BIN' shell '$V'; echo shell-rc=\$?" \
		/dev/null >"$TMP/tty" 2>&1
	if grep -q 'shell-rc=0' "$TMP/tty" && grep -q '^FS_DAX: ' "$TMP/tty"; then
		pass output/shell-pager-quits
	else
		fail output/shell-pager-quits "the shell did not survive its pager: $(tail -c 300 "$TMP/tty")"
	fi
else
	skip output/shell-pager-quits "no script(1) to give the shell a terminal"
fi
