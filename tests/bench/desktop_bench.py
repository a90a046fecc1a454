#!/usr/bin/env python3
"""The desktop app against a large catalog: 5,000 services on 500 nodes and 50,000 KV keys.

Starts a dev agent on free loopback ports, fills it over HTTP (every service with a passing
check, 50 folders of 1,000 keys under bench/), then runs build/tests/desktop_bench under Xvfb
(or on the offscreen platform with --offscreen), which attaches the same MainWindow `qonsul
desktop -attach` shows and measures:

* cold start: process launch to the window's first paint, and to all 5,000 services listed;
* update latency, write to repaint, one write at a time (p50 / p99): a service's health on the
  Services page, a node's health on the Nodes page, a new key in an open folder of 1,000;
* the longest UI-thread stall while the catalog loads and while writes stream in.

Goals (issue 5): p99 update < 100 ms, no stall > 50 ms, start < 1 s. No peer: Consul's web UI
is a browser application, not comparable on these terms.

    /usr/bin/python3 tests/bench/desktop_bench.py [--writes 200] [--runs 3] [--offscreen]
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The end-to-end tests' port picker (TCP and UDP free, held until all are chosen).
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e", "lib"))
from free_ports import free_ports  # noqa: E402

SERVICES, NODES, FOLDERS, KEYS_PER_FOLDER = 5000, 500, 50, 1000


class Agent:
    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="qonsul-bench-desktop.")
        http_port, dns, serf, server = free_ports(4)
        self.port = http_port
        self.log = open(os.path.join(self.dir, "agent.log"), "wb")
        self.process = subprocess.Popen(
            [binary, "agent", "-dev", "-node", "bench", "-log-level", "warn",
             "-http-port", str(http_port), "-dns-port", str(dns), "-serf-lan-port", str(serf),
             "-server-port", str(server)],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        self.conn = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/v1/status/leader")[1].strip(b'" \n'):
                    return
            except OSError:
                self.conn = None
                time.sleep(0.1)
        raise RuntimeError("agent did not start")

    def request(self, method, path, body=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        self.conn.request(method, path, body=body)
        r = self.conn.getresponse()
        return r.status, r.read()

    def put(self, path, body):
        status, data = self.request("PUT", path, body)
        if status != 200:
            raise RuntimeError("PUT %s answered %d: %r" % (path, status, data))

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
        shutil.rmtree(self.dir, ignore_errors=True)


def fill(agent):
    for s in range(SERVICES):
        node = s % NODES
        agent.put("/v1/catalog/register", json.dumps({
            "Node": "node-%d" % node,
            "Address": "127.1.%d.%d" % (node // 250, node % 250 + 1),
            "NodeMeta": {"rack": "r%d" % (node % 10)},
            "Service": {"ID": "svc-%d" % s, "Service": "svc-%d" % s, "Port": 8000 + s % 1000,
                        "Tags": ["v%d" % (s % 3)]},
            "Check": {"CheckID": "svc-%d-alive" % s, "Name": "alive", "ServiceID": "svc-%d" % s,
                      "Status": "passing"}}))
    for f in range(FOLDERS):
        for k in range(KEYS_PER_FOLDER):
            agent.put("/v1/kv/bench/f%d/k%04d" % (f, k), b"value %d %d" % (f, k))


def run_once(binary, port, writes, offscreen):
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="qonsul-bench-desktop-config.")
    command = [binary, str(port), "LAUNCHED", str(writes)]
    if offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
        prefix = []
    else:
        env.pop("QT_QPA_PLATFORM", None)
        # Xvfb is started first and given time to settle: its start is not the app's.
        prefix = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"]
    # The launch is stamped inside the shell that execs the bench: Xvfb's own start (and a
    # second for it to settle) is not the app's.
    launcher = prefix + ["bash", "-c", 'sleep 1; now=$(date +%s%N); exec "${@/LAUNCHED/$now}"',
                         "bench"] + command
    out = subprocess.run(launcher, env=env, capture_output=True, timeout=600)
    shutil.rmtree(env["XDG_CONFIG_HOME"], ignore_errors=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr.decode(errors="replace"))
        raise RuntimeError("desktop_bench failed (%d)" % out.returncode)
    if out.stderr:
        sys.stderr.write(out.stderr.decode(errors="replace"))
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--writes", type=int, default=200, help="writes per page and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--offscreen", action="store_true", help="no Xvfb: Qt's offscreen platform")
    args = parser.parse_args()
    qonsul = os.environ.get("QONSUL", os.path.join(ROOT, "build", "app", "qonsul"))
    bench = os.environ.get("DESKTOP_BENCH", os.path.join(ROOT, "build", "tests", "desktop_bench"))

    runs = []
    for i in range(args.runs):
        # A fresh agent per run: a run's writes flip states, which the next run must find as
        # they were at the start.
        agent = Agent(qonsul)
        try:
            t0 = time.monotonic()
            print("filling: %d services on %d nodes, %d keys ..." % (
                SERVICES, NODES, FOLDERS * KEYS_PER_FOLDER), flush=True)
            fill(agent)
            print("filled in %.1f s" % (time.monotonic() - t0), flush=True)
            result = run_once(bench, agent.port, args.writes, args.offscreen)
            print("run %d: %s" % (i + 1, json.dumps(result)), flush=True)
            runs.append(result)
        finally:
            agent.stop()

    def med(get):
        return statistics.median(get(r) for r in runs)

    rows = [
        ("cold start to first painted window (ms; goal < 1000)", med(lambda r: r["start_first_paint_ms"])),
        ("cold start to all 5,001 services listed (ms)", med(lambda r: r["start_all_services_ms"])),
    ]
    for page, label in (("services", "service health → Services page"),
                        ("nodes", "node health → Nodes page"),
                        ("kv", "new key → open KV folder of 1,000")):
        rows.append(("%s: write to model p50 / p99 (ms)" % label, "%.1f / %.1f" % (
            med(lambda r: r[page]["model_p50_ms"]), med(lambda r: r[page]["model_p99_ms"]))))
        rows.append(("%s: write to repaint p50 / p99 (ms; goal p99 < 100)" % label, "%.1f / %.1f" % (
            med(lambda r: r[page]["paint_p50_ms"]), med(lambda r: r[page]["paint_p99_ms"]))))
    rows += [
        ("longest UI-thread stall while 5,000 services load (ms; goal < 50)",
         med(lambda r: r["stall_while_loading_ms"])),
        ("longest UI-thread stall while writes stream in (ms; goal < 50)",
         med(lambda r: r["stall_while_streaming_ms"])),
        ("streamed writes per second (catalog registrations)", med(lambda r: r["streamed_writes_per_s"])),
        ("failed writes (all runs)", sum(r[p]["failed"] for r in runs for p in ("services", "nodes", "kv"))),
    ]
    lines = ["# Desktop app: 5,000 services on 500 nodes, 50,000 KV keys", "",
             "%s, median of %d runs, %d writes per page per run, %s." % (
                 time.strftime("%Y-%m-%d"), args.runs, args.writes,
                 "offscreen platform" if args.offscreen else "Xvfb"), "",
             "| measure | value |", "|---|---|"]
    for name, value in rows:
        lines.append("| %s | %s |" % (name, "%.1f" % value if isinstance(value, float) else value))
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.join(ROOT, "tests", "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "tests", "bench", "results", "desktop.md"), "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
