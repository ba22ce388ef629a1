#!/bin/sh
# check.sh - GDB can debug Harbor: a batch GDB session against QEMU.
#
# Boots build/harbor-test.iso in QEMU halted with a GDB stub, attaches GDB
# with the .gdbinit that `make gdb` uses (made here from tools/gdbinit.in
# the same way), and checks three things:
#
#   gdb_breaks_in_kernel_function   a breakpoint on ipc_trap is hit, and
#                                   the backtrace names ipc_trap
#   gdb_breaks_in_user_program      with init's symbols loaded (usersym),
#                                   a breakpoint on init's main is hit
#                                   (taskbreak), and the backtrace names it
#   gdb_names_current_task          `cur` then says the task is init
#
# Run it from anywhere after `make all`: sh tests/gdb/check.sh
# It prints where GDB stopped and the backtraces, then one PASS or FAIL
# line per check, and exits 1 if any failed. QEMU and GDB each run under a
# timeout (the whole check takes about a second when it passes, at most
# about 35 when GDB never stops); QEMU is always killed at the end.

cd "$(dirname "$0")/../.." || exit 1
B=build
QEMU=qemu-system-i386
# The Makefile's QEMUOPTS, with the serial port going to a file.
QEMUOPTS="-m 128M -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 -boot d"

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

for f in $B/harbor-test.iso $B/kernel.elf $B/bin/init tools/gdbinit.in; do
	if [ ! -f "$f" ]; then
		for t in gdb_breaks_in_kernel_function gdb_breaks_in_user_program gdb_names_current_task; do
			echo "FAIL $t: expected $f to exist (run make all), saw it missing"
		done
		exit 1
	fi
done
# Symbols from a newer build than the ISO would point GDB at the wrong
# addresses (`make qemu-gdb` rebuilds the kernel but not the test ISO).
for f in $B/kernel.elf $B/bin/init; do
	if [ "$f" -nt $B/harbor-test.iso ]; then
		for t in gdb_breaks_in_kernel_function gdb_breaks_in_user_program gdb_names_current_task; do
			echo "FAIL $t: expected $B/harbor-test.iso to be newer than $f (run make all), saw it older"
		done
		exit 1
	fi
done

# port_busy PORT: is something listening on TCP port PORT? (No if we cannot tell.)
if command -v ss >/dev/null 2>&1; then
	have_ss=1 wait_max=30
else
	have_ss=0 wait_max=5
fi
port_busy() {
	[ $have_ss -eq 1 ] && ss -ltnH 2>/dev/null | awk '{print $4}' | grep -q ":$1\$"
}

# Start QEMU on a free port: the uid-derived one (5000 above `make gdb`'s,
# so both can run at once), else the next ones. GDB retries its connection
# for a while, so QEMU need not be listening yet when GDB starts.
port=$(( $(id -u) % 5000 + 30000 ))
started=0
for try in 1 2 3 4 5 6 7 8 9 10; do
	if port_busy $port; then
		port=$((port + 1))
		continue
	fi
	timeout 60 $QEMU $QEMUOPTS -cdrom $B/harbor-test.iso -display none \
		-serial file:"$tmp/serial.txt" -S -gdb tcp:127.0.0.1:$port 2>"$tmp/qemu.err" &
	qpid=$!
	# Wait until it listens or dies (it dies at once if the port is taken;
	# without ss, half a second alive will do).
	n=0
	while [ $n -lt $wait_max ] && kill -0 $qpid 2>/dev/null && ! port_busy $port; do
		sleep 0.1
		n=$((n + 1))
	done
	if kill -0 $qpid 2>/dev/null; then
		started=1
		break
	fi
	wait $qpid 2>/dev/null
	qpid=""
	port=$((port + 1))
done
if [ $started -eq 0 ]; then
	for t in gdb_breaks_in_kernel_function gdb_breaks_in_user_program gdb_names_current_task; do
		echo "FAIL $t: expected QEMU to start with a GDB stub, saw: $(tr '\n' ' ' <"$tmp/qemu.err")"
	done
	exit 1
fi

# The .gdbinit `make gdb` uses, for this port.
sed -e "s/@PORT@/$port/" -e "s|@B@|$B|g" tools/gdbinit.in >"$tmp/gdbinit"

# Both breakpoints are set before the first continue and each stops once
# (tbreak is temporary; init's main runs once), so the order they are hit
# in does not matter: init's main runs first, and its first printf traps.
timeout 30 gdb -batch -nx -x "$tmp/gdbinit" \
	-ex 'set pagination off' \
	-ex 'tbreak ipc_trap' \
	-ex 'usersym init' \
	-ex 'taskbreak init main' \
	-ex 'continue' \
	-ex 'bt' \
	-ex 'cur' \
	-ex 'continue' \
	-ex 'bt' \
	-ex 'cur' \
	-ex 'kill' \
	>"$tmp/gdb.out" 2>&1 </dev/null

# What GDB saw, for the reader: where it stopped, the backtraces, `cur`.
grep -E '^(Temporary breakpoint|Breakpoint) [0-9]+, |^#[0-9]|^task |^kernel thread ' "$tmp/gdb.out" |
	sed 's/^/  /'

failed=0

# check NAME FILE WHAT PATTERN...: PASS if FILE has a line matching each
# PATTERN (extended regular expressions), else FAIL showing what GDB said.
check() {
	name=$1 file=$2 what=$3
	shift 3
	for pat in "$@"; do
		if ! grep -Eq "$pat" "$file"; then
			saw=$(grep -Ev '^(\[|The target|Kill the program|add symbol table)' "$file" |
				grep -E 'Breakpoint|^#|^task|^kernel thread|rror|annot|No |Remote|timed out' |
				head -8 | tr '\n' '|')
			[ -n "$saw" ] || saw=$(tail -5 "$file" | tr '\n' '|')
			echo "FAIL $name: expected $what, saw: ${saw:-no output from gdb}"
			failed=1
			return
		fi
	done
	echo "PASS $name"
}

check gdb_breaks_in_kernel_function "$tmp/gdb.out" \
	"'Temporary breakpoint 1, ipc_trap (...)' and '#0  ipc_trap' in the backtrace" \
	'^Temporary breakpoint 1, ipc_trap \(' '^#0 +(0x[0-9a-f]+ in )?ipc_trap \('
check gdb_breaks_in_user_program "$tmp/gdb.out" \
	"'Breakpoint 2, main (...)' and '#0  main (...) at servers/init/main.c'" \
	'^Breakpoint 2, main \(' '^#0 +(0x[0-9a-f]+ in )?main \(.* at servers/init/main\.c'
check gdb_names_current_task "$tmp/gdb.out" \
	"'task N (init), thread N' from cur" \
	'^task [0-9]+ \(init\), thread [0-9]+'

if [ $failed -ne 0 ]; then
	echo "--- the gdb session (port $port):"
	cat "$tmp/gdb.out"
	echo "--- the guest's serial output, last lines:"
	tail -20 "$tmp/serial.txt" 2>/dev/null
	exit 1
fi
exit 0
