#!/usr/bin/env bash
# `watch`: without a handler it prints the current value and exits; with one, the handler runs
# for the current value and once per change, with the value's JSON on stdin and CONSUL_INDEX,
# not when a blocking query ends without a change, and a failing handler does not end it.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

start_agent

consul kv put web/config '{"port": 80}' >/dev/null
expect_output 'consul watch -type=key -key=web/config | jq -r .Value | base64 -d; echo' '{"port": 80}'
run 'consul watch -type=key -key=web/config'
check_rc 0
check 'the value is printed indented by four spaces, one field a line' \
    grep -qx '    "Key": "web/config",' "$E2E_TMP/out"
expect_output 'consul watch -type=key -key=nothing/here' 'null'
expect_output 'consul watch -type=services' '{
    "consul": []
}'
expect_output 'consul watch -type=service -service=consul -passingonly=true | jq -r ".[0].Service.Service"' 'consul'
expect_output 'consul watch -type=checks -state=passing | jq -r ".[0].CheckID"' 'serfHealth'
expect_output 'consul watch -type=nodes | jq -r ".[0].Node"' 'machine'

# Bad input: Consul's words, exit 1, nothing asked of the agent.
expect_error 'consul watch -type=key' 1 'Must specify a single key to watch'
expect_error 'consul watch -type=keyprefix' 1 'Must specify a single prefix to watch'
expect_error 'consul watch -type=service' 1 'Must specify a single service to watch'
expect_error 'consul watch -type=key -key=a -prefix=b -tag=c' 1 'Invalid parameters: [prefix tag]'
expect_error 'consul watch -type=checks -service=a -state=passing' 1 'Cannot specify service and state'
expect_error 'consul watch -type=bogus' 1 'Unsupported watch type: bogus'
expect_error 'consul watch -type=service -service=web -passingonly=maybe' 1 \
    'Failed to parse passingonly flag: strconv.ParseBool: parsing "maybe": invalid syntax'
expect_error 'consul watch -type=service -service=web -passingonly=tRuE' 1 \
    'Failed to parse passingonly flag: strconv.ParseBool: parsing "tRuE": invalid syntax'
run 'consul watch'
check_rc 1
check_stream_prefix err $'Watch type must be specified\n\nUsage: qonsul watch [options] [child...]'
expect_error 'consul watch -type=services -http-addr=127.0.0.1:1' 1 \
    'Error querying Consul agent: Get "http://127.0.0.1:1/v1/agent/self": dial tcp 127.0.0.1:1: connect: connection refused'

# A handler: one line in runs.log per run, with its CONSUL_INDEX and the value it was given.
cat >"$E2E_TMP/handler.sh" <<'SH'
#!/usr/bin/env bash
value=$(jq -r 'if . == null then "none" else (map(.Key + "=" + (.Value | @base64d)) | join(",")) end')
echo "index=$CONSUL_INDEX $value" >>"$RUNS"
[[ "$value" != *fail* ]] || exit 3
SH
chmod +x "$E2E_TMP/handler.sh"
export RUNS="$E2E_TMP/runs.log"
setsid "$QONSUL" watch -type=keyprefix -prefix=app/ "$E2E_TMP/handler.sh" \
    </dev/null >"$E2E_TMP/watch.out" 2>"$E2E_TMP/watch.err" &
watcher=$!
E2E_PIDS+=("$watcher")
runs() { if [[ -f "$RUNS" ]]; then wc -l <"$RUNS"; else echo 0; fi; }
wait_for 10 'the handler runs once for the current value' '[[ $(runs) == 1 ]]'
check 'it was given null: nothing under app/ yet' grep -qx 'index=[0-9]* none' "$RUNS"
consul kv put app/a 1 >/dev/null
wait_for 10 'a change runs the handler again' '[[ $(runs) == 2 ]]'
check 'with the new value on its stdin' bash -c "sed -n 2p '$RUNS' | grep -qx 'index=[0-9]* app/a=1'"
# Writes outside the prefix move the KV index: the blocking query ends, the value is the same.
consul kv put other/x 1 >/dev/null
consul kv put other/y 2 >/dev/null
consul kv put app/b fail >/dev/null
wait_for 10 'the next change runs it once more' '[[ $(runs) == 3 ]]'
check 'and not for the queries that ended without a change of app/' \
    bash -c "sed -n 3p '$RUNS' | grep -qx 'index=[0-9]* app/a=1,app/b=fail'"
wait_for 10 'the failing handler is reported' "grep -qx 'Error executing handler: exit status 3' '$E2E_TMP/watch.err'"
consul kv put app/b 2 >/dev/null
wait_for 10 'and the watch goes on after it' '[[ $(runs) == 4 ]]'
check 'the indexes grow' bash -c "cut -d' ' -f1 '$RUNS' | cut -d= -f2 | sort -nc"
check 'the watch is still running' kill -0 "$watcher"
kill -INT "$watcher"
wait "$watcher"
check 'Ctrl+C ends it with 0' test "$?" -eq 0

