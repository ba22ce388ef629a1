#!/bin/sh
# disk.sh - GDB can debug a program that proc loads from the disk's /bin.
#
# The disk's programs are staged without their debugging information
# (tools/disk/stage.sh); GDB takes the symbols from build/bin/NAME, which
# keeps it. That works only while the two agree on every loaded byte.
# Checks:
#
#   disk_programs_have_no_debug_info  /bin/sh in build/disk-fresh.img (read
#                                     with debugfs) has no .debug_ section
#                                     but its symbol table, and its .text,
#                                     .rodata and .data are build/bin/sh's
#   gdb_breaks_in_disk_program        the ordinary boot (build/harbor.iso)
#                                     with a copy of that disk, under GDB
#                                     with the .gdbinit `make gdb` uses:
#                                     the shell is started from the disk
#                                     (the kernel's host_image_spawn_handler
#                                     runs for "sh"), and `usersym sh` and
#                                     `taskbreak sh main` stop in it, at
#                                     user/sh/main.c, and `cur` says the
#                                     task is sh
#
# Run it from anywhere after `make all disk`: sh tests/gdb/disk.sh
# QEMU and GDB each run under a timeout (a few seconds when it passes);
# QEMU is always killed at the end.

cd "$(dirname "$0")/../.." || exit 1
B=build
QEMU=qemu-system-i386
QEMUOPTS="-m 128M -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 -boot d"
DEBUGFS=$(command -v debugfs || echo /sbin/debugfs)

tmp=$(mktemp -d)
qpid=""
cleanup() {
	if [ -n "$qpid" ]; then
		kill "$qpid" 2>/dev/null
		wait "$qpid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

for f in $B/harbor.iso $B/disk-fresh.img $B/bin/sh tools/gdbinit.in; do
	if [ ! -f "$f" ]; then
		echo "FAIL disk_programs_have_no_debug_info: expected $f to exist (run make all disk), saw it missing"
		echo "FAIL gdb_breaks_in_disk_program: expected $f to exist (run make all disk), saw it missing"
		exit 1
	fi
done
failed=0

# The loaded sections of an ELF file, as one file of bytes.
loaded() {
	objcopy -O binary -j .text -j .rodata -j .data "$1" "$2" 2>/dev/null
}

"$DEBUGFS" -R "dump /bin/sh $tmp/disk-sh" $B/disk-fresh.img >/dev/null 2>&1
sections=$(readelf -SW "$tmp/disk-sh" 2>/dev/null | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) .*/\1/p' | tr '\n' ' ')
if ! loaded "$tmp/disk-sh" "$tmp/disk.bin" || ! loaded $B/bin/sh "$tmp/build.bin"; then
	echo "FAIL disk_programs_have_no_debug_info: expected /bin/sh on the disk to be an ELF file, saw sections: ${sections:-none}"
	failed=1
elif echo "$sections" | grep -q '\.debug_'; then
	echo "FAIL disk_programs_have_no_debug_info: expected no .debug_ section in the disk's /bin/sh, saw: $sections"
	failed=1
elif ! echo "$sections" | grep -q '\.symtab'; then
	echo "FAIL disk_programs_have_no_debug_info: expected the disk's /bin/sh to keep .symtab, saw: $sections"
	failed=1
elif ! cmp -s "$tmp/disk.bin" "$tmp/build.bin"; then
	echo "FAIL disk_programs_have_no_debug_info: expected the disk's /bin/sh to load the same bytes as $B/bin/sh, saw them differ"
	failed=1
else
	echo "PASS disk_programs_have_no_debug_info"
fi

# QEMU on a free port (10000 above tests/gdb/check.sh's), the disk a copy.
cp $B/disk-fresh.img "$tmp/disk.img"
port=$(( $(id -u) % 5000 + 40000 ))
for try in 1 2 3 4 5 6 7 8 9 10; do
	timeout 60 $QEMU $QEMUOPTS -cdrom $B/harbor.iso -display none \
		-drive file="$tmp/disk.img",format=raw,if=ide,index=0,media=disk \
		-serial file:"$tmp/serial.txt" -S -gdb tcp:127.0.0.1:$port 2>"$tmp/qemu.err" &
	qpid=$!
	sleep 0.5	# it dies at once if the port is taken
	kill -0 $qpid 2>/dev/null && break
	wait $qpid 2>/dev/null
	qpid=""
	port=$((port + 1))
done
if [ -z "$qpid" ]; then
	echo "FAIL gdb_breaks_in_disk_program: expected QEMU to start with a GDB stub, saw: $(tr '\n' ' ' <"$tmp/qemu.err")"
	exit 1
fi
sed -e "s/@PORT@/$port/" -e "s|@B@|$B|g" -e "s|@TOP@|$(pwd)|g" tools/gdbinit.in >"$tmp/gdbinit"
timeout 60 gdb -batch -nx -x "$tmp/gdbinit" \
	-ex 'set pagination off' \
	-ex 'usersym sh' \
	-ex 'taskbreak sh main' \
	-ex 'tbreak host_image_spawn_handler' \
	-ex 'continue' \
	-ex 'printf "@@ image %s\n", args' \
	-ex 'continue' \
	-ex 'bt 1' \
	-ex 'cur' \
	-ex 'kill' \
	>"$tmp/gdb.out" 2>&1 </dev/null
grep -E '^(Temporary breakpoint|Breakpoint) [0-9]+, |^@@ |^#[0-9]|^task ' "$tmp/gdb.out" | sed 's/^/  /'

if grep -q '^@@ image sh$' "$tmp/gdb.out" &&
   grep -Eq '^#0 +(0x[0-9a-f]+ in )?main \(.* at user/sh/main\.c' "$tmp/gdb.out" &&
   grep -Eq '^task [0-9]+ \(sh\), thread [0-9]+' "$tmp/gdb.out"; then
	echo "PASS gdb_breaks_in_disk_program"
else
	echo "FAIL gdb_breaks_in_disk_program: expected sh started with image_spawn, '#0 main (...) at user/sh/main.c' and 'task N (sh)' from cur, saw: $(grep -E 'Breakpoint|^@@|^#|^task|rror|annot|timed out' "$tmp/gdb.out" | head -6 | tr '\n' '|')"
	failed=1
	echo "--- the guest's serial output, last lines:"
	tail -10 "$tmp/serial.txt" 2>/dev/null | sed "s/^/  | /"
fi
exit $failed
