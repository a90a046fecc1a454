#!/usr/bin/env bash
# Side-by-side HTTP KV benchmark, all in one run, with wrk over keep-alive connections:
#   qonsul  Qonsul dev agent: GET /v1/kv/bench/key, PUT /v1/kv/bench/key
#   before  the same from another build (QONSUL_BEFORE), to see a change's effect in one run
#   durable a single Qonsul server with -data-dir (the log in SQLite, fsynced before each
#           write is answered): the peer of etcd for writes
#   etcd    Debian's etcd, default settings (fsync on), v3 JSON gateway:
#           POST /v3/kv/range and POST /v3/kv/put with base64 key and value
#   nginx   a 3-byte static answer to any method: the HTTP ceiling of this machine
# Scenarios: single-key GET and PUT of a 16-byte value, at 1 connection (wrk -t1) and 32
# connections (wrk -t2). Each cell is the median of REPS runs; the rounds interleave the
# systems so that a noisy moment on the machine hits all of them alike.
#
# Prints a Markdown table and writes it to tests/bench/results/kv_http.md (wrk's own
# reports go to kv_http.log beside it). Everything it starts is stopped on exit.
#
# Environment:
#   QONSUL=path        agent binary (default: build/app/qonsul of this checkout)
#   QONSUL_BEFORE=path another agent binary, measured as the system "before" (added to
#                      SYSTEMS when set)
#   DURATION=10s       length of one wrk run
#   REPS=3             runs per cell
#   SYSTEMS="qonsul etcd nginx"   which systems to run (a missing Qonsul binary is skipped)
#   NGINX_WORKERS=1    nginx worker processes (Qonsul serves HTTP on one event loop)
#   QONSUL_ARGS=...    extra agent flags
#   OPS="get put"      which operations to measure
# Needs: packaging/deps.sh --bench
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
QONSUL=${QONSUL:-$root/build/app/qonsul}
DURATION=${DURATION:-10s}
REPS=${REPS:-3}
QONSUL_BEFORE=${QONSUL_BEFORE:-}
SYSTEMS=${SYSTEMS:-qonsul etcd nginx${QONSUL_BEFORE:+ before}}
NGINX_WORKERS=${NGINX_WORKERS:-1}
QONSUL_ARGS=${QONSUL_ARGS:-}
OPS=${OPS:-get put}
results_dir=$here/results
lua=$here/wrk/request.lua
# shellcheck source=wrk/lib.sh
source "$here/wrk/lib.sh"

key=bench/key
value=0123456789abcdef
key64=$(printf %s "$key" | base64)
value64=$(printf %s "$value" | base64)

work=$(mktemp -d -t qonsul-bench-kv.XXXXXX)
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "kv_http.sh: $*" >&2; exit 1; }

