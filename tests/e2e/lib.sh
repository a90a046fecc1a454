#!/usr/bin/env bash
# Shared helpers for the end-to-end tests: start a real `qonsul agent -dev` on
# free loopback ports, drive it with the CLI (as `consul`, like the tutorial's
# `alias consul=qonsul`) and with curl, and compare what comes back with what
# Consul prints.
#
# Sourced by every tests/e2e/*.sh. Run on its own (CTest does, because it
# registers every *.sh) it checks its own helpers and starts no agent.
#
# Each check prints `ok` or `FAIL` plus a diff, and the script carries on so
# that one run reports every mismatch; the exit status is 1 if any check
# failed. `die` stops at once, for failures that make later checks pointless.
# Everything the script started is killed on exit, whatever the reason.

set -uo pipefail

if [[ -z "${QONSUL:-}" ]]; then
    echo "QONSUL must name the qonsul binary to test" >&2
    exit 2
fi
QONSUL=$(realpath -- "$QONSUL")
E2E_DIR=$(dirname -- "$(realpath -- "${BASH_SOURCE[0]}")")

E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/qonsul-e2e.XXXXXX")
E2E_CHECKS=0
E2E_FAILURES=0
E2E_PIDS=()
AGENT_PID=""
AGENT_LOG=""

# The tutorial types `consul ...` with `alias consul=qonsul`; commands given to
# `run` and the expect_* helpers may do the same.
consul() { "$QONSUL" "$@"; }

# --- reporting --------------------------------------------------------------

ok() {
    E2E_CHECKS=$((E2E_CHECKS + 1))
    printf 'ok    %s\n' "$1"
}

# fail LABEL [DETAIL...]: one failed check; each DETAIL is printed indented.
fail() {
    E2E_CHECKS=$((E2E_CHECKS + 1))
    E2E_FAILURES=$((E2E_FAILURES + 1))
    printf 'FAIL  %s\n' "$1"
    shift
    local detail
    for detail in "$@"; do
        printf '%s\n' "$detail" | sed 's/^/      | /'
    done
}

# die LABEL [DETAIL...]: a failure after which nothing else is worth checking.
die() {
    fail "$@"
    exit 1
}

# less_than A B: both are unsigned integers and A < B.
less_than() { [[ "$1" =~ ^[0-9]+$ && "$2" =~ ^[0-9]+$ ]] && (($1 < $2)); }

# check LABEL CONDITION-COMMAND...: ok if the command succeeds.
check() {
    local label=$1
    shift
    if "$@"; then ok "$label"; else fail "$label"; fi
}

e2e_finish() {
    local status=$?
    trap - EXIT
    stop_all
    if ((E2E_FAILURES > 0)); then
        if [[ -n "$AGENT_LOG" && -s "$AGENT_LOG" ]]; then
            echo "---- last 40 lines of the agent log ($AGENT_LOG) ----"
            tail -n 40 "$AGENT_LOG"
        fi
        status=1
    fi
    echo "$(basename -- "$0"): $E2E_CHECKS checks, $E2E_FAILURES failed"
    rm -rf -- "$E2E_TMP"
    exit "$status"
}
trap e2e_finish EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

# --- text comparison ----------------------------------------------------------

# text_diff EXPECTED FILE: no output and status 0 when FILE holds exactly
# EXPECTED followed by one newline (or nothing at all when EXPECTED is empty),
# which is how a command prints it; otherwise a unified diff and status 1.
text_diff() {
    local expected=$1 file=$2
    if [[ -z "$expected" ]]; then
        : >"$E2E_TMP/expected"
    else
        printf '%s\n' "$expected" >"$E2E_TMP/expected"
    fi
    diff -u --label expected --label actual "$E2E_TMP/expected" "$file"
}

# columnize: reads rows whose cells are separated by `|` and prints them the
# way Consul's CLI tables look: every column but the last padded to its widest
# cell, columns joined by two spaces.
columnize() {
    awk -F'|' '
        { rows[NR] = NF
          for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) } }
        END {
          for (r = 1; r <= NR; r++) {
            line = ""
            for (i = 1; i <= rows[r]; i++) {
              text = cell[r, i]
              if (i < rows[r]) { while (length(text) < width[i]) text = text " "; text = text "  " }
              line = line text
            }
            print line
          }
        }'
}

