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
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from serial_session import PROMPT, Session, qemu_argv  # noqa: E402

LIMIT = 150


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
    s = Session(qemu_argv(iso, disk, icount=True), LIMIT)
    step = "the first prompt"
    try:
        ok = s.expect("^" + re.escape(PROMPT), 60) is not None
        for step, line, secs in (("trace on", "trace on", 10), (cmd, cmd, 60),
                                 ("trace off", "trace off", 10),
                                 ("trace dump", "trace dump", 60)):
            if not ok:
                break
            ok = s.command(line, secs) is not None
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
