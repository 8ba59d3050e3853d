#!/usr/bin/env bash
# Is int8 right on a CPU without VNNI? ONNX Runtime's int8 kernels for AVX2 multiply uint8 activations by int8 weights and
# add each pair of products in 16 bits (vpmaddubsw), which saturates; with VNNI they accumulate in 32 bits. This quantizes
# a model twice (--weights full: 8-bit weights; --weights reduced: 7-bit, what ctk quantize picks without VNNI), then
# scores fp32 and both int8 models on the Fashion-MNIST test images natively and under QEMU's user-mode emulation of a
# Haswell CPU (AVX2, FMA; no AVX-512, no VNNI), so ONNX Runtime runs its AVX2 kernels on any x86 machine. Prints each
# model's test accuracy both ways. Emulation gives accuracy, not speed: its timings are meaningless.
#
# Needs Debian's qemu-user (installed here when missing and run as root).
# Usage: benchmarks/int8-without-vnni.sh [--limit N] [--count N] [model.zip]   (default: models/fashion-mnist-cnn.zip, 10,000 images)
set -euo pipefail

limit=10000 count=500 model=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --limit) limit="$2"; shift 2 ;;
        --count) count="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) model="$1"; shift ;;
    esac
done
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
model="${model:-models/fashion-mnist-cnn.zip}"
if ! command -v qemu-x86_64 >/dev/null; then
    [[ "$(id -u)" == 0 ]] || { echo "error: needs qemu-x86_64 (apt-get install qemu-user)" >&2; exit 1; }
    apt-get install -y -qq qemu-user >/dev/null
fi
bench_build src/ClassifierToolkit.Cli
bench_cpu
work="$(mktemp -d -t ctk-int8-avx2.XXXXXX)"
trap 'rm -rf "$work"' EXIT
dotnet_host="$(readlink -f "$(command -v dotnet)")"
haswell=(qemu-x86_64 -cpu Haswell-v4 "$dotnet_host" "${CTK[0]}.dll")

for weights in full reduced; do
    echo "== ctk quantize $model --weights $weights"
    "${CTK[@]}" quantize "$model" --calibration fashion-mnist --count "$count" --weights "$weights" -o "$work/int8-$weights.zip" | grep -E "Weights|agreement"
done
accuracy() { python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(f"{m[\"microAccuracy\"]:.4f} macro {m[\"macroAccuracy\"]:.4f}")' "$1/metrics.json"; }
for name in fp32 int8-full int8-reduced; do
    file=$([[ "$name" == fp32 ]] && echo "$model" || echo "$work/$name.zip")
    for where in native haswell; do
        runner=("${CTK[@]}")
        [[ "$where" == haswell ]] && runner=("${haswell[@]}")
        "${runner[@]}" evaluate "$file" --data fashion-mnist --limit "$limit" --report-dir "$work/$name-$where" > "$work/$name-$where.log" 2>&1 \
            || { grep -v "TCG doesn't support" "$work/$name-$where.log"; exit 1; }
        echo "RESULT model=$name cpu=$where images=$limit accuracy=$(accuracy "$work/$name-$where")"
    done
done
