-- One wrk request shape for every system in kv_http.sh, set from the environment:
--   WRK_METHOD (default GET), WRK_BODY (default none), WRK_CONTENT_TYPE (default none).
-- The URL (and so the path) comes from wrk's command line. At the end it prints one line
-- that kv_http.sh parses, beside wrk's usual --latency report:
--   RESULT rps=<req/s> p50_us=<µs> p99_us=<µs> requests=<n> non2xx=<n> socket_errors=<n>
wrk.method = os.getenv("WRK_METHOD") or "GET"

local body = os.getenv("WRK_BODY")
if body and body ~= "" then
    wrk.body = body
end

local content_type = os.getenv("WRK_CONTENT_TYPE")
if content_type and content_type ~= "" then
    wrk.headers["Content-Type"] = content_type
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d non2xx=%d socket_errors=%d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(99),
        summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
