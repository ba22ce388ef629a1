# Harbor - top-level Makefile.
#
#   make qemu       build and boot in QEMU (serial on this terminal)
#   make qemu-nox   same, never a window
#   make test       every test; ends with "N passed, N failed"
#   make qemu-gdb   boot halted, waiting for GDB;  make gdb  attaches
#   make bench      IPC figures in guest instructions (docs/benchmarks.md)
#   make fuzz       a long kernel fuzzer run: SEED= TRAPS= ... (docs/testing.md)
#   make fuzz-servers  a long server fuzzer run: SEED= N= ... (docs/testing.md)
#   make trace      the RPC demo's messages as a chart (docs/trace.md)
#   make clean-disk a fresh disk for make qemu (it keeps build/disk.img otherwise)
#   make handout LAB=N [DEST=]   a lab's student tree;  make grade LAB=N  scores it (labs/)
#
# Everything is built under build/. Each folder adds its rules in its own
# Makefrag. `make V=1` shows full commands.
#
# The commands a user types first make sure the host tools are installed
# (tools/deps.sh), then run make again for the real work, so that the
# compiler found below is the one just installed.

ENTRY_GOALS := qemu qemu-nox qemu-gdb gdb test iso bench fuzz fuzz-servers trace grade
ifeq ($(filter-out $(ENTRY_GOALS),$(MAKECMDGOALS)),)
ifneq ($(MAKECMDGOALS),)
ifndef HARBOR_DEPS_OK
$(MAKECMDGOALS): harbor-deps
	@HARBOR_DEPS_OK=1 $(MAKE) --no-print-directory $@
harbor-deps:
	@sh tools/deps.sh
.PHONY: $(MAKECMDGOALS) harbor-deps
HARBOR_ENTRY := 1
endif
endif
endif

ifndef HARBOR_ENTRY

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

all: $(B)/harbor.iso $(B)/harbor-test.iso programs

# Folder fragments add to these.
HOST_TESTS :=		# host test binaries run by `make test`
GUEST_TESTS :=		# commands that boot QEMU and run guest suites ('+' for spaces)
GUEST_TEST_DEPS :=	# what those need built
MODULES :=		# user ELF binaries loaded as Multiboot modules
PROGRAMS :=		# every user ELF binary: the disk's /bin (and the modules among them)

include tools/Makefrag
include kernel/Makefrag
include user/Makefrag
include tools/disk/Makefrag	# after user/: the image holds the programs
include labs/Makefrag
include tests/Makefrag

# --- the bootable ISOs -----------------------------------------------------
# harbor.iso boots to the shell (mode=shell); harbor-test.iso runs the
# guest test suite. They differ only in the kernel command line (mode=).

MODULE_LINES = $(foreach m,$(MODULES),\tmodule /boot/$(notdir $(m)) $(notdir $(m))\n)

# The module list is a file of its own, so removing a program rebuilds grub.cfg.
$(B)/modules.list: FORCE
	@mkdir -p $(@D)
	$(Q)echo '$(notdir $(MODULES))' | cmp -s - $@ || echo '$(notdir $(MODULES))' > $@

$(B)/iso-%/boot/grub/grub.cfg: boot/grub.cfg $(B)/modules.list Makefile
	@mkdir -p $(@D)
	$(Q)sed -e 's/@MODE@/$*/' -e 's|@MODULES@|$(MODULE_LINES)|' $< > $@

# The ISO's /boot holds exactly the kernel, grub/ and today's modules.
$(B)/harbor-%.iso: $(B)/iso-%/boot/grub/grub.cfg $(B)/kernel.elf $(MODULES)
	@echo "+ grub-mkrescue $@"
	$(Q)find $(B)/iso-$*/boot -maxdepth 1 -type f -delete
	$(Q)cp $(B)/kernel.elf $(MODULES) $(B)/iso-$*/boot/
	$(Q)grub-mkrescue -o $@ $(B)/iso-$* >$@.log 2>&1 || { cat $@.log; exit 1; }

FORCE:
.PHONY: FORCE

# The ISO a user boots is build/harbor.iso.
$(B)/harbor.iso: $(B)/harbor-shell.iso
	$(Q)cp $< $@

iso: $(B)/harbor.iso $(B)/harbor-test.iso

# --- running ---------------------------------------------------------------
# Serial on this terminal (Ctrl-a x quits). A VGA window only when there is
# a display; qemu-nox never opens one. The shell's `halt` ends QEMU too:
# init shuts down with INIT_HALT_CODE (servers/init/init.h), so QEMU exits
# with QEMU_HALTED, which is a normal end here, not make's error.

QEMU_HALTED := 9

QEMU_DISPLAY := $(if $(DISPLAY),,-display none)

# The disk ($(DISK), tools/disk/Makefrag) is the primary IDE master; it
# keeps what the student wrote across boots (make clean-disk for a new one).
QEMU_DISK = -drive file=$(DISK),format=raw,if=ide,index=0,media=disk

qemu: $(B)/harbor.iso $(DISK)
	$(QEMU) $(QEMUOPTS) -cdrom $(B)/harbor.iso $(QEMU_DISK) $(QEMU_DISPLAY) || [ $$? -eq $(QEMU_HALTED) ]

qemu-nox: $(B)/harbor.iso $(DISK)
	$(QEMU) $(QEMUOPTS) -cdrom $(B)/harbor.iso $(QEMU_DISK) -display none || [ $$? -eq $(QEMU_HALTED) ]

qemu-gdb: $(B)/harbor.iso $(DISK) .gdbinit
	@echo "*** QEMU is waiting for GDB on port $(GDBPORT): run 'make gdb' in another terminal."
	$(QEMU) $(QEMUOPTS) -cdrom $(B)/harbor.iso $(QEMU_DISK) $(QEMU_DISPLAY) -S -gdb tcp:127.0.0.1:$(GDBPORT) || [ $$? -eq $(QEMU_HALTED) ]

gdb: .gdbinit $(B)/kernel.elf
	gdb -q -iex 'set auto-load local-gdbinit off' -x .gdbinit

.gdbinit: tools/gdbinit.in Makefile
	$(Q)sed -e 's/@PORT@/$(GDBPORT)/' -e 's|@B@|$(B)|g' -e 's|@TOP@|$(CURDIR)|g' $< > $@

# --- testing ---------------------------------------------------------------
# Every suite in order (tests/run.sh counts them): host tests first (fast,
# no QEMU), then QEMU boots, then the GDB check.

TEST_SUITES = $(HOST_TESTS) $(GUEST_TESTS)

test: $(HOST_TESTS) $(GUEST_TEST_DEPS)
	@sh tests/run.sh $(foreach t,$(TEST_SUITES),'$(t)')

deps:
	@sh tools/deps.sh

.PHONY: all deps iso qemu qemu-nox qemu-gdb gdb test clean

clean:
	rm -rf $(B) .gdbinit

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# Keep the generated grub.cfg files (make would delete them as intermediate).
.SECONDARY: $(B)/iso-shell/boot/grub/grub.cfg $(B)/iso-demo/boot/grub/grub.cfg \
	$(B)/iso-test/boot/grub/grub.cfg

endif # HARBOR_ENTRY
