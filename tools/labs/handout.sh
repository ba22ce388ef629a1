#!/bin/sh
# handout.sh - write the student tree for one lab, and its tarball.
#
# Usage: tools/labs/handout.sh LAB DEST      (from the top of the tree)
#
# The tree is the instructor's solution. Solution code is fenced by lab
# markers, one comment line opening and one closing:
#
#	/* LAB 2.1 BEGIN vm_range */
#	... the solution ...
#	/* LAB 2.1 END vm_range */
#
# (lab 2, exercise 1, named vm_range). The opening line may end with
# "; handout: CODE" (before the "*/"): CODE is what the handout puts in the
# solution's place so that it still builds, e.g. "return NULL;". The
# handout for lab N is a copy of the tree's files (git's list, so build/
# and other ignored files stay out) in which every fence of lab N or later
# is replaced by one comment naming the exercise and its handout, then
# CODE; the fences of earlier labs stay, with their solutions. DEST must not
# exist yet; DEST.tar.gz is written beside it. The handout remembers its lab
# in the file .handout (make handout refuses to run there again).

set -e
lab=$1
dest=$2
case $lab in
[1-9] | [1-9][0-9]) ;;
*) echo "handout: LAB must be a lab number, e.g. make handout LAB=1" >&2; exit 2 ;;
esac
if [ -z "$dest" ]; then
	echo "usage: tools/labs/handout.sh LAB DEST" >&2
	exit 2
fi
if [ -f .handout ]; then
	echo "handout: this tree is already a handout (lab $(cat .handout)); run it in the full tree" >&2
	exit 2
fi
if [ ! -f "labs/lab$lab.md" ]; then
	echo "handout: there is no labs/lab$lab.md" >&2
	exit 2
fi
if [ -e "$dest" ]; then
	echo "handout: $dest exists already; remove it or name another DEST=" >&2
	exit 2
fi

# The tree's files: what git tracks, and new files it does not ignore.
mkdir -p "$dest"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$dest"

# Replace the fences of lab $lab and later. awk checks the fences pair up.
for f in $(grep -rlE 'LAB [0-9]+\.[0-9]+ BEGIN' "$dest" --include='*.[chS]' || true); do
	awk -v lab="$lab" -v file="${f#$dest/}" '
	function fail(why) {
		printf("handout: %s:%d: %s\n", file, NR, why) > "/dev/stderr"
		bad = 1
		exit 1
	}
	match($0, /LAB [0-9]+\.[0-9]+ BEGIN [A-Za-z0-9_]+/) {
		if (open != "")
			fail("a fence opens inside " open)
		split(substr($0, RSTART + 4, RLENGTH - 4), w, " ")
		open = w[1] " " w[3]
		split(w[1], le, ".")
		if (le[1] + 0 < lab + 0) {
			print
			next
		}
		skipping = 1
		indent = $0
		sub(/[^ \t].*$/, "", indent)
		printf("%s/* LAB %s (%s): your code here. See labs/lab%s.md, exercise %s. */\n",
		       indent, w[1], w[3], le[1], le[2])
		code = ""
		if (index($0, "; handout: ")) {
			code = substr($0, index($0, "; handout: ") + 11)
			sub(/[ \t]*\*\/[ \t]*$/, "", code)
		}
		if (code != "")
			print indent code
		next
	}
	match($0, /LAB [0-9]+\.[0-9]+ END [A-Za-z0-9_]+/) {
		split(substr($0, RSTART + 4, RLENGTH - 4), w, " ")
		if (open != w[1] " " w[3])
			fail("the fence " w[1] " " w[3] " closes, but the open one is \"" open "\"")
		open = ""
		if (skipping) {
			skipping = 0
			next
		}
		print
		next
	}
	!skipping { print }
	END {
		if (!bad && open != "")
			fail("the fence " open " never closes")
	}' "$f" >"$f.new"
	mv "$f.new" "$f"
done

echo "$lab" >"$dest/.handout"
parent=$(dirname "$dest")
base=$(basename "$dest")
tar -czf "$dest.tar.gz" -C "$parent" "$base"
echo "handout: lab $lab in $dest (and $dest.tar.gz)"
