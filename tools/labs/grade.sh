#!/bin/sh
# grade.sh - score this tree on one or more labs.
#
# Usage: tools/labs/grade.sh LAB...      (from the top of the tree, after
#        make has built what labs/Makefrag's grade target names)
#
# Each lab's graded tests are listed in labs/labN.grade, one a line:
#
#	EXERCISE POINTS SUITE CASE
#
# where SUITE says where the case's "PASS CASE" / "FAIL CASE: ..." line
# comes from:
#	unit/NAME	the host test build/tests/unit/NAME
#	guest:TABLE	the guest suite's table TABLE (user/tests), run in the
#			grade boot (build/harbor-grade.iso: mode=test, only the
#			tables the labs name, and bootbt)
#	boot		a check of the grade boot's serial log, made below
# The grade boot runs once, under a timeout (tests/qemu/run.sh), whatever
# the number of labs, so a hang or a panic costs the cases that had not
# reported yet, and nothing more. A case scores all its points when its PASS
# line is there, none otherwise. For each lab we print every case with its
# points, the lab's total as "lab N: SCORE/MAX", and write
# build/grade/labN/results.json in Gradescope's shape:
#	{ "score": S, "tests": [ { "name", "score", "max_score", "output" } ] }
# The exit status is 0 only if every lab named scored full marks.

B=build
GRADE_TIMEOUT=${GRADE_TIMEOUT:-150}
out=$B/grade
mkdir -p "$out"
log=$out/log.txt
: >"$log"

if [ $# -eq 0 ]; then
	echo "usage: tools/labs/grade.sh LAB..." >&2
	exit 2
fi
for lab in "$@"; do
	if [ ! -f "labs/lab$lab.grade" ]; then
		echo "grade: there is no labs/lab$lab.grade" >&2
		exit 2
	fi
done

# The cases of these labs, without comments.
specs=$out/specs.txt
for lab in "$@"; do
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e "s/^/$lab /" "labs/lab$lab.grade"
done >"$specs"

# The host suites, each run once.
for suite in $(awk '$4 ~ /^unit\// { print $4 }' "$specs" | sort -u); do
	echo "grade: running $B/tests/$suite"
	"$B/tests/$suite" >>"$log" 2>&1
done

# The grade boot, if any case needs it; then the log checks of lab 1.
if awk '$4 == "boot" || $4 ~ /^guest:/ { found = 1 } END { exit !found }' "$specs"; then
	echo "grade: booting $B/harbor-grade.iso (at most $GRADE_TIMEOUT s)"
	boot=$out/boot.txt
	if [ ! -f "$B/harbor-grade.iso" ]; then
		echo "grade: there is no $B/harbor-grade.iso: make grade-deps builds it" >&2
		exit 2
	fi
	sh tests/qemu/run.sh "$B/harbor-grade.iso" "$GRADE_TIMEOUT" >"$boot" 2>&1
	cat "$boot" >>"$log"
	# The backtrace bootbt printed: the lines after "backtrace:".
	frames=$(awk '/^harbor: boot backtrace/ { on = 1; next }
		on && /^backtrace:/ { next }
		on && /^  0x[0-9a-f]+ / { print; next }
		on { exit }' "$boot")
	if echo "$frames" | grep -q '^  0xc[0-9a-f]* '; then
		echo "PASS boot_backtrace_walks_the_frames" >>"$log"
	else
		echo "FAIL boot_backtrace_walks_the_frames: expected frame lines \"  0xc... name+offset\" after bootbt's \"backtrace:\", saw none" >>"$log"
	fi
	if echo "$frames" | grep -q '^  0x[0-9a-f]* kmain+[0-9][0-9]*$'; then
		echo "PASS boot_backtrace_names_functions" >>"$log"
	else
		first=$(echo "$frames" | head -1)
		echo "FAIL boot_backtrace_names_functions: expected the first frame named kmain+OFFSET, saw \"${first:-no frame}\"" >>"$log"
	fi
fi

# What the boot said when it ended badly: the runner's own FAIL lines.
verdict=$(grep -a '^FAIL guest_' "$log" | head -2 | tr '\n' ' ')

# Score every case; print and write each lab's results.
status=0
for lab in "$@"; do
	mkdir -p "$out/lab$lab"
	awk -v lab="$lab" -v verdict="$verdict" -v json="$out/lab$lab/results.json" '
	function esc(s) {
		gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s)
		gsub(/[\001-\037]/, "", s)
		return s
	}
	FNR == NR {
		if ($1 == "PASS") pass[$2] = 1
		else if ($1 == "FAIL") { n = $2; sub(/:$/, "", n); if (!(n in fail)) fail[n] = $0 }
		next
	}
	$1 == lab {
		ex = $2; pts = $3; suite = $4; c = $5
		max += pts
		if (c in pass) { got = pts; why = "PASS " c }
		else if (c in fail) { got = 0; why = fail[c] }
		else { got = 0; why = "not run: no line for " c " from " suite (verdict != "" ? " (" verdict ")" : "") }
		score += got
		printf("  %-4s %-52s %3d/%d\n", ex, c, got, pts)
		if (got < pts)
			printf("       %s\n", why)
		tests = tests (tests == "" ? "" : ",\n") \
			sprintf("    {\"name\": \"%s %s\", \"score\": %d, \"max_score\": %d, \"output\": \"%s\"}",
				ex, c, got, pts, esc(why))
	}
	END {
		printf("lab %s: %d/%d\n", lab, score, max)
		printf("{\n  \"score\": %d,\n  \"tests\": [\n%s\n  ]\n}\n", score, tests) > json
		exit score < max
	}' "$log" "$specs" || status=1
done
exit $status
