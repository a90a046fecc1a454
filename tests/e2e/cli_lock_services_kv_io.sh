#!/usr/bin/env bash
# The CLI beyond the tutorial: `lock` (child runs holding <prefix>/.lock, contention with
# -timeout, -child-exit-code, cleanup), `services register/deregister`, `kv export/import`.
set -u
source "$(dirname "$0")/lib/dev_agent.sh"
start_dev_agent

check "lock runs the child with CONSUL_LOCK_HELD" 0 $'held=true\n' '' \
    -- "$QONSUL" lock jobs 'echo held=$CONSUL_LOCK_HELD'
check "lock removes its key and session afterwards" 0 $'[]\n' '' \
    -- bash -c "\"$QONSUL\" kv get -keys jobs/; curl -s http://$CONSUL_HTTP_ADDR/v1/session/list | tr -d ' \n'; echo"
check "a failing child is reported, exit 0" 0 '' $'Error running handler: exit status 3\n' \
    -- "$QONSUL" lock jobs 'exit 3'
check "-child-exit-code propagates the failure as 2" 2 '' $'Error running handler: exit status 3\n' \
    -- "$QONSUL" lock -child-exit-code jobs 'exit 3'

"$QONSUL" lock jobs 'sleep 3' &
holder=$!
for _ in $(seq 50); do
    "$QONSUL" kv get jobs/.lock >/dev/null 2>&1 && break
    sleep 0.1
done
check "a held lock times out" 1 '' $'Shutdown triggered or timeout during lock acquisition\n' \
    -- "$QONSUL" lock -timeout=500ms jobs 'echo never'
wait "$holder"
check "semaphores are refused" 1 '' \
    $'Lock setup failed: semaphores (-n greater than 1) are not supported by Qonsul yet\n' \
    -- "$QONSUL" lock -n=2 jobs true

cat >"$WORKDIR/api.json" <<'JSON'
{"services": [{"name": "api", "id": "api-1", "tags": ["v1"], "port": 9000,
  "meta": {"team_name": "x"}, "enable_tag_override": true}]}
JSON
check "services register FILE" 0 $'Registered service: api\n' '' \
    -- "$QONSUL" services register "$WORKDIR/api.json"
check "services register flags" 0 $'Registered service: db\n' '' \
    -- "$QONSUL" services register -name=db -port=5432 -tag=pg
check "registered services in the catalog" 0 $'api         v1\nconsul      \ndb          pg\n' '' \
    -- "$QONSUL" catalog services -tags
check "registration kept snake_case meta keys" 0 $'x true\n' '' \
    -- bash -c "curl -s http://$CONSUL_HTTP_ADDR/v1/agent/service/api-1 | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s[\"Meta\"][\"team_name\"], str(s[\"EnableTagOverride\"]).lower())'"
check "services deregister FILE" 0 $'Deregistered service: api-1\n' '' \
    -- "$QONSUL" services deregister "$WORKDIR/api.json"
check "services deregister -id" 0 $'Deregistered service: db\n' '' \
    -- "$QONSUL" services deregister -id=db

"$QONSUL" kv put app/a 1 >/dev/null
"$QONSUL" kv put -flags=7 app/b 'two words' >/dev/null
export_json=$'[\n\t{\n\t\t"key": "app/a",\n\t\t"flags": 0,\n\t\t"value": "MQ=="\n\t},\n\t{\n\t\t"key": "app/b",\n\t\t"flags": 7,\n\t\t"value": "dHdvIHdvcmRz"\n\t}\n]\n'
check "kv export" 0 "$export_json" '' -- "$QONSUL" kv export app
"$QONSUL" kv export app >"$WORKDIR/app.json"
"$QONSUL" kv delete -recurse app >/dev/null
check "kv import @file" 0 $'Imported: app/a\nImported: app/b\n' '' -- "$QONSUL" kv import "@$WORKDIR/app.json"
check "imported values and flags" 0 $'app/a:1\napp/b:two words\n' '' -- "$QONSUL" kv get -recurse app
check "kv get -keys" 0 $'app/\n' '' -- "$QONSUL" kv get -keys

finish
