#!/usr/bin/python3
"""What hostile clients cost an agent, for this build and (with --before) another, in one run.

For each agent binary, a fresh dev agent on free loopback ports, and:
- memory: the agent's resident memory (VmRSS) grows by how much while one connection
  streams 64 MB at it: as a header, as a KV body with a declared Content-Length of 10 GB,
  as a chunked catalog body, and as 100 pipelined GETs of a 2.7 MB KV listing that are never
  read. Peak growth over the RSS before the stream; how far the client got (MB sent) and the
  agent's answer;
- DNS over TCP after a UDP flood: 50,000 fuzzed UDP packets, then 1,000 TCP connections at
  once, each with one query: seconds until all are answered (median of --runs; goal < 2 s).

Prints a Markdown table and writes it to tests/bench/results/hostile_clients.md.

    /usr/bin/python3 tests/bench/hostile_clients.py [--qonsul PATH] [--before PATH] [--runs 3]
"""

import argparse
import os
import random
import resource
import socket
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e" / "lib"))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from dev_agent import DevAgent  # noqa: E402
import dns_tcp_after_udp_flood as dnsflood  # noqa: E402

MIB = 1024 * 1024
STREAM_BYTES = 64 * MIB


def rss(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def put(agent, key, value):
    request = urllib.request.Request("http://127.0.0.1:%d/v1/kv/%s" % (agent.http, key),
                                     data=value, method="PUT")
    with urllib.request.urlopen(request, timeout=30) as answer:
        answer.read()


def stream(agent, head, chunked=False):
    """Sends head and then up to STREAM_BYTES; returns (peak RSS growth, bytes sent, first
    line of the answer or '(none)')."""
    before = peak = rss(agent.pid)
    sock = socket.create_connection(("127.0.0.1", agent.http), timeout=10)
    answer = []

    def reader():
        data = b""
        try:
            while b"\r\n" not in data:
                piece = sock.recv(65536)
                if not piece:
                    break
                data += piece
        except OSError:
            pass
        answer.append(data.split(b"\r\n")[0].decode(errors="replace"))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    sent = 0
    piece = b"a" * 65536
    try:
        sock.sendall(head)
        while sent < STREAM_BYTES and thread.is_alive():
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            sent += len(piece)
            if sent % (4 * MIB) == 0:
                peak = max(peak, rss(agent.pid))
    except OSError:
        pass
    thread.join(timeout=2)
    time.sleep(0.3)
    peak = max(peak, rss(agent.pid))
    sock.close()
    return peak - before, sent, (answer[0] if answer and answer[0] else "(none)")


def never_reading(agent):
    value = b"v" * (400 * 1024)
    for i in range(5):
        put(agent, "big/%d" % i, value)
    before = rss(agent.pid)
    sock = socket.create_connection(("127.0.0.1", agent.http), timeout=10)
    sock.setblocking(False)
    one = b"GET /v1/kv/big?recurse HTTP/1.1\r\nHost: x\r\n\r\n"
    requests = one * 100
    sent, deadline = 0, time.monotonic() + 5
    while sent < len(requests) and time.monotonic() < deadline:
        try:
            sent += sock.send(requests[sent:])
        except BlockingIOError:
            time.sleep(0.05)
    time.sleep(2)
    peak = rss(agent.pid)
    sock.close()
    return peak - before, sent, "%d of 100 requests taken" % (sent // len(one))


def dns_accept_seconds(agent, runs):
    times = []
    for run in range(runs):
        dnsflood.flood(agent.dns, seed=run)
        answered, seconds = dnsflood.tcp_queries(agent.dns)
        if answered != dnsflood.CONNECTIONS:
            seconds = float("nan")
        times.append(seconds)
    return statistics.median(times), times


def measure(binary, runs):
    os.environ["QONSUL"] = binary
    rows = {}
    cases = [
        ("64 MB header", lambda a: stream(a, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ")),
        ("64 MB URL", lambda a: stream(a, b"GET /v1/kv/")),
        ("KV PUT, Content-Length 10 GB, 64 MB sent",
         lambda a: stream(a, b"PUT /v1/kv/x HTTP/1.1\r\nHost: x\r\n"
                             b"Content-Length: 10000000000\r\n\r\n")),
        ("catalog register, chunked, 64 MB sent",
         lambda a: stream(a, b"PUT /v1/catalog/register HTTP/1.1\r\nHost: x\r\n"
                             b"Transfer-Encoding: chunked\r\n\r\n", chunked=True)),
        ("100 pipelined 2.7 MB GETs, never read", never_reading),
    ]
    for name, case in cases:
        agent = DevAgent(prefix="qonsul-bench-hostile.").start()
        try:
            rows[name] = case(agent)
        finally:
            agent.stop()
    agent = DevAgent(prefix="qonsul-bench-hostile.").start()
    try:
        rows["dns"] = dns_accept_seconds(agent, runs)
    finally:
        agent.stop()
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--qonsul", default=os.environ.get("QONSUL",
                                                           str(ROOT / "build/app/qonsul")))
    parser.add_argument("--before", help="another agent binary to measure the same way")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))

    builds = [("this build", args.qonsul)] + ([("before", args.before)] if args.before else [])
    results = {label: measure(binary, args.runs) for label, binary in builds}

    lines = ["# Hostile clients: agent memory and DNS reachability", "",
             "%s, %d cores. RSS growth is the peak over the RSS before the stream." % (
                 time.strftime("%Y-%m-%d"), os.cpu_count())]
    for label, binary in builds:
        lines.append("- %s: %s" % (label, binary))
    lines += ["", "| stream | " + " | ".join("%s: RSS growth, MB sent, answer" % label
                                              for label, _ in builds) + " |",
              "|---|" + "--:|" * len(builds)]
    first = results[builds[0][0]]
    for name in first:
        if name == "dns":
            continue
        cells = []
        for label, _ in builds:
            growth, sent, answer = results[label][name]
            cells.append("%.1f MiB, %.1f MB, %s" % (growth / MIB, sent / 1e6, answer))
        lines.append("| %s | %s |" % (name, " | ".join(cells)))
    cells = []
    for label, _ in builds:
        median, times = results[label]["dns"]
        cells.append("%.2f s (runs: %s)" % (median, ", ".join("%.2f" % t for t in times)))
    lines.append("| 1,000 DNS TCP connections after 50,000 UDP packets: all answered in | %s |"
                 % " | ".join(cells))
    text = "\n".join(lines) + "\n"
    print(text)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "hostile_clients.md").write_text(text)


if __name__ == "__main__":
    random.seed(1)
    main()
