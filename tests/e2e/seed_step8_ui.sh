#!/usr/bin/env bash
# Seed tutorial, step 8 ("Use the Consul UI"):
#   $ consul agent -dev -ui -node machine
#   then open http://localhost:8500/ui in a browser.
# Qonsul's UI is its desktop app; what the browser finds is a page that says so, with the
# exact command that opens the app attached to this agent. As in Consul, `/` redirects to
# /ui/ when the UI is on (a dev agent has it on), and /ui/ is a 404 when it is off.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

start_agent -ui

http GET /
expect_status 301
expect_header Location /ui/

http GET /ui
expect_status 301
expect_header Location /ui/

for path in /ui/ /ui/dc1/services; do
    http GET "$path"
    expect_status 200
    expect_header Content-Type 'text/html; charset=utf-8'
    check "GET $path names the node" grep -q '<td id="node">machine</td>' "$E2E_TMP/body"
    check "GET $path names the datacenter" grep -q '<td id="datacenter">dc1</td>' "$E2E_TMP/body"
    check "GET $path names the leader" grep -q "<td id=\"leader\">127.0.0.1:$SERVER_PORT</td>" "$E2E_TMP/body"
    check "GET $path gives the command that opens the desktop app attached to this agent" \
        grep -q "<pre id=\"command\">qonsul desktop -attach -http-addr=127.0.0.1:$HTTP_PORT</pre>" "$E2E_TMP/body"
done

http POST /ui/
expect_status 405
expect_header Allow GET,HEAD

# The start-up log says where the UI is.
check "the log says where the UI is" \
    grep -q "\[INFO\] agent: UI: http://127.0.0.1:$HTTP_PORT/ui/ .*qonsul desktop -attach -http-addr=127.0.0.1:$HTTP_PORT" "$AGENT_LOG"

# The API is not shadowed by the UI.
http GET /v1/status/leader
expect_status 200
stop_agent

# UI off: Consul's root text, and no /ui/.
start_agent -ui=false
expect_http GET / 200 'Consul Agent'
http GET /ui/
expect_status 404
check "no UI line in the log" bash -c "! grep -q 'agent: UI:' '$AGENT_LOG'"

