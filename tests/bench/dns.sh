#!/usr/bin/env bash
# DNS side by side: dnsperf against a Qonsul dev agent and against dnsmasq serving the same A
# and SRV records, in the same run, with the same query mixes, 32 queries in flight. Prints a
# Markdown report: queries/s, lost queries, unloaded latency, the agent's CPU use, and the
# ratio Qonsul/dnsmasq. Run by hand (never in CI); loopback only; every process it starts is
# stopped on exit.
#
#   tests/bench/dns.sh                 # QONSUL defaults to build/app/qonsul
#   DURATION=20 ROUNDS=5 tests/bench/dns.sh > results.md
#   MIXES="seed uncached" MODES=udp tests/bench/dns.sh
#
# Needs: dnsperf, dnsmasq (Debian: dnsperf, dnsmasq-base), dig, curl, python3.
#
# Query mixes:
#   seed      web.service.consul A, web.service.consul SRV, machine.node.consul A: the
#             tutorial's names, one instance each (answers Qonsul may reuse from its cache).
#   shuffled  api.service.consul A and SRV, three instances, shuffled per query: Qonsul
#             reuses the encoded answer of each of the 3! orders, drawn at random per query.
#   uncached  big.service.consul A and SRV, six instances: 720 orders, more than Qonsul's
#             cache keeps, so every answer is built afresh on the agent's one event loop (by
#             the plain service answer, engine/dns/PlainServiceAnswer.h; the TCP rows go
#             through the general resolver). Without EDNS Qonsul answers 3 of
#             them (udp_answer_limit), dnsmasq all 6.
#
# Two Qonsul agents serve the same catalog: "qonsul" runs with -log-level info, and
# "qonsul -dev log" as a learner runs it, `qonsul agent -dev` logging every query at DEBUG (to
# a file here). The second is measured on the seed mix over UDP only.
set -euo pipefail

DURATION=${DURATION:-10}  # seconds per loaded run
ROUNDS=${ROUNDS:-3}       # runs per cell, interleaved between the servers; the median is kept
IN_FLIGHT=${IN_FLIGHT:-32}
MIXES=${MIXES:-seed shuffled uncached}
MODES=${MODES:-udp tcp}
ROOT=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
QONSUL=${QONSUL:-$ROOT/build/app/qonsul}

for tool in dnsperf dnsmasq dig curl python3; do
    command -v "$tool" >/dev/null || { echo "dns.sh: $tool is missing (apt-get install dnsperf dnsmasq-base dnsutils curl)" >&2; exit 2; }
done
[[ -x "$QONSUL" ]] || { echo "dns.sh: no qonsul binary at $QONSUL (build first, or set QONSUL)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/qonsul-dns-bench.XXXXXX")
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
    sleep 0.3
    for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    rm -rf -- "$WORK"
}
trap cleanup EXIT

# The end-to-end tests' port picker: free for TCP and UDP, none handed out twice.
free_ports() { python3 "$ROOT/tests/e2e/lib/free_ports.py" "$1"; }

read -r HTTP_PORT DNS_PORT SERF_PORT SERVER_PORT WAN_PORT MASQ_PORT <<<"$(free_ports 6)"
read -r DEV_HTTP_PORT DEV_DNS_PORT DEV_SERF_PORT DEV_SERVER_PORT <<<"$(free_ports 4)"

# --- Qonsul: the tutorial's agent, plus a three-instance service on other nodes ------------
mkdir -p "$WORK/consul.d"
echo '{"service": {"name": "web", "tags": ["rails"], "port": 80}}' >"$WORK/consul.d/web.json"
setsid "$QONSUL" agent -dev -node machine -log-level info -config-dir "$WORK/consul.d" \
    -http-port "$HTTP_PORT" -dns-port "$DNS_PORT" -serf-lan-port "$SERF_PORT" \
    -server-port "$SERVER_PORT" </dev/null >"$WORK/agent.log" 2>&1 &
AGENT_PID=$!
PIDS+=("$AGENT_PID")
setsid "$QONSUL" agent -dev -node machine -config-dir "$WORK/consul.d" \
    -http-port "$DEV_HTTP_PORT" -dns-port "$DEV_DNS_PORT" -serf-lan-port "$DEV_SERF_PORT" \
    -server-port "$DEV_SERVER_PORT" </dev/null >"$WORK/agent-dev.log" 2>&1 &
