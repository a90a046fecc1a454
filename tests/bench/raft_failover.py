"""Leader failover on a three-server lab: how long from `kill -9` of the leader until the two
left agree on a new one, and until a write is accepted again.

`qonsul lab up -servers 3 -clients 0` (Raft at Consul's production timing, raft_multiplier 1:
heartbeat timeout 1 s). Each round waits a seeded random moment, kills the leader's process
with SIGKILL, then polls the two survivors' /v1/status/leader every 5 ms until both name the
same new leader, and PUTs to them every 5 ms until one answers true. The killed server is
restarted from its data and the next round waits until it follows. Prints p50, p90, p99 and
max of both times over ROUNDS kills, and writes tests/bench/results/raft_failover.md.

    QONSUL=build/app/qonsul /usr/bin/python3 tests/bench/raft_failover.py [ROUNDS] [SEED]
"""

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
QONSUL = os.environ.get("QONSUL", os.path.join(HERE, "..", "..", "build", "app", "qonsul"))


def lab(directory, *args):
    done = subprocess.run([QONSUL, "lab", args[0], "-dir", directory] + list(args[1:]),
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError("qonsul lab %s: %s" % (" ".join(args), done.stderr.strip()))
    return done.stdout


def get(address, path, timeout=0.5):
    try:
        with urllib.request.urlopen("http://%s:8500%s" % (address, path), timeout=timeout) as r:
            return json.loads(r.read())
    except (OSError, ValueError):
        return None


def put(address, key, value, timeout=2.0):
    request = urllib.request.Request("http://%s:8500/v1/kv/%s" % (address, key),
                                     data=value.encode(), method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.read().strip() == b"true"
    except (OSError, urllib.error.HTTPError):
        return False


def nodes(directory):
    with open(os.path.join(directory, "lab.json")) as f:
        return json.load(f)


def agreed_leader(addresses):
    seen = {get(a, "/v1/status/leader") for a in addresses}
    if len(seen) != 1:
        return None
    leader = seen.pop()
    return leader or None


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    directory = tempfile.mkdtemp(prefix="qonsul-failover.")
    net = "127.%d.%d" % (rng.randint(30, 229), rng.randint(2, 251))
    lab(directory, "up", "-servers", "3", "-clients", "0", "-first-address", net + ".10")
    elections, writes = [], []
    try:
        for n in range(rounds):
            servers = nodes(directory)
            addresses = [s["Address"] for s in servers]
            deadline = time.monotonic() + 60
            leader = agreed_leader(addresses)
            while leader is None and time.monotonic() < deadline:
                time.sleep(0.05)
                leader = agreed_leader(addresses)
            if leader is None:
                raise RuntimeError("round %d: no leader agreed within 60 s" % n)
            victim = next(s for s in servers if "%s:%d" % (s["Address"], s["ServerPort"]) == leader)
            survivors = [a for a in addresses if a != victim["Address"]]
            time.sleep(rng.uniform(0.2, 1.2))  # a different moment of the heartbeat each time
            os.kill(int(victim["Pid"]), signal.SIGKILL)
            killed = time.monotonic()
            elected = written = None
            while elected is None or written is None:
                now = time.monotonic()
                if now - killed > 60:
                    raise RuntimeError("round %d: no failover within 60 s" % n)
                if elected is None:
                    new = agreed_leader(survivors)
                    if new and new != leader:
                        elected = now - killed
                if written is None and put(survivors[n % 2], "failover/%d" % n, "v%d" % n):
                    written = time.monotonic() - killed
                time.sleep(0.005)
            elections.append(elected)
            writes.append(written)
            print("round %3d: killed %s, new leader after %.3f s, writes after %.3f s"
                  % (n + 1, victim["Name"], elected, written), flush=True)
            lab(directory, "restart", victim["Name"])
    finally:
        try:
            lab(directory, "down")
        except (RuntimeError, subprocess.TimeoutExpired):
            for s in nodes(directory):
                try:
                    os.kill(int(s["Pid"]), signal.SIGKILL)
                except OSError:
                    pass

    def row(name, values):
        return "| %s | %.2f s | %.2f s | %.2f s | %.2f s |" % (
            name, percentile(values, 50), percentile(values, 90), percentile(values, 99),
            max(values))

    report = "\n".join([
        "# Leader failover: kill -9 of the leader of three servers",
        "",
        "%s, %d cores; `qonsul lab up -servers 3` (raft_multiplier 1: heartbeat timeout 1 s,"
        % (time.strftime("%Y-%m-%d", time.gmtime()), os.cpu_count()),
        "election timeout 1 s, pre-vote); %d kills, seed %d; polled every 5 ms." % (rounds, seed),
        "",
        "| from the kill to | p50 | p90 | p99 | max |",
        "|---|--:|--:|--:|--:|",
        row("a new leader both survivors agree on", elections),
        row("the first write accepted", writes),
    ])
    print(report)
    results = os.path.join(HERE, "results")
    os.makedirs(results, exist_ok=True)
    with open(os.path.join(results, "raft_failover.md"), "w") as f:
        f.write(report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
