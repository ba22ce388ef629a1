#!/usr/bin/env python3
"""kill.py - kill QEMU in the middle of writes, then check the disk.

Usage: tests/disk/kill.py ISO DISK_FRESH [TIMEOUT_SECONDS]

Boots ISO (the ordinary boot, to the shell) with a fresh copy of
DISK_FRESH as the IDE disk, and types `fswrite` at the prompt
(user/fswrite: it writes files under /crash, syncs, prints
"fswrite: synced PATH SIZE SUM" for each and "fswrite: synced all", then
keeps creating, appending, renaming and removing other files, syncing
every fourth round, one "fswrite: round N" line a round). After the marker
and a random number of rounds (and a random pause of up to 0.2 s: each run
kills at another point; CRASH_SEED=N repeats one), QEMU gets SIGKILL, as a
power cut. Then, on the image:

  kill_e2fsck_repairs     e2fsck -fy exits 0 (nothing to fix) or 1 (fixed)
  kill_e2fsck_then_clean  e2fsck -fn then finds nothing
  kill_synced_file_intact_<path> (one per file) debugfs -R 'cat PATH' gives the
                          size and FNV-1a sum the writer printed

Every wait has its own timeout and the run one in all (default 60 s).
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from serial_session import Report, Session, qemu_argv  # noqa: E402

report = Report()


def tool(name):
    """An e2fsprogs tool: on PATH, or in /sbin for a user without it there."""
    return shutil.which(name) or "/sbin/" + name


def fnv(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h


def first_lines(text, n=8):
    return " | ".join(text.strip().splitlines()[:n])


def main():
    iso, fresh = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 60
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    rounds, pause = rng.randrange(2, 40), rng.random() * 0.2
    print("kill.py: seed %d: the kill comes %.3f s after round %d" % (seed, pause, rounds))

    fd, disk = tempfile.mkstemp(suffix=".img")
    os.close(fd)
    shutil.copyfile(fresh, disk)
    s = Session(qemu_argv(iso, disk), limit)
    try:
        synced = []
        if not report("kill_boots_to_prompt", s.expect(r"harbor\$ ", 30), "the prompt",
                      s.seen()):
            return
        s.type("fswrite\r")
        m = s.expect(r"((?:^fswrite: synced /\S+ \d+ [0-9a-f]{8}\n)+)^fswrite: synced all$", 60)
        if not report("kill_writer_synced", m, "fswrite's synced files, then 'synced all'",
                      s.seen()):
            return
        for line in m.group(1).splitlines():
            _, _, path, size, total = line.split()
            synced.append((path, int(size), int(total, 16)))
        if not report("kill_writer_keeps_writing",
                      s.expect(r"^fswrite: round %d$" % rounds, 60),
                      "fswrite: round %d" % rounds, s.seen()):
            return
        s.drain(pause)
        s.kill()
        last = re.findall(r"^fswrite: round (\d+)$", s.out, re.M)
        print("kill.py: killed after round %s" % (last[-1] if last else "?"))

        r = subprocess.run([tool("e2fsck"), "-fy", disk], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True, timeout=60)
        print("kill.py: e2fsck -fy exit status %d%s" %
              (r.returncode, " (it repaired the image)" if r.returncode == 1 else ""))
        if r.returncode == 1:
            fixes = [l for l in r.stdout.splitlines() if l.strip() and not l.startswith("Pass ")]
            print("kill.py: e2fsck: " + " | ".join(fixes[1:7]))
        report("kill_e2fsck_repairs", r.returncode in (0, 1), "e2fsck -fy exit status 0 or 1",
               "%d: %s" % (r.returncode, first_lines(r.stdout)))
        r = subprocess.run([tool("e2fsck"), "-fn", disk], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True, timeout=60)
        report("kill_e2fsck_then_clean", r.returncode == 0,
               "e2fsck -fn to find nothing after the repair",
               "%d: %s" % (r.returncode, first_lines(r.stdout)))
        for path, size, total in synced:
            r = subprocess.run([tool("debugfs"), "-R", "cat " + path, disk],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            got = r.stdout
            report("kill_synced_file_intact_" + path.strip("/").replace("/", "_"), len(got) == size and fnv(got) == total,
                   "%d bytes with sum %08x" % (size, total),
                   "%d bytes with sum %08x (%s)" % (len(got), fnv(got),
                                                    r.stderr.decode("latin-1").strip()[-120:]))
    finally:
        s.kill()
        os.unlink(disk)
        if report.failed:
            print("--- serial log")
            print(s.out)


main()
sys.exit(1 if report.failed else 0)