# Prints N distinct TCP ports that are free on loopback right now.
free_ports() {
    /usr/bin/python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

# Runs CHECK (a command) every 0.1 s until it succeeds; gives up after 30 s with the log.
wait_until() {
    local what=$1 log=$2; shift 2

    for _ in $(seq 300); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    tail -n 20 "$log" >&2 || true
    die "$what did not come up within 30 s (log above)"
}

# --- the systems --------------------------------------------------------------------------
# Each start_<system> starts it, seeds $key, and sets url_<system>_get / url_<system>_put
# and the request shape of each operation (method, body, content type).
declare -A url method body ctype version

start_qonsul() { # [SYSTEM BINARY MODE-FLAGS...]: "qonsul", $QONSUL and -dev unless told
    local system=${1:-qonsul} binary=${2:-$QONSUL}
    local mode=("${@:3}")
    [ ${#mode[@]} -gt 0 ] || mode=(-dev)
    local p_http p_dns p_serf p_server
    read -r p_http p_dns p_serf p_server <<<"$(free_ports 4)"
    # shellcheck disable=SC2086 # QONSUL_ARGS is a list of flags
    "$binary" agent "${mode[@]}" -node bench -http-port "$p_http" -dns-port "$p_dns" \
        -serf-lan-port "$p_serf" -server-port "$p_server" $QONSUL_ARGS \
        >"$work/$system.log" 2>&1 &
    pids+=($!)
    local base=http://127.0.0.1:$p_http/v1/kv/$key
    wait_until "Qonsul agent ($system)" "$work/$system.log" \
        sh -c "curl -sf -X PUT --data-binary '$value' '$base' | grep -q true"
    url[$system/get]=$base method[$system/get]=GET body[$system/get]='' ctype[$system/get]=''
    url[$system/put]=$base method[$system/put]=PUT body[$system/put]=$value ctype[$system/put]=''
    version[$system]="$binary $("$binary" version 2>/dev/null | head -n 1 || true)"
}

start_before() { start_qonsul before "$QONSUL_BEFORE"; }
start_durable() {
    start_qonsul durable "$QONSUL" -server -bootstrap-expect=1 -data-dir "$work/durable" \
        -bind 127.0.0.1
}

start_etcd() {
    local p_client p_peer
    read -r p_client p_peer <<<"$(free_ports 2)"
    etcd --name bench --data-dir "$work/etcd" --logger zap --log-outputs stderr \
        --listen-client-urls "http://127.0.0.1:$p_client" \
        --advertise-client-urls "http://127.0.0.1:$p_client" \
        --listen-peer-urls "http://127.0.0.1:$p_peer" \
        --initial-advertise-peer-urls "http://127.0.0.1:$p_peer" \
        --initial-cluster "bench=http://127.0.0.1:$p_peer" \
        >"$work/etcd.log" 2>&1 &
    pids+=($!)
    local base=http://127.0.0.1:$p_client/v3/kv
    local put="{\"key\":\"$key64\",\"value\":\"$value64\"}"
    wait_until "etcd" "$work/etcd.log" \
        sh -c "curl -sf -X POST -d '$put' '$base/put' | grep -q revision"
    url[etcd/get]=$base/range method[etcd/get]=POST body[etcd/get]="{\"key\":\"$key64\"}"
    url[etcd/put]=$base/put method[etcd/put]=POST body[etcd/put]=$put
    ctype[etcd/get]=application/json ctype[etcd/put]=application/json
    version[etcd]=$(etcd --version | head -n 1)
}

start_nginx() {
    local port
    read -r port <<<"$(free_ports 1)"
    mkdir -p "$work/nginx"
    cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes $NGINX_WORKERS;
pid $work/nginx/nginx.pid;
error_log $work/nginx.log;
events {}
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    server {
        listen 127.0.0.1:$port;
        location / { default_type text/plain; return 200 "ok\n"; }
    }
}
EOF
    nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx.log" &
    pids+=($!)
    local base=http://127.0.0.1:$port/v1/kv/$key
    wait_until "nginx" "$work/nginx.log" curl -sf "$base"
    url[nginx/get]=$base method[nginx/get]=GET body[nginx/get]='' ctype[nginx/get]=''
    url[nginx/put]=$base method[nginx/put]=PUT body[nginx/put]=$value ctype[nginx/put]=''
    version[nginx]=$(nginx -v 2>&1)
}

systems=()
for system in $SYSTEMS; do
    case $system in
        qonsul | durable)
            if [ ! -x "$QONSUL" ]; then
                echo "kv_http.sh: no Qonsul agent at $QONSUL (build it, or set QONSUL): skipping it" >&2
                continue
            fi ;;
        before)
            [ -x "$QONSUL_BEFORE" ] || die "QONSUL_BEFORE names no agent binary ('$QONSUL_BEFORE')" ;;
        etcd | nginx)
            command -v "$system" >/dev/null || die "$system is not installed: run packaging/deps.sh --bench" ;;
        *) die "unknown system '$system' (qonsul, before, durable, etcd, nginx)" ;;
    esac
    command -v wrk >/dev/null || die "wrk is not installed: run packaging/deps.sh --bench"
    "start_$system"
    systems+=("$system")
done
[ ${#systems[@]} -gt 0 ] || die "nothing to measure"

# --- the runs -----------------------------------------------------------------------------
declare -A rps p50 p99 errors
mkdir -p "$results_dir"
raw=$results_dir/kv_http.log
: >"$raw"

for rep in $(seq "$REPS"); do
    for conns in 1 32; do
        for op in $OPS; do
            for system in "${systems[@]}"; do
                echo "kv_http.sh: round $rep/$REPS: $op, $conns conns, $system" >&2
                wrk_cell "$system" "$op" "$conns" "$rep"
            done
        done
    done
done

# --- the table ----------------------------------------------------------------------------
report() {
    echo "# KV over HTTP: Qonsul vs etcd vs nginx"
    echo
    echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
    echo "wrk keep-alive, $DURATION per run, median of $REPS runs; latency is p50 / p99."
    echo "Single key \`$key\`, $(printf %s "$value" | wc -c)-byte value. etcd: default settings"
    echo "(fsync on), v3 JSON gateway. nginx: $NGINX_WORKERS worker(s), 3-byte static answer."
    for system in "${systems[@]}"; do echo "- $system: ${version[$system]:-?}"; done
    echo
    echo "| scenario | conns | Qonsul req/s | before req/s | durable req/s | etcd req/s | nginx req/s | Qonsul/before | Qonsul/etcd | durable/etcd | Qonsul/nginx | Qonsul p50 / p99 | before p50 / p99 | durable p50 / p99 | etcd p50 / p99 | nginx p50 / p99 |"
    echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    for op in $OPS; do
        for conns in 1 32; do
            local c=$op/$conns
            echo "| ${op^^} | $conns | $(cell_text "qonsul/$c") | $(cell_text "before/$c") |" \
                "$(cell_text "durable/$c") | $(cell_text "etcd/$c") | $(cell_text "nginx/$c") |" \
                "$(ratio "qonsul/$c" "before/$c") | $(ratio "qonsul/$c" "etcd/$c") |" \
                "$(ratio "durable/$c" "etcd/$c") | $(ratio "qonsul/$c" "nginx/$c") |" \
                "$(cell_latency "qonsul/$c") | $(cell_latency "before/$c") |" \
                "$(cell_latency "durable/$c") | $(cell_latency "etcd/$c") |" \
                "$(cell_latency "nginx/$c") |"
        done
    done
}

report | tee "$results_dir/kv_http.md"
echo >&2
echo "kv_http.sh: table in $results_dir/kv_http.md, wrk reports in $raw" >&2
