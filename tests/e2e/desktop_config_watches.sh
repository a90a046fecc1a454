#!/usr/bin/env bash
# The desktop app's embedded agent runs the `watches` of its config dir, as `qonsul agent
# -config-dir` does: a key watch's handler gets the pair as JSON on stdin when the key is
# written, and after a reload the watches of the new config run instead.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

read -r http dns serf server <<<"$(free_ports 4)"
home="$E2E_TMP/home"
config="$E2E_TMP/consul.d"
mkdir -p "$home" "$config"
watch_config() { # KEY FILE: a key watch whose handler saves what it is given to FILE
    printf '{"watches": [{"type": "key", "key": "%s", "args": ["sh", "-c", "cat > %s"]}]}\n' \
        "$1" "$2" >"$config/watches.json"
}
watch_config greeting "$E2E_TMP/first"
HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
    QT_QPA_PLATFORM=offscreen "$QONSUL" desktop -http-addr "127.0.0.1:$http" \
    -dns-port "$dns" -serf-lan-port "$serf" -server-port "$server" -config-dir "$config" \
    </dev/null >"$E2E_TMP/desktop.out" 2>&1 &
E2E_PIDS+=($!)
export CONSUL_HTTP_ADDR="127.0.0.1:$http"
wait_for 30 "the app's embedded agent answers" \
    "curl -sf --max-time 2 http://127.0.0.1:$http/v1/agent/self"

run 'consul kv put greeting hello'
check_rc 0
# "hello" in base64, as the pair's Value.
wait_for 20 'the watch handler got the pair on stdin' \
    "jq -e '.Key == \"greeting\" and .Value == \"aGVsbG8=\"' '$E2E_TMP/first'"

watch_config farewell "$E2E_TMP/second"
run 'consul reload'
check_rc 0
run 'consul kv put farewell bye'
check_rc 0
wait_for 20 "after a reload, the new config's watch runs" \
    "jq -e '.Key == \"farewell\" and .Value == \"Ynll\"' '$E2E_TMP/second'"
e2e_finish
