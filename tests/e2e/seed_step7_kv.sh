#!/usr/bin/env bash
# Seed tutorial, step 7 ("KV Data"): the whole `consul kv` transcript, with
# exact stdout, stderr and exit status for every command, including the
# Check-And-Set story. Indexes differ from run to run, so the expected
# `-detailed` output is built from the indexes the HTTP API reports.
# Then what the tutorial does not show but users reach for next: -keys and
# -separator, -base64, values from @file and stdin, export/import round trips,
# locks with sessions, and the CLI's own argument errors.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

start_agent

# kv_field KEY FIELD: a field of KEY's KVPair as the HTTP API gives it.
kv_field() {
    curl -s "http://127.0.0.1:$HTTP_PORT/v1/kv/$1" | jq -r ".[0].$2"
}

# detailed KEY: what `consul kv get -detailed KEY` prints for KEY as stored
# now: labels padded to 17 columns (longest label + 6), value as text.
detailed() {
    local pair
    pair=$(curl -s "http://127.0.0.1:$HTTP_PORT/v1/kv/$1")
    jq -r '.[0] | [["CreateIndex", .CreateIndex], ["Flags", .Flags], ["Key", .Key],
                   ["LockIndex", .LockIndex], ["ModifyIndex", .ModifyIndex],
                   ["Session", (.Session // "-")], ["Value", (.Value // "" | @base64d)]][]
                 | "\(.[0])\(" " * (17 - (.[0] | length)))\(.[1])"' <<<"$pair"
}

# --- the tutorial, in order -------------------------------------------------------------
expect_error 'consul kv get redis/config/minconns' 1 'Error! No key exists at: redis/config/minconns'
expect_output 'consul kv put redis/config/minconns 1' 'Success! Data written to: redis/config/minconns'
expect_output 'consul kv put redis/config/maxconns 25' 'Success! Data written to: redis/config/maxconns'
expect_output 'consul kv put -flags=42 redis/config/users/admin abcd1234' \
    'Success! Data written to: redis/config/users/admin'
expect_output 'consul kv get redis/config/minconns' '1'

CREATE=$(kv_field redis/config/minconns CreateIndex)
MODIFY=$(kv_field redis/config/minconns ModifyIndex)
check "minconns has integer indexes (CreateIndex $CREATE, ModifyIndex $MODIFY)" \
    bash -c '[[ $1 =~ ^[1-9][0-9]*$ && $2 == "$1" ]]' _ "$CREATE" "$MODIFY"
expect_output 'consul kv get -detailed redis/config/minconns' "CreateIndex      $CREATE
Flags            0
Key              redis/config/minconns
LockIndex        0
ModifyIndex      $MODIFY
Session          -
Value            1"
expect_output 'consul kv get -detailed redis/config/users/admin' "$(detailed redis/config/users/admin)"
check 'admin was stored with flags 42' test "$(kv_field redis/config/users/admin Flags)" = 42

expect_output 'consul kv get -recurse redis/config' 'redis/config/maxconns:25
redis/config/minconns:1
redis/config/users/admin:abcd1234'

# --- more ways to read the same keys -----------------------------------------------------
expect_output 'consul kv get -recurse -detailed redis/config' "$(detailed redis/config/maxconns)

$(detailed redis/config/minconns)

$(detailed redis/config/users/admin)"
expect_output 'consul kv get /redis/config/maxconns' '25'
expect_output 'consul kv get -keys redis/config/' 'redis/config/maxconns
redis/config/minconns
redis/config/users/'
expect_output 'consul kv get -keys redis/' 'redis/config/'
expect_output 'consul kv get -keys -separator= redis/' 'redis/config/maxconns
redis/config/minconns
redis/config/users/admin'
expect_output 'consul kv get -keys' 'redis/'
expect_output 'consul kv get -base64 redis/config/minconns' 'MQ=='
expect_output 'consul kv get -recurse -base64 redis/config' 'redis/config/maxconns:MjU=
redis/config/minconns:MQ==
redis/config/users/admin:YWJjZDEyMzQ='

# --- the tutorial's deletes ------------------------------------------------------------------
expect_output 'consul kv delete redis/config/minconns' 'Success! Deleted key: redis/config/minconns'
expect_error 'consul kv get redis/config/minconns' 1 'Error! No key exists at: redis/config/minconns'
expect_output 'consul kv delete -recurse redis' 'Success! Deleted keys with prefix: redis'
expect_result 'consul kv get -recurse redis' 0 '' ''
expect_error 'consul kv get redis/config/maxconns' 1 'Error! No key exists at: redis/config/maxconns'

# --- the tutorial's Check-And-Set story ------------------------------------------------------
expect_output 'consul kv put foo bar' 'Success! Data written to: foo'
expect_output 'consul kv get foo' 'bar'
expect_output 'consul kv put foo zip' 'Success! Data written to: foo'
expect_output 'consul kv get foo' 'zip'

FOO_CREATE=$(kv_field foo CreateIndex)
FOO_MODIFY=$(kv_field foo ModifyIndex)
check "the second put moved ModifyIndex past CreateIndex ($FOO_CREATE < $FOO_MODIFY)" \
    less_than "$FOO_CREATE" "$FOO_MODIFY"
expect_output 'consul kv get -detailed foo' "CreateIndex      $FOO_CREATE
Flags            0
Key              foo
LockIndex        0
ModifyIndex      $FOO_MODIFY
Session          -
Value            zip"

WRONG=123 # the tutorial's wrong index, unless it happens to be the right one
[[ "$WRONG" != "$FOO_MODIFY" ]] || WRONG=124
expect_error "consul kv put -cas -modify-index=$WRONG foo bar" 1 'Error! Did not write to foo: CAS failed'
expect_output 'consul kv get foo' 'zip'
expect_output "consul kv put -cas -modify-index=$FOO_MODIFY foo bar" 'Success! Data written to: foo'
expect_error "consul kv put -cas -modify-index=$FOO_MODIFY foo bar" 1 'Error! Did not write to foo: CAS failed'

FOO_MODIFY2=$(kv_field foo ModifyIndex)
check "the CAS write moved ModifyIndex on ($FOO_MODIFY < $FOO_MODIFY2)" less_than "$FOO_MODIFY" "$FOO_MODIFY2"
expect_output 'consul kv get -detailed foo' "CreateIndex      $FOO_CREATE
Flags            0
Key              foo
LockIndex        0
ModifyIndex      $FOO_MODIFY2
Session          -
Value            bar"

# CAS delete, the same way round.
expect_error "consul kv delete -cas -modify-index=$FOO_MODIFY foo" 1 'Error! Did not delete key foo: CAS failed'
expect_output 'consul kv get foo' 'bar'
expect_output "consul kv delete -cas -modify-index=$FOO_MODIFY2 foo" 'Success! Deleted key: foo'
expect_error 'consul kv get foo' 1 'Error! No key exists at: foo'
expect_error 'consul kv get /foo' 1 'Error! No key exists at: foo'
expect_error 'consul kv get a b' 1 'Too many arguments (expected 1, got 2)'
expect_error 'consul kv delete a b' 1 'Too many arguments (expected 1, got 2)'
expect_error 'consul kv export a b' 1 'Too many arguments (expected 1, got 2)'
expect_error 'consul catalog nodes extra' 1 'Too many arguments (expected 0, got 1)'
expect_output 'consul kv delete foo' 'Success! Deleted key: foo'

# --- where a value comes from: argument, -base64, @file, stdin, nothing ----------------------
expect_output 'consul kv put -base64 input/b64 aGVsbG8gd29ybGQ=' 'Success! Data written to: input/b64'
expect_output 'consul kv get input/b64' 'hello world'

printf 'line one\nline two' >"$E2E_TMP/value.txt"
expect_output "consul kv put input/file @$E2E_TMP/value.txt" 'Success! Data written to: input/file'
check 'the @file value is stored byte for byte' \
    cmp -s "$E2E_TMP/value.txt" <(curl -s "http://127.0.0.1:$HTTP_PORT/v1/kv/input/file?raw")
expect_output 'consul kv get input/file' $'line one\nline two'

expect_output "printf 'from stdin' | consul kv put input/stdin -" 'Success! Data written to: input/stdin'
expect_output 'consul kv get input/stdin' 'from stdin'

expect_output 'consul kv put input/empty' 'Success! Data written to: input/empty'
run 'consul kv get input/empty'
check_rc 0
check 'consul kv get of an empty value prints one empty line' cmp -s <(printf '\n') "$E2E_TMP/out"

run "consul kv put input/missing @$E2E_TMP/no-such-file"
check_rc 1
check_stream_prefix err 'Error! Failed to read file: '
check_stream_equals out ''
expect_error 'consul kv get input/missing' 1 'Error! No key exists at: input/missing'

# --- export / import round trips ----------------------------------------------------------------
expect_output 'consul kv put export/a 1' 'Success! Data written to: export/a'
expect_output 'consul kv put -flags=7 export/b two' 'Success! Data written to: export/b'
expect_output 'consul kv put export/sub/c three' 'Success! Data written to: export/sub/c'
EXPORTED=$(jq --tab . <<'EOF'
[{"key": "export/a", "flags": 0, "value": "MQ=="},
 {"key": "export/b", "flags": 7, "value": "dHdv"},
 {"key": "export/sub/c", "flags": 0, "value": "dGhyZWU="}]
EOF
)
expect_output 'consul kv export export/' "$EXPORTED"
printf '%s\n' "$EXPORTED" >"$E2E_TMP/export.json"
IMPORTED='Imported: export/a
Imported: export/b
Imported: export/sub/c'

for source in "@$E2E_TMP/export.json" "- <$E2E_TMP/export.json" "\"\$(cat $E2E_TMP/export.json)\""; do
    expect_output 'consul kv delete -recurse export/' 'Success! Deleted keys with prefix: export/'
    expect_result 'consul kv get -recurse export/' 0 '' ''
    expect_output "consul kv import $source" "$IMPORTED"
    expect_output 'consul kv export export/' "$EXPORTED"
    expect_output 'consul kv get -recurse export/' 'export/a:1
export/b:two
export/sub/c:three'
done

# --- locks through the CLI ------------------------------------------------------------------------
SESSION=$(curl -s -X PUT "http://127.0.0.1:$HTTP_PORT/v1/session/create" | jq -r .ID)
OTHER=$(curl -s -X PUT "http://127.0.0.1:$HTTP_PORT/v1/session/create" | jq -r .ID)
check "two sessions created ($SESSION, $OTHER)" \
    bash -c '[[ $1 =~ $3 && $2 =~ $3 ]]' _ "$SESSION" "$OTHER" "$UUID_RE"
expect_output "consul kv put -acquire -session=$SESSION lock/leader me" 'Success! Lock acquired on: lock/leader'
expect_error "consul kv put -acquire -session=$OTHER lock/leader you" 1 'Error! Did not acquire lock'
expect_output 'consul kv get lock/leader' 'me'
expect_output 'consul kv get -detailed lock/leader' "$(detailed lock/leader)"
check 'the lock holder is the first session' test "$(kv_field lock/leader Session)" = "$SESSION"
check 'LockIndex is 1 after one acquisition' test "$(kv_field lock/leader LockIndex)" = 1
expect_error "consul kv put -release -session=$OTHER lock/leader you" 1 'Error! Did not release lock'
expect_output "consul kv put -release -session=$SESSION lock/leader done" 'Success! Lock released on: lock/leader'
check 'the released key has no Session' test "$(kv_field lock/leader Session)" = null
expect_output 'consul kv get lock/leader' 'done'

# --- the CLI's own argument checks ------------------------------------------------------------------
expect_error 'consul kv put' 1 'Error! Missing KEY argument'
expect_error 'consul kv put a b c' 1 'Error! Too many arguments (expected 1 or 2, got 3)'
expect_error 'consul kv put -cas foo bar' 1 'Must specify -modify-index with -cas!'
expect_error 'consul kv put -acquire lock/leader x' 1 'Error! Missing -session (required with -acquire and -release)'
expect_error 'consul kv get' 1 'Error! Missing KEY argument'
expect_error 'consul kv delete -cas -modify-index=1 -recurse foo' 1 'Cannot specify both -cas and -recurse!'
expect_error 'consul kv delete -modify-index=1 foo' 1 'Cannot specify -modify-index without -cas!'
expect_error 'consul kv get foo' 1 'Error! No key exists at: foo'
expect_error 'consul kv get /foo' 1 'Error! No key exists at: foo'
expect_error 'consul kv get a b' 1 'Too many arguments (expected 1, got 2)'
expect_error 'consul kv delete a b' 1 'Too many arguments (expected 1, got 2)'
expect_error 'consul kv export a b' 1 'Too many arguments (expected 1, got 2)'
expect_error 'consul catalog nodes extra' 1 'Too many arguments (expected 0, got 1)'
