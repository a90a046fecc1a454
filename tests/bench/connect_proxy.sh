#!/usr/bin/env bash
# The Connect proxy side by side: the path upstream listener → mutual TLS → sidecar → local
# server, for Qonsul's two `connect proxy` processes, a stunnel pair, a haproxy pair and a
# QSslSocket pair (Qt's TLS socket, build/tests/qssl_relay) doing mutual TLS the same way
# (client certificate required and verified against one CA), haproxy in plain TCP mode, and a
# direct connection. All in one run, on loopback, with the same
# servers behind them. Prints a Markdown report: throughput (one stream into a sink), one-byte
# round trip on an open connection, new connection (connect + one round trip + close), and the
# proxies' memory idle and with 1,000 open connections; ratios are Qonsul / peer. Run by hand,
# never in CI; every process it starts is stopped on exit.
#
#   tests/bench/connect_proxy.sh                 # QONSUL defaults to build/app/qonsul
#   ROUNDS=5 SECONDS_PER_RUN=10 tests/bench/connect_proxy.sh > results.md
#
# Needs: stunnel4, haproxy, openssl, curl, jq, python3 (packaging/deps.sh --bench), and
# build/tests/tcp_probe and build/tests/qssl_relay (built with the tests: the echo server, the
# sink, the clients, and the QSslSocket relay).
# (iperf3's control channel does not survive haproxy 2.6 in TCP mode, so the sink replaces it.)
set -euo pipefail

ROUNDS=${ROUNDS:-3}                   # runs per cell, interleaved between systems; median kept
SECONDS_PER_RUN=${SECONDS_PER_RUN:-5} # seconds of one throughput run
SAMPLES=${SAMPLES:-2000}              # round trips / connections per latency run
HELD=${HELD:-1000}                    # connections held open for the memory figure
ROOT=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
QONSUL=${QONSUL:-$ROOT/build/app/qonsul}
PROBE=${PROBE:-$ROOT/build/tests/tcp_probe}
QSSL=${QSSL:-$ROOT/build/tests/qssl_relay}

for tool in stunnel4 haproxy openssl curl jq python3; do
    command -v "$tool" >/dev/null || { echo "connect_proxy.sh: $tool is missing (packaging/deps.sh --bench)" >&2; exit 2; }
done
[[ -x "$QONSUL" && -x "$PROBE" && -x "$QSSL" ]] || { echo "connect_proxy.sh: build first (no $QONSUL, $PROBE or $QSSL)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/qonsul-connect-bench.XXXXXX")
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
    sleep 0.3
    for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    rm -rf -- "$WORK"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)"

