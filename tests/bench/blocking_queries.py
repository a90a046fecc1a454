#!/usr/bin/python3
"""Holds N idle blocking queries on one Qonsul agent, then wakes half of them with one PUT.

Starts its own dev agent (under a raised open-files limit) on free loopback ports, and:

1. opens N connections, each with one blocking GET at the current index and wait=5m:
   even-numbered watchers on the prefix `/v1/kv/bench/?recurse`, odd-numbered ones on a key
   of their own under an unrelated prefix, `/v1/kv/idle/<i>`;
2. waits until the agent holds them all (its open file count grew by N, then a settle
   pause) and checks that none has returned;
3. reads the agent's resident memory (VmRSS) before and while they are held;
4. PUTs one key under `bench/`, then checks that every prefix watcher returned within the
   deadline (1 s) and that no watcher of the unrelated keys did.

Prints a Markdown table and writes it to tests/bench/results/blocking_queries.md; exits 1
when a check fails. Standard library only; run it with /usr/bin/python3 as root (or with a
hard open-files limit above N + 1024):

    QONSUL=build/app/qonsul /usr/bin/python3 tests/bench/blocking_queries.py [-n 10000]
"""

import argparse
import asyncio
import os
import resource
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# The end-to-end tests' port picker (TCP and UDP free, held until all are chosen).
sys.path.insert(0, os.path.join(str(ROOT), "tests", "e2e", "lib"))
from free_ports import free_ports  # noqa: E402

AGENT_OPEN_FILES = 65536
IP_BIND_ADDRESS_NO_PORT = getattr(socket, "IP_BIND_ADDRESS_NO_PORT", 24)  # Linux


@dataclass
class Watcher:
    number: int
    path: str
    affected: bool
    writer: asyncio.StreamWriter | None = None
    returned_at: float | None = None  # time.monotonic() when the response head arrived
    status: int | None = None
    index: int | None = None  # X-Consul-Index of the response


@dataclass
class Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def parse_head(head: bytes) -> Response:
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return Response(status, headers)


async def read_response(reader: asyncio.StreamReader) -> Response:
    response = parse_head(await reader.readuntil(b"\r\n\r\n"))
    if "content-length" in response.headers:
        response.body = await reader.readexactly(int(response.headers["content-length"]))
    elif response.headers.get("transfer-encoding", "").lower() == "chunked":
        while size := int((await reader.readline()).split(b";")[0], 16):
            response.body += await reader.readexactly(size)
            await reader.readline()
        await reader.readline()
    return response


def request_bytes(method: str, port: int, path: str, body: bytes = b"") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
    if body or method in ("PUT", "POST"):
        head += f"Content-Length: {len(body)}\r\n"
    return (head + "\r\n").encode() + body


async def http(port: int, method: str, path: str, body: bytes = b"") -> Response:
    """One request on a connection of its own."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request_bytes(method, port, path, body))
        return await read_response(reader)
    finally:
        writer.close()


def raise_open_files_limit(needed: int) -> int:
    """Raises our soft limit (the agent inherits it) towards AGENT_OPEN_FILES; returns it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = max(needed, AGENT_OPEN_FILES)
    if soft >= target:
        return soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, max(hard, target)))
        return target
    except (ValueError, PermissionError):
        pass  # raising the hard limit needs CAP_SYS_RESOURCE: settle for the hard limit
    if hard < needed:
        sys.exit(f"blocking_queries.py: the open-files limit is {hard} and cannot be raised "
                 f"to {needed}: run as root, or with fewer watchers (-n)")
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def proc_address(host: str, port: int) -> str:
    """An IPv4 address as /proc/net/tcp writes it: 127.0.0.1:80 is 0100007F:0050."""
    return f"{socket.inet_aton(host)[::-1].hex().upper()}:{port:04X}"


