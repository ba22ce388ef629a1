"""tracefold.py - fold a trace's bulk traffic so that its chart fits a page.

Reading a program from the disk is thousands of messages: the filesystem
server asks the disk driver for the file a block at a time (ata.read), each
block ends with two IRQs that the driver acknowledges (host.irq_ack), each
block's page goes back to the memory server (mem.deallocate), and fresh
buffers fault in page by page. Drawn one arrow each, the chart of
`cat /etc/motd` would be thousands of rows long, so the chart (not the
text, which keeps every event) folds two things, each into one box that
says how many messages of each kind it stands for:

  1. The work behind one answer. A request X -> Y answered by Y -> X:
     the messages Y sends meanwhile, and those of the tasks Y asked in
     turn (its helpers), their page faults and the IRQs they get, are
     Y's work for that request. When that work is at least FOLD messages
     and some of them are bulk (below), it is drawn as one box between the
     request and its answer; a request inside it that would be folded
     itself is folded instead (the innermost), so the requests around it
     are still drawn. Messages of other tasks in between stay as arrows.
  2. Runs that repeat. A message is bulk when the same one (the same ends
     and operation) is sent at least FOLD times in the chart. A run of at
     least FOLD bulk messages one after another is one box.

harbor-trace's --fold N sets FOLD (default 8; 0 folds nothing).
"""

import tracefmt

ARROWS = (1, 2, 4, 5, 10)       # the events a chart draws as arrows


def is_request(ev):
    """A message that asks for an answer: sent by a task, not a reply or notification."""
    return (ev.kind in (1, 2) and not ev.is_reply and
            ev.msg_id not in tracefmt.NOTIFICATIONS)


def ends(ev):
    """(from, to) of an arrow event; 0 is the kernel."""
    if ev.kind == 10:
        return 0, ev.peer
    if ev.kind == 4:
        return ev.task, 0
    if ev.kind == 5:
        return 0, ev.peer
    return ev.task, ev.peer


def key(ev, opnames):
    """Which arrows are "the same message": ends and operation, a fault's
    address left out (its faulting task kept)."""
    op = tracefmt.op_label(ev.msg_id, opnames, ev.is_reply)
    if ev.kind == 10:
        op = "%s for %d" % (op, ev.task)
    return ends(ev) + (op,)


def _on_behalf(ev, helpers):
    """Is ev part of the work of the tasks in helpers (adding to them)?"""
    if ev.kind == 10:                       # a helper's page fault: its pager helps too
        if ev.task in helpers:
            helpers.add(ev.peer)
            return True
        return False
    if ev.kind == 4 and (ev.flags >> 8) & 0xff == tracefmt.KOBJ_PAGER_REPLY:
        return ev.peer in helpers           # a pager's answer, for the faulting task
    if ev.kind == 4:
        return ev.task in helpers
    if ev.kind == 5:
        return ev.peer in helpers           # a kernel reply or notification to a helper
    if ev.kind in (1, 2):
        if is_request(ev):
            if ev.task in helpers:
                helpers.add(ev.peer)
                return True
            return False
        return ev.peer in helpers           # an answer to a helper, not to someone else
    return False


def _work(evs, i):
    """For the request evs[i]: (index of its answer, indices of the work
    behind it), or None when the trace has no answer."""
    req = evs[i]
    helpers = {req.peer}
    work = []
    for j in range(i + 1, len(evs)):
        ev = evs[j]
        if (ev.kind in (1, 2) and ev.is_reply and ev.task == req.peer and
                ev.peer == req.task and ev.msg_id == req.msg_id + tracefmt.REPLY_ID_OFFSET):
            return j, work
        if ev.kind in ARROWS and _on_behalf(ev, helpers):
            work.append(j)
    return None


def fold(evs, opnames, n):
    """The chart's rows: ("event", ev) for each arrow, birth and death
    drawn as it is, and ("fold", [events]) for each box, in order (a box
    where its first message was). Events a chart does not draw are left
    out."""
    evs = [ev for ev in evs if ev.kind in ARROWS or ev.kind in (6, 7)]
    if n <= 0:
        return [("event", ev) for ev in evs]
    counts = {}
    for ev in evs:
        if ev.kind in ARROWS:
            k = key(ev, opnames)
            counts[k] = counts.get(k, 0) + 1
    bulk = lambda ev: ev.kind in ARROWS and counts[key(ev, opnames)] >= n

    # 1. The work behind one answer: find every foldable request, keep the innermost.
    foldable = {}
    for i, ev in enumerate(evs):
        if is_request(ev):
            w = _work(evs, i)
            if w and len(w[1]) >= n and any(bulk(evs[j]) for j in w[1]):
                foldable[i] = set(w[1])
    box_of = {}                 # event index -> the request whose box it is in
    for i, work in foldable.items():
        if not any(j in foldable for j in work):
            for j in work:
                box_of[j] = i

    # 2. Runs that repeat, among the events not folded already.
    run = []
    rows = []

    def flush():
        if len(run) >= n:
            rows.append(("fold", [evs[j] for j in run]))
        else:
            rows.extend(("event", evs[j]) for j in run)
        run.clear()

    boxes = {}
    for i, ev in enumerate(evs):
        if i in box_of:
            flush()
            b = box_of[i]
            if b not in boxes:
                boxes[b] = []
                rows.append(("fold", boxes[b]))
            boxes[b].append(ev)
        elif bulk(ev):
            run.append(i)
        else:
            flush()
            rows.append(("event", ev))
    flush()
    return rows


def summary(evs, opnames):
    """A box's words (mscgen wraps them): how many messages; of each
    request, notification and fault how many, in order of first
    appearance; and how many replies."""
    kinds = {}
    replies = 0
    for ev in evs:
        if ev.kind in (1, 2, 4, 5) and ev.is_reply and ev.msg_id not in tracefmt.NOTIFICATIONS:
            replies += 1
        else:
            op = tracefmt.op_label(ev.msg_id, opnames)
            kinds[op] = kinds.get(op, 0) + 1
    parts = ["%d %s" % (c, op) for op, c in kinds.items()]
    if replies:
        parts.append("%d %s" % (replies, "replies" if replies > 1 else "reply"))
    return "%d messages: %s" % (len(evs), ", ".join(parts))
