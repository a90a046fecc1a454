#!/usr/bin/env bash
# Seed tutorial, step 4 ("Connect"), command by command:
#   $ socat -v tcp-l:8181,fork exec:"/bin/cat"
#   ./consul.d/socat.json  {"service": {"name": "socat", "port": 8181, "connect": {"sidecar_service": {}}}}
#   $ consul reload
#   $ consul connect proxy -sidecar-for socat
#   $ consul connect proxy -service web -upstream socat:9191       (the flag form)
#   ./consul.d/web.json    {"service": {"name": "web", "port": 8080, "connect": {"sidecar_service":
#                            {"proxy": {"upstreams": [{"destination_name": "socat", "local_bind_port": 9191}]}}}}}
#   $ consul reload && consul connect proxy -sidecar-for web
#   $ nc 127.0.0.1 9191                                            (echoes)
#   $ consul intention create -deny web socat                      (the echo stops)
#   $ consul intention delete web socat                            (it comes back)
# The files are the tutorial's with free ports for 8181 and 9191, and the sidecar range set
# to two free ports, so that runs never collide. Also: intention check's exit codes, the proxy's
# banner and log lines, an open connection cut when an intention starts denying it, and the
# DNS name socat.connect.consul.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

for tool in socat nc; do
    command -v "$tool" >/dev/null || die "$tool is installed (packaging/deps.sh brings it)"
done

# Two consecutive free ports for the sidecars (Consul hands them out from a range).
sidecar_range() {
    /usr/bin/python3 - <<'EOF'
import random, socket
for _ in range(200):
    base = random.randint(20000, 30000)
    held = []
    try:
        for port in (base, base + 1):
            s = socket.socket(); s.bind(("0.0.0.0", port)); held.append(s)
        print(base, base + 1); break
    except OSError:
        pass
    finally:
        for s in held: s.close()
EOF
}

read -r SOCAT_PORT UPSTREAM_PORT FLAG_UPSTREAM_PORT <<<"$(free_ports 3)"
read -r SIDECAR_MIN SIDECAR_MAX <<<"$(sidecar_range)"
CONFIG_DIR="$E2E_TMP/consul.d"
mkdir -p "$CONFIG_DIR"
echo "{\"ports\": {\"sidecar_min_port\": $SIDECAR_MIN, \"sidecar_max_port\": $SIDECAR_MAX}}" \
    >"$CONFIG_DIR/ports.json"
# Step 3's web.json: the agent starts with it, as the tutorial's agent is already running.
echo '{"service": {"name": "web", "tags": ["rails"], "port": 80}}' >"$CONFIG_DIR/web.json"
start_agent -config-dir="$CONFIG_DIR"

# background NAME COMMAND...: starts a process in a session of its own (stopped on exit, with
# whatever it spawned); its output goes to $E2E_TMP/NAME.log and its pid to the variable NAME.
background() {
    local name=$1
    shift
    setsid "$@" </dev/null >"$E2E_TMP/$name.log" 2>&1 &
    E2E_PIDS+=("$!")
    printf -v "$name" '%s' "$!"
}

# echo_through PORT TEXT: what comes back when TEXT is sent to PORT (nc closes its side after
# sending and waits up to 3 s for the rest).
echo_through() { printf '%s\n' "$2" | timeout 5 nc -w 3 -q 3 127.0.0.1 "$1" 2>/dev/null; }

# --- the echo service, straight ---------------------------------------------------------
background SOCAT socat -v "tcp-l:$SOCAT_PORT,fork,reuseaddr" exec:"/bin/cat"
wait_for 10 "socat listens on $SOCAT_PORT" "echo_through $SOCAT_PORT ping | grep -qx ping"

# --- socat.json and reload: a service with a sidecar --------------------------------------
cat >"$CONFIG_DIR/socat.json" <<EOF
{ "service": { "name": "socat", "port": $SOCAT_PORT, "connect": { "sidecar_service": {} } } }
EOF
expect_output 'consul reload' 'Configuration reload triggered'
sidecar_of() { curl -sf "http://127.0.0.1:$HTTP_PORT/v1/agent/service/$1-sidecar-proxy"; }
wait_for 5 'socat-sidecar-proxy is registered' 'sidecar_of socat >/dev/null'
http GET /v1/agent/service/socat-sidecar-proxy
expect_json '{Kind, Service, Port, Proxy: (.Proxy | {DestinationServiceName, DestinationServiceID, LocalServiceAddress, LocalServicePort})}' "{
    \"Kind\": \"connect-proxy\", \"Service\": \"socat-sidecar-proxy\", \"Port\": $SIDECAR_MIN,
    \"Proxy\": {\"DestinationServiceName\": \"socat\", \"DestinationServiceID\": \"socat\",
                \"LocalServiceAddress\": \"127.0.0.1\", \"LocalServicePort\": $SOCAT_PORT}}"
http GET /v1/agent/checks
expect_json '[.[] | select(.ServiceID == "socat-sidecar-proxy") | .Name] | sort' \
    '["Connect Sidecar Aliasing socat", "Connect Sidecar Listening"]'

