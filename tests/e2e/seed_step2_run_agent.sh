#!/usr/bin/env bash
# Seed tutorial, steps 1–2 ("Install Consul", "Run the Consul Agent"):
#   $ consul version
#   $ consul agent -dev -node machine
#   $ consul members
#   $ curl localhost:8500/v1/catalog/nodes
# Proves that a dev agent named `machine` shows up in `members` exactly as
# Consul prints it, and in the catalog with the fields and JSON layout the
# tutorial shows.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

start_agent

# The Build column and `consul version` show whatever version the agent reports.
http GET /v1/agent/self
expect_status 200
VERSION=$(json '.Config.Version')
QONSUL_VERSION=$(json '.Config.QonsulVersion')
[[ -n "$VERSION" && "$VERSION" != null ]] || die "/v1/agent/self has Config.Version" "$(body)"
expect_json '.Config.NodeName' '"machine"'
expect_json '.Config.Datacenter' '"dc1"'
expect_json '.Config.Server' 'true'
expect_json_true '.Config.Version | test("^v") | not' 'Config.Version has no leading v'

# --- step 1: consul version ---------------------------------------------------
# Qonsul names itself and the Consul release whose behaviour it follows.
expect_output 'consul version' "Qonsul v$QONSUL_VERSION (Consul v$VERSION compatible)
Protocol 2 spoken by default, understands 2 to 3 (agent will automatically use protocol >2 when speaking to compatible agents)"

# --- step 2: consul members ---------------------------------------------------
expect_output 'consul members' "$(columnize <<EOF
Node|Address|Status|Type|Build|Protocol|DC|Segment
machine|127.0.0.1:$SERF_LAN_PORT|alive|server|$VERSION|2|dc1|<all>
EOF
)"

# The member as the API gives it, which the table above is made from.
http GET '/v1/agent/members?segment=_all'
expect_status 200
expect_json 'length' '1'
expect_json '.[0] | {Name, Addr, Port, Status}' \
    "{\"Name\":\"machine\",\"Addr\":\"127.0.0.1\",\"Port\":$SERF_LAN_PORT,\"Status\":1}"
expect_json '.[0].Tags | {role, dc, vsn, port}' \
    "{\"role\":\"consul\",\"dc\":\"dc1\",\"vsn\":\"2\",\"port\":\"$SERVER_PORT\"}"
expect_json_true ".[0].Tags.build | startswith(\"$VERSION:\")" "Tags.build is $VERSION:<commit>"

# `members -detailed`: Node, Address, Status, then the tags as sorted k=v
# pairs, with the segment tag shown as <all> for a server.
TAGS=$(jq -r '.[0].Tags | .segment = "<all>" | to_entries | sort_by(.key)
              | map("\(.key)=\(.value)") | join(",")' "$E2E_TMP/body")
expect_output 'consul members -detailed' "$(columnize <<EOF
Node|Address|Status|Tags
machine|127.0.0.1:$SERF_LAN_PORT|alive|$TAGS
EOF
)"

# No member matches the status filter: no output, exit 2.
expect_result 'consul members -status=failed' 2 '' ''

# --- step 2: curl localhost:8500/v1/catalog/nodes -----------------------------
# The leader registers its own node right after winning the election.
wait_for 10 'the catalog lists node machine' \
    "curl -sf http://127.0.0.1:$HTTP_PORT/v1/catalog/nodes | jq -e 'any(.[]; .Node == \"machine\")'"

http GET /v1/catalog/nodes
expect_status 200
expect_json 'length' '1'
expect_json '.[0] | {Node, Address, Datacenter, TaggedAddresses, Meta}' '{
    "Node": "machine", "Address": "127.0.0.1", "Datacenter": "dc1",
    "TaggedAddresses": {"lan": "127.0.0.1", "wan": "127.0.0.1"},
    "Meta": {"consul-network-segment": ""}}'
expect_json_true ".[0].ID | test(\"$UUID_RE\")" 'ID is a UUID'
expect_json_true '.[0] | [.CreateIndex, .ModifyIndex] | all(type == "number" and . == floor and . >= 1)' \
    'CreateIndex and ModifyIndex are positive integers'
