#!/usr/bin/env python3
"""One agent with 1,000 TCP and 1,000 HTTP checks at 1 s intervals against local listeners.

Measures, in one run:

* check lateness: how much later than scheduled each check run starts, as the agent itself
  measures it (GET /v1/agent/debug/checks: scheduled time vs the moment the probe's I/O
  starts, per run, in microseconds), and how long runs take;
* the agent's CPU use (utime + stime from /proc/<pid>/stat) over the measuring window;
* GET /v1/kv latency on a keep-alive connection, first with the agent idle (no checks), then
  under the check load, with the same request pattern.

Goals (issue 4): lateness p99 < 50 ms; API p99 under load <= 2x idle.

Standard library only. The listeners run in a separate process (asyncio: the TCP ones accept
and close, the HTTP ones answer 200 and close), on 10 + 10 loopback ports, 100 checks each.
Results: stdout and tests/bench/results/health_checks.md.

    /usr/bin/python3 tests/bench/health_checks.py
    QONSUL=/path/to/qonsul /usr/bin/python3 tests/bench/health_checks.py --seconds 60
"""

import argparse
import asyncio
import http.client
import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The end-to-end tests' port picker (TCP and UDP free, held until all are chosen).
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e", "lib"))
from free_ports import free_ports  # noqa: E402



def serve_targets(tcp_ports, http_ports, ready):
    async def tcp_client(reader, writer):
        writer.close()

    async def http_client(reader, writer):
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        writer.close()

    async def main():
        servers = []
        for port in tcp_ports:
            servers.append(await asyncio.start_server(tcp_client, "127.0.0.1", port, backlog=1024))
        for port in http_ports:
            servers.append(await asyncio.start_server(http_client, "127.0.0.1", port, backlog=1024))
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


