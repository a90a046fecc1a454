#!/usr/bin/env bash
# Bad input for endpoints that later issues add (/v1/txn and /v1/event are not in any open
# issue yet). Not run by CTest (tests/e2e/pending is not collected): move each line back into
# tests/e2e/http_bad_input.sh when its endpoint lands.
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib.sh"

start_agent
expect_http_prefix PUT /v1/txn 400 'Failed to parse body: ' --data '[{"KV": {"Verb": "set"'
expect_http PUT /v1/event/fire/ 400 'Missing name'
