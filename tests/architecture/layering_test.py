"""The parts of the code base and the arrows allowed between them, checked on every #include.

Each source file belongs to one part (engine/<folder>; the DNS wire codec, which
engine/CMakeLists.txt lists as DNS_WIRE_FILES, is a part of its own; ui; app/cli;
app/desktop; app/main.cpp). An #include is resolved as the compiler would find it
(the including file's folder, then its target's include folders) and fails the
test when it crosses an arrow ALLOWED does not list: the UI reaching state, fsm,
server or http; state reaching http or the agent; the client (api) reaching the
agent or the server; raft or gossip reaching transport or state; and so on. The protocol
cores (engine/gossip, and Raft's core, messages and simulator in engine/raft) may include
only standard C++ and each other: no Qt, no sockets, no clock, no threads.

Before the tree, the test checks itself on a small made-up tree with one
forbidden include, so that it cannot pass by finding nothing.

    python3 tests/architecture/layering_test.py SOURCE_DIR
"""

import os
import re
import sys
import tempfile

# What each part may include besides itself. The engine's order is DESIGN's:
# util <- state <- fsm <- raft/gossip <- transport <- server <- http/dns <- agent;
# api stands alone on util; the UI sees only api and the DNS wire codec.
ENGINE_BELOW_AGENT = {"util", "state", "fsm", "raft", "gossip", "transport", "connect",
                      "server", "http", "dns", "dns_wire"}
ALLOWED = {
    "util": set(),
    "state": {"util"},
    "fsm": {"state", "util"},
    "raft": {"util"},
    "gossip": {"util"},
    "transport": {"raft", "gossip", "util"},
    "connect": {"state", "util"},
    "server": {"fsm", "state", "util", "raft", "gossip", "transport", "connect"},
    "dns_wire": {"util"},
    "dns": {"dns_wire", "state", "util"},
    "http": {"server", "fsm", "raft", "state", "util", "connect"},
    "agent": ENGINE_BELOW_AGENT,
    "api": {"util"},
    # The Connect proxy: a client of the API that decides with Connect's rules.
    "proxy": {"api", "connect", "state", "util"},
    "ui": {"api", "dns_wire", "util"},
    "cli": ENGINE_BELOW_AGENT | {"agent", "api", "proxy"},
    "desktop": ENGINE_BELOW_AGENT | {"agent", "api", "ui"},
    "main": ENGINE_BELOW_AGENT | {"agent", "api", "proxy", "ui", "cli", "desktop"},
}
SOURCE = re.compile(r"\.(h|hpp|cpp|cc)$")
# The protocol cores are pure state machines (DESIGN): standard C++ only, no Qt, no sockets,
# no clock, no threads, so that a seeded simulation replays them exactly. Their files, and
# the system headers they must not include.
PURE_CORES = re.compile(r"^engine/(gossip/[^/]+|raft/(Raft|Message|Simulation)\.(h|cpp))$")
IMPURE_SYSTEM = re.compile(r"^(Q|sys/|netinet/|arpa/|openssl/|sqlite3|unistd|thread|mutex|"
                           r"chrono|ctime|time\.h|future|condition_variable)")
SYSTEM_INCLUDE = re.compile(r'^\s*#\s*include\s+<([^>]+)>')
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def dns_wire_files(root):
    """engine/dns files of the wire codec, as engine/CMakeLists.txt lists them."""
    text = open(os.path.join(root, "engine", "CMakeLists.txt")).read()
    match = re.search(r"set\(DNS_WIRE_FILES(.*?)\)", text, re.S)
    if not match:
        raise SystemExit("engine/CMakeLists.txt has no set(DNS_WIRE_FILES ...)")
    return {os.path.join("engine", name) for name in match.group(1).split()}


def part_of(relative, wire):
    """The part a file (path relative to the root) belongs to, or None if it is not code of
    a part (tests, build output)."""
    pieces = relative.split(os.sep)
    if pieces[0] == "engine" and len(pieces) > 2:
        if pieces[1] == "dns":
            return "dns_wire" if relative in wire else "dns"
        return pieces[1]
    if pieces[0] == "ui":
        return "ui"
    if pieces[0] == "app":
        if len(pieces) > 2 and pieces[1] in ("cli", "desktop"):
            return pieces[1]
        return "main"
    return None


