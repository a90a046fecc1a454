#!/usr/bin/env bash
# Screenshots of every page of the desktop app with data loaded, under Xvfb:
#
#   tests/gui/screenshots.sh [OUTDIR]     (default: build/screenshots)
#   SCHEME=dark tests/gui/screenshots.sh  (or light: forces View ▸ Dark Mode on or off)
#   SCREEN=1024x700 ONLY='service|dns' tests/gui/screenshots.sh  (screen size; shots to take)
#   LANGUAGE=ja LANG=ja_JP.UTF-8 ONLY=track tests/gui/screenshots.sh  (the app in Japanese)
#
# Starts a dev agent, fills it with the tutorial's services and keys through the CLI, then
# opens the app on each page (attached to that agent) and captures the screen; the Agent
# page is shot with an embedded agent, whose log the app streams. Needs xvfb-run and
# ImageMagick's import. Not run by CTest: look at the pictures.
set -euo pipefail
cd "$(dirname "$0")/../.."
QONSUL=${QONSUL:-build/app/qonsul}
out=${1:-build/screenshots}
mkdir -p "$out"

if [ -z "${INSIDE_XVFB:-}" ]; then
    exec env INSIDE_XVFB=1 xvfb-run -a -s "-screen 0 ${SCREEN:-1280x800}x24" "$0" "$@"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
export CONSUL_HTTP_ADDR=127.0.0.1:$port
export XDG_CONFIG_HOME=$(mktemp -d)
export XDG_DATA_HOME=$XDG_CONFIG_HOME/data
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$XDG_CONFIG_HOME"; }
trap cleanup EXIT
if [ -n "${SCHEME:-}" ]; then
    mkdir -p "$XDG_CONFIG_HOME/qonsul"
    printf '[view]\ncolorScheme=%s\n' "$SCHEME" >"$XDG_CONFIG_HOME/qonsul/qonsul.conf"
fi

"$QONSUL" agent -dev -node machine -http-port="$port" -dns-port=0 -node-meta rack:r1 -enable-script-checks \
    >"$out/agent.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://$CONSUL_HTTP_ADDR/v1/status/leader" >/dev/null && break; sleep 0.1; done

"$QONSUL" services register -name web -port 80 -tag rails -tag v1 >/dev/null
"$QONSUL" services register -name db -port 5432 -tag primary >/dev/null
"$QONSUL" services register -name cache -port 6379 >/dev/null
# A second web instance whose check fails: DNS leaves it out and the DNS page says why.
curl -sf -X PUT "http://$CONSUL_HTTP_ADDR/v1/agent/service/register" -d '{"ID":"web-2","Name":"web",
  "Tags":["rails"],"Port":8080,"Check":{"CheckID":"web-2-alive","Name":"web-2 alive","TTL":"30s",
  "Status":"critical"}}'
# Step 6's check of web: curl to a port where nothing listens.
curl -sf -X PUT "http://$CONSUL_HTTP_ADDR/v1/agent/check/register" -d '{"Name":"web curl",
  "ServiceID":"web","Args":["curl","localhost:9"],"Interval":"10s"}' >/dev/null
"$QONSUL" kv put redis/config/minconns 1 >/dev/null
"$QONSUL" kv put redis/config/maxconns 25 >/dev/null
"$QONSUL" kv put -flags=42 app/settings '{"log_level":"debug","features":["a","b"],"limits":{"rps":100}}' >/dev/null
"$QONSUL" kv put motd 'Hello from Qonsul' >/dev/null
# A TTL check starts critical: the pages show a failing check's colour too.
curl -sf -X PUT "http://$CONSUL_HTTP_ADDR/v1/agent/check/register" \
    -d '{"Name":"web-health","ServiceID":"web","TTL":"10m"}' >/dev/null
# A node registered in the catalog only (as a sync tool would), and a lock session.
curl -sf -X PUT "http://$CONSUL_HTTP_ADDR/v1/catalog/register" -d '{"Node":"ext","Address":"10.0.0.9",
    "NodeMeta":{"rack":"r2"},"Service":{"Service":"web","ID":"web-ext","Tags":["rails","v2"],
    "Meta":{"external-source":"kubernetes"},"Port":8080},
    "Check":{"CheckID":"ext-alive","Name":"alive","Status":"warning","Output":"slow"}}' >/dev/null
curl -sf -X PUT "http://$CONSUL_HTTP_ADDR/v1/session/create" -d '{"Name":"deploy-lock","TTL":"60s"}' >/dev/null
# Step 4's intentions: web may call db, nothing else may.
"$QONSUL" intention create -allow web db >/dev/null
"$QONSUL" intention create -deny '*' db >/dev/null

