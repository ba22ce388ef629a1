#!/bin/sh
# run.sh - boot the benchmark ISO and print its figures.
#
# Usage: tests/bench/run.sh [--tcg] ISO [TIMEOUT_SECONDS [DISK]]
# Builds nothing: `make bench` builds build/harbor-bench.iso first. QEMU
# runs with -icount shift=0, so the guest's rdtsc advances by one per
# guest instruction and every figure is an exact instruction count. With
# --tcg it runs without icount: rdtsc then follows the host's clock, and
# the lines are relabelled unit=host-tsc mode=tcg (noisy, for comparison).
# We print the guest's "bench ..." lines and exit non-zero if the guest
# panicked, did not shut down in time (default 280 s, at most 300), or
# reported a failed case; then the whole serial log is shown. DISK (make
# bench gives build/disk-bench.img, an empty ext2 image) is copied and the
# copy attached as the IDE disk, for the fs_* cases.

icount="-icount shift=0"
tcg=
if [ "$1" = "--tcg" ]; then
	icount=
	tcg=1
	shift
fi
relabel() {
	if [ -n "$tcg" ]; then
		sed 's/unit=instructions mode=tcg-icount/unit=host-tsc mode=tcg/'
	else
		cat
	fi
}
iso=$1
limit=${2:-280}
[ "$limit" -gt 300 ] && limit=300
if [ ! -f "$iso" ]; then
	echo "bench: no $iso (make bench builds it)"
	exit 1
fi
out=$(mktemp)
disk=
drive=
if [ -n "$3" ]; then
	disk=$(mktemp)
	cp "$3" "$disk"
	drive="-drive file=$disk,format=raw,if=ide,index=0,media=disk"
fi
trap 'rm -f "$out" $disk' EXIT

start=$(date +%s)
timeout --foreground "$limit" qemu-system-i386 -m 128M $icount -display none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $drive \
	-serial file:"$out" -monitor none -cdrom "$iso" -boot d </dev/null >/dev/null 2>&1
status=$?
took=$(($(date +%s) - start))
tr -d '\r' <"$out" | grep -a '^bench ' | relabel

fail() {
	echo "bench: FAILED: $1"
	echo "--- serial log"
	tr -d '\r' <"$out" | grep -a -v '^$'
	exit 1
}
if tr -d '\r' <"$out" | grep -aq 'KERNEL PANIC'; then
	fail "the kernel panicked"
fi
case $status in
1)	;;	# shutdown(0): every case ran or was skipped
5)	fail "a case failed" ;;
124)	fail "no shutdown within $limit s" ;;
*)	fail "QEMU exited with status $status" ;;
esac
grep -aq '^bench: done' "$out" || fail "the benchmark never said it was done"
echo "bench: done in $took s"
