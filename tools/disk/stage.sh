#!/bin/sh
# stage.sh - fill the staging directory that becomes the disk image.
#
# Usage: [OBJCOPY=...] tools/disk/stage.sh DIR PROGRAM...
# DIR is emptied and filled with what mke2fs -d copies onto the disk:
# the user programs under /bin, and sample files the filesystem tests
# read (docs/filesystem.md lists them).
#
# The programs go onto the disk without their debugging information
# (objcopy --strip-debug: code, data and the symbol table stay, byte for
# byte at the same addresses), because proc reads a whole program from
# the disk to start it, and the DWARF sections are three quarters of a
# build/bin/ file (cat: 246 KB, 68 KB without). GDB takes a program's
# symbols and lines from build/bin/NAME, which keeps them
# (docs/debugging.md). The large file is sparse: it is
# past the double-indirect range of 1 KiB blocks (64.26 MiB) but holds
# only a few blocks of data, so the image stays small.
set -e
dir=$1
shift
rm -rf "$dir"
mkdir -p "$dir/bin" "$dir/etc" "$dir/home/student" "$dir/samples/deep/er/still"
for p in "$@"; do
	"${OBJCOPY:-objcopy}" --strip-debug "$p" "$dir/bin/${p##*/}"
done
printf 'Welcome to Harbor.\nThis file lives on an ext2 disk served by user-mode servers.\n' \
	>"$dir/etc/motd"
printf 'hello, disk\n' >"$dir/samples/hello.txt"
# 300 KiB of numbered lines: a file that needs the single-indirect block.
i=0
while [ $i -lt 12000 ]; do
	printf 'line %06d of medium.txt .....\n' $i
	i=$((i + 1))
done >"$dir/samples/medium.txt"
# A sparse file: a hole, then a marker 70 MiB in (triple-indirect with
# 1 KiB blocks), and a small piece of data at its start.
printf 'start of big.bin\n' >"$dir/samples/big.bin"
printf 'end of big.bin at 70 MiB\n' |
	dd of="$dir/samples/big.bin" bs=1 seek=73400320 conv=notrunc 2>/dev/null
printf 'found me\n' >"$dir/samples/deep/er/still/leaf.txt"
ln -s hello.txt "$dir/samples/link-to-hello"
ln "$dir/samples/hello.txt" "$dir/samples/hard-hello.txt"
chmod 0444 "$dir/samples/hard-hello.txt"