# --- user events ------------------------------------------------------------------------------
expect_output 'consul watch -type=event -name=deploy' '[]'
expect_error 'consul watch -type=event -key=x' 1 'Invalid parameters: [key]'
consul event -name=deploy v1 >/dev/null
run 'consul watch -type=event'
check_rc 0
check 'without a handler, every event the agent kept' test     "$(jq -c 'map([.Name, (.Payload | @base64d), .Version])' "$E2E_TMP/out")" = '[["deploy","v1",1]]'
check 'in the fields of Consul'"'"'s event' test "$(jq -c '.[0] | keys_unsorted' "$E2E_TMP/out")" =     '["ID","Name","Payload","NodeFilter","ServiceFilter","TagFilter","Version","LTime"]'
# With a handler: the events so far, then each new one of its name once.
cat >"$E2E_TMP/event-handler.sh" <<'SH'
#!/usr/bin/env bash
echo "$(jq -c 'map(.Payload | @base64d)')" >>"$EVENT_RUNS"
SH
chmod +x "$E2E_TMP/event-handler.sh"
export EVENT_RUNS="$E2E_TMP/event-runs.log"
setsid "$QONSUL" watch -type=event -name=deploy "$E2E_TMP/event-handler.sh" \
    </dev/null >"$E2E_TMP/event-watch.out" 2>"$E2E_TMP/event-watch.err" &
E2E_PIDS+=("$!")
event_runs() { if [[ -f "$EVENT_RUNS" ]]; then wc -l <"$EVENT_RUNS"; else echo 0; fi; }
wait_for 10 'the event handler runs for the events so far' '[[ $(event_runs) == 1 ]]'
consul event -name=deploy v2 >/dev/null
wait_for 10 'and for a new event' '[[ $(event_runs) == 2 ]]'
consul event -name=other x >/dev/null
consul event -name=deploy v3 >/dev/null
wait_for 10 'and for the next of its name' '[[ $(event_runs) == 3 ]]'
check 'each run had only the events new to it' test "$(paste -sd' ' "$EVENT_RUNS")" = \
    '["v1"] ["v2"] ["v3"]'

# --- watches in the agent's config -----------------------------------------------------------
stop_agent
config="$E2E_TMP/consul.d"
mkdir -p "$config"
export AGENT_RUNS="$E2E_TMP/agent-runs.log"
cat >"$E2E_TMP/agent-handler.sh" <<'SH'
#!/usr/bin/env bash
echo "index=$CONSUL_INDEX $(jq -c 'if . == null then "none" else (.Value | @base64d) end')" >>"$AGENT_RUNS"
echo "handled $CONSUL_INDEX"
exit 2
SH
chmod +x "$E2E_TMP/agent-handler.sh"
cat >"$config/watch.json" <<JSON
{"watches": [{"type": "key", "key": "deploy/version", "args": ["$E2E_TMP/agent-handler.sh"]}]}
JSON
echo "{\"data_dir\": \"$E2E_TMP/data\"}" >"$E2E_TMP/data.json"
expect_output "consul validate '$config' '$E2E_TMP/data.json'" 'Configuration is valid!'
start_agent -config-dir="$config"
agent_runs() { if [[ -f "$AGENT_RUNS" ]]; then wc -l <"$AGENT_RUNS"; else echo 0; fi; }
wait_for 10 "the agent runs its config's watch for the current value" '[[ $(agent_runs) == 1 ]]'
consul kv put deploy/version 2 >/dev/null
wait_for 10 'and again when the key changes' '[[ $(agent_runs) == 2 ]]'
check 'the handler got the new value' bash -c "sed -n 2p '$AGENT_RUNS' | grep -qx 'index=[0-9]* \"2\"'"
wait_for 10 "the agent logs the handler's failure" \
    "grep -q '\\[ERR\\] agent: Failed to run watch handler .\\[$E2E_TMP/agent-handler.sh\\].: exit status 2' '$AGENT_LOG'"
check 'and its output' grep -q "\[DEBUG\] agent: watch handler '\[$E2E_TMP/agent-handler.sh\]' output: handled" "$AGENT_LOG"
consul kv put deploy/version 3 >/dev/null
wait_for 10 'a failed handler does not stop the watch' '[[ $(agent_runs) == 3 ]]'
# A reload with the watch gone stops it.
rm "$config/watch.json"
consul reload >/dev/null
sleep 1
consul kv put deploy/version 4 >/dev/null
sleep 2
check 'after a reload without it, the watch no longer runs' test "$(agent_runs)" -eq 3

# A bad watch is named with its file, line and field, by validate and by the agent alike.
printf '{"data_dir": "%s",\n "watches": [{"type": "key", "args": ["true"]}]}\n' "$E2E_TMP/data" >"$E2E_TMP/bad-watch.json"
expect_error "cd '$E2E_TMP' && consul validate bad-watch.json" 1 \
    'Config validation failed: bad-watch.json:2:14: Must specify a single key to watch (field "watches[0]")'
