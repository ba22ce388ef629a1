"""tracefmt.py - decode Harbor's IPC trace records and describe them in words.

The kernel records 40-byte events (include/harbor/trace.h) in a ring.
Two readers share this module: the host tool tools/trace/harbor-trace,
which gets the records out of a boot's serial log, and GDB's `events`
command (tools/gdb/harbor.py), which reads the ring straight out of the
halted machine. Both name tasks by their program and messages by their
operation, from the table idlc writes (build/gen/harbor/opnames.txt).
"""

import struct

EVENT_SIZE = 40
_LAYOUT = struct.Struct("<IIHBBIIIIIII")

# enum trace_kind, in the words the text form uses.
KINDS = {
    1: "send", 2: "handoff", 3: "receive", 4: "kreq", 5: "kmsg",
    6: "task-new", 7: "task-dead", 8: "thread-new", 9: "thread-dead",
    10: "fault", 11: "task-alive",
}
TASK_KINDS = (6, 7, 11)
MSG_KINDS = (1, 2, 3, 4, 5)

F_SEND_ONCE = 0x1
F_OVERFLOW = 0x2
F_FROM_KERNEL = 0x4

KOBJ = {1: "task", 2: "thread", 3: "host", 4: "memctl", 5: "pager answer"}
KOBJ_PAGER_REPLY = 5

# idlc: a reply's id is its request's + 100 (docs/idl.md).
REPLY_ID_OFFSET = 100

# pager.defs: the fault a TRACE_FAULT event stands for.
PAGER_FAULT_ID = 6300

# include/harbor/msg.h: the messages the kernel itself sends.
NOTIFICATIONS = {
    64: "send-once notification", 65: "dead-name notification",
    66: "no-senders notification", 67: "send-possible notification",
    72: "irq",
}


class Event:
    """One trace record, decoded; n is its number since tracing started."""

    def __init__(self, raw, n=0):
        (lo, hi, self.kind, self.ports, self.ools, self.task, self.thread,
         self.port, self.msg_id, self.size, self.peer,
         self.flags) = _LAYOUT.unpack(raw)
        self.time = (hi << 32) | lo
        self.n = n
        self.reply = None       # a receive's: set by pair_receives from the send it took
        self.name = ""
        if self.kind in TASK_KINDS:
            self.name = raw[24:40].split(b"\0")[0].decode("latin-1")

    @property
    def kind_name(self):
        return KINDS.get(self.kind, "kind%d" % self.kind)

    @property
    def is_reply(self):
        """Sent through a send-once right, or made by the kernel, or a pager's
        answer to a fault: read its id as a reply's first. A receive says
        none of this itself (the kernel has dropped the sender's
        disposition by then); it is what the send that queued it was
        (pair_receives)."""
        if self.reply is not None:
            return self.reply
        if self.kind == 4 and (self.flags >> 8) & 0xff == KOBJ_PAGER_REPLY:
            return True
        return bool(self.flags & (F_SEND_ONCE | F_FROM_KERNEL)) and self.kind in MSG_KINDS


def pair_receives(evs):
    """Tell each receive whether it took a reply, from the send that queued it.

    A port's queue is first in, first out, and ports are numbered once: so
    a receive from port P takes the oldest message still queued on P, as a
    send (or a kernel-made message) queued it, with its flags. Matching
    the id too keeps one queued message the ring lost, or one destroyed
    unreceived, from shifting the rest. A receive whose send is not in the
    trace (queued before it started, or overwritten) keeps the flags'
    reading: a request's name first."""
    queued = {}
    for ev in evs:
        if ev.kind in (1, 5):
            queued.setdefault(ev.port, []).append(ev)
        elif ev.kind == 3:
            q = queued.get(ev.port, [])
            for i, sent in enumerate(q):
                if sent.msg_id == ev.msg_id:
                    ev.reply = sent.is_reply
                    del q[:i + 1]
                    break
    return evs