DEV_PID=$!
PIDS+=("$DEV_PID")
for port in "$DNS_PORT" "$DEV_DNS_PORT"; do
    for _ in $(seq 100); do
        dig +short +time=1 +tries=1 @127.0.0.1 -p "$port" web.service.consul 2>/dev/null | grep -q . && break
        sleep 0.1
    done
done
register() { # NODE ADDRESS SERVICE
    local port
    for port in "$HTTP_PORT" "$DEV_HTTP_PORT"; do
        curl -sf -X PUT "http://127.0.0.1:$port/v1/catalog/register" -o /dev/null -d \
            "{\"Node\": \"$1\", \"Address\": \"$2\", \"Service\": {\"Service\": \"$3\", \"Port\": 8080}}"
    done
}
for i in 2 3 4; do register "node$i" "127.0.0.$i" api; done
for i in 5 6 7 8 9 10; do register "node$i" "127.0.0.$i" big; done
BIG_RECORDS=()
for i in 5 6 7 8 9 10; do
    BIG_RECORDS+=(--host-record=big.service.consul,127.0.0.$i --host-record=node$i.node.dc1.consul,127.0.0.$i
        --srv-host=big.service.consul,node$i.node.dc1.consul,8080,1,1)
done

# --- dnsmasq: the same names and records ----------------------------------------------------
setsid dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \
    --port="$MASQ_PORT" --listen-address=127.0.0.1 --bind-interfaces \
    --pid-file="$WORK/dnsmasq.pid" --local=/consul/ \
    --host-record=machine.node.consul,127.0.0.1 --host-record=machine.node.dc1.consul,127.0.0.1 \
    --host-record=web.service.consul,127.0.0.1 \
    --srv-host=web.service.consul,machine.node.dc1.consul,80,1,1 \
    --host-record=api.service.consul,127.0.0.2 --host-record=api.service.consul,127.0.0.3 \
    --host-record=api.service.consul,127.0.0.4 \
    --host-record=node2.node.dc1.consul,127.0.0.2 --host-record=node3.node.dc1.consul,127.0.0.3 \
    --host-record=node4.node.dc1.consul,127.0.0.4 \
    --srv-host=api.service.consul,node2.node.dc1.consul,8080,1,1 \
    --srv-host=api.service.consul,node3.node.dc1.consul,8080,1,1 \
    --srv-host=api.service.consul,node4.node.dc1.consul,8080,1,1 "${BIG_RECORDS[@]}" \
    </dev/null >"$WORK/dnsmasq.log" 2>&1 &
MASQ_PID=$!
PIDS+=("$MASQ_PID")
sleep 0.5

# Both must give the same answers before anything is measured.
for port in "$DNS_PORT" "$DEV_DNS_PORT" "$MASQ_PORT"; do
    got=$(dig +short @127.0.0.1 -p "$port" web.service.consul SRV)
    [[ "$got" == "1 1 80 machine.node.dc1.consul." ]] || { echo "dns.sh: port $port answered '$got'" >&2; exit 1; }
    got=$(dig +short @127.0.0.1 -p "$port" api.service.consul | sort | tr '\n' ' ')
    [[ "$got" == "127.0.0.2 127.0.0.3 127.0.0.4 " ]] || { echo "dns.sh: port $port answered '$got' for api" >&2; exit 1; }
done

printf 'web.service.consul A\nweb.service.consul SRV\nmachine.node.consul A\n' >"$WORK/seed.txt"
printf 'api.service.consul A\napi.service.consul SRV\n' >"$WORK/shuffled.txt"
printf 'big.service.consul A\nbig.service.consul SRV\n' >"$WORK/uncached.txt"

