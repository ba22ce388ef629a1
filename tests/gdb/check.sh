#!/bin/sh
# check.sh - GDB can debug Harbor: a batch GDB session against QEMU.
#
# Boots build/harbor-test.iso in QEMU halted with a GDB stub, attaches GDB
# with the .gdbinit that `make gdb` uses (made here from tools/gdbinit.in
# the same way), and checks:
#
#   gdb_connects_to_127_0_0_1       .gdbinit attaches to 127.0.0.1, not localhost
#   gdb_breaks_in_kernel_function   a breakpoint on ipc_trap is hit, and
#                                   the backtrace names ipc_trap
#   gdb_breaks_in_user_program      with init's symbols loaded (usersym),
#                                   a breakpoint on init's main is hit
#                                   (taskbreak), and the backtrace names it
#   gdb_names_current_task          `cur` then says the task is init
#   gdb_bt_crosses_trap             in ipc_trap, `bt` goes through alltraps
#                                   into init's own frames, down to main
#
# and the commands of tools/gdb/harbor.py against known state: at init's
# first trap (init is the only task, running, with its well-known names)
#
#   gdb_tasks_at_boot               `tasks`: init, its thread RUNNING
#   gdb_rights_at_boot              `rights init`: task port (name 0x1),
#                                   host port (0x4), reply port (0x5)
#   gdb_runq_at_boot                `runq`: init's thread runs
#   gdb_events_trace_off            `events`: the trace is off, no events
#
# then, with the trace switched on, where the test suite (task `tests`)
# queues a second message (id 42, send_seq) on a port of its own:
#
#   gdb_portq_shows_queue           `portq p`: 1 queued, id 42, from tests
#   gdb_rights_show_queue_length    `rights tests`: that port, queue 1
#   gdb_tasks_later                 `tasks`: tests, its thread RUNNING
#   gdb_runq_later                  `runq`: tests's thread runs
#   gdb_events_show_send            `events`: the first id-42 send, queued
#                                   by tests on that same port
#
# Run it from anywhere after `make all`: sh tests/gdb/check.sh
# It prints where GDB stopped and the backtraces, then one PASS or FAIL
# line per check, and exits 1 if any failed. QEMU and GDB each run under a
# timeout (the whole check takes a few seconds when it passes, at most
# about 65 when GDB never stops); QEMU is always killed at the end.

cd "$(dirname "$0")/../.." || exit 1
B=build
QEMU=qemu-system-i386
# The Makefile's QEMUOPTS, with the serial port going to a file.
QEMUOPTS="-m 128M -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 -boot d"
ALL_CHECKS="gdb_connects_to_127_0_0_1 gdb_breaks_in_kernel_function gdb_breaks_in_user_program
	gdb_names_current_task gdb_bt_crosses_trap gdb_tasks_at_boot gdb_rights_at_boot
	gdb_runq_at_boot gdb_events_trace_off gdb_portq_shows_queue gdb_rights_show_queue_length
	gdb_tasks_later gdb_runq_later gdb_events_show_send"

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
		for t in $ALL_CHECKS; do
			echo "FAIL $t: expected $f to exist (run make all), saw it missing"
		done
		exit 1
	fi
done
# Symbols from a newer build than the ISO would point GDB at the wrong
# addresses (`make qemu-gdb` rebuilds the kernel but not the test ISO).
for f in $B/kernel.elf $B/bin/init; do
	if [ "$f" -nt $B/harbor-test.iso ]; then
		for t in $ALL_CHECKS; do
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
	timeout 90 $QEMU $QEMUOPTS -cdrom $B/harbor-test.iso -display none \
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
	for t in $ALL_CHECKS; do
		echo "FAIL $t: expected QEMU to start with a GDB stub, saw: $(tr '\n' ' ' <"$tmp/qemu.err")"
	done
	exit 1
fi

# The .gdbinit `make gdb` uses, for this port.
sed -e "s/@PORT@/$port/" -e "s|@B@|$B|g" -e "s|@TOP@|$(pwd)|g" tools/gdbinit.in >"$tmp/gdbinit"

# Both breakpoints are set before the first continue and each stops once
# (tbreak is temporary; init's main runs once). init's first trap comes
# before main (the C library says hello to the memory server), so once at
# main a second tbreak waits for main's own first trap (its printf), whose
# backtrace must cross the trap into main.
# "@@ NAME" lines cut the output into sections, one per stop.
timeout 60 gdb -batch -nx -x "$tmp/gdbinit" \
	-ex 'set pagination off' \
	-ex 'tbreak ipc_trap' \
	-ex 'usersym init' \
	-ex 'taskbreak init main' \
	-ex 'continue' \
	-ex 'bt' \
	-ex 'cur' \
	-ex 'continue' \
	-ex 'bt 1' \
	-ex 'tbreak ipc_trap' \
	-ex 'continue' \
	-ex 'echo @@ trap\n' \
	-ex 'bt' \
	-ex 'cur' \
	-ex 'echo @@ tasks-boot\n' -ex 'tasks' \
	-ex 'echo @@ rights-boot\n' -ex 'rights init' \
	-ex 'echo @@ runq-boot\n' -ex 'runq' \
	-ex 'echo @@ events-boot\n' -ex 'events 5' \
	-ex 'set var trace_on = 1' \
	-ex 'delete' \
	-ex 'break port_enqueue if m->msg->id == 42 && p->count == 1' \
	-ex 'continue' \
	-ex 'echo @@ portq\n' -ex 'portq p' \
	-ex 'printf "@@ port %u\n", p->id' \
	-ex 'echo @@ rights-later\n' -ex 'rights tests' \
	-ex 'echo @@ tasks-later\n' -ex 'tasks' \
	-ex 'echo @@ runq-later\n' -ex 'runq' \
	-ex 'echo @@ events-later\n' -ex 'events 60' \
	-ex 'echo @@ end\n' \
	-ex 'kill' \
	>"$tmp/gdb.out" 2>&1 </dev/null

