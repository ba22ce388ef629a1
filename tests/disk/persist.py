#!/usr/bin/env python3
"""persist.py - `make qemu` keeps files across boots; `make clean-disk` starts afresh.

Usage: tests/disk/persist.py [TIMEOUT_SECONDS]   (from the top of the tree)

Boots the student's configuration the way a student does, by running
`make qemu-nox` itself (the same rule, QEMU options and disk handling as
`make qemu`, without a window), with DISK= naming a disk in a temporary
folder, so a student's build/disk.img is never touched (a case checks
that too). The serial line is on a pipe, QEMU's monitor on it as in
`make qemu`, so the test quits with Ctrl-a x as a person would:

  persist_first_boot_makes_the_disk   make copies the fresh image to DISK
  persist_write_and_sync              echo hello > /keep; sync
  persist_periodic_sync_reaches_the_image
                                      echo later > /keep2 and no sync: the
                                      host reads "later" from DISK with
                                      debugfs while QEMU runs (fs's periodic
                                      sync; 30 s bound), then Ctrl-a x
  persist_file_kept_across_boots      the next boot's cat /keep says hello
  persist_unsynced_file_kept          and cat /keep2 says later
  persist_clean_disk_removes_it       make clean-disk DISK=... removes DISK
  persist_fresh_disk_after_clean      the boot after has no /keep
  persist_halt_ends_make_qemu         that boot writes /halted and /hd/y (no
                                      sync) and types `halt`: make qemu-nox
                                      ends by itself, with status 0 (30 s)
  persist_halt_leaves_the_disk_clean  e2fsck -fn on DISK then: nothing to fix
  persist_halt_kept_the_files         and debugfs reads /halted and /hd/y
  persist_students_disk_untouched     build/disk.img as it was (if any)

Nothing runs in the guest between `echo later > /keep2` and the quit: a
program loaded from /bin would push the dirty blocks out of fs's cache
(64 blocks) on its own, with or without a sync.

`halt` makes fs write its cache back and has init power QEMU off
(docs/servers.md): the image must then be whole with no repair, and hold
what was written just before.

Every wait has its own timeout and the run one in all (default 90 s).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from serial_session import Report, Session  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
report = Report()
log = []


def make_env():
    """The environment without the calling make's jobserver and flags: this
    make is a student's, started from a shell."""
    env = dict(os.environ)
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"):
        env.pop(k, None)
    return env


def boot(disk, deadline):
    """Start `make qemu-nox DISK=disk`; the session, or None if no prompt came."""
    s = Session(["make", "-s", "--no-print-directory", "-C", TOP, "qemu-nox", "DISK=" + disk],
                max(1, deadline - time.monotonic()), env=make_env())
    if not s.expect(r"harbor\$ ", 60):
        log.append(s.out)
        s.kill()
        return None
    return s


def image_has(disk, path, text, seconds):
    """Poll the image (QEMU still running) with debugfs until path holds text."""
    until = time.monotonic() + seconds
    while True:
        r = subprocess.run([shutil.which("debugfs") or "/sbin/debugfs", "-R", "cat " + path,
                            disk], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=30)
        if r.stdout == text.encode():
            return True
        if time.monotonic() >= until:
            return False
        time.sleep(0.5)


def quit(s, name):
    """Ctrl-a x, QEMU's quit key on the serial line's monitor; make must end with 0."""
    s.type("\x01x")
    status = s.wait_exit(15)
    log.append(s.out)
    s.kill()
    return report(name, status == 0, "QEMU (and make) to end with status 0 on Ctrl-a x",
                  "status %s" % status)


def fsck_clean(disk):
    """e2fsck -fn on the image: (clean, its report)."""
    r = subprocess.run([shutil.which("e2fsck") or "/sbin/e2fsck", "-fn", disk],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, timeout=60)
    return r.returncode == 0, r.stdout


def halt(s, disk):
    """Write two files (no sync) and type `halt`: make must end by itself,
    the image be clean and hold both files."""
    s.command("echo bye > /halted")
    s.command("mkdir /hd")
    s.command("echo why > /hd/y")
    s.type("halt\r")
    status = s.wait_exit(30)
    log.append(s.out)
    s.kill()
    if not report("persist_halt_ends_make_qemu", status == 0,
                  "make qemu-nox to end by itself with status 0 after halt",
                  "still running after 30 s" if status is None else "status %s" % status):
        return
    clean, fsck = fsck_clean(disk)
    if not report("persist_halt_leaves_the_disk_clean", clean,
                  "e2fsck -fn to find nothing to fix after halt", fsck.strip()):
        return
    got = (image_has(disk, "/halted", "bye\n", 0), image_has(disk, "/hd/y", "why\n", 0))
    report("persist_halt_kept_the_files", got == (True, True),
           "/halted (bye) and /hd/y (why) in the image after halt",
           "/halted %s, /hd/y %s" % tuple("there" if g else "missing" for g in got))


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 90
    deadline = time.monotonic() + limit
    student = os.path.join(TOP, "build", "disk.img")
    before = os.stat(student) if os.path.exists(student) else None
    tmp = tempfile.mkdtemp(prefix="harbor-persist-")
    disk = os.path.join(tmp, "disk.img")
    try:
        s = boot(disk, deadline)
        if not report("persist_first_boot_makes_the_disk", s is not None and os.path.exists(disk),
                      "make qemu-nox to copy the fresh image to DISK and boot to the prompt",
                      "no prompt" if s is None else "no %s" % disk):
            return
        s.command("echo hello > /keep")
        synced = s.command("sync") is not None
        out = s.command("cat /keep")
        if not report("persist_write_and_sync", synced and out == "hello\n",
                      "echo hello > /keep, sync, then cat /keep to say hello", repr(out)):
            log.append(s.out)
            s.kill()
            return
        s.command("echo later > /keep2")
        report("persist_periodic_sync_reaches_the_image", image_has(disk, "/keep2", "later\n", 30),
               "/keep2 holding 'later' in the image within 30 s, no sync called",
               "not there")
        if not quit(s, "persist_quit_with_ctrl_a_x"):
            return

        s = boot(disk, deadline)
        out = s.command("cat /keep") if s else None
        report("persist_file_kept_across_boots", out == "hello\n",
               "cat /keep to say hello in the next boot", repr(out))
        out = s.command("cat /keep2") if s else None
        report("persist_unsynced_file_kept", out == "later\n",
               "cat /keep2 to say later in the next boot", repr(out))
        if s is None or not quit(s, "persist_quit_again"):
            return

        r = subprocess.run(["make", "-s", "--no-print-directory", "-C", TOP, "clean-disk",
                            "DISK=" + disk], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True, env=make_env(), timeout=60)
        report("persist_clean_disk_removes_it", r.returncode == 0 and not os.path.exists(disk),
               "make clean-disk to remove DISK", "status %d, %s" %
               (r.returncode, "still there" if os.path.exists(disk) else "gone"))

        s = boot(disk, deadline)
        out = s.command("cat /keep") if s else None
        report("persist_fresh_disk_after_clean",
               out is not None and re.match(r"cat: /keep: ", out) is not None,
               "cat: /keep: (not found) on a fresh disk", repr(out))
        if s is not None:
            halt(s, disk)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        after = os.stat(student) if os.path.exists(student) else None
        same = (before is None and after is None) or (
            before is not None and after is not None and
            (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns))
        report("persist_students_disk_untouched", same,
               "build/disk.img as before the test", "it changed")
        if report.failed:
            print("--- serial logs")
            print("\n---\n".join(log))


main()
sys.exit(1 if report.failed else 0)
