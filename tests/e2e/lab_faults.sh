#!/usr/bin/env bash
# The lab's faults on a three-server lab with a client: `lab up -servers 3` elects a leader
# (shown by `lab status`); partitioning the leader from the rest makes the majority elect
# another while the old one refuses writes and default reads (500 No cluster leader) but
# answers ?stale; `lab heal` clears every fault, members come back alive and every server
# holds the same KV. kill, restart, pause and resume show in status; latency and loss too;
# bad arguments are refused; an agent the lab did not start refuses faults (403).
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

use_lab
lab() { consul lab "$1" -dir "$LAB" "${@:2}"; }
addr() { echo "$NET.$((9 + ${1#n}))"; } # n1 → .10
leader_node() { { lab status || true; } | awk '$5 == "*" { print $1 }'; }
kv() { curl -s --max-time 5 "http://$(addr "$1"):8500/v1/kv/$2"; }
put() { curl -s --max-time 5 -X PUT --data "$3" "http://$(addr "$1"):8500/v1/kv/$2"; }

run "consul lab up -dir '$LAB' -servers 3 -clients 1 -first-address $NET.10"
check_rc 0 || die "lab up" "$(cat "$E2E_TMP/err")"
check_stream_contains out "Node  Address"
check "status has a Faults column" grep -q ' Faults$' "$E2E_TMP/out"
check "three servers and one client" test \
    "$(grep -c ' server ' "$E2E_TMP/out") $(grep -c ' client ' "$E2E_TMP/out")" = "3 1"
check "one of them leads" test "$(grep -c ' \* ' "$E2E_TMP/out")" -eq 1
L=$(leader_node)
others=$(for n in n1 n2 n3 n4; do [[ $n == "$L" ]] || echo "$n"; done | paste -sd,)
check "a write through the client" test "$(put n4 before 1)" = true

# --- partition the leader from everyone else ----------------------------------------------
expect_output "consul lab partition -dir '$LAB' $L $others" "Partitioned $L from $others"
run "consul lab status -dir '$LAB'"
check "status shows the leader's partition" grep -Eq "^$L .* partitioned from ${others}\$" "$E2E_TMP/out"
wait_for 30 "the majority elects another leader" \
    "n=\$(leader_node) && [[ -n \$n && \$n != $L ]]"
check "the majority takes writes" test "$(put n4 during 2)" = true
wait_for 15 "the cut-off leader refuses default reads" "[[ \$(kv $L before) == 'No cluster leader' ]]"
check "and writes" test "$(put "$L" lost 3)" = "No cluster leader"
check "but answers stale reads" test "$(kv "$L" 'before?stale&raw')" = 1

expect_output "consul lab heal -dir '$LAB'" "Healed: no partitions, latency or loss"
run "consul lab status -dir '$LAB'"
check "status shows no faults" bash -c "! grep -q partitioned '$E2E_TMP/out'"
wait_for 15 "every member is alive again" \
    "[[ \$(consul lab status -dir '$LAB' | grep -c ' alive ') == 4 ]]"
same() {
    local n a first=""
    for n in n1 n2 n3; do
        a=$(kv "$n" '?recurse&stale' | jq -c 'map([.Key, .Value])')
        [[ -n "$a" && "$a" != null ]] || return 1
        [[ -z "$first" || "$a" == "$first" ]] || return 1
        first=$a
    done
    grep -q during <<<"$first" && ! grep -q lost <<<"$first"
}
wait_for 15 "every server holds the same KV, without the refused write" same

# --- process faults -------------------------------------------------------------------------
L=$(leader_node)
run "consul lab kill -dir '$LAB' $L"
check_rc 0
check_stream_prefix out "Killed $L (pid "
wait_for 30 "a new leader after the kill" "n=\$(leader_node) && [[ -n \$n && \$n != $L ]]"
check "status shows it exited" bash -c "($QONSUL lab status -dir '$LAB' || true) | grep -Eq '^$L .* exited '"
run "consul lab kill -dir '$LAB' $L"
check_rc 1
check_stream_prefix err "$L is exited (pid "
run "consul lab restart -dir '$LAB' $L"
check_rc 0
check_stream_prefix out "Restarted $L (pid "
wait_for 30 "the restarted server is back and follows" \
    "[[ \$(curl -s http://$(addr "$L"):8500/v1/status/leader) == \\\"$NET.* ]] && [[ \$(kv $L 'during?stale&raw') == 2 ]]"
