#!/bin/sh
# run.sh - boot a server fuzzer ISO (mode=test only=sfuzz,...) and judge it.
#
# Usage: tests/sfuzz/run.sh ISO TIMEOUT_SECONDS DISK_IMAGE ['ARGS']
# A fresh copy of DISK_IMAGE is the IDE disk. The guest suite runs only
# user/tests/sfuzz.c, which starts the fuzzer and prints its PASS/FAIL
# lines; the fuzzer's own lines start with "sfuzz:". We pass them on, add
# a FAIL of our own for a panic, a server the kernel killed or init saw
# die, a hang or QEMU dying, and run e2fsck -fn on the disk afterwards
# (sfuzz_disk_fsck_clean). With ARGS (make fuzz-servers), the last line
# is a verdict: "sfuzz verdict: PASS ..." or "sfuzz verdict: FAIL ...".
# Exits 0 only if everything passed.

iso=$1
limit=$2
image=$3
args=$4
out=$(mktemp)
disk=$(mktemp)
trap 'rm -f "$out" "$disk"' EXIT

[ -n "$args" ] && echo "sfuzz: make fuzz-servers with $args (timeout ${limit} s)"
cp "$image" "$disk"
start=$(date +%s)
timeout --foreground "$limit" qemu-system-i386 -m 128M -no-reboot -display none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-drive file="$disk",format=raw,if=ide,index=0,media=disk \
	-serial file:"$out" -monitor none -cdrom "$iso" -boot d </dev/null >/dev/null 2>&1
status=$?
took=$(($(date +%s) - start))
log() { tr -d '\r' <"$out" | grep -a -v '^$'; }
log | grep -a -v '^harbor: module \|^harbor: booting'

failed=0
fail() {
	echo "FAIL $1"
	failed=1
}
if log | grep -aq 'KERNEL PANIC'; then
	fail "sfuzz_kernel_did_not_panic: $(log | grep -a -A2 'KERNEL PANIC' | tr '\n' ' ')"
fi
if log | grep -aq 'harbor: BUG'; then
	fail "sfuzz_kernel_found_no_bug_in_itself: $(log | grep -a 'harbor: BUG' | head -3 | tr '\n' ' ')"
fi
# A server the kernel killed (a fault), or one whose death init reported.
servers='init\|mem\|name\|console\|pipe\|ata\|fs\|proc'
dead=$(log | grep -a "^harbor: task [0-9]* (\($servers\)) \|^init: server " | head -3 | tr '\n' ' ')
if [ -n "$dead" ]; then
	fail "sfuzz_no_server_was_killed: $dead"
else
	echo "PASS sfuzz_no_server_was_killed"
fi
case $status in
1|5)	;;	# the suite shut down: 0 (every case passed) or 2 (FAIL lines above)
124)	fail "sfuzz_finished: no shutdown within $limit s (a hang?)" ;;
*)	fail "sfuzz_finished: QEMU exited with status $status" ;;
esac
if [ "$status" = 1 ] || [ "$status" = 5 ]; then
	if log | grep -aq 'guest suite done'; then
		echo "PASS sfuzz_finished"
	else
		fail "sfuzz_finished: the suite never said it was done"
	fi
fi
[ "$status" = 5 ] && failed=1
e2fsck=$(command -v e2fsck || echo /sbin/e2fsck)
if fsck=$("$e2fsck" -fn "$disk" 2>&1); then
	echo "PASS sfuzz_disk_fsck_clean"
else
	echo "$fsck"
	fail "sfuzz_disk_fsck_clean: e2fsck -fn finds nothing to fix, it reported the problems above"
fi
if [ -n "$args" ]; then
	if [ "$failed" = 0 ]; then
		echo "sfuzz verdict: PASS: $(log | grep -a '^sfuzz: [0-9]* steps in' | sed 's/^sfuzz: //'); ($args, ${took} s)"
	else
		echo "sfuzz verdict: $(log | grep -a "^sfuzz: verdict" | sed "s/^sfuzz: verdict: //") ($args, ${took} s)"
	fi
fi
exit $failed
