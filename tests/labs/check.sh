#!/bin/sh
# check.sh - make test's check of the lab machinery (labs/README.md).
#
# For every lab N with a labs/labN.grade:
#   - make handout LAB=N writes build/labs/labN and its tarball, with no
#     fence of lab N or later left in it;
#   - the handout builds (warnings are errors, as in the tree) what its
#     grade needs;
#   - the full tree scores full marks on lab N;
#   - the handout scores less than full on lab N, and full on each lab
#     before N (their solutions are in it).
# Each tree boots once (its grade boot runs every lab's tables). The
# handouts are built one after the other, each with make -j2. In a handout
# (a .handout file) there is nothing to check: it is the student's tree.

if [ -f .handout ]; then
	echo "labs: this is a handout (lab $(cat .handout)); the lab machinery is checked in the full tree"
	exit 0
fi

dir=build/labs
rm -rf "$dir"
mkdir -p "$dir"
labs=$(ls labs/lab*.grade | sed -e 's|labs/lab||' -e 's|\.grade||' | sort -n)
all=$(echo $labs)

# lab_result OUTPUT LAB: the "lab N: S/M" line's S and M.
lab_result() {
	echo "$1" | sed -n "s|^lab $2: \([0-9]*\)/\([0-9]*\)\$|\1 \2|p"
}

echo "labs: grading the full tree on labs $all"
full=$(sh tools/labs/grade.sh $all 2>&1)
echo "$full"
for n in $labs; do
	set -- $(lab_result "$full" "$n")
	if [ -n "$1" ] && [ "$1" = "$2" ]; then
		echo "PASS labs_full_tree_scores_full_marks_on_lab_$n"
	else
		echo "FAIL labs_full_tree_scores_full_marks_on_lab_$n: expected $2/$2, saw ${1:-no score}/$2"
	fi
done

for n in $labs; do
	h=$dir/lab$n
	if ! sh tools/labs/handout.sh "$n" "$h" >"$dir/lab$n.handout.log" 2>&1 ||
	    [ ! -f "$h.tar.gz" ]; then
		echo "FAIL labs_handout_${n}_is_written: expected make handout LAB=$n to write $h and $h.tar.gz, saw:"
		cat "$dir/lab$n.handout.log"
		continue
	fi
	left=$(grep -rnE "LAB ([0-9]+)\.[0-9]+ (BEGIN|END)" "$h" --include='*.[chS]' |
		awk -v n="$n" '{ match($0, /LAB [0-9]+\./); if (substr($0, RSTART + 4, RLENGTH - 5) + 0 >= n) print }' |
		head -3)
	if [ -z "$left" ]; then
		echo "PASS labs_handout_${n}_is_written_without_its_solutions"
	else
		echo "FAIL labs_handout_${n}_is_written_without_its_solutions: expected no fence of lab $n or later, saw $left"
	fi
	if ! (cd "$h" && make -j2 grade-deps) >"$dir/lab$n.build.log" 2>&1; then
		echo "FAIL labs_handout_${n}_builds: expected its build to succeed, saw:"
		tail -20 "$dir/lab$n.build.log"
		continue
	fi
	echo "PASS labs_handout_${n}_builds"
	upto=$(echo $labs | tr ' ' '\n' | awk -v n="$n" '$1 <= n' | tr '\n' ' ')
	res=$(cd "$h" && sh tools/labs/grade.sh $upto 2>&1)
	echo "$res" | sed -e "s|^|  lab$n handout: |"
	for m in $upto; do
		set -- $(lab_result "$res" "$m")
		if [ "$m" = "$n" ]; then
			if [ -n "$1" ] && [ "$1" -lt "$2" ]; then
				echo "PASS labs_handout_${n}_scores_less_than_full_on_lab_$n ($1/$2)"
			else
				echo "FAIL labs_handout_${n}_scores_less_than_full_on_lab_$n: expected less than $2, saw ${1:-no score}"
			fi
		elif [ -n "$1" ] && [ "$1" = "$2" ]; then
			echo "PASS labs_handout_${n}_scores_full_marks_on_lab_$m"
		else
			echo "FAIL labs_handout_${n}_scores_full_marks_on_lab_$m: expected $2/$2, saw ${1:-no score}/$2"
		fi
	done
done
