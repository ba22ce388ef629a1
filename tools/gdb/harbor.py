"""harbor.py - GDB commands that show Harbor's kernel state.

Loaded by the generated .gdbinit (tools/gdbinit.in). The commands read the
kernel's own structures through its symbols, so they work wherever QEMU is
halted - in the kernel, inside a trap, or in user code (the kernel is
mapped in every address space) - once paging is on (after kmain starts):

  tasks               every task, its threads and their states
  rights TASK         the rights TASK (a name or an id) holds
  portq TASK NAME     the messages queued on the port TASK names NAME
  portq EXPR          ... on the port EXPR points to, or with that serial number
  runq                the running thread and the run queue, by priority
  events [N]          the last N (default 20) events of the IPC trace

It also teaches GDB to unwind through a trap frame, so `bt` inside a trap
goes on into the user code that trapped (when its symbols are loaded with
`usersym`). docs/debugging.md shows each command.
"""

import os
import sys

import gdb
import gdb.unwinder

_here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(_here), "trace"))
import tracefmt  # noqa: E402  (found through the path just set)

# Where idlc writes the operation names; .gdbinit may set another build folder.
opnames_path = os.path.join(os.path.dirname(os.path.dirname(_here)),
                            "build", "gen", "harbor", "opnames.txt")

_u32 = None


def u32():
    global _u32
    if _u32 is None:
        _u32 = gdb.lookup_type("unsigned int")
    return _u32


def val(expr):
    return gdb.parse_and_eval(expr)


def walk(head, link):
    """The items of a NULL-terminated list from head, following field link."""
    p = head
    seen = 0
    while int(p) != 0 and seen < 100000:
        yield p
        p = p[link]
        seen += 1


def cstr(arr, n=16):
    """A char array that may lack its NUL."""
    raw = gdb.selected_inferior().read_memory(arr.address, n).tobytes()
    return raw.split(b"\0")[0].decode("latin-1")


def task_label(t):
    if int(t) == 0:
        return "none"
    return "task %d (%s)" % (int(t["id"]), cstr(t["name"]))


def tasks():
    return list(walk(val("task_all"), "all_next"))


def find_task(arg):
    for t in tasks():
        if cstr(t["name"]) == arg or (arg.isdigit() and int(t["id"]) == int(arg)):
            return t
    raise gdb.GdbError("no task named or numbered %s (see `tasks`)" % arg)


def state_name(th):
    s = str(th["state"])
    return s[len("THREAD_"):] if s.startswith("THREAD_") else s


def current_thread():
    return val("current")


class HarborCommand(gdb.Command):
    """A command that reports memory it cannot read instead of a Python trace."""

    def invoke(self, arg, from_tty):
        try:
            self.run(arg.strip())
        except gdb.MemoryError as e:
            raise gdb.GdbError("cannot read kernel memory (%s); paging is on "
                               "once kmain runs" % e)


class Tasks(HarborCommand):
    """tasks: every task, its threads, their states and what they wait on.

The running thread is marked with *. A thread waiting in IPC shows the
name it waits on (in its task's name space)."""

    def __init__(self):
        super().__init__("tasks", gdb.COMMAND_DATA)

    def run(self, arg):
        cur = current_thread()
        all_tasks = tasks()
        if not all_tasks:
            print("no tasks yet")
        for t in reversed(all_tasks):
            print("%s: pool %d bytes%s" % (task_label(t), int(t["pool_charged"]),
                                           ", dying" if int(t["dying"]) else ""))
            for th in walk(t["threads"], "task_next"):
                st = state_name(th)
                wait = ""
                if st in ("SEND", "RECEIVE", "REPLY"):
                    wait = " on name %#x" % int(th["wait"]["name"])
                print("  %s thread %d %s%s, priority %d" % (
                    "*" if int(th) == int(cur) else " ", int(th["id"]), st, wait,
                    int(th["priority"])))
        if int(cur) != 0 and int(cur["task"]) == 0:
            print("* kernel thread %d %s" % (int(cur["id"]), state_name(cur)))


