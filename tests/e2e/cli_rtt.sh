#!/usr/bin/env bash
# `rtt` and /v1/coordinate/*: on a three-server lab whose n3 sends everything 50 ms late, the
# coordinates (serf's Vivaldi, fed by the gossip probes, sent to the catalog by each agent)
# converge so that `rtt n1 n3` estimates the round trip within 15 % of 50 ms, while n1 <-> n2,
# both on loopback, stays under 7.5 ms. Also: the endpoints' shapes, 404 for a node without a
# coordinate, /v1/coordinate/update refusing bad input, ?near=<node>|_agent sorting the catalog
# and health answers nearest first, rtt's errors in Consul's words, and disable_coordinates.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

use_lab
export CONSUL_HTTP_ADDR="$NET.10:8500"
HTTP_PORT=8500

run "consul lab up -dir '$LAB' -servers 3 -clients 0 -first-address $NET.10"
check_rc 0 || die "lab up" "$(cat "$E2E_TMP/err")"
expect_output "consul lab latency -dir '$LAB' n3 50" 'n3 now sends with 50ms of latency'

# rtt's estimate in ms, or nothing while a node has no coordinate yet.
estimate() { consul rtt "$@" 2>/dev/null | sed -En 's/^Estimated .* rtt: ([0-9.]+) ms \(using LAN coordinates\)$/\1/p'; }
within() { [[ -n "$1" ]] && awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v >= lo && v <= hi) }'; }
# Agents send their coordinate every 15-30 s; Vivaldi needs some probes of each pair first.
wait_for 150 'rtt n1 n3 converges to 50 ms (within 15 %: 42.5 to 57.5)' \
    'within "$(estimate n1 n3)" 42.5 57.5'
check 'and the other way round' within "$(estimate n3 n1)" 42.5 57.5
wait_for 60 'rtt n1 n2 (loopback both) stays under 7.5 ms' 'within "$(estimate n1 n2)" 0 7.5'
run 'consul rtt n3'
check_rc 0
check 'with one node, the other is the agent'"'"'s own (n1)' \
    grep -Eqx 'Estimated n3 <-> n1 rtt: [0-9]+\.[0-9]{3} ms \(using LAN coordinates\)' "$E2E_TMP/out"

# ?near: nearest first by estimated round trip. n3 is 50 ms from both others, so near n1 or n2
# it comes last. Near n3 itself nothing is certain: a node's distance to itself is twice its
# height, and Vivaldi puts much of n3's extra 50 ms into its height (Consul sorts the same way,
# with no special case for the node itself). So there the order must be the one the coordinates
# give, by serf's distance, computed here from /v1/coordinate/nodes read before and after.
near() { curl -s "http://$NET.${3:-10}:8500$1" | jq -c "$2"; }
last_is_n3='(.[-1] == "n3") and (length == 3)'
# The node names sorted by distance from $1 (stable), per the coordinates in $2.
by_distance() {
    jq -c --arg from "$1" '
        def dist($a; $b): ([range(0; $a.Vec | length)] | map(pow($a.Vec[.] - $b.Vec[.]; 2)) | add
                           | sqrt) + $a.Height + $b.Height
            | . as $d | ($d + $a.Adjustment + $b.Adjustment) as $adjusted
            | if $adjusted > 0 then $adjusted else $d end;
        (map(select(.Node == $from))[0].Coord) as $origin
        | sort_by(dist($origin; .Coord)) | map(.Node)' <<<"$2"
}
# True when the answer of $1 (node names by jq $2, from agent $4) is in the order the
# coordinates give from $3, read unchanged around it.
ordered_as_coordinates() {
    local before after answer
    before=$(curl -s "http://$NET.10:8500/v1/coordinate/nodes")
    answer=$(near "$1" "$2" "${4:-10}")
    after=$(curl -s "http://$NET.10:8500/v1/coordinate/nodes")
    [[ "$before" == "$after" && "$answer" == "$(by_distance "$3" "$before")" ]]
}
check 'catalog nodes near n1: n3 last' test "$(near '/v1/catalog/nodes?near=n1' "map(.Node) | $last_is_n3")" = true
wait_for 40 "near=_agent asked of n3 is n3's node: the order its coordinates give" \
    "ordered_as_coordinates '/v1/catalog/nodes?near=_agent' 'map(.Node)' n3 12"