# --- consul connect proxy -sidecar-for socat ----------------------------------------------
background SOCAT_PROXY "$QONSUL" connect proxy -sidecar-for socat
wait_for 10 'the socat proxy says its public listener starts' \
    "grep -q 'public listener starting on 0.0.0.0:$SIDECAR_MIN' '$E2E_TMP/SOCAT_PROXY.log'"
BANNER=$(head -n 6 "$E2E_TMP/SOCAT_PROXY.log")
EXPECTED_BANNER='==> Consul Connect proxy starting...
    Configuration mode: Agent API
        Sidecar for ID: socat
              Proxy ID: socat-sidecar-proxy

==> Log data will now stream in as it occurs:'
if [[ "$BANNER" == "$EXPECTED_BANNER" ]]; then ok 'connect proxy prints Consul'"'"'s banner'
else fail 'connect proxy prints Consul'"'"'s banner' "$(diff <(echo "$EXPECTED_BANNER") <(echo "$BANNER"))"; fi
# The log lines, in Consul's order, after the banner.
LOG_LINES=$(sed -n '8,$p' "$E2E_TMP/SOCAT_PROXY.log" | sed -E 's/^    [0-9/]+ [0-9:]+ //')
EXPECTED_LINES="[INFO] Proxy loaded config and ready to serve
[INFO] TLS Identity: spiffe://$(curl -sf "http://127.0.0.1:$HTTP_PORT/v1/connect/ca/roots" | jq -r .TrustDomain)/ns/default/dc/dc1/svc/socat
[INFO] TLS Roots   : [Consul CA 1]
[INFO] public listener starting on 0.0.0.0:$SIDECAR_MIN"
if [[ "$(head -n 4 <<<"$LOG_LINES")" == "$EXPECTED_LINES" ]]; then ok 'the socat proxy logs Consul'"'"'s lines in order'
else fail 'the socat proxy logs Consul'"'"'s lines in order' "$(diff <(echo "$EXPECTED_LINES") <(head -n 4 <<<"$LOG_LINES"))"; fi

# --- web.json with an upstream, reload, consul connect proxy -sidecar-for web ---------------
cat >"$CONFIG_DIR/web.json" <<EOF
{ "service": { "name": "web", "port": 8080, "connect": { "sidecar_service": { "proxy": { "upstreams": [{ "destination_name": "socat", "local_bind_port": $UPSTREAM_PORT }] } } } } }
EOF
expect_output 'consul reload' 'Configuration reload triggered'
wait_for 5 'web-sidecar-proxy is registered' 'sidecar_of web >/dev/null'
background WEB_PROXY "$QONSUL" connect proxy -sidecar-for web
wait_for 10 'the web proxy is ready' "grep -q 'public listener starting' '$E2E_TMP/WEB_PROXY.log'"
check 'the web proxy names its upstream first, as Consul does' \
    grep -q "\[INFO\] 127.0.0.1:$UPSTREAM_PORT->service:default/socat starting on 127.0.0.1:$UPSTREAM_PORT" "$E2E_TMP/WEB_PROXY.log"

# The sidecar's TCP check passes once the proxy listens (Consul checks every 10 s).
connect_passing() { curl -sf "http://127.0.0.1:$HTTP_PORT/v1/health/connect/socat?passing" | jq -e 'length == 1' >/dev/null; }
wait_for 25 'socat has a passing Connect endpoint' connect_passing
check 'dig socat.connect.consul SRV gives the sidecar port' \
    bash -c "dig +short +time=2 +tries=1 @127.0.0.1 -p $DNS_PORT socat.connect.consul SRV | grep -q ' $SIDECAR_MIN '"

# --- nc 127.0.0.1 9191 echoes through both proxies ------------------------------------------
OUT=$(echo_through "$UPSTREAM_PORT" 'Hello Consul via Connect')
if [[ "$OUT" == 'Hello Consul via Connect' ]]; then ok 'nc through the upstream echoes'
else fail 'nc through the upstream echoes' "got: $OUT" "$(tail -n 5 "$E2E_TMP/WEB_PROXY.log")"; fi
check 'the socat proxy logs the allowed caller' \
    grep -q 'web → socat allowed by default: no intention matches' "$E2E_TMP/SOCAT_PROXY.log"

# --- consul intention create -deny web socat: the echo stops ---------------------------------
expect_output 'consul intention create -deny web socat' 'Created: web => socat (deny)'
OUT=$(echo_through "$UPSTREAM_PORT" 'Hello Consul via Connect')
if [[ -z "$OUT" ]]; then ok 'with the deny, nc gets nothing back'; else fail 'with the deny, nc gets nothing back' "got: $OUT"; fi
check 'the socat proxy logs the refusal with its intention' \
    grep -q 'web → socat denied by intention web => socat (deny)' "$E2E_TMP/SOCAT_PROXY.log"
