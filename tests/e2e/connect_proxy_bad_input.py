"""The built-in Connect proxy against hostile and broken callers (issue: Connect, bad input).

A real `qonsul agent -dev` with an `echo` service and its sidecar, the CA switched to a root
whose key this test holds (through `connect ca set-config`, as an operator would rotate it),
and `qonsul connect proxy` processes. Then, on the public mTLS port: garbage, plain TCP, no
client certificate, a self-signed one, one from another CA, one from our CA for another trust
domain, an expired one, a non-service identity, and a client that stalls in the handshake;
on an upstream: 1,000 connections at once, and a destination with no healthy instance. Each
is refused (or served) as it should be, and after each the proxy still echoes for a good
caller. Last, a root rotation: both proxies take new leaves without dropping an open connection.

Run with /usr/bin/python3 (Debian's python3-cryptography builds the certificates) and QONSUL
set to the binary.
"""

import atexit
import datetime
import json
import os
import resource
import selectors
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from dev_agent import DevAgent  # noqa: E402
from free_ports import free_ports  # noqa: E402

STATE = {}
FLOOD = 1000


def http(method, path, body=None):
    request = urllib.request.Request(
        "http://127.0.0.1:%d%s" % (STATE["agent"].http, path), method=method,
        data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request, timeout=10) as answer:
        text = answer.read()
        return json.loads(text) if text else None


