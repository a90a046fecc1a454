"""The linearizability checker (linearizability.py) on histories whose verdict is known: small
hand-made ones, each a classic anomaly or its correct twin, and random concurrent histories of
a real register (linearizable by construction) before and after one answer is falsified."""

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linearizability  # noqa: E402


def op(kind, call, ret, key="k", **fields):
    entry = {"op": kind, "key": key, "call": call, "return": ret, "client": 0}
    entry.update(fields)
    return entry


def put(call, ret, value, key="k"):
    return op("put", call, ret, key, value=value, output=True)


def get(call, ret, output, key="k"):
    return op("get", call, ret, key, output=output)


def cas(call, ret, expect, value, output, key="k"):
    return op("cas", call, ret, key, expect=expect, value=value, output=output)


def ok(history):
    return linearizability.check(history)[0]


class Budget(unittest.TestCase):
    def test_a_search_out_of_steps_is_undecided_not_a_verdict(self):
        # Unknown-outcome writes overlap everything after them: many orders to try.
        history = [op("put", i, None, value="w%d" % i, output=True) for i in range(12)]
        history.append(get(20, 21, "nobody-wrote-this"))
        with self.assertRaises(linearizability.Undecided) as raised:
            linearizability.check_key(history, budget=1000)
        self.assertEqual(raised.exception.key, "k")
        self.assertFalse(linearizability.check_key(history[-3:]))


class HandMadeHistories(unittest.TestCase):
    def test_sequential_writes_and_reads(self):
        self.assertTrue(ok([put(0, 1, "a"), get(2, 3, "a"), put(4, 5, "b"), get(6, 7, "b")]))

    def test_a_stale_read_after_a_newer_write_completed(self):
        self.assertFalse(ok([put(0, 1, "a"), put(2, 3, "b"), get(4, 5, "a")]))

    def test_a_read_of_a_value_never_written(self):
        self.assertFalse(ok([put(0, 1, "a"), get(2, 3, "z")]))

    def test_concurrent_reads_may_see_before_then_after(self):
        self.assertTrue(ok([put(0, 10, "a"), get(1, 2, None), get(3, 4, "a")]))

    def test_reads_cannot_go_back_once_a_value_was_seen(self):
        self.assertFalse(ok([put(0, 10, "a"), get(1, 2, "a"), get(3, 4, None)]))

    def test_two_cas_from_the_same_value_cannot_both_win(self):
        base = [put(0, 1, "a")]
        self.assertFalse(ok(base + [cas(2, 3, "a", "b", True), cas(4, 5, "a", "c", True)]))
        self.assertTrue(ok(base + [cas(2, 3, "a", "b", True), cas(4, 5, "a", "c", False)]))
        # Concurrent: either may win, but only one.
        self.assertTrue(ok(base + [cas(2, 5, "a", "b", False), cas(3, 4, "a", "c", True)]))
        self.assertFalse(ok(base + [cas(2, 5, "a", "b", True), cas(3, 4, "a", "c", True)]))

    def test_cas_on_an_absent_key(self):
        self.assertTrue(ok([cas(0, 1, None, "a", True), get(2, 3, "a")]))
        self.assertFalse(ok([put(0, 1, "x"), cas(2, 3, None, "a", True)]))

    def test_a_write_without_an_answer_may_have_happened(self):
        self.assertTrue(ok([put(0, None, "a"), get(5, 6, "a")]))
        self.assertTrue(ok([put(0, None, "a"), get(5, 6, None)]))
        # …but once seen, it has happened for good.
        self.assertFalse(ok([put(0, None, "a"), get(5, 6, "a"), get(7, 8, None)]))
        # …and not before it was asked for.
        self.assertFalse(ok([get(0, 1, "a"), put(2, None, "a")]))

    def test_keys_are_checked_apart(self):
        history = [put(0, 1, "a", key="x"), put(0, 1, "b", key="y"), get(2, 3, "a", key="x"),
                   get(2, 3, "a", key="y")]
        self.assertEqual(linearizability.check(history), (False, "y"))


def register_history(seed, clients=6, ops=120, keys=2):
    """Concurrent operations on a real register: each takes effect at a random instant between
    its call and its return, so the history is linearizable by construction."""
    rng = random.Random(seed)
    history = []
    pending = []  # (effect time, op)
    clock = 0.0
    counter = 0
    free = {c: 0.0 for c in range(clients)}
    for _ in range(ops):
        client = min(free, key=lambda c: (free[c], c))
        call = max(free[client], clock) + rng.random() * 0.1
        ret = call + rng.random() * 2
        effect = call + (ret - call) * rng.random()
        key = "k%d" % rng.randrange(keys)
        kind = rng.choice(["put", "get", "get", "cas"])
        counter += 1
        entry = {"op": kind, "key": key, "call": call, "return": ret, "client": client}
        if kind in ("put", "cas"):
            entry["value"] = "v%d" % counter
        pending.append((effect, counter, entry))
        free[client] = ret
        clock = call
    # Apply at the effect instants, in order, to learn the answers.
    state = {}
    for _, _, entry in sorted(pending, key=lambda p: (p[0], p[1])):
        current = state.get(entry["key"])
        if entry["op"] == "get":
            entry["output"] = current
        elif entry["op"] == "put":
            entry["output"] = True
            state[entry["key"]] = entry["value"]
        else:
            # CAS from what the register holds or from an older value, half the time each.
            entry["expect"] = current if rng.random() < 0.5 else "v%d" % rng.randrange(counter)
            swapped = entry["expect"] == current
            entry["output"] = swapped
            if swapped:
                state[entry["key"]] = entry["value"]
        history.append(entry)
    return history


class RandomHistories(unittest.TestCase):
    def test_a_real_register_is_always_linearizable(self):
        for seed in range(200):
            self.assertTrue(ok(register_history(seed)), "seed %d" % seed)

    def test_one_falsified_read_is_caught(self):
        caught = 0
        for seed in range(200):
            history = register_history(seed)
            reads = [e for e in history if e["op"] == "get" and e["output"] is not None]
            if not reads:
                continue
            random.Random(seed).choice(reads)["output"] = "never-written"
            self.assertFalse(ok(history), "seed %d" % seed)
            caught += 1
        self.assertGreater(caught, 150)

    def test_a_long_history_with_much_concurrency(self):
        # 2,000 operations of 16 clients: without its memoization the search would not end.
        self.assertTrue(ok(register_history(1, clients=16, ops=2000, keys=4)))


if __name__ == "__main__":
    unittest.main()
