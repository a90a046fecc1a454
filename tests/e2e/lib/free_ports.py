"""Free loopback ports for the end-to-end tests' agents.

Imported by python_consul2_test.py and run by lib.sh (`free_ports N` there),
so that the bash and the Python tests pick ports the same way. It lives in
lib/ because CTest registers every tests/e2e/*.py as a test of its own.

    python3 free_ports.py N    prints N ports, separated by spaces
"""

import random
import socket
import sys


def free_ports(count):
    """Distinct loopback ports free for both TCP and UDP right now.

    DNS and Serf use both, so a port counts only if a TCP and a UDP socket can
    bind it. Asks the kernel (bind to 0); when its ephemeral range is used up
    (thousands of TIME_WAIT sockets from a load test do that), tries random
    ports below that range instead. Every port is held until all are chosen,
    so none is handed out twice."""
    held, ports = [], []
    try:
        while len(ports) < count:
            tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                tcp.bind(("127.0.0.1", 0))
            except OSError:
                try:
                    tcp.bind(("127.0.0.1", random.randint(10000, 32000)))
                except OSError:
                    tcp.close()
                    continue
            port = tcp.getsockname()[1]
            udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                udp.bind(("127.0.0.1", port))
            except OSError:
                tcp.close()
                udp.close()
                continue
            held += [tcp, udp]
            ports.append(port)
    finally:
        for sock in held:
            sock.close()
    return ports


if __name__ == "__main__":
    print(" ".join(map(str, free_ports(int(sys.argv[1])))))
