#!/usr/bin/env bash
# Three servers agreeing through Raft, side by side in one run:
#   qonsul  three `qonsul agent -server -bootstrap-expect=3 -data-dir` (the log in SQLite,
#           fsynced before a write is acknowledged; performance.raft_multiplier = 1), each on
#           a loopback address of its own
#   etcd    a three-member etcd cluster (Debian's 3.4, default settings: fsync on)
# Every request goes to the leader over keep-alive connections (wrk): PUT of a 16-byte value
# at 1, 32 and 64 connections, and a consistent GET at 32 (Qonsul ?consistent: a ReadIndex
# round; etcd's range is linearizable by default). Each cell is the median of REPS runs; the
# rounds interleave the systems.
#
# Prints a Markdown table and writes it to tests/bench/results/raft_cluster.md (wrk's reports
# to raft_cluster.log beside it). Everything it starts is stopped on exit.
#
# Environment: QONSUL (default build/app/qonsul), DURATION=10s, REPS=3,
#              SYSTEMS="qonsul etcd"
# Needs: packaging/deps.sh --bench
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
QONSUL=${QONSUL:-$root/build/app/qonsul}
DURATION=${DURATION:-10s}
REPS=${REPS:-3}
SYSTEMS=${SYSTEMS:-qonsul etcd}
results_dir=$here/results
lua=$here/wrk/request.lua
# shellcheck source=wrk/lib.sh
source "$here/wrk/lib.sh"

key=bench/key
value=0123456789abcdef
key64=$(printf %s "$key" | base64)
value64=$(printf %s "$value" | base64)
net="127.$((RANDOM % 200 + 30)).$((RANDOM % 250 + 2))"

work=$(mktemp -d -t qonsul-bench-raft.XXXXXX)
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "raft_cluster.sh: $*" >&2; exit 1; }
wait_until() { # WHAT LOG CHECK...: every 0.1 s for 60 s
    local what=$1 log=$2; shift 2
    for _ in $(seq 600); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    tail -n 20 "$log" >&2 || true
    die "$what did not come up within 60 s (log above)"
}

declare -A url method body ctype version

start_qonsul() {
    echo '{"performance": {"raft_multiplier": 1}}' >"$work/raft.json"
    local n
    for n in 1 2 3; do
        "$QONSUL" agent -server -bootstrap-expect=3 -node "q$n" -data-dir "$work/q$n" \
            -bind "$net.1$n" -client "$net.1$n" -dns-port -1 -config-file "$work/raft.json" \
            -retry-join "$net.11" -retry-interval 1s >"$work/q$n.log" 2>&1 &
        pids+=($!)
    done
    wait_until "a Qonsul leader" "$work/q1.log" \
        sh -c "curl -sf http://$net.11:8500/v1/status/leader | grep -q 8300"
    local leader
    leader=$(curl -s "http://$net.11:8500/v1/status/leader" | tr -d '"' | cut -d: -f1)
    local base=http://$leader:8500/v1/kv/$key
    wait_until "a Qonsul write" "$work/q1.log" \
        sh -c "curl -sf -X PUT --data-binary '$value' '$base' | grep -q true"
    url[qonsul/put]=$base method[qonsul/put]=PUT body[qonsul/put]=$value ctype[qonsul/put]=''
    url[qonsul/get]=$base?consistent method[qonsul/get]=GET body[qonsul/get]='' ctype[qonsul/get]=''
    version[qonsul]="$("$QONSUL" version 2>/dev/null | head -n 1 || true), leader $leader"
}

start_etcd() {
    local n cluster=""
    for n in 1 2 3; do cluster+="${cluster:+,}e$n=http://$net.2$n:2380"; done
    for n in 1 2 3; do
        etcd --name "e$n" --data-dir "$work/e$n" --logger zap --log-outputs stderr \
            --listen-client-urls "http://$net.2$n:2379" --advertise-client-urls "http://$net.2$n:2379" \
            --listen-peer-urls "http://$net.2$n:2380" --initial-advertise-peer-urls "http://$net.2$n:2380" \
            --initial-cluster "$cluster" --initial-cluster-state new >"$work/e$n.log" 2>&1 &
        pids+=($!)
    done
    local put="{\"key\":\"$key64\",\"value\":\"$value64\"}"
    wait_until "etcd" "$work/e1.log" \
        sh -c "curl -sf -X POST -d '$put' http://$net.21:2379/v3/kv/put | grep -q revision"
    # The leader: the member whose status names itself as leader.
    local leader=""
    for n in 1 2 3; do
        local status
        status=$(curl -s -X POST -d '{}' "http://$net.2$n:2379/v3/maintenance/status")
        if [ "$(jq -r '.header.member_id' <<<"$status")" = "$(jq -r '.leader' <<<"$status")" ]; then
            leader=$net.2$n
        fi
    done
    [ -n "$leader" ] || die "no etcd leader found"
    local base=http://$leader:2379/v3/kv
    url[etcd/put]=$base/put method[etcd/put]=POST body[etcd/put]=$put ctype[etcd/put]=application/json
    url[etcd/get]=$base/range method[etcd/get]=POST body[etcd/get]="{\"key\":\"$key64\"}"
    ctype[etcd/get]=application/json
    version[etcd]="$(etcd --version | head -n 1), leader $leader"
}

command -v wrk >/dev/null || die "wrk is not installed: run packaging/deps.sh --bench"
systems=()
for system in $SYSTEMS; do
    case $system in
        qonsul) [ -x "$QONSUL" ] || die "no Qonsul agent at $QONSUL (build it, or set QONSUL)" ;;
        etcd) command -v etcd >/dev/null || die "etcd is not installed: run packaging/deps.sh --bench" ;;
        *) die "unknown system '$system' (qonsul, etcd)" ;;
    esac
    "start_$system"
    systems+=("$system")
done

declare -A rps p50 p99 errors
mkdir -p "$results_dir"
raw=$results_dir/raft_cluster.log
: >"$raw"
cells=("put 1" "put 32" "put 64" "get 32")
for rep in $(seq "$REPS"); do
    for cell_spec in "${cells[@]}"; do
        read -r op conns <<<"$cell_spec"
        for system in "${systems[@]}"; do
            echo "raft_cluster.sh: round $rep/$REPS: $op, $conns conns, $system" >&2
            wrk_cell "$system" "$op" "$conns" "$rep"
        done
    done
done

report() {
    echo "# Three servers through Raft: Qonsul vs etcd"
    echo
    echo "$(date -u +%Y-%m-%d), $(nproc) cores, all six servers and wrk on one machine; wrk keep-alive"
    echo "to the leader, $DURATION per run, median of $REPS runs; latency is p50 / p99."
    for system in "${systems[@]}"; do echo "- $system: ${version[$system]:-?}"; done
    echo
    echo "| scenario | conns | Qonsul req/s | etcd req/s | Qonsul/etcd | Qonsul p50 / p99 | etcd p50 / p99 |"
    echo "|---|--:|--:|--:|--:|--:|--:|"
    for cell_spec in "${cells[@]}"; do
        read -r op conns <<<"$cell_spec"
        local c=$op/$conns name=${op^^}
        [ "$op" = get ] && name="consistent GET"
        echo "| $name | $conns | $(cell_text "qonsul/$c") | $(cell_text "etcd/$c") |" \
            "$(ratio "qonsul/$c" "etcd/$c") | $(cell_latency "qonsul/$c") | $(cell_latency "etcd/$c") |"
    done
}
report | tee "$results_dir/raft_cluster.md"
