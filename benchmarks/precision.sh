#!/usr/bin/env bash
# Training speed by precision on this machine: the seed recipe (fashion-mnist-cnn.json) and the time-to-accuracy recipe
# (fashion-mnist-cnn-fast.json), one epoch each on the first N training images, with training.precision fp32, bf16 and
# auto (what the recipe does here). Prints images/s and the time of a full 48,000-image epoch at that rate, per recipe
# and precision, with the rounds alternating (shared machines drift), medians over the rounds.
#
# --avx2 runs libtorch on its AVX2 kernels only (ONEDNN_MAX_CPU_ISA=AVX2, ATEN_CPU_CAPABILITY=avx2): on an AVX-512 machine,
# how a CPU without AVX-512 and bf16 trains (the same instructions, on this core). auto then chooses fp32, and bf16 warns.
#
# --precisions "fp32 auto" limits the precisions timed; --memory-format nchw|channels-last|auto sets training.memoryFormat.
#
# Usage: benchmarks/precision.sh [--rounds N] [--images N] [--bf16-images N] [--avx2] [--precisions LIST] [--memory-format F]
set -euo pipefail

rounds=3 images=12000 bf16_images="" avx2="" precisions="fp32 bf16 auto" memory_format=auto
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --images) images="$2"; shift 2 ;;
        --bf16-images) bf16_images="$2"; shift 2 ;;
        --avx2) avx2=1; shift ;;
        --precisions) precisions="$2"; shift 2 ;;
        --memory-format) memory_format="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
# Emulated bf16 is many times slower: fewer images keep its rounds short (the rate is what is compared).
bf16_images="${bf16_images:-$([[ -n "$avx2" ]] && echo $((images / 8)) || echo "$images")}"
if [[ -n "$avx2" ]]; then export ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2; fi

echo "== building (Release)"
bench_build src/ClassifierToolkit.Cli
bench_cpu
bench_warn_if_busy
work="$(mktemp -d -t ctk-precision.XXXXXX)"
trap 'rm -rf "$work"' EXIT

declare -A rates
for round in $(seq "$rounds"); do
    for recipe in fashion-mnist-cnn fashion-mnist-cnn-fast; do
        for precision in $precisions; do
            n=$([[ "$precision" == bf16 ]] && echo "$bf16_images" || echo "$images")
            out="$work/$recipe-$precision-$round"
            "${CTK[@]}" train "pipelines/$recipe.json" --epochs 1 --train-limit "$n" --test-limit 500 --output "$out/model.zip" \
                --set training.precision="$precision" --set training.memoryFormat="$memory_format" --set training.tensorBoard=false > "$out.log" 2>&1 || { cat "$out.log"; exit 1; }
            rate=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("%.0f %s" % (m["trainImages"] / m["epochs"][0]["trainSeconds"], m["compute"]["precision"]))' "$out/metrics.json")
            warned=$(grep -c "warning: training.precision is bf16" "$out.log" || true)
            echo "round $round $recipe precision=$precision memory_format=$memory_format ran=${rate#* } images/s=${rate% *} images=$n warned=$warned"
            rates["$recipe $precision"]+="${rate% *} "
        done
    done
done
echo "== medians (a full epoch is 48,000 images)"
for key in "${!rates[@]}"; do
    median=$(echo "${rates[$key]}" | tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    echo "RESULT recipe=${key% *} precision=${key#* } memory_format=$memory_format images/s=$median epoch_s=$(awk -v r="$median" 'BEGIN { printf "%.1f", 48000 / r }')"
done | sort
