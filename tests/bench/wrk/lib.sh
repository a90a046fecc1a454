# Shared by the wrk benchmarks (kv_http.sh, raft_cluster.sh): one wrk run into the result
# tables, and the Markdown cells made from them. Sourced; the caller declares, before any
# run, the associative arrays url, method, body, ctype (keyed SYSTEM/OP) and rps, p50, p99,
# errors (keyed SYSTEM/OP/CONNS), and sets $lua and $raw (where wrk's reports go).

# wrk_cell SYSTEM OP CONNS ROUND: one wrk run, added to the cell's samples.
wrk_cell() {
    local system=$1 op=$2 conns=$3 rep=$4
    local threads=$((conns == 1 ? 1 : 2)) cell=$1/$2/$3 out result
    local r_rps r_p50 r_p99 r_requests r_non2xx r_socket_errors
    echo "### round $rep: $cell" >>"$raw"
    out=$(WRK_METHOD=${method[$system/$op]} WRK_BODY=${body[$system/$op]} \
        WRK_CONTENT_TYPE=${ctype[$system/$op]} \
        wrk -t"$threads" -c"$conns" -d"$DURATION" --latency -s "$lua" "${url[$system/$op]}")
    echo "$out" >>"$raw"
    result=$(grep '^RESULT ' <<<"$out") || die "wrk printed no RESULT line for $cell"
    read -r r_rps r_p50 r_p99 r_requests r_non2xx r_socket_errors \
        <<<"$(sed -E 's/RESULT //; s/[a-z0-9_]+=//g' <<<"$result")"
    rps[$cell]+="$r_rps " p50[$cell]+="$r_p50 " p99[$cell]+="$r_p99 "
    errors[$cell]=$((${errors[$cell]:-0} + r_non2xx + r_socket_errors))
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
# Formats microseconds: 62 µs, 1.25 ms.
latency() { awk -v us="$1" 'BEGIN { if (us < 1000) printf "%d µs", us; else printf "%.2f ms", us/1000 }'; }

cell_rps() { if [ -n "${rps[$1]:-}" ]; then median <<<"${rps[$1]}"; fi; }
cell_text() { # req/s of a cell, flagged when some requests failed
    local r
    r=$(cell_rps "$1")
    [ -n "$r" ] || { echo "—"; return; }
    printf "%.0f" "$r"
    [ "${errors[$1]}" -eq 0 ] || printf " ⚠ %d errors" "${errors[$1]}"
}
cell_latency() {
    [ -n "${p50[$1]:-}" ] || { echo "—"; return; }
    echo "$(latency "$(median <<<"${p50[$1]}")") / $(latency "$(median <<<"${p99[$1]}")")"
}
ratio() {
    local a b
    a=$(cell_rps "$1")
    b=$(cell_rps "$2")
    if [ -z "$a" ] || [ -z "$b" ]; then echo "—"; return; fi
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }'
}
