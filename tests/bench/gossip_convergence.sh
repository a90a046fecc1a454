#!/usr/bin/env bash
# Gossip convergence at LAN defaults next to the model of serf's convergence simulator
# (tests/bench/gossip/gossip_convergence.cpp says what is measured and how):
#   - the real core (every member a full Swim) at N = 30 and 1,000: a join and a crash per
#     trial in one pool;
#   - one broadcast spreading through N = 30, 1,000 and 10,000 members that run only what
#     carries it, checked against the core at 30 and 1,000.
# The model: serf's simulator, fanout 3, interval 200 ms, no loss: the fraction informed
# after r rounds is 1 / (1 + (N+1) e^(-1.5 r)), and converged at 99.99 %, drawn per round.
#
# Writes tests/bench/results/gossip_convergence.md (the table) and docs/images/
# gossip_convergence.png (the chart, with gnuplot). Takes 10–15 minutes, mostly the core at
# 1,000 members.
#
# Environment:
#   BUILD=build        the build directory (tests/gossip_convergence in it)
#   CORE_TRIALS=3      trials of the core per N
#   SPREAD_TRIALS=9    trials of the spread per N
#   CORE_SIZES="30 1000", SPREAD_SIZES="30 1000 10000"
#   COST_SIZES="30 1000", COST_SECONDS=60   the steady-state cost runs
#   SEED=1
# Needs: gnuplot (packaging/deps.sh --bench)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-$root/build}
CORE_TRIALS=${CORE_TRIALS:-3}
SPREAD_TRIALS=${SPREAD_TRIALS:-9}
CORE_SIZES=${CORE_SIZES:-30 1000}
SPREAD_SIZES=${SPREAD_SIZES:-30 1000 10000}
COST_SIZES=${COST_SIZES:-30 1000}
COST_SECONDS=${COST_SECONDS:-60}
SEED=${SEED:-1}
bin=$BUILD/tests/gossip_convergence
results=$here/results
chart=$root/docs/images/gossip_convergence.png

die() { echo "gossip_convergence.sh: $*" >&2; exit 1; }
[ -x "$bin" ] || die "no $bin: build the project first"
command -v gnuplot >/dev/null || die "gnuplot is not installed: run packaging/deps.sh --bench"

# The runs' raw output stays in results/gossip_convergence.raw; REUSE=1 redraws the table and
# the chart from it without running anything.
work=$results/gossip_convergence.raw
mkdir -p "$work" "$(dirname "$chart")"

median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
# The model's time to 99.99 %, in ms: the first whole round at which it is reached.
model_ms() {
    awk -v n="$1" 'BEGIN { for (r = 0; r < 100; r++) if (1 / (1 + (n + 1) * exp(-1.5 * r)) >= 0.9999) { print r * 200; exit } }'
}
# column K of the lines of FILE that start with EVENT, space-separated (a trial that never
# converged prints -1 and fails the run).
column() { awk -v e="$2" -v k="$3" '$1 == e { printf "%s ", $k }' "$1"; }

[ -z "${REUSE:-}" ] || echo "gossip_convergence.sh: reusing the runs in $work" >&2
[ -n "${REUSE:-}" ] || for n in $CORE_SIZES; do
    echo "gossip_convergence.sh: the core, N=$n, $CORE_TRIALS trials" >&2
    "$bin" core "$n" "$CORE_TRIALS" "$SEED" >"$work/core.$n"
done
[ -n "${REUSE:-}" ] || for n in $SPREAD_SIZES; do
    echo "gossip_convergence.sh: the spread, N=$n, $SPREAD_TRIALS trials" >&2
    "$bin" spread "$n" "$SPREAD_TRIALS" "$SEED" >"$work/spread.$n"
done
[ -n "${REUSE:-}" ] || for n in $COST_SIZES; do
    echo "gossip_convergence.sh: the cost, N=$n, $COST_SECONDS s" >&2
    "$bin" cost "$n" "$COST_SECONDS" "$SEED" >"$work/cost.$n"
done
if grep -qE -- '^(join|failure) (-1|.* -1)$' "$work"/core.* "$work"/spread.*; then
    die "a trial did not reach 99.99 % within its limit: $(grep -l -- ' -1' "$work"/*)"
fi

