#!/usr/bin/env bash
# ctk ui under a large root: 200 runs (copies of one real ctk train run) and a study of 500 trials (made-up values written
# through the store's API), then the page load times in headless chromium and the API's times over HTTP; with --watch,
# the memory of ctk ui while a real `ctk automl` search runs and a browser keeps its study page open (live).
#
# Usage: benchmarks/ui-load.sh [--runs N] [--trials N] [--rounds N] [--watch-minutes M]
#   --runs           run folders under the root (default 200)
#   --trials         trials of the study (default 500)
#   --rounds         timed loads per page after a first one (default 5)
#   --watch-minutes  also watch memory for M minutes with a search running (default 0: skip); WATCH_SEARCH="cmd"
#                    runs that search instead of one ctk automl (ROOT and CTK are set for it)
set -euo pipefail

runs=200
trials=500
rounds=5
watch=0
while (($#)); do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --trials) trials="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --watch-minutes) watch="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
bench_cpu
work="$(mktemp -d -t ctk-ui-load.XXXXXX)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

bench_warn_if_busy
echo "== building (Release)"
bench_build src/ClassifierToolkit.Cli benchmarks/UiLoad
uiload=(dotnet benchmarks/UiLoad/bin/Release/net10.0/UiLoad.dll)
root="$work/root"

echo "== $runs runs: one ctk train run (1 epoch, 2,000 images, 1,000 test images), copied"
"${CTK[@]}" train pipelines/fashion-mnist-cnn.json --epochs 1 --train-limit 2000 --test-limit 1000 --set training.tensorBoard=false \
    --output "$root/runs/run-001/model.zip" > "$work/train.log" 2>&1 || { cat "$work/train.log" >&2; exit 1; }
for ((i = 2; i <= runs; i++)); do
    copy="$root/runs/run-$(printf %03d "$i")"
    cp -r "$root/runs/run-001" "$copy"
    touch -d "@$(( $(date +%s) - i * 60 ))" "$copy/metrics.json"
done
echo "== a study of $trials trials"
"${uiload[@]}" fill-study "$root/search/experiment.db" pipelines/fashion-mnist-automl.json --trials "$trials"

port=5199
"${CTK[@]}" ui --root "$root" --port "$port" > "$work/ui.log" 2>&1 &
ui_pid=$!
pids+=("$ui_pid")
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
study="store=search/experiment.db&study=bench-study"
echo "== page load: first load, then the median of $rounds (headless chromium; the clock stops when the page shows its rows)"
"${uiload[@]}" time --rounds "$rounds" \
    list "$base/#/" "#runs tr" "$((runs + 1))" "$base/api/items" \
    run "$base/#/run?run=runs/run-001" "#confusion tr" 11 "$base/api/run?run=runs/run-001" \
    study "$base/#/study?$study" "#leaderboard tr[data-trial]" "$trials" "$base/api/study?$study"
echo "RESULT ui_rss_after_loads=$(awk '/VmRSS/ {print $2, $3}' "/proc/$ui_pid/status")"

if [[ "$watch" != 0 ]]; then
    # The search that runs meanwhile: WATCH_SEARCH, a shell command run with ROOT set to the ui's root (its output must go
    # under it), e.g. the AutoML ablation; by default one ctk automl on the full data for the whole time.
    default_search="\"\$CTK\" automl pipelines/fashion-mnist-automl.json --time-budget ${watch}m --output \"\$ROOT/live\""
    search="${WATCH_SEARCH:-$default_search}"
    echo "== memory for $watch minutes: a browser on the running study's page while this runs: $search"
    ROOT="$root" CTK="${CTK[0]}" bash -c "$search" > "$work/search.log" 2>&1 &
    search_pid=$!
    "${uiload[@]}" watch "$ui_pid" "$base" --minutes "$watch" --every-seconds 60
    echo "== waiting for the search to end"
    wait "$search_pid" || echo "the search exited with $?"
    echo "RESULT ui_rss_at_end=$(awk '/VmRSS/ {print $2, $3}' "/proc/$ui_pid/status")"
    echo "== the search's output"
    cat "$work/search.log"
fi