class Agent:
    def __init__(self, binary, extra):
        self.dir = tempfile.mkdtemp(prefix="qonsul-bench-checks.")
        http_port, dns, serf, server = free_ports(4)
        self.port = http_port
        self.log = open(os.path.join(self.dir, "agent.log"), "wb")
        self.process = subprocess.Popen(
            [binary, "agent", "-dev", "-node", "bench", "-http-port", str(http_port),
             "-dns-port", str(dns), "-serf-lan-port", str(serf), "-server-port", str(server)]
            + extra, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.get("/v1/status/leader")[1].strip(b'" \n'):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("agent did not start")

    def request(self, method, path, body=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request(method, path, body=body)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data

    def get(self, path):
        return self.request("GET", path)

    def cpu_seconds(self):
        return cpu_seconds(self.process.pid)

    def rss_mib(self):
        with open("/proc/%d/status" % self.process.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)


def cpu_seconds(pid, tid=None):
    """utime + stime of a process (all its threads) or of one thread, in seconds."""
    path = "/proc/%d/task/%d/stat" % (pid, tid) if tid else "/proc/%d/stat" % pid
    with open(path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def burn(fraction, stop):
    """Keeps one core busy `fraction` of the time (10 ms periods) until `stop` is set."""
    while not stop.is_set():
        start = time.monotonic()
        while time.monotonic() - start < 0.01 * fraction:
            pass
        time.sleep(max(0.0, 0.01 * (1 - fraction)))


def percentile(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, int(round(p / 100.0 * len(ordered) + 0.4999)))
    return ordered[min(rank, len(ordered)) - 1]


def kv_latencies(agent, seconds, rate):
    """GET /v1/kv/bench/key on one keep-alive connection, `rate` per second, in ms."""
    conn = http.client.HTTPConnection("127.0.0.1", agent.port, timeout=30)
    out = []
    gap = 1.0 / rate
    end = time.monotonic() + seconds
    next_at = time.monotonic()
    while time.monotonic() < end:
        start = time.perf_counter()
        conn.request("GET", "/v1/kv/bench/key")
        r = conn.getresponse()
        r.read()
        out.append((time.perf_counter() - start) * 1000)
        if r.status != 200:
            raise RuntimeError("kv GET answered %d" % r.status)
        next_at += gap
        pause = next_at - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    conn.close()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tcp", type=int, default=1000)
    parser.add_argument("--http", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=30, help="measuring window")
    parser.add_argument("--rate", type=int, default=100, help="KV GETs per second")
    parser.add_argument("--log-level", default="info",
                        help="agent -log-level (dev default is debug: a line per passing check)")
    args = parser.parse_args()
    binary = os.environ.get("QONSUL", os.path.join(ROOT, "build", "app", "qonsul"))

    ports = free_ports(20)  # one call: no port handed out twice
    tcp_ports, http_ports = ports[:10], ports[10:]
    ready = multiprocessing.Event()
    targets = multiprocessing.Process(target=serve_targets, args=(tcp_ports, http_ports, ready),
                                      daemon=True)
    targets.start()
    ready.wait(10)

    agent = Agent(binary, ["-log-level", args.log_level])
    try:
        agent.request("PUT", "/v1/kv/bench/key", b"0123456789abcdef")
        print("idle: %d s of KV GETs at %d/s ..." % (args.seconds, args.rate), flush=True)
        cpu0, t0 = agent.cpu_seconds(), time.monotonic()
        idle = kv_latencies(agent, args.seconds, args.rate)
        idle_cpu = (agent.cpu_seconds() - cpu0) / (time.monotonic() - t0) * 100
        idle_rss = agent.rss_mib()

        print("registering %d TCP and %d HTTP checks ..." % (args.tcp, args.http), flush=True)
        for i in range(args.tcp):
            body = {"Name": "tcp-%d" % i, "TCP": "127.0.0.1:%d" % tcp_ports[i % 10],
                    "Interval": "1s"}
            status, data = agent.request("PUT", "/v1/agent/check/register", json.dumps(body))
            assert status == 200, data
        for i in range(args.http):
            body = {"Name": "http-%d" % i,
                    "HTTP": "http://127.0.0.1:%d/health" % http_ports[i % 10], "Interval": "1s"}
            status, data = agent.request("PUT", "/v1/agent/check/register", json.dumps(body))
            assert status == 200, data
        time.sleep(5)  # first runs are spread over one interval; let it settle
        agent.get("/v1/agent/debug/checks?reset")

        print("under load: %d s ..." % args.seconds, flush=True)
        cpu0, t0 = agent.cpu_seconds(), time.monotonic()
        targets0 = cpu_seconds(targets.pid)
        main0 = cpu_seconds(agent.process.pid, agent.process.pid)
        loaded = kv_latencies(agent, args.seconds, args.rate)
        elapsed = time.monotonic() - t0
        load_cpu = (agent.cpu_seconds() - cpu0) / elapsed * 100
        targets_cpu = (cpu_seconds(targets.pid) - targets0) / elapsed * 100
        main_cpu = (cpu_seconds(agent.process.pid, agent.process.pid) - main0) / elapsed * 100
        load_average = os.getloadavg()[0]
        stats = json.loads(agent.get("/v1/agent/debug/checks")[1])
        checks = json.loads(agent.get("/v1/agent/checks")[1])
        by_status = {}
        for c in checks.values():
            by_status[c["Status"]] = by_status.get(c["Status"], 0) + 1
        catalog_passing = len(json.loads(agent.get("/v1/health/state/passing")[1]))
        load_rss = agent.rss_mib()

        # Control: no checks, but busy loops using as much CPU as the probes and listeners
        # did. What the KV latency loses here is the machine's, not the agent's.
        for i in range(args.tcp):
            agent.request("PUT", "/v1/agent/check/deregister/tcp-%d" % i)
        for i in range(args.http):
            agent.request("PUT", "/v1/agent/check/deregister/http-%d" % i)
        time.sleep(2)
        print("control: %d s with busy loops instead of checks ..." % args.seconds, flush=True)
        total = (load_cpu + targets_cpu) / 100
        stop = multiprocessing.Event()
        burners = []
        while total > 0.01:
            share = min(total, 1.0)
            burners.append(multiprocessing.Process(target=burn, args=(share, stop), daemon=True))
            total -= share
        for b in burners:
            b.start()
        control = kv_latencies(agent, args.seconds, args.rate)
        stop.set()
        for b in burners:
            b.join()
    finally:
        agent.stop()
        targets.terminate()

    late = stats["LatenessMicros"]
    dur = stats["DurationMicros"]
    expected_runs = (args.tcp + args.http) * args.seconds
    rows = [
        ("checks (TCP + HTTP), interval 1 s", "%d + %d" % (args.tcp, args.http)),
        ("check runs in the window (expected ≈ %d)" % expected_runs, "%d" % late["Total"]),
        ("check lateness p50 / p99 / max (ms)", "%.2f / %.2f / %.2f" % (
            late["P50"] / 1000, late["P99"] / 1000, late["Max"] / 1000)),
        ("check run duration p50 / p99 (ms)", "%.2f / %.2f" % (dur["P50"] / 1000, dur["P99"] / 1000)),
        ("checks passing (agent / catalog)", "%s / %d" % (by_status.get("passing", 0), catalog_passing)),
        ("agent CPU idle / under load (% of one core)", "%.1f / %.1f" % (idle_cpu, load_cpu)),
        ("agent's API (main) thread CPU under load (% of one core)", "%.1f" % main_cpu),
        ("listeners' CPU under load (% of one core; same 2 cores)", "%.1f" % targets_cpu),
        ("machine load average (1 min) at the end", "%.2f" % load_average),
        ("agent RSS idle / under load (MiB)", "%.0f / %.0f" % (idle_rss, load_rss)),
        ("GET /v1/kv p50 idle / under load (ms)", "%.3f / %.3f" % (
            percentile(idle, 50), percentile(loaded, 50))),
        ("GET /v1/kv p99 idle / under load (ms)", "%.3f / %.3f" % (
            percentile(idle, 99), percentile(loaded, 99))),
        ("GET /v1/kv p99 ratio (goal ≤ 2)", "%.2f" % (percentile(loaded, 99) / percentile(idle, 99))),
        ("control, no checks + busy loops of the same CPU: GET /v1/kv p50 / p99 (ms)",
         "%.3f / %.3f" % (percentile(control, 50), percentile(control, 99))),
    ]
    lines = ["# Health checks: %d TCP + %d HTTP checks at 1 s" % (args.tcp, args.http), "",
             "%s, agent `-log-level %s`, %d s window, %d KV GETs/s on one keep-alive connection."
             % (time.strftime("%Y-%m-%d"), args.log_level, args.seconds, args.rate), "",
             "| measure | value |", "|---|---|"]
    lines += ["| %s | %s |" % row for row in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.join(ROOT, "tests", "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "tests", "bench", "results", "health_checks.md"), "w") as f:
        f.write(text)
    ok = late["P99"] < 50000 and percentile(loaded, 99) <= 2 * percentile(idle, 99)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
