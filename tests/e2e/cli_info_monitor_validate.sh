#!/usr/bin/env bash
# `info` (the agent's Stats: Consul's sections and keys, sorted), `monitor` (the agent's log as
# it is written; Ctrl+C ends it with 0, the agent going away with Consul's message and 1) and
# `validate` (config files and dirs as the agent reads them, without starting one).
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

# At INFO, so that the monitor shows what only a monitor at DEBUG asks for.
start_agent -log-level=info

# --- info -----------------------------------------------------------------------------------
run 'consul info'
check_rc 0
# The shape: each section and the names of its keys, as Consul 1.6 prints them for a server.
sed -E 's/ = .*$//' "$E2E_TMP/out" >"$E2E_TMP/info.keys"
check 'info prints the sections and keys of a Consul server, sorted' text_diff "agent:
	check_monitors
	check_ttls
	checks
	services
build:
	prerelease
	revision
	version
consul:
	acl
	bootstrap
	known_datacenters
	leader
	leader_addr
	server
raft:
	applied_index
	commit_index
	fsm_pending
	last_contact
	last_log_index
	last_log_term
	last_snapshot_index
	last_snapshot_term
	latest_configuration
	latest_configuration_index
	num_peers
	protocol_version
	protocol_version_max
	protocol_version_min
	snapshot_version_max
	snapshot_version_min
	state
	term
runtime:
	arch
	cpu_count
	goroutines
	max_procs
	os
	version
serf_lan:
	coordinate_resets
	encrypted
	event_queue
	event_time
	failed
	health_score
	intent_queue
	left
	member_time
	members
	query_queue
	query_time" "$E2E_TMP/info.keys"
# The values say what this agent is.
for line in $'\tleader = true' $'\tserver = true' $'\tstate = Leader' $'\tnum_peers = 0' \
    $'\tmembers = 1' $'\tversion = 1.6.1' $'\tencrypted = false' \
    $'\tleader_addr = 127.0.0.1:'"$SERVER_PORT"; do
    check_stream_contains out "$line"
done
configuration=$'^\tlatest_configuration = \\[\\{Suffrage:Voter ID:[0-9a-f-]{36} Address:127\\.0\\.0\\.1:'"$SERVER_PORT"$'\\}\\]$'
check 'raft names this server in its configuration' grep -qE "$configuration" "$E2E_TMP/out"
# Registering a service shows in the agent section, and commits move the raft indexes.
applied_before=$(sed -n 's/^\tapplied_index = //p' "$E2E_TMP/out")
consul services register -name=db -port=5432 >/dev/null
run 'consul info'
check_stream_contains out $'\tservices = 1'
applied_after=$(sed -n 's/^\tapplied_index = //p' "$E2E_TMP/out")
check "a write moves applied_index ($applied_before -> $applied_after)" less_than "$applied_before" "$applied_after"
expect_error 'consul info -http-addr=127.0.0.1:1' 1 \
    'Error querying agent: Get "http://127.0.0.1:1/v1/agent/self": dial tcp 127.0.0.1:1: connect: connection refused'

# --- monitor --------------------------------------------------------------------------------
# Follows the log: a line the agent writes after the monitor started shows; Ctrl+C ends it.
setsid "$QONSUL" monitor -log-level=debug </dev/null >"$E2E_TMP/monitor.out" 2>&1 &
monitor=$!
E2E_PIDS+=("$monitor")
wait_for 10 'monitor prints the agent recent lines' "grep -q 'agent: Synced node info' '$E2E_TMP/monitor.out'"
# A TTL check's status change is logged at DEBUG: the agent's own log (INFO) leaves it out.
curl -sf -X PUT "http://127.0.0.1:$HTTP_PORT/v1/agent/check/register" \
    -d '{"Name": "monitored", "TTL": "60s"}' >/dev/null
curl -sf -X PUT "http://127.0.0.1:$HTTP_PORT/v1/agent/check/pass/monitored" >/dev/null
wait_for 10 'monitor -log-level=debug shows a DEBUG line logged after it started' \
    "grep -q '\\[DEBUG\\] agent: Check \"monitored\" status is now passing' '$E2E_TMP/monitor.out'"
check 'which the agent itself, at INFO, does not log' bash -c "! grep -q 'DEBUG' '$AGENT_LOG'"
kill -INT "$monitor"
wait "$monitor"
check 'monitor ends with 0 on Ctrl+C (SIGINT)' test "$?" -eq 0
expect_error 'consul monitor -log-level=loud' 1 \
    'Error starting monitor: Unexpected response code: 400 (Unknown log level: LOUD)'
expect_error 'consul monitor extra' 1 'Too many arguments (expected 0, got 1)'
# The agent going away ends the monitor with Consul's words and 1.
setsid "$QONSUL" monitor </dev/null >"$E2E_TMP/monitor2.out" 2>&1 &
monitor=$!
E2E_PIDS+=("$monitor")
wait_for 10 'a second monitor is attached' "test -s '$E2E_TMP/monitor2.out'"
stop_agent
wait "$monitor"
check 'monitor exits 1 when the agent goes away' test "$?" -eq 1
check 'and says the remote side ended it' text_diff 'Remote side ended the monitor! This usually means that the
remote side has exited or crashed.' <(tail -n 2 "$E2E_TMP/monitor2.out")

# --- validate -------------------------------------------------------------------------------
dir="$E2E_TMP/consul.d"
mkdir -p "$dir"
echo '{"service": {"name": "web", "tags": ["rails"], "port": 80}}' >"$dir/web.json"
echo "{\"data_dir\": \"$E2E_TMP/data\"}" >"$E2E_TMP/base.json"
expect_output "consul validate '$E2E_TMP/base.json' '$dir'" 'Configuration is valid!'
expect_output "consul validate -quiet '$E2E_TMP/base.json' '$dir'" ''
# Not in dev mode: as Consul, a config without data_dir is not one an agent can start with.
expect_error "consul validate '$dir'" 1 'Config validation failed: data_dir cannot be empty'
printf '{"data_dir": "%s",\n "ports": {"http": "x"}}\n' "$E2E_TMP/data" >"$dir/ports.json"
expect_error "cd '$E2E_TMP' && consul validate base.json consul.d" 1 \
    'Config validation failed: consul.d/ports.json:2:20: expected an integer, got string "x" (field "ports.http")'
# The same error as the agent gives for the same files.
run "cd '$E2E_TMP' && consul agent -config-file=base.json -config-dir=consul.d"
check 'the agent refuses the same files with the same words' \
    grep -qF 'consul.d/ports.json:2:20: expected an integer, got string "x" (field "ports.http")' "$E2E_TMP/err" "$E2E_TMP/out"
rm "$dir/ports.json"
expect_error 'consul validate' 1 'Must specify at least one config file or directory'
expect_error "consul validate '$E2E_TMP/missing'" 1 \
    "Config validation failed: Error reading \"$E2E_TMP/missing\": no such file or directory"
