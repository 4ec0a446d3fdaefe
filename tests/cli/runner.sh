#!/usr/bin/env bash
# The test runner itself: a script that dies, exits non-zero or says
# nothing is a FAIL with its name, and the run fails; an empty unit tier
# fails too. Runs tests/run on a fake tree of tiers.
set -u
top=${DXI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
d=$(mktemp -d /tmp/dxi-runner.XXXXXX)
trap 'rm -rf "$d"' EXIT

run() { # run TIERS -> output in $d/out, status in $rc
	DXI_TESTS_DIR=$d/tiers DXI_TIERS=$1 DXI_UNIT_DIR=$d/unit DXI_TEST_CACHE=$d/cache \
		bash "$top/tests/run" > "$d/out" 2>&1
	rc=$?
}
check() { # check NAME CONDITION-TEXT: pass when grep -q finds it in the output
	local name=$1; shift
	if "$@"; then echo "PASS cli/runner-$name"; else
		echo "FAIL cli/runner-$name: $(tail -5 "$d/out" | tr '\n' '|')"; fi
}
mkdir -p "$d/tiers/t" "$d/unit" "$d/cache"

# a script that prints one PASS and exits 7
printf 'echo "PASS t/one"\nexit 7\n' > "$d/tiers/t/exits7.sh"
run t
check exit-status grep -q "^FAIL t/exits7: the script exited 7" "$d/out"
check exit-status-fails-run [ "$rc" -ne 0 ]
check exit-status-count grep -q "^1 passed, 1 failed, 0 skipped$" "$d/out"
rm "$d/tiers/t/exits7.sh"

# a script killed by a signal
printf 'echo "PASS t/before"\nkill -KILL $$\n' > "$d/tiers/t/killed.sh"
run t
check signal grep -q "^FAIL t/killed: the script died on signal KILL" "$d/out"
check signal-fails-run [ "$rc" -ne 0 ]
rm "$d/tiers/t/killed.sh"

# a script that says nothing
printf 'true\n' > "$d/tiers/t/silent.sh"
run t
check silent grep -q "^FAIL t/silent: the script printed no PASS, FAIL or SKIP line" "$d/out"
check silent-fails-run [ "$rc" -ne 0 ]
rm "$d/tiers/t/silent.sh"

# an empty tier and an empty unit tier
run t
check empty-tier grep -q "^FAIL t: no test script" "$d/out"
run unit
check empty-unit grep -q "^FAIL unit: no unit test binary" "$d/out"

# and a healthy script passes: the runner can say yes
printf 'echo "PASS t/ok"\necho "SKIP t/later: no input"\n' > "$d/tiers/t/ok.sh"
run t
check healthy grep -q "^1 passed, 0 failed, 1 skipped$" "$d/out"
check healthy-exit0 [ "$rc" -eq 0 ]
