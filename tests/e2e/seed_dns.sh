#!/usr/bin/env bash
# Seed tutorial, steps 2 and 3, the DNS half, with the real `dig`:
#   $ consul agent -dev -node machine
#   $ dig @127.0.0.1 -p 8600 machine.node.consul
#   $ consul agent -dev -config-dir=./consul.d -node machine     (web.json: web, rails, 80)
#   $ dig @127.0.0.1 -p 8600 web.service.consul
#   $ dig @127.0.0.1 -p 8600 web.service.consul SRV
# Each answer, authority and additional section must be what the tutorial shows (over UDP
# with and without EDNS, and over TCP); plus the status line, Consul's start-up log lines and
# a few of Consul's error answers. Agents run on free loopback ports (lib.sh) and are stopped
# on exit.
command -v dig >/dev/null || { echo "dig is missing (Debian: dnsutils)"; exit 2; }
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

# start_dns_agent [AGENT-FLAGS...]: start_agent, then wait until its DNS server answers.
start_dns_agent() {
    start_agent "$@"
    wait_for 10 "the agent answers DNS on port $DNS_PORT" 'dig_agent machine.node.consul'
}

# section NAME DIG-ARGS...: one section of dig's answer, records with single spaces.
section() {
    local name=$1
    shift
    dig_agent +noall "+$name" "$@" | tr -s ' \t' ' ' | sed 's/ $//'
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

# expect_dns_status "DIG-ARGS" STATUS FLAGS: dig's header line says so.
expect_dns_status() {
    local args=$1 status=$2 flags=$3 header
    # shellcheck disable=SC2086
    header=$(dig_agent $args | grep -E '^;; (->>HEADER|flags)')
    if grep -q "status: $status," <<<"$header" && grep -q "flags: $flags;" <<<"$header"; then
        ok "dig $args: $status, flags $flags"
    else
        fail "dig $args: $status, flags $flags" "$header"
    fi
}

TXT='"consul-network-segment="'

# --- step 2: consul agent -dev -node machine ------------------------------------------------
start_dns_agent
if grep -qE "\[INFO\] agent: Started DNS server 127\.0\.0\.1:$DNS_PORT \(udp\)" "$AGENT_LOG" &&
    grep -qE "\[INFO\] agent: Started DNS server 127\.0\.0\.1:$DNS_PORT \(tcp\)" "$AGENT_LOG"; then
    ok "agent log: Started DNS server 127.0.0.1:$DNS_PORT (udp) and (tcp)"
else
    fail "agent log: Started DNS server 127.0.0.1:$DNS_PORT (udp) and (tcp)" "$(grep -i dns "$AGENT_LOG")"
fi

for variant in "" "+noedns" "+tcp"; do
    expect_sections "machine.node.consul $variant" \
        "machine.node.consul. 0 IN A 127.0.0.1" "" "machine.node.consul. 0 IN TXT $TXT"
done
expect_dns_status "machine.node.consul" NOERROR "qr aa rd"
expect_sections "machine.node.dc1.consul" \
    "machine.node.dc1.consul. 0 IN A 127.0.0.1" "" "machine.node.dc1.consul. 0 IN TXT $TXT"
expect_sections "machine.node.consul ANY" \
    "machine.node.consul. 0 IN A 127.0.0.1
machine.node.consul. 0 IN TXT $TXT" "" ""
stop_agent

# --- step 3: consul agent -dev -config-dir=./consul.d -node machine -------------------------
mkdir -p "$E2E_TMP/consul.d"
cat >"$E2E_TMP/consul.d/web.json" <<'EOF'
{ "service": { "name": "web", "tags": [ "rails" ], "port": 80 } }
EOF
start_dns_agent -config-dir="$E2E_TMP/consul.d"
web_resolves() { [[ -n "$(dig_agent +short web.service.consul)" ]]; }
wait_for 5 'web.service.consul resolves' web_resolves

for variant in "" "+noedns" "+tcp"; do
    expect_sections "web.service.consul $variant" \
        "web.service.consul. 0 IN A 127.0.0.1" "" "web.service.consul. 0 IN TXT $TXT"
    expect_sections "web.service.consul SRV $variant" \
        "web.service.consul. 0 IN SRV 1 1 80 machine.node.dc1.consul." "" \
        "machine.node.dc1.consul. 0 IN A 127.0.0.1
machine.node.dc1.consul. 0 IN TXT $TXT"
done
expect_dns_status "web.service.consul SRV" NOERROR "qr aa rd"

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
    expect_dns_status "$name" NXDOMAIN "qr aa rd"
    if [[ "$(section authority "$name")" =~ $soa_re ]]; then ok "dig $name: SOA in authority"; else
        fail "dig $name: SOA in authority" "$(section authority "$name")"
    fi
done
expect_dns_status "web.service.consul AAAA" NOERROR "qr aa rd"
expect_dns_status "web.service.dc2.consul" SERVFAIL "qr aa rd"
expect_dns_status "example.com" SERVFAIL "qr rd"
expect_sections "7f000001.addr.dc1.consul" "7f000001.addr.dc1.consul. 0 IN A 127.0.0.1" "" ""
expect_sections "-x 127.0.0.1" "1.0.0.127.in-addr.arpa. 0 IN PTR machine.node.dc1.consul." "" ""
