#!/usr/bin/env bash
# The desktop app closes as its window would on SIGTERM, SIGINT and SIGHUP (a logout, Ctrl+C
# in the terminal that started it): it exits 0 and its embedded agent stops listening,
# rather than the process dying where it stands and leaving the track's processes behind.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

for signal in TERM INT HUP; do
    read -r http dns serf server <<<"$(free_ports 4)"
    home="$E2E_TMP/$signal"
    mkdir -p "$home"
    HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
        QT_QPA_PLATFORM=offscreen "$QONSUL" desktop -http-addr "127.0.0.1:$http" \
        -dns-port "$dns" -serf-lan-port "$serf" -server-port "$server" \
        </dev/null >"$home/out" 2>&1 &
    pid=$!
    E2E_PIDS+=("$pid")
    wait_for 30 "SIG$signal: the app's embedded agent answers" \
        "curl -sf --max-time 2 http://127.0.0.1:$http/v1/agent/self"
    kill "-$signal" "$pid"
    timeout 20 tail --pid="$pid" -f /dev/null
    wait "$pid"
    rc=$?
    check "SIG$signal closes the app with exit code 0 (it was $rc)" test "$rc" -eq 0
    check "SIG$signal: the embedded agent no longer answers" \
        bash -c "! curl -s --max-time 2 http://127.0.0.1:$http/v1/agent/self"
done
