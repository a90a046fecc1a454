#!/usr/bin/env bash
# `snapshot save|restore|inspect` and /v1/snapshot on a durable server, asked
# through a client agent as a learner would: save, change the KV store, restore,
# and the saved state is back; it survives a kill -9 of the server, and writes go
# on after it. A broken, foreign or tampered file is refused with Consul's words
# and changes nothing.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

read -r HP DP SP RP CH CD CS <<<"$(free_ports 7)"
DATA="$E2E_TMP/server"
SERVER_PID=""
start_server() {
    setsid "$QONSUL" agent -server -bootstrap-expect=1 -data-dir "$DATA" -node agent-one \
        -bind 127.0.0.1 -http-port "$HP" -dns-port "$DP" -serf-lan-port "$SP" -server-port "$RP" \
        </dev/null >>"$E2E_TMP/server.log" 2>&1 &
    SERVER_PID=$!
    E2E_PIDS+=("$SERVER_PID")
    wait_for 20 "the server has a leader" \
        "[[ \$(curl -s http://127.0.0.1:$HP/v1/status/leader) == '\"127.0.0.1:$RP\"' ]]"
}
start_server
setsid "$QONSUL" agent -node agent-two -bind 127.0.0.1 -data-dir "$E2E_TMP/client" \
    -http-port "$CH" -dns-port "$CD" -serf-lan-port "$CS" -join "127.0.0.1:$SP" \
    </dev/null >"$E2E_TMP/client.log" 2>&1 &
E2E_PIDS+=($!)
wait_for 10 "the client knows its server" \
    "[[ \$(curl -s http://127.0.0.1:$CH/v1/status/leader) == '\"127.0.0.1:$RP\"' ]]"
export CONSUL_HTTP_ADDR="127.0.0.1:$CH"

expect_output "consul kv put app/a 1" "Success! Data written to: app/a"
expect_output "consul kv put app/b 2" "Success! Data written to: app/b"
index=$(curl -s -D - -o /dev/null "http://127.0.0.1:$HP/v1/kv/app/b" | tr -d '\r' |
    sed -n 's/^[Xx]-[Cc]onsul-[Ii]ndex: //p')
cd "$E2E_TMP"
run "consul snapshot save backup.snap"
check_rc 0
check_stream_prefix out "Saved and verified snapshot to index "
saved_index=$(sed -n 's/^Saved and verified snapshot to index //p' out)
check "the snapshot is at least as new as the last write ($saved_index >= $index)" \
    test "$saved_index" -ge "$index"
check "nothing is left unverified" test ! -e backup.snap.unverified
check "the file is a gzipped tar of Consul's three files" test \
    "$(tar -tzf backup.snap | sort | tr '\n' ' ')" = "SHA256SUMS meta.json state.bin "
check "its sums hold" bash -c "mkdir -p x && tar -xzf backup.snap -C x && cd x && sha256sum --quiet -c SHA256SUMS"
check "meta.json names the index" test "$(jq -r .Index x/meta.json)" = "$saved_index"

run "consul snapshot inspect backup.snap"
check_rc 0
size=$(stat -c %s x/state.bin)
term=$(jq -r .Term x/meta.json)
id=$(jq -r .ID x/meta.json)
check "the id is term-index-milliseconds" bash -c "[[ '$id' =~ ^$term-$saved_index-[0-9]{13}\$ ]]"
check_stream_equals out "$(printf 'ID           %s\nSize         %s\nIndex        %s\nTerm         %s\nVersion      1' \
    "$id" "$size" "$saved_index" "$term")"

# -stale lets the server answer without being asked as leader; the same state.
run "consul snapshot save -stale stale.snap"
check_rc 0

expect_output "consul kv delete app/a" "Success! Deleted key: app/a"
expect_output "consul kv put app/c 3" "Success! Data written to: app/c"

# A blocking query open across the restore wakes up to the restored state.
before=$(curl -s -D - -o /dev/null "http://127.0.0.1:$HP/v1/kv/app?recurse" | tr -d '\r' |
    sed -n 's/^[Xx]-[Cc]onsul-[Ii]ndex: //p')
