#!/usr/bin/env bash
# Runs the whole suite N times in a row (default 10) from an existing release build, while a
# clean build of the same tree (ccache off, -j2) runs over and over on the same cores: the
# check that no test depends on timing. By hand, never in CI.
#
#   tests/repeat_suite.sh [N]
set -uo pipefail
ROOT=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-10}
OTHER=$(mktemp -d "${TMPDIR:-/tmp}/qonsul-other-build.XXXXXX")
DONE="$OTHER/done"
(
    while [[ ! -e "$DONE" ]]; do
        rm -rf "$OTHER/build"
        CCACHE_DISABLE=1 cmake -S "$ROOT" -B "$OTHER/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null 2>&1
        CCACHE_DISABLE=1 cmake --build "$OTHER/build" -j2 >/dev/null 2>&1
    done
) &
builder=$!
trap 'touch "$DONE"; pkill -P $builder; kill $builder 2>/dev/null; wait; rm -rf "$OTHER"' EXIT
cd "$ROOT"
passed=0
for ((i = 1; i <= RUNS; i++)); do
    log="$OTHER/run-$i.log"
    if ctest --preset release --no-tests=error --output-on-failure >"$log" 2>&1; then
        passed=$((passed + 1))
    else
        grep -E 'Failed|\*\*\*' "$log" | head -5
    fi
    echo "run $i: $(grep -E 'tests passed' "$log"), load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "passed $passed/$RUNS"
((passed == RUNS))
