#!/usr/bin/env bash
# `qonsul desktop`'s command line where there is no display: help is printed (not a display
# error), and a bad flag is named, with the usage, before any window would open.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

no_display() { env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$QONSUL" "$@"; }

no_display desktop -h >"$E2E_TMP/out" 2>"$E2E_TMP/err"
check "desktop -h exits 0 without a display" test $? -eq 0
check "desktop -h prints the usage" grep -q '^Usage: qonsul desktop \[options\]' "$E2E_TMP/err"
check "the usage names the agent flags for the embedded agent" grep -q -- '-enable-script-checks' "$E2E_TMP/err"

no_display desktop -enable-script-checks -node machine -bogus >"$E2E_TMP/out" 2>"$E2E_TMP/err"
check "a bad flag exits 1" test $? -eq 1
check "a bad flag is named" grep -q '^flag provided but not defined: -bogus$' "$E2E_TMP/err"

no_display desktop -enable-script-checks -node machine >"$E2E_TMP/out" 2>"$E2E_TMP/err"
check "good flags get as far as the display check" grep -q '^qonsul desktop: no display' "$E2E_TMP/err"