# The proxies report what they decided to the agent (Qonsul's /v1/agent/connect/proxy-events).
proxy_event() { # proxy_event OUTCOME REASON: the agent lists such an event from socat's proxy
    curl -sf "http://127.0.0.1:$HTTP_PORT/v1/agent/connect/proxy-events" | jq -e --arg o "$1" --arg r "$2" \
        'any(.[]; .Proxy == "socat-sidecar-proxy" and .Source == "web" and .Destination == "socat" and .Outcome == $o and .Reason == $r)'
}
wait_for 5 'the agent lists the allowed connection among the proxy events' \
    "proxy_event allowed 'web → socat allowed by default: no intention matches'"
wait_for 5 'and the denial, with the intention that decided' \
    "proxy_event denied 'web → socat denied by intention web => socat (deny)'"
expect_result 'consul intention check web socat' 1 'Denied' ''
expect_result 'consul intention match socat' 0 'web => socat (deny)' ''
expect_error 'consul intention create -allow web socat' 1 \
    "Error creating intention \"web => socat (allow)\": Unexpected response code: 500 (duplicate intention found: DENY default/web => default/socat (ID: $(curl -sf "http://127.0.0.1:$HTTP_PORT/v1/connect/intentions" | jq -r '.[0].ID'), Precedence: 9))"

# --- consul intention delete web socat: the echo is back ---------------------------------------
expect_output 'consul intention delete web socat' 'Intention deleted.'
OUT=$(echo_through "$UPSTREAM_PORT" 'Hello Consul via Connect')
if [[ "$OUT" == 'Hello Consul via Connect' ]]; then ok 'after the delete, nc echoes again'
else fail 'after the delete, nc echoes again' "got: $OUT"; fi
expect_result 'consul intention check web socat' 0 'Allowed' ''
expect_error 'consul intention delete web socat' 1 'Error: Intention with source "web" and destination "socat" not found.'
expect_error 'consul intention check web' 2 'Error: command requires exactly two arguments: src and dst'

# --- an open connection is cut when a new intention denies it ------------------------------------
coproc LIVE { timeout 20 nc 127.0.0.1 "$UPSTREAM_PORT"; }
echo 'first' >&"${LIVE[1]}"
read -r -t 5 REPLY <&"${LIVE[0]}"
if [[ "$REPLY" == first ]]; then ok 'a long-lived connection echoes'; else fail 'a long-lived connection echoes' "got: $REPLY"; fi
run 'consul intention create -deny web socat'
if read -r -t 5 REPLY <&"${LIVE[0]}"; then fail 'the new deny closes the open connection' "still open, read: $REPLY"
else ok 'the new deny closes the open connection'; fi
wait "$LIVE_PID" 2>/dev/null
check 'the socat proxy logs why it closed the connection' \
    grep -q 'web → socat closed: web → socat denied by intention web => socat (deny)' "$E2E_TMP/SOCAT_PROXY.log"
wait_for 5 'the agent lists the closed connection among the proxy events' \
    "proxy_event closed 'web → socat denied by intention web => socat (deny)'"
run 'consul intention delete web socat'

# --- the flag form: consul connect proxy -service web -upstream socat:9191 -------------------
background FLAG_PROXY "$QONSUL" connect proxy -service web -upstream "socat:$FLAG_UPSTREAM_PORT"
wait_for 10 'the flag-mode proxy is ready' "grep -q 'Proxy loaded config and ready to serve' '$E2E_TMP/FLAG_PROXY.log'"
FLAG_BANNER=$(sed -n '2,5p' "$E2E_TMP/FLAG_PROXY.log")
EXPECTED_FLAG_BANNER="    Configuration mode: Flags
               Service: web
              Upstream: socat => 127.0.0.1:$FLAG_UPSTREAM_PORT
       Public listener: Disabled"
if [[ "$FLAG_BANNER" == "$EXPECTED_FLAG_BANNER" ]]; then ok 'the flag form prints its configuration'
else fail 'the flag form prints its configuration' "$(diff <(echo "$EXPECTED_FLAG_BANNER") <(echo "$FLAG_BANNER"))"; fi
wait_for 10 'the flag-form upstream echoes' "echo_through $FLAG_UPSTREAM_PORT flags | grep -qx flags"
run 'consul intention create -deny web socat'
OUT=$(echo_through "$FLAG_UPSTREAM_PORT" 'flags')
if [[ -z "$OUT" ]]; then ok 'the flag form is denied too'; else fail 'the flag form is denied too' "got: $OUT"; fi
run 'consul intention delete web socat'
wait_for 5 'and echoes again after the delete' "echo_through $FLAG_UPSTREAM_PORT flags | grep -qx flags"

# --- errors a learner meets ----------------------------------------------------------------
expect_result 'consul connect proxy -sidecar-for nope' 1 '==> Consul Connect proxy starting...' \
    'Failed looking up sidecar proxy info for nope: No sidecar proxy registered for nope'
expect_error 'consul connect proxy' 1 'No proxy ID specified. One of -proxy-id, -sidecar-for, or -service is required'

# The proxies stop cleanly on SIGINT with Consul's last line.
kill -INT "$WEB_PROXY"
wait_for 5 'the web proxy stops on SIGINT' "! kill -0 $WEB_PROXY 2>/dev/null"
check 'and says so' grep -qx '==> Consul Connect proxy shutdown' "$E2E_TMP/WEB_PROXY.log"

e2e_finish
