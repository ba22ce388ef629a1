#!/bin/sh
# command.sh - make trace CMD='touchmem' TRACE_DISK=, end to end, checked.
#
# Boots build/harbor-trace.iso (mode=trace: the shell and the trace
# service) through tools/trace/shell.py, which types `trace on`,
# `touchmem`, `trace off` and `trace dump` at the prompt, as make trace
# CMD='touchmem' TRACE_DISK= does (no disk: touchmem from its boot module),
# then checks:
#
#   trace_command_window      --command keeps exactly the one command: it
#                             starts with the shell's proc.spawn and ends
#                             with the shell's next io.read, and leaves out
#                             the trace program's own runs
#   trace_command_sequence    touchmem's own messages (--task touchmem,
#                             the kernel's bookkeeping hidden) are exactly
#                             tests/trace/touchmem.expected: born, the
#                             memory server's hello, startup, allocate, two
#                             page faults sent by the kernel to the memory
#                             server and its two answers, the write, exit
#   trace_command_chart       the chart has its columns (sh, proc, touchmem,
#                             mem, the kernel), a page fault drawn kernel ->
#                             mem, and mscgen drew the .svg and .png
#
# Run it after `make all build/harbor-trace.iso build/gen/harbor/opnames.txt`.
# shell.py has a 150-second limit on the whole session.

cd "$(dirname "$0")/../.." || exit 1
B=build
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP PIPE
checks="trace_command_window trace_command_sequence trace_command_chart"
T="python3 tools/trace/harbor-trace"

if ! python3 tools/trace/shell.py $B/harbor-trace.iso "$tmp/touchmem.log" touchmem >"$tmp/run.out" 2>&1 ||
   ! $T --command --out "$tmp/touchmem" "$tmp/touchmem.log" >/dev/null 2>"$tmp/err.out"; then
	for t in $checks; do
		echo "FAIL $t: expected the traced session to finish, saw: $(cat "$tmp/run.out" "$tmp/err.out" | tail -3 | tr '\n' '|')"
	done
	exit 1
fi
failed=0

$T --command --brief "$tmp/touchmem.log" >"$tmp/all.txt"
first=$(head -1 "$tmp/all.txt") last=$(tail -1 "$tmp/all.txt")
if [ "$first" = "sh -> proc: proc.spawn" ] && [ "$last" = "sh -> console: io.read" ] &&
   ! grep -q 'task born: trace$' "$tmp/all.txt"; then
	echo "PASS trace_command_window"
else
	echo "FAIL trace_command_window: expected 'sh -> proc: proc.spawn' ... 'sh -> console: io.read' and no trace task, saw '$first' ... '$last'"
	failed=1
fi

$T --command --brief --task touchmem --hide task,memctl,host "$tmp/touchmem.log" >"$tmp/brief.txt"
if cmp -s tests/trace/touchmem.expected "$tmp/brief.txt"; then
	echo "PASS trace_command_sequence"
else
	echo "FAIL trace_command_sequence: expected tests/trace/touchmem.expected, saw (diff expected saw):"
	diff tests/trace/touchmem.expected "$tmp/brief.txt" | sed 's/^/  /'
	failed=1
fi

msc="$tmp/touchmem.msc"
if grep -q 'label="sh\.' "$msc" && grep -q 'label="proc\.' "$msc" && grep -q 'label="touchmem\.' "$msc" &&
   grep -q 'label="mem\.' "$msc" && grep -q 'label="kernel"' "$msc" &&
   grep -q '^  k => t[0-9]* \[label="pager.fault for touchmem' "$msc" &&
   [ -s "$tmp/touchmem.svg" ] && [ -s "$tmp/touchmem.png" ]; then
	echo "PASS trace_command_chart"
else
	echo "FAIL trace_command_chart: expected columns sh, proc, touchmem, mem, kernel, a kernel -> mem pager.fault arrow, a .svg and .png, saw: $(grep -c . "$msc") msc lines, files $(ls "$tmp" | tr '\n' ' ')"
	failed=1
fi
exit $failed