def decode(data, first=0):
    """Decode a run of records (bytes) numbered from first, each receive
    paired with the send it took (pair_receives)."""
    return pair_receives([Event(data[i:i + EVENT_SIZE], first + i // EVENT_SIZE)
                          for i in range(0, len(data) - EVENT_SIZE + 1, EVENT_SIZE)])


def load_opnames(path):
    """The id -> (subsystem, routine) table idlc writes (one 'ID SUB ROUTINE' a line)."""
    names = {}
    try:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3 and parts[0].isdigit():
                    names[int(parts[0])] = (parts[1], parts[2])
    except OSError:
        pass
    return names


def op_label(msg_id, opnames, reply_hint=False):
    """An operation's name: 'echo.add', 'echo.add reply', a notification, or '#id'.

    A reply's id is its request's + 100, which may also be another
    interface's request id: reply_hint (sent through a send-once right, or
    made by the kernel) says which reading to try first."""
    if msg_id in NOTIFICATIONS:
        return NOTIFICATIONS[msg_id]
    as_reply = ("%s.%s reply" % opnames[msg_id - 100]) if msg_id - 100 in opnames else None
    as_request = ("%s.%s" % opnames[msg_id]) if msg_id in opnames else None
    if reply_hint and as_reply:
        return as_reply
    if as_request:
        return as_request
    if as_reply:
        return as_reply
    return "#%d%s" % (msg_id, " reply" if reply_hint else "")


def fault_access(err):
    """A TRACE_FAULT's i386 error code in words."""
    return "%s %s" % ("write to" if err & 2 else "read of",
                      "a read-only page" if err & 1 else "a missing page")


class Names:
    """Task ids to program names, learnt from the task events as they go by."""

    def __init__(self, known=None):
        self.tasks = dict(known or {})

    def learn(self, ev):
        if ev.kind in TASK_KINDS and ev.name:
            self.tasks[ev.task] = ev.name

    def task(self, tid):
        if tid == 0:
            return "kernel"
        name = self.tasks.get(tid)
        return "%s.%d" % (name, tid) if name else "task%d" % tid


def describe(ev, names, opnames):
    """One event in words, without its time (the text form's columns)."""
    who = names.task(ev.task)
    if ev.kind in MSG_KINDS:
        label = op_label(ev.msg_id, opnames, ev.is_reply)
        extra = "%d bytes" % ev.size
        if ev.ports:
            extra += ", %d port%s" % (ev.ports, "" if ev.ports == 1 else "s")
        if ev.ools:
            extra += ", %d out-of-line" % ev.ools
        if ev.flags & F_OVERFLOW:
            extra += ", past the limit"
        if ev.kind == 3:
            return "%-18s <- %-18s %s (port %d, %s)" % (
                who, "port", label, ev.port, extra)
        if ev.kind == 4:
            obj = KOBJ.get((ev.flags >> 8) & 0xff, "object")
            return "%-18s -> %-18s %s (%s port %d, %s)" % (
                who, "kernel", label, obj, ev.port, extra)
        src = "kernel" if ev.kind == 5 else who
        how = {1: "queued", 2: "handed off", 5: "queued"}[ev.kind]
        return "%-18s -> %-18s %s (port %d, %s, %s)" % (
            src, names.task(ev.peer) if ev.peer else "nobody", label, ev.port,
            extra, how)
    if ev.kind in (6, 11):
        verb = "alive" if ev.kind == 11 else "born"
        return "%-18s    task %s (%s)" % (names.task(ev.task), verb, ev.name)
    if ev.kind == 7:
        return "%-18s    task dies" % names.task(ev.task)
    if ev.kind in (8, 9):
        verb = "born" if ev.kind == 8 else "dies"
        return "%-18s    thread %d %s" % (names.task(ev.task), ev.thread, verb)
    if ev.kind == 10:
        return "%-18s -> %-18s %s for %s at %#x, %s (port %d)" % (
            "kernel", names.task(ev.peer) if ev.peer else "nobody",
            op_label(ev.msg_id, opnames), who, ev.size, fault_access(ev.flags), ev.port)
    return "%-18s    %s" % (who, ev.kind_name)