def eventually(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


class EchoServer(threading.Thread):
    """A single-threaded echo server that can hold thousands of connections."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.listener = socket.create_server(("127.0.0.1", port), backlog=2048)
        self.listener.setblocking(False)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, selectors.EVENT_READ)
        self.running = True

    def run(self):
        while self.running:
            for key, _ in self.selector.select(timeout=0.2):
                if key.fileobj is self.listener:
                    try:
                        conn, _ = self.listener.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    self.selector.register(conn, selectors.EVENT_READ)
                    continue
                try:
                    data = key.fileobj.recv(65536)
                except (BlockingIOError, ConnectionError):
                    data = b""
                if data:
                    key.fileobj.setblocking(True)  # all of it, whatever the peer's pace
                    key.fileobj.sendall(data)
                    key.fileobj.setblocking(False)
                else:
                    self.selector.unregister(key.fileobj)
                    key.fileobj.close()


# --- certificates --------------------------------------------------------------------------

def new_key():
    return ec.generate_private_key(ec.SECP256R1())


def pem_key(key):
    return key.private_bytes(serialization.Encoding.PEM,
                             serialization.PrivateFormat.TraditionalOpenSSL,
                             serialization.NoEncryption()).decode()


def certificate(subject_key, issuer_key, issuer_name, common_name, uri, ca=False,
                not_before=None, not_after=None):
    now = datetime.datetime.utcnow()
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
               .issuer_name(issuer_name or
                            x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
               .public_key(subject_key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(not_before or now - datetime.timedelta(minutes=1))
               .not_valid_after(not_after or now + datetime.timedelta(days=1))
               .add_extension(x509.SubjectAlternativeName(
                   [x509.UniformResourceIdentifier(uri)]), critical=False)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def write(path, text):
    with open(path, "w") as out:
        out.write(text)
    return path


class Callers:
    """Client certificate files for every kind of caller the tests play."""

    def __init__(self, directory, trust_domain, ca_key, ca_cert):
        self.directory = directory
        self.trust_domain = trust_domain
        self.ca_key, self.ca_cert = ca_key, ca_cert
        self.stranger_key = new_key()
        self.stranger = certificate(self.stranger_key, self.stranger_key, None, "Other CA",
                                    "spiffe://" + trust_domain, ca=True)

    def uri(self, service, domain=None):
        return "spiffe://%s/ns/default/dc/dc1/svc/%s" % (domain or self.trust_domain, service)

    def files(self, name, **kind):
        key = new_key()
        issuer_key, issuer_name = self.ca_key, self.ca_cert.subject
        if kind.get("self_signed"):
            issuer_key, issuer_name = key, None
        elif kind.get("stranger"):
            issuer_key, issuer_name = self.stranger_key, self.stranger.subject
        cert = certificate(key, issuer_key, issuer_name, name, kind.get("uri", self.uri("web")),
                           not_before=kind.get("not_before"), not_after=kind.get("not_after"))
        cert_path = write(os.path.join(self.directory, name + ".crt"),
                          cert.public_bytes(serialization.Encoding.PEM).decode())
        key_path = write(os.path.join(self.directory, name + ".key"), pem_key(key))
        return cert_path, key_path


def tls_echo(port, cert=None, max_tls12=True, text=b"hello\n", timeout=5):
    """Sends `text` over mTLS to the proxy; what came back (b"" when refused)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the proxy's own certificate is not on trial here
    if max_tls12:
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    if cert:
        context.load_cert_chain(*cert)
    try:
        raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        with context.wrap_socket(raw) as tls:
            tls.sendall(text)
            received = b""
            while not received.endswith(b"\n"):
                chunk = tls.recv(4096)
                if not chunk:
                    break
                received += chunk
            return received
    except (ssl.SSLError, ConnectionError, socket.timeout):
        return b""


def plain_echo(port, text=b"hello\n", timeout=5):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(text)
        received = b""
        try:
            while not received.endswith(b"\n"):
                chunk = conn.recv(4096)
                if not chunk:
                    break
                received += chunk
        except (ConnectionError, socket.timeout):
            pass
        return received


def start_proxy(name, *args):
    log = os.path.join(STATE["dir"], name + ".log")
    with open(log, "wb") as out:
        process = subprocess.Popen([os.environ["QONSUL"], "connect", "proxy"] + list(args),
                                   stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True,
                                   env=dict(os.environ,
                                            CONSUL_HTTP_ADDR="127.0.0.1:%d" % STATE["agent"].http))
    STATE.setdefault("processes", []).append(process)
    return process, log


def read(path):
    with open(path, errors="replace") as f:
        return f.read()


def setUpModule():
    # tearDownModule does not run when setUpModule fails: stop what was started anyway.
    atexit.register(tearDownModule)
    # 1,000 connections through two proxies need more descriptors than the usual 1,024.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    STATE["dir"] = tempfile.mkdtemp(prefix="qonsul-e2e-connect.")
    echo_port, public_port, upstream_port, nowhere_port = free_ports(4)
    STATE.update(echo=echo_port, public=public_port, upstream=upstream_port,
                 nowhere=nowhere_port)
    STATE["echo_server"] = EchoServer(echo_port)
    STATE["echo_server"].start()
    config = os.path.join(STATE["dir"], "consul.d")
    os.mkdir(config)
    write(os.path.join(config, "echo.json"), json.dumps({"service": {
        "name": "echo", "port": echo_port,
        "connect": {"sidecar_service": {"port": public_port}}}}))
    STATE["agent"] = DevAgent().start(["-config-dir", config])

    # The operator's own root: this test can then sign whatever a caller might present.
    trust_domain = http("GET", "/v1/connect/ca/roots")["TrustDomain"]
    ca_key = new_key()
    ca_cert = certificate(ca_key, ca_key, None, "Consul CA 99", "spiffe://" + trust_domain,
                          ca=True, not_after=datetime.datetime.utcnow()
                          + datetime.timedelta(days=365))
    http("PUT", "/v1/connect/ca/configuration", {"Provider": "consul", "Config": {
        "PrivateKey": pem_key(ca_key),
        "RootCert": ca_cert.public_bytes(serialization.Encoding.PEM).decode()}})
    STATE["callers"] = Callers(STATE["dir"], trust_domain, ca_key, ca_cert)
    STATE["good"] = STATE["callers"].files("good")

    STATE["echo_proxy"], STATE["echo_log"] = start_proxy("echo-proxy", "-sidecar-for", "echo")
    STATE["web_proxy"], STATE["web_log"] = start_proxy(
        "web-proxy", "-service", "web", "-upstream", "echo:%d" % upstream_port,
        "-upstream", "nowhere:%d" % nowhere_port)
    ready = eventually(lambda: tls_echo(public_port, STATE["good"]) == b"hello\n", timeout=30)
    if not ready:
        raise RuntimeError("the echo proxy never served a good caller:\n"
                           + read(STATE["echo_log"])[-3000:])
    passing = eventually(lambda: http("GET", "/v1/health/connect/echo?passing"), timeout=30)
    if not passing:
        raise RuntimeError("the echo sidecar never became healthy")


def tearDownModule():
    for process in STATE.pop("processes", []):
        try:
            os.killpg(process.pid, 9)
        except ProcessLookupError:
            pass
        process.wait()
    if "agent" in STATE:
        STATE.pop("agent").stop()
    if "echo_server" in STATE:
        STATE.pop("echo_server").running = False


class PublicListenerTest(unittest.TestCase):
    def assertStillServes(self):
        self.assertEqual(tls_echo(STATE["public"], STATE["good"]), b"hello\n",
                         "the proxy still echoes for a good caller")
        self.assertIsNone(STATE["echo_proxy"].poll(), "the proxy is still running")

    def assertRefused(self, cert, **kind):
        callers = STATE["callers"]
        files = callers.files(cert, **kind) if cert else None
        self.assertEqual(tls_echo(STATE["public"], files), b"", "refused in the TLS 1.2 handshake")
        self.assertEqual(tls_echo(STATE["public"], files, max_tls12=False), b"",
                         "refused over TLS 1.3 too")
        self.assertStillServes()

    def test_a_good_caller_is_served_over_tls12_and_tls13(self):
        self.assertEqual(tls_echo(STATE["public"], STATE["good"], max_tls12=False), b"hello\n")
        self.assertStillServes()

    def test_garbage_and_plain_tcp(self):
        for text in (os.urandom(300), b"GET / HTTP/1.0\r\n\r\n", b"hello\n"):
            self.assertEqual(plain_echo(STATE["public"], text), b"")
        self.assertStillServes()

    def test_no_client_certificate(self):
        self.assertRefused(None)

    def test_self_signed(self):
        self.assertRefused("selfsigned", self_signed=True)

    def test_another_ca(self):
        self.assertRefused("stranger", stranger=True)

    def test_another_trust_domain(self):
        callers = STATE["callers"]
        self.assertRefused("foreign", uri=callers.uri("web", "other.consul"))
        self.assertIn("identity from an external trust domain: other.consul",
                      read(STATE["echo_log"]))

    def test_expired(self):
        now = datetime.datetime.utcnow()
        self.assertRefused("expired", not_before=now - datetime.timedelta(days=3),
                           not_after=now - datetime.timedelta(days=1))

    def test_not_a_service_identity(self):
        callers = STATE["callers"]
        self.assertRefused("agentid",
                           uri="spiffe://%s/agent/client/dc/dc1/id/x" % callers.trust_domain)

    def test_a_caller_that_stalls_in_the_handshake(self):
        stalled = socket.create_connection(("127.0.0.1", STATE["public"]))
        stalled.sendall(b"\x16\x03\x01\x00")  # the start of a ClientHello, then nothing
        self.assertStillServes()
        stalled.settimeout(15)
        try:
            self.assertEqual(stalled.recv(100), b"", "the proxy gives up after its timeout")
        except ConnectionResetError:
            pass
        stalled.close()
        self.assertIn("TLS handshake timed out", read(STATE["echo_log"]))


class UpstreamTest(unittest.TestCase):
    def test_a_thousand_connections_at_once(self):
        clients = []
        try:
            for _ in range(FLOOD):
                clients.append(socket.create_connection(("127.0.0.1", STATE["upstream"]),
                                                        timeout=10))
            # Every one of them is relayed: each gets its own echo.
            for number, conn in enumerate(clients):
                conn.sendall(b"%d\n" % number)
            for number, conn in enumerate(clients):
                received = b""
                while not received.endswith(b"\n"):
                    chunk = conn.recv(100)
                    if not chunk:
                        break
                    received += chunk
                self.assertEqual(received, b"%d\n" % number)
            self.assertEqual(plain_echo(STATE["upstream"]), b"hello\n",
                             "a new connection is served while 1,000 are open")
        finally:
            for conn in clients:
                conn.close()
        self.assertIsNone(STATE["web_proxy"].poll())
        self.assertIsNone(STATE["echo_proxy"].poll())
        self.assertEqual(plain_echo(STATE["upstream"]), b"hello\n")

    def test_no_healthy_instance(self):
        self.assertEqual(plain_echo(STATE["nowhere"]), b"")
        self.assertTrue(eventually(lambda: "failed to dial: no healthy instances found"
                                   in read(STATE["web_log"])))
        self.assertEqual(plain_echo(STATE["upstream"]), b"hello\n")

    def test_a_large_transfer_keeps_its_bytes_in_order(self):
        payload = os.urandom(4 * 1024 * 1024)
        with socket.create_connection(("127.0.0.1", STATE["upstream"]), timeout=20) as conn:
            sender = threading.Thread(target=lambda: (conn.sendall(payload),
                                                      conn.shutdown(socket.SHUT_WR)))
            sender.start()
            received = bytearray()
            while True:
                chunk = conn.recv(1 << 16)
                if not chunk:
                    break
                received += chunk
            sender.join()
        self.assertEqual(bytes(received), payload, "4 MiB echoed whole, then the half-close")


def served_issuer(port):
    """The common name of the CA that signed the certificate the proxy presents on `port`."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(*STATE["good"])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw) as tls:
            cert = x509.load_der_x509_certificate(tls.getpeercert(binary_form=True))
    return cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value


class RotationTest(unittest.TestCase):
    def test_a_root_rotation_keeps_open_connections_and_serves_new_ones(self):
        """Both proxies follow the rotation to new leaves; a connection opened before it
        carries on, and new ones chain to the new root."""
        held = socket.create_connection(("127.0.0.1", STATE["upstream"]), timeout=10)
        try:
            held.sendall(b"before\n")
            self.assertEqual(held.recv(100), b"before\n")
            old = STATE["callers"]
            key = new_key()
            cert = certificate(key, key, None, "Consul CA 100", "spiffe://" + old.trust_domain,
                               ca=True, not_after=datetime.datetime.utcnow()
                               + datetime.timedelta(days=365))
            http("PUT", "/v1/connect/ca/configuration", {"Provider": "consul", "Config": {
                "PrivateKey": pem_key(key),
                "RootCert": cert.public_bytes(serialization.Encoding.PEM).decode()}})
            self.assertTrue(eventually(lambda: served_issuer(STATE["public"]) == "Consul CA 100",
                                       timeout=30), "the echo proxy swapped to a new leaf")
            held.sendall(b"after\n")
            self.assertEqual(held.recv(100), b"after\n", "the open connection survived")
            self.assertEqual(plain_echo(STATE["upstream"]), b"hello\n",
                             "a new connection: the web proxy's new leaf meets the echo proxy's")
        finally:
            held.close()
        # Callers from now on are signed by the active root.
        STATE["callers"] = Callers(STATE["dir"], old.trust_domain, key, cert)
        STATE["good"] = STATE["callers"].files("good-after-rotation")
        self.assertEqual(tls_echo(STATE["public"], STATE["good"]), b"hello\n")


if __name__ == "__main__":
    unittest.main(verbosity=2)
