"""Linearizability of the KV store on three real servers under faults.

`qonsul lab up -servers 3` starts three servers, each on a loopback address of its own.
Client threads then run gets, puts and check-and-sets (a read, then ?cas=<ModifyIndex>)
against random servers while a fault thread breaks one server at a time with the lab's own
commands: kill and restart (from its data dir), pause and resume, or partition it from the
other two and heal. Every operation is recorded with its call and return times and what it answered; a
write that got no clear answer (a timeout, a 500 after it may have been applied) is recorded
as unknown. lib/linearizability.py (Wing & Gong with Porcupine's memoization) then decides
whether some order of the operations, each taking effect between its call and its return,
explains every answer. A violation fails the test and saves the history, with the command
that checks it again.

    QONSUL=build/app/qonsul python3 tests/e2e/raft_linearizability.py [SECONDS] [SEED]
"""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import linearizability  # noqa: E402

QONSUL = os.environ.get("QONSUL")
KEYS = ["lin/%d" % i for i in range(8)]
CLIENTS = 4


class Cluster:
    """A lab of three servers (qonsul lab up -servers 3), broken with the lab's own commands."""

    def __init__(self, tmp, rng):
        net = "127.%d.%d" % (rng.randint(30, 229), rng.randint(2, 251))
        self.addresses = ["%s.%d" % (net, 21 + i) for i in range(3)]
        self.dir = os.path.join(tmp, "lab")

    def lab(self, *args):
        done = subprocess.run([QONSUL, "lab", args[0], "-dir", self.dir] + list(args[1:]),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=60)
        if done.returncode != 0:
            raise RuntimeError("qonsul lab %s: %s" % (" ".join(args), done.stderr.strip()))
        return done.stdout

    def up(self):
        self.lab("up", "-servers", "3", "-clients", "0", "-first-address", self.addresses[0])

    def stop_all(self):
        try:
            with open(os.path.join(self.dir, "lab.json")) as f:
                pids = [node["Pid"] for node in json.load(f)]
        except (OSError, ValueError):
            return
        for pid in pids:
            for sig in (signal.SIGCONT, signal.SIGKILL):
                try:
                    os.kill(int(pid), sig)
                except OSError:
                    pass

    def url(self, i, path):
        return "http://%s:8500%s" % (self.addresses[i], path)

    def leader(self):
        seen = set()
        for i in range(3):
            try:
                with urllib.request.urlopen(self.url(i, "/v1/status/leader"), timeout=2) as r:
                    seen.add(json.loads(r.read()))
            except (OSError, ValueError):
                return None
        return seen.pop() if len(seen) == 1 and "" not in seen else None


def request(url, method="GET", data=None, timeout=2.0):
    """(status, body) or (None, None) when no answer came."""
    req = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return None, None


def client(cluster, number, deadline, rng, history, lock):
    counter = 0

    def record(op):
        with lock:
            history.append(op)

    while time.monotonic() < deadline:
        # Paced: the checker's search grows with the operations that overlap on a key.
        time.sleep(rng.uniform(0.01, 0.04))
        key = rng.choice(KEYS)
        server = rng.randrange(3)
        kind = rng.choice(["get", "get", "put", "cas"])
        if kind == "get":
            call = time.monotonic()
            status, body = request(cluster.url(server, "/v1/kv/%s" % key))
            ret = time.monotonic()
            if status == 200:
                record({"client": number, "op": "get", "key": key, "call": call,
                        "return": ret, "output": _value(body)})
            elif status == 404:
                record({"client": number, "op": "get", "key": key, "call": call,
                        "return": ret, "output": None})
            continue
        counter += 1
        value = "c%d-%d" % (number, counter)
        expect = None
        path = "/v1/kv/%s" % key
        if kind == "cas":
            status, body = request(cluster.url(server, path))
            if status == 200:
                entry = json.loads(body)[0]
                expect, index = _decode(entry.get("Value")), entry["ModifyIndex"]
            elif status == 404:
                expect, index = None, 0
            else:
                continue
            path += "?cas=%d" % index
        call = time.monotonic()
        status, body = request(cluster.url(server, path), "PUT", value.encode())
        ret = time.monotonic()
        op = {"client": number, "op": kind, "key": key, "value": value, "call": call,
              "return": ret, "output": True}
        if kind == "cas":
            op["expect"] = expect
        if status == 200 and body.strip() in (b"true", b"false"):
            op["output"] = body.strip() == b"true"
            if kind == "put" and not op["output"]:
                op["return"] = None  # a plain PUT that answers false changed nothing we know of
        else:
            op["return"] = None  # maybe applied, maybe not
        record(op)