free_ports() { python3 "$ROOT/tests/e2e/lib/free_ports.py" "$1"; }
# start NAME COMMAND...: in a session of its own; pid in the variable NAME_PID.
start() {
    local name=$1
    shift
    setsid "$@" </dev/null >"$WORK/$name.log" 2>&1 &
    PIDS+=("$!")
    printf -v "${name}_PID" '%s' "$!"
}
wait_port() { # wait_port PORT: something listens there
    local i
    for ((i = 0; i < 300; i++)); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "connect_proxy.sh: nothing listens on $1" >&2
    exit 1
}
rss_kb() { # rss_kb PID...: resident memory of the processes together, in KiB
    local pid total=0
    for pid in "$@"; do total=$((total + $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status"))); done
    echo "$total"
}

# --- the servers behind every path ----------------------------------------------------
read -r ECHO IPERF <<<"$(free_ports 2)"
start echo "$PROBE" echo "$ECHO"
start iperf "$PROBE" sink "$IPERF"
wait_port "$ECHO"
wait_port "$IPERF"

# --- Qonsul: a dev agent, two services with sidecars, a client-side proxy --------------
read -r HTTP DNS SERF SERVER SIDE_ECHO SIDE_IPERF UP_ECHO UP_IPERF <<<"$(free_ports 8)"
mkdir -p "$WORK/consul.d"
cat >"$WORK/consul.d/services.json" <<EOF
{"services": [
  {"name": "echo", "port": $ECHO, "connect": {"sidecar_service": {"port": $SIDE_ECHO}}},
  {"name": "iperf", "port": $IPERF, "connect": {"sidecar_service": {"port": $SIDE_IPERF}}},
  {"name": "client", "port": 1, "connect": {"sidecar_service": {"proxy": {"upstreams": [
    {"destination_name": "echo", "local_bind_port": $UP_ECHO},
    {"destination_name": "iperf", "local_bind_port": $UP_IPERF}]}}}}]}
EOF
start agent "$QONSUL" agent -dev -log-level warn -http-port "$HTTP" -dns-port "$DNS" \
    -serf-lan-port "$SERF" -server-port "$SERVER" \
    -config-dir "$WORK/consul.d"
wait_port "$HTTP"
export CONSUL_HTTP_ADDR=127.0.0.1:$HTTP
for s in echo iperf client; do
    for ((i = 0; i < 100; i++)); do
        curl -sf "http://$CONSUL_HTTP_ADDR/v1/agent/service/$s-sidecar-proxy" >/dev/null && break
        sleep 0.1
    done
done
start qecho "$QONSUL" connect proxy -sidecar-for echo -log-level warn
start qiperf "$QONSUL" connect proxy -sidecar-for iperf -log-level warn
start qclient "$QONSUL" connect proxy -sidecar-for client -log-level warn
wait_port "$SIDE_ECHO"
wait_port "$SIDE_IPERF"
wait_port "$UP_ECHO"
for s in echo iperf; do # the sidecar's TCP check runs every 10 s
    for ((i = 0; i < 300; i++)); do
        [[ $(curl -sf "http://$CONSUL_HTTP_ADDR/v1/health/connect/$s?passing" | jq length) == 1 ]] && break
        sleep 0.1
    done
done

# --- certificates for the peers: one EC P-256 CA, a server and a client leaf -------------
cd "$WORK"
openssl ecparam -name prime256v1 -genkey -noout -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -subj /CN=bench-ca -days 2 -out ca.crt 2>/dev/null
for who in server client; do
    openssl ecparam -name prime256v1 -genkey -noout -out "$who.key" 2>/dev/null
    openssl req -new -key "$who.key" -subj "/CN=$who" -out "$who.csr" 2>/dev/null
    openssl x509 -req -in "$who.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
        -out "$who.crt" 2>/dev/null
    cat "$who.crt" "$who.key" >"$who.pem"
done
cd - >/dev/null

# --- stunnel pair: client side (plain in, TLS out) and server side (TLS in, plain out) ----
read -r ST_ECHO ST_IPERF STS_ECHO STS_IPERF <<<"$(free_ports 4)"
stunnel_conf() { # stunnel_conf NAME CLIENT(yes|no) ACCEPT CONNECT CERT
    cat >"$WORK/$1.conf" <<EOF
foreground = yes
pid =
debug = 3
[$1]
client = $2
accept = 127.0.0.1:$3
connect = 127.0.0.1:$4
cert = $WORK/$5.crt
key = $WORK/$5.key
CAfile = $WORK/ca.crt
verifyChain = yes
EOF
}
stunnel_conf st_server_echo no "$STS_ECHO" "$ECHO" server
stunnel_conf st_server_iperf no "$STS_IPERF" "$IPERF" server
stunnel_conf st_client_echo yes "$ST_ECHO" "$STS_ECHO" client
stunnel_conf st_client_iperf yes "$ST_IPERF" "$STS_IPERF" client
for c in st_server_echo st_server_iperf st_client_echo st_client_iperf; do start "$c" stunnel4 "$WORK/$c.conf"; done

# --- QSslSocket pair: the same relay on Qt's TLS socket (build/tests/qssl_relay) -----------
read -r QS_ECHO QS_IPERF QSS_ECHO QSS_IPERF <<<"$(free_ports 4)"
start qs_server_echo "$QSSL" server "$QSS_ECHO" "$ECHO" "$WORK/server.crt" "$WORK/server.key" "$WORK/ca.crt"
start qs_server_iperf "$QSSL" server "$QSS_IPERF" "$IPERF" "$WORK/server.crt" "$WORK/server.key" "$WORK/ca.crt"
start qs_client_echo "$QSSL" client "$QS_ECHO" "$QSS_ECHO" "$WORK/client.crt" "$WORK/client.key" "$WORK/ca.crt"
start qs_client_iperf "$QSSL" client "$QS_IPERF" "$QSS_IPERF" "$WORK/client.crt" "$WORK/client.key" "$WORK/ca.crt"

# --- haproxy: the mTLS pair and plain TCP mode --------------------------------------------
read -r HA_ECHO HA_IPERF HAS_ECHO HAS_IPERF HP_ECHO HP_IPERF <<<"$(free_ports 6)"
cat >"$WORK/ha_client.cfg" <<EOF
global
    nbthread 1
    maxconn 4000
defaults
    mode tcp
    timeout connect 5s
    timeout client 60s
    timeout server 60s
listen echo
    bind 127.0.0.1:$HA_ECHO
    server s 127.0.0.1:$HAS_ECHO ssl crt $WORK/client.pem ca-file $WORK/ca.crt verify required
listen iperf
    bind 127.0.0.1:$HA_IPERF
    server s 127.0.0.1:$HAS_IPERF ssl crt $WORK/client.pem ca-file $WORK/ca.crt verify required
EOF
cat >"$WORK/ha_server.cfg" <<EOF
global
    nbthread 1
    maxconn 4000
defaults
    mode tcp
    timeout connect 5s
    timeout client 60s
    timeout server 60s
listen echo
    bind 127.0.0.1:$HAS_ECHO ssl crt $WORK/server.pem ca-file $WORK/ca.crt verify required
    server s 127.0.0.1:$ECHO
listen iperf
    bind 127.0.0.1:$HAS_IPERF ssl crt $WORK/server.pem ca-file $WORK/ca.crt verify required
    server s 127.0.0.1:$IPERF
EOF
cat >"$WORK/ha_plain.cfg" <<EOF
global
    nbthread 1
    maxconn 4000
defaults
    mode tcp
    timeout connect 5s
    timeout client 60s
    timeout server 60s
listen echo
    bind 127.0.0.1:$HP_ECHO
    server s 127.0.0.1:$ECHO
listen iperf
    bind 127.0.0.1:$HP_IPERF
    server s 127.0.0.1:$IPERF
EOF
# One process and one thread each (nbthread 1), as every other proxy here runs on one event
# loop; maxconn 4000 keeps its descriptors under a 20,000 hard limit.
for c in ha_client ha_server ha_plain; do start "$c" haproxy -db -f "$WORK/$c.cfg"; done
for p in "$ST_ECHO" "$HA_ECHO" "$HAS_ECHO" "$HP_ECHO" "$STS_ECHO" "$QS_ECHO" "$QSS_ECHO"; do wait_port "$p"; done

# --- the systems: name | echo port | iperf port | pids of the proxies ---------------------
SYSTEMS=(
    "qonsul|$UP_ECHO|$UP_IPERF|$qclient_PID $qecho_PID"
    "stunnel pair|$ST_ECHO|$ST_IPERF|$st_client_echo_PID $st_server_echo_PID"
    "haproxy mTLS pair|$HA_ECHO|$HA_IPERF|$ha_client_PID $ha_server_PID"
    "QSslSocket pair|$QS_ECHO|$QS_IPERF|$qs_client_echo_PID $qs_server_echo_PID"
    "haproxy plain TCP|$HP_ECHO|$HP_IPERF|$ha_plain_PID"
    "direct|$ECHO|$IPERF|"
)
# Every path answers before anything is measured.
for row in "${SYSTEMS[@]}"; do
    IFS='|' read -r name echo_port _ _ <<<"$row"
    "$PROBE" rtt "$echo_port" 10 >/dev/null || { echo "connect_proxy.sh: $name does not echo" >&2; exit 1; }
done

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A GBPS RTT CONN IDLE HELDKB
for ((round = 1; round <= ROUNDS; round++)); do
    for row in "${SYSTEMS[@]}"; do
        IFS='|' read -r name echo_port iperf_port _ <<<"$row"
        GBPS[$name]+="$("$PROBE" blast "$iperf_port" "$SECONDS_PER_RUN") "
        RTT[$name]+="$("$PROBE" rtt "$echo_port" "$SAMPLES") "
        CONN[$name]+="$("$PROBE" connect "$echo_port" "$((SAMPLES / 4))") "
    done
done
# Memory: the proxies' resident set idle, and with HELD connections open through them.
for row in "${SYSTEMS[@]}"; do
    IFS='|' read -r name echo_port _ pids <<<"$row"
    [[ -n "$pids" ]] || continue
    # shellcheck disable=SC2086
    IDLE[$name]=$(rss_kb $pids)
    exec {hold_in}> >("$PROBE" hold "$echo_port" "$HELD" >"$WORK/hold.out")
    for ((i = 0; i < 600; i++)); do grep -q held "$WORK/hold.out" 2>/dev/null && break; sleep 0.1; done
    # shellcheck disable=SC2086
    HELDKB[$name]=$(rss_kb $pids)
    exec {hold_in}>&-
    sleep 1
done

q() { echo "${!1}"; }
cell() { tr ' ' '\n' <<<"$1" | grep -v '^$' | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }
echo "## Connect proxy: upstream → mTLS → sidecar → local server ($(date -u +%Y-%m-%d), $(nproc) cores, $ROUNDS rounds, median)"
echo
echo "| system | throughput Gbit/s | round trip µs | new connection µs | RSS idle MiB | RSS with $HELD conns MiB | per conn KiB |"
echo "|---|---|---|---|---|---|---|"
Q_GBPS=$(cell "${GBPS[qonsul]}"); Q_RTT=$(cell "${RTT[qonsul]}"); Q_CONN=$(cell "${CONN[qonsul]}")
for row in "${SYSTEMS[@]}"; do
    IFS='|' read -r name _ _ pids <<<"$row"
    g=$(cell "${GBPS[$name]}"); r=$(cell "${RTT[$name]}"); c=$(cell "${CONN[$name]}")
    if [[ -n "$pids" ]]; then
        idle=$(awk -v k="${IDLE[$name]}" 'BEGIN {printf "%.1f", k / 1024}')
        held=$(awk -v k="${HELDKB[$name]}" 'BEGIN {printf "%.1f", k / 1024}')
        per=$(awk -v a="${HELDKB[$name]}" -v b="${IDLE[$name]}" -v n="$HELD" 'BEGIN {printf "%.1f", (a - b) / n}')
    else
        idle=-; held=-; per=-
    fi
    echo "| $name | $g | $r | $c | $idle | $held | $per |"
done
echo
echo "Qonsul / peer: throughput (higher is better for Qonsul) and time (lower is better)"
echo
echo "| peer | throughput | round trip | new connection |"
echo "|---|---|---|---|"
for row in "${SYSTEMS[@]}"; do
    IFS='|' read -r name _ _ _ <<<"$row"
    [[ "$name" == qonsul ]] && continue
    echo "| $name | $(ratio "$Q_GBPS" "$(cell "${GBPS[$name]}")") | $(ratio "$Q_RTT" "$(cell "${RTT[$name]}")") | $(ratio "$Q_CONN" "$(cell "${CONN[$name]}")") |"
done