F=$(for n in n1 n2 n3; do [[ $n == "$(leader_node)" ]] || { echo "$n"; break; }; done)
expect_output "consul lab pause -dir '$LAB' $F" "Paused $F (pid $(jq -r ".[] | select(.Name == \"$F\") | .Pid" "$LAB/lab.json"))"
check "status shows it paused" bash -c "($QONSUL lab status -dir '$LAB' || true) | grep -Eq '^$F .* paused '"
# Through the leader: a client whose server is the paused one waits for its RPC to time out
# (7 s) before trying another server, as Consul's client does.
check "the cluster still takes writes" test "$(put "$(leader_node)" paused 4)" = true
run "consul lab resume -dir '$LAB' $F"
check_rc 0
wait_for 15 "the resumed server catches up" "[[ \$(kv $F 'paused?stale&raw') == 4 ]]"

# --- latency and loss ------------------------------------------------------------------------
expect_output "consul lab latency -dir '$LAB' n2 30" "n2 now sends with 30ms of latency"
expect_output "consul lab loss -dir '$LAB' n3 10" "n3 now loses 10% of its packets"
run "consul lab status -dir '$LAB'"
check "status shows the latency" grep -Eq '^n2 .* latency 30ms$' "$E2E_TMP/out"
check "status shows the loss" grep -Eq '^n3 .* loss 10%$' "$E2E_TMP/out"
check "n2's agent has it" test \
    "$(curl -s "http://$(addr n2):8500/v1/qonsul/lab/faults" | jq -c .)" = \
    '{"LatencyMs":30,"LossPercent":0,"PartitionedFrom":[]}'
check "writes still go through" test "$(put n4 slow 5)" = true
expect_output "consul lab heal -dir '$LAB'" "Healed: no partitions, latency or loss"
check "n2's agent is healed" test \
    "$(curl -s "http://$(addr n2):8500/v1/qonsul/lab/faults" | jq -c .)" = \
    '{"LatencyMs":0,"LossPercent":0,"PartitionedFrom":[]}'

# --- bad input ---------------------------------------------------------------------------------
expect_error "consul lab partition -dir '$LAB' n1" 1 "Two groups of nodes are required, e.g. n1 n2,n3"
expect_error "consul lab partition -dir '$LAB' n1,n2 n2" 1 "n2 cannot be on both sides"
expect_error "consul lab kill -dir '$LAB' n9" 1 "No node n9 in the lab (it has n1, n2, n3, n4)"
expect_error "consul lab latency -dir '$LAB' n2 soon" 1 "soon is not milliseconds (0 to 60000)"
expect_error "consul lab loss -dir '$LAB' n2 101" 1 "101 is not a percentage (0 to 100)"
expect_error "consul lab kill -dir '$LAB'" 1 "A node name is required (and only one), e.g. n1"
HTTP_PORT=8500
status=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' -X PUT --data '{"LossPercent": 500}' \
    "http://$(addr n2):8500/v1/qonsul/lab/faults")
check "a lab agent refuses a bad fault (400)" test \
    "$status $(cat "$E2E_TMP/body")" = "400 Request decode failed: LossPercent must be a whole number from 0 to 100"

status=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' "http://$(addr n4):8500/v1/agent/raft/events")
check "a client has no Raft events (404)" test \
    "$status $(cat "$E2E_TMP/body")" = "404 This agent runs no Raft: it is not a server"

# An agent the lab did not start takes no faults.
start_agent -node outsider
expect_http PUT /v1/qonsul/lab/faults 403 \
    'Network faults are for agents started by "qonsul lab up" (-lab-faults); this one was not' \
    --data '{"LossPercent": 100}'

run "consul lab down -dir '$LAB'"
check_rc 0
