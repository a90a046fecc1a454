#!/usr/bin/env bash
# Bad input to the HTTP API, sent with curl: malformed and mistyped JSON,
# oversized KV values, unparsable query parameters, unknown routes, wrong
# methods, conflicting flags, unknown datacenters, sessions and checks that
# do not exist. Each answer must carry Consul's status code and its one-line
# plain-text body (reference §2.4–2.5, §4, §5, §7). Afterwards the agent must
# still be up, with the data written before the abuse intact.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

start_agent

# --- data that must survive -----------------------------------------------------------------
expect_http PUT /v1/kv/keep/me 200 true --data-binary safe
KEEP_INDEX=$(curl -s "http://127.0.0.1:$HTTP_PORT/v1/kv/keep/me" | jq -r '.[0].ModifyIndex')
expect_http PUT /v1/agent/service/register 200 '' \
    --data '{"Name": "keeper", "Port": 7000}'
wait_for 10 'keeper is in the catalog' \
    "curl -sf http://127.0.0.1:$HTTP_PORT/v1/catalog/service/keeper | jq -e 'length == 1'"

# --- malformed JSON bodies: 400 -----------------------------------------------------------------
BROKEN='{"Name": "web", "Port": 80'
expect_http_prefix PUT /v1/agent/service/register 400 'Request decode failed: ' --data "$BROKEN"
expect_http_prefix PUT /v1/agent/service/register 400 'Request decode failed: ' --data ''
expect_http_prefix PUT /v1/catalog/register 400 'Request decode failed: ' \
    --data '{"Node": "n1", "Address": "10.0.0.1"'
expect_http_prefix PUT /v1/catalog/deregister 400 'Request decode failed: ' --data '{"Node": '
expect_http_prefix PUT /v1/session/create 400 'Request decode failed: ' --data '{"Name": "s"'
expect_http_prefix PUT /v1/session/create 400 'Request decode failed: ' --data 'not json at all'

# --- well-formed JSON of the wrong types: 400 ---------------------------------------------------
expect_http_prefix PUT /v1/agent/service/register 400 'Request decode failed: ' --data '{"Name": 5}'
expect_http_prefix PUT /v1/agent/service/register 400 'Request decode failed: ' \
    --data '{"Name": "web", "Port": "eighty"}'
expect_http_prefix PUT /v1/agent/service/register 400 'Request decode failed: ' \
    --data '{"Name": "web", "Tags": "rails"}'
expect_http_prefix PUT /v1/agent/service/register 400 'Request decode failed: ' --data '["web"]'
expect_http_prefix PUT /v1/catalog/register 400 'Request decode failed: ' \
    --data '{"Node": ["n1"], "Address": "10.0.0.1"}'
expect_http_prefix PUT /v1/catalog/register 400 'Request decode failed: ' \
    --data '{"Node": "n1", "Address": "10.0.0.1", "Service": {"Service": "db", "Port": "x"}}'
expect_http_prefix PUT /v1/session/create 400 'Request decode failed: ' --data '{"Name": 12}'
expect_http_prefix PUT /v1/session/create 400 'Request decode failed: ' --data '{"Checks": "serfHealth"}'

# --- valid JSON, invalid content -----------------------------------------------------------------
expect_http PUT /v1/agent/service/register 400 'Missing service name' --data '{"Port": 80}'
expect_http PUT /v1/agent/service/register 400 'Invalid service address' \
    --data '{"Name": "web", "Address": "0.0.0.0"}'
expect_http PUT /v1/catalog/register 500 'Must provide node' --data '{"Address": "10.0.0.1"}'
expect_http PUT /v1/catalog/register 500 'Must provide address if SkipNodeUpdate is not set' \
    --data '{"Node": "n1"}'
expect_http PUT /v1/session/create 500 "Invalid Session TTL '5000000000', must be between [10s=24h0m0s]" \
    --data '{"TTL": "5s"}'
expect_http PUT /v1/session/create 500 "Invalid Behavior setting 'bogus'" --data '{"Behavior": "bogus"}'