def _decode(value):
    import base64
    return None if value is None else base64.b64decode(value).decode()


def _value(body):
    return _decode(json.loads(body)[0].get("Value"))


def faults(cluster, deadline, rng, log):
    """One fault at a time, from the lab's commands: a server killed and restarted, paused and
    resumed, or cut off from the other two and healed."""
    while time.monotonic() < deadline - 4:
        time.sleep(rng.uniform(1.0, 3.0))
        victim = "n%d" % (rng.randrange(3) + 1)
        others = ",".join("n%d" % i for i in range(1, 4) if "n%d" % i != victim)
        kind = rng.choice(["kill", "pause", "partition"])
        log.append("%.2f %s %s" % (time.monotonic(), kind, victim))
        if kind == "kill":
            cluster.lab("kill", victim)
        elif kind == "pause":
            cluster.lab("pause", victim)
        else:
            cluster.lab("partition", victim, others)
        time.sleep(rng.uniform(0.5, 2.5))
        if kind == "kill":
            cluster.lab("restart", victim)
        else:
            cluster.lab("heal")
        log.append("%.2f %s back" % (time.monotonic(), victim))


def main():
    if not QONSUL:
        print("QONSUL must name the qonsul binary", file=sys.stderr)
        return 2
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 25.0
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else random.randrange(1 << 30)
    print("# seed %d (replay the same choices: %s %s %d)" % (seed, sys.argv[0], seconds, seed))
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="qonsul-lin.")
    cluster = Cluster(tmp, rng)
    try:
        cluster.up()
        deadline = time.monotonic() + 60
        while cluster.leader() is None:
            if time.monotonic() > deadline:
                print("FAIL  three servers elect a leader within 60 s")
                return 1
            time.sleep(0.2)
        print("ok    three servers elect a leader")
        history, lock, fault_log = [], threading.Lock(), []
        end = time.monotonic() + seconds
        threads = [threading.Thread(target=client, args=(cluster, n, end, random.Random(rng.random()),
                                                         history, lock)) for n in range(CLIENTS)]
        threads.append(threading.Thread(target=faults, args=(cluster, end, random.Random(rng.random()),
                                                             fault_log)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        answered = sum(1 for op in history if op.get("return") is not None)
        writes = sum(1 for op in history if op["op"] != "get" and op.get("return") is not None)
        print("# %d operations (%d answered, %d acknowledged writes); faults: %s"
              % (len(history), answered, writes, "; ".join(fault_log)))
        failures = 0
        if writes >= 50:
            print("ok    enough writes were acknowledged under faults (%d)" % writes)
        else:
            print("FAIL  enough writes were acknowledged under faults (%d < 50)" % writes)
            failures += 1
        started = time.monotonic()
        try:
            ok, key = linearizability.check(history)
            verdict = None if ok else "key %r is not" % key
        except linearizability.Undecided as e:
            ok, verdict = False, "undecided, %s" % e
        print("# checked in %.1f s" % (time.monotonic() - started))
        if ok:
            print("ok    the history is linearizable")
        else:
            saved = os.path.join(tempfile.gettempdir(), "qonsul-history-%d.json" % seed)
            with open(saved, "w") as f:
                json.dump(history, f, indent=1)
            print("FAIL  the history is linearizable: %s; history saved: python3 %s %s"
                  % (verdict, os.path.join(os.path.dirname(__file__), "lib", "linearizability.py"),
                     saved))
            failures += 1
        return 1 if failures else 0
    finally:
        cluster.stop_all()
        if os.environ.get("QONSUL_KEEP_LOGS"):
            print("# lab kept in %s" % cluster.dir)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
