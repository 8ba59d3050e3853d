#!/usr/bin/env bash
# The Model Builder workflow on a real-world folder (issue 10's measurements):
#  1. `ctk new` on 2,000 Fashion-MNIST training images written as grey PNG, RGB JPEG and upscaled RGB PNG (a third
#     each) with a held-out folder of 1,000 test images in the same mix: wall time, test accuracy, then the generated
#     projects are built and run (the Consumer on test images, the WebApi answering a POST).
#  2. The same 2,000 images plus 1 % broken files (empty, truncated, text named .png): `ctk train` and `ctk evaluate`
#     complete, and every broken file is named in their output.
#
# Usage: benchmarks/new-mixed-folder.sh [--train-time 5m] [--data-dir DIR (Fashion-MNIST IDX files)]
set -euo pipefail

train_time=5m data_dir=/usr/share/datasets/fashion-mnist
while [[ $# -gt 0 ]]; do
    case "$1" in
        --train-time) train_time="$2"; shift 2 ;;
        --data-dir) data_dir="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
bench_cpu
work="$(mktemp -d -t ctk-new-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "== building (Release)"
bench_build src/ClassifierToolkit.Cli benchmarks/MixedFolder
mixed=(dotnet benchmarks/MixedFolder/bin/Release/net10.0/MixedFolder.dll "$data_dir")
"${mixed[@]}" train 2000 "$work/train" >/dev/null
"${mixed[@]}" test 1000 "$work/test" >/dev/null
echo "== folders: $(find "$work/train" -type f | wc -l) training and $(find "$work/test" -type f | wc -l) test files: $(find "$work/train" -name '*.jpg' | wc -l) JPEG, $(find "$work/train" -name '*.png' | wc -l) PNG"
bench_warn_if_busy

echo "== 1. ctk new --train-time $train_time"
start=$(date +%s.%N)
(cd "$work" && "${CTK[@]}" new --scenario image-classification --data train --test-data test --train-time "$train_time" --name Demo --output Demo) | tee "$work/new.log" | grep -E "^Input|Searching|trial [0-9]+ (complete|pruned|cancelled|failed)|Done|error" || true
wall=$(echo "$(date +%s.%N) - $start" | bc)
accuracy=$(python3 -c "import json,sys; print(json.load(open('$work/Demo/Demo.ctk.json'))['result']['testAccuracy'])")
trials=$(python3 -c "import json; r=json.load(open('$work/Demo/Demo.ctk.json'))['result']; print(len(r['trials']), r['pipeline']['model']['name'])")
echo "== building the generated projects"
build_start=$(date +%s.%N)
dotnet build "$work/Demo" -v quiet -nologo | tail -3
build=$(echo "$(date +%s.%N) - $build_start" | bc)
consumer=$(find "$work/Demo/Demo.Consumer/bin" -name 'Demo.Consumer.dll' | head -1)
images=("$work"/test/Bag/*.jpg)
dotnet "$consumer" "${images[@]:0:3}" | tee "$work/consumer.log"
webapi=$(find "$work/Demo/Demo.WebApi/bin" -name 'Demo.WebApi.dll' | head -1)
(cd "$(dirname "$webapi")" && dotnet "$webapi" --urls http://127.0.0.1:5391 >"$work/webapi.log" 2>&1 &) 
for _ in $(seq 60); do curl -sf http://127.0.0.1:5391/health >/dev/null && break; sleep 0.5; done
answer=$(curl -s --data-binary @"${images[0]}" http://127.0.0.1:5391/predict)
pkill -f "$webapi" || true
echo "WebApi: $answer"
echo "RESULT new_wall_s=$(printf %.1f "$wall") test_accuracy=$accuracy trials_and_best_model=\"$trials\" projects_build_s=$(printf %.1f "$build")"

echo "== 2. 1 % broken files: ctk train and ctk evaluate"
rm -rf "$work/broken"
"${mixed[@]}" train 2000 "$work/broken" 1 > "$work/broken.txt"
cat > "$work/broken.json" <<JSON
{ "version": 1, "name": "broken-folder", "data": { "source": "folder", "path": "$work/broken", "validationFraction": 0.2 },
  "input": { "width": 28, "height": 28, "channels": 1 }, "model": { "name": "cnn" }, "training": { "epochs": 3, "device": "cpu" } }
JSON
train_exit=0 evaluate_exit=0
"${CTK[@]}" train "$work/broken.json" --output "$work/broken-run/model.zip" > "$work/train.log" 2>&1 || train_exit=$?
"${CTK[@]}" evaluate "$work/broken-run/model.zip" --data "$work/broken" --report-dir "$work/broken-eval" > "$work/evaluate.log" 2>&1 || evaluate_exit=$?
named_train=0 named_eval=0 named_metrics=0 named_eval_metrics=0
while read -r path; do
    if grep -qF "$path" "$work/train.log"; then named_train=$((named_train + 1)); fi
    if grep -qF "$path" "$work/evaluate.log"; then named_eval=$((named_eval + 1)); fi
    if grep -qF "$path" "$work/broken-run/metrics.json"; then named_metrics=$((named_metrics + 1)); fi
    if grep -qF "$path" "$work/broken-eval/metrics.json"; then named_eval_metrics=$((named_eval_metrics + 1)); fi
done < "$work/broken.txt"
grep -A1 "skipped as unusable" "$work/train.log" | head -2
echo "RESULT broken=$(wc -l < "$work/broken.txt") train_exit=$train_exit evaluate_exit=$evaluate_exit named_on_train_console=$named_train named_on_evaluate_console=$named_eval named_in_train_metrics_json=$named_metrics named_in_evaluate_metrics_json=$named_eval_metrics test_accuracy=$(python3 -c "import json; print(json.load(open('$work/broken-run/metrics.json'))['microAccuracy'])")"
