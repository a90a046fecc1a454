#!/usr/bin/env bash
# Three servers agree through Raft: started with -bootstrap-expect=3 on addresses of their
# own (Consul's default ports), they bootstrap once with Consul's log line and elect one
# leader; list-peers and /v1/status/peers show all three. A follower forwards writes and
# default reads to the leader, answers ?stale itself (X-Consul-KnownLeader,
# X-Consul-LastContact), and ?consistent works everywhere. kill -9 of the leader while a
# writer runs: a new leader has every acknowledged write, and the killed server comes back
# with its data and catches up through InstallSnapshot, the leader having compacted its log
# meanwhile (it never bootstraps again). A server left alone refuses
# writes and default reads with 500 "No cluster leader" but still answers ?stale; once the
# others are back every server holds the same KV.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

NET="127.$((RANDOM % 200 + 30)).$((RANDOM % 250 + 2))"
CONF="$E2E_TMP/raft.json"
# Consul's recommended production timing (raft_multiplier 5 is for slow machines); snapshots
# every 64 entries with 8 kept behind, so that a server that was down needs a snapshot.
echo '{"performance": {"raft_multiplier": 1}, "raft_snapshot_threshold": 64,
       "raft_trailing_logs": 8}' >"$CONF"
declare -A PID LOG
ADDR=([1]="$NET.11" [2]="$NET.12" [3]="$NET.13")

start_server() { # start_server N [TAG]
    local n=$1 tag=${2:-0}
    LOG[$n]="$E2E_TMP/s$n.$tag.log"
    setsid "$QONSUL" agent -server -bootstrap-expect=3 -data-dir "$E2E_TMP/s$n" -node "s$n" \
        -bind "${ADDR[$n]}" -client "${ADDR[$n]}" -dns-port -1 -config-file "$CONF" \
        -retry-join "${ADDR[1]}" -retry-join "${ADDR[2]}" -retry-join "${ADDR[3]}" \
        -retry-interval 1s </dev/null >"${LOG[$n]}" 2>&1 &
    PID[$n]=$!
    E2E_PIDS+=("${PID[$n]}")
}
kill_server() {
    kill -KILL "${PID[$1]}" 2>/dev/null
    wait "${PID[$1]}" 2>/dev/null
}
api() { echo "http://${ADDR[$1]}:8500"; }
leader_of() { curl -s --max-time 2 "$(api "$1")/v1/status/leader" | tr -d '"'; }
# server_at IP:PORT: the number of the server whose RPC listens there.
server_at() {
    local n
    for n in 1 2 3; do
        if [[ "$1" == "${ADDR[$n]}:8300" ]]; then
            echo "$n"
            return 0
        fi
    done
    return 1
}
# agreed_leader N...: the servers named agree on one leader (printed as its number).
agreed_leader() {
    local n first="" l
    for n in "$@"; do
        l=$(leader_of "$n")
        [[ -n "$l" ]] || return 1
        [[ -z "$first" || "$l" == "$first" ]] || return 1
        first=$l
    done
    server_at "$first"
}

for n in 1 2 3; do start_server "$n"; done
wait_for 60 "three servers elect one leader" 'agreed_leader 1 2 3 >/dev/null' ||
    die "no leader" "$(tail -n 30 "${LOG[1]}")"
L=$(agreed_leader 1 2 3)
echo "# leader: s$L"
# Each server bootstraps the three, or finds that another did first (Consul's race too).
bootstrapped=0
for n in 1 2 3; do
    if grep -Eq "\\[INFO\\] consul: Found expected number of peers, attempting bootstrap: ([0-9.]+:8300,){2}[0-9.]+:8300$" "${LOG[$n]}"; then
        bootstrapped=$((bootstrapped + 1))
    else
        check "s$n found that another server bootstrapped" \
            grep -Eq '\[INFO\] consul: Existing Raft peers reported by s[123], disabling bootstrap mode' "${LOG[$n]}"
    fi
    check "s$n printed the expect warning" grep -q '^bootstrap_expect > 0: expecting 3 servers$' "${LOG[$n]}"
done
check "at least one server bootstrapped the three ($bootstrapped)" test "$bootstrapped" -ge 1
check "the leader's log has Consul's election lines" grep -q \
    "\\[INFO\\]  raft: Node at ${ADDR[$L]}:8300 \\[Leader\\] entering Leader state" "${LOG[$L]}"

