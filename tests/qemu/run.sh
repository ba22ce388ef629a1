#!/bin/sh
# run.sh - boot an ISO in QEMU and report the guest suite's results.
#
# Usage: tests/qemu/run.sh ISO [TIMEOUT_SECONDS [DISK_IMAGE]]
# The guest prints "PASS name" / "FAIL name: ..." lines on the serial line
# and ends by asking the host port to shut down, which leaves QEMU through
# the isa-debug-exit device. We pass those lines on, and add a FAIL of our
# own when the boot did not end that way: a kernel panic (named), a
# timeout (a hang), or QEMU dying.
#
# With DISK_IMAGE, a fresh copy of it is the primary IDE disk, and after
# the boot `e2fsck -fn` checks that copy: one more case, guest_disk_fsck_clean.

iso=$1
limit=${2:-120}
image=$3
out=$(mktemp)
disk=$(mktemp)
trap 'rm -f "$out" "$disk"' EXIT

drive=""
if [ -n "$image" ]; then
	cp "$image" "$disk"
	drive="-drive file=$disk,format=raw,if=ide,index=0,media=disk"
fi
timeout --foreground "$limit" qemu-system-i386 -m 128M -no-reboot -display none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $drive \
	-serial file:"$out" -monitor none -cdrom "$iso" -boot d </dev/null >/dev/null 2>&1
status=$?
tr -d '\r' <"$out" | grep -a -v '^$'

panic=$(tr -d '\r' <"$out" | grep -a -A2 'KERNEL PANIC' | tr '\n' ' ')
if [ -n "$panic" ]; then
	echo "FAIL guest_kernel_did_not_panic: $panic"
	exit 1
fi
bug=$(tr -d '\r' <"$out" | grep -a 'harbor: BUG' | head -3 | tr '\n' ' ')
if [ -n "$bug" ]; then
	echo "FAIL guest_kernel_found_no_bug_in_itself: $bug"
	exit 1
fi
case $status in
1)	;;	# shutdown(0): the suite finished and every case passed
5)	;;	# shutdown(2): the suite finished with failures (FAIL lines above)
124)	echo "FAIL guest_suite_finished: no shutdown within $limit s (a hang?)"; exit 1 ;;
*)	echo "FAIL guest_suite_finished: QEMU exited with status $status"; exit 1 ;;
esac
if ! grep -aq 'guest suite done' "$out"; then
	echo "FAIL guest_suite_finished: the suite never said it was done"
	exit 1
fi
if [ -n "$image" ]; then
	e2fsck=$(command -v e2fsck || echo /sbin/e2fsck)
	if fsck=$("$e2fsck" -fn "$disk" 2>&1); then
		echo "PASS guest_disk_fsck_clean"
	else
		echo "$fsck"
		echo "FAIL guest_disk_fsck_clean: e2fsck -fn finds nothing to fix, it reported the problems above"
		exit 1
	fi
fi
[ "$status" -eq 1 ]
