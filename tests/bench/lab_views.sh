#!/usr/bin/env bash
# The desktop lab's views under load, on real labs (build/tests/lab_bench under Xvfb):
#   - the tutorial preset: click on "Start Tutorial Lab" to the leader's mark, RUNS times;
#   - the Raft view of a 7-server lab while wrk writes to the leader over 32 connections:
#     one frame every 33 ms for SECONDS (the scene at the clock's cursor, then a repaint),
#     each timed; goal: none over 33 ms;
#   - the Raft recorder's growth per minute of that lab; goal: at most 5 MiB.
# No peer draws a live Raft cluster, so the goals are the issue's numbers. Prints a Markdown
# table and writes it to tests/bench/results/lab_views.md (the driver's JSON beside it).
#
# Environment: QONSUL (default build/app/qonsul), LAB_BENCH (default build/tests/lab_bench),
#              SECONDS_MEASURED=60, RUNS=3
# Needs: packaging/deps.sh --bench (wrk), xvfb-run
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
QONSUL=${QONSUL:-$root/build/app/qonsul}
LAB_BENCH=${LAB_BENCH:-$root/build/tests/lab_bench}
SECONDS_MEASURED=${SECONDS_MEASURED:-60}
RUNS=${RUNS:-3}
results=$here/results
mkdir -p "$results"
die() { echo "lab_views.sh: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is missing: packaging/deps.sh --bench"
command -v xvfb-run >/dev/null || die "xvfb-run is missing: packaging/deps.sh"
[ -x "$LAB_BENCH" ] || die "$LAB_BENCH is not built (cmake --build --preset release)"

json=$(xvfb-run -a -s "-screen 0 1400x900x24" "$LAB_BENCH" --qonsul "$QONSUL" \
    --seconds "$SECONDS_MEASURED" --runs "$RUNS")
echo "$json" >"$results/lab_views.json"

median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
start=$(jq -r '.preset_start_s | map(tostring) | join(" ")' <<<"$json" | median)
q() { jq -r "$1" <<<"$json"; }
table=$(cat <<TABLE
| Lab view ($(nproc) cores, Xvfb) | Result | Goal |
|---|---|---|
| Tutorial preset: click to leader on screen (median of $RUNS) | $(printf '%.2f' "$start") s | — |
| Raft view, 7 servers under writes: frame p50 / p99 / max | $(printf '%.2f / %.2f / %.2f' "$(q .raft_frame_ms_p50)" "$(q .raft_frame_ms_p99)" "$(q .raft_frame_ms_max)") ms | no frame over 33 ms |
| … the UI thread's CPU time per frame: p50 / max | $(printf '%.2f / %.2f' "$(q .raft_frame_cpu_ms_p50)" "$(q .raft_frame_cpu_ms_max)") ms | under 33 ms |
| … frames over 33 ms on the wall clock (of $(q .raft_frames)); most messages in flight in one frame | $(q .raft_frames_over_33ms); $(q .raft_messages_in_flight_max) | 0 |
| Raft recorder growth per minute ($(printf '%.0f' "$(q .recorder_message_records_per_s)") message records/s) | $(awk -v b="$(q .recorder_bytes_per_minute)" 'BEGIN{printf "%.2f", b/1048576}') MiB | ≤ 5 MiB |
TABLE
)
echo "$table" | tee "$results/lab_views.md"
echo "wrk during the frames: $(q .wrk)"