# utime + stime, and that of children waited for (dnsmasq forks one per TCP connection).
cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }
server_pid() {
    case $1 in qonsul) echo "$AGENT_PID" ;; qonsul-dev) echo "$DEV_PID" ;; *) cat "$WORK/dnsmasq.pid" ;; esac
}
server_port() {
    case $1 in qonsul) echo "$DNS_PORT" ;; qonsul-dev) echo "$DEV_DNS_PORT" ;; *) echo "$MASQ_PORT" ;; esac
}
server_label() { if [[ "$1" == qonsul-dev ]]; then echo "qonsul -dev log"; else echo "$1"; fi; }

# run SERVER MIX MODE INFLIGHT SECONDS -> "qps lost avg_latency_ms cpu%"
run() {
    local server=$1 mix=$2 mode=$3 inflight=$4 seconds=$5 pid out t0 t1
    pid=$(server_pid "$server")
    t0=$(cpu_ticks "$pid")
    out=$(dnsperf -m "$mode" -s 127.0.0.1 -p "$(server_port "$server")" -d "$WORK/$mix.txt" \
        -l "$seconds" -q "$inflight" -t 2 2>&1)
    t1=$(cpu_ticks "$pid")
    awk -v ticks=$((t1 - t0)) -v secs="$seconds" '
        /Queries per second/ { qps = $4 }
        /Queries lost/ { lost = $3 }
        /Average Latency/ && !seen { lat = $4 * 1000; seen = 1 } # TCP adds a connection latency line
        END { printf "%.0f %s %.3f %.0f\n", qps, lost, lat, ticks / secs }' <<<"$out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "# DNS: Qonsul vs dnsmasq"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" \
    "before the run; dnsperf $(dnsperf -h 2>&1 | awk '/^Version/ {print $2}'), $(dnsmasq --version | head -1 | awk '{print $1, $2, $3}')."
echo "Each cell: median of $ROUNDS runs of ${DURATION}s, servers interleaved; $IN_FLIGHT queries in flight" \
    "(dnsperf -q $IN_FLIGHT, one client); unloaded latency with 1 in flight. CPU: the server process, % of one core."
echo
echo "| mix | transport | server | queries/s | lost | latency unloaded (ms) | latency loaded (ms) | CPU % | Qonsul / dnsmasq |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
for mix in $MIXES; do
    for mode in $MODES; do
        servers="qonsul dnsmasq"
        [[ $mix == seed && $mode == udp ]] && servers="qonsul-dev qonsul dnsmasq"
        declare -A qps lost lat cpu idle med
        for server in $servers; do
            qps[$server]="" lost[$server]="" lat[$server]="" cpu[$server]=""
            idle[$server]=$(run "$server" "$mix" "$mode" 1 3 | awk '{print $3}')
        done
        for ((r = 0; r < ROUNDS; r++)); do
            for server in $servers; do
                read -r q l a c <<<"$(run "$server" "$mix" "$mode" "$IN_FLIGHT" "$DURATION")"
                qps[$server]+="$q "; lost[$server]+="$l "; lat[$server]+="$a "; cpu[$server]+="$c "
            done
        done
        rows=()
        for server in $servers; do
            med[$server]=$(tr ' ' '\n' <<<"${qps[$server]}" | grep . | median)
            m_lost=$(tr ' ' '\n' <<<"${lost[$server]}" | grep . | median)
            m_lat=$(tr ' ' '\n' <<<"${lat[$server]}" | grep . | median)
            m_cpu=$(tr ' ' '\n' <<<"${cpu[$server]}" | grep . | median)
            rows+=("$server|${med[$server]}|$m_lost|${idle[$server]}|$m_lat|$m_cpu")
        done
        for row in "${rows[@]}"; do
            IFS='|' read -r server m_qps m_lost m_idle m_lat m_cpu <<<"$row"
            ratio=""
            [[ $server != dnsmasq ]] && ratio=$(awk -v a="$m_qps" -v b="${med[dnsmasq]}" 'BEGIN { printf "%.2f", a / b }')
            echo "| $mix | $mode | $(server_label "$server") | $m_qps | $m_lost | $m_idle | $m_lat | $m_cpu | $ratio |"
        done
        unset qps lost lat cpu idle med
    done
done
echo
echo "The -dev agent logged $(grep -c '\[DEBUG\] dns: request for' "$WORK/agent-dev.log") DNS query lines" \
    "($(du -h "$WORK/agent-dev.log" | cut -f1))."
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