# --- commands -----------------------------------------------------------------

# run COMMAND: runs a shell command line (it may use `consul`, pipes and
# redirections) with stdin from /dev/null unless it says otherwise, and gives
# up after 60s (exit status 124). Leaves stdout in $E2E_TMP/out, stderr in
# $E2E_TMP/err and the exit status in RUN_RC.
run() {
    RUN_CMD=$1
    QONSUL=$QONSUL timeout 60 bash -c "$(declare -f consul); $1" \
        </dev/null >"$E2E_TMP/out" 2>"$E2E_TMP/err"
    RUN_RC=$?
    [[ "$RUN_RC" != 124 ]] || echo "(timed out after 60s)" >>"$E2E_TMP/err"
}

# expect_result COMMAND EXIT STDOUT STDERR: runs COMMAND; its exit status,
# stdout and stderr must be exactly these (each text followed by a newline).
expect_result() {
    local cmd=$1 rc=$2 out=$3 err=$4 problems=() d
    run "$cmd"
    [[ "$RUN_RC" == "$rc" ]] || problems+=("exit status: expected $rc, got $RUN_RC")
    d=$(text_diff "$out" "$E2E_TMP/out") || problems+=("stdout differs:" "$d")
    d=$(text_diff "$err" "$E2E_TMP/err") || problems+=("stderr differs:" "$d")
    if ((${#problems[@]} == 0)); then ok "\$ $cmd"; else fail "\$ $cmd" "${problems[@]}"; fi
}

# expect_output COMMAND STDOUT: succeeds, prints exactly STDOUT, nothing on stderr.
expect_output() { expect_result "$1" 0 "$2" ""; }

# expect_error COMMAND EXIT STDERR: fails with EXIT, prints exactly STDERR, no stdout.
expect_error() { expect_result "$1" "$2" "" "$3"; }

# Checks on the last `run`.
last_run_output() {
    printf 'exit status %s\n--- stdout\n%s\n--- stderr\n%s' "$RUN_RC" \
        "$(cat "$E2E_TMP/out")" "$(cat "$E2E_TMP/err")"
}
check_rc() {
    if [[ "$RUN_RC" == "$1" ]]; then ok "\$ $RUN_CMD exits $1"; else
        fail "\$ $RUN_CMD exits $1" "$(last_run_output)"
    fi
}
check_rc_nonzero() {
    if [[ "$RUN_RC" != 0 ]]; then ok "\$ $RUN_CMD exits non-zero"; else
        fail "\$ $RUN_CMD exits non-zero" "$(last_run_output)"
    fi
}
# check_stream_contains out|err TEXT
check_stream_contains() {
    if grep -qF -- "$2" "$E2E_TMP/$1"; then ok "\$ $RUN_CMD: std$1 mentions '$2'"; else
        fail "\$ $RUN_CMD: std$1 mentions '$2'" "$(last_run_output)"
    fi
}
# check_stream_prefix out|err TEXT: the stream starts with TEXT.
check_stream_prefix() {
    if [[ "$(cat "$E2E_TMP/$1")" == "$2"* ]]; then ok "\$ $RUN_CMD: std$1 starts with '$2'"; else
        fail "\$ $RUN_CMD: std$1 starts with '$2'" "$(last_run_output)"
    fi
}
# check_stream_equals out|err TEXT
check_stream_equals() {
    local d
    if d=$(text_diff "$2" "$E2E_TMP/$1"); then ok "\$ $RUN_CMD: std$1"; else
        fail "\$ $RUN_CMD: std$1" "$d"
    fi
}

# wait_for SECONDS DESCRIPTION COMMAND: polls COMMAND (a shell line) every
# 100ms until it succeeds; a failed check if it never does.
wait_for() {
    local deadline=$((SECONDS + $1)) label=$2 cmd=$3
    while ((SECONDS < deadline)); do
        if (eval "$cmd") >/dev/null 2>&1; then
            ok "$label"
            return 0
        fi
        sleep 0.1
    done
    fail "$label (still not true after $1s: $cmd)"
    return 1
}

# --- HTTP ------------------------------------------------------------------------

# http METHOD PATH [CURL-ARGS...]: one request to the agent. Sets HTTP_STATUS
# and HTTP_REQUEST; the body is in $E2E_TMP/body, headers in $E2E_TMP/headers.
http() {
    local method=$1 path=$2
    shift 2
    HTTP_REQUEST="$method $path"
    local attempt
    # A request that could not even connect (curl exit 7) changed nothing, so
    # it is retried: a load test elsewhere on the machine can use up the
    # ephemeral ports for a moment.
    for attempt in 1 2 3; do
        rm -f "$E2E_TMP/body" "$E2E_TMP/headers"
        touch "$E2E_TMP/body" "$E2E_TMP/headers"
        HTTP_STATUS=$(curl -sS --max-time 30 -o "$E2E_TMP/body" -D "$E2E_TMP/headers" \
            -w '%{http_code}' -X "$method" "$@" "http://127.0.0.1:$HTTP_PORT$path" 2>"$E2E_TMP/curl.err")
        (($? == 7)) || break
        sleep 0.5
    done
    [[ -n "$HTTP_STATUS" && "$HTTP_STATUS" != 000 ]] || HTTP_STATUS="no response ($(cat "$E2E_TMP/curl.err"))"
}

# body: the last response body. header NAME: one header of the last response.
body() { cat "$E2E_TMP/body"; }
header() {
    tr -d '\r' <"$E2E_TMP/headers" | awk -v name="$1" '
        BEGIN { name = tolower(name) }
        { split($0, kv, ":"); if (tolower(kv[1]) == name) { sub(/^[^:]*:[ \t]*/, ""); print; exit } }'
}
describe_response() {
    printf '%s -> %s\n%s' "$HTTP_REQUEST" "$HTTP_STATUS" "$(head -c 2000 "$E2E_TMP/body")"
}

# expect_http METHOD PATH STATUS BODY [CURL-ARGS...]: the answer has this
# status and this one-line body (a single trailing newline is tolerated).
expect_http() {
    local method=$1 path=$2 status=$3 expected=$4 actual
    shift 4
    http "$method" "$path" "$@"
    actual=$(body)
    if [[ "$HTTP_STATUS" == "$status" && "$actual" == "$expected" && "$(wc -l <"$E2E_TMP/body")" -le 1 ]]; then
        ok "$method $path -> $status '$expected'"
    else
        fail "$method $path -> $status '$expected'" "got: $(describe_response)"
    fi
}

# expect_http_prefix METHOD PATH STATUS PREFIX [CURL-ARGS...]: as expect_http
# for bodies that carry a parser's message after a fixed PREFIX.
expect_http_prefix() {
    local method=$1 path=$2 status=$3 prefix=$4 actual
    shift 4
    http "$method" "$path" "$@"
    actual=$(body)
    if [[ "$HTTP_STATUS" == "$status" && "$actual" == "$prefix"* && "$(wc -l <"$E2E_TMP/body")" -le 1 ]]; then
        ok "$method $path -> $status '$prefix...'"
    else
        fail "$method $path -> $status '$prefix...' (one line)" "got: $(describe_response)"
    fi
}

# expect_status STATUS: the last response had this status.
expect_status() {
    if [[ "$HTTP_STATUS" == "$1" ]]; then ok "$HTTP_REQUEST -> $1"; else
        fail "$HTTP_REQUEST -> $1" "got: $(describe_response)"
    fi
}

# expect_header NAME VALUE: the last response carried this header value.
expect_header() {
    local actual
    actual=$(header "$1")
    if [[ "$actual" == "$2" ]]; then ok "$HTTP_REQUEST: header $1: $2"; else
        fail "$HTTP_REQUEST: header $1: $2" "got: '$actual'" "$(tr -d '\r' <"$E2E_TMP/headers")"
    fi
}

# --- JSON ---------------------------------------------------------------------------

# json FILTER: jq -r FILTER applied to the last response body.
json() { jq -r "$1" "$E2E_TMP/body"; }

# expect_json FILTER EXPECTED-JSON: jq FILTER over the last body gives this
# JSON value. Both sides are normalised with object keys sorted, so field
# order is only tested where a test asks for `keys_unsorted`.
expect_json() {
    local filter=$1 expected actual
    expected=$(jq -cnS "$2" 2>&1) || { fail "bad expected JSON in test: $2"; return; }
    if actual=$(jq -cS "$filter" "$E2E_TMP/body" 2>&1) && [[ "$actual" == "$expected" ]]; then
        ok "$HTTP_REQUEST: $filter == $expected"
    else
        fail "$HTTP_REQUEST: $filter == $expected" "got: ${actual:-<nothing: empty body?>}" "status $HTTP_STATUS, body: $(head -c 2000 "$E2E_TMP/body")"
    fi
}

# expect_json_true FILTER [LABEL]: jq FILTER over the last body yields true.
expect_json_true() {
    local filter=$1 label=${2:-$1} actual
    if actual=$(jq -c "$filter" "$E2E_TMP/body" 2>&1) && [[ "$actual" == true ]]; then
        ok "$HTTP_REQUEST: $label"
    else
        fail "$HTTP_REQUEST: $label" "filter $filter gave: ${actual:-<nothing: empty body?>}" "status $HTTP_STATUS, body: $(head -c 2000 "$E2E_TMP/body")"
    fi
}

# shellcheck disable=SC2034 # for the scripts that source this file
UUID_RE='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

# --- DNS -----------------------------------------------------------------------------------

# dig_agent DIG-ARGS...: dig asking the agent's DNS server, giving up after 2s.
dig_agent() { dig +time=2 +tries=1 @127.0.0.1 -p "$DNS_PORT" "$@"; }

# --- agent lifecycle -------------------------------------------------------------------

# free_ports N: N distinct loopback ports that the kernel says are free right
# now for both TCP and UDP (DNS and Serf use both). lib/free_ports.py is shared
# with python_consul2_test.py.
free_ports() { /usr/bin/python3 "$E2E_DIR/lib/free_ports.py" "$1"; }

# Flags beyond the four the tests need, passed only when `qonsul agent -h`
# lists them, so that parallel runs do not fight over the dev defaults
# (8302 Serf WAN, 8502 gRPC).
optional_agent_flags() {
    if [[ -z "${E2E_AGENT_HELP+set}" ]]; then
        E2E_AGENT_HELP=$(timeout 5 "$QONSUL" agent -h 2>&1 </dev/null || true)
    fi
    local ports=("$@") flag
    for flag in -serf-wan-port -grpc-port; do
        if grep -qE -- "(^|[[:space:]])$flag([=[:space:]]|$)" <<<"$E2E_AGENT_HELP"; then
            printf '%s\n%s\n' "$flag" "${ports[0]}"
        fi
        ports=("${ports[@]:1}")
    done
}

# agent_ready: the agent answers /v1/status/leader with a non-empty leader.
agent_ready() {
    local leader
    leader=$(curl -s --max-time 2 "http://127.0.0.1:$HTTP_PORT/v1/status/leader" 2>/dev/null) || return 1
    leader=$(tr -d ' \n' <<<"$leader")
    [[ -n "$leader" && "$leader" != '""' ]]
}

# start_agent [AGENT-FLAGS...]: `qonsul agent -dev -node machine` on fresh
# ports, waiting for a leader. Sets HTTP_PORT DNS_PORT SERF_LAN_PORT
# SERVER_PORT AGENT_PID AGENT_LOG and exports CONSUL_HTTP_ADDR. If the agent
# dies because another process took a port in between, it tries new ports.
start_agent() {
    local attempt extra wan grpc
    for attempt in 1 2 3; do
        read -r HTTP_PORT DNS_PORT SERF_LAN_PORT SERVER_PORT wan grpc <<<"$(free_ports 6)"
        mapfile -t extra < <(optional_agent_flags "$wan" "$grpc")
        E2E_AGENTS_STARTED=$((${E2E_AGENTS_STARTED:-0} + 1))
        AGENT_LOG="$E2E_TMP/agent.$E2E_AGENTS_STARTED.log"
        # In a session of its own, so that stopping it also stops anything it spawned.
        setsid "$QONSUL" agent -dev -node machine -http-port "$HTTP_PORT" -dns-port "$DNS_PORT" \
            -serf-lan-port "$SERF_LAN_PORT" -server-port "$SERVER_PORT" "${extra[@]}" "$@" \
            </dev/null >"$AGENT_LOG" 2>&1 &
        AGENT_PID=$!
        E2E_PIDS+=("$AGENT_PID")
        export CONSUL_HTTP_ADDR="127.0.0.1:$HTTP_PORT"
        local deadline=$((SECONDS + 30))
        while ((SECONDS < deadline)) && kill -0 "$AGENT_PID" 2>/dev/null; do
            if agent_ready; then
                echo "# agent pid $AGENT_PID: http $HTTP_PORT dns $DNS_PORT serf-lan $SERF_LAN_PORT server $SERVER_PORT ${extra[*]}"
                return 0
            fi
            sleep 0.1
        done
        if kill -0 "$AGENT_PID" 2>/dev/null; then
            die "agent started and answers /v1/status/leader with a leader within 30s" \
                "$(tail -n 40 "$AGENT_LOG")"
        fi
        wait "$AGENT_PID" 2>/dev/null
        if ! grep -qi 'in use' "$AGENT_LOG"; then
            die "agent started (it exited at once)" "$(tail -n 40 "$AGENT_LOG")"
        fi
        echo "# a port was taken meanwhile; retrying with new ports"
    done
    die "agent started (ports kept being taken)" "$(tail -n 40 "$AGENT_LOG")"
}

# stop_pid PID: SIGTERM to the process group PID leads (the agent and
# whatever it spawned), then SIGKILL if anything is left after 10s.
stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

# stop_agent: stops the agent start_agent started and forgets it, so that a
# later stop_all cannot signal a process that has since taken over its pid.
stop_agent() {
    [[ -n "$AGENT_PID" ]] || return 0
    stop_pid "$AGENT_PID"
    local pid kept=()
    for pid in "${E2E_PIDS[@]}"; do [[ "$pid" == "$AGENT_PID" ]] || kept+=("$pid"); done
    E2E_PIDS=("${kept[@]}")
    AGENT_PID=""
}

stop_all() {
    local pid
    for pid in "${E2E_PIDS[@]}"; do stop_pid "$pid"; done
}

# --- self-test when run directly ----------------------------------------------------

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    check "QONSUL ($QONSUL) is an executable file" test -x "$QONSUL"

    read -r -a ports <<<"$(free_ports 4)"
    check "free_ports gives 4 distinct ports" \
        test "$(printf '%s\n' "${ports[@]}" | sort -u | wc -l)" -eq 4

    table=$(printf '%s\n' 'Node|Address|Status' 'machine|127.0.0.1:8301|alive' | columnize)
    expected=$'Node     Address         Status\nmachine  127.0.0.1:8301  alive'
    check "columnize pads all but the last column and joins with two spaces" \
        test "$table" == "$expected"

    printf 'a\nb\n' >"$E2E_TMP/sample"
    check "text_diff accepts the same text" text_diff $'a\nb' "$E2E_TMP/sample"
    printf 'a\nb' >"$E2E_TMP/unterminated"
    if text_diff $'a\nb' "$E2E_TMP/unterminated" >/dev/null; then
        fail "text_diff rejects a missing final newline"
    else
        ok "text_diff rejects a missing final newline"
    fi
    if text_diff $'a\nc' "$E2E_TMP/sample" >/dev/null; then
        fail "text_diff rejects different text"
    else
        ok "text_diff rejects different text"
    fi

    run 'printf "to out"; printf "to err" >&2; exit 3'
    check "run records stdout, stderr and exit status" \
        test "$RUN_RC:$(cat "$E2E_TMP/out"):$(cat "$E2E_TMP/err")" == "3:to out:to err"
fi

# --- labs ----------------------------------------------------------------------------------

# use_lab: a lab directory ($LAB) and a 127.x.y network ($NET) of this script's own; when the
# script ends, every process the lab started is killed by its pid (resumed first, if paused).
use_lab() {
    LAB="$E2E_TMP/lab"
    NET="127.$((RANDOM % 200 + 30)).$((RANDOM % 250 + 2))"
    trap 'cleanup_lab; e2e_finish' EXIT
}
lab_pids() { jq -r '.[].Pid' "$LAB/lab.json" 2>/dev/null; }
cleanup_lab() {
    local pid
    for pid in $(lab_pids); do kill -CONT "$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null; done
}