curl -s --max-time 60 -o "$E2E_TMP/blocked" -w '%{http_code}' \
    "http://127.0.0.1:$HP/v1/kv/app?recurse&index=$before&wait=50s" >"$E2E_TMP/blocked.code" &
blocked=$!
sleep 0.5
expect_output "consul snapshot restore backup.snap" "Restored snapshot"
wait_for 5 "the blocking query returned at the restore" "! kill -0 $blocked"
wait "$blocked"
check "it saw the restored keys" test "$(jq -r '[.[].Key] | join(",")' "$E2E_TMP/blocked")" = "app/a,app/b"
check "the server logged the restore" grep -q '\[INFO\]  raft: Restored user snapshot (index ' server.log
expect_output "consul kv get -recurse app" $'app/a:1\napp/b:2'

# The restore is durable: a kill -9 right after it keeps the restored state, and
# writes go on from there.
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
start_server
wait_for 10 "the client forwards again" "consul kv get app/a"
expect_output "consul kv get -recurse app" $'app/a:1\napp/b:2'
expect_output "consul kv put app/d 4" "Success! Data written to: app/d"
expect_output "consul kv get -recurse app" $'app/a:1\napp/b:2\napp/d:4'
run "consul snapshot save after.snap"
check_rc 0
after_index=$(sed -n 's/^Saved and verified snapshot to index //p' out)
check "indexes keep growing after a restore ($after_index > $saved_index)" \
    test "$after_index" -gt "$saved_index"

# Bad files: nothing is restored, the store is untouched.
printf 'not a snapshot' >junk.snap
expect_error "consul snapshot inspect junk.snap" 1 \
    "Error verifying snapshot: failed to decompress snapshot: gzip: invalid header"
expect_error "consul snapshot restore junk.snap" 1 \
    "Error restoring snapshot: Unexpected response code: 500 (failed to decompress snapshot: gzip: invalid header)"
expect_error "consul snapshot inspect missing.snap" 1 \
    "Error opening snapshot file: open missing.snap: no such file or directory"
expect_error "consul snapshot restore missing.snap" 1 \
    "Error opening snapshot file: open missing.snap: no such file or directory"
# state.bin changed after the sums were taken.
(cd x && printf 'X' | dd of=state.bin bs=1 seek=20 conv=notrunc status=none &&
    tar -czf ../tampered.snap meta.json state.bin SHA256SUMS)
expect_error "consul snapshot inspect tampered.snap" 1 \
    "Error verifying snapshot: failed to read snapshot file: failed checking integrity of snapshot: hash check failed for \"state.bin\""
expect_error "consul snapshot restore tampered.snap" 1 \
    "Error restoring snapshot: Unexpected response code: 500 (failed to read snapshot file: failed checking integrity of snapshot: hash check failed for \"state.bin\")"
(cd x && echo hi >extra && tar -czf ../extra.snap meta.json state.bin SHA256SUMS extra)
expect_error "consul snapshot inspect extra.snap" 1 \
    "Error verifying snapshot: failed to read snapshot file: unexpected file \"extra\" in snapshot"
expect_output "consul kv get -recurse app" $'app/a:1\napp/b:2\napp/d:4'

expect_error "consul snapshot save" 1 "Missing FILE argument"
expect_error "consul snapshot restore a b" 1 "Too many arguments (expected 1, got 2)"
expect_error "consul snapshot inspect" 1 "Missing FILE argument"
expect_error "consul snapshot save -http-addr 127.0.0.1:1 never.snap" 1 \
    "Error saving snapshot: Get \"http://127.0.0.1:1/v1/snapshot\": dial tcp 127.0.0.1:1: connect: connection refused"
check "a failed save leaves no file" test ! -e never.snap -a ! -e never.snap.unverified
HTTP_PORT=$HP
expect_http POST /v1/snapshot 405 "method POST not allowed"
