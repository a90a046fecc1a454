#!/usr/bin/env bash
# Seed tutorial, step 6 ("Registering Health Checks"):
#   /etc/consul.d/ping.json  {"check": {"name": "ping", "args": ["ping", "-c1", "google.com"], "interval": "30s"}}
#   /etc/consul.d/web.json   {"service": {"name": "web", ..., "check": {"args": ["curl", "localhost"], "interval": "10s"}}}
#   $ consul agent ... -enable-script-checks=true -config-dir=/etc/consul.d
#   $ curl http://localhost:8500/v1/health/state/critical
#   $ dig @127.0.0.1 -p 8600 web.service.consul        (no answer while web is critical)
# Proves on a real agent that script checks run (ping succeeds, curl to a closed port fails),
# that the failing check shows in /v1/health/state/critical with its output, that the service
# leaves ?passing results (and DNS, once the agent has a DNS server) and comes back when the
# check passes; that script checks are refused without the flags (from files and from the
# API); and `consul maint`. Intervals are 1s instead of 30s/10s so that the run stays short.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

CONFIG_DIR="$E2E_TMP/consul.d"
mkdir -p "$CONFIG_DIR"
WEB_PORT=$(free_ports 1)

# ping 127.0.0.1 rather than google.com: the sandbox has no outside network. If ping cannot
# run here (no iputils-ping, or no permission for ICMP), a harmless command stands in for it.
PING_ARGS='["ping", "-c1", "127.0.0.1"]'
if ! ping -c1 -W1 127.0.0.1 >/dev/null 2>&1; then
    echo "# ping does not work here; the ping check runs 'true' instead"
    PING_ARGS='["true"]'
fi
cat >"$CONFIG_DIR/ping.json" <<EOF2
{ "check": { "name": "ping", "args": $PING_ARGS, "interval": "1s" } }
EOF2
# The tutorial's `curl localhost` fails because nothing listens on port 80; here nothing
# listens on WEB_PORT (yet).
cat >"$CONFIG_DIR/web.json" <<EOF2
{ "service": { "name": "web", "tags": [ "rails" ], "port": 80,
  "check": { "args": [ "curl", "localhost:$WEB_PORT" ], "interval": "1s" } } }
EOF2

# --- without -enable-script-checks the agent refuses the files -----------------------------
read -r p1 p2 p3 p4 <<<"$(free_ports 4)"
run "consul agent -dev -node machine -http-port $p1 -dns-port $p2 -serf-lan-port $p3 -server-port $p4 -config-dir='$CONFIG_DIR'"
check_rc 1
check_stream_contains err 'Scripts are disabled on this agent; to enable, configure '"'"'enable_script_checks'"'"' or '"'"'enable_local_script_checks'"'"' to true'
check_stream_contains err 'web.json'

# --- -enable-local-script-checks: files yes, the HTTP API no --------------------------------
start_agent -enable-local-script-checks -config-dir="$CONFIG_DIR"
expect_http PUT /v1/agent/check/register 500 \
    "Scripts are disabled on this agent from remote calls; to enable, configure 'enable_script_checks' to true" \
    --data '{"Name": "remote", "Args": ["true"], "Interval": "10s"}'
expect_http PUT /v1/agent/service/register 500 \
    "Scripts are disabled on this agent from remote calls; to enable, configure 'enable_script_checks' to true" \
    --data '{"Name": "remote", "Check": {"Args": ["true"], "Interval": "10s"}}'
stop_agent

# --- the tutorial's agent: -enable-script-checks=true ----------------------------------------
start_agent -enable-script-checks=true -config-dir="$CONFIG_DIR"

check_status() { # ID STATUS: the catalog has check ID in STATUS
    curl -sf "http://127.0.0.1:$HTTP_PORT/v1/health/node/machine" |
        jq -e --arg id "$1" --arg s "$2" 'any(.[]; .CheckID == $id and .Status == $s)'
}
passing_web() { curl -sf "http://127.0.0.1:$HTTP_PORT/v1/health/service/web?passing" | jq -e 'length == 1'; }
critical_with_output() {
    curl -sf "http://127.0.0.1:$HTTP_PORT/v1/health/state/critical" |
        jq -e 'any(.[]; .CheckID == "service:web" and (.Output | length) > 0)'
}

wait_for 10 'ping check passes' 'check_status ping passing'
wait_for 10 'web check fails with output in /v1/health/state/critical' critical_with_output

# --- curl http://localhost:8500/v1/health/state/critical -----------------------------------
http GET /v1/health/state/critical
expect_status 200
expect_json '[.[] | {Node, CheckID, Name, Status, ServiceID, ServiceName, ServiceTags}]' '[{
    "Node": "machine", "CheckID": "service:web", "Name": "Service '"'"'web'"'"' check",
    "Status": "critical", "ServiceID": "web", "ServiceName": "web", "ServiceTags": ["rails"]}]'
