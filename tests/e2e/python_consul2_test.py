"""Debian's python3-consul2 (`import consul`) against a real `qonsul agent -dev`.

python-consul2 is the maintained fork of python-consul that speaks Consul 1.x;
it is what a Python user of the tutorial would reach for. Each test class
exercises one area of its API (KV with CAS and blocking reads, sessions and
locks, catalog, agent services and checks, health) and asserts the values
Consul returns, so a difference in JSON shape, status code or index header
shows up as the client misbehaving.

Run with /usr/bin/python3 (Debian's, which has the package) and QONSUL set to
the binary. The agent is started once for the module on free ports (chosen by
lib/free_ports.py, as for the shell tests) and killed at exit.
"""

import atexit
import base64
import http.server
import json
import os
import socket
import sys
import threading
import time
import unittest

import consul

# lib/dev_agent.py starts the agent on ports picked the way lib.sh picks them for the shell tests.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from dev_agent import DevAgent  # noqa: E402
from free_ports import free_ports  # noqa: E402

AGENT = {}


def start_agent():
    AGENT["agent"] = DevAgent().start()
    os.environ["CONSUL_HTTP_ADDR"] = "127.0.0.1:%d" % AGENT["agent"].http
    AGENT["server"] = AGENT["agent"].server


def stop_agent():
    if "agent" in AGENT:
        AGENT.pop("agent").stop()


def setUpModule():
    atexit.register(stop_agent)
    start_agent()


def tearDownModule():
    stop_agent()


def client():
    # CONSUL_HTTP_ADDR (set by start_agent) tells the client where the agent is.
    # The timeout only guards against a hung agent; blocking reads use wait=.
    return consul.Consul(timeout=30)


