#!/usr/bin/env bash
# A server outside dev mode keeps its state in -data-dir: the seed's
# `-server -bootstrap-expect=1 -data-dir` start (with Consul's two warnings), then
# a loop of kill -9 at random moments while a writer records every KV PUT the
# server acknowledged; after each restart ("Raft data found, disabling bootstrap
# mode") every acknowledged key is there with its value. Also: the node ID
# survives a restart, the log is a SQLite file, `operator raft list-peers` shows the
# server by its node ID.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

DATA="$E2E_TMP/server"
read -r HP DP SP RP <<<"$(free_ports 4)"
SERVER_PID=""

start_server() {
    local log="$E2E_TMP/server.$1.log"
    setsid "$QONSUL" agent -server -bootstrap-expect=1 -data-dir "$DATA" -node agent-one \
        -bind 127.0.0.1 -http-port "$HP" -dns-port "$DP" -serf-lan-port "$SP" -server-port "$RP" \
        </dev/null >"$log" 2>&1 &
    SERVER_PID=$!
    E2E_PIDS+=("$SERVER_PID")
    SERVER_LOG=$log
    wait_for 20 "server start $1 has a leader" \
        "[[ \$(curl -s http://127.0.0.1:$HP/v1/status/leader) == '\"127.0.0.1:$RP\"' ]]"
}

start_server 0
check "the two bootstrap warnings come first, unprefixed" test \
    "$(head -n 2 "$SERVER_LOG")" = $'BootstrapExpect is set to 1; this is the same as Bootstrap mode.\nbootstrap = true: do not enable unless necessary'
node_id=$(curl -s "http://127.0.0.1:$HP/v1/agent/self" | jq -r .Config.NodeID)
check "the node ID is kept in the data dir" test "$(cat "$DATA/node-id")" = "$node_id"
# Outside dev mode Connect is off unless connect { enabled = true }: its CA never starts.
HTTP_PORT=$HP
expect_http GET /v1/connect/ca/roots 500 "Connect must be enabled in order to use this endpoint"
expect_http GET /v1/agent/connect/ca/leaf/web 500 "Connect must be enabled in order to use this endpoint"
check "no CA was initialized" bash -c "! grep -q 'initialized primary datacenter CA' '$SERVER_LOG'"

acked="$E2E_TMP/acked"
: >"$acked"
# writer: PUTs k<i>=v<i> one after another, recording each one the server answered true.
(
    i=0
    while :; do
        i=$((i + 1))
        if [[ $(curl -s --max-time 2 -X PUT --data "v$i" "http://127.0.0.1:$HP/v1/kv/k$i") == true ]]; then
            echo "$i" >>"$acked"
        fi
    done
) &
writer=$!
E2E_PIDS+=("$writer")

for round in 1 2 3 4 5; do
    sleep "0.$((RANDOM % 9 + 1))"
    kill -KILL "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null
    start_server "$round"
    check "round $round: the restart found its data" \
        grep -q '\[INFO\] consul: Raft data found, disabling bootstrap mode' "$SERVER_LOG"
done
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
sleep 0.2

missing=0
count=0
while read -r i; do
    count=$((count + 1))
    value=$(curl -s "http://127.0.0.1:$HP/v1/kv/k$i?raw")
    [[ "$value" == "v$i" ]] || { missing=$((missing + 1)); echo "# k$i: '$value'"; }
done <"$acked"
check "some writes were acknowledged ($count)" test "$count" -gt 20
check "every acknowledged write survived five kill -9 ($missing missing)" test "$missing" -eq 0
check "the node ID is the same after the restarts" test \
    "$(curl -s "http://127.0.0.1:$HP/v1/agent/self" | jq -r .Config.NodeID)" = "$node_id"
check "the log is a SQLite database" test "$(head -c 15 "$DATA/raft/raft.db")" = "SQLite format 3"

# The Raft configuration: this server alone, by its node ID (Consul's raft protocol 3).
run "consul operator raft list-peers -http-addr 127.0.0.1:$HP"
check_rc 0
check "list-peers has Consul's columns" bash -c "head -n 1 <<<\"\$1\" | grep -Eq '^Node +ID +Address +State +Voter +RaftProtocol$'" _ "$(cat "$E2E_TMP/out")"
check "list-peers shows the server leading, by its node ID" bash -c "sed -n 2p <<<\"\$1\" | grep -Eq '^agent-one +$node_id +127\\.0\\.0\\.1:$RP +leader +true +3$'" _ "$(cat "$E2E_TMP/out")"
check "/v1/operator/raft/configuration names it too" bash -c \
    "curl -s http://127.0.0.1:$HP/v1/operator/raft/configuration | jq -e '.Servers == [{\"ID\": \"$node_id\", \"Node\": \"agent-one\", \"Address\": \"127.0.0.1:$RP\", \"Leader\": true, \"ProtocolVersion\": \"3\", \"Voter\": true}] and .Index > 0'"
run "consul operator raft list-peers -http-addr 127.0.0.1:1"
check_rc 1
check_stream_contains err 'Failed to retrieve raft configuration: '

# A restarted server rejoins the members it knew (serf's snapshot in the data dir), so its
# clients keep working without waiting for a reconnect.
read -r CH CD CS <<<"$(free_ports 3)"
setsid "$QONSUL" agent -node agent-two -bind 127.0.0.1 -data-dir "$E2E_TMP/client" \
    -http-port "$CH" -dns-port "$CD" -serf-lan-port "$CS" -join "127.0.0.1:$SP" \
    </dev/null >"$E2E_TMP/client.log" 2>&1 &
E2E_PIDS+=($!)
wait_for 10 "the client is in the catalog" \
    "curl -s http://127.0.0.1:$HP/v1/catalog/nodes | jq -e 'any(.[]; .Node == \"agent-two\")'"
check "the server's data dir lists its members" grep -q "^alive: agent-two 127.0.0.1:$CS$" "$DATA/serf/local.snapshot"
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
start_server rejoin
check "the restarted server rejoins its client" \
    grep -q "\[INFO\] serf: Attempting re-join to previously known node: agent-two: 127.0.0.1:$CS" "$SERVER_LOG"
wait_for 5 "the client is alive to the restarted server" \
    "consul members -http-addr 127.0.0.1:$HP | grep -q '^agent-two .* alive '"
expect_output "consul kv get -http-addr 127.0.0.1:$CH k1" 'v1'
