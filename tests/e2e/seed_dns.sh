#!/usr/bin/env bash
# Seed tutorial, steps 2 and 3, the DNS half, with the real `dig`:
#   $ consul agent -dev -node machine
#   $ dig @127.0.0.1 -p 8600 machine.node.consul
#   $ consul agent -dev -config-dir=./consul.d -node machine     (web.json: web, rails, 80)
#   $ dig @127.0.0.1 -p 8600 web.service.consul
#   $ dig @127.0.0.1 -p 8600 web.service.consul SRV
# Each answer, authority and additional section must be what the tutorial shows (over UDP
# with and without EDNS, and over TCP); plus the status line, Consul's start-up log lines and
# a few of Consul's error answers. Agents run on free loopback ports and are stopped on exit.
set -uo pipefail

if [[ -z "${QONSUL:-}" ]]; then
    echo "QONSUL must name the qonsul binary to test" >&2
    exit 2
fi
command -v dig >/dev/null || { echo "dig is missing (Debian: dnsutils)"; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/qonsul-e2e-dns.XXXXXX")
CHECKS=0
FAILURES=0
AGENT_PID=""
finish() {
    [[ -z "$AGENT_PID" ]] || stop_agent
    ((FAILURES == 0)) || { echo "---- agent log ----"; tail -n 30 "$TMP/agent.log" 2>/dev/null; }
    echo "$(basename -- "$0"): $CHECKS checks, $FAILURES failed"
    rm -rf -- "$TMP"
    ((FAILURES == 0))
}
trap finish EXIT

ok() { CHECKS=$((CHECKS + 1)); printf 'ok    %s\n' "$1"; }
fail() {
    CHECKS=$((CHECKS + 1)); FAILURES=$((FAILURES + 1)); printf 'FAIL  %s\n' "$1"; shift
    local d; for d in "$@"; do printf '%s\n' "$d" | sed 's/^/      | /'; done
}

free_ports() {
    python3 - "$1" <<'EOF'
import socket, sys
held, ports = [], []
while len(ports) < int(sys.argv[1]):
    t = socket.socket(); t.bind(("127.0.0.1", 0)); port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port))
    except OSError:
        t.close(); continue
    held += [t, u]; ports.append(port)
print(" ".join(map(str, ports)))
EOF
}

# start_agent [FLAGS...]: a dev agent named machine on free ports; waits for DNS answers.
start_agent() {
    local attempt
    for attempt in 1 2 3; do
        read -r HTTP_PORT DNS_PORT SERF_PORT SERVER_PORT <<<"$(free_ports 4)"
        setsid "$QONSUL" agent -dev -node machine -http-port "$HTTP_PORT" -dns-port "$DNS_PORT" \
            -serf-lan-port "$SERF_PORT" -server-port "$SERVER_PORT" "$@" \
            </dev/null >"$TMP/agent.log" 2>&1 &
        AGENT_PID=$!
        local i
        for ((i = 0; i < 100; i++)); do
            if dig +time=1 +tries=1 @127.0.0.1 -p "$DNS_PORT" machine.node.consul >/dev/null 2>&1; then
                echo "# agent pid $AGENT_PID: http $HTTP_PORT dns $DNS_PORT"
                return 0
            fi
            kill -0 "$AGENT_PID" 2>/dev/null || break
            sleep 0.1
        done
        stop_agent
        grep -qi 'in use' "$TMP/agent.log" || break
    done
    fail "agent started and answers DNS" "$(tail -n 20 "$TMP/agent.log")"
    exit 1
}

stop_agent() {
    kill -TERM -- "-$AGENT_PID" 2>/dev/null || kill -TERM "$AGENT_PID" 2>/dev/null
    local i
    for ((i = 0; i < 50; i++)); do kill -0 "$AGENT_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$AGENT_PID" 2>/dev/null
    wait "$AGENT_PID" 2>/dev/null
    AGENT_PID=""
}

# section NAME DIG-ARGS...: one section of dig's answer, records with single spaces.
section() {
    local name=$1
    shift
    dig +time=2 +tries=1 @127.0.0.1 -p "$DNS_PORT" +noall "+$name" "$@" | tr -s ' \t' ' ' | sed 's/ $//'
}