def include_dirs(part):
    """The folders, relative to the root, that the part's target searches (after the
    including file's own folder), in order."""
    if part == "ui":
        return ["ui", "engine"]
    if part == "cli":
        return ["app", "engine"]
    if part == "desktop":
        return ["app/desktop", "ui", "engine"]
    if part == "main":
        return ["app", "app/desktop", "ui", "engine"]
    return ["engine"]


def violations(root):
    wire = dns_wire_files(root)
    found, unknown, files, allowed = [], [], 0, 0
    for top in ("engine", "ui", "app"):
        for folder, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if not SOURCE.search(name):
                    continue
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, root)
                part = part_of(relative, wire)
                if part is None:
                    continue
                if part not in ALLOWED:
                    unknown.append("%s: part '%s' has no rule in ALLOWED" % (relative, part))
                    continue
                files += 1
                with open(path, errors="replace") as source:
                    for number, line in enumerate(source, 1):
                        match = INCLUDE.match(line)
                        if not match:
                            continue
                        target = resolve(root, folder, match.group(1), include_dirs(part))
                        if target is None:
                            continue  # generated (moc, autogen) or a system header
                        other = part_of(os.path.relpath(target, root), wire)
                        if other is None or other == part or other in ALLOWED[part]:
                            allowed += other is not None
                            continue
                        found.append("%s:%d: includes %s: %s -> %s is not allowed"
                                     % (relative, number, match.group(1), part, other))
    return found, unknown, files, allowed


def purity_violations(root):
    """Includes in the pure cores of anything but standard C++ and the cores themselves."""
    found = []
    for top in ("engine/gossip", "engine/raft"):
        for folder, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, root).replace(os.sep, "/")
                if not PURE_CORES.match(relative):
                    continue
                with open(path, errors="replace") as source:
                    for number, line in enumerate(source, 1):
                        system = SYSTEM_INCLUDE.match(line)
                        if system and IMPURE_SYSTEM.match(system.group(1)):
                            found.append("%s:%d: a pure core includes <%s>"
                                         % (relative, number, system.group(1)))
                        local = INCLUDE.match(line)
                        if local and not PURE_CORES.match("engine/" + local.group(1)):
                            found.append("%s:%d: a pure core includes %s, which is not one"
                                         % (relative, number, local.group(1)))
    return found


def resolve(root, folder, include, dirs):
    for base in [folder] + [os.path.join(root, d) for d in dirs]:
        candidate = os.path.normpath(os.path.join(base, include))
        if os.path.isfile(candidate):
            return candidate
    return None


def self_check():
    """A made-up tree with one allowed and one forbidden include: exactly one is found."""
    with tempfile.TemporaryDirectory() as root:
        def write(relative, text):
            path = os.path.join(root, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as out:
                out.write(text)
        write("engine/CMakeLists.txt", "set(DNS_WIRE_FILES dns/WireCodec.h)\n")
        write("engine/state/StateStore.h", "#pragma once\n")
        write("engine/dns/WireCodec.h", "#pragma once\n")
        write("ui/dns/Page.cpp", '#include "dns/WireCodec.h"\n#include "state/StateStore.h"\n')
        write("engine/raft/Raft.cpp", '#include "raft/Message.h"\n#include <vector>\n'
                                      '#include <QTimer>\n#include "util/Expected.h"\n')
        write("engine/raft/Message.h", "#pragma once\n")
        write("engine/util/Expected.h", "#pragma once\n")
        found, unknown, _, _ = violations(root)
        expected = ["ui/dns/Page.cpp:2: includes state/StateStore.h: ui -> state is not allowed"]
        if found != expected or unknown:
            raise SystemExit("layering_test's self-check failed: found %r, unknown %r"
                             % (found, unknown))
        impure = purity_violations(root)
        expected = ["engine/raft/Raft.cpp:3: a pure core includes <QTimer>",
                    "engine/raft/Raft.cpp:4: a pure core includes util/Expected.h, which is not one"]
        if impure != expected:
            raise SystemExit("layering_test's self-check failed: purity found %r" % impure)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.strip().splitlines()[-1].strip())
    self_check()
    found, unknown, files, allowed = violations(sys.argv[1])
    found += purity_violations(sys.argv[1])
    for line in unknown + found:
        print("FAIL  " + line)
    failed = len(found) + len(unknown)
    print("layering_test: the includes of %d files, against the arrows between %d parts"
          % (files, len(ALLOWED)))
    print("%d passed, %d failed" % (allowed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
