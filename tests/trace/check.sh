#!/bin/sh
# check.sh - the IPC trace, end to end: what `make trace` does, checked.
#
# Boots build/harbor-tracedemo.iso (user/tracer runs the RPC demo with the
# trace on and prints the ring) through tools/trace/run.sh, which draws
# the chart, then checks:
#
#   trace_demo_sequence   the demo's echo messages, in the brief text form
#                         (harbor-trace --brief --iface echo), are exactly
#                         tests/trace/demo.expected: both tasks born, three
#                         shouts and three adds, each answered, the client
#                         dies
#   trace_chart_drawn     the .msc has a column for demo_server, demo_client
#                         and the kernel, and mscgen drew the .svg and .png
#   trace_nothing_lost    the ring lost nothing, and a log that says it lost
#                         events makes the text say so
#
# Run it after `make all build/harbor-tracedemo.iso build/gen/harbor/opnames.txt`:
# sh tests/trace/check.sh. The boot has run.sh's 120-second timeout.

cd "$(dirname "$0")/../.." || exit 1
B=build
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP PIPE
checks="trace_demo_sequence trace_chart_drawn trace_nothing_lost"

if ! sh tools/trace/run.sh $B/harbor-tracedemo.iso "$tmp/demo" >"$tmp/run.out" 2>&1; then
	for t in $checks; do
		echo "FAIL $t: expected the trace boot to finish, saw: $(tail -3 "$tmp/run.out" | tr '\n' '|')"
	done
	exit 1
fi
failed=0

python3 tools/trace/harbor-trace --brief --iface echo "$tmp/demo.log" >"$tmp/brief.txt"
if cmp -s tests/trace/demo.expected "$tmp/brief.txt"; then
	echo "PASS trace_demo_sequence"
else
	echo "FAIL trace_demo_sequence: expected tests/trace/demo.expected, saw (diff expected saw):"
	diff tests/trace/demo.expected "$tmp/brief.txt" | sed 's/^/  /'
	failed=1
fi

if grep -q 'label="demo_server' "$tmp/demo.msc" && grep -q 'label="demo_client' "$tmp/demo.msc" &&
   grep -q 'label="kernel"' "$tmp/demo.msc" && [ -s "$tmp/demo.svg" ] && [ -s "$tmp/demo.png" ]; then
	echo "PASS trace_chart_drawn"
else
	echo "FAIL trace_chart_drawn: expected columns demo_server, demo_client, kernel and a .svg and .png, saw: $(ls "$tmp" | tr '\n' ' ')"
	failed=1
fi

# A log whose ring overwrote 7 events must say so in the text.
sed 's/^trace-begin.*/&\ntrace-lost 7/' "$tmp/demo.log" >"$tmp/lost.log"
python3 tools/trace/harbor-trace "$tmp/lost.log" >"$tmp/lost.txt"
if grep -q 'lost' "$tmp/demo.txt"; then
	echo "FAIL trace_nothing_lost: expected no lost events in the demo's trace, saw: $(grep lost "$tmp/demo.txt")"
	failed=1
elif ! grep -q '^(the ring lost the 7 oldest events)$' "$tmp/lost.txt"; then
	echo "FAIL trace_nothing_lost: expected '(the ring lost the 7 oldest events)' for a log that lost 7, saw: $(head -1 "$tmp/lost.txt")"
	failed=1
else
	echo "PASS trace_nothing_lost"
fi
exit $failed
