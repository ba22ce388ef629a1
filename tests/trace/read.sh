#!/bin/sh
# read.sh - make trace CMD='cat /etc/motd', end to end, checked: the file
# read of docs/trace.md.
#
# First, without a boot:
#
#   trace_reply_receive_named  a reply taken from a queue is named as the
#                              reply it is, although its id (ata.read's +
#                              100) is also fs.stat's: a made-up log of
#                              ata -> fs ata.read reply, queued through a
#                              send-once right, then fs's receive of it
#
# Then it boots build/harbor-trace.iso with a fresh copy of
# build/disk-fresh.img through tools/trace/shell.py, which types `trace
# on`, `cat /etc/motd`, `trace off` and `trace dump`, as make trace
# CMD='cat /etc/motd' does, and checks:
#
#   trace_read_complete    the ring held the whole command (nothing lost),
#                          --command keeps it from the shell's proc.spawn
#                          to its next io.read, and every task in it is
#                          named by its program
#   trace_read_sequence    the command's messages (--brief, the default
#                          --hide task,memctl) hold the lines of
#                          tests/trace/read.expected in that order (others
#                          may come between: how many blocks a read takes
#                          is the filesystem's business): the shell's
#                          proc.spawn, proc opening /bin/cat and reading it
#                          (fs asking ata for blocks), cat born, cat's
#                          fs.open of /etc/motd, its read, its write to
#                          the console, its exit, the shell's next read
#   trace_read_replies     in the text, fs's receives of the disk's answers
#                          read "ata.read reply", never "fs.stat"
#   trace_read_chart       the chart has its columns named (sh, proc, fs,
#                          ata, mem, cat, console, kernel), folds the block
#                          reads into boxes that say so, draws everything
#                          else under --max, and mscgen drew the .svg and
#                          .png
#   trace_read_names_kept  the same log with all but its last 600 events
#                          lost (the births and the names recorded at
#                          switch-on among them) still names fs, ata, proc
#                          and sh (the kernel records every live task again
#                          when the trace is switched off), and says what
#                          it lost
#
# Run it after `make all build/harbor-trace.iso build/disk-fresh.img
# build/gen/harbor/opnames.txt`. shell.py has a 150-second limit on the
# whole session; the boot takes about 15 seconds.

cd "$(dirname "$0")/../.." || exit 1
B=build
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP PIPE
T="python3 tools/trace/harbor-trace"
failed=0

# A made-up log: fs (task 7) and ata (task 6) alive; ata answers fs's
# ata.read through a send-once right, queued on port 55; fs takes it.
python3 - "$B/gen/harbor/opnames.txt" >"$tmp/made.log" <<'EOF'
import struct, sys
ids = {}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 3:
        ids[p[1] + "." + p[2]] = int(p[0])
reply = ids["ata.read"] + 100
assert reply == ids["fs.stat"], "the ids no longer collide: pick another pair"
def ev(kind, task, port=0, msg_id=0, size=0, peer=0, flags=0, name=b""):
    if name:
        return struct.pack("<IIHBBIII16s", 0, 0, kind, 0, 0, task, 0, 0, name)
    return struct.pack("<IIHBBIIIIIII", 0, 0, kind, 0, 0, task, 1, port, msg_id, size, peer, flags)
print("trace-begin events=4")
for e in (ev(11, 7, name=b"fs"), ev(11, 6, name=b"ata"),
          ev(1, 6, 55, reply, 40, 7, flags=1), ev(3, 7, 55, reply, 40, 7)):
    print("trace-event " + e.hex())
print("trace-end")
EOF
$T --no-time "$tmp/made.log" >"$tmp/made.txt" 2>&1
line=$(grep '^receive' "$tmp/made.txt")
case $line in
*"<- port"*" ata.read reply (port 55"*)
	echo "PASS trace_reply_receive_named" ;;
*)
	echo "FAIL trace_reply_receive_named: expected fs's receive named 'ata.read reply', saw: $line"
	failed=1 ;;
esac

checks="trace_read_complete trace_read_sequence trace_read_replies trace_read_chart trace_read_names_kept"
if ! python3 tools/trace/shell.py --disk $B/disk-fresh.img $B/harbor-trace.iso "$tmp/cat.log" \
	'cat /etc/motd' >"$tmp/run.out" 2>&1 ||
   ! $T --command --out "$tmp/cat" --hide task,memctl "$tmp/cat.log" >"$tmp/cat.txt" 2>"$tmp/err.out"; then
	for t in $checks; do
		echo "FAIL $t: expected the traced session to finish, saw: $(cat "$tmp/run.out" "$tmp/err.out" | tail -3 | tr '\n' '|')"
	done
	exit 1
fi

