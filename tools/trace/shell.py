#!/usr/bin/env python3
"""shell.py - trace one shell command: what `make trace CMD='...'` boots.

    tools/trace/shell.py [--disk IMAGE] ISO LOG 'COMMAND'

Boots ISO (mode=trace: the ordinary system plus the trace service) under
QEMU with -icount shift=0, so the trace's times are guest instructions,
with a fresh copy of IMAGE (make trace: build/disk-fresh.img) as the IDE
disk, as make qemu has its disk: programs come from /bin and files from
the filesystem. Without --disk there is no disk: fs has nothing to serve
and proc starts programs from the boot modules. It then types at the
shell's prompt over the serial line, as a person would:

    trace on        (the ring is emptied and recording starts)
    COMMAND
    trace off       (typed when COMMAND's prompt has come back)
    trace dump      (the ring, as trace-event lines)

then writes the whole serial session to LOG, which tools/trace/harbor-trace
reads (its --command option keeps the one command's events). Every wait
has a timeout, and the session one of its own (150 s): a hang ends with
the log so far and exit status 1, never a stuck make.
"""
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

PROMPT = "harbor$ "
LIMIT = 150


class Session:
    def __init__(self, iso, disk):
        self.deadline = time.monotonic() + LIMIT
        self.out = ""
        self.pos = 0
        drive = []
        if disk:
            drive = ["-drive", "file=%s,format=raw,if=ide,index=0,media=disk" % disk]
        self.qemu = subprocess.Popen(
            ["qemu-system-i386", "-m", "128M", "-icount", "shift=0", "-no-reboot",
             "-display", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
             "-serial", "stdio", "-monitor", "none", "-cdrom", iso, "-boot", "d"] + drive,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def expect(self, pattern, seconds):
        """Wait for pattern after what was matched last; the match, or None."""
        until = min(time.monotonic() + seconds, self.deadline)
        rx = re.compile(pattern, re.M)
        while True:
            m = rx.search(self.out, self.pos)
            if m:
                self.pos = m.end()
                return m
            left = until - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.qemu.stdout], [], [], left)
            if ready:
                data = os.read(self.qemu.stdout.fileno(), 65536)
                if not data:
                    return None
                self.out += data.decode("latin-1").replace("\r", "")

    def line(self, text, seconds):
        """Type text and Enter a key at a time; wait for the next prompt."""
        for ch in text + "\r":
            self.qemu.stdin.write(ch.encode("latin-1"))
            self.qemu.stdin.flush()
            time.sleep(0.002)
        self.expect(re.escape(text) + r"\n", 5)      # the console's echo
        return self.expect("^" + re.escape(PROMPT), seconds)

    def close(self):
        if self.qemu.poll() is None:
            self.qemu.kill()
        self.qemu.wait()


def main():
    args = sys.argv[1:]
    image = None
    if args[:1] == ["--disk"] and len(args) > 1:
        image = args[1]
        args = args[2:]
    if len(args) != 3:
        sys.exit("usage: shell.py [--disk IMAGE] ISO LOG 'COMMAND'")
    iso, log, cmd = args
    tmp = tempfile.mkdtemp(prefix="harbor-trace-")
    disk = None
    if image:
        # A copy: the command may write, and every trace starts from the same disk.
        disk = os.path.join(tmp, "disk.img")
        try:
            shutil.copyfile(image, disk)
        except OSError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            sys.exit("trace: cannot copy the disk %s: %s" % (image, e))
    s = Session(iso, disk)
    step = "the first prompt"
    try:
        ok = s.expect("^" + re.escape(PROMPT), 60) is not None
        for step, line, secs in (("trace on", "trace on", 10), (cmd, cmd, 60),
                                 ("trace off", "trace off", 10),
                                 ("trace dump", "trace dump", 60)):
            if not ok:
                break
            ok = s.line(line, secs) is not None
    finally:
        s.close()
        shutil.rmtree(tmp, ignore_errors=True)
        with open(log, "w") as f:
            f.write(s.out)
    if not ok or "trace-end" not in s.out:
        print("trace: no prompt after %s within its timeout; the serial log:" % step)
        print(s.out[-3000:])
        sys.exit(1)


main()
