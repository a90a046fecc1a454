#!/usr/bin/env bash
# Seed tutorial steps 2 and 3: `consul members` on a dev agent named "machine" and
# `consul reload`, with the exact table layout, streams and exit codes.
set -u
source "$(dirname "$0")/lib/dev_agent.sh"
start_dev_agent

addr="127.0.0.1:$SERF_PORT"
build=$(curl -s "http://$CONSUL_HTTP_ADDR/v1/agent/members" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["Tags"]["build"].split(":")[0])')
row() {
    printf "%-7s  %-${#addr}s  %-6s  %-6s  %-${width}s  %-8s  %-3s  %s\n" "$@"
}
width=$(( ${#build} > 5 ? ${#build} : 5 ))
members=$(row Node Address Status Type Build Protocol DC Segment; row machine "$addr" alive server "$build" 2 dc1 "<all>")

check "members" 0 "$members"$'\n' '' -- "$QONSUL" members
check "members -status matching nothing" 2 '' '' -- "$QONSUL" members -status=failed
check "reload" 0 $'Configuration reload triggered\n' '' -- "$QONSUL" reload
check "version" 0 "$("$QONSUL" version)"$'\n' '' -- "$QONSUL" -v

finish