# --- KV value size: 524288 bytes is the limit -------------------------------------------------------
head -c 524288 /dev/zero | tr '\0' 'a' >"$E2E_TMP/exactly-limit"
head -c 524289 /dev/zero | tr '\0' 'a' >"$E2E_TMP/over-limit"
expect_http PUT /v1/kv/big 413 'Value exceeds 524288 byte limit' \
    -H 'Expect:' --data-binary "@$E2E_TMP/over-limit"
expect_http GET /v1/kv/big 404 ''
expect_http PUT /v1/kv/big 200 true -H 'Expect:' --data-binary "@$E2E_TMP/exactly-limit"
http GET '/v1/kv/big?raw'
expect_status 200
check 'the 524288-byte value reads back byte for byte' cmp -s "$E2E_TMP/exactly-limit" "$E2E_TMP/body"

# --- unparsable numbers in KV parameters: 500 with Go's strconv text (reference §4.3) ----------------
expect_http PUT '/v1/kv/numbers?flags=abc' 500 'strconv.ParseUint: parsing "abc": invalid syntax' --data x
expect_http PUT '/v1/kv/numbers?flags=-1' 500 'strconv.ParseUint: parsing "-1": invalid syntax' --data x
expect_http PUT '/v1/kv/numbers?cas=abc' 500 'strconv.ParseUint: parsing "abc": invalid syntax' --data x
expect_http DELETE '/v1/kv/keep/me?cas=abc' 500 'strconv.ParseUint: parsing "abc": invalid syntax'
expect_http GET /v1/kv/numbers 404 ''

# --- blocking-query parameters: 400 -----------------------------------------------------------------
expect_http GET '/v1/kv/keep/me?index=abc' 400 'Invalid index'
expect_http GET '/v1/kv/keep/me?index=-1' 400 'Invalid index'
expect_http GET '/v1/catalog/nodes?index=1.5' 400 'Invalid index'
expect_http GET '/v1/kv/keep/me?index=1&wait=xyz' 400 'Invalid wait time'
expect_http GET '/v1/catalog/nodes?wait=xyz' 400 'Invalid wait time'
expect_http GET '/v1/health/service/keeper?index=1&wait=10' 400 'Invalid wait time'

# --- consistency and datacenter ------------------------------------------------------------------------
expect_http GET '/v1/catalog/nodes?stale&consistent' 400 'Cannot specify ?stale with ?consistent, conflicting semantics.'
expect_http GET '/v1/kv/keep/me?stale&consistent' 400 'Cannot specify ?stale with ?consistent, conflicting semantics.'
expect_http GET '/v1/catalog/nodes?dc=dc9' 500 'No path to datacenter'
expect_http GET '/v1/kv/keep/me?dc=dc9' 500 'No path to datacenter'
expect_http PUT '/v1/kv/elsewhere?dc=dc9' 500 'No path to datacenter' --data x
expect_http GET '/v1/health/service/keeper?passing=maybe' 400 'Invalid value for ?passing'

# --- KV key and flag rules ---------------------------------------------------------------------------------
expect_http PUT /v1/kv/ 400 'Missing key name' --data x
expect_http GET /v1/kv/ 400 'Missing key name'
expect_http DELETE /v1/kv/ 400 'Missing key name'
expect_http PUT '/v1/kv/flagged?cas=0&acquire=abc' 400 'Conflicting flags: cas=0&acquire=abc' --data x
expect_http PUT '/v1/kv/flagged?acquire=abc&release=abc' 400 'Conflicting flags: acquire=abc&release=abc' --data x
expect_http DELETE '/v1/kv/keep?recurse&cas=1' 400 'Conflicting flags: recurse&cas=1'
expect_http PUT '/v1/kv/flagged?acquire=00000000-0000-0000-0000-000000000000' 500 \
    'invalid session "00000000-0000-0000-0000-000000000000"' --data x
expect_http GET /v1/kv/flagged 404 ''

# --- sessions that do not exist -------------------------------------------------------------------------------
expect_http PUT /v1/session/renew/00000000-0000-0000-0000-000000000000 404 \
    "Session id '00000000-0000-0000-0000-000000000000' not found"
expect_http PUT /v1/session/destroy/ 400 'Missing session'
expect_http GET /v1/session/info/00000000-0000-0000-0000-000000000000 200 '[]'

