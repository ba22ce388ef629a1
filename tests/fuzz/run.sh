#!/bin/sh
# run.sh - boot the fuzz ISO and give the run's verdict.
#
# Usage: tests/fuzz/run.sh ISO TIMEOUT_SECONDS 'ARGS'
# ARGS are the fuzzer's parameters as the kernel command line carries them
# (s=SEED n=TRAPS t=TASKS h=THREADS k=KILL [x=SKIP] [o=ONLY]); they are
# only printed here, the ISO has them already. The guest prints its
# "fuzz:" lines on the serial line and shuts QEMU down with code 0 (no
# finding) or 2. We print those lines, then one verdict line:
#   fuzz verdict: PASS ...
#   fuzz verdict: FAIL: kernel panic | hang | findings ... 
# and exit 0 only for PASS. A kernel panic names the user trap that led
# to it with the user's registers; a fuzzer trap carries its tag in %ebp
# (task << 28 | thread << 24 | step), which we decode into the command
# that replays that stream.

iso=$1
limit=$2
args=$3
out=$(mktemp)
trap 'rm -f "$out"' EXIT

arg() {	# the value of key $1 in $args
	echo " $args" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

echo "fuzz: make fuzz SEED=$(arg s) TRAPS=$(arg n) TASKS=$(arg t) THREADS=$(arg h) KILL=$(arg k)" \
	"SKIP=$(arg x) ONLY=$(arg o) (timeout ${limit} s)"
start=$(date +%s)
timeout --foreground "$limit" qemu-system-i386 -m 128M -no-reboot -display none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-serial file:"$out" -monitor none -cdrom "$iso" -boot d </dev/null >/dev/null 2>&1
status=$?
took=$(($(date +%s) - start))
log() { tr -d '\r' <"$out" | grep -a -v '^$'; }

# Everything the fuzzer and the kernel said (the boot banner and module list aside).
log | grep -a -v '^harbor: module \|^harbor: booting'

verdict() {
	echo "fuzz verdict: $1 (seed $(arg s), ${took} s)"
	exit "$2"
}
if log | grep -aq 'KERNEL PANIC'; then
	# The panic names the trap's task; a fuzz task's trap carries its tag in %ebp.
	tag=
	if log | grep -a -A3 'KERNEL PANIC' | grep -aq '^  in task [0-9]* (fuzz)'; then
		tag=$(log | grep -a -A6 'KERNEL PANIC' | sed -n 's/.*user eax .* ebp \([0-9a-f]*\) .*/\1/p' | head -1)
	fi
	if [ -n "$tag" ]; then
		t=$(printf '%d' "0x$tag")
		k=$(( (t >> 28) & 15 )); h=$(( (t >> 24) & 15 )); step=$(( t & 16777215 ))
		echo "fuzz: the trap that panicked was task $k thread $h step $step; replay that stream alone:"
		echo "fuzz:   make fuzz SEED=$(arg s) TASKS=$(arg t) THREADS=$(arg h) ONLY=$k.$h TRAPS=$((step + 1))$( [ -n "$(arg x)" ] && echo " SKIP=$(arg x)")"
	fi
	verdict "FAIL: kernel panic" 1
fi
if log | grep -aq 'harbor: BUG'; then
	verdict "FAIL: the kernel found a bug in itself (harbor: BUG)" 1
fi
case $status in
1)	;;	# shutdown(0): no finding
5)	verdict "$(log | grep -a 'fuzz: verdict' | sed 's/^fuzz: verdict: //')" 1 ;;
124)	verdict "FAIL: hang (no verdict within ${limit} s)" 1 ;;
*)	verdict "FAIL: QEMU exited with status $status" 1 ;;
esac
if ! log | grep -aq 'fuzz: verdict: PASS'; then
	verdict "FAIL: the fuzzer never gave its verdict" 1
fi
verdict "PASS: $(log | grep -a '^fuzz: [0-9]* steps' | sed 's/^fuzz: //'); no panic, hang, leak or finding" 0