def eventually(predicate, timeout=10.0):
    """Polls predicate until it is truthy; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


class KVTest(unittest.TestCase):
    def setUp(self):
        self.c = client()
        self.c.kv.delete("py/", recurse=True)

    def test_put_get(self):
        index, missing = self.c.kv.get("py/missing")
        self.assertIsNone(missing)
        self.assertTrue(int(index) >= 1, "X-Consul-Index is sent on 404 too")

        self.assertTrue(self.c.kv.put("py/greeting", "hello", flags=42))
        index, pair = self.c.kv.get("py/greeting")
        self.assertEqual(pair["Key"], "py/greeting")
        self.assertEqual(pair["Value"], b"hello")
        self.assertEqual(pair["Flags"], 42)
        self.assertEqual(pair["LockIndex"], 0)
        self.assertNotIn("Session", pair)
        self.assertEqual(pair["CreateIndex"], pair["ModifyIndex"])
        self.assertEqual(int(index), pair["ModifyIndex"])

        # Binary values travel base64-encoded and come back intact.
        blob = bytes(range(256))
        self.assertTrue(self.c.kv.put("py/blob", blob))
        self.assertEqual(self.c.kv.get("py/blob")[1]["Value"], blob)

        # A key created with no data has a null Value.
        self.assertTrue(self.c.kv.put("py/nothing", None))
        self.assertIsNone(self.c.kv.get("py/nothing")[1]["Value"])

    def test_cas(self):
        # cas=0: create only if absent.
        self.assertTrue(self.c.kv.put("py/cas", "one", cas=0))
        self.assertFalse(self.c.kv.put("py/cas", "two", cas=0))
        _, pair = self.c.kv.get("py/cas")
        self.assertEqual(pair["Value"], b"one")
        first = pair["ModifyIndex"]

        self.assertTrue(self.c.kv.put("py/cas", "two", cas=first))
        self.assertFalse(self.c.kv.put("py/cas", "three", cas=first))
        _, pair = self.c.kv.get("py/cas")
        self.assertEqual(pair["Value"], b"two")
        self.assertGreater(pair["ModifyIndex"], first)
        self.assertEqual(pair["CreateIndex"], first)

        # CAS delete: 0 never deletes, a stale index does not, the right one does.
        self.assertFalse(self.c.kv.delete("py/cas", cas=0))
        self.assertFalse(self.c.kv.delete("py/cas", cas=first))
        self.assertTrue(self.c.kv.delete("py/cas", cas=pair["ModifyIndex"]))
        self.assertIsNone(self.c.kv.get("py/cas")[1])

    def test_recurse_keys_and_delete_recurse(self):
        for key, value in (("py/app/a", "1"), ("py/app/b", "2"),
                           ("py/app/sub/c", "3"), ("py/other", "4")):
            self.assertTrue(self.c.kv.put(key, value))

        index, pairs = self.c.kv.get("py/app/", recurse=True)
        self.assertEqual([(p["Key"], p["Value"]) for p in pairs],
                         [("py/app/a", b"1"), ("py/app/b", b"2"), ("py/app/sub/c", b"3")])
        self.assertEqual(int(index), max(p["ModifyIndex"] for p in pairs))

        _, keys = self.c.kv.get("py/", keys=True)
        self.assertEqual(keys, ["py/app/a", "py/app/b", "py/app/sub/c", "py/other"])
        _, keys = self.c.kv.get("py/", keys=True, separator="/")
        self.assertEqual(keys, ["py/app/", "py/other"])
        _, keys = self.c.kv.get("py/app/", keys=True, separator="/")
        self.assertEqual(keys, ["py/app/a", "py/app/b", "py/app/sub/"])

        self.assertTrue(self.c.kv.delete("py/app/", recurse=True))
        self.assertIsNone(self.c.kv.get("py/app/", recurse=True)[1])
        self.assertIsNone(self.c.kv.get("py/app/", keys=True)[1])
        self.assertEqual(self.c.kv.get("py/other")[1]["Value"], b"4")

        # Deleting a missing key is not an error.
        self.assertTrue(self.c.kv.delete("py/never-there"))

    def test_blocking_get_times_out_with_same_index(self):
        self.assertTrue(self.c.kv.put("py/block", "v1"))
        index, pair = self.c.kv.get("py/block")
        started = time.monotonic()
        again, pair_again = self.c.kv.get("py/block", index=index, wait="2s")
        elapsed = time.monotonic() - started
        self.assertEqual(again, index)
        self.assertEqual(pair_again["Value"], b"v1")
        # wait=2s plus Consul's jitter of at most wait/16, with slack for a busy machine.
        self.assertGreaterEqual(elapsed, 1.9)
        self.assertLess(elapsed, 5.0)

    def test_blocking_get_wakes_on_write(self):
        self.assertTrue(self.c.kv.put("py/wake", "before"))
        index, _ = self.c.kv.get("py/wake")
        writer = threading.Timer(0.5, lambda: client().kv.put("py/wake", "after"))
        writer.start()
        try:
            started = time.monotonic()
            new_index, pair = self.c.kv.get("py/wake", index=index, wait="10s")
            elapsed = time.monotonic() - started
        finally:
            writer.join()
        self.assertEqual(pair["Value"], b"after")
        self.assertGreater(int(new_index), int(index))
        self.assertEqual(int(new_index), pair["ModifyIndex"])
        self.assertGreaterEqual(elapsed, 0.4)
        self.assertLess(elapsed, 5.0, "the write woke the blocking read well before wait=10s")

    def test_blocking_get_on_missing_key_wakes_on_create(self):
        index, missing = self.c.kv.get("py/later")
        self.assertIsNone(missing)
        writer = threading.Timer(0.3, lambda: client().kv.put("py/later", "now"))
        writer.start()
        try:
            started = time.monotonic()
            _, pair = self.c.kv.get("py/later", index=index, wait="10s")
            elapsed = time.monotonic() - started
        finally:
            writer.join()
        self.assertIsNotNone(pair)
        self.assertEqual(pair["Value"], b"now")
        self.assertLess(elapsed, 5.0)


class SessionTest(unittest.TestCase):
    def setUp(self):
        self.c = client()
        self.c.kv.delete("pylock/", recurse=True)

    def test_lifecycle(self):
        sid = self.c.session.create(name="py-session", ttl=15)
        self.assertRegex(sid, r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

        index, info = self.c.session.info(sid)
        self.assertGreaterEqual(int(index), 1)
        self.assertEqual(info["ID"], sid)
        self.assertEqual(info["Name"], "py-session")
        self.assertEqual(info["Node"], "machine")
        self.assertEqual(info["Checks"], ["serfHealth"])
        self.assertEqual(info["LockDelay"], 15000000000)
        self.assertEqual(info["Behavior"], "release")
        self.assertEqual(info["TTL"], "15s")
        self.assertEqual(info["CreateIndex"], info["ModifyIndex"])

        _, sessions = self.c.session.list()
        self.assertIn(sid, [s["ID"] for s in sessions])
        _, on_node = self.c.session.node("machine")
        self.assertIn(sid, [s["ID"] for s in on_node])

        renewed = self.c.session.renew(sid)
        self.assertEqual(renewed["ID"], sid)
        self.assertEqual(renewed["TTL"], "15s")

        self.assertTrue(self.c.session.destroy(sid))
        self.assertIsNone(self.c.session.info(sid)[1])
        _, sessions = self.c.session.list()
        self.assertNotIn(sid, [s["ID"] for s in sessions])
        with self.assertRaises(consul.NotFound):
            self.c.session.renew(sid)
        # Destroying again (or an unknown ID) still answers true.
        self.assertTrue(self.c.session.destroy(sid))

    def test_lock_acquire_release(self):
        holder = self.c.session.create(name="holder", lock_delay=0)
        rival = self.c.session.create(name="rival", lock_delay=0)
        try:
            self.assertTrue(self.c.kv.put("pylock/leader", "holder", acquire=holder))
            _, pair = self.c.kv.get("pylock/leader")
            self.assertEqual(pair["Session"], holder)
            self.assertEqual(pair["LockIndex"], 1)
            self.assertEqual(pair["Value"], b"holder")

            # Re-acquiring by the holder succeeds without counting a new acquisition.
            self.assertTrue(self.c.kv.put("pylock/leader", "holder again", acquire=holder))
            self.assertEqual(self.c.kv.get("pylock/leader")[1]["LockIndex"], 1)

            self.assertFalse(self.c.kv.put("pylock/leader", "rival", acquire=rival))
            self.assertFalse(self.c.kv.put("pylock/leader", "rival", release=rival))
            _, pair = self.c.kv.get("pylock/leader")
            self.assertEqual(pair["Session"], holder)
            self.assertEqual(pair["Value"], b"holder again")

            # A plain write to a locked key goes through and keeps the holder.
            self.assertTrue(self.c.kv.put("pylock/leader", "plain"))
            self.assertEqual(self.c.kv.get("pylock/leader")[1]["Session"], holder)

            self.assertTrue(self.c.kv.put("pylock/leader", "released", release=holder))
            _, pair = self.c.kv.get("pylock/leader")
            self.assertNotIn("Session", pair)
            self.assertEqual(pair["LockIndex"], 1)
            self.assertEqual(pair["Value"], b"released")

            self.assertTrue(self.c.kv.put("pylock/leader", "rival", acquire=rival))
            _, pair = self.c.kv.get("pylock/leader")
            self.assertEqual(pair["Session"], rival)
            self.assertEqual(pair["LockIndex"], 2)
        finally:
            self.c.session.destroy(holder)
            self.c.session.destroy(rival)

    def test_destroy_releases_and_arms_lock_delay(self):
        holder = self.c.session.create(name="holder")  # default lock-delay 15s
        rival = self.c.session.create(name="rival")
        try:
            self.assertTrue(self.c.kv.put("pylock/delayed", "x", acquire=holder))
            self.assertTrue(self.c.session.destroy(holder))
            pair = self.c.kv.get("pylock/delayed")[1]
            self.assertNotIn("Session", pair, "destroying the session released its lock")
            self.assertEqual(pair["Value"], b"x")
            # The lock-delay keeps others out for a while after invalidation.
            self.assertFalse(self.c.kv.put("pylock/delayed", "y", acquire=rival))
        finally:
            self.c.session.destroy(rival)

    def test_behavior_delete_removes_held_keys(self):
        ephemeral = self.c.session.create(name="ephemeral", behavior="delete", lock_delay=0)
        self.assertEqual(self.c.session.info(ephemeral)[1]["Behavior"], "delete")
        self.assertTrue(self.c.kv.put("pylock/ephemeral", "here", acquire=ephemeral))
        self.assertTrue(self.c.session.destroy(ephemeral))
        self.assertTrue(eventually(lambda: self.c.kv.get("pylock/ephemeral")[1] is None))

    def test_acquire_with_unknown_session_is_an_error(self):
        with self.assertRaises(consul.ConsulException) as raised:
            self.c.kv.put("pylock/x", "y", acquire="00000000-0000-0000-0000-000000000000")
        self.assertIn("500", str(raised.exception))
        self.assertIn('invalid session "00000000-0000-0000-0000-000000000000"', str(raised.exception))


class TxnTest(unittest.TestCase):
    """Consul.Txn.put: KV operations applied together or not at all."""

    def setUp(self):
        self.c = client()
        self.c.kv.delete("pytxn/", recurse=True)

    @staticmethod
    def kv(verb, key, value=None, **fields):
        op = {"Verb": verb, "Key": key}
        if value is not None:
            op["Value"] = base64.b64encode(value).decode()
        op.update(fields)
        return {"KV": op}

    def test_writes_apply_together(self):
        self.assertTrue(self.c.kv.put("pytxn/old", "x"))
        answer = self.c.txn.put([
            self.kv("set", "pytxn/a", b"one", Flags=7),
            self.kv("set", "pytxn/b", b"two"),
            self.kv("delete", "pytxn/old"),
            self.kv("get", "pytxn/a"),
        ])
        self.assertIsNone(answer["Errors"])
        results = [r["KV"] for r in answer["Results"]]
        self.assertEqual([r["Key"] for r in results], ["pytxn/a", "pytxn/b", "pytxn/a"])
        self.assertIsNone(results[0]["Value"], "a write's result carries no value")
        self.assertEqual(results[0]["Flags"], 7)
        self.assertEqual(base64.b64decode(results[2]["Value"]), b"one")
        # One Raft entry: every write of the transaction has the same index.
        self.assertEqual(results[0]["ModifyIndex"], results[1]["ModifyIndex"])
        self.assertEqual(self.c.kv.get("pytxn/b")[1]["Value"], b"two")
        self.assertIsNone(self.c.kv.get("pytxn/old")[1])

    def test_a_failed_operation_rolls_everything_back(self):
        self.assertTrue(self.c.kv.put("pytxn/keep", "v1"))
        index, before = self.c.kv.get("pytxn/keep")
        with self.assertRaises(consul.base.ClientError) as refused:
            self.c.txn.put([
                self.kv("set", "pytxn/new", b"n"),
                self.kv("delete", "pytxn/keep"),
                self.kv("cas", "pytxn/keep", b"v2", Index=before["ModifyIndex"] + 100),
                self.kv("check-not-exists", "pytxn/keep"),
            ])
        status, _, body = str(refused.exception).partition(" ")
        self.assertEqual(status, "409")
        errors = json.loads(body)["Errors"]
        self.assertEqual([e["OpIndex"] for e in errors], [2])
        self.assertEqual(errors[0]["What"], 'failed to set key "pytxn/keep", index is stale')
        self.assertIsNone(self.c.kv.get("pytxn/new")[1], "the set before the failure is undone")
        after_index, after = self.c.kv.get("pytxn/keep")
        self.assertEqual(after, before, "the delete before the failure is undone")
        self.assertEqual(after_index, index)

    def test_reads_only(self):
        self.assertTrue(self.c.kv.put("pytxn/r/1", "a"))
        self.assertTrue(self.c.kv.put("pytxn/r/2", "b"))
        _, one = self.c.kv.get("pytxn/r/1")
        answer = self.c.txn.put([
            self.kv("get-tree", "pytxn/r/"),
            self.kv("check-index", "pytxn/r/1", Index=one["ModifyIndex"]),
        ])
        self.assertEqual([r["KV"]["Key"] for r in answer["Results"]],
                         ["pytxn/r/1", "pytxn/r/2", "pytxn/r/1"])
        self.assertEqual(answer["KnownLeader"], True)
        self.assertEqual(answer["ConsistencyLevel"], "leader")


class CatalogTest(unittest.TestCase):
    def setUp(self):
        self.c = client()

    def tearDown(self):
        self.c.catalog.deregister("ext1")

    def test_register_query_deregister(self):
        self.assertTrue(self.c.catalog.register(
            "ext1", "10.1.2.3",
            service={"Service": "redis", "ID": "redis1", "Tags": ["v1"], "Port": 6379},
            check={"Node": "ext1", "CheckID": "service:redis1", "Name": "Redis health",
                   "Status": "passing", "ServiceID": "redis1"},
            node_meta={"rack": "r1"}))

        index, nodes = self.c.catalog.nodes()
        self.assertGreaterEqual(int(index), 1)
        self.assertEqual([n["Node"] for n in nodes], ["ext1", "machine"])
        ext1 = nodes[0]
        self.assertEqual(ext1["Address"], "10.1.2.3")
        self.assertEqual(ext1["Datacenter"], "dc1")
        self.assertEqual(ext1["Meta"], {"rack": "r1"})

        _, services = self.c.catalog.services()
        self.assertEqual(services, {"consul": [], "redis": ["v1"]})

        _, instances = self.c.catalog.service("redis")
        self.assertEqual(len(instances), 1)
        redis = instances[0]
        self.assertEqual(
            {k: redis[k] for k in ("Node", "Address", "ServiceID", "ServiceName",
                                   "ServiceTags", "ServicePort", "ServiceAddress")},
            {"Node": "ext1", "Address": "10.1.2.3", "ServiceID": "redis1",
             "ServiceName": "redis", "ServiceTags": ["v1"], "ServicePort": 6379,
             "ServiceAddress": ""})
        self.assertEqual(self.c.catalog.service("redis", tag="v1")[1], instances)
        self.assertEqual(self.c.catalog.service("redis", tag="v2")[1], [])

        _, node = self.c.catalog.node("ext1")
        self.assertEqual(node["Node"]["Node"], "ext1")
        self.assertEqual(node["Node"]["Address"], "10.1.2.3")
        self.assertEqual(list(node["Services"]), ["redis1"])
        self.assertEqual(node["Services"]["redis1"]["Service"], "redis")
        self.assertEqual(node["Services"]["redis1"]["Port"], 6379)

        # Catalog checks only store state; this one is passing as registered.
        _, checks = self.c.health.checks("redis")
        self.assertEqual([(c["CheckID"], c["Status"], c["Node"]) for c in checks],
                         [("service:redis1", "passing", "ext1")])

        self.assertTrue(self.c.catalog.deregister("ext1", service_id="redis1"))
        self.assertEqual(self.c.catalog.service("redis")[1], [])
        self.assertEqual(self.c.catalog.node("ext1")[1]["Services"], {})

        self.assertTrue(self.c.catalog.deregister("ext1"))
        self.assertEqual([n["Node"] for n in self.c.catalog.nodes()[1]], ["machine"])
        self.assertIsNone(self.c.catalog.node("ext1")[1])

    def test_datacenters(self):
        self.assertEqual(self.c.catalog.datacenters(), ["dc1"])


class AgentAndHealthTest(unittest.TestCase):
    def setUp(self):
        self.c = client()

    def tearDown(self):
        # Leave the catalog as the next test expects it, even after a failure.
        self.c.agent.service.deregister("api1")
        eventually(lambda: not self.in_catalog("api"))

    def in_catalog(self, name):
        return bool(self.c.catalog.service(name)[1])

    def test_health_of_the_dev_agent(self):
        index, checks = self.c.health.node("machine")
        self.assertGreaterEqual(int(index), 1)
        serf = [c for c in checks if c["CheckID"] == "serfHealth"]
        self.assertEqual(len(serf), 1)
        self.assertEqual(
            {k: serf[0][k] for k in ("Node", "Name", "Status", "Output", "ServiceID")},
            {"Node": "machine", "Name": "Serf Health Status", "Status": "passing",
             "Output": "Agent alive and reachable", "ServiceID": ""})

        _, consul_service = self.c.health.service("consul", passing=True)
        self.assertEqual([(e["Node"]["Node"], e["Service"]["Service"], e["Service"]["Port"])
                          for e in consul_service],
                         [("machine", "consul", AGENT["server"])])

        _, any_state = self.c.health.state("any")
        self.assertIn(("machine", "serfHealth"), [(c["Node"], c["CheckID"]) for c in any_state])
        _, passing = self.c.health.state("passing")
        self.assertIn("serfHealth", [c["CheckID"] for c in passing])
        self.assertTrue(all(c["Status"] == "passing" for c in passing))

        self.assertEqual(self.c.health.service("no-such-service")[1], [])
        self.assertEqual(self.c.health.checks("no-such-service")[1], [])

    def test_agent_service_with_ttl_check(self):
        self.assertTrue(self.c.agent.service.register(
            "api", service_id="api1", port=9000, tags=["v2"],
            check=consul.Check.ttl("30s")))

        services = self.c.agent.services()
        self.assertIn("api1", services)
        self.assertEqual(
            {k: services["api1"][k] for k in ("ID", "Service", "Tags", "Port", "Address", "Meta")},
            {"ID": "api1", "Service": "api", "Tags": ["v2"], "Port": 9000, "Address": "",
             "Meta": {}})

        checks = self.c.agent.checks()
        self.assertIn("service:api1", checks)
        self.assertEqual(checks["service:api1"]["Status"], "critical", "new checks start critical")
        self.assertEqual(checks["service:api1"]["ServiceID"], "api1")
        self.assertEqual(checks["service:api1"]["Name"], "Service 'api' check")

        self.assertTrue(eventually(lambda: self.in_catalog("api")), "api reaches the catalog")
        _, entries = self.c.health.service("api")
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries[0]["Service"]["ID"], "api1")
        self.assertEqual(entries[0]["Node"]["Node"], "machine")
        self.assertEqual(sorted((c["CheckID"], c["Status"]) for c in entries[0]["Checks"]),
                         [("serfHealth", "passing"), ("service:api1", "critical")])
        self.assertEqual(self.c.health.service("api", passing=True)[1], [])

        _, critical = self.c.health.state("critical")
        self.assertIn("service:api1", [c["CheckID"] for c in critical])

        self.assertTrue(self.c.agent.check.ttl_pass("service:api1", notes="all good"))
        self.assertEqual(self.c.agent.checks()["service:api1"]["Status"], "passing")
        self.assertEqual(self.c.agent.checks()["service:api1"]["Output"], "all good")
        passing = eventually(lambda: self.c.health.service("api", passing=True)[1])
        self.assertEqual([e["Service"]["ID"] for e in passing], ["api1"])

        _, checks = self.c.health.checks("api")
        self.assertEqual([(c["CheckID"], c["Status"], c["Output"]) for c in checks],
                         [("service:api1", "passing", "all good")])

        self.assertTrue(self.c.agent.check.ttl_warn("service:api1"))
        self.assertTrue(eventually(
            lambda: self.c.health.checks("api")[1][0]["Status"] == "warning"))
        self.assertEqual(self.c.health.service("api", passing=True)[1], [],
                         "?passing drops warning too")

        self.assertTrue(self.c.agent.service.deregister("api1"))
        self.assertNotIn("api1", self.c.agent.services())
        self.assertNotIn("service:api1", self.c.agent.checks())
        self.assertTrue(eventually(lambda: not self.in_catalog("api")), "api leaves the catalog")
        self.assertEqual(self.c.health.checks("api")[1], [])

    def test_http_check_failing_then_passing(self):
        # Seed step 6 through the client: a web check that fails, shows in the critical state
        # with its output, keeps the service out of ?passing, and recovers.
        port = free_ports(1)[0]
        url = "http://127.0.0.1:%d/" % port
        self.assertTrue(self.c.agent.service.register(
            "pyweb", service_id="pyweb1", port=port,
            check=consul.Check.http(url, "1s", timeout="1s")))
        critical = eventually(lambda: [
            c for c in self.c.health.state("critical")[1]
            if c["CheckID"] == "service:pyweb1" and c["Output"]])
        self.assertEqual(len(critical), 1)
        self.assertIn("connection refused", critical[0]["Output"])
        self.assertEqual(critical[0]["Definition"]["HTTP"], url)
        self.assertEqual(self.c.health.service("pyweb", passing=True)[1], [])

        server = http.server.HTTPServer(("127.0.0.1", port), http.server.SimpleHTTPRequestHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            passing = eventually(lambda: self.c.health.service("pyweb", passing=True)[1])
            self.assertEqual([e["Service"]["ID"] for e in passing], ["pyweb1"])
            _, checks = self.c.health.checks("pyweb")
            self.assertEqual(checks[0]["Status"], "passing")
            self.assertTrue(checks[0]["Output"].startswith("HTTP GET %s: 200 OK Output: " % url))
        finally:
            self.assertTrue(self.c.agent.service.deregister("pyweb1"))
            server.shutdown()
            server.server_close()

    def test_tcp_check_and_maintenance(self):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        port = listener.getsockname()[1]
        try:
            self.assertTrue(self.c.agent.service.register(
                "pydb", service_id="pydb1", port=port,
                check=consul.Check.tcp("127.0.0.1", port, "1s")))
            self.assertTrue(eventually(
                lambda: self.c.health.service("pydb", passing=True)[1]), "tcp check passes")
            self.assertEqual(self.c.agent.checks()["service:pydb1"]["Output"],
                             "TCP connect 127.0.0.1:%d: Success" % port)

            self.assertTrue(self.c.agent.service.maintenance("pydb1", "true", "backup"))
            maint = self.c.agent.checks()["_service_maintenance:pydb1"]
            self.assertEqual((maint["Status"], maint["Notes"]), ("critical", "backup"))
            self.assertTrue(eventually(
                lambda: not self.c.health.service("pydb", passing=True)[1]), "maintenance hides")
            self.assertTrue(self.c.agent.service.maintenance("pydb1", "false"))
            self.assertTrue(eventually(lambda: self.c.health.service("pydb", passing=True)[1]))

            self.assertTrue(self.c.agent.maintenance("true"))
            self.assertIn("_node_maintenance", self.c.agent.checks())
            self.assertTrue(eventually(
                lambda: not self.c.health.service("pydb", passing=True)[1]))
            self.assertTrue(self.c.agent.maintenance("false"))
            self.assertNotIn("_node_maintenance", self.c.agent.checks())
        finally:
            self.c.agent.service.deregister("pydb1")
            listener.close()

    def test_script_checks_need_the_flag(self):
        # The agent runs without -enable-script-checks: the API refuses script checks.
        with self.assertRaises(consul.ConsulException) as refused:
            self.c.agent.check.register(
                "pyscript", check=consul.Check.script(["true"], "10s"))
        self.assertIn("Scripts are disabled on this agent from remote calls", str(refused.exception))
        self.assertNotIn("pyscript", self.c.agent.checks())

    def test_standalone_ttl_check(self):
        self.assertTrue(self.c.agent.check.register(
            "pybeat", check=consul.Check.ttl("30s"), notes="heartbeat"))
        try:
            self.assertEqual(self.c.agent.checks()["pybeat"]["Notes"], "heartbeat")
            self.assertTrue(self.c.agent.check.ttl_fail("pybeat", notes="down"))
            critical = eventually(lambda: [
                c for c in self.c.health.state("critical")[1]
                if c["CheckID"] == "pybeat" and c["Output"] == "down"])
            self.assertEqual(len(critical), 1)
            # A node-level check counts for every service on the node.
            self.assertEqual(self.c.health.service("consul", passing=True)[1], [])
            self.assertTrue(self.c.agent.check.ttl_pass("pybeat"))
            self.assertTrue(eventually(lambda: self.c.health.service("consul", passing=True)[1]))
        finally:
            self.assertTrue(self.c.agent.check.deregister("pybeat"))
        self.assertNotIn("pybeat", self.c.agent.checks())

    def test_agent_self_and_members(self):
        me = self.c.agent.self()
        self.assertEqual(me["Config"]["NodeName"], "machine")
        self.assertEqual(me["Config"]["Datacenter"], "dc1")
        members = self.c.agent.members()
        self.assertEqual([(m["Name"], m["Addr"], m["Status"]) for m in members],
                         [("machine", "127.0.0.1", 1)])
        self.assertEqual(self.c.status.leader(), "127.0.0.1:%d" % AGENT["server"])
        self.assertEqual(self.c.status.peers(), ["127.0.0.1:%d" % AGENT["server"]])



class EventTest(unittest.TestCase):
    def setUp(self):
        self.c = client()

    def test_fire_and_list(self):
        fired = self.c.event.fire("py-deploy", "v1")
        self.assertEqual(fired["Name"], "py-deploy")
        self.assertEqual(base64.b64decode(fired["Payload"]), b"v1")
        index, events = self.c.event.list(name="py-deploy")
        self.assertEqual([e["ID"] for e in events], [fired["ID"]])
        self.assertEqual(base64.b64decode(events[0]["Payload"]), b"v1")
        self.assertGreaterEqual(events[0]["LTime"], 1)
        # Blocking on that index: answered with the next event (its index from the new ID).
        later = threading.Timer(0.5, lambda: self.c.event.fire("py-deploy", "v2"))
        later.start()
        index2, events = self.c.event.list(name="py-deploy", index=index, wait="20s")
        later.join()
        self.assertNotEqual(index2, index)
        self.assertEqual([base64.b64decode(e["Payload"]) for e in events], [b"v1", b"v2"])
        with self.assertRaises(consul.base.BadRequest):
            self.c.event.fire("x", tag="v1")


if __name__ == "__main__":
    unittest.main(verbosity=2)
