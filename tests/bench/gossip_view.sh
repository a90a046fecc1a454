#!/usr/bin/env bash
# The Gossip tab drawing the app's simulated pool of 1,000 members (build/tests/gossip_bench
# under Xvfb): one frame every 33 ms for SECONDS, each timed (take what the pool recorded, the
# scene, a synchronous repaint); the first third while the pool forms, the rest after a member
# is killed and its failure spreads. Goal: no frame over 33 ms. No peer draws a SWIM pool, so
# the goal is the issue's number. Prints a Markdown table and writes it to
# tests/bench/results/gossip_view.md (the driver's JSON beside it).
#
# Environment: GOSSIP_BENCH (default build/tests/gossip_bench), SECONDS_MEASURED=60,
#              MEMBERS=1000
# Needs: xvfb-run, jq (packaging/deps.sh)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
GOSSIP_BENCH=${GOSSIP_BENCH:-$root/build/tests/gossip_bench}
SECONDS_MEASURED=${SECONDS_MEASURED:-60}
MEMBERS=${MEMBERS:-1000}
results=$here/results
mkdir -p "$results"
die() { echo "gossip_view.sh: $*" >&2; exit 1; }
command -v xvfb-run >/dev/null || die "xvfb-run is missing: packaging/deps.sh"
command -v jq >/dev/null || die "jq is missing: packaging/deps.sh"
[ -x "$GOSSIP_BENCH" ] || die "$GOSSIP_BENCH is not built (cmake --build --preset release)"

json=$(xvfb-run -a -s "-screen 0 1400x900x24" "$GOSSIP_BENCH" --members "$MEMBERS" \
    --seconds "$SECONDS_MEASURED")
echo "$json" >"$results/gossip_view.json"
q() { jq -r "$1" <<<"$json"; }
frames() {
    printf '%.2f / %.2f / %.2f ms (%s of %s over 33 ms; UI thread CPU p50 %.2f, max %.2f ms)' \
        "$(q ".$1_frame_ms_p50")" "$(q ".$1_frame_ms_p99")" "$(q ".$1_frame_ms_max")" \
        "$(q ".$1_frames_over_33ms")" "$(q ".$1_frames")" \
        "$(q ".$1_frame_cpu_ms_p50")" "$(q ".$1_frame_cpu_ms_max")"
}
table=$(cat <<TABLE
| Gossip view, $MEMBERS simulated members ($(nproc) cores, Xvfb, 1280×800) | Result | Goal |
|---|---|---|
| Frames while the pool forms: p50 / p99 / max | $(frames forming) | no frame over 33 ms |
| Frames while a killed member's failure spreads: p50 / p99 / max | $(frames failing) | no frame over 33 ms |
| The pool's clock against the wall clock; most probes drawn in one frame | $(printf '%.2f×' "$(q .pace_at_end)"); $(q .probes_drawn_max) | 1× |
| Memory: the view's record / the whole process (the pool's members included) | $(printf '%.1f / %.0f MiB' "$(q .record_mib)" "$(q .resident_mib)") | — |
TABLE
)
echo "$table" | tee "$results/gossip_view.md"
