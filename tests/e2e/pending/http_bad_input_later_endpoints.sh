#!/usr/bin/env bash
# Bad input for endpoints that later issues add (/v1/event is not in any open issue yet). Not
# run by CTest (tests/e2e/pending is not collected): move each line back into
# tests/e2e/http_bad_input.sh when its endpoint lands.
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib.sh"

start_agent
expect_http PUT /v1/event/fire/ 400 'Missing name'