F=$((L % 3 + 1)) # a follower
G=$(((L + 1) % 3 + 1))

# --- what each server's Raft did: GET /v1/agent/raft/events ----------------------------------
ev="$E2E_TMP/events.json"
curl -s "$(api "$L")/v1/agent/raft/events" >"$ev"
check "the leader's events say it leads, with two followers replicating" jq -e \
    '.Raft.Role == "Leader" and (.Raft.Followers | length) == 2 and all(.Raft.Followers[]; .State == "replicate" and .MatchIndex > 0)' "$ev"
check "it recorded becoming leader" jq -e 'any(.Events[]; .Kind == "state" and .Role == "Leader")' "$ev"
check "and the votes it asked for and got" jq -e \
    'any(.Events[]; .Kind == "vote" and .Direction == "sent") and any(.Events[]; .Kind == "vote-response" and .Direction == "received" and .Ok)' "$ev"
wait_for 5 "appends to each follower are summed (Count)" \
    "curl -s '$(api "$L")/v1/agent/raft/events' | jq -e '[.Events[] | select(.Kind == \"append\" and .Direction == \"sent\")] | (map(.Peer) | unique | length) == 2 and any(.[]; .Count > 1)'"
curl -s "$(api "$F")/v1/agent/raft/events" >"$ev"
check "a follower's events say it follows the leader" jq -e \
    '.Raft.Role == "Follower" and .Raft.Leader != "" and (.Raft.Followers | length) == 0 and any(.Events[]; .Kind == "append" and .Direction == "received")' "$ev"
check "and when the leader last reached it (heartbeats: well under a second)" jq -e \
    '.Raft.LastContactMs >= 0 and .Raft.LastContactMs < 1000' "$ev"
check "its log as runs of one term each, contiguous, ending at its last index" jq -e \
    '.Raft.Terms as $t | ($t | length) >= 1 and $t[-1].LastIndex == .Raft.LastIndex and $t[0].FirstIndex == .Raft.FirstIndex and all(range(1; $t | length); $t[.].FirstIndex == $t[. - 1].LastIndex + 1 and $t[.].Term > $t[. - 1].Term)' "$ev"
last_event=$(jq .Index "$ev")
curl -s "$(api "$F")/v1/agent/raft/events?index=$last_event&wait=5s" >"$ev"
check "a blocking read answers only newer events" jq -e \
    "(.Events | length) > 0 and all(.Events[]; .Index > $last_event)" "$ev"
peers=$(printf '"%s:8300"\n' "${ADDR[1]}" "${ADDR[2]}" "${ADDR[3]}" | sort | paste -sd,)
for n in 1 2 3; do
    check "s$n: /v1/status/peers lists the three" test \
        "$(curl -s "$(api "$n")/v1/status/peers" | jq -c 'sort | join(",")' | tr -d '"')" = "${peers//\"/}"
done
run "consul operator raft list-peers -http-addr ${ADDR[$F]}:8500"
check_rc 0
check "list-peers: one leader" test "$(grep -c ' leader ' "$E2E_TMP/out")" -eq 1
check "list-peers: two followers" test "$(grep -c ' follower ' "$E2E_TMP/out")" -eq 2
check "list-peers: three voters" test "$(grep -Ec ' (leader|follower) +true +3$' "$E2E_TMP/out")" -eq 3
health="$E2E_TMP/health.json"
wait_for 10 "autopilot: three healthy voters, so one may fail (asked of a follower)" \
    "curl -s -o '$health' -w '%{http_code}' $(api "$F")/v1/operator/autopilot/health | grep -qx 200 && jq -e '.Healthy and .FailureTolerance == 1 and (.Servers | length) == 3 and ([.Servers[] | select(.Leader)] | length) == 1 and all(.Servers[]; .Healthy and .Voter and .SerfStatus == \"alive\" and .LastIndex > 0)' '$health'"
check "list-peers: the leader is s$L" grep -Eq "^s$L .* ${ADDR[$L]}:8300 +leader " "$E2E_TMP/out"

# --- a follower forwards; ?stale is its own; ?consistent confirms ---------------------------
check "a PUT through a follower is acknowledged" test \
    "$(curl -s -X PUT --data hello "$(api "$F")/v1/kv/greeting")" = true
check "the follower reads it (from the leader)" test \
    "$(curl -s "$(api "$F")/v1/kv/greeting?raw")" = hello
check "the other follower reads it consistently" test \
    "$(curl -s "$(api "$G")/v1/kv/greeting?raw&consistent")" = hello