check 'and asked of n1: n3 last' test "$(near '/v1/catalog/nodes?near=_agent' "map(.Node) | $last_is_n3")" = true
wait_for 40 'near n3: the order its coordinates give' \
    "ordered_as_coordinates '/v1/catalog/nodes?near=n3' 'map(.Node)' n3"
check 'catalog service near n2: n3 last' test "$(near '/v1/catalog/service/consul?near=n2' "map(.Node) | $last_is_n3")" = true
check 'health service near n1: n3 last' test "$(near '/v1/health/service/consul?near=n1' "map(.Node.Node) | $last_is_n3")" = true
wait_for 40 'health service near n3: the order its coordinates give' \
    "ordered_as_coordinates '/v1/health/service/consul?near=n3' 'map(.Node.Node)' n3"
check 'a node without a coordinate leaves the order as it is' test "$(near '/v1/catalog/nodes?near=nope' 'map(.Node)')" = '["n1","n2","n3"]'

# The endpoints.
curl -s "http://$NET.10:8500/v1/coordinate/nodes" >"$E2E_TMP/body"
check 'every node has a coordinate, in node order' test "$(jq -c 'map(.Node)' "$E2E_TMP/body")" = '["n1","n2","n3"]'
check 'in Consul'"'"'s shape, 8 dimensions' test \
    "$(jq -c '.[0] | [keys_unsorted, (.Coord | keys_unsorted), (.Coord.Vec | length)]' "$E2E_TMP/body")" = \
    '[["Node","Segment","Coord"],["Vec","Error","Adjustment","Height"],8]'
check 'one node' test "$(curl -s "http://$NET.10:8500/v1/coordinate/node/n2" | jq -r '.[0].Node')" = n2
check 'an unknown node is 404' test "$(curl -s -o /dev/null -w '%{http_code}' "http://$NET.10:8500/v1/coordinate/node/nope")" = 404
check 'datacenters' test "$(curl -s "http://$NET.10:8500/v1/coordinate/datacenters" | jq -c '.[0] | [.Datacenter, .AreaID]')" = '["dc1","wan"]'
check "the agent's own coordinate in /v1/agent/self" test \
    "$(curl -s "http://$NET.10:8500/v1/agent/self" | jq '.Coord.Vec | length')" -eq 8
update() { curl -s -w ' %{http_code}' -X PUT "http://$NET.10:8500/v1/coordinate/update" -d "$1"; }
check 'update refuses other dimensions' test "$(update '{"Node":"n1","Coord":{"Vec":[1,2],"Error":1.5}}')" = 'incompatible coordinate 400'
update x >"$E2E_TMP/update"
check 'update refuses what is not JSON' grep -q '^Request decode failed: .* 400$' "$E2E_TMP/update"

# rtt's errors.
run 'consul rtt'
check_rc 1
check_stream_prefix err $'One or two node names must be specified\n\nUsage: qonsul rtt'
expect_error 'consul rtt n1 nope' 1 'Could not find a coordinate for node "nope"'
run 'consul rtt a b c'
check_rc 1
check_stream_prefix err 'One or two node names must be specified'
run 'consul rtt -wan n1'
check_rc 1
check_stream_prefix err 'Error getting coordinates: '
export CONSUL_HTTP_ADDR=127.0.0.1:1
expect_error 'consul rtt n1 n2' 1 \
    'Error getting coordinates: Get "http://127.0.0.1:1/v1/coordinate/nodes": dial tcp 127.0.0.1:1: connect: connection refused'
cleanup_lab

# disable_coordinates: the agent sends none, has none in /v1/agent/self, and answers the
# coordinate endpoints 401, as Consul's; rtt says so.
echo '{"disable_coordinates": true}' >"$E2E_TMP/no-coordinates.json"
start_agent -config-file "$E2E_TMP/no-coordinates.json"
http GET '/v1/agent/self'
expect_json '[.DebugConfig.DisableCoordinates, .Coord]' '[true, null]'
expect_http GET /v1/coordinate/nodes 401 'Coordinate support disabled'
expect_http GET /v1/coordinate/node/machine 401 'Coordinate support disabled'
expect_http PUT /v1/coordinate/update 401 'Coordinate support disabled' \
    -d '{"Node":"machine","Coord":{"Vec":[0,0,0,0,0,0,0,0]}}'
expect_error 'consul rtt machine' 1 \
    'Error getting coordinates: Unexpected response code: 401 (Coordinate support disabled)'
expect_output 'consul catalog nodes -near machine' "$(consul catalog nodes)"
stop_agent
e2e_finish
