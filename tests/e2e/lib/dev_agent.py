"""A real `qonsul agent -dev` process for the Python end-to-end tests.

Started on free loopback ports (lib/free_ports.py), in a session of its own so
that stopping it stops what it spawned, with its output in a log file; ports
taken by someone else between the choice and the bind are retried.
"""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request

from free_ports import free_ports


def optional_agent_flags(wan_port, grpc_port):
    """-serf-wan-port/-grpc-port when the agent knows them, so that parallel
    runs do not fight over the dev defaults 8302 and 8502."""
    try:
        help_text = subprocess.run(
            [os.environ["QONSUL"], "agent", "-h"], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=5).stdout
    except (subprocess.TimeoutExpired, OSError):
        return []
    flags = []
    for flag, port in (("-serf-wan-port", wan_port), ("-grpc-port", grpc_port)):
        if any(word.split("=")[0] == flag for word in help_text.split()):
            flags += [flag, str(port)]
    return flags


def leader(http_port):
    try:
        with urllib.request.urlopen(
                "http://127.0.0.1:%d/v1/status/leader" % http_port, timeout=2) as answer:
            return json.loads(answer.read() or b'""')
    except (OSError, ValueError):
        return ""


class DevAgent:
    """start() returns once the agent has a leader; stop() kills it and removes
    its directory. Attributes: http, dns, server (ports), pid, log (path)."""

    def __init__(self, prefix="qonsul-e2e-py."):
        self.dir = tempfile.mkdtemp(prefix=prefix)
        self.process = None
        self.http = self.dns = self.server = None
        self.log = None

    @property
    def pid(self):
        return self.process.pid

    def start(self, extra_flags=()):
        tail = ""
        for attempt in range(3):
            http, dns, serf_lan, server, wan, grpc = free_ports(6)
            self.log = os.path.join(self.dir, "agent.%d.log" % attempt)
            with open(self.log, "wb") as log:
                self.process = subprocess.Popen(
                    [os.environ["QONSUL"], "agent", "-dev", "-node", "machine",
                     "-http-port", str(http), "-dns-port", str(dns),
                     "-serf-lan-port", str(serf_lan), "-server-port", str(server)]
                    + optional_agent_flags(wan, grpc) + list(extra_flags),
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and self.process.poll() is None:
                if leader(http):
                    self.http, self.dns, self.server = http, dns, server
                    return self
                time.sleep(0.1)
            tail = self.log_text()[-4000:]
            if self.process.poll() is None:
                raise RuntimeError("agent has no leader after 30s:\n" + tail)
            if "in use" not in tail.lower():
                raise RuntimeError("agent exited at once:\n" + tail)
        raise RuntimeError("agent could not get free ports:\n" + tail)

    def log_text(self):
        with open(self.log, errors="replace") as log:
            return log.read()

    def stop(self):
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