RIGHT_BITS = [(0x01, "receive"), (0x02, "send"), (0x04, "send-once"),
              (0x08, "dead-name"), (0x10, "port-set")]


def right_kind(bits, urefs):
    kinds = []
    for bit, word in RIGHT_BITS:
        if bits & bit:
            if bit in (0x02, 0x08) and urefs > 1:
                word += "(%d)" % urefs
            kinds.append(word)
    return "+".join(kinds)


def port_object(p):
    kind = int(p["ktype"])
    if kind == 1:
        return "task port of " + task_label(p["kobject"].cast(gdb.lookup_type("struct task").pointer()))
    if kind == 2:
        th = p["kobject"].cast(gdb.lookup_type("struct thread").pointer())
        return "thread port of thread %d" % int(th["id"])
    if kind == 3:
        return "host port"
    return "receiver " + task_label(p["receiver"])


class Rights(HarborCommand):
    """rights TASK: the rights TASK (a program name or a task id) holds.

One line per name: the name, the kind of right (send(3) is three send
references), the port's serial number, its queue length and limit, and
what the port stands for (a kernel object, or who holds its receive right)."""

    def __init__(self):
        super().__init__("rights", gdb.COMMAND_DATA)

    def run(self, arg):
        if not arg:
            raise gdb.GdbError("usage: rights TASK")
        t = find_task(arg)
        space = t["space"]
        print("%s holds:" % task_label(t))
        print("  %-8s %-18s %6s %6s %6s  %s" % ("name", "kind", "port", "queue", "limit", ""))
        size = space["e"].type.range()[1] + 1
        for i in range(1, size):
            e = space["e"][i]
            bits = int(e["rights"])
            if bits == 0:
                continue
            name = (int(e["gen"]) << 8) | i
            p = e["port"]
            kind = right_kind(bits, int(e["urefs"]))
            if int(p) == 0:
                print("  %-8s %-18s %6s" % ("%#x" % name, kind, "-"))
                continue
            if int(p["is_set"]):
                members = len(list(walk(p["members"], "set_next")))
                print("  %-8s %-18s %6d %6s %6s  %d members" % (
                    "%#x" % name, kind, int(p["id"]), "-", "-", members))
                continue
            what = port_object(p) + (", dead" if int(p["dead"]) else "")
            print("  %-8s %-18s %6d %6d %6d  %s" % (
                "%#x" % name, kind, int(p["id"]), int(p["count"]), int(p["limit"]), what))


def find_port_by_id(pid):
    for t in tasks():
        space = t["space"]
        size = space["e"].type.range()[1] + 1
        for i in range(1, size):
            e = space["e"][i]
            if int(e["rights"]) and int(e["port"]) and int(e["port"]["id"]) == pid:
                return e["port"]
    raise gdb.GdbError("no task holds a right to a port numbered %d" % pid)


class PortQ(HarborCommand):
    """portq TASK NAME | portq EXPR: the messages queued on a port.

TASK NAME: the port task TASK knows as NAME (see `rights TASK`). EXPR: a
`struct port *` expression (such as `p` in a kernel frame), or a port's
serial number. Each message shows its operation id (and name), size,
descriptors and the task that sent it."""

    def __init__(self):
        super().__init__("portq", gdb.COMMAND_DATA)

    def run(self, arg):
        words = arg.split()
        if len(words) == 2 and not words[0].startswith("("):
            t = find_task(words[0])
            name = int(val(words[1]))
            e = t["space"]["e"][name & 0xff]
            if int(e["rights"]) == 0 or int(e["gen"]) != name >> 8 or int(e["port"]) == 0:
                raise gdb.GdbError("%s has no right named %#x" % (task_label(t), name))
            p = e["port"]
        elif arg:
            v = val(arg)
            if v.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
                p = v.cast(gdb.lookup_type("struct port").pointer())
            else:
                p = find_port_by_id(int(v))
        else:
            raise gdb.GdbError("usage: portq TASK NAME, or portq EXPR")
        opnames = tracefmt.load_opnames(opnames_path)
        print("port %d (%s): %d queued, limit %d%s" % (
            int(p["id"]), port_object(p), int(p["count"]), int(p["limit"]),
            ", dead" if int(p["dead"]) else ""))
        by_id = {int(t["id"]): t for t in tasks()}
        for i, m in enumerate(walk(p["head"], "next"), 1):
            h = m["msg"][0]
            mid = int(h["id"])
            sender = int(m["sender"])
            who = "the kernel" if sender == 0 else (
                task_label(by_id[sender]) if sender in by_id else "task %d (gone)" % sender)
            descs = ""
            if int(h["bits"]) & 0x80000000:
                body = (h.address + 1).cast(u32().pointer())
                descs = ", %d descriptors" % int(body[0])
            print("  %d. id %d (%s), %d bytes%s, from %s%s" % (
                i, mid, tracefmt.op_label(mid, opnames), int(m["size"]), descs, who,
                ", reply right" if int(m["reply"]) else ""))


