#!/bin/sh
# run.sh - boot a trace ISO, keep its serial log, draw the trace.
#
# Usage: tools/trace/run.sh ISO BASE [harbor-trace options...]
# Boots ISO (mode=tracedemo: user/tracer runs the demo with the trace on, then
# prints the trace and shuts QEMU down) under -icount shift=0, so every
# time in the trace is a count of guest instructions, with a 120-second
# timeout. The serial log goes to BASE.log; tools/trace/harbor-trace then
# writes BASE.txt, BASE.msc, BASE.svg and BASE.png and prints the text.

iso=$1 base=$2
shift 2
if [ ! -f "$iso" ]; then
	echo "trace: no $iso (make trace builds it)"
	exit 1
fi
mkdir -p "$(dirname "$base")"
timeout --foreground 120 qemu-system-i386 -m 128M -icount shift=0 -display none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-serial file:"$base.log" -monitor none -cdrom "$iso" -boot d </dev/null >/dev/null 2>&1
status=$?
if [ $status -ne 1 ] || ! grep -aq '^trace-end' "$base.log"; then
	echo "trace: the trace boot failed (QEMU status $status); its serial log:"
	tr -d '\r' <"$base.log"
	exit 1
fi
python3 "$(dirname "$0")/harbor-trace" --out "$base" "$@" "$base.log" || exit 1
echo "trace: wrote $base.txt, $base.svg and $base.png"