# get FILE KEY: the value after KEY in a cost run's output.
get() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$1"; }
seconds() { awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
row() { # N WHAT FILE EVENT COLUMN
    local n=$1 what=$2 file=$3 event=$4 k=$5 values med model
    values=$(column "$file" "$event" "$k")
    med=$(median <<<"$values")
    model=$(model_ms "$n")
    echo "| $n | $what | $(seconds "$med") | $(seconds "$model") | $(ratio "$med" "$model") | $(for v in $values; do printf '%s ' "$(seconds "$v")"; done)|"
}
{
    echo "# Gossip convergence at LAN defaults vs serf's model"
    echo
    echo "$(date -u +%Y-%m-%d), seed $SEED; time until 99.99 % of the members know; median of"
    echo "the trials. Ratio is Qonsul / model (below 1: faster than the model)."
    echo
    echo "| N | what | Qonsul | model | ratio | trials |"
    echo "|--:|---|--:|--:|--:|---|"
    for n in $CORE_SIZES; do
        row "$n" "core: a join" "$work/core.$n" join 2
        row "$n" "core: a failure, from the first member to declare it" "$work/core.$n" failure 2
        row "$n" "core: a failure, from the crash (detection and suspicion included)" "$work/core.$n" failure 3
    done
    for n in $SPREAD_SIZES; do
        row "$n" "spread: a join" "$work/spread.$n" join 2
        row "$n" "spread: a failure" "$work/spread.$n" failure 2
    done
    echo
    echo "Cost per member in a steady state ($COST_SECONDS s simulated; wire codec sizes,"
    echo "without UDP/IP headers or encryption's 29 bytes a packet):"
    echo
    echo "| pool of N | UDP bytes/s sent per member | UDP packets/s | TCP push/pull bytes/s | CPU of one member, % of a core | CPU of 1,000 such members, cores |"
    echo "|--:|--:|--:|--:|--:|--:|"
    for n in $COST_SIZES; do
        f=$work/cost.$n
        echo "| $n | $(get "$f" udp_bytes_per_member_s) | $(get "$f" udp_packets_per_member_s) |" \
            "$(get "$f" tcp_bytes_per_member_s) |" \
            "$(awk -v s="$(get "$f" cpu_core_share_per_member)" 'BEGIN { printf "%.3f", s * 100 }') |" \
            "$(get "$f" cpu_core_share_per_1000) |"
    done
} | tee "$results/gossip_convergence.md"

# --- the chart: each N's model curve, and ours (the first join trial) -----------------------
for n in $SPREAD_SIZES; do
    awk -v n="$n" 'BEGIN { for (r = 0; r <= 20; r++) printf "%.3f %.6f\n", r * 0.2, 100 / (1 + (n + 1) * exp(-1.5 * r)) }' >"$work/model.$n.dat"
    awk '$1 == "curve" && $2 == "join" { printf "%.3f %.6f\n", $3 / 1000, $4 * 100 }' "$work/spread.$n" >"$work/spread.$n.dat"
done
for n in $CORE_SIZES; do
    awk '$1 == "curve" && $2 == "join" { printf "%.3f %.6f\n", $3 / 1000, $4 * 100 }' "$work/core.$n" >"$work/core.$n.dat"
done
plots=()
colors=('#1f77b4' '#d62728' '#2ca02c')
i=0
for n in $SPREAD_SIZES; do
    c=${colors[$((i % 3))]}
    plots+=("'$work/model.$n.dat' using 1:2 with linespoints dt 2 pt 7 ps 0.5 lc rgb '$c' title 'model, N=$n'")
    plots+=("'$work/spread.$n.dat' using 1:2 with steps lw 2 lc rgb '$c' title 'Qonsul spread, N=$n'")
    if [[ " $CORE_SIZES " == *" $n "* ]]; then
        plots+=("'$work/core.$n.dat' using 1:2 with steps lw 1 dt 3 lc rgb '$c' title 'Qonsul core, N=$n'")
    fi
    i=$((i + 1))
done
plot_line=$(IFS=,; echo "${plots[*]}")
gnuplot <<EOF
set terminal pngcairo size 900,520 font 'DejaVu Sans,10'
set output '$chart'
set title 'A join reaching the pool: Qonsul at LAN defaults vs the model of serf''s simulator'
set xlabel 'seconds since the join'
set ylabel 'members that know (%)'
set xrange [0:3]
set yrange [0:101]
set key right bottom
set grid
plot $plot_line
EOF
echo "gossip_convergence.sh: table in $results/gossip_convergence.md, chart in $chart" >&2