expect_json_true '.[0] | .CreateIndex <= .ModifyIndex' 'CreateIndex <= ModifyIndex'
# Field order as Consul emits it (Go struct order), as in the tutorial's output.
expect_json '.[0] | keys_unsorted' \
    '["ID","Node","Address","Datacenter","TaggedAddresses","Meta","CreateIndex","ModifyIndex"]'
# Dev mode pretty-prints every JSON answer: 4-space indent and a final newline.
if diff -u --label expected --label actual <(jq --indent 4 . "$E2E_TMP/body") "$E2E_TMP/body" >"$E2E_TMP/pretty.diff"; then
    ok 'GET /v1/catalog/nodes is pretty-printed (4 spaces, final newline) in dev mode'
else
    fail 'GET /v1/catalog/nodes is pretty-printed (4 spaces, final newline) in dev mode' "$(cat "$E2E_TMP/pretty.diff")"
fi
INDEX=$(header X-Consul-Index)
check "X-Consul-Index is a positive integer ('$INDEX')" bash -c '[[ $1 =~ ^[1-9][0-9]*$ ]]' _ "$INDEX"
expect_header X-Consul-KnownLeader true
expect_header X-Consul-LastContact 0

# The node's own ID is the one the agent reports about itself.
NODE_ID=$(json '.[0].ID')
http GET /v1/agent/self
expect_json '.Config.NodeID' "\"$NODE_ID\""

# --- what else a fresh dev agent has --------------------------------------------
expect_http GET /v1/status/leader 200 "\"127.0.0.1:$SERVER_PORT\""
http GET /v1/status/peers
expect_status 200
expect_json '.' "[\"127.0.0.1:$SERVER_PORT\"]"

http GET /v1/catalog/services
expect_status 200
expect_json '.' '{"consul": []}'

http GET /v1/health/node/machine
expect_status 200
expect_json '[.[] | select(.CheckID == "serfHealth") | {Node, CheckID, Name, Status, Output, ServiceID, ServiceName}]' '[{
    "Node": "machine", "CheckID": "serfHealth", "Name": "Serf Health Status", "Status": "passing",
    "Output": "Agent alive and reachable", "ServiceID": "", "ServiceName": ""}]'

http GET /v1/catalog/datacenters
expect_status 200
expect_json '.' '["dc1"]'

# --- Ctrl-C on the dev agent ------------------------------------------------------------------
# A dev agent is a server, and servers skip the graceful leave (skip_leave_on_interrupt): Consul
# logs that and exits 1. SIGTERM does the same (leave_on_terminate is false for servers).
stop_by_signal() { # SIGNAL: sends it to the agent and waits; sets SIGNAL_RC
    kill "-$1" "$AGENT_PID"
    wait "$AGENT_PID"
    SIGNAL_RC=$?
    stop_agent # forgets it
}
stop_by_signal INT
check "Ctrl-C: exit status 1 ($SIGNAL_RC)" test "$SIGNAL_RC" = 1
check "Ctrl-C: the log says why it did not leave" \
    grep -q '\[INFO\] agent: Graceful shutdown disabled. Exiting' "$AGENT_LOG"
check "Ctrl-C: the log names the signal" grep -q 'Caught signal:  interrupt' "$AGENT_LOG"

start_agent
stop_by_signal TERM
check "SIGTERM: exit status 1 ($SIGNAL_RC)" test "$SIGNAL_RC" = 1
check "SIGTERM: the log says why it did not leave" \
    grep -q 'Graceful shutdown disabled. Exiting' "$AGENT_LOG"

# Told to leave on an interrupt, it leaves and exits 0.
mkdir -p "$E2E_TMP/leaving.d"
echo '{"skip_leave_on_interrupt": false}' >"$E2E_TMP/leaving.d/leave.json"
start_agent -config-dir "$E2E_TMP/leaving.d"
stop_by_signal INT
check "skip_leave_on_interrupt=false: exit status 0 ($SIGNAL_RC)" test "$SIGNAL_RC" = 0
check "skip_leave_on_interrupt=false: it leaves gracefully" \
    grep -q 'Gracefully shutting down agent...' "$AGENT_LOG"