def agent_holds(pid: int, clients: set[str]) -> tuple[int, int]:
    """How many of our connections the agent has accepted, and how many of those it has
    read the request from (nothing left in the socket's receive queue)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    accepted = read = 0
    with open("/proc/net/tcp") as table:
        next(table)
        for line in table:
            fields = line.split()
            if fields[9] in inodes and fields[2] in clients:
                accepted += 1
                read += fields[4].endswith(":00000000")
    return accepted, read


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def wait_ready(port: int, agent: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if agent.poll() is not None:
            break
        try:
            response = await http(port, "PUT", "/v1/kv/bench/seed", b"seed")
            if response.status == 200 and response.body.strip() == b"true":
                return
        except OSError:
            pass
        await asyncio.sleep(0.1)
    sys.stderr.write(log.read_text(errors="replace")[-3000:])
    sys.exit("blocking_queries.py: the agent did not come up within 30 s (its log is above)")


async def current_index(port: int, path: str) -> int:
    response = await http(port, "GET", path)
    if "x-consul-index" not in response.headers:
        sys.exit(f"blocking_queries.py: GET {path} answered {response.status} "
                 "without X-Consul-Index")
    return int(response.headers["x-consul-index"])


async def hold(watcher: Watcher, port: int, connect_slots: asyncio.Semaphore,
               source: str) -> None:
    async with connect_slots:
        sock = socket.socket()
        # Let connect() pick the source port, as without bind(): bind() picking it alone
        # searches for a port no socket uses, which gets slow with thousands open.
        sock.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
        # Close with a reset: 10,000 sockets in TIME_WAIT would use up the ephemeral ports
        # of everyone on this machine for a minute.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.bind((source, 0))
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
        reader, watcher.writer = await asyncio.open_connection(sock=sock)
        watcher.writer.write(request_bytes("GET", port, watcher.path))
        await watcher.writer.drain()
    head = parse_head(await reader.readuntil(b"\r\n\r\n"))
    watcher.returned_at = time.monotonic()
    watcher.status = head.status
    watcher.index = int(head.headers.get("x-consul-index", "0"))


async def wait_for(condition, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(step)
    return True


async def hold_all(watchers: list[Watcher], args, pid: int, port: int) -> tuple[list, bool]:
    """Starts every watcher; returns their tasks once the agent has read every request
    (True), or once one of them failed or returned, or after --open-timeout (False)."""
    connect_slots = asyncio.Semaphore(args.connect_concurrency)
    # Loopback has ~28,000 ephemeral ports per source address: spread large runs over several.
    tasks = [asyncio.ensure_future(hold(w, port, connect_slots, f"127.0.0.{1 + w.number // 20000}"))
             for w in watchers]

    def settled() -> bool:  # a watcher failed or returned
        return any(t.done() for t in tasks)

    await wait_for(lambda: all(w.writer for w in watchers) or settled(), args.open_timeout)
    clients = {proc_address(*w.writer.get_extra_info("sockname")) for w in watchers if w.writer}
    held = await wait_for(lambda: agent_holds(pid, clients)[1] == len(watchers) or settled(),
                          args.open_timeout, step=0.25)
    return tasks, held and not settled()


async def wake(affected: list[Watcher], args, port: int) -> tuple[float, float, Response]:
    """PUTs a key under the watched prefix; returns when every prefix watcher has returned
    (or 5 s past the deadline) and a second past the deadline has gone by."""
    put_at = time.monotonic()
    response = await http(port, "PUT", "/v1/kv/bench/wake", b"wake")
    put_seconds = time.monotonic() - put_at
    await wait_for(lambda: all(w.returned_at for w in affected), args.deadline + 5)
    # Give the watchers that should stay idle as long to (wrongly) return.
    await asyncio.sleep(max(0.0, put_at + args.deadline + 1 - time.monotonic()))
    return put_at, put_seconds, response


def wake_rows(wake_result, affected: list[Watcher], unaffected: list[Watcher], index: int,
              deadline: float) -> tuple[list, bool]:
    put_at, put_seconds, response = wake_result
    latencies = [w.returned_at - put_at for w in affected if w.returned_at]
    in_time = [s for s in latencies if s <= deadline]
    stale = [w for w in affected if w.returned_at and (w.status != 200 or w.index <= index)]
    woke_wrongly = [w for w in unaffected if w.returned_at]
    rows = [
        ("PUT bench/wake answered", f"{response.status} {response.body.strip().decode()!r} "
                                    f"in {put_seconds * 1000:.1f} ms"),
        (f"prefix watchers returned within {deadline:g} s", f"{len(in_time)} / {len(affected)}"),
    ]
    if latencies:
        rows.append(("PUT → watcher returned: p50 / p99 / max",
                     " / ".join(f"{v * 1000:.1f}" for v in (percentile(latencies, .5),
                                percentile(latencies, .99), max(latencies))) + " ms"))
    if stale:
        rows.append(("returned without a new index or 200",
                     f"{len(stale)}, e.g. status {stale[0].status} index {stale[0].index}"))
    rows.append(("unrelated watchers returned (should be 0)",
                 f"{len(woke_wrongly)} / {len(unaffected)}"))
    return rows, len(in_time) == len(affected) and not stale and not woke_wrongly


async def measure(args, agent: subprocess.Popen, port: int, log: Path) -> tuple[list, bool]:
    await wait_ready(port, agent, log)
    index = max(await current_index(port, "/v1/kv/bench/?recurse"),
                await current_index(port, "/v1/kv/idle/0"))
    watchers = [
        Watcher(i, f"/v1/kv/bench/?recurse&index={index}&wait=5m", True) if i % 2 == 0 else
        Watcher(i, f"/v1/kv/idle/{i}?index={index}&wait=5m", False)
        for i in range(args.watchers)
    ]
    affected = [w for w in watchers if w.affected]
    unaffected = [w for w in watchers if not w.affected]

    rss_before = rss_kib(agent.pid)
    started = time.monotonic()
    tasks, held = await hold_all(watchers, args, agent.pid, port)
    open_seconds = time.monotonic() - started
    await asyncio.sleep(args.settle)
    failed = [t for t in tasks if t.done() and t.exception()]
    early = [w for w in watchers if w.returned_at is not None]
    rss_held = rss_kib(agent.pid)
    ok = held and not failed and not early
    wake_result = await wake(affected, args, port) if ok else None

    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for w in watchers:
        if w.writer:
            w.writer.close()

    rows = [
        ("watchers", f"{args.watchers} ({len(affected)} on `bench/?recurse`, "
                     f"{len(unaffected)} on keys of their own under `idle/`)"),
        ("agent RSS before", f"{rss_before / 1024:.1f} MiB"),
        ("agent RSS with all held", f"{rss_held / 1024:.1f} MiB"),
        ("RSS per held query", f"{(rss_held - rss_before) * 1024 / args.watchers:.0f} bytes"),
        ("time to open and hand over all", f"{open_seconds:.2f} s"
                                           + ("" if held or early else " (not all seen by the agent)")),
    ]
    if failed:
        rows.append(("connections that failed", f"{len(failed)}: {failed[0].exception()!r}"))
    if early:
        rows.append(("returned before the PUT (should be 0)",
                     f"{len(early)}, e.g. #{early[0].number} status {early[0].status}"))
    if wake_result:
        more, ok = wake_rows(wake_result, affected, unaffected, index, args.deadline)
        rows += more
    return rows, ok


def report(rows: list, ok: bool, args) -> str:
    lines = [
        "# Blocking queries: idle watchers and one wake-up",
        "",
        f"{time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, agent `{args.qonsul}`, "
        f"open-files limit {args.open_files_limit}.",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in rows),
        "",
        f"Result: {'PASS' if ok else 'FAIL'}",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--watchers", type=int, default=10000)
    parser.add_argument("--qonsul", default=os.environ.get("QONSUL", str(ROOT / "build/app/qonsul")),
                        help="agent binary (default: $QONSUL, else build/app/qonsul)")
    parser.add_argument("--deadline", type=float, default=1.0,
                        help="seconds within which every prefix watcher must return")
    parser.add_argument("--settle", type=float, default=0.5,
                        help="pause after the agent has read every request")
    parser.add_argument("--open-timeout", type=float, default=60.0)
    parser.add_argument("--connect-concurrency", type=int, default=256)
    args = parser.parse_args()
    # So that the agent is stopped on `kill` as on Ctrl-C (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.watchers < 2:
        parser.error("--watchers must be at least 2")
    if not os.access(args.qonsul, os.X_OK):
        sys.exit(f"blocking_queries.py: no agent at {args.qonsul} (build it, or set QONSUL)")

    # Our own sockets plus the agent's (it inherits the limit).
    args.open_files_limit = raise_open_files_limit(args.watchers + 1024)
    http_port, dns_port, serf_port, server_port = free_ports(4)
    with tempfile.TemporaryDirectory(prefix="qonsul-bench-bq.") as work:
        log = Path(work) / "agent.log"
        with open(log, "wb") as log_file:
            agent = subprocess.Popen(
                [args.qonsul, "agent", "-dev", "-node", "bench",
                 "-http-port", str(http_port), "-dns-port", str(dns_port),
                 "-serf-lan-port", str(serf_port), "-server-port", str(server_port)],
                stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
                start_new_session=True)
        try:
            rows, ok = asyncio.run(measure(args, agent, http_port, log))
        finally:
            agent.terminate()
            try:
                agent.wait(10)
            except subprocess.TimeoutExpired:
                agent.kill()
                agent.wait()

    text = report(rows, ok, args)
    print(text, end="")
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "blocking_queries.md").write_text(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
