#!/usr/bin/env bash
# Seed tutorial step 7 (KV Data): every `consul kv` command of the step, with the exact text,
# stream and exit code the tutorial shows (indexes are the agent's own).
set -u
source "$(dirname "$0")/lib/dev_agent.sh"
start_dev_agent

detailed() { # detailed KEY CREATE MODIFY VALUE
    printf 'CreateIndex      %s\nFlags            0\nKey              %s\nLockIndex        0\nModifyIndex      %s\nSession          -\nValue            %s\n' \
        "$2" "$1" "$3" "$4"
}
index_of() { "$QONSUL" kv get -detailed "$1" | awk "/^$2 /{print \$2}"; }

check "get of a missing key" 1 '' $'Error! No key exists at: redis/config/minconns\n' \
    -- "$QONSUL" kv get redis/config/minconns
check "put minconns" 0 $'Success! Data written to: redis/config/minconns\n' '' \
    -- "$QONSUL" kv put redis/config/minconns 1
check "put maxconns" 0 $'Success! Data written to: redis/config/maxconns\n' '' \
    -- "$QONSUL" kv put redis/config/maxconns 25
check "put with flags" 0 $'Success! Data written to: redis/config/users/admin\n' '' \
    -- "$QONSUL" kv put -flags=42 redis/config/users/admin abcd1234
check "get" 0 $'1\n' '' -- "$QONSUL" kv get redis/config/minconns
index=$(index_of redis/config/minconns ModifyIndex)
check "get -detailed" 0 "$(detailed redis/config/minconns "$index" "$index" 1)"$'\n' '' \
    -- "$QONSUL" kv get -detailed redis/config/minconns
check "get -recurse" 0 $'redis/config/maxconns:25\nredis/config/minconns:1\nredis/config/users/admin:abcd1234\n' '' \
    -- "$QONSUL" kv get -recurse
check "delete" 0 $'Success! Deleted key: redis/config/minconns\n' '' \
    -- "$QONSUL" kv delete redis/config/minconns
check "delete -recurse" 0 $'Success! Deleted keys with prefix: redis\n' '' \
    -- "$QONSUL" kv delete -recurse redis

check "put foo bar" 0 $'Success! Data written to: foo\n' '' -- "$QONSUL" kv put foo bar
check "get foo" 0 $'bar\n' '' -- "$QONSUL" kv get foo
check "put foo zip" 0 $'Success! Data written to: foo\n' '' -- "$QONSUL" kv put foo zip
check "get foo again" 0 $'zip\n' '' -- "$QONSUL" kv get foo
create=$(index_of foo CreateIndex)
modify=$(index_of foo ModifyIndex)
check "get -detailed foo" 0 "$(detailed foo "$create" "$modify" zip)"$'\n' '' -- "$QONSUL" kv get -detailed foo
check "cas with a wrong index" 1 '' $'Error! Did not write to foo: CAS failed\n' \
    -- "$QONSUL" kv put -cas -modify-index=123 foo bar
check "cas with the right index" 0 $'Success! Data written to: foo\n' '' \
    -- "$QONSUL" kv put -cas -modify-index="$modify" foo bar
check "cas with a stale index" 1 '' $'Error! Did not write to foo: CAS failed\n' \
    -- "$QONSUL" kv put -cas -modify-index="$modify" foo bar
check "get -detailed after cas" 0 "$(detailed foo "$create" "$(index_of foo ModifyIndex)" bar)"$'\n' '' \
    -- "$QONSUL" kv get -detailed foo

finish
