#!/usr/bin/env bash
# `event` and /v1/event/*: an event fired is taken by the agent (Event ID printed, listed with
# its payload in base64 and its Lamport time); a blocking list waits for the next event; the
# node, service and tag filters pick the agents that keep it; bad input gets Consul's words;
# and on a three-node lab an event fired on one node reaches every node, and a node filter
# only the node it names.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

start_agent -node ev1

run 'consul event -name=deploy v1'
check_rc 0
check 'it prints the event ID' grep -Eqx 'Event ID: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' "$E2E_TMP/out"
first_id=$(sed -n 's/^Event ID: //p' "$E2E_TMP/out")
http GET /v1/event/list
expect_status 200
expect_json 'map(.Name)' '["deploy"]'
expect_json '.[0] | [.ID, .Payload, .NodeFilter, .ServiceFilter, .TagFilter, .Version]' \
    "[\"$first_id\", \"djE=\", \"\", \"\", \"\", 1]"
expect_json_true '.[0].LTime >= 1' 'the event carries its Lamport time'
expect_json '.[0] | keys_unsorted' \
    '["ID","Name","Payload","NodeFilter","ServiceFilter","TagFilter","Version","LTime"]'
index=$(header X-Consul-Index)
check 'the index comes from the newest event ID' test -n "$index" -a "$index" != 1

# The fire's answer is the event as fired: no payload is null, and its LTime is 0, as Consul's.
http PUT /v1/event/fire/restart
expect_status 200
expect_json '[.Name, .Payload, .LTime, .Version]' '["restart", null, 0, 1]'

# A blocking list waits for a new event (the index names the newest one, so any other ends it).
http GET /v1/event/list
index=$(header X-Consul-Index)
curl -s "http://127.0.0.1:$HTTP_PORT/v1/event/list?index=$index&wait=60s" >"$E2E_TMP/blocked" &
blocked=$!
sleep 1
check 'the list blocks while nothing new came' kill -0 "$blocked"
consul event -name=scale 3 >/dev/null
wait_for 10 'a new event answers it' "jq -e 'map(.Name) == [\"deploy\", \"restart\", \"scale\"]' '$E2E_TMP/blocked' >/dev/null"
http GET "/v1/event/list?index=$index&wait=1s"
check 'a query that times out without a new event has the same answer' test "$(json 'length')" = 3
http GET '/v1/event/list?name=deploy'
expect_json 'map(.Name)' '["deploy"]'
http GET '/v1/event/list?name=nothing'
expect_json '.' '[]'
expect_header X-Consul-Index 1

# Filters pick the agents that take an event: its node name, the IDs of its services, their tags.
curl -sf -X PUT "http://127.0.0.1:$HTTP_PORT/v1/agent/service/register" \
    -d '{"Name": "web", "Tags": ["v1", "primary"], "Port": 80}' >/dev/null
consul event -name=for-ev1 -node='^ev' >/dev/null
consul event -name=for-others -node='^other$' >/dev/null
consul event -name=for-web -service='^we' >/dev/null
consul event -name=for-web-v1 -service=web -tag='^v1$' >/dev/null
consul event -name=for-web-v2 -service=web -tag='^v2$' >/dev/null
consul event -name=for-db -service=db >/dev/null
wait_for 10 'the events it matches are kept' \
    "curl -s http://127.0.0.1:$HTTP_PORT/v1/event/list | jq -e 'map(.Name) | index(\"for-web-v1\")' >/dev/null"
http GET /v1/event/list
expect_json 'map(.Name) | map(select(startswith("for-")))' '["for-ev1", "for-web", "for-web-v1"]'
expect_json 'map(select(.Name == "for-web-v1"))[0] | [.ServiceFilter, .TagFilter]' '["web", "^v1$"]'

expect_output 'consul info | grep -E "^\s+event_time = " | tr -d "\t "' 'event_time=10'

# Bad input.
run 'consul event'
check_rc 1
check_stream_prefix err $'Event name must be specified\n\nUsage: qonsul event [options] [payload]'
expect_error 'consul event -name=x -tag=v1' 1 'Cannot provide tag filter without service filter.'
run "consul event -name=x -node='('"
check_rc 1
check_stream_prefix err 'Failed to compile node filter regexp: error parsing regexp: '
run 'consul event -name=x a b'
check_rc 1
check_stream_prefix err $'Too many command line arguments.\n\nUsage: qonsul event'
expect_error 'consul event -name=x -http-addr=127.0.0.1:1' 1 \
    'Error querying Consul agent: Get "http://127.0.0.1:1/v1/agent/self": dial tcp 127.0.0.1:1: connect: connection refused'
expect_http PUT /v1/event/fire/ 400 'Missing name'
expect_http PUT '/v1/event/fire/x?tag=v1' 400 'Cannot provide tag filter without service filter'
expect_http_prefix PUT '/v1/event/fire/x?node=(' 400 'Invalid node filter: '
expect_http PUT /v1/event/fire/big 413 'user event exceeds configured limit of 512 bytes before encoding' \
    --data "$(head -c 600 /dev/zero | tr '\0' x)"
run "consul event -name=big $(head -c 480 /dev/zero | tr '\0' x)"
check_rc 1
check_stream_equals err 'Error firing event: Unexpected response code: 413 (user event exceeds configured limit of 512 bytes before encoding)'
http GET /v1/event/fire/x
expect_status 405
http PUT /v1/event/list
expect_status 405
stop_agent

# --- three nodes ------------------------------------------------------------------------
use_lab
addr() { echo "$NET.$((9 + ${1#n}))"; } # n1 → .10
events() { curl -s --max-time 5 "http://$(addr "$1"):8500/v1/event/list"; }

run "consul lab up -dir '$LAB' -servers 3 -clients 0 -first-address $NET.10"
check_rc 0 || die "lab up" "$(cat "$E2E_TMP/err")"
run "consul event -http-addr=$(addr n2):8500 -name=hello world"
check_rc 0
id=$(sed -n 's/^Event ID: //p' "$E2E_TMP/out")
for n in n1 n2 n3; do
    wait_for 10 "the event fired on n2 reaches $n" \
        "events $n | jq -e 'map(select(.ID == \"$id\" and .Payload == \"d29ybGQ=\")) | length == 1' >/dev/null"
done
consul event -http-addr="$(addr n1):8500" -name=only-n3 -node='^n3$' >/dev/null
wait_for 10 'an event for n3 reaches n3' "events n3 | jq -e 'map(.Name) | index(\"only-n3\")' >/dev/null"
consul event -http-addr="$(addr n3):8500" -name=after >/dev/null
for n in n1 n2; do
    wait_for 10 "a later event reaches $n" "events $n | jq -e 'map(.Name) | index(\"after\")' >/dev/null"
    check "$n did not keep the event for n3" test "$(events "$n" | jq -c 'map(.Name)')" = '["hello","after"]'
done
cleanup_lab
e2e_finish