$T --command --brief --hide task,memctl "$tmp/cat.log" >"$tmp/brief.txt" 2>"$tmp/err.out"
first=$(head -1 "$tmp/brief.txt") last=$(tail -1 "$tmp/brief.txt")
unnamed=$(grep -o ' task[0-9][0-9]*' "$tmp/cat.txt" | sort -u | tr '\n' ' ')
if grep -q '^trace-lost' "$tmp/cat.log" || [ -s "$tmp/err.out" ]; then
	echo "FAIL trace_read_complete: expected the ring to hold the whole command, saw: $(grep -a '^trace-lost' "$tmp/cat.log") $(cat "$tmp/err.out")"
	failed=1
elif [ "$first" != "sh -> proc: proc.spawn" ] || [ "$last" != "sh -> console: io.read" ]; then
	echo "FAIL trace_read_complete: expected 'sh -> proc: proc.spawn' ... 'sh -> console: io.read', saw '$first' ... '$last'"
	failed=1
elif [ -n "$unnamed" ]; then
	echo "FAIL trace_read_complete: expected every task named by its program, saw$unnamed"
	failed=1
else
	echo "PASS trace_read_complete"
fi

# Each expected line, in order, somewhere after the one before.
missing=$(awk 'NR == FNR { want[n++] = $0; next }
	       i < n && $0 == want[i] { i++ }
	       END { if (i < n) print want[i] }' tests/trace/read.expected "$tmp/brief.txt")
if [ -s "$tmp/err.out" ]; then
	echo "FAIL trace_read_sequence: expected the command's window, saw: $(cat "$tmp/err.out")"
	failed=1
elif [ -z "$missing" ]; then
	echo "PASS trace_read_sequence"
else
	echo "FAIL trace_read_sequence: expected the lines of tests/trace/read.expected in order, saw none of '$missing' after the line before it (the sequence is $(wc -l <"$tmp/brief.txt") lines)"
	failed=1
fi

named=$(grep -c '^ *[0-9]*  receive  *fs\.[0-9]*  *<- port  *ata\.read reply ' "$tmp/cat.txt")
wrong=$(grep -c '<- port  *fs\.stat ' "$tmp/cat.txt")
if [ "$named" -gt 0 ] && [ "$wrong" -eq 0 ]; then
	echo "PASS trace_read_replies"
else
	echo "FAIL trace_read_replies: expected fs's receives named 'ata.read reply' and none 'fs.stat', saw $named and $wrong"
	failed=1
fi

msc="$tmp/cat.msc"
cols=""
for c in sh proc fs ata mem cat console; do
	grep -q "label=\"$c\\.[0-9]*\"" "$msc" || cols="$cols $c"
done
if [ -z "$cols" ] && grep -q 'label="kernel"' "$msc" &&
   grep -q ' rbox .*label="[0-9]* messages: .*ata\.read' "$msc" &&
   grep -q 'messages folded into boxes' "$msc" && ! grep -q 'not drawn' "$msc" &&
   [ -s "$tmp/cat.svg" ] && [ -s "$tmp/cat.png" ]; then
	echo "PASS trace_read_chart"
else
	echo "FAIL trace_read_chart: expected named columns, a box of ata.read, a fold line, nothing left undrawn, a .svg and .png; saw columns missing:${cols:- none}, $(grep -c rbox "$msc") boxes, $(grep -c 'not drawn' "$msc") cap lines, files $(ls "$tmp" | tr '\n' ' ')"
	failed=1
fi

# The same log, as if the ring had overwritten all but its last 600 events
# (about 2,600 are recorded: the cut takes the switch-on names and more).
cut=$(($(grep -c '^trace-event' "$tmp/cat.log") - 600))
awk -v cut="$cut" '/^trace-event/ && n < cut { n++; next } { print }
	/^trace-begin/ { print "trace-lost " cut }' "$tmp/cat.log" >"$tmp/lost.log"
$T --no-time "$tmp/lost.log" >"$tmp/lost.txt" 2>/dev/null
unnamed=""
for c in fs ata proc sh; do
	grep -q " $c\\.[0-9]* " "$tmp/lost.txt" || unnamed="$unnamed $c"
done
if [ -z "$unnamed" ] && ! grep -q ' task[0-9]' "$tmp/lost.txt" &&
   [ "$cut" -gt 0 ] && grep -q "^(the ring lost the $cut oldest events)\$" "$tmp/lost.txt"; then
	echo "PASS trace_read_names_kept"
else
	echo "FAIL trace_read_names_kept: expected fs, ata, proc and sh named and the loss said, saw unnamed:${unnamed:- none}, $(grep -o ' task[0-9][0-9]*' "$tmp/lost.txt" | sort -u | tr '\n' ' ')first line '$(head -1 "$tmp/lost.txt")'"
	failed=1
fi
exit $failed