shoot() { # name, args…
    local name=$1
    shift
    [[ "$name" =~ ${ONLY:-.} ]] || return 0
    "$QONSUL" desktop "$@" >"$out/$name.log" 2>&1 &
    local pid=$!
    sleep "${SHOT_DELAY:-2.5}"
    import -window root "$out/$name.png"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "wrote $out/$name.png"
}

shoot 1-services -page=services
shoot 2-service-detail -page=services/web
shoot 3-nodes -page=nodes
shoot 4-node-detail -page=nodes/machine
shoot 4b-node-sessions -page=nodes/machine/lock-sessions
shoot 4c-node-meta -page=nodes/machine/meta-data
shoot 5-kv-root -page=kv
shoot 6-kv-key -page=kv/app/settings
shoot 7-kv-folder -page=kv/redis/config/
shoot 7b-intentions -page=intentions
shoot 8-dns-start -page=dns
shoot 9-dns-srv -page=dns/web.service.consul/SRV
shoot 10-dns-node -page=dns/machine.node.consul/ANY
# Attached to the agent above: its log streams through /v1/agent/monitor.
shoot 11-agent-attached -page=agent
# Nothing answers on a new port: the app embeds its own agent and streams its log.
shoot 12-agent-embedded -http-addr=127.0.0.1:"$(free_port)" -node=embedded -page=agent
# A fresh agent has no keys: the Key/Value page says what to do next.
shoot 13-kv-empty -http-addr=127.0.0.1:"$(free_port)" -node=embedded -page=kv
# A fresh agent has no service of its own: the Services page says what to do next.
shoot 13b-services-new -http-addr=127.0.0.1:"$(free_port)" -node=embedded -page=services

# A lab of three servers and a client (in this run's data dir, on addresses of its own): the
# Lab page's Cluster and Raft tabs, and the Overview of its n1.
lab_shots="15-lab-cluster 16-lab-raft 17-overview 18-lab-gossip"
if [[ "$lab_shots" =~ ${ONLY:-.} ]]; then
    lab_net="127.$((RANDOM % 200 + 30)).$((RANDOM % 250 + 2))"
    "$QONSUL" lab up -servers 3 -clients 1 -first-address "$lab_net.10" >"$out/lab.log" 2>&1
    lab_down() { "$QONSUL" lab down >/dev/null 2>&1 || true; }
    trap 'lab_down; cleanup' EXIT
    "$QONSUL" kv put -http-addr="$lab_net.10:8500" lab/hello world >/dev/null
    shoot 15-lab-cluster -page=lab
    shoot 16-lab-raft -page=lab/raft
    shoot 17-overview -http-addr="$lab_net.10:8500" -page=overview
    # n4 killed: the others' probes to it fail, they suspect it and declare it failed.
    if [[ 18-lab-gossip =~ ${ONLY:-.} ]]; then
        "$QONSUL" lab kill n4 >/dev/null
        sleep 1.5
        shoot 18-lab-gossip -page=lab/gossip
    fi
fi
# The Gossip tab's simulated pool of 1,000 members, a few seconds in.
SHOT_DELAY=${SIMULATION_DELAY:-8} shoot 19-gossip-simulated -page=lab/gossip/simulate

# The guided track, each step with the check it runs when shown: what a learner sees before
# running its commands. The track's own agents would take Consul's default ports: nothing is
# run here.
for step in install agent services connect cluster checks kv ui next; do
    name="20-track-$step"
    [[ "$name" =~ ${ONLY:-.} ]] || continue
    "$QONSUL" desktop -page="track/$step" >"$out/$name.log" 2>&1 &
    app=$!
    sleep "${SHOT_DELAY:-2.5}"
    import -window root "$out/$name.png"
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    echo "wrote $out/$name.png"
done

# The error banner: the agent the app is attached to goes away.
if [[ 14-error-banner =~ ${ONLY:-.} ]]; then
    gone_port=$(free_port)
    "$QONSUL" agent -dev -node gone -http-port="$gone_port" -dns-port=0 >"$out/gone.log" 2>&1 &
    gone=$!
    pids+=($gone)
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$gone_port/v1/status/leader" >/dev/null && break; sleep 0.1; done
    "$QONSUL" desktop -http-addr=127.0.0.1:"$gone_port" -page=nodes >"$out/14-error-banner.log" 2>&1 &
    app=$!
    sleep 2
    kill "$gone"
    sleep "${SHOT_DELAY:-2.5}"
    import -window root "$out/14-error-banner.png"
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    echo "wrote $out/14-error-banner.png"
fi
