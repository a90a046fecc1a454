#!/usr/bin/env bash
# A client agent beside a server, on real processes: before it joins it knows no
# server (HTTP 500 "No known Consul servers"); after `-join` its members table,
# the catalog, KV written through it, DNS asked of either agent, its own
# service from a config dir, a blocking query through it, then `leave`
# (member left, node deregistered) and kill -9 (member failed, serfHealth
# critical). The server is a dev agent; the client keeps its data dir.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

start_agent -node n1
H1=$HTTP_PORT D1=$DNS_PORT S1=$SERF_LAN_PORT R1=$SERVER_PORT LOG1=$AGENT_LOG

# start_client NAME [FLAGS...]: a client agent on fresh ports, waiting for its
# HTTP API. Sets CH CD CS CPID CLOG.
start_client() {
    local name=$1
    shift
    read -r CH CD CS <<<"$(free_ports 3)"
    mkdir -p "$E2E_TMP/$name"
    CLOG="$E2E_TMP/$name.log"
    setsid "$QONSUL" agent -node "$name" -bind 127.0.0.1 -data-dir "$E2E_TMP/$name" \
        -http-port "$CH" -dns-port "$CD" -serf-lan-port "$CS" "$@" \
        </dev/null >"$CLOG" 2>&1 &
    CPID=$!
    E2E_PIDS+=("$CPID")
    wait_for 20 "client $name answers HTTP" "curl -sf http://127.0.0.1:$CH/v1/agent/self"
}

mkdir -p "$E2E_TMP/n2.d"
cat >"$E2E_TMP/n2.d/web.json" <<'EOF'
{"service": {"name": "web", "tags": ["rails"], "port": 80}}
EOF
start_client n2 -config-dir "$E2E_TMP/n2.d"
H2=$CH D2=$CD S2=$CS P2=$CPID LOG2=$CLOG

# --- before joining: no server to ask ---------------------------------------------------------
expect_error "consul kv get -http-addr 127.0.0.1:$H2 a" 1 \
    'Error querying Consul agent: Unexpected response code: 500 (No known Consul servers)'
check "the client says it has no servers" grep -q '\[ERR\] agent: failed to sync remote state: No known Consul servers' "$LOG2"

expect_output "consul join -http-addr 127.0.0.1:$H2 127.0.0.1:$S1" \
    'Successfully joined cluster by contacting 1 nodes.'
wait_for 5 "the client adds the server" \
    "grep -q 'consul: adding server n1 (Addr: tcp/127.0.0.1:$R1) (DC: dc1)' '$LOG2'"
wait_for 5 "the client hears of the leader" \
    "grep -q '\\[INFO\\] consul: New leader elected: n1' '$LOG2'"
wait_for 5 "the client syncs its node info" "grep -q '\\[INFO\\] agent: Synced node info' '$LOG2'"
wait_for 10 "the client's service reaches the catalog" \
    "curl -s http://127.0.0.1:$H1/v1/catalog/service/web | grep -q '\"Node\": \"n2\"'"

table=$(printf '%s\n' 'Node|Address|Status|Type|Build|Protocol|DC|Segment' \
    "n1|127.0.0.1:$S1|alive|server|1.6.1|2|dc1|<all>" \
    "n2|127.0.0.1:$S2|alive|client|1.6.1|2|dc1|<default>" | columnize)
expect_output "consul members -http-addr 127.0.0.1:$H1" "$table"
expect_output "consul members -http-addr 127.0.0.1:$H2" "$table"
check "the server marked the client alive" grep -q "consul: member 'n2' joined, marking health alive" "$LOG1"

# --- reads and writes through the client ---------------------------------------------------
expect_output "consul kv put -http-addr 127.0.0.1:$H2 redis/config/minconns 1" \
    'Success! Data written to: redis/config/minconns'
expect_output "consul kv get -http-addr 127.0.0.1:$H1 redis/config/minconns" '1'
expect_output "consul kv get -http-addr 127.0.0.1:$H2 redis/config/minconns" '1'
expect_output "consul catalog nodes -http-addr 127.0.0.1:$H2 -service web" \
    "$(printf '%s\n' 'Node|ID|Address|DC' "n2|$(curl -s "http://127.0.0.1:$H2/v1/agent/self" | jq -r '.Config.NodeID' | cut -c1-8)|127.0.0.1|dc1" | columnize)"
run "dig +short @127.0.0.1 -p $D1 n2.node.consul"
check_stream_equals out '127.0.0.1'
run "dig +short @127.0.0.1 -p $D2 n1.node.consul"
check_stream_equals out '127.0.0.1'
run "dig +short @127.0.0.1 -p $D2 web.service.consul SRV"
check_stream_contains out '1 1 80 n2.node.dc1.consul.'
http GET /v1/health/node/n2
expect_json '[.[] | select(.CheckID == "serfHealth") | .Status] | join(",")' '"passing"'

# A blocking query through the client wakes when the server's data changes.
index=$(curl -s -D - -o /dev/null "http://127.0.0.1:$H2/v1/kv/redis/config/minconns" |
    tr -d '\r' | awk -F': ' 'tolower($1) == "x-consul-index" { print $2 }')
curl -s "http://127.0.0.1:$H2/v1/kv/redis/config/minconns?index=$index&wait=20s" \
    >"$E2E_TMP/blocked" &
blocked=$!
sleep 0.5
consul kv put -http-addr "127.0.0.1:$H1" redis/config/minconns 2 >/dev/null
wait_for 10 "a blocking query through the client returns after a write on the server" \
    "! kill -0 $blocked"
check "it returned the new value" grep -q '"Value": "Mg=="' "$E2E_TMP/blocked"

# --- leave: left and deregistered -----------------------------------------------------------
expect_output "consul leave -http-addr 127.0.0.1:$H2" 'Graceful leave complete'
wait_for 10 "n1 sees n2 left" \
    "consul members -http-addr 127.0.0.1:$H1 | grep -q '^n2 .* left '"
wait_for 10 "n2 is deregistered" \
    "! curl -s http://127.0.0.1:$H1/v1/catalog/nodes | grep -q '\"Node\": \"n2\"'"
check "the server logged it" grep -q "consul: member 'n2' left, deregistering" "$LOG1"

# --- kill -9: failed, serfHealth critical -----------------------------------------------------
start_client n3 -retry-join "127.0.0.1:$S1" -retry-interval 1s
P3=$CPID
wait_for 10 "n3 joins with -retry-join" \
    "consul members -http-addr 127.0.0.1:$H1 | grep -q '^n3 .* alive '"
kill -KILL "$P3"
wait_for 10 "n1 sees the killed n3 as failed" \
    "consul members -http-addr 127.0.0.1:$H1 | grep -q '^n3 .* failed '"
wait_for 10 "n3's serfHealth is critical" \
    "curl -s http://127.0.0.1:$H1/v1/health/node/n3 | jq -e '.[] | select(.CheckID == \"serfHealth\" and .Status == \"critical\" and .Output == \"Agent not live or unreachable\")'"
check "the server logged it" grep -q "consul: member 'n3' failed, marking health critical" "$LOG1"
