# same_jobs NAME ARGS...: `daxinspect check ARGS` with -j 1, 2 and 3
# (3 cuts a range into uneven parts), as text and as --json: the output
# and the exit status must be the same, byte for byte. One PASS or FAIL.
# Sourced after tests/lib.sh (tests/synth/jobs.sh, tests/lab/jobs.sh).
same_jobs() {
	local name=$1 form j why=
	shift
	for form in text json; do
		for j in 1 2 3; do
			timeout 300 "$DXI_BIN" check $([ "$form" = json ] && echo --json) -j "$j" "$@" \
				>"$TMP/jobs-$form-$j.out" 2>"$TMP/jobs-$form-$j.err"
			echo $? >"$TMP/jobs-$form-$j.rc"
			if grep -q 'Sanitizer\|runtime error' "$TMP/jobs-$form-$j.err"; then
				why="-j $j ($form): sanitizer: $(grep -m1 'Sanitizer\|runtime error' "$TMP/jobs-$form-$j.err")"
				break 2
			fi
			case $(cat "$TMP/jobs-$form-$j.rc") in
			0 | 1) ;;
			*) why="-j $j ($form): exit $(cat "$TMP/jobs-$form-$j.rc"): $(head -2 "$TMP/jobs-$form-$j.err")"; break 2 ;;
			esac
			[ "$j" = 1 ] && continue
			if ! cmp -s "$TMP/jobs-$form-1.rc" "$TMP/jobs-$form-$j.rc"; then
				why="$form: exit $(cat "$TMP/jobs-$form-1.rc") with -j 1, $(cat "$TMP/jobs-$form-$j.rc") with -j $j"
				break 2
			fi
			if ! cmp -s "$TMP/jobs-$form-1.out" "$TMP/jobs-$form-$j.out"; then
				why="$form: -j $j differs from -j 1: $(diff "$TMP/jobs-$form-1.out" "$TMP/jobs-$form-$j.out" | head -4 | tr '\n' ' ')"
				break 2
			fi
		done
	done
	if [ -n "$why" ]; then
		fail "$name" "$why"
	else
		pass "$name"
	fi
}