# What GDB saw, for the reader: where it stopped, the backtraces, `cur`.
grep -E '^(Temporary breakpoint|Breakpoint) [0-9]+, |^#[0-9]|^task |^kernel thread ' "$tmp/gdb.out" |
	sed 's/^/  /'

# section NAME: the lines after "@@ NAME" up to the next "@@" line, in $tmp/NAME.
section() {
	awk -v want="@@ $1" '/^@@ / { on = ($0 == want); next } on' "$tmp/gdb.out" >"$tmp/$1"
}
for sec in trap tasks-boot rights-boot runq-boot events-boot portq rights-later tasks-later \
	runq-later events-later; do
	section $sec
done
# The serial number of the port the tests queue on.
qport=$(sed -n 's/^@@ port \([0-9]*\)$/\1/p' "$tmp/gdb.out")
[ -n "$qport" ] || qport=NONE

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

check gdb_connects_to_127_0_0_1 "$tmp/gdbinit" \
	"'target remote 127.0.0.1:PORT' in the generated .gdbinit" \
	'^target remote 127\.0\.0\.1:[0-9]+$'
check gdb_breaks_in_kernel_function "$tmp/gdb.out" \
	"'Temporary breakpoint 1, ipc_trap (...)' and '#0  ipc_trap' in the backtrace" \
	'^Temporary breakpoint 1, ipc_trap \(' '^#0 +(0x[0-9a-f]+ in )?ipc_trap \('
check gdb_breaks_in_user_program "$tmp/gdb.out" \
	"'Breakpoint 2, main (...)' and '#0  main (...) at servers/init/main.c'" \
	'^Breakpoint 2, main \(' '^#0 +(0x[0-9a-f]+ in )?main \(.* at servers/init/main\.c'
check gdb_names_current_task "$tmp/gdb.out" \
	"'task N (init), thread N' from cur" \
	'^task [0-9]+ \(init\), thread [0-9]+'
check gdb_bt_crosses_trap "$tmp/trap" \
	"ipc_trap, then alltraps, then a user trap stub (user/lib/trap.S), then init's main" \
	'^#0 +ipc_trap \(' '^#[0-9]+ +0x[0-9a-f]+ in alltraps \(' \
	'^#[0-9]+ +0x[0-9a-f]+ in msg_[a-z]+ \(.* at user/lib/trap\.S' \
	'^#[0-9]+ +0x[0-9a-f]+ in main \(.* at servers/init/main\.c'
check gdb_tasks_at_boot "$tmp/tasks-boot" \
	"'task 1 (init)' with '* thread N RUNNING'" \
	'^task 1 \(init\): ' '^  \* thread [0-9]+ RUNNING'
check gdb_rights_at_boot "$tmp/rights-boot" \
	"names 0x1 (task port of init), 0x4 (host port), 0x5 (receive right)" \
	'^  0x1 +send +[0-9]+ .*task port of task 1 \(init\)' \
	'^  0x4 +send +[0-9]+ .*host port' \
	'^  0x5 +receive +[0-9]+ +0 +[0-9]+ +receiver task 1 \(init\)'
check gdb_runq_at_boot "$tmp/runq-boot" \
	"'running: thread N of task 1 (init)'" \
	'^running: thread [0-9]+ of task 1 \(init\)'
check gdb_events_trace_off "$tmp/events-boot" \
	"'trace off: 0 events recorded'" \
	'^trace off: 0 events recorded$'
check gdb_portq_shows_queue "$tmp/portq" \
	"'port N (receiver task N (tests)): 1 queued' and '1. id 42 ..., from task N (tests)'" \
	'^port [0-9]+ \(receiver task [0-9]+ \(tests\)\): 1 queued, limit [0-9]+' \
	'^  1\. id 42 \(#42\), [0-9]+ bytes, from task [0-9]+ \(tests\)'
check gdb_rights_show_queue_length "$tmp/rights-later" \
	"a receive+send right to port $qport with queue length 1" \
	"^  0x[0-9a-f]+ +receive\+send +$qport +1 +[0-9]+ +receiver task [0-9]+ \(tests\)"
check gdb_tasks_later "$tmp/tasks-later" \
	"'task N (tests)' with '* thread N RUNNING'" \
	'^task [0-9]+ \(tests\): ' '^  \* thread [0-9]+ RUNNING'
check gdb_runq_later "$tmp/runq-later" \
	"'running: thread N of task N (tests)'" \
	'^running: thread [0-9]+ of task [0-9]+ \(tests\)'
check gdb_events_show_send "$tmp/events-later" \
	"'trace on' and a send of #42 by tests, queued on port $qport for tests" \
	'^trace on: [0-9]+ events recorded' \
	"^ +[0-9]+ +[0-9]+ send +tests\.[0-9]+ +-> tests\.[0-9]+ +#42 \(port $qport, [0-9]+ bytes, queued\)"

if [ $failed -ne 0 ]; then
	echo "--- the gdb session (port $port):"
	cat "$tmp/gdb.out"
	echo "--- the guest's serial output, last lines:"
	tail -20 "$tmp/serial.txt" 2>/dev/null | sed "s/^/  | /"	# (indented: not counted as results)
	exit 1
fi
exit 0
