# Harbor - top-level Makefile.
#
#   make qemu       build and boot in QEMU (serial on this terminal)
#   make qemu-nox   same, never a window
#   make test       every test; ends with "N passed, N failed"
#   make qemu-gdb   boot halted, waiting for GDB;  make gdb  attaches
#   make bench      IPC benchmarks (instruction counts)
#
# Everything is built under build/. Each folder adds its rules in its own
# Makefrag. `make V=1` shows full commands.

B := build

ifeq ($(V),1)
Q :=
else
Q := @
endif

# --- toolchain -------------------------------------------------------------
# An i386 cross toolchain if there is one, else the host gcc with -m32
# (freestanding code needs no multilib). Override with TOOLPREFIX=.
ifndef TOOLPREFIX
TOOLPREFIX := $(shell for p in i686-linux-gnu- i686-elf- i386-elf-; do \
	if command -v $${p}gcc >/dev/null 2>&1 && command -v $${p}ld >/dev/null 2>&1; then echo $$p; exit 0; fi; done; echo)
endif
CC := $(TOOLPREFIX)gcc
LD := $(TOOLPREFIX)ld
OBJCOPY := $(TOOLPREFIX)objcopy
OBJDUMP := $(TOOLPREFIX)objdump
NM := $(TOOLPREFIX)nm
HOSTCC := gcc

WARN := -Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes -Wmissing-prototypes
CFLAGS := -m32 -march=i686 -std=gnu11 -O2 -g -ffreestanding -fno-builtin -fno-pic -fno-pie \
	-fno-stack-protector -fno-omit-frame-pointer -fno-strict-aliasing -nostdinc \
	-isystem $(shell $(CC) -m32 -print-file-name=include) \
	-I. -Iinclude -I$(B)/gen $(WARN) -MD -MP
ASFLAGS := -m32 -g -I. -Iinclude -MD -MP
LDFLAGS := -m elf_i386 -nostdlib -z noexecstack --fatal-warnings
HOST_CFLAGS := -std=gnu11 -O1 -g -Iinclude -I$(B)/gen -I. $(WARN) -MD -MP

QEMU := qemu-system-i386
GDBPORT := $(shell expr `id -u` % 5000 + 25000)
QEMUOPTS := -m 128M -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-serial mon:stdio -boot d

all: $(B)/harbor.iso $(B)/harbor-test.iso

# Folder fragments add to these.
HOST_TESTS :=		# host test binaries run by `make test`
MODULES :=		# user ELF binaries loaded as Multiboot modules

include tools/Makefrag
include kernel/Makefrag
include user/Makefrag
include tests/Makefrag

# --- the bootable ISOs -----------------------------------------------------
# harbor.iso boots to the demo (later: the shell); harbor-test.iso runs the
# guest test suite. They differ only in the kernel command line (mode=).

MODULE_LINES = $(foreach m,$(MODULES),\tmodule /boot/$(notdir $(m)) $(notdir $(m))\n)

$(B)/iso-%/boot/grub/grub.cfg: boot/grub.cfg $(MODULES) Makefile
	@mkdir -p $(@D)
	$(Q)sed -e 's/@MODE@/$*/' -e 's|@MODULES@|$(MODULE_LINES)|' $< > $@

$(B)/harbor-%.iso: $(B)/iso-%/boot/grub/grub.cfg $(B)/kernel.elf $(MODULES)
	@echo "+ grub-mkrescue $@"
	$(Q)cp $(B)/kernel.elf $(MODULES) $(B)/iso-$*/boot/
	$(Q)grub-mkrescue -o $@ $(B)/iso-$* >$(B)/grub-mkrescue.log 2>&1 || \
		{ cat $(B)/grub-mkrescue.log; exit 1; }

# The ISO a user boots is build/harbor.iso.
$(B)/harbor.iso: $(B)/harbor-demo.iso
	$(Q)cp $< $@

iso: deps-qemu $(B)/harbor.iso $(B)/harbor-test.iso

# --- running ---------------------------------------------------------------
# Serial on this terminal (Ctrl-a x quits). A VGA window only when there is
# a display; qemu-nox never opens one.

QEMU_DISPLAY := $(if $(DISPLAY),,-display none)

qemu: deps-qemu $(B)/harbor.iso
	$(QEMU) $(QEMUOPTS) -cdrom $(B)/harbor.iso $(QEMU_DISPLAY)

qemu-nox: deps-qemu $(B)/harbor.iso
	$(QEMU) $(QEMUOPTS) -cdrom $(B)/harbor.iso -display none

qemu-gdb: deps-qemu $(B)/harbor.iso .gdbinit
	@echo "*** QEMU is waiting for GDB on port $(GDBPORT): run 'make gdb' in another terminal."
	$(QEMU) $(QEMUOPTS) -cdrom $(B)/harbor.iso $(QEMU_DISPLAY) -S -gdb tcp::$(GDBPORT)

gdb: deps-gdb .gdbinit
	gdb -q -x .gdbinit

.gdbinit: tools/gdbinit.in Makefile
	$(Q)sed -e 's/@PORT@/$(GDBPORT)/' -e 's|@B@|$(B)|g' $< > $@

deps:
	@sh tools/deps.sh all
deps-qemu:
	@sh tools/deps.sh qemu
deps-gdb:
	@sh tools/deps.sh gdb

.PHONY: all deps deps-qemu deps-gdb iso qemu qemu-nox qemu-gdb gdb test bench clean

clean:
	rm -rf $(B) .gdbinit

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# Keep intermediate files (grub.cfg, generated C) so rebuilds stay quiet.
.SECONDARY:
