# Helpers for e2e scripts: a dev agent on free loopback ports, and output checks.
# Source it; the script must set QONSUL (the built binary) or have qonsul on PATH.

QONSUL=${QONSUL:-qonsul}
FAILURES=0

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_dev_agent [agent flags...]: starts `qonsul agent -dev -node machine` and waits until
# `qonsul members` answers. Sets WORKDIR, AGENT_PID, HTTP_PORT, SERF_PORT, CONSUL_HTTP_ADDR.
start_dev_agent() {
    WORKDIR=$(mktemp -d)
    HTTP_PORT=$(free_port)
    SERF_PORT=$(free_port)
    "$QONSUL" agent -dev -node machine -http-port "$HTTP_PORT" -dns-port "$(free_port)" \
        -serf-lan-port "$SERF_PORT" -server-port "$(free_port)" "$@" >"$WORKDIR/agent.log" 2>&1 &
    AGENT_PID=$!
    trap stop_dev_agent EXIT
    export CONSUL_HTTP_ADDR="127.0.0.1:$HTTP_PORT"
    for _ in $(seq 100); do
        "$QONSUL" members >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "agent did not start:" >&2
    cat "$WORKDIR/agent.log" >&2
    exit 1
}

stop_dev_agent() {
    if [ -n "${AGENT_PID:-}" ]; then
        kill "$AGENT_PID" 2>/dev/null
        wait "$AGENT_PID" 2>/dev/null
        AGENT_PID=
    fi
    [ -n "${WORKDIR:-}" ] && rm -rf "$WORKDIR"
}

# check NAME EXIT_CODE STDOUT STDERR -- command...: runs the command and compares exit code and
# both streams exactly (trailing newlines included, as $'...' strings).
check() {
    local name=$1 want_code=$2 want_out=$3 want_err=$4
    shift 5
    local out err code
    out=$("$@" 2>"$WORKDIR/stderr"; echo "rc=$?")
    code=${out##*rc=}
    out=${out%rc=*}
    err=$(cat "$WORKDIR/stderr"; echo x)
    err=${err%x}
    if [ "$code" != "$want_code" ] || [ "$out" != "$want_out" ] || [ "$err" != "$want_err" ]; then
        echo "FAIL: $name" >&2
        echo "  exit code: got $code, want $want_code" >&2
        diff <(printf '%s' "$want_out") <(printf '%s' "$out") | sed 's/^/  stdout: /' >&2
        diff <(printf '%s' "$want_err") <(printf '%s' "$err") | sed 's/^/  stderr: /' >&2
        FAILURES=$((FAILURES + 1))
    else
        echo "ok: $name"
    fi
}

finish() {
    if [ "$FAILURES" -ne 0 ]; then
        echo "$FAILURES check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}