class RunQ(HarborCommand):
    """runq: the running thread, then the threads ready to run, best priority first."""

    def __init__(self):
        super().__init__("runq", gdb.COMMAND_DATA)

    def run(self, arg):
        cur = current_thread()
        if int(cur) == 0:
            print("running: nothing yet (the scheduler has not started)")
        else:
            print("running: thread %d of %s, priority %d" % (
                int(cur["id"]), task_label(cur["task"]) if int(cur["task"]) else "the kernel",
                int(cur["priority"])))
        rq = val("runq")
        bitmap = int(rq["bitmap"])
        levels = rq["level"].type.range()[1] + 1
        shown = 0
        for prio in range(levels - 1, -1, -1):
            q = rq["level"][prio]
            ths = list(walk(q["head"], "next"))
            if not ths:
                continue
            shown += 1
            print("  priority %d:%s" % (prio, "".join(
                " thread %d (%s, %s)" % (int(th["id"]), cstr(th["task"]["name"])
                                         if int(th["task"]) else "kernel", state_name(th))
                for th in ths)))
        if not shown:
            print("  the run queue is empty%s" % (" (bitmap %#x!)" % bitmap if bitmap else ""))


class Events(HarborCommand):
    """events [N]: the last N (default 20) events of the IPC trace, oldest first.

The trace is off until something switches it on: host_trace_switch, or
`set var trace_on = 1` here. Says how many older events the ring lost."""

    def __init__(self):
        super().__init__("events", gdb.COMMAND_DATA)

    def run(self, arg):
        want = int(val(arg)) if arg else 20
        on = int(val("trace_on"))
        seq = int(val("trace_seq"))
        ring = val("trace_ring")
        size = ring.type.range()[1] + 1
        esz = ring[0].type.sizeof
        oldest = max(0, seq - size)
        first = max(oldest, seq - want)
        print("trace %s: %d events recorded%s" % (
            "on" if on else "off", seq,
            ", the %d oldest overwritten" % oldest if oldest else ""))
        inf = gdb.selected_inferior()
        base = int(ring[0].address)
        raw = b""
        for n in range(first, seq):
            raw += inf.read_memory(base + (n % size) * esz, esz).tobytes()
        evs = tracefmt.decode(raw, first)
        # Name the tasks alive now; the events name the others.
        names = tracefmt.Names({int(t["id"]): cstr(t["name"]) for t in tasks()})
        opnames = tracefmt.load_opnames(opnames_path)
        for ev in evs:
            names.learn(ev)
        for ev in evs:
            print("  %6d %12d %-11s %s" % (ev.n, ev.time, ev.kind_name,
                                          tracefmt.describe(ev, names, opnames)))


class _FrameId:
    def __init__(self, sp, pc):
        self.sp = sp
        self.pc = pc


KERNBASE = 0xC0000000


def _user_id(cfa):
    """A frame id's stack address for a user frame seen from inside a trap.

    GDB stops a backtrace whose next frame's stack address is lower than
    this one's ("previous frame inner to this frame"), and user stacks lie
    below the kernel's. So user frames get ids above every kernel address,
    in the same order as their real stack addresses."""
    return 0xE0000000 + (cfa >> 3)