expect_json_true '.[0].Output | test("curl")' 'Output is curl'"'"'s complaint'
expect_json '.[0].Definition' '{"Interval": "1s"}'

http GET '/v1/health/service/web?passing'
expect_json '.' '[]'
http GET /v1/health/service/web
expect_json '[.[0].Checks[] | {CheckID, Status}] | sort_by(.CheckID)' '[
    {"CheckID": "ping", "Status": "passing"}, {"CheckID": "serfHealth", "Status": "passing"},
    {"CheckID": "service:web", "Status": "critical"}]'

# The agent's own view agrees.
http GET /v1/agent/checks
expect_json '[.[] | {CheckID, Status}] | sort_by(.CheckID)' \
    '[{"CheckID": "ping", "Status": "passing"}, {"CheckID": "service:web", "Status": "critical"}]'
expect_http GET '/v1/agent/health/service/name/web?format=text' 503 'critical'
http GET /v1/agent/self
expect_json '.Stats.agent | {checks, check_monitors}' '{"checks": "2", "check_monitors": "2"}'

# --- DNS, once the agent answers it: no address for a critical service -----------------------
dns_a() { dig_agent +short "$1" 2>/dev/null | grep -E '^[0-9.]+$'; }
dns_works() { [[ -n "$(dns_a machine.node.consul)" ]]; }
if dns_works; then
    if [[ -z "$(dns_a web.service.consul)" ]]; then
        ok 'dig web.service.consul: no answer while web is critical'
    else
        fail 'dig web.service.consul: no answer while web is critical' "$(dig_agent web.service.consul)"
    fi
else
    echo "# the agent has no DNS server yet: DNS checks skipped"
fi

# --- the service comes back when its check passes ----------------------------------------------
python3 -m http.server "$WEB_PORT" --bind 127.0.0.1 >"$E2E_TMP/web.log" 2>&1 &
E2E_PIDS+=("$!")
wait_for 10 'web check passes once something listens on its port' 'check_status service:web passing'
wait_for 5 'web is back in /v1/health/service/web?passing' passing_web
expect_http GET '/v1/agent/health/service/id/web?format=text' 200 'passing'
if dns_works; then
    if [[ "$(dns_a web.service.consul)" == 127.0.0.1 ]]; then
        ok 'dig web.service.consul answers again'
    else
        fail 'dig web.service.consul answers again' "$(dig_agent web.service.consul)"
    fi
fi

# --- consul maint ---------------------------------------------------------------------------------
expect_output 'consul maint' ''
expect_output 'consul maint -enable -reason "kernel upgrade"' 'Node maintenance is now enabled'
expect_output 'consul maint' $'Node:\n  Name:   machine\n  Reason: kernel upgrade\n'
wait_for 5 'node maintenance takes web out of ?passing' '! passing_web'
http GET /v1/agent/checks
expect_json '._node_maintenance | {Name, Status, Notes}' \
    '{"Name": "Node Maintenance Mode", "Status": "critical", "Notes": "kernel upgrade"}'
expect_output 'consul maint -disable' 'Node maintenance is now disabled'
wait_for 5 'web is back after node maintenance' passing_web
expect_output 'consul maint -enable -service web' 'Service maintenance is now enabled for "web"'
expect_output 'consul maint' $'Service:\n  ID:     web\n  Reason: Maintenance mode is enabled for this service, but no reason was provided. This is a default message.\n'
wait_for 5 'service maintenance takes web out of ?passing' '! passing_web'
expect_output 'consul maint -disable -service web' 'Service maintenance is now disabled for "web"'
wait_for 5 'web is back after service maintenance' passing_web
expect_error 'consul maint -enable -service nope' 1 \
    'Error enabling service maintenance: Unexpected response code: 404 (No service registered with ID "nope")'
expect_error 'consul maint -enable -disable' 1 'Only one of -enable or -disable may be provided'
expect_error 'consul maint -reason x' 1 'Reason may only be provided with -enable'
expect_error 'consul maint -service web' 1 'Service requires either -enable or -disable'

# --- reload: the ping check goes with its file ------------------------------------------------
rm "$CONFIG_DIR/ping.json"
expect_output 'consul reload' 'Configuration reload triggered'
wait_for 5 'ping check leaves the catalog after its file is removed' '! check_status ping passing'
http GET /v1/agent/checks
expect_json 'keys' '["service:web"]'
expect_json '."service:web".Status' '"passing"'
