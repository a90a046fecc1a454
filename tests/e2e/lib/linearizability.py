"""Is a recorded history of KV operations linearizable? Wing & Gong's search with Lowe's
memoization, as Porcupine runs it, one key at a time (a history is linearizable exactly when
each key's is: P-compositionality).

An operation is a dict:
    {"client": 3, "op": "put" | "get" | "cas" | "delete", "key": "k1",
     "value": "v17",          # put and cas: what is written
     "expect": "v12" | None,  # cas: the value it must find (None: the key must be absent)
     "call": 12.031, "return": 12.044 | None,   # seconds; None: no answer came
     "output": ...}           # get: the value or None; cas: True or False; put/delete: True
An operation without an answer (a timeout, a dropped connection, a 500 after the request may
have been applied) has "return": None: it may have taken effect at any time after its call, or
never, and its output is unknown. A read without an answer tells nothing and is left out.

Writes must put values no other write puts: then a value names the write that put it, and a
CAS by ModifyIndex (Consul's ?cas=<index>, as a client does after reading) is a CAS by value.

    python3 linearizability.py history.json    # exit 0 when linearizable
"""

import json
import math
import sys

# Search steps per key before giving up (about 7 s here). The search is exponential in the
# writes on one key whose outcome is unknown; a history that needs more is reported undecided
# (and saved by the caller, with its seed) instead of running into the test's timeout.
STEP_BUDGET = 20_000_000


class Undecided(Exception):
    """The search for one key ran out of its step budget."""

    def __init__(self, key, steps):
        super().__init__("key %r: no verdict within %d search steps" % (key, steps))
        self.key = key


def _step(state, op):
    """The register's answer to `op` from `state`: (allowed, next_state). An unknown output
    allows whatever the model would answer."""
    kind = op["op"]
    known = op.get("return") is not None
    if kind == "get":
        return (not known or op.get("output") == state), state
    if kind == "put":
        return True, op["value"]
    if kind == "delete":
        return True, None
    if kind == "cas":
        swapped = state == op.get("expect")
        if known and bool(op.get("output")) != swapped:
            return False, state
        return True, (op["value"] if swapped else state)
    raise ValueError("unknown operation %r" % kind)


class _Entry:
    __slots__ = ("is_call", "op_id", "time", "match", "prev", "next")

    def __init__(self, is_call, op_id, time):
        self.is_call, self.op_id, self.time = is_call, op_id, time
        self.match = self.prev = self.next = None


def _entries(ops):
    """A doubly linked list of call and return events in time order, a return before a call at
    the same instant (they do not overlap then); each call linked to its return."""
    events = []
    for i, op in enumerate(ops):
        ret = op.get("return")
        events.append((op["call"], 1, i, True))
        events.append((math.inf if ret is None else ret, 0, i, False))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    head = _Entry(False, -1, -math.inf)  # sentinel
    last = head
    calls = {}
    for time, _, op_id, is_call in events:
        entry = _Entry(is_call, op_id, time)
        entry.prev, last.next = last, entry
        last = entry
        if is_call:
            calls[op_id] = entry
        else:
            calls[op_id].match = entry
    return head


def _lift(call):
    call.prev.next = call.next
    if call.next:
        call.next.prev = call.prev
    ret = call.match
    ret.prev.next = ret.next
    if ret.next:
        ret.next.prev = ret.prev


def _unlift(call):
    ret = call.match
    ret.prev.next = ret
    if ret.next:
        ret.next.prev = ret
    call.prev.next = call
    if call.next:
        call.next.prev = call


def check_key(ops, initial=None, budget=None):
    """True when the operations on one key are linearizable from `initial`; raises Undecided
    after `budget` search steps (STEP_BUDGET when None)."""
    ops = [op for op in ops if not (op["op"] == "get" and op.get("return") is None)]
    if not ops:
        return True
    head = _entries(ops)
    linearized = 0  # bit i: ops[i] is in the order built so far
    state = initial
    cache = {(0, initial)}
    stack = []
    entry = head.next
    budget = STEP_BUDGET if budget is None else budget
    steps = 0
    while head.next is not None:
        steps += 1
        if steps > budget:
            raise Undecided(ops[0]["key"], budget)
        if entry.is_call:
            allowed, after = _step(state, ops[entry.op_id])
            if allowed:
                bits = linearized | (1 << entry.op_id)
                if (bits, after) not in cache:
                    cache.add((bits, after))
                    stack.append((entry, state))
                    state, linearized = after, bits
                    _lift(entry)
                    entry = head.next
                    continue
            entry = entry.next
        else:
            # A return whose call is not linearized yet: this order fails; undo the last step.
            if not stack:
                return False
            call, state = stack.pop()
            linearized &= ~(1 << call.op_id)
            _unlift(call)
            entry = call.next
    return True


def check(history):
    """(True, None) when linearizable, else (False, the first key that is not). Raises
    Undecided when a key's search runs out of steps."""
    by_key = {}
    for op in history:
        by_key.setdefault(op["key"], []).append(op)
    for key in sorted(by_key):
        if not check_key(by_key[key]):
            return False, key
    return True, None


def main(argv):
    if len(argv) != 2:
        print("usage: linearizability.py HISTORY.json", file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        history = json.load(f)
    try:
        ok, key = check(history)
    except Undecided as e:
        print("undecided: %s" % e)
        return 3
    if ok:
        print("linearizable: %d operations" % len(history))
        return 0
    print("not linearizable: key %r" % key)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
