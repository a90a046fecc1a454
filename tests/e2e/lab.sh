#!/usr/bin/env bash
# `qonsul lab up / status / down` end to end: the default pair (n1 server, n2 client) on
# consecutive loopback addresses with Consul's default ports (a range of its own per run),
# a second `up` refused, as is one in another directory on the same addresses, status after
# a kill -9 ("exited", exit 2), `down` leaving no process behind, and a three-node lab.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

use_lab

run "consul lab up -dir '$LAB' -first-address $NET.10"
check_rc 0
check_stream_contains out "n1    $NET.10  server  alive   *"
check_stream_contains out "n2    $NET.11  client  alive"
mapfile -t pids < <(lab_pids)
check "two nodes started" test "${#pids[@]}" -eq 2

expect_output "consul members -http-addr $NET.11:8500" "$(printf '%s\n' \
    'Node|Address|Status|Type|Build|Protocol|DC|Segment' \
    "n1|$NET.10:8301|alive|server|1.6.1|2|dc1|<all>" \
    "n2|$NET.11:8301|alive|client|1.6.1|2|dc1|<default>" | columnize)"
run "dig +short @$NET.10 -p 8600 n2.node.consul"
check_stream_equals out "$NET.11"
check "each node has its log" test -s "$LAB/n1/agent.log" -a -s "$LAB/n2/agent.log"
check "the server keeps its log in its data dir" test -s "$LAB/n1/data/raft/raft.db"
wait_for 5 "Connect is on in the lab: the CA has its root, also through the client" \
    "curl -s http://$NET.11:8500/v1/connect/ca/roots | jq -e '.Roots | length == 1'"

run "consul lab up -dir '$LAB' -first-address $NET.10"
check_rc 1
check_stream_prefix err "A lab is already running in $LAB (n1, pid ${pids[0]})."

run "consul lab up -dir '$LAB-other' -first-address $NET.10"
check_rc 1
check_stream_prefix err "$NET.10:8500 is in use: another lab or agent runs there."
check "and started nothing there" test ! -e "$LAB-other/lab.json"

kill -KILL "${pids[1]}"
wait_for 5 "status reports the killed n2 as exited" \
    "(consul lab status -dir '$LAB' || true) | grep -q '^n2 .* exited '"
run "consul lab status -dir '$LAB'"
check_rc 2

run "consul lab down -dir '$LAB'"
check_rc 0
check_stream_equals out "n2 had already exited
Stopped n1 (pid ${pids[0]})"
check "no node is left running" bash -c "! kill -0 ${pids[0]} 2>/dev/null || grep -q '^[^)]*) Z' /proc/${pids[0]}/stat"
run "consul lab status -dir '$LAB'"
check_rc 1
check_stream_prefix err "No lab in $LAB."

run "consul lab up -dir '$LAB' -first-address $NET.10 -clients 2"
check_rc 0
check_stream_contains out "n3    $NET.12  client  alive"
run "consul lab down -dir '$LAB'"
check_rc 0
check_stream_contains out "Stopped n3"
run "consul lab up -dir '$LAB' -servers 8"
check_rc 1
check_stream_equals err '-servers must be between 1 and 7, got 8'
