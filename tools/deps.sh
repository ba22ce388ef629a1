#!/bin/sh
# deps.sh - make sure the host tools Harbor needs are installed.
#
# Called by the Makefile before `make qemu`, `make test` and friends. Each
# needed command maps to the Debian package that provides it. When something
# is missing we install it with apt-get if we are root (or can sudo without a
# password); otherwise we print the one apt-get line that would, and fail.
# When nothing is missing this prints nothing and does no work.
#
# Usage: tools/deps.sh [qemu|test|gdb|all]

need=${1:-all}	# all tools, whichever target asked
missing=""

# want COMMAND PACKAGE: remember PACKAGE if COMMAND is not on the PATH.
want() {
	if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$1" ] && [ ! -x "/sbin/$1" ]; then
		case " $missing " in *" $2 "*) ;; *) missing="$missing $2" ;; esac
	fi
}

# The compiler: the host gcc when it can build 32-bit freestanding code
# (any x86-64 gcc can), else Debian's i686 cross compiler. We never ask for
# gcc-multilib: it conflicts with gcc-i686-linux-gnu.
want gcc gcc
want ld binutils
want make make
# The host tools and tests need the C library's headers, which gcc only
# recommends (and we install without recommends).
[ -f /usr/include/string.h ] || missing="$missing libc6-dev"
if command -v gcc >/dev/null 2>&1 && ! command -v i686-linux-gnu-gcc >/dev/null 2>&1; then
	if ! echo 'int x;' | gcc -m32 -ffreestanding -x c -c -o /dev/null - >/dev/null 2>&1; then
		want i686-linux-gnu-gcc gcc-i686-linux-gnu
		want i686-linux-gnu-ld binutils-i686-linux-gnu
	fi
fi

want qemu-system-i386 qemu-system-x86
want grub-mkrescue grub-common
[ -d /usr/lib/grub/i386-pc ] || missing="$missing grub-pc-bin"
want xorriso xorriso
want mformat mtools
want mkfs.ext2 e2fsprogs
want e2fsck e2fsprogs
case $need in test|gdb|all) want gdb gdb ;; esac
# make trace draws its charts with mscgen.
want mscgen mscgen
# The shell session test (tests/shell/drive.py) types at the serial line from Python.
case $need in test|all) want python3 python3 ;; esac

[ -z "$missing" ] && exit 0

line="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo "
else
	echo "Harbor needs some packages that are not installed. Run, as root (or with sudo):" >&2
	echo "    apt-get update && $line" >&2
	exit 1
fi
echo "+ installing:$missing"
export DEBIAN_FRONTEND=noninteractive
${sudo}apt-get update -q >/dev/null || exit 1
${sudo}$line || exit 1
