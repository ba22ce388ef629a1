#!/bin/sh
# run.sh - run every test suite and count the results.
#
# Usage: tests/run.sh SUITE...   where each SUITE is a command to run,
# with '+' standing for a space (so make can pass it as one word).
# Every suite prints one line per case, "PASS <name>" or
# "FAIL <name>: <what was expected, what was seen>", and may print other
# lines too. A suite that exits non-zero without printing a FAIL line
# counts as one failure of its own, so a crash or a hang never passes.
# The last line is "N passed, N failed"; the exit status is 1 if any failed.

pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for suite in "$@"; do
	suite=$(echo "$suite" | tr '+' ' ')
	name=$(echo "$suite" | cut -d' ' -f1 | sed -e 's|^build/tests/||' -e 's|^tests/||')
	echo "== $name"
	sh -c "$suite" >"$log" 2>&1
	status=$?
	cat "$log"
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: the suite exited with status $status and reported no failing case"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
