#!/usr/bin/env bash
# The CLI beyond the tutorial: `lock` (child runs holding <prefix>/.lock, contention with
# -timeout, -child-exit-code, cleanup), `services register/deregister`, `kv export/import`.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

start_agent

# --- lock -----------------------------------------------------------------------------------
# shellcheck disable=SC2016 # $CONSUL_LOCK_HELD is for the child's shell
expect_output 'consul lock jobs '\''echo held=$CONSUL_LOCK_HELD'\''' 'held=true'
# The lock leaves neither its key nor its session behind.
expect_output 'consul kv get -keys jobs/' ''
http GET /v1/session/list
expect_json '.' '[]'
# A failing child is reported, but lock exits 0 unless -child-exit-code asks for 2.
expect_error 'consul lock jobs "exit 3"' 0 'Error running handler: exit status 3'
expect_error 'consul lock -child-exit-code jobs "exit 3"' 2 'Error running handler: exit status 3'

# In a session of its own, like the agent, so that stop_all can stop it and its child. Its
# child holds the lock until this test lets it go (no race with a fixed sleep).
setsid "$QONSUL" lock jobs "while [ ! -e '$E2E_TMP/release' ]; do sleep 0.05; done" \
    </dev/null >"$E2E_TMP/holder.out" 2>&1 &
holder=$!
E2E_PIDS+=("$holder")
wait_for 5 'a second lock holds jobs/.lock' 'consul kv get jobs/.lock'
expect_error 'consul lock -timeout=500ms jobs "echo never"' 1 \
    'Shutdown triggered or timeout during lock acquisition'
touch "$E2E_TMP/release"
wait "$holder"
check 'the holder ran its child and exited 0' test "$?" -eq 0
expect_error 'consul lock -n=2 jobs true' 1 \
    'Lock setup failed: semaphores (-n greater than 1) are not supported by Qonsul yet'

# --- services register / deregister ---------------------------------------------------------
cat >"$E2E_TMP/api.json" <<'JSON'
{"services": [{"name": "api", "id": "api-1", "tags": ["v1"], "port": 9000,
  "meta": {"team_name": "x"}, "enable_tag_override": true}]}
JSON
expect_output "consul services register '$E2E_TMP/api.json'" 'Registered service: api'
expect_output 'consul services register -name=db -port=5432 -tag=pg' 'Registered service: db'
expect_output 'consul catalog services -tags' $'api         v1\nconsul      \ndb          pg'
# The file's snake_case meta key stays as written; enable_tag_override arrives as a boolean.
http GET /v1/agent/service/api-1
expect_json '{team_name: .Meta.team_name, EnableTagOverride}' '{"team_name": "x", "EnableTagOverride": true}'
expect_output "consul services deregister '$E2E_TMP/api.json'" 'Deregistered service: api-1'
expect_output 'consul services deregister -id=db' 'Deregistered service: db'

# --- kv export / import ---------------------------------------------------------------------
expect_output 'consul kv put app/a 1' 'Success! Data written to: app/a'
expect_output 'consul kv put -flags=7 app/b "two words"' 'Success! Data written to: app/b'
expect_output 'consul kv export app' $'[\n\t{\n\t\t"key": "app/a",\n\t\t"flags": 0,\n\t\t"value": "MQ=="\n\t},\n\t{\n\t\t"key": "app/b",\n\t\t"flags": 7,\n\t\t"value": "dHdvIHdvcmRz"\n\t}\n]'
cp "$E2E_TMP/out" "$E2E_TMP/app.json"
expect_output 'consul kv delete -recurse app' 'Success! Deleted keys with prefix: app'
expect_output "consul kv import '@$E2E_TMP/app.json'" $'Imported: app/a\nImported: app/b'
expect_output 'consul kv get -recurse app' $'app/a:1\napp/b:two words'
expect_output 'consul kv get -keys' 'app/'