check "the leader reads it consistently" test \
    "$(curl -s "$(api "$L")/v1/kv/greeting?raw&consistent")" = hello
wait_for 5 "a stale read on the follower sees it" \
    "[[ \$(curl -s '$(api "$F")/v1/kv/greeting?raw&stale') == hello ]]"
curl -s -D "$E2E_TMP/h" -o /dev/null "$(api "$F")/v1/kv/greeting?stale"
check "a stale read knows the leader" grep -qi '^X-Consul-Knownleader: true' "$E2E_TMP/h"
check "a stale read says when it last heard from it" grep -Eqi '^X-Consul-Lastcontact: [0-9]+' "$E2E_TMP/h"
check "?stale with ?consistent is refused" test \
    "$(curl -s "$(api "$F")/v1/kv/greeting?stale&consistent")" = \
    "Cannot specify ?stale with ?consistent, conflicting semantics."
check "the follower's catalog lists the three servers" test \
    "$(curl -s "$(api "$F")/v1/catalog/service/consul" | jq length)" = 3

# --- kill -9 of the leader under writes ------------------------------------------------------
acked="$E2E_TMP/acked"
: >"$acked"
(
    i=0
    while :; do
        i=$((i + 1))
        n=$((RANDOM % 3 + 1))
        if [[ $(curl -s --max-time 3 -X PUT --data "v$i" "$(api "$n")/v1/kv/k$i") == true ]]; then
            echo "$i" >>"$acked"
        fi
    done
) &
writer=$!
E2E_PIDS+=("$writer")
sleep 1.5
kill_server "$L"
OLD=$L
wait_for 30 "the two left elect a new leader" \
    "n=\$(agreed_leader $F $G) && [[ -n \$n && \$n != $OLD ]]"
L=$(agreed_leader "$F" "$G")
echo "# new leader: s$L"
sleep 1.5
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
count=$(wc -l <"$acked")
check "writes were acknowledged before and after the kill ($count)" test "$count" -gt 20
missing=0
while read -r i; do
    [[ $(curl -s "$(api "$L")/v1/kv/k$i?raw") == "v$i" ]] || { missing=$((missing + 1)); echo "# k$i missing"; }
done <"$acked"
check "the new leader has every acknowledged write ($missing missing)" test "$missing" -eq 0

# More writes than a snapshot and its trailing entries: the leader compacts past what the
# killed server has.
for i in $(seq 1 100); do curl -s -X PUT --data b "$(api "$L")/v1/kv/burst/$i" >/dev/null; done
start_server "$OLD" restart
wait_for 30 "the restarted server follows the new leader" "[[ \$(agreed_leader 1 2 3) == $L ]]"
check "it found its data and did not bootstrap again" \
    grep -q '\[INFO\] consul: Raft data found, disabling bootstrap mode' "${LOG[$OLD]}"
check "no second bootstrap" bash -c "! grep -q 'attempting bootstrap' '${LOG[$OLD]}'"
last=$(tail -n 1 "$acked")
wait_for 20 "it caught up (stale read of k$last)" \
    "[[ \$(curl -s '$(api "$OLD")/v1/kv/k$last?raw&stale') == v$last ]]"
check "the leader sent it a snapshot" grep -q '\[INFO\]  raft: sending snapshot up to ' "${LOG[$L]}"
check "it installed the snapshot" grep -q '\[INFO\]  raft: Installed remote snapshot up to ' "${LOG[$OLD]}"

# --- alone: no quorum, no leader --------------------------------------------------------------
A=$L # the one left running
for n in 1 2 3; do [[ $n == "$A" ]] || kill_server "$n"; done
wait_for 30 "alone, s$A refuses default reads" \
    "[[ \$(curl -s '$(api "$A")/v1/kv/greeting') == 'No cluster leader' ]]"
HTTP_PORT=8500
status=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' -X PUT --data x "$(api "$A")/v1/kv/alone")
check "alone, a write is refused with 500 No cluster leader" test \
    "$status $(cat "$E2E_TMP/body")" = "500 No cluster leader"
check "alone, a stale read is still served" test \
    "$(curl -s "$(api "$A")/v1/kv/greeting?raw&stale")" = hello
curl -s -D "$E2E_TMP/h" -o /dev/null "$(api "$A")/v1/kv/greeting?stale"
check "alone, stale reads know of no leader" grep -qi '^X-Consul-Knownleader: false' "$E2E_TMP/h"
check "alone, /v1/status/leader is empty" test "$(curl -s "$(api "$A")/v1/status/leader")" = '""'

