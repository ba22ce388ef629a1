"""serial_session.py - Harbor's serial line from Python, typed at as a person would.

A Session runs one command (QEMU, or a make that runs it: qemu_argv gives
the usual QEMU command line) with the guest's serial line on a pipe (stdin
and stdout), reads what the guest prints, and types at it a key at a time.
Every wait has its own timeout and the session one in all, so nothing here
can hang a test. Used by the shell session (tests/shell/drive.py), the disk
tests (tests/disk/kill.py, persist.py) and make trace (tools/trace/shell.py).
"""
import os
import re
import select
import signal
import subprocess
import time

PROMPT = "harbor$ "


def qemu_argv(iso, disk=None, icount=False):
    """QEMU booting iso with no display, the serial line on stdin and stdout,
    the isa-debug-exit device (the host port's shutdown), and disk, if any,
    as the IDE disk. icount: rdtsc counts guest instructions (make trace)."""
    argv = ["qemu-system-i386", "-m", "128M"]
    if icount:
        argv += ["-icount", "shift=0"]
    argv += ["-no-reboot", "-display", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if disk:
        argv += ["-drive", "file=%s,format=raw,if=ide,index=0,media=disk" % disk]
    return argv + ["-serial", "stdio", "-monitor", "none", "-cdrom", iso, "-boot", "d"]



class Report:
    """One PASS or FAIL line per check, in the suites' protocol, counting
    the failures: report(name, ok, expected, saw) returns ok."""

    def __init__(self):
        self.failed = 0

    def __call__(self, name, ok, expected, saw):
        if ok:
            print("PASS " + name)
        else:
            self.failed += 1
            print("FAIL %s: expected %s, saw %s" % (name, expected, saw))
        return ok

class Session:
    def __init__(self, argv, limit, env=None):
        """Run argv (QEMU, or a make that runs it) in a process group of its
        own, so that kill() reaches QEMU too when make started it."""
        self.deadline = time.monotonic() + limit
        self.out = ""
        self.pos = 0
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=env,
                                     start_new_session=True)

    def read_some(self, until):
        """Take what the guest printed, waiting at most until `until`."""
        left = min(until, self.deadline) - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([self.proc.stdout], [], [], left)
        if not ready:
            return False
        data = os.read(self.proc.stdout.fileno(), 4096)
        if not data:
            return False
        self.out += data.decode("latin-1").replace("\r", "")
        return True

    def expect(self, pattern, seconds=10):
        """Wait for pattern (a multi-line regular expression) after what was
        matched last; return the match, or None after `seconds`."""
        until = time.monotonic() + seconds
        rx = re.compile(pattern, re.M)
        while True:
            m = rx.search(self.out, self.pos)
            if m:
                self.pos = m.end()
                return m
            if not self.read_some(until) and time.monotonic() >= min(until, self.deadline):
                return None

    def drain(self, seconds):
        """Read on for `seconds`, waiting for nothing in particular."""
        until = time.monotonic() + seconds
        while time.monotonic() < min(until, self.deadline):
            self.read_some(until)

    def type(self, text):
        """Type text a key at a time."""
        for ch in text:
            self.proc.stdin.write(ch.encode("latin-1"))
            self.proc.stdin.flush()
            time.sleep(0.002)

    def command(self, line, seconds=10):
        """Type line and Enter, skip its echo; return what it printed before
        the next prompt, or None if no prompt came in time."""
        self.type(line + "\r")
        self.expect(re.escape(line) + r"\n", 5)
        start = self.pos
        if not self.expect(re.escape(PROMPT), seconds):
            return None
        return self.out[start:self.pos - len(PROMPT)]

    def seen(self):
        tail = self.out[self.pos:][-200:]
        return repr(tail) if tail else "nothing new"

    def wait_exit(self, seconds):
        """Wait for the command to end by itself; its status, or None."""
        try:
            return self.proc.wait(timeout=max(0.1, min(seconds, self.deadline - time.monotonic())))
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        """SIGKILL to the group, as a power cut would: nothing in the guest
        gets to finish. Also what ends a session that went wrong."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass	# the group has ended already
        self.proc.wait()

    def close(self):
        """End the session if the command still runs (SIGKILL, as kill)."""
        if self.proc.poll() is None:
            self.kill()
