# The interactive shell, driven through a real terminal (tmux): complete a
# command and an inode, run entries, page, check (paged through $PAGER),
# a failing command, Ctrl-C at the prompt, help, quit; history is kept.
. "$DXI_TOP/tests/lib.sh"

core=$DXI_TOP/build/samples/6.1-ext4/vmcore
if ! command -v tmux >/dev/null; then
	skip shell "tmux is not installed (apt-get install tmux)"
	exit 0
fi
if [ ! -f "$core" ]; then
	skip shell "no sample $core (make samples)"
	exit 0
fi
sock=$TMP/tmux.sock
state=$TMP/state
T() { tmux -S "$sock" "$@"; }
screen() { T capture-pane -t dxi -p -S -300 2>/dev/null; }
# wait_for REGEX: polls the screen for up to 20 s.
wait_for() {
	for _ in $(seq 100); do
		screen | grep -qE -- "$1" && return 0
		sleep 0.2
	done
	return 1
}
step() { # step NAME REGEX: PASS if the screen shows REGEX
	if wait_for "$2"; then pass "shell/$1"; else fail "shell/$1" "screen lacks /$2/: $(screen | tail -15)"; fi
}

T new-session -d -s dxi -x 150 -y 40 \
	"cd $DXI_TOP && XDG_STATE_HOME=$state PAGER='sed s/^/PAGED:/' ASAN_OPTIONS=$ASAN_OPTIONS LSAN_OPTIONS=$LSAN_OPTIONS $DXI_BIN shell $core; echo SHELL-EXIT=\$?; sleep 30"
step start "2 findings\\. 'help' lists the commands"

T send-keys -t dxi 'ent' Tab
step complete-command 'daxinspect\(vmcore\)> entries$'
T send-keys -t dxi 'pmem0:2' Tab Tab
step complete-inode 'pmem0:20 +pmem0:21 +pmem0:22 +pmem0:23 +pmem0:25'
T send-keys -t dxi '5' Enter
step entries 'pmem0:25 /leak_b \(ext4\): 16 entries'

T send-keys -t dxi 'page 0x' Tab
sleep 0.3
T send-keys -t dxi Tab Tab
step complete-pfn '0x2122f +0x21240'
T send-keys -t dxi '2f' Enter
step page 'pfn 0x2122f \(FS_DAX pgmap\)'

T send-keys -t dxi 'check --json --all-pages' Enter
step check-paged 'PAGED:  "findings": \['

T send-keys -t dxi 'entries nope:1' Enter
step failing-command "no DAX inode 'nope:1'"
T send-keys -t dxi 'bogus' Enter
step unknown-command "'bogus' is not a shell command"

T send-keys -t dxi 'check --sev' C-c
sleep 0.5
T send-keys -t dxi 'help check' Enter
step ctrl-c-then-help 'usage: daxinspect \[check\]'

T send-keys -t dxi 'quit' Enter
step quit 'SHELL-EXIT=0'
if grep -q '^page 0x2122f$' "$state/daxinspect/history" 2>/dev/null; then
	pass shell/history
else
	fail shell/history "no 'page 0x2122f' in $state/daxinspect/history"
fi
if screen | grep -q 'Sanitizer\|runtime error'; then
	fail shell/sanitizer "$(screen | grep -m1 'Sanitizer\|runtime error')"
else
	pass shell/sanitizer
fi
T kill-server 2>/dev/null
