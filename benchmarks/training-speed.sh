#!/usr/bin/env bash
# Training speed, each comparison in one run with alternating rounds (shared machines drift; absolute times are noisy):
#   1. loop overhead: the toolkit's TrainingLoop against a bare TorchSharp loop, same model and recipe (seed CNN, batch 64);
#   2. bf16 against fp32, NCHW against channels-last, in the toolkit's loop: the seed CNN (batch 256) and ResNet-20 (batch 128);
#   3. ResNet-20 (batch 128) and the seed's CIFAR ResNet-18 (batch 64), SGD with Nesterov momentum, ms per training image: the toolkit (fp32 and bf16,
#      NCHW and channels-last) against the same model and loop in PyTorch 1.13 (Debian's python3-torch, 2 threads; fp32, and bf16 under
#      torch.autocast; its default NCHW, and channels-last), rounds alternating.
# Prints each part's RESULT lines. See benchmarks/README.md for figures.
#
# Usage: benchmarks/training-speed.sh [--rounds N] [--images N] [--skip loop|precision|pytorch|resnet20-cifar|resnet18-cifar ...] [--augment]
set -euo pipefail

rounds=5 images=12000 augment="" skip=" "
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --images) images="$2"; shift 2 ;;
        --skip) skip+="$2 "; shift 2 ;;
        --augment) augment="--augment"; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
bench_cpu
python=/usr/bin/python3   # Debian's interpreter: the one that has python3-torch

echo "== building (Release)"
dotnet build -c Release benchmarks/TrainingSpeed -v quiet -nologo
speed() { dotnet run -c Release --no-build --project benchmarks/TrainingSpeed -- "$@"; }
read -r load _ < /proc/loadavg
echo "== $(nproc) cores, load average $load; $images images per round, $rounds timed rounds"

if [[ "$skip" != *" loop "* ]]; then
    echo "== 1. loop overhead: toolkit TrainingLoop vs bare TorchSharp (seed CNN, batch 64)"
    speed loop --model cnn --batch 64 --images "$images" --rounds "$rounds" | tail -4
fi
if [[ "$skip" != *" precision "* ]]; then
    echo "== 2. bf16 vs fp32, NCHW vs channels-last (toolkit loop)"
    speed model --model cnn --batch 256 --images "$images" --rounds "$rounds" --memory-format nchw channels-last $augment | grep RESULT
    speed model --model resnet20-cifar --batch 128 --images $((images / 4)) --rounds "$rounds" --memory-format nchw channels-last $augment | grep RESULT
fi
if [[ "$skip" != *" pytorch "* ]]; then
    echo "== 3. ResNets: toolkit vs PyTorch $("$python" -c 'import torch; print(torch.__version__)'), rounds alternating"
    # Rounds of 3,000 (ResNet-20) and 1,920 (ResNet-18, 30 batches) images: each toolkit round is a whole Fit, whose
    # once-per-run costs (a bf16 twin built, freed memory faulted back in) a handful of batches would overstate.
    for spec in "resnet20-cifar resnet20 128 $((images / 4))" "resnet18-cifar resnet18 64 $((images * 4 / 25))"; do
        read -r ours theirs batch count <<< "$spec"
        [[ "$skip" == *" $ours "* ]] && continue
        for ((round = 1; round <= rounds; round++)); do
            speed model --model "$ours" --optimizer sgd --batch "$batch" --images "$count" --rounds 1 --memory-format nchw channels-last $augment \
                | grep RESULT | sed "s/^/round $round toolkit /"
            for precision in fp32 bf16; do
                for format in nchw channels-last; do
                    "$python" benchmarks/pytorch_resnet.py --model "$theirs" --batch "$batch" --images "$count" --rounds 1 --threads 2 \
                        --precision "$precision" --memory-format "$format" $augment | grep RESULT | sed "s/^/round $round pytorch /"
                done
            done
        done
    done
fi