# expect_sections "DIG-ARGS" ANSWER AUTHORITY ADDITIONAL: every section exactly.
expect_sections() {
    local args=$1 name expected actual problems=()
    local -A want=([answer]=$2 [authority]=$3 [additional]=$4)
    for name in answer authority additional; do
        # shellcheck disable=SC2086
        actual=$(section "$name" $args)
        expected=${want[$name]}
        [[ "$actual" == "$expected" ]] ||
            problems+=("$name section:" "expected: ${expected:-<empty>}" "actual:   ${actual:-<empty>}")
    done
    if ((${#problems[@]} == 0)); then ok "dig $args"; else fail "dig $args" "${problems[@]}"; fi
}

# expect_status "DIG-ARGS" STATUS FLAGS: dig's header line says so.
expect_status() {
    local args=$1 status=$2 flags=$3 header
    # shellcheck disable=SC2086
    header=$(dig +time=2 +tries=1 @127.0.0.1 -p "$DNS_PORT" $args | grep -E '^;; (->>HEADER|flags)')
    if grep -q "status: $status," <<<"$header" && grep -q "flags: $flags;" <<<"$header"; then
        ok "dig $args: $status, flags $flags"
    else
        fail "dig $args: $status, flags $flags" "$header"
    fi
}

TXT='"consul-network-segment="'

# --- step 2: consul agent -dev -node machine ------------------------------------------------
start_agent
if grep -qE "\[INFO\] agent: Started DNS server 127\.0\.0\.1:$DNS_PORT \(udp\)" "$TMP/agent.log" &&
    grep -qE "\[INFO\] agent: Started DNS server 127\.0\.0\.1:$DNS_PORT \(tcp\)" "$TMP/agent.log"; then
    ok "agent log: Started DNS server 127.0.0.1:$DNS_PORT (udp) and (tcp)"
else
    fail "agent log: Started DNS server 127.0.0.1:$DNS_PORT (udp) and (tcp)" "$(grep -i dns "$TMP/agent.log")"
fi

for variant in "" "+noedns" "+tcp"; do
    expect_sections "machine.node.consul $variant" \
        "machine.node.consul. 0 IN A 127.0.0.1" "" "machine.node.consul. 0 IN TXT $TXT"
done
expect_status "machine.node.consul" NOERROR "qr aa rd"
expect_sections "machine.node.dc1.consul" \
    "machine.node.dc1.consul. 0 IN A 127.0.0.1" "" "machine.node.dc1.consul. 0 IN TXT $TXT"
expect_sections "machine.node.consul ANY" \
    "machine.node.consul. 0 IN A 127.0.0.1
machine.node.consul. 0 IN TXT $TXT" "" ""
stop_agent

# --- step 3: consul agent -dev -config-dir=./consul.d -node machine -------------------------
mkdir -p "$TMP/consul.d"
cat >"$TMP/consul.d/web.json" <<'EOF'
{ "service": { "name": "web", "tags": [ "rails" ], "port": 80 } }
EOF
start_agent -config-dir="$TMP/consul.d"
for _ in $(seq 50); do
    [[ -n "$(dig +short @127.0.0.1 -p "$DNS_PORT" web.service.consul)" ]] && break
    sleep 0.1
done

for variant in "" "+noedns" "+tcp"; do
    expect_sections "web.service.consul $variant" \
        "web.service.consul. 0 IN A 127.0.0.1" "" "web.service.consul. 0 IN TXT $TXT"
    expect_sections "web.service.consul SRV $variant" \
        "web.service.consul. 0 IN SRV 1 1 80 machine.node.dc1.consul." "" \
        "machine.node.dc1.consul. 0 IN A 127.0.0.1
machine.node.dc1.consul. 0 IN TXT $TXT"
done
expect_status "web.service.consul SRV" NOERROR "qr aa rd"

# The same service by tag, RFC 2782 name and datacenter.
expect_sections "rails.web.service.consul" \
    "rails.web.service.consul. 0 IN A 127.0.0.1" "" "rails.web.service.consul. 0 IN TXT $TXT"
expect_sections "_web._tcp.service.consul SRV" \
    "_web._tcp.service.consul. 0 IN SRV 1 1 80 machine.node.dc1.consul." "" \
    "machine.node.dc1.consul. 0 IN A 127.0.0.1
machine.node.dc1.consul. 0 IN TXT $TXT"
# The dev agent's own `consul` service, on its server port (8300 by default).
expect_sections "consul.service.consul SRV" \
    "consul.service.consul. 0 IN SRV 1 1 $SERVER_PORT machine.node.dc1.consul." "" \
    "machine.node.dc1.consul. 0 IN A 127.0.0.1
machine.node.dc1.consul. 0 IN TXT $TXT"

# Consul's answers for what is not there (the SOA serial is the time: checked by shape).
soa_re='^consul\. 0 IN SOA ns\.consul\. hostmaster\.consul\. [0-9]+ 3600 600 86400 0$'
for name in nosuch.service.consul nosuch.node.consul django.web.service.consul; do
    expect_status "$name" NXDOMAIN "qr aa rd"
    if [[ "$(section authority "$name")" =~ $soa_re ]]; then ok "dig $name: SOA in authority"; else
        fail "dig $name: SOA in authority" "$(section authority "$name")"
    fi
done
expect_status "web.service.consul AAAA" NOERROR "qr aa rd"
expect_status "web.service.dc2.consul" SERVFAIL "qr aa rd"
expect_status "example.com" SERVFAIL "qr rd"
expect_sections "7f000001.addr.dc1.consul" "7f000001.addr.dc1.consul. 0 IN A 127.0.0.1" "" ""
expect_sections "-x 127.0.0.1" "1.0.0.127.in-addr.arpa. 0 IN PTR machine.node.dc1.consul." "" ""
