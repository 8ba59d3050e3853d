#!/usr/bin/env bash
# ctk serve under load: benchmarks/ServeLoad POSTs the 10,000 Fashion-MNIST test PNGs to /predict from concurrent
# clients against `ctk serve` running in its own process on loopback, twice: a steady run, then the same load while
# the served model file is replaced by a different model halfway (hot reload). Reports requests/s, latency
# percentiles, errors and the server's memory; fails unless the swap run had 0 errors and the new model was served.
#
# Usage: benchmarks/serve-load.sh [--clients N] [--requests N] [--warmup N] [--batch N]
#   --clients   concurrent clients (default 16)
#   --requests  measured requests per run (default 20000); the swap run replaces the model after half of them
#   --warmup    unmeasured requests before each run (default 500)
#   --batch     images per request (default 1: POST /predict; more: POST /predict/batch with that many files)
set -euo pipefail

clients=16
requests=20000
warmup=500
batch=1
while (($#)); do
    case "$1" in
        --clients) clients="$2"; shift 2 ;;
        --requests) requests="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --batch) batch="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
if ((requests < 2)); then echo "--requests must be at least 2 (the swap happens after half of them)" >&2; exit 2; fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
bench_cpu
work="$(mktemp -d -t ctk-serve-load.XXXXXX)"
server_pid=""
stop_server() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap stop_server EXIT

bench_warn_if_busy
echo "== building (Release)"
bench_build src/ClassifierToolkit.Cli benchmarks/ServeLoad
images="$(bench_test_pngs)"
load_client=(dotnet benchmarks/ServeLoad/bin/Release/net10.0/ServeLoad.dll)

# The model swapped in must differ in content, or GET /model's sha256 cannot show that the server switched; a copy of the
# shipped zip would not. A re-saved copy would differ only in bytes; a freshly trained model (1 epoch on 2,000 images,
# a few seconds) differs in weights too, so the server really loads another network, and it always matches the
# current code's saved format. It is trained on every run for that reason.
echo "== training a second model to swap in (1 epoch, 2,000 images)"
if ! "${CTK[@]}" train pipelines/fashion-mnist-cnn.json --epochs 1 --train-limit 2000 --test-limit 500 \
        --output "$work/swap/model.zip" > "$work/train.log" 2>&1; then
    cat "$work/train.log" >&2
    exit 1
fi

mkdir -p "$work/served"
cp models/fashion-mnist-cnn.zip "$work/served/model.zip"
port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
echo "== starting ctk serve on 127.0.0.1:$port (log: server.log in the temporary folder)"
"${CTK[@]}" serve "$work/served/model.zip" --port "$port" --host 127.0.0.1 > "$work/server.log" 2>&1 &
server_pid=$!
for ((tries = 0; ; tries++)); do
    if curl -sf "http://127.0.0.1:$port/health" > /dev/null; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null || ((tries >= 300)); then
        echo "!! ctk serve did not answer /health:" >&2
        cat "$work/server.log" >&2
        exit 1
    fi
    sleep 0.2
done

# Resident or peak memory of the server process, in MB ("-" once it has exited).
server_memory() { awk -v key="$1" '$1 == key ":" { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status" 2>/dev/null || echo -; }
rss_start="$(server_memory VmRSS)"
echo "server pid $server_pid, RSS after start ${rss_start} MB"

run_load() {
    local name="$1"; shift
    echo "== $name: ${load_client[*]} $*"
    "${load_client[@]}" --url "http://127.0.0.1:$port" --clients "$clients" --requests "$requests" --warmup "$warmup" \
        --batch "$batch" --images "$images" "$@" 2>&1 | tee "$work/$name.log" || echo "!! $name: the load client reported a failure" >&2
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "!! ctk serve has exited during the $name run:" >&2
        cat "$work/server.log" >&2
        exit 1
    fi
}

run_load steady
rss_steady="$(server_memory VmRSS)"
run_load swap --swap-after $((requests / 2)) --swap-from "$work/swap/model.zip" --swap-to "$work/served/model.zip"
rss_swap="$(server_memory VmRSS)"
peak="$(server_memory VmHWM)"
echo "== server log"
cat "$work/server.log"

f() { bench_result_field "$work/$1.log" "$2"; }
echo
echo "ctk serve, $clients clients, $requests requests of $batch image(s) per run, $(nproc) cores (client and server share them):"
printf '%-12s%10s%10s%10s%10s%10s%8s%15s\n' run "req/s" "p50 ms" "p95 ms" "p99 ms" "max ms" errors "server RSS MB"
for run in steady swap; do
    rss_name="rss_$run"
    printf '%-12s%10s%10s%10s%10s%10s%8s%15s\n' "$run" "$(f "$run" requests_per_sec)" "$(f "$run" p50_ms)" "$(f "$run" p95_ms)" \
        "$(f "$run" p99_ms)" "$(f "$run" max_ms)" "$(f "$run" errors)" "${!rss_name}"
done
echo "server RSS after start ${rss_start} MB, peak (VmHWM) ${peak} MB"
echo "swap: new model served $(f swap swap_served_ms) ms after the file was replaced; under load: $(f swap swap_under_load)"

status=0
if [[ "$(f swap errors)" != 0 ]]; then echo "!! the swap run had $(f swap errors) errors" >&2; status=1; fi
if [[ "$(f swap swapped)" != true ]]; then echo "!! the new model's sha256 was not served after the swap" >&2; status=1; fi
echo "RESULT serve_load clients=$clients requests=$requests batch=$batch images_per_sec=$(f steady images_per_sec) requests_per_sec=$(f steady requests_per_sec) p50_ms=$(f steady p50_ms)" \
    "p99_ms=$(f steady p99_ms) errors=$(f steady errors) swap_requests_per_sec=$(f swap requests_per_sec) swap_p99_ms=$(f swap p99_ms)" \
    "swap_errors=$(f swap errors) swapped=$(f swap swapped) swap_served_ms=$(f swap swap_served_ms) rss_mb=$rss_swap peak_rss_mb=$peak"
exit $status