class TrapUnwinder(gdb.unwinder.Unwinder):
    """Unwind through a trap into the code that trapped (kernel/i386/trapentry.S).

alltraps pushes the registers, then calls trap(tf) with tf = the stack
pointer; when trap returns, the frame's %esp points at that argument, so
the trap frame starts 4 bytes above. Its saved registers are the ones the
interrupted code had. Below it, user frames are unwound here too, by their
frame pointers (user code keeps them), or, for a trap stub
(user/lib/trap.S: three pushes, then int $0x30), by its three pushes.
Only while the CPU itself is in the kernel: halted in user code, GDB's own
unwinders do better."""

    REGS = ["edi", "esi", "ebp", "ebx", "edx", "ecx", "eax", "eip", "eflags"]

    def __init__(self):
        super().__init__("harbor-trapframe")
        self.range = None
        self.in_kernel = False

    def code_range(self):
        if self.range is None:
            try:
                lo = int(val("(unsigned)&alltraps"))
                hi = int(val("(unsigned)&trapret"))
            except gdb.error:
                lo = hi = 0
            self.range = (lo, hi)
        return self.range

    def __call__(self, pending):
        pc = int(pending.read_register("eip"))
        if pending.level() == 0:
            # Frame 0 is sniffed first after every stop: note where the CPU is.
            self.in_kernel = pc >= KERNBASE
            return None
        if not self.in_kernel:
            return None
        try:
            if pc >= KERNBASE:
                return self.trap_frame(pending, pc)
            return self.user_frame(pending, pc)
        except (gdb.error, gdb.MemoryError):
            return None

    def trap_frame(self, pending, pc):
        lo, hi = self.code_range()
        if not lo or not (lo < pc <= hi):
            return None
        sp = pending.read_register("esp")
        tf_addr = int(sp) + 4 if pc < hi else int(sp)
        tf = val("*(struct trapframe *)%d" % tf_addr)
        info = pending.create_unwind_info(_FrameId(sp, val("(unsigned)&alltraps")))
        for r in self.REGS:
            info.add_saved_register(r, tf[r].cast(u32()))
        if int(tf["cs"]) & 3:
            info.add_saved_register("esp", tf["esp"].cast(u32()))
        else:
            # A trap from the kernel pushes no %esp: it was just above eflags.
            info.add_saved_register("esp", gdb.Value(tf_addr + 4 * 17).cast(u32()))
        return info

    def user_frame(self, pending, pc):
        inf = gdb.selected_inferior()

        def word(addr):
            return int.from_bytes(inf.read_memory(addr, 4).tobytes(), "little")

        sp = int(pending.read_register("esp"))
        ebp = int(pending.read_register("ebp"))
        saved = {}
        if inf.read_memory(pc - 2, 2).tobytes() == b"\xcd\x30":
            # Just after a stub's int $0x30: %edi, %esi, %ebx, then the return address.
            saved = {"edi": word(sp), "esi": word(sp + 4), "ebx": word(sp + 8)}
            ret, cfa, caller_ebp = word(sp + 12), sp + 16, ebp
        else:
            if ebp == 0 or ebp < sp:
                return None
            ret, cfa, caller_ebp = word(ebp + 4), ebp + 8, word(ebp)
        if ret == 0 or ret >= KERNBASE:
            return None
        info = pending.create_unwind_info(
            _FrameId(gdb.Value(_user_id(cfa)).cast(u32()), gdb.Value(pc).cast(u32())))
        for r, v in saved.items():
            info.add_saved_register(r, gdb.Value(v).cast(u32()))
        info.add_saved_register("eip", gdb.Value(ret).cast(u32()))
        info.add_saved_register("esp", gdb.Value(cfa).cast(u32()))
        info.add_saved_register("ebp", gdb.Value(caller_ebp).cast(u32()))
        return info


Tasks()
Rights()
PortQ()
RunQ()
Events()
gdb.unwinder.register_unwinder(None, TrapUnwinder(), replace=True)
