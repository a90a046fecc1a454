#!/usr/bin/env bash
# Gossip between real agents: `join`, `members` (plain, -detailed, -status), a
# member killed with -9 turning failed, `force-leave`, a graceful `leave`, a join
# that finds nobody, and -encrypt refusing a member without the key (with the
# reason in the log). Every agent is a dev agent on its own free ports.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

KEY=$(consul keygen)

start_agent -node n1
H1=$HTTP_PORT S1=$SERF_LAN_PORT LOG1=$AGENT_LOG
start_agent -node n2
H2=$HTTP_PORT S2=$SERF_LAN_PORT P2=$AGENT_PID
export CONSUL_HTTP_ADDR="127.0.0.1:$H1"

# status_of NODE [HTTP-PORT]: NODE's status as n1 (or the given agent) lists it.
status_of() {
    consul members -http-addr "127.0.0.1:${2:-$H1}" | awk -v n="$1" '$1 == n { print $3 }'
}

expect_output "consul join -http-addr 127.0.0.1:$H2 127.0.0.1:$S1" \
    'Successfully joined cluster by contacting 1 nodes.'
wait_for 5 "n1 sees n2 alive" '[[ $(status_of n2) == alive ]]'

table=$(printf '%s\n' 'Node|Address|Status|Type|Build|Protocol|DC|Segment' \
    "n1|127.0.0.1:$S1|alive|server|1.6.1|2|dc1|<all>" \
    "n2|127.0.0.1:$S2|alive|server|1.6.1|2|dc1|<all>" | columnize)
expect_output 'consul members' "$table"
expect_output "consul members -http-addr 127.0.0.1:$H2" "$table"

run 'consul members -detailed'
check_rc 0
check_stream_contains out "n2    127.0.0.1:$S2  alive   acls=0,build=1.6.1:qonsul-"
check_stream_contains out ",dc=dc1,id="
check_stream_contains out ",role=consul,segment=<all>,vsn=2,vsn_max=3,vsn_min=2"
expect_result 'consul members -status=failed' 2 '' ''

# --- joins that fail ---------------------------------------------------------------------
read -r closed <<<"$(free_ports 1)"
expect_error "consul join 127.0.0.1:$closed" 1 "Error joining address '127.0.0.1:$closed': Unexpected response code: 500 (1 error occurred:
	* Failed to join 127.0.0.1:$closed: dial tcp 127.0.0.1:$closed: connect: connection refused

)
Failed to join any nodes."
run 'consul join'
check_rc 1
check_stream_prefix err 'At least one address to join must be specified.'
expect_output "consul join 127.0.0.1:$S2 127.0.0.1:$S1" \
    'Successfully joined cluster by contacting 2 nodes.'

# --- a member with a key meets one without ------------------------------------------------
start_agent -node n3 -encrypt "$KEY"
H3=$HTTP_PORT
export CONSUL_HTTP_ADDR="127.0.0.1:$H1"
expect_error "consul join -http-addr 127.0.0.1:$H3 127.0.0.1:$S1" 1 "Error joining address '127.0.0.1:$S1': Unexpected response code: 500 (1 error occurred:
	* Failed to join 127.0.0.1:$S1: EOF

)
Failed to join any nodes."
check "n1's log says why it refused n3" \
    grep -q '\[ERR\] memberlist: failed to receive: Remote state is encrypted and encryption is not configured' "$LOG1"
check "n3 is not a member of n1's pool" test -z "$(status_of n3)"

# --- kill -9, then force-leave ------------------------------------------------------------
kill -KILL "$P2"
wait_for 10 "n1 sees the killed n2 as failed" '[[ $(status_of n2) == failed ]]'
check "n1 logged n2's failure" grep -q "\[INFO\] serf: EventMemberFailed: n2 127.0.0.1" "$LOG1"
expect_output 'consul force-leave n2' ''
run "consul members | grep '^n2 '"
check_stream_contains out "n2    127.0.0.1:$S2  left"
run 'consul force-leave'
check_rc 1
check_stream_prefix err 'A single node name must be specified to force leave.'

# --- a graceful leave ------------------------------------------------------------------------
start_agent -node n4
H4=$HTTP_PORT P4=$AGENT_PID
export CONSUL_HTTP_ADDR="127.0.0.1:$H1"
expect_output "consul join -http-addr 127.0.0.1:$H4 127.0.0.1:$S1" \
    'Successfully joined cluster by contacting 1 nodes.'
wait_for 5 "n1 sees n4 alive" '[[ $(status_of n4) == alive ]]'
expect_output "consul leave -http-addr 127.0.0.1:$H4" 'Graceful leave complete'
wait_for 5 "n1 sees n4 left" '[[ $(status_of n4) == left ]]'
wait_for 10 "n4 exited after leaving" "! kill -0 $P4"
check "n1 logged n4's leave" grep -q "\[INFO\] serf: EventMemberLeave: n4 127.0.0.1" "$LOG1"