for n in 1 2 3; do [[ $n == "$A" ]] || start_server "$n" back; done
wait_for 60 "back together, the three elect a leader" 'agreed_leader 1 2 3 >/dev/null'
check "a write is accepted again" test \
    "$(curl -s -X PUT --data again "$(api "$A")/v1/kv/after")" = true
same() {
    local a b c
    a=$(curl -s "$(api 1)/v1/kv/?recurse&stale" | jq -c 'map([.Key, .Value, .ModifyIndex])')
    b=$(curl -s "$(api 2)/v1/kv/?recurse&stale" | jq -c 'map([.Key, .Value, .ModifyIndex])')
    c=$(curl -s "$(api 3)/v1/kv/?recurse&stale" | jq -c 'map([.Key, .Value, .ModifyIndex])')
    [[ -n "$a" && "$a" != null && "$a" == "$b" && "$b" == "$c" ]] && grep -q '"after"' <<<"$a"
}
wait_for 20 "every server holds the same KV" same

# --- remove-peer, and a removed server that comes back is added again -------------------------
L=$(agreed_leader 1 2 3)
R=$((L % 3 + 1))
kill_server "$R"
# While gossip still has it alive, the leader would add it straight back (as Consul's would).
wait_for 30 "gossip finds s$R failed" \
    "consul members -http-addr ${ADDR[$L]}:8500 | grep -Eq '^s$R .* failed '"
check "autopilot says so with a 429: s$R unhealthy, no failure tolerated" bash -c \
    "test \$(curl -s -o '$health' -w '%{http_code}' $(api "$L")/v1/operator/autopilot/health) = 429 && jq -e '(.Healthy | not) and .FailureTolerance == 0 and any(.Servers[]; .Name == \"s$R\" and (.Healthy | not) and .SerfStatus == \"failed\")' '$health'"
expect_output "consul operator raft remove-peer -http-addr ${ADDR[$L]}:8500 -address ${ADDR[$R]}:8300" \
    "Removed peer with address \"${ADDR[$R]}:8300\""
check "list-peers shows two servers" test \
    "$(consul operator raft list-peers -http-addr "${ADDR[$L]}:8500" | tail -n +2 | wc -l)" -eq 2
expect_error "consul operator raft remove-peer -http-addr ${ADDR[$L]}:8500 -address 10.9.9.9:8300" 1 \
    "Error removing peer: Unexpected response code: 500 (address \"10.9.9.9:8300\" was not found in the Raft configuration)"
expect_error "consul operator raft remove-peer -http-addr ${ADDR[$L]}:8500" 1 \
    "Error removing peer: an address or id is required for the peer to remove"
expect_error "consul operator raft remove-peer -http-addr ${ADDR[$L]}:8500 -id x -address y" 1 \
    "Error removing peer: cannot give both an address and id"
HTTP_PORT=8500
status=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' -X DELETE "$(api "$L")/v1/operator/raft/peer")
check "DELETE /v1/operator/raft/peer without ?id or ?address is a 400" test "$status" = 400
start_server "$R" readded
wait_for 30 "the leader adds it back once it rejoins, as a voter" \
    "[[ \$(consul operator raft list-peers -http-addr ${ADDR[$L]}:8500 | grep -Ec ' true +3$') == 3 ]]"

# --- a leader that leaves gracefully takes itself out first ---------------------------------
L=$(agreed_leader 1 2 3)
rest=$(for n in 1 2 3; do [[ $n == "$L" ]] || echo "$n"; done | paste -sd' ')
run "consul leave -http-addr ${ADDR[$L]}:8500"
check_rc 0
wait_for 30 "the other two go on with a leader of their own" \
    "n=\$(agreed_leader $rest) && [[ \$n != $L ]]"
N=$(agreed_leader $rest)
wait_for 15 "the configuration has the two of them" \
    "[[ \$(consul operator raft list-peers -http-addr ${ADDR[$N]}:8500 | tail -n +2 | wc -l) == 2 ]]"
check "the leaving leader said so" grep -q 'consul: server starting leave' "${LOG[$L]}"
wait_for 15 "its node leaves the catalog" \
    "! curl -s '$(api "$N")/v1/catalog/nodes' | jq -e 'any(.[]; .Node == \"s$L\")'"
