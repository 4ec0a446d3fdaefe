# -j/--jobs: a thread count from 1 to 64, else a usage error (exit 2)
# naming the option; given as -j N, -jN, --jobs N and --jobs=N.
# That -j N gives -j 1's output is tests/synth/jobs.sh and tests/lab/jobs.sh.
. "$DXI_TOP/tests/lib.sh"

for bad in 0 65 -1 abc 2x ""; do
	expect "jobs/bad-'$bad'" 2 "-j/--jobs takes a number of threads from 1 to 64, not '$bad'" \
		"$DXI_BIN" check -j "$bad" /nonexistent
done
expect jobs/bad-long 2 "-j/--jobs takes a number" "$DXI_BIN" check --jobs=0 /nonexistent
expect jobs/missing-value 2 "option .* needs a value|unknown option" "$DXI_BIN" check /nonexistent -j
# A good count gets as far as opening the target.
for good in "-j 1" "-j64" "--jobs 2" "--jobs=3"; do
	expect "jobs/good-'$good'" 3 "cannot open dump" "$DXI_BIN" check $good /nonexistent
done
for cmd in report watch; do
	expect "jobs/$cmd-bad" 2 "-j/--jobs takes" "$DXI_BIN" "$cmd" -j 0 /nonexistent
done
run_cmd "$DXI_BIN" help check
if printf '%s\n' "$out" | grep -q '^  -j, --jobs N'; then
	pass jobs/help
else
	fail jobs/help "'daxinspect help check' does not list -j, --jobs N"
fi
