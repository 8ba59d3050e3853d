#!/usr/bin/env bash
# int8 against fp32: quantizes each model with `ctk quantize` (calibrated on 500 Fashion-MNIST training images), then
# scores the 10,000 test images with both in alternating rounds (batched ONNX Runtime path, model only) and prints
# ms/image, the speedup, test accuracy of both, label agreement, and whether plain ML.NET loads the int8 .zip.
#
# Usage: benchmarks/quantize.sh [--rounds N] [--count N] [model.zip ...]
#   models default to models/fashion-mnist-cnn.zip; pass a ResNet-20 .zip too, e.g. one from
#   `ctk train pipelines/fashion-mnist-resnet-small.json` (any model whose input is 28×28 grey).
set -euo pipefail

rounds=7 count=500 models=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --count) count="$2"; shift 2 ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) models+=("$1"); shift ;;
    esac
done
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
bench_cpu
((${#models[@]})) || models=(models/fashion-mnist-cnn.zip)
work="$(mktemp -d -t ctk-quantize.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "== building (Release)"
dotnet build -c Release src/ClassifierToolkit.Cli -v quiet -nologo
dotnet build -c Release benchmarks/Quantization -v quiet -nologo
read -r load _ < /proc/loadavg
echo "== $(nproc) cores, load average $load"

for model in "${models[@]}"; do
    int8="$work/$(basename "${model%.zip}")-int8.zip"
    echo "== ctk quantize $model --calibration fashion-mnist --count $count"
    dotnet run -c Release --no-build --project src/ClassifierToolkit.Cli -- quantize "$model" --calibration fashion-mnist --count "$count" -o "$int8"
    echo "== fp32 vs int8: $model"
    dotnet run -c Release --no-build --project benchmarks/Quantization -- "$model" "$int8" "$rounds"
done
