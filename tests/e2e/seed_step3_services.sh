#!/usr/bin/env bash
# Seed tutorial, step 3 ("Registering Services"):
#   $ mkdir ./consul.d && echo '{"service": {"name": "web", ...}}' > ./consul.d/web.json
#   $ consul agent -dev -config-dir=./consul.d -node machine
#   $ curl http://localhost:8500/v1/catalog/service/web
#   $ curl 'http://localhost:8500/v1/health/service/web?passing'
# and `consul reload` after the files change (used in the tutorial's later
# steps). Proves that a service defined in a file reaches the catalog and the
# health API with Consul's fields, that reload adds and removes services, and
# that a broken file makes reload fail loudly while the old services stay.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

CONFIG_DIR="$E2E_TMP/consul.d"
mkdir -p "$CONFIG_DIR"
# The file exactly as the tutorial writes it.
cat >"$CONFIG_DIR/web.json" <<'EOF'
{
  "service": {
    "name": "web",
    "tags": [
      "rails"
    ],
    "port": 80
  }
}
EOF

start_agent -config-dir="$CONFIG_DIR"

# Catalog entry for service NAME exists / is gone (the agent syncs it).
in_catalog() { curl -sf "http://127.0.0.1:$HTTP_PORT/v1/catalog/service/$1" | jq -e 'length > 0'; }
not_in_catalog() { curl -sf "http://127.0.0.1:$HTTP_PORT/v1/catalog/service/$1" | jq -e 'length == 0'; }

wait_for 10 'web (from consul.d/web.json) is in the catalog' 'in_catalog web'

# The agent log says it synced the service (the tutorial shows the 1.4 wording).
if grep -qE 'agent: (Synced service "web"|Service "web" in sync)' "$AGENT_LOG"; then
    ok 'agent log reports service "web" synced'
else
    fail 'agent log reports service "web" synced' "$(grep -i web "$AGENT_LOG" | tail -n 5)"
fi

# --- curl http://localhost:8500/v1/catalog/service/web ---------------------------
http GET /v1/catalog/service/web
expect_status 200
expect_json 'length' '1'
expect_json '.[0] | {ServiceName, ServiceTags, ServicePort, Node, Address, ServiceAddress, ServiceID}' '{
    "ServiceName": "web", "ServiceTags": ["rails"], "ServicePort": 80, "Node": "machine",
    "Address": "127.0.0.1", "ServiceAddress": "", "ServiceID": "web"}'
expect_json '.[0] | {Datacenter, TaggedAddresses, NodeMeta, ServiceKind, ServiceEnableTagOverride, ServiceWeights}' '{
    "Datacenter": "dc1", "TaggedAddresses": {"lan": "127.0.0.1", "wan": "127.0.0.1"},
    "NodeMeta": {"consul-network-segment": ""}, "ServiceKind": "", "ServiceEnableTagOverride": false,
    "ServiceWeights": {"Passing": 1, "Warning": 1}}'
expect_json_true ".[0].ID | test(\"$UUID_RE\")" 'ID (the node ID) is a UUID'
expect_json_true '.[0] | [.CreateIndex, .ModifyIndex] | all(type == "number" and . == floor and . >= 1)' \
    'CreateIndex and ModifyIndex are positive integers'
INDEX=$(header X-Consul-Index)
expect_json_true "${INDEX:-null} >= (.[0].ModifyIndex)" "X-Consul-Index ($INDEX) >= the entry's ModifyIndex"

# --- curl 'http://localhost:8500/v1/health/service/web?passing' --------------------
http GET '/v1/health/service/web?passing'
expect_status 200
expect_json 'length' '1'
expect_json '.[0].Node | {Node, Address, Datacenter}' '{"Node": "machine", "Address": "127.0.0.1", "Datacenter": "dc1"}'
expect_json '.[0].Service | {ID, Service, Tags, Address, Port}' \
    '{"ID": "web", "Service": "web", "Tags": ["rails"], "Address": "", "Port": 80}'
expect_json '[.[0].Checks[] | {CheckID, Status, ServiceID}]' \
    '[{"CheckID": "serfHealth", "Status": "passing", "ServiceID": ""}]'

# The same through the agent and the CLI.
http GET /v1/agent/services
expect_status 200
expect_json '.web | {ID, Service, Tags, Meta, Port, Address}' \
    '{"ID": "web", "Service": "web", "Tags": ["rails"], "Meta": {}, "Port": 80, "Address": ""}'
expect_output 'consul catalog services' $'consul\nweb'

# --- a second file, then `consul reload` ---------------------------------------------
cat >"$CONFIG_DIR/db.json" <<'EOF'
{"service": {"name": "db", "tags": ["primary"], "port": 5432}}
EOF
expect_output 'consul reload' 'Configuration reload triggered'
wait_for 10 'db appears in the catalog after reload' 'in_catalog db'
http GET /v1/catalog/service/db
expect_json '[.[] | {ServiceID, ServiceName, ServiceTags, ServicePort, Node}]' \
    '[{"ServiceID": "db", "ServiceName": "db", "ServiceTags": ["primary"], "ServicePort": 5432, "Node": "machine"}]'
http GET /v1/catalog/services
expect_json '.' '{"consul": [], "db": ["primary"], "web": ["rails"]}'
http GET /v1/agent/services
expect_json 'keys' '["db", "web"]'

# --- remove a file, reload: the service goes ----------------------------------------
rm "$CONFIG_DIR/db.json"
expect_output 'consul reload' 'Configuration reload triggered'
wait_for 10 'db leaves the catalog after its file is removed and reload' 'not_in_catalog db'
http GET /v1/agent/services
expect_json 'keys' '["web"]'
http GET /v1/catalog/services
expect_json '.' '{"consul": [], "web": ["rails"]}'

# --- a broken file: reload fails, names the file, changes nothing --------------------
cat >"$CONFIG_DIR/cache.json" <<'EOF'
{"service": {"name": "cache", "port": 6379}}
EOF
printf '{"service": {"name": "broken", "port": 1' >"$CONFIG_DIR/broken.json"
run 'consul reload'
check_rc_nonzero
check_stream_prefix err 'Error reloading: '
check_stream_contains err 'broken.json'
check_stream_equals out ''

expect_http_prefix PUT /v1/agent/reload 500 ''
if grep -qF broken.json "$E2E_TMP/body"; then ok 'PUT /v1/agent/reload error names broken.json'; else
    fail 'PUT /v1/agent/reload error names broken.json' "got: $(describe_response)"
fi

check 'agent is still running after the failed reload' kill -0 "$AGENT_PID"
sleep 1 # give a (wrong) partial reload time to reach the catalog
http GET /v1/agent/services
expect_json 'keys' '["web"]'
http GET /v1/catalog/services
expect_json '.' '{"consul": [], "web": ["rails"]}'
expect_output 'consul catalog services' $'consul\nweb'

# Fix the file: reload works again and picks up both new files.
printf '{"service": {"name": "broken", "port": 1}}\n' >"$CONFIG_DIR/broken.json"
expect_output 'consul reload' 'Configuration reload triggered'
wait_for 10 'cache is in the catalog once the broken file is fixed' 'in_catalog cache'
wait_for 10 'broken (now valid) is in the catalog' 'in_catalog broken'
http GET /v1/agent/services
expect_json 'keys' '["broken", "cache", "web"]'
