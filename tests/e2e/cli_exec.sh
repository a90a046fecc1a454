#!/usr/bin/env bash
# `exec`: agents ignore the job unless their config sets "disable_remote_exec": false (and the
# command says so when no node took it); an enabled server and an enabled client (which reads
# the job from a server over RPC) each run the command and their output, exit codes and
# Consul's summary come back; -shell=false, a script on stdin, -verbose with heartbeats,
# output past one 4 KiB chunk, node and service filters, cleanup of the job's keys, and bad
# input in Consul's words.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

# --- disabled, as by default -------------------------------------------------------------
start_agent -node ex1
run 'consul exec uptime'
check_rc 0
check_stream_equals out '0 / 0 node(s) completed / acknowledged'
check_stream_contains err 'No node took the job: agents ignore exec jobs unless their configuration sets "disable_remote_exec": false (true by default).'
wait_for 5 'the agent logs that it ignored the job' \
    "grep -Eq '\\[INFO\\] agent: ignoring remote exec event \\([0-9a-f-]{36}\\), disabled.' '$AGENT_LOG'"
http GET '/v1/agent/self'
expect_json '.DebugConfig.DisableRemoteExec' 'true'
stop_agent

# --- enabled on a server and a client ----------------------------------------------------
echo '{"disable_remote_exec": false}' >"$E2E_TMP/exec.json"
start_agent -node ex1 -config-file "$E2E_TMP/exec.json"
read -r CH CD CS <<<"$(free_ports 3)"
mkdir -p "$E2E_TMP/ex2" "$E2E_TMP/ex2.d"
echo '{"service": {"name": "web", "tags": ["v1"], "port": 80}}' >"$E2E_TMP/ex2.d/web.json"
setsid "$QONSUL" agent -node ex2 -bind 127.0.0.1 -data-dir "$E2E_TMP/ex2" -http-port "$CH" \
    -dns-port "$CD" -serf-lan-port "$CS" -config-file "$E2E_TMP/exec.json" \
    -config-dir "$E2E_TMP/ex2.d" -join "127.0.0.1:$SERF_LAN_PORT" \
    </dev/null >"$E2E_TMP/ex2.log" 2>&1 &
E2E_PIDS+=("$!")
wait_for 20 'the client joins' "[[ \$(consul members | grep -c ' alive ') == 2 ]]"
wait_for 20 'the client has synced its service' "consul catalog services | grep -qx web"

run "consul exec 'printf \"hello\\nworld\\n\"; exit 3'"
check_rc 2
check 'both nodes ran it' test "$(grep -c 'finished with exit code 3' "$E2E_TMP/out")" -eq 2
for n in ex1 ex2; do
    check "$n's output, a line each, as Consul prints it" \
        bash -c "grep -A2 -x '    $n: hello' '$E2E_TMP/out' | tr '\\n' '|' | grep -q '^    $n: hello|    $n: world|    $n:|'"
    check "$n's exit code" grep -qx "==> $n: finished with exit code 3" "$E2E_TMP/out"
done
check 'the summary last' test "$(tail -n 1 "$E2E_TMP/out")" = '2 / 2 node(s) completed / acknowledged'

run 'consul exec -node=ex2 -shell=false echo a "b  c"'
check_rc 0
check_stream_equals out $'    ex2: a b  c\n    ex2:\n==> ex2: finished with exit code 0\n1 / 1 node(s) completed / acknowledged'
run "printf '#!/bin/sh\\necho from-script\\n' | consul exec -node=ex1 -"
check_rc 0
check_stream_equals out $'    ex1: from-script\n    ex1:\n==> ex1: finished with exit code 0\n1 / 1 node(s) completed / acknowledged'
run "consul exec -service=web -tag='^v1\$' 'echo tagged'"
check_rc 0
check 'only the node with the tagged service ran it' test \
    "$(grep -c 'tagged' "$E2E_TMP/out") $(tail -n 1 "$E2E_TMP/out")" = '1 1 / 1 node(s) completed / acknowledged'
check 'and it is ex2' grep -qx '    ex2: tagged' "$E2E_TMP/out"
run "consul exec -node=nothing uptime"
check_rc 0
check_stream_equals out '0 / 0 node(s) completed / acknowledged'

# Verbose, and a command that outlasts -wait: heartbeats keep the command waiting for it.
run "consul exec -verbose -node=ex1 -wait=1s 'sleep 2.5; echo done'"
check_rc 0
check 'the session, the spec, the event' bash -c "head -n 3 '$E2E_TMP/out' | tr '\\n' '|' | grep -Eq '^Created remote execution session: [0-9a-f-]{36}\\|Uploaded remote execution spec\\|Fired remote execution event: [0-9a-f-]{36}\\|'"
check 'the ack' grep -qx '==> ex1: acknowledged' "$E2E_TMP/out"
check 'heartbeats while it runs' grep -qx '==> ex1: heartbeat received' "$E2E_TMP/out"
check 'its output after them' grep -qx '    ex1: done' "$E2E_TMP/out"
check 'how long it took' grep -Eqx 'Completed in [0-9]+\.[0-9]{2} seconds' "$E2E_TMP/out"

# More than one 4 KiB chunk: every byte comes back, 4096 to a chunk.
run "consul exec -node=ex1 'head -c 10000 /dev/zero | tr \"\\\\0\" x'"
check_rc 0
check 'three chunks, 4096 + 4096 + 1808 bytes' test \
    "$(grep -o '^    ex1: x*$' "$E2E_TMP/out" | awk '{ print length($2) }' | paste -sd,)" = '4096,4096,1808'

http GET '/v1/kv/_rexec?recurse'
expect_status 404
check 'exec jobs are not user events in the list' test "$(curl -s "http://127.0.0.1:$HTTP_PORT/v1/event/list" | jq length)" -eq 0
check 'the agent logged the job it ran' grep -q "\[INFO\] agent: remote exec 'sleep 2.5; echo done'" "$AGENT_LOG"

# Bad input.
run 'consul exec'
check_rc 1
check_stream_prefix err $'Must specify a command to execute\n\nUsage: qonsul exec [options] [-|command...]'
expect_error 'consul exec -shell=false -' 1 'Cannot configure -shell=false when reading from stdin'
expect_error 'consul exec -tag=v1 uptime' 1 'Cannot provide tag filter without service filter.'
run "consul exec -service='[' uptime"
check_rc 1
check_stream_prefix err 'Failed to compile service filter regexp: error parsing regexp: '
expect_error 'consul exec -http-addr=127.0.0.1:1 uptime' 1 \
    'Error querying Consul agent: Get "http://127.0.0.1:1/v1/agent/self": dial tcp 127.0.0.1:1: connect: connection refused'
e2e_finish