# --- health checks and maintenance (reference §7.5–7.7) -------------------------------------------------
expect_http PUT /v1/agent/service/register 200 '' \
    --data '{"Name": "keeper", "Port": 7000, "Check": {"TTL": "600s", "Status": "passing"}}'
expect_http_prefix PUT /v1/agent/check/register 400 'Request decode failed: ' --data '{"Name": '
expect_http PUT /v1/agent/check/register 400 'Missing check name' --data '{"TTL": "10s"}'
expect_http PUT /v1/agent/check/register 400 'Invalid check: TTL must be > 0 for TTL checks' \
    --data '{"Name": "old-style", "Script": "true", "Interval": "10s"}'
expect_http PUT /v1/agent/check/update/service:keeper 400 "Invalid check status: 'bogus'" \
    --data '{"Status": "bogus"}'
expect_http PUT /v1/agent/check/pass/nope 500 'CheckID "nope" does not have associated TTL'
expect_http PUT /v1/agent/maintenance 400 'Missing value for enable'
expect_http PUT '/v1/agent/maintenance?enable=maybe' 400 'Invalid value for enable: "maybe"'
expect_http PUT '/v1/agent/service/maintenance/nope?enable=true' 404 'No service registered with ID "nope"'
expect_http GET /v1/agent/check/pass/service:keeper 405 'method GET not allowed'

# --- /v1/txn: bad JSON, bad base64, too many operations, wrong method ----------------------------------
expect_http_prefix PUT /v1/txn 400 'Failed to parse body: ' --data '[{"KV": {"Verb": "set"'
expect_http_prefix PUT /v1/txn 400 'Failed to parse body: failed to decode value: ' --data '[{"KV": {"Verb": "set", "Key": "keep/me", "Value": "%%"}}]'
expect_http PUT /v1/txn 413 'Transaction contains too many operations (65 > 64)' \
    --data "[$(printf '{"KV": {"Verb": "get", "Key": "k"}},%.0s' $(seq 64)){\"KV\": {\"Verb\": \"get\", \"Key\": \"k\"}}]"
expect_http GET /v1/txn 405 'method GET not allowed'
expect_header Allow 'OPTIONS,PUT'

# --- unknown routes: 404, empty body -----------------------------------------------------------------------
expect_http GET /v1/nope 404 ''
expect_http GET /v1/catalog/nope 404 ''
expect_http PUT /v1/nope 404 '' --data x

# --- wrong methods: 405 with Allow -----------------------------------------------------------------------
expect_http DELETE /v1/catalog/nodes 405 'method DELETE not allowed'
expect_header Allow 'OPTIONS,GET'
expect_http PUT /v1/status/leader 405 'method PUT not allowed' --data x
expect_header Allow 'OPTIONS,GET'
expect_http POST /v1/agent/reload 405 'method POST not allowed'
expect_header Allow 'OPTIONS,PUT'
expect_http GET /v1/agent/reload 405 'method GET not allowed'
expect_header Allow 'OPTIONS,PUT'
expect_http GET /v1/agent/service/deregister/keeper 405 'method GET not allowed'
expect_header Allow 'OPTIONS,PUT'
expect_http POST /v1/kv/keep/me 405 'method POST not allowed' --data x
expect_header Allow 'OPTIONS,GET,PUT,DELETE'
expect_http GET /v1/session/create 405 'method GET not allowed'
expect_header Allow 'OPTIONS,PUT'
expect_http OPTIONS /v1/catalog/nodes 200 ''
expect_header Allow 'OPTIONS,GET'

# --- after all that: still up, nothing lost, nothing half-written --------------------------------------------
check 'agent process is still running' kill -0 "$AGENT_PID"
check 'agent still has a leader' agent_ready
expect_http GET '/v1/kv/keep/me?raw' 200 safe
http GET /v1/kv/keep/me
expect_json '.[0].ModifyIndex' "$KEEP_INDEX"
http GET /v1/agent/services
expect_json 'keys' '["keeper"]'
http GET /v1/catalog/services
expect_json '.' '{"consul": [], "keeper": []}'
http GET /v1/catalog/nodes
expect_json '[.[].Node]' '["machine"]'
http GET /v1/session/list
expect_json '.' '[]'
http GET '/v1/kv/?keys'
expect_json '.' '["big", "keep/me"]'
